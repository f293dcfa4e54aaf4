/* test_workbook.c: the workbook's structure as a user's spreadsheet program
 * sees it (sheets, one table per table sheet, the AsAt name, properties, alt
 * text), formula-injection safety, over-long text, byte-identical output,
 * and write failures. Reads the zip with unzip; recalculation is tested in
 * test_workbook_recalc.c and test_workbook_asat.c. */
#include "test_workbook_helpers.h"

#include "sendpack/chart.h"


static char *write_fixtures(const char *name, wt_pack *p)
{
    assert_true(wt_pack_fixtures(p));
    char *path = g_build_filename(tmp, name, NULL);
    assert_int_equal(sp_workbook_write(&p->ctx, path, &p->diags), 0);
    assert_int_equal(sp_diags_count(&p->diags, SP_DIAG_ERROR), 0);
    return path;
}

static const char *const TABLE_SHEETS[] = {
    "Contents", "Notes", "Summary", "Regions", "Years", "Revisits", "Timeline", "Outcomes 2023",
    "Records", "Records 2023", "Funding", "High needs", "High needs records", "Interventions",
    "EHC plans", "Records SEN2", "Figures"};

static void test_sheets_and_tables(void **state)
{
    (void)state;
    wt_pack p;
    char *path = write_fixtures("structure.xlsx", &p);
    char *wb = wt_part(path, "xl/workbook.xml");
    assert_non_null(wb);
    /* Every sheet, in reading order. */
    const char *order[] = {"Cover", "Contents", "Notes", "Summary", "Regions", "Years",
                           "Revisits", "Timeline", "Outcomes 2023", "Charts", "Records",
                           "Records 2023", "Funding", "High needs", "High needs records",
                           "Interventions", "EHC plans", "Records SEN2", "Figures"};
    const char *pos = wb;
    for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
        char *needle = g_strdup_printf("<sheet name=\"%s\" sheetId=\"%zu\"", order[i], i + 1);
        const char *at = strstr(pos, needle);
        if (!at)
            fail_msg("workbook.xml lacks %s in position %zu", needle, i + 1);
        pos = at;
        g_free(needle);
    }
    assert_int_equal(wt_count(wb, "<sheet name="), G_N_ELEMENTS(order));
    /* The as-at cell is one named cell on the Cover sheet. */
    assert_non_null(strstr(wb, "<definedName name=\"AsAt\">Cover!$A$"));
    assert_non_null(strstr(wb, "<definedName name=\"rec_included\">Records!$N$5:$N$"));
    /* Records rows say where they come from, as `sendpack explain` cites them. */
    char *sst_src = wt_part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(sst_src, ">Source (file and line)<"));
    assert_non_null(strstr(sst_src, ">inspections-2016.csv:2<"));
    assert_non_null(strstr(sst_src, ">inspections-2023.csv:2<"));
    g_free(sst_src);

    /* One table part per table sheet, none on Cover and Charts. */
    for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
        char *part = g_strdup_printf("xl/worksheets/sheet%zu.xml", i + 1);
        char *xml = wt_part(path, part);
        assert_non_null(xml);
        bool table_sheet = false;
        for (size_t k = 0; k < G_N_ELEMENTS(TABLE_SHEETS); k++)
            table_sheet |= strcmp(order[i], TABLE_SHEETS[k]) == 0;
        size_t parts = wt_count(xml, "<tablePart ");
        if (parts != (table_sheet ? 1u : 0u))
            fail_msg("%s has %zu table parts", order[i], parts);
        assert_null(strstr(xml, "<mergeCell"));
        if (table_sheet) {
            /* header row frozen under the title block */
            assert_non_null(strstr(xml, "<pane ySplit=\"4\" topLeftCell=\"A5\""));
            assert_non_null(strstr(xml, "<c r=\"A1\" s=")); /* title in A1 */
            assert_non_null(strstr(xml, "<c r=\"A2\" s=")); /* line about the table */
        }
        g_free(xml);
        g_free(part);
    }
    char *listing = wt_run(NULL, (const char *const[]){"unzip", "-Z1", path, NULL});
    assert_non_null(listing);
    assert_int_equal(wt_count(listing, "xl/tables/table"), G_N_ELEMENTS(TABLE_SHEETS));
    assert_int_equal(wt_count(listing, "xl/charts/chart"), 2);

    /* Table headers: one row, the first column of the Summary table. */
    char *t = wt_part(path, "xl/tables/table3.xml");
    assert_non_null(strstr(t, "name=\"Summary\""));
    assert_non_null(strstr(t, "ref=\"A4:C"));
    assert_non_null(strstr(t, "<tableColumn id=\"1\" name=\"Measure\"/>"));
    g_free(t);

    /* Document properties. */
    char *core = wt_part(path, "docProps/core.xml");
    assert_non_null(strstr(core, "<dc:title>Area SEND inspections: briefing: data tables</dc:title>"));
    assert_non_null(strstr(core, "<dc:subject>Area SEND inspections and revisits in England, as at "));
    assert_non_null(strstr(core, "<cp:keywords>SEND, "));
    assert_non_null(strstr(core, "<dc:creator>sendpack</dc:creator>"));
    char iso[16];
    sp_date_iso(p.figs->as_at, iso, sizeof iso);
    char *created = g_strdup_printf("<dcterms:created xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z", iso);
    assert_non_null(strstr(core, created));
    g_free(created);
    g_free(core);

    /* Charts carry alt text naming their data. */
    char *drawing = wt_part(path, "xl/drawings/drawing1.xml");
    assert_non_null(drawing);
    assert_int_equal(wt_count(drawing, "descr=\""), 2);
    assert_non_null(strstr(drawing, "descr=\"Bar chart of the share"));
    assert_non_null(strstr(drawing, "The numbers are in the Timeline sheet."));
    g_free(drawing);

    /* Illustrative data is said on the cover. */
    char *sst = wt_part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(sst, "Illustrative data: these are not real figures."));
    g_free(sst);

    g_free(listing);
    g_free(wb);
    g_free(path);
    wt_pack_free(&p);
}

