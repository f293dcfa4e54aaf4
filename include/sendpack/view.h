/* view.h: the records as counted at the as-at date, one entry per input
 * record and one per area, made by stats beside the figures.
 *
 * The as-at rule lives here once: every entry says whether its record is
 * included at the as-at date and, when it is not, why. Renderers that list
 * or look up records (the workbook's records sheets, the briefing's area
 * tables, profiles, the weaknesses strip) read this view and never the raw
 * sp_dataset, so they cannot count by another rule than the figures did.
 * Each entry keeps where its record came from (file and line), so a figure
 * can be explained by the records behind it.
 *
 * Entries point into the sp_dataset the figures were computed from: the
 * dataset must outlive the figures (sp_figures.view). */
#ifndef SENDPACK_VIEW_H
#define SENDPACK_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/model.h"

/* Why a record is left out at the as-at date. */
typedef enum {
    SP_WHY_INCLUDED = 0,     /* counted */
    SP_WHY_NOT_PUBLISHED,    /* no publication date */
    SP_WHY_PUBLISHED_LATER,  /* published after the as-at date */
    SP_WHY_STARTED_LATER,    /* (interventions) started after the as-at date */
    SP_WHY_YEAR_NOT_ENDED,   /* (SEN2) its calendar year ends after the as-at date */
    SP_WHY_SUPERSEDED        /* (DSG) a later file of the same financial year counts */
} sp_why;

/* "published after the as-at date", ... ("" for SP_WHY_INCLUDED). */
const char *sp_why_text(sp_why why);

/* The as-at rule, one record at a time, written once: the view counts by
 * it, and publish's check that each file given counts for something
 * (sp_publish_check_data) asks it too. An inspection counts once published
 * (never without a date), an intervention once started (always without a
 * date), a SEN2 row once its calendar year has ended, a DSG file once
 * published (which of two files of one year counts is the view's). */
sp_why sp_why_inspection(const sp_inspection *in, sp_date as_at);
sp_why sp_why_intervention(const sp_intervention *r, sp_date as_at);
sp_why sp_why_sen2(const sp_sen2 *r, sp_date as_at);
sp_why sp_why_dsg_year(const sp_dsg_year *y, sp_date as_at);

/* Where a record came from: file and 1-based line (0 when not known). */
typedef struct sp_source_pos {
    const char *file;
    int line;
} sp_source_pos;

typedef struct sp_inspection_view {
    const sp_inspection *rec;
    sp_source_pos pos;
    const char *key;         /* area key (sp_area_key), owned by the view */
    bool included;           /* published on or before the as-at date */
    sp_why why;
    bool has_wsoa;           /* included and required a WSoA */
    bool revisit_included;   /* has_wsoa and revisit published by the as-at date */
    bool awaiting_revisit;   /* has_wsoa and revisit not yet published */
} sp_inspection_view;

typedef struct sp_intervention_view {
    const sp_intervention *rec;
    sp_source_pos pos;
    bool included;           /* no start date, or started by the as-at date */
    sp_why why;
    const char *region;      /* Ofsted region of its area, or NULL if not known */
} sp_intervention_view;

typedef struct sp_funding_view {
    const sp_funding *rec;
    sp_source_pos pos;
    bool included;           /* every line counts, whatever its dates */
    const char *region;      /* "England", the recipient's region, or the recipient */
} sp_funding_view;

/* One SEN2 row (England, a region or a local authority in one calendar
 * year). A year counts once it has ended on or before the as-at date. */
typedef struct sp_sen2_view {
    const sp_sen2 *rec;
    sp_source_pos pos;
    bool included;           /* its year ended on or before the as-at date */
    sp_why why;
    bool counted;            /* included, both counts numbers, at least one new plan */
    double share;            /* within 20 weeks / new plans when counted, else -1 */
    const char *region;      /* local authority: its Ofsted region (of the area it
                              * joins, else from DfE's region); else NULL */
    const char *key;         /* the inspected area it joins by new_la_code, or NULL */
} sp_sen2_view;
/* One DSG allocations file (one financial year). */
typedef struct sp_dsg_year_view {
    const sp_dsg_year *rec;
    bool included;           /* published on or before the as-at date, and the latest
                              * such file of its financial year */
    sp_why why;
} sp_dsg_year_view;

