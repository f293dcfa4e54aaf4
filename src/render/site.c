/* site.c: the publication as web pages (site.h): the briefing, the list of
 * areas and one page per area, the figures quoted and one page per figure,
 * and the stylesheet.
 *
 * Design choice: each page is one GString written with sp_file_write
 * into the staging folder; the Markdown pages go through site_markdown, so
 * the words, numbers, charts and tables are the PDF's, and the numbering of
 * figures and tables matches the PDF briefing. */
#include "sendpack/site.h"

#include <errno.h>
#include <string.h>

#include "sendpack/chart.h"
#include "sendpack/date.h"
#include "sendpack/explain.h"
#include "sendpack/file_write.h"
#include "sendpack/format.h"
#include "sendpack/template.h"
#include "site_html.h"

static int save(const char *dir, const char *name, const GString *s, sp_diags *diags)
{
    char *path = g_build_filename(dir, name, NULL);
    int rc = sp_file_write(path, s->str, s->len, diags);
    g_free(path);
    return rc;
}

/* --- index.html: the briefing -------------------------------------------- */

static void download(GString *o, const char *href, const char *label, const char *what)
{
    g_string_append(o, "<li><a href=\"");
    site_esc(o, href);
    g_string_append(o, "\">");
    site_esc(o, label);
    g_string_append(o, "</a>");
    if (what) {
        g_string_append(o, ": ");
        site_esc(o, what);
    }
    g_string_append(o, "</li>\n");
}

static void downloads(GString *o, const sp_context *ctx)
{
    const sp_settings *s = ctx->settings;
    g_string_append(o, "<h2 id=\"downloads\">Downloads</h2>\n<ul>\n");
    if (s->make_briefing)
        download(o, "../briefing.pdf", "The briefing (PDF)", "the same text, tagged for screen readers");
    if (s->make_workbook) {
        const char *wb = s->workbook_name ? s->workbook_name : "sendpack.xlsx";
        char *href = g_strconcat("../", wb, NULL), *label = g_strdup_printf("The workbook (%s)", wb);
        download(o, href, label, "every table, with live formulas over the records");
        g_free(href);
        g_free(label);
    }
    if (s->make_profiles)
        download(o, "../areas.pdf", "All area profiles (PDF)", "one page per area");
    download(o, "../figures.csv", "figures.csv", "every figure with its definition, source and filter");
    download(o, "../figures.json", "figures.json", "the same as JSON");
    if (ctx->revisions)
        download(o, "../revisions.csv", "revisions.csv", "every figure that changed since the last publication");
    download(o, "../manifest.json", "manifest.json", "the inputs and files of this publication, with checksums");
    g_string_append(o, "</ul>\n");
    if (!s->make_charts)
        return;
    g_string_append(o, "<h3 id=\"chart-files\">Charts</h3>\n<ul>\n");
    for (size_t i = 0; i < sp_chart_count(); i++) {
        const char *id = sp_chart_id(i);
        if (!sp_chart_available(ctx, id))
            continue;
        char *title = sp_chart_title(ctx, id);
        g_string_append(o, "<li>");
        site_esc_set(o, title);
        g_string_append(o, ":");
        static const char *const kinds[][2] = {{".svg", "SVG"}, {".png", "PNG"}, {".pdf", "PDF"},
                                               {".csv", "data (CSV)"}, {".txt", "alt text"}};
        for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
            g_string_append_printf(o, "%s <a href=\"../charts/", k ? "," : "");
            site_esc(o, id);
            g_string_append_printf(o, "%s\">%s</a>", kinds[k][0], kinds[k][1]);
        }
        g_string_append(o, "</li>\n");
        g_free(title);
    }
    g_string_append(o, "</ul>\n");
}

static GHashTable *page_ids(void)
{
    GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    static const char *const reserved[] = {"main-content", "contents", "figures-quoted",
                                           "area-pages", "downloads", "chart-files"};
    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++)
        g_hash_table_add(ids, g_strdup(reserved[i]));
    return ids;
}

