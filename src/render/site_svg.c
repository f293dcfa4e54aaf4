/* site_svg.c: a chart's SVG file (sp_chart_svg) made fit to sit inside an
 * HTML page (site_html.h).
 *
 * Design choice: the same drawing as charts/<id>.svg, rewritten where an
 * inline copy must differ: no XML declaration, ids prefixed so the glyphs
 * and clip paths of two charts on one page never collide, no fixed size (the
 * stylesheet scales it to the column, the viewBox keeps its shape), no title
 * block or source line (the page's caption and source say them), and
 * role="img" named by its <title> (the finding) and described by its <desc>
 * (the alt text). Unlike the file, its words are <text> elements and the
 * area chart's marks plain shapes (SP_CHART_SVG_TEXT, svg_sink.h): a
 * fraction of the bytes of cairo's glyph outlines, and words a reader can
 * find and copy. */
#include "site_html.h"

#include <string.h>

#include "sendpack/chart.h"

/* Copy src to out with every id="x", href="#x" and url(#x) prefixed. Each
 * mark's next occurrence is looked for again only once it has been passed,
 * so a drawing is read once, however many ids it holds. */
static void prefix_ids(GString *out, const char *src, const char *prefix)
{
    static const char *const marks[] = {" id=\"", "href=\"#", "url(#"};
    enum { N = G_N_ELEMENTS(marks) };
    const char *next[N];
    for (size_t i = 0; i < N; i++)
        next[i] = strstr(src, marks[i]);
    const char *p = src;
    for (;;) {
        const char *best = NULL;
        size_t best_len = 0;
        for (size_t i = 0; i < N; i++) {
            if (next[i] && next[i] < p)
                next[i] = strstr(p, marks[i]);
            if (next[i] && (!best || next[i] < best)) {
                best = next[i];
                best_len = strlen(marks[i]);
            }
        }
        if (!best)
            break;
        g_string_append_len(out, p, (best - p) + (gssize)best_len);
        g_string_append(out, prefix);
        g_string_append_c(out, '-');
        p = best + best_len;
    }
    g_string_append(out, p);
}

int site_svg(GString *out, const sp_context *ctx, const char *chart_id, const char *prefix,
             sp_diags *diags)
{
    char *svg = sp_chart_svg(ctx, chart_id, SP_CHART_BARE | SP_CHART_SVG_TEXT, diags);
    if (!svg)
        return 1;
    const char *open = strstr(svg, "<svg");
    const char *end = open ? strchr(open, '>') : NULL;
    if (!end) {
        sp_diags_error(diags, NULL, 0, 0, "chart %s: no <svg> element in the drawing", chart_id);
        g_free(svg);
        return 1;
    }
    /* The opening tag, keeping its namespaces and viewBox only. */
    char *tag = g_strndup(open, (gsize)(end - open));
    const char *vb = strstr(tag, "viewBox=\"");
    char *viewbox = NULL;
    if (vb) {
        const char *q = strchr(vb + 9, '"');
        viewbox = q ? g_strndup(vb, (gsize)(q + 1 - vb)) : NULL;
    }
    g_string_append_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                           "xmlns:xlink=\"http://www.w3.org/1999/xlink\" %s class=\"chart\" "
                           "role=\"img\" aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\" "
                           "focusable=\"false\">",
                           viewbox ? viewbox : "", prefix, prefix);
    /* The rest, with the title and desc given ids. */
    GString *body = g_string_new(end + 1);
    const char *t = strstr(body->str, "<title>");
    if (t) {
        gssize at = t - body->str + 6;
        g_string_insert(body, at, " id=\"title\"");
    }
    const char *d = strstr(body->str, "<desc>");
    if (d) {
        gssize at = d - body->str + 5;
        g_string_insert(body, at, " id=\"desc\"");
    }
    prefix_ids(out, body->str, prefix);
    if (out->len && out->str[out->len - 1] != '\n')
        g_string_append_c(out, '\n');
    g_string_free(body, TRUE);
    g_free(viewbox);
    g_free(tag);
    g_free(svg);
    return 0;
}
