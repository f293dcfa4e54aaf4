/* figures.h: the figures table, the one source of every number a reader sees.
 *
 * sp_figures_compute() is a pure function of the dataset, the as-at date and
 * N: it filters, groups and counts (src/stats/), and records each result as a
 * named figure with its definition, source and filter. Renderers look figures
 * up by id and never compute a statistic themselves. Records keep the order
 * they were added in (national, regions by name, years ascending, ...), so
 * every output that lists them is stable. */
#ifndef SENDPACK_FIGURES_H
#define SENDPACK_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/model.h"
#include "sendpack/settings.h" /* SP_FIRST_N_DEFAULT */
#include "sendpack/view.h"

typedef enum {
    SP_UNIT_COUNT = 0,
    SP_UNIT_PROPORTION, /* value in 0..1 */
    SP_UNIT_GBP,        /* pounds */
    SP_UNIT_DATE        /* value is YYYYMMDD */
} sp_unit;

/* (The fields are ordered so the record has no padding but at its end: 96
 * bytes, not 120; a build at x1000 keeps 3.5 million of them.) */
typedef struct sp_figure {
    char *id;          /* "wsoa.share", "region.london.wsoa.count" */
    char *label;       /* "Share of inspected areas with a WSoA" */
    double value;
    double numerator, denominator; /* shares (has_ratio) */
    double ci_low, ci_high;        /* shares (has_ci) */
    char *definition;  /* one sentence */
    char *source;      /* publication and file */
    char *filter;      /* "inspection published on or before 2021-03-31" */
    struct sp_trace *trace; /* the records counted (explain.h); NULL when read from figures.json */
    sp_unit unit;
    bool has_ratio;    /* shares: value = numerator / denominator */
    bool has_ci;       /* shares: Wilson score 95% interval */
    bool untraced;     /* a per-area figure of a lean table (sp_figures_compute_lean): no
                        * trace of its own; sp_explain counts its records again */
} sp_figure;

/* A group the figures are broken down by: slug as used in ids, and the name
 * to show a reader. */
typedef struct sp_group {
    char *slug;
    char *name;
} sp_group;

/* How many of the texts added last each figures table compares before hashing. */
#define SP_FIGURES_RECENT 16

typedef struct sp_figures {
    sp_date as_at;
    int first_n;
    sp_figure *items;
    size_t n, cap;
    void *index;                 /* GHashTable: id -> position + 1 */
    void *text;                  /* GStringChunk: the figures' strings (ids and labels
                                  * once each; definitions, sources and filters
                                  * shared by every figure with the same text) */
    const char *last_text[3][SP_FIGURES_RECENT]; /* definitions, sources, filters added last */
    /* breakdowns present, for renderers that draw one bar or row per group */
    sp_group *regions;  size_t n_regions;   /* previous framework, by name */
    int *years;         size_t n_years;     /* publication years, ascending */
    sp_group *regions_2023; size_t n_regions_2023;
    sp_group *programmes; size_t n_programmes; /* funding programmes, by name */
    sp_group *funding_regions; size_t n_funding_regions; /* recipient regions */
    sp_group *areas;    size_t n_areas;     /* slug = area key (lower-case code or name slug) */
    sp_group *dsg_years; size_t n_dsg_years; /* DSG financial years included, ascending:
                                              * slug and name "2023-24" */
    bool has_2023;                           /* any 2023-framework inspection included */
    sp_view *view;      /* the records counted, at as_at (NULL when read from figures.json) */
    unsigned serial;    /* a number no other sp_figures_compute() result in this process
                         * has (never 0), so what a renderer derives from these figures
                         * once can be kept by it; 0 for figures made otherwise */
    struct sp_figures_out *out; /* private to src/stats: set while sp_figures_stream writes */
    bool lean;                  /* sp_figures_compute_lean: per-area figures keep no trace */
    const sp_dataset *ds;       /* lean: the dataset (it must outlive the table) */
    struct sp_figures *traced;  /* lean: the same figures with every trace, made by
                                 * sp_explain the first time a per-area figure is asked */
} sp_figures;

#define SP_WILSON_Z 1.959963984540054

/* The latest inspection or revisit publication date in the data (0 if none). */
sp_date sp_dataset_latest(const sp_dataset *ds);

/* Compute every figure for as_at (0: sp_dataset_latest) and first_n (<= 0:
 * SP_FIRST_N_DEFAULT). Never returns NULL. */
sp_figures *sp_figures_compute(const sp_dataset *ds, sp_date as_at, int first_n);
/* The same figures, but the per-area ones (area.<key>.*) keep no trace of
 * the records they count: at scale those traces were a fifth of the
 * table's memory, and a build shows the records of the figures its
 * briefing quotes, not of each area's. sp_explain still explains any
 * figure: for a per-area one it computes the table again, with its traces,
 * once. ds must outlive the table. */
sp_figures *sp_figures_compute_lean(const sp_dataset *ds, sp_date as_at, int first_n);
/* The data sources the breakdowns count, in the order they run:
 * "inspections", "funding", ...; NULL past the last. Each is also the name
 * of its loader in the load registry (sp_load_source in load.h). */
const char *sp_breakdown_source(size_t i);
void sp_figures_free(sp_figures *f);

const sp_figure *sp_figures_get(const sp_figures *f, const char *id);
const sp_figure *sp_figures_getf(const sp_figures *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The value of a figure, or fallback if there is no such figure. */
double sp_figures_value(const sp_figures *f, const char *id, double fallback);


/* {"schema": "sendpack.figures/1", "as_at": ..., "figures": [...]}, newline
 * at the end. Caller frees (g_free). */
char *sp_figures_json(const sp_figures *f);
/* One header row, one row per figure, RFC 4180 quoting. Caller frees. */
char *sp_figures_csv(const sp_figures *f);

typedef enum { SP_FIGURES_JSON = 0, SP_FIGURES_CSV } sp_figures_format;
/* Takes the next piece of text (len bytes, no NUL); false: a write failed. */
typedef bool (*sp_figures_sink)(const char *text, size_t len, void *data);
/* sp_figures_compute and sp_figures_json (or _csv) in one pass, for a table
 * too large to hold: the same bytes, handed to sink in pieces of about
 * 64 KB as the figures are computed. Each figure is written as soon as it is
 * complete, and the per-area figures (area.<key>.*, most of the table at
 * scale) are then dropped, so memory holds the dataset, the view and the
 * other figures but neither the per-area figures nor the text. After a
 * failed write nothing more is handed to sink. False when sink failed. */
bool sp_figures_stream(const sp_dataset *ds, sp_date as_at, int first_n,
                       sp_figures_format format, sp_figures_sink sink, void *data);
/* The bytes of sp_figures_json (or _csv) of f, handed to sink in pieces of
 * about a megabyte instead of one string (a large table's files need not
 * be held whole in memory). False when sink failed (nothing more is
 * handed to it). */
bool sp_figures_write(const sp_figures *f, sp_figures_format format, sp_figures_sink sink,
                      void *data);
const char *sp_unit_name(sp_unit u);

#endif
