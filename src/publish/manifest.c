/* manifest.c: manifest.json, the publication's own record of what went in
 * and what came out (publish.h).
 *
 * Design choice: built with json-glib's JsonBuilder, whose objects keep
 * insertion order, so the bytes depend only on the inputs and settings:
 * outputs sorted by path, no timestamps, no output folder name (two builds
 * into different folders give identical manifests). With a config file,
 * every path is written relative to the config's folder (the config by its
 * name), so a set-up gives the same manifest wherever it lives and however
 * the config was named: no absolute paths, no user names. Checksums are
 * SHA-256 from libcrypto (files.c), the outputs' computed by as many
 * threads as --jobs has processes. The outputs list, one entry per file
 * (148,000 at bench's x1000), is written as text in json-glib's layout
 * rather than built as nodes: four nodes and an object per file made the
 * step grow faster than the files (2.3 s at x1000 against 0.33 s at x300),
 * in allocations and page faults. */
#include "sendpack/publish.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "workers.h"

static void member_str(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

static void member_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

static void member_bool(JsonBuilder *b, const char *name, bool value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_boolean_value(b, value);
}

static void member_date(JsonBuilder *b, const char *name, sp_date d)
{
    char iso[16];
    sp_date_iso(d, iso, sizeof iso);
    member_str(b, name, d ? iso : NULL);
}

/* path as the manifest names it: relative to the config file's folder when
 * there is a config (lexically: ".." steps, no symbolic links followed),
 * else as given. Caller g_free()s. */
static char *shown_path(const sp_settings *s, const char *path)
{
    if (!path || !s->config_path)
        return g_strdup(path);
    char *dir = g_path_get_dirname(s->config_path);
    char *from_abs = g_canonicalize_filename(dir, NULL), *to_abs = g_canonicalize_filename(path, NULL);
    char **from = g_strsplit(from_abs, "/", -1), **to = g_strsplit(to_abs, "/", -1);
    guint i = 0;
    while (from[i] && to[i] && strcmp(from[i], to[i]) == 0)
        i++;
    GString *rel = g_string_new(NULL);
    for (guint j = i; from[j]; j++)
        if (*from[j])
            g_string_append(rel, rel->len ? "/.." : "..");
    for (guint j = i; to[j]; j++)
        if (*to[j])
            g_string_append_printf(rel, "%s%s", rel->len ? "/" : "", to[j]);
    if (!rel->len)
        g_string_append_c(rel, '.');
    g_strfreev(from);
    g_strfreev(to);
    g_free(from_abs);
    g_free(to_abs);
    g_free(dir);
    return g_string_free(rel, FALSE);
}

static void member_path(JsonBuilder *b, const sp_settings *s, const char *name, const char *path)
{
    char *shown = shown_path(s, path);
    member_str(b, name, shown);
    g_free(shown);
}

static void add_settings(JsonBuilder *b, const sp_settings *s)
{
    char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(w, sizeof w, "%g", s->width_cm);
    g_ascii_formatd(h, sizeof h, "%g", s->height_cm);
    char *size = g_strdup_printf("%sx%s", w, h);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    json_builder_set_member_name(b, "settings");
    json_builder_begin_object(b);
    member_str(b, "title", s->title);
    member_str(b, "prepared_for", s->prepared_for);
    member_str(b, "author", s->author);
    member_str(b, "status", s->illustrative ? "illustrative" : "official");
    member_date(b, "as_at", s->as_at);
    member_int(b, "first_n", s->first_n > 0 ? s->first_n : SP_FIRST_N_DEFAULT);
    member_bool(b, "charts", s->make_charts);
    member_bool(b, "briefing", s->make_briefing);
    member_bool(b, "profiles", s->make_profiles);
    member_bool(b, "workbook", s->make_workbook);
    member_bool(b, "site", s->make_site);
    member_str(b, "workbook_name", s->workbook_name);
    member_str(b, "workbook_format", sp_workbook_format_name(s->workbook_format));
    member_int(b, "dpi", (gint64)s->dpi);
    member_str(b, "size_cm", size);
    member_path(b, s, "templates", s->templates_dir);
    member_path(b, s, "previous", s->previous_dir);
    member_str(b, "source_date_epoch", epoch && *epoch ? epoch : NULL);
    json_builder_end_object(b);
    g_free(size);
}

static bool add_config(JsonBuilder *b, const sp_settings *s, sp_diags *errors)
{
    char *sum = NULL;
    if (s->config_path && !(sum = sp_file_sha256(s->config_path, NULL, errors)))
        return false;
    json_builder_set_member_name(b, "config");
    char *name = s->config_path ? g_path_get_basename(s->config_path) : NULL;
    json_builder_begin_object(b);
    member_str(b, "file", name);
    g_free(name);
    member_str(b, "sha256", sum);
    add_settings(b, s);
    json_builder_end_object(b);
    g_free(sum);
    return true;
}

static bool add_inputs(JsonBuilder *b, const sp_settings *s, const sp_dataset *ds, sp_diags *errors)
{
    json_builder_set_member_name(b, "inputs");
    json_builder_begin_array(b);
    for (size_t i = 0; ds && i < ds->n_inputs; i++) {
        const sp_input *in = &ds->inputs[i];
        size_t size = 0;
        char *sum = sp_file_sha256(in->path, &size, errors);
        if (!sum)
            return false;
        json_builder_begin_object(b);
        member_path(b, s, "path", in->path);
        member_str(b, "kind", in->kind);
        member_str(b, "sha256", sum);
        member_int(b, "size", (gint64)size);
        member_int(b, "rows", (gint64)in->rows);
        json_builder_end_object(b);
        g_free(sum);
    }
    json_builder_end_array(b);
    return true;
}

/* Each template the build read, with its SHA-256: a customised template
 * changes the output, so it must leave a trace. */
static bool add_templates(JsonBuilder *b, const sp_settings *s, sp_diags *errors)
{
    const char *names[] = {s->make_briefing || s->make_site ? "briefing.md" : NULL,
                           s->make_profiles || s->make_site ? "area-profile.md" : NULL};
    json_builder_set_member_name(b, "templates");
    json_builder_begin_array(b);
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (!names[i])
            continue;
        char *path = g_build_filename(s->templates_dir ? s->templates_dir : "templates", names[i],
                                      NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) { /* not read: the build checks first */
            g_free(path);
            continue;
        }
        size_t size = 0;
        char *sum = sp_file_sha256(path, &size, errors);
        if (sum) {
            json_builder_begin_object(b);
            member_path(b, s, "path", path);
            member_str(b, "sha256", sum);
            member_int(b, "size", (gint64)size);
            json_builder_end_object(b);
        }
        g_free(path);
        if (!sum) {
            json_builder_end_array(b);
            return false;
        }
        g_free(sum);
    }
    json_builder_end_array(b);
    return true;
}

