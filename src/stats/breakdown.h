/* breakdown.h (private to src/stats): what every breakdown file shares: the
 * run's state (figures being written, the view, sources and filters) and the
 * helpers that add figures. Each data source has one breakdown file
 * (breakdown_<source>.c) and one line in the registry (sources.c). */
#ifndef SENDPACK_BREAKDOWN_H
#define SENDPACK_BREAKDOWN_H

#include <glib.h>
#include "sendpack/figures.h"
#include "sendpack/view.h"
#include "figures_table.h"
#include "trace.h"

typedef struct agg {
    sp_figures *f;
    const sp_dataset *ds;
    sp_date D;
    char *src_2016, *src_2023, *src_funding, *src_interventions, *src_dsg;
    char iso[16];        /* the as-at date, YYYY-MM-DD */
    char *filter;        /* "inspection published on or before 2021-03-31" */
    char *filter_revisit;
    char *filter_2023;
    char *filter_interventions;
    char *filter_funding;
    char *filter_dsg;
    const sp_view *v;    /* the records at D: the as-at rule, areas, regions */
} agg;

/* The inspection record of entry i of a list of sp_inspection_view. */
#define REC(list, i) (((const sp_inspection_view *)g_ptr_array_index((list), (i)))->rec)
/* The position of an inspection view entry in the view. */
#define IDX(a, e) ((size_t)((e) - (a)->v->inspections))

/* A count figure; id built with a printf format. */
sp_figure *bd_count(agg *a, double v, const char *def, const char *src, const char *filter,
                    const char *label, const char *idfmt, ...) __attribute__((format(printf, 7, 8)));
/* A figure of any unit with a ready id. */
sp_figure *bd_typed(agg *a, sp_unit unit, double v, const char *def, const char *src,
                    const char *filter, const char *label, const char *id);
/* k of n with its Wilson interval; nothing (NULL) when n is 0. */
sp_figure *bd_share(agg *a, double k, double n, const char *def, const char *src,
              const char *filter, const char *label, const char *id);
/* Distinct non-empty names -> groups with slugs, sorted by name. */
sp_group *bd_groups_from(GPtrArray *names, size_t *n_out);
/* For each of names (NULL or empty: none), the index in groups (from
 * bd_groups_from) of the group with its slug, or -1; each distinct name is
 * slugged once. Free with g_free. */
int *bd_group_index(const sp_group *groups, size_t n_groups, GPtrArray *names);
/* "publication (file: a.csv, b.csv)" for the inputs whose kind has prefix. */
char *bd_sources_of_kind(const sp_dataset *ds, const char *prefix, const char *publication);

/* The breakdowns, in the order the registry runs them. */
void sp_breakdown_inspections(agg *a);
void sp_breakdown_funding(agg *a);
void sp_breakdown_interventions(agg *a);
void sp_breakdown_sen2(agg *a);
void sp_breakdown_dsg(agg *a);
void sp_breakdown_areas(agg *a);

#endif
