/* test_format.c: numbers, money and dates as printed for readers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/date.h"
#include "sendpack/format.h"
#include "sendpack/model.h"
#include "sendpack/stats.h"
#include <glib.h>

static void test_percentages_round_half_away_from_zero(void **state)
{
    char b[32];
    assert_string_equal(sp_fmt_pct(0.545, b, sizeof b), "55%");
    assert_string_equal(sp_fmt_pct(0.125, b, sizeof b), "13%");
    assert_string_equal(sp_fmt_pct(82.0 / 149, b, sizeof b), "55%");
    assert_string_equal(sp_fmt_pct(6.0 / 24, b, sizeof b), "25%");
    assert_string_equal(sp_fmt_pct(0, b, sizeof b), "0%");
    assert_string_equal(sp_fmt_pct1(0.5503, b, sizeof b), "55.0%");
    assert_string_equal(sp_fmt_of(82, 149, b, sizeof b), "82 of 149 (55%)");
}

static void test_money_and_counts(void **state)
{
    char b[64];
    assert_string_equal(sp_fmt_gbp(1170000, b, sizeof b), "£1.2 million");
    assert_string_equal(sp_fmt_gbp(1270000, b, sizeof b), "£1.3 million");
    assert_string_equal(sp_fmt_gbp(70000000, b, sizeof b), "£70.0 million");
    assert_string_equal(sp_fmt_gbp(1500000, b, sizeof b), "£1.5 million");
    assert_string_equal(sp_fmt_gbp(78910000, b, sizeof b), "£78.9 million");
    assert_string_equal(sp_fmt_gbp(999000, b, sizeof b), "£999,000");
    assert_string_equal(sp_fmt_gbp(90000, b, sizeof b), "£90,000");
    assert_string_equal(sp_fmt_gbp(16000, b, sizeof b), "£16,000");
    assert_string_equal(sp_fmt_count(1234567, b, sizeof b), "1,234,567");
    assert_string_equal(sp_fmt_count(149, b, sizeof b), "149");
    assert_string_equal(sp_fmt_number(0.75, b, sizeof b), "0.75");
    assert_string_equal(sp_fmt_number(115, b, sizeof b), "115");
}

/* Counts and percentages, on every page, are written without printf; the
 * text is printf's: "%.0f%%" of the rounded percentage, and "%.0f" of the
 * rounded count with a comma every three digits. */
static void test_counts_and_percentages_as_printf(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(20261202);
    for (int i = 0; i < 200000; i++) {
        double v;
        switch (i % 5) {
        case 0: v = i / 1000.0 - 50; break;                            /* halves, negatives */
        case 1: v = g_rand_double_range(rng, -1, 2); break;           /* shares */
        case 2: v = (double)g_rand_int(rng) * g_rand_int_range(rng, 1, 100000); break;
        case 3: v = ldexp(g_rand_double(rng), g_rand_int_range(rng, -20, 80)); break;
        default: v = -(double)g_rand_int_range(rng, 0, 2000000) / 2; break;
        }
        char got[96], want[96], digits[96];
        snprintf(want, sizeof want, "%.0f%%", sp_round_half_away(v * 100) + 0.0);
        sp_fmt_pct(v, got, sizeof got);
        if (strcmp(got, want) != 0)
            fail_msg("sp_fmt_pct(%.17g): %s, printf %s", v, got, want);
        double r = sp_round_half_away(v);
        snprintf(digits, sizeof digits, "%.0f", fabs(r));
        size_t len = strlen(digits), o = 0;
        if (r < 0)
            want[o++] = '-';
        for (size_t k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0)
                want[o++] = ',';
            want[o++] = digits[k];
        }
        want[o] = '\0';
        sp_fmt_count(v, got, sizeof got);
        if (strcmp(got, want) != 0)
            fail_msg("sp_fmt_count(%.17g): %s, printf %s", v, got, want);
    }
    char small[3];
    assert_string_equal(sp_fmt_pct(0.55, small, sizeof small), "55"); /* cut as snprintf cuts */
    assert_string_equal(sp_fmt_count(1234, small, sizeof small), "1,");
    g_rand_free(rng);
}

