/* diag.c: the list of problems found in a run (see diag.h). */
#include "sendpack/diag.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void sp_diags_add(sp_diags *d, sp_diag_level level, const char *file, int line,
                  int column, const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = g_renew(sp_diag, d->items, d->cap);
    }
    va_list ap;
    va_start(ap, fmt);
    sp_diag *x = &d->items[d->n++];
    x->level = level;
    x->file = file ? g_strdup(file) : NULL;
    x->line = line;
    x->column = column;
    x->cell = false;
    x->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

void sp_diags_take(sp_diags *d, sp_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 16;
            d->items = g_renew(sp_diag, d->items, d->cap);
        }
        d->items[d->n++] = from->items[i];
    }
    g_free(from->items);
    *from = (sp_diags){0};
}

size_t sp_diags_count(const sp_diags *d, sp_diag_level level)
{
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].level == level)
            k++;
    return k;
}

char *sp_diag_format(const sp_diag *x)
{
    const char *pre = x->level == SP_DIAG_WARNING ? "warning: " : "";
    if (!x->file)
        return g_strdup_printf("%s%s", pre, x->message);
    if (x->cell && x->line > 0 && x->column > 0) {
        char ref[32];
        sp_diag_cell_ref(x->line, x->column, ref, sizeof ref);
        return g_strdup_printf("%s!%s: %s%s", x->file, ref, pre, x->message);
    }
    if (x->line > 0 && x->column > 0)
        return g_strdup_printf("%s:%d:%d: %s%s", x->file, x->line, x->column, pre, x->message);
    if (x->line > 0)
        return g_strdup_printf("%s:%d: %s%s", x->file, x->line, pre, x->message);
    return g_strdup_printf("%s: %s%s", x->file, pre, x->message);
}

void sp_diags_free(sp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        g_free(d->items[i].file);
        g_free(d->items[i].message);
    }
    g_free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}

void sp_diag_cell_ref(int row, int column, char *buf, size_t n)
{
    char letters[8];
    int k = 7;
    letters[k] = '\0';
    for (int c = column; c > 0 && k > 0; c = (c - 1) / 26)
        letters[--k] = (char)('A' + (c - 1) % 26);
    snprintf(buf, n, "%s%d", letters + k, row);
}
