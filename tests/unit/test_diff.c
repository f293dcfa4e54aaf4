/* test_diff.c: revisions between two figures.json texts: which figures
 * changed, appeared or went, in a stable order, and how they read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sendpack/publish.h"

static const char *OLD_JSON =
    "{\"schema\": \"sendpack.figures/1\", \"as_at\": \"2021-03-31\", \"first_n\": 100, \"figures\": [\n"
    "  {\"id\": \"inspections.count\", \"label\": \"Areas inspected\", \"unit\": \"count\", \"value\": 115},\n"
    "  {\"id\": \"wsoa.share\", \"label\": \"Share with a WSoA\", \"unit\": \"proportion\", \"value\": 0.5130434782608696},\n"
    "  {\"id\": \"funding.total_gbp\", \"label\": \"Funding\", \"unit\": \"gbp\", \"value\": 1170000},\n"
    "  {\"id\": \"as_at\", \"label\": \"As at\", \"unit\": \"date\", \"value\": \"2021-03-31\"},\n"
    "  {\"id\": \"region.gone.wsoa.count\", \"label\": \"Gone, with, commas\", \"unit\": \"count\", \"value\": 3},\n"
    "  {\"id\": \"same\", \"label\": \"Unchanged\", \"unit\": \"count\", \"value\": 7}\n"
    "]}\n";

static const char *NEW_JSON =
    "{\"schema\": \"sendpack.figures/1\", \"as_at\": \"2022-08-31\", \"first_n\": 100, \"figures\": [\n"
    "  {\"id\": \"as_at\", \"label\": \"As at\", \"unit\": \"date\", \"value\": \"2022-08-31\"},\n"
    "  {\"id\": \"inspections.count\", \"label\": \"Areas inspected\", \"unit\": \"count\", \"value\": 149},\n"
    "  {\"id\": \"same\", \"label\": \"Unchanged\", \"unit\": \"count\", \"value\": 7},\n"
    "  {\"id\": \"wsoa.share\", \"label\": \"Share with a WSoA\", \"unit\": \"proportion\", \"value\": 0.5503355704697986},\n"
    "  {\"id\": \"funding.total_gbp\", \"label\": \"Funding\", \"unit\": \"gbp\", \"value\": 1260000},\n"
    "  {\"id\": \"revisits.count\", \"label\": \"Revisits\", \"unit\": \"count\", \"value\": 40}\n"
    "]}\n";

static void test_changed_new_removed_in_order(void **state)
{
    (void)state;
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_compare(OLD_JSON, "old.json", NEW_JSON, "new.json", &d);
    assert_non_null(r);
    assert_int_equal(d.n, 0);
    assert_int_equal(r->n, 6);
    assert_int_equal(r->n_changed, 4);
    assert_int_equal(r->n_new, 1);
    assert_int_equal(r->n_removed, 1);
    assert_int_equal(r->old_as_at, 20210331);
    assert_int_equal(r->new_as_at, 20220831);
    /* changed, in the new file's order; then new; then removed */
    const char *ids[] = {"as_at", "inspections.count", "wsoa.share", "funding.total_gbp",
                         "revisits.count", "region.gone.wsoa.count"};
    sp_revision_kind kinds[] = {SP_REVISION_CHANGED, SP_REVISION_CHANGED, SP_REVISION_CHANGED,
                                SP_REVISION_CHANGED, SP_REVISION_NEW, SP_REVISION_REMOVED};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(r->items[i].id, ids[i]);
        assert_int_equal(r->items[i].kind, kinds[i]);
    }
    assert_int_equal(r->items[0].unit, SP_UNIT_DATE);
    assert_true(r->items[0].old_value == 20210331 && r->items[0].new_value == 20220831);
    assert_true(r->items[1].old_value == 115 && r->items[1].new_value == 149);
    assert_true(isnan(r->items[4].old_value) && r->items[4].new_value == 40);
    assert_true(r->items[5].old_value == 3 && isnan(r->items[5].new_value));
    assert_string_equal(r->items[5].label, "Gone, with, commas");
    sp_revisions_free(r);
}

static void test_identical_publications_have_no_revisions(void **state)
{
    (void)state;
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_compare(NEW_JSON, "a", NEW_JSON, "b", &d);
    assert_non_null(r);
    assert_int_equal(r->n, 0);
    char *csv = sp_revisions_csv(r);
    assert_string_equal(csv, "kind,id,label,unit,old,new,change\r\n");
    g_free(csv);
    sp_revisions_free(r);
}

