/* test_ees.c: the EES tidy-data reader (src/load/ees.c) and the SEN2 loader
 * on small files written here: symbols kept as missing-with-a-reason (never
 * 0), numbers of any precision kept exactly, academic and financial years,
 * one error per bad cell or missing column naming file, line and column,
 * .meta.csv labels, and the join warnings for reorganised areas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../../src/load/ees.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "test_support.h"

#define HEAD "time_period,time_identifier,geographic_level,country_code,country_name,region_code," \
             "region_name,new_la_code,old_la_code,la_name,no_exc_20week_ehc,no_exc_20week_rate,"   \
             "tot_no_exc_ehc,other_indicator\n"

typedef struct {
    char *dir;
} tmp;

static int setup(void **state)
{
    tmp *t = g_new0(tmp, 1);
    t->dir = g_dir_make_tmp("sp-ees-XXXXXX", NULL);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tmp *t = *state;
    sp_test_rm_rf(t->dir);
    g_free(t->dir);
    g_free(t);
    return 0;
}

static char *write_file(tmp *t, const char *name, const char *text)
{
    char *p = g_build_filename(t->dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    return p;
}

/* Every diag as "file:line:col: message" lines, file names cut to their base. */
static char *diags_text(const sp_diags *d)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < d->n; i++) {
        char *m = sp_diag_format(&d->items[i]);
        /* the file's folder ends at the last '/' before the first ':' */
        const char *colon = strchr(m, ':'), *base = m;
        for (const char *p = m; colon && p < colon; p++)
            if (*p == '/')
                base = p + 1;
        g_string_append_printf(s, "%s\n", base);
        g_free(m);
    }
    return g_string_free(s, FALSE);
}

static void test_symbols_are_kept_never_zero(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "sen2.csv", HEAD
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000001,201,A,z,z,z,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000002,202,B,x,x,695,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000003,203,C,c,c,12,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000004,204,D,low,low,LOW,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000005,205,E,u,:,k,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000006,206,F,,,7,1\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(ds->n_sen2, 6);
    const sp_ees_mark within[] = {SP_EES_Z, SP_EES_X, SP_EES_C, SP_EES_LOW, SP_EES_U, SP_EES_BLANK};
    const sp_ees_mark plans[] = {SP_EES_Z, SP_EES_NUMBER, SP_EES_NUMBER, SP_EES_LOW, SP_EES_K,
                                 SP_EES_NUMBER};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(ds->sen2[i].within_20_weeks.mark, within[i]);
        assert_int_equal(ds->sen2[i].new_plans.mark, plans[i]);
        assert_true(ds->sen2[i].within_20_weeks.value == 0); /* not a number: never read */
        assert_int_equal(ds->sen2[i].line, (int)i + 2);
    }
    assert_string_equal(ds->sen2[3].new_plans.text, "LOW"); /* as published */
    assert_string_equal(sp_ees_symbol(ds->sen2[4].rate.mark), ":");
    assert_string_equal(sp_ees_meaning(SP_EES_C), "confidential");
    /* none of them is counted: no share, no area count */
    sp_figures *f = sp_figures_compute(ds, sp_date_make(2022, 6, 30), 0);
    assert_null(sp_figures_get(f, "ehcp.2021.within_20_weeks.share"));
    assert_null(sp_figures_get(f, "ehcp.2021.areas.count"));
    sp_figures_free(f);
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
}

static void test_numbers_load_exactly(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "sen2.csv", HEAD
        "2021,Calendar year,National,E92000001,England,,,,,,34249,61.300000000000,57196,1\n"
        "2022,Calendar year,National,E92000001,England,,,,,,30536, 47.665,62108,1\n"
        "2022,Calendar year,Local authority,E92000001,England,E12000007,London,E09000012,204,"
        "Hackney,145,  54.307,267,1\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 0);
    assert_int_equal(ds->n_sen2, 3);
    assert_string_equal(ds->sen2[0].rate.text, "61.300000000000");
    assert_true(ds->sen2[0].rate.value == 61.3);
    assert_string_equal(ds->sen2[1].rate.text, "47.665");
    assert_true(ds->sen2[1].rate.value == 47.665);
    assert_true(ds->sen2[2].rate.value == 54.307);
    assert_true(ds->sen2[0].within_20_weeks.value == 34249);
    assert_int_equal(ds->sen2[2].level, SP_EES_LOCAL_AUTHORITY);
    assert_string_equal(ds->sen2[2].la_code, "E09000012");
    assert_string_equal(ds->sen2[2].old_la_code, "204");
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
}

/* A reader of another EES source: the schema starts with the geography. */
enum { T_VALUE = EES_FIRST_INDICATOR, T_N };
static const sp_column TEST_COLUMNS[T_N] = {SP_EES_GEOGRAPHY, [T_VALUE] = {"value", SP_COL_REQUIRED}};
static const sp_schema TEST_SCHEMA = {"ees-test", "an EES test table", TEST_COLUMNS, T_N};

