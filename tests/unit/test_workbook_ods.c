/* test_workbook_ods.c: the ODS workbook (issue 18) as a spreadsheet program
 * reads it, against the XLSX written from the same description: the same
 * sheets in the same order, the same defined names, the same number of
 * formulas, one database range per table, frozen and repeated header rows,
 * working contents links, en-GB metadata; text that looks like a formula
 * stays text; the same bytes on every run; mimetype first and stored; write
 * failures. Parts are read with unzip and parsed with libxml2 (XPath).
 * Recalculation is tested in tests/e2e/workbook_ods.sh. */
#include "test_workbook_helpers.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

typedef struct doc {
    xmlDocPtr d;
    xmlXPathContextPtr x;
} doc;

static void doc_open(doc *o, const char *zip, const char *part)
{
    char *xml = wt_part(zip, part);
    assert_non_null(xml);
    o->d = xmlReadMemory(xml, (int)strlen(xml), part, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    g_free(xml);
    if (!o->d)
        fail_msg("%s of %s is not well-formed XML", part, zip);
    o->x = xmlXPathNewContext(o->d);
    static const char *const ns[][2] = {
        {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
        {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
        {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
        {"xlink", "http://www.w3.org/1999/xlink"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
        {"config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0"},
        {"x", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ns); i++)
        xmlXPathRegisterNs(o->x, BAD_CAST ns[i][0], BAD_CAST ns[i][1]);
}

static void doc_close(doc *o)
{
    xmlXPathFreeContext(o->x);
    xmlFreeDoc(o->d);
}

/* The string values of the nodes an expression selects, in order. */
static GPtrArray *strings(doc *o, const char *expr)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, o->x);
    if (!r)
        fail_msg("bad XPath %s", expr);
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *s = xmlXPathCastNodeToString(r->nodesetval->nodeTab[i]);
        g_ptr_array_add(out, g_strdup((const char *)s));
        xmlFree(s);
    }
    xmlXPathFreeObject(r);
    return out;
}

static double number(doc *o, const char *expr)
{
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, o->x);
    if (!r)
        fail_msg("bad XPath %s", expr);
    double v = xmlXPathCastToNumber(r);
    xmlXPathFreeObject(r);
    return v;
}

static char *string(doc *o, const char *expr)
{
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, o->x);
    if (!r)
        fail_msg("bad XPath %s", expr);
    xmlChar *s = xmlXPathCastToString(r);
    char *out = g_strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(r);
    return out;
}

static void write_both(wt_pack *p, const char *stem, char **xlsx, char **ods)
{
    assert_true(wt_pack_fixtures(p));
    char *x = g_strdup_printf("%s.xlsx", stem), *o = g_strdup_printf("%s.ods", stem);
    *xlsx = g_build_filename(tmp, x, NULL);
    *ods = g_build_filename(tmp, o, NULL);
    g_free(x);
    g_free(o);
    assert_int_equal(sp_workbook_write_files(&p->ctx, *xlsx, *ods, &p->diags), 0);
    assert_int_equal(sp_diags_count(&p->diags, SP_DIAG_ERROR), 0);
}

static const char *const TABLE_SHEETS[] = {
    "Contents", "Notes", "Summary", "Regions", "Years", "Revisits", "Timeline", "Outcomes 2023",
    "Records", "Records 2023", "Funding", "High needs", "High needs records", "Interventions",
    "EHC plans", "Records SEN2", "Figures"};

