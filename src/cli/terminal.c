/* terminal.c: text made safe for a terminal (cli.h). Labels, area names and
 * file names come from files anyone can craft: printed raw, an ESC, BEL or CR
 * in them could set the window title, ring the bell, clear the screen or
 * overwrite what was printed before. Every such byte is shown escaped. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *sp_cli_escape(const char *s, bool keep_newlines)
{
    GString *o = g_string_new(NULL);
    const char *p = s ? s : "";
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n' && keep_newlines) {
            g_string_append_c(o, '\n');
            p++;
        } else if (c == '\r' && keep_newlines && p[1] == '\n') {
            p++; /* CRLF line ends of CSV: shown as plain line ends */
        } else if (c < 0x80) {
            if (c == '\t')
                g_string_append_c(o, '\t');
            else if (c == '\n')
                g_string_append(o, "\\n");
            else if (c == '\r')
                g_string_append(o, "\\r");
            else if (c < 0x20 || c == 0x7f)
                g_string_append_printf(o, "\\x%02x", c);
            else
                g_string_append_c(o, (char)c);
            p++;
        } else {
            gunichar u = g_utf8_get_char_validated(p, -1);
            if (u == (gunichar)-1 || u == (gunichar)-2) {
                g_string_append_printf(o, "\\x%02x", c); /* not UTF-8 */
                p++;
                continue;
            }
            const char *next = g_utf8_next_char(p);
            /* C1 controls (U+0080-U+009F: CSI among them) and the bidi
             * overrides that reorder what the reader sees */
            if (u < 0xa0 || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069))
                g_string_append_printf(o, "\\u%04x", u);
            else
                g_string_append_len(o, p, next - p);
            p = next;
        }
    }
    return g_string_free(o, FALSE);
}

void sp_cli_print(FILE *to, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *safe = sp_cli_escape(text, true);
    fputs(safe, to);
    g_free(safe);
    g_free(text);
}

bool sp_cli_write_data(FILE *to, const char *text)
{
    size_t len = strlen(text);
    if (!isatty(fileno(to)))
        return fwrite(text, 1, len, to) == len;
    char *safe = sp_cli_escape(text, true);
    bool ok = fputs(safe, to) >= 0;
    g_free(safe);
    return ok;
}
