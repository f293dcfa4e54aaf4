/* charts.c: STUB until the charts work lands (issue 3). */
#include "sendpack/chart.h"
#include <glib.h>
#include <string.h>

static const char *const IDS[] = {"wsoa-by-region", "wsoa-by-year", "timeline",
    "revisit-outcomes", "revisit-weaknesses", "funding", "outcomes-2023", "weaknesses-strip"};
size_t sp_chart_count(void) { return G_N_ELEMENTS(IDS); }
const char *sp_chart_id(size_t i) { return i < G_N_ELEMENTS(IDS) ? IDS[i] : NULL; }
bool sp_chart_known(const char *id)
{
    for (size_t i = 0; i < G_N_ELEMENTS(IDS); i++)
        if (strcmp(IDS[i], id) == 0) return true;
    return false;
}
bool sp_chart_available(const sp_context *ctx, const char *id) { return sp_chart_known(id); }
int sp_chart_draw(cairo_t *cr, double w, double h, const sp_context *ctx, const char *id,
                  unsigned flags, sp_diags *diags)
{
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_fill(cr);
    return 0;
}
char *sp_chart_title(const sp_context *ctx, const char *id) { return g_strdup(id); }
char *sp_chart_alt_text(const sp_context *ctx, const char *id) { return g_strdup(id); }
int sp_charts_write(const sp_context *ctx, const char *dir, sp_diags *diags) { return 0; }
