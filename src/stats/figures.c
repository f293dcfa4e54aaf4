/* figures.c: the figures table's storage: adding records, looking them up by
 * id (GHashTable), freeing. While sp_figures_stream writes, a per-area
 * figure is not indexed and lives only until the next add. What the figures
 * are is decided in the breakdowns (breakdown_*.c). */
#define _GNU_SOURCE /* mremap */
#include "sendpack/figures.h"
#include "figures_table.h"
#include "sendpack/format.h"
#include "trace.h"

#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#if defined(__SANITIZE_ADDRESS__)
#define ITEMS_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ITEMS_LSAN 1
#endif
#endif
#ifdef ITEMS_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include "sendpack/ids.h"
#include "sendpack/stats.h"

/* The figures' array past this size is a mapping of its own, grown by
 * mremap, which moves pages rather than bytes. On the heap (which
 * src/main.c keeps with a large top, so a big block never gets a mapping
 * there) each doubling took fresh memory and copied the whole array: at
 * x1000 (3.7 million figures, 470 MB) 15% of the figures' time. */
#define ITEMS_MAPPED (1u << 20)

static size_t items_bytes(size_t cap)
{
    size_t page = 4096, b = cap * sizeof(sp_figure);
    return b >= ITEMS_MAPPED ? (b + page - 1) / page * page : b;
}

/* A mapping made or given up: LeakSanitizer looks for pointers in the heap,
 * not in the program's own mappings, so without this every trace a kept
 * table points to (a build leaves its table to the exit) looked leaked. */
static void items_watch(void *p, size_t bytes, bool watch)
{
#ifdef ITEMS_LSAN
    if (watch)
        __lsan_register_root_region(p, bytes);
    else
        __lsan_unregister_root_region(p, bytes);
#else
    (void)p, (void)bytes, (void)watch;
#endif
}

/* f->items with room for twice as many figures (256 at first). */
static void items_grow(sp_figures *f)
{
    size_t cap = f->cap ? f->cap * 2 : 256;
    size_t old = items_bytes(f->cap), want = items_bytes(cap);
    void *p;
    if (want < ITEMS_MAPPED) {
        p = g_realloc(f->items, want);
    } else if (old >= ITEMS_MAPPED) {
        items_watch(f->items, old, false);
        p = mremap(f->items, old, want, MREMAP_MAYMOVE);
    } else {
        p = mmap(NULL, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED && f->n)
            memcpy(p, f->items, f->n * sizeof(sp_figure));
        if (p != MAP_FAILED)
            g_free(f->items);
    }
    if (p == MAP_FAILED)
        g_error("figures: cannot grow the table to %zu bytes", want); /* as g_malloc does */
    if (want >= ITEMS_MAPPED) {
        madvise(p, want, MADV_HUGEPAGE); /* as the heap (src/model/heap.c) */
        items_watch(p, want, true);
    }
    f->items = p;
    f->cap = cap;
}

static void items_free(sp_figures *f)
{
    if (items_bytes(f->cap) >= ITEMS_MAPPED) {
        items_watch(f->items, items_bytes(f->cap), false);
        munmap(f->items, items_bytes(f->cap));
    } else
        g_free(f->items);
}

bool sp_figure_id_per_area(const char *id)
{
    return strncmp(id, SP_IDF_AREA_, strcspn(SP_IDF_AREA_, "%")) == 0;
}

void sp_figure_clear(sp_figure *x)
{
    sp_trace_free(x->trace); /* the strings belong to the table's text */
    *x = (sp_figure){0};
}

/* A per-area figure while streaming: it lives until the next add, so its
 * strings are copied into one buffer the stream reuses (no allocation per
 * figure; sp_figures_out_settle drops the record without freeing them). */
static sp_figure *add_passing(sp_figures *f, const char *id, sp_unit unit, double value,
                              const char *label, const char *definition,
                              const char *source, const char *filter)
{
    if (f->n == f->cap)
        items_grow(f);
    GString *b = f->out->strings;
    g_string_truncate(b, 0);
    const char *parts[] = {id, label, definition, source ? source : "", filter ? filter : ""};
    size_t at[G_N_ELEMENTS(parts)];
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        at[i] = b->len;
        g_string_append_len(b, parts[i] ? parts[i] : "", (gssize)strlen(parts[i] ? parts[i] : "") + 1);
    }
    sp_figure *x = &f->items[f->n++];
    *x = (sp_figure){.id = b->str + at[0], .label = b->str + at[1], .definition = b->str + at[2],
                     .source = b->str + at[3], .filter = b->str + at[4], .unit = unit,
                     .value = value};
    f->out->pending = true;
    return x;
}

/* s kept once in the table's text: the copy already kept when s reads the
 * same as one of the last texts of its kind (last[], newest first: the
 * per-area figures take turns between a dozen or so definitions, an area's
 * measures and its share in each year), else g_string_chunk_insert_const,
 * which hashes all of s (a long text costs more to hash than to compare
 * with each of them). */