/* The outputs' checksums, computed by several threads at once (each file
 * by one, its problems kept apart): they are most of the manifest's work
 * and the files were all written by then. */
typedef struct {
    const char *dir;
    char **files;
    size_t n;
    char **sums;      /* NULL: skipped or failed */
    size_t *sizes;
    sp_diags *diags;  /* one per file */
    gint next;        /* the next file to take (atomic) */
} checksums;

static bool listed(const char *f)
{
    return strcmp(f, "manifest.json") != 0 && strcmp(f, ".gitkeep") != 0 &&
           !SP_IS_RUN_MARKER(f);
}

static gpointer checksum_some(gpointer p)
{
    checksums *c = p;
    for (;;) {
        size_t i = (size_t)g_atomic_int_add(&c->next, 1);
        if (i >= c->n)
            return NULL;
        if (!listed(c->files[i]))
            continue;
        char *full = g_build_filename(c->dir, c->files[i], NULL);
        c->sums[i] = sp_file_sha256(full, &c->sizes[i], &c->diags[i]);
        g_free(full);
    }
}

/* s as json-glib writes a string: as it is when it holds nothing json-glib
 * escapes (printable ASCII but the quote and the backslash, or bytes of
 * UTF-8 beyond ASCII), which every name sendpack gives a file does; else
 * json-glib's own writing of it. */
