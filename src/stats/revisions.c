/* revisions.c (stats layer, used by publish and the briefing): what changed
 * between two publications (revisions.h).
 *
 * Design choice: both sides are compared as figures.json text, read with
 * json-glib, so `sendpack diff OLD NEW` and a build comparing itself with
 * the previous publication run the very same code, and a figure compares
 * equal exactly when the file says the same number (both sides are written
 * with the shortest round-trip decimal). Order comes from the files, never
 * from a hash table. */
#include "sendpack/csv_write.h"
#include "sendpack/revisions.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/format.h"

/* One record of a figures.json, pointing into the parsed tree. */
typedef struct {
    const char *id;
    const char *label;
    sp_unit unit;
    double value; /* NAN for null */
} fig_entry;

typedef struct {
    JsonParser *parser;
    fig_entry *items;
    size_t n;
    sp_date as_at;
    GHashTable *by_id; /* id -> index + 1 */
} fig_table;

static void table_clear(fig_table *t)
{
    if (t->by_id)
        g_hash_table_destroy(t->by_id);
    g_free(t->items);
    if (t->parser)
        g_object_unref(t->parser);
    memset(t, 0, sizeof *t);
}

static bool unit_from_name(const char *name, sp_unit *out)
{
    for (int u = SP_UNIT_COUNT; u <= SP_UNIT_DATE; u++) {
        if (strcmp(sp_unit_name((sp_unit)u), name) == 0) {
            *out = (sp_unit)u;
            return true;
        }
    }
    return false;
}

static double value_of(JsonNode *v, sp_unit unit)
{
    if (!v || JSON_NODE_HOLDS_NULL(v))
        return NAN;
    if (JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) == G_TYPE_STRING) {
        sp_date d;
        if (unit == SP_UNIT_DATE && sp_date_parse(json_node_get_string(v), &d))
            return (double)d;
        return NAN;
    }
    if (JSON_NODE_HOLDS_VALUE(v))
        return json_node_get_double(v);
    return NAN;
}

/* json-glib's "<data>:LINE:COL: Parse error: what" as name:LINE:COL: what. */
static void report_json_error(sp_diags *d, const char *name, const char *message)
{
    int line = 0, col = 0, used = 0;
    const char *what = message;
    if (sscanf(message, "<data>:%d:%d: %n", &line, &col, &used) == 2 && used > 0)
        what = message + used;
    if (g_str_has_prefix(what, "Parse error: "))
        what += strlen("Parse error: ");
    sp_diags_error(d, name, line, col, "not a figures.json file (cut short or damaged?): %s", what);
}

static bool table_parse(fig_table *t, const char *json, const char *name, sp_diags *d)
{
    GError *err = NULL;
    t->parser = json_parser_new();
    if (json[strspn(json, " \t\r\n")] == '\0') {
        sp_diags_error(d, name, 0, 0, "not a figures.json file: the file is empty");
        return false;
    }
    if (!json_parser_load_from_data(t->parser, json, -1, &err)) {
        report_json_error(d, name, err->message);
        g_error_free(err);
        return false;
    }
    JsonNode *root = json_parser_get_root(t->parser);
    JsonObject *obj = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    const char *schema = obj ? json_object_get_string_member_with_default(obj, "schema", "") : "";
    if (!obj || strcmp(schema, "sendpack.figures/1") != 0 ||
        !json_object_has_member(obj, "figures") ||
        !JSON_NODE_HOLDS_ARRAY(json_object_get_member(obj, "figures"))) {
        sp_diags_error(d, name, 0, 0,
                       "not a figures.json file: expected an object with \"schema\": "
                       "\"sendpack.figures/1\" and a \"figures\" list");
        return false;
    }
    sp_date_parse(json_object_get_string_member_with_default(obj, "as_at", ""), &t->as_at);
    JsonArray *arr = json_object_get_array_member(obj, "figures");
    guint n = json_array_get_length(arr);
    t->items = g_new0(fig_entry, n ? n : 1);
    t->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < n; i++) {
        JsonNode *node = json_array_get_element(arr, i);
        JsonObject *fo = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
        const char *id = fo ? json_object_get_string_member_with_default(fo, "id", NULL) : NULL;
        const char *unit = fo ? json_object_get_string_member_with_default(fo, "unit", "") : "";
        fig_entry *e = &t->items[t->n];
        if (!id || !unit_from_name(unit, &e->unit)) {
            sp_diags_error(d, name, 0, 0, "figure %u has no id or an unknown unit", i + 1);
            return false;
        }
        if (g_hash_table_contains(t->by_id, id)) {
            sp_diags_error(d, name, 0, 0, "figure \"%s\" appears twice", id);
            return false;
        }
        e->id = id;
        e->label = json_object_get_string_member_with_default(fo, "label", "");
        e->value = value_of(json_object_get_member(fo, "value"), e->unit);
        g_hash_table_insert(t->by_id, (gpointer)id, GSIZE_TO_POINTER(t->n + 1));
        t->n++;
    }
    return true;
}