static void assert_same_list(GPtrArray *a, GPtrArray *b, const char *what)
{
    if (a->len != b->len)
        fail_msg("%s: %u in the XLSX, %u in the ODS", what, a->len, b->len);
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), g_ptr_array_index(b, i)) != 0)
            fail_msg("%s %u: \"%s\" in the XLSX, \"%s\" in the ODS", what, i,
                     (char *)g_ptr_array_index(a, i), (char *)g_ptr_array_index(b, i));
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_same_workbook_as_xlsx(void **state)
{
    (void)state;
    wt_pack p;
    char *xlsx, *ods;
    write_both(&p, "same", &xlsx, &ods);
    doc wb, c, meta, settings, core;
    doc_open(&wb, xlsx, "xl/workbook.xml");
    doc_open(&c, ods, "content.xml");
    doc_open(&meta, ods, "meta.xml");
    doc_open(&settings, ods, "settings.xml");
    doc_open(&core, xlsx, "docProps/core.xml");

    /* The same sheets, in the same order. */
    GPtrArray *xs = strings(&wb, "//x:sheet/@name"), *os = strings(&c, "//table:table/@table:name");
    assert_same_list(xs, os, "sheet");
    assert_int_equal(os->len, 19);

    /* The same defined names (Excel's own _xlnm names aside), as named
     * ranges, AsAt on the same Cover cell. */
    GPtrArray *xn = strings(&wb, "//x:definedName[not(starts-with(@name, '_xlnm'))]/@name");
    GPtrArray *on = strings(&c, "//table:named-range/@table:name");
    g_ptr_array_sort(xn, cmp_str);
    g_ptr_array_sort(on, cmp_str);
    assert_same_list(xn, on, "defined name");
    char *xa = string(&wb, "//x:definedName[@name='AsAt']");
    char *oa = string(&c, "//table:named-range[@table:name='AsAt']/@table:cell-range-address");
    assert_true(g_str_has_prefix(xa, "Cover!$A$"));
    char *want = g_strdup_printf("$Cover.%s", xa + 6);
    assert_string_equal(oa, want);
    char *rec = string(&c, "//table:named-range[@table:name='rec_included']/@table:cell-range-address");
    assert_true(g_str_has_prefix(rec, "$Records.$N$5:.$N$"));
    /* The as-at cell is a real date. */
    assert_int_equal((int)number(&c, "count(//table:table[@table:name='Cover']//table:table-cell[@office:value-type='date'])"), 1);

    /* As many formulas as the XLSX, each with its stored result. */
    size_t xf = 0;
    for (guint i = 0; i < xs->len; i++) {
        char *part = g_strdup_printf("xl/worksheets/sheet%u.xml", i + 1);
        doc s;
        doc_open(&s, xlsx, part);
        xf += (size_t)number(&s, "count(//x:c/x:f)");
        doc_close(&s);
        g_free(part);
    }
    size_t of = (size_t)number(&c, "count(//table:table-cell[@table:formula])");
    assert_true(of > 1000);
    assert_int_equal(of, xf);
    assert_int_equal((int)number(&c, "count(//table:table-cell[@table:formula and not(@office:value-type)])"), 0);
    assert_int_equal((int)number(&c, "count(//table:table-cell[@table:formula and not(starts-with(@table:formula, 'of:='))])"), 0);
    char *f = string(&c, "//table:table[@table:name='Regions']//table:table-cell[starts-with(@table:formula, 'of:=SUMPRODUCT((rec_region=[.$A5])*(rec_included=\"Yes\"))')]/@office:value-type");
    assert_string_equal(f, "float");
    char *share = string(&c, "//table:table[@table:name='Summary']//table:table-cell[@table:formula='of:=IF([.B5]>0;[.B6]/[.B5];\"[z]\")']/@office:value-type");
    assert_string_equal(share, "percentage");
    assert_int_equal((int)number(&c, "count(//table:table-cell[@table:number-matrix-rows-spanned='1'])"), 1);
    assert_true(number(&c, "count(//table:table-cell[@office:value-type='currency' and @office:currency='GBP'])") > 0);

    /* A database range per table, a header row that repeats and is frozen
     * on every table sheet, no merged cells. */
    assert_int_equal((int)number(&c, "count(//table:database-range)"), G_N_ELEMENTS(TABLE_SHEETS));
    for (size_t i = 0; i < G_N_ELEMENTS(TABLE_SHEETS); i++) {
        char *e = g_strdup_printf("count(//table:table[@table:name='%s']/table:table-header-rows/table:table-row)", TABLE_SHEETS[i]);
        if (number(&c, e) != 1)
            fail_msg("%s has no header row", TABLE_SHEETS[i]);
        g_free(e);
        e = g_strdup_printf("//config:config-item-map-entry[@config:name='%s']/config:config-item[@config:name='VerticalSplitPosition']", TABLE_SHEETS[i]);
        char *v = string(&settings, e);
        if (strcmp(v, "4") != 0)
            fail_msg("%s: the header is not frozen under row 4 (%s)", TABLE_SHEETS[i], v);
        g_free(v);
        g_free(e);
    }
    char *target = string(&c, "//table:database-range[@table:name='Summary']/@table:target-range-address");
    assert_true(g_str_has_prefix(target, "Summary.A4:Summary.C"));
    assert_int_equal((int)number(&c, "count(//@table:number-columns-spanned | //@table:number-rows-spanned)"), 0);

    /* The contents links to every other sheet. */
    assert_int_equal((int)number(&c, "count(//table:table[@table:name='Contents']//text:a)"), 18);
    assert_int_equal((int)number(&c, "count(//text:a[@xlink:href=\"#'Outcomes 2023'.A1\"])"), 1);
    assert_int_equal((int)number(&c, "count(//text:a[@xlink:href='#Summary.A1'])"), 1);

    /* Metadata: the XLSX's title, the subject, en-GB. */
    char *xt = string(&core, "//dc:title"), *ot = string(&meta, "//dc:title");
    assert_string_equal(xt, ot);
    char *lang = string(&meta, "//dc:language");
    assert_string_equal(lang, "en-GB");
    char *subj = string(&meta, "//dc:subject");
    assert_true(g_str_has_prefix(subj, "Area SEND inspections and revisits in England, as at "));

    g_free(xt); g_free(ot); g_free(lang); g_free(subj); g_free(target); g_free(f); g_free(share);
    g_free(xa); g_free(oa); g_free(want); g_free(rec);
    g_ptr_array_free(xs, TRUE); g_ptr_array_free(os, TRUE);
    g_ptr_array_free(xn, TRUE); g_ptr_array_free(on, TRUE);
    doc_close(&wb); doc_close(&c); doc_close(&meta); doc_close(&settings); doc_close(&core);
    g_free(xlsx);
    g_free(ods);
    wt_pack_free(&p);
}

