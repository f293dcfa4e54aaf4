/* view.c: the records as counted at the as-at date (sp_view): the one place
 * the as-at rule, an area's key and region, and which interventions and
 * funding lines belong to an area are decided.
 *
 * Design choice: the view is built once, before any figure, and the
 * breakdowns count from it, so a renderer that lists records from the view
 * lists exactly the records the figures counted. */
#include "sendpack/view.h"
#include "sendpack/figures.h"

#include "view_sen2.h"

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct {
    sp_view pub;
    GHashTable *region_of_code; /* la_code -> region (borrowed strings) */
    GHashTable *region_of_name; /* lower-case area name -> region */
    GHashTable *area_of_key;    /* key -> sp_area_view * */
    GHashTable *hex_of_key;     /* key -> sp_hex_view * */
} view_impl;

/* An area name in lower case, to compare names: g_utf8_strdown, which for
 * a name in ASCII (nearly every one) gives what g_ascii_strdown does at a
 * tenth of the cost. (Both are the same for ASCII in the C locale the
 * program runs in; it never calls setlocale.) */
static char *lower_name(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            return g_utf8_strdown(s, -1);
    return g_ascii_strdown(s, -1);
}

const char *sp_why_text(sp_why why)
{
    switch (why) {
    case SP_WHY_INCLUDED: return "";
    case SP_WHY_NOT_PUBLISHED: return "no publication date";
    case SP_WHY_PUBLISHED_LATER: return "published after the as-at date";
    case SP_WHY_STARTED_LATER: return "started after the as-at date";
    case SP_WHY_YEAR_NOT_ENDED: return "its year had not ended by the as-at date";
    case SP_WHY_SUPERSEDED: return "replaced by a later publication of the same year";
    }
    return "";
}

sp_why sp_why_inspection(const sp_inspection *in, sp_date as_at)
{
    return !in->published ? SP_WHY_NOT_PUBLISHED
           : in->published > as_at ? SP_WHY_PUBLISHED_LATER : SP_WHY_INCLUDED;
}

sp_why sp_why_intervention(const sp_intervention *r, sp_date as_at)
{
    return r->start && r->start > as_at ? SP_WHY_STARTED_LATER : SP_WHY_INCLUDED;
}

sp_why sp_why_sen2(const sp_sen2 *r, sp_date as_at)
{
    return r->year_end > as_at ? SP_WHY_YEAR_NOT_ENDED : SP_WHY_INCLUDED;
}

sp_why sp_why_dsg_year(const sp_dsg_year *y, sp_date as_at)
{
    return y->published > as_at ? SP_WHY_PUBLISHED_LATER : SP_WHY_INCLUDED;
}

char *sp_area_key(const sp_inspection *in)
{
    if (in->la_code && *in->la_code)
        return g_ascii_strdown(in->la_code, -1);
    return sp_slug(in->area_name);
}

const char *sp_view_region_of(const sp_view *v, const char *code, const char *name)
{
    const view_impl *m = (const view_impl *)v;
    const char *r = NULL;
    if (code && *code)
        r = g_hash_table_lookup(m->region_of_code, code);
    if (!r && name && *name) {
        char *low = lower_name(name);
        r = g_hash_table_lookup(m->region_of_name, low);
        g_free(low);
    }
    return r;
}

const sp_area_view *sp_view_area(const sp_view *v, const char *key)
{
    return v && key ? g_hash_table_lookup(((const view_impl *)v)->area_of_key, key) : NULL;
}

static void inspections(view_impl *m, const sp_dataset *ds)
{
    sp_view *v = &m->pub;
    v->n_inspections = ds->n_inspections;
    v->inspections = g_new0(sp_inspection_view, ds->n_inspections + 1);
    for (size_t i = 0; i < ds->n_inspections; i++) {
        const sp_inspection *in = &ds->inspections[i];
        sp_inspection_view *e = &v->inspections[i];
        e->rec = in;
        e->pos = (sp_source_pos){in->file, in->line};
        e->key = sp_area_key(in);
        e->why = sp_why_inspection(in, v->as_at);
        e->included = e->why == SP_WHY_INCLUDED;
        e->has_wsoa = e->included && in->wsoa;
        e->revisit_included = e->has_wsoa && in->revisit_published != 0 &&
                              in->revisit_published <= v->as_at;
        e->awaiting_revisit = e->has_wsoa && !e->revisit_included;
        if (e->included && in->framework == SP_FRAMEWORK_2023)
            v->has_2023 = true;
        sp_date *latest = in->framework == SP_FRAMEWORK_2016   ? &v->latest_2016
                          : in->framework == SP_FRAMEWORK_2023 ? &v->latest_2023 : NULL;
        if (latest)
            *latest = MAX(*latest, MAX(in->published, in->revisit_published));
    }
}

