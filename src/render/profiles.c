/* profiles.c: one A4 page per area from templates/area-profile.md, written
 * to <dir>/<name>_<code>.pdf (sp_profile_slug) and, all together, to one combined PDF with an
 * outline entry per area.
 *
 * Design choice: the template is read once and each area's blocks are built
 * once, then laid out on the single-file surface and the combined surface
 * in the same pass; Pango's font map is shared by every layout, so a page
 * costs little more than its text. */
#include "sendpack/briefing.h"

#include "briefing_doc.h"
#include "sendpack/date.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

/* The first n bytes of hex SHA-256 of s. */
static char *short_hash(const char *s, size_t n)
{
    char *h = g_compute_checksum_for_string(G_CHECKSUM_SHA256, s, -1);
    h[MIN(n, strlen(h))] = '\0';
    return h;
}

char *sp_profile_slug(const char *name, const char *code)
{
    char *full = sp_slug(name ? name : "");
    GString *out = g_string_new(NULL);
    /* the name, cut at a word boundary to SP_PROFILE_NAME_MAX bytes */
    g_string_append_len(out, full, MIN(strlen(full), SP_PROFILE_NAME_MAX));
    if (strlen(full) > SP_PROFILE_NAME_MAX) {
        char *dash = strrchr(out->str, '-');
        if (dash && dash > out->str)
            g_string_truncate(out, (gsize)(dash - out->str));
    }
    if (!out->len)
        g_string_append(out, "area");
    if (code && *code) {
        /* _ never occurs in a slug, so it ends the name; the code is kept
         * letter for letter ([a-z0-9], anything else as -XX), so two codes
         * never give one file */
        GString *c = g_string_new(NULL);
        for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
            if (g_ascii_isalnum(*p))
                g_string_append_c(c, (char)g_ascii_tolower(*p));
            else
                g_string_append_printf(c, "-%02x", *p);
        }
        if (c->len > SP_PROFILE_CODE_MAX) {
            char *lower = g_ascii_strdown(code, -1), *h = short_hash(lower, 12);
            g_string_truncate(c, SP_PROFILE_CODE_MAX - 13);
            g_string_append_printf(c, "-%s", h);
            g_free(h);
            g_free(lower);
        }
        g_string_append_printf(out, "_%s", c->str);
        g_string_free(c, TRUE);
    } else if (strlen(full) > SP_PROFILE_NAME_MAX || !*full) {
        /* no code: the area is its name; a cut name gets a hash of the whole */
        char *h = short_hash(*full ? full : (name ? name : ""), 16);
        g_string_append_printf(out, "__%s", h);
        g_free(h);
    }
    g_free(full);
    return g_string_free(out, FALSE);
}

/* tight: the narrower margins of a profile that fills its page even with
 * the smallest charts (a long name and every kind of data) */
static void profile_style(const sp_context *ctx, sp_layout_style *st, const char *footer,
                          int page, bool tight)
{
    sp_layout_style_init(st);
    st->margin_top = tight ? 54 : 62;
    st->margin_bottom = tight ? 48 : 56;
    st->body_pt = 11;
    st->chart_aspect = 0.42;
    st->header_left = "Area SEND profile";
    st->footer_left = footer;
    st->page_offset = page;
    (void)ctx;
}

static cairo_surface_t *open_pdf(const char *path, const char *title, const sp_context *ctx,
                                 sp_diags *diags)
{
    cairo_surface_t *pdf = sp_pdf_surface_for_tagging(SP_A4_WIDTH, SP_A4_HEIGHT);
    if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, path, 0, 0, "cannot write the profile: %s",
                       cairo_status_to_string(cairo_surface_status(pdf)));
        cairo_surface_destroy(pdf);
        return NULL;
    }
    char date[32];
    sp_date_long(ctx->figs->as_at, date, sizeof date);
    char *subject = g_strdup_printf("Area SEND inspection profile: data as at %s", date);
    sp_pdf_set_metadata(pdf, title, ctx->settings ? ctx->settings->author : NULL, subject,
                        "SEND; area SEND inspection; local area profile; Ofsted; CQC",
                        ctx->figs->as_at);
    g_free(subject);
    sp_pdf_notes_attach(pdf);
    return pdf;
}

static int close_pdf(cairo_surface_t *pdf, const char *path, sp_diags *diags)
{
    sp_pdf_notes *notes = sp_pdf_notes_of(pdf);
    int rc = sp_pdf_finish_tagged(pdf, path, "en-GB", diags);
    cairo_surface_destroy(pdf);
    sp_pdf_notes_free(notes);
    return rc;
}

/* Lay one area's blocks out on cr (page 1 of its own file; may be NULL)
 * and, when all_cr is set, on the combined file from page all_page, in one
 * pass. Returns the pages used. */
