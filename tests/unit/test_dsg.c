/* test_dsg.c: the dedicated schools grant source on the fictional DSG
 * workbooks of fixtures/ (written by fixtures/make-dsg): the loader (year
 * from the titles, publication date, columns by header, the ENGLAND check),
 * the join of old LA codes (code pairs, by name with a warning, unmatched
 * authorities named), the as-at rule (published files only, a later file of
 * the same year replacing an earlier one) and the figures (England, regions
 * adding up to England, areas, change between two years, WSoA medians).
 * Runs from the repository root (CTest's working directory). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/format.h"
#include "sendpack/ids_dsg.h"
#include "sendpack/load.h"
#include "sendpack/revisions.h"

static bool has_warning(const sp_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].level == SP_DIAG_WARNING && strstr(d->items[i].message, needle))
            return true;
    return false;
}

static void print_diags(const sp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *m = sp_diag_format(&d->items[i]);
        fprintf(stderr, "%s\n", m);
        g_free(m);
    }
}

/* The year, its date and rows as the file says, with no problem. */
static void loads_year_date_and_rows(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_dsg(ds, "fixtures/dsg-2023-24.ods", &d), 0);
    print_diags(&d);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_dsg_years, 1);
    const sp_dsg_year *y = &ds->dsg_years[0];
    assert_string_equal(y->fy, "2023-24"); /* from "2023 to 2024", not the file name */
    assert_int_equal(y->fy_start, 2023);
    assert_int_equal(y->published, 20231219); /* "Tuesday, 19 Dec, 2023" */
    assert_true(y->has_after);
    assert_int_equal(ds->n_dsg, 148);
    assert_string_equal(ds->n_inputs ? ds->inputs[0].kind : "", "dsg");
    double sum = 0, after = 0;
    bool pence = false;
    for (size_t i = 0; i < ds->n_dsg; i++) {
        assert_int_equal(strlen(ds->dsg[i].old_la_code), 3);
        sum += ds->dsg[i].high_needs_gbp;
        after += ds->dsg[i].high_needs_after_gbp;
        pence |= ds->dsg[i].high_needs_gbp != floor(ds->dsg[i].high_needs_gbp);
    }
    assert_true(pence); /* long-precision floats kept as stored */
    assert_true(fabs(sum - y->england_gbp) < 0.5);
    assert_true(fabs(after - y->england_after_gbp) < 0.5);
    assert_true(after < sum);
    /* the first authority row comes after the letter and formula rows */
    assert_string_equal(ds->dsg[0].old_la_code, "801");
    assert_int_equal(ds->dsg[0].line, 6);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

static void england_mismatch_is_a_warning_with_both_numbers(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_dsg(ds, "fixtures/dsg/dsg-england-mismatch.ods", &d), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_WARNING), 1);
    double sum = 0;
    for (size_t i = 0; i < ds->n_dsg; i++)
        sum += ds->dsg[i].high_needs_gbp;
    char a[64], b[64], *want;
    sp_fmt_number(sum, a, sizeof a);
    sp_fmt_number(ds->dsg_years[0].england_gbp, b, sizeof b);
    want = g_strdup_printf("add up to %s, the ENGLAND row says %s", a, b);
    if (!has_warning(&d, want)) {
        print_diags(&d);
        fail_msg("no warning \"%s\"", want);
    }
    assert_true(fabs(ds->dsg_years[0].england_gbp - sum - 1000) < 0.01);
    g_free(want);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

/* sp_load on the given files, as the CLI would: areas and inspections too. */
static sp_dataset *load(const char *areas, const char *const *dsg, size_t n, sp_diags *d)
{
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 1);
    in.inspections[0] = g_strdup("fixtures/inspections-2016.csv");
    in.n_inspections = 1;
    in.areas = areas ? g_strdup(areas) : NULL;
    in.dsg = g_new0(char *, n);
    for (size_t i = 0; i < n; i++)
        in.dsg[in.n_dsg++] = g_strdup(dsg[i]);
    sp_dataset *ds = sp_load(&in, d);
    sp_inputs_clear(&in);
    return ds;
}

