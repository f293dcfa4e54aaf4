/* csv_write.h: writing CSV rows for readers (figures.csv, revisions.csv, the
 * charts' data): RFC 4180, fields quoted only when they hold a comma, quote
 * or line break, quotes doubled, CRLF line ends. */
#ifndef SENDPACK_CSV_WRITE_H
#define SENDPACK_CSV_WRITE_H

#include <glib.h>
#include <stddef.h>

/* Append one row of n fields (NULL is an empty field) to out. */
void sp_csv_row(GString *out, size_t n, const char *const *fields);

#endif
