/* format.h: numbers, money and dates as a reader sees them, independent of
 * the process locale. Percentages round half away from zero.
 *   sp_fmt_pct(0.5503)          "55%"
 *   sp_fmt_count(1234)          "1,234"
 *   sp_fmt_gbp(1170000)         "£1.17 million";  sp_fmt_gbp(90000) "£90,000"
 *   sp_fmt_of(82, 149)          "82 of 149 (55%)"
 * Each writes into buf (n bytes) and returns buf. */
#ifndef SENDPACK_FORMAT_H
#define SENDPACK_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Round half away from zero to a whole number. */
double sp_round_half_away(double x);
char *sp_fmt_pct(double proportion, char *buf, size_t n);
char *sp_fmt_pct1(double proportion, char *buf, size_t n); /* "55.0%" */
char *sp_fmt_count(double v, char *buf, size_t n);
char *sp_fmt_gbp(double pounds, char *buf, size_t n);
char *sp_fmt_of(double k, double total, char *buf, size_t n);
/* Money as the House of Commons Library writes it, to three significant
 * figures: "£9.95 billion", "£55.0 million", "£1.20 million", "£265,000";
 * a negative amount with a minus sign, "−£4.10 million". */
char *sp_fmt_gbp3(double pounds, char *buf, size_t n);
/* A change as a share, signed, whole per cent: "+41%", "−3%", "0%". */
char *sp_fmt_pct_change(double proportion, char *buf, size_t n);
/* Shortest decimal that reads back as the same double ("0.55", "115"). */
char *sp_fmt_number(double v, char *buf, size_t n);
/* v with prec (0 to 18) digits after the point, the same text as printf's
 * "%.*f" in the C locale: the exactly rounded value, ties to even, a minus
 * sign whenever v's sign bit is set ("-0.000000"). Returns the length, or
 * -1 (nothing written) when |v| >= 2^63, v is not finite, prec is out of
 * range or the text does not fit in n bytes. */
int sp_fmt_fixed(double v, int prec, char *buf, size_t n);

/* g_strdup_printf's text, made without printf's machinery for the formats
 * figure ids and labels use, %s, %d and %% alone (millions of them, one
 * per area and measure, at scale); a format with any other conversion, a
 * width or a precision is handed to g_strdup_vprintf. Free with g_free. */
char *sp_strdup_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *sp_strdup_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
