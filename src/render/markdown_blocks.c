/* markdown_blocks.c: a cmark tree turned into the composer's blocks
 * (pdf_layout.h), plus the small constructors for blocks and tables.
 *
 * Design choice: inline styles become a PangoAttrList over the paragraph's
 * plain text (not Pango markup), so link spans are known as byte offsets and
 * no text ever needs markup escaping. */
#include "sendpack/pdf_layout.h"

#include "markdown_ref.h"
#include "sendpack/style.h"

#include <cmark.h>
#include <string.h>

/* --- blocks and tables ---------------------------------------------------- */

static void block_free(gpointer p)
{
    sp_block *b = p;
    g_free(b->text);
    if (b->attrs)
        pango_attr_list_unref(b->attrs);
    if (b->links) {
        for (guint i = 0; i < b->links->len; i++)
            g_free(g_array_index(b->links, sp_link, i).uri);
        g_array_free(b->links, TRUE);
    }
    g_free(b->label);
    g_free(b->chart_id);
    sp_table_free(b->table);
    g_free(b->caption);
    g_free(b->source);
    g_free(b->notes);
    g_free(b->alt);
    g_free(b);
}

sp_blocks *sp_blocks_new(void)
{
    sp_blocks *b = g_new0(sp_blocks, 1);
    b->items = g_ptr_array_new_with_free_func(block_free);
    return b;
}

void sp_blocks_free(sp_blocks *b)
{
    if (!b)
        return;
    g_ptr_array_free(b->items, TRUE);
    g_free(b);
}

sp_block *sp_blocks_add(sp_blocks *b, sp_block_kind kind)
{
    sp_block *x = g_new0(sp_block, 1);
    x->kind = kind;
    g_ptr_array_add(b->items, x);
    return x;
}

sp_block *sp_blocks_add_text(sp_blocks *b, sp_para_style style, const char *text)
{
    sp_block *x = sp_blocks_add(b, SP_BLOCK_PARA);
    x->style = style;
    x->text = g_strdup(text);
    return x;
}

sp_table *sp_table_new(size_t ncols, const char *const *head, const bool *numeric)
{
    sp_table *t = g_new0(sp_table, 1);
    t->ncols = ncols;
    t->head = g_new0(char *, ncols + 1);
    t->numeric = g_new0(bool, ncols);
    t->min_share = g_new0(double, ncols);
    for (size_t i = 0; i < ncols; i++) {
        t->head[i] = g_strdup(head[i]);
        t->numeric[i] = numeric ? numeric[i] : false;
    }
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    return t;
}

void sp_table_add_row(sp_table *t, const char *const *cells)
{
    char **row = g_new0(char *, t->ncols + 1);
    for (size_t i = 0; i < t->ncols; i++)
        row[i] = g_strdup(cells[i] ? cells[i] : "");
    g_ptr_array_add(t->rows, row);
}

void sp_table_free(sp_table *t)
{
    if (!t)
        return;
    g_strfreev(t->head);
    g_free(t->numeric);
    g_free(t->min_share);
    g_ptr_array_free(t->rows, TRUE);
    g_free(t);
}

/* --- inlines --------------------------------------------------------------- */

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    GArray *links;
} inline_buf;

static void add_attr(inline_buf *ib, PangoAttribute *a, size_t start)
{
    a->start_index = (guint)start;
    a->end_index = (guint)ib->text->len;
    pango_attr_list_insert(ib->attrs, a);
}

