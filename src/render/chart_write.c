/* chart_write.c: each chart to out/charts/<id>.png, .svg, .pdf, .txt (alt
 * text) and .csv (the numbers drawn).
 *
 * Design choice: the three images come from the same sp_chart_draw call on
 * three surfaces; nothing in them depends on the clock. The PDF's creation
 * and modification dates are the as-at date (or SOURCE_DATE_EPOCH when set),
 * and the SVG gets a <title> and <desc> (title and alt text) so it is both
 * accessible and searchable, as cairo draws text as glyph outlines. */
#include "sendpack/chart.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_frame.h"
#include "sendpack/file_write.h"
#include "sendpack/pdf_layout.h"
#include "sendpack/style.h"
#include "svg_sink.h"

#define PT_PER_CM (72.0 / 2.54)

void sp_chart_size_pt(const sp_context *ctx, double *w_pt, double *h_pt)
{
    const sp_settings *s = ctx ? ctx->settings : NULL;
    double w = s && s->width_cm > 0 ? s->width_cm : 16;
    double h = s && s->height_cm > 0 ? s->height_cm : 10;
    if (w_pt)
        *w_pt = w * PT_PER_CM;
    if (h_pt)
        *h_pt = h * PT_PER_CM;
}

static double dpi_of(const sp_context *ctx)
{
    const sp_settings *s = ctx ? ctx->settings : NULL;
    return s && s->dpi > 0 ? s->dpi : 150;
}

void sp_chart_size_px(const sp_context *ctx, int *w_px, int *h_px)
{
    double w, h, scale = dpi_of(ctx) / 72.0;
    sp_chart_size_pt(ctx, &w, &h);
    if (w_px)
        *w_px = (int)lround(w * scale);
    if (h_px)
        *h_px = (int)lround(h * scale);
}

static cairo_status_t to_gstring(void *closure, const unsigned char *data, unsigned int len)
{
    g_string_append_len((GString *)closure, (const char *)data, (gssize)len);
    return CAIRO_STATUS_SUCCESS;
}

static void white(cairo_t *cr, double w, double h)
{
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
}

/* The status of the drawing on cr, which is destroyed; 1 after an error. */
static int drawn(cairo_t *cr, const char *path, sp_diags *diags)
{
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, path, 0, 0, "cannot draw chart: %s", cairo_status_to_string(st));
        return 1;
    }
    return 0;
}

static int write_png(const sp_context *ctx, const char *id, const char *path,
                     sp_diags *diags)
{
    double w, h, scale = dpi_of(ctx) / 72.0;
    int wp, hp;
    sp_chart_size_pt(ctx, &w, &h);
    sp_chart_size_px(ctx, &wp, &hp);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wp, hp);
    cairo_t *cr = cairo_create(s);
    white(cr, wp, hp);
    cairo_scale(cr, scale, scale);
    int rc = sp_chart_draw(cr, w, h, ctx, id, 0, diags);
    cairo_destroy(cr);
    if (!rc) {
        GByteArray *png = chart_png_encode(s);
        if (png) {
            rc = sp_file_write(path, (const char *)png->data, png->len, diags);
            g_byte_array_free(png, TRUE);
        } else {
            sp_diags_error(diags, path, 0, 0, "cannot encode PNG");
            rc = 1;
        }
    }
    cairo_surface_destroy(s);
    return rc;
}

/* Escape text for XML character data. */
static void xml_text(GString *out, const char *s)
{
    char *e = g_markup_escape_text(s ? s : "", -1);
    g_string_append(out, e);
    g_free(e);
}

/* cairo names SVG groups after a process-wide surface counter ("surface130"):
 * number them from 1 in order of appearance, so the file depends only on the
 * chart and not on what the process drew before. */
static void renumber_surfaces(GString *svg)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GString *out = g_string_sized_new(svg->len);
    const char *p = svg->str, *hit;
    while ((hit = strstr(p, "surface")) != NULL) {
        const char *d = hit + 7, *e = d;
        while (g_ascii_isdigit(*e))
            e++;
        g_string_append_len(out, p, d - p);
        if (e > d) {
            char *num = g_strndup(d, (gsize)(e - d));
            gpointer v = g_hash_table_lookup(seen, num);
            if (!v) {
                v = GUINT_TO_POINTER(g_hash_table_size(seen) + 1);
                g_hash_table_insert(seen, num, v);
            } else {
                g_free(num);
            }
            g_string_append_printf(out, "%u", GPOINTER_TO_UINT(v));
        }
        p = e;
    }
    g_string_append(out, p);
    g_string_assign(svg, out->str);
    g_string_free(out, TRUE);
    g_hash_table_destroy(seen);
}

