/* typeset.c: fine typography for text set on a page (briefing_doc.h): no-break
 * spaces inside dates ("4 October 2022", "March 2020"), between a number and
 * its unit ("£78.9 million") and after "Figure" and "Table", and, when asked,
 * between the last two words of each line of Markdown, so a paragraph,
 * caption or box never ends on a word alone.
 *
 * Design choice: done on the text before it is parsed and laid out, so
 * Pango's own line breaking honours it and the offsets of inline styles are
 * counted on the final text. The PDF asks for all of it, the web pages for
 * the no-break spaces only (HTML reflows, but must not split a date).
 *
 * Each rule marks the ASCII spaces that become no-break spaces. Every rule
 * turns only spaces into no-break spaces and looks at no other space, so
 * each reads the text as given and the marks are applied at once. The
 * rules were regular expressions (GRegex, whose \b, \d and \w are Unicode),
 * applied one after the other:
 *   \b(\d{1,2}) (MONTH) (\d{4})\b      ->  \1 NBSP \2 NBSP \3
 *   \b(MONTH) (\d{4})\b                ->  \1 NBSP \2
 *   (\d) (million|billion|per cent)\b  ->  \1 NBSP \2
 *   \b(Figure|Table) (\d)              ->  \1 NBSP \2
 *   "† "                               ->  "†" NBSP
 * The scans give the same text (test_typeset compares them on 20,000
 * generated texts) for a fraction of the work: typesetting runs on every
 * area's web page, and the expressions were most of its time. */
#include "briefing_doc.h"

#include <stddef.h>
#include <string.h>

#define NBSP "\xC2\xA0"
#define DAGGER "\xE2\x80\xA0"
#define MONTHS "January|February|March|April|May|June|July|August|September|October|" \
               "November|December"

/* What GLib's regular expressions count as a word character and a digit:
 * \w is a letter, a number or "_", \d a decimal digit. */
static bool word_char(gunichar c) { return c == '_' || g_unichar_isalnum(c); }

static bool word_before(const char *start, const char *p)
{
    return p > start && word_char(g_utf8_get_char(g_utf8_prev_char(p)));
}

static bool word_at(const char *p) { return *p && word_char(g_utf8_get_char(p)); }

static bool digit_at(const char *p) { return *p && g_unichar_isdigit(g_utf8_get_char(p)); }

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
        if (!digit_at(p))
            return NULL;
        p = g_utf8_next_char(p);
    }
    return p;
}

/* "4 October 2022", "March 2020": the month's space before the year, and
 * the day's (one or two digits after a word boundary) before the month. */
static void mark_dates(const char *s, guint8 *bind)
{
    for (const char *p = s; *p; p++) {
        size_t m = *p >= 'A' && *p <= 'S' ? month_at(p) : 0;
        if (!m || word_before(s, p) || p[m] != ' ')
            continue;
        const char *after = digits(p + m + 1, 4);
        if (!after || word_at(after))
            continue;
        if (p > s && p[-1] == ' ') {
            const char *first = p - 1;
            int n = 0;
            while (n < 3 && first > s && digit_at(g_utf8_prev_char(first))) {
                first = g_utf8_prev_char(first);
                n++;
            }
            if (n >= 1 && n <= 2 && !word_before(s, first))
                bind[p - 1 - s] = 1;
        }
        bind[p + m - s] = 1;
        p = after - 1;
    }
}

/* "£78.9 million", "45 per cent": a digit, the space, the whole word. */
static void mark_amounts(const char *s, guint8 *bind)
{
    static const char *const words[] = {"million", "billion", "per cent"};
    for (const char *p = strchr(s, ' '); p; p = strchr(p + 1, ' ')) {
        if (p == s || !digit_at(g_utf8_prev_char(p)))
            continue;
        for (size_t w = 0; w < G_N_ELEMENTS(words); w++) {
            size_t n = strlen(words[w]);
            if (strncmp(p + 1, words[w], n) == 0 && !word_at(p + 1 + n)) {
                bind[p - s] = 1;
                break;
            }
        }
    }
}

/* "Figure 2", "Table 10": the whole word, the space, a digit. */
static void mark_numbered(const char *s, guint8 *bind)
{
    static const char *const words[] = {"Figure", "Table"};
    for (const char *p = strchr(s, ' '); p; p = strchr(p + 1, ' ')) {
        if (!digit_at(p + 1))
            continue;
        for (size_t w = 0; w < G_N_ELEMENTS(words); w++) {
            size_t n = strlen(words[w]);
            const char *word = p - n;
            if ((size_t)(p - s) >= n && strncmp(word, words[w], n) == 0 && !word_before(s, word)) {
                bind[p - s] = 1;
                break;
            }
        }
    }
}

/* A dagger starts its note's line: "† ". */
static void mark_daggers(const char *s, guint8 *bind)
{
    size_t n = strlen(DAGGER);
    for (const char *p = strstr(s, DAGGER " "); p; p = strstr(p + n + 1, DAGGER " "))
        bind[p + n - s] = 1;
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
    /* each rule, and words one of which a text must hold for the rule to
     * mark anything: a text without any is not scanned (most table cells
     * and web page texts hold none) */
    static const struct {
        void (*mark)(const char *s, guint8 *bind);
        const char *words;
    } rules[] = {
        {mark_dates, MONTHS},
        {mark_amounts, "million|billion|per cent"},
        {mark_numbered, "Figure|Table"},
        {mark_daggers, DAGGER},
    };
    size_t n = strlen(text);
    guint8 *bind = NULL; /* bind[i]: the space at text[i] becomes a no-break space */
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        if (!holds_any(text, rules[i].words))
            continue;
        if (!bind)
            bind = g_new0(guint8, n + 1);
        rules[i].mark(text, bind);
    }
    char *s = NULL;
    if (bind) {
        GString *t = g_string_sized_new(n + 32);
        size_t from = 0;
        for (size_t i = 0; i < n; i++)
            if (bind[i]) {
                g_string_append_len(t, text + from, (gssize)(i - from));
                g_string_append(t, NBSP);
                from = i + 1;
            }
        g_string_append(t, text + from);
        g_free(bind);
        s = g_string_free(t, FALSE);
    } else {
        s = g_strdup(text);
    }
    if (!last_words)
        return s;
    GString *out = g_string_sized_new(strlen(s) + 64);
    const char *p = s;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        bind_last(out, p, len);
        if (!eol)
            break;
        g_string_append_c(out, '\n');
        p = eol + 1;
    }
    g_free(s);
    return g_string_free(out, FALSE);
}
