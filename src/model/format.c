/* format.c (model layer, so load, stats, render and publish may all use it):
 * numbers as a reader sees them ("82 of 149 (55%)", "£1.17 million"),
 * built digit by digit so the process locale never changes the output. */
#include "sendpack/format.h"

#include <glib.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double sp_round_half_away(double x)
{
    /* Nudge by a few ulps so 0.545 stored as 0.54499999… still rounds up. */
    double a = fabs(x);
    double r = floor(a + 0.5 + a * 4 * DBL_EPSILON);
    return x < 0 ? -r : r;
}

/* Whole number with thousands separators. */
/* v as printf's "%.0f" writes it: by sp_fmt_fixed, without printf's cost
 * (about a thousand instructions a number, on every count of every page),
 * or by printf for the numbers sp_fmt_fixed does not cover. */
static void whole(double v, char *digits, size_t n)
{
    if (sp_fmt_fixed(v, 0, digits, n) < 0)
        snprintf(digits, n, "%.0f", v);
}

static void grouped(double v, char *buf, size_t n)
{
    double r = sp_round_half_away(v);
    char digits[64];
    whole(fabs(r), digits, sizeof digits);
    size_t len = strlen(digits), o = 0;
    char tmp[96];
    if (r < 0)
        tmp[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    tmp[o] = '\0';
    g_strlcpy(buf, tmp, n);
}

char *sp_fmt_count(double v, char *buf, size_t n)
{
    grouped(v, buf, n);
    return buf;
}

char *sp_fmt_pct(double p, char *buf, size_t n)
{
    double v = sp_round_half_away(p * 100) + 0.0;
    char digits[64];
    whole(v, digits, sizeof digits);
    g_strlcpy(buf, digits, n);
    g_strlcat(buf, "%", n);
    return buf;
}

char *sp_fmt_pct1(double p, char *buf, size_t n)
{
    /* clamped so the conversion to an integer is defined for any double */
    double tenths = sp_round_half_away(fmax(fmin(p, 1e9), -1e9) * 1000);
    long long t = (long long)fabs(tenths);
    snprintf(buf, n, "%s%lld.%lld%%", tenths < 0 ? "-" : "", t / 10, t % 10);
    return buf;
}

/* v rounded to 2 decimals, without trailing zeros: 1.17, 70, 1.5 */
static void short_decimal(double v, char *buf, size_t n)
{
    double hundredths = sp_round_half_away(v * 100);
    long long h = (long long)fabs(hundredths);
    const char *sign = hundredths < 0 ? "-" : "";
    if (h % 100 == 0)
        snprintf(buf, n, "%s%lld", sign, h / 100);
    else if (h % 10 == 0)
        snprintf(buf, n, "%s%lld.%lld", sign, h / 100, (h % 100) / 10);
    else
        snprintf(buf, n, "%s%lld.%02lld", sign, h / 100, h % 100);
}

char *sp_fmt_gbp(double pounds, char *buf, size_t n)
{
    char num[64];
    const char *sign = pounds < 0 ? "-" : "";
    double a = fabs(pounds);
    if (a >= 1e9) {
        short_decimal(a / 1e9, num, sizeof num);
        snprintf(buf, n, "%s£%s billion", sign, num);
    } else if (a >= 1e6) {
        /* one decimal place, as the house style sets it: £1.2 million, £55.0 million */
        double tenths = sp_round_half_away(a / 1e5);
        snprintf(buf, n, "%s£%lld.%lld million", sign, (long long)tenths / 10,
                 (long long)tenths % 10);
    } else {
        grouped(a, num, sizeof num);
        snprintf(buf, n, "%s£%s", sign, num);
    }
    return buf;
}

/* v (1 to 1000) to three significant figures, keeping trailing zeros:
 * 9.95, 55.0, 265; 9.996 carries to 10.0 */
static void three_figures(double v, char *buf, size_t n)
{
    int digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
    double scale = pow(10, digits);
    double r = sp_round_half_away(v * scale) / scale;
    if (digits > 0 && r >= 1000 / scale)
        digits--;
    snprintf(buf, n, "%.*f", digits, r);
}

char *sp_fmt_gbp3(double pounds, char *buf, size_t n)
{
    char num[64];
    const char *sign = pounds < 0 ? "\xe2\x88\x92" : "";
    double a = fabs(pounds);
    /* rounding may carry into the next unit: 999,999,999 is £1.00 billion */
    if (a >= 999.5e6) {
        three_figures(a / 1e9, num, sizeof num);
        snprintf(buf, n, "%s£%s billion", sign, num);
    } else if (a >= 999.5e3) {
        three_figures(a / 1e6, num, sizeof num);
        snprintf(buf, n, "%s£%s million", sign, num);
    } else {
        double mag = a >= 1000 ? pow(10, floor(log10(a)) - 2) : 1;
        grouped(sp_round_half_away(a / mag) * mag, num, sizeof num);
        snprintf(buf, n, "%s£%s", sign, num);
    }
    return buf;
}

char *sp_fmt_pct_change(double p, char *buf, size_t n)
{
    double r = sp_round_half_away(p * 100) + 0.0;
    snprintf(buf, n, "%s%.0f%%", r > 0 ? "+" : r < 0 ? "\xe2\x88\x92" : "", fabs(r));
    return buf;
}

char *sp_fmt_of(double k, double total, char *buf, size_t n)
{
    char a[32], b[32], p[16];
    sp_fmt_count(k, a, sizeof a);
    sp_fmt_count(total, b, sizeof b);
    if (total > 0)
        snprintf(buf, n, "%s of %s (%s)", a, b, sp_fmt_pct(k / total, p, sizeof p));
    else
        snprintf(buf, n, "%s of %s", a, b);
    return buf;
}

/* The digits of |v| correctly rounded to p significant figures (half to
 * even on an exact tie, as printf rounds), from v's exact binary value in
 * 128-bit integers: *digits is in [10^(p-1), 10^p), *exp10 the decimal
 * exponent of its first digit. False when v is outside the range this
 * covers (non-integers of magnitude 1e-6 to 1e15). */
__extension__ typedef unsigned __int128 u128;

/* |v| = mant / 2^s exactly, and x a first guess at the decimal exponent
 * of its first digit: worked out once for every precision tried. */
typedef struct {
    unsigned long long mant;
    int s, x;
} exact_value;

static bool exact_value_of(double v, exact_value *e)
{
    int e2;
    double m = frexp(fabs(v), &e2); /* |v| = m * 2^e2, m in [0.5, 1) */
    e->mant = (unsigned long long)ldexp(m, 53);
    e->s = 53 - e2;
    if (e->s <= 0 || e->s > 120)
        return false;
    e->x = (int)floor(log10(fabs(v)));
    return true;
}

static const unsigned long long POW10_U64[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
    10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};

static bool exact_digits(const exact_value *e, int p, unsigned long long *digits, int *exp10)
{
    int x = e->x, s = e->s;
    for (int tries = 0; tries < 3; tries++) {
        int k = p - 1 - x; /* digits = round(|v| * 10^k) */
        if (k < 0 || k > 22)
            return false;
        u128 pow10 = k < 20 ? (u128)POW10_U64[k] : (u128)POW10_U64[19] * POW10_U64[k - 19];
        u128 num = (u128)e->mant * pow10;
        u128 q = num >> s, r = num - (q << s), half = (u128)1 << (s - 1);
        unsigned long long lo = POW10_U64[p - 1], hi = lo * 10;
        if (q < lo) { /* x was one too high */
            x--;
            continue;
        }
        if (q >= hi) { /* one too low */
            x++;
            continue;
        }
        unsigned long long d = (unsigned long long)q;
        if (r > half || (r == half && (d & 1)))
            d++;
        if (d == hi) {
            d = lo;
            x++;
        }
        *digits = d;
        *exp10 = x;
        return true;
    }
    return false;
}

/* u's decimal digits, most significant first, into out (room for 20; no
 * NUL); their count. */
static int decimal_digits(unsigned long long u, char *out)
{
    char rev[20];
    int n = 0;
    do {
        rev[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n;
}

/* k's text as printf's %lld writes it, into out (room for 21; no NUL);
 * its length. */
static int signed_digits(long long k, char *out)
{
    int len = 0;
    if (k < 0)
        out[len++] = '-';
    return len + decimal_digits(k < 0 ? 0ULL - (unsigned long long)k : (unsigned long long)k,
                                out + len);
}

/* digits (p of them) times 10^(exp10 - p + 1) as printf's "%.<p>g" writes
 * it in the C locale, sign first. */
static void printf_g_text(bool negative, unsigned long long digits, int p, int exp10, char *out)
{
    char d[24];
    for (int i = p - 1; i >= 0; i--) {
        d[i] = (char)('0' + digits % 10);
        digits /= 10;
    }
    int used = p; /* trailing zeros dropped, as %g does */
    while (used > 1 && d[used - 1] == '0')
        used--;
    char *o = out;
    if (negative)
        *o++ = '-';
    if (exp10 < -4 || exp10 >= p) {
        *o++ = d[0];
        if (used > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)used - 1);
            o += used - 1;
        }
        *o++ = 'e';
        *o++ = exp10 < 0 ? '-' : '+';
        int a = abs(exp10);
        if (a >= 100)
            *o++ = (char)('0' + a / 100);
        *o++ = (char)('0' + a / 10 % 10);
        *o++ = (char)('0' + a % 10);
    } else if (exp10 < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = exp10 + 1; i < 0; i++)
            *o++ = '0';
        memcpy(o, d, (size_t)used);
        o += used;
    } else {
        memcpy(o, d, (size_t)exp10 + 1 > (size_t)used ? (size_t)used : (size_t)exp10 + 1);
        o += exp10 + 1 > used ? used : exp10 + 1;
        for (int i = used; i < exp10 + 1; i++)
            *o++ = '0';
        if (used > exp10 + 1) {
            *o++ = '.';
            memcpy(o, d + exp10 + 1, (size_t)(used - exp10 - 1));
            o += used - exp10 - 1;
        }
    }
    *o = '\0';
}

