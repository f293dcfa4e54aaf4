/* test_briefing_profiles.c: area profiles from the illustrative fixtures:
 * one PDF per area with a safe file name, one page each, a combined PDF
 * with an outline entry per area, per-area numbers from the figures table,
 * progress reports, and byte-identical rebuilds. With the real data present,
 * Birmingham's published revisit result is checked too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/briefing.h"
#include "sendpack/load.h"
#include "sendpack/template.h"
#include "test_support.h"
#include "sendpack/text.h"

typedef struct {
    sp_dataset *ds;
    sp_figures *figs;
    sp_settings settings;
    sp_context ctx;
    char *dir, *areas, *combined;
    size_t progress_calls, progress_last, progress_total;
} fx;

static char *run(const char *const *argv, int *status)
{
    char *out = NULL, *err = NULL;
    int st = -1;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                      &st, NULL))
        return NULL;
    g_free(err);
    if (status)
        *status = st;
    return out;
}

static void progress(void *user, const char *what, size_t done, size_t total)
{
    fx *f = user;
    assert_string_equal(what, "areas");
    f->progress_calls++;
    f->progress_last = done;
    f->progress_total = total;
}

static sp_dataset *load_dir(const char *dir)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    assert_int_equal(sp_inputs_from_dir(&in, dir, &d), 0);
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    return ds;
}

static int group_setup(void **state)
{
    const char *tools[] = {"pdfinfo", "pdftotext", "qpdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++) {
        char *p = g_find_program_in_path(tools[i]);
        if (!p) {
            fprintf(stderr, "skipped: needs %s (poppler-utils, qpdf)\n", tools[i]);
            exit(77);
        }
        g_free(p);
    }
    fx *f = g_new0(fx, 1);
    f->ds = load_dir("fixtures");
    f->figs = sp_figures_compute(f->ds, 0, 0);
    sp_settings_init(&f->settings);
    f->settings.illustrative = true;
    f->ctx = (sp_context){.figs = f->figs, .view = f->figs->view, .settings = &f->settings,
                          .progress = progress, .progress_user = f};
    f->dir = g_dir_make_tmp("sendpack-profiles-XXXXXX", NULL);
    f->areas = g_build_filename(f->dir, "areas", NULL);
    f->combined = g_build_filename(f->dir, "areas.pdf", NULL);
    sp_diags d = {0};
    int rc = sp_profiles_write(&f->ctx, f->areas, f->combined, &d);
    for (size_t i = 0; i < d.n; i++) {
        char *m = sp_diag_format(&d.items[i]);
        fprintf(stderr, "%s\n", m);
        g_free(m);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(d.n, 0);
    sp_diags_free(&d);
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fx *f = *state;
    sp_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->areas);
    g_free(f->combined);
    sp_figures_free(f->figs);
    sp_dataset_free(f->ds);
    sp_settings_clear(&f->settings);
    g_free(f);
    sp_text_release_fonts();
    return 0;
}

static int pages_of(const char *pdf)
{
    const char *argv[] = {"pdfinfo", pdf, NULL};
    char *out = run(argv, NULL);
    assert_non_null(out);
    const char *p = strstr(out, "Pages:");
    int n = p ? atoi(p + 6) : -1;
    g_free(out);
    return n;
}

static bool safe_name(const char *name)
{
    if (!g_str_has_suffix(name, ".pdf") || strlen(name) <= 4 || name[0] == '-')
        return false;
    for (const char *p = name; p < name + strlen(name) - 4; p++)
        if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '-' || *p == '_'))
            return false;
    return !strstr(name, "..") && !strchr(name, '/') && !strchr(name, ' ');
}

static void test_one_safe_file_per_area(void **state)
{
    fx *f = *state;
    GDir *d = g_dir_open(f->areas, 0, NULL);
    assert_non_null(d);
    size_t n = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!safe_name(name))
            fail_msg("unsafe profile file name \"%s\"", name);
        n++;
    }
    g_dir_close(d);
    assert_true(f->figs->n_areas >= 100);
    assert_int_equal(n, f->figs->n_areas);
    /* names that try to escape: formula, apostrophe, long name with a comma */
    char *p1 = g_build_filename(f->areas, "hyperlink-http-example-invalid-x_x10000011.pdf", NULL);
    char *p2 = g_build_filename(f->areas, "bishops-sorrelford_x06000029.pdf", NULL);
    assert_true(g_file_test(p1, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(p2, G_FILE_TEST_EXISTS));
    g_free(p1);
    g_free(p2);
}

