/* hexjson.c: a hex map layout from a HexJSON file (sp_load_hexjson), and
 * the check that every area in the data has a hex (sp_hexmap_check).
 *
 * Design choice: json-glib parses; while it parses, the line where each
 * object member ends is noted (JsonParser's object-member signal), so a bad
 * hex is reported at its own line, as a bad CSV cell is. */
#include "sendpack/load.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Lines of object members: "<object pointer>/<member>" -> line. */
typedef struct {
    GHashTable *lines;
} member_lines;

static char *member_key(JsonObject *o, const char *member)
{
    return g_strdup_printf("%p/%s", (void *)o, member);
}

static void on_member(JsonParser *p, JsonObject *o, const char *member, gpointer user)
{
    member_lines *m = user;
    g_hash_table_replace(m->lines, member_key(o, member),
                         GINT_TO_POINTER(json_parser_get_current_line(p)));
}

static int line_of(const member_lines *m, JsonObject *o, const char *member)
{
    char *k = member_key(o, member);
    int line = GPOINTER_TO_INT(g_hash_table_lookup(m->lines, k));
    g_free(k);
    return line;
}

static bool parse_layout(const char *s, sp_hex_layout *out)
{
    for (int l = SP_HEX_ODD_R; l <= SP_HEX_EVEN_Q; l++)
        if (strcmp(s, sp_hex_layout_name((sp_hex_layout)l)) == 0) {
            *out = (sp_hex_layout)l;
            return true;
        }
    return false;
}

/* An integer coordinate: a JSON integer, or a string holding one (some
 * HexJSON files quote them). */
static bool coordinate(JsonObject *hex, const char *name, int *out)
{
    JsonNode *n = json_object_get_member(hex, name);
    if (!n || !JSON_NODE_HOLDS_VALUE(n))
        return false;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_INT64) {
        gint64 v = json_node_get_int(n);
        if (v < -100000 || v > 100000)
            return false;
        *out = (int)v;
        return true;
    }
    if (t == G_TYPE_STRING) {
        const char *s = json_node_get_string(n);
        char *end = NULL;
        gint64 v = g_ascii_strtoll(s, &end, 10);
        if (!*s || (end && *end) || v < -100000 || v > 100000)
            return false;
        *out = (int)v;
        return true;
    }
    return false;
}

static const char *text_member(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
               ? json_node_get_string(n) : NULL;
}

static char *shown(JsonNode *n)
{
    if (!n)
        return g_strdup("nothing");
    char *s = json_to_string(n, FALSE);
    if (g_utf8_strlen(s, -1) > 40) {
        char *cut = g_utf8_substring(s, 0, 37);
        g_free(s);
        s = g_strdup_printf("%s...", cut);
        g_free(cut);
    }
    return s;
}

static void read_hexes(sp_dataset *ds, sp_hexmap *map, JsonObject *hexes, const char *path,
                       const member_lines *ml, sp_diags *diags, int *errors)
{
    GList *names = json_object_get_members(hexes); /* in file order */
    GHashTable *at = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GArray *out = g_array_new(FALSE, TRUE, sizeof(sp_hex));
    for (GList *l = names; l; l = l->next) {
        const char *code = l->data;
        int line = line_of(ml, hexes, code);
        JsonNode *n = json_object_get_member(hexes, code);
        if (!JSON_NODE_HOLDS_OBJECT(n)) {
            char *f = shown(n);
            sp_diags_error(diags, path, line, 0, "hex \"%s\": expected an object with q and r, "
                           "found %s", code, f);
            g_free(f);
            (*errors)++;
            continue;
        }
        JsonObject *h = json_node_get_object(n);
        int q = 0, r = 0;
        bool ok = true;
        static const char *const axes[] = {"q", "r"};
        int *vals[] = {&q, &r};
        for (int k = 0; k < 2; k++)
            if (!coordinate(h, axes[k], vals[k])) {
                char *f = shown(json_object_get_member(h, axes[k]));
                sp_diags_error(diags, path, line, 0, "hex \"%s\": expected a whole number %s, "
                               "found %s", code, axes[k], f);
                g_free(f);
                (*errors)++;
                ok = false;
            }
        if (!ok)
            continue;
        char *pos = g_strdup_printf("%d,%d", q, r);
        const char *other = g_hash_table_lookup(at, pos);
        if (other) {
            sp_diags_error(diags, path, line, 0, "hex \"%s\": expected a free place, found "
                           "q %d, r %d already taken by \"%s\"", code, q, r, other);
            (*errors)++;
            g_free(pos);
            continue;
        }
        const char *name = text_member(h, "n");
        if (!name)
            name = text_member(h, "name");
        sp_hex x = {.code = g_strdup(code), .name = g_strdup(name ? name : ""), .q = q, .r = r,
                    .line = line};
        g_array_append_val(out, x);
        g_hash_table_insert(at, pos, x.code);
    }
    g_list_free(names);
    g_hash_table_destroy(at);
    map->n_hexes = out->len;
    map->hexes = (sp_hex *)(void *)g_array_free(out, FALSE);
    (void)ds;
}

