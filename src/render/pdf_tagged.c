/* pdf_tagged.c: finish cairo's tagged PDF for screen readers with libqpdf
 * (pdf_layout.h: sp_pdf_notes_*, sp_pdf_finish_tagged, sp_pdf_mark_tagged_bytes).
 *
 * Cairo 1.16 writes the structure tree, marked content, links and the
 * outline, but no attributes and no artifacts. This step opens cairo's
 * bytes with qpdf's C API (object handles) and adds what cairo cannot:
 *   - /Alt on each Figure and /Contents on each link annotation, from the
 *     notes the drawing code left on the surface, in tag order (the
 *     structure tree's depth-first order is the order tags were begun);
 *   - /Scope on TH (Column in a row of header cells, else Row);
 *   - artifacts: elements drawn under the tag "Artifact" (running headers,
 *     footers, page numbers, rules, backgrounds) leave the structure tree,
 *     and their "/Private << /MCID n >> BDC" becomes "/Artifact BMC"
 *     (cairo 1.16 refuses tag names outside the standard structure types,
 *     so SP_TAG_ARTIFACT is the standard "Private", used for nothing else);
 *   - a Caption next to a Figure or Table moves inside it;
 *   - /Tabs /S on pages with annotations; /MarkInfo, /Lang,
 *     DisplayDocTitle, and an XMP stream (dc:title, dc:language,
 *     pdfuaid:part 1) built from the Info dictionary.
 * qpdf writes with a deterministic /ID, so the same drawing gives the same
 * bytes. The C API has no content-stream tokenizer, so the one content
 * edit (artifact BDC to BMC) is a substitution on the operator exactly as
 * cairo writes it, on the decoded stream qpdf hands back. */
#include "sendpack/pdf_layout.h"
#include "sendpack/file_write.h"

#include <cairo-pdf.h>
#include <libdeflate.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- notes left by the drawing code ----------------------------------------- */

struct sp_pdf_notes {
    GPtrArray *alts;  /* char*, one per Figure tag, in order */
    GPtrArray *links; /* char*, one per Link tag, in order */
};

static const cairo_user_data_key_t notes_key;

sp_pdf_notes *sp_pdf_notes_attach(cairo_surface_t *pdf)
{
    sp_pdf_notes *n = g_new0(sp_pdf_notes, 1);
    n->alts = g_ptr_array_new_with_free_func(g_free);
    n->links = g_ptr_array_new_with_free_func(g_free);
    cairo_surface_set_user_data(pdf, &notes_key, n, NULL);
    return n;
}

void sp_pdf_notes_free(sp_pdf_notes *n)
{
    if (!n)
        return;
    g_ptr_array_free(n->alts, TRUE);
    g_ptr_array_free(n->links, TRUE);
    g_free(n);
}

sp_pdf_notes *sp_pdf_notes_of(cairo_surface_t *pdf)
{
    return pdf ? cairo_surface_get_user_data(pdf, &notes_key) : NULL;
}

static sp_pdf_notes *notes_of(cairo_t *cr)
{
    return cr ? sp_pdf_notes_of(cairo_get_target(cr)) : NULL;
}

void sp_pdf_figure_begin(cairo_t *cr, const char *alt)
{
    sp_pdf_notes *n = notes_of(cr);
    if (n)
        g_ptr_array_add(n->alts, g_strdup(alt && *alt ? alt : "Chart"));
    cairo_tag_begin(cr, "Figure", NULL);
}

void sp_pdf_link_begin(cairo_t *cr, const char *attrs, const char *contents)
{
    sp_pdf_notes *n = notes_of(cr);
    if (n)
        g_ptr_array_add(n->links, g_strdup(contents && *contents ? contents : "Link"));
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
}

/* cairo 1.16's only switch for its stream compression is the environment
 * variable CAIRO_DEBUG_PDF, read as a surface is made; it is set only for
 * that call (and left alone when the user set it). Cairo writes into a byte
 * array on the surface (its stdio stream made one fwrite call for every
 * operator and number, about 5 million for the profiles), which
 * sp_pdf_finish_tagged hands to qpdf without a file in between. */
static const cairo_user_data_key_t bytes_key;

