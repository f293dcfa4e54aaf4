/* test_sen2_figures.c: the SEN2 figures (ids_sen2.h) on a small dataset
 * written here: England from its National row, regions as sums of their
 * local authorities (Ofsted's North East, Yorkshire and the Humber joins two
 * DfE regions), the count of local authorities and of those under one half,
 * the as-at rule by calendar year, the prior-year medians beside WSoA
 * outcomes, and every figure explained by rows that add up to it. */
#include "test_explain_helpers.h"
#include "test_support.h"

#include "sendpack/ids_sen2.h"

#define HEAD "time_period,time_identifier,geographic_level,country_code,country_name,region_code," \
             "region_name,new_la_code,old_la_code,la_name,no_exc_20week_ehc,no_exc_20week_rate,"   \
             "tot_no_exc_ehc\n"
#define LA(y, reg, code, name, w, n) \
    #y ",Calendar year,Local authority,E92000001,England,E1,\"" reg "\"," code ",1,\"" name "\"," #w ",," #n "\n"

typedef struct {
    char *dir;
    sp_dataset *ds;
} fx;

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = g_dir_make_tmp("sp-sen2-XXXXXX", NULL);
    char *ins = g_build_filename(f->dir, "inspections.csv", NULL);
    char *sen = g_build_filename(f->dir, "sen2.csv", NULL);
    assert_true(g_file_set_contents(ins,
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,weaknesses_identified\n"
        "E08000001,Aville,North West,2019-03-04,2019-05-01,Yes,4\n"
        "E08000002,Bville,North West,2019-06-03,2019-08-01,Yes,3\n"
        "E08000003,Cville,\"North East, Yorkshire and the Humber\",2020-01-06,2020-03-01,No,\n"
        "E08000004,Dville,\"North East, Yorkshire and the Humber\",2020-01-13,2020-03-05,No,\n", -1, NULL));
    assert_true(g_file_set_contents(sen, HEAD
        "2018,Calendar year,National,E92000001,England,,,,,,600,60.0,1000\n"
        LA(2018, "North West", "E08000001", "Aville", 30, 100)
        LA(2018, "North West", "E08000002", "Bville", 60, 100)
        LA(2018, "North East", "E08000003", "Cville", 90, 100)
        LA(2018, "Yorkshire and The Humber", "E08000004", "Dville", 10, 20)
        LA(2018, "Yorkshire and The Humber", "E08000005", "Eville", x, x)
        "2019,Calendar year,National,E92000001,England,,,,,,450,50.0,900\n"
        LA(2019, "North West", "E08000001", "Aville", 40, 100)
        LA(2019, "North West", "E08000002", "Bville", 45, 100)
        LA(2019, "North East", "E08000003", "Cville", 80, 100)
        LA(2019, "Yorkshire and The Humber", "E08000004", "Dville", 0, 0)
        LA(2019, "Yorkshire and The Humber", "E08000005", "Eville", c, 50),
        -1, NULL));
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 1);
    in.inspections[0] = ins;
    in.n_inspections = 1;
    in.sen2 = sen;
    sp_diags d = {0};
    f->ds = sp_load(&in, &d);
    /* one warning: Eville's code is no inspected area's */
    if (sp_diags_count(&d, SP_DIAG_ERROR) || sp_diags_count(&d, SP_DIAG_WARNING) != 1) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        fail();
    }
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    sp_dataset_free(f->ds);
    sp_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static void test_england_regions_and_areas(void **state)
{
    fx *f = *state;
    sp_figures *fg = sp_figures_compute(f->ds, sp_date_make(2020, 6, 30), 0);
    const sp_figure *x = sp_figures_getf(fg, SP_IDF_EHCP_SHARE, 2018);
    assert_non_null(x);
    assert_true(x->has_ratio && x->has_ci);
    assert_true(x->numerator == 600 && x->denominator == 1000 && x->value == 0.6);
    assert_true(x->ci_low < 0.6 && x->ci_high > 0.6);
    assert_true(sp_figures_value(fg, "ehcp.2018.within_20_weeks.count", -1) == 600);
    assert_true(sp_figures_value(fg, "ehcp.2018.new_plans.count", -1) == 1000);
    /* Eville's x row is not an area with plans; Dville had none in 2019 and
     * Eville's 2019 within count is confidential */
    assert_true(sp_figures_value(fg, "ehcp.2018.areas.count", -1) == 4);
    assert_true(sp_figures_value(fg, "ehcp.2018.areas.under_50pct.count", -1) == 1); /* 30% */
    assert_true(sp_figures_value(fg, "ehcp.2019.areas.count", -1) == 3);
    assert_true(sp_figures_value(fg, "ehcp.2019.areas.under_50pct.count", -1) == 2); /* 40%, 45% */
    /* median and hinges of 0.3, 0.5, 0.6, 0.9 */
    assert_true(fabs(sp_figures_value(fg, "ehcp.2018.areas.median", -1) - 0.55) < 1e-12);
    assert_true(fabs(sp_figures_value(fg, "ehcp.2018.areas.q1", -1) - 0.4) < 1e-12);
    assert_true(fabs(sp_figures_value(fg, "ehcp.2018.areas.q3", -1) - 0.75) < 1e-12);
    /* regions: sums of local authorities; North East and Yorkshire together */
    x = sp_figures_get(fg, "region.north-east-yorkshire-and-the-humber.ehcp.2018.within_20_weeks.share");
    assert_non_null(x);
    assert_true(x->numerator == 100 && x->denominator == 120);
    x = sp_figures_get(fg, "region.north-west.ehcp.2019.within_20_weeks.share");
    assert_true(x->numerator == 85 && x->denominator == 200);
    /* areas, joined by code */
    x = sp_figures_get(fg, "area.e08000001.ehcp.2019.within_20_weeks.share");
    assert_true(x && x->numerator == 40 && x->denominator == 100);
    assert_null(sp_figures_get(fg, "area.e08000004.ehcp.2019.within_20_weeks.share"));
    assert_true(sp_figures_value(fg, SP_ID_EHCP_LATEST_SHARE, -1) == 0.5);
    assert_true(sp_figures_value(fg, SP_ID_EHCP_LATEST_YEAR_END, -1) == sp_date_make(2019, 12, 31));
    assert_true(sp_figures_value(fg, SP_ID_EHCP_PREVIOUS_SHARE, -1) == 0.6);
    sp_figures_free(fg);
}

