/* csvtable.h (private to src/load): a CSV file read into rows of cells, each
 * cell knowing the physical line it starts on.
 *
 * Design choice: libcsv does the parsing; we feed it one physical line at a
 * time so that every cell and row can be given its line number (quoted
 * newlines counted correctly) without a hand-written parser. All cell text
 * lives in one GStringChunk, so a 500 KB file costs a handful of allocations. */
#ifndef SENDPACK_LOAD_CSVTABLE_H
#define SENDPACK_LOAD_CSVTABLE_H

#include <glib.h>
#include <stddef.h>

#include "sendpack/diag.h"

typedef struct sp_csv_cell {
    const char *text; /* valid UTF-8, spaces (and U+00A0) trimmed; never NULL */
    int line;         /* physical line (1-based) the cell starts on */
} sp_csv_cell;

typedef struct sp_csv_row {
    int line;     /* physical line the row starts on */
    size_t first; /* index of its first cell in the table's cells */
    size_t n;     /* number of cells */
} sp_csv_row;

typedef struct sp_csv_more sp_csv_more; /* a file being read batch by batch */

typedef struct sp_csv_table {
    GStringChunk *text;
    GArray *cells; /* sp_csv_cell */
    GArray *rows;  /* sp_csv_row; blank lines are not rows */
    bool opened;   /* the file could be read (and is not UTF-16) */
    bool partial;  /* sp_csv_read_head: only the file's first lines were read */
    sp_csv_more *more; /* sp_csv_read_batch: set while rows remain to be read */
} sp_csv_table;

/* Read path (as the user named it) into t. Strips a UTF-8 BOM, accepts LF,
 * CRLF or CR (old Mac) line ends. Problems (cannot read, UTF-16, invalid
 * UTF-8, broken quoting) go to diags with file/line/column; reading goes on
 * past a bad cell or row.
 * Returns the number of errors added. Always call sp_csv_clear afterwards. */
int sp_csv_read(sp_csv_table *t, const char *path, sp_diags *diags);
/* The same for the rows that end within the first max_bytes of the file
 * (t->partial when the file is longer): the rows it gives are those
 * sp_csv_read gives first, for finding a file's header without reading
 * all of it. */
int sp_csv_read_head(sp_csv_table *t, const char *path, size_t max_bytes, sp_diags *diags);
/* The same for the file's first rows only: at least batch of them (all,
 * when the file has fewer), up to a row's end. While more remain t->more is
 * set, and sp_csv_read_more reads them: a file of any size is read in the
 * memory of one batch. Line numbers, cells and problems are those
 * sp_csv_read gives. */
int sp_csv_read_batch(sp_csv_table *t, const char *path, size_t batch, sp_diags *diags);
/* The next batch of rows in place of t's rows (rest false: the cells and
 * text of the rows before are freed), or every row left after t's rows
 * (rest true). t->more is cleared at the end of the file. Problems go to
 * diags; returns the number of errors added. */
int sp_csv_read_more(sp_csv_table *t, bool rest, sp_diags *diags);
void sp_csv_clear(sp_csv_table *t);

/* Narrow text/len (valid UTF-8) to leave out the spaces, tabs, line ends
 * and no-break spaces around it, as every cell is trimmed. */
void sp_csv_trim(const char **text, size_t *len);

/* Cell text for a message: as it is up to 60 characters, else its first 57
 * and "..." (a cell may hold a megabyte); line ends, tabs and other control
 * characters written as \n, \r, \t, \xNN so a message stays one line.
 * Caller frees. */
char *sp_csv_cut(const char *text);

static inline const sp_csv_row *sp_csv_row_at(const sp_csv_table *t, size_t i)
{
    return &g_array_index(t->rows, sp_csv_row, i);
}

/* Cell col (0-based) of row r, or NULL past the row's last cell. */
static inline const sp_csv_cell *sp_csv_cell_at(const sp_csv_table *t, const sp_csv_row *r,
                                                size_t col)
{
    return col < r->n ? &g_array_index(t->cells, sp_csv_cell, r->first + col) : NULL;
}

#endif
