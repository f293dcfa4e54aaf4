/* test_ods_xml.c: the ODS writer's own XML writer (workbook_ods_parts.c)
 * writes, for the same calls, the bytes libxml2's xmlTextWriter wrote
 * before it: the same escaping of text and attribute values (reserved
 * characters, tabs, line breaks, carriage returns, non-ASCII text), empty
 * elements closed with "/>", elements left open closed at the end; a
 * cell's text as ODF paragraphs; and formulas in OpenFormula as the regular
 * expression the writer used before translated them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/xmlwriter.h>

#include "../../src/render/workbook_ods.h"

static const char *const TRICKY[] = {
    "",
    "plain",
    "Tom & Jerry <b>\"quoted\"</b> 'single' > done",
    "tab\there, line\nbreak, crlf\r\nend",
    "£1.2 million – “curly” café ✓",
    "&amp; already escaped &#10;",
    " leading and trailing ",
};

/* The calls, made on ours (x) or on libxml2's writer (w). */
typedef struct {
    ods_xml *x;
    xmlTextWriterPtr w;
} both;

static void el(both *b, const char *n)
{
    if (b->x) ods_el(b->x, n); else xmlTextWriterStartElement(b->w, BAD_CAST n);
}
static void end(both *b)
{
    if (b->x) ods_end(b->x); else xmlTextWriterEndElement(b->w);
}
static void attr(both *b, const char *n, const char *v)
{
    if (b->x) ods_attr(b->x, n, v); else xmlTextWriterWriteAttribute(b->w, BAD_CAST n, BAD_CAST v);
}
static void text(both *b, const char *t)
{
    if (b->x) ods_text(b->x, t); else xmlTextWriterWriteString(b->w, BAD_CAST t);
}

static void calls(both *b)
{
    el(b, "table:table");
    attr(b, "table:name", "Records 2023");
    for (size_t i = 0; i < G_N_ELEMENTS(TRICKY); i++) {
        el(b, "table:table-cell");
        attr(b, "office:string-value", TRICKY[i]);
        el(b, "text:p");
        text(b, TRICKY[i]);
        end(b);
        el(b, "text:s"); /* empty: <text:s/> */
        end(b);
        el(b, "text:span");
        text(b, ""); /* empty text still closes the start tag */
        end(b);
        end(b);
    }
    el(b, "table:table-row"); /* left open: closed by the end of the part */
    el(b, "table:table-cell");
    attr(b, "office:value", "3.5");
}

static void test_same_bytes_as_libxml2(void **state)
{
    (void)state;
    ods_xml ours = {0};
    ods_xml_begin(&ours, "office:document-content");
    calls(&(both){&ours, NULL});
    ods_xml_end(&ours);

    /* libxml2, set up as the ODS writer set it up, with the same root */
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    ods_xml root = {0}; /* the root's namespaces, as ours writes them */
    ods_xml_begin(&root, "office:document-content");
    xmlTextWriterStartElement(w, BAD_CAST "office:document-content");
    const char *s = strstr(root.out->str, "<office:document-content") + strlen("<office:document-content ");
    while (*s) { /* name="value" pairs, none holding a quote */
        const char *eq = strchr(s, '='), *close = strchr(eq + 2, '"');
        char *n = g_strndup(s, (gsize)(eq - s)), *v = g_strndup(eq + 2, (gsize)(close - eq - 2));
        xmlTextWriterWriteAttribute(w, BAD_CAST n, BAD_CAST v);
        g_free(n);
        g_free(v);
        s = close[1] == ' ' ? close + 2 : close + 1;
    }
    ods_xml_free(&root);
    calls(&(both){NULL, w});
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);

    assert_string_equal(ours.out->str, (const char *)xmlBufferContent(buf));
    assert_int_equal(ours.out->len, (size_t)xmlBufferLength(buf));
    xmlBufferFree(buf);
    ods_xml_free(&ours);
}

/* A cell's text as paragraphs: plain text as it is, white space ODF would
 * collapse as elements, line breaks as new paragraphs. */
