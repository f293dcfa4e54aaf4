/* briefing_doc.c: templates into blocks for the briefing and the profiles
 * (briefing_doc.h): reading, expanding, and numbering figures and tables.
 *
 * Design choice: numbering happens once, when blocks are built, so the
 * measuring and the drawing pass print the same "Figure 3" and "Table 2". */
#include "briefing_doc.h"

#include "sendpack/chart.h"
#include "sendpack/date.h"
#include "sendpack/format.h"
#include "sendpack/revisions.h"
#include "sendpack/ids_funding.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/ids_dsg.h"
#include "sendpack/ids_sen2.h"

#include <string.h>

int sp_doc_read_template(const sp_context *ctx, const char *file, char **path, char **text,
                         sp_diags *diags)
{
    const char *dir = ctx->settings && ctx->settings->templates_dir
                          ? ctx->settings->templates_dir : "templates";
    *path = g_build_filename(dir, file, NULL);
    GError *err = NULL;
    if (!g_file_get_contents(*path, text, NULL, &err)) {
        sp_diags_error(diags, *path, 0, 0, "cannot read template: %s", err->message);
        g_error_free(err);
        *text = NULL;
        return 2;
    }
    if (!g_utf8_validate(*text, -1, NULL)) {
        sp_diags_error(diags, *path, 0, 0, "template is not UTF-8 text");
        g_free(*text);
        *text = NULL;
        return 2;
    }
    return 0;
}

static bool known_ref(const char *scheme, const char *id, void *user)
{
    (void)user;
    if (strcmp(scheme, "chart") == 0)
        return sp_chart_known(id);
    return sp_briefing_table_known(id);
}

static void on_figure(const char *id, void *user)
{
    sp_doc_state *st = user;
    sp_used_ids_add(&st->used, id);
}

void sp_doc_env(sp_template_env *env, sp_doc_state *st, const char *path)
{
    *env = (sp_template_env){0};
    env->figs = st->ctx->figs;
    env->name = path;
    env->area_key = st->area_key;
    env->known_ref = known_ref;
    env->on_figure = on_figure;
    env->user = st;
    /* What changed since the last publication: counts from the comparison
     * of the two figures tables (revisions.h), offered as text variables. */
    const sp_revisions *r = st->ctx->revisions;
    static const char *const names[] = {"revisions.previous", "revisions.changed",
                                        "revisions.new", "revisions.removed"};
    for (int i = 0; i < 4; i++)
        st->rev_text[i][0] = '\0';
    if (r && r->n) {
        if (r->old_as_at)
            sp_date_long(r->old_as_at, st->rev_text[0], sizeof st->rev_text[0]);
        else
            g_strlcpy(st->rev_text[0], "the previous publication", sizeof st->rev_text[0]);
        sp_fmt_count((double)r->n_changed, st->rev_text[1], sizeof st->rev_text[1]);
        sp_fmt_count((double)r->n_new, st->rev_text[2], sizeof st->rev_text[2]);
        sp_fmt_count((double)r->n_removed, st->rev_text[3], sizeof st->rev_text[3]);
    }
    for (int i = 0; i < 4; i++) {
        st->vars[2 * i] = names[i];
        st->vars[2 * i + 1] = st->rev_text[i];
    }
    sp_doc_data_vars(st->ctx, st->data_text, st->vars + 8);
    sp_doc_dsg_vars(st->ctx, st->dsg_text, sizeof st->dsg_text,
                    st->vars + 8 + 2 * SP_DOC_DATA_VARS);
    st->vars[8 + 2 * SP_DOC_DATA_VARS + 2 * SP_DOC_DSG_VARS] = NULL;
    env->vars = st->vars;
}

/* "Notes: ..." explaining the symbols a table's cells hold (the small-base
 * dagger, the dash for no figure), or NULL when it holds none. */
static char *table_notes(const sp_table *t)
{
    bool dagger = false, dash = false;
    for (guint r = 0; r < t->rows->len; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        for (size_t c = 0; c < t->ncols; c++) {
            dagger |= strstr(row[c], SP_TEMPLATE_MARKER) != NULL;
            dash |= strcmp(row[c], "\u2013") == 0;
        }
    }
    if (!dagger && !dash)
        return NULL;
    return g_strdup_printf("Notes:%s%s",
                           dagger ? " \u2020 The share rests on fewer than 10 areas and should "
                                    "not be quoted on its own." : "",
                           dash ? " \u2013 No figure: there was nothing to count." : "");
}

/* The figure whose source line a chart carries. */
static const char *chart_source_figure(const char *id)
{
    if (g_str_has_prefix(id, "revisit"))
        return SP_ID_REVISITS_COUNT;
    if (strcmp(id, "funding") == 0)
        return SP_ID_FUNDING_TOTAL;
    if (strcmp(id, "high-needs") == 0)
        return SP_ID_DSG_LATEST_TOTAL;
    if (strcmp(id, "outcomes-2023") == 0)
        return SP_ID_OUTCOME_INSPECTIONS_COUNT;
    if (strcmp(id, "ehcp-timeliness") == 0)
        return SP_ID_EHCP_LATEST_SHARE;
    return SP_ID_INSPECTIONS_COUNT;
}

/* The typography of a page on a figure's or table's texts. */
static void typeset_block(sp_block *b)
{
    char **texts[] = {&b->caption, &b->notes, &b->source, &b->alt};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        char *t = sp_doc_typeset(*texts[i], true);
        g_free(*texts[i]);
        *texts[i] = t;
    }
    if (!b->table)
        return;
    for (guint r = 0; r < b->table->rows->len; r++) {
        char **row = g_ptr_array_index(b->table->rows, r);
        for (size_t c = 0; c < b->table->ncols; c++) {
            char *t = sp_doc_typeset(row[c], false);
            g_free(row[c]);
            row[c] = t;
        }
    }
}