static int index_page(const sp_context *ctx, const char *dir, sp_used_ids *used, sp_diags *diags)
{
    char *tpath = NULL, *text = NULL;
    int rc = sp_doc_read_template(ctx, "briefing.md", &tpath, &text, diags);
    if (rc) {
        g_free(tpath);
        return rc;
    }
    sp_doc_state st = {.ctx = ctx, .typeset = true};
    sp_used_ids_init(&st.used);
    sp_template_env env;
    sp_doc_env(&env, &st, tpath);
    GHashTable *ids = page_ids();
    GPtrArray *heads = g_ptr_array_new_with_free_func(site_heading_free);
    site_doc d = {.st = &st, .env = &env, .root = "", .shift = 1, .ids = ids, .headings = heads};
    GString *body = g_string_new(NULL);
    rc = site_markdown(&d, text, body, diags);
    if (!rc) {
        const sp_settings *s = ctx->settings;
        const char *title = s->title && *s->title ? s->title : "Area SEND inspections: briefing";
        GString *o = g_string_new(NULL);
        site_page p = {ctx, "", o};
        site_page_begin(&p, title, NULL);
        g_string_append(o, "<h1>");
        site_esc(o, title);
        char date[32];
        sp_date_long(ctx->figs->as_at, date, sizeof date);
        g_string_append(o, "</h1>\n<p class=\"lede\">Data as at ");
        site_esc_set(o, date);
        g_string_append(o, ".</p>\n");
        if (s->prepared_for && *s->prepared_for) {
            g_string_append(o, "<p class=\"meta\">");
            site_esc(o, s->prepared_for);
            g_string_append(o, "</p>\n");
        }
        g_string_append(o, "<nav class=\"contents\" aria-labelledby=\"contents\">\n"
                           "<h2 id=\"contents\">Contents</h2>\n<ol>\n");
        for (guint i = 0; i < heads->len; i++) {
            const site_heading *h = g_ptr_array_index(heads, i);
            if (h->level != 2)
                continue;
            g_string_append_printf(o, "<li><a href=\"#%s\">", h->id);
            site_esc(o, h->text);
            g_string_append(o, "</a></li>\n");
        }
        g_string_append(o, "<li><a href=\"#figures-quoted\">Figures quoted</a></li>\n"
                           "<li><a href=\"#area-pages\">Area pages</a></li>\n"
                           "<li><a href=\"#downloads\">Downloads</a></li>\n</ol>\n</nav>\n");
        g_string_append_len(o, body->str, (gssize)body->len);
        g_string_append(o, "<h2 id=\"figures-quoted\">Figures quoted</h2>\n<p>Each number "
                           "quoted in this briefing has a page of its own, with its definition, "
                           "numerator, denominator, interval, filter and source: see the "
                           "<a href=\"figures/index.html\">figures quoted</a>.</p>\n"
                           "<h2 id=\"area-pages\">Area pages</h2>\n<p>Every local area has a "
                           "page with its inspection, revisit, interventions and funding: see "
                           "the <a href=\"areas/index.html\">list of areas</a>.</p>\n");
        downloads(o, ctx);
        site_page_end(&p);
        rc = save(dir, "index.html", o, diags);
        g_string_free(o, TRUE);
        for (guint i = 0; i < st.used.ids->len; i++)
            sp_used_ids_add(used, g_ptr_array_index(st.used.ids, i));
    }
    g_string_free(body, TRUE);
    g_ptr_array_free(heads, TRUE);
    g_hash_table_destroy(ids);
    sp_used_ids_clear(&st.used);
    g_free(text);
    g_free(tpath);
    return rc;
}

/* --- areas/ ---------------------------------------------------------------- */

typedef struct {
    const char *region, *name;
    char *slug;
} area_link;

static gint by_region_then_order(gconstpointer a, gconstpointer b)
{
    const area_link *x = a, *y = b;
    /* areas without a region go last */
    if (!*x->region != !*y->region)
        return *x->region ? -1 : 1;
    return strcmp(x->region, y->region);
}

