/* test_config.c: the publication config file: keys applied, paths relative
 * to the config's folder, and every mistake reported at file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sendpack/config.h"
#include "test_support.h"

typedef struct {
    char *dir;
    char *path;
    sp_settings s;
    sp_inputs in;
    sp_diags d;
    bool has_inputs;
} fixture;

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->dir = g_dir_make_tmp("sendpack-config-XXXXXX", NULL);
    f->path = g_build_filename(f->dir, "pub.ini", NULL);
    sp_settings_init(&f->s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sp_settings_clear(&f->s);
    sp_inputs_clear(&f->in);
    sp_diags_free(&f->d);
    sp_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->path);
    g_free(f);
    return 0;
}

static void write_in(fixture *f, const char *name, const char *text)
{
    char *p = g_build_filename(f->dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(p);
}

static int load(fixture *f, const char *text)
{
    assert_true(g_file_set_contents(f->path, text, -1, NULL));
    return sp_config_load(f->path, &f->s, &f->in, &f->has_inputs, &f->d);
}

/* The one error, formatted; fails unless there is exactly one. */
static char *only_error(fixture *f)
{
    assert_int_equal(sp_diags_count(&f->d, SP_DIAG_ERROR), 1);
    for (size_t i = 0; i < f->d.n; i++)
        if (f->d.items[i].level == SP_DIAG_ERROR)
            return sp_diag_format(&f->d.items[i]);
    return NULL;
}

static void test_values_applied(void **state)
{
    fixture *f = *state;
    write_in(f, "a.csv", "x\n");
    write_in(f, "b.csv", "x\n");
    write_in(f, "funding.csv", "x\n");
    write_in(f, "sen2_mi.csv", "x\n");
    char *tpl = g_build_filename(f->dir, "tpl", NULL);
    assert_int_equal(g_mkdir(tpl, 0755), 0);
    g_free(tpl);
    int rc = load(f, "# comment\n"
                     "[publication]\n"
                     "title = Committee briefing\n"
                     "prepared-for = Prepared for the Education Committee\n"
                     "author = Team A\n"
                     "status = official\n"
                     "as-at = 2021-03-31\n"
                     "first-n = 50\n"
                     "\n"
                     "[inputs]\n"
                     "inspections = a.csv;b.csv\n"
                     "funding = funding.csv\n"
                     "sen2 = sen2_mi.csv\n"
                     "dsg = b.csv; a.csv\n"
                     "[outputs]\n"
                     "out = ../published\n"
                     "previous = last\n"
                     "templates = tpl\n"
                     "charts = false\n"
                     "briefing = yes\n"
                     "profiles = true\n"
                     "workbook = 0\n"
                     "workbook-name = pack.xlsx\n"
                     "dpi = 300\n"
                     "size = 12.5x8\n");
    assert_int_equal(rc, 0);
    assert_int_equal(f->d.n, 0);
    assert_string_equal(f->s.title, "Committee briefing");
    assert_string_equal(f->s.prepared_for, "Prepared for the Education Committee");
    assert_string_equal(f->s.author, "Team A");
    assert_false(f->s.illustrative);
    assert_int_equal(f->s.as_at, 20210331);
    assert_int_equal(f->s.first_n, 50);
    assert_false(f->s.make_charts);
    assert_true(f->s.make_briefing);
    assert_true(f->s.make_profiles);
    assert_false(f->s.make_workbook);
    assert_string_equal(f->s.workbook_name, "pack.xlsx");
    assert_true(f->s.dpi == 300);
    assert_true(f->s.width_cm == 12.5 && f->s.height_cm == 8);
    assert_string_equal(f->s.config_path, f->path);
    /* Paths are relative to the config file's folder. */
    char *parent = g_path_get_dirname(f->dir);
    char *want_out = g_build_filename(parent, "published", NULL);
    char *want_prev = g_build_filename(f->dir, "last", NULL);
    char *want_tpl = g_build_filename(f->dir, "tpl", NULL);
    char *want_a = g_build_filename(f->dir, "a.csv", NULL);
    char *want_b = g_build_filename(f->dir, "b.csv", NULL);
    char *want_f = g_build_filename(f->dir, "funding.csv", NULL);
    char *want_s = g_build_filename(f->dir, "sen2_mi.csv", NULL);
    assert_string_equal(f->s.out_dir, want_out);
    assert_string_equal(f->s.previous_dir, want_prev);
    assert_string_equal(f->s.templates_dir, want_tpl);
    assert_true(f->has_inputs);
    assert_int_equal(f->in.n_inspections, 2);
    assert_string_equal(f->in.inspections[0], want_a);
    assert_string_equal(f->in.inspections[1], want_b);
    assert_string_equal(f->in.funding, want_f);
    /* dsg: a ';'-separated list, in the order given */
    assert_int_equal(f->in.n_dsg, 2);
    assert_string_equal(f->in.dsg[0], want_b);
    assert_string_equal(f->in.dsg[1], want_a);
    assert_null(f->in.areas);
    assert_string_equal(f->in.sen2, want_s); /* [inputs] sen2, relative to the config */
    char *frees[] = {parent, want_out, want_prev, want_tpl, want_a, want_b, want_f, want_s};
    for (size_t i = 0; i < G_N_ELEMENTS(frees); i++)
        g_free(frees[i]);
}