/* One local authority row of a DSG file. */
typedef struct sp_dsg_view {
    const sp_dsg *rec;
    const sp_dsg_year *year;
    sp_source_pos pos;       /* file and sheet row */
    bool included;           /* its file is included (sp_dsg_year_view) */
    sp_why why;
    const char *key;         /* area key of its joined code (lower case), NULL when not joined */
    const char *region;      /* Ofsted region of the joined area, or NULL if not known */
} sp_dsg_view;

/* One area with an inspection included at the as-at date. */
typedef struct sp_area_view {
    const char *key, *name;            /* as in sp_figures.areas */
    const sp_inspection_view *first;   /* the area's first record in input order */
    const sp_inspection_view *rec2016; /* its included 2016-framework inspection, or NULL */
    const sp_inspection_view *rec2023; /* its included 2023-framework inspection, or NULL */
    const sp_intervention_view **interventions; size_t n_interventions; /* included, input order */
    const sp_funding_view **funding; size_t n_funding; /* lines to its local authority */
    const sp_sen2_view **sen2; size_t n_sen2; /* its SEN2 rows (joined by code), input order */
    const sp_dsg_view **dsg; size_t n_dsg; /* its included DSG rows, by financial year */
} sp_area_view;

/* One hex of the hex map layout, placed: its centre in units of the hex's
 * radius (centre to corner), x to the right and y downwards, the top-left
 * hex's bounding box starting at (0, 0). Corner k (0..5) of a hex is at
 * (pointy ? 30 : 0) + 60k degrees (clockwise, y being downwards); edge k
 * runs from corner k to corner k + 1, and next[k] is the hex across it. */
typedef struct sp_hex_view {
    const sp_hex *rec;
    sp_source_pos pos;
    const char *key;            /* area key (lower-case code), owned by the view */
    const char *name;           /* the area's name in the data, else the layout's */
    const char *region;         /* from the areas lookup or inspections; NULL if not known */
    const sp_area_view *area;   /* NULL: no inspection included at the as-at date */
    double x, y;
    long next[6];               /* index of the hex across edge k, or -1 */
} sp_hex_view;

typedef struct sp_view {
    sp_date as_at;
    sp_inspection_view *inspections; size_t n_inspections;       /* every record, input order */
    sp_intervention_view *interventions; size_t n_interventions;
    sp_funding_view *funding; size_t n_funding;
    sp_sen2_view *sen2; size_t n_sen2;                           /* every SEN2 row, input order */
    int *sen2_years; size_t n_sen2_years;                        /* years with an included row, ascending */
    const char *const *sen2_labels;                              /* SP_SEN2_COL_* (.meta.csv) or NULLs */
    sp_dsg_year_view *dsg_years; size_t n_dsg_years;             /* every DSG file, input order */
    sp_dsg_view *dsg; size_t n_dsg;                              /* every DSG row, input order */
    sp_area_view *areas; size_t n_areas;                         /* same order as sp_figures.areas */
    const sp_input *inputs; size_t n_inputs;                     /* the files read */
    bool has_2023;           /* a 2023-framework inspection is included */
    /* The hex map layout (--hexmap), placed; n_hexes 0 when none was given.
     * Pointy-topped hexes for the -r layouts, flat-topped for the -q. */
    sp_hex_view *hexes; size_t n_hexes;
    sp_hex_layout hex_layout;
    bool hex_pointy;
    double hex_w, hex_h;     /* the whole map's size, in hex radii */
    sp_date latest_2016, latest_2023; /* latest publication or revisit of every
                                        * record read, per framework, counted or not */
    bool fictional;          /* the data is the fictional fixtures (sp_dataset_fictional) */
} sp_view;

/* The view of ds at as_at (not 0). Never NULL. Areas are filled by
 * sp_view_set_areas once the area groups are known. */
sp_view *sp_view_new(const sp_dataset *ds, sp_date as_at);
void sp_view_free(sp_view *v);

/* The region of an area by code or name, from the areas lookup and the
 * inspections (NULL when not known). */
const char *sp_view_region_of(const sp_view *v, const char *code, const char *name);

/* The area key used in area.<key>.… ids: lower-case la_code, or the slug of
 * the name when there is no code. Caller frees. */
char *sp_area_key(const sp_inspection *in);

/* The hex of the area with this key, or NULL. */
const sp_hex_view *sp_view_hex(const sp_view *v, const char *key);
/* The angle in degrees of corner k of a hex (sp_hex_view: clockwise, y
 * downwards); the neighbour across edge k lies at corner k's angle + 30. */
double sp_hex_corner_deg(bool pointy, int k);

/* The area with this key, or NULL. */
const sp_area_view *sp_view_area(const sp_view *v, const char *key);

#endif
