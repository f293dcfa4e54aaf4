/* date.h: calendar dates as plain integers YYYYMMDD (0 = no date).
 *
 * Integers compare in date order, print without a locale and need no time
 * zone. Parsing accepts the three spellings found in published files. */
#ifndef SENDPACK_DATE_H
#define SENDPACK_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef int32_t sp_date; /* e.g. 20210331; 0 means none */

#define SP_DATE_YEAR(d) ((int)((d) / 10000))
#define SP_DATE_MONTH(d) ((int)((d) / 100 % 100))
#define SP_DATE_DAY(d) ((int)((d) % 100))

/* DD/MM/YYYY, YYYY-MM-DD or YYYY/MM/DD, checked against the calendar.
 * Leading/trailing spaces are ignored. Returns false on anything else. */
bool sp_date_parse(const char *s, sp_date *out);
/* An as-at date: sp_date_parse, and a year from SP_AS_AT_FIRST_YEAR to
 * SP_AS_AT_LAST_YEAR (2999 would make some 23,000 monthly figures). */
#define SP_AS_AT_FIRST_YEAR 1990
#define SP_AS_AT_LAST_YEAR 2099
#define SP_AS_AT_EXPECTED "a date from 1990-01-01 to 2099-12-31, such as 2021-03-31"
bool sp_date_parse_as_at(const char *s, sp_date *out);
bool sp_date_valid(int y, int m, int d);
sp_date sp_date_make(int y, int m, int d);
/* "2021-03-31" into buf (>= 11 bytes). */
void sp_date_iso(sp_date d, char *buf, size_t n);
/* "31 March 2021" into buf (>= 20 bytes). */
void sp_date_long(sp_date d, char *buf, size_t n);
/* Days since 1970-01-01 (for arithmetic and Unix times). */
int64_t sp_date_days(sp_date d);
/* Spreadsheet serial number (1900 date system, as Excel/LibreOffice). */
double sp_date_serial(sp_date d);
/* Midnight UTC of the date as Unix seconds. */
int64_t sp_date_epoch(sp_date d);
/* The date of Unix time t (UTC). */
sp_date sp_date_from_epoch(int64_t t);

#endif