/* Cairo hands over its output a few bytes at a time (about 4.7 million
 * pieces for the profiles), so the append is kept to a copy and a compare;
 * g_byte_array_append cost three times as many instructions a piece. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
} byte_sink;

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int n)
{
    byte_sink *b = closure;
    if (n > b->cap - b->len) {
        size_t want = b->len + n;
        b->cap = MAX(want, 2 * b->cap);
        b->data = g_realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return CAIRO_STATUS_SUCCESS;
}

static void byte_sink_free(void *p)
{
    byte_sink *b = p;
    g_free(b->data);
    g_free(b);
}

cairo_surface_t *sp_pdf_surface_for_tagging(double width, double height)
{
    bool set = !g_getenv("CAIRO_DEBUG_PDF");
    if (set)
        g_setenv("CAIRO_DEBUG_PDF", "1", TRUE);
    byte_sink *bytes = g_new0(byte_sink, 1);
    bytes->cap = 256 * 1024;
    bytes->data = g_malloc(bytes->cap);
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(append_bytes, bytes, width, height);
    if (set)
        g_unsetenv("CAIRO_DEBUG_PDF");
    if (cairo_surface_set_user_data(pdf, &bytes_key, bytes, byte_sink_free))
        byte_sink_free(bytes);
    return pdf;
}

/* The pages' content streams are deflated here, by libdeflate, where
 * qpdf's zlib took about a tenth of all the instructions of the profiles;
 * qpdf writes them as they are. Level 1, as for the PNGs: on a profile's
 * page (34 KB of content) it is four and a half times as fast as level 6
 * for a stream 6% larger (8.7 KB against 8.2; zlib's level 6 made 10.4). */
#define CONTENT_DEFLATE_LEVEL 1

/* --- object helpers --------------------------------------------------------- */

typedef struct {
    qpdf_data q;
    struct libdeflate_compressor *z; /* the pages' content, deflated here */
    const sp_pdf_notes *notes;
    guint fig, link;
    GPtrArray *artifacts; /* qpdf_oh of Artifact elements */
    GPtrArray *captions;  /* qpdf_oh of Caption elements */
    GHashTable *pages;    /* object id of a page with artifacts -> TRUE */
    GHashTable *parents;  /* StructParents number (gint64*) -> qpdf_oh of its array */
    GHashTable *rows;     /* object id of a TR -> 1 all header cells, 2 not (th_scope) */
    GHashTable *kids;     /* object id of an element -> kids_copy* (move_caption) */
} fixer;

/* Every call through qpdf's C API costs a few thousand instructions (a
 * handle made and kept, errors trapped), as many as qpdf takes to read a
 * small object: the structure tree is read with as few calls as it can be,
 * each element's type once. */

/* Whether o is a structure element (a dictionary with /S); its type
 * without the slash into s ("" when /S is not a name). */
static bool elem_type(qpdf_data q, qpdf_oh o, char *s, size_t n)
{
    *s = '\0';
    if (!qpdf_oh_is_dictionary(q, o))
        return false;
    qpdf_oh v = qpdf_oh_get_key(q, o, "/S");
    if (!qpdf_oh_is_name(q, v))
        return !qpdf_oh_is_null(q, v);
    const char *name = qpdf_oh_get_name(q, v);
    if (name[0] == '/')
        g_strlcpy(s, name + 1, n);
    return true;
}

static bool is_s(qpdf_data q, qpdf_oh elem, const char *s)
{
    char type[32];
    return elem_type(q, elem, type, sizeof type) && strcmp(type, s) == 0;
}

/* An element's /K as an array (made one when it was a single kid). */
static qpdf_oh kids_array(qpdf_data q, qpdf_oh elem)
{
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
    if (qpdf_oh_is_array(q, k))
        return k;
    qpdf_oh a = qpdf_oh_new_array(q);
    if (!qpdf_oh_is_null(q, k))
        qpdf_oh_append_item(q, a, k);
    qpdf_oh_replace_key(q, elem, "/K", a);
    return a;
}

static int index_of(qpdf_data q, qpdf_oh arr, qpdf_oh item)
{
    int n = qpdf_oh_get_array_n_items(q, arr);
    int id = qpdf_oh_get_object_id(q, item);
    for (int i = 0; i < n; i++)
        if (id && qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, arr, i)) == id)
            return i;
    return -1;
}

