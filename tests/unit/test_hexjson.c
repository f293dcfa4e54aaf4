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

/* Each hex knows its neighbour across each edge (the region boundaries of
 * the map are drawn along those edges): on a 6 by 6 grid in each of the four
 * layouts, next[k] is the hex whose centre lies sqrt(3) radii away at corner
 * k's angle + 30 degrees, found here by looking at every hex; an inner hex
 * has all six, and a hex missing from the grid is no one's neighbour. */
static void test_neighbours_across_each_edge(void **state)
{
    (void)state;
    const char *layouts[] = {"odd-r", "even-r", "odd-q", "even-q"};
    for (size_t l = 0; l < G_N_ELEMENTS(layouts); l++) {
        GString *t = g_string_new(NULL);
        g_string_append_printf(t, "{\"layout\":\"%s\",\"hexes\":{\n", layouts[l]);
        int n = 0;
        for (int q = 0; q < 6; q++)
            for (int r = 0; r < 6; r++) {
                if (q == 4 && r == 3)
                    continue; /* a hole */
                g_string_append_printf(t, "%s\"E%d\":{\"n\":\"H%d\",\"q\":%d,\"r\":%d}",
                                       n ? ",\n" : "", n, n, q, r);
                n++;
            }
        g_string_append(t, "\n}}\n");
        char *path = write_tmp(t->str);
        sp_dataset *ds = sp_dataset_new();
        sp_diags d = {0};
        assert_int_equal(sp_load_hexjson(ds, path, &d), 0);
        sp_view *v = sp_view_new(ds, 1);
        assert_int_equal(v->n_hexes, 35);
        size_t six = 0;
        for (size_t i = 0; i < v->n_hexes; i++) {
            size_t found = 0;
            for (int k = 0; k < 6; k++) {
                double a = ((v->hex_pointy ? 30.0 : 0.0) + 60.0 * k + 30.0) * G_PI / 180.0;
                double nx = v->hexes[i].x + sqrt(3.0) * cos(a), ny = v->hexes[i].y + sqrt(3.0) * sin(a);
                long want = -1;
                for (size_t j = 0; j < v->n_hexes && want < 0; j++)
                    if (fabs(v->hexes[j].x - nx) < 0.1 && fabs(v->hexes[j].y - ny) < 0.1)
                        want = (long)j;
                assert_int_equal(v->hexes[i].next[k], want);
                found += want >= 0;
            }
            six += found == 6;
        }
        /* the 4 by 4 inner hexes but the hole and those around it have all six */
        assert_true(six >= 8);
        sp_view_free(v);
        sp_dataset_free(ds);
        sp_diags_free(&d);
        g_unlink(path);
        g_free(path);
        g_string_free(t, TRUE);
    }
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
        cmocka_unit_test(test_neighbours_across_each_edge),
        cmocka_unit_test(test_bad_layouts_are_refused_at_their_line),
        cmocka_unit_test(test_an_area_without_a_hex_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
