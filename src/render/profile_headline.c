/* profile_headline.c: the one sentence that opens an area's profile, said
 * from its figures: "Birmingham: 12 of 13 weaknesses still without
 * sufficient progress at revisit, the most of any area"; and the paragraph
 * of its inspection, revisit and 2023-framework dates and numbers, as one
 * paragraph (the template's line conditions would break it into many).
 *
 * Design choice: the sentence is words around figures (area.<key>.*), one
 * rule per state an area can be in (revisited, awaiting a revisit, no WSoA,
 * only a 2023-framework inspection); the place among areas is itself a
 * figure (areas_fewer), so nothing is ranked here. */
#include "briefing_doc.h"

#include "sendpack/ids_areas.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/date.h"
#include "sendpack/format.h"
#include "sendpack/template.h"

#include <stdbool.h>
#include <string.h>


char *sp_doc_area_headline(const sp_context *ctx, const char *key, const char *name)
{
    const sp_figures *fg = ctx->figs;
    const sp_figure *w = sp_figures_getf(fg, SP_IDF_AREA_WSOA, key);
    const sp_figure *share = sp_figures_getf(fg, SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE, key);
    const sp_figure *fewer = sp_figures_getf(fg, SP_IDF_AREA_PROGRESS_NOT_MADE_AREAS_FEWER, key);
    const sp_figure *weak = sp_figures_getf(fg, SP_IDF_AREA_WEAKNESSES, key);
    const sp_figure *revisits = sp_figures_get(ctx->figs, SP_ID_REVISITS_COUNT);
    char a[32], b[32], c[32];
    if (share && share->has_ratio) {
        sp_fmt_count(share->numerator, a, sizeof a);
        sp_fmt_count(share->denominator, b, sizeof b);
        if (share->numerator <= 0)
            return g_strdup_printf("%s: sufficient progress on all %s significant weaknesses "
                                   "at revisit", name, b);
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "%s: %s of %s weaknesses still without sufficient progress "
                               "at revisit", name, a, b);
        double n = revisits ? revisits->value : 0;
        if (fewer && n > 1 && fewer->value >= n - 1)
            g_string_append(s, ", the most of any area");
        else if (fewer && n > 1 && fewer->value >= n / 2)
            g_string_append_printf(s, ", more than in %s of the %s areas revisited",
                                   sp_fmt_count(fewer->value, c, sizeof c),
                                   sp_fmt_count(n, b, sizeof b));
        return g_string_free(s, FALSE);
    }
    if (w && w->value) {
        char d[32];
        sp_date_long(ctx->figs->as_at, d, sizeof d);
        if (weak)
            return g_strdup_printf("%s: a written statement of action for %s significant "
                                   "weaknesses, not yet revisited by %s", name,
                                   sp_fmt_count(weak->value, a, sizeof a), d);
        return g_strdup_printf("%s: a written statement of action was required, not yet "
                               "revisited by %s", name, d);
    }
    if (w) {
        const sp_figure *e = sp_figures_get(ctx->figs, SP_ID_WSOA_SHARE);
        if (e && e->has_ratio)
            return g_strdup_printf("%s: no written statement of action was required, as for "
                                   "%s of the %s areas inspected",
                                   name,
                                   sp_fmt_count(e->denominator - e->numerator, a, sizeof a),
                                   sp_fmt_count(e->denominator, b, sizeof b));
        return g_strdup_printf("%s: no written statement of action was required", name);
    }
    const sp_area_view *av = sp_view_area(ctx->view, key);
    if (av && av->rec2023)
        return g_strdup_printf("%s: \u201c%s\u201d at its inspection under the 2023 framework",
                               name, sp_outcome_label(av->rec2023->rec->outcome));
    return g_strdup(name);
}

/* A figure's value in words ("17 January 2018", "13"), or NULL. */
static char *said(const sp_context *ctx, const char *fmt, const char *key, const char *how)
{
    char *id = g_strdup_printf(fmt, key);
    const sp_figure *f = sp_figures_get(ctx->figs, id);
    g_free(id);
    return f ? sp_template_format(f, how) : NULL;
}

/* What the revisit found, in words: "on all 5" and "on none of them"
 * rather than "on 5 of them and not on 0". */