static void test_csv(void **state)
{
    (void)state;
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_compare(OLD_JSON, "old.json", NEW_JSON, "new.json", &d);
    char *csv = sp_revisions_csv(r);
    assert_string_equal(csv,
        "kind,id,label,unit,old,new,change\r\n"
        "changed,as_at,As at,date,2021-03-31,2022-08-31,\r\n"
        "changed,inspections.count,Areas inspected,count,115,149,34\r\n"
        "changed,wsoa.share,Share with a WSoA,proportion,0.5130434782608696,0.5503355704697986,0.0372920922089\r\n"
        "changed,funding.total_gbp,Funding,gbp,1170000,1260000,90000\r\n"
        "new,revisits.count,Revisits,count,,40,\r\n"
        "removed,region.gone.wsoa.count,\"Gone, with, commas\",count,3,,\r\n");
    g_free(csv);
    sp_revisions_free(r);
}

static void test_reader_text(void **state)
{
    (void)state;
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_compare(OLD_JSON, "old.json", NEW_JSON, "new.json", &d);
    char buf[64];
    assert_string_equal(sp_revision_value_text(SP_UNIT_DATE, r->items[0].new_value, buf, sizeof buf),
                        "31 August 2022");
    assert_string_equal(sp_revision_change_text(&r->items[0], buf, sizeof buf), "");
    assert_string_equal(sp_revision_change_text(&r->items[1], buf, sizeof buf), "+34");
    assert_string_equal(sp_revision_value_text(SP_UNIT_PROPORTION, r->items[2].old_value, buf, sizeof buf), "51%");
    assert_string_equal(sp_revision_change_text(&r->items[2], buf, sizeof buf), "+3.7 percentage points");
    assert_string_equal(sp_revision_value_text(SP_UNIT_GBP, r->items[3].old_value, buf, sizeof buf),
                        "£1.2 million");
    assert_string_equal(sp_revision_change_text(&r->items[3], buf, sizeof buf), "+£90,000");
    assert_string_equal(sp_revision_value_text(SP_UNIT_COUNT, r->items[4].old_value, buf, sizeof buf), "");
    assert_string_equal(sp_revision_value_text(SP_UNIT_COUNT, 1234, buf, sizeof buf), "1,234");
    sp_revision down = {SP_REVISION_CHANGED, "x", "x", SP_UNIT_COUNT, 10, 7};
    assert_string_equal(sp_revision_change_text(&down, buf, sizeof buf), "-3");
    sp_revisions_free(r);
}

static void test_not_a_figures_file(void **state)
{
    (void)state;
    const char *bad[] = {"not json at all", "[1, 2]", "{\"schema\": \"other/1\", \"figures\": []}",
                         "{\"schema\": \"sendpack.figures/1\"}",
                         "{\"schema\": \"sendpack.figures/1\", \"figures\": [{\"label\": \"no id\"}]}"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        sp_diags d = {0};
        sp_revisions *r = sp_revisions_compare(bad[i], "prev/figures.json", NEW_JSON, "new", &d);
        assert_null(r);
        assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
        assert_string_equal(d.items[0].file, "prev/figures.json");
        sp_diags_free(&d);
    }
}

static void test_read_missing_file(void **state)
{
    (void)state;
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_read("/nonexistent/old", "/nonexistent/new/figures.json", &d);
    assert_null(r);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 2);
    assert_non_null(strstr(d.items[0].message, "cannot read"));
    sp_diags_free(&d);
}

/* A figures.json cut short (a full disk, a copy interrupted): the error
 * names the file, line and column of the damage, as every input error
 * does, and says what was wrong; an empty file says it is empty. */
static void test_truncated_figures_file(void **state)
{
    (void)state;
    char *cut = g_strndup(OLD_JSON, 200);
    sp_diags d = {0};
    assert_null(sp_revisions_compare(cut, "prev/figures.json", NEW_JSON, "new", &d));
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    assert_string_equal(d.items[0].file, "prev/figures.json");
    assert_true(d.items[0].line >= 2);
    assert_true(d.items[0].column >= 1);
    assert_null(strstr(d.items[0].message, "<data>"));
    assert_non_null(strstr(d.items[0].message, "not a figures.json file"));
    sp_diags_free(&d);
    g_free(cut);

    assert_null(sp_revisions_compare("", "prev/figures.json", NEW_JSON, "new", &d));
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    assert_non_null(strstr(d.items[0].message, "empty"));
    sp_diags_free(&d);
}

/* `sendpack diff` on a folder that is not a publication: say so, naming
 * the folder, rather than a system error about a file the user never named. */
static void test_read_folder_without_figures(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("sendpack-diff-XXXXXX", NULL);
    sp_diags d = {0};
    assert_null(sp_revisions_read(dir, dir, &d));
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 2);
    assert_string_equal(d.items[0].file, dir);
    assert_non_null(strstr(d.items[0].message, "no figures.json"));
    sp_diags_free(&d);
    g_rmdir(dir);
    g_free(dir);
}


