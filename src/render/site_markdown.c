/* site_markdown.c: a template turned into HTML for the site (site_html.h):
 * the same expansion ({{id|format}}, if/unless blocks) and the same chart:
 * and table: blocks, numbered alike, as the PDF (briefing_doc.h); cmark's
 * HTML renderer for everything else.
 *
 * Design choice: the cmark tree is edited before rendering rather than the
 * HTML after it: template comments and raw HTML are dropped, headings
 * become custom blocks carrying an id (so every section can be linked to)
 * at a level that fits the page, block quotes become the summary box,
 * images that are not chart: or table: become their alt text (nothing is
 * ever fetched), and a paragraph holding only a chart: or table: image
 * becomes a custom block with the figure or table written here. */
#include "site_html.h"

#include "markdown_ref.h"

#include <cmark.h>
#include <string.h>

#include "sendpack/chart.h"

void site_heading_free(gpointer h)
{
    site_heading *x = h;
    g_free(x->id);
    g_free(x->text);
    g_free(x);
}

static void plain(GString *out, cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        const char *lit = cmark_node_get_literal(c);
        cmark_node_type t = cmark_node_get_type(c);
        if ((t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) && lit)
            g_string_append(out, lit);
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            g_string_append_c(out, ' ');
        else
            plain(out, c);
    }
}

typedef struct {
    site_doc *d;
    sp_diags *diags;
    int last_level;
    int status;
} walker;

/* Replace n by a custom block writing enter ... exit around n's children. */
static cmark_node *wrap(cmark_node *n, const char *enter, const char *exit)
{
    cmark_node *cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(cb, enter);
    cmark_node_set_on_exit(cb, exit);
    cmark_node *c;
    while ((c = cmark_node_first_child(n)) != NULL)
        if (!cmark_node_append_child(cb, c))
            cmark_node_free(c);
    cmark_node_replace(n, cb);
    cmark_node_free(n);
    return cb;
}

static void heading(walker *w, cmark_node *n)
{
    site_doc *d = w->d;
    int level = cmark_node_get_heading_level(n) + d->shift;
    if (level > w->last_level + 1)
        level = w->last_level + 1;
    level = CLAMP(level, 1, 6);
    w->last_level = level;
    GString *text = g_string_new(NULL);
    plain(text, n);
    char *id = site_unique_id(d->ids, text->str);
    if (d->headings) {
        site_heading *h = g_new0(site_heading, 1);
        h->level = level;
        h->id = g_strdup(id);
        h->text = g_strdup(text->str);
        g_ptr_array_add(d->headings, h);
    }
    if (level == 1)
        d->h1s++;
    char *enter = g_strdup_printf("<h%d id=\"%s\">", level, id);
    char *exit = g_strdup_printf("</h%d>", level);
    wrap(n, enter, exit);
    g_free(enter);
    g_free(exit);
    g_free(id);
    g_string_free(text, TRUE);
}

static const char *const DOWNLOADS[][2] = {
    {".svg", "SVG"}, {".png", "PNG"}, {".pdf", "PDF"}, {".csv", "data (CSV)"}};

static void figure_html(walker *w, const sp_block *b, GString *h)
{
    site_doc *d = w->d;
    const sp_context *ctx = d->st->ctx;
    int no = d->st->figure_no;
    char *fid = g_strdup_printf("figure-%d", no);
    g_hash_table_add(d->ids, g_strdup(fid));
    g_string_append_printf(h, "<figure class=\"figure\" id=\"%s\">\n<figcaption>", fid);
    site_esc(h, b->caption);
    g_string_append(h, "</figcaption>\n");
    char *sub = sp_chart_subtitle(ctx, b->chart_id);
    if (sub && d->st->typeset) {
        char *t = sp_doc_typeset(sub, false);
        g_free(sub);
        sub = t;
    }
    if (sub && *sub) {
        g_string_append(h, "<p class=\"meta\">");
        site_esc(h, sub);
        g_string_append(h, "</p>\n");
    }
    g_free(sub);
    if (site_svg(h, ctx, b->chart_id, fid, w->diags) && !w->status)
        w->status = 1;
    if (b->notes) {
        g_string_append(h, "<p class=\"source\">");
        site_esc(h, b->notes);
        g_string_append(h, "</p>\n");
    }
    if (b->source) {
        g_string_append(h, "<p class=\"source\">");
        site_esc(h, b->source);
        g_string_append(h, "</p>\n");
    }
    sp_table *t = site_chart_table(ctx, b->chart_id);
    if (t) {
        char *cap = g_strdup_printf("The numbers in figure %d", no);
        char *cap_id = g_strdup_printf("%s-data", fid);
        g_hash_table_add(d->ids, g_strdup(cap_id));
        g_string_append_printf(h, "<details>\n<summary>Figure %d as a table</summary>\n", no);
        site_table(h, t, cap, cap_id);
        g_string_append(h, "</details>\n");
        g_free(cap);
        g_free(cap_id);
        sp_table_free(t);
    }
    bool published = false; /* an area's own chart has no files in charts/ */
    for (size_t i = 0; i < sp_chart_count() && !published; i++)
        published = strcmp(sp_chart_id(i), b->chart_id) == 0;
    if (published && ctx->settings && ctx->settings->make_charts) {
        g_string_append(h, "<p class=\"downloads\">Download figure ");
        g_string_append_printf(h, "%d: ", no);
        for (size_t i = 0; i < G_N_ELEMENTS(DOWNLOADS); i++) {
            g_string_append_printf(h, "%s<a href=\"%s../charts/", i ? ", " : "", d->root);
            site_esc(h, b->chart_id);
            g_string_append_printf(h, "%s\">%s</a>", DOWNLOADS[i][0], DOWNLOADS[i][1]);
        }
        g_string_append(h, "</p>\n");
    }
    g_string_append(h, "</figure>\n");
    g_free(fid);
}