/* The chart drawn on s, an SVG or PDF surface of the chart's size that the
 * caller made, set up and finishes: the background an artifact and the
 * chart one Figure, whose alt text goes into the PDF's notes when it has
 * them (an SVG has its own <desc>). 1 after an error. */
static int draw_vector(const sp_context *ctx, const char *id, cairo_surface_t *s,
                       unsigned flags, const char *path, sp_diags *diags)
{
    double w, h;
    sp_chart_size_pt(ctx, &w, &h);
    cairo_t *cr = cairo_create(s);
    cairo_tag_begin(cr, SP_TAG_ARTIFACT, NULL);
    white(cr, w, h);
    cairo_tag_end(cr, SP_TAG_ARTIFACT);
    char *alt = sp_pdf_notes_of(s) ? sp_chart_alt_text(ctx, id) : NULL;
    sp_pdf_figure_begin(cr, alt);
    g_free(alt);
    int rc = sp_chart_draw(cr, w, h, ctx, id, flags & SP_CHART_BARE, diags);
    cairo_tag_end(cr, "Figure");
    return drawn(cr, path, diags) || rc ? 1 : 0;
}

static void svg_setup(const sp_context *ctx, const char *id, cairo_surface_t *s)
{
    (void)ctx;
    (void)id;
    cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
}

char *sp_chart_svg(const sp_context *ctx, const char *id, unsigned flags, sp_diags *diags)
{
    GString *text = flags & SP_CHART_SVG_TEXT ? g_string_new(NULL) : NULL;
    GString *svg = g_string_new(NULL);
    double w, h;
    sp_chart_size_pt(ctx, &w, &h);
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_gstring, svg, w, h);
    svg_setup(ctx, id, s);
    if (text)
        svg_sink_attach(s, text);
    int rc = draw_vector(ctx, id, s, flags, id, diags);
    cairo_surface_finish(s);
    if (!rc && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, id, 0, 0, "cannot draw chart: %s",
                       cairo_status_to_string(cairo_surface_status(s)));
        rc = 1;
    }
    cairo_surface_destroy(s);
    if (rc) {
        g_string_free(svg, TRUE);
        if (text)
            g_string_free(text, TRUE);
        return NULL;
    }
    if (text) {
        /* The sink's words (and marks) in the order drawn, after what
         * cairo drew, in the house font or the nearest a reader has
         * (Verdana has its metrics). */
        const char *close = g_strrstr(svg->str, "</svg>");
        if (close) {
            g_string_prepend(text, "<g font-family=\"" SP_FONT_FAMILY ", Verdana, sans-serif\">\n");
            g_string_append(text, "</g>\n");
            g_string_insert_len(svg, close - svg->str, text->str, (gssize)text->len);
        }
        g_string_free(text, TRUE);
    }
    /* <title> and <desc> right after the opening <svg ...> tag. */
    const char *open = strstr(svg->str, "<svg");
    const char *end = open ? strchr(open, '>') : NULL;
    if (end) {
        GString *meta = g_string_new("\n<title>");
        char *title = sp_chart_title(ctx, id), *alt = sp_chart_alt_text(ctx, id);
        xml_text(meta, title);
        g_string_append(meta, "</title>\n<desc>");
        xml_text(meta, alt);
        g_string_append(meta, "</desc>");
        g_string_insert_len(svg, end + 1 - svg->str, meta->str, (gssize)meta->len);
        g_string_free(meta, TRUE);
        g_free(title);
        g_free(alt);
    }
    renumber_surfaces(svg);
    return g_string_free(svg, FALSE);
}

static int write_svg(const sp_context *ctx, const char *id, const char *path,
                     sp_diags *diags)
{
    char *svg = sp_chart_svg(ctx, id, 0, diags);
    if (!svg)
        return 1;
    int rc = sp_file_write(path, svg, strlen(svg), diags);
    g_free(svg);
    return rc;
}