/* The part holds text, as XML escapes it; fails naming what is missing. */
static void has_text(const char *part, const char *xml, const char *pre, const char *text,
                     const char *post)
{
    char *esc = g_markup_escape_text(text, -1);
    char *needle = g_strconcat(pre, esc, post, NULL);
    if (!strstr(xml, needle))
        fail_msg("%s lacks %s", part, needle);
    g_free(needle);
    g_free(esc);
}

/* The native charts are the briefing's charts: the same title, subtitle
 * (the line above the chart), alt text and series names, and lines named
 * at their ends rather than by a legend. */
static void test_native_charts_are_the_briefing_charts(void **state)
{
    (void)state;
    wt_pack p;
    char *path = write_fixtures("native_charts.xlsx", &p);
    char *drawing = wt_part(path, "xl/drawings/drawing1.xml");
    char *sst = wt_part(path, "xl/sharedStrings.xml");
    static const char *const ids[] = {"wsoa-by-region", "timeline"};
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
        char *part = g_strdup_printf("xl/charts/chart%zu.xml", i + 1);
        char *xml = wt_part(path, part);
        assert_non_null(xml);
        char *title = sp_chart_title(&p.ctx, ids[i]), *sub = sp_chart_subtitle(&p.ctx, ids[i]);
        char *alt = sp_chart_alt_text(&p.ctx, ids[i]);
        has_text(part, xml, "<a:t>", title, "</a:t>");
        has_text("sharedStrings.xml", sst, ">", sub, "<");
        has_text("drawing1.xml", drawing, "descr=\"", alt, " The numbers are in the ");
        assert_null(strstr(xml, "<c:legend>"));
        g_free(title); g_free(sub); g_free(alt);
        g_free(xml);
        g_free(part);
    }
    char *line = wt_part(path, "xl/charts/chart2.xml");
    assert_non_null(strstr(line, "<c:tx><c:v>inspections</c:v></c:tx>"));
    assert_non_null(strstr(line, "<c:tx><c:v>with a WSoA</c:v></c:tx>"));
    assert_non_null(strstr(line, "<c:showSerName val=\"1\"/>"));
    g_free(line);
    g_free(sst);
    g_free(drawing);
    g_free(path);
    wt_pack_free(&p);
}

/* The contents sheet links to every other sheet. */
static void test_contents_links(void **state)
{
    (void)state;
    wt_pack p;
    char *path = write_fixtures("contents.xlsx", &p);
    char *xml = wt_part(path, "xl/worksheets/sheet2.xml");
    const char *targets[] = {"Cover", "Notes", "Summary", "Regions", "Figures", "Charts",
                             "Outcomes 2023"};
    for (size_t i = 0; i < G_N_ELEMENTS(targets); i++) {
        char *loc = g_strdup_printf("location=\"'%s'!A1\"", targets[i]);
        if (!strstr(xml, loc))
            fail_msg("Contents has no link %s", loc);
        g_free(loc);
    }
    assert_int_equal(wt_count(xml, "<hyperlink "), 18);
    g_free(xml);
    g_free(path);
    wt_pack_free(&p);
}