static void inlines(inline_buf *ib, cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        size_t start = ib->text->len;
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
            g_string_append(ib->text, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_SOFTBREAK:
            g_string_append_c(ib->text, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            g_string_append(ib->text, "\xE2\x80\xA8"); /* line separator */
            break;
        case CMARK_NODE_CODE:
            g_string_append(ib->text, cmark_node_get_literal(c));
            add_attr(ib, pango_attr_family_new(SP_FONT_MONO), start);
            break;
        case CMARK_NODE_EMPH:
            inlines(ib, c);
            add_attr(ib, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
            break;
        case CMARK_NODE_STRONG:
            inlines(ib, c);
            add_attr(ib, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
            break;
        case CMARK_NODE_LINK: {
            inlines(ib, c);
            sp_rgb blue = SP_RGB_HEX(SP_DARK_BLUE);
            add_attr(ib, pango_attr_foreground_new((guint16)(blue.r * 65535),
                                                   (guint16)(blue.g * 65535),
                                                   (guint16)(blue.b * 65535)), start);
            add_attr(ib, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start);
            sp_link l = {(int)start, (int)ib->text->len, g_strdup(cmark_node_get_url(c))};
            if (l.end > l.start && l.uri && *l.uri)
                g_array_append_val(ib->links, l);
            else
                g_free(l.uri);
            break;
        }
        case CMARK_NODE_IMAGE:
            inlines(ib, c); /* the alt text */
            break;
        default: /* inline HTML and anything else: left out */
            break;
        }
    }
}

static char *plain_text(cmark_node *n)
{
    inline_buf ib = {g_string_new(NULL), pango_attr_list_new(), g_array_new(FALSE, FALSE, sizeof(sp_link))};
    inlines(&ib, n);
    for (guint i = 0; i < ib.links->len; i++)
        g_free(g_array_index(ib.links, sp_link, i).uri);
    g_array_free(ib.links, TRUE);
    pango_attr_list_unref(ib.attrs);
    return g_string_free(ib.text, FALSE);
}

/* --- blocks ---------------------------------------------------------------- */

typedef struct {
    sp_blocks *out;
    sp_image_fn image;
    void *user;
    sp_diags *diags;
    int status;
} walker;

cmark_node *sp_markdown_ref_image(cmark_node *para)
{
    cmark_node *img = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_IMAGE && !img)
            img = c;
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            continue;
        else
            return NULL;
    }
    const char *url = img ? cmark_node_get_url(img) : NULL;
    if (url && (g_str_has_prefix(url, "chart:") || g_str_has_prefix(url, "table:")))
        return img;
    return NULL;
}

static void walk(walker *w, cmark_node *n, int depth, char **label);

static void paragraph(walker *w, cmark_node *n, int depth, char **label)
{
    cmark_node *img = sp_markdown_ref_image(n);
    if (img) {
        const char *url = cmark_node_get_url(img);
        char *alt = plain_text(img);
        int rc = w->image ? w->image(w->user, url, alt, w->out, w->diags) : 0;
        if (rc && !w->status)
            w->status = rc;
        g_free(alt);
        return;
    }
    inline_buf ib = {g_string_new(NULL), pango_attr_list_new(), g_array_new(FALSE, FALSE, sizeof(sp_link))};
    inlines(&ib, n);
    /* Pango sums a paragraph's width in 32-bit units: past about 40,000
     * words the sum overflows and the paragraph comes out as one line. A
     * longer paragraph is laid out as several, split between words. */
    size_t len = ib.text->len;
    for (size_t start = 0; start < len || start == 0;) {
        size_t end = len;
        if (len - start > SP_PARA_MAX_BYTES) {
            end = start + SP_PARA_MAX_BYTES;
            while (end > start + SP_PARA_MAX_BYTES / 2 && ib.text->str[end - 1] != ' ')
                end--;
            if (ib.text->str[end - 1] != ' ') /* no space: cut between characters */
                end = (size_t)(g_utf8_find_prev_char(ib.text->str, ib.text->str + start + SP_PARA_MAX_BYTES + 1) - ib.text->str);
        }
        sp_block *b = sp_blocks_add(w->out, SP_BLOCK_PARA);
        b->level = depth;
        b->text = g_strndup(ib.text->str + start, end - start);
        b->attrs = pango_attr_list_copy(ib.attrs);
        pango_attr_list_update(b->attrs, (int)end, (int)(len - end), 0);
        pango_attr_list_update(b->attrs, 0, (int)start, 0);
        b->links = g_array_new(FALSE, FALSE, sizeof(sp_link));
        for (guint i = 0; i < ib.links->len; i++) {
            sp_link k = g_array_index(ib.links, sp_link, i);
            int s0 = MAX(k.start, (int)start), e0 = MIN(k.end, (int)end);
            if (s0 >= e0)
                continue;
            sp_link part = {s0 - (int)start, e0 - (int)start, g_strdup(k.uri)};
            g_array_append_val(b->links, part);
        }
        if (label && *label) {
            b->label = *label;
            *label = NULL;
        }
        if (end == len)
            break;
        start = end;
    }
    for (guint i = 0; i < ib.links->len; i++)
        g_free(g_array_index(ib.links, sp_link, i).uri);
    g_array_free(ib.links, TRUE);
    pango_attr_list_unref(ib.attrs);
    g_string_free(ib.text, TRUE);
}