static char *intern(GStringChunk *text, const char *last[SP_FIGURES_RECENT], const char *s)
{
    for (int i = 0; i < SP_FIGURES_RECENT && last[i]; i++)
        if (s == last[i] || strcmp(s, last[i]) == 0)
            return (char *)last[i];
    const char *x = g_string_chunk_insert_const(text, s);
    memmove(last + 1, last, (SP_FIGURES_RECENT - 1) * sizeof *last);
    last[0] = x;
    return (char *)x;
}

sp_figure *sp_figures_add(sp_figures *f, const char *id, sp_unit unit, double value,
                          const char *label, const char *definition,
                          const char *source, const char *filter)
{
    if (!f->index)
        f->index = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *idx = f->index;
    /* Streaming: write the figure before this one; per-area figures are
     * written and dropped, so they are never indexed. */
    bool per_area = (f->out || f->lean) && sp_figure_id_per_area(id);
    if (f->out)
        sp_figures_out_settle(f);
    if (f->out && per_area) {
        sp_figure *x = add_passing(f, id, unit, value, label, definition, source, filter);
        x->untraced = f->lean;
        return x;
    }
    if (!f->text)
        f->text = g_string_chunk_new(64 * 1024);
    GStringChunk *text = f->text;
    if (f->n == f->cap)
        items_grow(f); /* the index's keys point into the strings, not the
                        * records, so it stays valid when the array moves */
    sp_figure *x = &f->items[f->n++];
    *x = (sp_figure){0};
    x->id = g_string_chunk_insert(text, id);
    /* One look in the index for a new id (at x1000, 2.6 million of them, a
     * look that misses the processor's caches each time). */
    if (!g_hash_table_insert(idx, x->id, GSIZE_TO_POINTER(f->n))) {
        /* A second add of an id replaces the first (never expected): the
         * insert above pointed the index at the new record, so find the
         * first, point the index back at it and drop the new one. */
        f->n--;
        size_t first = 0;
        while (strcmp(f->items[first].id, id) != 0)
            first++;
        g_hash_table_insert(idx, f->items[first].id, GSIZE_TO_POINTER(first + 1));
        x = &f->items[first];
        sp_trace_free(x->trace);
        char *keep = x->id;
        *x = (sp_figure){0};
        x->id = keep;
    } else if (f->out) {
        f->out->pending = true;
    }
    x->unit = unit;
    x->value = value;
    /* labels are mostly one figure's own; the rest repeat (g_string_chunk_insert_const
     * keeps one copy of each text) */
    x->label = label ? g_string_chunk_insert(text, label) : NULL;
    x->definition = definition ? intern(text, f->last_text[0], definition) : NULL;
    x->source = intern(text, f->last_text[1], source ? source : "");
    x->filter = intern(text, f->last_text[2], filter ? filter : "");
    x->untraced = f->lean && per_area;
    return x;
}

sp_figure *sp_figures_add_share(sp_figures *f, const char *id, double k, double n,
                                const char *label, const char *definition,
                                const char *source, const char *filter)
{
    sp_figure *x = sp_figures_add(f, id, SP_UNIT_PROPORTION, n > 0 ? k / n : 0, label,
                                  definition, source, filter);
    x->has_ratio = true;
    x->numerator = k;
    x->denominator = n;
    if (n > 0) {
        x->has_ci = true;
        sp_wilson(k, n, SP_WILSON_Z, &x->ci_low, &x->ci_high);
    }
    return x;
}

const sp_figure *sp_figures_get(const sp_figures *f, const char *id)
{
    if (!f || !f->index || !id)
        return NULL;
    gpointer pos = g_hash_table_lookup(f->index, id);
    return pos ? &f->items[GPOINTER_TO_SIZE(pos) - 1] : NULL;
}

const sp_figure *sp_figures_getf(const sp_figures *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *id = sp_strdup_vformat(fmt, ap);
    va_end(ap);
    const sp_figure *x = sp_figures_get(f, id);
    g_free(id);
    return x;
}

double sp_figures_value(const sp_figures *f, const char *id, double fallback)
{
    const sp_figure *x = sp_figures_get(f, id);
    return x ? x->value : fallback;
}

static void free_groups(sp_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(g[i].slug);
        g_free(g[i].name);
    }
    g_free(g);
}

void sp_figures_free(sp_figures *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        sp_figure_clear(&f->items[i]);
    items_free(f);
    if (f->index)
        g_hash_table_destroy(f->index);
    if (f->text)
        g_string_chunk_free(f->text);
    free_groups(f->regions, f->n_regions);
    free_groups(f->regions_2023, f->n_regions_2023);
    free_groups(f->programmes, f->n_programmes);
    free_groups(f->funding_regions, f->n_funding_regions);
    sp_view_free(f->view);
    sp_figures_free(f->traced);
    free_groups(f->areas, f->n_areas);
    free_groups(f->dsg_years, f->n_dsg_years);
    g_free(f->years);
    g_free(f);
}

const char *sp_unit_name(sp_unit u)
{
    switch (u) {
    case SP_UNIT_COUNT: return "count";
    case SP_UNIT_PROPORTION: return "proportion";
    case SP_UNIT_GBP: return "gbp";
    case SP_UNIT_DATE: return "date";
    }
    return "";
}
