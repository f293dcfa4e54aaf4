/* test_figures_stream.c: `sendpack figures` writes the table as it computes
 * it (sp_figures_stream), dropping each per-area figure once written. Its
 * bytes are those of sp_figures_json / sp_figures_csv of the whole table
 * (and of sp_figures_write, which build uses to write the kept table),
 * on the fixtures at two dates and on 4,000 generated areas; a write that
 * fails stops the writing. On the generated areas, each area's place among
 * the revisited areas (areas_fewer, computed from one shared ranking) is
 * the count a plain comparison with every other area gives, and explain
 * lists those areas in area order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "sendpack/explain.h"
#include "sendpack/figures.h"
#include "sendpack/ids_areas.h"
#include "sendpack/load.h"
#include "test_support.h"

enum { AREAS = 4000 };

static bool to_string(const char *text, size_t len, void *data)
{
    g_string_append_len(data, text, (gssize)len);
    return true;
}

/* The streamed text of both formats equals the text of the whole table. */
static void same_as_whole_table(const sp_dataset *ds, sp_date as_at)
{
    sp_figures *f = sp_figures_compute(ds, as_at, 0);
    char *json = sp_figures_json(f), *csv = sp_figures_csv(f);
    GString *sj = g_string_new(NULL), *sc = g_string_new(NULL);
    assert_true(sp_figures_stream(ds, as_at, 0, SP_FIGURES_JSON, to_string, sj));
    assert_true(sp_figures_stream(ds, as_at, 0, SP_FIGURES_CSV, to_string, sc));
    assert_true(sj->len > 64 * 1024); /* more than one piece */
    assert_int_equal(sj->len, strlen(json));
    assert_string_equal(sj->str, json);
    assert_string_equal(sc->str, csv);
    /* and so are those of the kept table written in pieces (build's files) */
    GString *wj = g_string_new(NULL), *wc = g_string_new(NULL);
    assert_true(sp_figures_write(f, SP_FIGURES_JSON, to_string, wj));
    assert_true(sp_figures_write(f, SP_FIGURES_CSV, to_string, wc));
    assert_string_equal(wj->str, json);
    assert_string_equal(wc->str, csv);
    g_string_free(wj, TRUE);
    g_string_free(wc, TRUE);
    g_string_free(sj, TRUE);
    g_string_free(sc, TRUE);
    g_free(json);
    g_free(csv);
    sp_figures_free(f);
}

static sp_dataset *load(sp_inputs *in)
{
    sp_diags d = {0};
    sp_dataset *ds = sp_load(in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_diags_free(&d);
    return ds;
}

static sp_dataset *load_fixtures(void)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, "fixtures", &d);
    sp_diags_free(&d);
    sp_dataset *ds = load(&in);
    sp_inputs_clear(&in);
    return ds;
}

static void fixtures_stream_as_whole(void **state)
{
    (void)state;
    sp_dataset *ds = load_fixtures();
    same_as_whole_table(ds, 0);
    same_as_whole_table(ds, sp_date_make(2021, 3, 31));
    sp_dataset_free(ds);
}

/* An inspections file of AREAS fictional areas (2016 framework), most with
 * a WSoA, many revisited with 0..13 weaknesses without sufficient progress. */
static char *write_areas(const char *dir)
{
    static const char *const REGIONS[] = {"East Midlands", "London", "North West", "South East",
                                          "South West", "West Midlands"};
    GString *s = g_string_new("la_code,area_name,region,inspection_start,inspection_published,"
                              "wsoa_required,weaknesses_identified,revisit_start,revisit_published,"
                              "revisit_outcome,weaknesses_progress_made,weaknesses_progress_not_made\n");
    guint32 r = 20160501;
    for (int i = 0; i < AREAS; i++) {
        r = r * 1103515245u + 12345u;
        unsigned u = (r >> 8) % 1000;
        int month = 1 + (int)(u % 12), w = 2 + (int)(u % 12);
        g_string_append_printf(s, "X06%06d,Area %d,%s,2017-%02d-06,2017-%02d-20,", i + 1, i + 1,
                               REGIONS[u % G_N_ELEMENTS(REGIONS)], month, month);
        if (u < 300) {
            g_string_append(s, "No,,,,,,\n");
        } else if (u < 400) {
            g_string_append_printf(s, "Yes,%d,Not revisited yet,,,,\n", w);
        } else {
            int made = u < 550 ? w : u < 900 ? (int)(u % (unsigned)(w - 1)) + 1 : 0;
            g_string_append_printf(s, "Yes,%d,2019-%02d-04,2019-%02d-25,%s,%d,%d\n", w, month,
                                   month, made == w ? "Yes" : made ? "Some" : "No", made, w - made);
        }
    }
    char *path = g_build_filename(dir, "inspections.csv", NULL);
    assert_true(g_file_set_contents(path, s->str, (gssize)s->len, NULL));
    g_string_free(s, TRUE);
    return path;
}