static int lay_out(const sp_context *ctx, cairo_t *cr, cairo_t *all_cr, int all_page,
                   const sp_blocks *blocks, const char *footer, sp_diags *diags)
{
    sp_layout_style st;
    /* the largest charts that keep the profile on one page: measure first;
     * the text is shaped once, in the first pass, and every later pass
     * (only the charts' height or the margins change) takes it over. Only
     * when the smallest charts still leave it on two pages are the margins
     * made narrower, and the charts tried again from the largest. */
    static const double aspects[] = {0.62, 0.52, 0.42, 0.34, 0.28, 0.23, 0.19, 0.16};
    enum { N_ASPECTS = G_N_ELEMENTS(aspects) };
    sp_layout *shaped = NULL;
    for (size_t i = 0; i < 2 * N_ASPECTS; i++) {
        profile_style(ctx, &st, footer, 1, i >= N_ASPECTS);
        st.chart_aspect = aspects[i % N_ASPECTS];
        sp_diags quiet = {0};
        sp_layout *m = sp_layout_new(NULL, &st, ctx);
        if (shaped) {
            sp_layout_take_cache(m, shaped);
            sp_layout_free(shaped);
        }
        sp_layout_blocks(m, blocks, 0, &quiet);
        int n = sp_layout_finish(m);
        shaped = m;
        sp_diags_free(&quiet);
        if (n <= 1)
            break;
    }
    sp_layout *l = sp_layout_new(cr, &st, ctx);
    if (shaped) {
        sp_layout_take_cache(l, shaped);
        sp_layout_free(shaped);
    }
    if (all_cr)
        sp_layout_mirror(l, all_cr, all_page);
    sp_layout_blocks(l, blocks, 0, diags);
    int pages = sp_layout_finish(l);
    sp_layout_free(l);
    return pages;
}

int sp_profiles_write(const sp_context *ctx, const char *dir, const char *combined_path,
                      sp_diags *diags)
{
    return sp_profiles_write_part(ctx, dir, combined_path, 0, SIZE_MAX, diags);
}

int sp_profiles_write_part(const sp_context *ctx, const char *dir, const char *combined_path,
                           size_t from, size_t to, sp_diags *diags)
{
    char *tpath = NULL, *text = NULL;
    int rc = sp_doc_read_template(ctx, "area-profile.md", &tpath, &text, diags);
    if (rc) {
        g_free(tpath);
        return rc;
    }
    if (dir && g_mkdir_with_parents(dir, 0777) != 0) {
        sp_diags_error(diags, dir, 0, 0, "cannot create the profiles folder");
        g_free(tpath);
        g_free(text);
        return 1;
    }
    const sp_figures *fg = ctx->figs;
    char date[32];
    sp_date_long(fg->as_at, date, sizeof date);
    bool illus = ctx->settings && ctx->settings->illustrative;
    char *footer = g_strdup_printf("%sData as at %s.",
                                   illus ? "Illustrative data: not official statistics. " : "",
                                   date);
    cairo_surface_t *all = NULL;
    cairo_t *all_cr = NULL;
    if (combined_path) {
        char *parent = g_path_get_dirname(combined_path);
        g_mkdir_with_parents(parent, 0777);
        g_free(parent);
        all = open_pdf(combined_path, "Area SEND profiles", ctx, diags);
        if (!all)
            rc = 1;
        else
            all_cr = cairo_create(all);
    }
    int page = 1;
    /* the combined file holds every area, so it starts from the first */
    for (size_t i = all ? 0 : from; i < fg->n_areas && (all || i < to) && rc != 2; i++) {
        const char *name = fg->areas[i].name;
        sp_doc_area area;
        sp_doc_state st;
        sp_template_env env;
        /* the area's own charts (chart:area-context) draw ctx->area_key */
        sp_context actx = *ctx;
        actx.area_key = fg->areas[i].slug;
        sp_doc_area_env(&area, &st, &env, &actx, i, tpath);
        sp_blocks *blocks = sp_blocks_new();
        int r = sp_doc_blocks(&st, &env, text, blocks, diags);
        if (r) {
            rc = r;
        } else if (!dir || i < from || i >= to) {
            page += lay_out(&actx, NULL, all_cr, page, blocks, footer, diags);
        } else {
            char *slug = sp_profile_slug(name, area.code);
            char *file = g_strdup_printf("%s.pdf", slug);
            char *path = g_build_filename(dir, file, NULL);
            cairo_surface_t *one = open_pdf(path, name, ctx, diags);
            if (one) {
                cairo_t *cr = cairo_create(one);
                page += lay_out(&actx, cr, all_cr, page, blocks, footer, diags);
                cairo_destroy(cr);
                if (close_pdf(one, path, diags))
                    rc = 1;
            } else {
                rc = 1;
            }
            g_free(path);
            g_free(file);
            g_free(slug);
        }
        sp_blocks_free(blocks);
        sp_used_ids_clear(&st.used);
        sp_doc_area_clear(&area);
        if (ctx->progress)
            ctx->progress(ctx->progress_user, "areas", i + 1, fg->n_areas);
    }
    if (all) {
        cairo_destroy(all_cr);
        if (close_pdf(all, combined_path, diags) && !rc)
            rc = 1;
    }
    g_free(footer);
    g_free(text);
    g_free(tpath);
    return rc;
}
