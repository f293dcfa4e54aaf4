/* test_workbook_helpers.h: shared by the workbook tests (test_workbook*.c):
 * load data, write a workbook, read parts of the zip with unzip, change the
 * as-at cell inside the file with unzip/zip, recalculate it with gnumeric's
 * ssconvert, read the exported CSVs with libcsv, and compare every live
 * formula with the figures table.
 *
 * Design choice: the tests look at the file a user gets, through the same
 * tools a user would have (unzip, a spreadsheet engine), not at the writer's
 * internals. The Figures sheet's last column names the cell holding each
 * figure's live formula; that is how a recalculated value is matched to a
 * figure. Static functions only: each test binary includes this once. */
#ifndef TEST_WORKBOOK_HELPERS_H
#define TEST_WORKBOOK_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <csv.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/context.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/workbook.h"
#include "test_support.h"

static G_GNUC_UNUSED const char *wt_src_dir(void)
{
    const char *s = g_getenv("SENDPACK_SRC");
    return s && *s ? s : ".";
}

static G_GNUC_UNUSED char *wt_real_path(void)
{
    const char *shared = g_getenv("SHARED_DATA");
    if (shared && *shared)
        return g_build_filename(shared, "ofsted", "area-send-inspections-2016-2022.csv", NULL);
    return g_build_filename(wt_src_dir(), "..", "shared", "data", "ofsted",
                            "area-send-inspections-2016-2022.csv", NULL);
}

static G_GNUC_UNUSED bool wt_have(const char *tool)
{
    char *p = g_find_program_in_path(tool);
    bool ok = p != NULL;
    g_free(p);
    return ok;
}

/* Run argv in dir (may be NULL); returns stdout (caller frees) or NULL when
 * the command failed. */
static G_GNUC_UNUSED char *wt_run(const char *dir, const char *const *argv)
{
    char *out = NULL, *err = NULL;
    int status = 0;
    GError *e = NULL;
    if (!g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                      &status, &e)) {
        fprintf(stderr, "cannot run %s: %s\n", argv[0], e->message);
        g_error_free(e);
        return NULL;
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        fprintf(stderr, "%s failed: %s\n", argv[0], err ? err : "");
        g_free(out);
        g_free(err);
        return NULL;
    }
    g_free(err);
    return out;
}

/* One part of the zip, e.g. "xl/workbook.xml"; caller frees. */
static G_GNUC_UNUSED char *wt_part(const char *xlsx, const char *part)
{
    const char *argv[] = {"unzip", "-p", xlsx, part, NULL};
    return wt_run(NULL, argv);
}

static G_GNUC_UNUSED size_t wt_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A loaded dataset, its figures and a context over them. */
typedef struct wt_pack {
    sp_dataset *ds;
    sp_figures *figs;
    sp_settings settings;
    sp_context ctx;
    sp_diags diags;
} wt_pack;

static G_GNUC_UNUSED void wt_pack_make(wt_pack *p, sp_dataset *ds, sp_date as_at)
{
    memset(p, 0, sizeof *p);
    p->ds = ds;
    p->figs = sp_figures_compute(ds, as_at, 0);
    sp_settings_init(&p->settings);
    p->ctx = (sp_context){.figs = p->figs, .view = p->figs->view, .settings = &p->settings};
}

/* Load the bundled illustrative fixtures (fixtures/ in the source tree). */
static G_GNUC_UNUSED bool wt_pack_fixtures(wt_pack *p)
{
    sp_inputs in = {0};
    sp_diags d = {0};
    char *dir = g_build_filename(wt_src_dir(), "fixtures", NULL);
    int rc = sp_inputs_from_dir(&in, dir, &d);
    g_free(dir);
    sp_dataset *ds = sp_load(&in, &d);
    bool ok = rc == 0 && sp_diags_count(&d, SP_DIAG_ERROR) == 0 && ds->n_inspections > 0;
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    wt_pack_make(p, ds, 0);
    p->settings.illustrative = true;
    return ok;
}