static void many_areas_stream_as_whole_and_rank(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("sendpack-stream-XXXXXX", NULL);
    assert_non_null(dir);
    char *path = write_areas(dir);
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 2);
    in.inspections[0] = path;
    in.n_inspections = 1;
    sp_dataset *ds = load(&in);
    same_as_whole_table(ds, 0);

    sp_figures *f = sp_figures_compute(ds, 0, 0);
    /* past a megabyte the figures' array is a mapping of its own, grown by
     * mremap (figures.c): this table grows through the move to a mapping
     * and mappings moved; every figure is still found by its id */
    assert_true(f->n * sizeof(sp_figure) > (2u << 20));
    for (size_t i = 0; i < f->n; i++)
        assert_ptr_equal(sp_figures_get(f, f->items[i].id), &f->items[i]);
    const sp_view *v = f->view;
    size_t revisited = 0, checked = 0;
    for (size_t g = 0; g < v->n_areas; g++) {
        const sp_inspection_view *e = v->areas[g].rec2016;
        revisited += e && e->revisit_included && e->rec->progress_not_made >= 0;
    }
    assert_true(revisited > AREAS / 3);
    for (size_t g = 0; g < v->n_areas; g += 7) {
        const sp_inspection_view *me = v->areas[g].rec2016;
        char *id = g_strdup_printf(SP_IDF_AREA_PROGRESS_NOT_MADE_AREAS_FEWER, v->areas[g].key);
        const sp_figure *x = sp_figures_get(f, id);
        if (!me || !me->revisit_included || me->rec->progress_not_made < 0) {
            assert_null(x);
            g_free(id);
            continue;
        }
        assert_non_null(x);
        sp_explanation *ex = sp_explain(f, id, true);
        assert_non_null(ex);
        /* every revisited area with fewer, in area order */
        size_t k = 0;
        for (size_t h = 0; h < v->n_areas; h++) {
            const sp_inspection_view *o = v->areas[h].rec2016;
            if (!o || !o->revisit_included || o->rec->progress_not_made < 0 ||
                o->rec->progress_not_made >= me->rec->progress_not_made)
                continue;
            assert_true(k < ex->n_rows);
            assert_int_equal(ex->rows[k].role, SP_ROLE_VALUE);
            assert_int_equal(ex->rows[k].index, (size_t)(o - v->inspections));
            k++;
        }
        assert_int_equal(ex->n_rows, k);
        assert_true(x->value == (double)k);
        sp_explanation_free(ex);
        /* the others in scope are left out as having as many or more */
        ex = sp_explain(f, id, false);
        assert_int_equal(ex->n_role[SP_ROLE_VALUE], k);
        size_t more = 0;
        for (size_t i = 0; i < ex->n_rows; i++)
            more += ex->rows[i].role == SP_ROLE_EXCLUDED && ex->rows[i].reason &&
                    strstr(ex->rows[i].reason, "or more") != NULL;
        assert_int_equal(more, revisited - k);
        sp_explanation_free(ex);
        checked++;
        g_free(id);
    }
    assert_true(checked > 100);
    sp_figures_free(f);
    sp_dataset_free(ds);
    sp_inputs_clear(&in);
    sp_test_rm_rf(dir);
    g_free(dir);
}

static bool fail_second(const char *text, size_t len, void *data)
{
    (void)text;
    (void)len;
    int *calls = data;
    return ++*calls < 2;
}

static void failed_write_stops(void **state)
{
    (void)state;
    sp_dataset *ds = load_fixtures();
    int calls = 0;
    assert_false(sp_figures_stream(ds, 0, 0, SP_FIGURES_JSON, fail_second, &calls));
    assert_int_equal(calls, 2);
    sp_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixtures_stream_as_whole),
        cmocka_unit_test(many_areas_stream_as_whole_and_rank),
        cmocka_unit_test(failed_write_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
