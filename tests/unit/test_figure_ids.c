/* test_figure_ids.c: figure ids are written once, in the ids_<source>.h
 * headers (include/sendpack/ids*.h), and each names a figure:
 * - every id or id builder a header declares exists in the figures of the
 *   fixtures build (or is declared optional below), so renaming an id in a
 *   breakdown fails here instead of silently leaving a chart out or caching
 *   0 in the workbook. Builders ("region.%s.wsoa.share") must match at
 *   least one figure;
 * - no C file of src/ spells an id as a string literal: renderers and
 *   breakdowns use the macros (a renamed id then fails to compile);
 * - every id a bundled template asks for exists in the fixtures figures. */
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
    "dsg.latest", "dsg.previous", "source.dsg", /* DSG years (briefing_dsg.c) */
    "briefing.md", "area-profile.md", "0.0%", "%s.pdf",
    "figure.id",              /* the templates' own example of the syntax */
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

/* Call fn(name, path, match, data) for every match of pattern (group 1)
 * in the files of dir whose names end in suffix (or suffix2, when not
 * NULL); returns the number of matches. */
typedef void (*match_fn)(const char *name, const char *path, char *match, void *data);
static size_t each_match(const char *dir, const char *suffix, const char *suffix2,
                         const char *pattern, match_fn fn, void *data)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    GRegex *rx = g_regex_new(pattern, 0, 0, NULL);
    size_t n = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, suffix) && !(suffix2 && g_str_has_suffix(name, suffix2)))
            continue;
        char *path = g_build_filename(dir, name, NULL), *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        GMatchInfo *m;
        g_regex_match(rx, text, 0, &m);
        while (g_match_info_matches(m)) {
            n++;
            fn(name, path, g_match_info_fetch(m, 1), data);
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

typedef struct {
    const sp_figures *f;
    GString *out; /* one line per problem */
} scan;

/* A template's id (owned) exists in the figures. */
static void check_asked(const char *name, const char *path, char *id, void *data)
{
    scan *sc = data;
    /* profiles: {{area.x}} is area.<key>.x, {{region.x}} region.<slug>.x */
    if (!optional(id) && !sp_figures_get(sc->f, id) &&
        (g_str_has_prefix(id, "area.") || g_str_has_prefix(id, "region."))) {
        char *dot = strchr(id, '.'), *held = id;
        *dot = '\0';
        id = g_strdup_printf("%s.%%s.%s", held, dot + 1);
        g_free(held);
    }
    if (!optional(id) && !known(sc->f, id))
        g_string_append_printf(sc->out, "%s asks for %s\n", path, id);
    g_free(id);
}

/* The expansion of macro: its literals joined, with the macros it names
 * expanded in turn; NULL if it names something not in bodies. */
static char *expand(GHashTable *bodies, const char *macro, int depth)
{
    const char *body = g_hash_table_lookup(bodies, macro);
    if (!body || depth > 8)
        return NULL;
    GRegex *tok = g_regex_new("\"([^\"]*)\"|(\\w+)", 0, 0, NULL);
    GString *val = g_string_new("");
    bool ok = true;
    GMatchInfo *t;
    g_regex_match(tok, body, 0, &t);
    while (ok && g_match_info_matches(t)) {
        char *lit = g_match_info_fetch(t, 1), *ref = g_match_info_fetch(t, 2);
        if (ref && *ref) {
            char *v = expand(bodies, ref, depth + 1);
            ok = v != NULL;
            g_string_append(val, v ? v : "");
            g_free(v);
        } else {
            g_string_append(val, lit);
        }
        g_free(lit);
        g_free(ref);
        g_match_info_next(t, NULL);
    }
    g_match_info_free(t);
    g_regex_unref(tok);
    return g_string_free(val, !ok);
}

/* The macros of the id headers in dir (include/sendpack/ids*.h): name ->
 * the string it expands to, joining adjacent literals and other id macros
 * ("#define SP_IDF_REGION_WSOA_SHARE SP_IDF_REGION_ SP_ID_WSOA_SHARE"). A
 * macro that does not expand to a string fails the test. */
static GHashTable *header_ids(const char *dir)
{
    GHashTable *bodies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    GRegex *def = g_regex_new("^#define\\s+(SP_IDF?_\\w+)\\s+([^/\\n]*)", G_REGEX_MULTILINE, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_prefix(name, "ids") || !g_str_has_suffix(name, ".h"))
            continue;
        char *path = g_build_filename(dir, name, NULL), *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        GMatchInfo *m;
        g_regex_match(def, text, 0, &m);
        while (g_match_info_matches(m)) {
            g_hash_table_insert(bodies, g_match_info_fetch(m, 1), g_match_info_fetch(m, 2));
            g_match_info_next(m, NULL);
        }
        g_match_info_free(m);
        g_free(text);
        g_free(path);
    }
    g_dir_close(d);
    g_regex_unref(def);
    GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, bodies);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        char *val = expand(bodies, k, 0);
        if (!val)
            fail_msg("%s: \"%s\" is not string literals and id macros", (char *)k, (char *)v);
        g_hash_table_insert(ids, g_strdup(k), val);
    }
    g_hash_table_destroy(bodies);
    return ids;
}

