/* workbook_limits.c: the spreadsheet's limits checked before any work
 * (workbook.h): a sheet holds 1,048,576 rows and 16,384 columns, a cell
 * 32,767 characters. A million-row input used to pass `validate`, then make
 * `build` run for minutes before the workbook writer refused it. */
#include "sendpack/workbook.h"

#include <glib.h>
#include <string.h>

#include "workbook_sheets.h"

#define WB_MAX_ROWS 1048576u
/* rows above a table's first data row: title lines and the header */
#define WB_DATA_ROWS_MAX (WB_MAX_ROWS - (WB_HEADER_ROW + 1))

static bool rows_fit(size_t n, const char *what, const char *file, sp_diags *diags)
{
    if (n <= WB_DATA_ROWS_MAX)
        return true;
    sp_diags_error(diags, file, 0, 0,
                   "expected at most %u %s (a spreadsheet sheet holds 1,048,576 rows, %u of "
                   "them above the table), found %zu: split the data, or build with --no-workbook",
                   WB_DATA_ROWS_MAX, what, (unsigned)(WB_HEADER_ROW + 1), n);
    return false;
}

static void cell_fits(const char *text, const char *column, const char *file, int line,
                      sp_diags *diags)
{
    if (!text || strlen(text) <= WB_CELL_MAX)
        return; /* bytes >= characters: most cells end here */
    glong n = g_utf8_strlen(text, -1);
    if (n > WB_CELL_MAX)
        sp_diags_error(diags, file, line, 0,
                       "expected %s of at most 32,767 characters (what a spreadsheet cell "
                       "holds), found %ld: shorten it, or build with --no-workbook", column, n);
}

int sp_workbook_check_limits(const sp_dataset *ds, size_t n_figures, sp_diags *diags)
{
    size_t before = sp_diags_count(diags, SP_DIAG_ERROR);
    size_t n16 = 0, n23 = 0;
    for (size_t i = 0; i < ds->n_inspections; i++) {
        if (ds->inspections[i].framework == SP_FRAMEWORK_2023)
            n23++;
        else
            n16++;
    }
    bool ok = rows_fit(n16, "inspections (2016 framework)", NULL, diags);
    ok = rows_fit(n23, "inspections (2023 framework)", NULL, diags) && ok;
    ok = rows_fit(ds->n_funding, "funding lines", NULL, diags) && ok;
    ok = rows_fit(ds->n_interventions, "interventions", NULL, diags) && ok;
    ok = rows_fit(n_figures, "figures", NULL, diags) && ok;
    /* columns are the workbook's own, a few dozen at most: nothing to check */
    for (size_t i = 0; ok && i < ds->n_inspections; i++) {
        const sp_inspection *x = &ds->inspections[i];
        cell_fits(x->la_code, "a local authority code", x->file, x->line, diags);
        cell_fits(x->area_name, "an area name", x->file, x->line, diags);
        cell_fits(x->region, "a region", x->file, x->line, diags);
    }
    for (size_t i = 0; ok && i < ds->n_funding; i++) {
        const sp_funding *f = &ds->funding[i];
        const char *cols[][2] = {{f->id, "an id"}, {f->programme, "a programme"},
                                 {f->description, "a description"}, {f->recipient, "a recipient"},
                                 {f->source, "a source"}};
        for (size_t c = 0; c < G_N_ELEMENTS(cols); c++)
            cell_fits(cols[c][0], cols[c][1], f->file, f->line, diags);
    }
    for (size_t i = 0; ok && i < ds->n_interventions; i++) {
        const sp_intervention *v = &ds->interventions[i];
        const char *cols[][2] = {{v->la_code, "a local authority code"}, {v->area_name, "an area name"},
                                 {v->note, "a note"}, {v->source, "a source"}};
        for (size_t c = 0; c < G_N_ELEMENTS(cols); c++)
            cell_fits(cols[c][0], cols[c][1], v->file, v->line, diags);
    }
    return sp_diags_count(diags, SP_DIAG_ERROR) > before ? 2 : 0;
}
