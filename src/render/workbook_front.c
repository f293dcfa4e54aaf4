/* workbook_front.c: the Cover, Contents and Notes sheets.
 *
 * Design choice: the as-at date is one real date cell on the Cover, in column
 * A like all cover text, with the defined name AsAt; every live formula in the
 * workbook refers to it by that name, so a reader changes one cell to see the
 * figures at another date. Notes are a fixed, numbered list so table titles can
 * cite [note N] without looking anything up. */
#include "workbook_sheets.h"

#include <stdio.h>
#include <string.h>

static uint32_t para(sp_wb *w, wb_sheet *ws, uint32_t row, const char *text)
{
    wb_plain_text(w, ws, row, 0, text, WB_FMT_WRAP);
    /* Cover text wraps at column A's width (75 characters). */
    size_t len = g_utf8_strlen(text, -1);
    int lines = (int)(len / 68) + 1;
    if (lines > 1)
        wb_set_row(ws, row, 15.0 * lines);
    return row + 1;
}

static uint32_t heading(sp_wb *w, wb_sheet *ws, uint32_t row, const char *text)
{
    wb_plain_text(w, ws, row, 0, text, WB_FMT_HEADING);
    return row + 1;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sources named by the figures and the input files, sorted, each once. */
static GPtrArray *sources(const sp_wb *w)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < w->figs->n; i++) {
        const char *s = w->figs->items[i].source;
        if (s && *s && !g_hash_table_contains(seen, s)) {
            g_hash_table_add(seen, (gpointer)s);
            g_ptr_array_add(out, g_strdup(s));
        }
    }
    g_hash_table_destroy(seen);
    g_ptr_array_sort(out, cmp_str);
    return out;
}

void wb_write_cover(sp_wb *w, wb_sheet *ws)
{
    const sp_settings *s = w->ctx->settings;
    char date[32], buf[1024];
    wb_long_date(w->figs->as_at, date, sizeof date);
    wb_set_column(ws, 0, 75);
    wb_hide_grid(ws);
    wb_print_setup(w, ws, false);

    uint32_t r = 0;
    snprintf(buf, sizeof buf, "%s: data tables",
             s && s->title ? s->title : "Area SEND inspections");
    wb_plain_text(w, ws, r++, 0, buf, WB_FMT_TITLE);
    wb_set_row(ws, 0, 21);
    if (s && s->illustrative)
        wb_plain_text(w, ws, r++, 0, "Illustrative data: these are not real figures.", WB_FMT_WARNING);
    if (s && s->prepared_for && *s->prepared_for)
        r = para(w, ws, r, s->prepared_for);
    r++;

    r = heading(w, ws, r, "What this workbook holds");
    r = para(w, ws, r,
             "Figures on area SEND (special educational needs and disabilities) inspections of "
             "local areas in England by Ofsted and the Care Quality Commission: how many areas "
             "were inspected, how many were required to produce a written statement of action "
             "(WSoA), the significant weaknesses found, and what revisits found. Each table is "
             "on its own sheet; the Contents sheet links to them and the Notes sheet explains "
             "the [note N] references and the symbols [x], [z] and [c].");
    r = para(w, ws, r,
             "The Records sheet holds the inspection records used, one row per area. The "
             "Summary, Regions, Years, Revisits, Timeline and Outcomes tables are formulas over "
             "those records, so you can see how each figure is counted. The Figures sheet lists "
             "every figure with its definition, source and filter.");
    r++;

    r = heading(w, ws, r, "As-at date");
    r = para(w, ws, r,
             "Figures count inspections and revisits whose reports were published on or before "
             "this date (named AsAt in this workbook):");
    char asat_ref[16];
    snprintf(asat_ref, sizeof asat_ref, "$A$%u", (unsigned)r + 1);
    if (w->figs->as_at > 0)
        wb_put_number(ws, r, 0, sp_date_serial(w->figs->as_at), WB_FMT_ASAT);
    else
        wb_plain_text(w, ws, r, 0, "[x]", WB_FMT_ASAT);
    wb_set_row(ws, r, 20);
    r++;
    wb_define(ws, WB_ASAT_NAME, asat_ref);
    r++;

    r = heading(w, ws, r, "How to use the as-at date");
    snprintf(buf, sizeof buf,
             "Type another date into the as-at cell above (for example 31/03/2021) and the live "
             "tables and charts recalculate to count only what had been published by then. The "
             "Figures sheet keeps the values sendpack computed for %s; it does not change. If "
             "your spreadsheet does not recalculate by itself, press F9 (Excel) or Ctrl+Shift+F9 "
             "(LibreOffice).",
             date);
    r = para(w, ws, r, buf);
    r++;

    r = heading(w, ws, r, "Source publications");
    GPtrArray *src = sources(w);
    for (guint i = 0; i < src->len; i++)
        r = para(w, ws, r, g_ptr_array_index(src, i));
    g_ptr_array_free(src, TRUE);
    for (size_t i = 0; i < w->view->n_inputs; i++) {
        const sp_input *in = &w->view->inputs[i];
        char *base = g_path_get_basename(in->path ? in->path : "");
        snprintf(buf, sizeof buf, "Input file %s (%s, %zu rows)", base,
                 in->kind ? in->kind : "data", in->rows);
        g_free(base);
        r = para(w, ws, r, buf);
    }
    if (w->figs->n == 0 && w->view->n_inputs == 0)
        r = para(w, ws, r, "[x]");
    r++;

    r = heading(w, ws, r, "About this workbook");
    snprintf(buf, sizeof buf,
             "Made with sendpack %s%s%s. It follows the Analysis Function guidance "
             "\"Releasing statistics in spreadsheets\".",
             SENDPACK_VERSION, s && s->author && *s->author ? " by " : "",
             s && s->author ? s->author : "");
    r = para(w, ws, r, buf);
    wb_activate(ws);
}

