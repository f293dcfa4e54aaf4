/* test_pdf_tagged.c: finishing a tagged PDF with libqpdf
 * (sp_pdf_mark_tagged_bytes): a Figure gets its noted alt text, a link its
 * description and the heading-free page /Tabs /S, content drawn as an
 * artifact leaves the structure tree and is marked /Artifact, the catalog
 * gets /MarkInfo, /Lang, DisplayDocTitle and XMP; the same input gives the
 * same bytes; captions move into the figure or table beside them and
 * header cells get their scope; bytes that are not a PDF give one error naming the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "sendpack/pdf_layout.h"

static cairo_status_t to_gstring(void *closure, const unsigned char *data, unsigned int len)
{
    g_string_append_len(closure, (const char *)data, (gssize)len);
    return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF: a rule as an artifact, a Figure, a paragraph with a link. */
static GString *draw(sp_pdf_notes **notes)
{
    GString *out = g_string_new(NULL);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_gstring, out, 200, 200);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Réseau test");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-03-31T00:00:00Z");
    *notes = sp_pdf_notes_attach(s);
    cairo_t *cr = cairo_create(s);
    cairo_tag_begin(cr, SP_TAG_ARTIFACT, NULL);
    cairo_rectangle(cr, 0, 0, 200, 2);
    cairo_fill(cr);
    cairo_tag_end(cr, SP_TAG_ARTIFACT);
    sp_pdf_figure_begin(cr, "Bars rise from 1 to 3");
    cairo_rectangle(cr, 20, 20, 50, 50);
    cairo_fill(cr);
    cairo_tag_end(cr, "Figure");
    cairo_tag_begin(cr, "P", NULL);
    sp_pdf_link_begin(cr, "uri='https://example.org/'", "Example (https://example.org/)");
    cairo_rectangle(cr, 20, 100, 50, 10);
    cairo_fill(cr);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    cairo_tag_end(cr, "P");
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return out;
}

static char *unparse(qpdf_data q, qpdf_oh oh)
{
    return g_strdup(qpdf_oh_unparse_resolved(q, oh));
}

/* The drawing tagged into out (no problem reported) and read back by qpdf. */
static qpdf_data tag_and_open(const char *name, const GString *pdf, const sp_pdf_notes *notes,
                              GByteArray *out, sp_diags *d)
{
    assert_int_equal(sp_pdf_mark_tagged_bytes(name, pdf->str, pdf->len, notes, "en-GB", out, d), 0);
    assert_int_equal(sp_diags_count(d, SP_DIAG_ERROR), 0);
    qpdf_data q = qpdf_init();
    assert_int_equal(qpdf_read_memory(q, "out", (const char *)out->data, out->len, NULL) & QPDF_ERRORS, 0);
    return q;
}