static void test_a_year_counts_once_it_has_ended(void **state)
{
    fx *f = *state;
    sp_figures *fg = sp_figures_compute(f->ds, sp_date_make(2019, 12, 30), 0);
    assert_non_null(sp_figures_get(fg, "ehcp.2018.within_20_weeks.share"));
    assert_null(sp_figures_get(fg, "ehcp.2019.within_20_weeks.share"));
    assert_true(sp_figures_value(fg, SP_ID_EHCP_LATEST_SHARE, -1) == 0.6);
    assert_true(strstr(sp_figures_get(fg, "ehcp.2018.within_20_weeks.share")->definition,
                       "once it has ended on or before the as-at date") != NULL);
    sp_explanation *e = sp_explain(fg, "ehcp.2018.areas.count", false);
    assert_non_null(e);
    sp_figures_free(fg);
    sp_explanation_free(e);
    fg = sp_figures_compute(f->ds, sp_date_make(2019, 12, 31), 0);
    assert_non_null(sp_figures_get(fg, "ehcp.2019.within_20_weeks.share"));
    sp_figures_free(fg);
}

static void test_prior_year_medians(void **state)
{
    fx *f = *state;
    sp_figures *fg = sp_figures_compute(f->ds, sp_date_make(2020, 6, 30), 0);
    /* WSoA areas published 2019: their 2018 shares 30% and 60% */
    assert_true(fabs(sp_figures_value(fg, SP_ID_WSOA_EHCP_PRIOR_MEDIAN, -1) - 0.45) < 1e-12);
    assert_true(sp_figures_value(fg, SP_ID_WSOA_EHCP_PRIOR_COUNT, -1) == 2);
    /* the others published 2020: 2019 shares, Cville 80%; Dville had no plans */
    assert_true(fabs(sp_figures_value(fg, SP_ID_NO_WSOA_EHCP_PRIOR_MEDIAN, -1) - 0.8) < 1e-12);
    assert_true(sp_figures_value(fg, SP_ID_NO_WSOA_EHCP_PRIOR_COUNT, -1) == 1);
    sp_figures_free(fg);
}

static void test_every_figure_is_explained(void **state)
{
    fx *f = *state;
    sp_figures *fg = sp_figures_compute(f->ds, sp_date_make(2020, 6, 30), 0);
    assert_true(check_every_figure(fg) > 30);
    /* the x row is listed as left out of the 2018 area count, with why */
    sp_explanation *e = sp_explain(fg, "ehcp.2018.areas.count", false);
    const sp_explain_row *r = excluded_with(e, "a count is missing");
    assert_non_null(r);
    assert_string_equal(r->name, "Eville");
    sp_explanation_free(e);
    sp_figures_free(fg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_england_regions_and_areas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_year_counts_once_it_has_ended, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prior_year_medians, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_figure_is_explained, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
