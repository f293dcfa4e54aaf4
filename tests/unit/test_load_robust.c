/* test_load_robust.c: the loaders against a few thousand mutated copies of
 * the fixtures (bytes flipped, lines cut, quotes, commas and line ends
 * inserted), from a fixed seed so a failure repeats.
 *
 * It asserts only what must hold for any input: no crash (ASan/UBSan),
 * the count returned is the errors added, and every diag names the file,
 * a line that exists (1 to the file's last line) and a column >= 1, in a
 * message of one line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/load.h"
#include "test_support.h"

enum { MUTANTS_PER_FIXTURE = 800, MAX_FIXTURE_BYTES = 6000 };

typedef int (*loader)(sp_dataset *, const char *, sp_diags *);

static char *tmp_dir;

static const char *src_dir(void)
{
    const char *s = g_getenv("SENDPACK_SRC");
    return s && *s ? s : ".";
}

/* Physical lines as the user's editor counts them: LF, CRLF or CR alone
 * end a line; a last line without an end still counts. */
static int physical_lines(const char *s, size_t n)
{
    int lines = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
            lines++;
    return lines;
}

static const char *const INSERTS[] = {"\"", ",", "\n", "\r", "\r\n", "\"\"", ",\"", "\"\n",
                                      "\xEF\xBB\xBF", "\xC2\xA3", "\x96", "NA", " ", "\t",
                                      "\xE2\x80\x9C", "-1", "99/99/9999"};

/* One random change to buf. */
static void mutate(GString *buf, GRand *rng)
{
    gsize at = buf->len ? (gsize)g_rand_int_range(rng, 0, (gint32)buf->len) : 0;
    switch (g_rand_int_range(rng, 0, 7)) {
    case 0: /* flip a byte */
        if (buf->len)
            buf->str[at] = (char)g_rand_int_range(rng, 0, 256);
        break;
    case 1: { /* cut from here to the end of the line */
        const char *nl = memchr(buf->str + at, '\n', buf->len - at);
        gsize end = nl ? (gsize)(nl - buf->str) : buf->len;
        g_string_erase(buf, (gssize)at, (gssize)(end - at));
        break;
    }
    case 2: /* cut a whole run of bytes */
        g_string_erase(buf, (gssize)at,
                       (gssize)MIN(buf->len - at, (gsize)g_rand_int_range(rng, 1, 200)));
        break;
    case 3: /* truncate */
        g_string_truncate(buf, at);
        break;
    case 4: { /* duplicate a line */
        const char *nl = memchr(buf->str + at, '\n', buf->len - at);
        gsize end = nl ? (gsize)(nl - buf->str) + 1 : buf->len;
        char *copy = g_strndup(buf->str + at, end - at);
        g_string_insert_len(buf, (gssize)end, copy, (gssize)(end - at));
        g_free(copy);
        break;
    }
    default: /* insert a quote, comma, line end, odd bytes */
        g_string_insert(buf, (gssize)at,
                        INSERTS[g_rand_int_range(rng, 0, G_N_ELEMENTS(INSERTS))]);
        break;
    }
}

/* Plain stdio: g_file_set_contents syncs to disk, too slow for thousands. */
static void write_file(const char *path, const GString *buf)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf->str, 1, buf->len, f), buf->len);
    assert_int_equal(fclose(f), 0);
}

static void check_diags(const sp_diags *d, size_t from, const char *path, int lines)
{
    for (size_t i = from; i < d->n; i++) {
        const sp_diag *x = &d->items[i];
        if (!x->file || strcmp(x->file, path) != 0 || x->line < 1 || x->line > lines ||
            x->column < 1 || strpbrk(x->message, "\r\n")) {
            char *s = sp_diag_format(x);
            fail_msg("bad position (file has %d lines): %s", lines, s);
            g_free(s);
        }
    }
}

static void fuzz_fixture(const char *name, loader load, guint32 seed)
{
    char *fixture = g_build_filename(src_dir(), "fixtures", name, NULL);
    char *text;
    gsize len;
    assert_true(g_file_get_contents(fixture, &text, &len, NULL));
    if (len > MAX_FIXTURE_BYTES) { /* keep the header and whole lines, for speed */
        const char *cut = g_strrstr_len(text, MAX_FIXTURE_BYTES, "\n");
        len = cut ? (gsize)(cut - text) + 1 : MAX_FIXTURE_BYTES;
    }
    char *path = g_build_filename(tmp_dir, name, NULL);
    GRand *rng = g_rand_new_with_seed(seed);
    GString *buf = g_string_new(NULL);
    for (int k = 0; k < MUTANTS_PER_FIXTURE; k++) {
        g_string_assign(buf, "");
        g_string_append_len(buf, text, (gssize)len);
        int changes = g_rand_int_range(rng, 1, 6);
        for (int c = 0; c < changes; c++)
            mutate(buf, rng);
        write_file(path, buf);
        sp_diags d = {0};
        sp_dataset *ds = sp_dataset_new();
        int errors = load(ds, path, &d);
        assert_int_equal((size_t)errors, sp_diags_count(&d, SP_DIAG_ERROR));
        check_diags(&d, 0, path, physical_lines(buf->str, buf->len));
        sp_dataset_free(ds);
        sp_diags_free(&d);
    }
    g_string_free(buf, TRUE);
    g_rand_free(rng);
    g_free(path), g_free(text), g_free(fixture);
}

static void mutated_inspections_2016(void **state)
{
    fuzz_fixture("inspections-2016.csv", sp_load_inspections, 2016);
}

static void mutated_inspections_2023(void **state)
{
    fuzz_fixture("inspections-2023.csv", sp_load_inspections, 2023);
}

static void mutated_funding(void **state) { fuzz_fixture("funding.csv", sp_load_funding, 7); }

static void mutated_interventions(void **state)
{
    fuzz_fixture("interventions.csv", sp_load_interventions, 11);
}

static void mutated_areas(void **state) { fuzz_fixture("areas.csv", sp_load_areas, 13); }

int main(void)
{
    tmp_dir = g_dir_make_tmp("sendpack-test-load-robust-XXXXXX", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mutated_inspections_2016), cmocka_unit_test(mutated_inspections_2023),
        cmocka_unit_test(mutated_funding),          cmocka_unit_test(mutated_interventions),
        cmocka_unit_test(mutated_areas),
    };
    int rc = cmocka_run_group_tests_name("load-robust", tests, NULL, NULL);
    sp_test_rm_rf(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