/* The House of Commons Library's way: three significant figures, trailing
 * zeros kept, a unit carried when rounding reaches it, a real minus sign. */
static void test_money_three_figures(void **state)
{
    char b[64];
    assert_string_equal(sp_fmt_gbp3(9952172126, b, sizeof b), "£9.95 billion");
    assert_string_equal(sp_fmt_gbp3(55017590, b, sizeof b), "£55.0 million");
    assert_string_equal(sp_fmt_gbp3(1200000, b, sizeof b), "£1.20 million");
    assert_string_equal(sp_fmt_gbp3(265432, b, sizeof b), "£265,000");
    assert_string_equal(sp_fmt_gbp3(999999999, b, sizeof b), "£1.00 billion");
    assert_string_equal(sp_fmt_gbp3(99960000, b, sizeof b), "£100 million");
    assert_string_equal(sp_fmt_gbp3(9996000, b, sizeof b), "£10.0 million");
    assert_string_equal(sp_fmt_gbp3(2888941745, b, sizeof b), "£2.89 billion");
    assert_string_equal(sp_fmt_gbp3(-4100000, b, sizeof b), "\xe2\x88\x92£4.10 million");
    assert_string_equal(sp_fmt_gbp3(950, b, sizeof b), "£950");
    assert_string_equal(sp_fmt_pct_change(0.409, b, sizeof b), "+41%");
    assert_string_equal(sp_fmt_pct_change(-0.03, b, sizeof b), "\xe2\x88\x92" "3%");
    assert_string_equal(sp_fmt_pct_change(0.001, b, sizeof b), "0%");
}

/* figures.json's numbers as the definition says: the first of "%.15g",
 * "%.16g", "%.17g" that reads back as the same double (printf and strtod,
 * the slow way sp_fmt_number avoids). */
static void by_printf(double v, char *buf, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, n, "%.0f", v + 0.0);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        g_ascii_formatd(buf, (gint)n, prec == 15 ? "%.15g" : prec == 16 ? "%.16g" : "%.17g", v);
        if (g_ascii_strtod(buf, NULL) == v)
            return;
    }
}

static void check_number(double v)
{
    char got[64], want[64];
    sp_fmt_number(v, got, sizeof got);
    by_printf(v, want, sizeof want);
    if (strcmp(got, want) != 0)
        fail_msg("%.17g: sp_fmt_number gives %s, printf %s", v, got, want);
}

/* Shares k/n and their Wilson intervals (most of figures.json), tenths and
 * hundredths, numbers next to powers of ten, tiny and huge ones, and
 * random bit patterns: sp_fmt_number writes each as printf would. */
static void test_numbers_as_printf_writes_them(void **state)
{
    for (int n = 1; n <= 400; n++) {
        for (int k = 0; k <= n; k++) {
            double lo, hi;
            sp_wilson(k, n, 1.959963984540054, &lo, &hi);
            check_number((double)k / n);
            check_number(-(double)k / n);
            check_number(lo);
            check_number(hi);
            check_number(k / 100.0 + n);
        }
    }
    const double edges[] = {0.1, 0.2, 0.3, 1e-5, 1.5e-5, 9.999999999999999e-5, 1e-4, 1e-6, 1e-7,
                            0.99999999999999989, 999999999999999.9, 1e15, 1e15 + 0.5, 1e16,
                            123456789012345.67, 5e-324, 1.7976931348623157e308, 0.5,
                            2.5e-6, 0.0001, 0.00012345678901234567, 4503599627370495.5};
    for (size_t i = 0; i < G_N_ELEMENTS(edges); i++) {
        check_number(edges[i]);
        check_number(-edges[i]);
        check_number(nextafter(edges[i], 0));
        check_number(nextafter(edges[i], 1e300));
    }
    GRand *r = g_rand_new_with_seed(20);
    for (int i = 0; i < 200000; i++) {
        guint64 bits = ((guint64)g_rand_int(r) << 32) | g_rand_int(r);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (isfinite(v))
            check_number(v);
        check_number(ldexp(g_rand_double(r), g_rand_int_range(r, -24, 52)));
    }
    g_rand_free(r);
}

