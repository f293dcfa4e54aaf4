/* context.h: what every renderer is handed: the model, the figures table and
 * the run's settings. Renderers read it; none of them changes it. */
#ifndef SENDPACK_CONTEXT_H
#define SENDPACK_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/figures.h"
#include "sendpack/model.h"

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
    int first_n;          /* <= 0: SP_FIRST_N_DEFAULT */
    double dpi;           /* PNG resolution, default 150 */
    double width_cm, height_cm; /* chart size, default 16 x 10 */
    bool make_charts, make_briefing, make_profiles, make_workbook;
    char *workbook_name;  /* default "sendpack.xlsx"; the ODS is named after it */
    sp_workbook_format workbook_format;
    char *templates_dir;  /* default "templates" */
    char *out_dir;        /* default "out" */
    char *previous_dir;   /* previous publication to compare with; may be NULL */
    char *config_path;    /* the config file used; may be NULL */
    bool quiet;
} sp_settings;

/* Called by long steps ("areas", 57, 149); may be NULL. */
typedef void (*sp_progress_fn)(void *user, const char *what, size_t done, size_t total);

struct sp_revisions; /* changes since the previous publication (publish.h) */

typedef struct sp_context {
    const sp_dataset *data;
    const sp_figures *figs;
    const sp_settings *settings;
    const struct sp_revisions *revisions; /* NULL when no previous publication */
    sp_progress_fn progress;
    void *progress_user;
} sp_context;

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
