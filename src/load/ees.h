/* ees.h (private to src/load): reading files in DfE's Explore Education
 * Statistics (EES) tidy format, for every loader of an EES source.
 *
 * An EES file has one row per time period x geographic level x area: the
 * columns time_period (2021, or 202122 for an academic or financial year,
 * shown 2021/22), time_identifier ("Calendar year", "Academic year", ...),
 * geographic_level ("National", "Regional", "Local authority"), the codes
 * and names (country_code, region_code, new_la_code, old_la_code, la_name)
 * and then indicator columns. Value cells hold a number or an EES symbol
 * (sendpack/ees.h).
 *
 * Design choice: an EES loader is an ordinary sp_rows loader (rows.h), so
 * every cell problem is reported in the one style with file, line and
 * column. Its schema starts with SP_EES_GEOGRAPHY (the columns above) and
 * lists only the indicators it reads; the file's other indicators (SEN2 has
 * 70 more) are passed over without an "unknown column" warning each. */
#ifndef SENDPACK_LOAD_EES_H
#define SENDPACK_LOAD_EES_H

#include "rows.h"
#include "sendpack/ees.h"

/* Schema columns every EES loader starts with, in this order. */
enum {
    EES_TIME_PERIOD = 0, EES_TIME_IDENTIFIER, EES_LEVEL, EES_COUNTRY_CODE, EES_REGION_CODE,
    EES_REGION_NAME, EES_NEW_LA_CODE, EES_OLD_LA_CODE, EES_LA_NAME, EES_FIRST_INDICATOR
};
#define SP_EES_GEOGRAPHY                                                                     \
    [EES_TIME_PERIOD] = {"time_period", SP_COL_REQUIRED},                                    \
    [EES_TIME_IDENTIFIER] = {"time_identifier", SP_COL_REQUIRED},                            \
    [EES_LEVEL] = {"geographic_level", SP_COL_REQUIRED},                                     \
    [EES_COUNTRY_CODE] = {"country_code", 0}, [EES_REGION_CODE] = {"region_code", 0},       \
    [EES_REGION_NAME] = {"region_name", 0}, [EES_NEW_LA_CODE] = {"new_la_code", 0},         \
    [EES_OLD_LA_CODE] = {"old_la_code", 0}, [EES_LA_NAME] = {"la_name", 0}

/* A time period: time_period and time_identifier read together. */
typedef struct sp_ees_period {
    int year;        /* 2021 (for 202122: the first year) */
    bool two_years;  /* 202122: an academic, financial or tax year */
    char label[16];  /* "2021" or "2021/22" */
    const char *identifier; /* the time_identifier as published (row's text) */
    sp_date end;     /* the last day of the period when the identifier says it
                      * (calendar, academic, financial, tax year), else 0 */
} sp_ees_period;

/* sp_rows_open for an EES file: header found by schema (whose columns start
 * with SP_EES_GEOGRAPHY), missing required columns reported, columns of the
 * file not in the schema passed over silently. */
bool sp_ees_open(sp_rows *r, const char *path, const sp_schema *schema, sp_diags *diags);

/* The row's period; reports a bad time_period ("expected a year such as 2021
 * or 202122, found ...") and returns false. */
bool sp_ees_read_period(sp_rows *r, sp_ees_period *out);
/* The row's geographic_level (an unknown level is SP_EES_OTHER_LEVEL). */
sp_ees_level sp_ees_read_level(sp_rows *r);
/* A value cell: a number (text kept exactly as published) or a symbol;
 * anything else is reported ("expected a number or an EES symbol ...").
 * A blank cell is SP_EES_BLANK. out->text is kept in text. */
bool sp_ees_read_value(sp_rows *r, int col, GStringChunk *text, sp_ees_value *out);

/* Labels for columns from the EES metadata file beside path (data.csv ->
 * data.meta.csv: columns col_name and label), one per name in columns
 * (NULL where the file has none); all NULL when there is no such file. A
 * metadata file that exists but cannot be read is a warning. */
void sp_ees_meta_labels(const char *path, const char *const *columns, size_t n, char **labels,
                        sp_diags *diags);

#endif
