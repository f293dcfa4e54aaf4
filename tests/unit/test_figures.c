/* test_figures.c: the figures table on a small hand-built dataset: as-at
 * filtering, shares with Wilson intervals, regions, years, first N, revisits,
 * 2023 outcomes, funding and interventions, and stable JSON. */
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
#include "sendpack/stats.h"
#include "../../src/stats/figures_table.h"

static void add_insp(sp_dataset *ds, const char *code, const char *name, const char *region,
                     sp_date start, sp_date pub, bool wsoa, int weak, sp_date rev_pub,
                     sp_revisit_outcome out, int made, int not_made)
{
    ds->inspections = g_renew(sp_inspection, ds->inspections, ds->n_inspections + 1);
    sp_inspection *in = &ds->inspections[ds->n_inspections++];
    *in = (sp_inspection){0};
    in->framework = SP_FRAMEWORK_2016;
    in->la_code = g_strdup(code);
    in->area_name = g_strdup(name);
    in->region = g_strdup(region);
    in->start = start;
    in->published = pub;
    in->wsoa = wsoa;
    in->weaknesses = weak;
    in->revisit_published = rev_pub;
    in->revisit_start = rev_pub ? rev_pub - 100 : 0;
    in->revisit_outcome = out;
    in->progress_made = made;
    in->progress_not_made = not_made;
    in->priority_actions = -1;
}

static void add_2023(sp_dataset *ds, const char *name, const char *region, sp_date pub, sp_outcome o,
                     int actions)
{
    ds->inspections = g_renew(sp_inspection, ds->inspections, ds->n_inspections + 1);
    sp_inspection *in = &ds->inspections[ds->n_inspections++];
    *in = (sp_inspection){0};
    in->framework = SP_FRAMEWORK_2023;
    in->la_code = g_strdup("");
    in->area_name = g_strdup(name);
    in->region = g_strdup(region);
    in->start = pub - 200;
    in->published = pub;
    in->outcome = o;
    in->priority_action_plan = actions > 0;
    in->priority_actions = actions;
    in->weaknesses = in->progress_made = in->progress_not_made = -1;
}

