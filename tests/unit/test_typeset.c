/* test_typeset.c: the no-break spaces that keep a date, an amount or
 * "Figure 2" on one line (typeset.c, sp_doc_typeset): they are found by
 * scans, which must give the same text as the regular expressions they
 * replaced, on the cases a reader meets and on many generated ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "../../src/render/briefing_doc.h"

#define NBSP "\xC2\xA0"
#define MONTHS "January|February|March|April|May|June|July|August|September|October|" \
               "November|December"

/* What sp_doc_typeset(text, false) gave when every rule was a GRegex. */
static char *by_regex(const char *text)
{
    static const char *const rules[][2] = {
        {"\\b(\\d{1,2}) (" MONTHS ") (\\d{4})\\b", "\\1" NBSP "\\2" NBSP "\\3"},
        {"\\b(" MONTHS ") (\\d{4})\\b", "\\1" NBSP "\\2"},
        {"(\\d) (million|billion|per cent|weeks)\\b", "\\1" NBSP "\\2"},
        {"\\b(Figure|Table) (\\d)", "\\1" NBSP "\\2"},
        {"\xE2\x80\xA0 ", "\xE2\x80\xA0" NBSP},
    };
    char *s = g_strdup(text);
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        GRegex *re = g_regex_new(rules[i][0], 0, 0, NULL);
        char *t = g_regex_replace(re, s, -1, 0, rules[i][1], 0, NULL);
        g_regex_unref(re);
        g_free(s);
        s = t;
    }
    return s;
}

static void expect(const char *in, const char *want)
{
    char *got = sp_doc_typeset(in, false);
    assert_string_equal(got, want);
    g_free(got);
}

static void test_dates_a_reader_meets(void **state)
{
    (void)state;
    expect("Inspected on 4 October 2022.", "Inspected on 4" NBSP "October" NBSP "2022.");
    expect("Data as at 31 March 2023", "Data as at 31" NBSP "March" NBSP "2023");
    expect("since March 2020, and", "since March" NBSP "2020, and");
    expect("(12 May 2019)", "(12" NBSP "May" NBSP "2019)");
    expect("1 January 2020 to 2 February 2021",
           "1" NBSP "January" NBSP "2020 to 2" NBSP "February" NBSP "2021");
    /* not a day: three digits, or a letter before the digits */
    expect("123 October 2022", "123 October" NBSP "2022");
    expect("x1 May 2020", "x1 May" NBSP "2020");
    /* not a year: five digits, or a letter after */
    expect("1 May 20201", "1 May 20201");
    expect("1 May 2020s", "1 May 2020s");
    /* not a month: part of a word, or no space before the year */
    expect("Mayday 2020", "Mayday 2020");
    expect("OMay 2020", "OMay 2020");
    expect("May, 2020", "May, 2020");
    /* Unicode word characters count, as they did for the expressions */
    expect("\xC3\xA9" "1 May 2020", "\xC3\xA9" "1 May" NBSP "2020");
    expect("1 May 2020\xC3\xA9", "1 May 2020\xC3\xA9");
    expect(NBSP "1 May 2020", NBSP "1" NBSP "May" NBSP "2020");
    expect("", "");
    expect("no dates here", "no dates here");
}

static void test_other_rules(void **state)
{
    (void)state;
    expect("\xC2\xA3" "78.9 million in 2022", "\xC2\xA3" "78.9" NBSP "million in 2022");
    expect("see Figure 2 and Table 10", "see Figure" NBSP "2 and Table" NBSP "10");
    expect("45 per cent of 12 June 2021",
           "45" NBSP "per cent of 12" NBSP "June" NBSP "2021");
    expect("issued within 20 weeks, 20 weeksend", "issued within 20" NBSP "weeks, 20 weeksend");
    expect("5 per centile, 5 millions, x Figure1, ATable 2", "5 per centile, 5 millions, x Figure1, ATable 2");
    expect("\xE2\x80\xA0 Note \xE2\x80\xA0 two", "\xE2\x80\xA0" NBSP "Note \xE2\x80\xA0" NBSP "two");
}

/* Texts made of the pieces dates are made of, in every order: the scan
 * and the expressions agree on each. */
static void test_same_as_the_expressions(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "1", "12", "123", "2022", "20221", " ", " ", " ", NBSP, "May", "October", "Mayday",
        "June", "x", "_", "\xC3\xA9", ",", ".", "(", ")", "\n", "9", "million", "Figure",
        "Table", "\xE2\x80\xA0", "December", "0", "\xD9\xA3", /* Arabic-Indic three */
        "1 May 2020", "12 October 2022", " June 2021", "May 2020", "4 December ", " 2019",
        "per cent", " per cent", " per centile", " weeks", "weeksend", "billion", " million",
        "millions", "Table 1",
        "Figure 22", "\xE2\x80\xA0 ", "5 ",
    };
    GRand *r = g_rand_new_with_seed(20261201);
    int differ = 0;
    for (int i = 0; i < 20000; i++) {
        GString *t = g_string_new(NULL);
        int n = g_rand_int_range(r, 1, 12);
        for (int k = 0; k < n; k++)
            g_string_append(t, pieces[g_rand_int_range(r, 0, (gint32)G_N_ELEMENTS(pieces))]);
        char *want = by_regex(t->str), *got = sp_doc_typeset(t->str, false);
        if (strcmp(want, got) != 0 && differ++ < 5)
            print_message("differ on \"%s\": \"%s\", expressions \"%s\"\n", t->str, got, want);
        g_free(want);
        g_free(got);
        g_string_free(t, TRUE);
    }
    g_rand_free(r);
    assert_int_equal(differ, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_a_reader_meets),
        cmocka_unit_test(test_other_rules),
        cmocka_unit_test(test_same_as_the_expressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
