/* test_figure_ids.c: every figure id a renderer or a bundled template asks
 * for exists in the figures of the fixtures build (or is declared optional
 * below), so renaming an id in a breakdown fails here instead of silently
 * leaving a chart out or caching 0 in the workbook. Ids with a printf
 * placeholder ("region.%s.wsoa.share") must match at least one figure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"

/* Names that look like ids but are template variables or file names. */
static const char *const OPTIONAL[] = {
    "area.name", "area.code", "area.region", "area.outcome", "area.headline", "area.summary", "region.name",
    "revisions.previous", "revisions.changed", "revisions.new", "revisions.removed",
    "briefing.md", "area-profile.md", "0.0%", "%s.pdf",
    "figure.id",              /* the templates' own example of the syntax */
    "inspections.cumulative", /* the tail of month.<yyyy-mm>.inspections.cumulative */
    NULL};

typedef struct {
    sp_dataset *ds;
    sp_figures *figs;
} fixture;

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, "fixtures", &d);
    f->ds = sp_load(&in, &d);
    f->figs = sp_figures_compute(f->ds, sp_date_make(2024, 3, 31), 0);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sp_figures_free(f->figs);
    sp_dataset_free(f->ds);
    g_free(f);
    return 0;
}

static bool optional(const char *id)
{
    for (size_t i = 0; OPTIONAL[i]; i++)
        if (strcmp(OPTIONAL[i], id) == 0)
            return true;
    /* data.* and source.* are the briefing's data-note variables
     * (briefing_sources.c), not figures */
    if (g_str_has_prefix(id, "data.") || g_str_has_prefix(id, "source."))
        return true;
    /* file names (the site's and the ODS container's parts) and lengths
     * such as "29.7cm" or "%.2fpt" are not figure ids */
    static const char *const not_ids[] = {".h", ".c", ".xml", ".html", ".css", ".csv",
                                          ".json", ".xlsx", ".ods", ".pdf", NULL};
    for (size_t i = 0; not_ids[i]; i++)
        if (g_str_has_suffix(id, not_ids[i]))
            return true;
    return g_ascii_isdigit(id[0]) || id[0] == '%';
}

/* The id, or a pattern with %s/%d holes, names at least one figure (as a
 * whole id, or as the start of one followed by '.'). */
static bool known(const sp_figures *f, const char *id)
{
    if (!strchr(id, '%'))
        return sp_figures_get(f, id) != NULL;
    GString *re = g_string_new("^");
    for (const char *p = id; *p; p++) {
        if (*p == '%') {
            p++;
            while (*p && strchr("0123456789-", *p))
                p++;
            g_string_append(re, "[a-z0-9_.-]*");
            if (!*p)
                break;
        } else if (*p == '.') {
            g_string_append(re, "\\.");
        } else {
            g_string_append_c(re, *p);
        }
    }
    g_string_append(re, "(\\..*)?$");
    GRegex *rx = g_regex_new(re->str, 0, 0, NULL);
    bool found = false;
    for (size_t i = 0; rx && i < f->n && !found; i++)
        found = g_regex_match(rx, f->items[i].id, 0, NULL);
    if (rx)
        g_regex_unref(rx);
    g_string_free(re, TRUE);
    return found;
}

/* Check every match of pattern (group 1: the id) in the files of dir with
 * this suffix; returns how many were checked. */
static size_t check_dir(const sp_figures *f, const char *dir, const char *suffix,
                        const char *pattern, GString *missing)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    GRegex *rx = g_regex_new(pattern, 0, 0, NULL);
    size_t n = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, suffix))
            continue;
        char *path = g_build_filename(dir, name, NULL), *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        GMatchInfo *m;
        g_regex_match(rx, text, 0, &m);
        while (g_match_info_matches(m)) {
            char *id = g_match_info_fetch(m, 1);
            n++;
            /* profiles: {{area.x}} is area.<key>.x, {{region.x}} region.<slug>.x */
            if (g_str_has_suffix(name, ".md") && !optional(id) && !sp_figures_get(f, id) &&
                (g_str_has_prefix(id, "area.") || g_str_has_prefix(id, "region."))) {
                char *dot = strchr(id, '.'), *held = id;
                *dot = '\0';
                id = g_strdup_printf("%s.%%s.%s", held, dot + 1);
                g_free(held);
            }
            if (!optional(id) && !known(f, id))
                g_string_append_printf(missing, "%s asks for %s\n", path, id);
            g_free(id);
            g_match_info_next(m, NULL);
        }
        g_match_info_free(m);
        g_free(text);
        g_free(path);
    }
    g_regex_unref(rx);
    g_dir_close(d);
    return n;
}

static void renderers_ask_for_existing_ids(void **state)
{
    fixture *f = *state;
    GString *missing = g_string_new("");
    size_t n = check_dir(f->figs, "src/render", ".c",
                         "\"([a-z_0-9%]+(\\.[a-z_0-9%-]+)+)\"", missing);
    assert_true(n > 50);
    if (missing->len)
        fail_msg("ids asked for but not in the fixtures figures:\n%s", missing->str);
    g_string_free(missing, TRUE);
}

static void templates_ask_for_existing_ids(void **state)
{
    fixture *f = *state;
    GString *missing = g_string_new("");
    size_t n = check_dir(f->figs, "templates", ".md",
                         "\\{\\{\\s*([a-z_0-9]+(\\.[a-z_0-9-]+)+)\\s*[|}]", missing);
    assert_true(n > 20);
    if (missing->len)
        fail_msg("ids asked for but not in the fixtures figures:\n%s", missing->str);
    g_string_free(missing, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renderers_ask_for_existing_ids),
        cmocka_unit_test(templates_ask_for_existing_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
