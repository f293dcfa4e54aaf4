/* profile_headline.c: the one sentence that opens an area's profile, said
 * from its figures: "Birmingham: 12 of 13 weaknesses still without
 * sufficient progress at revisit, the most of any area".
 *
 * Design choice: the sentence is words around figures (area.<key>.*), one
 * rule per state an area can be in (revisited, awaiting a revisit, no WSoA,
 * only a 2023-framework inspection); the place among areas is itself a
 * figure (areas_fewer), so nothing is ranked here. */
#include "briefing_doc.h"

#include "sendpack/date.h"
#include "sendpack/format.h"

#include <string.h>

static const sp_figure *fig(const sp_context *ctx, const char *key, const char *suffix)
{
    return sp_figures_getf(ctx->figs, "area.%s.%s", key, suffix);
}

char *sp_doc_area_headline(const sp_context *ctx, const char *key, const char *name)
{
    const sp_figure *w = fig(ctx, key, "wsoa");
    const sp_figure *share = fig(ctx, key, "weaknesses.progress_not_made.share");
    const sp_figure *fewer = fig(ctx, key, "weaknesses.progress_not_made.areas_fewer");
    const sp_figure *weak = fig(ctx, key, "weaknesses.identified");
    const sp_figure *revisits = sp_figures_get(ctx->figs, "revisits.count");
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
        const sp_figure *e = sp_figures_get(ctx->figs, "wsoa.share");
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
