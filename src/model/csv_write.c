/* csv_write.c: one CSV row writer for every CSV sendpack writes (csv_write.h).
 * Quoting only where needed keeps the files readable in a text editor.
 *
 * Design choice: the OWASP CSV-injection rule is applied here, once, so no
 * CSV can miss it: a text cell starting with =, +, -, @, tab or carriage
 * return gets a leading single quote, which spreadsheets show as text
 * instead of running it as a formula. Numbers ("-0.05", "+3", "1e-05") are
 * left alone, so every numeric column still reads as numbers. */
#include "sendpack/csv_write.h"

#include <string.h>

bool sp_csv_is_number(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        p += 1 + frac;
        digits += frac;
    }
    if (!digits)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t exp = strspn(p, "0123456789");
        if (!exp)
            return false;
        p += exp;
    }
    return *p == '\0';
}

bool sp_csv_needs_guard(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) && !sp_csv_is_number(s);
}

void sp_csv_row(GString *out, size_t n, const char *const *fields)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            g_string_append_c(out, ',');
        sp_csv_field(out, fields[i]);
    }
    g_string_append(out, "\r\n");
}

void sp_csv_field(GString *out, const char *field)
{
    const char *s = field ? field : "";
    const char *guard = sp_csv_needs_guard(s) ? "'" : "";
    if (strpbrk(s, ",\"\r\n")) {
        g_string_append_c(out, '"');
        g_string_append(out, guard);
        /* runs up to and including each quote, then the quote again */
        const char *p = s, *q;
        while ((q = strchr(p, '"'))) {
            g_string_append_len(out, p, q - p + 1);
            g_string_append_c(out, '"');
            p = q + 1;
        }
        g_string_append(out, p);
        g_string_append_c(out, '"');
    } else {
        g_string_append(out, guard);
        g_string_append(out, s);
    }
}