/* Load the real Ofsted table; false (and an empty pack) when it is missing. */
static G_GNUC_UNUSED bool wt_pack_real(wt_pack *p)
{
    char *path = wt_real_path();
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "skipping: %s not found\n", path);
        g_free(path);
        wt_pack_make(p, sp_dataset_new(), 0);
        return false;
    }
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 2);
    in.inspections[0] = path;
    in.n_inspections = 1;
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    bool ok = sp_diags_count(&d, SP_DIAG_ERROR) == 0 && ds->n_inspections == 149;
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    wt_pack_make(p, ds, 0);
    return ok;
}

static G_GNUC_UNUSED void wt_pack_free(wt_pack *p)
{
    sp_figures_free(p->figs);
    sp_dataset_free(p->ds);
    sp_settings_clear(&p->settings);
    sp_diags_free(&p->diags);
}

/* A dataset built by hand: text that a spreadsheet would take for a formula,
 * then one more area name, last (such as text longer than a cell holds). */
static G_GNUC_UNUSED sp_dataset *wt_hostile_dataset(const char *last)
{
    sp_dataset *ds = sp_dataset_new();
    static const char *const names[] = {"=HYPERLINK(\"http://example.invalid\",\"x\")",
                                        "+1+2", "-3", "@SUM(1)", "\tTabbed", "\rReturned",
                                        "Plain Town"};
    ds->n_inspections = G_N_ELEMENTS(names) + 1;
    ds->inspections = g_new0(sp_inspection, ds->n_inspections);
    for (size_t i = 0; i < ds->n_inspections; i++) {
        sp_inspection *in = &ds->inspections[i];
        in->framework = SP_FRAMEWORK_2016;
        in->la_code = g_strdup_printf("X0900%04zu", i);
        in->area_name = g_strdup(i < G_N_ELEMENTS(names) ? names[i] : last);
        in->region = g_strdup(i % 2 ? "London" : "=cmd|' /C calc'!A0");
        in->start = sp_date_make(2018, 1, 10);
        in->published = sp_date_make(2018, 3, (int)i + 1);
        in->wsoa = i % 2 == 0;
        in->weaknesses = in->wsoa ? (int)i + 2 : -1;
        in->progress_made = in->progress_not_made = -1;
        in->priority_actions = -1;
    }
    return ds;
}

/* Each workbook test writes into one temporary folder, made before its
 * tests and removed after them (cmocka group setup and teardown). */
static char *tmp;

static G_GNUC_UNUSED int wt_setup(void **state)
{
    (void)state;
    tmp = g_dir_make_tmp("sendpack-workbook-XXXXXX", NULL);
    assert_non_null(tmp);
    return 0;
}

static G_GNUC_UNUSED int wt_teardown(void **state)
{
    (void)state;
    sp_test_rm_rf(tmp);
    g_free(tmp);
    return 0;
}

/* ---- CSV exports of a recalculated workbook ---- */

typedef struct wt_sheet {
    GPtrArray *rows; /* of GPtrArray of char* */
    GPtrArray *cur;
} wt_sheet;

static G_GNUC_UNUSED void wt_cb_field(void *s, size_t len, void *data)
{
    wt_sheet *sh = data;
    if (!sh->cur)
        sh->cur = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(sh->cur, g_strndup(s ? s : "", len));
}

static G_GNUC_UNUSED void wt_cb_row(int c, void *data)
{
    wt_sheet *sh = data;
    if (!sh->cur)
        sh->cur = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(sh->rows, sh->cur);
    sh->cur = NULL;
}

static G_GNUC_UNUSED wt_sheet *wt_sheet_read(const char *path)
{
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL))
        return NULL;
    wt_sheet *sh = g_new0(wt_sheet, 1);
    sh->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    csv_parse(&p, text, len, wt_cb_field, wt_cb_row, sh);
    csv_fini(&p, wt_cb_field, wt_cb_row, sh);
    csv_free(&p);
    g_free(text);
    return sh;
}

