/* workbook.c: the accessible XLSX workbook (issue 5), written with
 * libxlsxwriter: cover, contents, notes, one table per sheet, native charts,
 * and the figures table.
 *
 * Design choice: every sheet is added first, in reading order, and then
 * filled, so the contents sheet can list and link them all and the live
 * formula tables can be written before the Figures sheet that points at
 * them. The file is deterministic: libxlsxwriter stamps every zip entry with a
 * fixed date, and the document's created date comes from SOURCE_DATE_EPOCH or
 * the as-at date, never the clock. */
#include "sendpack/workbook.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_sheets.h"

typedef void (*sheet_fn)(sp_wb *w, lxw_worksheet *ws);

typedef struct sheet_spec {
    const char *name;
    const char *description;
    sheet_fn write;
} sheet_spec;

/* The sheets this dataset needs, in reading order. */
static size_t plan(const sp_view *v, sheet_spec *out)
{
    bool y23 = v->has_2023;
    const sheet_spec all[] = {
        {WB_COVER, "About this workbook, the as-at date that drives its formulas, and the sources", wb_write_cover},
        {WB_CONTENTS, "This list of sheets", NULL},
        {WB_NOTES, "Notes referred to in the table titles, and the symbols used", wb_write_notes},
        {WB_SUMMARY, "Headline figures for England: inspections, written statements of action and weaknesses (live formulas)", wb_write_summary},
        {WB_REGIONS, "Inspections, written statements of action and revisits by Ofsted region (live formulas)", wb_write_regions},
        {WB_YEARS, "Inspections and written statements of action by year of publication (live formulas)", wb_write_years},
        {WB_REVISITS, "Revisit outcomes and progress on weaknesses for England (live formulas)", wb_write_revisits},
        {WB_TIMELINE, "Inspections and written statements of action published, cumulative by month (live formulas)", wb_write_timeline},
        {WB_OUTCOMES, "Outcomes of inspections under the 2023 framework, by Ofsted region (live formulas)", y23 ? wb_write_outcomes : NULL},
        {WB_CHARTS, "Charts of the regional shares and the timeline, drawn from the Regions and Timeline sheets", wb_write_charts},
        {WB_RECORDS, "The inspection records used: one row per area inspected under the previous framework", wb_write_records},
        {WB_RECORDS23, "The inspection records used: one row per inspection under the 2023 framework", y23 ? wb_write_records23 : NULL},
        {WB_FUNDING, "Funding lines", v->n_funding ? wb_write_funding : NULL},
        {WB_INTERVENTIONS, "Interventions in local areas", v->n_interventions ? wb_write_interventions : NULL},
        {WB_FIGURES, "The figures table: every figure sendpack computed, with its definition, source and filter", wb_write_figures},
    };
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        if (all[i].write || strcmp(all[i].name, WB_CONTENTS) == 0)
            out[n++] = all[i];
    return n;
}

static void make_formats(sp_wb *w)
{
    lxw_workbook *b = w->book;
    w->title = workbook_add_format(b);
    format_set_bold(w->title);
    format_set_font_size(w->title, 15);
    w->heading = workbook_add_format(b);
    format_set_bold(w->heading);
    format_set_font_size(w->heading, 12);
    w->text = workbook_add_format(b);
    format_set_align(w->text, LXW_ALIGN_VERTICAL_TOP);
    w->wrap = workbook_add_format(b);
    format_set_text_wrap(w->wrap);
    format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
    w->header = workbook_add_format(b);
    format_set_bold(w->header);
    format_set_text_wrap(w->header);
    format_set_align(w->header, LXW_ALIGN_VERTICAL_TOP);
    w->header_num = workbook_add_format(b);
    format_set_bold(w->header_num);
    format_set_text_wrap(w->header_num);
    format_set_align(w->header_num, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(w->header_num, LXW_ALIGN_RIGHT);
    w->number = workbook_add_format(b);
    format_set_align(w->number, LXW_ALIGN_VERTICAL_TOP);
    w->symbol = workbook_add_format(b);
    format_set_align(w->symbol, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(w->symbol, LXW_ALIGN_RIGHT);
    w->date = workbook_add_format(b);
    format_set_num_format(w->date, "d mmmm yyyy");
    format_set_align(w->date, LXW_ALIGN_LEFT);
    format_set_align(w->date, LXW_ALIGN_VERTICAL_TOP);
    w->count = workbook_add_format(b);
    format_set_num_format(w->count, "#,##0");
    format_set_align(w->count, LXW_ALIGN_VERTICAL_TOP);
    w->decimal = workbook_add_format(b);
    format_set_num_format(w->decimal, "#,##0.0##");
    format_set_align(w->decimal, LXW_ALIGN_VERTICAL_TOP);
    w->pct = workbook_add_format(b);
    format_set_num_format(w->pct, "0.0%");
    format_set_align(w->pct, LXW_ALIGN_VERTICAL_TOP);
    w->gbp = workbook_add_format(b);
    format_set_num_format(w->gbp, "\"£\"#,##0");
    format_set_align(w->gbp, LXW_ALIGN_VERTICAL_TOP);
    w->link = workbook_add_format(b);
    format_set_underline(w->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(w->link, 0x0563C1);
    format_set_align(w->link, LXW_ALIGN_VERTICAL_TOP);
    /* Right-aligned cells stand one character off the next column's text. */
    lxw_format *right[] = {w->header_num, w->number, w->symbol, w->count, w->decimal, w->pct, w->gbp};
    for (size_t i = 0; i < G_N_ELEMENTS(right); i++) {
        format_set_align(right[i], LXW_ALIGN_RIGHT);
        format_set_indent(right[i], 1);
    }
    w->asat = workbook_add_format(b);
    format_set_num_format(w->asat, "d mmmm yyyy");
    format_set_bold(w->asat);
    format_set_font_size(w->asat, 12);
    format_set_align(w->asat, LXW_ALIGN_LEFT);
    format_set_border(w->asat, LXW_BORDER_MEDIUM);
    format_set_bg_color(w->asat, 0xFFF2CC);
    w->warning = workbook_add_format(b);
    format_set_bold(w->warning);
    format_set_font_size(w->warning, 12);
    format_set_font_color(w->warning, 0x801650);
}

/* SOURCE_DATE_EPOCH when set, else midnight of the as-at date; never 0,
 * which would make libxlsxwriter use the clock. */
static time_t created_time(const sp_figures *figs)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno == 0 && end && *end == '\0' && v > 0)
            return (time_t)v;
    }
    if (figs->as_at > 0)
        return (time_t)sp_date_epoch(figs->as_at);
    return (time_t)315532800; /* 1 January 1980 */
}