static void header_ids_exist(void **state)
{
    fixture *f = *state;
    GHashTable *ids = header_ids("include/sendpack");
    assert_true(g_hash_table_size(ids) > 50);
    GString *missing = g_string_new("");
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, ids);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        /* SP_IDF_REGION_ and the like are prefixes, not ids */
        if (g_str_has_suffix(k, "_"))
            continue;
        if (!known(f->figs, v))
            g_string_append_printf(missing, "%s is \"%s\"\n", (char *)k, (char *)v);
    }
    if (missing->len)
        fail_msg("ids declared but not in the fixtures figures:\n%s", missing->str);
    g_string_free(missing, TRUE);
    g_hash_table_destroy(ids);
}

/* A string literal in C that names a figure, or a pattern of figures: it
 * should be a macro of an ids header. */
static bool id_literal(const sp_figures *f, const char *s)
{
    if (g_str_has_prefix(s, "%.") || g_str_has_prefix(s, "%%") || g_ascii_isdigit(s[0]))
        return false; /* "%.3fcm", "%%.%dg", "0.0%", "1.7" */
    if (s[0] != '%' && optional(s))
        return false; /* template variables, file names */
    return known(f, s) || !strchr(s, '%');
}

/* A string literal (owned) of a C file is not an id. */
static void check_literal(const char *name, const char *path, char *lit, void *data)
{
    scan *sc = data;
    if (id_literal(sc->f, lit))
        g_string_append_printf(sc->out, "%s: \"%s\"\n", path, lit);
    g_free(lit);
}

static void no_id_literals_in_c(void **state)
{
    fixture *f = *state;
    GString *found = g_string_new("");
    scan sc = {f->figs, found};
    static const char *const dirs[] = {"src/render", "src/stats", "src/publish", "src/cli",
                                       "src/load", "src/model"};
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++)
        n += each_match(dirs[i], ".c", ".h", "\"([a-z_0-9%]+(\\.[a-z_0-9%-]+)+)\"",
                        check_literal, &sc);
    assert_true(n > 20); /* the scan sees string literals at all */
    if (found->len)
        fail_msg("figure ids spelled in C (use the SP_ID_/SP_IDF_ macros of "
                 "include/sendpack/ids_<source>.h):\n%s", found->str);
    g_string_free(found, TRUE);
}

/* The check itself: an id literal in a renderer is caught. */
static void id_literal_is_caught(void **state)
{
    fixture *f = *state;
    assert_true(id_literal(f->figs, "wsoa.share"));
    assert_true(id_literal(f->figs, "region.%s.wsoa.share"));
    assert_true(id_literal(f->figs, "%soutcome.%s.count"));
    assert_true(id_literal(f->figs, "no.such.figure"));
    assert_false(id_literal(f->figs, "%.3fcm"));
    assert_false(id_literal(f->figs, "revisions.csv"));
    assert_false(id_literal(f->figs, "area.name"));
}

static void templates_ask_for_existing_ids(void **state)
{
    fixture *f = *state;
    GString *missing = g_string_new("");
    scan sc = {f->figs, missing};
    size_t n = each_match("templates", ".md", NULL,
                          "\\{\\{\\s*([a-z_0-9]+(\\.[a-z_0-9-]+)+)\\s*[|}]", check_asked, &sc);
    assert_true(n > 20);
    if (missing->len)
        fail_msg("ids asked for but not in the fixtures figures:\n%s", missing->str);
    g_string_free(missing, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_ids_exist),
        cmocka_unit_test(no_id_literals_in_c),
        cmocka_unit_test(id_literal_is_caught),
        cmocka_unit_test(templates_ask_for_existing_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
