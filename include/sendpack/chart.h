/* chart.h: the charts, each one drawing function over the figures table and
 * model, called on a PNG, SVG or PDF surface or on a briefing page
 * (DESIGN rule 7). Text is laid out with Pango. */
#ifndef SENDPACK_CHART_H
#define SENDPACK_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Draw without the title block and source line (the briefing sets its own
 * caption and source under the figure). */
#define SP_CHART_BARE 1u

/* The charts in publication order: "wsoa-by-region", "wsoa-by-year", ... */
size_t sp_chart_count(void);
const char *sp_chart_id(size_t i);
bool sp_chart_known(const char *id);
/* False when the chart has no data to draw (e.g. outcomes-2023 without 2023
 * inspections). */
bool sp_chart_available(const sp_context *ctx, const char *id);

/* Draw chart id into the rectangle (0,0)-(width_pt,height_pt) of cr, in
 * points. Returns 0, or non-zero with a diag. */
int sp_chart_draw(cairo_t *cr, double width_pt, double height_pt,
                  const sp_context *ctx, const char *id, unsigned flags,
                  sp_diags *diags);

/* Title (the finding) and alt text (one or two sentences). Caller g_free()s. */
char *sp_chart_title(const sp_context *ctx, const char *id);
char *sp_chart_alt_text(const sp_context *ctx, const char *id);

/* Write <dir>/<id>.png, .svg, .pdf, .txt (alt text), .csv (the numbers
 * drawn) for every available chart. Returns 0, 1 (write failure) with diag. */
int sp_charts_write(const sp_context *ctx, const char *dir, sp_diags *diags);

#endif