static void test_only_given_keys_change_settings(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "[publication]\nstatus = illustrative\n"), 0);
    assert_true(f->s.illustrative);
    assert_string_equal(f->s.title, "Area SEND inspections: briefing"); /* default kept */
    assert_string_equal(f->s.out_dir, "out");
    assert_false(f->has_inputs);
}

static void test_unknown_key_names_line(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "[publication]\ntitle = T\n\n  colour = blue\n"), 2);
    char *msg = only_error(f);
    char *want = g_strdup_printf("%s:4:3: unknown key \"colour\" in [publication]", f->path);
    assert_true(g_str_has_prefix(msg, want));
    g_free(want);
    g_free(msg);
}

static void test_misspelt_key_suggests(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "[publication]\nas_at = 2021-03-31\n"), 2);
    char *msg = only_error(f);
    assert_non_null(strstr(msg, ":2:1: unknown key \"as_at\""));
    assert_non_null(strstr(msg, "did you mean \"as-at\""));
    g_free(msg);
    /* Nothing applied from a file with a bad key. */
    assert_int_equal(f->s.as_at, 0);
}

static void test_key_in_wrong_group(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "[publication]\nout = elsewhere\n"), 2);
    char *msg = only_error(f);
    assert_non_null(strstr(msg, "belongs in [outputs]"));
    g_free(msg);
}

static void test_every_problem_reported(void **state)
{
    fixture *f = *state;
    int rc = load(f, "[publishing]\n"       /* 1: unknown group */
                     "[publication]\n"
                     "this is not a key\n"  /* 3 */
                     "title = a\n"
                     "title = b\n"          /* 5: duplicate */
                     "[outputs]\n"
                     "size = big\n"         /* 7: bad value, in the same pass */
                     "[publication]\n"
                     "colour = red\n"       /* 9: unknown key */
                     "first-n = none\n");   /* 10: a bad value after the unknown key */
    assert_int_equal(rc, 2);
    assert_int_equal(sp_diags_count(&f->d, SP_DIAG_ERROR), 6);
    int want[6] = {1, 3, 5, 7, 9, 10};
    for (int i = 0; i < 6; i++)
        assert_int_equal(f->d.items[i].line, want[i]);
    assert_non_null(strstr(f->d.items[0].message, "unknown group [publishing]"));
    assert_non_null(strstr(f->d.items[2].message, "first on line 4"));
    assert_non_null(strstr(f->d.items[3].message, "found \"big\""));
    assert_non_null(strstr(f->d.items[5].message, "found \"none\""));
}

static void test_bad_values_name_column(void **state)
{
    fixture *f = *state;
    int rc = load(f, "[publication]\n"
                     "status = draft\n"
                     "as-at =   31/02/2021\n"
                     "first-n = 0\n"
                     "[outputs]\n"
                     "dpi = lots\n"
                     "charts = maybe\n"
                     "workbook-name = ../x.xlsx\n"
                     "size = 0x10\n");
    assert_int_equal(rc, 2);
    assert_int_equal(sp_diags_count(&f->d, SP_DIAG_ERROR), 7);
    char *first = sp_diag_format(&f->d.items[0]);
    char *want = g_strdup_printf("%s:2:10: expected illustrative or official, found \"draft\"", f->path);
    assert_string_equal(first, want);
    g_free(first);
    g_free(want);
    char *second = sp_diag_format(&f->d.items[1]);
    assert_non_null(strstr(second, ":3:11: expected a date from 1990-01-01 to 2099-12-31, such as 2021-03-31, found \"31/02/2021\""));
    g_free(second);
}

