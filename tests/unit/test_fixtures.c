/* test_fixtures.c: the bundled illustrative fixtures (the CSV files in fixtures/, written
 * by bench/make-data) load through the real loader with no error and no
 * warning, and the figures built from them carry what the fixtures promise:
 * the published funding facts, the three special area names verbatim, all
 * outcomes and intervention types. Design choice: assert on what a reader of
 * the default `sendpack build` would see, not on the generator's internals,
 * so counts are checked against the files' own row counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"

#define FORMULA_NAME "=HYPERLINK(\"http://example.invalid\",\"x\")"
#define APOS_NAME "Bishop's Sorrelford"
#define LONG_NAME "Saltern Reach, Bascombe Marsh and the Villages of the Upper Wendle Valley"

typedef struct {
    sp_inputs in;
    sp_diags diags;
    sp_dataset *ds;
} fx;

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    if (sp_inputs_from_dir(&f->in, "fixtures", &f->diags) != 0)
        fprintf(stderr, "sp_inputs_from_dir(fixtures) failed\n");
    f->ds = sp_load(&f->in, &f->diags);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    sp_dataset_free(f->ds);
    sp_inputs_clear(&f->in);
    sp_diags_free(&f->diags);
    g_free(f);
    return 0;
}

/* data rows of a fixture file: lines less the header (no quoted newlines) */
static size_t rows_in(const char *name)
{
    char *path = g_build_filename("fixtures", name, NULL), *text = NULL;
    size_t n = 0;
    if (g_file_get_contents(path, &text, NULL, NULL))
        for (const char *p = text; *p; p++)
            n += *p == '\n';
    g_free(path);
    g_free(text);
    return n ? n - 1 : 0;
}

static void test_every_file_found(void **state)
{
    fx *f = *state;
    assert_int_equal(f->in.n_inspections, 2); /* inspections-2016.csv, inspections-2023.csv */
    assert_non_null(f->in.funding);
    assert_non_null(f->in.interventions);
    assert_non_null(f->in.areas);
    assert_non_null(f->in.sen2); /* sen2.csv, recognised by its EES header */
    assert_int_equal(f->in.n_dsg, 2); /* dsg-2022-23.ods, dsg-2023-24.ods */
    assert_int_equal(f->ds->n_inputs, 8);
    assert_int_equal(f->ds->n_dsg_years, 2);
    /* every DSG row joins to a fixture area through areas.csv's old codes */
    for (size_t i = 0; i < f->ds->n_dsg; i++)
        assert_false(f->ds->dsg[i].joined_by_name || !*f->ds->dsg[i].la_code);
}

static void test_no_error_no_warning(void **state)
{
    fx *f = *state;
    for (size_t i = 0; i < f->diags.n; i++) {
        char *m = sp_diag_format(&f->diags.items[i]);
        fprintf(stderr, "%s\n", m);
        g_free(m);
    }
    assert_int_equal(f->diags.n, 0);
}

static void test_row_counts(void **state)
{
    fx *f = *state;
    size_t n16 = 0, n23 = 0;
    for (size_t i = 0; i < f->ds->n_inspections; i++)
        f->ds->inspections[i].framework == SP_FRAMEWORK_2016 ? n16++ : n23++;
    assert_true(rows_in("inspections-2016.csv") >= 140);
    assert_int_equal(n16, rows_in("inspections-2016.csv"));
    assert_int_equal(n23, rows_in("inspections-2023.csv"));
    assert_int_equal(f->ds->n_areas, rows_in("areas.csv"));
    assert_int_equal(f->ds->n_funding, rows_in("funding.csv"));
    assert_int_equal(f->ds->n_interventions, rows_in("interventions.csv"));
}

static const sp_inspection *find(const sp_dataset *ds, sp_framework fw, const char *name)
{
    for (size_t i = 0; i < ds->n_inspections; i++)
        if (ds->inspections[i].framework == fw && strcmp(ds->inspections[i].area_name, name) == 0)
            return &ds->inspections[i];
    return NULL;
}

static void test_special_names_verbatim(void **state)
{
    fx *f = *state;
    const sp_inspection *x = find(f->ds, SP_FRAMEWORK_2016, FORMULA_NAME);
    assert_non_null(x);
    assert_true(x->wsoa);
    assert_int_equal(x->revisit_outcome, SP_REVISIT_SOME);
    assert_non_null(find(f->ds, SP_FRAMEWORK_2023, FORMULA_NAME));
    assert_non_null(find(f->ds, SP_FRAMEWORK_2016, APOS_NAME));
    assert_non_null(find(f->ds, SP_FRAMEWORK_2016, LONG_NAME));
    assert_non_null(find(f->ds, SP_FRAMEWORK_2023, LONG_NAME));
    bool in_areas = false;
    for (size_t i = 0; i < f->ds->n_areas; i++)
        in_areas |= strcmp(f->ds->areas[i].name, FORMULA_NAME) == 0;
    assert_true(in_areas);
}

