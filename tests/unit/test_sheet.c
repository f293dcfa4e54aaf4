/* test_sheet.c: the spreadsheet reader (sheet.h) on small ODS and XLSX
 * files built here with libzip: typed cells, repeats, merges, paragraphs,
 * shared and inline strings, date styles and both date systems, and the
 * one-line refusals (zip bomb, damaged zip, legacy .xls, other zips). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "sendpack/sheet.h"
#include "test_support.h"

static char *tmp_dir;

/* Write a zip holding the given parts (name, content pairs, NULL-ended). */
static char *make_zip(const char *file, const char *const *parts)
{
    char *path = g_build_filename(tmp_dir, file, NULL);
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    assert_non_null(z);
    for (int i = 0; parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_true(zip_file_add(z, parts[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

#define ODS_HEAD                                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                \
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                          \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"              \
    "<office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static char *make_ods(const char *file, const char *tables)
{
    char *content = g_strconcat(ODS_HEAD, tables, ODS_TAIL, NULL);
    const char *parts[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml", content, NULL};
    char *path = make_zip(file, parts);
    g_free(content);
    return path;
}

static const sp_sheet_cell *cell_at(const sp_sheet *s, int row, int col)
{
    for (guint i = 0; i < s->cells->len; i++) {
        const sp_sheet_cell *c = &g_array_index(s->cells, sp_sheet_cell, i);
        if (c->row == row && c->col == col)
            return c;
    }
    return NULL;
}

static void read_sheet(const char *path, int index, sp_sheet *s)
{
    sp_diags d = {0};
    sp_book *b = sp_book_open(path, &d);
    assert_non_null(b);
    assert_int_equal(sp_book_read(b, (size_t)index, s, &d), 0);
    assert_int_equal(d.n, 0);
    sp_book_close(b);
    sp_diags_free(&d);
}

static void ods_typed_cells_repeats_and_paragraphs(void **state)
{
    char *path = make_ods(
        "typed.ods",
        "<table:table table:name=\"Cover\"><table:table-row><table:table-cell "
        "office:value-type=\"string\"><text:p>About</text:p></table:table-cell></table:table-row>"
        "</table:table>"
        "<table:table table:name=\"Data\"><table:table-column table:number-columns-repeated=\"16384\"/>"
        "<table:table-row>"
        "<table:table-cell office:value-type=\"string\"><text:p>Name</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"float\" office:value=\"5656.2799999999999998\">"
        "<text:p>5,656.28</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2021-03-31T00:00:00\">"
        "<text:p>31 Mar 21</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\">"
        "<text:p>TRUE</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-repeated=\"3\"/>"
        "<table:table-cell office:value-type=\"percentage\" office:value=\"0.5\"><text:p>50%</text:p>"
        "</table:table-cell><table:table-cell table:number-columns-repeated=\"16374\"/>"
        "</table:table-row>"
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
        "table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>x</text:p>"
        "</table:table-cell></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell "
        "table:number-columns-repeated=\"16384\"/></table:table-row>"
        "<table:table-row><table:table-cell table:number-columns-spanned=\"2\" "
        "office:value-type=\"string\"><office:annotation><text:p>a comment</text:p>"
        "</office:annotation><text:p>first<text:s text:c=\"2\"/>line<text:line-break/>more</text:p>"
        "<text:p>second <text:span>para</text:span></text:p></table:table-cell>"
        "<table:covered-table-cell/><table:table-cell office:value-type=\"float\" "
        "office:value=\"7\" table:formula=\"of:=1/0\"><text:p>#DIV/0!</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"string\" table:formula=\"of:=1/0\">"
        "<text:p>#DIV/0!</text:p></table:table-cell>"
        "</table:table-row></table:table>");
    sp_diags d = {0};
    sp_book *b = sp_book_open(path, &d);
    assert_non_null(b);
    assert_int_equal(sp_book_format(b), SP_FORMAT_ODS);
    assert_int_equal(sp_book_sheets(b), 2);
    assert_string_equal(sp_book_sheet_name(b, 1), "Data");
    assert_int_equal(sp_book_find_sheet(b, "data"), 1);
    assert_int_equal(sp_book_find_sheet(b, "Nope"), -1);
    sp_book_close(b);
    sp_diags_free(&d);

    sp_sheet s;
    read_sheet(path, 1, &s);
    assert_int_equal(s.rows->len, 4); /* header, 2 repeats, the last row; no empty rows */
    const sp_sheet_cell *c = cell_at(&s, 1, 2);
    assert_int_equal(c->type, SP_CELL_NUMBER);
    assert_true(c->number == 5656.28); /* the stored value, not the shown "5,656.28" */
    assert_string_equal(c->text, "5656.28");
    c = cell_at(&s, 1, 3);
    assert_int_equal(c->type, SP_CELL_DATE);
    assert_int_equal(c->date, 20210331);
    assert_string_equal(c->text, "31/03/2021");
    assert_int_equal(cell_at(&s, 1, 4)->type, SP_CELL_BOOL);
    c = cell_at(&s, 1, 8); /* after 3 empty repeated columns */
    assert_int_equal(c->type, SP_CELL_NUMBER);
    assert_string_equal(c->text, "0.5");
    assert_string_equal(cell_at(&s, 2, 2)->text, "x");
    assert_string_equal(cell_at(&s, 3, 1)->text, "x");
    assert_null(cell_at(&s, 3, 3));
    c = cell_at(&s, 1000004, 1); /* the million empty rows still count */
    assert_non_null(c);
    assert_string_equal(c->text, "first  line\nmore\nsecond para");
    assert_null(cell_at(&s, 1000004, 2)); /* covered by the merge */
    assert_int_equal(cell_at(&s, 1000004, 3)->type, SP_CELL_NUMBER);
    assert_int_equal(cell_at(&s, 1000004, 4)->type, SP_CELL_ERROR);
    sp_sheet_clear(&s);
    g_free(path);
}

static const char XLSX_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
    "</Relationships>";
static const char XLSX_STYLES[] =
    "<styleSheet><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"&quot;day&quot;0.00\"/></numFmts>"
    "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "</cellXfs></styleSheet>";
static const char XLSX_SHARED[] =
    "<sst><si><t>Area name</t></si><si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>x</t></rPh>"
    "</si></sst>";
static const char XLSX_SHEET[] =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>44286</v></c><c r=\"B3\" s=\"2\"><v>61</v></c>"
    "<c r=\"C3\" s=\"1\"><v>59</v></c><c r=\"D3\" s=\"3\"><v>44286</v></c>"
    "<c r=\"E3\" t=\"inlineStr\"><is><t>inline</t></is></c><c r=\"F3\" t=\"b\"><v>0</v></c>"
    "<c r=\"G3\" t=\"e\"><v>#N/A</v></c><c r=\"H3\"><f>1+1</f><v>2</v></c>"
    "<c r=\"I3\" t=\"str\"><f>A1</f><v>Area name</v></c><c r=\"J3\" s=\"1\"/></row>"
    "</sheetData></worksheet>";

static char *make_xlsx(const char *file, bool date1904)
{
    char *workbook = g_strdup_printf(
        "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<workbookPr%s/><sheets><sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"Data &amp; more\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
        date1904 ? " date1904=\"1\"" : "");
    const char *parts[] = {"xl/workbook.xml", workbook, "xl/_rels/workbook.xml.rels", XLSX_RELS,
                           "xl/styles.xml", XLSX_STYLES, "xl/sharedStrings.xml", XLSX_SHARED,
                           "xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>",
                           "xl/worksheets/data.xml", XLSX_SHEET, NULL};
    char *path = make_zip(file, parts);
    g_free(workbook);
    return path;
}

static void xlsx_strings_numbers_and_dates(void **state)
{
    char *path = make_xlsx("book.xlsx", false);
    assert_int_equal(sp_sheet_sniff(path), SP_FORMAT_XLSX);
    sp_sheet s;
    read_sheet(path, 1, &s);
    assert_string_equal(s.name, "Data & more");
    assert_int_equal(s.rows->len, 2);
    assert_string_equal(cell_at(&s, 1, 1)->text, "Area name");
    assert_string_equal(cell_at(&s, 1, 3)->text, "Rich text"); /* not the phonetic run */
    const sp_sheet_cell *c = cell_at(&s, 3, 1);
    assert_int_equal(c->type, SP_CELL_DATE);
    assert_int_equal(c->date, 20210331);
    assert_int_equal(cell_at(&s, 3, 2)->date, 19000301); /* after Excel's 29 Feb 1900 */
    assert_int_equal(cell_at(&s, 3, 3)->date, 19000228);
    c = cell_at(&s, 3, 4); /* "day"0.00 is no date format */
    assert_int_equal(c->type, SP_CELL_NUMBER);
    assert_string_equal(c->text, "44286");
    assert_string_equal(cell_at(&s, 3, 5)->text, "inline");
    assert_string_equal(cell_at(&s, 3, 6)->text, "FALSE");
    assert_int_equal(cell_at(&s, 3, 7)->type, SP_CELL_ERROR);
    assert_string_equal(cell_at(&s, 3, 7)->text, "#N/A");
    assert_string_equal(cell_at(&s, 3, 8)->text, "2");
    assert_string_equal(cell_at(&s, 3, 9)->text, "Area name");
    assert_null(cell_at(&s, 3, 10));
    sp_sheet_clear(&s);
    g_free(path);

    path = make_xlsx("book1904.xlsx", true);
    read_sheet(path, 1, &s);
    assert_int_equal(cell_at(&s, 3, 1)->date, 20250401); /* 44286 days after 1 Jan 1904 */
    assert_int_equal(cell_at(&s, 3, 2)->date, 19040302);
    sp_sheet_clear(&s);
    g_free(path);
}

static void serial_dates(void **state)
{
    assert_int_equal(sp_sheet_serial_date(1, false), 19000101);
    assert_int_equal(sp_sheet_serial_date(60, false), 0);
    assert_int_equal(sp_sheet_serial_date(61, false), 19000301);
    assert_int_equal(sp_sheet_serial_date(sp_date_serial(20210331), false), 20210331);
    assert_int_equal(sp_sheet_serial_date(44286.75, false), 20210331);
    assert_int_equal(sp_sheet_serial_date(0, true), 19040101);
    assert_int_equal(sp_sheet_serial_date(-1, false), 0);
}

/* One diag for the whole file, containing want. */
static void refused(const char *path, const char *want)
{
    sp_diags d = {0};
    assert_null(sp_book_open(path, &d));
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].file, path);
    assert_int_equal(d.items[0].line, 0);
    if (!strstr(d.items[0].message, want))
        fail_msg("%s: expected \"%s\" in \"%s\"", path, want, d.items[0].message);
    sp_diags_free(&d);
}

static void refusals_are_one_line(void **state)
{
    /* A content.xml of 9 MiB of spaces packs into a few KiB. */
    GString *big = g_string_new(ODS_HEAD);
    for (int i = 0; i < 9 * 1024 * 1024; i++)
        g_string_append_c(big, ' ');
    g_string_append(big, ODS_TAIL);
    const char *parts[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml", big->str, NULL};
    char *path = make_zip("bomb.ods", parts);
    g_string_free(big, TRUE);
    refused(path, "zip bomb");
    g_free(path);

    char *ods = make_ods("cut.ods", "<table:table table:name=\"A\"/>");
    gchar *data;
    gsize len;
    assert_true(g_file_get_contents(ods, &data, &len, NULL));
    assert_true(g_file_set_contents(ods, data, (gssize)(len - 30), NULL));
    g_free(data);
    refused(ods, "damaged zip file");
    g_free(ods);

    path = g_build_filename(tmp_dir, "old.xls", NULL);
    assert_true(g_file_set_contents(path, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest", 13, NULL));
    assert_int_equal(sp_sheet_sniff(path), SP_FORMAT_OLE2);
    refused(path, "legacy Excel 97-2003 (.xls)");
    g_free(path);

    const char *doc[] = {"word/document.xml", "<w/>", NULL};
    path = make_zip("letter.docx", doc);
    assert_int_equal(sp_sheet_sniff(path), SP_FORMAT_ZIP);
    refused(path, "neither an ODS spreadsheet");
    g_free(path);

    const char *broken[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                            "content.xml", ODS_HEAD "<table:table table:name=\"A\">", NULL};
    path = make_zip("broken.ods", broken);
    sp_diags d = {0};
    sp_book *b = sp_book_open(path, &d);
    assert_null(b);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "damaged XML in content.xml"));
    sp_diags_free(&d);
    g_free(path);
}

int main(void)
{
    tmp_dir = g_dir_make_tmp("sendpack-test-sheet-XXXXXX", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ods_typed_cells_repeats_and_paragraphs),
        cmocka_unit_test(xlsx_strings_numbers_and_dates),
        cmocka_unit_test(serial_dates),
        cmocka_unit_test(refusals_are_one_line),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sp_test_rm_rf(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
