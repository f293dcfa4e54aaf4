/* revisions.h: what changed since the previous publication, figure by
 * figure, and how a change reads ("+34", "-2.1 percentage points"). Stats
 * layer: publish writes revisions.csv from it and the briefing shows it, so
 * neither depends on the other. */
#ifndef SENDPACK_REVISIONS_H
#define SENDPACK_REVISIONS_H

#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/diag.h"
#include "sendpack/figures.h"

/* ---- revisions: what changed since the previous publication ---------- */

typedef enum {
    SP_REVISION_CHANGED = 0, /* in both, value differs */
    SP_REVISION_NEW,         /* only in the new publication */
    SP_REVISION_REMOVED      /* only in the previous publication */
} sp_revision_kind;

/* One figure that differs between two publications.
 *   kind        changed, new or removed
 *   id, label   as in figures.json (label from the new publication, or the
 *               old one for a removed figure)
 *   unit        count, proportion (0..1), gbp or date (value YYYYMMDD)
 *   old_value   NAN for a new figure (or a null value in figures.json)
 *   new_value   NAN for a removed figure
 * Format values for a reader with format.h / date.h according to unit; the
 * change of a proportion is best shown in percentage points. */
typedef struct sp_revision {
    sp_revision_kind kind;
    char *id;
    char *label;
    sp_unit unit;
    double old_value;
    double new_value;
} sp_revision;

/* All differences, in this order: changed figures (in the new publication's
 * order), then new figures (same order), then removed figures (in the old
 * publication's order). n == 0 means nothing changed. */
typedef struct sp_revisions {
    sp_revision *items;
    size_t n;
    size_t n_changed, n_new, n_removed;
    sp_date old_as_at;   /* as-at date of the previous publication (0 if unknown) */
    sp_date new_as_at;   /* as-at date of this publication */
    char *old_path;      /* the previous figures.json as named by the user */
} sp_revisions;

/* Compare two figures.json texts (schema sendpack.figures/1). old_name and
 * new_name are used in diagnostics. Returns NULL with a diag when either text
 * is not a figures table. (sp_revisions_read in publish.h reads the files.) */
sp_revisions *sp_revisions_compare(const char *old_json, const char *old_name,
                                   const char *new_json, const char *new_name,
                                   sp_diags *diags);
/* revisions.csv: kind,id,label,unit,old,new,change with CRLF lines (RFC
 * 4180); dates ISO, numbers as in figures.csv, change = new - old (blank for
 * dates and for new/removed figures). Caller g_free()s. */
char *sp_revisions_csv(const sp_revisions *r);
/* "changed", "new", "removed" */
const char *sp_revision_kind_name(sp_revision_kind k);
/* A value as a reader sees it: "115", "55%", "£1.17 million", "31 March
 * 2021", or "" for NAN. Writes into buf and returns it. */
char *sp_revision_value_text(sp_unit unit, double v, char *buf, size_t n);
/* The change as a reader sees it: "+34", "-2.1 percentage points",
 * "+£90,000", "" for dates and new/removed figures. */
char *sp_revision_change_text(const sp_revision *r, char *buf, size_t n);
void sp_revisions_free(sp_revisions *r);

#endif
