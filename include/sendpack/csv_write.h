/* csv_write.h: writing CSV rows for readers (figures.csv, revisions.csv, the
 * charts' data): RFC 4180, fields quoted only when they hold a comma, quote
 * or line break, quotes doubled, CRLF line ends. A text field starting with
 * =, +, -, @, tab or carriage return is written with a leading single quote
 * (the OWASP CSV-injection rule), so no spreadsheet runs it as a formula;
 * numbers such as "-0.05" are written as they are. */
#ifndef SENDPACK_CSV_WRITE_H
#define SENDPACK_CSV_WRITE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* s is a plain decimal number: optional sign, digits, optional fraction and
 * exponent ("-0.05", "+3", "1e-05"; not "-", "inf" or "1+1"). */
bool sp_csv_is_number(const char *s);
/* s would be taken for a formula: it starts with =, +, -, @, tab or CR and
 * is not a number. */
bool sp_csv_needs_guard(const char *s);

/* Append one row of n fields (NULL is an empty field) to out. */
void sp_csv_row(GString *out, size_t n, const char *const *fields);
/* Append one field as sp_csv_row writes it (quoted, guarded), without the
 * comma before it or the line end. */
void sp_csv_field(GString *out, const char *field);

#endif
