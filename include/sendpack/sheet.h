/* sheet.h: spreadsheets (ODS, XLSX) read as sheets of typed cells with
 * their positions, for any loader that reads tables.
 *
 * Design choice: libzip opens the container and libxml2's streaming reader
 * (xmlTextReader) walks the XML, so a sheet is read in one pass without a
 * document tree and without a hand-written parser. Only cells that hold
 * something are kept: a sheet declaring a million empty repeated rows costs
 * nothing. The format is told by content, never by the file name. Nothing
 * here prints: problems go to sp_diags, about the file as a whole (line 0). */
#ifndef SENDPACK_SHEET_H
#define SENDPACK_SHEET_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "sendpack/date.h"
#include "sendpack/diag.h"

typedef enum {
    SP_FORMAT_TEXT, /* anything else: read as CSV text */
    SP_FORMAT_ODS,  /* zip with mimetype application/vnd.oasis.opendocument.spreadsheet */
    SP_FORMAT_XLSX, /* zip with xl/workbook.xml */
    SP_FORMAT_OLE2, /* legacy .xls, or a password-protected .xlsx */
    SP_FORMAT_ZIP,  /* another zip (a .docx, a damaged spreadsheet...) */
} sp_file_format;

/* The format of the file at path by its first bytes and, for a zip, its
 * parts; SP_FORMAT_TEXT when it cannot be opened (the reader says why) or
 * is not a regular file (a pipe is read once, as CSV). */
sp_file_format sp_sheet_sniff(const char *path);

typedef enum {
    SP_CELL_TEXT,
    SP_CELL_NUMBER,
    SP_CELL_DATE,
    SP_CELL_BOOL,
    SP_CELL_ERROR, /* a formula error such as #DIV/0! */
} sp_cell_type;

typedef struct sp_sheet_cell {
    sp_cell_type type;
    int row, col;     /* 1-based: B12 is row 12, col 2 */
    const char *text; /* never NULL or "": the string; a number in the fewest digits that read
                       * back the same double ("5656.28"); a date as 31/03/2021; TRUE/FALSE;
                       * the error code */
    double number;    /* SP_CELL_NUMBER, SP_CELL_BOOL (1/0) */
    sp_date date;     /* SP_CELL_DATE */
} sp_sheet_cell;

typedef struct sp_sheet_row {
    int row;      /* 1-based sheet row */
    size_t first; /* index of its first cell in the sheet's cells */
    size_t n;     /* cells holding something, in column order */
} sp_sheet_row;

typedef struct sp_sheet {
    char *name;
    GStringChunk *text;
    GArray *cells; /* sp_sheet_cell */
    GArray *rows;  /* sp_sheet_row; rows holding nothing are left out */
} sp_sheet;

typedef struct sp_book sp_book;

/* Open a spreadsheet (the format is sniffed). NULL, with one diag naming
 * the problem (corrupt zip, zip bomb, encrypted, legacy .xls, not a
 * spreadsheet), when it cannot be read. */
sp_book *sp_book_open(const char *path, sp_diags *diags);
void sp_book_close(sp_book *b);
sp_file_format sp_book_format(const sp_book *b);
size_t sp_book_sheets(const sp_book *b);
const char *sp_book_sheet_name(const sp_book *b, size_t i);
/* Index of the sheet called name (exact, else ignoring case), or -1. */
int sp_book_find_sheet(const sp_book *b, const char *name);
/* "Cover", "Contents", "Data" */
char *sp_book_sheet_list(const sp_book *b);

/* Read sheet i. Returns the number of errors added (damaged XML, a sheet
 * beyond 1,048,576 rows or 16,384 columns); what was read before a problem
 * stays in out. Always call sp_sheet_clear afterwards. */
int sp_book_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags);
void sp_sheet_clear(sp_sheet *s);

static inline const sp_sheet_row *sp_sheet_row_at(const sp_sheet *s, size_t i)
{
    return &g_array_index(s->rows, sp_sheet_row, i);
}
static inline const sp_sheet_cell *sp_sheet_cell_at(const sp_sheet *s, const sp_sheet_row *r,
                                                    size_t i)
{
    return &g_array_index(s->cells, sp_sheet_cell, r->first + i);
}

/* The date of a spreadsheet serial number: 1900 system (serial 60 is the
 * 29 February 1900 that never was; serials before it are one day off) or
 * 1904 system. 0 when out of range. */
sp_date sp_sheet_serial_date(double serial, bool date1904);

#define SP_SHEET_MAX_ROWS 1048576
#define SP_SHEET_MAX_COLUMNS 16384
/* A part that unpacks beyond this (or beyond 100 times its packed size
 * when over 8 MiB) is refused as a zip bomb. */
#define SP_SHEET_MAX_PART (256u * 1024 * 1024)

#endif
