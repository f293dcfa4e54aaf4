/* workbook_sheets.h: private to the workbook renderer (src/render/workbook*.c).
 *
 * One writer per sheet, sharing an sp_wb (the workbook description of
 * workbook_desc.h, the run's context) and a small table writer (workbook_cells.c)
 * that owns the Analysis Function layout: title in A1, a line about the table
 * in A2, the source in A3, one Excel table from row 4 with a frozen, wrapped
 * header, widths that fit, and every text cell written as a string. Live
 * formula cells are recorded against the figure id whose value they cache, so
 * the Figures sheet can point at them and tests can check them after a real
 * recalculation. */
#ifndef SENDPACK_WORKBOOK_SHEETS_H
#define SENDPACK_WORKBOOK_SHEETS_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendpack/context.h"
#include "sendpack/diag.h"
#include "workbook_desc.h"

#define WB_MAX_COLS 24
/* Excel's limit on the characters in one cell. */
#define WB_CELL_MAX 32767
/* Row (0-based) of every table's header: rows 1-3 hold title, about, source. */
#define WB_HEADER_ROW 3

/* Sheet names (also used in formulas and the contents). */
#define WB_COVER "Cover"
#define WB_CONTENTS "Contents"
#define WB_NOTES "Notes"
#define WB_SUMMARY "Summary"
#define WB_REGIONS "Regions"
#define WB_YEARS "Years"
#define WB_REVISITS "Revisits"
#define WB_TIMELINE "Timeline"
#define WB_OUTCOMES "Outcomes 2023"
#define WB_CHARTS "Charts"
#define WB_RECORDS "Records"
#define WB_RECORDS23 "Records 2023"
#define WB_FUNDING "Funding"
#define WB_INTERVENTIONS "Interventions"
#define WB_EHCP "EHC plans"
#define WB_SEN2 "Records SEN2"
#define WB_DSG "High needs"
#define WB_DSG_RECORDS "High needs records"
#define WB_FIGURES "Figures"

/* The defined name of the as-at cell on the Cover sheet. */
#define WB_ASAT_NAME "AsAt"

/* Notes, numbered as they appear on the Notes sheet ([note N]). */
enum {
    WB_NOTE_REORGANISED = 1,
    WB_NOTE_WSOA,
    WB_NOTE_ASAT,
    WB_NOTE_SYMBOLS,
    WB_NOTE_SHARES,
    WB_NOTE_REVISITS,
    WB_NOTE_FRAMEWORK_2023,
    WB_NOTE_FUNDING,
    WB_NOTE_INTERVENTIONS,
    WB_NOTE_FIGURES,
    WB_NOTE_ILLUSTRATIVE,
    WB_NOTE_COUNT = WB_NOTE_ILLUSTRATIVE
};

typedef struct sp_wb {
    wb_desc *d;           /* what the sheet writers describe */
    const sp_context *ctx;
    const sp_figures *figs;
    const sp_view *view;       /* the records at the as-at date */
    sp_diags *diags;
    const char *path;
    size_t cut_strings;   /* text cells cut to Excel's limit */
    /* figure id -> "Regions!D5" (owned), for every live formula cell */
    GHashTable *live;
    size_t n_records, n_records23; /* rows in the two records tables */
    size_t n_region_rows, n_timeline_rows; /* data rows, for the charts */
} sp_wb;

/* A table being written: see workbook_cells.c. */
typedef struct wb_table {
    sp_wb *w;
    wb_sheet *ws;
    const char *sheet;
    char *name;                /* Excel table name */
    size_t ncols;
    const char *headers[WB_MAX_COLS];
    wb_fmt col_format[WB_MAX_COLS]; /* data format per column (or WB_FMT_NONE) */
    double width[WB_MAX_COLS]; /* characters */
    double max_width[WB_MAX_COLS];
    bool numeric[WB_MAX_COLS]; /* right-aligned, symbols too */
    uint32_t row;             /* current data row (0-based, absolute) */
    size_t nrows;              /* data rows started */
    int row_lines;             /* text lines the current row needs */
} wb_table;

/* Begin a table on ws: writes title (A1), about (A2), source (A3) and the
 * header row; ncols <= WB_MAX_COLS. */
void wb_table_begin(wb_table *t, sp_wb *w, wb_sheet *ws, const char *sheet,
                    const char *table_name, const char *title, const char *about,
                    const char *source, const char *const *headers, size_t ncols);