static void test_adds_what_cairo_cannot(void **state)
{
    (void)state;
    sp_pdf_notes *notes = NULL;
    GString *pdf = draw(&notes);
    GByteArray *out = g_byte_array_new();
    sp_diags d = {0};
    qpdf_data q = tag_and_open("t.pdf", pdf, notes, out, &d);
    qpdf_oh root = qpdf_get_root(q);
    char *cat = unparse(q, root);
    assert_non_null(strstr(cat, "/MarkInfo << /Marked true >>"));
    assert_non_null(strstr(cat, "/Lang (en-GB)"));
    assert_non_null(strstr(cat, "/DisplayDocTitle true"));
    /* the structure tree: the Figure with its alt text, no artifact */
    qpdf_oh kids = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K");
    GString *tree = g_string_new(NULL);
    for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids); i++)
        g_string_append(tree, qpdf_oh_unparse_resolved(q, qpdf_oh_get_array_item(q, kids, i)));
    assert_non_null(strstr(tree->str, "/Alt (Bars rise from 1 to 3)"));
    assert_non_null(strstr(tree->str, "/S /Figure"));
    assert_null(strstr(tree->str, "/Private"));
    g_string_free(tree, TRUE);
    unsigned char *buf = NULL;
    size_t len = 0;
    qpdf_oh_get_stream_data(q, qpdf_oh_get_key(q, root, "/Metadata"), qpdf_dl_all, NULL, &buf, &len);
    char *xmp = g_strndup((const char *)buf, len);
    free(buf);
    assert_non_null(strstr(xmp, "<pdfuaid:part>1</pdfuaid:part>"));
    assert_non_null(strstr(xmp, "Réseau test"));
    assert_non_null(strstr(xmp, "<rdf:li>en-GB</rdf:li>"));
    assert_non_null(strstr(xmp, "<xmp:CreateDate>2024-03-31T00:00:00Z</xmp:CreateDate>"));
    qpdf_oh page = qpdf_get_page_n(q, 0);
    char *pg = unparse(q, page);
    assert_non_null(strstr(pg, "/Tabs /S"));
    char *annot = unparse(q, qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, page, "/Annots"), 0));
    assert_non_null(strstr(annot, "/Contents (Example \\(https://example.org/\\))"));
    assert_non_null(strstr(annot, "/StructParent"));
    g_free(annot);
    qpdf_oh_get_page_content_data(q, page, &buf, &len);
    char *content = g_strndup((const char *)buf, len);
    free(buf);
    assert_non_null(strstr(content, "/Artifact BMC"));
    assert_null(strstr(content, "/Private"));
    assert_non_null(strstr(content, "/Figure << /MCID"));
    /* the rewritten content is deflated, not left as written */
    char *cd = g_strdup(qpdf_oh_unparse(q, qpdf_oh_get_dict(q, qpdf_oh_get_key(q, page, "/Contents"))));
    assert_non_null(strstr(cd, "/Filter /FlateDecode"));
    g_free(cd);
    g_free(content);
    g_free(pg);
    g_free(xmp);
    g_free(cat);
    qpdf_cleanup(&q);

    /* the same drawing, the same bytes */
    GByteArray *again = g_byte_array_new();
    assert_int_equal(sp_pdf_mark_tagged_bytes("t.pdf", pdf->str, pdf->len, notes, "en-GB", again, &d), 0);
    assert_int_equal(again->len, out->len);
    assert_memory_equal(again->data, out->data, out->len);
    g_byte_array_free(again, TRUE);
    g_byte_array_free(out, TRUE);
    g_string_free(pdf, TRUE);
    sp_pdf_notes_free(notes);
    sp_diags_free(&d);
}

static void box(cairo_t *cr, const char *tag, double y)
{
    cairo_tag_begin(cr, tag, NULL);
    cairo_rectangle(cr, 20, y, 20, 4);
    cairo_fill(cr);
    cairo_tag_end(cr, tag);
}

/* A page with captions after two figures and before a table, in one Div,
 * and a table of a header row and a row with a row header. */
static GString *draw_captions(sp_pdf_notes **notes)
{
    GString *out = g_string_new(NULL);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_gstring, out, 200, 200);
    *notes = sp_pdf_notes_attach(s);
    cairo_t *cr = cairo_create(s);
    cairo_tag_begin(cr, "Div", NULL);
    sp_pdf_figure_begin(cr, "First");
    box(cr, "P", 10);
    cairo_tag_end(cr, "Figure");
    box(cr, "Caption", 20);
    box(cr, "Caption", 30);
    cairo_tag_begin(cr, "Table", NULL);
    const char *cells[2][2] = {{"TH", "TH"}, {"TH", "TD"}};
    for (int r = 0; r < 2; r++) {
        cairo_tag_begin(cr, "TR", NULL);
        for (int c = 0; c < 2; c++)
            box(cr, cells[r][c], 40 + 10 * r);
        cairo_tag_end(cr, "TR");
    }
    cairo_tag_end(cr, "Table");
    sp_pdf_figure_begin(cr, "Second");
    box(cr, "P", 70);
    cairo_tag_end(cr, "Figure");
    box(cr, "Caption", 80);
    cairo_tag_end(cr, "Div");
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return out;
}

