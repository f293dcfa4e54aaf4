/* sheet_book.h (private to the sheet reader): the open workbook shared by
 * the container code (sheet_book.c) and the ODS and XLSX readers.
 *
 * Design choice: each XML part is streamed from the zip through an
 * xmlTextReader whose input callback counts the bytes unpacked, so a part
 * that lies about its size is still stopped at the limit. */
#ifndef SENDPACK_SHEET_BOOK_H
#define SENDPACK_SHEET_BOOK_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "sendpack/sheet.h"

struct sp_book {
    char *path;
    sp_file_format format;
    zip_t *zip;
    GPtrArray *names; /* char *: sheet names in workbook order */
    GPtrArray *parts; /* XLSX: char * part of each sheet ("" for a chart sheet) */
    GPtrArray *shared; /* XLSX: shared strings, read with the first sheet */
    GArray *date_styles; /* XLSX: gboolean per cell style (cellXfs index) */
    bool date1904;
    bool styles_read;
};

/* A streaming reader over a part of the zip; NULL (with a diag) when the
 * part is missing, encrypted or unpacks beyond the limits. */
typedef struct sp_part sp_part;
sp_part *sp_part_open(sp_book *b, const char *name, bool required, sp_diags *diags);
xmlTextReaderPtr sp_part_reader(sp_part *p);
/* Close; returns the number of errors added (damaged zip data or XML, too
 * big) when the reader stopped on an error. */
int sp_part_close(sp_part *p, sp_diags *diags);

/* Attribute (local name, any namespace) of the current element; caller frees. */
char *sp_xml_attr(xmlTextReaderPtr r, const char *name);
bool sp_xml_is(xmlTextReaderPtr r, int type, const char *local);

/* Cells being gathered for one sheet. */
void sp_sheet_init(sp_sheet *s, const char *name);
void sp_sheet_add(sp_sheet *s, int row, int col, sp_cell_type type, const char *text,
                  double number, sp_date date);
/* Close the current row (the cells added since the last call). */
void sp_sheet_end_row(sp_sheet *s, int row);
/* Shortest text that reads back as x; caller frees. */
char *sp_sheet_number_text(double x);

int sp_ods_names(sp_book *b, sp_diags *diags);
int sp_ods_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags);
int sp_xlsx_names(sp_book *b, sp_diags *diags);
int sp_xlsx_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags);

#endif