static void test_paragraphs(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"", "<text:p/>"},
        {"Tom & Jerry <3", "<text:p>Tom &amp; Jerry &lt;3</text:p>"},
        {"a  b", "<text:p>a <text:s/>b</text:p>"},
        {"a   b", "<text:p>a <text:s text:c=\"2\"/>b</text:p>"},
        {" lead", "<text:p><text:s/>lead</text:p>"},
        {"trail  ", "<text:p>trail<text:s text:c=\"2\"/></text:p>"},
        {"a\tb", "<text:p>a<text:tab/>b</text:p>"},
        {"one\ntwo\r\nthree", "<text:p>one</text:p><text:p>two</text:p><text:p>three</text:p>"},
        {"bell\a!", "<text:p>bell\xEF\xBF\xBD!</text:p>"},
        {"£5 – café", "<text:p>£5 – café</text:p>"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        ods_xml x = {0};
        ods_xml_begin(&x, "manifest:manifest");
        ods_el(&x, "table:table-cell");
        size_t from = x.out->len + 1; /* after the cell's '>' */
        ods_paragraphs(&x, cases[i][0]);
        char *got = g_strdup(x.out->str + from);
        assert_string_equal(got, cases[i][1]);
        g_free(got);
        ods_xml_free(&x);
    }
}

/* The regular expression the ODS writer translated formulas with before
 * its scanner: the oracle the scanner must agree with. */
static gboolean oracle_eval(const GMatchInfo *m, GString *out, gpointer user)
{
    (void)user;
    char *all = g_match_info_fetch(m, 0);
    if (all[0] == '"') {
        g_string_append(out, all);
    } else if (strcmp(all, ",") == 0) {
        g_string_append_c(out, ';');
    } else {
        char *a = g_match_info_fetch(m, 1), *b = g_match_info_fetch(m, 2);
        if (b && *b)
            g_string_append_printf(out, "[.%s:.%s]", a, b);
        else
            g_string_append_printf(out, "[.%s]", a);
        g_free(a);
        g_free(b);
    }
    g_free(all);
    return FALSE;
}

static char *oracle(GRegex *re, const char *excel)
{
    size_t n = strlen(excel);
    char *body = excel[0] == '{' && n > 2 && excel[n - 1] == '}' ? g_strndup(excel + 1, n - 2)
                                                                 : g_strdup(excel);
    char *t = g_regex_replace_eval(re, body[0] == '=' ? body + 1 : body, -1, 0, 0, oracle_eval,
                                   NULL, NULL);
    char *out = g_strdup_printf("of:=%s", t ? t : "");
    g_free(t);
    g_free(body);
    return out;
}

static void test_formulas_as_the_regex_did(void **state)
{
    (void)state;
    GRegex *re = g_regex_new("\"(?:[^\"]|\"\")*\""
                             "|(?<![A-Za-z0-9_.$])(\\$?[A-Z]{1,3}\\$?[0-9]+)"
                             "(?::(\\$?[A-Z]{1,3}\\$?[0-9]+))?(?![A-Za-z0-9_(])"
                             "|,",
                             0, 0, NULL);
    assert_non_null(re);
    static const char *const fixed[] = {
        "=IF(B5>0,B6/B5,\"[z]\")",
        "{=SUM(IF(Records!$N$5:$N$120=\"Yes\",1,0))}",
        "=COUNTIFS(rec_included,\"Yes\",'Records 2023'!C5:C9,\"<=44286\")",
        "=LOG10(A1)+ABCD1+A1:B2X+$A$1:$B$2+Sheet1.A1+x_A1+\"a\"\"b\"&\"c\"",
        "=\"unclosed,A1", "=\"a\"\"", "=\"\"\"\"\"", "", "=", "{}", "{=}",
        "=A1:", "=A1:B", "=ZZZ999:AAA1(", "=A$1,$B1", "=£A1,é,B2",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++) {
        char *want = oracle(re, fixed[i]), *got = ods_openformula(fixed[i]);
        assert_string_equal(got, want);
        g_free(want);
        g_free(got);
    }
    /* random formulas over the characters that matter */
    static const char *const bits[] = {"A", "B", "Z", "AB", "ABC", "a", "$", "1", "0", "12", ":",
                                       ",", "\"", "(", ")", ".", "_", "=", "+", " ", "é", "!",
                                       "{", "}"};
    GRand *rnd = g_rand_new_with_seed(20);
    for (int k = 0; k < 20000; k++) {
        GString *f = g_string_new(NULL);
        int len = g_rand_int_range(rnd, 0, 14);
        for (int j = 0; j < len; j++)
            g_string_append(f, bits[g_rand_int_range(rnd, 0, G_N_ELEMENTS(bits))]);
        char *want = oracle(re, f->str), *got = ods_openformula(f->str);
        if (strcmp(want, got) != 0)
            fail_msg("%s: scanner %s, regex %s", f->str, got, want);
        g_free(want);
        g_free(got);
        g_string_free(f, TRUE);
    }
    g_rand_free(rnd);
    g_regex_unref(re);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_as_libxml2),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_formulas_as_the_regex_did),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