static int area_page(const sp_context *ctx, const char *dir, const char *text, const char *tpath,
                     size_t i, const char *slug, sp_diags *diags)
{
    sp_doc_area area;
    sp_doc_state st;
    sp_template_env env;
    sp_context actx = *ctx; /* the area's own charts (chart:area-context) draw it */
    actx.area_key = ctx->figs->areas[i].slug;
    sp_doc_area_env(&area, &st, &env, &actx, i, tpath);
    st.typeset = true;
    GHashTable *ids = page_ids();
    site_doc d = {.st = &st, .env = &env, .root = "../", .shift = 0, .ids = ids};
    GString *body = g_string_new(NULL);
    int rc = site_markdown(&d, text, body, diags);
    if (!rc) {
        GString *o = g_string_new(NULL);
        site_page p = {ctx, "../", o};
        const char *crumbs[] = {"Briefing", "../index.html", "Areas", "index.html", NULL};
        site_page_begin(&p, area.name, crumbs);
        if (d.h1s == 0) {
            g_string_append(o, "<h1>");
            site_esc(o, area.name);
            g_string_append(o, "</h1>\n");
        }
        g_string_append_len(o, body->str, (gssize)body->len);
        if (ctx->settings->make_profiles) {
            g_string_append(o, "<p class=\"downloads\"><a href=\"../../areas/");
            site_esc(o, slug);
            g_string_append(o, ".pdf\">This profile as a PDF</a></p>\n");
        }
        site_page_end(&p);
        char *file = g_strconcat(slug, ".html", NULL);
        rc = save(dir, file, o, diags);
        g_free(file);
        g_string_free(o, TRUE);
    }
    g_string_free(body, TRUE);
    g_hash_table_destroy(ids);
    sp_used_ids_clear(&st.used);
    sp_doc_area_clear(&area);
    return rc;
}

/* The pages of areas [from, to) and, when list is set, areas/index.html
 * (every area's slug is worked out either way: a slug depends on those
 * before it). */
static int areas_pages(const sp_context *ctx, const char *dir, size_t from, size_t to, bool list,
                       sp_diags *diags)
{
    char *tpath = NULL, *text = NULL;
    int rc = sp_doc_read_template(ctx, "area-profile.md", &tpath, &text, diags);
    if (rc) {
        g_free(tpath);
        return rc;
    }
    const sp_figures *fg = ctx->figs;
    GHashTable *slugs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GArray *links = g_array_new(FALSE, TRUE, sizeof(area_link));
    /* a part names every area up to its last (a page's name depends on the
     * names before it; the list needs them all), so only what that needs:
     * the headline and summary of every area, made by each of the parts,
     * were most of what an area's page cost at 148,000 areas */
    size_t end = list ? fg->n_areas : MIN(to, fg->n_areas);
    for (size_t i = 0; i < end && !rc; i++) {
        sp_doc_area area;
        sp_doc_area_names(&area, ctx, i);
        area_link l = {area.region, area.name,
                       sp_doc_area_file_slug(slugs, area.name, area.code)};
        g_array_append_val(links, l);
        if (i >= from && i < to) {
            rc = area_page(ctx, dir, text, tpath, i, l.slug, diags);
            if (ctx->progress)
                ctx->progress(ctx->progress_user, "web pages", i + 1, fg->n_areas);
        }
    }
    if (!rc && list) {
        g_array_sort(links, by_region_then_order); /* stable: g_array_sort is a merge sort */
        GString *o = g_string_new(NULL);
        site_page p = {ctx, "../", o};
        const char *crumbs[] = {"Briefing", "../index.html", NULL};
        site_page_begin(&p, "Areas", crumbs);
        g_string_append_printf(o, "<h1>Areas</h1>\n<p class=\"lede\">One page for each of the "
                                  "%u local areas in this publication, by Ofsted region.</p>\n",
                               links->len);
        GHashTable *ids = page_ids();
        const char *open = NULL;
        for (guint i = 0; i < links->len; i++) {
            const area_link *l = &g_array_index(links, area_link, i);
            if (!open || strcmp(open, l->region) != 0) {
                if (open)
                    g_string_append(o, "</ul>\n");
                const char *heading = *l->region ? l->region : "Region not known";
                char *id = site_unique_id(ids, heading);
                g_string_append_printf(o, "<h2 id=\"%s\">", id);
                site_esc(o, heading);
                g_string_append(o, "</h2>\n<ul>\n");
                g_free(id);
                open = l->region;
            }
            g_string_append(o, "<li><a href=\"");
            site_esc(o, l->slug);
            g_string_append(o, ".html\">");
            site_esc(o, l->name);
            g_string_append(o, "</a></li>\n");
        }
        if (open)
            g_string_append(o, "</ul>\n");
        g_hash_table_destroy(ids);
        site_page_end(&p);
        rc = save(dir, "index.html", o, diags);
        g_string_free(o, TRUE);
    }
    for (guint i = 0; i < links->len; i++)
        g_free(g_array_index(links, area_link, i).slug);
    g_array_free(links, TRUE);
    g_hash_table_destroy(slugs);
    g_free(text);
    g_free(tpath);
    return rc;
}

/* --- figures/ -------------------------------------------------------------- */