/* TH: Column when every cell of its row is a header cell, else Row (each
 * row read once: a row of n header cells read n times took n squared). */
static void th_scope(fixer *f, qpdf_oh th)
{
    qpdf_data q = f->q;
    qpdf_oh tr = qpdf_oh_get_key(q, th, "/P");
    int id = qpdf_oh_get_object_id(q, tr);
    gpointer known = id ? g_hash_table_lookup(f->rows, GINT_TO_POINTER(id)) : NULL;
    bool all = known == GINT_TO_POINTER(1);
    if (!known) {
        qpdf_oh k = kids_array(q, tr);
        all = true;
        for (int i = 0; i < qpdf_oh_get_array_n_items(q, k) && all; i++) {
            qpdf_oh c = qpdf_oh_get_array_item(q, k, i);
            char type[32];
            if (elem_type(q, c, type, sizeof type) && strcmp(type, "TH") != 0)
                all = false;
        }
        if (id)
            g_hash_table_insert(f->rows, GINT_TO_POINTER(id), GINT_TO_POINTER(all ? 1 : 2));
    }
    qpdf_oh a = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, a, "/O", qpdf_oh_new_name(q, "/Table"));
    qpdf_oh_replace_key(q, a, "/Scope", qpdf_oh_new_name(q, all ? "/Column" : "/Row"));
    qpdf_oh_replace_key(q, th, "/A", a);
}

static void link_contents(fixer *f, qpdf_oh link)
{
    const char *text = f->notes && f->link < f->notes->links->len
                           ? g_ptr_array_index(f->notes->links, f->link) : "Link";
    f->link++;
    qpdf_oh k = kids_array(f->q, link);
    for (int i = 0; i < qpdf_oh_get_array_n_items(f->q, k); i++) {
        qpdf_oh c = qpdf_oh_get_array_item(f->q, k, i);
        if (qpdf_oh_is_dictionary(f->q, c) && qpdf_oh_has_key(f->q, c, "/Obj")) {
            qpdf_oh annot = qpdf_oh_get_key(f->q, c, "/Obj");
            qpdf_oh_replace_key(f->q, annot, "/Contents", qpdf_oh_new_unicode_string(f->q, text));
        }
    }
}

/* Depth-first over the structure tree, in the order cairo began the tags. */
static void walk(fixer *f, qpdf_oh node, int depth)
{
    qpdf_data q = f->q;
    if (depth > 64)
        return;
    qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
    bool many = qpdf_oh_is_array(q, k);
    int n = many ? qpdf_oh_get_array_n_items(q, k) : 1;
    for (int i = 0; i < n; i++) {
        qpdf_oh c = many ? qpdf_oh_get_array_item(q, k, i) : k;
        char type[32];
        if (!elem_type(q, c, type, sizeof type))
            continue;
        if (strcmp(type, SP_TAG_ARTIFACT) == 0) {
            g_ptr_array_add(f->artifacts, GUINT_TO_POINTER(c));
            continue;
        }
        if (strcmp(type, "Figure") == 0) {
            const char *alt = f->notes && f->fig < f->notes->alts->len
                                  ? g_ptr_array_index(f->notes->alts, f->fig) : "Chart";
            f->fig++;
            qpdf_oh_replace_key(q, c, "/Alt", qpdf_oh_new_unicode_string(q, alt));
        } else if (strcmp(type, "Link") == 0) {
            link_contents(f, c);
        } else if (strcmp(type, "TH") == 0) {
            th_scope(f, c);
        } else if (strcmp(type, "Caption") == 0) {
            g_ptr_array_add(f->captions, GUINT_TO_POINTER(c));
        }
        walk(f, c, depth + 1);
    }
}

/* The ParentTree's arrays by StructParents number (cairo writes one flat
 * /Nums), read once: looking each MCID's page up in /Nums would take time
 * in proportion to pages times marked contents. */
