/* test_chart_png.c: the charts' own PNG encoder (src/render/chart_png.c)
 * gives files that any PNG reader (here cairo's, libpng) decodes to exactly
 * the pixels drawn: antialiased shapes, noise, odd widths, one pixel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <cairo.h>
#include <glib.h>

#include "../../src/render/chart_frame.h"

typedef struct {
    const unsigned char *p;
    size_t n, at;
} reader;

static cairo_status_t read_bytes(void *closure, unsigned char *data, unsigned int len)
{
    reader *r = closure;
    if (r->n - r->at < len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p + r->at, len);
    r->at += len;
    return CAIRO_STATUS_SUCCESS;
}

/* A surface of w x h with antialiased text-like shapes and noise. */
static cairo_surface_t *drawn(int w, int h, unsigned seed)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.07, 0.2, 0.5);
    cairo_arc(cr, w / 2.0, h / 2.0, MIN(w, h) / 3.0, 0, 6.28);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.9, 0.4, 0.1);
    cairo_set_line_width(cr, 1.3);
    cairo_move_to(cr, 0.3, 0.7);
    cairo_line_to(cr, w - 0.6, h - 0.2);
    cairo_stroke(cr);
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    GRand *rnd = g_rand_new_with_seed(seed);
    for (int i = 0; i < w * h / 7; i++) {
        int x = g_rand_int_range(rnd, 0, w), y = g_rand_int_range(rnd, 0, h);
        *(uint32_t *)(void *)(d + y * stride + x * 4) = g_rand_int(rnd) & 0xFFFFFF;
    }
    g_rand_free(rnd);
    cairo_surface_mark_dirty(s);
    cairo_destroy(cr);
    return s;
}

static void check_round_trip(int w, int h, unsigned seed)
{
    cairo_surface_t *s = drawn(w, h, seed);
    GByteArray *png = chart_png_encode(s);
    assert_non_null(png);
    reader r = {png->data, png->len, 0};
    cairo_surface_t *back = cairo_image_surface_create_from_png_stream(read_bytes, &r);
    assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    assert_int_equal(r.at, png->len); /* read to IEND, nothing after it */
    assert_int_equal(cairo_image_surface_get_width(back), w);
    assert_int_equal(cairo_image_surface_get_height(back), h);
    cairo_surface_flush(back);
    const unsigned char *a = cairo_image_surface_get_data(s), *b = cairo_image_surface_get_data(back);
    int sa = cairo_image_surface_get_stride(s), sb = cairo_image_surface_get_stride(back);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t pa = *(const uint32_t *)(const void *)(a + y * sa + x * 4) & 0xFFFFFF;
            uint32_t pb = *(const uint32_t *)(const void *)(b + y * sb + x * 4) & 0xFFFFFF;
            if (pa != pb)
                fail_msg("%dx%d: pixel (%d, %d) is %06x, drawn %06x", w, h, x, y, pb, pa);
        }
    cairo_surface_destroy(back);
    g_byte_array_free(png, TRUE);
    cairo_surface_destroy(s);
}

static void test_decodes_to_the_pixels_drawn(void **state)
{
    (void)state;
    check_round_trip(945, 591, 1); /* a chart at 150 dpi */
    check_round_trip(333, 17, 2);  /* odd width: rows not a multiple of 4 bytes */
    check_round_trip(1, 1, 3);
    check_round_trip(2400, 3, 4);
}

static void test_the_same_pixels_give_the_same_bytes(void **state)
{
    (void)state;
    cairo_surface_t *s = drawn(300, 200, 9);
    GByteArray *a = chart_png_encode(s), *b = chart_png_encode(s);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->data, b->data, a->len);
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    cairo_surface_destroy(s);
}

static void test_refuses_other_formats(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 10, 10);
    assert_null(chart_png_encode(s));
    cairo_surface_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decodes_to_the_pixels_drawn),
        cmocka_unit_test(test_the_same_pixels_give_the_same_bytes),
        cmocka_unit_test(test_refuses_other_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