static const char *s_of(qpdf_data q, qpdf_oh elem)
{
    qpdf_oh s = qpdf_oh_get_key(q, elem, "/S");
    return qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) : "";
}

/* The structure types of an element's kids, e.g. "/Caption /P". */
static char *kinds(qpdf_data q, qpdf_oh elem)
{
    GString *k = g_string_new(NULL);
    qpdf_oh kids = qpdf_oh_get_key(q, elem, "/K");
    int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 1;
    for (int i = 0; i < n; i++) {
        qpdf_oh c = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_item(q, kids, i) : kids;
        if (qpdf_oh_is_dictionary(q, c) && qpdf_oh_has_key(q, c, "/S"))
            g_string_append_printf(k, "%s%s", k->len ? " " : "", s_of(q, c));
    }
    return g_string_free(k, FALSE);
}

/* A caption goes into the figure before it or the table after it, one
 * caption each; a header row's cells are column headers, a row header's
 * scope is its row. */
static void test_captions_and_header_scopes(void **state)
{
    (void)state;
    sp_pdf_notes *notes = NULL;
    GString *pdf = draw_captions(&notes);
    GByteArray *out = g_byte_array_new();
    sp_diags d = {0};
    qpdf_data q = tag_and_open("c.pdf", pdf, notes, out, &d);
    qpdf_oh top = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot"), "/K");
    qpdf_oh div = qpdf_oh_is_array(q, top) ? qpdf_oh_get_array_item(q, top, 0) : top;
    assert_string_equal(s_of(q, div), "/Div");
    char *k = kinds(q, div);
    assert_string_equal(k, "/Figure /Table /Figure");
    g_free(k);
    qpdf_oh dk = qpdf_oh_get_key(q, div, "/K");
    const char *want[] = {"/P /Caption", "/Caption /TR /TR", "/P /Caption"};
    for (int i = 0; i < 3; i++) {
        k = kinds(q, qpdf_oh_get_array_item(q, dk, i));
        assert_string_equal(k, want[i]);
        g_free(k);
    }
    qpdf_oh table = qpdf_oh_get_array_item(q, dk, 1);
    qpdf_oh tk = qpdf_oh_get_key(q, table, "/K");
    const char *scopes[2][2] = {{"/Column", "/Column"}, {"/Row", NULL}};
    for (int r = 0; r < 2; r++) {
        qpdf_oh cells = qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, tk, r + 1), "/K");
        for (int c = 0; c < 2; c++) {
            qpdf_oh a = qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, cells, c), "/A");
            if (!scopes[r][c]) {
                assert_true(qpdf_oh_is_null(q, a));
                continue;
            }
            qpdf_oh scope = qpdf_oh_get_key(q, a, "/Scope");
            assert_string_equal(qpdf_oh_get_name(q, scope), scopes[r][c]);
        }
    }
    qpdf_cleanup(&q);
    g_byte_array_free(out, TRUE);
    g_string_free(pdf, TRUE);
    sp_pdf_notes_free(notes);
    sp_diags_free(&d);
}

static void test_not_a_pdf_is_one_error(void **state)
{
    (void)state;
    const char junk[] = "name,value\nnot,a pdf\n";
    GByteArray *out = g_byte_array_new();
    sp_diags d = {0};
    assert_int_equal(sp_pdf_mark_tagged_bytes("junk.pdf", junk, sizeof junk - 1, NULL, "en-GB", out, &d), 1);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    assert_int_equal(out->len, 0);
    g_byte_array_free(out, TRUE);
    sp_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adds_what_cairo_cannot),
        cmocka_unit_test(test_captions_and_header_scopes),
        cmocka_unit_test(test_not_a_pdf_is_one_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
