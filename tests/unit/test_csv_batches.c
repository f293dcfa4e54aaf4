/* test_csv_batches.c: a CSV file read in batches of rows (and a megabyte
 * of bytes at a time) gives the rows, cells, line numbers and problems of
 * reading it whole, and holds no more than a batch at a time.
 *
 * "Whole" here is sp_csv_read; both read through the same chunked reader,
 * so the chunk edges are checked against line numbers written into the
 * cells themselves, not against each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/load/csvtable.h"
#include "sendpack/load.h"
#include "test_support.h"

static char *tmp_dir;

static int setup(void **state)
{
    (void)state;
    tmp_dir = g_dir_make_tmp("sendpack-csvb-XXXXXX", NULL);
    return tmp_dir ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sp_test_rm_rf(tmp_dir);
    g_free(tmp_dir);
    return 0;
}

static char *write_tmp(const char *name, const char *text, size_t len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Every row of t as "line:cell@line|cell@line..." lines, appended to out. */
static void dump_rows(const sp_csv_table *t, GString *out)
{
    for (guint i = 0; i < t->rows->len; i++) {
        const sp_csv_row *r = sp_csv_row_at(t, i);
        g_string_append_printf(out, "%d:", r->line);
        for (size_t c = 0; c < r->n; c++) {
            const sp_csv_cell *cell = sp_csv_cell_at(t, r, c);
            g_string_append_printf(out, "%s%s@%d", c ? "|" : "", cell->text, cell->line);
        }
        g_string_append_c(out, '\n');
    }
}

static void dump_diags(const sp_diags *d, GString *out)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = sp_diag_format(&d->items[i]);
        g_string_append_printf(out, "%s\n", s);
        g_free(s);
    }
}

/* The file read whole, as rows then problems. */
static char *read_whole(const char *path, int *errors)
{
    sp_csv_table t;
    sp_diags d = {0};
    *errors = sp_csv_read(&t, path, &d);
    assert_null(t.more);
    GString *out = g_string_new(NULL);
    dump_rows(&t, out);
    g_string_append(out, "--\n");
    dump_diags(&d, out);
    sp_csv_clear(&t);
    sp_diags_free(&d);
    return g_string_free(out, FALSE);
}

/* The file read batch rows at a time: never more than batch rows held. */
static char *read_batched(const char *path, size_t batch, int *errors)
{
    sp_csv_table t;
    sp_diags d = {0};
    *errors = sp_csv_read_batch(&t, path, batch, &d);
    GString *out = g_string_new(NULL);
    for (;;) {
        assert_true(t.rows->len <= batch);
        dump_rows(&t, out);
        if (!t.more)
            break;
        *errors += sp_csv_read_more(&t, false, &d);
    }
    g_string_append(out, "--\n");
    dump_diags(&d, out);
    sp_csv_clear(&t);
    sp_diags_free(&d);
    return g_string_free(out, FALSE);
}

static void same_in_batches(const char *name, const char *text, size_t len)
{
    char *path = write_tmp(name, text, len);
    int whole_errors;
    char *whole = read_whole(path, &whole_errors);
    static const size_t batches[] = {1, 2, 3, 5, 4096};
    for (size_t i = 0; i < G_N_ELEMENTS(batches); i++) {
        int errors;
        char *got = read_batched(path, batches[i], &errors);
        if (strcmp(got, whole) != 0 || errors != whole_errors)
            fail_msg("%s in batches of %zu rows:\n%s\nread whole:\n%s", name, batches[i], got,
                     whole);
        g_free(got);
    }
    g_unlink(path);
    g_free(path), g_free(whole);
}

/* Quoted line ends, every kind of line end, blank lines, a stray quote, a
 * bad byte, a byte order mark, trimming, a last line without an end and a
 * quote left open at the end: each where a batch ends and where it does not. */
static void batches_read_as_one(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "a,b,c\n1,2,3\n4,5,6\n7,8,9\n",
        "a,b\n\"one\ntwo\",2\n3,\"x\r\ny\"\n\n\n5,6\n\"\",\"\"\"q\"\"\"\n",
        "a,b\r\n1,2\r\n\r\n3,4\r\n5,6",
        "a,b\r1,2\r3,4\r\r5,6\r",
        "\xEF\xBB\xBF" "a,b\n 1 ,\xC2\xA0" "2\xC2\xA0\n3,4\n",
        "a,b\n1,2\n3,\"4\"x\n5,6\n7,8\n",
        "a,b\n1,2\n3,\x96\n5,6\n\"7\n8\",\xFF\n9,10\n",
        "a,b\n1,2\n3,\"open\nstill\n",
        "a,b\n1,2\n3,4\n5,\"six",
        "a,b\n   \n1,2\n \t \n3,4\n",
        "",
        "a,b\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        char name[32];
        snprintf(name, sizeof name, "text%zu.csv", i);
        same_in_batches(name, texts[i], strlen(texts[i]));
    }
}

