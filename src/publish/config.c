/* config.c: the publication config file (config.h).
 *
 * Design choice: GKeyFile reads the values (escapes, ';' lists), but it
 * keeps no line numbers, so a small line scanner walks the text first: it
 * checks every line's shape, every group and key against the table of known
 * keys, and remembers where each key sits so that a bad value can be
 * reported as file:line:column too. Every problem (bad lines, unknown groups
 * and keys, bad values) is reported in one pass; with any of them the load
 * returns 2 and the caller stops, so a broken config never half-configures
 * a run. */
#include "sendpack/config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "sendpack/date.h"

typedef enum {
    K_TEXT,      /* any string; empty clears it where that makes sense */
    K_STATUS,    /* illustrative | official */
    K_DATE,      /* YYYY-MM-DD (any sp_date_parse spelling) */
    K_COUNT,     /* whole number >= 1 */
    K_DPI,       /* whole number 36..2400 */
    K_JOBS,      /* whole number 1..SP_JOBS_MAX */
    K_SIZE,      /* WxH centimetres */
    K_BOOL,      /* true | false | yes | no | 1 | 0 */
    K_FILENAME,  /* a plain file name ending .xlsx or .ods, no folder */
    K_WBFORMAT,  /* xlsx | ods | both */
    K_DIR,       /* a folder, relative to the config file */
    K_FILE,      /* a file, relative to the config file */
    K_FILES      /* ';'-separated files, relative to the config file */
} key_kind;

typedef struct {
    const char *group;
    const char *key;
    key_kind kind;
} known_key;

/* In the order they are applied: a data folder before single files. */
static const known_key KEYS[] = {
    {"publication", "title", K_TEXT},
    {"publication", "prepared-for", K_TEXT},
    {"publication", "author", K_TEXT},
    {"publication", "status", K_STATUS},
    {"publication", "as-at", K_DATE},
    {"publication", "first-n", K_COUNT},
    {"inputs", "data", K_DIR},
    {"inputs", "inspections", K_FILES},
    {"inputs", "funding", K_FILE},
    {"inputs", "interventions", K_FILE},
    {"inputs", "areas", K_FILE},
    {"inputs", "sen2", K_FILE},
    {"inputs", "dsg", K_FILES},
    {"inputs", "hexmap", K_FILE},
    {"outputs", "out", K_DIR},
    {"outputs", "previous", K_DIR},
    {"outputs", "templates", K_DIR},
    {"outputs", "charts", K_BOOL},
    {"outputs", "briefing", K_BOOL},
    {"outputs", "profiles", K_BOOL},
    {"outputs", "workbook", K_BOOL},
    {"outputs", "site", K_BOOL},
    {"outputs", "workbook-name", K_FILENAME},
    {"outputs", "workbook-format", K_WBFORMAT},
    {"outputs", "dpi", K_DPI},
    {"outputs", "jobs", K_JOBS},
    {"outputs", "size", K_SIZE},
};

static const char *const GROUPS[] = {"publication", "inputs", "outputs"};

/* Where a key was found in the file. */
typedef struct {
    int line;
    int key_col;
    int value_col;
} key_pos;

static const known_key *find_key(const char *group, const char *key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(KEYS); i++)
        if (strcmp(KEYS[i].group, group) == 0 && strcmp(KEYS[i].key, key) == 0)
            return &KEYS[i];
    return NULL;
}

static bool known_group(const char *g)
{
    for (size_t i = 0; i < G_N_ELEMENTS(GROUPS); i++)
        if (strcmp(GROUPS[i], g) == 0)
            return true;
    return false;
}

/* "As_At" -> "as-at", to suggest the right spelling. */
static char *key_norm(const char *key)
{
    char *k = g_ascii_strdown(key, -1);
    for (char *p = k; *p; p++)
        if (*p == '_' || *p == ' ')
            *p = '-';
    return k;
}