/* "2022-10-31T00:00:00Z" from SOURCE_DATE_EPOCH when set, else the as-at date. */
static void pdf_date(const sp_context *ctx, char *buf, size_t n)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    int64_t t = 0;
    if (sde && *sde) {
        char *e = NULL;
        errno = 0;
        long long v = strtoll(sde, &e, 10);
        if (!errno && e && !*e && v >= 0)
            t = v;
        else
            sde = NULL;
    }
    if (!sde || !*sde) {
        sp_date d = ctx && ctx->figs ? ctx->figs->as_at : 0;
        t = d ? sp_date_epoch(d) : 0;
    }
    sp_date day = sp_date_from_epoch(t);
    int64_t secs = t % 86400;
    g_snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", SP_DATE_YEAR(day), SP_DATE_MONTH(day),
               SP_DATE_DAY(day), (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

static void pdf_setup(const sp_context *ctx, const char *id, cairo_surface_t *s)
{
    char date[32];
    pdf_date(ctx, date, sizeof date);
    char *title = sp_chart_title(ctx, id);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, id);
    if (ctx && ctx->settings && ctx->settings->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, ctx->settings->author);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "sendpack " SENDPACK_VERSION);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    g_free(title);
}

/* The chart's PDF, made and tagged as the briefing and the profiles are
 * (sp_pdf_surface_for_tagging, sp_pdf_finish_tagged). */
static int write_pdf(const sp_context *ctx, const char *id, const char *path,
                     sp_diags *diags)
{
    double w, h;
    sp_chart_size_pt(ctx, &w, &h);
    cairo_surface_t *s = sp_pdf_surface_for_tagging(w, h);
    pdf_setup(ctx, id, s);
    sp_pdf_notes *notes = sp_pdf_notes_attach(s);
    int rc = draw_vector(ctx, id, s, 0, path, diags);
    if (!rc)
        rc = sp_pdf_finish_tagged(s, path, "en-GB", diags);
    cairo_surface_destroy(s);
    sp_pdf_notes_free(notes);
    return rc;
}

int sp_chart_write(const sp_context *ctx, const char *dir, const char *id, sp_diags *diags)
{
    if (!sp_chart_known(id)) {
        sp_diags_error(diags, NULL, 0, 0, "unknown chart \"%s\"", id ? id : "");
        return 1;
    }
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        sp_diags_error(diags, dir, 0, 0, "cannot create folder: %s", g_strerror(errno));
        return 1;
    }
    int rc = 0;
    char *base = g_build_filename(dir, id, NULL);
    char *png = g_strconcat(base, ".png", NULL), *svg = g_strconcat(base, ".svg", NULL);
    char *pdf = g_strconcat(base, ".pdf", NULL), *txt = g_strconcat(base, ".txt", NULL);
    char *csv = g_strconcat(base, ".csv", NULL);
    rc |= write_png(ctx, id, png, diags);
    rc |= write_svg(ctx, id, svg, diags);
    rc |= write_pdf(ctx, id, pdf, diags);
    char *alt = sp_chart_alt_text(ctx, id);
    char *alt_nl = g_strconcat(alt, "\n", NULL);
    rc |= sp_file_write(txt, alt_nl, strlen(alt_nl), diags);
    char *data = sp_chart_csv(ctx, id);
    rc |= sp_file_write(csv, data, strlen(data), diags);
    g_free(alt);
    g_free(alt_nl);
    g_free(data);
    g_free(base); g_free(png); g_free(svg); g_free(pdf); g_free(txt); g_free(csv);
    return rc ? 1 : 0;
}

int sp_charts_write(const sp_context *ctx, const char *dir, sp_diags *diags)
{
    /* One thread on purpose: Pango keeps a font map per thread, and worker
     * threads' font maps outlive the pool, which upsets the CLI's release of
     * the font caches at exit. */
    size_t n = sp_chart_count();
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = sp_chart_id(i);
        if (ctx && ctx->progress)
            ctx->progress(ctx->progress_user, "charts", i, n);
        if (!sp_chart_available(ctx, id))
            continue;
        rc |= sp_chart_write(ctx, dir, id, diags);
    }
    if (ctx && ctx->progress)
        ctx->progress(ctx->progress_user, "charts", n, n);
    return rc ? 1 : 0;
}
