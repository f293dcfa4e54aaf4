/* svg_sink.c: an inline chart's words and marks as SVG elements
 * (svg_sink.h). */
#include "svg_sink.h"

#include <math.h>

static const cairo_user_data_key_t sink_key;

void svg_sink_attach(cairo_surface_t *surface, GString *sink)
{
    cairo_surface_set_user_data(surface, &sink_key, sink, NULL);
}

GString *svg_sink_of(cairo_t *cr)
{
    return cairo_surface_get_user_data(cairo_get_target(cr), &sink_key);
}

/* v to the nearest hundredth, without trailing zeros: "12.5", "-3", "0.07".
 * Integer arithmetic: printf's %f is most of what cairo spends on an SVG. */
static void num(GString *out, double v)
{
    if (!isfinite(v))
        v = 0;
    long long n = llround(v * 100);
    if (n < 0) {
        g_string_append_c(out, '-');
        n = -n;
    }
    char buf[24];
    int len = 0;
    long long whole = n / 100;
    do {
        buf[len++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    while (len)
        g_string_append_c(out, buf[--len]);
    int frac = (int)(n % 100);
    if (frac) {
        g_string_append_c(out, '.');
        g_string_append_c(out, (char)('0' + frac / 10));
        if (frac % 10)
            g_string_append_c(out, (char)('0' + frac % 10));
    }
}

static void attr(GString *out, const char *name, double v)
{
    g_string_append_c(out, ' ');
    g_string_append(out, name);
    g_string_append(out, "=\"");
    num(out, v);
    g_string_append_c(out, '"');
}

static void colour(GString *out, const char *name, unsigned rgb)
{
    static const char hex[] = "0123456789abcdef";
    char buf[8] = {'#'};
    for (int i = 0; i < 6; i++)
        buf[1 + i] = hex[(rgb >> (20 - 4 * i)) & 0xF];
    g_string_append_c(out, ' ');
    g_string_append(out, name);
    g_string_append(out, "=\"");
    g_string_append_len(out, buf, 7);
    g_string_append_c(out, '"');
}

/* (x, y) in cr's user space to the surface's units */
static void point(GString *out, cairo_t *cr, const char *xn, const char *yn, double x, double y)
{
    cairo_user_to_device(cr, &x, &y);
    attr(out, xn, x);
    attr(out, yn, y);
}

static double scale_of(cairo_t *cr)
{
    double dx = 1, dy = 0;
    cairo_user_to_device_distance(cr, &dx, &dy);
    return hypot(dx, dy);
}

void svg_sink_text(GString *sink, cairo_t *cr, PangoLayout *layout, double x, double y)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(layout);
    double size = fd ? (double)pango_font_description_get_size(fd) / PANGO_SCALE : 10;
    bool bold = fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
    double r = 0, g = 0, b = 0, a = 1;
    if (cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
        r = g = b = 0;
    unsigned rgb = (unsigned)lround(r * 255) << 16 | (unsigned)lround(g * 255) << 8 |
                   (unsigned)lround(b * 255);
    double s = scale_of(cr);
    const char *text = pango_layout_get_text(layout);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        int start = line->start_index, len = line->length;
        while (len > 0 && g_ascii_isspace(text[start + len - 1]))
            len--;
        if (len <= 0)
            continue;
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        int x0 = 0, x1 = 0;
        pango_layout_line_index_to_x(line, start, FALSE, &x0);
        pango_layout_line_index_to_x(line, start + len, FALSE, &x1);
        g_string_append(sink, "<text");
        point(sink, cr, "x", "y", x + (double)(lr.x + x0) / PANGO_SCALE,
              y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
        attr(sink, "font-size", size * s);
        if (bold)
            g_string_append(sink, " font-weight=\"bold\"");
        colour(sink, "fill", rgb);
        if (x1 > x0) {
            attr(sink, "textLength", (double)(x1 - x0) / PANGO_SCALE * s);
            g_string_append(sink, " lengthAdjust=\"spacingAndGlyphs\"");
        }
        g_string_append_c(sink, '>');
        char *e = g_markup_escape_text(text + start, len);
        g_string_append(sink, e);
        g_free(e);
        g_string_append(sink, "</text>\n");
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

void svg_sink_rect(GString *sink, cairo_t *cr, double x, double y, double w, double h,
                   unsigned rgb)
{
    double s = scale_of(cr);
    g_string_append(sink, "<rect");
    point(sink, cr, "x", "y", x, y);
    attr(sink, "width", w * s);
    attr(sink, "height", h * s);
    colour(sink, "fill", rgb);
    g_string_append(sink, "/>\n");
}

void svg_sink_circle(GString *sink, cairo_t *cr, double cx, double cy, double r, unsigned rgb)
{
    g_string_append(sink, "<circle");
    point(sink, cr, "cx", "cy", cx, cy);
    attr(sink, "r", r * scale_of(cr));
    colour(sink, "fill", rgb);
    g_string_append(sink, "/>\n");
}

void svg_sink_line(GString *sink, cairo_t *cr, double x0, double y0, double x1, double y1,
                   double width, unsigned rgb, double dash)
{
    double s = scale_of(cr);
    g_string_append(sink, "<line");
    point(sink, cr, "x1", "y1", x0, y0);
    point(sink, cr, "x2", "y2", x1, y1);
    colour(sink, "stroke", rgb);
    attr(sink, "stroke-width", width * s);
    if (dash > 0) {
        g_string_append(sink, " stroke-dasharray=\"");
        num(sink, dash * s);
        g_string_append_c(sink, ' ');
        num(sink, dash * 0.75 * s);
        g_string_append_c(sink, '"');
    }
    g_string_append(sink, "/>\n");
}
