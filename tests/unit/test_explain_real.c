/* test_explain_real.c: `sendpack explain` on Ofsted's published table in
 * ../shared/data (skipped, exit 77, when it is not there): every figure at
 * the latest date and at 31 March 2021 is explained by rows that add up to
 * it; 82 of 149 areas with a WSoA, and London at 31 March 2021, 6 of 24. */
#include "test_explain_helpers.h"

static char *real_path(void)
{
    const char *shared = getenv("SHARED_DATA");
    return g_build_filename(shared && *shared ? shared : "../shared/data", "ofsted",
                            "area-send-inspections-2016-2022.csv", NULL);
}

static sp_dataset *real(void)
{
    char *path = real_path();
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 1);
    in.inspections[0] = path;
    in.n_inspections = 1;
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    return ds;
}

static void every_figure_adds_up(void **state)
{
    (void)state;
    sp_dataset *ds = real();
    check_two_dates(ds, 300);
    sp_dataset_free(ds);
}

static void published_figures(void **state)
{
    (void)state;
    sp_dataset *ds = real();
    sp_figures *f = sp_figures_compute(ds, 0, 0);
    sp_explanation *e = sp_explain(f, "wsoa.share", false);
    assert_int_equal(e->n_role[SP_ROLE_NUMERATOR], 82);
    assert_int_equal(e->n_role[SP_ROLE_DENOMINATOR], 149);
    sp_explanation_free(e);
    sp_figures_free(f);

    f = sp_figures_compute(ds, sp_date_make(2021, 3, 31), 0);
    e = sp_explain(f, "region.london.wsoa.share", false);
    assert_int_equal(e->n_role[SP_ROLE_NUMERATOR], 6);
    assert_int_equal(e->n_role[SP_ROLE_DENOMINATOR], 24);
    assert_non_null(excluded_with(e, "not in region London"));
    const sp_explain_row *r = excluded_with(e, "inspection published 2021-");
    assert_non_null(r);
    assert_true(g_str_has_suffix(r->reason, ", after the as-at date"));
    sp_explanation_free(e);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

int main(void)
{
    char *path = real_path();
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "skipped: real data not found at %s\n", path);
        g_free(path);
        return 77;
    }
    g_free(path);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_figure_adds_up),
        cmocka_unit_test(published_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