static void set_properties(sp_wb *w)
{
    const sp_settings *s = w->ctx->settings;
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    char *title = g_strdup_printf("%s: data tables", s && s->title ? s->title : "Area SEND inspections");
    char *subject = g_strdup_printf("Area SEND inspections and revisits in England, as at %s%s", date,
                                    s && s->illustrative ? " (illustrative data)" : "");
    lxw_doc_properties props = {
        .title = title,
        .subject = subject,
        .author = s && s->author ? s->author : "sendpack",
        .company = "",
        .category = "Statistics",
        .keywords = "SEND, special educational needs and disabilities, area SEND inspections, "
                    "Ofsted, CQC, written statement of action, revisits",
        .comments = "Headline figures are live formulas over the Records sheet and the as-at "
                    "date on the Cover sheet. Made with sendpack " SENDPACK_VERSION ".",
        .status = s && s->illustrative ? "Illustrative data" : "",
        .created = created_time(w->figs),
    };
    wb_check(w, workbook_set_properties(w->book, &props));
    char iso[16];
    sp_date_iso(w->figs->as_at, iso, sizeof iso);
    wb_check(w, workbook_set_custom_property_string(w->book, "As at", iso));
    g_free(title);
    g_free(subject);
}

int sp_workbook_write(const sp_context *ctx, const char *path, sp_diags *diags)
{
    sp_wb w = {.ctx = ctx, .figs = ctx->figs, .view = ctx->view, .diags = diags, .path = path};
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    w.book = workbook_new_opt(path, &opt);
    if (!w.book) {
        sp_diags_error(diags, path, 0, 0, "cannot start the workbook (out of memory?)");
        return 1;
    }
    w.live = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    make_formats(&w);
    set_properties(&w);

    sheet_spec specs[16];
    size_t n = plan(w.view, specs);
    lxw_worksheet *sheets[16];
    const char *names[16], *descriptions[16];
    for (size_t i = 0; i < n; i++) {
        sheets[i] = workbook_add_worksheet(w.book, specs[i].name);
        names[i] = specs[i].name;
        descriptions[i] = specs[i].description;
        if (!sheets[i])
            wb_check(&w, LXW_ERROR_SHEETNAME_ALREADY_USED);
    }
    /* Cover first (it places the as-at cell), then everything but the
     * contents and the figures, which depend on the rest. */
    lxw_worksheet *contents = NULL, *figures = NULL;
    for (size_t i = 0; i < n && w.error == LXW_NO_ERROR; i++) {
        if (strcmp(names[i], WB_CONTENTS) == 0)
            contents = sheets[i];
        else if (strcmp(names[i], WB_FIGURES) == 0)
            figures = sheets[i];
        else
            specs[i].write(&w, sheets[i]);
    }
    if (w.error == LXW_NO_ERROR && contents)
        wb_write_contents(&w, contents, names, descriptions, n);
    if (w.error == LXW_NO_ERROR && figures)
        wb_write_figures(&w, figures);

    lxw_error e = workbook_close(w.book);
    g_hash_table_destroy(w.live);
    if (w.error != LXW_NO_ERROR) {
        sp_diags_error(diags, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(w.error));
        remove(path);
        return 1;
    }
    if (e != LXW_NO_ERROR) {
        sp_diags_error(diags, path, 0, 0, "cannot write the workbook: %s%s%s", lxw_strerror(e),
                       errno ? ": " : "", errno ? strerror(errno) : "");
        return 1;
    }
    return 0;
}