static GHashTable *parent_arrays(qpdf_data q)
{
    GHashTable *by = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    qpdf_oh st = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
    qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, st, "/ParentTree"), "/Nums");
    if (!qpdf_oh_is_array(q, nums))
        return by;
    int n = qpdf_oh_get_array_n_items(q, nums);
    for (int i = 0; i + 1 < n; i += 2) {
        long long key = qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i));
        gint64 *k = g_new(gint64, 1);
        *k = key;
        if (!g_hash_table_contains(by, k))
            g_hash_table_insert(by, k, GUINT_TO_POINTER(qpdf_oh_get_array_item(q, nums, i + 1)));
        else
            g_free(k); /* the first entry wins, as a scan from the start would find */
    }
    return by;
}

/* The ParentTree's array for a page, or a null object. */
static qpdf_oh parent_array(fixer *f, qpdf_oh page)
{
    qpdf_data q = f->q;
    qpdf_oh sp = qpdf_oh_get_key(q, page, "/StructParents");
    if (!qpdf_oh_is_integer(q, sp))
        return qpdf_oh_new_null(q);
    gint64 want = qpdf_oh_get_int_value(q, sp);
    gpointer a = g_hash_table_lookup(f->parents, &want);
    return a ? GPOINTER_TO_UINT(a) : qpdf_oh_new_null(q);
}

/* Take the Artifact elements out of their parents' kids: one pass over each
 * parent's kids, erasing from the end so the indices found stay right
 * (searching the kids once per artifact took time in proportion to their
 * product, and a long document has thousands of each). */
static void drop_from_parents(fixer *f)
{
    qpdf_data q = f->q;
    GHashTable *ids = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < f->artifacts->len; i++) {
        int id = qpdf_oh_get_object_id(q, GPOINTER_TO_UINT(g_ptr_array_index(f->artifacts, i)));
        if (id)
            g_hash_table_add(ids, GINT_TO_POINTER(id));
    }
    for (guint i = 0; i < f->artifacts->len; i++) {
        qpdf_oh a = GPOINTER_TO_UINT(g_ptr_array_index(f->artifacts, i));
        qpdf_oh parent = qpdf_oh_get_key(q, a, "/P");
        int pid = qpdf_oh_get_object_id(q, parent);
        if (pid && g_hash_table_contains(done, GINT_TO_POINTER(pid)))
            continue;
        if (pid)
            g_hash_table_add(done, GINT_TO_POINTER(pid));
        qpdf_oh pk = kids_array(q, parent);
        int n = qpdf_oh_get_array_n_items(q, pk);
        GArray *at = g_array_new(FALSE, FALSE, sizeof(int));
        for (int j = 0; j < n; j++) {
            int id = qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, pk, j));
            if (id && g_hash_table_contains(ids, GINT_TO_POINTER(id))) {
                g_array_append_val(at, j);
                g_hash_table_remove(ids, GINT_TO_POINTER(id)); /* first occurrence only */
            }
        }
        if (at->len > 1 && !qpdf_oh_is_indirect(q, pk)) {
            /* many to drop: a new array of the kids kept (each erase moves
             * every kid after it, so erasing one by one is quadratic) */
            qpdf_oh kept = qpdf_oh_new_array(q);
            for (int j = 0, next = 0; j < n; j++) {
                if ((guint)next < at->len && g_array_index(at, int, next) == j)
                    next++;
                else
                    qpdf_oh_append_item(q, kept, qpdf_oh_get_array_item(q, pk, j));
            }
            qpdf_oh_replace_key(q, parent, "/K", kept);
        } else {
            for (guint j = at->len; j-- > 0;)
                qpdf_oh_erase_item(q, pk, g_array_index(at, int, j));
        }
        g_array_free(at, TRUE);
    }
    g_hash_table_destroy(done);
    g_hash_table_destroy(ids);
}

/* Take an Artifact element's MCIDs out of the ParentTree; remember its page
 * for the content rewrite. */