/* A chart: or table: paragraph: the blocks sp_doc_image makes, as HTML. */
static void reference(walker *w, cmark_node *para, cmark_node *img)
{
    GString *alt = g_string_new(NULL);
    plain(alt, img);
    sp_blocks *blocks = sp_blocks_new();
    int rc = sp_doc_image(w->d->st, cmark_node_get_url(img), alt->str, blocks, w->diags);
    if (rc && !w->status)
        w->status = rc;
    GString *h = g_string_new(NULL);
    for (guint i = 0; i < blocks->items->len; i++) {
        const sp_block *b = g_ptr_array_index(blocks->items, i);
        if (b->kind == SP_BLOCK_FIGURE) {
            figure_html(w, b, h);
        } else if (b->kind == SP_BLOCK_TABLE) {
            char *id = g_strdup_printf("table-%d", w->d->st->table_no);
            g_hash_table_add(w->d->ids, g_strdup(id));
            site_table(h, b->table, b->caption, id);
            if (b->notes) {
                g_string_append(h, "<p class=\"source\">");
                site_esc(h, b->notes);
                g_string_append(h, "</p>\n");
            }
            if (b->source) {
                g_string_append(h, "<p class=\"source\">");
                site_esc(h, b->source);
                g_string_append(h, "</p>\n");
            }
            g_free(id);
        }
    }
    cmark_node *cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(cb, h->str);
    cmark_node_set_on_exit(cb, "");
    cmark_node_replace(para, cb);
    cmark_node_free(para);
    g_string_free(h, TRUE);
    sp_blocks_free(blocks);
    g_string_free(alt, TRUE);
}

static void walk(walker *w, cmark_node *n)
{
    cmark_node *c = cmark_node_first_child(n);
    while (c) {
        cmark_node *next = cmark_node_next(c);
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_THEMATIC_BREAK: /* a page break in the PDF */
            cmark_node_free(c);
            break;
        case CMARK_NODE_HEADING:
            walk(w, c);
            heading(w, c);
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            walk(w, wrap(c, "<div class=\"box\">", "</div>"));
            break;
        case CMARK_NODE_PARAGRAPH: {
            cmark_node *img = sp_markdown_ref_image(c);
            if (img)
                reference(w, c, img);
            else
                walk(w, c);
            break;
        }
        case CMARK_NODE_IMAGE: {
            GString *alt = g_string_new(NULL);
            plain(alt, c);
            cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(t, alt->str);
            cmark_node_replace(c, t);
            cmark_node_free(c);
            g_string_free(alt, TRUE);
            break;
        }
        default:
            walk(w, c);
            break;
        }
        c = next;
    }
}

int site_markdown(site_doc *d, const char *template_text, GString *out, sp_diags *diags)
{
    char *md = NULL;
    int rc = sp_template_expand(d->env, template_text, &md, diags);
    if (rc)
        return rc;
    if (d->st->typeset) { /* no date or amount split over two lines */
        char *t = sp_doc_typeset(md, false);
        g_free(md);
        md = t;
    }
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    walker w = {d, diags, d->shift > 0 ? d->shift : 0, 0};
    walk(&w, doc);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    g_string_append(out, html);
    free(html);
    cmark_node_free(doc);
    g_free(md);
    return w.status;
}
