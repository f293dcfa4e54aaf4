/* test_briefing.c: the PDF briefing built from the real published data
 * (../shared/data): headline sentences and every number of the summary box
 * checked against the figures table, qpdf --check, embedded fonts,
 * metadata, an outline entry per heading, byte-identical rebuilds,
 * SOURCE_DATE_EPOCH, and template errors that write nothing. Skips (77)
 * when the data or the poppler/qpdf tools are missing. */
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

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sendpack/briefing.h"
#include "sendpack/format.h"
#include "sendpack/load.h"
#include "sendpack/template.h"
#include "test_support.h"
#include "sendpack/text.h"

/* a number as the briefing prints one: 1,234  5.5  55% */
#define NUMBER "[0-9]+(,[0-9]{3})*(\\.[0-9]+)?%?"
#define REAL_CSV "ofsted/area-send-inspections-2016-2022.csv"

typedef struct {
    sp_dataset *ds;
    sp_figures *figs;
    sp_settings settings;
    sp_context ctx;
    char *dir;       /* temporary output folder */
    char *pdf;       /* dir/briefing.pdf */
    char *text;      /* pdftotext -layout of it */
} fx;

static fx *g_fx;

static char *data_path(void)
{
    const char *shared = getenv("SHARED_DATA");
    return g_build_filename(shared && *shared ? shared : "../shared/data", REAL_CSV, NULL);
}

/* Run argv; return stdout (g_free), NULL if it could not run or failed. */
static char *run(const char *const *argv, int *status)
{
    char *out = NULL, *err = NULL;
    int st = -1;
    GError *e = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                      &st, &e)) {
        g_clear_error(&e);
        return NULL;
    }
    g_free(err);
    if (status)
        *status = st;
    return out;
}

static char *pdf_text(const char *pdf, bool layout)
{
    const char *argv[] = {"pdftotext", layout ? "-layout" : "-raw", pdf, "-", NULL};
    return run(argv, NULL);
}

static bool have_tools(void)
{
    const char *tools[] = {"pdftotext", "pdfinfo", "pdffonts", "qpdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++) {
        char *p = g_find_program_in_path(tools[i]);
        if (!p)
            return false;
        g_free(p);
    }
    return true;
}

static int group_setup(void **state)
{
    char *csv = data_path();
    if (!g_file_test(csv, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "skipped: real data not found at %s\n", csv);
        g_free(csv);
        exit(77);
    }
    if (!have_tools()) {
        fprintf(stderr, "skipped: needs pdftotext, pdfinfo, pdffonts and qpdf\n");
        g_free(csv);
        exit(77);
    }
    fx *f = g_new0(fx, 1);
    sp_diags d = {0};
    f->ds = sp_dataset_new();
    sp_load_inspections(f->ds, csv, &d);
    g_free(csv);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_diags_free(&d);
    f->figs = sp_figures_compute(f->ds, sp_date_make(2021, 3, 31), 0);
    sp_settings_init(&f->settings);
    f->settings.illustrative = false;
    g_free(f->settings.prepared_for);
    f->settings.prepared_for = g_strdup("Prepared for the Education Committee");
    f->ctx = (sp_context){.figs = f->figs, .view = f->figs->view, .settings = &f->settings};
    f->dir = g_dir_make_tmp("sendpack-briefing-XXXXXX", NULL);
    f->pdf = g_build_filename(f->dir, "briefing.pdf", NULL);
    g_unsetenv("SOURCE_DATE_EPOCH");
    int rc = sp_briefing_write(&f->ctx, f->pdf, &d);
    for (size_t i = 0; i < d.n; i++) {
        char *m = sp_diag_format(&d.items[i]);
        fprintf(stderr, "%s\n", m);
        g_free(m);
    }
    assert_int_equal(rc, 0);
    sp_diags_free(&d);
    f->text = pdf_text(f->pdf, true);
    assert_non_null(f->text);
    g_fx = f;
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fx *f = *state;
    sp_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->pdf);
    g_free(f->text);
    sp_figures_free(f->figs);
    sp_dataset_free(f->ds);
    sp_settings_clear(&f->settings);
    g_free(f);
    /* font caches live as long as the process: release them for ASan */
    sp_text_release_fonts();
    return 0;
}