static void test_previous_framework_is_consistent(void **state)
{
    fx *f = *state;
    int outcomes[4] = {0}, not_revisited = 0;
    for (size_t i = 0; i < f->ds->n_inspections; i++) {
        const sp_inspection *x = &f->ds->inspections[i];
        if (x->framework != SP_FRAMEWORK_2016)
            continue;
        assert_int_equal(x->la_code[0], 'X');
        assert_true(x->published > x->start);
        if (!x->wsoa)
            continue;
        assert_in_range(x->weaknesses, 2, 13);
        outcomes[x->revisit_outcome]++;
        if (x->revisit_outcome == SP_REVISIT_NONE) {
            assert_int_equal(x->revisit_start, 0);
            not_revisited++;
        } else {
            assert_int_equal(x->progress_made + x->progress_not_made, x->weaknesses);
            assert_true(x->revisit_published > x->published);
        }
    }
    assert_true(outcomes[SP_REVISIT_ALL] > 0);
    assert_true(outcomes[SP_REVISIT_SOME] > 0);
    assert_true(outcomes[SP_REVISIT_NO] > 0);
    assert_true(not_revisited > 0);
}

static void test_2023_and_interventions_cover_every_kind(void **state)
{
    fx *f = *state;
    int outcomes[4] = {0}, types[SP_INTERVENTION_N] = {0};
    for (size_t i = 0; i < f->ds->n_inspections; i++) {
        const sp_inspection *x = &f->ds->inspections[i];
        if (x->framework != SP_FRAMEWORK_2023)
            continue;
        outcomes[x->outcome]++;
        assert_in_range(x->priority_actions, 0, 5);
        assert_int_equal(x->priority_action_plan, x->priority_actions > 0);
        assert_in_range(SP_DATE_YEAR(x->start), 2023, 2024);
    }
    assert_int_equal(outcomes[SP_OUTCOME_NONE], 0);
    assert_true(outcomes[SP_OUTCOME_POSITIVE] && outcomes[SP_OUTCOME_INCONSISTENT] && outcomes[SP_OUTCOME_SYSTEMIC]);
    for (size_t i = 0; i < f->ds->n_interventions; i++)
        types[f->ds->interventions[i].type]++;
    for (int t = 0; t < SP_INTERVENTION_N; t++)
        assert_true(types[t] > 0);
}

static const sp_funding *line(const sp_dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->n_funding; i++)
        if (strcmp(ds->funding[i].id, id) == 0)
            return &ds->funding[i];
    return NULL;
}

static void test_published_funding_facts(void **state)
{
    fx *f = *state;
    const sp_funding *l = line(f->ds, "send-advisers-initial");
    assert_non_null(l); /* 13 SEND advisers, £90,000 a year, 12 months */
    assert_true(l->unit_count == 13 && l->unit_value_gbp == 90000 && l->amount_gbp == 1170000);
    assert_int_equal(l->status, SP_FUNDING_COMMITTED);
    l = line(f->ds, "send-advisers-extension"); /* option: 24 more months */
    assert_non_null(l);
    assert_true(l->unit_count == 13 && l->amount_gbp == 2340000);
    assert_int_equal(l->status, SP_FUNDING_OPTIONAL_EXTENSION);
    l = line(f->ds, "safety-valve-financial-advisers"); /* 6 x £16,000 */
    assert_non_null(l);
    assert_true(l->amount_gbp == 96000);
    assert_int_equal(l->status, SP_FUNDING_COMMITTED);
    l = line(f->ds, "change-programme-pilot"); /* £70 million, announced */
    assert_non_null(l);
    assert_true(l->amount_gbp == 70000000);
    assert_int_equal(l->status, SP_FUNDING_ANNOUNCED);
    assert_string_equal(l->recipient, "England");
}

static void test_figures_from_fixtures(void **state)
{
    fx *f = *state;
    sp_figures *figs = sp_figures_compute(f->ds, 0, 0);
    assert_true(sp_figures_value(figs, "inspections.count", -1) == (double)rows_in("inspections-2016.csv"));
    double share = sp_figures_value(figs, "wsoa.share", -1);
    assert_true(share > 0.4 && share < 0.6); /* "about half" */
    assert_true(sp_figures_value(figs, "outcome.inspections.count", -1) == (double)rows_in("inspections-2023.csv"));
    assert_true(sp_figures_value(figs, "interventions.count", -1) == (double)rows_in("interventions.csv"));
    assert_true(sp_figures_value(figs, "funding.optional_gbp", -1) == 2340000);
    assert_true(figs->n_regions == 8);
    assert_true(figs->has_2023);
    sp_figures_free(figs);
}

int main(void)
{
    if (!g_file_test("fixtures/areas.csv", G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "fixtures/areas.csv not found: run from the repository root\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_file_found),
        cmocka_unit_test(test_no_error_no_warning),
        cmocka_unit_test(test_row_counts),
        cmocka_unit_test(test_special_names_verbatim),
        cmocka_unit_test(test_previous_framework_is_consistent),
        cmocka_unit_test(test_2023_and_interventions_cover_every_kind),
        cmocka_unit_test(test_published_funding_facts),
        cmocka_unit_test(test_figures_from_fixtures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
