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

/* s made valid UTF-8, cut to 40 characters ("..." marks a cut), between
 * quote marks q. Caller g_free()s. */
static char *cut_text(const char *s, const char *q)
{
    char *valid = g_utf8_make_valid(s, -1);
    const char *more = "";
    if (g_utf8_strlen(valid, -1) > 40) {
        *g_utf8_offset_to_pointer(valid, 40) = '\0';
        more = "...";
    }
    char *out = g_strdup_printf("%s%s%s%s", q, valid, more, q);
    g_free(valid);
    return out;
}

/* A JSON value as the type json-glib holds it, for messages: "5", "a list". */
static char *node_text(JsonNode *v)
{
    if (!v || JSON_NODE_HOLDS_NULL(v))
        return g_strdup("null");
    if (JSON_NODE_HOLDS_OBJECT(v))
        return g_strdup("an object");
    if (JSON_NODE_HOLDS_ARRAY(v))
        return g_strdup("a list");
    GType t = json_node_get_value_type(v);
    if (t == G_TYPE_STRING)
        return cut_text(json_node_get_string(v), "\"");
    if (t == G_TYPE_BOOLEAN)
        return g_strdup(json_node_get_boolean(v) ? "true" : "false");
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.17g", json_node_get_double(v)));
}

static bool holds_string(JsonNode *v)
{
    return v && JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) == G_TYPE_STRING;
}

