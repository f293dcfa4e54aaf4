/* format.c (model layer, so load, stats, render and publish may all use it):
 * numbers as a reader sees them ("82 of 149 (55%)", "£1.17 million"),
 * built digit by digit so the process locale never changes the output. */
#include "sendpack/format.h"

#include <glib.h>
#include <float.h>
#include <math.h>
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
static void grouped(double v, char *buf, size_t n)
{
    double r = sp_round_half_away(v);
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(r));
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
    snprintf(buf, n, "%s", tmp);
}

char *sp_fmt_count(double v, char *buf, size_t n)
{
    grouped(v, buf, n);
    return buf;
}

char *sp_fmt_pct(double p, char *buf, size_t n)
{
    snprintf(buf, n, "%.0f%%", sp_round_half_away(p * 100) + 0.0);
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

char *sp_fmt_number(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "null");
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        /* a whole number: its digits, as "%.0f" writes them (no "-0"),
         * without printf's floating-point path (millions of counts) */
        long long k = (long long)v;
        char d[24];
        int len = 0;
        unsigned long long u = k < 0 ? (unsigned long long)-k : (unsigned long long)k;
        do {
            d[len++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (k < 0)
            d[len++] = '-';
        size_t j = 0;
        while (len > 0 && j + 1 < n)
            buf[j++] = d[--len];
        if (n)
            buf[j] = '\0';
        return buf;
    }
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