/* Regions by code and by name: the areas lookup, then the inspections
 * (later rows win). */
static void regions(view_impl *m, const sp_dataset *ds)
{
    m->region_of_code = g_hash_table_new(g_str_hash, g_str_equal);
    m->region_of_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_areas; i++) {
        g_hash_table_insert(m->region_of_code, ds->areas[i].la_code, ds->areas[i].region);
        g_hash_table_insert(m->region_of_name, lower_name(ds->areas[i].name),
                            ds->areas[i].region);
    }
    for (size_t i = 0; i < ds->n_inspections; i++) {
        const sp_inspection *in = &ds->inspections[i];
        if (in->la_code && *in->la_code)
            g_hash_table_insert(m->region_of_code, in->la_code, in->region);
        g_hash_table_insert(m->region_of_name, lower_name(in->area_name), in->region);
    }
}

static void lines(view_impl *m, const sp_dataset *ds)
{
    sp_view *v = &m->pub;
    v->n_interventions = ds->n_interventions;
    v->interventions = g_new0(sp_intervention_view, ds->n_interventions + 1);
    for (size_t i = 0; i < ds->n_interventions; i++) {
        const sp_intervention *r = &ds->interventions[i];
        sp_intervention_view *e = &v->interventions[i];
        e->rec = r;
        e->pos = (sp_source_pos){r->file, r->line};
        /* An intervention without a start date counts. */
        e->why = sp_why_intervention(r, v->as_at);
        e->included = e->why == SP_WHY_INCLUDED;
        e->region = sp_view_region_of(v, r->la_code, r->area_name);
    }
    v->n_funding = ds->n_funding;
    v->funding = g_new0(sp_funding_view, ds->n_funding + 1);
    for (size_t i = 0; i < ds->n_funding; i++) {
        const sp_funding *r = &ds->funding[i];
        sp_funding_view *e = &v->funding[i];
        e->rec = r;
        e->pos = (sp_source_pos){r->file, r->line};
        e->included = true;
        if (g_ascii_strcasecmp(r->recipient, "England") == 0)
            e->region = "England";
        else {
            const char *reg = sp_view_region_of(v, r->recipient, NULL);
            e->region = reg ? reg : r->recipient; /* a region named directly */
        }
    }
}

/* The as-at rule for DSG files: a file counts once it is published, and of
 * several files of one financial year only the latest published counts. */
static void dsg(view_impl *m, const sp_dataset *ds)
{
    sp_view *v = &m->pub;
    v->n_dsg_years = ds->n_dsg_years;
    v->dsg_years = g_new0(sp_dsg_year_view, ds->n_dsg_years + 1);
    for (size_t i = 0; i < ds->n_dsg_years; i++) {
        const sp_dsg_year *y = &ds->dsg_years[i];
        sp_dsg_year_view *e = &v->dsg_years[i];
        e->rec = y;
        e->why = sp_why_dsg_year(y, v->as_at);
        for (size_t j = 0; e->why == SP_WHY_INCLUDED && j < ds->n_dsg_years; j++) {
            const sp_dsg_year *o = &ds->dsg_years[j];
            if (j != i && o->fy_start == y->fy_start && o->published <= v->as_at &&
                (o->published > y->published || (o->published == y->published && j > i)))
                e->why = SP_WHY_SUPERSEDED;
        }
        e->included = e->why == SP_WHY_INCLUDED;
    }
    v->n_dsg = ds->n_dsg;
    v->dsg = g_new0(sp_dsg_view, ds->n_dsg + 1);
    for (size_t i = 0; i < ds->n_dsg; i++) {
        const sp_dsg *r = &ds->dsg[i];
        sp_dsg_view *e = &v->dsg[i];
        e->rec = r;
        e->year = &ds->dsg_years[r->year];
        e->pos = (sp_source_pos){r->file, r->line};
        e->why = v->dsg_years[r->year].why;
        e->included = e->why == SP_WHY_INCLUDED;
        e->key = *r->la_code ? g_ascii_strdown(r->la_code, -1) : NULL;
        e->region = *r->la_code ? sp_view_region_of(v, r->la_code, NULL) : NULL;
    }
}

static int cmp_area(const void *x, const void *y)
{
    const sp_area_view *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->key, b->key);
}

