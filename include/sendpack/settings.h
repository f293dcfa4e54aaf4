/* settings.h: the run's settings (title, as-at date, which outputs, chart
 * size, folders), filled by the config and the command line and read by
 * every layer. Model layer: plain data, no I/O. */
#ifndef SENDPACK_SETTINGS_H
#define SENDPACK_SETTINGS_H

#include <stdbool.h>
#include "sendpack/date.h"

/* Inspections the first-N figures cover when first_n is not set. */
#define SP_FIRST_N_DEFAULT 100
#define SP_JOBS_MAX 64 /* --jobs and jobs = N at most */

/* Which workbook files a build writes. */
typedef enum sp_workbook_format {
    SP_WORKBOOK_BOTH, /* XLSX and ODS, the default */
    SP_WORKBOOK_XLSX,
    SP_WORKBOOK_ODS,
} sp_workbook_format;

typedef struct sp_settings {
    char *title;          /* "Area SEND inspections: briefing" */
    char *prepared_for;   /* "Prepared for the Education Committee"; may be NULL */
    char *author;         /* document metadata */
    bool illustrative;    /* every output says "Illustrative data" */
    sp_date as_at;        /* 0: latest publication date in the data */
    sp_date today;        /* the day of the run, only to refuse an as-at date in
                           * the future; never written anywhere (0: unchecked) */
    bool allow_empty;     /* publish even when the as-at date is before all data */
    int first_n;          /* <= 0: SP_FIRST_N_DEFAULT */
    double dpi;           /* PNG resolution, default 150 */
    double width_cm, height_cm; /* chart size, default 16 x 10 */
    bool make_charts, make_briefing, make_profiles, make_workbook;
    bool make_site;       /* site/: the web pages (default true) */
    char *workbook_name;  /* default "sendpack.xlsx"; the ODS is named after it */
    sp_workbook_format workbook_format;
    char *templates_dir;  /* default "templates" */
    char *out_dir;        /* default "out" */
    char *previous_dir;   /* previous publication to compare with; may be NULL */
    char *config_path;    /* the config file used; may be NULL */
    bool replace_unlisted; /* replace a previous publication holding files its
                              manifest does not list (deleting them) */
    bool quiet;
    int jobs;             /* processes the renderers share (--jobs); 0: one
                           * per processor; never changes an output's bytes */
} sp_settings;

void sp_settings_init(sp_settings *s);  /* defaults */
void sp_settings_clear(sp_settings *s); /* free strings */

/* "xlsx", "ods" or "both" (any case); false for anything else. */
bool sp_workbook_format_parse(const char *s, sp_workbook_format *out);
const char *sp_workbook_format_name(sp_workbook_format f);
/* A workbook file name: no folder, ending .xlsx or .ods after a stem. */
bool sp_workbook_name_valid(const char *name);
/* The workbook name with its ending replaced by ext (".xlsx" or ".ods");
 * g_free() it. */
char *sp_workbook_name_as(const char *name, const char *ext);

#endif