static void join_by_code_by_name_and_unmatched(void **state)
{
    const char *one[] = {"fixtures/dsg/dsg-unmatched.ods"};
    sp_diags d = {0};
    sp_dataset *ds = load("fixtures/areas.csv", one, 1, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(ds->n_dsg, 4);
    for (size_t i = 0; i < 3; i++) {
        assert_true(*ds->dsg[i].la_code);
        assert_false(ds->dsg[i].joined_by_name);
    }
    assert_string_equal(ds->dsg[3].la_code, "");
    assert_true(has_warning(&d, "Nowhere Fen (old LA code 999) matches no area by code or name"));
    sp_dataset_free(ds);
    sp_diags_free(&d);

    /* no lookup: joined by name, and one warning says so */
    const char *fixture[] = {"fixtures/dsg-2023-24.ods"};
    sp_diags d2 = {0};
    ds = load(NULL, fixture, 1, &d2);
    size_t by_name = 0;
    for (size_t i = 0; i < ds->n_dsg; i++)
        by_name += ds->dsg[i].joined_by_name;
    assert_int_equal(by_name, 148);
    assert_int_equal(sp_diags_count(&d2, SP_DIAG_WARNING), 1);
    assert_true(has_warning(&d2, "148 local authorities joined to areas by name alone"));
    sp_dataset_free(ds);
    sp_diags_free(&d2);
}

static void join_takes_any_code_pairs(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_dsg(ds, "fixtures/dsg/dsg-unmatched.ods", &d), 0);
    /* pairs as a SEN2 file would give them (new_la_code, old_la_code) */
    const sp_code_pair pairs[] = {{"999", "E06000099"}, {"801", "E06000001"}};
    sp_dsg_join(ds, pairs, 2, &d);
    assert_string_equal(ds->dsg[3].la_code, "E06000099");
    assert_string_equal(ds->dsg[0].la_code, "E06000001");
    /* the other two match no pair and no known name: one warning each */
    assert_int_equal(sp_diags_count(&d, SP_DIAG_WARNING), 2);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

static double val(const sp_figures *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static double val(const sp_figures *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *id = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    const sp_figure *x = sp_figures_get(f, id);
    if (!x)
        fail_msg("no figure %s", id);
    double v = x->value;
    g_free(id);
    return v;
}

static double file_total(const sp_dataset *ds, const char *fy)
{
    double s = 0;
    for (size_t i = 0; i < ds->n_dsg; i++)
        if (strcmp(ds->dsg_years[ds->dsg[i].year].fy, fy) == 0)
            s += ds->dsg[i].high_needs_gbp;
    return s;
}

static void figures_add_up(void **state)
{
    const char *both[] = {"fixtures/dsg-2022-23.ods", "fixtures/dsg-2023-24.ods"};
    sp_diags d = {0};
    sp_dataset *ds = load("fixtures/areas.csv", both, 2, &d);
    assert_int_equal(d.n, 0);
    sp_figures *f = sp_figures_compute(ds, 20240331, 0);
    assert_int_equal(f->n_dsg_years, 2);
    assert_string_equal(f->dsg_years[1].slug, "2023-24");
    double t22 = val(f, SP_IDF_DSG_HN_TOTAL, "2022-23"), t23 = val(f, SP_IDF_DSG_HN_TOTAL, "2023-24");
    assert_true(fabs(t23 - file_total(ds, "2023-24")) < 0.01);
    assert_true(fabs(t23 - ds->dsg_years[1].england_gbp) < 0.5); /* the ENGLAND row */
    assert_true(fabs(val(f, SP_IDF_DSG_HN_AFTER, "2023-24") - ds->dsg_years[1].england_after_gbp) < 0.5);
    assert_true(fabs(val(f, SP_IDF_DSG_HN_CHANGE, "2023-24") - (t23 - t22)) < 0.01);
    assert_true(fabs(val(f, SP_IDF_DSG_HN_CHANGE_SHARE, "2023-24") - (t23 - t22) / t22) < 1e-12);
    assert_int_equal((int)val(f, SP_IDF_DSG_AREAS_COUNT, "2023-24"), 148);
    assert_null(sp_figures_getf(f, SP_IDF_DSG_HN_CHANGE, "2022-23")); /* no year before it */
    /* every authority is joined, so the regions add up to England */
    double regions = 0;
    for (size_t r = 0; r < f->n_regions; r++)
        regions += val(f, SP_IDF_REGION_DSG_HN_TOTAL, f->regions[r].slug, "2023-24");
    assert_true(fabs(regions - t23) < 0.01);
    /* an area: its own row of each file */
    const sp_dsg *row = &ds->dsg[ds->n_dsg - 1];
    char *key = g_ascii_strdown(row->la_code, -1);
    assert_true(fabs(val(f, SP_IDF_AREA_DSG_HN_TOTAL, key, "2023-24") - row->high_needs_gbp) < 0.001);
    assert_non_null(sp_figures_getf(f, SP_IDF_AREA_DSG_HN_CHANGE_SHARE, key, "2023-24"));
    assert_non_null(sp_figures_getf(f, SP_IDF_AREA_DSG_HN_TOTAL, key, "latest"));
    g_free(key);
    /* medians of areas with and without a WSoA, between the two years' growth */
    double mw = val(f, SP_IDF_DSG_WSOA_MEDIAN, "2023-24"), mn = val(f, SP_IDF_DSG_NO_WSOA_MEDIAN, "2023-24");
    assert_true(mw > 0.03 && mw < 0.10 && mn > 0.03 && mn < 0.10);
    assert_true(fabs(val(f, SP_ID_DSG_LATEST_TOTAL) - t23) < 0.01);
    sp_figures_free(f);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

/* A file counts once published; of two files of one year, the latest
 * published by the as-at date. */
static void as_at_rule(void **state)
{
    const char *files[] = {"fixtures/dsg-2022-23.ods", "fixtures/dsg-2023-24.ods",
                           "fixtures/dsg/dsg-2023-24-revised.ods"};
    sp_diags d = {0};
    sp_dataset *ds = load("fixtures/areas.csv", files, 3, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    double first = 0, revised = 0;
    for (size_t i = 0; i < ds->n_dsg; i++)
        *(ds->dsg[i].year == 1 ? &first : ds->dsg[i].year == 2 ? &revised : &(double){0}) +=
            ds->dsg[i].high_needs_gbp;
    assert_true(revised > first);

    sp_figures *f = sp_figures_compute(ds, 20230630, 0); /* before either 2023-24 file */
    assert_int_equal(f->n_dsg_years, 1);
    assert_null(sp_figures_getf(f, SP_IDF_DSG_HN_TOTAL, "2023-24"));
    assert_true(fabs(val(f, SP_ID_DSG_LATEST_TOTAL) - file_total(ds, "2022-23")) < 0.01);
    sp_figures_free(f);

    f = sp_figures_compute(ds, 20240131, 0); /* the first 2023-24 file only */
    assert_true(fabs(val(f, SP_IDF_DSG_HN_TOTAL, "2023-24") - first) < 0.01);
    sp_figures_free(f);

    f = sp_figures_compute(ds, 20240331, 0); /* the revised file replaces it */
    assert_true(fabs(val(f, SP_IDF_DSG_HN_TOTAL, "2023-24") - revised) < 0.01);
    size_t superseded = 0;
    for (size_t i = 0; i < f->view->n_dsg; i++)
        superseded += f->view->dsg[i].why == SP_WHY_SUPERSEDED;
    assert_int_equal(superseded, 148);
    sp_figures_free(f);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

/* A change as a share can be negative: a previous publication holding one
 * is still read back as a figures table (revisions). */
static void falling_shares_read_back(void **state)
{
    const char *both[] = {"fixtures/dsg-2022-23.ods", "fixtures/dsg-2023-24.ods"};
    sp_diags d = {0};
    sp_dataset *ds = load("fixtures/areas.csv", both, 2, &d);
    sp_figures *f = sp_figures_compute(ds, 20240331, 0);
    size_t falling = 0;
    for (size_t i = 0; i < f->n; i++)
        falling += g_str_has_suffix(f->items[i].id, ".change_share") && f->items[i].value < 0;
    assert_true(falling > 0);
    char *json = sp_figures_json(f);
    sp_revisions *r = sp_revisions_compare(json, "old.json", json, "new.json", &d);
    if (!r)
        print_diags(&d);
    assert_non_null(r);
    assert_int_equal(r->n_changed, 0);
    sp_revisions_free(r);
    g_free(json);
    sp_figures_free(f);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

static void folder_finds_dsg_files(void **state)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    assert_int_equal(sp_inputs_from_dir(&in, "fixtures", &d), 0);
    assert_int_equal(in.n_dsg, 2);
    assert_true(g_str_has_suffix(in.dsg[0], "dsg-2022-23.ods"));
    assert_int_equal(sp_diags_count(&d, SP_DIAG_WARNING), 0);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_year_date_and_rows),
        cmocka_unit_test(england_mismatch_is_a_warning_with_both_numbers),
        cmocka_unit_test(join_by_code_by_name_and_unmatched),
        cmocka_unit_test(join_takes_any_code_pairs),
        cmocka_unit_test(figures_add_up),
        cmocka_unit_test(as_at_rule),
        cmocka_unit_test(falling_shares_read_back),
        cmocka_unit_test(folder_finds_dsg_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