static const fig_entry *table_get(const fig_table *t, const char *id)
{
    gsize pos = GPOINTER_TO_SIZE(g_hash_table_lookup(t->by_id, id));
    return pos ? &t->items[pos - 1] : NULL;
}

static bool same_value(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static void add(GArray *out, sp_revision_kind kind, const fig_entry *e, double old_v, double new_v)
{
    sp_revision r = {kind, g_strdup(e->id), g_strdup(e->label), e->unit, old_v, new_v};
    g_array_append_val(out, r);
}

sp_revisions *sp_revisions_compare(const char *old_json, const char *old_name,
                                   const char *new_json, const char *new_name, sp_diags *diags)
{
    fig_table a = {0}, b = {0};
    if (!table_parse(&a, old_json, old_name, diags) || !table_parse(&b, new_json, new_name, diags)) {
        table_clear(&a);
        table_clear(&b);
        return NULL;
    }
    GArray *out = g_array_new(FALSE, FALSE, sizeof(sp_revision));
    sp_revisions *r = g_new0(sp_revisions, 1);
    for (size_t i = 0; i < b.n; i++) {
        const fig_entry *old = table_get(&a, b.items[i].id);
        if (old && !same_value(old->value, b.items[i].value)) {
            add(out, SP_REVISION_CHANGED, &b.items[i], old->value, b.items[i].value);
            r->n_changed++;
        }
    }
    for (size_t i = 0; i < b.n; i++) {
        if (!table_get(&a, b.items[i].id)) {
            add(out, SP_REVISION_NEW, &b.items[i], NAN, b.items[i].value);
            r->n_new++;
        }
    }
    for (size_t i = 0; i < a.n; i++) {
        if (!table_get(&b, a.items[i].id)) {
            add(out, SP_REVISION_REMOVED, &a.items[i], a.items[i].value, NAN);
            r->n_removed++;
        }
    }
    r->n = out->len;
    r->items = (sp_revision *)g_array_free(out, FALSE);
    r->old_as_at = a.as_at;
    r->new_as_at = b.as_at;
    r->old_path = g_strdup(old_name);
    table_clear(&a);
    table_clear(&b);
    return r;
}

/* A publication folder stands for its figures.json. */
static char *figures_path(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return g_build_filename(path, "figures.json", NULL);
    return g_strdup(path);
}

sp_revisions *sp_revisions_read(const char *old_path, const char *new_path, sp_diags *diags)
{
    char *paths[2] = {figures_path(old_path), figures_path(new_path)};
    const char *given[2] = {old_path, new_path};
    char *text[2] = {NULL, NULL};
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        GError *err = NULL;
        if (g_file_test(given[i], G_FILE_TEST_IS_DIR) && !g_file_test(paths[i], G_FILE_TEST_EXISTS)) {
            sp_diags_error(diags, given[i], 0, 0,
                           "not a sendpack publication: the folder has no figures.json");
            ok = false;
        } else if (!g_file_get_contents(paths[i], &text[i], NULL, &err)) {
            sp_diags_error(diags, paths[i], 0, 0, "cannot read: %s", err->message);
            g_error_free(err);
            ok = false;
        }
    }
    sp_revisions *r = ok ? sp_revisions_compare(text[0], paths[0], text[1], paths[1], diags) : NULL;
    for (int i = 0; i < 2; i++) {
        g_free(paths[i]);
        g_free(text[i]);
    }
    return r;
}