static void test_text_is_never_a_formula(void **state)
{
    (void)state;
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 40000; i++)
        g_string_append_c(big, (char)('a' + i % 26));
    wt_pack p;
    wt_pack_make(&p, wt_hostile_dataset(big->str), 0);
    char *path = g_build_filename(tmp, "hostile.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    /* The over-long name was cut, with a warning and a visible note. */
    assert_int_equal(sp_diags_count(&p.diags, SP_DIAG_ERROR), 0);
    assert_int_equal(sp_diags_count(&p.diags, SP_DIAG_WARNING), 1);
    assert_non_null(strstr(p.diags.items[0].message, "32767"));

    char *records = wt_part(path, "xl/worksheets/sheet11.xml");
    assert_non_null(records);
    char *sst = wt_part(path, "xl/sharedStrings.xml");
    assert_non_null(sst);
    /* Every area name is a shared string cell (t="s"), never a formula. */
    for (int row = 5; row < 5 + 8; row++) {
        char *cell = g_strdup_printf("<c r=\"B%d\" s=\"", row);
        const char *at = strstr(records, cell);
        if (!at)
            fail_msg("no area name cell B%d", row);
        const char *end = strstr(at, "</c>");
        char *one = g_strndup(at, (size_t)(end - at));
        assert_non_null(strstr(one, "t=\"s\""));
        assert_null(strstr(one, "<f>"));
        g_free(one);
        g_free(cell);
    }
    assert_null(strstr(records, "HYPERLINK"));
    assert_null(strstr(records, "cmd|"));
    assert_non_null(strstr(sst, "<t>=HYPERLINK(\"http://example.invalid\",\"x\")</t>"));
    assert_non_null(strstr(sst, "<t>@SUM(1)</t>"));
    assert_non_null(strstr(sst, "<t>+1+2</t>"));
    assert_non_null(strstr(sst, "[text cut here: longer than the 32,767 characters"));
    /* The region cell is a string too, and the regional formulas compare
     * with it as a value. */
    char *regions = wt_part(path, "xl/worksheets/sheet5.xml");
    assert_null(strstr(regions, "cmd|"));
    assert_non_null(strstr(regions, "<f>SUMPRODUCT((rec_region=$A5)*(rec_included=\"Yes\"))</f>"));
    g_free(regions);
    g_free(sst);
    g_free(records);
    g_free(path);
    g_string_free(big, TRUE);
    wt_pack_free(&p);
}

static char *slurp(const char *path, gsize *len)
{
    char *s = NULL;
    assert_true(g_file_get_contents(path, &s, len, NULL));
    return s;
}

static void test_same_input_same_bytes(void **state)
{
    (void)state;
    wt_pack p;
    char *a = write_fixtures("a.xlsx", &p);
    g_usleep(1100 * 1000); /* a clock-stamped file would differ now */
    char *b = g_build_filename(tmp, "b.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, b, &p.diags), 0);
    gsize la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    g_free(x);
    g_free(y);

    /* SOURCE_DATE_EPOCH sets the created date instead of the as-at date. */
    g_setenv("SOURCE_DATE_EPOCH", "1600000000", TRUE);
    char *c = g_build_filename(tmp, "c.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, c, &p.diags), 0);
    g_unsetenv("SOURCE_DATE_EPOCH");
    char *core = wt_part(c, "docProps/core.xml");
    assert_non_null(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-09-13T12:26:40Z"));
    g_free(core);
    g_free(a);
    g_free(b);
    g_free(c);
    wt_pack_free(&p);
}

static void test_unwritable_path(void **state)
{
    (void)state;
    wt_pack p;
    wt_pack_make(&p, wt_hostile_dataset("x"), 0);
    char *path = g_build_filename(tmp, "no-such-dir", "x.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 1);
    assert_int_equal(sp_diags_count(&p.diags, SP_DIAG_ERROR), 1);
    assert_string_equal(p.diags.items[0].file, path);
    assert_non_null(strstr(p.diags.items[0].message, "cannot write the workbook"));
    g_free(path);
    wt_pack_free(&p);
}

/* No data at all still gives a well-formed workbook with [z] rows. */
static void test_empty_dataset(void **state)
{
    (void)state;
    wt_pack p;
    wt_pack_make(&p, sp_dataset_new(), 0);
    char *path = g_build_filename(tmp, "empty.xlsx", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    char *out = wt_run(NULL, (const char *const[]){"unzip", "-tq", path, NULL});
    assert_non_null(out);
    g_free(out);
    char *wb = wt_part(path, "xl/workbook.xml");
    assert_null(strstr(wb, "Outcomes 2023"));
    assert_null(strstr(wb, "\"Funding\""));
    assert_non_null(strstr(wb, "<definedName name=\"rec_included\">Records!$N$5:$N$5</definedName>"));
    g_free(wb);
    g_free(path);
    wt_pack_free(&p);
}

int main(void)
{
    if (!wt_have("unzip")) {
        fprintf(stderr, "skipping: unzip is not installed\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheets_and_tables),
        cmocka_unit_test(test_contents_links),
        cmocka_unit_test(test_native_charts_are_the_briefing_charts),
        cmocka_unit_test(test_text_is_never_a_formula),
        cmocka_unit_test(test_same_input_same_bytes),
        cmocka_unit_test(test_unwritable_path),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests(tests, wt_setup, wt_teardown);
}
