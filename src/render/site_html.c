/* site_html.c: escaping, the page frame, tables and unique ids for the
 * site's pages (site_html.h).
 *
 * Design choice: pages are written as text with every value passed through
 * g_markup_escape_text, so nothing from the inputs (an area called
 * "<script>", a cell "=HYPERLINK(...)") can become markup; the frame is the
 * same on every page so the stylesheet and landmarks are consistent. */
#include "site_html.h"

#include <string.h>

#include "sendpack/chart.h"
#include "sendpack/date.h"
#include "briefing_doc.h"

/* True when g_markup_escape_text would change s: markup characters, and
 * control characters (C0 but tab and line ends, DEL, UTF-8 C1). */
static bool needs_escape(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '&' || c == '<' || c == '>' || c == '\'' || c == '"' || c == 0x7F ||
            (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return true;
    }
    return false;
}

void site_esc(GString *out, const char *s)
{
    if (!s)
        return;
    if (!needs_escape(s)) { /* most cells: copied as they are */
        g_string_append(out, s);
        return;
    }
    char *e = g_markup_escape_text(s, -1);
    g_string_append(out, e);
    g_free(e);
}

void site_esc_set(GString *out, const char *s)
{
    char *t = sp_doc_typeset(s, false);
    site_esc(out, t);
    g_free(t);
}

char *site_unique_id(GHashTable *ids, const char *text)
{
    char *base = sp_slug(text ? text : "");
    if (!*base || !g_ascii_isalpha(base[0])) {
        char *b = g_strconcat("section-", base, NULL);
        g_free(base);
        base = b;
    }
    char *id = site_unique(ids, base);
    g_free(base);
    return id;
}

char *site_unique(GHashTable *names, const char *base)
{
    char *name = g_strdup(base);
    for (int n = 2; g_hash_table_contains(names, name); n++) {
        g_free(name);
        name = g_strdup_printf("%s-%d", base, n);
    }
    g_hash_table_add(names, g_strdup(name));
    return name;
}

static const char *site_title(const sp_context *ctx)
{
    const sp_settings *s = ctx->settings;
    return s && s->title && *s->title ? s->title : "Area SEND inspections: briefing";
}

static void link(GString *out, const char *root, const char *href, const char *label)
{
    g_string_append(out, "<a href=\"");
    site_esc(out, root);
    site_esc(out, href);
    g_string_append(out, "\">");
    site_esc(out, label);
    g_string_append(out, "</a>");
}

void site_page_begin(site_page *p, const char *title, const char *const *crumbs)
{
    GString *o = p->out;
    const char *site = site_title(p->ctx);
    g_string_append(o, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
                       "<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>");
    site_esc(o, title);
    if (strcmp(title, site) != 0) {
        g_string_append(o, " \xE2\x80\x93 "); /* en dash */
        site_esc(o, site);
    }
    g_string_append(o, "</title>\n<link rel=\"stylesheet\" href=\"");
    site_esc(o, p->root);
    g_string_append(o, "style.css\">\n</head>\n<body>\n"
                       "<a class=\"skip-link\" href=\"#main-content\">Skip to main content</a>\n"
                       "<header class=\"header\">\n<div class=\"width\">\n"
                       "<p class=\"header-title\">");
    link(o, p->root, "index.html", site);
    g_string_append(o, "</p>\n<nav aria-label=\"Site\">\n<ul class=\"header-nav\">\n<li>");
    link(o, p->root, "index.html", "Briefing");
    g_string_append(o, "</li>\n<li>");
    link(o, p->root, "areas/index.html", "Areas");
    g_string_append(o, "</li>\n<li>");
    link(o, p->root, "figures/index.html", "Figures");
    g_string_append(o, "</li>\n<li>");
    link(o, p->root, "index.html#downloads", "Downloads");
    g_string_append(o, "</li>\n</ul>\n</nav>\n</div>\n</header>\n<div class=\"width\">\n");
    if (crumbs && crumbs[0]) {
        g_string_append(o, "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n");
        for (const char *const *c = crumbs; c[0] && c[1]; c += 2) {
            g_string_append(o, "<li>");
            link(o, "", c[1], c[0]);
            g_string_append(o, "</li>\n");
        }
        g_string_append(o, "</ol>\n</nav>\n");
    }
    g_string_append(o, "<main id=\"main-content\">\n");
    if (p->ctx->settings && p->ctx->settings->illustrative)
        g_string_append(o, "<p class=\"notice\"><strong>Illustrative data:</strong> these figures "
                           "are invented for testing and must not be quoted as statistics.</p>\n");
}