/* A figures.json that is not ours: the first error for this pair, or NULL. */
static char *first_error(const char *figures)
{
    char *json = g_strdup_printf("{\"schema\": \"sendpack.figures/1\", \"as_at\": \"2021-03-31\", "
                                 "\"figures\": [%s]}", figures);
    sp_diags d = {0};
    sp_revisions *r = sp_revisions_compare(NEW_JSON, "old.json", json, "new.json", &d);
    char *msg = d.n ? sp_diag_format(&d.items[0]) : NULL;
    if (r)
        assert_int_equal(d.n, 0);
    else
        assert_true(d.n > 0);
    sp_revisions_free(r);
    sp_diags_free(&d);
    g_free(json);
    return msg;
}

static void expect_error(const char *figures, const char *needle)
{
    char *msg = first_error(figures);
    assert_non_null(msg);
    if (!strstr(msg, needle))
        fail_msg("\"%s\" does not say \"%s\"", msg, needle);
    g_free(msg);
}

static void test_foreign_members_are_errors_naming_them(void **state)
{
    (void)state;
    sp_diags d = {0};
    /* "schema": 100 used to reach strcmp as NULL */
    assert_null(sp_revisions_compare("{\"schema\": 100, \"figures\": []}", "old.json", NEW_JSON,
                                     "new.json", &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "\"schema\": 100"));
    sp_diags_free(&d);
    expect_error("{\"id\": \"a\", \"unit\": 5, \"value\": 1}", "figure 1: \"unit\" is 5, expected text");
    expect_error("{\"id\": 7, \"unit\": \"count\", \"value\": 1}", "figure 1: \"id\" is 7");
    expect_error("{\"id\": \"a\", \"unit\": \"count\", \"label\": [1], \"value\": 1}",
                 "\"label\" is a list");
    expect_error("{\"id\": \"a\", \"unit\": \"kg\", \"value\": 1}", "\"unit\" is \"kg\", expected count");
    expect_error("{\"id\": \"a\", \"unit\": \"count\", \"value\": \"9\"}", "\"value\" is \"9\", expected a number");
    expect_error("3", "figure 1: expected an object, found 3");
    expect_error("{\"unit\": \"count\"}", "figure 1: no \"id\"");
    d = (sp_diags){0};
    assert_null(sp_revisions_compare("{\"schema\": \"sendpack.figures/1\", \"as_at\": 20210331, "
                                     "\"figures\": []}", "old.json", NEW_JSON, "new.json", &d));
    assert_non_null(strstr(d.items[0].message, "\"as_at\" is 20210331, expected text"));
    sp_diags_free(&d);
}

static void test_values_out_of_range_are_errors(void **state)
{
    (void)state;
    /* A proportion moving by millions used to overflow an int (UB) */
    expect_error("{\"id\": \"wsoa.share\", \"unit\": \"proportion\", \"value\": 2100000}",
                 "\"value\" is 2100000, expected a proportion from 0 to 1");
    expect_error("{\"id\": \"wsoa.share\", \"unit\": \"proportion\", \"value\": -0.5}",
                 "expected a proportion from 0 to 1");
    expect_error("{\"id\": \"inspections.count\", \"unit\": \"count\", \"value\": 1e300}",
                 "\"value\" is 1.0000000000000001e+300, expected a number below");
    expect_error("{\"id\": \"funding.total_gbp\", \"unit\": \"gbp\", \"value\": -1e16}",
                 "expected a number below");
    expect_error("{\"id\": \"as_at\", \"unit\": \"date\", \"value\": 5}", "expected a date");
    /* the largest change still reads as percentage points */
    char *ok = first_error("{\"id\": \"wsoa.share\", \"unit\": \"proportion\", \"value\": 1}");
    assert_null(ok);
}

static void test_change_text_never_overflows(void **state)
{
    (void)state;
    char buf[128];
    sp_revision r = {SP_REVISION_CHANGED, "x", "x", SP_UNIT_PROPORTION, 0, 2200000};
    sp_revision_change_text(&r, buf, sizeof buf);
    assert_null(strstr(buf, "-2147"));
    assert_true(strlen(buf) < 40);
    r.new_value = 1e300;
    sp_revision_change_text(&r, buf, sizeof buf);
    assert_true(strlen(buf) < 40);
    r.new_value = 0.25;
    sp_revision_change_text(&r, buf, sizeof buf);
    assert_string_equal(buf, "+25.0 percentage points");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changed_new_removed_in_order),
        cmocka_unit_test(test_identical_publications_have_no_revisions),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_reader_text),
        cmocka_unit_test(test_not_a_figures_file),
        cmocka_unit_test(test_read_missing_file),
        cmocka_unit_test(test_truncated_figures_file),
        cmocka_unit_test(test_read_folder_without_figures),
        cmocka_unit_test(test_foreign_members_are_errors_naming_them),
        cmocka_unit_test(test_values_out_of_range_are_errors),
        cmocka_unit_test(test_change_text_never_overflows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