/* A code, name and region repeated year after year is held once (the
 * rows of a 170 MB file each held nine strings of their own); a row's
 * values stay its own, as published, and a row dropped for a bad cell
 * leaves the rows around it whole. */
static void test_repeated_text_kept_once(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "sen2.csv", HEAD
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000012,204,"
        "Hackney,145,54.307,267,1\n"
        "2022,Calendar year,Local authority,E92000001,England,E12000007,London,E09000012,204,"
        "Hackney,150,bad,270,1\n"
        "2023,Calendar year,Local authority,E92000001,England,E12000007,London,E09000012,204,"
        "Hackney,160,50.0,320,1\n"
        "2023,Calendar year,Local authority,E92000001,England,E12000007,London,E09000013,205,"
        "Hammersmith and Fulham,160,50.0,320,1\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 1); /* "bad" */
    assert_int_equal(ds->n_sen2, 3);
    const sp_sen2 *a = &ds->sen2[0], *b = &ds->sen2[1], *c = &ds->sen2[2];
    assert_int_equal(b->line, 4);
    assert_string_equal(b->la_name, "Hackney");
    assert_ptr_equal(a->la_code, b->la_code);
    assert_ptr_equal(a->la_name, b->la_name);
    assert_ptr_equal(a->old_la_code, b->old_la_code);
    assert_ptr_equal(a->region_name, c->region_name);
    assert_ptr_equal(b->period, c->period);
    assert_string_equal(c->la_name, "Hammersmith and Fulham");
    assert_string_equal(a->within_20_weeks.text, "145");
    assert_string_equal(b->within_20_weeks.text, "160");
    assert_string_equal(c->within_20_weeks.text, "160");
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
}

static void test_academic_and_financial_years(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "ks4.csv",
        "time_period,time_identifier,geographic_level,country_code,value\n"
        "202122,Academic year,National,E92000001,1.5\n"
        "202122,Financial year,National,E92000001,2\n"
        "2021,Calendar year,National,E92000001,3\n"
        "202123,Academic year,National,E92000001,4\n"
        "21/22,Academic year,National,E92000001,5\n");
    sp_rows r;
    sp_diags d = {0};
    assert_true(sp_ees_open(&r, p, &TEST_SCHEMA, &d));
    sp_ees_period per[5];
    bool ok[5];
    for (int i = 0; i < 5; i++) {
        assert_true(sp_rows_next(&r));
        ok[i] = sp_ees_read_period(&r, &per[i]);
    }
    assert_true(ok[0] && ok[1] && ok[2]);
    assert_false(ok[3] || ok[4]);
    assert_string_equal(per[0].label, "2021/22");
    assert_int_equal(per[0].year, 2021);
    assert_true(per[0].two_years);
    assert_int_equal(per[0].end, sp_date_make(2022, 8, 31));
    assert_int_equal(per[1].end, sp_date_make(2022, 3, 31));
    assert_string_equal(per[2].label, "2021");
    assert_int_equal(per[2].end, sp_date_make(2021, 12, 31));
    sp_rows_close(&r);
    char *text = diags_text(&d);
    assert_non_null(strstr(text, "ks4.csv:5:1: expected a two-year period whose second year "
                                 "follows the first (such as 202122), found \"202123\""));
    assert_non_null(strstr(text, "ks4.csv:6:1: expected a year such as 2021, or 202122 for an "
                                 "academic or financial year, found \"21/22\""));
    g_free(text);
    sp_diags_free(&d);
    g_free(p);
    /* SEN2 counts calendar years: an academic year is an error there */
    p = write_file(t, "sen2.csv", HEAD
        "202122,Academic year,National,E92000001,England,,,,,,1,50,2,1\n");
    sp_dataset *ds = sp_dataset_new();
    d = (sp_diags){0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 1);
    text = diags_text(&d);
    assert_string_equal(text, "sen2.csv:2:1: expected a calendar year (SEN2 counts EHC plans by "
                              "calendar year), found \"202122\"\n");
    g_free(text);
    assert_int_equal(ds->n_sen2, 0);
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
}

