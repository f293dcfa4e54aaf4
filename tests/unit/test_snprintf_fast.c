/* test_snprintf_fast.c: the program's own snprintf (src/snprintf_fast.c,
 * linked into this test as into sendpack) writes what the C library's
 * would, for the formats it takes itself ("%f", "%.18f", "%.*f", "%d")
 * and for every other, which it hands on: the same text, the same length
 * returned, cut short the same way in a small buffer. The reference is
 * vsnprintf, which the file does not replace. */
#define _GNU_SOURCE /* dladdr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#if defined(__clang__) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLANG_ASAN 1 /* snprintf_fast.c is left out: see it */
#endif
#endif

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

static int reference(char *s, size_t n, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int len = vsnprintf(s, n, format, ap);
    va_end(ap);
    return len;
}

/* The same call through both, in buffers of n bytes (0 included). */
#define SAME(n, ...)                                                                  \
    do {                                                                              \
        char got[128], want[128];                                                     \
        memset(got, 'x', sizeof got);                                                 \
        memset(want, 'x', sizeof want);                                               \
        int lg = snprintf(got, (n), __VA_ARGS__), lw = reference(want, (n), __VA_ARGS__); \
        assert_int_equal(lg, lw);                                                     \
        assert_memory_equal(got, want, sizeof got);                                   \
        int lc = __snprintf_chk(got, (n), 1, sizeof got, __VA_ARGS__);                \
        assert_int_equal(lc, lw);                                                     \
        assert_memory_equal(got, want, sizeof got);                                   \
    } while (0)

static void test_numbers_as_the_c_library_writes_them(void **state)
{
    (void)state;
    /* the calls here reach this program's snprintf, not the C library's
     * (where the file is built in: not under clang's AddressSanitizer) */
    Dl_info where;
    assert_true(dladdr((void *)snprintf, &where) != 0);
#ifndef CLANG_ASAN
    assert_null(strstr(where.dli_fname, "libc.so"));
#endif
    const double v[] = {0.0, -0.0, 1.0, -2.5, 0.5, 1.5, 595.2755905511812, 841.889763779528,
                        0.0078125, -1e-9, 0.1, 0.07, 1e-5, 123456789.123, 1e17, 1e300, -1e300,
                        INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        SAME(128, "%f", v[i]);
        SAME(128, "%.18f", v[i]);
        for (int prec = -2; prec <= 20; prec++)
            SAME(128, "%.*f", prec, v[i]);
    }
    const int k[] = {0, 7, -1, 42, 1000000, INT_MAX, INT_MIN};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        SAME(128, "%d", k[i]);
}

static void test_small_buffers_cut_the_same(void **state)
{
    (void)state;
    for (size_t n = 0; n <= 12; n++) {
        SAME(n, "%f", 595.2755905511812);
        SAME(n, "%.*f", 3, -12.3456);
        SAME(n, "%d", -123456);
        SAME(n, "%s %d", "pages", 12);
    }
}

static void test_other_formats_handed_on(void **state)
{
    (void)state;
    SAME(128, "%g", 0.1);
    SAME(128, "%.3f", 2.0005); /* a fixed precision it does not take */
    SAME(128, "%5d", 42);
    SAME(128, "%ld", 1234567890123L);
    SAME(128, "%f %f", 1.0, 2.0);
    SAME(128, "plain text");
    SAME(128, "%%f");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_as_the_c_library_writes_them),
        cmocka_unit_test(test_small_buffers_cut_the_same),
        cmocka_unit_test(test_other_formats_handed_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