/* Indices of the included interventions by lower-case code and by
 * lower-case name, and of the funding lines by lower-case recipient, so
 * each area finds its lines in one look-up rather than a scan of all of
 * them (which took time in proportion to areas times lines). */
typedef struct {
    GHashTable *by_code, *by_name, *by_recipient; /* char* -> GArray of size_t */
} line_index;

static void index_add(GHashTable *h, char *key, size_t i)
{
    GArray *a = g_hash_table_lookup(h, key);
    if (!a) {
        a = g_array_new(FALSE, FALSE, sizeof(size_t));
        g_hash_table_insert(h, key, a);
    } else {
        g_free(key);
    }
    g_array_append_val(a, i);
}

static GHashTable *index_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
}

static void line_index_build(line_index *x, const sp_view *v)
{
    x->by_code = index_new();
    x->by_name = index_new();
    x->by_recipient = index_new();
    for (size_t i = 0; i < v->n_interventions; i++) {
        const sp_intervention *r = v->interventions[i].rec;
        if (!v->interventions[i].included)
            continue;
        if (r->la_code && *r->la_code)
            index_add(x->by_code, g_ascii_strdown(r->la_code, -1), i);
        if (r->area_name && *r->area_name)
            index_add(x->by_name, lower_name(r->area_name), i);
    }
    for (size_t i = 0; i < v->n_funding; i++)
        if (v->funding[i].rec->recipient)
            index_add(x->by_recipient, g_ascii_strdown(v->funding[i].rec->recipient, -1), i);
}

static void line_index_clear(line_index *x)
{
    g_hash_table_destroy(x->by_code);
    g_hash_table_destroy(x->by_name);
    g_hash_table_destroy(x->by_recipient);
}

static GArray *index_get(GHashTable *h, char *key)
{
    GArray *a = g_hash_table_lookup(h, key);
    g_free(key);
    return a;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* The interventions of the area whose record is in, in input order: by
 * code when both have one (or by name when the intervention gives a name
 * only), else by name (names compared in lower case, never empty). */
static GPtrArray *interventions_of(const sp_view *v, const line_index *x, const sp_inspection *in)
{
    bool area_code = in->la_code && *in->la_code;
    GArray *idx = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *by_code = area_code ? index_get(x->by_code, g_ascii_strdown(in->la_code, -1)) : NULL;
    if (by_code)
        g_array_append_vals(idx, by_code->data, by_code->len);
    GArray *by_name = in->area_name && *in->area_name
                          ? index_get(x->by_name, lower_name(in->area_name)) : NULL;
    for (guint j = 0; by_name && j < by_name->len; j++) {
        size_t i = g_array_index(by_name, size_t, j);
        const sp_intervention *r = v->interventions[i].rec;
        if (!area_code || !(r->la_code && *r->la_code))
            g_array_append_val(idx, i);
    }
    g_array_sort(idx, cmp_size);
    GPtrArray *iv = g_ptr_array_new();
    for (guint j = 0; j < idx->len; j++)
        g_ptr_array_add(iv, &v->interventions[g_array_index(idx, size_t, j)]);
    g_array_free(idx, TRUE);
    return iv;
}

/* Areas with an included inspection: 2016 framework first, then 2023, by
 * first appearance; sorted by name, then key. */
static void areas(view_impl *m)
{
    sp_view *v = &m->pub;
    GArray *out = g_array_new(FALSE, TRUE, sizeof(sp_area_view));
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int fw = SP_FRAMEWORK_2016; fw <= SP_FRAMEWORK_2023; fw++)
        for (size_t i = 0; i < v->n_inspections; i++) {
            const sp_inspection_view *e = &v->inspections[i];
            if (!e->included || (int)e->rec->framework != fw ||
                g_hash_table_contains(seen, e->key))
                continue;
            g_hash_table_add(seen, (gpointer)e->key);
            sp_area_view a = {.key = e->key, .name = e->rec->area_name};
            g_array_append_val(out, a);
        }
    g_hash_table_destroy(seen);
    if (out->len > 1)
        qsort(out->data, out->len, sizeof(sp_area_view), cmp_area);
    v->n_areas = out->len;
    v->areas = (sp_area_view *)(void *)g_array_free(out, FALSE);
    m->area_of_key = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t a = 0; a < v->n_areas; a++)
        g_hash_table_insert(m->area_of_key, (gpointer)v->areas[a].key, &v->areas[a]);
    for (size_t i = 0; i < v->n_inspections; i++) {
        const sp_inspection_view *e = &v->inspections[i];
        sp_area_view *a = g_hash_table_lookup(m->area_of_key, e->key);
        if (!a)
            continue;
        if (!a->first)
            a->first = e;
        const sp_inspection_view **slot =
            e->rec->framework == SP_FRAMEWORK_2023 ? &a->rec2023 : &a->rec2016;
        if (e->included && !*slot)
            *slot = e;
    }
    line_index x;
    line_index_build(&x, v);
    for (size_t a = 0; a < v->n_areas; a++) {
        sp_area_view *av = &v->areas[a];
        const sp_inspection *in = (av->rec2016 ? av->rec2016 : av->rec2023)->rec;
        GPtrArray *iv = interventions_of(v, &x, in), *fl = g_ptr_array_new();
        GArray *lines = in->la_code && *in->la_code
                            ? index_get(x.by_recipient, g_ascii_strdown(in->la_code, -1)) : NULL;
        for (guint j = 0; lines && j < lines->len; j++)
            g_ptr_array_add(fl, &v->funding[g_array_index(lines, size_t, j)]);
        av->n_interventions = iv->len;
        av->interventions = (const sp_intervention_view **)g_ptr_array_free(iv, FALSE);
        av->n_funding = fl->len;
        av->funding = (const sp_funding_view **)g_ptr_array_free(fl, FALSE);
        GPtrArray *dl = g_ptr_array_new();
        for (size_t i = 0; i < v->n_dsg; i++)
            if (v->dsg[i].included && v->dsg[i].key && strcmp(v->dsg[i].key, av->key) == 0)
                g_ptr_array_add(dl, &v->dsg[i]);
        av->n_dsg = dl->len;
        av->dsg = (const sp_dsg_view **)g_ptr_array_free(dl, FALSE);
    }
    line_index_clear(&x);
}

