/* test_view.c: the records as counted at the as-at date (sp_view): each
 * record says whether it is counted and why not, and where it came from;
 * the areas and their interventions are the ones the figures count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"

static sp_dataset *fixtures(void)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, "fixtures", &d);
    sp_dataset *ds = sp_load(&in, &d);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    return ds;
}

static void records_say_if_counted_and_why(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *f = sp_figures_compute(ds, sp_date_make(2021, 3, 31), 0);
    const sp_view *v = f->view;
    assert_non_null(v);
    assert_int_equal(v->n_inspections, ds->n_inspections);
    size_t counted = 0, later = 0, y23 = 0;
    for (size_t i = 0; i < v->n_inspections; i++) {
        const sp_inspection_view *e = &v->inspections[i];
        assert_non_null(e->pos.file);
        assert_true(g_str_has_suffix(e->pos.file, ".csv"));
        assert_true(e->pos.line >= 2);
        if (e->included) {
            assert_int_equal(e->why, SP_WHY_INCLUDED);
            counted += e->rec->framework == SP_FRAMEWORK_2016;
        } else if (e->why == SP_WHY_PUBLISHED_LATER) {
            assert_true(e->rec->published > f->as_at);
            assert_string_equal(sp_why_text(e->why), "published after the as-at date");
            later++;
        }
        y23 += e->rec->framework == SP_FRAMEWORK_2023;
        assert_true(!e->revisit_included || e->has_wsoa);
        assert_true(!(e->revisit_included && e->awaiting_revisit));
    }
    assert_true(later > 0);
    assert_true(y23 > 0);
    /* the figures count what the view includes */
    assert_int_equal((double)counted, sp_figures_value(f, "inspections.count", -1));
    /* 2023 records exist but none is published by 2021: no 2023 figures */
    assert_false(v->has_2023);
    assert_false(f->has_2023);
    sp_figures_free(f);
    sp_dataset_free(ds);
}

static void areas_match_the_figures(void **state)
{
    (void)state;
    sp_dataset *ds = fixtures();
    sp_figures *f = sp_figures_compute(ds, sp_date_make(2024, 3, 31), 0);
    const sp_view *v = f->view;
    assert_int_equal(v->n_areas, f->n_areas);
    size_t with_interventions = 0;
    for (size_t a = 0; a < v->n_areas; a++) {
        const sp_area_view *av = &v->areas[a];
        assert_string_equal(av->key, f->areas[a].slug);
        assert_ptr_equal(sp_view_area(v, av->key), av);
        assert_non_null(av->first);
        assert_true(av->rec2016 || av->rec2023);
        const sp_figure *n = sp_figures_getf(f, "area.%s.interventions.count", av->key);
        assert_non_null(n);
        assert_int_equal((double)av->n_interventions, n->value);
        for (size_t i = 0; i < av->n_interventions; i++)
            assert_true(av->interventions[i]->included);
        with_interventions += av->n_interventions > 0;
    }
    assert_true(with_interventions > 0);
    assert_null(sp_view_area(v, "no-such-area"));
    sp_figures_free(f);
    sp_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_say_if_counted_and_why),
        cmocka_unit_test(areas_match_the_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
