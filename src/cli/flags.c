/* flags.c: mistyped flags get a suggestion ("--inspection": did you mean
 * --inspections?), as mistyped config keys do; and the version line that
 * every command prints for --version.
 *
 * Design choice: the check runs over argv before GOptionContext parses it,
 * against the very GOptionEntry arrays the command parses with, so the
 * list of known flags is never written twice. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Levenshtein distance, capped: only "at most two" matters. */
static size_t edits(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb + 2 || lb > la + 2)
        return 3;
    size_t *row = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            best = MIN(best, up + 1);
            best = MIN(best, row[j - 1] + 1);
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    g_free(row);
    return d;
}

const char *sp_cli_suggest(const char *word, const char *const *known, size_t n)
{
    char *w = g_ascii_strdown(word, -1);
    g_strdelimit(w, "_ ", '-');
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n && best_d > 0; i++) {
        size_t d = strcmp(w, known[i]) == 0 ? 0 : edits(w, known[i]);
        if (d > 1 && strlen(w) >= 3 &&
            (g_str_has_prefix(known[i], w) || g_str_has_prefix(w, known[i])))
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    g_free(w);
    return best;
}

int sp_cli_check_flags(const char *command, int argc, char **argv,
                       const GOptionEntry *const *groups, size_t n)
{
    GPtrArray *known = g_ptr_array_new();
    for (size_t g = 0; g < n; g++)
        for (const GOptionEntry *e = groups[g]; e && e->long_name; e++)
            g_ptr_array_add(known, (gpointer)e->long_name);
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (!g_str_has_prefix(a, "--"))
            continue;
        char *name = g_strndup(a + 2, strcspn(a + 2, "="));
        bool found = false;
        for (guint k = 0; k < known->len && !found; k++)
            found = strcmp(name, g_ptr_array_index(known, k)) == 0;
        if (!found) {
            const char *s = sp_cli_suggest(name, (const char *const *)known->pdata, known->len);
            if (s)
                rc = sp_cli_usage_error(command, "unknown option --%s; did you mean --%s?", name, s);
            else
                rc = sp_cli_usage_error(command, "unknown option --%s", name);
        } else {
            /* the value of a flag that takes one is not itself a flag */
            for (size_t g = 0; g < n; g++)
                for (const GOptionEntry *e = groups[g]; e && e->long_name; e++)
                    if (strcmp(e->long_name, name) == 0 && e->arg != G_OPTION_ARG_NONE &&
                        !strchr(a, '='))
                        i++;
        }
        g_free(name);
    }
    g_ptr_array_free(known, TRUE);
    return rc;
}

void sp_cli_print_version(void) { printf("sendpack %s\n", SENDPACK_VERSION); }

sp_date sp_cli_today(void)
{
    GDateTime *now = g_date_time_new_now_local();
    sp_date d = sp_date_make(g_date_time_get_year(now), g_date_time_get_month(now),
                             g_date_time_get_day_of_month(now));
    g_date_time_unref(now);
    return d;
}