/* The page name of a figure: its id when that is a safe file name (ids are
 * [a-z0-9._-]), else its slug, made unique. Caller g_free()s. */
static char *figure_file(GHashTable *names, const char *id)
{
    bool safe = *id && *id != '.' && strlen(id) <= 200;
    for (const char *c = id; *c && safe; c++)
        safe = g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '.' || *c == '-' || *c == '_';
    char *base = safe ? g_strdup(id) : sp_slug(id);
    if (!*base) {
        g_free(base);
        base = g_strdup("figure");
    }
    char *name = site_unique(names, base);
    g_free(base);
    return name;
}

static void row(GString *o, const char *term, const char *value, bool code)
{
    g_string_append(o, "<div>\n<dt>");
    site_esc(o, term);
    g_string_append(o, code ? "</dt>\n<dd><code>" : "</dt>\n<dd>");
    if (code)
        site_esc(o, value);
    else
        site_esc_set(o, value);
    g_string_append(o, code ? "</code></dd>\n</div>\n" : "</dd>\n</div>\n");
}

/* The records a figure counts, as `sendpack explain ID` lists them (the
 * same sp_explain rows): one table of the records counted, by role, and,
 * folded away, the records of the same source left out and why. */
static void records_value(const sp_figure *f, const sp_explanation *e, const sp_explain_row *r,
                          char *buf, size_t n)
{
    if (f->unit == SP_UNIT_DATE && e->how == SP_HOW_SINGLE)
        sp_date_long((sp_date)r->value, buf, n);
    else if (f->unit == SP_UNIT_GBP)
        sp_fmt_gbp(r->value, buf, n);
    else
        sp_fmt_number(r->value, buf, n);
}

/* A figure's page lists at most this many records in each table: every one
 * on real data (England has about 150 local areas), the first of them on
 * synthetic data at scale, where `sendpack explain` lists them all, so a
 * page's size does not grow with the data. */
#define RECORDS_LISTED_MAX 500

static void records_table(GString *o, const sp_figure *f, const sp_explanation *e, bool excluded,
                          const char *id, const char *caption)
{
    size_t listed = 0, total = 0;
    g_string_append_printf(o, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
                              "aria-labelledby=\"%s\">\n<table>\n<caption id=\"%s\">", id, id);
    site_esc(o, caption);
    g_string_append(o, "</caption>\n<thead>\n<tr><th scope=\"col\">Area or line</th>"
                       "<th scope=\"col\">Code</th>");
    g_string_append(o, excluded ? "<th scope=\"col\">Why it is left out</th>"
                                : "<th scope=\"col\">Counted in</th><th scope=\"col\" class=\"num\">"
                                  "Contributes</th>");
    g_string_append(o, "<th scope=\"col\">Source file, line</th></tr>\n</thead>\n<tbody>\n");
    for (size_t i = 0; i < e->n_rows; i++) {
        const sp_explain_row *r = &e->rows[i];
        if ((r->role == SP_ROLE_EXCLUDED) != excluded)
            continue;
        if (++total > RECORDS_LISTED_MAX)
            continue;
        listed++;
        g_string_append(o, "<tr><th scope=\"row\">");
        site_esc(o, r->name ? r->name : "");
        g_string_append(o, "</th><td>");
        site_esc(o, r->key ? r->key : "");
        g_string_append(o, "</td><td>");
        if (excluded) {
            site_esc(o, r->reason ? r->reason : "");
        } else {
            char v[64];
            records_value(f, e, r, v, sizeof v);
            site_esc(o, sp_role_name(r->role));
            g_string_append(o, "</td><td class=\"num\">");
            site_esc_set(o, v);
        }
        char *base = r->pos.file ? g_path_get_basename(r->pos.file) : g_strdup("");
        g_string_append(o, "</td><td class=\"nowrap\">");
        site_esc(o, base);
        char line[24];
        g_string_append(o, ", line ");
        g_string_append(o, sp_fmt_number(r->pos.line, line, sizeof line));
        g_string_append(o, "</td></tr>\n");
        g_free(base);
    }
    g_string_append(o, "</tbody>\n</table>\n</div>\n");
    if (listed < total) {
        char a[32], b[32];
        g_string_append_printf(o, "<p>The first %s of these %s records are listed here; "
                                  "<code>sendpack explain ",
                               sp_fmt_count((double)listed, a, sizeof a),
                               sp_fmt_count((double)total, b, sizeof b));
        site_esc(o, f->id);
        g_string_append(o, "</code> lists them all.</p>\n");
    }
}

