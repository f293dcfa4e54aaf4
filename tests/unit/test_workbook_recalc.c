/* test_workbook_recalc.c: the live formulas, checked with a real spreadsheet
 * engine. The workbook of the bundled fixtures is recalculated with gnumeric
 * (ssconvert --recalc) and every formula cell named on the Figures sheet must
 * equal its figure; the cached result stored in the file (what a reader sees
 * before any recalculation) must equal it too; and every formula in the live
 * tables must be one of those cells, so none goes unchecked.
 * Skips (77) when ssconvert or unzip is missing. */
#include "test_workbook_helpers.h"


static const char *const LIVE_SHEETS[] = {"Summary", "Regions", "Years", "Revisits", "Timeline",
                                          "Outcomes 2023", "EHC plans"};

/* Sheet names in workbook order (index + 1 = sheetN.xml). */
static GPtrArray *sheet_names(const char *xlsx)
{
    char *wb = wt_part(xlsx, "xl/workbook.xml");
    assert_non_null(wb);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *p = wb; (p = strstr(p, "<sheet name=\"")); ) {
        p += strlen("<sheet name=\"");
        const char *q = strchr(p, '"');
        g_ptr_array_add(names, g_strndup(p, (size_t)(q - p)));
    }
    g_free(wb);
    return names;
}

static char *sheet_xml(const char *xlsx, GPtrArray *names, const char *sheet)
{
    for (guint i = 0; i < names->len; i++)
        if (strcmp(g_ptr_array_index(names, i), sheet) == 0) {
            char *part = g_strdup_printf("xl/worksheets/sheet%u.xml", i + 1);
            char *xml = wt_part(xlsx, part);
            g_free(part);
            return xml;
        }
    return NULL;
}

/* The cached <v> of a formula cell, as text (caller frees), or NULL. */
static char *cached_value(const char *xml, const char *cell)
{
    char *open = g_strdup_printf("<c r=\"%s\"", cell);
    const char *at = strstr(xml, open);
    g_free(open);
    if (!at)
        return NULL;
    const char *end = strstr(at, "</c>");
    const char *f = strstr(at, "<f");
    const char *v = strstr(at, "<v>");
    if (!end || !f || f > end || !v || v > end)
        return NULL;
    v += 3;
    return g_strndup(v, (size_t)(strstr(v, "</v>") - v));
}

