/* snprintf_fast.c: snprintf (and its fortified entry, __snprintf_chk) for
 * the sendpack program, with a fast path for the few formats cairo's PDF
 * and SVG writers print every coordinate with.
 *
 * Why: cairo writes each number of a page's drawing through
 * snprintf("%f"), "%.18f" or "%.*f" (cairo-output-stream.c, _cairo_dtostr)
 * and glibc's exact floating-point printing costs about 1,900
 * instructions a number: a fifth of all the instructions of a build with
 * the area profiles (callgrind), about a tenth of its CPU time. An
 * executable's definition of a function comes before the C library's for
 * every shared library it loads (ELF symbol interposition), so cairo's
 * calls arrive here.
 *
 * What: exactly these formats, with a double in the C locale's decimal
 * point, are written by sp_fmt_fixed (format.h), which prints the same
 * digits as glibc (test_format checks it against glibc's own on 60,000
 * numbers at every precision); "%d" by sp_fmt_number; every other call,
 * and any number sp_fmt_fixed does not cover, goes to the C library's
 * vsnprintf or __vsnprintf_chk unchanged. Linked into the program and
 * test_snprintf_fast only (not the core library), and left out of clang's
 * AddressSanitizer builds, whose static run-time defines snprintf itself. */
#undef _FORTIFY_SOURCE /* this file defines what fortified headers wrap */
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/format.h"

#if defined(__clang__) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SP_NO_FAST_SNPRINTF 1
#endif
#endif

#ifndef SP_NO_FAST_SNPRINTF

int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format,
                    va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

/* The formats taken here: 'f' for a double ("%f", "%.18f", "%.*f"), 'd'
 * for an int, else 0. prec: the digits after the point (-1: from the
 * arguments). */
static char fast_kind(const char *f, int *prec)
{
    if (f[0] != '%')
        return 0;
    if (strcmp(f, "%f") == 0) {
        *prec = 6;
        return 'f';
    }
    if (strcmp(f, "%.*f") == 0) {
        *prec = -1;
        return 'f';
    }
    if (strcmp(f, "%.18f") == 0) {
        *prec = 18;
        return 'f';
    }
    if (strcmp(f, "%d") == 0)
        return 'd';
    return 0;
}

/* nl_langinfo rather than localeconv, which builds its whole structure
 * on every call (about 100 instructions, for every number cairo writes). */
static bool point_is_dot(void)
{
    const char *p = nl_langinfo(RADIXCHAR);
    return p && p[0] == '.' && p[1] == '\0';
}

/* As snprintf would: at most n - 1 bytes and a NUL; the full length. */
static int put(char *s, size_t n, const char *text, int len)
{
    if (n > 0) {
        size_t k = (size_t)len < n ? (size_t)len : n - 1;
        memcpy(s, text, k);
        s[k] = '\0';
    }
    return len;
}

/* The text of one fast format from ap into out (64 bytes); its length, or
 * -1 when the C library must write it. */
static int fast_text(char kind, int prec, va_list ap, char *out)
{
    if (kind == 'd') /* an int's digits, as sp_fmt_number writes a whole number */
        return (int)strlen(sp_fmt_number((double)va_arg(ap, int), out, 64));
    if (prec < 0)
        prec = va_arg(ap, int);
    double v = va_arg(ap, double);
    return point_is_dot() ? sp_fmt_fixed(v, prec, out, 64) : -1;
}

/* format written into s (n bytes) as snprintf would, when it is one of the
 * fast formats: true, and its full length in *len; else false (ap is spent
 * either way: the caller starts again from its own arguments). */
static bool fast(char *s, size_t n, const char *format, va_list ap, int *len)
{
    int prec = 0;
    char kind = fast_kind(format, &prec), text[64];
    int l = kind ? fast_text(kind, prec, ap, text) : -1;
    if (l < 0)
        return false;
    *len = put(s, n, text, l);
    return true;
}

int snprintf(char *s, size_t n, const char *format, ...)
{
    va_list ap;
    int len = 0;
    va_start(ap, format);
    bool done = fast(s, n, format, ap, &len);
    va_end(ap);
    if (done)
        return len;
    va_start(ap, format);
    len = vsnprintf(s, n, format, ap);
    va_end(ap);
    return len;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...)
{
    va_list ap;
    int len = 0;
    va_start(ap, format);
    bool done = slen >= maxlen && fast(s, maxlen, format, ap, &len);
    va_end(ap);
    if (done)
        return len;
    /* the C library's, with its checks (a buffer smaller than said stops
     * the program) */
    va_start(ap, format);
    len = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return len;
}

#endif
