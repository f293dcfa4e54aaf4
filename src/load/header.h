/* header.h (private to src/load): the columns a file kind must or may have,
 * and finding the header row that names them.
 *
 * Design choice: a column is known by several names and names are compared
 * after normalisation (lower-case ASCII letters and digits only), so
 * "Inspection start date", "inspection_start_date" and R's
 * "Inspection.start.date" are one name. The header row is the first row
 * that names at least half of a kind's required columns and two columns in
 * all, so a header missing a column is still found (and reported);
 * the columns are then mapped once, so reading a row is an array lookup. */
#ifndef SENDPACK_LOAD_HEADER_H
#define SENDPACK_LOAD_HEADER_H

#include "csvtable.h"

#define SP_MAX_COLUMNS 24

enum {
    SP_COL_REQUIRED = 1, /* a file without it is rejected */
    SP_COL_IGNORED = 2   /* known, not read, no "unknown column" warning */
};

typedef struct sp_column {
    const char *names; /* "Inspection start date|inspection_start"; the first is shown */
    unsigned flags;
} sp_column;

typedef struct sp_schema {
    const char *kind; /* "inspections-2016": recorded in sp_input.kind */
    const char *what; /* "2016-2022 framework inspections" */
    const sp_column *columns;
    size_t n_columns; /* <= SP_MAX_COLUMNS */
} sp_schema;

typedef struct sp_header {
    const sp_schema *schema; /* NULL when no header row was recognised */
    size_t row;              /* index of the header row in the table */
    int line;
    int col[SP_MAX_COLUMNS]; /* per schema column: 0-based column in the file, -1 if absent */
    size_t width;            /* cells in the header row */
} sp_header;

/* The kinds of file the loaders read (defined beside each loader). */
extern const sp_schema sp_schema_inspections_2016, sp_schema_inspections_2023, sp_schema_funding,
    sp_schema_interventions, sp_schema_areas, sp_schema_sen2;

/* Lower-case ASCII letters and digits of s, everything else dropped. */
char *sp_normalise(const char *s);

/* Find the header among the given kinds (the best-matching one wins), map
 * its columns, warn about unknown columns, report missing required and
 * duplicated columns. Returns the number of errors added; h->schema is set
 * whenever a header row was recognised, even if columns are missing. */
int sp_header_find(sp_header *h, const sp_csv_table *t, const sp_schema *const *schemas,
                   size_t n_schemas, const char *path, sp_diags *diags);

/* True when a row of t is a header for one of the kinds (nothing reported). */
bool sp_header_present(const sp_csv_table *t, const sp_schema *const *schemas, size_t n_schemas);
/* "Area name", "Ofsted region" (2016-2022 framework inspections) or ...;
 * caller frees. */
char *sp_header_looked_for(const sp_schema *const *schemas, size_t n);

/* The first (display) name of column c of s, into a new string. */
char *sp_column_title(const sp_schema *s, int c);

#endif
