/* figures_table.h (private to src/stats): adding records to the table. */
#ifndef SENDPACK_FIGURES_TABLE_H
#define SENDPACK_FIGURES_TABLE_H

#include <glib.h>
#include "sendpack/figures.h"

sp_figure *sp_figures_add(sp_figures *f, const char *id, sp_unit unit, double value,
                          const char *label, const char *definition,
                          const char *source, const char *filter);
/* value = k / n, with numerator, denominator and the Wilson 95% interval. */
sp_figure *sp_figures_add_share(sp_figures *f, const char *id, double k, double n,
                                const char *label, const char *definition,
                                const char *source, const char *filter);

/* sp_figures_stream's state: the figure added last is complete only when
 * the next one is added (breakdowns attach traces and ratios after adding),
 * so sp_figures_add writes the pending one first (sp_figures_out_settle). */
typedef struct sp_figures_out {
    sp_figures_format format;
    sp_figures_sink sink;
    void *data;
    GString *buf;      /* text not yet handed to sink */
    GString *strings;  /* the pending per-area figure's id, label, ... (NUL-separated) */
    bool started;      /* header written */
    bool pending;      /* the table's last item is not written yet */
    bool failed;       /* sink failed: write nothing more */
    size_t written;    /* figures written */
} sp_figures_out;

/* Whether id is a per-area figure's (area.<key>.*, ids.h SP_IDF_AREA_). */
bool sp_figure_id_per_area(const char *id);
/* Free a figure's strings and trace; the record itself stays. */
void sp_figure_clear(sp_figure *x);

/* Write the pending figure, if any; drop it from the table when it is a
 * per-area figure. Drops every written figure's trace (nothing explains a
 * streamed table). */
void sp_figures_out_settle(sp_figures *f);
/* sp_figures_compute, writing to out as it adds (out NULL: keep all);
 * lean as sp_figures_compute_lean. */
sp_figures *sp_figures_compute_out(const sp_dataset *ds, sp_date as_at, int first_n,
                                   sp_figures_out *out, bool lean);

/* s as a quoted JSON string (NULL: ""), appended to o. */
void sp_json_string(GString *o, const char *s);

#endif
