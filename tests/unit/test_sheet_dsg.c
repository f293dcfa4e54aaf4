/* test_sheet_dsg.c: the spreadsheet reader opens the DfE dedicated schools
 * grant workbooks as published (../shared/data/dfe): every sheet by name,
 * every local authority row, values as stored (not as shown). Skipped
 * (exit 77) when the files are absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/sheet.h"

static const char *const FILES[] = {"dedicated-schools-grant_2021_11_18.ods",
                                    "dedicated-schools-grant_2022_07_18.ods",
                                    "dedicated-schools-grant_2024_07_20.ods"};

static char *dsg_path(const char *name)
{
    const char *shared = g_getenv("SHARED_DATA");
    return g_build_filename(shared && *shared ? shared : "../shared/data", "dfe", name, NULL);
}

/* Rows whose first cell is a 3-digit old LA code, and whether one reads
 * ENGLAND, on the High needs block sheet. */
static void every_sheet_and_authority(void **state)
{
    for (size_t f = 0; f < G_N_ELEMENTS(FILES); f++) {
        char *path = dsg_path(FILES[f]);
        sp_diags d = {0};
        sp_book *b = sp_book_open(path, &d);
        assert_non_null(b);
        assert_int_equal(sp_book_sheets(b), 6);
        assert_true(g_str_has_prefix(sp_book_sheet_name(b, 0), "Information"));
        const char *want[] = {"Allocations_summary", "Schools_block_and_CSSB", "High_needs_block",
                              "High_needs_deductions", "Early_years_block"};
        for (size_t i = 0; i < 5; i++)
            assert_string_equal(sp_book_sheet_name(b, i + 1), want[i]);
        size_t numbers = 0;
        for (size_t i = 0; i < sp_book_sheets(b); i++) {
            sp_sheet s;
            assert_int_equal(sp_book_read(b, i, &s, &d), 0);
            size_t las = 0;
            bool england = false;
            for (guint r = 0; r < s.rows->len; r++) {
                const sp_sheet_row *row = sp_sheet_row_at(&s, r);
                for (size_t k = 0; k < row->n; k++) {
                    const sp_sheet_cell *c = sp_sheet_cell_at(&s, row, k);
                    numbers += c->type == SP_CELL_NUMBER;
                    england |= strcmp(c->text, "ENGLAND") == 0 || strcmp(c->text, "England") == 0;
                    /* every number's text reads back as the same double */
                    if (c->type == SP_CELL_NUMBER)
                        assert_true(g_ascii_strtod(c->text, NULL) == c->number);
                }
                const sp_sheet_cell *first = row->n ? sp_sheet_cell_at(&s, row, 0) : NULL;
                las += first && first->col <= 2 && strlen(first->text) == 3 &&
                       strspn(first->text, "0123456789") == 3;
            }
            if (i >= 1) {
                if (las < 140 || !england)
                    fail_msg("%s[%s]: %zu authority rows, ENGLAND %s", path, s.name, las,
                             england ? "found" : "not found");
            }
            sp_sheet_clear(&s);
        }
        assert_true(numbers > 10000);
        assert_int_equal(d.n, 0);
        sp_book_close(b);
        sp_diags_free(&d);
        g_free(path);
    }
}

int main(void)
{
    for (size_t f = 0; f < G_N_ELEMENTS(FILES); f++) {
        char *path = dsg_path(FILES[f]);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            fprintf(stderr, "skipped: %s not found\n", path);
            g_free(path);
            return 77;
        }
        g_free(path);
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_sheet_and_authority)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
