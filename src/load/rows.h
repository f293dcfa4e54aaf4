/* rows.h (private to src/load): walking a file's data rows and reading typed
 * cells, reporting every bad cell with its file, line and column.
 *
 * Design choice: one reader shared by the four file kinds. Each typed getter
 * reports its own problem in the one message style ("expected X, found Y")
 * and counts it against the row, so a loader reads every cell of a row,
 * then keeps the record only if the row had no errors. "NA" (R's missing
 * value) reads as an empty cell everywhere. */
#ifndef SENDPACK_LOAD_ROWS_H
#define SENDPACK_LOAD_ROWS_H

#include <stdbool.h>

#include "table_open.h"
#include "sendpack/model.h"

typedef struct sp_rows {
    const char *path; /* as given (may end "#Sheet") */
    sp_source src;    /* the file read, its sheet, and the name for messages */
    sp_diags *diags;
    sp_csv_table table;
    sp_header header;
    size_t next;      /* next row index to look at */
    const sp_csv_row *row; /* current data row */
    int errors;       /* all errors for this file */
    int row_errors;   /* errors in the current row */
    size_t n_rows;    /* data rows read */
    bool warned_extra;
    size_t first_diag; /* diags->n when the file was opened */
} sp_rows;

/* Read path (CSV, ODS or XLSX, told by content; see sp_table_open) and find
 * its header among the given kinds. Returns true when
 * data rows can be read (file read, header found, required columns there). */
bool sp_rows_open(sp_rows *r, const char *path, const sp_schema *const *schemas,
                  size_t n_schemas, sp_diags *diags);
/* Advance to the next data row that is not blank. */
bool sp_rows_next(sp_rows *r);
/* Free the table and put the file's diags in line and column order (they are
 * found in two passes: bytes and quoting while reading, cells afterwards);
 * a spreadsheet's are marked as cell references (file[Sheet]!B12). */
void sp_rows_close(sp_rows *r);

/* Record the file (kind of its header, rows read) in ds->inputs; returns
 * the stable copy of its path for the records' file field. Call after the
 * last sp_rows_next. */
const char *sp_rows_add_input(sp_rows *r, sp_dataset *ds);

bool sp_rows_has(const sp_rows *r, int col);
int sp_rows_line(const sp_rows *r);        /* line of the current row */
/* "line 12" (CSV) or "row 12" (a sheet), for messages pointing elsewhere. */
const char *sp_rows_line_word(const sp_rows *r);
int sp_rows_cell_line(const sp_rows *r, int col);
int sp_rows_column(const sp_rows *r, int col); /* 1-based; 1 if column absent */
/* Trimmed text of a cell, "" if blank, "NA" or the column is absent. */
const char *sp_rows_text(const sp_rows *r, int col);

void sp_rows_error(sp_rows *r, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void sp_rows_warning(sp_rows *r, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "\"31/3/21x\"" or "an empty cell", for messages; caller frees. */
char *sp_rows_found(const sp_rows *r, int col);

/* Typed cells. Each returns false (and reports) when the cell is bad.
 * Optional cells that are blank give 0 / -1 and return true. */
bool sp_rows_required_text(sp_rows *r, int col, const char *what, char **out);
bool sp_rows_date(sp_rows *r, int col, bool required, sp_date *out);
bool sp_rows_yes_no(sp_rows *r, int col, bool required, bool *out);
bool sp_rows_count(sp_rows *r, int col, int *out);         /* -1 if blank */
bool sp_rows_number(sp_rows *r, int col, double *out);     /* -1 if blank */
bool sp_rows_money(sp_rows *r, int col, double *out);      /* -1 if blank */
/* The index of the cell among choices (normalised compare, see
 * sp_normalise; prefix match when prefix is true), -1 if blank; on an
 * unknown value reports "expected <expected>, found ..." and returns -2. */
int sp_rows_choice(sp_rows *r, int col, const char *const *choices, bool prefix,
                   const char *expected);

#endif