static void json_string_into(GString *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && ((*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') || *p >= 0x80))
        p++;
    if (!*p) {
        g_string_append_c(out, '"');
        g_string_append(out, s);
        g_string_append_c(out, '"');
        return;
    }
    JsonNode *n = json_node_init_string(json_node_alloc(), s);
    char *text = json_to_string(n, FALSE);
    g_string_append(out, text);
    g_free(text);
    json_node_unref(n);
}

/* The outputs as the text of a JSON array, laid out as json-glib's pretty
 * generator (indent 2) lays out an array of objects one level down; false
 * when a file could not be checksummed (the problem is in errors). */
static bool add_outputs(GString *out, const sp_settings *s, const char *dir, sp_diags *errors,
                        size_t *n_listed)
{
    char **files = sp_tree_list(dir);
    checksums c = {dir, files, g_strv_length(files), NULL, NULL, NULL, 0};
    c.sums = g_new0(char *, c.n + 1);
    c.sizes = g_new0(size_t, c.n + 1);
    c.diags = g_new0(sp_diags, c.n + 1);
    /* as many threads as --jobs processes (with --jobs 1, none but this one) */
    int jobs = sp_tasks_jobs(s->jobs);
    size_t helpers = MIN((size_t)MAX(jobs, 1) - 1, c.n / 8);
    GThread **threads = g_new0(GThread *, helpers + 1);
    for (size_t t = 0; t < helpers; t++)
        threads[t] = g_thread_new("checksums", checksum_some, &c);
    checksum_some(&c);
    for (size_t t = 0; t < helpers; t++)
        g_thread_join(threads[t]);
    g_free(threads);

    bool ok = true;
    for (size_t i = 0; ok && i < c.n; i++) {
        if (!listed(files[i]))
            continue;
        sp_diags_take(errors, &c.diags[i]);
        if (c.sums[i]) {
            g_string_append(out, *n_listed ? ",\n    {\n      \"path\" : " : "[\n    {\n      \"path\" : ");
            json_string_into(out, files[i]);
            g_string_append_printf(out, ",\n      \"sha256\" : \"%s\",\n      \"size\" : %" G_GUINT64_FORMAT
                                   "\n    }", c.sums[i], (guint64)c.sizes[i]);
            (*n_listed)++;
        }
        ok = c.sums[i] != NULL;
    }
    g_string_append(out, *n_listed ? "\n  ]" : "[]");
    for (size_t i = 0; i < c.n; i++) {
        g_free(c.sums[i]);
        sp_diags_free(&c.diags[i]);
    }
    g_free(c.sums);
    g_free(c.sizes);
    g_free(c.diags);
    g_strfreev(files);
    return ok;
}

char *sp_manifest_json(const sp_settings *s, const sp_dataset *ds, sp_date as_at,
                       const char *dir, const sp_diags *warnings, sp_diags *errors,
                       size_t *n_outputs)
{
    size_t n_listed = 0;
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    member_str(b, "schema", "sendpack.manifest/1");
    member_str(b, "sendpack_version", SENDPACK_VERSION);
    member_date(b, "as_at", as_at);
    GString *outputs = g_string_new(NULL);
    bool ok = add_config(b, s, errors) && add_inputs(b, s, ds, errors) &&
              add_templates(b, s, errors) && add_outputs(outputs, s, dir, errors, &n_listed);
    if (n_outputs)
        *n_outputs = n_listed;
    char *text = NULL;
    if (ok) {
        /* an empty array here, replaced by the outputs' text below */
        json_builder_set_member_name(b, "outputs");
        json_builder_begin_array(b);
        json_builder_end_array(b);
        json_builder_set_member_name(b, "warnings");
        json_builder_begin_array(b);
        for (size_t i = 0; warnings && i < warnings->n; i++) {
            if (warnings->items[i].level != SP_DIAG_WARNING)
                continue;
            sp_diag shown = warnings->items[i];
            shown.file = shown_path(s, shown.file);
            char *line = sp_diag_format(&shown);
            g_free(shown.file);
            json_builder_add_string_value(b, line);
            g_free(line);
        }
        json_builder_end_array(b);
        json_builder_end_object(b);
        JsonGenerator *gen = json_generator_new();
        json_generator_set_pretty(gen, TRUE);
        json_generator_set_indent(gen, 2);
        JsonNode *root = json_builder_get_root(b);
        json_generator_set_root(gen, root);
        char *body = json_generator_to_data(gen, NULL);
        /* top-level members are the only text on a line after two spaces:
         * inside a string a line end is written \n */
        static const char slot[] = "\n  \"outputs\" : []";
        char *at = strstr(body, slot);
        GString *all = g_string_sized_new(strlen(body) + outputs->len + 2);
        if (at) {
            g_string_append_len(all, body, at - body + (gssize)strlen(slot) - 2);
            g_string_append_len(all, outputs->str, (gssize)outputs->len);
            g_string_append(all, at + strlen(slot));
            g_string_append_c(all, '\n');
            text = g_string_free(all, FALSE);
        } else {
            sp_diags_error(errors, NULL, 0, 0, "internal: the manifest has no outputs list");
            g_string_free(all, TRUE);
        }
        g_free(body);
        json_node_unref(root);
        g_object_unref(gen);
    }
    g_object_unref(b);
    g_string_free(outputs, TRUE);
    return text;
}