/* workbook-name must end .xlsx, as --workbook must: "figures.json" or
 * "manifest.json" would be overwritten by the build's own files (the
 * workbook silently lost), "report" would be a workbook no program opens. */
static void test_workbook_name_needs_xlsx(void **state)
{
    fixture *f = *state;
    const char *bad[] = {"figures.json", "manifest.json", "report", ".xlsx"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *text = g_strdup_printf("[outputs]\nworkbook-name = %s\n", bad[i]);
        assert_int_equal(load(f, text), 2);
        char *msg = only_error(f);
        assert_non_null(strstr(msg, ":2:17: expected a file name ending .xlsx"));
        g_free(msg);
        g_free(text);
        sp_diags_free(&f->d);
        f->d = (sp_diags){0};
    }
    assert_int_equal(load(f, "[outputs]\nworkbook-name = Briefing 2024.xlsx\n"), 0);
    assert_string_equal(f->s.workbook_name, "Briefing 2024.xlsx");
}

static void test_missing_input_file(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "[inputs]\nfunding = nope.csv\n"), 2);
    char *msg = only_error(f);
    assert_non_null(strstr(msg, ":2:11: file \"nope.csv\" not found"));
    g_free(msg);
}

/* hexmap names a layout beside the inputs, relative to the config; alone
 * it is no input data */
static void test_hexmap_key(void **state)
{
    fixture *f = *state;
    write_in(f, "map.hexjson", "{}");
    assert_int_equal(load(f, "[inputs]\nhexmap = map.hexjson\n"), 0);
    char *want = g_build_filename(f->dir, "map.hexjson", NULL);
    assert_string_equal(f->in.hexmap, want);
    assert_false(f->has_inputs);
    g_free(want);
    assert_int_equal(load(f, "[inputs]\nhexmap = nope.hexjson\n"), 2);
    char *msg = only_error(f);
    assert_non_null(strstr(msg, ":2:10: file \"nope.hexjson\" not found"));
    g_free(msg);
}

static void test_unreadable_config(void **state)
{
    fixture *f = *state;
    char *missing = g_build_filename(f->dir, "none.ini", NULL);
    assert_int_equal(sp_config_load(missing, &f->s, &f->in, NULL, &f->d), 2);
    char *msg = only_error(f);
    assert_true(g_str_has_prefix(msg, missing));
    assert_non_null(strstr(msg, "cannot read"));
    g_free(msg);
    g_free(missing);
}

static void test_bom_and_crlf(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "\xEF\xBB\xBF[publication]\r\ntitle = Windows\r\n"), 0);
    assert_string_equal(f->s.title, "Windows");
}

static void test_resolve_path(void **state)
{
    (void)state;
    struct { const char *dir, *path, *want; } cases[] = {
        {"fixtures", "../out", "out"},
        {"fixtures", ".", "fixtures"},
        {".", "fixtures/./a.csv", "fixtures/a.csv"},
        {"a/b", "../../..", ".."},
        {"/srv/pub", "../data", "/srv/data"},
        {"fixtures", "/abs/x", "/abs/x"},
        {"", "x", "x"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = sp_config_resolve_path(cases[i].dir, cases[i].path);
        assert_string_equal(got, cases[i].want);
        g_free(got);
    }
}

static void test_parse_size(void **state)
{
    (void)state;
    double w, h;
    assert_true(sp_config_parse_size("16x10", &w, &h));
    assert_true(w == 16 && h == 10);
    assert_true(sp_config_parse_size("8.5X6", &w, &h));
    assert_true(w == 8.5 && h == 6);
    const char *bad[] = {"16", "x10", "16x", "16x10cm", "-1x5", "0x5", "101x5", "abc"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
        assert_false(sp_config_parse_size(bad[i], &w, &h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_values_applied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_given_keys_change_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_names_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misspelt_key_suggests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_in_wrong_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_problem_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values_name_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workbook_name_needs_xlsx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_input_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hexmap_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_and_crlf, setup, teardown),
        cmocka_unit_test(test_resolve_path),
        cmocka_unit_test(test_parse_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