static void test_slugs(void **state)
{
    (void)state;
    char *s;
    s = sp_profile_slug("../../etc/passwd", "x1");
    assert_string_equal(s, "etc-passwd_x1");
    g_free(s);
    s = sp_profile_slug("", "E09000002");
    assert_string_equal(s, "area_e09000002");
    g_free(s);
    s = sp_profile_slug("..", "");
    assert_true(g_str_has_prefix(s, "area__") && strlen(s) == 6 + 16);
    g_free(s);
    s = sp_profile_slug("Bristol, City of", "E06000023");
    assert_string_equal(s, "bristol-city-of_e06000023");
    g_free(s);
    s = sp_profile_slug("Foo", "../x");
    assert_string_equal(s, "foo_-2e-2e-2fx");
    g_free(s);
}

/* Names that slug alike never share a file: "(Foo) Z9" and "Foo" coded Z9
 * used to give foo-z9.pdf twice, one profile overwriting the other. */
static void test_slugs_unique_by_construction(void **state)
{
    (void)state;
    const char *areas[][2] = {{"(Foo) Z9", ""}, {"Foo", "Z9"}, {"Foo", ""},
                              {"Foo", "Z-9"}, {"Foo", "Z_9"}, {"Foo", "z9x"}, {"Foo z9", "x"}};
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(areas); i++) {
        char *s = sp_profile_slug(areas[i][0], areas[i][1]);
        if (g_hash_table_contains(seen, s))
            fail_msg("%s and %s both give %s", areas[i][0], areas[i][1], s);
        g_hash_table_add(seen, s);
    }
    g_hash_table_destroy(seen);
}

/* A 260-character name used to make a file name too long for the file
 * system, failing the build at its very end. */
static void test_slugs_capped_and_still_unique(void **state)
{
    (void)state;
    GString *a = g_string_new(NULL), *b;
    for (int i = 0; i < 26; i++)
        g_string_append(a, "Longname ");
    b = g_string_new(a->str);
    g_string_append(a, "one");
    g_string_append(b, "two");
    char *sa = sp_profile_slug(a->str, ""), *sb = sp_profile_slug(b->str, "");
    assert_true(strlen(sa) <= SP_PROFILE_FILE_MAX && strlen(sb) <= SP_PROFILE_FILE_MAX);
    assert_string_not_equal(sa, sb);
    g_free(sa);
    g_free(sb);
    char *code = g_strnfill(300, 'E');
    sa = sp_profile_slug(a->str, code);
    code[299] = 'F';
    sb = sp_profile_slug(a->str, code);
    assert_true(strlen(sa) <= SP_PROFILE_FILE_MAX && strlen(sb) <= SP_PROFILE_FILE_MAX);
    assert_string_not_equal(sa, sb);
    g_free(sa);
    g_free(sb);
    g_free(code);
    g_string_free(a, TRUE);
    g_string_free(b, TRUE);
}

static void test_one_page_each_and_combined(void **state)
{
    fx *f = *state;
    const char *some[] = {"amberbridge_x08000011.pdf", "hyperlink-http-example-invalid-x_x10000011.pdf",
        "saltern-reach-bascombe-marsh-and-the-villages-of-the-upper_x06000007.pdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(some); i++) {
        char *p = g_build_filename(f->areas, some[i], NULL);
        assert_int_equal(pages_of(p), 1);
        g_free(p);
    }
    assert_int_equal(pages_of(f->combined), (int)f->figs->n_areas);
    int st = -1;
    const char *argv[] = {"qpdf", "--check", f->combined, NULL};
    char *out = run(argv, &st);
    assert_int_equal(st, 0);
    g_free(out);
}

