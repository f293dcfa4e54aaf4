/* test_manifest.c: manifest.json lists every output with its SHA-256 and
 * size, sorted, and every input with its rows, and holds nothing that would
 * differ between two builds of the same inputs (no time, no folder name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sendpack/publish.h"
#include "test_support.h"

/* SHA-256 of "abc" (FIPS 180-2 example) and of the empty string. */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

typedef struct {
    char *dir, *input;
    sp_settings s;
    sp_dataset *ds;
} fixture;

static void put(const char *dir, const char *rel, const char *text)
{
    char *p = g_build_filename(dir, rel, NULL);
    char *parent = g_path_get_dirname(p);
    g_mkdir_with_parents(parent, 0755);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(parent);
    g_free(p);
}

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    f->dir = g_dir_make_tmp("sendpack-manifest-XXXXXX", NULL);
    char *out = g_build_filename(f->dir, "out", NULL);
    put(out, "b.txt", "abc");
    put(out, "a/c.txt", "");
    put(out, "a.pdf", "abc");
    put(out, ".gitkeep", "");
    put(out, "manifest.json", "old");
    g_free(out);
    put(f->dir, "inspections.csv", "abc");
    f->input = g_build_filename(f->dir, "inspections.csv", NULL);
    sp_settings_init(&f->s);
    f->ds = sp_dataset_new();
    f->ds->inputs = g_new0(sp_input, 1);
    f->ds->inputs[0] = (sp_input){.path = g_strdup(f->input), .kind = g_strdup("inspections-2016"), .rows = 42};
    f->ds->n_inputs = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sp_test_rm_rf(f->dir);
    sp_settings_clear(&f->s);
    sp_dataset_free(f->ds);
    g_free(f->dir);
    g_free(f->input);
    g_free(f);
    return 0;
}

static char *manifest(fixture *f, const sp_diags *warnings)
{
    char *out = g_build_filename(f->dir, "out", NULL);
    sp_diags errors = {0};
    char *m = sp_manifest_json(&f->s, f->ds, 20210331, out, warnings, &errors, NULL);
    assert_int_equal(errors.n, 0);
    sp_diags_free(&errors);
    g_free(out);
    assert_non_null(m);
    return m;
}

static void test_outputs_sorted_with_checksums(void **state)
{
    fixture *f = *state;
    char *m = manifest(f, NULL);
    JsonParser *p = json_parser_new();
    assert_true(json_parser_load_from_data(p, m, -1, NULL));
    JsonObject *root = json_node_get_object(json_parser_get_root(p));
    assert_string_equal(json_object_get_string_member(root, "schema"), "sendpack.manifest/1");
    assert_string_equal(json_object_get_string_member(root, "sendpack_version"), SENDPACK_VERSION);
    assert_string_equal(json_object_get_string_member(root, "as_at"), "2021-03-31");
    JsonArray *outs = json_object_get_array_member(root, "outputs");
    /* manifest.json itself and .gitkeep are not outputs; bytewise order */
    assert_int_equal(json_array_get_length(outs), 3);
    const char *paths[] = {"a.pdf", "a/c.txt", "b.txt"};
    const char *sums[] = {SHA_ABC, SHA_EMPTY, SHA_ABC};
    const gint64 sizes[] = {3, 0, 3};
    for (guint i = 0; i < 3; i++) {
        JsonObject *o = json_array_get_object_element(outs, i);
        assert_string_equal(json_object_get_string_member(o, "path"), paths[i]);
        assert_string_equal(json_object_get_string_member(o, "sha256"), sums[i]);
        assert_int_equal(json_object_get_int_member(o, "size"), sizes[i]);
    }
    JsonArray *ins = json_object_get_array_member(root, "inputs");
    assert_int_equal(json_array_get_length(ins), 1);
    JsonObject *in = json_array_get_object_element(ins, 0);
    assert_string_equal(json_object_get_string_member(in, "path"), f->input);
    assert_string_equal(json_object_get_string_member(in, "sha256"), SHA_ABC);
    assert_int_equal(json_object_get_int_member(in, "size"), 3);
    assert_int_equal(json_object_get_int_member(in, "rows"), 42);
    JsonObject *cfg = json_object_get_object_member(root, "config");
    assert_true(json_object_get_null_member(cfg, "file"));
    JsonObject *settings = json_object_get_object_member(cfg, "settings");
    assert_string_equal(json_object_get_string_member(settings, "title"), f->s.title);
    assert_string_equal(json_object_get_string_member(settings, "size_cm"), "16x10");
    g_object_unref(p);
    g_free(m);
}

/* The outputs list is written as text (manifest.c), in the bytes
 * json-glib's generator gives the same document: file names with a quote,
 * a backslash, control characters and UTF-8 read back as they are, and
 * parsing the manifest and writing it again with json-glib changes
 * nothing. */
