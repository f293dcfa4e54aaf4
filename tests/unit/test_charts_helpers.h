/* test_charts_helpers.h: what the chart tests share: a context over the
 * fixtures or the real Ofsted table, a scratch folder, reading PNGs back,
 * and releasing the font caches so ASan sees a clean exit. */
#ifndef TEST_CHARTS_HELPERS_H
#define TEST_CHARTS_HELPERS_H

#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "sendpack/chart.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/style.h"
#include "sendpack/text.h"
#include "test_support.h"

typedef struct fx {
    sp_dataset *ds;
    sp_figures *figs;
    sp_settings settings;
    sp_context ctx;
    char *dir;     /* scratch folder, removed at the end */
} fx;

static void fx_context(fx *f, sp_date as_at)
{
    f->figs = sp_figures_compute(f->ds, as_at, 0);
    sp_settings_init(&f->settings);
    f->ctx = (sp_context){.figs = f->figs, .view = f->figs->view, .settings = &f->settings};
    f->dir = g_dir_make_tmp("sp-charts-XXXXXX", NULL);
}

static void fx_free(fx *f)
{
    if (f->dir)
        sp_test_rm_rf(f->dir);
    g_free(f->dir);
    sp_figures_free(f->figs);
    sp_dataset_free(f->ds);
    sp_settings_clear(&f->settings);
    g_free(f);
}

/* Font caches live as long as the process: release them for ASan. */
static void release_fonts(void)
{
    sp_text_release_fonts();
}

static char *out_path(const char *dir, const char *id, const char *ext)
{
    char *name = g_strconcat(id, ext, NULL);
    char *p = g_build_filename(dir, name, NULL);
    g_free(name);
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    char *s = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &s, &n, NULL))
        return NULL;
    if (len)
        *len = n;
    return s;
}

/* The pixel at (x, y) of a PNG as 0xRRGGBB, or -1. */
static G_GNUC_UNUSED long png_pixel(const char *path, int x, int y, int *w, int *h)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    long px = -1;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        int sw = cairo_image_surface_get_width(s), sh = cairo_image_surface_get_height(s);
        if (w) *w = sw;
        if (h) *h = sh;
        if (x >= 0 && y >= 0 && x < sw && y < sh) {
            cairo_surface_flush(s);
            const unsigned char *data = cairo_image_surface_get_data(s);
            uint32_t v = *(const uint32_t *)(const void *)(data + y * cairo_image_surface_get_stride(s) + x * 4);
            px = (long)(v & 0xFFFFFF);
        }
    }
    cairo_surface_destroy(s);
    return px;
}

static G_GNUC_UNUSED bool in_palette(unsigned rgb)
{
    static const unsigned p[] = {SP_DARK_BLUE, SP_TURQUOISE, SP_DARK_PINK, SP_ORANGE,
                                 SP_DARK_GREY, SP_LIGHT_PURPLE};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (p[i] == rgb)
            return true;
    return false;
}

/* Parse one CSV line of simple or quoted fields (no embedded CRLF). */
static G_GNUC_UNUSED char **csv_fields(const char *line)
{
    GPtrArray *out = g_ptr_array_new();
    const char *p = line;
    for (;;) {
        GString *f = g_string_new(NULL);
        if (*p == '"') {
            for (p++; *p; p++) {
                if (*p == '"' && p[1] == '"') { g_string_append_c(f, '"'); p++; }
                else if (*p == '"') { p++; break; }
                else g_string_append_c(f, *p);
            }
        } else {
            while (*p && *p != ',')
                g_string_append_c(f, *p++);
        }
        g_ptr_array_add(out, g_string_free(f, FALSE));
        if (*p != ',')
            break;
        p++;
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* The CSV's lines (CRLF-separated; the last, empty one dropped). */
static G_GNUC_UNUSED char **csv_lines(const char *csv)
{
    char **lines = g_strsplit(csv, "\r\n", -1);
    guint n = g_strv_length(lines);
    if (n && !*lines[n - 1]) {
        g_free(lines[n - 1]);
        lines[n - 1] = NULL;
    }
    return lines;
}

/* A pixel in the middle of the first bar, dot or line end of the chart's
 * PNG (written to dir) has that mark's colour, which is a palette colour. */
static void check_mark_pixel(const sp_context *ctx, const char *dir, const char *id)
{
    sp_diags d = {0};
    double w, h, scale = ctx->settings->dpi / 72.0;
    sp_chart_size_pt(ctx, &w, &h);
    assert_int_equal(sp_chart_write(ctx, dir, id, &d), 0);
    sp_chart_boxes b = {0};
    assert_int_equal(sp_chart_layout_boxes(ctx, id, w, h, 0, &b, &d), 0);
    const sp_chart_box *m = NULL;
    for (size_t k = 0; k < b.n && !m; k++)
        if (b.items[k].kind == SP_CHART_BOX_MARK && b.items[k].w >= 3 && b.items[k].h >= 1.5 &&
            b.items[k].y > 40) /* a bar or dot in the plot */
            m = &b.items[k];
    if (!m)
        fail_msg("%s: no bar or dot recorded", id);
    assert_true(in_palette(m->rgb));
    char *png = out_path(dir, id, ".png");
    long px = png_pixel(png, (int)((m->x + m->w / 2) * scale), (int)((m->y + m->h / 2) * scale),
                        NULL, NULL);
    if (px != (long)m->rgb)
        fail_msg("%s: pixel inside \"%s\" is %06lx, expected %06x", id, m->text, px, m->rgb);
    g_free(png);
    sp_chart_boxes_free(&b);
    sp_diags_free(&d);
}

/* No text box overlaps another or leaves the canvas, and every one holds
 * at least a line of 8 pt type. */
static void check_layout(const sp_context *ctx, const char *id, double wcm, double hcm, unsigned flags)
{
    sp_diags d = {0};
    double w = wcm / 2.54 * 72, h = hcm / 2.54 * 72;
    sp_chart_boxes b = {0};
    assert_int_equal(sp_chart_layout_boxes(ctx, id, w, h, flags, &b, &d), 0);
    char *why = NULL;
    size_t bad = sp_chart_boxes_check(&b, w, h, &why);
    if (bad)
        fail_msg("%s at %gx%g cm%s%s: %zu collisions, first: %s", id, wcm, hcm,
                 flags ? " (bare)" : "", ctx->settings->illustrative ? " (illustrative)" : "", bad, why);
    /* no bar or dot is clipped by the canvas edge */
    for (size_t i = 0; i < b.n; i++) {
        const sp_chart_box *m = &b.items[i];
        if (m->kind == SP_CHART_BOX_MARK &&
            (m->x < -0.01 || m->y < -0.01 || m->x + m->w > w + 0.01 || m->y + m->h > h + 0.01))
            fail_msg("%s at %gx%g cm: mark \"%s\" leaves the canvas", id, wcm, hcm, m->text);
    }
    /* every text box holds at least one line of 8 pt type */
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);
    PangoContext *pc = sp_text_context_new(cr);
    PangoLayout *l = sp_text_layout(pc, "Xg", 8, false, -1);
    double line8;
    sp_text_size(l, NULL, &line8);
    for (size_t i = 0; i < b.n; i++)
        if (b.items[i].kind == SP_CHART_BOX_TEXT && b.items[i].h < line8 - 0.01)
            fail_msg("%s: \"%s\" is smaller than 8 pt", id, b.items[i].text);
    g_object_unref(l);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    sp_chart_boxes_free(&b);
    sp_diags_free(&d);
}

#endif
