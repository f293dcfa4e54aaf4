/* svg_sink.h: private to the renderers. Drawing an inline chart's words and
 * marks as SVG elements written straight to a string (the "sink"), instead
 * of through cairo's SVG surface, which writes every glyph as an outline and
 * every coordinate through printf.
 *
 * Design choice: the sink rides on the cairo surface (its user data), so
 * the chart code draws the same way on every surface and only the drawing
 * primitives (sp_text_draw, chart_frame's marks) look for it. Elements are
 * appended in drawing order; the caller places them after what cairo drew
 * (chart_write.c). Numbers have at most two decimals (a hundredth of a
 * point) and a full stop in every locale. */
#ifndef SENDPACK_SVG_SINK_H
#define SENDPACK_SVG_SINK_H

#include <stdbool.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

/* Text and marks drawn on surface go to sink from now on (sink outlives the
 * drawing). */
void svg_sink_attach(cairo_surface_t *surface, GString *sink);
/* The sink of cr's target, or NULL when it draws with cairo. */
GString *svg_sink_of(cairo_t *cr);

/* One <text> per line of the layout drawn with its top-left corner at
 * (x, y) in user space, in the source colour of cr; textLength fixes each
 * line to the width Pango measured. */
void svg_sink_text(GString *sink, cairo_t *cr, PangoLayout *layout, double x, double y);
/* A filled rectangle, a filled circle, a straight line (dash > 0: dashes
 * that long, gaps three quarters of it); user space of cr, colour 0xRRGGBB. */
void svg_sink_rect(GString *sink, cairo_t *cr, double x, double y, double w, double h,
                   unsigned rgb);
void svg_sink_circle(GString *sink, cairo_t *cr, double cx, double cy, double r, unsigned rgb);
void svg_sink_line(GString *sink, cairo_t *cr, double x0, double y0, double x1, double y1,
                   double width, unsigned rgb, double dash);

#endif
