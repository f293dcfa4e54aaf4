/* typeset.c: fine typography for text set on a page (briefing_doc.h): no-break
 * spaces inside dates ("4 October 2022", "March 2020"), between a number and
 * its unit ("£78.9 million") and after "Figure" and "Table", and, when asked,
 * between the last two words of each line of Markdown, so a paragraph,
 * caption or box never ends on a word alone.
 *
 * Design choice: done on the text before it is parsed and laid out, so
 * Pango's own line breaking honours it and the offsets of inline styles are
 * counted on the final text. The PDF asks for all of it, the web pages for
 * the no-break spaces only (HTML reflows, but must not split a date). */
#include "briefing_doc.h"

#include <string.h>

#define NBSP "\xC2\xA0"
#define MONTHS "January|February|March|April|May|June|July|August|September|October|" \
               "November|December"

/* --- dates ------------------------------------------------------------------ */

/* What GLib's regular expressions count as a word character and a digit
 * (GRegex compiles with Unicode properties: \w is a letter, a number or
 * "_", \d a decimal digit). */
static bool word_char(gunichar c) { return c == '_' || g_unichar_isalnum(c); }

static bool word_before(const char *start, const char *p)
{
    return p > start && word_char(g_utf8_get_char(g_utf8_prev_char(p)));
}

/* The length of the month name p starts with, 0 if none. */
static size_t month_at(const char *p)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    for (size_t i = 0; i < G_N_ELEMENTS(months); i++) {
        size_t n = strlen(months[i]);
        if (strncmp(p, months[i], n) == 0)
            return n;
    }
    return 0;
}

/* Past n decimal digits from p, or NULL when fewer. */
static const char *digits(const char *p, int n)
{
    for (int i = 0; i < n; i++) {
        if (!g_unichar_isdigit(g_utf8_get_char(p)))
            return NULL;
        p = g_utf8_next_char(p);
    }
    return p;
}

/* No-break spaces inside dates: "4 October 2022" and "March 2020". The
 * same text as the two regular expressions
 *   \b(\d{1,2}) (MONTH) (\d{4})\b  ->  \1 NBSP \2 NBSP \3
 *   \b(MONTH) (\d{4})\b             ->  \1 NBSP \2
 * one after the other (test_typeset compares them), in one scan for month
 * names: run on every area's web page, the regular expressions were most
 * of the web pages' typesetting. */
static char *bind_dates(const char *s)
{
    GString *out = g_string_sized_new(strlen(s) + 16);
    const char *copied = s;
    for (const char *p = s; *p; p++) {
        size_t m = *p >= 'A' && *p <= 'S' ? month_at(p) : 0;
        if (!m || word_before(s, p) || p[m] != ' ')
            continue;
        const char *year = p + m + 1, *after = digits(year, 4);
        if (!after || (*after && word_char(g_utf8_get_char(after))))
            continue;
        /* the day: one or two digits after a word boundary, then the space */
        const char *day_space = NULL;
        if (p > s && p[-1] == ' ') {
            const char *first = p - 1;
            int n = 0;
            while (n < 3 && first > s) {
                const char *prev = g_utf8_prev_char(first);
                if (!g_unichar_isdigit(g_utf8_get_char(prev)))
                    break;
                first = prev;
                n++;
            }
            if (n >= 1 && n <= 2 && !word_before(s, first))
                day_space = p - 1;
        }
        if (day_space) {
            g_string_append_len(out, copied, day_space - copied);
            g_string_append(out, NBSP);
            copied = day_space + 1;
        }
        g_string_append_len(out, copied, p + m - copied);
        g_string_append(out, NBSP);
        copied = year;
        p = after - 1;
    }
    g_string_append(out, copied);
    return g_string_free(out, FALSE);
}

static char *replace(GRegex *re, const char *text, const char *with)
{
    char *out = re ? g_regex_replace(re, text, -1, 0, with, 0, NULL) : NULL;
    return out ? out : g_strdup(text);
}

/* Whether text holds one of the words in the list ("a|b|c"). */
static bool holds_any(const char *text, const char *words)
{
    for (const char *w = words; *w;) {
        const char *bar = strchr(w, '|');
        size_t n = bar ? (size_t)(bar - w) : strlen(w);
        for (const char *p = text; (p = strchr(p, *w)) != NULL; p++)
            if (strncmp(p, w, n) == 0)
                return true;
        w += n + (bar != NULL);
    }
    return false;
}

/* The last ASCII space of a line of text becomes a no-break space when the
 * word after it is short (a long word, such as an address, may go alone). */
static void bind_last(GString *out, const char *line, size_t n)
{
    const char *skip[] = {"<!--", "![", "---"};
    bool plain = n > 0;
    for (size_t i = 0; i < G_N_ELEMENTS(skip); i++)
        if (n >= strlen(skip[i]) && strncmp(line, skip[i], strlen(skip[i])) == 0)
            plain = false;
    const char *q = line;
    while (q < line + n && (*q == '>' || *q == ' '))
        q++;
    if (q < line + n && *q == '#')
        plain = false; /* headings: the outline and contents quote them */
    const char *sp = NULL;
    for (const char *p = line; plain && p < line + n; p++)
        if (*p == ' ')
            sp = p;
    if (!sp || line + n - sp - 1 > 14 || sp == line || sp[-1] == ' ' || sp[-1] == '>' ||
        sp[-1] == '-' || sp[-1] == '#') {
        g_string_append_len(out, line, (gssize)n);
        return;
    }
    g_string_append_len(out, line, sp - line);
    g_string_append(out, NBSP);
    g_string_append_len(out, sp + 1, line + n - sp - 1);
}

char *sp_doc_typeset(const char *text, bool last_words)
{
    if (!text)
        return NULL;
    /* each rule, and words one of which a text must hold for it to match:
     * a text without any is left alone without running the rule (most
     * table cells and web page texts hold none) */
    static const char *const rules[][3] = {
        {"(\\d) (million|billion|per cent)\\b", "\\1" NBSP "\\2", "million|billion|per cent"},
        {"\\b(Figure|Table) (\\d)", "\\1" NBSP "\\2", "Figure|Table"},
        {"\xE2\x80\xA0 ", "\xE2\x80\xA0" NBSP, "\xE2\x80\xA0"}, /* a dagger starts its note's line */
    };
    /* compiled once for the process (a build typesets hundreds of blocks;
     * compiling with G_REGEX_OPTIMIZE each time was a fifth of the
     * briefing's instructions) and kept: GRegex matching is thread-safe.
     * Not G_REGEX_OPTIMIZE: its JIT-compiled code is what valgrind reported
     * as hundreds of uses of uninitialised values, and these texts are short */
    static GRegex *res[G_N_ELEMENTS(rules)];
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        for (size_t i = 0; i < G_N_ELEMENTS(rules); i++)
            res[i] = g_regex_new(rules[i][0], 0, 0, NULL);
        g_once_init_leave(&ready, 1);
    }
    char *s = holds_any(text, MONTHS) ? bind_dates(text) : g_strdup(text);
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        if (!holds_any(s, rules[i][2]))
            continue;
        char *t = replace(res[i], s, rules[i][1]);
        g_free(s);
        s = t;
    }
    if (!last_words)
        return s;
    GString *out = g_string_sized_new(strlen(s) + 64);
    const char *p = s;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        bind_last(out, p, n);
        if (!eol)
            break;
        g_string_append_c(out, '\n');
        p = eol + 1;
    }
    g_free(s);
    return g_string_free(out, FALSE);
}
