/* briefing.c: the A4 PDF briefing: cover, contents with page numbers, the
 * expanded templates/briefing.md, running header and "Page N of M" footer.
 *
 * Design choice: the document is laid out twice with the same blocks; the
 * first pass only measures (no surface) to learn where every heading lands
 * and how many pages there are, the second draws with those numbers. */
#include "sendpack/briefing.h"

#include "briefing_doc.h"
#include "sendpack/date.h"
#include "sendpack/style.h"
#include "sendpack/ids_inspections.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#define KEYWORDS "SEND; special educational needs and disabilities; area SEND inspection; " \
                 "Ofsted; CQC; written statement of action; revisit; local area"

typedef struct {
    const sp_context *ctx;
    const sp_blocks *body;
    const char *title;
    char as_at[32];
    GPtrArray *toc;      /* sp_heading_pos* of the body (from the measuring pass) */
    int total_pages;
} briefing;

static void text_at(sp_layout *l, const char *s, double size, bool bold, double x, double y,
                    double w, unsigned rgb, double *h_out)
{
    PangoLayout *lay = sp_layout_text(l, s, size, bold, w);
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
    int pw, ph;
    pango_layout_get_size(lay, &pw, &ph);
    cairo_t *cr = sp_layout_cairo(l);
    if (cr) {
        sp_rgb c = SP_RGB_HEX(rgb);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, lay);
    }
    if (h_out)
        *h_out = ph / (double)PANGO_SCALE;
    g_object_unref(lay);
}

static void cover(briefing *b, sp_layout *l, const sp_layout_style *st)
{
    cairo_t *cr = sp_layout_cairo(l);
    const sp_settings *set = b->ctx->settings;
    double x = st->margin_left, w = SP_A4_WIDTH - st->margin_left - st->margin_right, h;
    if (cr) {
        sp_rgb blue = SP_RGB_HEX(SP_DARK_BLUE);
        cairo_tag_begin(cr, SP_TAG_ARTIFACT, NULL);
        cairo_rectangle(cr, 0, 0, SP_A4_WIDTH, 330);
        cairo_set_source_rgb(cr, blue.r, blue.g, blue.b);
        cairo_fill(cr);
        cairo_tag_end(cr, SP_TAG_ARTIFACT);
        cairo_tag_begin(cr, "P", NULL);
    }
    text_at(l, "Briefing", 12, true, x, 96, w, 0xFFFFFF, &h);
    if (cr) {
        /* the title is the document's first heading and outline entry */
        cairo_tag_end(cr, "P");
        cairo_tag_begin(cr, "H1", NULL);
        cairo_pdf_surface_add_outline(cairo_get_target(cr), CAIRO_PDF_OUTLINE_ROOT, b->title,
                                      "page=1 pos=[62 90]", CAIRO_PDF_OUTLINE_FLAG_BOLD);
    }
    double y = 96 + h + 10;
    /* under the word "Briefing", a title ending ": briefing" says it twice */
    char *big = g_strdup(b->title);
    size_t bl = strlen(big);
    if (bl > 10 && g_ascii_strcasecmp(big + bl - 10, ": briefing") == 0)
        big[bl - 10] = '\0';
    text_at(l, big, 28, true, x, y, w, 0xFFFFFF, &h);
    g_free(big);
    if (cr) {
        cairo_tag_end(cr, "H1");
        cairo_tag_begin(cr, "P", NULL);
    }
    y += h + 14;
    char *sub = g_strdup_printf("Data as at %s", b->as_at);
    text_at(l, sub, 14, false, x, y, w, 0xFFFFFF, &h);
    g_free(sub);
    if (cr)
        cairo_tag_end(cr, "P");
    y = 370;
    if (cr)
        cairo_tag_begin(cr, "P", NULL);
    if (set && set->prepared_for && *set->prepared_for) {
        text_at(l, set->prepared_for, 13, false, x, y, w, SP_TEXT, &h);
        y += h + 18;
    }
    if (set && set->illustrative) {
        const char *msg = "Illustrative data: these figures are invented for testing and "
                          "must not be quoted as statistics.";
        PangoLayout *lay = sp_layout_text(l, msg, 11, true, w - 24);
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
        int pw, ph;
        pango_layout_get_size(lay, &pw, &ph);
        double bh = ph / (double)PANGO_SCALE + 20;
        if (cr) {
            sp_rgb o = SP_RGB_HEX(SP_BANNER);
            cairo_rectangle(cr, x, y, w, bh);
            cairo_set_source_rgb(cr, o.r, o.g, o.b);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.04, 0.05, 0.05);
            cairo_move_to(cr, x + 12, y + 10);
            pango_cairo_show_layout(cr, lay);
        }
        g_object_unref(lay);
        y += bh + 18;
    }
    char *src = sp_briefing_source_line(b->ctx, SP_ID_INSPECTIONS_COUNT);
    text_at(l, src, 9, false, x, y, w, SP_TEXT_SECONDARY, &h);
    g_free(src);
    y += h + 6;
    text_at(l, "Every number in this briefing is published with it as a table of figures, "
               "each with its definition, source and filter, so that it can be checked.",
            9, false, x, y, w, SP_TEXT_SECONDARY, &h);
    if (cr)
        cairo_tag_end(cr, "P");
    sp_layout_set_y(l, SP_A4_HEIGHT);
}