const char *sp_revision_kind_name(sp_revision_kind k)
{
    switch (k) {
    case SP_REVISION_CHANGED: return "changed";
    case SP_REVISION_NEW: return "new";
    case SP_REVISION_REMOVED: return "removed";
    }
    return "";
}

/* The value as written in files: ISO dates, shortest decimals, "" for none. */
static char *raw_text(sp_unit unit, double v, char *buf, size_t n)
{
    if (isnan(v))
        snprintf(buf, n, "%s", "");
    else if (unit == SP_UNIT_DATE)
        sp_date_iso((sp_date)v, buf, n);
    else
        sp_fmt_number(v, buf, n);
    return buf;
}

char *sp_revision_value_text(sp_unit unit, double v, char *buf, size_t n)
{
    if (isnan(v)) {
        snprintf(buf, n, "%s", "");
        return buf;
    }
    switch (unit) {
    case SP_UNIT_PROPORTION: return sp_fmt_pct(v, buf, n);
    case SP_UNIT_GBP: return sp_fmt_gbp(v, buf, n);
    case SP_UNIT_DATE: sp_date_long((sp_date)v, buf, n); return buf;
    case SP_UNIT_COUNT: break;
    }
    if (v == floor(v))
        return sp_fmt_count(v, buf, n);
    return sp_fmt_number(v, buf, n);
}

/* A difference without the binary noise of subtraction (0.55 - 0.5 is not
 * 0.05 in doubles): 12 significant digits are more than any figure has. */
static double tidy(double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_ascii_strtod(g_ascii_formatd(buf, sizeof buf, "%.12g", v), NULL);
}

char *sp_revision_change_text(const sp_revision *r, char *buf, size_t n)
{
    snprintf(buf, n, "%s", "");
    if (r->kind != SP_REVISION_CHANGED || r->unit == SP_UNIT_DATE || isnan(r->old_value) ||
        isnan(r->new_value))
        return buf;
    double delta = tidy(r->new_value - r->old_value);
    const char *sign = delta < 0 ? "-" : "+";
    char num[64];
    switch (r->unit) {
    case SP_UNIT_PROPORTION: {
        /* percentage points to one decimal, without "-0.0" */
        double tenths = sp_round_half_away(fabs(delta) * 1000);
        snprintf(buf, n, "%s%d.%d percentage points", tenths == 0 ? "" : sign,
                 (int)tenths / 10, (int)tenths % 10);
        break;
    }
    case SP_UNIT_GBP:
        snprintf(buf, n, "%s%s", sign, sp_fmt_gbp(fabs(delta), num, sizeof num));
        break;
    default:
        if (delta == floor(delta))
            sp_fmt_count(fabs(delta), num, sizeof num);
        else
            sp_fmt_number(fabs(delta), num, sizeof num);
        snprintf(buf, n, "%s%s", sign, num);
        break;
    }
    return buf;
}

char *sp_revisions_csv(const sp_revisions *r)
{
    GString *o = g_string_new("kind,id,label,unit,old,new,change\r\n");
    for (size_t i = 0; r && i < r->n; i++) {
        const sp_revision *x = &r->items[i];
        char a[64], b[64], c[64] = "";
        raw_text(x->unit, x->old_value, a, sizeof a);
        raw_text(x->unit, x->new_value, b, sizeof b);
        if (x->kind == SP_REVISION_CHANGED && x->unit != SP_UNIT_DATE && !isnan(x->old_value) &&
            !isnan(x->new_value))
            sp_fmt_number(tidy(x->new_value - x->old_value), c, sizeof c);
        const char *row[] = {sp_revision_kind_name(x->kind), x->id, x->label,
                             sp_unit_name(x->unit), a, b, c};
        sp_csv_row(o, G_N_ELEMENTS(row), row);
    }
    return g_string_free(o, FALSE);
}

void sp_revisions_free(sp_revisions *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        g_free(r->items[i].id);
        g_free(r->items[i].label);
    }
    g_free(r->items);
    g_free(r->old_path);
    g_free(r);
}
