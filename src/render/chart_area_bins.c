/* chart_area_bins.c: the columns of the area-context chart's dot rows
 * (chart_area.c), counted once per set of figures rather than once per
 * area's page or profile.
 *
 * Design choice: each area's page draws the same columns (how many areas
 * have each value) with only its own dot picked out, so counting every
 * area for every page made the web pages and profiles grow with the square
 * of the number of areas. The counts are kept in a small cache keyed on the
 * figures' serial number (unique in the process, so figures freed and
 * others made at the same address are never confused; for figures without
 * one, their pointer, size, as-at date and first-N) and the row's id format,
 * filled on first use under a lock, so threads and forked workers (which
 * inherit or refill it) see the same numbers. Entries are never freed while
 * the process runs: a process holds one set of figures or a few (tests), so
 * a page drawing from an entry can never see it go. */
#include "chart_area.h"

#include <math.h>
#include <string.h>

typedef struct {
    unsigned serial;
    const sp_figures *figs;
    const void *items, *areas;
    size_t n, n_areas;
    sp_date as_at;
    int first_n;
    const char *fmt;
    bool share;
    area_bins bins;
} bins_entry;

static GMutex lock;
static GPtrArray *entries; /* bins_entry *, never freed (see above) */

static bool same_key(const bins_entry *e, const sp_figures *fg, const char *fmt, bool share)
{
    if (e->serial != fg->serial || e->fmt != fmt || e->share != share)
        return false;
    if (fg->serial)
        return true;
    return e->figs == fg && e->items == (const void *)fg->items &&
           e->areas == (const void *)fg->areas && e->n == fg->n && e->n_areas == fg->n_areas &&
           e->as_at == fg->as_at && e->first_n == fg->first_n;
}

static void fill(area_bins *b, const sp_figures *fg, const char *fmt, bool share)
{
    b->idx = g_new(guint32, fg->n_areas ? fg->n_areas : 1);
    b->bin = g_new(size_t, fg->n_areas ? fg->n_areas : 1);
    b->value = g_new(double, fg->n_areas ? fg->n_areas : 1);
    double vmax = 1.0;
    for (size_t i = 0; i < fg->n_areas; i++) {
        char *id = g_strdup_printf(fmt, fg->areas[i].slug);
        const sp_figure *v = sp_figures_get(fg, id);
        g_free(id);
        if (!v)
            continue;
        if (v->value > vmax)
            vmax = v->value;
        b->idx[b->n] = (guint32)i;
        b->value[b->n] = v->value;
        b->n++;
    }
    b->nb = share ? 21 : (size_t)ceil(vmax) + 1;
    b->step = share ? 0.05 : 1.0;
    b->vmax = b->step * (double)(b->nb - 1);
    b->count = g_new0(size_t, b->nb);
    b->most = 1;
    for (size_t j = 0; j < b->n; j++) {
        size_t k = MIN((size_t)lround(b->value[j] / b->step), b->nb - 1);
        b->bin[j] = k;
        b->count[k]++;
        b->most = MAX(b->most, b->count[k]);
    }
}

const area_bins *area_bins_get(const sp_figures *fg, const char *fmt, bool share)
{
    g_mutex_lock(&lock);
    if (!entries)
        entries = g_ptr_array_new();
    bins_entry *hit = NULL;
    for (guint i = 0; i < entries->len && !hit; i++) {
        bins_entry *e = g_ptr_array_index(entries, i);
        if (same_key(e, fg, fmt, share))
            hit = e;
    }
    if (!hit) {
        hit = g_new0(bins_entry, 1);
        *hit = (bins_entry){fg->serial, fg, fg->items, fg->areas, fg->n, fg->n_areas, fg->as_at,
                            fg->first_n, fmt, share, {0}};
        fill(&hit->bins, fg, fmt, share);
        g_ptr_array_add(entries, hit);
    }
    g_mutex_unlock(&lock);
    return &hit->bins;
}