static void test_combined_outline_has_every_area(void **state)
{
    fx *f = *state;
    const char *argv[] = {"qpdf", "--json", "--json-key=outlines", f->combined, NULL};
    char *json = run(argv, NULL);
    assert_non_null(json);
    for (size_t i = 0; i < f->figs->n_areas; i++) {
        char *esc = g_strescape(f->figs->areas[i].name, NULL);
        char *t = g_strdup_printf("\"title\": \"%s\"", esc);
        if (!strstr(json, t))
            fail_msg("no outline entry for %s", t);
        g_free(t);
        g_free(esc);
    }
    g_free(json);
}

static char *text_of(const char *pdf)
{
    const char *argv[] = {"pdftotext", pdf, "-", NULL};
    char *t = run(argv, NULL);
    assert_non_null(t);
    /* one space for every run of white space */
    GRegex *ws = g_regex_new("\\s+", 0, 0, NULL);
    char *s = g_regex_replace_literal(ws, t, -1, 0, " ", 0, NULL);
    g_regex_unref(ws);
    g_free(t);
    return s;
}

/* The numbers a profile prints are the area's figures. */
static void test_profile_numbers_from_figures(void **state)
{
    fx *f = *state;
    char *p = g_build_filename(f->areas, "hyperlink-http-example-invalid-x_x10000011.pdf", NULL);
    char *t = text_of(p);
    const sp_figure *w = sp_figures_get(f->figs, "area.x10000011.weaknesses.identified");
    const sp_figure *m = sp_figures_get(f->figs, "area.x10000011.weaknesses.progress_made");
    const sp_figure *n = sp_figures_get(f->figs, "area.x10000011.weaknesses.progress_not_made");
    assert_non_null(w);
    assert_non_null(m);
    assert_non_null(n);
    char *s1 = g_strdup_printf("Inspectors found %.0f significant weaknesses", w->value);
    char *s2 = n->value == 0 ? g_strdup_printf("found sufficient progress on all %.0f.", m->value)
               : m->value == 0 ? g_strdup("found sufficient progress on none of them.")
                               : g_strdup_printf("found sufficient progress on %.0f of them and "
                                                 "not on %.0f.", m->value, n->value);
    assert_non_null(strstr(t, "=HYPERLINK(\"http://example.invalid\",\"x\")"));
    assert_non_null(strstr(t, s1));
    assert_non_null(strstr(t, s2));
    char *england = sp_template_format(sp_figures_get(f->figs, "wsoa.share"), "of");
    assert_non_null(strstr(t, england));
    assert_non_null(strstr(t, "Illustrative data"));
    g_free(england);
    g_free(s1);
    g_free(s2);
    g_free(t);
    g_free(p);
}

/* The comparison table mixes Ofsted's outcomes with SEN2's timeliness (and
 * the DSG's funding): its source line names every publication its rows come
 * from, each once, and its figures still reach the definitions. */
static void test_comparison_names_every_source(void **state)
{
    fx *f = *state;
    sp_used_ids used;
    sp_used_ids_init(&used);
    char *title = NULL, *source = NULL;
    sp_table *t = sp_briefing_table(&f->ctx, "area-comparison", NULL, "x10000011", &used,
                                    &title, &source);
    assert_non_null(t);
    assert_non_null(source);
    const sp_figure *ofsted = sp_figures_get(f->figs, "wsoa.share");
    const sp_figure *sen2 = sp_figures_get(f->figs, "area.x10000011.ehcp.2020.within_20_weeks.share");
    assert_non_null(ofsted);
    assert_non_null(sen2);
    char *a = g_strndup(ofsted->source, strcspn(ofsted->source, "("));
    char *b = g_strndup(sen2->source, strcspn(sen2->source, "("));
    assert_string_not_equal(a, b);
    const char *at_a = strstr(source, a), *at_b = strstr(source, b);
    assert_non_null(at_a);
    assert_non_null(at_b);
    assert_true(at_a < at_b);             /* in the order of the rows */
    assert_null(strstr(at_a + 1, a));     /* each once */
    assert_true(g_str_has_prefix(source, "Source: "));
    bool ehcp = false;
    for (guint i = 0; i < used.ids->len; i++)
        ehcp = ehcp || strstr(g_ptr_array_index(used.ids, i), ".ehcp.") != NULL;
    assert_true(ehcp);
    g_free(a);
    g_free(b);
    g_free(title);
    g_free(source);
    sp_table_free(t);
    sp_used_ids_clear(&used);
}