/* The area name cells (column B of the Records table), as cells. */
#define AREA_CELLS "//table:table[@table:name='Records']/table:table-row[position() > 3]/table:table-cell[2]"

static void test_text_is_never_a_formula(void **state)
{
    (void)state;
    wt_pack p;
    wt_pack_make(&p, wt_hostile_dataset("Two  spaces"), 0);
    char *path = g_build_filename(tmp, "hostile.ods", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    doc c;
    doc_open(&c, path, "content.xml");
    assert_int_equal((int)number(&c, "count(" AREA_CELLS ")"), 8);
    assert_int_equal((int)number(&c, "count(" AREA_CELLS "[@office:value-type='string' and not(@table:formula)])"), 8);
    GPtrArray *names = strings(&c, AREA_CELLS "/text:p[last()]");
    const char *want[] = {"=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+2", "-3", "@SUM(1)",
                          "Tabbed", "Returned", "Plain Town", "Two spaces"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(g_ptr_array_index(names, i), want[i]))
            fail_msg("area name %zu reads \"%s\"", i, (char *)g_ptr_array_index(names, i));
    /* The tab and the second space (text:s, which XPath reads as nothing)
     * are kept, not collapsed. */
    assert_int_equal((int)number(&c, "count(" AREA_CELLS "/text:p/text:tab)"), 1);
    assert_int_equal((int)number(&c, "count(" AREA_CELLS "/text:p/text:s)"), 1);
    /* No formula anywhere holds the hostile text. */
    assert_int_equal((int)number(&c, "count(//table:table-cell[contains(@table:formula, 'HYPERLINK') or contains(@table:formula, 'cmd|')])"), 0);
    assert_int_equal((int)number(&c, "count(//table:table[@table:name='Regions']//table:table-cell[@office:value-type='string']/text:p[.=\"=cmd|' /C calc'!A0\"])"), 1);
    g_ptr_array_free(names, TRUE);
    doc_close(&c);
    g_free(path);
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
    char *xlsx, *a;
    write_both(&p, "a", &xlsx, &a);
    g_usleep(1100 * 1000); /* a clock-stamped file would differ now */
    char *b = g_build_filename(tmp, "b.ods", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, b, &p.diags), 0);
    gsize la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    /* mimetype first, stored, no extra field: readable at offset 38. */
    static const char mt[] = "application/vnd.oasis.opendocument.spreadsheet";
    assert_true(la > 38 + sizeof mt);
    assert_memory_equal(x + 30, "mimetype", 8);
    assert_int_equal(x[8] | x[9] << 8, 0);   /* stored */
    assert_int_equal(x[28] | x[29] << 8, 0); /* no extra field */
    assert_memory_equal(x + 38, mt, sizeof mt - 1);
    g_free(x);
    g_free(y);

    /* The creation date is the as-at date, or SOURCE_DATE_EPOCH. */
    doc m;
    doc_open(&m, a, "meta.xml");
    char iso[16];
    sp_date_iso(p.figs->as_at, iso, sizeof iso);
    char *created = string(&m, "//meta:creation-date");
    char *expect = g_strdup_printf("%sT00:00:00Z", iso);
    assert_string_equal(created, expect);
    doc_close(&m);
    g_setenv("SOURCE_DATE_EPOCH", "1600000000", TRUE);
    char *c = g_build_filename(tmp, "c.ods", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, c, &p.diags), 0);
    g_unsetenv("SOURCE_DATE_EPOCH");
    doc_open(&m, c, "meta.xml");
    char *sde = string(&m, "//meta:creation-date");
    assert_string_equal(sde, "2020-09-13T12:26:40Z");
    doc_close(&m);
    g_free(sde);
    g_free(created);
    g_free(expect);
    g_free(xlsx);
    g_free(a);
    g_free(b);
    g_free(c);
    wt_pack_free(&p);
}