static void contents(briefing *b, sp_layout *l)
{
    sp_blocks *head = sp_blocks_new();
    sp_block *h = sp_blocks_add(head, SP_BLOCK_HEADING);
    h->level = 1;
    h->text = g_strdup("Contents");
    sp_layout_blocks(l, head, 0, NULL);
    sp_blocks_free(head);
    cairo_t *cr = sp_layout_cairo(l);
    double x = 62, w = sp_layout_text_width(l);
    sp_layout_tag_begin(l, "TOC", NULL);
    bool seen_chapter = false;
    for (guint i = 0; i < b->toc->len; i++) {
        const sp_heading_pos *e = g_ptr_array_index(b->toc, i);
        if (e->level > 2)
            continue;
        seen_chapter |= e->level == 1;
        /* a section heading before any chapter (the summary) is not indented */
        bool top = e->level == 1 || !seen_chapter;
        double indent = top ? 0 : 16, size = 11;
        PangoLayout *t = sp_layout_text(l, e->text, size, top, w - indent - 40);
        pango_layout_set_wrap(t, PANGO_WRAP_WORD);
        char num[16];
        snprintf(num, sizeof num, "%d", e->page);
        PangoLayout *n = sp_layout_text(l, num, size, top, -1);
        int tw, th, nw, nh;
        pango_layout_get_size(t, &tw, &th);
        pango_layout_get_size(n, &nw, &nh);
        double rowh = th / (double)PANGO_SCALE + (top ? 9 : 5);
        double y = sp_layout_y(l) + (top && i > 0 ? 6 : 0);
        if (y + rowh > SP_A4_HEIGHT - 62) {
            sp_layout_page_break(l);
            y = sp_layout_y(l);
        }
        if (cr) {
            /* TOCI > Link holding the entry and its page number; the link
             * goes to the heading's named destination */
            sp_layout_tag_begin(l, "TOCI", NULL);
            char *name = sp_heading_dest(e->page, e->y);
            char *dest = g_strdup_printf("dest='%s'", name);
            char *desc = g_strdup_printf("%s, page %d", e->text, e->page);
            sp_pdf_link_begin(cr, dest, desc);
            cairo_set_source_rgb(cr, 0.04, 0.05, 0.05);
            cairo_move_to(cr, x + indent, y);
            pango_cairo_show_layout(cr, t);
            cairo_move_to(cr, x + w - nw / (double)PANGO_SCALE, y);
            pango_cairo_show_layout(cr, n);
            cairo_tag_end(cr, CAIRO_TAG_LINK);
            g_free(dest);
            g_free(desc);
            g_free(name);
            sp_layout_tag_end(l, "TOCI");
        }
        sp_layout_set_y(l, y + rowh);
        g_object_unref(t);
        g_object_unref(n);
    }
    sp_layout_tag_end(l, "TOC");
}

/* One pass: cover, contents, body. cr NULL measures. Returns pages. */
static int compose(briefing *b, cairo_t *cr, GPtrArray **headings, sp_layout **keep,
                   sp_diags *diags, int *rc)
{
    sp_layout_style st;
    sp_layout_style_init(&st);
    st.header_left = b->title;
    st.footer_left = b->ctx->settings && b->ctx->settings->illustrative
                         ? "Illustrative data: not official statistics" : NULL;
    st.page_n_of_m = true;
    st.total_pages = b->total_pages;
    st.first_furnished_page = 2;
    st.body_pt = 11; /* a briefing reads at 11 pt; nothing under 9 pt */
    sp_layout *l = sp_layout_new(cr, &st, b->ctx);
    if (keep && *keep) /* the measuring pass's text, already shaped */
        sp_layout_take_cache(l, *keep);
    cover(b, l, &st);
    sp_layout_page_break(l);
    contents(b, l);
    sp_layout_page_break(l);
    size_t before = sp_layout_headings(l)->len;
    *rc = sp_layout_blocks(l, b->body, 0, diags);
    int pages = sp_layout_finish(l);
    if (headings) {
        GPtrArray *all = sp_layout_headings(l);
        *headings = g_ptr_array_new_with_free_func(g_free);
        for (guint i = (guint)before; i < all->len; i++) {
            sp_heading_pos *src = g_ptr_array_index(all, i), *c = g_new(sp_heading_pos, 1);
            *c = *src;
            c->text = NULL;
            g_ptr_array_add(*headings, c);
        }
    }
    if (keep && !*keep)
        *keep = l;
    else
        sp_layout_free(l);
    return pages;
}

