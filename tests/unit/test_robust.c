/* test_robust.c: inputs built to break things: Markdown nested 80,000
 * levels deep (refused with an error, no stack overflow), and text cells
 * that a spreadsheet would run as formulas (written with a leading quote in
 * every CSV, numbers left as they are). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "sendpack/csv_write.h"
#include "sendpack/pdf_layout.h"
#include "sendpack/workbook.h"

static char *repeat(const char *unit, size_t times, const char *tail)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < times; i++)
        g_string_append(s, unit);
    g_string_append(s, tail);
    return g_string_free(s, FALSE);
}

static void expect_depth_error(const char *md)
{
    sp_blocks *b = sp_blocks_new();
    sp_diags d = {0};
    assert_int_equal(sp_blocks_from_markdown(b, md, NULL, NULL, &d), 2);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "nested at most 64 levels deep"));
    assert_int_equal(b->items->len, 0);
    sp_diags_free(&d);
    assert_int_equal(sp_markdown_check_depth(md, "briefing.md", &d), 2);
    assert_string_equal(d.items[0].file, "briefing.md");
    assert_int_equal(d.items[0].line, 1);
    sp_diags_free(&d);
    sp_blocks_free(b);
}

static void test_deep_block_quotes_are_an_error_not_a_crash(void **state)
{
    (void)state;
    char *md = repeat(">", 80000, " deep\n");
    expect_depth_error(md);
    g_free(md);
    md = repeat("- ", 20000, "item\n");
    expect_depth_error(md);
    g_free(md);
}

static void test_shallow_nesting_still_lays_out(void **state)
{
    (void)state;
    char *md = repeat("> ", 20, "twenty quotes\n");
    sp_blocks *b = sp_blocks_new();
    sp_diags d = {0};
    assert_int_equal(sp_blocks_from_markdown(b, md, NULL, NULL, &d), 0);
    assert_int_equal(d.n, 0);
    assert_true(b->items->len > 0);
    sp_blocks_free(b);
    g_free(md);
}

static char *row(const char *const *cells, size_t n)
{
    GString *s = g_string_new(NULL);
    sp_csv_row(s, n, cells);
    return g_string_free(s, FALSE);
}

static void test_csv_cells_that_look_like_formulas_are_quoted(void **state)
{
    (void)state;
    const char *cells[] = {"=1+1", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "+A1", "-2+3",
                           "\tx", "\rx", "Plain", "-", "a=b"};
    char *s = row(cells, G_N_ELEMENTS(cells));
    assert_string_equal(s, "'=1+1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(1+1),'+A1,"
                           "'-2+3,'\tx,\"'\rx\",Plain,'-,a=b\r\n");
    g_free(s);
}

static void test_csv_numbers_stay_numbers(void **state)
{
    (void)state;
    const char *cells[] = {"-0.05", "+3", "-1e-05", "1.5E+10", "-12", "0"};
    char *s = row(cells, G_N_ELEMENTS(cells));
    assert_string_equal(s, "-0.05,+3,-1e-05,1.5E+10,-12,0\r\n");
    g_free(s);
    assert_false(sp_csv_is_number("-inf"));
    assert_false(sp_csv_is_number("1e"));
    assert_false(sp_csv_is_number("."));
}

/* A million rows used to pass validate and fail build after minutes. The
 * counts alone decide, before any record is looked at. */
static void test_rows_beyond_a_sheet_are_refused(void **state)
{
    (void)state;
    sp_dataset ds = {0};
    sp_diags d = {0};
    ds.n_funding = 1048572;
    assert_int_equal(sp_workbook_check_limits(&(sp_dataset){0}, 1048572, &d), 0);
    ds.n_funding = 1048573;
    ds.n_interventions = 2000000;
    assert_int_equal(sp_workbook_check_limits(&ds, 1048573, &d), 2);
    assert_int_equal(d.n, 3);
    assert_non_null(strstr(d.items[0].message, "expected at most 1048572 funding lines"));
    assert_non_null(strstr(d.items[0].message, "found 1048573"));
    assert_non_null(strstr(d.items[1].message, "interventions"));
    assert_non_null(strstr(d.items[2].message, "figures"));
    sp_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_block_quotes_are_an_error_not_a_crash),
        cmocka_unit_test(test_shallow_nesting_still_lays_out),
        cmocka_unit_test(test_csv_cells_that_look_like_formulas_are_quoted),
        cmocka_unit_test(test_csv_numbers_stay_numbers),
        cmocka_unit_test(test_rows_beyond_a_sheet_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
