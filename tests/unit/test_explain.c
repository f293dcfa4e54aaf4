/* test_explain.c: `sendpack explain` on the fixtures: every figure, at the
 * latest date and at 31 March 2021, is explained by rows that add up to it;
 * the rows of a share are the records the share counted; records left out
 * say why; globs, suggestions and the CSV columns. */
#include "test_explain_helpers.h"

#include "sendpack/view.h"

static sp_dataset *fixtures(void)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, "fixtures", &d);
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    return ds;
}

static void every_figure_adds_up(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    check_two_dates(ds, 100);
    sp_dataset_free(ds);
}

/* A lean table (the build's) has the same figures, bytes for bytes; its
 * per-area figures keep no trace, yet explain the same as the full table's,
 * and the other figures keep theirs. */
static void lean_table_explains_the_same(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *full = sp_figures_compute(ds, 0, 0), *lean = sp_figures_compute_lean(ds, 0, 0);
    char *a = sp_figures_json(full), *b = sp_figures_json(lean);
    assert_string_equal(a, b);
    g_free(a), g_free(b);
    size_t per_area = 0;
    for (size_t i = 0; i < lean->n; i++) {
        const sp_figure *x = &lean->items[i];
        bool area = g_str_has_prefix(x->id, "area.");
        per_area += area;
        assert_int_equal(x->untraced, area);
        if (area)
            assert_null(x->trace);
        else
            assert_non_null(x->trace);
    }
    assert_true(per_area > 1000);
    assert_null(lean->traced);
    static const char *const ids[] = {"wsoa.share", "area.x09000008.wsoa",
                                      "area.x09000008.ehcp.latest.within_20_weeks.share"};
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
        assert_non_null(sp_figures_get(lean, ids[i]));
        sp_explanation *e = sp_explain(full, ids[i], false), *g = sp_explain(lean, ids[i], false);
        assert_non_null(e);
        assert_non_null(g);
        assert_true(e->n_rows > 0);
        char *x = sp_explanation_csv(e, true), *y = sp_explanation_csv(g, true);
        assert_string_equal(x, y);
        g_free(x), g_free(y);
        sp_explanation_free(e);
        sp_explanation_free(g);
    }
    assert_non_null(lean->traced); /* made once, for the per-area ones */
    sp_figures_free(full);
    sp_figures_free(lean);
    sp_dataset_free(ds);
}

static void share_rows_are_the_records_counted(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *f = sp_figures_compute(ds, sp_date_make(2021, 3, 31), 0);
    sp_explanation *e = sp_explain(f, "wsoa.share", false);
    assert_non_null(e);
    assert_int_equal(e->how, SP_HOW_RATIO);
    assert_true(e->n_role[SP_ROLE_NUMERATOR] > 0);
    size_t later = 0;
    for (size_t i = 0; i < e->n_rows; i++) {
        const sp_explain_row *r = &e->rows[i];
        const sp_inspection_view *v = &f->view->inspections[r->index];
        assert_ptr_equal(r->pos.file, v->rec->file);
        assert_int_equal(r->pos.line, v->rec->line);
        assert_string_equal(r->name, v->rec->area_name);
        if (r->role == SP_ROLE_NUMERATOR)
            assert_true(v->included && v->rec->wsoa);
        if (r->role == SP_ROLE_DENOMINATOR)
            assert_true(v->included);
        if (r->role == SP_ROLE_EXCLUDED) {
            assert_false(v->included);
            assert_int_equal(v->rec->framework, SP_FRAMEWORK_2016);
            char iso[16], want[96];
            sp_date_iso(v->rec->published, iso, sizeof iso);
            g_snprintf(want, sizeof want, "inspection published %s, after the as-at date", iso);
            assert_string_equal(r->reason, want);
            later++;
        }
    }
    assert_true(later > 0);
    sp_explanation_free(e);

    /* a region: other regions are "not in region ..." */
    assert_true(f->n_regions > 1);
    char *id = g_strdup_printf("region.%s.wsoa.count", f->regions[0].slug);
    e = sp_explain(f, id, false);
    char *want = g_strdup_printf("not in region %s", f->regions[0].name);
    assert_non_null(excluded_with(e, want));
    assert_non_null(excluded_with(e, "inspection published "));
    assert_non_null(excluded_with(e, "no written statement of action required"));
    /* each reason's text is kept once, however many rows give it */
    const char *first = excluded_with(e, want)->reason;
    size_t same = 0;
    for (size_t i = 0; i < e->n_rows; i++)
        if (e->rows[i].reason && strcmp(e->rows[i].reason, want) == 0) {
            assert_ptr_equal(e->rows[i].reason, first);
            same++;
        }
    assert_true(same > 1);
    g_free(want);
    g_free(id);
    sp_explanation_free(e);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

static void csv_has_a_row_per_role(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *f = sp_figures_compute(ds, 0, 0);
    sp_explanation *e = sp_explain(f, "wsoa.share", false);
    char *csv = sp_explanation_csv(e, true);
    assert_true(g_str_has_prefix(csv, "role,key,name,value,source,reason,"));
    char **lines = g_strsplit(csv, "\r\n", -1);
    size_t num = 0, den = 0;
    for (char **l = lines + 1; *l && **l; l++) {
        num += g_str_has_prefix(*l, "numerator,");
        den += g_str_has_prefix(*l, "denominator,");
    }
    /* a record with a WSoA is on two rows, once in each role */
    assert_int_equal((double)num, sp_figures_get(f, "wsoa.share")->numerator);
    assert_int_equal((double)den, sp_figures_get(f, "wsoa.share")->denominator);
    g_strfreev(lines);
    g_free(csv);
    char *json = sp_explanation_json(e);
    assert_non_null(strstr(json, "\"role\": \"numerator\""));
    assert_non_null(strstr(json, "\"id\": \"wsoa.share\""));
    g_free(json);
    sp_explanation_free(e);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

static void globs_and_suggestions(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *f = sp_figures_compute(ds, 0, 0);
    size_t n;
    const char **m = sp_explain_match(f, "region.*.wsoa.share", &n);
    assert_int_equal(n, f->n_regions);
    for (size_t i = 0; i < n; i++)
        assert_true(g_str_has_suffix(m[i], ".wsoa.share"));
    g_free(m);
    const char **s = sp_explain_suggest(f, "wsoa.shar", 3);
    assert_string_equal(s[0], "wsoa.share");
    g_free(s);
    assert_null(sp_explain(f, "wsoa.shar", false));
    sp_figures_free(f);
    sp_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_figure_adds_up),
        cmocka_unit_test(share_rows_are_the_records_counted),
        cmocka_unit_test(lean_table_explains_the_same),
        cmocka_unit_test(csv_has_a_row_per_role),
        cmocka_unit_test(globs_and_suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