/* Body headings in order, for the contents page (texts from the blocks). */
static GPtrArray *toc_from_blocks(const sp_blocks *body, GPtrArray *pos)
{
    GPtrArray *toc = g_ptr_array_new();
    guint k = 0;
    for (guint i = 0; i < body->items->len; i++) {
        sp_block *bl = g_ptr_array_index(body->items, i);
        if (bl->kind != SP_BLOCK_HEADING)
            continue;
        if (pos && k < pos->len) {
            sp_heading_pos *p = g_ptr_array_index(pos, k);
            p->text = bl->text;
            if (!bl->no_outline)
                g_ptr_array_add(toc, p);
        }
        k++;
    }
    return toc;
}

int sp_briefing_write(const sp_context *ctx, const char *path, sp_diags *diags)
{
    char *tpath = NULL, *text = NULL;
    int rc = sp_doc_read_template(ctx, "briefing.md", &tpath, &text, diags);
    if (rc) {
        g_free(tpath);
        return rc;
    }
    sp_doc_state st = {.ctx = ctx, .typeset = true};
    sp_used_ids_init(&st.used);
    sp_template_env env;
    sp_doc_env(&env, &st, tpath);
    sp_blocks *body = sp_blocks_new();
    rc = sp_doc_blocks(&st, &env, text, body, diags);
    g_free(text);
    if (rc) {
        sp_blocks_free(body);
        sp_used_ids_clear(&st.used);
        g_free(tpath);
        return rc;
    }
    briefing b = {.ctx = ctx, .body = body};
    b.title = ctx->settings && ctx->settings->title ? ctx->settings->title
                                                    : "Area SEND inspections: briefing";
    sp_date_long(ctx->figs->as_at, b.as_at, sizeof b.as_at);

    /* pass 1: measure, with a contents page listing every heading */
    GPtrArray *pos0 = NULL;
    /* the contents has as many rows in both passes: measure with page 0 */
    GPtrArray *measure_toc = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < body->items->len; i++) {
        sp_block *bl = g_ptr_array_index(body->items, i);
        if (bl->kind != SP_BLOCK_HEADING || bl->no_outline)
            continue;
        sp_heading_pos *p = g_new0(sp_heading_pos, 1);
        p->level = bl->level;
        p->text = bl->text;
        g_ptr_array_add(measure_toc, p);
    }
    b.toc = measure_toc;
    int drc = 0;
    sp_layout *measured = NULL;
    b.total_pages = compose(&b, NULL, &pos0, &measured, diags, &drc);
    g_ptr_array_free(measure_toc, TRUE);
    b.toc = toc_from_blocks(body, pos0);

    /* pass 2: draw */
    sp_pdf_notes *notes = NULL;
    cairo_surface_t *pdf = sp_pdf_surface_for_tagging(SP_A4_WIDTH, SP_A4_HEIGHT);
    if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, path, 0, 0, "cannot write the briefing: %s",
                       cairo_status_to_string(cairo_surface_status(pdf)));
        rc = 1;
    } else {
        char *subject = g_strdup_printf("Area SEND inspections and revisits in England: "
                                        "data as at %s", b.as_at);
        /* the author a reader sees: the organisation named in the config,
         * never the tool's own name (its default) */
        const char *author = ctx->settings ? ctx->settings->author : NULL;
        if (author && strcmp(author, "sendpack") == 0)
            author = NULL;
        sp_pdf_set_metadata(pdf, b.title, author,
                            subject, KEYWORDS, ctx->figs->as_at);
        g_free(subject);
        notes = sp_pdf_notes_attach(pdf);
        cairo_t *cr = cairo_create(pdf);
        int pages = compose(&b, cr, NULL, &measured, diags, &drc);
        if (pages != b.total_pages)
            sp_diags_warning(diags, path, 0, 0, "page count changed between passes (%d, %d)",
                             b.total_pages, pages);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            sp_diags_error(diags, path, 0, 0, "drawing the briefing failed: %s",
                           cairo_status_to_string(cairo_status(cr)));
            rc = 1;
        }
        cairo_destroy(cr);
        if (!rc && drc)
            rc = 1;
        if (!rc)
            rc = sp_pdf_finish_tagged(pdf, path, "en-GB", diags);
    }
    cairo_surface_destroy(pdf);
    sp_pdf_notes_free(notes);
    sp_layout_free(measured);
    g_ptr_array_free(b.toc, TRUE);
    if (pos0)
        g_ptr_array_free(pos0, TRUE);
    sp_blocks_free(body);
    sp_used_ids_clear(&st.used);
    g_free(tpath);
    return rc;
}