static void report_unknown_key(sp_diags *d, const char *path, int line, int col,
                               const char *group, const char *key)
{
    char *norm = key_norm(key);
    const known_key *same = find_key(group, norm);
    const char *elsewhere = NULL;
    for (size_t i = 0; !same && i < G_N_ELEMENTS(KEYS); i++)
        if (strcmp(KEYS[i].key, norm) == 0)
            elsewhere = KEYS[i].group;
    GString *known = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(KEYS); i++)
        if (strcmp(KEYS[i].group, group) == 0)
            g_string_append_printf(known, "%s%s", known->len ? ", " : "", KEYS[i].key);
    if (same)
        sp_diags_error(d, path, line, col, "unknown key \"%s\" in [%s]; did you mean \"%s\"?",
                       key, group, same->key);
    else if (elsewhere)
        sp_diags_error(d, path, line, col, "unknown key \"%s\" in [%s]; it belongs in [%s]",
                       key, group, elsewhere);
    else
        sp_diags_error(d, path, line, col, "unknown key \"%s\" in [%s]; known keys: %s", key,
                       group, known->str);
    g_string_free(known, TRUE);
    g_free(norm);
}

/* Walk the text line by line: shape, groups, keys, duplicates. Fills pos
 * ("group/key" -> key_pos) and clean: the text with every line that is not
 * a known group or the first of a known key blanked (so line numbers stay),
 * for GKeyFile to read the values even when other lines are wrong. Returns
 * the number of errors added. */
