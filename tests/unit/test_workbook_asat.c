/* test_workbook_asat.c: the workbook of the real Ofsted table
 * (../shared/data/ofsted/area-send-inspections-2016-2022.csv), recalculated
 * with gnumeric as published and again after the as-at cell inside the file
 * is changed to 31 March 2021. Every live formula must equal the figures
 * table for that date, and the published facts must come out: 115 areas
 * inspected, 59 with a WSoA, London 6 of 24, East of England 9 of 11.
 * Skips (77) when the data file, ssconvert, unzip or zip is missing. */
#include "test_workbook_helpers.h"


/* The recalculated value of the live cell of figure id (via the Figures
 * sheet). */
static double live_value(GHashTable *sheets, const char *id)
{
    const wt_sheet *fig = g_hash_table_lookup(sheets, "Figures");
    size_t cid = wt_figures_col(fig, "Figure id"), clive = wt_figures_col(fig, "Live formula in this workbook");
    for (size_t r = 4; r < fig->rows->len; r++) {
        const char *x = wt_at(fig, r, cid);
        if (!x || strcmp(x, id) != 0)
            continue;
        char *sheet = NULL;
        size_t row, col;
        assert_true(wt_parse_ref(wt_at(fig, r, clive), &sheet, &row, &col));
        const char *v = wt_at(g_hash_table_lookup(sheets, sheet), row, col);
        g_free(sheet);
        assert_non_null(v);
        return g_ascii_strtod(v, NULL);
    }
    fail_msg("no live cell for %s", id);
    return -1;
}

static void test_real_data_as_published(void **state)
{
    (void)state;
    wt_pack p;
    if (!wt_pack_real(&p)) {
        wt_pack_free(&p);
        skip();
    }
    char *path = g_build_filename(tmp, "real.xlsx", NULL);
    char *csv = g_build_filename(tmp, "csv", NULL);
    g_mkdir(csv, 0700);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    GHashTable *sheets = wt_recalc(path, csv);
    assert_non_null(sheets);
    size_t n = wt_compare_live(sheets, p.figs);
    fprintf(stderr, "real data, as published: %zu live formulas equal their figures\n", n);
    assert_true(n > 100);
    assert_int_equal((int)live_value(sheets, "inspections.count"), 149);
    assert_int_equal((int)live_value(sheets, "wsoa.count"), 82);
    g_hash_table_destroy(sheets);
    g_free(csv);
    g_free(path);
    wt_pack_free(&p);
}

static void test_real_data_at_31_march_2021(void **state)
{
    (void)state;
    wt_pack p;
    if (!wt_pack_real(&p)) {
        wt_pack_free(&p);
        skip();
    }
    char *path = g_build_filename(tmp, "real-latest.xlsx", NULL);
    char *moved = g_build_filename(tmp, "real-2021.xlsx", NULL);
    char *work = g_build_filename(tmp, "unz", NULL);
    char *csv = g_build_filename(tmp, "csv2021", NULL);
    g_mkdir(work, 0700);
    g_mkdir(csv, 0700);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    sp_date d = sp_date_make(2021, 3, 31);
    assert_true(wt_set_asat(path, moved, work, d));
    GHashTable *sheets = wt_recalc(moved, csv);
    assert_non_null(sheets);

    sp_figures *then = sp_figures_compute(p.ds, d, 0);
    size_t n = wt_compare_live(sheets, then);
    fprintf(stderr, "real data at 2021-03-31: %zu live formulas equal their figures\n", n);
    assert_true(n > 100);
    /* The published facts (shared/data/README.md). */
    assert_int_equal((int)live_value(sheets, "inspections.count"), 115);
    assert_int_equal((int)live_value(sheets, "wsoa.count"), 59);
    assert_int_equal((int)live_value(sheets, "region.london.wsoa.count"), 6);
    assert_int_equal((int)live_value(sheets, "region.london.inspections.count"), 24);
    assert_int_equal((int)live_value(sheets, "region.east-of-england.wsoa.count"), 9);
    assert_int_equal((int)live_value(sheets, "region.east-of-england.inspections.count"), 11);
    assert_true(fabs(live_value(sheets, "region.london.wsoa.share") - 0.25) < 1e-12);

    sp_figures_free(then);
    g_hash_table_destroy(sheets);
    g_free(csv);
    g_free(work);
    g_free(moved);
    g_free(path);
    wt_pack_free(&p);
}

int main(void)
{
    char *real = wt_real_path();
    if (!g_file_test(real, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "skipping: %s not found\n", real);
        g_free(real);
        return 77;
    }
    g_free(real);
    const char *tools[] = {"ssconvert", "unzip", "zip"};
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++)
        if (!wt_have(tools[i])) {
            fprintf(stderr, "skipping: %s is not installed (scripts/deps lists it)\n", tools[i]);
            return 77;
        }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_data_as_published),
        cmocka_unit_test(test_real_data_at_31_march_2021),
    };
    return cmocka_run_group_tests(tests, wt_setup, wt_teardown);
}