void wb_write_contents(sp_wb *w, wb_sheet *ws, const char *const *names,
                       const char *const *descriptions, size_t n)
{
    static const char *const headers[] = {"Sheet name", "Contents"};
    wb_table t;
    wb_table_begin(&t, w, ws, WB_CONTENTS, "Contents", "Contents",
                   "This table lists the sheets in this workbook, with a link to each.", NULL,
                   headers, 2);
    wb_table_wrap_column(&t, 1, 110);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], WB_CONTENTS) == 0)
            continue;
        wb_table_row(&t);
        char *url = g_strdup_printf("internal:'%s'!A1", names[i]);
        wb_link(&t, 0, url, names[i]);
        g_free(url);
        wb_text(&t, 1, descriptions[i]);
    }
    wb_table_end(&t);
}

void wb_write_notes(sp_wb *w, wb_sheet *ws)
{
    const sp_settings *s = w->ctx->settings;
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    const char *text[WB_NOTE_COUNT + 1] = {0};
    text[WB_NOTE_REORGANISED] =
        "Areas reorganised since they were inspected (Dorset; Northamptonshire) are not in "
        "Ofsted's table of previous-framework inspections, so national counts can be one or two "
        "lower than in Ofsted's own commentary (for example 115 rather than 116 areas inspected "
        "by 31 March 2021).";
    text[WB_NOTE_WSOA] =
        "A written statement of action (WSoA) is required when an inspection finds significant "
        "weaknesses in the local area's SEND arrangements. The number of significant weaknesses "
        "is the number identified in the inspection letter.";
    text[WB_NOTE_ASAT] =
        "An inspection or revisit counts when its report was published on or before the as-at "
        "date in the Cover sheet (named AsAt). An intervention counts when it started on or "
        "before that date.";
    text[WB_NOTE_SYMBOLS] =
        "Symbols: [x] not available (missing from the source); [z] not applicable (for example, "
        "weaknesses for an area without a WSoA, or a revisit date for an area not yet "
        "revisited); [c] confidential.";
    text[WB_NOTE_SHARES] =
        "A share is the count divided by the number of areas it is a share of, shown as a "
        "percentage. The Figures sheet gives each share's numerator and denominator and a 95% "
        "Wilson score interval.";
    text[WB_NOTE_REVISITS] =
        "Areas with a WSoA are revisited, usually 18 months to two years later. Revisit outcome "
        "Yes: sufficient progress in addressing all significant weaknesses; Some: in some; No: "
        "in none.";
    text[WB_NOTE_FRAMEWORK_2023] =
        "Inspections under the framework introduced in 2023 have one of three outcomes "
        "(typically positive experiences and outcomes; inconsistent experiences and outcomes; "
        "widespread and/or systemic failings). They are not comparable with WSoA figures.";
    text[WB_NOTE_FUNDING] =
        "Funding lines are committed, an optional extension, or announced. Where a line gives a "
        "number of units and a value per unit, its amount is their product.";
    text[WB_NOTE_INTERVENTIONS] =
        "Interventions are actions by the Department for Education in a local area: a "
        "commissioner, a statutory direction, adviser support, a safety valve agreement, or "
        "other.";
    char *figures_note = g_strdup_printf(
        "The Figures sheet holds the values sendpack computed for %s. They do not change when "
        "the as-at date is changed; its last column names the cell that holds each figure's "
        "live formula.",
        date);
    text[WB_NOTE_FIGURES] = figures_note;
    text[WB_NOTE_ILLUSTRATIVE] =
        s && s->illustrative
            ? "Illustrative data: the areas and numbers in this workbook are made up for "
              "demonstration and are not real."
            : "Not used in this workbook (real data).";

    static const char *const headers[] = {"Note number", "Note text"};
    wb_table t;
    wb_table_begin(&t, w, ws, WB_NOTES, "Notes", "Notes",
                   "This table contains the notes referred to in the table titles.", NULL,
                   headers, 2);
    wb_table_wrap_column(&t, 1, 100);
    for (int i = 1; i <= WB_NOTE_COUNT; i++) {
        char note[24];
        wb_table_row(&t);
        wb_text(&t, 0, wb_note(i, note, sizeof note));
        wb_text(&t, 1, text[i]);
    }
    wb_table_end(&t);
    g_free(figures_note);
}
