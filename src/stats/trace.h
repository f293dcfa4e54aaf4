/* trace.h (private to src/stats): what a breakdown notes about a figure
 * while it counts, for sp_explain (explain.h). A list is a GArray of bd_ref
 * (a view entry and what it contributes); a figure's value is computed from
 * its lists (bd_list_sum), so the trace and the value cannot disagree. */
#ifndef SENDPACK_TRACE_H
#define SENDPACK_TRACE_H

#include <glib.h>
#include "sendpack/explain.h"

typedef struct bd_ref {
    size_t index; /* into the view's array for the trace's kind */
    double v;     /* contribution */
} bd_ref;

struct sp_trace {
    sp_rec_kind kind;
    sp_how how;
    GArray *num, *den, *val; /* bd_ref lists (shared, reference-counted), or NULL */
    bool val_prefix;         /* only val's first val_len entries are the value rows,
                              * listed in scope's order: val is then a ranking
                              * shared by many figures (each area's place among
                              * the others), so no figure copies a list as long as
                              * the data and the trace stays linear in size */
    guint val_len;
    GArray *scope;           /* records the figure looked at; NULL: every included record */
    char *outside;           /* why an included record outside scope is not counted;
                              * NULL: records outside scope are not listed */
    char *uncounted;         /* why a record in scope is not counted */
};

typedef struct bd_trace_spec {
    sp_rec_kind kind;
    sp_how how;
    GArray *num, *den, *val, *scope;
    bool val_prefix; /* as in sp_trace */
    guint val_len;
    const char *outside, *uncounted;
} bd_trace_spec;

GArray *bd_list_new(void);
void bd_list_add(GArray *l, size_t index, double v);
double bd_list_sum(const GArray *l);
/* Drop a reference (NULL is fine). */
void bd_list_unref(GArray *l);
/* Whether x keeps a trace: not NULL, and not a lean table's per-area
 * figure (sp_figures_compute_lean). A breakdown asks before it builds lists
 * only a trace would hold. */
static inline bool bd_traced(const sp_figure *x)
{
    return x && !x->untraced;
}
/* Attach a trace to x (nothing unless bd_traced(x)); takes its own references. */
void bd_trace(sp_figure *x, bd_trace_spec spec);
void sp_trace_free(struct sp_trace *t);

#endif