static int scan_lines(const char *path, const char *text, GHashTable *pos, GString *clean,
                      sp_diags *d)
{
    size_t before = sp_diags_count(d, SP_DIAG_ERROR);
    char **lines = g_strsplit(text, "\n", -1);
    char *group = NULL;
    bool group_ok = false;
    for (int i = 0; lines[i]; i++) {
        int lineno = i + 1;
        char *raw = lines[i];
        if (i == 0 && g_str_has_prefix(raw, "\xEF\xBB\xBF"))
            raw += 3;
        size_t len = strlen(raw);
        if (len && raw[len - 1] == '\r')
            raw[len - 1] = '\0';
        const char *p = raw;
        while (*p == ' ' || *p == '\t')
            p++;
        int col = (int)(p - raw) + 1;
        if (i > 0)
            g_string_append_c(clean, '\n');
        if (*p == '\0' || *p == '#')
            continue;
        if (*p == '[') {
            const char *end = strchr(p, ']');
            const char *after = end ? end + 1 : NULL;
            while (after && (*after == ' ' || *after == '\t'))
                after++;
            if (!end || *after != '\0') {
                sp_diags_error(d, path, lineno, col, "expected a group such as [publication], found \"%s\"", p);
                group_ok = false;
                continue;
            }
            g_free(group);
            group = g_strndup(p + 1, (gsize)(end - p - 1));
            group_ok = known_group(group);
            if (group_ok)
                g_string_append_printf(clean, "[%s]", group);
            if (!group_ok)
                sp_diags_error(d, path, lineno, col,
                               "unknown group [%s]; expected [publication], [inputs] or [outputs]",
                               group);
            continue;
        }
        const char *eq = strchr(p, '=');
        if (!eq) {
            sp_diags_error(d, path, lineno, col,
                           "expected \"key = value\", a [group] or a # comment, found \"%s\"", p);
            continue;
        }
        char *key = g_strstrip(g_strndup(p, (gsize)(eq - p)));
        const char *v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        if (!group) {
            sp_diags_error(d, path, lineno, col, "key \"%s\" comes before any [group]", key);
        } else if (group_ok && !find_key(group, key)) {
            report_unknown_key(d, path, lineno, col, group, key);
        } else if (group_ok) {
            char *name = g_strdup_printf("%s/%s", group, key);
            key_pos *seen = g_hash_table_lookup(pos, name);
            if (seen) {
                sp_diags_error(d, path, lineno, col, "key \"%s\" given twice in [%s] (first on line %d)",
                               key, group, seen->line);
                g_free(name);
            } else {
                key_pos *kp = g_new(key_pos, 1);
                *kp = (key_pos){lineno, col, (int)(v - raw) + 1};
                g_hash_table_insert(pos, name, kp);
                g_string_append(clean, p);
            }
        }
        g_free(key);
    }
    g_free(group);
    g_strfreev(lines);
    return (int)(sp_diags_count(d, SP_DIAG_ERROR) - before);
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "1"}, *const no[] = {"false", "no", "0"};
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(v, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (g_ascii_strcasecmp(v, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* Whole number in [lo, hi]. */
static bool parse_int(const char *v, long lo, long hi, long *out)
{
    gint64 n;
    if (!g_ascii_string_to_signed(v, 10, lo, hi, &n, NULL))
        return false;
    *out = (long)n;
    return true;
}

bool sp_config_parse_size(const char *text, double *w, double *h)
{
    if (!text)
        return false;
    char *end;
    double a = g_ascii_strtod(text, &end);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    const char *second = end + 1;
    double b = g_ascii_strtod(second, &end);
    if (end == second || *end != '\0' || !isfinite(a) || !isfinite(b) || a <= 0 || b <= 0 ||
        a > 100 || b > 100)
        return false;
    *w = a;
    *h = b;
    return true;
}

char *sp_config_resolve_path(const char *dir, const char *path)
{
    bool absolute = g_path_is_absolute(path);
    char *joined = absolute || !dir || !*dir || strcmp(dir, ".") == 0
                       ? g_strdup(path)
                       : g_build_filename(dir, path, NULL);
    bool abs_joined = g_path_is_absolute(joined);
    char **parts = g_strsplit(joined, "/", -1);
    GPtrArray *stack = g_ptr_array_new();
    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];
        if (!*p || strcmp(p, ".") == 0)
            continue;
        if (strcmp(p, "..") == 0) {
            if (stack->len && strcmp(g_ptr_array_index(stack, stack->len - 1), "..") != 0) {
                g_ptr_array_remove_index(stack, stack->len - 1);
                continue;
            }
            if (abs_joined)
                continue; /* "/.." is "/" */
        }
        g_ptr_array_add(stack, (gpointer)p);
    }
    GString *out = g_string_new(abs_joined ? "/" : "");
    for (guint i = 0; i < stack->len; i++)
        g_string_append_printf(out, "%s%s", i ? "/" : "", (const char *)g_ptr_array_index(stack, i));
    if (!out->len)
        g_string_append_c(out, '.');
    g_ptr_array_free(stack, TRUE);
    g_strfreev(parts);
    g_free(joined);
    return g_string_free(out, FALSE);
}

static void set_str(char **slot, const char *v)
{
    g_free(*slot);
    *slot = *v ? g_strdup(v) : NULL;
}

typedef struct {
    const char *path;
    char *dir;
    sp_settings *s;
    sp_inputs *in;
    bool has_inputs;
    sp_diags *d;
} apply_state;

static void append_inspections(sp_inputs *in, char *file)
{
    in->inspections = g_renew(char *, in->inspections, in->n_inspections + 1);
    in->inspections[in->n_inspections++] = file;
}

/* A file named "data.ods#Sheet name" (a spreadsheet's sheet) that exists. */
static bool existing_sheet(const char *p)
{
    const char *hash = strrchr(p, '#');
    if (!hash || hash == p || !hash[1])
        return false;
    char *file = g_strndup(p, (gsize)(hash - p));
    bool ok = g_file_test(file, G_FILE_TEST_IS_REGULAR);
    g_free(file);
    return ok;
}

/* A path named by the config must exist: say so at the key's line rather
 * than leave it to the loader, which cannot point into the config. A file
 * may end "#Sheet name" to pick a spreadsheet's sheet. */
static char *existing(apply_state *st, const key_pos *kp, const char *v, bool want_dir)
{
    char *p = sp_config_resolve_path(st->dir, v);
    bool ok = g_file_test(p, want_dir ? G_FILE_TEST_IS_DIR : G_FILE_TEST_IS_REGULAR) ||
              (!want_dir && existing_sheet(p));
    if (!ok) {
        sp_diags_error(st->d, st->path, kp->line, kp->value_col, "%s \"%s\" not found (looked for %s)",
                       want_dir ? "folder" : "file", v, p);
        g_free(p);
        return NULL;
    }
    return p;
}

static void apply_path(apply_state *st, const known_key *k, const key_pos *kp, const char *v)
{
    sp_settings *s = st->s;
    if (strcmp(k->key, "out") == 0) {
        if (!*v)
            sp_diags_error(st->d, st->path, kp->line, kp->value_col, "out must name a folder");
        else {
            g_free(s->out_dir);
            s->out_dir = sp_config_resolve_path(st->dir, v);
        }
    } else if (strcmp(k->key, "previous") == 0) {
        g_free(s->previous_dir);
        s->previous_dir = *v ? sp_config_resolve_path(st->dir, v) : NULL;
    } else if (strcmp(k->key, "templates") == 0) {
        char *p = *v ? existing(st, kp, v, true) : NULL;
        if (p) {
            g_free(s->templates_dir);
            s->templates_dir = p;
        }
    } else if (strcmp(k->key, "data") == 0 && *v) {
        char *p = existing(st, kp, v, true);
        if (p && sp_inputs_from_dir(st->in, p, st->d) == 0)
            st->has_inputs = true;
        g_free(p);
    } else if (*v) {
        char *p = existing(st, kp, v, false);
        if (!p)
            return;
        if (strcmp(k->key, "hexmap") == 0) { /* a layout alone is no input data */
            g_free(st->in->hexmap);
            st->in->hexmap = p;
            return;
        }
        st->has_inputs = true;
        char **slot = strcmp(k->key, "funding") == 0 ? &st->in->funding
                      : strcmp(k->key, "interventions") == 0 ? &st->in->interventions
                      : strcmp(k->key, "sen2") == 0 ? &st->in->sen2
                                                              : &st->in->areas;
        g_free(*slot);
        *slot = p;
    }
}

static void apply_key(apply_state *st, GKeyFile *kf, const known_key *k, const key_pos *kp)
{
    sp_settings *s = st->s;
    GError *err = NULL;
    if (k->kind == K_FILES) {
        gsize n = 0;
        char **list = g_key_file_get_string_list(kf, k->group, k->key, &n, &err);
        for (gsize i = 0; list && i < n; i++) {
            char *v = g_strstrip(list[i]);
            if (!*v)
                continue;
            char *p = existing(st, kp, v, false);
            if (p && strcmp(k->key, "dsg") == 0) {
                st->in->dsg = g_renew(char *, st->in->dsg, st->in->n_dsg + 1);
                st->in->dsg[st->in->n_dsg++] = p;
                st->has_inputs = true;
            } else if (p) {
                append_inspections(st->in, p);
                st->has_inputs = true;
            }
        }
        g_strfreev(list);
        g_clear_error(&err);
        return;
    }
    char *raw = g_key_file_get_string(kf, k->group, k->key, &err);
    if (!raw) {
        sp_diags_error(st->d, st->path, kp->line, kp->value_col, "%s", err ? err->message : "unreadable value");
        g_clear_error(&err);
        return;
    }
    char *v = g_strstrip(raw);
    int line = kp->line, col = kp->value_col;
    bool b;
    long n;
    double w, h;
    sp_date date;
    switch (k->kind) {
    case K_TEXT:
        if (strcmp(k->key, "title") == 0) {
            if (!*v)
                sp_diags_error(st->d, st->path, line, col, "title must not be empty");
            else
                set_str(&s->title, v);
        } else if (strcmp(k->key, "prepared-for") == 0) {
            set_str(&s->prepared_for, v);
        } else {
            set_str(&s->author, v);
        }
        break;
    case K_STATUS:
        if (g_ascii_strcasecmp(v, "illustrative") == 0)
            s->illustrative = true;
        else if (g_ascii_strcasecmp(v, "official") == 0)
            s->illustrative = false;
        else
            sp_diags_error(st->d, st->path, line, col, "expected illustrative or official, found \"%s\"", v);
        break;
    case K_DATE:
        if (!*v)
            s->as_at = 0;
        else if (sp_date_parse_as_at(v, &date))
            s->as_at = date;
        else
            sp_diags_error(st->d, st->path, line, col, "expected " SP_AS_AT_EXPECTED ", found \"%s\"", v);
        break;
    case K_COUNT:
        if (parse_int(v, 1, 1000000, &n))
            s->first_n = (int)n;
        else
            sp_diags_error(st->d, st->path, line, col, "expected a whole number of at least 1, found \"%s\"", v);
        break;
    case K_DPI:
        if (parse_int(v, 36, 2400, &n))
            s->dpi = (double)n;
        else
            sp_diags_error(st->d, st->path, line, col, "expected a whole number from 36 to 2400, found \"%s\"", v);
        break;
    case K_JOBS:
        if (parse_int(v, 1, SP_JOBS_MAX, &n))
            s->jobs = (int)n;
        else
            sp_diags_error(st->d, st->path, line, col, "expected a whole number from 1 to %d, found \"%s\"",
                           SP_JOBS_MAX, v);
        break;
    case K_SIZE:
        if (sp_config_parse_size(v, &w, &h)) {
            s->width_cm = w;
            s->height_cm = h;
        } else {
            sp_diags_error(st->d, st->path, line, col,
                           "expected width x height in centimetres such as 16x10, found \"%s\"", v);
        }
        break;
    case K_BOOL:
        if (!parse_bool(v, &b))
            sp_diags_error(st->d, st->path, line, col, "expected true or false, found \"%s\"", v);
        else if (strcmp(k->key, "charts") == 0)
            s->make_charts = b;
        else if (strcmp(k->key, "briefing") == 0)
            s->make_briefing = b;
        else if (strcmp(k->key, "profiles") == 0)
            s->make_profiles = b;
        else if (strcmp(k->key, "site") == 0)
            s->make_site = b;
        else
            s->make_workbook = b;
        break;
    case K_FILENAME:
        /* As --workbook: a name like figures.json would be overwritten by
         * the build's own files. */
        if (!sp_workbook_name_valid(v))
            sp_diags_error(st->d, st->path, line, col,
                           "expected a file name ending .xlsx or .ods, without a folder, such as "
                           "sendpack.xlsx, found \"%s\"", v);
        else
            set_str(&s->workbook_name, v);
        break;
    case K_WBFORMAT:
        if (!sp_workbook_format_parse(v, &s->workbook_format))
            sp_diags_error(st->d, st->path, line, col, "expected xlsx, ods or both, found \"%s\"", v);
        break;
    case K_DIR:
    case K_FILE:
        apply_path(st, k, kp, v);
        break;
    case K_FILES:
        break;
    }
    g_free(raw);
}

/* The problems added from index first on, in line order (stable), so that
 * one pass reads like the file. */
static void sort_by_line(sp_diags *d, size_t first)
{
    for (size_t i = first + 1; i < d->n; i++) {
        sp_diag x = d->items[i];
        size_t j = i;
        while (j > first && d->items[j - 1].line > x.line) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

int sp_config_load(const char *path, sp_settings *s, sp_inputs *in, bool *has_inputs,
                   sp_diags *diags)
{
    if (has_inputs)
        *has_inputs = false;
    char *text = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &len, &err)) {
        sp_diags_error(diags, path, 0, 0, "cannot read: %s", err->message);
        g_error_free(err);
        return 2;
    }
    if (!g_utf8_validate(text, (gssize)len, NULL) || strlen(text) != len) {
        sp_diags_error(diags, path, 0, 0, "not a UTF-8 text file");
        g_free(text);
        return 2;
    }
    GHashTable *pos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GString *clean = g_string_new(NULL);
    int rc = 0;
    /* Bad lines, groups and keys do not stop the values being checked: every
     * problem is reported in one pass, and the caller stops on any. */
    size_t before = sp_diags_count(diags, SP_DIAG_ERROR), first = diags->n;
    scan_lines(path, text, pos, clean, diags);
    GKeyFile *kf = g_key_file_new();
    if (!g_key_file_load_from_data(kf, clean->str, (gsize)-1, G_KEY_FILE_NONE, &err)) {
        sp_diags_error(diags, path, 0, 0, "%s", err->message);
        g_error_free(err);
        g_key_file_free(kf);
        rc = 2;
        goto done;
    }
    apply_state st = {path, g_path_get_dirname(path), s, in, false, diags};
    for (size_t i = 0; i < G_N_ELEMENTS(KEYS); i++) {
        char *name = g_strdup_printf("%s/%s", KEYS[i].group, KEYS[i].key);
        const key_pos *kp = g_hash_table_lookup(pos, name);
        g_free(name);
        if (kp)
            apply_key(&st, kf, &KEYS[i], kp);
    }
    g_key_file_free(kf);
    g_free(st.dir);
    if (has_inputs)
        *has_inputs = st.has_inputs;
    g_free(s->config_path);
    s->config_path = g_strdup(path);
    if (sp_diags_count(diags, SP_DIAG_ERROR) > before)
        rc = 2;
    sort_by_line(diags, first);
done:
    g_string_free(clean, TRUE);
    g_hash_table_destroy(pos);
    g_free(text);
    return rc;
}