const sp_hex_view *sp_view_hex(const sp_view *v, const char *key)
{
    return v && key ? g_hash_table_lookup(((const view_impl *)v)->hex_of_key, key) : NULL;
}

/* The centre of hex (q, r) in hex radii, y upwards, before the map is
 * moved to (0, 0): HexJSON counts rows upwards from the bottom, and the odd
 * (or even) row or column is shifted half a hex right (or up). */
static void hex_centre(sp_hex_layout l, int q, int r, double *x, double *y)
{
    const double s3 = 1.7320508075688772;
    bool odd_r = (r & 1) != 0, odd_q = (q & 1) != 0;
    switch (l) {
    case SP_HEX_ODD_R:
    case SP_HEX_EVEN_R:
        *x = s3 * (q + ((l == SP_HEX_ODD_R) == odd_r ? 0.5 : 0.0));
        *y = 1.5 * r;
        break;
    case SP_HEX_ODD_Q:
    case SP_HEX_EVEN_Q:
        *x = 1.5 * q;
        *y = s3 * (r + ((l == SP_HEX_ODD_Q) == odd_q ? 0.5 : 0.0));
        break;
    }
}

double sp_hex_corner_deg(bool pointy, int k)
{
    return (pointy ? 30.0 : 0.0) + 60.0 * k;
}

/* A cell of the layout (column q, row r) as one hash key. */
static gint64 cell_key(int q, int r)
{
    return (gint64)q * 4294967296LL + (gint64)(guint32)r;
}

/* Each hex's neighbour across each edge (sp_hex_view.next), found among
 * the eight cells around it in the layout's rows and columns (a hash of q
 * and r, so a large map takes linear time): the neighbour across edge k is
 * the one whose centre lies sqrt(3) radii away at the edge's middle angle,
 * corner k's angle + 30 degrees. Where two hexes share a cell, the first in
 * the file is the one found. */
static void neighbours(sp_view *v, const sp_hexmap *map)
{
    GHashTable *at = g_hash_table_new(g_int64_hash, g_int64_equal);
    gint64 *keys = g_new(gint64, v->n_hexes);
    for (size_t i = 0; i < v->n_hexes; i++) {
        keys[i] = cell_key(map->hexes[i].q, map->hexes[i].r);
        if (!g_hash_table_contains(at, &keys[i]))
            g_hash_table_insert(at, &keys[i], &v->hexes[i]);
        for (int k = 0; k < 6; k++)
            v->hexes[i].next[k] = -1;
    }
    const double s3 = 1.7320508075688772;
    for (size_t i = 0; i < v->n_hexes; i++) {
        sp_hex_view *e = &v->hexes[i];
        for (int dq = -1; dq <= 1; dq++)
            for (int dr = -1; dr <= 1; dr++) {
                if (!dq && !dr)
                    continue;
                gint64 key = cell_key(map->hexes[i].q + dq, map->hexes[i].r + dr);
                const sp_hex_view *o = g_hash_table_lookup(at, &key);
                if (!o || o == e)
                    continue;
                for (int k = 0; k < 6; k++) {
                    double a = (sp_hex_corner_deg(v->hex_pointy, k) + 30.0) * G_PI / 180.0;
                    if (fabs(o->x - (e->x + s3 * cos(a))) < 0.1 && fabs(o->y - (e->y + s3 * sin(a))) < 0.1)
                        e->next[k] = o - v->hexes;
                }
            }
    }
    g_hash_table_destroy(at);
    g_free(keys);
}