static void test_fixtures_recalculate_to_the_figures(void **state)
{
    (void)state;
    wt_pack p;
    assert_true(wt_pack_fixtures(&p));
    char *path = g_build_filename(tmp, "fixtures.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    char *csv = g_build_filename(tmp, "csv", NULL);
    g_mkdir(csv, 0700);
    GHashTable *sheets = wt_recalc(path, csv);
    assert_non_null(sheets);
    size_t compared = wt_compare_live(sheets, p.figs);
    fprintf(stderr, "fixtures: %zu live formulas equal their figures after recalculation\n", compared);
    assert_true(compared > 200);

    /* Cached results and coverage: every formula in a live table is named
     * on the Figures sheet, and its cached value is the figure's value. */
    GPtrArray *names = sheet_names(path);
    const wt_sheet *fig = g_hash_table_lookup(sheets, "Figures");
    size_t cid = wt_figures_col(fig, "Figure id"), clive = wt_figures_col(fig, "Live formula in this workbook");
    GHashTable *per_sheet = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t s = 0; s < G_N_ELEMENTS(LIVE_SHEETS); s++)
        g_hash_table_insert(per_sheet, (gpointer)LIVE_SHEETS[s], GSIZE_TO_POINTER(0));
    for (size_t r = 4; r < fig->rows->len; r++) {
        const char *id = wt_at(fig, r, cid), *ref = wt_at(fig, r, clive);
        if (!ref || strcmp(ref, "[z]") == 0)
            continue;
        char *sheet = NULL;
        size_t row, col;
        assert_true(wt_parse_ref(ref, &sheet, &row, &col));
        char *xml = sheet_xml(path, names, sheet);
        assert_non_null(xml);
        const char *bang = strrchr(ref, '!');
        char *v = cached_value(xml, bang + 1);
        if (!v)
            fail_msg("%s: %s is not a formula cell with a cached value", id, ref);
        const sp_figure *want = sp_figures_get(p.figs, id);
        assert_non_null(want);
        if (fabs(g_ascii_strtod(v, NULL) - want->value) > 1e-9 * fmax(1, fabs(want->value)))
            fail_msg("%s: cached %s, figure %.12g", id, v, want->value);
        gsize k = GPOINTER_TO_SIZE(g_hash_table_lookup(per_sheet, sheet));
        g_hash_table_insert(per_sheet, (gpointer)g_intern_string(sheet), GSIZE_TO_POINTER(k + 1));
        g_free(v);
        g_free(xml);
        g_free(sheet);
    }
    for (size_t s = 0; s < G_N_ELEMENTS(LIVE_SHEETS); s++) {
        char *xml = sheet_xml(path, names, LIVE_SHEETS[s]);
        assert_non_null(xml);
        size_t formulas = wt_count(xml, "<f>") + wt_count(xml, "<f t=\"array\"");
        gsize named = GPOINTER_TO_SIZE(g_hash_table_lookup(per_sheet, g_intern_string(LIVE_SHEETS[s])));
        if (formulas == 0 || formulas != named)
            fail_msg("%s: %zu formulas, %zu of them named on the Figures sheet", LIVE_SHEETS[s],
                     formulas, (size_t)named);
        g_free(xml);
    }

    /* The derived record columns recalculate to what the file cached. */
    const wt_sheet *rec = g_hash_table_lookup(sheets, "Records");
    size_t yes = 0;
    for (size_t r = 4; r < rec->rows->len; r++)
        yes += wt_at(rec, r, 13) && strcmp(wt_at(rec, r, 13), "Yes") == 0;
    assert_int_equal(yes, (size_t)sp_figures_value(p.figs, "inspections.count", -1));

    g_hash_table_destroy(per_sheet);
    g_ptr_array_free(names, TRUE);
    g_hash_table_destroy(sheets);
    g_free(csv);
    g_free(path);
    wt_pack_free(&p);
}

/* Moving the as-at cell back in the file changes every live figure to what
 * the figures table gives for that date (fixtures: 2019-12-31). */
static void test_fixtures_follow_the_asat_cell(void **state)
{
    (void)state;
    wt_pack p;
    assert_true(wt_pack_fixtures(&p));
    char *path = g_build_filename(tmp, "fixtures-asat.xlsx", NULL);
    char *moved = g_build_filename(tmp, "fixtures-2019.xlsx", NULL);
    char *work = g_build_filename(tmp, "unz", NULL);
    char *csv = g_build_filename(tmp, "csv2019", NULL);
    g_mkdir(work, 0700);
    g_mkdir(csv, 0700);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    sp_date d = sp_date_make(2019, 12, 31);
    assert_true(wt_set_asat(path, moved, work, d));
    GHashTable *sheets = wt_recalc(moved, csv);
    assert_non_null(sheets);
    sp_figures *then = sp_figures_compute(p.ds, d, 0);
    size_t compared = wt_compare_live(sheets, then);
    fprintf(stderr, "fixtures at 2019-12-31: %zu live formulas equal their figures\n", compared);
    assert_true(compared > 100);
    /* and it really moved */
    assert_true(sp_figures_value(then, "inspections.count", 0) <
                sp_figures_value(p.figs, "inspections.count", 0));
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
    const char *tools[] = {"ssconvert", "unzip", "zip"};
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++)
        if (!wt_have(tools[i])) {
            fprintf(stderr, "skipping: %s is not installed (scripts/deps lists it)\n", tools[i]);
            return 77;
        }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures_recalculate_to_the_figures),
        cmocka_unit_test(test_fixtures_follow_the_asat_cell),
    };
    return cmocka_run_group_tests(tests, wt_setup, wt_teardown);
}
