/* ees.c: the names of EES symbols and geographic levels (ees.h). */
#include "sendpack/ees.h"

#include <glib.h>

static const char *const SYMBOLS[SP_EES_MARK_N] = {"", "", "z", "x", "c", "low", "u", "k", ":"};
static const char *const MEANINGS[SP_EES_MARK_N] = {
    "", "blank", "not applicable", "not available", "confidential",
    "rounds to zero", "low reliability", "rounds to zero", "not available"};

const char *sp_ees_symbol(sp_ees_mark m) { return m < SP_EES_MARK_N ? SYMBOLS[m] : ""; }

const char *sp_ees_meaning(sp_ees_mark m) { return m < SP_EES_MARK_N ? MEANINGS[m] : ""; }

sp_ees_mark sp_ees_mark_of(const char *s)
{
    if (!s || !*s)
        return SP_EES_BLANK;
    if (g_ascii_isdigit(*s) || *s == '-' || *s == '.')
        return SP_EES_NUMBER; /* every symbol starts with a letter or ':' */
    for (int m = SP_EES_Z; m < SP_EES_MARK_N; m++)
        if (g_ascii_strcasecmp(s, SYMBOLS[m]) == 0)
            return (sp_ees_mark)m;
    return SP_EES_NUMBER;
}

const char *sp_ees_level_name(sp_ees_level l)
{
    static const char *const n[] = {"National", "Regional", "Local authority", "Other"};
    return l <= SP_EES_OTHER_LEVEL ? n[l] : "";
}