static void test_output_ignores_process_locale(void **state)
{
    char b[64];
    if (setlocale(LC_ALL, "de_DE.UTF-8") || setlocale(LC_ALL, "fr_FR.UTF-8")) {
        assert_string_equal(sp_fmt_number(0.75, b, sizeof b), "0.75");
        assert_string_equal(sp_fmt_gbp(1170000, b, sizeof b), "£1.2 million");
        setlocale(LC_ALL, "C");
    }
}

static void test_dates(void **state)
{
    sp_date d;
    assert_true(sp_date_parse("31/03/2021", &d));
    assert_int_equal(d, 20210331);
    assert_true(sp_date_parse("2021-03-31", &d));
    assert_int_equal(d, 20210331);
    assert_true(sp_date_parse("2021/03/31", &d));
    assert_int_equal(d, 20210331);
    assert_false(sp_date_parse("31/3/21x", &d));
    assert_false(sp_date_parse("30/02/2021", &d));
    assert_false(sp_date_parse("", &d));
    assert_false(sp_date_parse("Not revisited yet", &d));
    char b[32];
    sp_date_long(20220831, b, sizeof b);
    assert_string_equal(b, "31 August 2022");
    sp_date_long(20210301, b, sizeof b);
    assert_string_equal(b, "1 March 2021");
    assert_float_equal(sp_date_serial(20210331), 44286, 0); /* as Excel shows it */
    assert_int_equal(sp_date_from_epoch(sp_date_epoch(20240229)), 20240229);
    assert_int_equal(sp_date_epoch(19700102), 86400);
}

static void test_slugs(void **state)
{
    char *s = sp_slug("North East, Yorkshire and the Humber");
    assert_string_equal(s, "north-east-yorkshire-and-the-humber");
    g_free(s);
    s = sp_slug("East of England");
    assert_string_equal(s, "east-of-england");
    g_free(s);
    s = sp_slug("../King's Lynn & West/Norfolk ");
    assert_string_equal(s, "kings-lynn-west-norfolk");
    g_free(s);
}

/* Numbers to print: random bit patterns over every magnitude, and the
 * kinds a page's drawing has (coordinates, k/100, exact halves of the
 * last digit, which must round to even). */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static double sample(int i)
{
    uint64_t r = next_random();
    switch (i % 5) {
    case 0: { /* any finite double */
        double v;
        memcpy(&v, &r, sizeof v);
        return isfinite(v) ? v : 1.5;
    }
    case 1: /* a coordinate on a page, to the thousandth */
        return ((double)(int64_t)(r % 2000000) - 1000000.0) / 1000.0;
    case 2: /* k / 2^j: exact, often a tie at some precision */
        return ldexp((double)(r % 100000) * ((r >> 40) & 1 ? -1 : 1), -(int)((r >> 20) % 60));
    case 3: /* small and large magnitudes */
        return ldexp((double)(r >> 11) / 9007199254740992.0, (int)((r >> 3) % 140) - 75);
    default: /* a share or a point size */
        return (double)(r % 100000) / 100.0;
    }
}

/* sp_strdup_format writes what g_strdup_printf writes: its own %s, %d and
 * %% (a null string, the extreme ints), and every other format handed on. */
#define SAME_AS_PRINTF(...)                                                                \
    do {                                                                                   \
        char *mine = sp_strdup_format(__VA_ARGS__), *glib = g_strdup_printf(__VA_ARGS__);  \
        assert_string_equal(mine, glib);                                                   \
        g_free(mine);                                                                      \
        g_free(glib);                                                                      \
    } while (0)