static void drop_artifact(fixer *f, qpdf_oh a)
{
    qpdf_data q = f->q;
    qpdf_oh page = qpdf_oh_get_key(q, a, "/Pg");
    qpdf_oh k = kids_array(q, a);
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, k); i++) {
        qpdf_oh c = qpdf_oh_get_array_item(q, k, i);
        qpdf_oh pg = page, mcid = c;
        if (qpdf_oh_is_dictionary(q, c)) {
            if (qpdf_oh_has_key(q, c, "/Pg"))
                pg = qpdf_oh_get_key(q, c, "/Pg");
            mcid = qpdf_oh_get_key(q, c, "/MCID");
        }
        if (!qpdf_oh_is_integer(q, mcid) || !qpdf_oh_is_dictionary(q, pg))
            continue;
        g_hash_table_add(f->pages, GINT_TO_POINTER(qpdf_oh_get_object_id(q, pg)));
        qpdf_oh arr = parent_array(f, pg);
        int m = qpdf_oh_get_int_value_as_int(q, mcid);
        /* set in place: erasing and inserting moves every item after it */
        if (qpdf_oh_is_array(q, arr) && m >= 0 && m < qpdf_oh_get_array_n_items(q, arr))
            qpdf_oh_set_array_item(q, arr, m, qpdf_oh_new_null(q));
    }
}

/* An element's kids as read once through the C API, for the captions'
 * moves: their handles and object ids, kept in step with each move, and
 * written back as the element's /K once at the end. Looking each Caption
 * up item by item took time in proportion to captions times kids, and
 * erasing from a long qpdf array copies it. */
typedef struct {
    qpdf_oh elem;
    GArray *oh;  /* qpdf_oh */
    GArray *ids; /* int: object ids, 0 for a direct kid */
    bool changed;
} kids_copy;

static void kids_copy_free(gpointer p)
{
    kids_copy *k = p;
    g_array_free(k->oh, TRUE);
    g_array_free(k->ids, TRUE);
    g_free(k);
}

/* The copy of an element's kids (made when make is set), or NULL when the
 * element is a direct object or its kids an indirect array (edited in place). */
static kids_copy *kids_of(fixer *f, qpdf_oh elem, bool make)
{
    qpdf_data q = f->q;
    int id = qpdf_oh_get_object_id(q, elem);
    if (!id)
        return NULL;
    kids_copy *k = g_hash_table_lookup(f->kids, GINT_TO_POINTER(id));
    if (k || !make)
        return k;
    qpdf_oh pk = kids_array(q, elem);
    if (qpdf_oh_is_indirect(q, pk))
        return NULL;
    int n = qpdf_oh_get_array_n_items(q, pk);
    k = g_new0(kids_copy, 1);
    k->elem = elem;
    k->oh = g_array_sized_new(FALSE, FALSE, sizeof(qpdf_oh), (guint)n);
    k->ids = g_array_sized_new(FALSE, FALSE, sizeof(int), (guint)n);
    for (int i = 0; i < n; i++) {
        qpdf_oh c = qpdf_oh_get_array_item(q, pk, i);
        int cid = qpdf_oh_get_object_id(q, c);
        g_array_append_val(k->oh, c);
        g_array_append_val(k->ids, cid);
    }
    g_hash_table_insert(f->kids, GINT_TO_POINTER(id), k);
    return k;
}

/* Whether an element has a Caption among its kids. */
static bool has_caption(fixer *f, qpdf_oh elem)
{
    qpdf_data q = f->q;
    kids_copy *k = kids_of(f, elem, false);
    qpdf_oh sk = k ? 0 : kids_array(q, elem);
    int n = k ? (int)k->oh->len : qpdf_oh_get_array_n_items(q, sk);
    for (int i = 0; i < n; i++)
        if (is_s(q, k ? g_array_index(k->oh, qpdf_oh, i) : qpdf_oh_get_array_item(q, sk, i),
                 "Caption"))
            return true;
    return false;
}