/* Cap a column's width (characters); text beyond it wraps. */
void wb_table_wrap_column(wb_table *t, size_t col, double max_width);
/* Mark a column as numeric: header, numbers and symbols align right. */
void wb_table_numeric(wb_table *t, size_t col);
/* Start the next data row. */
void wb_table_row(wb_table *t);
/* Cells of the current row. Text is always a string cell, never a formula. */
void wb_text(wb_table *t, size_t col, const char *s);
void wb_number(wb_table *t, size_t col, double v, wb_fmt f);
/* A number, or the symbol when v is negative (blank in the input). */
void wb_number_or(wb_table *t, size_t col, double v, wb_fmt f, const char *symbol);
/* A date (YYYYMMDD) as a real date, or the symbol when d is 0. */
void wb_date(wb_table *t, size_t col, sp_date d, const char *symbol);
/* An internal link ("internal:'Regions'!A1") shown as text. */
void wb_link(wb_table *t, size_t col, const char *url, const char *text);
/* A numeric formula with its cached result; figure_id (may be NULL) records
 * the cell as the live version of that figure. */
void wb_formula(wb_table *t, size_t col, const char *formula, wb_fmt f,
                double cached, const char *figure_id);
/* A formula whose result is text ("Yes"/"No", "[z]"). */
void wb_formula_text(wb_table *t, size_t col, const char *formula, const char *cached);
/* "B5": the cell of column col in the current row (buf >= 16 bytes). */
const char *wb_cell(const wb_table *t, size_t col, char *buf);
/* "$B$5:$B$20": a data column of the whole table (after the last row). */
void wb_column_range(const wb_table *t, size_t col, char *buf, size_t n);
/* Give a data column of the whole table a defined name (after the last row). */
void wb_define_column(wb_table *t, size_t col, const char *name);
/* Make the Excel table, set widths, freeze the header. */
void wb_table_end(wb_table *t);

/* Write text into a plain cell (outside tables), always as a string. */
void wb_plain_text(sp_wb *w, wb_sheet *ws, uint32_t row, uint32_t col,
                   const char *s, wb_fmt f);
/* A4, fitted to one page wide when printed. */
void wb_print_setup(sp_wb *w, wb_sheet *ws, bool landscape);
/* prefix, then ref on sheet: "'Records 2023'!A5", quoted when the sheet name
 * has a space. g_free() it. */
char *wb_sheet_ref(const char *prefix, const char *sheet, const char *ref);
/* "[note 3]" */
const char *wb_note(int n, char *buf, size_t len);
/* A table title citing up to three notes, "Funding lines [note 8][note 4]";
 * a note of 0 is left out. */
const char *wb_title(char *buf, size_t len, const char *text, int a, int b, int c);
/* The figure, or NULL. id is printf-formatted. */
const sp_figure *wb_fig(const sp_wb *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "31 August 2022" into buf. */
const char *wb_long_date(sp_date d, char *buf, size_t n);
/* The name a region is grouped under by the figures table (by slug), or s. */
const char *wb_region_name(const sp_wb *w, const char *s, bool framework_2023);

/* Sheet writers. */
void wb_write_cover(sp_wb *w, wb_sheet *ws);
void wb_write_contents(sp_wb *w, wb_sheet *ws, const char *const *names,
                       const char *const *descriptions, size_t n);
void wb_write_notes(sp_wb *w, wb_sheet *ws);
void wb_write_records(sp_wb *w, wb_sheet *ws);
void wb_write_records23(sp_wb *w, wb_sheet *ws);
void wb_write_summary(sp_wb *w, wb_sheet *ws);
void wb_write_regions(sp_wb *w, wb_sheet *ws);
void wb_write_years(sp_wb *w, wb_sheet *ws);
void wb_write_revisits(sp_wb *w, wb_sheet *ws);
void wb_write_timeline(sp_wb *w, wb_sheet *ws);
void wb_write_outcomes(sp_wb *w, wb_sheet *ws);
void wb_write_charts(sp_wb *w, wb_sheet *ws);
void wb_write_funding(sp_wb *w, wb_sheet *ws);
void wb_write_interventions(sp_wb *w, wb_sheet *ws);
/* workbook_dsg.c: totals by year and region (live) and the DSG records. */
void wb_write_dsg(sp_wb *w, wb_sheet *ws);
void wb_write_dsg_records(sp_wb *w, wb_sheet *ws);
void wb_write_figures(sp_wb *w, wb_sheet *ws);
/* workbook_sen2.c: EHC-plan timeliness (SEN2) */
void wb_write_ehcp(sp_wb *w, wb_sheet *ws);
void wb_write_sen2_records(sp_wb *w, wb_sheet *ws);

#endif