static void hexes(view_impl *m, const sp_dataset *ds)
{
    sp_view *v = &m->pub;
    m->hex_of_key = g_hash_table_new(g_str_hash, g_str_equal);
    const sp_hexmap *map = ds->hexmap;
    if (!map || !map->n_hexes)
        return;
    v->hex_layout = map->layout;
    v->hex_pointy = map->layout == SP_HEX_ODD_R || map->layout == SP_HEX_EVEN_R;
    v->n_hexes = map->n_hexes;
    v->hexes = g_new0(sp_hex_view, map->n_hexes);
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (size_t i = 0; i < map->n_hexes; i++) {
        const sp_hex *h = &map->hexes[i];
        sp_hex_view *e = &v->hexes[i];
        e->rec = h;
        e->pos = (sp_source_pos){h->file, h->line};
        e->key = g_ascii_strdown(h->code, -1);
        e->area = sp_view_area(v, e->key);
        e->name = e->area ? e->area->name : h->name;
        e->region = sp_view_region_of(v, h->code, e->name);
        hex_centre(map->layout, h->q, h->r, &e->x, &e->y);
        if (!i || e->x < x0) x0 = e->x;
        if (!i || e->x > x1) x1 = e->x;
        if (!i || e->y < y0) y0 = e->y;
        if (!i || e->y > y1) y1 = e->y;
        if (!g_hash_table_contains(m->hex_of_key, e->key))
            g_hash_table_insert(m->hex_of_key, (gpointer)e->key, e);
    }
    /* half a hex across and along: sqrt(3)/2 and 1 (pointy), 1 and sqrt(3)/2 (flat) */
    double hw = v->hex_pointy ? 0.8660254037844386 : 1.0;
    double hh = v->hex_pointy ? 1.0 : 0.8660254037844386;
    for (size_t i = 0; i < v->n_hexes; i++) {
        v->hexes[i].x = v->hexes[i].x - x0 + hw;
        v->hexes[i].y = y1 - v->hexes[i].y + hh; /* downwards */
    }
    v->hex_w = x1 - x0 + 2 * hw;
    v->hex_h = y1 - y0 + 2 * hh;
    neighbours(v, map);
}

sp_view *sp_view_new(const sp_dataset *ds, sp_date as_at)
{
    view_impl *m = g_new0(view_impl, 1);
    m->pub.as_at = as_at;
    m->pub.inputs = ds->inputs;
    m->pub.n_inputs = ds->n_inputs;
    m->pub.fictional = sp_dataset_fictional(ds);
    regions(m, ds);
    inspections(m, ds);
    lines(m, ds);
    dsg(m, ds);
    areas(m);
    sp_view_sen2(&m->pub, ds);
    hexes(m, ds);
    return &m->pub;
}

void sp_view_free(sp_view *v)
{
    if (!v)
        return;
    view_impl *m = (view_impl *)v;
    for (size_t i = 0; i < v->n_inspections; i++)
        g_free((char *)v->inspections[i].key);
    for (size_t a = 0; a < v->n_areas; a++) {
        g_free(v->areas[a].interventions);
        g_free(v->areas[a].funding);
        g_free(v->areas[a].sen2);
        g_free(v->areas[a].dsg);
    }
    g_free(v->sen2);
    g_free(v->sen2_years);
    for (size_t i = 0; i < v->n_dsg; i++)
        g_free((char *)v->dsg[i].key);
    g_free(v->dsg);
    g_free(v->dsg_years);
    for (size_t i = 0; i < v->n_hexes; i++)
        g_free((char *)v->hexes[i].key);
    g_free(v->hexes);
    g_hash_table_destroy(m->hex_of_key);
    g_free(v->areas);
    g_free(v->inspections);
    g_free(v->interventions);
    g_free(v->funding);
    g_hash_table_destroy(m->region_of_code);
    g_hash_table_destroy(m->region_of_name);
    g_hash_table_destroy(m->area_of_key);
    g_free(m);
}