/* Text with runs of white space (line breaks, layout gaps) squeezed to one
 * space, so a sentence can be found wherever it wrapped. */
static char *squeeze(const char *s)
{
    GString *o = g_string_new(NULL);
    bool sp = false;
    for (; *s; s++) {
        if (g_ascii_isspace(*s)) {
            sp = true;
            continue;
        }
        if (sp && o->len)
            g_string_append_c(o, ' ');
        sp = false;
        g_string_append_c(o, *s);
    }
    return g_string_free(o, FALSE);
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("PDF text does not contain \"%s\"", needle);
}

static char *fmt(const sp_figures *f, const char *id, const char *format)
{
    const sp_figure *x = sp_figures_get(f, id);
    assert_non_null(x);
    char *s = sp_template_format(x, format);
    assert_non_null(s);
    return s;
}

static void test_headline_sentences(void **state)
{
    fx *f = *state;
    char *t = squeeze(f->text);
    /* the published figures for 31 March 2021 (shared/data/README.md) */
    assert_contains(t, "By 31 March 2021, 115 local areas in England had an area SEND inspection report published.");
    assert_contains(t, "59 of 115 (51%) were required to produce a written statement of action");
    assert_contains(t, "By 31 March 2021, 59 of the 115 inspected areas (51%) had been required to produce a WSoA");
    /* and the same values as the figures table says */
    char *of = fmt(f->figs, "wsoa.share", "of"), *ci = fmt(f->figs, "wsoa.share", "ci");
    assert_string_equal(of, "59 of 115 (51%)");
    assert_contains(t, of);
    assert_contains(t, ci);
    g_free(of);
    g_free(ci);
    /* cover: as-at date and the prepared-for line; no illustrative banner */
    assert_contains(t, "Data as at 31 March 2021");
    assert_contains(t, "Prepared for the Education Committee");
    assert_null(strstr(t, "Illustrative data"));
    g_free(t);
}

/* The regional table rows carry the published regional shares. */
static void test_region_rows(void **state)
{
    fx *f = *state;
    bool london = false, east = false;
    char **lines = g_strsplit(f->text, "\n", -1);
    for (char **l = lines; *l; l++) {
        char *s = squeeze(*l);
        if (g_str_has_prefix(s, "London 24 6 25% "))
            london = true;
        if (g_str_has_prefix(s, "East of England 11 9 82% "))
            east = true;
        g_free(s);
    }
    g_strfreev(lines);
    assert_true(london);
    assert_true(east);
    /* the England row of the table matches the figures */
    char *t = squeeze(f->text);
    const sp_figure *w = sp_figures_get(f->figs, "wsoa.share");
    char lo[16], hi[16];
    char *row = g_strdup_printf("England 115 59 51%% %s to %s", sp_fmt_pct(w->ci_low, lo, sizeof lo),
                                sp_fmt_pct(w->ci_high, hi, sizeof hi));
    assert_contains(t, row);
    g_free(row);
    /* the interval in words in the text */
    char *ci = fmt(f->figs, "wsoa.share", "ci");
    assert_true(g_str_has_prefix(ci, "between "));
    assert_contains(t, ci);
    g_free(ci);
    g_free(t);
}

/* Every number printed in the summary box is the value of a national
 * figure, and every headline figure is printed there. */