static void test_progress_reported(void **state)
{
    fx *f = *state;
    assert_int_equal(f->progress_calls, f->figs->n_areas);
    assert_int_equal(f->progress_last, f->figs->n_areas);
    assert_int_equal(f->progress_total, f->figs->n_areas);
}

static void test_rebuild_byte_identical(void **state)
{
    fx *f = *state;
    char *again = g_build_filename(f->dir, "again", NULL);
    char *comb = g_build_filename(f->dir, "again.pdf", NULL);
    sp_diags d = {0};
    assert_int_equal(sp_profiles_write(&f->ctx, again, comb, &d), 0);
    char *a = NULL, *b = NULL;
    gsize na, nb;
    assert_true(g_file_get_contents(f->combined, &a, &na, NULL));
    assert_true(g_file_get_contents(comb, &b, &nb, NULL));
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    g_free(a);
    g_free(b);
    g_free(again);
    g_free(comb);
    sp_diags_free(&d);
}

static void test_real_birmingham(void **state)
{
    fx *f = *state;
    const char *shared = getenv("SHARED_DATA");
    char *csv = g_build_filename(shared && *shared ? shared : "../shared/data",
                                 "ofsted/area-send-inspections-2016-2022.csv", NULL);
    if (!g_file_test(csv, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "note: %s not found; Birmingham check left out\n", csv);
        g_free(csv);
        return;
    }
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    sp_load_inspections(ds, csv, &d);
    sp_figures *figs = sp_figures_compute(ds, 0, 0);
    sp_context ctx = {.figs = figs, .view = figs->view, .settings = &f->settings};
    char *dir = g_build_filename(f->dir, "real", NULL);
    assert_int_equal(sp_profiles_write(&ctx, dir, NULL, &d), 0);
    char *p = g_build_filename(dir, "birmingham_e08000025.pdf", NULL);
    char *t = text_of(p);
    /* the headline, its place among areas a figure, then the numbers */
    assert_non_null(strstr(t, "Birmingham: 12 of 13 weaknesses still without sufficient "
                              "progress at revisit, the most of any area."));
    assert_non_null(strstr(t, "Inspectors found 13 significant weaknesses"));
    assert_non_null(strstr(t, "found sufficient progress on 1 of them and not on 12."));
    /* rates beside the region and England, not totals */
    assert_non_null(strstr(t, "12 of 13 (92%)"));
    assert_null(strstr(t, "figures.json"));
    assert_int_equal(pages_of(p), 1);
    /* all or none said in words, not "on 2 of them and not on 0" */
    struct { const char *file, *says; } said[] = {
        {"wandsworth_e09000032.pdf", "found sufficient progress on all 2."},
        {"sefton_e08000014.pdf", "found sufficient progress on none of them."},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(said); i++) {
        char *pi = g_build_filename(dir, said[i].file, NULL);
        char *ti = text_of(pi);
        if (!strstr(ti, said[i].says) || strstr(ti, "and not on 0"))
            fail_msg("%s does not say \"%s\":\n%s", said[i].file, said[i].says, ti);
        g_free(ti);
        g_free(pi);
    }
    g_free(t);
    g_free(p);
    g_free(dir);
    g_free(csv);
    sp_figures_free(figs);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_safe_file_per_area),
        cmocka_unit_test(test_slugs),
        cmocka_unit_test(test_slugs_unique_by_construction),
        cmocka_unit_test(test_slugs_capped_and_still_unique),
        cmocka_unit_test(test_one_page_each_and_combined),
        cmocka_unit_test(test_combined_outline_has_every_area),
        cmocka_unit_test(test_profile_numbers_from_figures),
        cmocka_unit_test(test_comparison_names_every_source),
        cmocka_unit_test(test_progress_reported),
        cmocka_unit_test(test_rebuild_byte_identical),
        cmocka_unit_test(test_real_birmingham),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
