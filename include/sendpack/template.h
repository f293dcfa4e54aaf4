/* template.h: placeholders in the Markdown templates, expanded from the
 * figures table before the text is parsed with cmark.
 *
 *   {{wsoa.share|pct}}        "55%"            {{wsoa.count}}     "82"
 *   {{wsoa.share|of}}         "82 of 149 (55%)"
 *   {{wsoa.share|ci}}         "(95% CI 47% to 63%)"
 *   {{funding.total_gbp|gbp}} "£1.27 million"  {{as_at|date}} "31 August 2022"
 *   {{area.name}}             a text variable (profiles only)
 *
 * A share whose denominator is under SP_TEMPLATE_SMALL_BASE prints with the
 * marker SP_TEMPLATE_MARKER ("60%†"). Blocks can depend on a figure:
 *
 *   <!-- if outcome.inspections.count -->  ...  <!-- endif -->
 *   <!-- unless area.wsoa -->              ...  <!-- endif -->
 *
 * ("if" keeps the block when the figure exists and is not zero). Images
 * with a chart: or table: scheme are checked here too, so every unknown
 * figure, format, chart or table is reported as template:line:column of the
 * source the analyst edits. Expansion is a pure text pass: values are
 * backslash-escaped so they can never change the Markdown structure. */
#ifndef SENDPACK_TEMPLATE_H
#define SENDPACK_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/diag.h"
#include "sendpack/figures.h"

#define SP_TEMPLATE_SMALL_BASE 10
#define SP_TEMPLATE_MARKER "\xE2\x80\xA0" /* U+2020 dagger */

typedef struct sp_template_env {
    const sp_figures *figs;
    const char *name;          /* template path for diags */
    /* Profiles: {{area.x}} reads area.<area_key>.x and {{region.x}} reads
     * region.<region_slug>.x when no figure has the literal id. NULL in the
     * briefing. */
    const char *area_key;
    const char *region_slug;
    /* Text variables: name, value, name, value, ..., NULL. */
    const char *const *vars;
    /* Whether scheme ("chart" or "table") knows id; NULL accepts all. */
    bool (*known_ref)(const char *scheme, const char *id, void *user);
    void *user;
    /* Called with each figure id printed, in order (may repeat); may be NULL. */
    void (*on_figure)(const char *id, void *user);
} sp_template_env;

/* Expand src into *out (g_free). Returns 0, or 2 after adding one diag per
 * problem (*out is then NULL). */
int sp_template_expand(const sp_template_env *env, const char *src, char **out,
                       sp_diags *diags);

/* One value as the template would print it; NULL when the format is unknown
 * or does not suit the figure (e.g. "pct" of a count). fmt may be NULL or ""
 * for the unit's default. Caller g_free()s. */
char *sp_template_format(const sp_figure *f, const char *fmt);
bool sp_template_format_known(const char *fmt);
/* True when f is a share with a denominator under SP_TEMPLATE_SMALL_BASE. */
bool sp_template_small_base(const sp_figure *f);

#endif