static const char *add_input(sp_dataset *ds, const char *path, size_t rows)
{
    ds->inputs = g_renew(sp_input, ds->inputs, ds->n_inputs + 1);
    sp_input *in = &ds->inputs[ds->n_inputs++];
    *in = (sp_input){.path = g_strdup(path), .kind = g_strdup("hexmap"), .rows = rows};
    return in->path;
}

int sp_load_hexjson(sp_dataset *ds, const char *path, sp_diags *diags)
{
    member_lines ml = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    JsonParser *p = json_parser_new_immutable();
    g_signal_connect(p, "object-member", G_CALLBACK(on_member), &ml);
    GError *err = NULL;
    int errors = 0;
    sp_hexmap *map = NULL;
    if (!json_parser_load_from_file(p, path, &err)) {
        /* json-glib's message starts "<file>:<line>:<col>: " for syntax errors */
        int line = 0;
        const char *m = err->message, *colon = strchr(m, ':');
        if (err->domain == JSON_PARSER_ERROR && colon && g_ascii_isdigit(colon[1])) {
            line = (int)g_ascii_strtoll(colon + 1, NULL, 10);
            const char *rest = strstr(colon, ": ");
            m = rest ? rest + 2 : m;
        }
        sp_diags_error(diags, path, line, 0, "expected a HexJSON hex map layout, found a file "
                       "that is not JSON: %s", m);
        g_error_free(err);
        errors++;
        goto done;
    }
    JsonNode *root = json_parser_get_root(p);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        sp_diags_error(diags, path, 1, 1, "expected a HexJSON object with \"layout\" and "
                       "\"hexes\", found %s", root ? json_node_type_name(root) : "nothing");
        errors++;
        goto done;
    }
    JsonObject *o = json_node_get_object(root);
    const char *layout = text_member(o, "layout");
    sp_hex_layout lay = SP_HEX_ODD_R;
    if (!layout || !parse_layout(layout, &lay)) {
        char *f = shown(json_object_get_member(o, "layout"));
        sp_diags_error(diags, path, line_of(&ml, o, "layout"), 0,
                       "expected \"layout\" to be odd-r, even-r, odd-q or even-q, found %s", f);
        g_free(f);
        errors++;
    }
    JsonNode *hn = json_object_get_member(o, "hexes");
    if (!hn || !JSON_NODE_HOLDS_OBJECT(hn)) {
        char *f = shown(hn);
        sp_diags_error(diags, path, line_of(&ml, o, "hexes"), 0,
                       "expected \"hexes\" to be an object of hexes keyed by area code, found %s",
                       f);
        g_free(f);
        errors++;
        goto done;
    }
    map = g_new0(sp_hexmap, 1);
    map->layout = lay;
    read_hexes(ds, map, json_node_get_object(hn), path, &ml, diags, &errors);
    if (!errors && map->n_hexes == 0) {
        sp_diags_error(diags, path, line_of(&ml, o, "hexes"), 0,
                       "expected at least one hex in \"hexes\", found none");
        errors++;
    }
done:
    if (map && !errors) {
        const char *stored = add_input(ds, path, map->n_hexes);
        map->file = stored;
        for (size_t i = 0; i < map->n_hexes; i++)
            map->hexes[i].file = stored;
        if (ds->hexmap) { /* a second layout replaces the first */
            for (size_t i = 0; i < ds->hexmap->n_hexes; i++) {
                g_free(ds->hexmap->hexes[i].code);
                g_free(ds->hexmap->hexes[i].name);
            }
            g_free(ds->hexmap->hexes);
            g_free(ds->hexmap);
        }
        ds->hexmap = map;
    } else if (map) {
        for (size_t i = 0; i < map->n_hexes; i++) {
            g_free(map->hexes[i].code);
            g_free(map->hexes[i].name);
        }
        g_free(map->hexes);
        g_free(map);
    }
    g_object_unref(p);
    g_hash_table_destroy(ml.lines);
    return errors;
}

void sp_hexmap_check(const sp_dataset *ds, sp_diags *diags)
{
    if (!ds->hexmap)
        return;
    GHashTable *codes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->hexmap->n_hexes; i++)
        g_hash_table_add(codes, g_ascii_strdown(ds->hexmap->hexes[i].code, -1));
    GHashTable *told = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_inspections; i++) {
        const sp_inspection *in = &ds->inspections[i];
        const char *code = in->la_code && *in->la_code ? in->la_code : NULL;
        char *key = code ? g_ascii_strdown(code, -1) : g_strdup(in->area_name);
        if (!g_hash_table_contains(codes, key) && !g_hash_table_contains(told, key)) {
            if (code)
                sp_diags_warning(diags, in->file, in->line, 0,
                                 "area %s (%s) has no hex in the hex map layout %s: it is left "
                                 "off the hex maps", code, in->area_name, ds->hexmap->file);
            else
                sp_diags_warning(diags, in->file, in->line, 0,
                                 "area %s has no local authority code, so no hex in the hex map "
                                 "layout %s: it is left off the hex maps", in->area_name,
                                 ds->hexmap->file);
            g_hash_table_add(told, key);
        } else {
            g_free(key);
        }
    }
    g_hash_table_destroy(told);
    g_hash_table_destroy(codes);
}
