/* workbook.h: the accessible workbook, as XLSX (libxlsxwriter) and as ODS
 * (OpenDocument, libxml2 and libzip), whose headline figures are live
 * formulas over the records table and the as-at cell. Both files come from
 * one description of the workbook, so they hold the same sheets, cells,
 * formulas, formats and names.
 *
 * Sheets, in order (Analysis Function "Releasing statistics in
 * spreadsheets"): Cover (title, what the workbook holds, the as-at date in
 * one cell named AsAt, sources), Contents (a link to every sheet), Notes
 * ([note N] and the symbols [x] [z] [c]), then one Excel table per sheet:
 * Summary, Regions, Years, Revisits, Timeline, Outcomes 2023 (when the data
 * has 2023-framework inspections), a Charts sheet (native charts with alt
 * text), Records, Records 2023, Funding and Interventions (when present), and
 * Figures (the figures table; its last column names the cell holding each
 * figure's live formula).
 *
 * Every count and share on the Summary, Regions, Years, Revisits, Timeline
 * and Outcomes sheets is a formula over the Records sheets (through defined
 * names such as rec_included) and AsAt, cached with the figure's value, so a
 * reader may change AsAt and recalculate. Text from the inputs is always
 * written as a string; text over 32,767 characters is cut with a note and a
 * warning diag. The same context gives the same bytes: the document's created
 * date is SOURCE_DATE_EPOCH when set, else the as-at date. */
#ifndef SENDPACK_WORKBOOK_H
#define SENDPACK_WORKBOOK_H

#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Write the workbook to path: ODS when path ends .ods, else XLSX. Returns 0
 * (warnings may have been added), or 1 with an error diag naming path when
 * the file cannot be written. */
int sp_workbook_write(const sp_context *ctx, const char *path, sp_diags *diags);

/* Whether the data fits a spreadsheet, checked before any work: at most
 * 1,048,572 rows per table (a sheet's 1,048,576 less the rows above it) of
 * inspections of each framework, funding lines, interventions and
 * n_figures figures (0 when not yet known), and at most 32,767 characters in
 * every text cell. Returns 0, or 2 with one error per problem (naming file
 * and line for a cell). */
int sp_workbook_check_limits(const sp_dataset *ds, size_t n_figures, sp_diags *diags);
/* Write the workbook as XLSX to xlsx and as ODS to ods (either may be NULL),
 * describing it once. Returns 0, or 1 with an error diag naming the file. */
int sp_workbook_write_files(const sp_context *ctx, const char *xlsx, const char *ods,
                            sp_diags *diags);

#endif
