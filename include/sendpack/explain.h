/* explain.h: the records behind a figure (`sendpack explain`, the site's
 * figure pages).
 *
 * While the breakdowns count (src/stats/breakdown_*.c) they note, for every
 * figure, which view entries went into its numerator, denominator or value
 * and what each contributed (an sp_trace on the figure). sp_explain() turns
 * that note into rows a reader can check, adding the records of the same
 * source that were left out and why. Nothing here re-applies a rule: the
 * figure's value is the sum (or median) of the very contributions listed. */
#ifndef SENDPACK_EXPLAIN_H
#define SENDPACK_EXPLAIN_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include "sendpack/figures.h"
#include "sendpack/view.h"

typedef enum {
    SP_ROLE_NUMERATOR = 0,
    SP_ROLE_DENOMINATOR,
    SP_ROLE_VALUE,
    SP_ROLE_EXCLUDED
} sp_role;

/* "numerator", "denominator", "value", "excluded". */
const char *sp_role_name(sp_role r);

/* How the figure's value comes from its rows. */
typedef enum {
    SP_HOW_NONE = 0, /* no records (the as-at date) */
    SP_HOW_SUM,      /* value = sum of the value rows (a count: each contributes 1) */
    SP_HOW_MEDIAN,   /* value = median of the value rows */
    SP_HOW_SINGLE,   /* value = the one value row's (a date or a flag of one record) */
    SP_HOW_RATIO     /* value = sum of numerator rows / sum of denominator rows */
} sp_how;

/* The kind of record a figure counts. */
typedef enum {
    SP_REC_INSPECTION_2016 = 0,
    SP_REC_INSPECTION_2023,
    SP_REC_INTERVENTION,
    SP_REC_FUNDING,
    SP_REC_SEN2,         /* a SEN2 row (view.h sp_sen2_view) */
    SP_REC_DSG           /* a local authority row of a DSG allocations file */
} sp_rec_kind;

typedef struct sp_explain_row {
    sp_role role;
    size_t index;       /* into the view's array for the figure's kind */
    const char *key;    /* area key (la_code in lower case, or name slug); funding: line id */
    const char *name;   /* area name; funding: recipient */
    double value;       /* contribution (1 for a record counted); 0 when excluded */
    sp_source_pos pos;  /* file and line */
    const char *reason; /* excluded rows: why it is left out (in the
                         * explanation's text); else NULL */
} sp_explain_row;

typedef struct sp_explanation {
    const sp_figure *fig;
    sp_how how;
    sp_rec_kind kind;
    sp_explain_row *rows;   /* numerator, denominator, value rows (input order), then excluded */
    size_t n_rows;
    size_t n_role[4];       /* rows per sp_role */
    double sum_role[4];     /* sum of the rows' values per role */
    GStringChunk *text;     /* the rows' reasons, each text once */
} sp_explanation;

/* The explanation of figure id in f (computed, so f->view is set), or NULL
 * when there is no such figure or it has no trace. Excluded rows are left
 * out when included_only. */
sp_explanation *sp_explain(const sp_figures *f, const char *id, bool included_only);
void sp_explanation_free(sp_explanation *e);

/* Ids matching a glob (`*` and `?`, as g_pattern_match_simple), in table
 * order; NULL-terminated, free with g_free (strings belong to f). */
const char **sp_explain_match(const sp_figures *f, const char *glob, size_t *n_out);
/* Up to max known ids closest to id (edit distance, then table order);
 * NULL-terminated, free with g_free. */
const char **sp_explain_suggest(const sp_figures *f, const char *id, size_t max);

/* One CSV row per record: role, key, name, value, source, reason, then
 * figure_id. With header when header is true. Caller frees (g_free). */
char *sp_explanation_csv(const sp_explanation *e, bool header);
/* {"figure": {...}, "rows": [...]} as JSON text, no trailing newline.
 * Caller frees (g_free). */
char *sp_explanation_json(const sp_explanation *e);

#endif
