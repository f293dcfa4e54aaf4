/* test_sources.c: the two halves of the source registry agree: every data
 * source the loaders read (LOADERS in src/load/inputs.c) has a breakdown
 * that counts it (SOURCES in src/stats/sources.c), under the same name and
 * in the same order, so a source added to one list only fails here instead
 * of loading files nobody counts. And a data folder's files are still told
 * apart through the registry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"

static void loaders_and_breakdowns_list_the_same_sources(void **state)
{
    size_t i = 0;
    for (; sp_load_source(i) || sp_breakdown_source(i); i++) {
        const char *l = sp_load_source(i), *b = sp_breakdown_source(i);
        if (!l || !b || strcmp(l, b) != 0)
            fail_msg("source %zu: loader registry says %s, breakdown registry says %s", i,
                     l ? l : "(none)", b ? b : "(none)");
    }
    assert_true(i >= 4);
    assert_string_equal(sp_load_source(0), "inspections");
}

static void fixtures_folder_fills_every_registered_input(void **state)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    assert_int_equal(sp_inputs_from_dir(&in, "fixtures", &d), 0);
    assert_true(in.n_inspections >= 2);
    assert_non_null(in.funding);
    assert_non_null(in.interventions);
    assert_non_null(in.areas);
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_true(ds->n_inspections > 0 && ds->n_funding > 0 && ds->n_interventions > 0);
    sp_dataset_free(ds);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loaders_and_breakdowns_list_the_same_sources),
        cmocka_unit_test(fixtures_folder_fills_every_registered_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