/* sp_fmt_number's text for a non-integer without printf or strtod: the
 * first of 15, 16, 17 significant figures that reads back as v, the read
 * back done exactly in double arithmetic (a whole number of at most 53
 * bits divided by a power of ten of at most 22, both exact, so the one
 * rounding is strtod's). False (nothing written) outside the range it
 * covers or when the reading back would need more bits. */
static bool exact_g(double v, char *buf, size_t n)
{
    static const double POW10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
                                   1e22};
    exact_value e;
    if (!(fabs(v) >= 1e-6 && fabs(v) < 1e15) || !exact_value_of(v, &e))
        return false;
    for (int p = 15; p <= 17; p++) {
        unsigned long long d;
        int x;
        if (!exact_digits(&e, p, &d, &x))
            return false;
        if (p < 17) {
            if (d > (1ULL << 53))
                return false;
            double back = (double)d / POW10[p - 1 - x];
            if (back != fabs(v))
                continue;
        }
        char tmp[40];
        printf_g_text(v < 0, d, p, x, tmp);
        g_strlcpy(buf, tmp, n);
        return true;
    }
    return false;
}

int sp_fmt_fixed(double v, int prec, char *buf, size_t n)
{
    if (prec < 0 || prec > 18 || !isfinite(v) || !(fabs(v) < 0x1p63))
        return -1;
    u128 pow10 = POW10_U64[prec];
    u128 q = 0; /* round(|v| * 10^prec), ties to even */
    if (v != 0) {
        /* |v| = mant / 2^s, read off the double's bits (frexp and ldexp
         * were a third of the instructions of a number cairo prints) */
        uint64_t bits;
        double a = fabs(v);
        memcpy(&bits, &a, sizeof bits);
        int biased = (int)(bits >> 52);
        unsigned long long mant = bits & ((1ULL << 52) - 1);
        if (biased)
            mant |= 1ULL << 52;
        int s = 1075 - (biased ? biased : 1); /* s >= -10 as |v| < 2^63 */
        u128 num = (u128)mant * pow10; /* < 2^53 * 10^18 < 2^113 */
        if (s <= 0) {
            q = num << -s;
        } else if (s < 120) { /* else num / 2^s < 2^-7: q stays 0 */
            q = num >> s;
            u128 r = num - (q << s), half = (u128)1 << (s - 1);
            if (r > half || (r == half && (q & 1)))
                q++;
        }
    }
    /* q almost always fits in 64 bits (cairo's coordinates at 6 digits),
     * where one division instruction replaces the 128-bit division
     * routine (__udivti3, a third of this function's instructions) */
    unsigned long long whole, frac;
    if ((q >> 64) == 0) {
        unsigned long long q64 = (unsigned long long)q, p64 = (unsigned long long)pow10;
        whole = q64 / p64;
        frac = q64 % p64;
    } else {
        whole = (unsigned long long)(q / pow10);
        frac = (unsigned long long)(q % pow10);
    }
    char tmp[48];
    int len = 0;
    if (signbit(v))
        tmp[len++] = '-';
    len += decimal_digits(whole, tmp + len);
    if (prec > 0) {
        tmp[len++] = '.';
        for (int i = prec - 1; i >= 0; i--) {
            tmp[len + i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        len += prec;
    }
    if ((size_t)len >= n)
        return -1;
    memcpy(buf, tmp, (size_t)len);
    buf[len] = '\0';
    return len;
}

char *sp_fmt_number(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "null");
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        /* a whole number: its digits, as "%.0f" writes them (no "-0"),
         * without printf's floating-point path (millions of counts) */
        char d[24];
        int len = signed_digits((long long)v, d);
        if (n) {
            size_t j = MIN((size_t)len, n - 1);
            memcpy(buf, d, j);
            buf[j] = '\0';
        }
        return buf;
    }
    if (exact_g(v, buf, n))
        return buf;
    char tmp[G_ASCII_DTOSTR_BUF_SIZE];
    for (int prec = 15; prec <= 17; prec++) {
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%.%dg", prec);
        g_ascii_formatd(tmp, sizeof tmp, fmt, v);
        if (g_ascii_strtod(tmp, NULL) == v)
            break;
    }
    snprintf(buf, n, "%s", tmp);
    return buf;
}

