/* csv_write.c: one CSV row writer for every CSV sendpack writes (csv_write.h).
 * Quoting only where needed keeps the files readable in a text editor. */
#include "sendpack/csv_write.h"

#include <string.h>

void sp_csv_row(GString *out, size_t n, const char *const *fields)
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
