/* chart_frame.h: private to the charts (src/render/chart_*.c). The frame a
 * chart draws in (title block, plot area, foot), text and marks that are
 * recorded for the collision check, value axes, rows of labelled bars, CSV
 * helpers, and the table of chart kinds.
 *
 * Design choice: each chart is a chart_kind, a row of functions over the
 * context (title, subtitle, notes, alt text, CSV, draw). charts.c owns the
 * list and the surfaces; a chart file owns only what its chart shows, and
 * reads every number from the figures table or the model. */
#ifndef SENDPACK_CHART_FRAME_H
#define SENDPACK_CHART_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "sendpack/chart.h"
#include "sendpack/context.h"
#include "sendpack/figures.h"
#include "sendpack/style.h"

/* Type sizes in points: no text is smaller than 9 pt, on a briefing page
 * (where a chart is drawn at the text width) as in a chart file. */
#define CHART_TITLE_PT 11.0
#define CHART_SUBTITLE_PT 9.0
#define CHART_LABEL_PT 9.0
#define CHART_FOOT_PT 9.0
#define CHART_PAD 6.0        /* space between blocks */
#define CHART_GAP 3.0        /* space between a mark and its label */

typedef struct chart_frame {
    cairo_t *cr;
    double w, h;                 /* the whole canvas in points */
    const sp_context *ctx;
    const sp_figures *figs;
    unsigned flags;              /* SP_CHART_BARE */
    PangoContext *pc;
    sp_chart_boxes *boxes;       /* NULL: nothing recorded */
    GString *svg;                /* marks go here as SVG (svg_sink.h), or NULL: cairo */
    double px, py, pw, ph;       /* the plot area left by title block and foot */
} chart_frame;

/* Where (x, y) is on a text box: horizontal and vertical part, or'ed. */
enum {
    CHART_LEFT = 0, CHART_CENTRE = 1, CHART_RIGHT = 2,
    CHART_TOP = 0, CHART_MIDDLE = 4, CHART_BOTTOM = 8,
    CHART_BACKED = 16 /* clear a white box behind the text first (over gridlines) */
};

/* A series of a chart: the name its labels give it and its palette colour.
 * The workbook's native chart of the same chart (workbook_charts.c) takes
 * both from here, so the two never name or colour a series differently. */
typedef struct chart_series {
    const char *name;
    unsigned rgb;
} chart_series;

/* Where a chart's data rows go: CSV text (its file in charts/), or the
 * rows themselves (the table beside it on a web page), so a page's table
 * is not written as CSV and read back. */
typedef struct chart_data {
    GString *csv;    /* or NULL */
    GPtrArray *rows; /* of char ** (g_strfreev), or NULL */
} chart_data;

/* One chart. Strings returned are g_free()d by the caller; notes may be NULL. */
typedef struct chart_kind {
    const char *id;
    bool (*available)(const sp_context *ctx);
    char *(*title)(const sp_context *ctx);
    char *(*subtitle)(const sp_context *ctx);
    char *(*notes)(const sp_context *ctx);
    const char *source_figure;   /* the figure whose source the foot quotes */
    char *(*alt_text)(const sp_context *ctx);
    void (*csv)(const sp_context *ctx, chart_data *out); /* header row first */
    void (*draw)(chart_frame *f); /* into f->px, f->py, f->pw, f->ph */
    /* The plot height the chart needs to draw without crowding (points), or
     * NULL for 40% of the canvas; the title block and foot get more compact
     * (smaller type, then no notes) until the plot has it. */
    double (*min_plot)(chart_frame *f);
    /* The series the chart draws, in order (may be NULL for charts the
     * workbook does not redraw). */
    const chart_series *series;
    size_t n_series;
    /* Every mark the chart draws over another goes through chart_frame
     * (chart_rect, chart_dot, chart_line), so on an SVG with a sink its
     * marks may be written as SVG elements above what it drew with cairo
     * directly (the white canvas, a locator map beside them). */
    bool svg_marks;
} chart_kind;

extern const chart_kind chart_wsoa_by_region;
extern const chart_kind chart_wsoa_by_year;
extern const chart_kind chart_timeline;
extern const chart_kind chart_revisit_outcomes;
extern const chart_kind chart_revisit_weaknesses;
extern const chart_kind chart_funding;
extern const chart_kind chart_high_needs;
extern const chart_kind chart_outcomes_2023;
extern const chart_kind chart_weaknesses_strip;
extern const chart_kind chart_ehcp_timeliness;

