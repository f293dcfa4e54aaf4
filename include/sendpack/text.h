/* text.h: Pango text for every renderer that draws with Cairo: a layout in
 * the house font at a size in points, measured and drawn in user space.
 *
 * Design choice: one PangoContext per drawing with fixed font options (no
 * hinting, no hinted metrics, grey antialiasing, 72 units per inch), so a
 * label measures the same on a PNG, SVG, PDF or briefing page and the output
 * is the same on every machine that has the font package. */
#ifndef SENDPACK_TEXT_H
#define SENDPACK_TEXT_H

#include <stdbool.h>
#include <cairo.h>
#include <pango/pangocairo.h>

/* A context for laying out text that will be drawn on cr. g_object_unref()
 * it when done. */
PangoContext *sp_text_context_new(cairo_t *cr);

/* A layout of text in SP_FONT_FAMILY at size_pt (bold or regular). When
 * wrap_pt > 0 the text wraps at word boundaries to that width. g_object_unref()
 * it when done. */
PangoLayout *sp_text_layout(PangoContext *pc, const char *text, double size_pt,
                            bool bold, double wrap_pt);

/* The same layout, shared: kept for the process and handed out again for
 * the same text, size, weight and wrap width on a context with the same
 * matrix. g_object_unref() it when done; never change it. */
PangoLayout *sp_text_layout_shared(PangoContext *pc, const char *text, double size_pt,
                                   bool bold, double wrap_pt);

/* Logical width and height of the layout in points (either may be NULL). */
void sp_text_size(PangoLayout *layout, double *w, double *h);

/* Draw the layout with its top-left corner at (x, y) in the current source
 * (as SVG <text> elements on a surface with an SVG sink: svg_sink.h). */
void sp_text_draw(cairo_t *cr, PangoLayout *layout, double x, double y);

/* Width in points of text on one line, without wrapping. */
double sp_text_width(PangoContext *pc, const char *text, double size_pt, bool bold);

/* Release the font caches Pango, Cairo and fontconfig keep for the life of
 * the process, so leak checkers (ASan, valgrind) see a clean exit. Call once,
 * when no more text will be drawn (at the end of main or of a test group). */
void sp_text_release_fonts(void);

#endif
