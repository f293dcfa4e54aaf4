/* typeset.c: fine typography for text set on a page (briefing_doc.h): no-break
 * spaces inside dates ("4 October 2022", "March 2020"), between a number and
 * its unit ("£78.9 million", "20 weeks") and after "Figure" and "Table",
 * and, when asked, between the last two words of each line of Markdown, so
 * a paragraph, caption or box never ends on a word alone.
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
 *   (\d) (million|billion|per cent|weeks)\b  ->  \1 NBSP \2
 *   \b(Figure|Table) (\d)              ->  \1 NBSP \2
 *   "† "                               ->  "†" NBSP
 * One pass over the text finds them all and gives the same text
 * (test_typeset compares them on 20,000 generated texts) for a fraction
 * of the work: typesetting runs on every area's web page, and the
 * expressions were most of its time. */
#include "briefing_doc.h"

#include <stddef.h>
#include <string.h>

#define NBSP "\xC2\xA0"
#define DAGGER "\xE2\x80\xA0"

/* What GLib's regular expressions count as a word character and a digit:
 * \w is a letter, a number or "_", \d a decimal digit. */
static bool word_char(gunichar c) { return c == '_' || g_unichar_isalnum(c); }

/* Whether p starts a word character (or a digit, below): ASCII, as most
 * of the text is, without decoding. */
static bool word_at(const char *p)
{
    if ((unsigned char)*p < 0x80)
        return g_ascii_isalnum(*p) || *p == '_';
    return word_char(g_utf8_get_char(p));
}

static bool word_before(const char *start, const char *p)
{
    return p > start && word_at(g_utf8_prev_char(p));
}

static bool digit_at(const char *p)
{
    if ((unsigned char)*p < 0x80)
        return g_ascii_isdigit(*p);
    return g_unichar_isdigit(g_utf8_get_char(p));
}

/* The month whose name ends just before q (the start of the name), or
 * NULL. */
static const char *month_before(const char *s, const char *q)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    for (size_t i = 0; i < G_N_ELEMENTS(months); i++) {
        size_t n = strlen(months[i]);
        if ((size_t)(q - s) >= n && memcmp(q - n, months[i], n) == 0)
            return q - n;
    }
    return NULL;
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

/* The spaces to bind: offsets into the text (size_t), in the order found. */
static void mark(GArray *bind, const char *s, const char *q)
{
    size_t at = (size_t)(q - s);
    g_array_append_val(bind, at);
}

static int by_offset(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The space at q in a date: "4 October 2022", "March 2020" bind the
 * month's space before the year, and the day's (one or two digits after a
 * word boundary) before the month. */
static void mark_date(const char *s, const char *q, GArray *bind)
{
    const char *month = month_before(s, q), *after;
    if (!month || word_before(s, month) || !(after = digits(q + 1, 4)) || word_at(after))
        return;
    mark(bind, s, q);
    if (month > s && month[-1] == ' ') {
        const char *first = month - 1;
        int n = 0;
        while (n < 3 && first > s && digit_at(g_utf8_prev_char(first))) {
            first = g_utf8_prev_char(first);
            n++;
        }
        if (n >= 1 && n <= 2 && !word_before(s, first))
            mark(bind, s, month - 1);
    }
}

/* The space at q: "£78.9 million", "45 per cent", "20 weeks" (a digit,
 * the space, the whole word), "Figure 2", "Table 10" (the whole word, the
 * space, a digit) and a dagger starting its note's line bind it. */
static void mark_space(const char *s, const char *q, GArray *bind)
{
    static const char *const units[] = {"million", "billion", "per cent", "weeks"};
    static const char *const numbered[] = {"Figure", "Table"};
    size_t dn = strlen(DAGGER);
    if ((size_t)(q - s) >= dn && (unsigned char)q[-dn] == 0xE2 && memcmp(q - dn, DAGGER, dn) == 0) {
        mark(bind, s, q);
        return;
    }
    if (q > s && digit_at(g_utf8_prev_char(q)))
        for (size_t w = 0; w < G_N_ELEMENTS(units); w++) {
            size_t n = strlen(units[w]);
            if (strncmp(q + 1, units[w], n) == 0 && !word_at(q + 1 + n)) {
                mark(bind, s, q);
                return;
            }
        }
    if (digit_at(q + 1))
        for (size_t w = 0; w < G_N_ELEMENTS(numbered); w++) {
            size_t n = strlen(numbered[w]);
            const char *word = q - n;
            if ((size_t)(q - s) >= n && memcmp(word, numbered[w], n) == 0 &&
                !word_before(s, word)) {
                mark(bind, s, q);
                return;
            }
        }
}

/* Mark every space to bind: every rule binds a space, so one pass from
 * space to space. */
static void mark_all(const char *s, GArray *bind)
{
    for (const char *q = strchr(s, ' '); q; q = strchr(q + 1, ' ')) {
        mark_space(s, q, bind);
        /* a month's last letter, then the year's first digit */
        if (q > s && g_ascii_islower(q[-1]) && digit_at(q + 1))
            mark_date(s, q, bind);
    }
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
    GArray *bind = g_array_new(FALSE, FALSE, sizeof(size_t));
    mark_all(text, bind);
    char *s = NULL;
    if (bind->len) {
        /* a day's space is found after the spaces before its month */
        g_array_sort(bind, by_offset);
        GString *t = g_string_sized_new(strlen(text) + 2 * bind->len);
        size_t from = 0;
        for (guint i = 0; i < bind->len; i++) {
            size_t at = g_array_index(bind, size_t, i);
            if (at < from)
                continue; /* marked twice */
            g_string_append_len(t, text + from, (gssize)(at - from));
            g_string_append(t, NBSP);
            from = at + 1;
        }
        g_string_append(t, text + from);
        s = g_string_free(t, FALSE);
    } else {
        s = g_strdup(text);
    }
    g_array_free(bind, TRUE);
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