void site_page_end(site_page *p)
{
    GString *o = p->out;
    char date[32];
    sp_date_long(p->ctx->figs->as_at, date, sizeof date);
    g_string_append(o, "</main>\n</div>\n<footer class=\"footer\">\n<div class=\"width\">\n<p>Data as at ");
    site_esc_set(o, date);
    g_string_append(o, ". Every number on these pages is in the figures table (");
    link(o, p->root, "../figures.json", "figures.json");
    g_string_append(o, ", ");
    link(o, p->root, "../figures.csv", "figures.csv");
    g_string_append(o, ") with its definition, source and filter.</p>\n"
                       "<p>Made with sendpack " SENDPACK_VERSION ".</p>\n"
                       "</div>\n</footer>\n</body>\n</html>\n");
}

void site_table(GString *out, const sp_table *t, const char *caption, const char *id)
{
    g_string_append(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"");
    site_esc(out, id);
    g_string_append(out, "\">\n<table>\n<caption id=\"");
    site_esc(out, id);
    g_string_append(out, "\">");
    site_esc(out, caption);
    g_string_append(out, "</caption>\n<thead>\n<tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        g_string_append(out, t->numeric[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        site_esc(out, t->head[c]);
        g_string_append(out, "</th>");
    }
    g_string_append(out, "</tr>\n</thead>\n<tbody>\n");
    for (guint r = 0; r < t->rows->len; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        g_string_append(out, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            static const char *const open[2][2] = {
                {"<td>", "<td class=\"num\">"},
                {"<th scope=\"row\">", "<th scope=\"row\" class=\"num\">"}};
            g_string_append(out, open[c == 0][t->numeric[c] ? 1 : 0]);
            site_esc(out, row[c]);
            g_string_append(out, c == 0 ? "</th>" : "</td>");
        }
        g_string_append(out, "</tr>\n");
    }
    g_string_append(out, "</tbody>\n</table>\n</div>\n");
}

/* --- a chart's data rows as a table --------------------------------------- */

static bool numeric_text(const char *s)
{
    char *end = NULL;
    if (!*s)
        return true;
    g_ascii_strtod(s, &end);
    return end && end != s && *end == '\0';
}

sp_table *site_chart_table(const sp_context *ctx, const char *chart_id)
{
    GPtrArray *rows = sp_chart_rows(ctx, chart_id);
    if (!rows)
        return NULL;
    sp_table *t = NULL;
    if (rows->len >= 2) {
        char **head = g_ptr_array_index(rows, 0);
        size_t ncols = g_strv_length(head);
        bool *numeric = g_new0(bool, ncols);
        for (size_t c = 0; c < ncols; c++) {
            numeric[c] = c > 0;
            for (guint i = 1; i < rows->len && numeric[c]; i++) {
                char **row = g_ptr_array_index(rows, i);
                if (c < g_strv_length(row) && !numeric_text(row[c]))
                    numeric[c] = false;
            }
        }
        t = sp_table_new(ncols, (const char *const *)head, numeric);
        const char **cells = g_new0(const char *, ncols);
        for (guint i = 1; i < rows->len; i++) {
            char **row = g_ptr_array_index(rows, i);
            size_t n = g_strv_length(row);
            for (size_t c = 0; c < ncols; c++)
                cells[c] = c < n ? row[c] : "";
            sp_table_add_row(t, cells);
        }
        g_free(cells);
        g_free(numeric);
    }
    g_ptr_array_unref(rows);
    return t;
}