static void test_summary_numbers_match_figures(void **state)
{
    fx *f = *state;
    char *t = squeeze(f->text);
    const char *start = strstr(t, "Summary \xE2\x80\xA2"); /* the box, not the contents line */
    assert_non_null(start);
    const char *end = strstr(start, "Inspection outcomes");
    assert_non_null(end);
    char *box = g_strndup(start, (gsize)(end - start));

    /* every token a national figure can print */
    GHashTable *allowed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *formats[] = {NULL, "count", "pct", "of", "ci", "gbp", "date"};
    for (size_t i = 0; i < f->figs->n; i++) {
        const sp_figure *x = &f->figs->items[i];
        if (g_str_has_prefix(x->id, "region.") || g_str_has_prefix(x->id, "area.") ||
            g_str_has_prefix(x->id, "year.") || g_str_has_prefix(x->id, "month."))
            continue;
        for (size_t k = 0; k < G_N_ELEMENTS(formats); k++) {
            char *v = sp_template_format(x, formats[k]);
            if (!v)
                continue;
            GRegex *num = g_regex_new(NUMBER, 0, 0, NULL);
            GMatchInfo *mi;
            g_regex_match(num, v, 0, &mi);
            while (g_match_info_matches(mi)) {
                g_hash_table_add(allowed, g_match_info_fetch(mi, 0));
                g_match_info_next(mi, NULL);
            }
            g_match_info_free(mi);
            g_regex_unref(num);
            g_free(v);
        }
    }
    GRegex *num = g_regex_new(NUMBER, 0, 0, NULL);
    GMatchInfo *mi;
    int seen = 0;
    g_regex_match(num, box, 0, &mi);
    while (g_match_info_matches(mi)) {
        char *n = g_match_info_fetch(mi, 0);
        if (!g_hash_table_contains(allowed, n))
            fail_msg("summary prints \"%s\", which no figure has (box: %s)", n, box);
        g_free(n);
        seen++;
        g_match_info_next(mi, NULL);
    }
    g_match_info_free(mi);
    g_regex_unref(num);
    assert_true(seen >= 10);

    /* and the headline figures are all there, formatted as the table says */
    struct { const char *id, *format; } want[] = {
        {"inspections.count", "count"}, {"wsoa.share", "of"},
        {"weaknesses.identified.total", "count"}, {"weaknesses.identified.median", "count"},
        {"revisits.count", "count"}, {"revisits.weaknesses.progress_made.share", "of"},
        {"as_at", "date"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        char *v = fmt(f->figs, want[i].id, want[i].format);
        assert_contains(box, v);
        g_free(v);
    }
    g_hash_table_destroy(allowed);
    g_free(box);
    g_free(t);
}

static void test_qpdf_check(void **state)
{
    fx *f = *state;
    int st = -1;
    const char *argv[] = {"qpdf", "--check", f->pdf, NULL};
    char *out = run(argv, &st);
    assert_non_null(out);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "No syntax or stream encoding errors"));
    g_free(out);
}

static void test_fonts_embedded(void **state)
{
    fx *f = *state;
    const char *argv[] = {"pdffonts", f->pdf, NULL};
    char *out = run(argv, NULL);
    assert_non_null(out);
    char **lines = g_strsplit(out, "\n", -1);
    int fonts = 0;
    for (char **l = lines + 2; *l && **l; l++) {
        /* name type encoding emb sub uni object ID */
        char **w = g_strsplit_set(g_strstrip(*l), " ", -1);
        GPtrArray *words = g_ptr_array_new();
        for (char **p = w; *p; p++)
            if (**p)
                g_ptr_array_add(words, *p);
        assert_true(words->len >= 5);
        const char *emb = g_ptr_array_index(words, words->len - 5);
        if (strcmp(emb, "yes") != 0)
            fail_msg("font not embedded: %s", *l);
        fonts++;
        g_ptr_array_free(words, TRUE);
        g_strfreev(w);
    }
    assert_true(fonts >= 2);
    g_strfreev(lines);
    g_free(out);
}

static void test_metadata(void **state)
{
    fx *f = *state;
    const char *argv[] = {"pdfinfo", "-isodates", f->pdf, NULL};
    char *out = run(argv, NULL);
    assert_non_null(out);
    char *s = squeeze(out);
    assert_contains(s, "Title: Area SEND inspections: briefing");
    /* the tool's name is no author: with none configured, none is given */
    if (strstr(s, "Author: sendpack"))
        fail_msg("the PDF's author is the tool's name: %s", s);
    assert_contains(s, "Subject: Area SEND inspections and revisits in England: data as at 31 March 2021");
    assert_contains(s, "Keywords: SEND;");
    assert_contains(s, "Creator: sendpack");
    assert_contains(s, "CreationDate: 2021-03-31T00:00:00Z");
    assert_contains(s, "ModDate: 2021-03-31T00:00:00Z");
    assert_contains(s, "Page size: 595.276 x 841.89 pts (A4)");
    g_free(s);
    g_free(out);
}