static void figure_records(GString *o, const sp_context *ctx, const sp_figure *f)
{
    g_string_append(o, "<h2 id=\"records\">Records behind this figure</h2>\n");
    sp_explanation *e = sp_explain(ctx->figs, f->id, false);
    size_t counted = e ? e->n_rows - e->n_role[SP_ROLE_EXCLUDED] : 0;
    if (!e || !e->n_rows) {
        g_string_append(o, "<p>This figure is not counted from records: it is a date chosen "
                           "for the publication.</p>\n");
        sp_explanation_free(e);
        return;
    }
    static const char *const how[] = {"", "the sum of the records' contributions",
                                      "the median of the values listed",
                                      "the value of the one record listed",
                                      "the records counted in the numerator over those counted "
                                      "in the denominator"};
    if (e->how == SP_HOW_RATIO)
        g_string_append_printf(o, "<p>%zu record%s counted in the numerator, over %zu in the "
                                  "denominator (a record can be counted in both)",
                               e->n_role[SP_ROLE_NUMERATOR],
                               e->n_role[SP_ROLE_NUMERATOR] == 1 ? " is" : "s are",
                               e->n_role[SP_ROLE_DENOMINATOR]);
    else
        g_string_append_printf(o, "<p>%zu record%s counted; the value is %s", counted,
                               counted == 1 ? " is" : "s are", how[e->how]);
    g_string_append(o, ". <code>sendpack explain ");
    site_esc(o, f->id);
    g_string_append(o, "</code> lists the same records");
    if (ctx->settings->make_workbook)
        g_string_append(o, ", and the workbook's records sheets hold every column the filter uses");
    g_string_append(o, ".</p>\n");
    if (counted) {
        char *cap = e->how == SP_HOW_RATIO
                        ? g_strdup_printf("Records counted: %zu in the numerator, %zu in the denominator",
                                          e->n_role[SP_ROLE_NUMERATOR], e->n_role[SP_ROLE_DENOMINATOR])
                        : g_strdup_printf("The %zu record%s counted", counted, counted == 1 ? "" : "s");
        records_table(o, f, e, false, "records-counted", cap);
        g_free(cap);
    }
    size_t out = e->n_role[SP_ROLE_EXCLUDED];
    if (out) {
        g_string_append_printf(o, "<details>\n<summary>%zu record%s of the same source left out, "
                                  "and why</summary>\n", out, out == 1 ? "" : "s");
        records_table(o, f, e, true, "records-left-out", "Records left out");
        g_string_append(o, "</details>\n");
    }
    sp_explanation_free(e);
}

static int figure_page(const sp_context *ctx, const char *dir, const sp_figure *f,
                       const char *file, sp_diags *diags)
{
    GString *o = g_string_new(NULL);
    site_page p = {ctx, "../", o};
    const char *crumbs[] = {"Briefing", "../index.html", "Figures quoted", "index.html", NULL};
    site_page_begin(&p, f->label, crumbs);
    g_string_append(o, "<h1>");
    site_esc(o, f->label);
    g_string_append(o, "</h1>\n");
    char *value = sp_template_format(f, NULL);
    char buf[64], buf2[64], date[32];
    char *lede = sp_template_format(f, f->has_ratio ? "of" : NULL);
    g_string_append(o, "<p class=\"lede\">");
    site_esc_set(o, lede ? lede : "");
    g_free(lede);
    g_string_append(o, "</p>\n<dl class=\"summary\">\n");
    row(o, "Figure", f->id, true);
    row(o, "Value", value ? value : "", false);
    if (f->has_ratio) {
        row(o, "Numerator", sp_fmt_count(f->numerator, buf, sizeof buf), false);
        row(o, "Denominator", sp_fmt_count(f->denominator, buf, sizeof buf), false);
    }
    if (f->has_ci) {
        char *ci = g_strdup_printf("%s to %s (Wilson score interval)",
                                   sp_fmt_pct1(f->ci_low, buf, sizeof buf),
                                   sp_fmt_pct1(f->ci_high, buf2, sizeof buf2));
        row(o, "95% confidence interval", ci, false);
        g_free(ci);
    }
    row(o, "Unit", sp_unit_name(f->unit), false);
    row(o, "Definition", f->definition ? f->definition : "", false);
    row(o, "Filter", f->filter && *f->filter ? f->filter : "None", false);
    row(o, "Source", f->source ? f->source : "", false);
    sp_date_long(ctx->figs->as_at, date, sizeof date);
    row(o, "Data as at", date, false);
    g_string_append(o, "</dl>\n");
    if (sp_template_small_base(f))
        g_string_append_printf(o, "<p>This share rests on fewer than %d areas and should not be "
                                  "quoted on its own.</p>\n", SP_TEMPLATE_SMALL_BASE);
    figure_records(o, ctx, f);
    g_string_append(o, "<h2 id=\"reuse\">Using this figure</h2>\n<p>It is the record <code>");
    site_esc(o, f->id);
    g_string_append(o, "</code> in <a href=\"../../figures.json\">figures.json</a> and "
                       "<a href=\"../../figures.csv\">figures.csv</a>.</p>\n");
    site_page_end(&p);
    char *name = g_strconcat(file, ".html", NULL);
    int rc = save(dir, name, o, diags);
    g_free(name);
    g_free(value);
    g_string_free(o, TRUE);
    return rc;
}