/* A file longer than the reader's piece, with a CR LF, a lone CR and a
 * quoted line end each split by the piece's end, and a bad byte in the
 * second piece: every row's first cell holds the line it starts on. */
static void pieces_keep_lines(void **state)
{
    (void)state;
    enum { PIECE = 1 << 20 }; /* csvtable.c's READ_CHUNK */
    static const char *const splits[] = {"\r\n", "\r", "\"q\nq\""};
    for (size_t k = 0; k < G_N_ELEMENTS(splits); k++) {
        GString *s = g_string_new("line,text\n");
        int line = 2;
        /* rows up to just before the piece's end */
        while (s->len < PIECE - 200)
            g_string_append_printf(s, "%d,row %d\n", line, line), line++;
        /* one row padded so that the split lands on the piece's last byte */
        const char *split = splits[k];
        bool quoted = split[0] == '"';
        g_string_append_printf(s, "%d,", line);
        /* bytes after the split's own first byte before the piece ends: the
         * CR itself, or the quoted line end (after ',', '"' and 'q') */
        size_t at = quoted ? 3 : 0;
        while (s->len + at < PIECE - 1)
            g_string_append_c(s, 'x');
        if (quoted)
            g_string_append(s, ",");
        g_string_append(s, split);
        if (quoted)
            g_string_append(s, "\n");
        line += quoted ? 2 : 1;
        if (split[0] == '\r' && !split[1]) {
            /* old Mac line ends from here on */
            for (int i = 0; i < 1000; i++)
                g_string_append_printf(s, "%d,row\r", line), line++;
        }
        g_string_append_printf(s, "%d,\x96\n", line);
        int bad_line = line++;
        for (int i = 0; i < 30000; i++)
            g_string_append_printf(s, "%d,row %d\n", line, line), line++;
        char *path = write_tmp("pieces.csv", s->str, s->len);
        sp_csv_table t;
        sp_diags d = {0};
        int errors = sp_csv_read_batch(&t, path, 1000, &d);
        guint rows = 0;
        for (;;) {
            for (guint i = 0; i < t.rows->len; i++, rows++) {
                const sp_csv_row *r = sp_csv_row_at(&t, i);
                if (r->line == 1)
                    continue;
                char want[16];
                snprintf(want, sizeof want, "%d", r->line);
                if (strcmp(sp_csv_cell_at(&t, r, 0)->text, want) != 0)
                    fail_msg("split %zu: the row on line %d says %s", k, r->line,
                             sp_csv_cell_at(&t, r, 0)->text);
            }
            if (!t.more)
                break;
            errors += sp_csv_read_more(&t, false, &d);
        }
        assert_int_equal(rows, (guint)(line - 1 - (quoted ? 1 : 0)));
        assert_int_equal(errors, 1);
        assert_int_equal(d.n, 1);
        assert_int_equal(d.items[0].line, bad_line);
        assert_int_equal(d.items[0].column, 2);
        sp_csv_clear(&t);
        sp_diags_free(&d);
        g_unlink(path);
        g_free(path);
        g_string_free(s, TRUE);
    }
}

/* A loader reading a file of many batches: every row is kept, and a bad
 * cell far down is reported on its own line. */
static void loader_reads_every_batch(void **state)
{
    (void)state;
    GString *s = g_string_new("la_code,area_name,region,inspection_start,inspection_published,"
                              "wsoa_required\n");
    enum { ROWS = 20000, BAD = 15000 };
    for (int i = 1; i <= ROWS; i++)
        g_string_append_printf(s, "E%d,Area %d,London,01/01/2020,%s,No\n", i, i,
                               i == BAD ? "31/02/2020" : "01/02/2020");
    char *path = write_tmp("many.csv", s->str, s->len);
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(ds->n_inspections, ROWS - 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, BAD + 1);
    assert_string_equal(ds->inspections[ROWS - 2].la_code, "E20000");
    assert_int_equal(ds->inspections[ROWS - 2].line, ROWS + 1);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_unlink(path);
    g_free(path);
    g_string_free(s, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batches_read_as_one),
        cmocka_unit_test(pieces_keep_lines),
        cmocka_unit_test(loader_reads_every_batch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
