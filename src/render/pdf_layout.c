/* pdf_layout.c: the A4 page composer (pdf_layout.h): places blocks on pages
 * with Pango and Cairo, adds running header and footer, outline entries,
 * links and structure tags.
 *
 * Design choice: one code path measures (cr == NULL) and draws, so a
 * measuring pass and a drawing pass break pages in exactly the same places;
 * page numbers learnt in the first pass (contents, "Page N of M") are then
 * printed by the second. Fonts are laid out with hinting off at 72 units per
 * inch, so measurements do not depend on the surface, and glyph positions
 * unrounded: rounded to whole points they spaced letters unevenly and made
 * cairo place each glyph on its own. */
#include "sendpack/pdf_layout.h"

#include "sendpack/chart.h"
#include "sendpack/style.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PS ((double)PANGO_SCALE)
#define LINE_SPACING 1.3
#define BOX_PAD 10.0
#define LIST_INDENT 16.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

/* A surface drawn on: the main one, or a mirror (the combined profiles
 * file) whose page numbers are shifted and whose outline ids are its own. */
typedef struct {
    cairo_t *cr;
    cairo_surface_t *pdf; /* NULL when not a PDF surface */
    int page_shift;
    int outline[4];       /* last outline id per heading level */
} target;

#define MAX_TARGETS 2
/* Run the statement once for every surface, with cr set. */
#define EACH(l, cr)                                                   \
    for (int cr##_i = 0; cr##_i < (l)->nt; cr##_i++)                  \
        for (cairo_t *cr = (l)->t[cr##_i].cr; cr; cr = NULL)

struct sp_layout {
    cairo_t *cr;         /* the main surface's context; NULL when measuring */
    target t[MAX_TARGETS];
    int nt;
    GHashTable *cache;   /* "kind|block|width" -> PangoLayout, laid out once */
    GHashTable *tables;  /* sp_table* -> table_geom, measured once */
    sp_layout_style st;
    const sp_context *ctx;
    PangoContext *pc;
    int page;
    double y;
    bool page_used;      /* something placed on the current page */
    bool finished;
    double indent;       /* extra left indent (inside a box) */
    double right_indent;
    bool no_break;       /* inside a box: keep lines together */
    GPtrArray *headings; /* sp_heading_pos* */
    int outline_parent;
    GPtrArray *open;     /* names of the structure tags open, outermost first */
    bool level_open[4];  /* heading levels open, for the tag's depth */
    int list_depth;      /* lists (L) open */
    bool item_open[8];   /* an LI with its LBody open at this depth */
};

void sp_layout_style_init(sp_layout_style *st)
{
    *st = (sp_layout_style){0};
    st->margin_left = st->margin_right = 62;
    st->margin_top = 70;
    st->margin_bottom = 62;
    st->body_pt = 10;
    st->chart_aspect = 0.5;
    st->first_furnished_page = 1;
    st->page_offset = 1;
}

static void set_rgb(cairo_t *cr, unsigned hex)
{
    sp_rgb c = SP_RGB_HEX(hex);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static double top_y(const sp_layout *l) { return l->st.margin_top; }
static double bottom_y(const sp_layout *l) { return SP_A4_HEIGHT - l->st.margin_bottom; }
static double left_x(const sp_layout *l) { return l->st.margin_left + l->indent; }

double sp_layout_text_width(const sp_layout *l)
{
    return SP_A4_WIDTH - l->st.margin_left - l->st.margin_right - l->indent - l->right_indent;
}

static void table_geom_free(gpointer p);

/* A cached layout for key, or NULL; the caller gets its own reference. */
static PangoLayout *cached(const sp_layout *l, const char *key)
{
    PangoLayout *lay = g_hash_table_lookup(l->cache, key);
    return lay ? g_object_ref(lay) : NULL;
}

static PangoLayout *remember(const sp_layout *l, char *key, PangoLayout *lay)
{
    g_hash_table_insert(l->cache, key, g_object_ref(lay));
    return lay;
}

static void heading_pos_free(gpointer p)
{
    sp_heading_pos *h = p;
    g_free(h->text);
    g_free(h);
}

sp_layout *sp_layout_new(cairo_t *cr, const sp_layout_style *st, const sp_context *ctx)
{
    sp_layout *l = g_new0(sp_layout, 1);
    l->st = *st;
    if (cr)
        sp_layout_mirror(l, cr, st->page_offset > 0 ? st->page_offset : 1);
    l->ctx = ctx;
    l->pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(l->pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(l->pc, 72);
    pango_context_set_round_glyph_positions(l->pc, FALSE);
    l->page = st->page_offset > 0 ? st->page_offset : 1;
    l->y = top_y(l);
    l->headings = g_ptr_array_new_with_free_func(heading_pos_free);
    l->open = g_ptr_array_new_with_free_func(g_free);
    l->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    l->tables = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, table_geom_free);
    return l;
}

void sp_layout_free(sp_layout *l)
{
    if (!l)
        return;
    g_hash_table_destroy(l->cache);
    g_hash_table_destroy(l->tables);
    g_object_unref(l->pc);
    g_ptr_array_free(l->headings, TRUE);
    g_ptr_array_free(l->open, TRUE);
    g_free(l);
}

void sp_layout_mirror(sp_layout *l, cairo_t *cr, int first_page)
{
    if (!cr || l->nt >= MAX_TARGETS)
        return;
    target *t = &l->t[l->nt++];
    *t = (target){0};
    t->cr = cr;
    t->pdf = cairo_get_target(cr);
    if (cairo_surface_get_type(t->pdf) != CAIRO_SURFACE_TYPE_PDF)
        t->pdf = NULL;
    t->page_shift = first_page - (l->st.page_offset > 0 ? l->st.page_offset : 1);
    if (!l->cr)
        l->cr = cr;
}

void sp_layout_take_cache(sp_layout *l, sp_layout *from)
{
    GHashTable *c = l->cache, *t = l->tables;
    l->cache = from->cache;
    l->tables = from->tables;
    from->cache = c;
    from->tables = t;
}

/* Structure tags, on every surface; the open ones are remembered so that a
 * page break can close an open leaf (a paragraph) around the running header
 * and footer and open it again on the next page: cairo marks the content of
 * leaf elements only, so an artifact must not nest in a paragraph. */
void sp_layout_tag_begin(sp_layout *l, const char *name, const char *attrs)
{
    if (!l->cr)
        return;
    EACH(l, cr)
        cairo_tag_begin(cr, name, attrs);
    g_ptr_array_add(l->open, g_strdup(name));
}

void sp_layout_tag_end(sp_layout *l, const char *name)
{
    if (!l->cr)
        return;
    EACH(l, cr)
        cairo_tag_end(cr, name);
    if (l->open->len)
        g_ptr_array_remove_index(l->open, l->open->len - 1);
}

#define tag_begin sp_layout_tag_begin
#define tag_end sp_layout_tag_end

/* Decoration (rules, backgrounds) drawn as an artifact. */
static void artifact_begin(sp_layout *l)
{
    EACH(l, cr)
        cairo_tag_begin(cr, SP_TAG_ARTIFACT, NULL);
}

static void artifact_end(sp_layout *l)
{
    EACH(l, cr)
        cairo_tag_end(cr, SP_TAG_ARTIFACT);
}

int sp_layout_page(const sp_layout *l) { return l->page; }
double sp_layout_y(const sp_layout *l) { return l->y; }
void sp_layout_set_y(sp_layout *l, double y)
{
    l->y = y;
    l->page_used = true;
}
cairo_t *sp_layout_cairo(const sp_layout *l) { return l->cr; }
PangoContext *sp_layout_pango(const sp_layout *l) { return l->pc; }
GPtrArray *sp_layout_headings(const sp_layout *l) { return l->headings; }

/* No ligatures: "fi" stays two WinAnsi glyphs, so a page needs no extra
 * CID font subset (faster to write, smaller files, simpler text copy). */
static void no_ligatures(PangoAttrList *al)
{
    PangoAttribute *a = pango_attr_font_features_new("liga 0, clig 0");
    a->start_index = 0;
    a->end_index = G_MAXUINT;
    pango_attr_list_insert_before(al, a);
}

PangoLayout *sp_layout_text(const sp_layout *l, const char *text, double size_pt, bool bold,
                            double width_pt)
{
    PangoLayout *lay = pango_layout_new(l->pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, SP_FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, size_pt * PS);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    if (width_pt > 0) {
        pango_layout_set_width(lay, (int)(width_pt * PS));
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
    }
    PangoAttrList *al = pango_attr_list_new();
    no_ligatures(al);
    pango_layout_set_attributes(lay, al);
    pango_attr_list_unref(al);
    pango_layout_set_text(lay, text, -1);
    return lay;
}

static double layout_height(PangoLayout *lay)
{
    int w, h;
    pango_layout_get_size(lay, &w, &h);
    return h / PS;
}

static double layout_width(PangoLayout *lay)
{
    int w, h;
    pango_layout_get_size(lay, &w, &h);
    return w / PS;
}

static void draw_layout(sp_layout *l, PangoLayout *lay, double x, double y, unsigned rgb)
{
    EACH(l, cr) {
        set_rgb(cr, rgb);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, lay);
    }
}

char *sp_heading_dest(int page, double y)
{
    return g_strdup_printf("sp-p%d-y%ld", page, lround(y));
}

char *sp_link_uri_attr(const char *uri)
{
    GString *s = g_string_new("uri='");
    for (const char *p = uri; *p; p++) {
        if (*p == '\'' || *p == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '\'');
    return g_string_free(s, FALSE);
}

/* --- pages ----------------------------------------------------------------- */

static void furniture(sp_layout *l)
{
    if (!l->cr || l->page < l->st.first_furnished_page)
        return;
    artifact_begin(l);
    double x = l->st.margin_left, w = SP_A4_WIDTH - l->st.margin_left - l->st.margin_right;
    if (l->st.header_left) {
        PangoLayout *h = sp_layout_text(l, l->st.header_left, 9, false, w);
        pango_layout_set_ellipsize(h, PANGO_ELLIPSIZE_END);
        double hy = l->st.margin_top - 30;
        draw_layout(l, h, x, hy, SP_TEXT_SECONDARY);
        EACH(l, cr) {
            set_rgb(cr, SP_GRID);
            cairo_set_line_width(cr, 0.6);
            cairo_move_to(cr, x, hy + layout_height(h) + 4);
            cairo_line_to(cr, x + w, hy + layout_height(h) + 4);
            cairo_stroke(cr);
        }
        g_object_unref(h);
    }
    double fy = SP_A4_HEIGHT - l->st.margin_bottom + 22;
    if (l->st.page_n_of_m) {
        char *t = g_strdup_printf("Page %d of %d", l->page, l->st.total_pages);
        PangoLayout *f = sp_layout_text(l, t, 9, false, -1);
        draw_layout(l, f, x + w - layout_width(f), fy, SP_TEXT_SECONDARY);
        g_object_unref(f);
        g_free(t);
    }
    if (l->st.footer_left) {
        PangoLayout *f = sp_layout_text(l, l->st.footer_left, 9, false,
                                        l->st.page_n_of_m ? w * 0.75 : w);
        draw_layout(l, f, x, fy, SP_TEXT_SECONDARY);
        g_object_unref(f);
    }
    artifact_end(l);
}

/* Elements that only group others: they may stay open over a page break,
 * with the running header and footer (artifacts) inside them. */
static bool grouping(const char *tag)
{
    static const char *const groups[] = {"Document", "Part", "Sect", "Div", "L", "LI", "LBody",
                                         "Table", "THead", "TBody", "TOC", "TOCI"};
    for (size_t i = 0; i < G_N_ELEMENTS(groups); i++)
        if (strcmp(tag, groups[i]) == 0)
            return true;
    return false;
}

void sp_layout_page_break(sp_layout *l)
{
    /* a leaf (a paragraph) is closed before the footer and opened again on
     * the next page, where it goes on as a second element */
    guint keep = l->open->len;
    while (keep > 0 && !grouping(g_ptr_array_index(l->open, keep - 1)))
        keep--;
    GPtrArray *leaves = g_ptr_array_new_with_free_func(g_free);
    while (l->open->len > keep) {
        char *name = g_strdup(g_ptr_array_index(l->open, l->open->len - 1));
        tag_end(l, name);
        g_ptr_array_insert(leaves, 0, name);
    }
    furniture(l);
    EACH(l, cr)
        cairo_show_page(cr);
    for (guint i = 0; i < leaves->len; i++)
        tag_begin(l, g_ptr_array_index(leaves, i), NULL);
    g_ptr_array_free(leaves, TRUE);
    l->page++;
    l->y = top_y(l);
    l->page_used = false;
}

int sp_layout_finish(sp_layout *l)
{
    if (!l->finished) {
        furniture(l);
        EACH(l, cr)
            cairo_show_page(cr);
        l->finished = true;
    }
    return l->page - (l->st.page_offset > 0 ? l->st.page_offset : 1) + 1;
}

/* Start a new page unless need points fit below the cursor (or the page is
 * still empty, when nothing would be gained). */
static void ensure(sp_layout *l, double need)
{
    if (l->y + need > bottom_y(l) + 0.01 && l->page_used)
        sp_layout_page_break(l);
}

/* --- paragraphs ------------------------------------------------------------ */

static double para_size(const sp_layout *l, const sp_block *b)
{
    switch (b->style) {
    case SP_PARA_CODE: return l->st.body_pt * 0.9;
    case SP_PARA_SMALL: return MAX(9.0, l->st.body_pt * 0.85);
    default: return l->st.body_pt;
    }
}

static double para_indent(const sp_block *b) { return b->level > 0 ? LIST_INDENT * b->level : 0; }

static PangoLayout *para_layout(const sp_layout *l, const sp_block *b)
{
    double width = sp_layout_text_width(l) - para_indent(b);
    char *key = g_strdup_printf("P|%p|%.3f", (const void *)b, width);
    PangoLayout *hit = cached(l, key);
    if (hit) {
        g_free(key);
        return hit;
    }
    PangoLayout *lay = sp_layout_text(l, b->text ? b->text : "", para_size(l, b), false, width);
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
    pango_layout_set_line_spacing(lay, LINE_SPACING);
    PangoAttrList *attrs = b->attrs ? pango_attr_list_copy(b->attrs) : pango_attr_list_new();
    if (b->style == SP_PARA_CODE) {
        PangoAttribute *a = pango_attr_family_new(SP_FONT_MONO);
        pango_attr_list_insert_before(attrs, a);
    }
    no_ligatures(attrs);
    pango_layout_set_attributes(lay, attrs);
    pango_attr_list_unref(attrs);
    return remember(l, key, lay);
}

static double para_after(const sp_layout *l) { return l->st.body_pt * 0.6; }

/* The link (index into links) a run of text belongs to, or -1. */
static int run_link(const PangoLayoutRun *run, const GArray *links)
{
    for (guint i = 0; links && i < links->len; i++) {
        const sp_link *k = &g_array_index(links, sp_link, i);
        if (run->item->offset >= k->start && run->item->offset < k->end)
            return (int)i;
    }
    return -1;
}

/* One run at (x, base) in its own colour and underline, as
 * pango_cairo_show_layout_line would draw it. */
static void draw_run(cairo_t *cr, const char *text, PangoLayoutRun *run, double x, double base,
                     unsigned rgb)
{
    bool underline = false;
    set_rgb(cr, rgb);
    for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
        PangoAttribute *at = a->data;
        if (at->klass->type == PANGO_ATTR_FOREGROUND) {
            PangoColor c = ((PangoAttrColor *)at)->color;
            cairo_set_source_rgb(cr, c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0);
        } else if (at->klass->type == PANGO_ATTR_UNDERLINE) {
            underline = ((PangoAttrInt *)at)->value != PANGO_UNDERLINE_NONE;
        }
    }
    cairo_move_to(cr, x, base);
    pango_cairo_show_glyph_item(cr, text, run);
    if (underline) {
        PangoFontMetrics *m = pango_font_get_metrics(run->item->analysis.font, NULL);
        double pos = pango_font_metrics_get_underline_position(m) / PS;
        double th = pango_font_metrics_get_underline_thickness(m) / PS;
        pango_font_metrics_unref(m);
        cairo_rectangle(cr, x, base - pos, pango_glyph_string_get_width(run->glyphs) / PS, th);
        cairo_fill(cr);
    }
}

/* A line of a paragraph with links: its runs in Span and Link elements, so
 * that each Link holds its text (and cairo takes the link's area from what
 * is drawn inside it). */
static void draw_linked_line(sp_layout *l, PangoLayout *lay, PangoLayoutLine *line,
                             const GArray *links, double x, double base, unsigned rgb)
{
    const char *text = pango_layout_get_text(lay);
    GSList *r = line->runs;
    double rx = x;
    while (r) {
        int k = run_link(r->data, links);
        if (k >= 0) {
            const sp_link *lk = &g_array_index(links, sp_link, k);
            char *attr = sp_link_uri_attr(lk->uri);
            char *words = g_strndup(text + lk->start, (gsize)(lk->end - lk->start));
            char *desc = g_strdup_printf("%s (%s)", words, lk->uri);
            EACH(l, cr)
                sp_pdf_link_begin(cr, attr, desc);
            g_ptr_array_add(l->open, g_strdup(CAIRO_TAG_LINK));
            g_free(attr);
            g_free(words);
            g_free(desc);
        } else {
            tag_begin(l, "Span", NULL);
        }
        while (r && run_link(r->data, links) == k) {
            PangoLayoutRun *run = r->data;
            EACH(l, cr)
                draw_run(cr, text, run, rx, base, rgb);
            rx += pango_glyph_string_get_width(run->glyphs) / PS;
            r = r->next;
        }
        tag_end(l, k >= 0 ? CAIRO_TAG_LINK : "Span");
    }
}

static bool line_has_link(PangoLayoutLine *line, const GArray *links)
{
    for (GSList *r = line->runs; r && links; r = r->next)
        if (run_link(r->data, links) >= 0)
            return true;
    return false;
}

/* Place a laid-out paragraph line by line from the cursor, breaking pages
 * between lines (never leaving a single first line at a page's foot). */
static void place_lines(sp_layout *l, PangoLayout *lay, double x, unsigned rgb,
                        const GArray *links)
{
    int n = pango_layout_get_line_count(lay);
    PangoLayoutIter *it = pango_layout_get_iter(lay);
    double y0 = l->y;
    if (!l->no_break && n >= 2) {
        PangoLayoutIter *j = pango_layout_get_iter(lay);
        pango_layout_iter_next_line(j);
        PangoRectangle r;
        pango_layout_iter_get_line_extents(j, NULL, &r);
        pango_layout_iter_free(j);
        if (y0 + (r.y + r.height) / PS > bottom_y(l) && l->page_used) {
            sp_layout_page_break(l);
            y0 = l->y;
        }
    }
    double end = y0;
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        double top = log.y / PS, bot = (log.y + log.height) / PS;
        if (!l->no_break && y0 + bot > bottom_y(l) + 0.01 && (l->page_used || y0 + top > l->y)) {
            sp_layout_page_break(l);
            y0 = l->y - top;
        }
        if (l->cr) {
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
            double lx = x + log.x / PS, base = y0 + pango_layout_iter_get_baseline(it) / PS;
            if (links && links->len) {
                /* in a paragraph with links, every line is in a Span or Link */
                draw_linked_line(l, lay, line, line_has_link(line, links) ? links : NULL, lx,
                                 base, rgb);
            } else {
                EACH(l, cr) {
                    set_rgb(cr, rgb);
                    cairo_move_to(cr, lx, base);
                    pango_cairo_show_layout_line(cr, line);
                }
            }
        }
        end = y0 + bot;
        l->page_used = true;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    l->y = end;
}

/* Close list items and lists deeper than depth (and the item at depth
 * when close_item). */
static void lists_close(sp_layout *l, int depth, bool close_item)
{
    while (l->list_depth > depth || (close_item && l->list_depth == depth && depth > 0 &&
                                     l->item_open[depth])) {
        int d = l->list_depth;
        if (l->item_open[d]) {
            tag_end(l, "LBody");
            tag_end(l, "LI");
            l->item_open[d] = false;
        }
        if (d == depth)
            break;
        tag_end(l, "L");
        l->list_depth--;
    }
}

static void paragraph(sp_layout *l, const sp_block *b)
{
    PangoLayout *lay = para_layout(l, b);
    double x = left_x(l) + para_indent(b);
    unsigned rgb = b->style == SP_PARA_SMALL ? SP_TEXT_SECONDARY : SP_TEXT;
    int depth = b->level > 0 && b->level < 8 ? b->level : 0;
    if (b->label && depth) {
        /* a list item: L > LI > (Lbl, LBody > P), lists nested in LBody */
        lists_close(l, depth, true);
        while (l->list_depth < depth) {
            tag_begin(l, "L", NULL);
            l->item_open[++l->list_depth] = false;
        }
    } else {
        /* a paragraph continuing an item stays in its LBody */
        bool cont = depth && depth <= l->list_depth && l->item_open[depth];
        lists_close(l, cont ? depth : 0, false);
    }
    if (b->label && depth) {
        tag_begin(l, "LI", NULL);
        /* the marker sits on the first line's baseline, right-aligned */
        PangoLayout *m = sp_layout_text(l, b->label, para_size(l, b), false, -1);
        PangoLayoutIter *it = pango_layout_get_iter(lay);
        double base = pango_layout_iter_get_baseline(it) / PS;
        pango_layout_iter_free(it);
        PangoLayoutIter *jt = pango_layout_get_iter(m);
        double mbase = pango_layout_iter_get_baseline(jt) / PS;
        pango_layout_iter_free(jt);
        /* the marker goes with the lines place_lines keeps together (the
         * first two), never alone at the foot of a page */
        double first = layout_height(m) * LINE_SPACING;
        if (!l->no_break && pango_layout_get_line_count(lay) >= 2) {
            PangoLayoutIter *k = pango_layout_get_iter(lay);
            pango_layout_iter_next_line(k);
            PangoRectangle r2;
            pango_layout_iter_get_line_extents(k, NULL, &r2);
            pango_layout_iter_free(k);
            first = MAX(first, (r2.y + r2.height) / PS);
        }
        ensure(l, first);
        tag_begin(l, "Lbl", NULL);
        draw_layout(l, m, x - 5 - layout_width(m), l->y + base - mbase, rgb);
        tag_end(l, "Lbl");
        g_object_unref(m);
        tag_begin(l, "LBody", NULL);
        l->item_open[depth] = true;
    }
    tag_begin(l, "P", NULL);
    place_lines(l, lay, x, rgb, b->links);
    tag_end(l, "P");
    l->y += para_after(l);
    g_object_unref(lay);
}

/* --- headings -------------------------------------------------------------- */

static const double HEADING_PT[] = {0, 17, 13, 11};
static const double HEADING_BEFORE[] = {0, 14, 12, 8};
static const double HEADING_AFTER[] = {0, 8, 5, 3};

static double heading_before(const sp_layout *l, int level)
{
    return l->page_used ? HEADING_BEFORE[level] : 0;
}

static PangoLayout *heading_layout(const sp_layout *l, const sp_block *b)
{
    char *key = g_strdup_printf("H|%p|%.3f", (const void *)b, sp_layout_text_width(l));
    PangoLayout *hit = cached(l, key);
    if (hit) {
        g_free(key);
        return hit;
    }
    return remember(l, key, sp_layout_text(l, b->text ? b->text : "", HEADING_PT[b->level],
                                           true, sp_layout_text_width(l)));
}

static double block_height(sp_layout *l, const sp_block *b);

static void heading(sp_layout *l, const sp_block *b, const sp_block *next)
{
    PangoLayout *lay = heading_layout(l, b);
    double h = layout_height(lay);
    double keep = 0;
    if (next && next->kind != SP_BLOCK_HEADING && next->kind != SP_BLOCK_PAGE_BREAK)
        keep = MIN(block_height(l, next), next->kind == SP_BLOCK_PARA ? 3 * l->st.body_pt * 1.6
                                                                     : 1e9);
    ensure(l, heading_before(l, b->level) + h + HEADING_AFTER[b->level] + keep);
    l->y += heading_before(l, b->level);
    sp_heading_pos *pos = g_new0(sp_heading_pos, 1);
    pos->level = b->level;
    pos->text = g_strdup(b->text);
    pos->page = l->page;
    pos->y = l->y;
    g_ptr_array_add(l->headings, pos);
    /* the tag's level is the heading's depth among the headings open, as in
     * the outline: a level-2 heading with no level 1 above it is an H1 */
    int depth = 1;
    for (int k = 1; k < b->level && k < 4; k++)
        depth += l->level_open[k];
    for (int k = b->level; k < 4; k++)
        l->level_open[k] = k == b->level;
    if (l->cr) {
        char tag[4] = {'H', (char)('0' + depth), 0, 0};
        for (int i = 0; i < l->nt; i++) {
            /* a named destination for links to this heading (contents) */
            char *name = sp_heading_dest(l->page + l->t[i].page_shift, pos->y);
            char *dest = g_strdup_printf("name='%s' x=%.2f y=%.2f", name, left_x(l),
                                         MAX(0, l->y - 6));
            cairo_tag_begin(l->t[i].cr, CAIRO_TAG_DEST, dest);
            cairo_tag_end(l->t[i].cr, CAIRO_TAG_DEST);
            g_free(dest);
            g_free(name);
        }
        tag_begin(l, tag, NULL);
        draw_layout(l, lay, left_x(l), l->y, b->level == 1 ? SP_DARK_BLUE : SP_TEXT);
        tag_end(l, tag);
        for (int i = 0; i < l->nt && !b->no_outline; i++) {
            target *t = &l->t[i];
            if (!t->pdf)
                continue;
            int parent = b->level > 1 && t->outline[b->level - 1] ? t->outline[b->level - 1]
                                                                  : l->outline_parent;
            char *dest = g_strdup_printf("page=%d pos=[%.2f %.2f]", l->page + t->page_shift,
                                         left_x(l), MAX(0, l->y - 6));
            int id = cairo_pdf_surface_add_outline(t->pdf, parent, b->text, dest,
                                                   b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_BOLD : 0);
            g_free(dest);
            t->outline[b->level] = id;
            for (int k = b->level + 1; k < 4; k++)
                t->outline[k] = 0;
        }
    }
    l->y += h + HEADING_AFTER[b->level];
    l->page_used = true;
    g_object_unref(lay);
}

/* --- captions, figures ------------------------------------------------------ */

/* Caption ("Figure 1: title", label in bold) and source line, wrapped. */
static PangoLayout *caption_layout(const sp_layout *l, const char *caption)
{
    char *key = g_strdup_printf("C|%.3f|%s", sp_layout_text_width(l), caption ? caption : "");
    PangoLayout *hit = cached(l, key);
    if (hit) {
        g_free(key);
        return hit;
    }
    PangoLayout *lay = sp_layout_text(l, caption ? caption : "", l->st.body_pt * 0.9, false,
                                      sp_layout_text_width(l));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
    const char *colon = caption ? strchr(caption, ':') : NULL;
    if (colon) {
        PangoAttrList *al = pango_attr_list_new();
        no_ligatures(al);
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = 0;
        a->end_index = (guint)(colon - caption + 1);
        pango_attr_list_insert(al, a);
        pango_layout_set_attributes(lay, al);
        pango_attr_list_unref(al);
    }
    return remember(l, key, lay);
}

static PangoLayout *source_layout(const sp_layout *l, const char *source)
{
    char *key = g_strdup_printf("S|%.3f|%s", sp_layout_text_width(l), source ? source : "");
    PangoLayout *hit = cached(l, key);
    if (hit) {
        g_free(key);
        return hit;
    }
    PangoLayout *lay = sp_layout_text(l, source ? source : "", MAX(9.0, l->st.body_pt * 0.8),
                                      false, sp_layout_text_width(l));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
    return remember(l, key, lay);
}

/* The title above a figure or table ("Figure 1: ...", kept with it). */
#define TITLE_BEFORE 6.0
#define TITLE_AFTER 4.0
static double title_height(const sp_layout *l, const sp_block *b)
{
    if (!b->caption)
        return 0;
    PangoLayout *c = caption_layout(l, b->caption);
    double h = TITLE_BEFORE + layout_height(c) + TITLE_AFTER;
    g_object_unref(c);
    return h;
}

/* The lines under it: description (figures), notes, source. */
static double foot_height(const sp_layout *l, const sp_block *b)
{
    double h = 0;
    char *d = b->kind == SP_BLOCK_FIGURE && b->alt && *b->alt
                  ? g_strconcat("Description: ", b->alt, NULL) : NULL;
    const char *lines[] = {d, b->notes, b->source};
    for (int i = 0; i < 3; i++)
        if (lines[i]) {
            PangoLayout *s = source_layout(l, lines[i]);
            h += 2 + layout_height(s);
            g_object_unref(s);
        }
    g_free(d);
    return h + 14;
}

/* A small grey line under a figure or table (description, notes, source). */
static void caption_note(sp_layout *l, const char *text)
{
    l->y += 2;
    PangoLayout *s = source_layout(l, text);
    if (l->cr)
        tag_begin(l, "P", NULL);
    draw_layout(l, s, left_x(l), l->y, SP_TEXT_SECONDARY);
    if (l->cr)
        tag_end(l, "P");
    l->y += layout_height(s);
    g_object_unref(s);
}

/* The title, tagged Caption (moved inside its Figure or Table when the PDF
 * is finished). */
static void draw_title(sp_layout *l, const sp_block *b)
{
    if (!b->caption)
        return;
    l->y += TITLE_BEFORE;
    PangoLayout *c = caption_layout(l, b->caption);
    if (l->cr)
        tag_begin(l, "Caption", NULL);
    draw_layout(l, c, left_x(l), l->y, SP_TEXT);
    if (l->cr)
        tag_end(l, "Caption");
    l->y += layout_height(c) + TITLE_AFTER;
    l->page_used = true;
    g_object_unref(c);
}

static void draw_foot(sp_layout *l, const sp_block *b)
{
    /* Cairo 1.16 cannot attach alt text to a Figure tag, so a chart's
     * text alternative is printed under it, where every reader gets it */
    if (b->kind == SP_BLOCK_FIGURE && b->alt && *b->alt) {
        char *d = g_strconcat("Description: ", b->alt, NULL);
        caption_note(l, d);
        g_free(d);
    }
    if (b->notes)
        caption_note(l, b->notes);
    if (b->source)
        caption_note(l, b->source);
    l->y += 14;
}

static double figure_chart_height(const sp_layout *l)
{
    return sp_layout_text_width(l) * l->st.chart_aspect;
}

/* The chart's height for figure b here: its own, or, rather than leave
 * the rest of a page empty, up to a fifth less to fit what is left of it,
 * or up to two fifths less where no label of the chart drawn so crosses
 * anything it did not cross at its own height; 0 when it does not fit on
 * this page even so (and the page is used). */
static double figure_fitted_height(const sp_layout *l, const sp_block *b)
{
    double h = figure_chart_height(l);
    double room = bottom_y(l) - l->y - title_height(l, b) - foot_height(l, b);
    if (!l->page_used || room >= h)
        return h;
    if (room >= 0.8 * h)
        return room;
    return room >= 0.6 * h && l->ctx && b->chart_id &&
                   sp_chart_reads_at(l->ctx, b->chart_id, sp_layout_text_width(l), room, h)
               ? room
               : 0;
}

static int figure(sp_layout *l, const sp_block *b, sp_diags *diags)
{
    double h = figure_fitted_height(l, b);
    if (h == 0) /* it starts the next page, whole */
        h = figure_chart_height(l);
    ensure(l, title_height(l, b) + h + foot_height(l, b));
    draw_title(l, b);
    int rc = 0;
    if (l->cr) {
        /* the Figure holds the drawing only (a leaf, so cairo marks it);
         * its caption follows and is moved inside when the PDF is finished */
        EACH(l, cr)
            sp_pdf_figure_begin(cr, b->alt);
        EACH(l, cr) {
            cairo_save(cr);
            cairo_translate(cr, left_x(l), l->y);
            cairo_rectangle(cr, 0, 0, sp_layout_text_width(l), h);
            cairo_clip(cr);
            int r = sp_chart_draw(cr, sp_layout_text_width(l), h, l->ctx, b->chart_id,
                                  SP_CHART_BARE, diags);
            if (r && !rc)
                rc = r;
            cairo_restore(cr);
        }
    }
    if (l->cr)
        EACH(l, cr)
            cairo_tag_end(cr, "Figure");
    l->y += h;
    l->page_used = true;
    draw_foot(l, b);
    return rc;
}

/* --- tables ---------------------------------------------------------------- */

#define TABLE_PT(l) MAX(9.0, (l)->st.body_pt * 0.88)

/* A table measured for one text width: column widths, row heights and the
 * laid-out cells, kept for drawing. */
typedef struct {
    size_t nc;
    guint nrows;
    double *colw;
    double head_h;
    double *row_h;
    PangoLayout **head;  /* nc */
    PangoLayout **cells; /* nrows x nc */
} table_geom;

/* Table measurements kept for the process, not for one layout: a table's
 * words and headers repeat from cell to cell and from one area's profile to
 * the next (column headings, units, region names, England's row), and each
 * profile is laid out afresh. A measurement depends only on its key (the
 * font, its options and the context's resolution are the same for every
 * layout), so a value found here is the one measuring again would give, in
 * any process: the files do not depend on what was measured before. The
 * table is emptied when it reaches WIDTHS_MAX entries (a briefing listing
 * every area of a large file), which bounds its memory. Guarded by a lock:
 * the renderers run in processes, but the layout code makes no promise
 * about threads. */
#define WIDTHS_MAX 65536
static GHashTable *widths; /* "kind|pt|text" -> double* */
G_LOCK_DEFINE_STATIC(widths);

static bool width_known(const char *key, double *w)
{
    G_LOCK(widths);
    const double *hit = widths ? g_hash_table_lookup(widths, key) : NULL;
    if (hit)
        *w = *hit;
    G_UNLOCK(widths);
    return hit != NULL;
}

/* Keeps key (freed here). */
static double width_keep(char *key, double w)
{
    G_LOCK(widths);
    if (!widths || g_hash_table_size(widths) >= WIDTHS_MAX) {
        if (widths)
            g_hash_table_destroy(widths);
        widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    }
    g_hash_table_replace(widths, key, g_memdup2(&w, sizeof w));
    G_UNLOCK(widths);
    return w;
}

void sp_layout_forget_widths(void)
{
    G_LOCK(widths);
    if (widths)
        g_hash_table_destroy(widths);
    widths = NULL;
    G_UNLOCK(widths);
}

static double text_w(const sp_layout *l, const char *s, bool bold)
{
    char *key = g_strdup_printf("%d|%.3f|%s", bold, TABLE_PT(l), s);
    double w;
    if (width_known(key, &w)) {
        g_free(key);
        return w;
    }
    PangoLayout *lay = sp_layout_text(l, s, TABLE_PT(l), bold, -1);
    w = layout_width(lay);
    g_object_unref(lay);
    return width_keep(key, w);
}

/* Width of the longest word of s. */
static double longest_word(const sp_layout *l, const char *s, bool bold)
{
    char **words = g_strsplit(s, " ", -1);
    double m = 0;
    for (char **w = words; *w; w++)
        m = MAX(m, text_w(l, *w, bold));
    g_strfreev(words);
    return m;
}

static PangoLayout *cell_layout(const sp_layout *l, const char *s, bool bold, bool right,
                                double w)
{
    PangoLayout *lay = sp_layout_text(l, s, TABLE_PT(l), bold, w - 2 * CELL_PAD_X);
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(lay, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    return lay;
}

/* The narrowest column (padding included) in which a header takes at most
 * two lines: numeric headers such as "Weaknesses without sufficient
 * progress" then never stand four lines tall over a column of digits. */
static double two_line_width(const sp_layout *l, const char *head)
{
    char *key = g_strdup_printf("2|%.3f|%s", TABLE_PT(l), head);
    double hi;
    if (width_known(key, &hi)) {
        g_free(key);
        return hi;
    }
    double lo = longest_word(l, head, true) + 2 * CELL_PAD_X;
    hi = text_w(l, head, true) + 2 * CELL_PAD_X;
    for (int it = 0; it < 20 && hi - lo > 0.5; it++) {
        double mid = (lo + hi) / 2;
        PangoLayout *lay = cell_layout(l, head, true, true, mid);
        if (pango_layout_get_line_count(lay) <= 2)
            hi = mid;
        else
            lo = mid;
        g_object_unref(lay);
    }
    return width_keep(key, hi);
}

/* About how many lines tall a squeezed table's rows are with column widths
 * w: a text cell of natural width n takes one line if it fits, else
 * n / (w - padding) lines, rounded up, with a tenth of each line lost where
 * words wrap; a row takes its tallest cell's. Between widths that make rows
 * equally tall, fewer cells wrapped (a hundredth a line), then the rows'
 * unrounded heights (a hundred-thousandth) tell them apart. Numeric columns
 * keep their width. */
static double table_lines(const sp_table *t, const double *nat, const double *w)
{
    size_t nc = t->ncols;
    double total = 0;
    for (guint r = 0; r < t->rows->len; r++) {
        double lines = 1, exact = 0, cells = 0;
        for (size_t c = 0; c < nc; c++) {
            if (t->numeric[c])
                continue;
            double inner = MAX(w[c] - 2 * CELL_PAD_X, 1), n = nat[r * nc + c];
            double x = n <= inner + 0.01 ? n / inner : n / (0.9 * inner);
            lines = MAX(lines, ceil(x));
            exact = MAX(exact, x);
            cells += ceil(x);
        }
        total += lines + cells / 100 + exact / 100000;
    }
    return total;
}

/* How many cell estimates balance_columns makes at most. */
#define BALANCE_CELLS 4000000.0

/* The first move of step points from one text column to another that
 * makes the table shorter than *best, made (true), or none (false). */
static bool balance_move(const sp_table *t, const double *nat, const double *floor_w,
                         double step, double *w, double *best, double *tries)
{
    size_t nc = t->ncols;
    for (size_t a = 0; a < nc; a++) {
        if (t->numeric[a] || w[a] - step < floor_w[a])
            continue;
        for (size_t b = 0; b < nc; b++) {
            if (b == a || t->numeric[b])
                continue;
            w[a] -= step;
            w[b] += step;
            double lines = table_lines(t, nat, w);
            *tries -= 1;
            if (lines < *best - 1e-6) {
                *best = lines;
                return true;
            }
            w[a] += step;
            w[b] -= step;
        }
    }
    return false;
}

/* The squeezed columns' widths moved, eight points at a time and then
 * one, from one text column to another while that makes the table shorter:
 * giving every text column the same cap left a long definition five lines
 * tall beside a name on two. A column keeps its longest word (minw) and at
 * least half an equal share of the width (or all it needs, if less), so
 * short names are not wrapped into a narrow strip. The search stops after
 * about BALANCE_CELLS cell estimates, so a table listing every area of a
 * large file costs little more than measuring it. Deterministic. */
static void balance_columns(const sp_layout *l, const sp_table *t, const double *want,
                            const double *minw, double *w)
{
    size_t nc = t->ncols, nr = t->rows->len, ntext = 0;
    double width = 0;
    for (size_t c = 0; c < nc; c++)
        if (!t->numeric[c]) {
            ntext++;
            width += w[c];
        }
    double *floor_w = g_new(double, nc);
    for (size_t c = 0; c < nc; c++)
        floor_w[c] = MAX(minw[c], MIN(want[c], width / (2.0 * (double)MAX(ntext, 1))));
    double *nat = g_new(double, nr * nc);
    for (guint r = 0; r < nr; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        for (size_t c = 0; c < nc; c++)
            nat[r * nc + c] = t->numeric[c] ? 0 : text_w(l, row[c], false);
    }
    double best = table_lines(t, nat, w);
    double tries = BALANCE_CELLS / (double)MAX(nr * ntext, 1);
    for (double step = 8; step >= 1; step /= 8)
        while (tries >= 1 && balance_move(t, nat, floor_w, step, w, &best, &tries))
            ;
    g_free(nat);
    g_free(floor_w);
}

static void table_geometry(const sp_layout *l, const sp_table *t, table_geom *g)
{
    g->nc = t->ncols;
    g->nrows = t->rows->len;
    size_t nc = t->ncols;
    double width = sp_layout_text_width(l);
    double *want = g_new0(double, nc), *head_nat = g_new0(double, nc);
    g->colw = g_new0(double, nc);
    for (size_t c = 0; c < nc; c++) {
        double m = longest_word(l, t->head[c], true);
        for (guint r = 0; r < t->rows->len; r++) {
            char **row = g_ptr_array_index(t->rows, r);
            m = MAX(m, text_w(l, row[c], false));
        }
        want[c] = m + 2 * CELL_PAD_X;
        head_nat[c] = text_w(l, t->head[c], true) + 2 * CELL_PAD_X;
        if (t->numeric[c])
            want[c] = MAX(want[c], two_line_width(l, t->head[c]));
        want[c] = MAX(want[c], t->min_share[c] * width);
    }
    double sum = 0, num_sum = 0, text_sum = 0;
    for (size_t c = 0; c < nc; c++) {
        sum += want[c];
        if (t->numeric[c])
            num_sum += want[c];
        else
            text_sum += want[c];
    }
    for (size_t c = 0; c < nc; c++)
        g->colw[c] = want[c];
    if (sum > width && text_sum > 0) {
        /* squeeze the widest text columns first: every text column gets
         * min(its natural width, cap), never less than its longest word,
         * with cap found by bisection so that the columns fill the line */
        double *minw = g_new0(double, nc);
        for (size_t c = 0; c < nc; c++) {
            if (t->numeric[c])
                continue;
            minw[c] = longest_word(l, t->head[c], true);
            for (guint r = 0; r < t->rows->len; r++) {
                char **row = g_ptr_array_index(t->rows, r);
                minw[c] = MAX(minw[c], longest_word(l, row[c], false));
            }
            minw[c] = MIN(minw[c] + 2 * CELL_PAD_X, want[c]);
        }
        double lo = 0, hi = width;
        for (int it = 0; it < 40; it++) {
            double cap = (lo + hi) / 2, total = num_sum;
            for (size_t c = 0; c < nc; c++)
                if (!t->numeric[c])
                    total += MAX(minw[c], MIN(want[c], cap));
            if (total > width)
                hi = cap;
            else
                lo = cap;
        }
        for (size_t c = 0; c < nc; c++)
            if (!t->numeric[c])
                g->colw[c] = MAX(minw[c], MIN(want[c], lo));
        balance_columns(l, t, want, minw, g->colw);
        g_free(minw);
    } else {
        /* share the room out so that headers wrap as little as possible,
         * each column taking no more than it needs (water filling) */
        double extra = width - sum;
        for (int round = 0; round < (int)nc && extra > 0.01; round++) {
            size_t needy = 0;
            for (size_t c = 0; c < nc; c++)
                if (head_nat[c] - g->colw[c] > 0.01)
                    needy++;
            if (!needy)
                break;
            double share = extra / (double)needy;
            for (size_t c = 0; c < nc; c++) {
                double need = head_nat[c] - g->colw[c];
                if (need > 0.01) {
                    double add = MIN(need, share);
                    g->colw[c] += add;
                    extra -= add;
                }
            }
        }
        /* what is left goes to the first text column */
        size_t first_text = 0;
        while (first_text < nc && t->numeric[first_text])
            first_text++;
        if (extra > 0 && first_text < nc)
            g->colw[first_text] += extra;
        else if (extra > 0)
            for (size_t c = 0; c < nc; c++)
                g->colw[c] += extra / (double)nc;
    }
    g->head_h = 0;
    g->head = g_new0(PangoLayout *, nc);
    for (size_t c = 0; c < nc; c++) {
        g->head[c] = cell_layout(l, t->head[c], true, t->numeric[c], g->colw[c]);
        g->head_h = MAX(g->head_h, layout_height(g->head[c]) + 2 * CELL_PAD_Y);
    }
    g->row_h = g_new0(double, t->rows->len + 1);
    g->cells = g_new0(PangoLayout *, (size_t)t->rows->len * nc + 1);
    for (guint r = 0; r < t->rows->len; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        for (size_t c = 0; c < nc; c++) {
            PangoLayout *lay = cell_layout(l, row[c], false, t->numeric[c], g->colw[c]);
            g->cells[r * nc + c] = lay;
            g->row_h[r] = MAX(g->row_h[r], layout_height(lay) + 2 * CELL_PAD_Y);
        }
    }
    g_free(want);
    g_free(head_nat);
}

static void table_geom_free(gpointer p)
{
    table_geom *g = p;
    for (size_t c = 0; c < g->nc; c++)
        g_object_unref(g->head[c]);
    for (size_t i = 0; i < (size_t)g->nrows * g->nc; i++)
        g_object_unref(g->cells[i]);
    g_free(g->head);
    g_free(g->cells);
    g_free(g->colw);
    g_free(g->row_h);
    g_free(g);
}

/* The table's geometry, measured on first use. */
static const table_geom *geometry(sp_layout *l, const sp_table *t)
{
    table_geom *g = g_hash_table_lookup(l->tables, t);
    if (!g) {
        g = g_new0(table_geom, 1);
        table_geometry(l, t, g);
        g_hash_table_insert(l->tables, (gpointer)t, g);
    }
    return g;
}

typedef enum { ROW_BODY, ROW_HEAD, ROW_HEAD_AGAIN } row_kind;

/* A row of cells and its rule. The header row repeated on a new page is an
 * artifact: the Table element goes on across the page break and already
 * has its header row. */
static void table_row(sp_layout *l, const sp_table *t, const table_geom *g,
                      PangoLayout **cells, row_kind kind, double h)
{
    bool head = kind != ROW_BODY, tagged = kind != ROW_HEAD_AGAIN;
    if (l->cr) {
        if (tagged)
            tag_begin(l, "TR", NULL);
        else
            artifact_begin(l);
        double x = left_x(l);
        for (size_t c = 0; c < t->ncols; c++) {
            /* a text first column heads its row */
            const char *cell = head || (c == 0 && !t->numeric[0] && t->ncols > 1) ? "TH" : "TD";
            if (tagged)
                tag_begin(l, cell, NULL);
            draw_layout(l, cells[c], x + CELL_PAD_X, l->y + CELL_PAD_Y, SP_TEXT);
            if (tagged)
                tag_end(l, cell);
            x += g->colw[c];
        }
        if (tagged)
            tag_end(l, "TR");
        double w = sp_layout_text_width(l);
        if (tagged)
            artifact_begin(l);
        EACH(l, cr) {
            set_rgb(cr, head ? SP_TEXT : SP_GRID);
            cairo_set_line_width(cr, head ? 0.9 : 0.4);
            cairo_move_to(cr, left_x(l), l->y + h);
            cairo_line_to(cr, left_x(l) + w, l->y + h);
            cairo_stroke(cr);
        }
        artifact_end(l);
    }
    l->y += h;
    l->page_used = true;
}

/* "Table 3" from "Table 3: Inspections by region". */
static char *caption_label(const char *caption)
{
    const char *colon = caption ? strchr(caption, ':') : NULL;
    return colon ? g_strndup(caption, (gsize)(colon - caption)) : g_strdup("Table");
}

/* Rows kept together at either side of a page break. */
#define TABLE_MIN_ROWS 3u

/* The whole table's height: title, header, every row and what goes under. */
static double table_height(const sp_layout *l, const sp_block *b, const table_geom *g)
{
    double h = title_height(l, b) + g->head_h + foot_height(l, b);
    for (guint r = 0; r < b->table->rows->len; r++)
        h += g->row_h[r];
    return h;
}

static void table(sp_layout *l, const sp_block *b)
{
    const sp_table *t = b->table;
    const table_geom *gp = geometry(l, t);
    const table_geom g = *gp;
    double title = title_height(l, b), foot = foot_height(l, b);
    guint n = t->rows->len;
    /* the title, the header and the first rows (all of a short table, with
     * what goes under it) start on one page */
    double first = title + g.head_h + (n <= TABLE_MIN_ROWS ? foot : 0);
    for (guint r = 0; r < MIN(TABLE_MIN_ROWS, n); r++)
        first += g.row_h[r];
    /* a short table is kept whole when it fits on a page */
    double whole = table_height(l, b, &g);
    if (n <= 15 && whole <= bottom_y(l) - top_y(l))
        first = whole;
    ensure(l, first);
    draw_title(l, b);
    if (l->cr)
        tag_begin(l, "Table", NULL);
    table_row(l, t, &g, g.head, ROW_HEAD, g.head_h);
    for (guint r = 0; r < n; r++) {
        /* the last TABLE_MIN_ROWS rows go over together, with the notes
         * and source, so neither side of a break has fewer */
        double need = g.row_h[r] + (r + 1 == n ? foot : 0);
        if (n >= 2 * TABLE_MIN_ROWS && r + TABLE_MIN_ROWS == n) {
            need = foot;
            for (guint k = r; k < n; k++)
                need += g.row_h[k];
        }
        bool may_break = r >= TABLE_MIN_ROWS || n < 2 * TABLE_MIN_ROWS;
        if (l->y + need > bottom_y(l) && may_break) {
            /* one Table across the break; the "(continued)" label and the
             * repeated header row are pagination, artifacts */
            sp_layout_page_break(l);
            artifact_begin(l);
            char *label = caption_label(b->caption);
            char *cont = g_strdup_printf("%s (continued)", label);
            PangoLayout *c = sp_layout_text(l, cont, MAX(9.0, l->st.body_pt * 0.8), true, -1);
            draw_layout(l, c, left_x(l), l->y, SP_TEXT);
            l->y += layout_height(c) + 3;
            artifact_end(l);
            g_object_unref(c);
            g_free(cont);
            g_free(label);
            table_row(l, t, &g, g.head, ROW_HEAD_AGAIN, g.head_h);
        }
        table_row(l, t, &g, g.cells + (size_t)r * g.nc, ROW_BODY, g.row_h[r]);
    }
    if (l->cr)
        tag_end(l, "Table");
    draw_foot(l, b);
}

/* --- measuring ------------------------------------------------------------- */

static double block_height(sp_layout *l, const sp_block *b)
{
    switch (b->kind) {
    case SP_BLOCK_PARA: {
        PangoLayout *lay = para_layout(l, b);
        double h = layout_height(lay) + para_after(l);
        g_object_unref(lay);
        return h;
    }
    case SP_BLOCK_HEADING: {
        PangoLayout *lay = heading_layout(l, b);
        double h = HEADING_BEFORE[b->level] + layout_height(lay) + HEADING_AFTER[b->level];
        g_object_unref(lay);
        return h;
    }
    case SP_BLOCK_FIGURE:
        return title_height(l, b) + figure_chart_height(l) + foot_height(l, b);
    case SP_BLOCK_TABLE: {
        /* for keeping a heading with it: the title, header and first rows */
        const table_geom *g = geometry(l, b->table);
        double h = title_height(l, b) + g->head_h;
        for (guint r = 0; r < MIN(TABLE_MIN_ROWS, b->table->rows->len); r++)
            h += g->row_h[r];
        return h;
    }
    default:
        return 0;
    }
}

/* The height of a block that may go before a figure too tall for the rest
 * of its page (a body paragraph, not a list item, or a whole table), with
 * the space after it in *after; -1 for any other block. */
static double movable_height(sp_layout *l, const sp_block *b, double *after)
{
    *after = 0;
    if (b->kind == SP_BLOCK_PARA && b->level == 0 && b->style == SP_PARA_BODY) {
        *after = para_after(l);
        return block_height(l, b) - *after;
    }
    if (b->kind == SP_BLOCK_TABLE)
        return table_height(l, b, geometry(l, b->table));
    return -1;
}

/* How many of the blocks after figure i go before it: when the figure
 * does not fit on the rest of the page, the paragraphs and tables that
 * follow it and fit there whole, up to the first that does not (or a
 * heading, figure or box), rather than leave the page's foot empty (the
 * briefing's first figure left two-fifths of a page blank above its
 * table). The figure then starts the next page, as it would have. */
static guint figure_deferring(sp_layout *l, const sp_blocks *bs, guint i)
{
    if (figure_fitted_height(l, g_ptr_array_index(bs->items, i)) > 0)
        return 0;
    double room = bottom_y(l) - l->y, after;
    guint n = 0;
    for (guint k = i + 1; k < bs->items->len; k++, n++) {
        double h = movable_height(l, g_ptr_array_index(bs->items, k), &after);
        if (h < 0 || h > room)
            break;
        room -= h + after;
    }
    return n;
}

/* --- boxes ----------------------------------------------------------------- */

/* Blocks from i up to the matching BOX_END, inside a shaded box kept on one
 * page. Returns the index of the BOX_END. */
static guint box(sp_layout *l, const sp_blocks *bs, guint i)
{
    guint end = i + 1;
    while (end < bs->items->len &&
           ((sp_block *)g_ptr_array_index(bs->items, end))->kind != SP_BLOCK_BOX_END)
        end++;
    l->indent += BOX_PAD + 4;
    l->right_indent += BOX_PAD;
    double h = 2 * BOX_PAD;
    for (guint k = i + 1; k < end; k++) {
        sp_block *b = g_ptr_array_index(bs->items, k);
        h += block_height(l, b);
        if (k == i + 1 && b->kind == SP_BLOCK_HEADING)
            h -= HEADING_BEFORE[b->level];
    }
    h -= para_after(l);
    bool fits = h <= bottom_y(l) - top_y(l);
    ensure(l, h + 6);
    l->y += 4;
    double y0 = l->y;
    if (l->cr) {
        double x = l->st.margin_left, w = SP_A4_WIDTH - l->st.margin_left - l->st.margin_right;
        artifact_begin(l);
        EACH(l, cr) {
            cairo_rectangle(cr, x, y0, w, h);
            cairo_set_source_rgb(cr, 0.93, 0.95, 0.97);
            cairo_fill(cr);
            cairo_rectangle(cr, x, y0, 4, h);
            set_rgb(cr, SP_DARK_BLUE);
            cairo_fill(cr);
        }
        artifact_end(l);
        tag_begin(l, "Div", NULL);
    }
    l->y += BOX_PAD;
    l->page_used = false; /* a heading at the top of a box needs no space above */
    l->no_break = fits;
    for (guint k = i + 1; k < end; k++) {
        sp_block *b = g_ptr_array_index(bs->items, k);
        if (b->kind == SP_BLOCK_HEADING)
            heading(l, b, NULL);
        else if (b->kind == SP_BLOCK_PARA)
            paragraph(l, b);
        l->page_used = true;
    }
    lists_close(l, 0, false);
    l->page_used = true;
    l->no_break = false;
    if (l->cr)
        tag_end(l, "Div");
    l->y = MAX(l->y - para_after(l) + BOX_PAD, y0 + h) + 10;
    l->indent -= BOX_PAD + 4;
    l->right_indent -= BOX_PAD;
    return end;
}

int sp_layout_blocks(sp_layout *l, const sp_blocks *bs, int outline_parent, sp_diags *diags)
{
    int rc = 0;
    l->outline_parent = outline_parent;
    for (int i = 0; i < l->nt; i++)
        memset(l->t[i].outline, 0, sizeof l->t[i].outline);
    memset(l->level_open, 0, sizeof l->level_open);
    for (guint i = 0; i < bs->items->len; i++) {
        const sp_block *b = g_ptr_array_index(bs->items, i);
        const sp_block *next = i + 1 < bs->items->len ? g_ptr_array_index(bs->items, i + 1) : NULL;
        if (b->kind != SP_BLOCK_PARA)
            lists_close(l, 0, false);
        switch (b->kind) {
        case SP_BLOCK_HEADING: heading(l, b, next); break;
        case SP_BLOCK_PARA: paragraph(l, b); break;
        case SP_BLOCK_FIGURE: {
            guint moved = figure_deferring(l, bs, i);
            for (guint k = i + 1; k <= i + moved; k++) {
                const sp_block *m = g_ptr_array_index(bs->items, k);
                if (m->kind == SP_BLOCK_TABLE)
                    table(l, m);
                else
                    paragraph(l, m);
            }
            int r = figure(l, b, diags);
            i += moved;
            if (r && !rc)
                rc = r;
            break;
        }
        case SP_BLOCK_TABLE: table(l, b); break;
        case SP_BLOCK_BOX_BEGIN: i = box(l, bs, i); break;
        case SP_BLOCK_BOX_END: break;
        case SP_BLOCK_PAGE_BREAK:
            /* a new page, unless the page holds only the end of the section
             * before (less than a third of it): a break there would leave the
             * page nearly empty (the sources' last two lines, with the annex
             * on the page after) */
            if (l->page_used && l->y - top_y(l) >= (bottom_y(l) - top_y(l)) / 3)
                sp_layout_page_break(l);
            break;
        }
    }
    lists_close(l, 0, false);
    return rc;
}

/* --- metadata -------------------------------------------------------------- */

void sp_pdf_set_metadata(cairo_surface_t *pdf, const char *title, const char *author,
                         const char *subject, const char *keywords, sp_date as_at)
{
    int64_t t = sp_date_epoch(as_at ? as_at : sp_date_make(2000, 1, 1));
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        long long v = strtoll(sde, &end, 10);
        if (end && *end == '\0' && v >= 0)
            t = v;
    }
    sp_date d = sp_date_from_epoch(t);
    int64_t secs = t - sp_date_epoch(d);
    char iso[40];
    snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", SP_DATE_YEAR(d),
             SP_DATE_MONTH(d), SP_DATE_DAY(d), (int)(secs / 3600), (int)(secs / 60 % 60),
             (int)(secs % 60));
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, author ? author : "");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT, subject ? subject : "");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_KEYWORDS, keywords ? keywords : "");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "sendpack " SENDPACK_VERSION);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, iso);
}