static int figures_pages(const sp_context *ctx, const char *dir, const sp_used_ids *used,
                         sp_diags *diags)
{
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GString *o = g_string_new(NULL);
    site_page p = {ctx, "../", o};
    const char *crumbs[] = {"Briefing", "../index.html", NULL};
    site_page_begin(&p, "Figures quoted", crumbs);
    g_string_append(o, "<h1>Figures quoted</h1>\n<p class=\"lede\">Every number quoted in the "
                       "briefing, in the order it first appears, with a link to its definition "
                       "and how it was counted.</p>\n"
                       "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
                       "aria-labelledby=\"figures-caption\">\n<table>\n"
                       "<caption id=\"figures-caption\">Figures quoted in the briefing</caption>\n"
                       "<thead>\n<tr><th scope=\"col\">Figure</th><th scope=\"col\" "
                       "class=\"num\">Value</th></tr>\n</thead>\n<tbody>\n");
    int rc = 0;
    for (guint i = 0; i < used->ids->len && !rc; i++) {
        const sp_figure *f = sp_figures_get(ctx->figs, g_ptr_array_index(used->ids, i));
        if (!f)
            continue;
        char *file = figure_file(names, f->id);
        char *value = sp_template_format(f, NULL);
        g_string_append(o, "<tr><th scope=\"row\"><a href=\"");
        site_esc(o, file);
        g_string_append(o, ".html\">");
        site_esc(o, f->label);
        g_string_append(o, "</a> <code>");
        site_esc(o, f->id);
        g_string_append(o, "</code></th><td class=\"num\">");
        site_esc_set(o, value ? value : "");
        g_string_append(o, "</td></tr>\n");
        rc = figure_page(ctx, dir, f, file, diags);
        g_free(value);
        g_free(file);
    }
    g_string_append(o, "</tbody>\n</table>\n</div>\n");
    site_page_end(&p);
    if (!rc)
        rc = save(dir, "index.html", o, diags);
    g_string_free(o, TRUE);
    g_hash_table_destroy(names);
    return rc;
}

int sp_site_write(const sp_context *ctx, const char *dir, sp_diags *diags)
{
    return sp_site_write_part(ctx, dir, 0, SIZE_MAX, true, diags);
}

int sp_site_write_part(const sp_context *ctx, const char *dir, size_t from, size_t to, bool rest,
                       sp_diags *diags)
{
    char *areas = g_build_filename(dir, "areas", NULL);
    char *figures = g_build_filename(dir, "figures", NULL);
    int rc = 0;
    if (g_mkdir_with_parents(areas, 0755) != 0 || g_mkdir_with_parents(figures, 0755) != 0) {
        sp_diags_error(diags, dir, 0, 0, "cannot create folder: %s", g_strerror(errno));
        rc = 1;
    }
    if (!rc && rest) {
        GString *css = g_string_new(site_css);
        rc = save(dir, "style.css", css, diags);
        g_string_free(css, TRUE);
    }
    sp_used_ids used;
    sp_used_ids_init(&used);
    if (!rc && rest)
        rc = index_page(ctx, dir, &used, diags);
    if (!rc && (rest || from < to))
        rc = areas_pages(ctx, areas, from, to, rest, diags);
    if (!rc && rest)
        rc = figures_pages(ctx, figures, &used, diags);
    sp_used_ids_clear(&used);
    g_free(areas);
    g_free(figures);
    return rc;
}
