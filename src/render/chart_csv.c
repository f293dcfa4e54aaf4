/* chart_csv.c: the numbers a chart draws, as CSV (RFC 4180: fields with a
 * comma, quote or line break are quoted, quotes doubled, CRLF line ends).
 * Numbers are written as the shortest decimal that reads back the same
 * (format.h), so a reader can check them against the figures table. */
#include "chart_frame.h"

#include <math.h>
#include <string.h>

#include "sendpack/format.h"

void chart_csv_row(GString *out, size_t n, const char *const *fields)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = fields[i] ? fields[i] : "";
        if (i)
            g_string_append_c(out, ',');
        if (strpbrk(s, ",\"\r\n")) {
            g_string_append_c(out, '"');
            for (const char *p = s; *p; p++) {
                if (*p == '"')
                    g_string_append_c(out, '"');
                g_string_append_c(out, *p);
            }
            g_string_append_c(out, '"');
        } else {
            g_string_append(out, s);
        }
    }
    g_string_append(out, "\r\n");
}

const char *chart_csv_num(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        g_strlcpy(buf, "", n);
        return buf;
    }
    return sp_fmt_number(v, buf, n);
}
