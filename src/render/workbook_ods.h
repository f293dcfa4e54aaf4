/* workbook_ods.h: private to the ODS writer (workbook_ods*.c): the XML
 * helpers (a small XML writer into memory), the ODF namespaces, and the parts of
 * the package besides content.xml. */
#ifndef SENDPACK_WORKBOOK_ODS_H
#define SENDPACK_WORKBOOK_ODS_H

#include <glib.h>
#include <stdbool.h>

#include "workbook_desc.h"

#define ODS_VERSION "1.3"
#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

/* An XML part being written into memory, with no indentation, escaped as
 * libxml2's xmlTextWriter escaped it. */
typedef struct ods_xml {
    GString *out;     /* the part's text so far */
    GPtrArray *names; /* the open elements' names (string literals) */
    bool open;        /* the last start tag still lacks its '>' */
} ods_xml;

/* Start a part whose root element is root, with the namespaces ODF parts
 * use. */
void ods_xml_begin(ods_xml *x, const char *root);
/* End the document; the text stays in x->buf until ods_xml_free. */
void ods_xml_end(ods_xml *x);
void ods_xml_free(ods_xml *x);

/* Start an element; name must outlive it (a string literal). */
void ods_el(ods_xml *x, const char *name);
void ods_end(ods_xml *x);
void ods_attr(ods_xml *x, const char *name, const char *value);
void ods_attrf(ods_xml *x, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An attribute whose value is prefix and n in decimal ("ce12"), without
 * printf. */
void ods_attr_num(ods_xml *x, const char *name, const char *prefix, unsigned long n);
/* Text inside the element being written (escaped). */
void ods_text(ods_xml *x, const char *text);
/* A whole element holding text. */
void ods_leaf(ods_xml *x, const char *name, const char *text);
/* Text as one or more <text:p>, keeping tabs, runs of spaces and line
 * breaks; characters XML cannot hold become U+FFFD. */
void ods_paragraphs(ods_xml *x, const char *text);

/* "co_1234": the name of the column style of a width in characters. */
void ods_column_style_name(char *buf, size_t n, double width);
/* "ro_1500": the name of the row style of a height in points. */
void ods_row_style_name(char *buf, size_t n, double height);

/* The automatic styles of content.xml: number styles, one cell style per
 * wb_fmt ("ce<N>"), table styles "ta_portrait"/"ta_landscape", and the given
 * column widths and row heights (sorted arrays of doubles). */
void ods_write_automatic_styles(ods_xml *x, const GArray *widths, const GArray *heights);
/* The data style name for a number format, or NULL. */
const char *ods_data_style(wb_numfmt n);

/* An Excel A1 formula ("=IF(B5>0,B6/B5,\"[z]\")", "{=...}") in
 * OpenFormula ("of:=IF([.B5]>0;[.B6]/[.B5];\"[z]\")"); g_free it. */
char *ods_openformula(const char *excel);

/* The other parts of the package. */
void ods_write_styles(ods_xml *x);
void ods_write_meta(ods_xml *x, const wb_props *p);
/* Frozen rows (freeze_row[i] > 0) and hidden grid per sheet; the active
 * sheet. */
void ods_write_settings(ods_xml *x, const wb_desc *d, const uint32_t *freeze_row,
                        const bool *grid_hidden, size_t active);
void ods_write_manifest(ods_xml *x);

#endif
