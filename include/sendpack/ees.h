/* ees.h: values as DfE's Explore Education Statistics (EES) tidy files
 * publish them, and the SEN2 record (EHC-plan timeliness) built on them.
 *
 * An EES value cell holds a number or a symbol saying why there is none
 * (z not applicable, x not available, c confidential, low rounds to zero,
 * u low reliability, k, ":"). A symbol is missing-with-a-reason: it is never
 * read as 0, and every table shows the symbol itself. A number keeps the
 * text it was published as ("61.300000000000", "47.665"), so nothing is lost
 * to rounding. No I/O here. */
#ifndef SENDPACK_EES_H
#define SENDPACK_EES_H

#include <stdbool.h>
#include "sendpack/date.h"

typedef enum {
    SP_EES_NUMBER = 0, /* a number: value is set */
    SP_EES_BLANK,      /* an empty cell: missing, no reason given */
    SP_EES_Z,          /* z: not applicable */
    SP_EES_X,          /* x: not available */
    SP_EES_C,          /* c: confidential */
    SP_EES_LOW,        /* low: rounds to zero, but is not zero */
    SP_EES_U,          /* u: low reliability */
    SP_EES_K,          /* k: rounds to zero (older files) */
    SP_EES_COLON,      /* ":": not available (older files) */
    SP_EES_MARK_N
} sp_ees_mark;

typedef struct sp_ees_value {
    sp_ees_mark mark;
    double value; /* SP_EES_NUMBER: the number; else 0 (never use it) */
    char *text;   /* as published, trimmed: "61.300000000000", "z", "" */
} sp_ees_value;

/* "z", "x", "c", "low", "u", "k", ":", "" (number and blank). */
const char *sp_ees_symbol(sp_ees_mark m);
/* "not applicable", ..., "" for a number; "blank" for an empty cell. */
const char *sp_ees_meaning(sp_ees_mark m);
/* The mark of a symbol (case-insensitive), or SP_EES_NUMBER if s is none. */
sp_ees_mark sp_ees_mark_of(const char *s);
static inline bool sp_ees_has_number(const sp_ees_value *v) { return v->mark == SP_EES_NUMBER; }

typedef enum {
    SP_EES_NATIONAL = 0,
    SP_EES_REGIONAL,
    SP_EES_LOCAL_AUTHORITY,
    SP_EES_OTHER_LEVEL /* any other geographic_level; kept, not counted */
} sp_ees_level;

/* "National", "Regional", "Local authority", "Other". */
const char *sp_ees_level_name(sp_ees_level l);

/* One row of DfE's SEN2 file: new EHC plans issued within 20 weeks
 * (excluding exceptions) in a calendar year, for England, a region or a
 * local authority. */
typedef struct sp_sen2 {
    int year;               /* the calendar year (time_period) */
    char *period;           /* as shown: "2021" */
    sp_date year_end;       /* 31 December of year: counts from then */
    sp_ees_level level;
    char *region_code, *region_name; /* DfE region ("" for National) */
    char *la_code;          /* new_la_code ("" above local authority) */
    char *old_la_code;      /* old_la_code (3 digits) */
    char *la_name;
    sp_ees_value within_20_weeks; /* no_exc_20week_ehc */
    sp_ees_value new_plans;       /* tot_no_exc_ehc */
    sp_ees_value rate;            /* no_exc_20week_rate, percent as published */
    const char *file;
    int line;
} sp_sen2;

/* Labels of the SEN2 columns from an EES .meta.csv beside the file (NULL
 * when there is none): indexed by SP_SEN2_COL_*. */
enum { SP_SEN2_COL_WITHIN = 0, SP_SEN2_COL_NEW_PLANS, SP_SEN2_COL_RATE, SP_SEN2_COL_N };

#endif