static bool holds_number(JsonNode *v)
{
    if (!v || !JSON_NODE_HOLDS_VALUE(v))
        return false;
    GType t = json_node_get_value_type(v);
    return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* Member name of obj as a string, or fallback when absent (or null when
 * allowed); an error naming the member, what was expected and what was
 * found, when it holds anything else. */
static bool string_member(JsonObject *obj, const char *member, const char *fallback,
                          const char **out, const char *file, const char *where, sp_diags *d)
{
    JsonNode *v = json_object_get_member(obj, member);
    if (!v || JSON_NODE_HOLDS_NULL(v)) {
        *out = fallback;
        return true;
    }
    if (holds_string(v)) {
        *out = json_node_get_string(v);
        return true;
    }
    char *found = node_text(v);
    sp_diags_error(d, file, 0, 0, "not a figures.json file: %s\"%s\" is %s, expected text", where,
                   member, found);
    g_free(found);
    *out = fallback;
    return false;
}

/* Largest magnitude a count or an amount in pounds may have: beyond 2^53
 * doubles stop counting in ones, and no SEND figure comes near. */
#define SP_FIGURE_MAX 9007199254740992.0

/* The value of a figure: NAN for null; an error naming the figure when the
 * value is of the wrong type or out of range for its unit (a proportion is
 * between 0 and 1, a count or amount finite and below 2^53, a date ISO). */
static bool value_of(JsonNode *v, sp_unit unit, bool change, double *out, const char *file,
                     const char *where, sp_diags *d)
{
    *out = NAN;
    if (!v || JSON_NODE_HOLDS_NULL(v))
        return true;
    const char *expected = NULL;
    if (unit == SP_UNIT_DATE) {
        sp_date dt;
        if (holds_string(v) && sp_date_parse(json_node_get_string(v), &dt)) {
            *out = (double)dt;
            return true;
        }
        expected = "a date such as \"2021-03-31\" or null";
    } else if (holds_number(v)) {
        double x = json_node_get_double(v);
        if (unit == SP_UNIT_PROPORTION && ((x >= 0 && x <= 1) || (change && isfinite(x)))) {
            *out = x;
            return true;
        }
        if (unit != SP_UNIT_PROPORTION && isfinite(x) && fabs(x) <= SP_FIGURE_MAX) {
            *out = x;
            return true;
        }
        expected = unit == SP_UNIT_PROPORTION ? "a proportion from 0 to 1"
                                              : "a number below 9,007,199,254,740,992";
    } else {
        expected = "a number or null";
    }
    char *found = node_text(v);
    sp_diags_error(d, file, 0, 0, "not a figures.json file: %s\"value\" is %s, expected %s", where,
                   found, expected);
    g_free(found);
    return false;
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

/* At most this many problems are listed for one file. */
#define MAX_TABLE_PROBLEMS 10

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
    JsonNode *schema = obj ? json_object_get_member(obj, "schema") : NULL;
    JsonNode *figures = obj ? json_object_get_member(obj, "figures") : NULL;
    if (!obj || !holds_string(schema) ||
        strcmp(json_node_get_string(schema), "sendpack.figures/1") != 0 || !figures ||
        !JSON_NODE_HOLDS_ARRAY(figures)) {
        char *found = !obj ? g_strdup("") : !schema ? g_strdup(", found no \"schema\"")
                                                    : NULL;
        if (!found) {
            char *s = node_text(schema);
            found = g_strdup_printf(", found \"schema\": %s", s);
            g_free(s);
        }
        if (obj && !*found && (!figures || !JSON_NODE_HOLDS_ARRAY(figures))) {
            g_free(found);
            found = g_strdup(", found no \"figures\" list");
        }
        sp_diags_error(d, name, 0, 0,
                       "not a figures.json file: expected an object with \"schema\": "
                       "\"sendpack.figures/1\" and a \"figures\" list%s", found);
        g_free(found);
        return false;
    }
    size_t errors = sp_diags_count(d, SP_DIAG_ERROR), problems = 0;
    const char *as_at = "";
    if (string_member(obj, "as_at", "", &as_at, name, "", d) && *as_at &&
        !sp_date_parse(as_at, &t->as_at))
    {
        char *cut = cut_text(as_at, "\"");
        sp_diags_error(d, name, 0, 0, "not a figures.json file: \"as_at\" is %s, expected a date "
                       "such as \"2021-03-31\"", cut);
        g_free(cut);
    }
    JsonArray *arr = json_node_get_array(figures);
    guint n = json_array_get_length(arr);
    t->items = g_new0(fig_entry, n ? n : 1);
    t->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    bool stopped = false;
    for (guint i = 0; i < n; i++) {
        if (sp_diags_count(d, SP_DIAG_ERROR) - errors >= MAX_TABLE_PROBLEMS) {
            stopped = true;
            break;
        }
        JsonNode *node = json_array_get_element(arr, i);
        char *where = g_strdup_printf("figure %u: ", i + 1);
        if (!JSON_NODE_HOLDS_OBJECT(node)) {
            char *found = node_text(node);
            sp_diags_error(d, name, 0, 0, "not a figures.json file: %sexpected an object, found %s",
                           where, found);
            g_free(found);
            g_free(where);
            continue;
        }
        JsonObject *fo = json_node_get_object(node);
        fig_entry *e = &t->items[t->n];
        const char *id = NULL, *unit = NULL, *label = "";
        bool ok = string_member(fo, "id", NULL, &id, name, where, d);
        ok = string_member(fo, "unit", NULL, &unit, name, where, d) && ok;
        ok = string_member(fo, "label", "", &label, name, where, d) && ok;
        if (ok && (!id || !*id)) {
            sp_diags_error(d, name, 0, 0, "not a figures.json file: %sno \"id\"", where);
            ok = false;
        }
        if (ok && !unit) {
            sp_diags_error(d, name, 0, 0, "not a figures.json file: %sno \"unit\"", where);
            ok = false;
        } else if (ok && !unit_from_name(unit, &e->unit)) {
            char *cut = cut_text(unit, "\"");
            sp_diags_error(d, name, 0, 0, "not a figures.json file: %s\"unit\" is %s, expected "
                           "count, proportion, gbp or date", where, cut);
            g_free(cut);
            ok = false;
        }
        if (ok && g_hash_table_contains(t->by_id, id)) {
            char *cut = cut_text(id, "\"");
            sp_diags_error(d, name, 0, 0, "figure %s appears twice", cut);
            g_free(cut);
            ok = false;
        }
        /* a change as a share of the year before ("….change_share", ids_dsg.h)
         * may fall or more than double: any finite proportion */
        bool change = g_str_has_suffix(id, ".change_share") ||
                      g_str_has_suffix(id, ".median_change_share");
        if (ok && value_of(json_object_get_member(fo, "value"), e->unit, change, &e->value, name,
                           where, d)) {
            e->id = id;
            e->label = label;
            g_hash_table_insert(t->by_id, (gpointer)id, GSIZE_TO_POINTER(t->n + 1));
            t->n++;
        }
        g_free(where);
    }
    problems = sp_diags_count(d, SP_DIAG_ERROR) - errors;
    if (stopped)
        sp_diags_error(d, name, 0, 0, "(more problems not listed: the first %d are above)",
                       MAX_TABLE_PROBLEMS);
    return problems == 0;
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
        /* |delta| <= 1 for proportions read back (value_of); clamp anyway */
        long long tenths = (long long)sp_round_half_away(fmin(fabs(delta), 1e6) * 1000);
        snprintf(buf, n, "%s%lld.%lld percentage points", tenths == 0 ? "" : sign, tenths / 10,
                 tenths % 10);
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