/* fmt's text with ap's arguments, written into out when out is not NULL;
 * its length, or -1 when fmt has any conversion but %s, %d and %% (ap is
 * used up either way). */
static long simple_format(const char *fmt, va_list ap, char *out)
{
    long len = 0;
    char digits[24];
    for (const char *p = fmt;;) {
        const char *q = strchr(p, '%');
        size_t run = q ? (size_t)(q - p) : strlen(p);
        if (out)
            memcpy(out + len, p, run);
        len += (long)run;
        if (!q)
            return len;
        p = q + 2;
        const char *piece;
        size_t n;
        switch (q[1]) {
        case 's':
            piece = va_arg(ap, const char *);
            if (!piece)
                piece = "(null)";
            n = strlen(piece);
            break;
        case 'd':
            piece = digits;
            n = (size_t)signed_digits(va_arg(ap, int), digits);
            break;
        case '%':
            piece = "%";
            n = 1;
            break;
        default:
            return -1; /* also a lone % at the end */
        }
        if (out)
            memcpy(out + len, piece, n);
        len += (long)n;
    }
}

char *sp_strdup_vformat(const char *fmt, va_list ap)
{
    va_list measure;
    va_copy(measure, ap);
    long len = simple_format(fmt, measure, NULL);
    va_end(measure);
    if (len < 0)
        return g_strdup_vprintf(fmt, ap);
    char *out = g_malloc((size_t)len + 1);
    simple_format(fmt, ap, out);
    out[len] = '\0';
    return out;
}

char *sp_strdup_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = sp_strdup_vformat(fmt, ap);
    va_end(ap);
    return out;
}
