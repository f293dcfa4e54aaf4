/* test_template.c: placeholder expansion over the figures table: every
 * format, the small-base marker, if/unless blocks, profile aliases and text
 * variables, comments left alone, and every error naming template:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/template.h"

static void add_insp(sp_dataset *ds, const char *code, const char *name, const char *region,
                     sp_date pub, bool wsoa, int weak)
{
    ds->inspections = g_renew(sp_inspection, ds->inspections, ds->n_inspections + 1);
    sp_inspection *in = &ds->inspections[ds->n_inspections++];
    *in = (sp_inspection){0};
    in->framework = SP_FRAMEWORK_2016;
    in->la_code = g_strdup(code);
    in->area_name = g_strdup(name);
    in->region = g_strdup(region);
    in->start = pub - 100;
    in->published = pub;
    in->wsoa = wsoa;
    in->weaknesses = wsoa ? weak : -1;
    in->progress_made = in->progress_not_made = in->priority_actions = -1;
}

/* 12 areas in "Northmoor" (6 with a WSoA), 3 in "Southdale" (2 with a WSoA),
 * and one committed funding line of £1,270,000. */
static sp_figures *figures(sp_dataset **out)
{
    sp_dataset *ds = sp_dataset_new();
    for (int i = 0; i < 15; i++) {
        char code[16], name[32];
        snprintf(code, sizeof code, "E0900%04d", i);
        snprintf(name, sizeof name, "Area %02d", i);
        bool north = i < 12;
        add_insp(ds, code, name, north ? "Northmoor" : "Southdale", sp_date_make(2019, 1, 10 + i),
                 north ? i % 2 == 0 : i != 14, 3 + i % 4);
    }
    ds->funding = g_new0(sp_funding, 1);
    ds->n_funding = 1;
    ds->funding[0] = (sp_funding){.id = g_strdup("f1"), .programme = g_strdup("Advisers"),
        .description = g_strdup("Advisers"), .recipient = g_strdup("England"),
        .unit_count = -1, .unit_value_gbp = -1, .amount_gbp = 1270000,
        .period_start = 20190101, .status = SP_FUNDING_COMMITTED, .source = g_strdup("DfE")};
    *out = ds;
    return sp_figures_compute(ds, sp_date_make(2019, 12, 31), 0);
}

typedef struct {
    sp_dataset *ds;
    sp_figures *figs;
    sp_diags diags;
} fx;

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->figs = figures(&f->ds);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    sp_figures_free(f->figs);
    sp_dataset_free(f->ds);
    sp_diags_free(&f->diags);
    g_free(f);
    return 0;
}

static bool known_ref(const char *scheme, const char *id, void *user)
{
    (void)user;
    if (strcmp(scheme, "chart") == 0)
        return strcmp(id, "wsoa-by-region") == 0;
    return strcmp(id, "regions") == 0;
}

static char *expand(fx *f, const char *src, int *rc)
{
    sp_template_env env = {.figs = f->figs, .name = "t.md", .known_ref = known_ref};
    char *out = NULL;
    *rc = sp_template_expand(&env, src, &out, &f->diags);
    return out;
}

/* Expansion with Markdown escapes removed, as a reader sees it. */
static char *seen(fx *f, const char *src)
{
    int rc;
    char *out = expand(f, src, &rc);
    assert_int_equal(rc, 0);
    GString *s = g_string_new(NULL);
    for (const char *p = out; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        g_string_append_c(s, *p);
    }
    g_free(out);
    return g_string_free(s, FALSE);
}

static void expect(fx *f, const char *src, const char *want)
{
    char *got = seen(f, src);
    assert_string_equal(got, want);
    g_free(got);
}

static void test_formats(void **state)
{
    fx *f = *state;
    expect(f, "{{wsoa.count}} of {{inspections.count}}", "8 of 15");
    expect(f, "{{wsoa.share|pct}}", "53%");
    expect(f, "{{wsoa.share}}", "53%");
    expect(f, "{{wsoa.share|of}}", "8 of 15 (53%)");
    expect(f, "{{wsoa.share|ci}}", "between 30% and 75%");
    expect(f, "{{funding.committed_gbp|gbp}}", "£1.3 million");
    expect(f, "{{funding.committed_gbp}}", "£1.3 million");
    expect(f, "{{as_at|date}}", "31 December 2019");
    expect(f, "{{as_at}}", "31 December 2019");
    expect(f, "{{ wsoa.count | count }}", "8");
}

static void test_small_base_marker(void **state)
{
    fx *f = *state;
    /* Southdale: 2 of 3, under 10 areas: marked; Northmoor: 6 of 12, not */
    expect(f, "{{region.southdale.wsoa.share|pct}}", "67%\xE2\x80\xA0");
    expect(f, "{{region.southdale.wsoa.share|of}}", "2 of 3 (67%)\xE2\x80\xA0");
    expect(f, "{{region.northmoor.wsoa.share|pct}}", "50%");
}