/* The headings of the expanded template, in order. */
static GPtrArray *template_headings(fx *f)
{
    char *src = NULL;
    assert_true(g_file_get_contents("templates/briefing.md", &src, NULL, NULL));
    sp_template_env env = {.figs = f->figs, .name = "briefing.md"};
    sp_diags d = {0};
    char *md = NULL;
    assert_int_equal(sp_template_expand(&env, src, &md, &d), 0);
    sp_blocks *b = sp_blocks_new();
    sp_blocks_from_markdown(b, md, NULL, NULL, &d);
    GPtrArray *h = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < b->items->len; i++) {
        sp_block *x = g_ptr_array_index(b->items, i);
        if (x->kind == SP_BLOCK_HEADING)
            g_ptr_array_add(h, g_strdup(x->text));
    }
    sp_blocks_free(b);
    g_free(md);
    g_free(src);
    sp_diags_free(&d);
    return h;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_outline_entry_per_heading(void **state)
{
    fx *f = *state;
    const char *argv[] = {"qpdf", "--json", "--json-key=outlines", f->pdf, NULL};
    char *json = run(argv, NULL);
    assert_non_null(json);
    GPtrArray *heads = template_headings(f);
    assert_true(heads->len >= 7);
    for (guint i = 0; i < heads->len; i++) {
        char *t = g_strdup_printf("\"title\": \"%s\"", (char *)g_ptr_array_index(heads, i));
        if (!strstr(json, t))
            fail_msg("no outline entry %s", t);
        g_free(t);
    }
    /* two more, the cover's title (the first heading) and the contents
     * page, none else */
    assert_int_equal(count_of(json, "\"title\": "), (int)heads->len + 2);
    /* and the contents page lists them with page numbers */
    char *t = squeeze(f->text);
    assert_contains(t, "Contents Summary 3 Inspection outcomes 3");
    g_free(t);
    g_ptr_array_free(heads, TRUE);
    g_free(json);
}

static void test_page_n_of_m(void **state)
{
    fx *f = *state;
    const char *argv[] = {"pdfinfo", f->pdf, NULL};
    char *info = run(argv, NULL);
    int pages = 0;
    const char *p = strstr(info, "Pages:");
    assert_non_null(p);
    pages = atoi(p + 6);
    assert_true(pages >= 6);
    for (int i = 2; i <= pages; i++) {
        char *want = g_strdup_printf("Page %d of %d", i, pages);
        assert_contains(f->text, want);
        g_free(want);
    }
    char *none = g_strdup_printf("Page 1 of %d", pages); /* not on the cover */
    assert_null(strstr(f->text, none));
    g_free(none);
    g_free(info);
}

static char *file_bytes(const char *path, gsize *n)
{
    char *b = NULL;
    assert_true(g_file_get_contents(path, &b, n, NULL));
    return b;
}