/* A Caption just after (or before) a Figure or Table becomes its last (first) kid. */
static void move_caption(fixer *f, qpdf_oh cap)
{
    qpdf_data q = f->q;
    qpdf_oh parent = qpdf_oh_get_key(q, cap, "/P");
    kids_copy *k = kids_of(f, parent, true);
    qpdf_oh pk = k ? 0 : kids_array(q, parent);
    int at = -1, cid = qpdf_oh_get_object_id(q, cap);
    if (!k)
        at = index_of(q, pk, cap);
    for (guint i = 0; k && cid && i < k->ids->len && at < 0; i++)
        if (g_array_index(k->ids, int, i) == cid)
            at = (int)i;
    if (at < 0)
        return;
    int n = k ? (int)k->oh->len : qpdf_oh_get_array_n_items(q, pk);
    for (int dir = -1; dir <= 1; dir += 2) {
        int j = at + dir;
        if (j < 0 || j >= n)
            continue;
        qpdf_oh s = k ? g_array_index(k->oh, qpdf_oh, j) : qpdf_oh_get_array_item(q, pk, j);
        char type[32];
        if (!elem_type(q, s, type, sizeof type) ||
            (strcmp(type, "Figure") != 0 && strcmp(type, "Table") != 0))
            continue;
        if (has_caption(f, s))
            continue;
        if (k) {
            g_array_remove_index(k->oh, (guint)at);
            g_array_remove_index(k->ids, (guint)at);
            k->changed = true;
        } else {
            qpdf_oh_erase_item(q, pk, at);
        }
        kids_copy *sk = kids_of(f, s, false);
        if (sk && dir < 0) {
            g_array_append_val(sk->oh, cap);
            g_array_append_val(sk->ids, cid);
        } else if (sk) {
            g_array_prepend_val(sk->oh, cap);
            g_array_prepend_val(sk->ids, cid);
        } else if (dir < 0) {
            qpdf_oh_append_item(q, kids_array(q, s), cap);
        } else {
            qpdf_oh_insert_item(q, kids_array(q, s), 0, cap);
        }
        if (sk)
            sk->changed = true;
        qpdf_oh_replace_key(q, cap, "/P", s);
        return;
    }
}

/* Write the kids changed by the captions' moves back, each /K once. */
static void write_kids(fixer *f)
{
    qpdf_data q = f->q;
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, f->kids);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        kids_copy *k = v;
        if (!k->changed)
            continue;
        qpdf_oh a = qpdf_oh_new_array(q);
        for (guint i = 0; i < k->oh->len; i++)
            qpdf_oh_append_item(q, a, g_array_index(k->oh, qpdf_oh, i));
        qpdf_oh_replace_key(q, k->elem, "/K", a);
    }
}

/* "/Private << /MCID 12 >> BDC" -> "/Artifact BMC" in each page touched. */
static void rewrite_contents(fixer *f)
{
    qpdf_data q = f->q;
    GRegex *re = g_regex_new("/" SP_TAG_ARTIFACT "\\s*<<\\s*/MCID\\s+\\d+\\s*>>\\s*BDC", G_REGEX_RAW, 0, NULL);
    int np = qpdf_get_num_pages(q);
    for (int i = 0; i < np; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        if (!g_hash_table_contains(f->pages, GINT_TO_POINTER(qpdf_oh_get_object_id(q, page))))
            continue;
        unsigned char *buf = NULL;
        size_t len = 0;
        qpdf_oh_get_page_content_data(q, page, &buf, &len);
        if (!buf)
            continue;
        char *out = g_regex_replace_literal(re, (const char *)buf, (gssize)len, 0,
                                            "/Artifact BMC", 0, NULL);
        free(buf);
        if (!out)
            continue;
        qpdf_oh c = qpdf_oh_get_key(q, page, "/Contents");
        bool one = qpdf_oh_is_stream(q, c);
        qpdf_oh s = one ? c : qpdf_oh_new_stream(q);
        size_t n = strlen(out), bound = libdeflate_zlib_compress_bound(f->z, n);
        unsigned char *z = g_malloc(bound);
        size_t zn = libdeflate_zlib_compress(f->z, out, n, z, bound);
        if (zn)
            qpdf_oh_replace_stream_data(q, s, z, zn, qpdf_oh_new_name(q, "/FlateDecode"),
                                        qpdf_oh_new_null(q));
        else
            qpdf_oh_replace_stream_data(q, s, (const unsigned char *)out, n,
                                        qpdf_oh_new_null(q), qpdf_oh_new_null(q));
        if (!one)
            qpdf_oh_replace_key(q, page, "/Contents", s);
        g_free(z);
        g_free(out);
    }
    g_regex_unref(re);
}

