/* table_open.h (private to src/load): any input file (CSV, ODS, XLSX) read
 * into the loader's table of cells, choosing a spreadsheet's data sheet.
 *
 * Design choice: a spreadsheet's chosen sheet is turned into the same
 * sp_csv_table a CSV file gives (a cell's line is its sheet row, its index
 * its column), so headers, typed cells and every check are shared. Typed
 * values arrive as the text the loader reads: dates as 31/03/2021 (from the
 * date value, not the shown text), numbers in their shortest exact form. */
#ifndef SENDPACK_TABLE_OPEN_H
#define SENDPACK_TABLE_OPEN_H

#include "header.h"

/* Rows of a CSV file held at a time: about a megabyte of cells. */
#define SP_CSV_BATCH_ROWS 4096

typedef struct sp_source {
    char *file;  /* the file to read: the path without a "#Sheet" suffix */
    char *sheet; /* the sheet read (NULL for CSV) */
    char *where; /* for messages: "file" or "file[Sheet]" */
} sp_source;

/* Read path into t. path may end "#Sheet name" to name the sheet of a
 * spreadsheet; otherwise the first sheet whose header row names one of the
 * kinds is read (cover, contents, notes and guidance sheets last).
 * Returns the number of errors added; t->opened is false when no table
 * could be read. A CSV file's rows come SP_CSV_BATCH_ROWS at a time
 * (t->more, sp_csv_read_more) when the first batch holds a header of one
 * of the kinds; otherwise, and for a sheet, all at once.
 * Call sp_source_clear and sp_csv_clear afterwards. */
int sp_table_open(sp_csv_table *t, sp_source *src, const char *path,
                  const sp_schema *const *schemas, size_t n_schemas, sp_diags *diags);
void sp_source_clear(sp_source *src);

#endif