static void revisit_found(GString *s, const char *rev, const char *made, const char *not)
{
    bool none_left = strcmp(not, "0") == 0, none_made = strcmp(made, "0") == 0;
    if (none_left && none_made) { /* no weakness was assessed */
        g_string_append_printf(s, "The revisit report was published on %s. ", rev);
        return;
    }
    g_string_append_printf(s, "The revisit report, published on %s, ", rev);
    if (none_left && strcmp(made, "1") == 0)
        g_string_append(s, "found sufficient progress on it. ");
    else if (none_left)
        g_string_append_printf(s, "found sufficient progress on all %s. ", made);
    else if (none_made && strcmp(not, "1") == 0)
        g_string_append(s, "did not find sufficient progress on it. ");
    else if (none_made)
        g_string_append(s, "found sufficient progress on none of them. ");
    else
        g_string_append_printf(s, "found sufficient progress on %s of them and not on %s. ",
                               made, not);
}

char *sp_doc_area_summary(const sp_context *ctx, const char *key)
{
    GString *s = g_string_new(NULL);
    char *pub = said(ctx, SP_IDF_AREA_INSPECTION_PUBLISHED, key, "date");
    char *wsoa = said(ctx, SP_IDF_AREA_WSOA, key, "count");
    if (pub) {
        g_string_append_printf(s, "The area's SEND inspection report was published on %s. ", pub);
        if (wsoa && strcmp(wsoa, "0") != 0) {
            char *weak = said(ctx, SP_IDF_AREA_WEAKNESSES, key, "count");
            if (weak)
                g_string_append_printf(s, "Inspectors found %s significant %s, and the "
                                       "area was required to produce a written statement of "
                                       "action (WSoA). ", weak,
                                       strcmp(weak, "1") == 0 ? "weakness" : "weaknesses");
            else
                g_string_append(s, "Inspectors found significant weaknesses, and the area was "
                                   "required to produce a written statement of action (WSoA). ");
            char *rev = said(ctx, SP_IDF_AREA_REVISIT_PUBLISHED, key, "date");
            char *made = said(ctx, SP_IDF_AREA_PROGRESS_MADE, key, "count");
            char *not = said(ctx, SP_IDF_AREA_PROGRESS_NOT_MADE, key, "count");
            if (rev && made && not)
                revisit_found(s, rev, made, not);
            else if (rev)
                g_string_append_printf(s, "The revisit report was published on %s. ", rev);
            else {
                char d[32];
                sp_date_long(ctx->figs->as_at, d, sizeof d);
                g_string_append_printf(s, "No revisit report had been published by %s. ", d);
            }
            g_free(weak);
            g_free(rev);
            g_free(made);
            g_free(not);
        } else {
            g_string_append(s, "The inspection did not require a written statement of action "
                               "(WSoA). ");
        }
    }
    char *p23 = said(ctx, SP_IDF_AREA_OUTCOME_PUBLISHED, key, "date");
    const sp_area_view *av = sp_view_area(ctx->view, key);
    if (p23 && av && av->rec2023) {
        g_string_append_printf(s, "Under the 2023 framework, the inspection report published on "
                               "%s gave the outcome \u201c%s\u201d. ", p23,
                               sp_outcome_label(av->rec2023->rec->outcome));
        char *pa = said(ctx, SP_IDF_AREA_PRIORITY_ACTIONS, key, "count");
        if (pa && strcmp(pa, "0") != 0)
            g_string_append_printf(s, "It named %s areas for priority action. ", pa);
        g_free(pa);
    }
    g_free(p23);
    g_free(pub);
    g_free(wsoa);
    /* interventions and support, each with its dates, in one sentence */
    for (size_t i = 0; av && i < av->n_interventions; i++) {
        static const char *const what[] = {"a commissioner appointed", "a statutory direction",
                                           "SEND adviser support", "a safety valve agreement",
                                           "other support or intervention"};
        const sp_intervention *r = av->interventions[i]->rec;
        char from[32], to[32];
        g_string_append(s, i == 0 ? "Interventions and support: "
                                   : i + 1 == av->n_interventions ? " and " : ", ");
        g_string_append(s, what[r->type < SP_INTERVENTION_N ? r->type : SP_INTERVENTION_OTHER]);
        if (r->start) {
            sp_date_long(r->start, from, sizeof from);
            if (r->end && r->end <= ctx->figs->as_at) {
                sp_date_long(r->end, to, sizeof to);
                g_string_append_printf(s, " (%s to %s)", from, to);
            } else {
                g_string_append_printf(s, " (from %s)", from);
            }
        }
        if (i + 1 == av->n_interventions)
            g_string_append_c(s, '.');
    }
    if (s->len && s->str[s->len - 1] == ' ')
        g_string_truncate(s, s->len - 1);
    return g_string_free(s, FALSE);
}