static void test_byte_identical(void **state)
{
    fx *f = *state;
    char *again = g_build_filename(f->dir, "again.pdf", NULL);
    sp_diags d = {0};
    assert_int_equal(sp_briefing_write(&f->ctx, again, &d), 0);
    gsize n1, n2;
    char *a = file_bytes(f->pdf, &n1), *b = file_bytes(again, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    g_free(a);
    g_free(b);
    g_free(again);
    sp_diags_free(&d);
}

static void test_source_date_epoch(void **state)
{
    fx *f = *state;
    char *p = g_build_filename(f->dir, "sde.pdf", NULL);
    sp_diags d = {0};
    g_setenv("SOURCE_DATE_EPOCH", "1600000000", TRUE); /* 2020-09-13 12:26:40 UTC */
    assert_int_equal(sp_briefing_write(&f->ctx, p, &d), 0);
    g_unsetenv("SOURCE_DATE_EPOCH");
    const char *argv[] = {"pdfinfo", "-isodates", p, NULL};
    char *out = run(argv, NULL);
    assert_non_null(strstr(out, "2020-09-13T12:26:40Z"));
    g_free(out);
    g_free(p);
    sp_diags_free(&d);
}

static void test_template_error_writes_nothing(void **state)
{
    fx *f = *state;
    char *tdir = g_build_filename(f->dir, "templates", NULL);
    g_mkdir(tdir, 0700);
    char *tfile = g_build_filename(tdir, "briefing.md", NULL);
    assert_true(g_file_set_contents(tfile, "# Title\n\nWe found {{wsoa.shar|pct}}.\n\n"
                                           "![x](chart:no-such)\n", -1, NULL));
    sp_settings s = f->settings;
    s.templates_dir = tdir;
    sp_context c = f->ctx;
    c.settings = &s;
    char *out = g_build_filename(f->dir, "bad.pdf", NULL);
    sp_diags d = {0};
    assert_int_equal(sp_briefing_write(&c, out, &d), 2);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    assert_int_equal(d.n, 2);
    char *m0 = sp_diag_format(&d.items[0]), *m1 = sp_diag_format(&d.items[1]);
    char *w0 = g_strdup_printf("%s:3:10: unknown figure \"wsoa.shar\" (not in this run's "
                               "figures.json; text about a figure that can be absent goes "
                               "inside <!-- if wsoa.shar -->)", tfile);
    char *w1 = g_strdup_printf("%s:5:6: unknown chart \"no-such\"; the charts are "
                               "wsoa-by-region, wsoa-by-year, timeline, revisit-outcomes, "
                               "revisit-weaknesses, funding, high-needs, outcomes-2023, weaknesses-strip, ehcp-timeliness, hexmap", tfile);
    assert_string_equal(m0, w0);
    assert_string_equal(m1, w1);
    g_free(m0); g_free(m1); g_free(w0); g_free(w1);
    sp_diags_free(&d);
    /* a missing template is the same kind of error */
    g_unlink(tfile);
    assert_int_equal(sp_briefing_write(&c, out, &d), 2);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "cannot read template"));
    sp_diags_free(&d);
    g_free(out);
    g_free(tfile);
    g_free(tdir);
}

/* A briefing that cannot be written (its folder is missing) is one error
 * naming the file, and leaves nothing behind. */
static void test_unwritable_path(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *p = g_build_filename(f->dir, "no-such-folder", "b.pdf", NULL);
    assert_int_equal(sp_briefing_write(&f->ctx, p, &d), 1);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    /* the one error names the file, and nothing is left there */
    assert_true((d.items[0].file && strcmp(d.items[0].file, p) == 0) ||
                strstr(d.items[0].message, p) != NULL);
    assert_false(g_file_test(p, G_FILE_TEST_EXISTS));
    g_free(p);
    sp_diags_free(&d);
}

/* With a handful of inspections and no WSoA yet, the default template still
 * builds (no figure it needs is missing) and marks the small-base share.
 * (Before the first publication, 1 June 2016, is left out: the figures
 * table's first-N sort passes NULL to qsort there, which UBSan stops.) */
static void test_early_as_at_dates(void **state)
{
    fx *f = *state;
    struct { sp_date d; const char *want; } cases[] = {
        {sp_date_make(2016, 10, 1), "0 of 7 (0%)\xE2\x80\xA0 were required to produce a written statement of action"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        sp_figures *figs = sp_figures_compute(f->ds, cases[i].d, 0);
        sp_context c = f->ctx;
        c.figs = figs;
        c.view = figs->view;
        char *p = g_build_filename(f->dir, "early.pdf", NULL);
        sp_diags d = {0};
        int rc = sp_briefing_write(&c, p, &d);
        if (rc) {
            char *m = d.n ? sp_diag_format(&d.items[0]) : g_strdup("");
            fail_msg("as at %d: rc %d: %s", cases[i].d, rc, m);
        }
        char *raw = pdf_text(p, true), *t = squeeze(raw);
        assert_contains(t, cases[i].want);
        g_free(raw);
        g_free(t);
        g_free(p);
        sp_diags_free(&d);
        sp_figures_free(figs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headline_sentences),
        cmocka_unit_test(test_region_rows),
        cmocka_unit_test(test_summary_numbers_match_figures),
        cmocka_unit_test(test_qpdf_check),
        cmocka_unit_test(test_fonts_embedded),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_outline_entry_per_heading),
        cmocka_unit_test(test_page_n_of_m),
        cmocka_unit_test(test_byte_identical),
        cmocka_unit_test(test_source_date_epoch),
        cmocka_unit_test(test_template_error_writes_nothing),
        cmocka_unit_test(test_unwritable_path),
        cmocka_unit_test(test_early_as_at_dates),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
