/* chart_area.h: private to the hex map charts (chart_hexmap.c) and the
 * profile charts (chart_area.c): drawing the hex map layout of the view, and
 * each area's outcome as the hex map colours it.
 *
 * Design choice: one drawing function for the whole map, with a highlighted
 * area or none, so the briefing's map and each profile's locator map are
 * the same picture at two sizes. */
#ifndef SENDPACK_CHART_AREA_H
#define SENDPACK_CHART_AREA_H

#include "chart_frame.h"

/* Chart text is never under 9 pt in these charts. */
#define AREA_LABEL_PT (CHART_LABEL_PT > 9.0 ? CHART_LABEL_PT : 9.0)

typedef enum { HEX_NOT_INSPECTED = 0, HEX_NO_WSOA, HEX_WSOA, HEX_N } hex_status;

/* An area's outcome under the 2016 framework, from its figures (area.<key>.wsoa). */
hex_status hex_status_of(const sp_context *ctx, const char *key);
/* "wsoa", "no_wsoa", "not_inspected" (CSV); and the words of the key. */
const char *hex_status_slug(hex_status s);
const char *hex_status_words(hex_status s);
unsigned hex_status_rgb(hex_status s);

/* Draw the hex map into (x, y, w, h): every hex coloured by outcome, region
 * boundaries, and region names beside the map with a line to their region.
 * highlight: an area key to pick out (the locator map: every other hex
 * grey, its region a darker grey, the area's name as its only label), or
 * NULL. Returns false when there is no layout. */
bool hexmap_draw(chart_frame *f, double x, double y, double w, double h, const char *highlight);

/* The columns of one area-context dot row (chart_area_bins.c): every area
 * with the figure fmt % area key, in area order, binned by value (whole
 * numbers, or 5% bands when share). Counted once per set of figures and
 * kept for the life of the process; never NULL. */
typedef struct {
    size_t n;         /* areas with the figure */
    guint32 *idx;     /* their positions in figs->areas, ascending */
    double *value;    /* their values */
    size_t *bin;      /* their columns */
    size_t nb;        /* columns */
    double step, vmax; /* column width; value of the last column */
    size_t *count;    /* areas in each column */
    size_t most;      /* the largest count (at least 1) */
} area_bins;
const area_bins *area_bins_get(const sp_figures *fg, const char *fmt, bool share);

extern const chart_kind chart_hexmap;
/* Profile charts: they draw ctx->area_key's area, and are not among the
 * publication's charts (sp_chart_count). */
extern const chart_kind chart_area_context;

#endif