static G_GNUC_UNUSED void wt_sheet_free(gpointer x)
{
    wt_sheet *sh = x;
    if (!sh)
        return;
    g_ptr_array_unref(sh->rows);
    if (sh->cur)
        g_ptr_array_unref(sh->cur);
    g_free(sh);
}

/* Cell text at 0-based row/col, or NULL beyond the data. */
static G_GNUC_UNUSED const char *wt_at(const wt_sheet *sh, size_t row, size_t col)
{
    if (!sh || row >= sh->rows->len)
        return NULL;
    GPtrArray *r = g_ptr_array_index(sh->rows, row);
    return col < r->len ? g_ptr_array_index(r, col) : NULL;
}

/* Recalculate xlsx with gnumeric and read every sheet: name -> wt_sheet. */
static G_GNUC_UNUSED GHashTable *wt_recalc(const char *xlsx, const char *dir)
{
    char *pattern = g_build_filename(dir, "%s.csv", NULL);
    const char *argv[] = {"ssconvert", "-S", "--recalc", "-T", "Gnumeric_stf:stf_assistant",
                          "-O", "format=raw separator=, quoting-mode=auto eol=unix",
                          xlsx, pattern, NULL};
    char *out = wt_run(NULL, argv);
    g_free(pattern);
    if (!out)
        return NULL;
    g_free(out);
    GHashTable *sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, wt_sheet_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".csv"))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        g_hash_table_insert(sheets, g_strndup(name, strlen(name) - 4), wt_sheet_read(path));
        g_free(path);
    }
    if (d)
        g_dir_close(d);
    return sheets;
}

/* "Regions!D5" or "'Outcomes 2023'!B5" -> sheet, row, col (0-based). */
static G_GNUC_UNUSED bool wt_parse_ref(const char *ref, char **sheet, size_t *row, size_t *col)
{
    const char *bang = strrchr(ref, '!');
    if (!bang)
        return false;
    if (ref[0] == '\'')
        *sheet = g_strndup(ref + 1, (size_t)(bang - ref - 2));
    else
        *sheet = g_strndup(ref, (size_t)(bang - ref));
    const char *p = bang + 1;
    size_t c = 0;
    while (*p == '$')
        p++;
    while (g_ascii_isalpha(*p))
        c = c * 26 + (size_t)(g_ascii_toupper(*p++) - 'A' + 1);
    while (*p == '$')
        p++;
    long r = strtol(p, NULL, 10);
    if (c == 0 || r <= 0) {
        g_free(*sheet);
        return false;
    }
    *row = (size_t)r - 1;
    *col = c - 1;
    return true;
}

/* Column index of a header on the Figures sheet (header row 4). */
static G_GNUC_UNUSED size_t wt_figures_col(const wt_sheet *fig, const char *header)
{
    for (size_t c = 0; c < 32; c++) {
        const char *h = wt_at(fig, 3, c);
        if (h && strcmp(h, header) == 0)
            return c;
    }
    fail_msg("Figures sheet has no column \"%s\"", header);
    return 0;
}

/* Compare every live formula (located through the Figures sheet of the
 * recalculated workbook) with figs. Returns how many were compared. Cells of
 * figures absent from figs (e.g. a month after an earlier as-at date) must
 * hold a number or [z], not an error. */