static void test_unwritable_path(void **state)
{
    (void)state;
    wt_pack p;
    wt_pack_make(&p, wt_hostile_dataset("Two  spaces"), 0);
    char *path = g_build_filename(tmp, "no-such-dir", "x.ods", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 1);
    assert_int_equal(sp_diags_count(&p.diags, SP_DIAG_ERROR), 1);
    assert_string_equal(p.diags.items[0].file, path);
    assert_non_null(strstr(p.diags.items[0].message, "cannot write the workbook"));
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_free(path);
    wt_pack_free(&p);
}

/* No data at all still gives a well-formed workbook with valid names. */
static void test_empty_dataset(void **state)
{
    (void)state;
    wt_pack p;
    wt_pack_make(&p, sp_dataset_new(), 0);
    char *path = g_build_filename(tmp, "empty.ods", NULL);
    assert_int_equal(sp_workbook_write(&p.ctx, path, &p.diags), 0);
    doc c;
    doc_open(&c, path, "content.xml");
    char *rec = string(&c, "//table:named-range[@table:name='rec_included']/@table:cell-range-address");
    assert_string_equal(rec, "$Records.$N$5:.$N$5");
    assert_int_equal((int)number(&c, "count(//table:table[@table:name='Funding'])"), 0);
    g_free(rec);
    doc_close(&c);
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
        cmocka_unit_test(test_same_workbook_as_xlsx),
        cmocka_unit_test(test_text_is_never_a_formula),
        cmocka_unit_test(test_same_input_same_bytes),
        cmocka_unit_test(test_unwritable_path),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests(tests, wt_setup, wt_teardown);
}
