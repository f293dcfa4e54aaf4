/* chart.h: the charts, each one drawing function over the figures table and
 * model, called on a PNG, SVG or PDF surface or on a briefing page
 * (DESIGN rule 7). Text is laid out with Pango. */
#ifndef SENDPACK_CHART_H
#define SENDPACK_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include <glib.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Draw without the title block and source line (the briefing sets its own
 * caption and source under the figure). */
#define SP_CHART_BARE 1u
/* In sp_chart_svg: words as <text> elements in the house font (each line's
 * width fixed to the one measured), and a chart's marks as <rect>, <circle>
 * and <line> where the chart allows (chart_frame.h), instead of cairo's glyph
 * outlines and paths: for SVG inside a web page, where it is a fraction of
 * the size and quicker to make, and its words can be found and copied. */
#define SP_CHART_SVG_TEXT 2u

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
/* The chart's notes (what its marks and symbols mean: intervals, reference
 * lines, the small-base mark), as the foot of a full chart prints them and a
 * briefing prints them under the figure; NULL when it has none. Caller
 * g_free()s. */
char *sp_chart_notes(const sp_context *ctx, const char *id);

/* Write <dir>/<id>.png, .svg, .pdf, .txt (alt text), .csv (the numbers
 * drawn) for every available chart. Returns 0, 1 (write failure) with diag. */
int sp_charts_write(const sp_context *ctx, const char *dir, sp_diags *diags);

/* The same for one chart (it need not be available: an empty chart says so). */
int sp_chart_write(const sp_context *ctx, const char *dir, const char *id,
                   sp_diags *diags);

/* The chart as an SVG document (what <id>.svg holds: <title> the finding,
 * <desc> the alt text, cairo's glyph outlines for text), drawn with flags
 * (SP_CHART_BARE or 0). NULL with a diag when drawing fails. Caller
 * g_free()s. */
char *sp_chart_svg(const sp_context *ctx, const char *id, unsigned flags, sp_diags *diags);

/* Subtitle (measure and as-at date) and the numbers drawn as CSV: one header
 * row, RFC 4180 quoting, CRLF line ends. Caller g_free()s. */
char *sp_chart_subtitle(const sp_context *ctx, const char *id);
char *sp_chart_csv(const sp_context *ctx, const char *id);
/* The same rows as they are (not quoted, no guard against formulas): a
 * GPtrArray of NULL-terminated string vectors, the header first. NULL for
 * an unknown chart; g_ptr_array_unref() it. */
GPtrArray *sp_chart_rows(const sp_context *ctx, const char *id);

/* Chart size in points and PNG size in pixels from the settings
 * (width_cm x height_cm at dpi; pixels = cm / 2.54 * dpi, rounded). */
void sp_chart_size_pt(const sp_context *ctx, double *w_pt, double *h_pt);
void sp_chart_size_px(const sp_context *ctx, int *w_px, int *h_px);

/* What a drawing laid out, for tests and the label-collision check: every
 * text box (kind TEXT) and every bar or dot drawn in a palette colour (kind
 * MARK), in points relative to the chart's top-left corner. */
typedef enum { SP_CHART_BOX_TEXT = 0, SP_CHART_BOX_MARK = 1 } sp_chart_box_kind;

typedef struct sp_chart_box {
    sp_chart_box_kind kind;
    double x, y, w, h;
    unsigned rgb;       /* fill colour as 0xRRGGBB (marks), text colour (text) */
    char *text;         /* the text, or what the mark shows ("London") */
} sp_chart_box;

typedef struct sp_chart_boxes {
    sp_chart_box *items;
    size_t n, cap;
} sp_chart_boxes;

/* sp_chart_draw, recording into boxes (appended; boxes may be NULL). */
int sp_chart_draw_boxes(cairo_t *cr, double width_pt, double height_pt,
                        const sp_context *ctx, const char *id, unsigned flags,
                        sp_chart_boxes *boxes, sp_diags *diags);
/* Lay chart id out at width_pt x height_pt on a recording surface and return
 * its boxes. Returns 0, or non-zero with a diag. */
int sp_chart_layout_boxes(const sp_context *ctx, const char *id, double width_pt,
                          double height_pt, unsigned flags, sp_chart_boxes *boxes,
                          sp_diags *diags);
void sp_chart_boxes_free(sp_chart_boxes *boxes);

/* The number of text boxes that overlap another text box or leave the
 * (0,0)-(width_pt,height_pt) canvas; when problem is not NULL it receives a
 * description of the first ("\"74% (20 of 27)\" overlaps \"London\""), or
 * NULL. Caller g_free()s *problem. */
size_t sp_chart_boxes_check(const sp_chart_boxes *boxes, double width_pt,
                            double height_pt, char **problem);

/* Whether chart id drawn bare at width_pt x height_pt reads as well as at
 * its own height: no more of its labels touch another label, leave the
 * canvas or cross a bar, dot or line (the briefing lets a figure give up
 * some of its height to fit the rest of a page only so). */
bool sp_chart_reads_at(const sp_context *ctx, const char *id, double width_pt, double height_pt,
                       double own_height_pt);

#endif