static void test_strdup_format_same_as_printf(void **state)
{
    (void)state;
    const char *volatile null = NULL; /* hidden from the compiler's null check */
    SAME_AS_PRINTF("area.%s.ehcp.%d.within_20_weeks.share", "e08000016", 2021);
    SAME_AS_PRINTF("%s: EHC plans issued within 20 weeks, %d", "Barnsley", 2016);
    SAME_AS_PRINTF("%d%d%s%s", -1, 0, "", "\xc3\xa9");
    SAME_AS_PRINTF("%d and %d", INT_MIN, INT_MAX);
    SAME_AS_PRINTF("100%% of %s, 5%%", "areas");
    SAME_AS_PRINTF("%s|%s", null, "x");
    SAME_AS_PRINTF("no conversion");
    SAME_AS_PRINTF("%s", "");
    /* handed to printf: widths, precisions, other conversions */
    SAME_AS_PRINTF("%5d|%-4s|", 42, "ab");
    SAME_AS_PRINTF("%.2f %s", 1.005, "x");
    SAME_AS_PRINTF("%s %ld %zu %c %x", "a", -5L, (size_t)7, 'q', 255u);
    SAME_AS_PRINTF("%d %.3s", 7, "abcdef");
    for (int i = -1000; i <= 1000; i += 7)
        SAME_AS_PRINTF("area.%s.%d", "k", i * 1000003);
}

static void test_fixed_point_same_as_printf(void **state)
{
    (void)state;
    char want[512], got[64];
    for (int i = 0; i < 60000; i++) {
        double v = sample(i);
        for (int prec = 0; prec <= 18; prec++) {
            int len = sp_fmt_fixed(v, prec, got, sizeof got);
            if (!(fabs(v) < 0x1p63)) {
                assert_int_equal(len, -1);
                continue;
            }
            int n = snprintf(want, sizeof want, "%.*f", prec, v);
            if (strcmp(got, want) != 0 || len != n)
                fail_msg("%.17g at %d: \"%s\", printf \"%s\"", v, prec, got, want);
        }
    }
    /* ties to even, signs, the edges of the range */
    const double edge[] = {0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.0078125, -1e-9, 1e-300,
                           0x1p63 - 1024, -0x1p62, 123456789.0000005, 0.1, 595.2755905511812,
                           /* subnormal, the smallest normal, 2^64 and above times 10^prec */
                           5e-324, -0x1p-1022, 1e18, 18446744073709.551, 0x1p53 + 2};
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
        for (int prec = 0; prec <= 18; prec++) {
            snprintf(want, sizeof want, "%.*f", prec, edge[i]);
            assert_true(sp_fmt_fixed(edge[i], prec, got, sizeof got) >= 0);
            assert_string_equal(got, want);
        }
    assert_string_equal((sp_fmt_fixed(-0.0, 6, got, sizeof got), got), "-0.000000");
    assert_int_equal(sp_fmt_fixed(0x1p63, 0, got, sizeof got), -1);
    assert_int_equal(sp_fmt_fixed(NAN, 3, got, sizeof got), -1);
    assert_int_equal(sp_fmt_fixed(1.0, 19, got, sizeof got), -1);
    assert_int_equal(sp_fmt_fixed(12345.678, 3, got, 9), -1); /* "12345.678" needs 10 */
    assert_int_equal(sp_fmt_fixed(12345.678, 3, got, 10), 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percentages_round_half_away_from_zero),
        cmocka_unit_test(test_money_and_counts),
        cmocka_unit_test(test_money_three_figures),
        cmocka_unit_test(test_counts_and_percentages_as_printf),
        cmocka_unit_test(test_numbers_as_printf_writes_them),
        cmocka_unit_test(test_output_ignores_process_locale),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_slugs),
        cmocka_unit_test(test_fixed_point_same_as_printf),
        cmocka_unit_test(test_strdup_format_same_as_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