static void test_values_are_escaped(void **state)
{
    fx *f = *state;
    int rc;
    char *out = expand(f, "{{wsoa.share|of}}", &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "8 of 15 \\(53\\%\\)");
    g_free(out);
    const char *vars[] = {"area.name", "*Bold* [x](y)", NULL, NULL};
    sp_template_env env = {.figs = f->figs, .name = "p.md", .vars = vars};
    assert_int_equal(sp_template_expand(&env, "# {{area.name}}", &out, &f->diags), 0);
    assert_string_equal(out, "# \\*Bold\\* \\[x\\]\\(y\\)");
    g_free(out);
}

static void test_if_unless(void **state)
{
    fx *f = *state;
    /* a dropped directive line still separates paragraphs */
    expect(f, "a\n<!-- if wsoa.count -->\nb\n<!-- endif -->\nc\n", "a\n\nb\n\nc\n");
    expect(f, "a\n<!-- unless wsoa.count -->\nb\n<!-- endif -->\nc\n", "a\n\nc\n");
    /* an absent figure is false, and is not an error inside a dropped block */
    expect(f, "<!-- if outcome.inspections.count -->\n{{outcome.positive.share}}\n<!-- endif -->\nz",
           "\nz");
    expect(f, "<!-- if wsoa.count -->\n<!-- unless revisits.count -->\nx\n<!-- endif -->\n<!-- endif -->\n",
           "\n\nx\n\n\n");
    /* blockquote lines stay together when a directive between them is dropped */
    expect(f, "> a\n<!-- if wsoa.count -->\n> b\n<!-- endif -->\n", "> a\n> b\n");
}

static void test_comments_left_alone(void **state)
{
    fx *f = *state;
    expect(f, "<!--\n{{not.a.figure}} ![x](chart:nope)\n-->\n{{wsoa.count}}", "<!--\n{{not.a.figure}} ![x](chart:nope)\n-->\n8");
}

static void test_profile_aliases(void **state)
{
    fx *f = *state;
    const char *vars[] = {"area.name", "Area 02", NULL, NULL};
    sp_template_env env = {.figs = f->figs, .name = "p.md", .area_key = "e09000002",
                           .region_slug = "northmoor", .vars = vars};
    char *out = NULL;
    int rc = sp_template_expand(&env, "{{area.name}}: {{area.weaknesses.identified}}; "
                                "{{region.wsoa.share|of}}; {{wsoa.count}}", &out, &f->diags);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "Area 02: 5; 6 of 12 \\(50\\%\\); 8");
    g_free(out);
}

/* The only diag must be an error at line:col with text in its message. */
static void expect_error(fx *f, const char *src, int line, int col, const char *text)
{
    sp_diags_free(&f->diags);
    int rc;
    char *out = expand(f, src, &rc);
    assert_int_equal(rc, 2);
    assert_null(out);
    assert_true(f->diags.n >= 1);
    char *msg = sp_diag_format(&f->diags.items[0]);
    char *where = g_strdup_printf("t.md:%d:%d: ", line, col);
    if (!g_str_has_prefix(msg, where) || !strstr(msg, text))
        fail_msg("got \"%s\", want \"%s...%s\"", msg, where, text);
    g_free(where);
    g_free(msg);
}

static void test_errors_name_line_and_column(void **state)
{
    fx *f = *state;
    expect_error(f, "# Title\n\nSome {{wsoa.shaer|pct}} text", 3, 6, "unknown figure \"wsoa.shaer\"");
    expect_error(f, "x {{wsoa.share|percent}}", 1, 3, "unknown format \"percent\"");
    expect_error(f, "a\nb\n\n![t](chart:no-such-chart)", 4, 6, "unknown chart \"no-such-chart\"");
    expect_error(f, "![t](table:region)", 1, 6, "unknown table \"region\"");
    expect_error(f, "£é {{wsoa.count", 1, 4, "not closed");
    expect_error(f, "{{wsoa.count|pct}}", 1, 1, "does not suit");
    expect_error(f, "{{as_at|gbp}}", 1, 1, "does not suit");
    expect_error(f, "{{inspections.count|ci}}", 1, 1, "does not suit");
    expect_error(f, "\n<!-- if wsoa.count -->\nx\n", 2, 1, "not closed");
    expect_error(f, "x\n<!-- endif -->\n", 2, 1, "without");
    expect_error(f, "{{}}", 1, 1, "empty placeholder");
}

static void test_every_error_reported(void **state)
{
    fx *f = *state;
    sp_diags_free(&f->diags);
    int rc;
    char *out = expand(f, "{{a.b}}\n{{c.d}} {{wsoa.count|x}}\n", &rc);
    assert_int_equal(rc, 2);
    assert_null(out);
    assert_int_equal(f->diags.n, 3);
    assert_int_equal(f->diags.items[2].line, 2);
    assert_int_equal(f->diags.items[2].column, 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_base_marker, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_are_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_if_unless, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profile_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_name_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_error_reported, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