static void test_missing_column_and_bad_cells(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "sen2.csv",
        "time_period,time_identifier,geographic_level,new_la_code,no_exc_20week_ehc\n"
        "2021,Calendar year,National,,5\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 1);
    char *text = diags_text(&d);
    assert_string_equal(text,
        "sen2.csv:1:1: missing required column \"tot_no_exc_ehc\"; the header row found has "
        "\"time_period\", \"time_identifier\", \"geographic_level\", \"new_la_code\", "
        "\"no_exc_20week_ehc\"\n");
    g_free(text);
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
    /* bad cells: one error each, with line and column; the other indicators
     * of the file (other_indicator) are not read, so not reported */
    p = write_file(t, "sen2.csv", HEAD
        "2021,Calendar year,National,E92000001,England,,,,,,abc,50,10,whatever\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,,201,A,1,50,2,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000001,201,A,9,50,2,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000002,201,B,2.5,50,3,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000003,201,C,1,50,3,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000007,London,E09000003,201,C,1,50,3,1\n");
    ds = sp_dataset_new();
    d = (sp_diags){0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 5);
    text = diags_text(&d);
    assert_string_equal(text,
        "sen2.csv:2:11: expected a number or an EES symbol (z, x, c, low, u, k or :), found \"abc\"\n"
        "sen2.csv:3:8: expected a new_la_code on a Local authority row, found an empty cell\n"
        "sen2.csv:4:11: expected no_exc_20week_ehc no more than tot_no_exc_ehc (2), found \"9\"\n"
        "sen2.csv:5:11: expected a whole number 0 or more (or an EES symbol), found \"2.5\"\n"
        "sen2.csv:7:1: expected one row per year and area, found 2021 E09000003 again: also on line 6\n");
    g_free(text);
    assert_int_equal(ds->n_sen2, 1); /* the good row only */
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
}

static void test_meta_labels(void **state)
{
    tmp *t = *state;
    char *p = write_file(t, "sen2_mi.csv", HEAD
        "2021,Calendar year,National,E92000001,England,,,,,,1,50,2,1\n");
    char *m = write_file(t, "sen2_mi.meta.csv",
        "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n"
        "no_exc_20week_ehc,Indicator,EHC plans issued within 20 weeks (excluding exceptions),,,0,,\n"
        "tot_no_exc_ehc,Indicator,All new EHC plans (excluding exceptions),,,0,,\n");
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_sen2(ds, p, &d), 0);
    assert_string_equal(ds->sen2_labels[SP_SEN2_COL_WITHIN],
                        "EHC plans issued within 20 weeks (excluding exceptions)");
    assert_string_equal(ds->sen2_labels[SP_SEN2_COL_NEW_PLANS],
                        "All new EHC plans (excluding exceptions)");
    assert_null(ds->sen2_labels[SP_SEN2_COL_RATE]);
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_free(p);
    g_free(m);
}

static void test_reorganised_areas_warn(void **state)
{
    tmp *t = *state;
    char *ins = write_file(t, "inspections.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required\n"
        "E10000002,Buckinghamshire,South East,2022-03-07,2022-05-05,Yes\n"
        "E06000058,\"Bournemouth, Christchurch and Poole\",South West,2021-06-28,2021-08-31,Yes\n");
    char *sen = write_file(t, "sen2.csv", HEAD
        "2019,Calendar year,Local authority,E92000001,England,E12000008,South East,E10000002,825,Buckinghamshire,258,40.0,645,1\n"
        "2018,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000028,837,Bournemouth,145,98.0,148,1\n"
        "2020,Calendar year,Local authority,E92000001,England,E12000008,South East,E06000060,825,Buckinghamshire,420,74.7,562,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000008,South East,E06000060,825,Buckinghamshire,556,82.0,678,1\n"
        "2021,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000058,839,\"Bournemouth, Christchurch and Poole\",123,31.2,394,1\n"
        "2017,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000028,837,Bournemouth,137,100,137,1\n"
        "2015,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000028,837,Bournemouth,92,97.9,94,1\n");
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 1);
    in.inspections[0] = g_strdup(ins);
    in.n_inspections = 1;
    in.sen2 = g_strdup(sen);
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    char *text = diags_text(&d);
    assert_string_equal(text,
        "sen2.csv:3: warning: SEN2 Bournemouth (E06000028), years 2015, 2017 and 2018: "
        "new_la_code matches no area read, so its timeliness is not joined to an inspection\n"
        "sen2.csv:4: warning: SEN2 Buckinghamshire (E06000060), years 2020 to 2021: new_la_code "
        "matches no area read, so its timeliness is not joined to an inspection (old_la_code 825 "
        "is also Buckinghamshire, E10000002: a reorganised area whose code changed)\n");
    g_free(text);
    /* the joined rows make area figures; the others none, but count for England */
    sp_figures *f = sp_figures_compute(ds, sp_date_make(2022, 12, 31), 0);
    assert_non_null(sp_figures_get(f, "area.e10000002.ehcp.2019.within_20_weeks.share"));
    assert_null(sp_figures_get(f, "area.e10000002.ehcp.2020.within_20_weeks.share"));
    assert_non_null(sp_figures_get(f, "area.e06000058.ehcp.2021.within_20_weeks.share"));
    assert_true(sp_figures_value(f, "ehcp.2021.areas.count", -1) == 2);
    sp_figures_free(f);
    sp_dataset_free(ds);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    g_free(ins);
    g_free(sen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_symbols_are_kept_never_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers_load_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_repeated_text_kept_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_academic_and_financial_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_column_and_bad_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meta_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reorganised_areas_warn, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
