/* pdf_tagged.c: turn cairo's tagged PDF into one that screen readers treat
 * as tagged (pdf_layout.h, sp_pdf_mark_tagged).
 *
 * Design choice: an incremental update (PDF 1.7, 7.5.6) rather than a PDF
 * library: cairo's bytes stay as they are, and after them come a new copy of
 * the catalog with the missing entries, a one-entry cross-reference section
 * and a trailer pointing back (/Prev) at cairo's. Every reader applies it;
 * qpdf --check accepts it; the output depends only on the input bytes. */
#include "sendpack/pdf_layout.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last occurrence of needle in hay[0..n). */
static const char *last_of(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/* The number after key ("/Root 786 0 R" -> 786) within [from, to). */
static long number_after(const char *from, const char *to, const char *key)
{
    const char *k = g_strstr_len(from, to - from, key);
    if (!k)
        return -1;
    return strtol(k + strlen(key), NULL, 10);
}

static int fail(sp_diags *diags, const char *path, const char *why)
{
    sp_diags_error(diags, path, 0, 0, "cannot mark the PDF as tagged: %s", why);
    return 1;
}

int sp_pdf_mark_tagged(const char *path, const char *lang, sp_diags *diags)
{
    gchar *pdf = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &pdf, &n, NULL))
        return fail(diags, path, "the file cannot be read");
    int rc = 0;
    const char *sx = last_of(pdf, n, "startxref");
    const char *tr = last_of(pdf, n, "trailer");
    long prev = sx ? strtol(sx + 9, NULL, 10) : -1;
    long root = tr && sx ? number_after(tr, sx, "/Root ") : -1;
    long size = tr && sx ? number_after(tr, sx, "/Size ") : -1;
    long info = tr && sx ? number_after(tr, sx, "/Info ") : -1;
    char *head = g_strdup_printf("\n%ld 0 obj\n", root);
    const char *obj = root > 0 ? last_of(pdf, n, head) : NULL;
    const char *dict = obj ? strstr(obj, "<<") : NULL;
    const char *end = obj ? strstr(obj, "endobj") : NULL;
    if (prev <= 0 || root <= 0 || size <= root || !dict || !end || dict > end) {
        rc = fail(diags, path, "no classic trailer and catalog as cairo writes them");
    } else if (g_strstr_len(dict, end - dict, "/MarkInfo")) {
        rc = 0; /* already marked */
    } else {
        /* the catalog's entries, without its closing ">>" */
        const char *close = last_of(dict, (size_t)(end - dict), ">>");
        GString *upd = g_string_new(NULL);
        size_t at = n + 1; /* after the "\n" that starts the update */
        g_string_append_printf(upd, "\n%ld 0 obj\n", root);
        g_string_append_len(upd, dict, close - dict);
        g_string_append_printf(upd, "   /MarkInfo << /Marked true >>\n"
                                    "   /Lang (%s)\n"
                                    "   /ViewerPreferences << /DisplayDocTitle true >>\n"
                                    ">>\nendobj\n", lang);
        size_t xref = n + upd->len;
        g_string_append_printf(upd, "xref\n%ld 1\n%010zu 00000 n \n", root, at);
        g_string_append_printf(upd, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
        if (info > 0)
            g_string_append_printf(upd, "   /Info %ld 0 R\n", info);
        g_string_append_printf(upd, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
        FILE *f = fopen(path, "ab");
        if (!f || fwrite(upd->str, 1, upd->len, f) != upd->len) {
            rc = fail(diags, path, g_strerror(errno));
        }
        if (f && fclose(f) != 0 && rc == 0)
            rc = fail(diags, path, g_strerror(errno));
        g_string_free(upd, TRUE);
    }
    g_free(head);
    g_free(pdf);
    return rc;
}