/* "D:20240331000000Z" or "20240331000000Z" -> "2024-03-31T00:00:00Z"; NULL
 * when not that form. */
static char *xmp_date(const char *pdf_date)
{
    if (pdf_date && strncmp(pdf_date, "D:", 2) == 0)
        pdf_date += 2; /* cairo 1.16 writes the date without "D:" */
    if (!pdf_date || strlen(pdf_date) < 14)
        return NULL;
    const char *d = pdf_date;
    for (int i = 0; i < 14; i++)
        if (!g_ascii_isdigit(d[i]))
            return NULL;
    return g_strdup_printf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10,
                           d + 12);
}

static void xmp_simple(GString *x, const char *tag, const char *value)
{
    if (!value || !*value)
        return;
    char *e = g_markup_escape_text(value, -1);
    g_string_append_printf(x, "   <%s>%s</%s>\n", tag, e, tag);
    g_free(e);
}

static void xmp_list(GString *x, const char *tag, const char *kind, const char *value,
                     bool lang)
{
    if (!value || !*value)
        return;
    char *e = g_markup_escape_text(value, -1);
    g_string_append_printf(x, "   <%s><rdf:%s><rdf:li%s>%s</rdf:li></rdf:%s></%s>\n", tag, kind,
                           lang ? " xml:lang=\"x-default\"" : "", e, kind, tag);
    g_free(e);
}

/* An Info entry as UTF-8 (cairo writes non-ASCII text as UTF-16), or NULL. */
static char *info_utf8(qpdf_data q, const char *key)
{
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    qpdf_oh v = qpdf_oh_get_key(q, info, key);
    if (!qpdf_oh_is_string(q, v))
        return NULL;
    const char *s = qpdf_oh_get_utf8_value(q, v);
    return s && g_utf8_validate(s, -1, NULL) ? g_strdup(s) : NULL;
}

static void add_xmp(qpdf_data q, qpdf_oh root, const char *lang)
{
    char *title = info_utf8(q, "/Title");
    char *author = info_utf8(q, "/Author");
    char *subject = info_utf8(q, "/Subject");
    char *keywords = info_utf8(q, "/Keywords");
    char *creator = info_utf8(q, "/Creator");
    char *producer = info_utf8(q, "/Producer");
    char *cd = info_utf8(q, "/CreationDate"), *md = info_utf8(q, "/ModDate");
    char *created = xmp_date(cd), *modified = xmp_date(md);
    g_free(cd);
    g_free(md);
    GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                              " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                              "  <rdf:Description rdf:about=\"\"\n"
                              "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                              "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                              "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                              "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
    xmp_list(x, "dc:title", "Alt", title && *title ? title : "Untitled", true);
    xmp_list(x, "dc:language", "Bag", lang, false);
    xmp_list(x, "dc:creator", "Seq", author, false);
    xmp_list(x, "dc:description", "Alt", subject, true);
    xmp_simple(x, "pdf:Keywords", keywords);
    xmp_simple(x, "pdf:Producer", producer);
    xmp_simple(x, "xmp:CreatorTool", creator);
    xmp_simple(x, "xmp:CreateDate", created);
    xmp_simple(x, "xmp:ModifyDate", modified);
    g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n"
                       "  </rdf:Description>\n"
                       " </rdf:RDF>\n"
                       "</x:xmpmeta>\n"
                       "<?xpacket end=\"w\"?>");
    qpdf_oh s = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, s, (const unsigned char *)x->str, x->len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh d = qpdf_oh_get_dict(q, s);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, root, "/Metadata", qpdf_make_indirect_object(q, s));
    g_string_free(x, TRUE);
    g_free(title); g_free(author); g_free(subject); g_free(keywords);
    g_free(creator); g_free(producer); g_free(created); g_free(modified);
}

static void fix_catalog(qpdf_data q, const char *lang)
{
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh mi = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, mi, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
    qpdf_oh_replace_key(q, root, "/MarkInfo", mi);
    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
    qpdf_oh vp = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
    add_xmp(q, root, lang);
    int np = qpdf_get_num_pages(q);
    for (int i = 0; i < np; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
        if (qpdf_oh_is_array(q, annots) && qpdf_oh_get_array_n_items(q, annots) > 0)
            qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
    }
}