static sp_dataset *small_dataset(void)
{
    sp_dataset *ds = sp_dataset_new();
    add_insp(ds, "X1", "Ashcombe", "London", 20170101, 20170301, true, 5, 20190301, SP_REVISIT_SOME, 3, 2);
    add_insp(ds, "X2", "Brindle", "London", 20170201, 20170301, false, -1, 0, SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X3", "Cawley", "North East, Yorkshire and the Humber", 20180101, 20180401, true, 8, 20210601,
             SP_REVISIT_NO, 0, 8);
    add_insp(ds, "X4", "Dunmore", "North East, Yorkshire and the Humber", 20190101, 20190301, true, 2, 0,
             SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X5", "Elsby", "London", 20210101, 20210501, false, -1, 0, SP_REVISIT_NONE, -1, -1);
    add_2023(ds, "Fairholt", "London", 20230901, SP_OUTCOME_SYSTEMIC, 3);
    add_2023(ds, "Gorton Vale", "London", 20231001, SP_OUTCOME_POSITIVE, 0);
    ds->funding = g_new0(sp_funding, 3);
    ds->n_funding = 3;
    const char *prog[] = {"SEND advisers", "SEND advisers", "Change programme"};
    const char *rec[] = {"England", "England", "England"};
    double amt[] = {1170000, 2340000, 70000000};
    sp_funding_status st[] = {SP_FUNDING_COMMITTED, SP_FUNDING_OPTIONAL_EXTENSION, SP_FUNDING_ANNOUNCED};
    for (int i = 0; i < 3; i++) {
        ds->funding[i].id = g_strdup_printf("f%d", i);
        ds->funding[i].programme = g_strdup(prog[i]);
        ds->funding[i].description = g_strdup("");
        ds->funding[i].recipient = g_strdup(rec[i]);
        ds->funding[i].amount_gbp = amt[i];
        ds->funding[i].status = st[i];
        ds->funding[i].source = g_strdup("test");
    }
    ds->interventions = g_new0(sp_intervention, 2);
    ds->n_interventions = 2;
    ds->interventions[0] = (sp_intervention){g_strdup("X3"), g_strdup(""), SP_INTERVENTION_COMMISSIONER,
                                             20190101, 0, g_strdup(""), g_strdup(""), NULL, 0};
    ds->interventions[1] = (sp_intervention){g_strdup(""), g_strdup("Ashcombe"), SP_INTERVENTION_ADVISER_SUPPORT,
                                             20230101, 0, g_strdup(""), g_strdup(""), NULL, 0};
    return ds;
}

static double val(const sp_figures *f, const char *id)
{
    const sp_figure *x = sp_figures_get(f, id);
    if (!x)
        fail_msg("missing figure %s", id);
    return x->value;
}

static void test_as_at_filters_publications(void **state)
{
    sp_dataset *ds = small_dataset();
    sp_figures *f = sp_figures_compute(ds, 20210331, 100);
    assert_int_equal(val(f, "inspections.count"), 4); /* Elsby published after */
    assert_int_equal(val(f, "wsoa.count"), 3);
    const sp_figure *s = sp_figures_get(f, "wsoa.share");
    assert_non_null(s);
    assert_true(s->has_ratio && s->has_ci);
    assert_int_equal(s->numerator, 3);
    assert_int_equal(s->denominator, 4);
    assert_true(s->ci_low < 0.75 && s->ci_high > 0.75);
    assert_int_equal(val(f, "region.london.inspections.count"), 2);
    assert_int_equal(val(f, "region.london.wsoa.count"), 1);
    assert_int_equal(val(f, "region.north-east-yorkshire-and-the-humber.wsoa.count"), 2);
    assert_int_equal(f->n_regions, 2);
    assert_string_equal(f->regions[0].name, "London");
    /* revisits: X1 (2019) counted, X3 (June 2021) not yet */
    assert_int_equal(val(f, "revisits.count"), 1);
    assert_int_equal(val(f, "revisits.outcome.some.count"), 1);
    assert_int_equal(val(f, "revisits.outcome.none.count"), 0);
    assert_int_equal(val(f, "revisits.pending.count"), 2);
    assert_int_equal(val(f, "revisits.weaknesses.progress_made"), 3);
    assert_int_equal(val(f, "weaknesses.identified.total"), 15);
    assert_int_equal(val(f, "weaknesses.identified.median"), 5);
    assert_int_equal(val(f, "year.2017.inspections.count"), 2);
    assert_int_equal(val(f, "year.2018.wsoa.count"), 1);
    assert_null(sp_figures_get(f, "year.2021.inspections.count"));
    assert_int_equal(val(f, "month.2017-03.inspections.cumulative"), 2);
    assert_int_equal(val(f, "month.2021-03.wsoa.cumulative"), 3);
    assert_null(sp_figures_get(f, "month.2021-04.wsoa.cumulative"));
    assert_false(f->has_2023);
    assert_null(sp_figures_get(f, "outcome.inspections.count"));
    assert_int_equal(val(f, "as_at"), 20210331);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

static void test_default_as_at_is_latest_publication(void **state)
{
    sp_dataset *ds = small_dataset();
    sp_figures *f = sp_figures_compute(ds, 0, 0);
    assert_int_equal(f->as_at, 20231001);
    assert_int_equal(f->first_n, SP_FIRST_N_DEFAULT);
    assert_int_equal(val(f, "inspections.count"), 5);
    assert_int_equal(val(f, "revisits.count"), 2);
    assert_int_equal(val(f, "revisits.outcome.none.count"), 1);
    assert_true(f->has_2023);
    assert_int_equal(val(f, "outcome.inspections.count"), 2);
    assert_int_equal(val(f, "outcome.systemic.count"), 1);
    assert_float_equal(val(f, "outcome.systemic.share"), 0.5, 1e-12);
    assert_int_equal(val(f, "outcome.priority_actions.total"), 3);
    assert_int_equal(val(f, "region.london.outcome.positive.count"), 1);
    assert_float_equal(val(f, "funding.committed_gbp"), 1170000, 1e-6);
    assert_float_equal(val(f, "funding.optional_gbp"), 2340000, 1e-6);
    assert_float_equal(val(f, "funding.announced_gbp"), 70e6, 1e-6);
    assert_float_equal(val(f, "funding.total_gbp"), 73510000, 1e-6);
    assert_float_equal(val(f, "funding.programme.send-advisers.total_gbp"), 3510000, 1e-6);
    assert_float_equal(val(f, "funding.region.england.total_gbp"), 73510000, 1e-6);
    assert_int_equal(val(f, "interventions.count"), 2);
    assert_int_equal(val(f, "interventions.commissioner.count"), 1);
    assert_int_equal(val(f, "region.north-east-yorkshire-and-the-humber.interventions.commissioner.count"), 1);
    assert_int_equal(val(f, "region.london.interventions.adviser_support.count"), 1);
    /* areas: 5 previous-framework + 2 keyed by name */
    assert_int_equal(f->n_areas, 7);
    assert_int_equal(val(f, "area.x1.weaknesses.identified"), 5);
    assert_int_equal(val(f, "area.x1.interventions.count"), 1);
    assert_int_equal(val(f, "area.x3.weaknesses.progress_not_made"), 8);
    assert_null(sp_figures_get(f, "area.x2.weaknesses.identified"));
    assert_int_equal(val(f, "area.gorton-vale.outcome.published"), 20231001);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

static void test_first_n_orders_by_publication_then_start(void **state)
{
    sp_dataset *ds = small_dataset();
    /* X1 and X2 share a publication date; X1 started first, so N=1 takes X1 (WSoA). */
    sp_figures *f = sp_figures_compute(ds, 0, 1);
    assert_int_equal(val(f, "first_n.inspections.count"), 1);
    assert_int_equal(val(f, "first_n.wsoa.count"), 1);
    sp_figures_free(f);
    f = sp_figures_compute(ds, 0, 3);
    assert_int_equal(val(f, "first_n.wsoa.count"), 2);
    assert_float_equal(val(f, "first_n.wsoa.share"), 2.0 / 3, 1e-12);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

/* Independent Wilson: the bounds are the roots of
 * (1 + z^2/n) p^2 - (2 phat + z^2/n) p + phat^2 = 0. */
static void wilson_quadratic(double k, double n, double z, double *lo, double *hi)
{
    double ph = k / n, a = 1 + z * z / n, b = -(2 * ph + z * z / n), c = ph * ph;
    double disc = sqrt(b * b - 4 * a * c);
    *lo = (-b - disc) / (2 * a);
    *hi = (-b + disc) / (2 * a);
}

static void test_wilson_matches_independent_calculation(void **state)
{
    double cases[][2] = {{59, 115}, {6, 24}, {9, 11}, {0, 10}, {10, 10}, {82, 149}, {1, 1}, {13, 27}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi, elo, ehi;
        sp_wilson(cases[i][0], cases[i][1], SP_WILSON_Z, &lo, &hi);
        wilson_quadratic(cases[i][0], cases[i][1], SP_WILSON_Z, &elo, &ehi);
        assert_float_equal(lo, fmax(0, elo), 1e-9);
        assert_float_equal(hi, fmin(1, ehi), 1e-9);
    }
    /* 59 of 115, as computed by Python statistics.NormalDist (z = inv_cdf(0.975)) */
    double lo, hi;
    sp_wilson(59, 115, SP_WILSON_Z, &lo, &hi);
    assert_float_equal(lo, 0.4227567576757675, 1e-9);
    assert_float_equal(hi, 0.6024869580255549, 1e-9);
}

static void test_json_is_stable_and_well_formed(void **state)
{
    sp_dataset *ds = small_dataset();
    sp_figures *f1 = sp_figures_compute(ds, 20210331, 100);
    sp_figures *f2 = sp_figures_compute(ds, 20210331, 100);
    char *j1 = sp_figures_json(f1), *j2 = sp_figures_json(f2);
    assert_string_equal(j1, j2);
    assert_non_null(strstr(j1, "{\"schema\": \"sendpack.figures/1\", \"as_at\": \"2021-03-31\""));
    assert_non_null(strstr(j1, "{\"id\": \"wsoa.share\", \"label\": \"Share of inspected areas with a written statement of action\", \"unit\": \"proportion\", \"value\": 0.75, \"numerator\": 3, \"denominator\": 4, \"ci95\": ["));
    assert_non_null(strstr(j1, "\"id\": \"as_at\", \"label\": \"As-at date\", \"unit\": \"date\", \"value\": \"2021-03-31\""));
    char *csv = sp_figures_csv(f1);
    assert_true(g_str_has_prefix(csv, "id,label,unit,value,numerator,denominator,ci95_low,ci95_high,definition,source,filter\r\n"));
    assert_non_null(strstr(csv, "\r\nwsoa.count,Areas with a written statement of action,count,3,,,,,"));
    g_free(csv);
    g_free(j1);
    g_free(j2);
    sp_figures_free(f1);
    sp_figures_free(f2);
    sp_dataset_free(ds);
}

static void test_empty_dataset_gives_an_as_at_and_no_counts(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    sp_figures *f = sp_figures_compute(ds, 20210331, 0);
    assert_int_equal(val(f, "inspections.count"), 0);
    assert_null(sp_figures_get(f, "wsoa.share")); /* no denominator, no share */
    assert_int_equal(f->n_regions, 0);
    assert_int_equal(f->n_areas, 0);
    char *j = sp_figures_json(f);
    assert_non_null(strstr(j, "\"as_at\": \"2021-03-31\""));
    g_free(j);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

/* A region spelt two ways (case, spacing, punctuation) is one region, named
 * as first spelt, in both frameworks; each row counts once, in its region. */
static void test_region_spellings_are_one_region(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    add_insp(ds, "X1", "Ashcombe", "North West", 20170101, 20170301, true, 5, 0, SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X2", "Brindle", "north  west", 20170201, 20170301, false, -1, 0, SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X3", "Cawley", "London", 20180101, 20180401, true, 8, 0, SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X4", "Dunmore", "NORTH-WEST", 20190101, 20190301, true, 2, 0, SP_REVISIT_NONE, -1, -1);
    add_insp(ds, "X5", "Elsby", "", 20190101, 20190301, true, 2, 0, SP_REVISIT_NONE, -1, -1);
    add_2023(ds, "Fairholt", "London", 20230901, SP_OUTCOME_SYSTEMIC, 3);
    add_2023(ds, "Gorton Vale", "london", 20231001, SP_OUTCOME_POSITIVE, 0);
    add_2023(ds, "Hebden", "North West", 20231101, SP_OUTCOME_POSITIVE, 0);
    sp_figures *f = sp_figures_compute(ds, 20240331, 100);
    assert_int_equal(f->n_regions, 2);
    assert_string_equal(f->regions[0].name, "London");
    assert_string_equal(f->regions[1].name, "North West");
    assert_int_equal(val(f, "region.north-west.inspections.count"), 3);
    assert_int_equal(val(f, "region.north-west.wsoa.count"), 2);
    assert_int_equal(val(f, "region.london.inspections.count"), 1);
    assert_int_equal(val(f, "inspections.count"), 5); /* Elsby: in no region */
    assert_int_equal(f->n_regions_2023, 2);
    assert_string_equal(f->regions_2023[0].name, "London");
    assert_int_equal(val(f, "region.london.outcome.positive.count"), 1);
    assert_int_equal(val(f, "region.london.outcome.systemic.count"), 1);
    assert_int_equal(val(f, "region.north-west.outcome.positive.count"), 1);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

/* Adding figures by id: each is found again by its id in the order added,
 * and a second add of an id replaces the first in its place (the table
 * looks an id up once per add; the replacing path is never expected but
 * must keep one record per id). */
static void test_add_finds_each_id_and_replaces_a_repeat(void **state)
{
    (void)state;
    sp_figures *f = g_new0(sp_figures, 1);
    enum { N = 5000 };
    for (int i = 0; i < N; i++) {
        char id[32];
        snprintf(id, sizeof id, "area.x%05d.count", i);
        sp_figures_add(f, id, SP_UNIT_COUNT, i, "Label", "Definition.", "Source", "Filter");
    }
    sp_figure *x = sp_figures_add(f, "area.x00007.count", SP_UNIT_COUNT, 99, "Again", "Definition.",
                                  "Source", "Filter");
    assert_int_equal(f->n, N);
    assert_ptr_equal(x, &f->items[7]);
    assert_ptr_equal(sp_figures_get(f, "area.x00007.count"), &f->items[7]);
    assert_float_equal(sp_figures_value(f, "area.x00007.count", -1), 99, 0);
    assert_string_equal(f->items[7].label, "Again");
    for (int i = 0; i < N; i++) {
        char id[32];
        snprintf(id, sizeof id, "area.x%05d.count", i);
        const sp_figure *y = sp_figures_get(f, id);
        assert_ptr_equal(y, &f->items[i]);
        assert_string_equal(y->id, id);
        if (i != 7)
            assert_float_equal(y->value, i, 0);
    }
    sp_figures_add(f, "national.count", SP_UNIT_COUNT, 1, "After", NULL, NULL, NULL);
    assert_int_equal(f->n, N + 1);
    assert_ptr_equal(sp_figures_get(f, "national.count"), &f->items[N]);
    sp_figures_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_spellings_are_one_region),
        cmocka_unit_test(test_as_at_filters_publications),
        cmocka_unit_test(test_default_as_at_is_latest_publication),
        cmocka_unit_test(test_first_n_orders_by_publication_then_start),
        cmocka_unit_test(test_wilson_matches_independent_calculation),
        cmocka_unit_test(test_json_is_stable_and_well_formed),
        cmocka_unit_test(test_empty_dataset_gives_an_as_at_and_no_counts),
        cmocka_unit_test(test_add_finds_each_id_and_replaces_a_repeat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