static void list(walker *w, cmark_node *n, int depth)
{
    bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(n);
    for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
        char *label = ordered ? g_strdup_printf("%d.", number++)
                              : g_strdup(depth == 0 ? "\xE2\x80\xA2" : "\xE2\x80\x93");
        for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c))
            walk(w, c, depth + 1, &label);
        g_free(label);
    }
}

static void walk(walker *w, cmark_node *n, int depth, char **label)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_DOCUMENT:
        for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
            walk(w, c, depth, NULL);
        break;
    case CMARK_NODE_PARAGRAPH:
        paragraph(w, n, depth, label);
        break;
    case CMARK_NODE_HEADING: {
        sp_block *b = sp_blocks_add(w->out, SP_BLOCK_HEADING);
        b->level = CLAMP(cmark_node_get_heading_level(n), 1, 3);
        b->text = plain_text(n);
        break;
    }
    case CMARK_NODE_LIST:
        list(w, n, depth);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        sp_blocks_add(w->out, SP_BLOCK_BOX_BEGIN);
        for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
            walk(w, c, depth, NULL);
        sp_blocks_add(w->out, SP_BLOCK_BOX_END);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        char *s = g_strdup(cmark_node_get_literal(n));
        g_strchomp(s);
        sp_block *b = sp_blocks_add_text(w->out, SP_PARA_CODE, s);
        b->level = depth;
        g_free(s);
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        sp_blocks_add(w->out, SP_BLOCK_PAGE_BREAK);
        break;
    default: /* HTML blocks (comments) and custom blocks are left out */
        break;
    }
}

/* The first node deeper than the limit, or NULL: cmark's iterator walks the
 * tree without recursion. */
static cmark_node *too_deep(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_node *found = NULL;
    int depth = 0;
    cmark_event_type ev;
    while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        bool leaf = cmark_node_first_child(n) == NULL;
        if (ev == CMARK_EVENT_ENTER && !leaf && ++depth > SP_MARKDOWN_MAX_DEPTH)
            found = n;
        else if (ev == CMARK_EVENT_EXIT)
            depth--;
    }
    cmark_iter_free(it);
    return found;
}

/* The line of n, or of the nearest ancestor that knows it (inlines do not). */
static int line_of(cmark_node *n)
{
    for (; n; n = cmark_node_parent(n))
        if (cmark_node_get_start_line(n) > 0)
            return cmark_node_get_start_line(n);
    return 0;
}

static int depth_error(cmark_node *doc, const char *file, sp_diags *diags)
{
    cmark_node *deep = too_deep(doc);
    if (!deep)
        return 0;
    sp_diags_error(diags, file, line_of(deep), 0,
                   "expected block quotes, lists and emphasis nested at most %d levels deep, found "
                   "deeper nesting here", SP_MARKDOWN_MAX_DEPTH);
    return 2;
}

int sp_markdown_check_depth(const char *markdown, const char *file, sp_diags *diags)
{
    cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    int rc = depth_error(doc, file, diags);
    cmark_node_free(doc);
    return rc;
}

int sp_blocks_from_markdown(sp_blocks *out, const char *markdown, sp_image_fn image,
                            void *user, sp_diags *diags)
{
    cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    int rc = depth_error(doc, NULL, diags);
    if (rc) {
        cmark_node_free(doc);
        return rc;
    }
    walker w = {out, image, user, diags, 0};
    walk(&w, doc, 0, NULL);
    cmark_node_free(doc);
    return w.status;
}
