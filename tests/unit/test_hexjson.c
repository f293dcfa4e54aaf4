/* test_hexjson.c: hex map layouts (HexJSON): the four layouts place their
 * hexes as HexJSON means (odd or even rows or columns shifted), a bad file
 * is refused with one error per problem at the hex's line, and an
 * inspected area missing from the layout is a warning naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "sendpack/load.h"
#include "sendpack/view.h"

static char *write_tmp(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("hexjson-XXXXXX.hexjson", &path, NULL);
    assert_true(fd >= 0);
    close(fd);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static sp_view *view_of(const char *layout, sp_dataset **ds_out)
{
    char *text = g_strdup_printf("{\"layout\":\"%s\",\"hexes\":{\n"
                                 "\"E1\":{\"n\":\"A\",\"q\":0,\"r\":0},\n"
                                 "\"E2\":{\"n\":\"B\",\"q\":0,\"r\":1},\n"
                                 "\"E3\":{\"n\":\"C\",\"q\":1,\"r\":0}\n}}\n", layout);
    char *path = write_tmp(text);
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_hexjson(ds, path, &d), 0);
    assert_int_equal(d.n, 0);
    assert_non_null(ds->hexmap);
    assert_int_equal(ds->hexmap->n_hexes, 3);
    assert_string_equal(ds->hexmap->hexes[1].name, "B");
    assert_int_equal(ds->hexmap->hexes[1].line, 3);
    sp_diags_free(&d);
    g_unlink(path);
    g_free(path);
    g_free(text);
    *ds_out = ds;
    return sp_view_new(ds, 1);
}

/* x of hex i minus x of hex j, in hex radii */
static double dx(const sp_view *v, size_t i, size_t j) { return v->hexes[i].x - v->hexes[j].x; }
static double dy(const sp_view *v, size_t i, size_t j) { return v->hexes[i].y - v->hexes[j].y; }

static void test_the_four_layouts(void **state)
{
    (void)state;
    const double s3 = sqrt(3.0);
    sp_dataset *ds;
    /* odd-r: row 1 (odd) is shifted half a hex right, and drawn above row 0 */
    sp_view *v = view_of("odd-r", &ds);
    assert_true(v->hex_pointy);
    assert_float_equal(dx(v, 1, 0), s3 / 2, 1e-9);
    assert_float_equal(dy(v, 1, 0), -1.5, 1e-9);
    assert_float_equal(dx(v, 2, 0), s3, 1e-9);
    sp_view_free(v);
    sp_dataset_free(ds);
    /* even-r: row 0 (even) is the shifted one */
    v = view_of("even-r", &ds);
    assert_float_equal(dx(v, 1, 0), -s3 / 2, 1e-9);
    sp_view_free(v);
    sp_dataset_free(ds);
    /* odd-q: flat-topped, column 1 (odd) shifted half a hex up */
    v = view_of("odd-q", &ds);
    assert_false(v->hex_pointy);
    assert_float_equal(dx(v, 2, 0), 1.5, 1e-9);
    assert_float_equal(dy(v, 2, 0), -s3 / 2, 1e-9);
    assert_float_equal(dy(v, 1, 0), -s3, 1e-9);
    sp_view_free(v);
    sp_dataset_free(ds);
    /* even-q: column 0 (even) shifted up instead */
    v = view_of("even-q", &ds);
    assert_float_equal(dy(v, 2, 0), s3 / 2, 1e-9);
    assert_float_equal(v->hex_h, 2.5 * s3, 1e-9);
    sp_view_free(v);
    sp_dataset_free(ds);
}

static void test_bad_layouts_are_refused_at_their_line(void **state)
{
    (void)state;
    char *path = write_tmp("{\"layout\":\"odd\",\n\"hexes\":{\n"
                           "\"E1\":{\"q\":0,\"r\":0},\n"
                           "\"E2\":{\"q\":\"x\",\"r\":1},\n"
                           "\"E3\":{\"q\":0,\"r\":0}\n}}\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_hexjson(ds, path, &d), 3);
    assert_null(ds->hexmap);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.items[0].line, 1);
    assert_string_equal(d.items[0].message,
                        "expected \"layout\" to be odd-r, even-r, odd-q or even-q, found \"odd\"");
    assert_int_equal(d.items[1].line, 4);
    assert_string_equal(d.items[1].message, "hex \"E2\": expected a whole number q, found \"x\"");
    assert_int_equal(d.items[2].line, 5);
    assert_string_equal(d.items[2].message,
                        "hex \"E3\": expected a free place, found q 0, r 0 already taken by \"E1\"");
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_unlink(path);
    g_free(path);

    path = write_tmp("{\"layout\":\"odd-r\",\n\"hexes\":{\"E1\":{\"q\":0,\"r\":0},}\n");
    ds = sp_dataset_new();
    d = (sp_diags){0};
    assert_int_equal(sp_load_hexjson(ds, path, &d), 1);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].message, "not JSON"));
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_unlink(path);
    g_free(path);
}

static void test_an_area_without_a_hex_is_a_warning(void **state)
{
    (void)state;
    const char *src = getenv("SENDPACK_SRC");
    char *dir = g_build_filename(src && *src ? src : ".", "fixtures", NULL);
    char *ins = g_build_filename(dir, "inspections-2016.csv", NULL);
    /* the fixtures' layout less its first hex */
    char *text = NULL, *hex = g_build_filename(dir, "hexmap.hexjson", NULL);
    assert_true(g_file_get_contents(hex, &text, NULL, NULL));
    char *first = strstr(text, "\"X06000001\"");
    assert_non_null(first);
    char *eol = strchr(first, '\n');
    memmove(first, eol + 1, strlen(eol + 1) + 1);
    char *path = write_tmp(text);
    char *files[] = {ins};
    sp_inputs in = {.inspections = files, .n_inspections = 1, .hexmap = path};
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_WARNING), 1);
    assert_non_null(strstr(d.items[0].message, "area X06000001 (Quillholme) has no hex"));
    assert_string_equal(d.items[0].file, ins);
    assert_true(d.items[0].line > 1);
    sp_view *v = sp_view_new(ds, 20240331);
    assert_int_equal(v->n_hexes, 147);
    assert_null(sp_view_hex(v, "x06000001"));
    assert_non_null(sp_view_hex(v, "x08000011"));
    assert_non_null(sp_view_hex(v, "x08000011")->area);
    sp_view_free(v);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_unlink(path);
    g_free(path);
    g_free(text);
    g_free(hex);
    g_free(ins);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_four_layouts),
        cmocka_unit_test(test_bad_layouts_are_refused_at_their_line),
        cmocka_unit_test(test_an_area_without_a_hex_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