static void test_outputs_in_json_glib_bytes(void **state)
{
    fixture *f = *state;
    char *out = g_build_filename(f->dir, "out", NULL);
    const char *odd[] = {"q\"uote.txt", "back\\slash.txt", "tab\tname.txt", "unit\x1fsep.txt",
                         "del\x7f.txt", "caf\xc3\xa9.txt"};
    for (size_t i = 0; i < G_N_ELEMENTS(odd); i++)
        put(out, odd[i], "abc");
    g_free(out);
    char *m = manifest(f, NULL);
    JsonParser *p = json_parser_new();
    assert_true(json_parser_load_from_data(p, m, -1, NULL));
    JsonGenerator *g = json_generator_new();
    json_generator_set_pretty(g, TRUE);
    json_generator_set_indent(g, 2);
    json_generator_set_root(g, json_parser_get_root(p));
    char *again = json_generator_to_data(g, NULL);
    char *again_nl = g_strconcat(again, "\n", NULL);
    assert_string_equal(m, again_nl);
    JsonArray *outs = json_object_get_array_member(
        json_node_get_object(json_parser_get_root(p)), "outputs");
    assert_int_equal(json_array_get_length(outs), 3 + G_N_ELEMENTS(odd));
    for (size_t i = 0; i < G_N_ELEMENTS(odd); i++) {
        bool found = false;
        for (guint k = 0; k < json_array_get_length(outs); k++)
            found |= strcmp(json_object_get_string_member(
                                json_array_get_object_element(outs, k), "path"), odd[i]) == 0;
        if (!found)
            fail_msg("output \"%s\" not listed as it is named", odd[i]);
    }
    g_free(again);
    g_free(again_nl);
    g_object_unref(g);
    g_object_unref(p);
    g_free(m);
}

static void test_same_bytes_and_no_folder_name(void **state)
{
    fixture *f = *state;
    char *a = manifest(f, NULL);
    char *b = manifest(f, NULL);
    assert_string_equal(a, b);
    /* The output folder's name never appears (builds into different folders
     * must give identical manifests); the input path does, as given. */
    char *out = g_build_filename(f->dir, "out", NULL);
    assert_null(strstr(a, out));
    g_free(out);
    assert_true(g_str_has_suffix(a, "}\n"));
    g_free(a);
    g_free(b);
}

static void test_warnings_listed(void **state)
{
    fixture *f = *state;
    sp_diags w = {0};
    sp_diags_warning(&w, "in.csv", 3, 4, "unknown column \"x\"");
    sp_diags_error(&w, "ignored.csv", 1, 1, "errors are not warnings");
    char *m = manifest(f, &w);
    assert_non_null(strstr(m, "\"warnings\" : [\n    \"in.csv:3:4: warning: unknown column \\\"x\\\"\"\n  ]"));
    assert_null(strstr(m, "ignored.csv"));
    g_free(m);
    sp_diags_free(&w);
}

static void test_config_checksum(void **state)
{
    fixture *f = *state;
    put(f->dir, "pub.ini", "abc");
    f->s.config_path = g_build_filename(f->dir, "pub.ini", NULL);
    char *m = manifest(f, NULL);
    assert_non_null(strstr(m, "\"sha256\" : \"" SHA_ABC "\",\n    \"settings\""));
    g_free(m);
}

/* With a config, every path is written relative to the config's folder
 * (the config itself by its name), so the manifest holds no absolute path
 * and is the same wherever the set-up lives; warnings name files the same
 * way. */
static void test_paths_relative_to_config(void **state)
{
    fixture *f = *state;
    put(f->dir, "conf/pub.ini", "abc");
    f->s.config_path = g_build_filename(f->dir, "conf", "pub.ini", NULL);
    put(f->dir, "conf/templates/briefing.md", "abc");
    g_free(f->s.templates_dir);
    f->s.templates_dir = g_build_filename(f->dir, "conf", "templates", NULL);
    f->s.make_profiles = false;
    f->s.previous_dir = g_build_filename(f->dir, "out", NULL);
    sp_diags w = {0};
    sp_diags_warning(&w, f->input, 3, 4, "unknown column \"x\"");
    char *m = manifest(f, &w);
    assert_non_null(strstr(m, "\"file\" : \"pub.ini\""));
    assert_non_null(strstr(m, "\"templates\" : \"templates\""));
    assert_non_null(strstr(m, "\"previous\" : \"../out\""));
    /* each template read, with its SHA-256: a customised template leaves a trace */
    assert_non_null(strstr(m, "\"templates\" : [\n    {\n      \"path\" : \"templates/briefing.md\",\n"
                              "      \"sha256\" : \"" SHA_ABC "\""));
    assert_non_null(strstr(m, "\"path\" : \"../inspections.csv\""));
    assert_non_null(strstr(m, "\"../inspections.csv:3:4: warning: unknown column"));
    assert_null(strstr(m, f->dir));
    g_free(m);
    sp_diags_free(&w);
}

static void test_unreadable_input_fails(void **state)
{
    fixture *f = *state;
    g_free(f->ds->inputs[0].path);
    f->ds->inputs[0].path = g_strdup("/nonexistent/inspections.csv");
    char *out = g_build_filename(f->dir, "out", NULL);
    sp_diags errors = {0};
    assert_null(sp_manifest_json(&f->s, f->ds, 20210331, out, NULL, &errors, NULL));
    assert_int_equal(sp_diags_count(&errors, SP_DIAG_ERROR), 1);
    assert_string_equal(errors.items[0].file, "/nonexistent/inspections.csv");
    sp_diags_free(&errors);
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_outputs_sorted_with_checksums, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outputs_in_json_glib_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_bytes_and_no_folder_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warnings_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_checksum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_relative_to_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_input_fails, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