static G_GNUC_UNUSED size_t wt_compare_live(GHashTable *sheets, const sp_figures *figs)
{
    const wt_sheet *fig = g_hash_table_lookup(sheets, "Figures");
    assert_non_null(fig);
    size_t cid = wt_figures_col(fig, "Figure id");
    size_t clive = wt_figures_col(fig, "Live formula in this workbook");
    size_t compared = 0;
    for (size_t r = 4; r < fig->rows->len; r++) {
        const char *id = wt_at(fig, r, cid), *ref = wt_at(fig, r, clive);
        if (!id || !ref || strcmp(ref, "[z]") == 0)
            continue;
        char *sheet = NULL;
        size_t row = 0, col = 0;
        assert_true(wt_parse_ref(ref, &sheet, &row, &col));
        const wt_sheet *sh = g_hash_table_lookup(sheets, sheet);
        if (!sh)
            fail_msg("%s: no sheet %s", id, sheet);
        const char *got = wt_at(sh, row, col);
        if (!got)
            fail_msg("%s: %s is empty after recalculation", id, ref);
        const sp_figure *want = sp_figures_get(figs, id);
        char *end = NULL;
        double v = g_ascii_strtod(got, &end);
        bool numeric = end && end != got && *end == '\0';
        if (!want) {
            /* e.g. a month after an earlier as-at date: no figure, but the
             * cell must still compute (a number or [z], no error). */
            if (!(strcmp(got, "[z]") == 0 || numeric))
                fail_msg("%s (%s): no such figure at this as-at date, and the cell shows %s", id,
                         ref, got);
        } else {
            if (!numeric)
                fail_msg("%s (%s): expected %.12g, recalculated to \"%s\"", id, ref, want->value,
                         got);
            if (fabs(v - want->value) > 1e-9 * fmax(1, fabs(want->value)))
                fail_msg("%s (%s): expected %.12g, recalculated to %.12g", id, ref, want->value, v);
            compared++;
        }
        g_free(sheet);
    }
    return compared;
}

/* Copy xlsx to out with the as-at cell (found through the AsAt defined name)
 * set to date d: unzip the Cover sheet, edit its XML, zip it back. */
static G_GNUC_UNUSED bool wt_set_asat(const char *xlsx, const char *out, const char *dir, sp_date d)
{
    char *wbxml = wt_part(xlsx, "xl/workbook.xml");
    if (!wbxml)
        return false;
    const char *dn = strstr(wbxml, "<definedName name=\"AsAt\">");
    assert_non_null(dn);
    const char *bang = strchr(dn, '!');
    assert_non_null(bang);
    char cell[16] = {0};
    size_t k = 0;
    for (const char *p = bang + 1; *p && *p != '<' && k < sizeof cell - 1; p++)
        if (*p != '$')
            cell[k++] = *p;
    g_free(wbxml);

    const char *unz[] = {"unzip", "-q", "-o", xlsx, "xl/worksheets/sheet1.xml", "-d", dir, NULL};
    char *o = wt_run(NULL, unz);
    if (!o)
        return false;
    g_free(o);
    char *sheet_path = g_build_filename(dir, "xl", "worksheets", "sheet1.xml", NULL);
    char *xml = NULL;
    assert_true(g_file_get_contents(sheet_path, &xml, NULL, NULL));
    char *open = g_strdup_printf("<c r=\"%s\"", cell);
    char *at = strstr(xml, open);
    assert_non_null(at);
    char *v = strstr(at, "<v>"), *ve = v ? strstr(v, "</v>") : NULL;
    assert_non_null(ve);
    char serial[32];
    snprintf(serial, sizeof serial, "%.0f", sp_date_serial(d));
    char *edited = g_strdup_printf("%.*s<v>%s%s", (int)(v - xml), xml, serial, ve);
    assert_true(g_file_set_contents(sheet_path, edited, -1, NULL));
    g_free(edited);
    g_free(open);
    g_free(xml);
    g_free(sheet_path);

    char *copy = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(xlsx, &copy, &len, NULL));
    assert_true(g_file_set_contents(out, copy, (gssize)len, NULL));
    g_free(copy);
    char *abs = g_canonicalize_filename(out, NULL);
    const char *zip[] = {"zip", "-q", abs, "xl/worksheets/sheet1.xml", NULL};
    o = wt_run(dir, zip);
    g_free(abs);
    if (!o)
        return false;
    g_free(o);
    return true;
}

#endif