/* ---- figures (chart_frame.c) ---- */
const sp_figure *chart_fig(const sp_context *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The value of a figure, or fallback when it is absent. */
double chart_val(const sp_context *ctx, double fallback, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "31 October 2022" for the as-at date (buf >= 20 bytes). */
const char *chart_as_at(const sp_context *ctx, char *buf, size_t n);
/* " (2016 framework)" when the data also holds 2023-framework inspections,
 * else "": for subtitles of charts about the previous framework. */
const char *chart_framework(const sp_context *ctx);
/* "74% (20 of 27)" for a share figure; "" when fig is NULL. */
const char *chart_share_label(const sp_figure *fig, char *buf, size_t n);

/* ---- the frame (chart_frame.c) ---- */
/* Set up f, draw the title block and foot unless SP_CHART_BARE, and leave the
 * plot area in f->px.. */
void chart_frame_begin(chart_frame *f, const chart_kind *kind);
void chart_frame_end(chart_frame *f);
/* Height of rows one-line rows plus extra_lines lines of labels (axis, key). */
double chart_rows_need(chart_frame *f, size_t rows, int extra_lines);

PangoLayout *chart_layout(chart_frame *f, const char *text, double size_pt,
                          bool bold, double wrap_pt);
double chart_text_w(chart_frame *f, const char *text, double size_pt, bool bold);
double chart_text_h(chart_frame *f, double size_pt); /* one line */
/* Draw layout anchored at (x, y), record its box; returns the box. */
sp_chart_box chart_put(chart_frame *f, PangoLayout *l, double x, double y,
                       int anchor, unsigned rgb);
/* Lay out, draw and record text on one line (or wrapped at wrap_pt > 0). */
sp_chart_box chart_label(chart_frame *f, const char *text, double size_pt, bool bold,
                         double x, double y, int anchor, unsigned rgb, double wrap_pt);
/* A filled rectangle in a palette colour, recorded as a mark. */
void chart_rect(chart_frame *f, double x, double y, double w, double h, unsigned rgb,
                const char *what);
/* Record a mark drawn some other way (a line), without drawing. */
void chart_mark(chart_frame *f, double x, double y, double w, double h, unsigned rgb,
                const char *what);
/* A filled circle, recorded as a mark (its bounding square). */
void chart_dot(chart_frame *f, double cx, double cy, double r, unsigned rgb,
               const char *what);
/* Many dots of one colour: chart_dot_add each (recorded, and on an SVG with
 * a sink written as it comes), then chart_dots_fill once with their colour.
 * On PDF, PNG and plain SVG they are one path and one fill, where each
 * chart_dot is a fill of its own (a PDF surface handles every fill apart:
 * hundreds in an area's chart). Nothing else is drawn in between. */
void chart_dot_add(chart_frame *f, double cx, double cy, double r, unsigned rgb,
                   const char *what);
void chart_dots_fill(chart_frame *f, unsigned rgb);
void chart_set_rgb(cairo_t *cr, unsigned rgb);
/* A line from (x0,y0) to (x1,y1) of the given width and colour; dash > 0
 * draws it dashed; halo > 0 first draws a white line that much wider. */
void chart_line(chart_frame *f, double x0, double y0, double x1, double y1,
                double width, unsigned rgb, double dash, double halo);
/* A label on one line at the top of the plot area, centred on x but kept
 * inside its right edge: the name of a reference line at x. */
void chart_top_label(chart_frame *f, const char *text, double x, unsigned rgb);
/* "No data to show" centred in the plot area. */
void chart_empty(chart_frame *f, const char *message);
/* Thin white diagonal lines over the rectangle: the third series of a
 * stacked bar, so it differs from the first (dark blue and dark pink are
 * alike in greyscale). */
void chart_hatch(chart_frame *f, double x, double y, double w, double h);
/* A key: a swatch and a name per series, left to right from (x, y) and
 * wrapped onto more lines when wider than w; hatched (may be NULL) marks the
 * swatches to hatch. Returns the height used. */
double chart_key(chart_frame *f, double x, double y, double w,
                 const char *const *names, const unsigned *rgbs, const bool *hatched,
                 size_t n);

/* ---- value axes (chart_axis.c) ---- */
typedef enum { CHART_FMT_COUNT, CHART_FMT_PCT, CHART_FMT_GBP } chart_fmt;
void chart_fmt_value(chart_fmt fmt, double v, char *buf, size_t n);
/* A "nice" tick step (1, 2, 2.5 or 5 x 10^k) that gives at most max_ticks
 * steps from 0 to vmax; counts never step by less than 1. */
double chart_nice_step(double vmax, int max_ticks, chart_fmt fmt);
/* A horizontal value axis from x0 (value 0) with scale pt per unit: light
 * vertical gridlines from y_top to y_axis and tick labels under y_axis, for
 * 0, step, ... <= vmax. Picks a coarser step when labels would touch.
 * Returns the height the labels take below y_axis. */
double chart_axis_x(chart_frame *f, double x0, double scale, double vmax,
                    double y_top, double y_axis, chart_fmt fmt, int max_ticks);
/* A vertical value axis: light horizontal gridlines from x_left to x_right
 * at 0, step, ... <= vmax (value 0 at y0, scale pt per unit, upwards), tick
 * labels right-aligned before x_left. Returns the step used. */
double chart_axis_y(chart_frame *f, double x_left, double x_right, double y0,
                    double scale, double vmax, chart_fmt fmt, int max_ticks);
/* The widest tick label chart_axis_y would draw for vmax. */
double chart_axis_y_label_w(chart_frame *f, double vmax, chart_fmt fmt);

/* ---- rows of labelled bars (chart_rows.c) ---- */
typedef struct chart_rows {
    size_t n;
    double label_w;     /* width of the label column, from f->px */
    double x0;          /* where marks start (after the label column) */
    double top, pitch;  /* row i spans top + i * pitch .. + pitch */
    double bar;         /* bar thickness */
    PangoLayout **labels;
} chart_rows;
/* Lay out one row per label between top and bottom, with a label column at
 * most max_frac of the plot width: names wrap when the rows are tall enough,
 * and the column widens otherwise. */
void chart_rows_layout(chart_frame *f, const char *const *labels, size_t n,
                       double top, double bottom, double max_frac, chart_rows *r);
void chart_rows_draw_labels(chart_frame *f, const chart_rows *r);
double chart_rows_mid(const chart_rows *r, size_t i); /* centre of row i */
/* Points per unit such that every bar end ends[i] plus a gap and a label of
 * width label_w[i] fits in span (and vmax fits too); never below 30% of
 * span / vmax, so tiny charts still show bars. */
double chart_fit_scale(double span, const double *ends, const double *label_w, size_t n,
                       double vmax);
void chart_rows_free(chart_rows *r);
/* Rows of labelled horizontal bars from top down to a value axis at the
 * foot of the plot: lays out the names (a column at most max_frac of the
 * width), picks the scale so that every bar end ends[i] plus a gap and
 * labels[i] fits, and draws the axis and the names. Returns the scale
 * (points per unit); chart_rows_free(r) after drawing the bars. */
double chart_bars_layout(chart_frame *f, const char *const *names, const double *ends,
                         const char *const *labels, size_t n, double top, double max_frac,
                         chart_fmt fmt, int max_ticks, chart_rows *r);

/* ---- stacked bars (chart_rows.c) ---- */
#define CHART_STACK_MAX 3
/* The series of a stacked bar chart, named once in a key above the rows. */
typedef struct chart_stack {
    size_t k;                     /* series, at most CHART_STACK_MAX */
    const char *const *names;
    const unsigned *rgbs;
    const bool *hatched;          /* may be NULL */
    chart_fmt fmt;                /* of the value axis */
    int max_ticks;
    /* > 0: a bar longer than this is cut at it with a break mark (its label
     * still gives its whole value), so one large bar does not flatten the
     * rest */
    double clip;
} chart_stack;
/* One bar: its parts in series order, drawn left to right from zero. */
typedef struct chart_stack_row {
    const char *name;
    double part[CHART_STACK_MAX];
    double total;                 /* where the bar ends; NAN: the sum of its parts */
    char label[96];               /* drawn after the bar */
    unsigned label_rgb;
} chart_stack_row;
/* A key, one row per bar with its name, the bars with white dividers
 * between parts, each labelled at its end, and a value axis scaled so every
 * label fits. */
void chart_stack_draw(chart_frame *f, const chart_stack *st, const chart_stack_row *rows,
                      size_t n);

/* ---- PNG (chart_png.c) ---- */
/* The PNG file of an RGB24 image surface, or NULL. g_byte_array_free() it. */
GByteArray *chart_png_encode(cairo_surface_t *s);

/* ---- CSV (chart_csv.c) ---- */
/* A number as the shortest decimal that reads back the same; "" for NAN. */
const char *chart_csv_num(double v, char *buf, size_t n);
/* Append one row of n fields (NULL is empty) to the chart's data: an RFC
 * 4180 row with CRLF to out->csv, or the fields as they are to out->rows. */
void chart_row(chart_data *out, size_t n, const char *const *fields);

#endif