int sp_doc_image(void *user, const char *url, const char *alt, sp_blocks *out, sp_diags *diags)
{
    sp_doc_state *st = user;
    (void)diags;
    if (g_str_has_prefix(url, "chart:")) {
        const char *id = url + 6;
        if (!sp_chart_known(id) || !sp_chart_available(st->ctx, id))
            return 0; /* nothing to draw: the template says so in words */
        sp_block *b = sp_blocks_add(out, SP_BLOCK_FIGURE);
        b->chart_id = g_strdup(id);
        char *title = sp_chart_title(st->ctx, id);
        b->caption = g_strdup_printf("Figure %d: %s", ++st->figure_no,
                                     title && *title ? title : alt);
        b->source = sp_briefing_source_line(st->ctx, chart_source_figure(id));
        char *notes = sp_chart_notes(st->ctx, id);
        if (notes && *notes)
            b->notes = g_strconcat("Notes: ", notes, NULL);
        g_free(notes);
        b->alt = sp_chart_alt_text(st->ctx, id);
        if (!b->alt || !*b->alt) {
            g_free(b->alt);
            b->alt = g_strdup(alt);
        }
        g_free(title);
        if (st->typeset)
            typeset_block(b);
        return 0;
    }
    /* table:name or table:name?query */
    char *name = g_strdup(url + 6);
    char *q = strchr(name, '?');
    if (q)
        *q++ = '\0';
    char *title = NULL, *source = NULL;
    sp_table *t = sp_briefing_table(st->ctx, name, q, st->area_key, &st->used, &title, &source);
    if (t) {
        sp_block *b = sp_blocks_add(out, SP_BLOCK_TABLE);
        b->table = t;
        b->caption = g_strdup_printf("Table %d: %s", ++st->table_no, alt && *alt ? alt : title);
        b->source = source;
        b->notes = table_notes(t);
        source = NULL;
        if (st->typeset)
            typeset_block(b);
    }
    g_free(title);
    g_free(source);
    g_free(name);
    return 0;
}

int sp_doc_blocks(sp_doc_state *st, sp_template_env *env, const char *text, sp_blocks *out,
                  sp_diags *diags)
{
    char *md = NULL;
    int rc = sp_template_expand(env, text, &md, diags);
    if (rc)
        return rc;
    if (st->typeset) {
        char *t = sp_doc_typeset(md, true);
        g_free(md);
        md = t;
    }
    rc = sp_markdown_check_depth(md, env->name, diags);
    if (!rc)
        rc = sp_blocks_from_markdown(out, md, sp_doc_image, st, diags);
    g_free(md);
    return rc;
}

/* sp_doc_area_names; the area's view (NULL if none). */
static const sp_area_view *names_of(sp_doc_area *a, const sp_context *ctx, size_t i)
{
    const sp_figures *fg = ctx->figs;
    *a = (sp_doc_area){.key = fg->areas[i].slug, .name = fg->areas[i].name};
    const sp_area_view *av = sp_view_area(ctx->view, a->key);
    const sp_inspection *in = av ? av->first->rec : NULL;
    a->region = in && in->region ? in->region : "";
    a->code = in && in->la_code ? in->la_code : "";
    return av;
}

void sp_doc_area_names(sp_doc_area *a, const sp_context *ctx, size_t i) { names_of(a, ctx, i); }

static void area_init(sp_doc_area *a, const sp_context *ctx, size_t i)
{
    const sp_figures *fg = ctx->figs;
    const sp_area_view *av = names_of(a, ctx, i);
    const char *outcome = av && av->rec2023 ? sp_outcome_label(av->rec2023->rec->outcome) : "";
    a->region_slug = sp_slug(a->region);
    /* the DSG years, as in the briefing (briefing_dsg.c) */
    const char *latest = fg->n_dsg_years ? fg->dsg_years[fg->n_dsg_years - 1].name : "";
    const char *previous = fg->n_dsg_years > 1 ? fg->dsg_years[fg->n_dsg_years - 2].name : "";
    a->headline = sp_doc_area_headline(ctx, a->key, a->name);
    a->summary = sp_doc_area_summary(ctx, a->key);
    const char *vars[] = {"area.name", a->name, "area.code", a->code,
                          "area.region", a->region, "region.name", a->region,
                          "area.outcome", outcome, "dsg.latest", latest,
                          "dsg.previous", previous, "area.headline", a->headline,
                          "area.summary", a->summary, NULL};
    memcpy(a->vars, vars, sizeof vars);
}

void sp_doc_area_env(sp_doc_area *a, sp_doc_state *st, sp_template_env *env,
                     const sp_context *ctx, size_t i, const char *tpath)
{
    area_init(a, ctx, i);
    *st = (sp_doc_state){.ctx = ctx, .area_key = a->key};
    sp_used_ids_init(&st->used);
    sp_doc_env(env, st, tpath);
    env->region_slug = a->region_slug;
    env->vars = a->vars;
}

void sp_doc_area_clear(sp_doc_area *a)
{
    g_free(a->region_slug);
    a->region_slug = NULL;
    g_free(a->headline);
    a->headline = NULL;
    g_free(a->summary);
    a->summary = NULL;
}

char *sp_doc_area_file_slug(GHashTable *slugs, const char *name, const char *code)
{
    char *slug = sp_profile_slug(name, code);
    if (g_hash_table_contains(slugs, slug)) {
        char *k = sp_slug(code), *both = g_strdup_printf("%s-%s", slug, k);
        g_free(slug);
        g_free(k);
        slug = both;
    }
    g_hash_table_add(slugs, g_strdup(slug));
    return slug;
}