int sp_pdf_mark_tagged_bytes(const char *name, const void *in, size_t n,
                             const sp_pdf_notes *notes, const char *lang, GByteArray *out,
                             sp_diags *diags)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    int rc = 0;
    if (qpdf_read_memory(q, name, in, (unsigned long long)n, NULL) & QPDF_ERRORS) {
        rc = 1;
    } else {
        fixer f = {.q = q, .notes = notes, .z = libdeflate_alloc_compressor(CONTENT_DEFLATE_LEVEL)};
        f.artifacts = g_ptr_array_new();
        f.captions = g_ptr_array_new();
        f.pages = g_hash_table_new(g_direct_hash, g_direct_equal);
        f.rows = g_hash_table_new(g_direct_hash, g_direct_equal);
        f.kids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, kids_copy_free);
        qpdf_oh st = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
        if (qpdf_oh_is_dictionary(q, st))
            walk(&f, st, 0);
        f.parents = parent_arrays(q);
        drop_from_parents(&f);
        for (guint i = 0; i < f.artifacts->len; i++)
            drop_artifact(&f, GPOINTER_TO_UINT(g_ptr_array_index(f.artifacts, i)));
        for (guint i = 0; i < f.captions->len; i++)
            move_caption(&f, GPOINTER_TO_UINT(g_ptr_array_index(f.captions, i)));
        write_kids(&f);
        rewrite_contents(&f);
        fix_catalog(q, lang);
        if (notes && (f.fig != notes->alts->len || f.link != notes->links->len))
            sp_diags_error(diags, name, 0, 0,
                           "internal: %u figures and %u links tagged, %u and %u described",
                           f.fig, f.link, notes->alts->len, notes->links->len);
        if (notes && (f.fig != notes->alts->len || f.link != notes->links->len))
            rc = 1;
        g_ptr_array_free(f.artifacts, TRUE);
        g_ptr_array_free(f.captions, TRUE);
        g_hash_table_destroy(f.pages);
        g_hash_table_destroy(f.parents);
        g_hash_table_destroy(f.kids);
        g_hash_table_destroy(f.rows);
        libdeflate_free_compressor(f.z);
        if (!rc) {
            qpdf_init_write_memory(q);
            qpdf_set_deterministic_ID(q, QPDF_TRUE);
            qpdf_set_minimum_pdf_version(q, "1.7");
            qpdf_set_compress_streams(q, QPDF_TRUE);
            qpdf_set_object_stream_mode(q, qpdf_o_preserve);
            if (qpdf_write(q) & QPDF_ERRORS)
                rc = 1;
            else
                g_byte_array_append(out, qpdf_get_buffer(q), (guint)qpdf_get_buffer_length(q));
        }
    }
    if (rc && qpdf_has_error(q)) {
        qpdf_error e = qpdf_get_error(q);
        sp_diags_error(diags, name, 0, 0, "cannot finish the tagged PDF: %s",
                       qpdf_get_error_full_text(q, e));
    } else if (rc && sp_diags_count(diags, SP_DIAG_ERROR) == 0) {
        sp_diags_error(diags, name, 0, 0, "cannot finish the tagged PDF");
    }
    qpdf_cleanup(&q);
    return rc;
}

int sp_pdf_finish_tagged(cairo_surface_t *pdf, const char *path, const char *lang,
                         sp_diags *diags)
{
    cairo_surface_finish(pdf);
    if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, path, 0, 0, "cannot write: %s",
                       cairo_status_to_string(cairo_surface_status(pdf)));
        return 1;
    }
    const byte_sink *bytes = cairo_surface_get_user_data(pdf, &bytes_key);
    if (!bytes) {
        sp_diags_error(diags, path, 0, 0, "internal: a PDF surface not made for tagging");
        return 1;
    }
    GByteArray *out = g_byte_array_new();
    int rc = sp_pdf_mark_tagged_bytes(path, bytes->data, bytes->len, sp_pdf_notes_of(pdf), lang,
                                      out, diags);
    if (!rc)
        rc = sp_file_write(path, (const char *)out->data, out->len, diags);
    g_byte_array_free(out, TRUE);
    return rc;
}
