/* build.c: one publication run, the pipeline of DESIGN.md (publish.h):
 * load -> figures -> context -> renderers into staging -> figures files,
 * revisions, manifest -> fsync -> atomic swap.
 *
 * Design choice: everything that can be checked without writing (inputs,
 * the target folder, the previous publication) is checked first, so bad
 * input writes nothing at all; after that every write goes into the staging
 * folder, and any failure discards it. Renderers return 0, 1 (write
 * failure) or 2 (bad input such as a template error), and the build returns
 * the same codes. */
#define _DEFAULT_SOURCE /* realpath */
#include "sendpack/publish.h"

#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "sendpack/briefing.h"
#include "sendpack/chart.h"
#include "sendpack/site.h"
#include "sendpack/text.h"
#include "sendpack/workbook.h"
#include "staging.h"
#include "workers.h"

const char *sp_build_step_name(sp_build_step step)
{
    static const char *const names[] = {"", "inputs loaded", "figures computed",
        "staging created", "charts", "briefing", "profiles", "workbook", "figures files",
        "manifest", "swapped", "done"};
    return step >= 1 && step <= SP_STEP_N ? names[step] : "";
}

typedef struct {
    const sp_build_hooks *hooks;
} run_state;

static void step_done(const run_state *st, sp_build_step step)
{
    if (st->hooks && st->hooks->step)
        st->hooks->step(st->hooks->step_user, step);
}

static void swap_step(void *user, int which)
{
    step_done(user, which == 0 ? SP_STEP_SWAPPED : SP_STEP_DONE);
}

/* The same folder, however it is spelt ("out", "./out/", "/abs/out"). */
static bool same_folder(const char *a, const char *b)
{
    char *ca = g_canonicalize_filename(a, NULL), *cb = g_canonicalize_filename(b, NULL);
    bool same = strcmp(ca, cb) == 0;
    g_free(ca);
    g_free(cb);
    return same;
}

/* Compare with the previous publication's figures.json, if one is named.
 * Returns 0 (revisions may stay NULL: no previous publication yet) or 2. */
static int compare_previous(const sp_settings *s, const char *target, const char *figures_json,
                            sp_revisions **revisions, sp_diags *diags)
{
    *revisions = NULL;
    if (!s->previous_dir)
        return 0;
    /* previous = out: on the very first run there is nothing to compare with. */
    if (!g_file_test(s->previous_dir, G_FILE_TEST_EXISTS) && same_folder(s->previous_dir, target)) {
        /* No folder name: the manifest lists warnings and must not depend on it. */
        sp_diags_warning(diags, NULL, 0, 0,
                         "no previous publication yet (the output folder is new): "
                         "revisions.csv not written");
        return 0;
    }
    if (!g_file_test(s->previous_dir, G_FILE_TEST_IS_DIR)) {
        sp_diags_error(diags, NULL, 0, 0, "previous publication folder %s not found",
                       s->previous_dir);
        return 2;
    }
    char *path = g_build_filename(s->previous_dir, "figures.json", NULL);
    int rc = 0;
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        sp_diags_warning(diags, NULL, 0, 0,
                         "no figures.json in the previous publication %s: revisions.csv not written",
                         s->previous_dir);
    } else {
        char *old = NULL;
        GError *err = NULL;
        if (!g_file_get_contents(path, &old, NULL, &err)) {
            sp_diags_error(diags, path, 0, 0, "cannot read: %s", err->message);
            g_error_free(err);
            rc = 2;
        } else {
            *revisions = sp_revisions_compare(old, path, figures_json, "figures.json", diags);
            rc = *revisions ? 0 : 2;
        }
        g_free(old);
    }
    g_free(path);
    return rc;
}

/* The templates the build will read must be there before anything is
 * written; the message says how to point at them. Returns 0 or 2. */
static int check_templates(const sp_settings *s, sp_diags *diags)
{
    const char *names[] = {s->make_briefing || s->make_site ? "briefing.md" : NULL,
                           s->make_profiles || s->make_site ? "area-profile.md" : NULL};
    int rc = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (!names[i])
            continue;
        char *p = g_build_filename(s->templates_dir ? s->templates_dir : "templates", names[i],
                                   NULL);
        if (!g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
            sp_diags_error(diags, p, 0, 0,
                           "template not found: name the templates folder with --templates DIR "
                           "(or templates = DIR in the config's [outputs])");
            rc = 2;
        }
        g_free(p);
    }
    return rc;
}

/* path lies inside folder (symbolic links resolved); false when either is
 * missing, since nothing can be inside a folder that does not exist. */
static bool inside(const char *path, const char *folder)
{
    char *rf = realpath(folder, NULL), *rp = rf && path ? realpath(path, NULL) : NULL;
    size_t n = rf ? strlen(rf) : 0;
    bool in = rp && strncmp(rp, rf, n) == 0 && rp[n] == '/';
    free(rf);
    free(rp);
    return in;
}

/* An error (counted in *rc = 2) when what, at path, is inside target. */
static void refuse_inside(const char *what, const char *path, const char *target, int *rc,
                          sp_diags *diags)
{
    if (!path || !inside(path, target))
        return;
    sp_diags_error(diags, NULL, 0, 0,
                   "%s %s is inside the output folder %s, which this build replaces as a whole: "
                   "move it out first", what, path, target);
    *rc = 2;
}

/* The swap deletes everything in the old target: refuse a build that still
 * needs something kept there (the previous publication when it is not the
 * target itself, the config, an input, the templates). Returns 0 or 2. */
static int check_nothing_inside(const sp_settings *s, const sp_inputs *in, const char *target,
                                sp_diags *diags)
{
    int rc = 0;
    refuse_inside("the previous publication", s->previous_dir, target, &rc, diags);
    refuse_inside("the config file", s->config_path, target, &rc, diags);
    if (s->make_briefing || s->make_profiles || s->make_site)
        refuse_inside("the templates folder", s->templates_dir, target, &rc, diags);
    const char *files[] = {in->funding, in->interventions, in->areas, in->sen2};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
        refuse_inside("the input", files[i], target, &rc, diags);
    for (size_t i = 0; i < in->n_inspections; i++)
        refuse_inside("the input", in->inspections[i], target, &rc, diags);
    return rc;
}

/* Problems found while writing name the files where the user will find
 * them, in the output folder, not in the staging folder that held them. */
static void name_target_not_staging(sp_diags *d, size_t from, const char *staging,
                                    const char *target)
{
    for (size_t i = from; staging && i < d->n; i++) {
        if (d->items[i].file) {
            GString *f = g_string_new(d->items[i].file);
            g_string_replace(f, staging, target, 0);
            g_free(d->items[i].file);
            d->items[i].file = g_string_free(f, FALSE);
        }
        GString *m = g_string_new(d->items[i].message);
        g_string_replace(m, staging, target, 0);
        g_free(d->items[i].message);
        d->items[i].message = g_string_free(m, FALSE);
    }
}

/* A renderer's return code, with a diag guaranteed when it failed. */
static int checked(int rc, const char *what, size_t errors_before, sp_diags *diags)
{
    if (rc != 0 && sp_diags_count(diags, SP_DIAG_ERROR) == errors_before)
        sp_diags_error(diags, NULL, 0, 0, "writing the %s failed", what);
    return rc == 0 ? 0 : rc == 2 ? 2 : 1;
}

/* Create staging/<name> for a renderer; remove it afterwards if left empty. */
static char *subdir(const char *staging, const char *name, sp_diags *diags)
{
    char *p = g_build_filename(staging, name, NULL);
    if (g_mkdir_with_parents(p, 0755) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot create %s: %s", p, g_strerror(errno));
        g_free(p);
        return NULL;
    }
    return p;
}

static void drop_if_empty(char *dir)
{
    if (dir)
        g_rmdir(dir); /* fails, harmlessly, when not empty */
    g_free(dir);
}

/* One renderer, or part of one, as a task for workers.h. */
typedef enum { T_CHARTS, T_CHART, T_BRIEFING, T_PROFILES, T_WORKBOOK, T_SITE } task_kind;

typedef struct {
    task_kind kind;
    sp_build_step step;  /* reported when this is the last task of its step */
    bool singles, combined; /* profiles: the areas' own files, areas.pdf */
    size_t from, to;        /* profiles: the areas with their own files */
    bool xlsx, ods;         /* workbook: the files this task writes */
    bool rest;              /* site: every page but the areas' (from..to) */
    size_t chart;           /* T_CHART: the chart's index (sp_chart_id) */
    bool progress;          /* may report progress (one task per renderer) */
} task;

typedef struct {
    const sp_context *ctx;
    const char *staging;
    const run_state *st;
    GArray *tasks;       /* task */
    bool here;           /* run in this process, in order (--jobs 1) */
    sp_build_step next;  /* the first renderer step not reported yet */
} task_list;

/* Report every renderer step up to last not reported yet. */
static void steps_through(task_list *tl, sp_build_step last)
{
    for (; tl->next <= last; tl->next++)
        step_done(tl->st, tl->next);
}

/* What a task makes, for the hooks' task times: "briefing", "chart
 * wsoa-by-region", "profiles areas.pdf", "web pages, areas 0-24", ... */
static char *task_name(const task *t)
{
    bool part = t->to != SIZE_MAX;
    switch (t->kind) {
    case T_CHARTS: return g_strdup("charts");
    case T_CHART: return g_strdup_printf("chart %s", sp_chart_id(t->chart));
    case T_BRIEFING: return g_strdup("briefing");
    case T_PROFILES:
        if (t->combined)
            return g_strdup(t->singles ? "profiles" : "profiles areas.pdf");
        return g_strdup_printf("profiles, areas %zu-%zu", t->from, t->to);
    case T_WORKBOOK:
        return g_strdup(t->xlsx && t->ods ? "workbook" : t->xlsx ? "workbook xlsx" : "workbook ods");
    case T_SITE:
        if (t->rest)
            return g_strdup(part ? "web pages but the areas'" : "web pages");
        return g_strdup_printf("web pages, areas %zu-%zu", t->from, t->to);
    }
    return g_strdup("?");
}

/* The time since began, as a task's time for the hooks
 * (SENDPACK_STEP_TIMES): each renderer's task, and the manifest step's two
 * parts, the listing and the flush to disk, which grow differently with
 * the number of files. */
static void part_time(const run_state *st, const char *name, gint64 began)
{
    const sp_build_hooks *h = st->hooks;
    if (h && h->task)
        h->task(h->step_user, name, (double)(g_get_monotonic_time() - began) / 1000);
}

static int run_task(void *user, size_t i, sp_diags *diags)
{
    task_list *tl = user;
    const task *t = &g_array_index(tl->tasks, task, i);
    sp_context c = *tl->ctx;
    if (!t->progress)
        c.progress = NULL;
    const sp_context *ctx = &c;
    const sp_settings *s = ctx->settings;
    const char *staging = tl->staging;
    size_t before = sp_diags_count(diags, SP_DIAG_ERROR), first = diags->n;
    int rc = 0;
    if (tl->here)
        steps_through(tl, t->step - 1);
    gint64 began = g_get_monotonic_time();
    switch (t->kind) {
    case T_CHARTS: {
        char *dir = subdir(staging, "charts", diags);
        rc = dir ? checked(sp_charts_write(ctx, dir, diags), "charts", before, diags) : 1;
        drop_if_empty(dir);
        break;
    }
    case T_CHART: {
        char *dir = subdir(staging, "charts", diags);
        rc = dir ? checked(sp_chart_write(ctx, dir, sp_chart_id(t->chart), diags) ? 1 : 0,
                           "charts", before, diags)
                 : 1;
        g_free(dir);
        break;
    }
    case T_BRIEFING: {
        char *pdf = g_build_filename(staging, "briefing.pdf", NULL);
        rc = checked(sp_briefing_write(ctx, pdf, diags), "briefing", before, diags);
        g_free(pdf);
        break;
    }
    case T_PROFILES: {
        char *dir = t->singles ? subdir(staging, "areas", diags) : NULL;
        char *pdf = t->combined ? g_build_filename(staging, "areas.pdf", NULL) : NULL;
        rc = dir || !t->singles
                 ? checked(sp_profiles_write_part(ctx, dir, pdf, t->from, t->to, diags),
                           "area profiles", before, diags)
                 : 1;
        if (dir && t->from == 0 && t->to == SIZE_MAX)
            drop_if_empty(dir);
        else
            g_free(dir);
        g_free(pdf);
        /* a part with the areas' own files only repeats the warnings that
         * the part with areas.pdf gives for every area: keep the errors */
        if (!t->combined) {
            size_t k = first;
            for (size_t j = first; j < diags->n; j++) {
                if (diags->items[j].level == SP_DIAG_WARNING) {
                    g_free(diags->items[j].file);
                    g_free(diags->items[j].message);
                } else {
                    diags->items[k++] = diags->items[j];
                }
            }
            diags->n = k;
        }
        break;
    }
    case T_WORKBOOK: {
        const char *name = s->workbook_name ? s->workbook_name : "sendpack.xlsx";
        char *xlsx_name = sp_workbook_name_as(name, ".xlsx");
        char *ods_name = sp_workbook_name_as(name, ".ods");
        char *xlsx = t->xlsx ? g_build_filename(staging, xlsx_name, NULL) : NULL;
        char *ods = t->ods ? g_build_filename(staging, ods_name, NULL) : NULL;
        rc = checked(sp_workbook_write_files(ctx, xlsx, ods, diags), "workbook", before, diags);
        g_free(xlsx_name);
        g_free(ods_name);
        g_free(xlsx);
        g_free(ods);
        break;
    }
    case T_SITE: {
        char *dir = subdir(staging, "site", diags);
        rc = dir ? checked(sp_site_write_part(ctx, dir, t->from, t->to, t->rest, diags),
                           "web pages", before, diags)
                 : 1;
        g_free(dir);
        break;
    }
    }
    char *name = task_name(t);
    part_time(tl->st, name, began);
    g_free(name);
    /* In this process the build's steps are reported as each is done (the
     * tests stop a build after any of them); workers report nothing. */
    if (tl->here && !rc && (i + 1 == tl->tasks->len ||
                            g_array_index(tl->tasks, task, i + 1).step != t->step))
        steps_through(tl, t->step);
    return rc;
}

static void add_task(GArray *tasks, task t) { g_array_append_val(tasks, t); }

/* The areas' own files of one renderer as parts, one task each (like, with
 * from..to set): three per process, at least eight areas a part. */
static void add_area_parts(GArray *tasks, task like, size_t n_areas, int jobs)
{
    size_t parts = MIN((size_t)jobs * 3, MAX(n_areas / 8, 1));
    for (size_t p = 0; p < parts; p++) {
        like.from = n_areas * p / parts;
        like.to = n_areas * (p + 1) / parts;
        add_task(tasks, like);
    }
}

/* The renderers as tasks, in the order they run with --jobs 1. With more
 * processes each chart is a task, the profiles are split (areas.pdf, then
 * the areas' own files in parts) and the XLSX and ODS workbooks are two. */
static GArray *renderer_tasks(const sp_context *ctx, int jobs)
{
    const sp_settings *s = ctx->settings;
    GArray *tasks = g_array_new(FALSE, TRUE, sizeof(task));
    bool split = jobs > 1;
    if (s->make_charts && !split) {
        add_task(tasks, (task){.kind = T_CHARTS, .step = SP_STEP_CHARTS, .progress = true});
    } else if (s->make_charts) {
        for (size_t i = 0; i < sp_chart_count(); i++)
            if (sp_chart_available(ctx, sp_chart_id(i)))
                add_task(tasks, (task){.kind = T_CHART, .step = SP_STEP_CHARTS, .chart = i});
    }
    if (s->make_briefing)
        add_task(tasks, (task){.kind = T_BRIEFING, .step = SP_STEP_BRIEFING, .progress = true});
    if (s->make_profiles && !split) {
        add_task(tasks, (task){.kind = T_PROFILES, .step = SP_STEP_PROFILES, .singles = true,
                               .combined = true, .from = 0, .to = SIZE_MAX, .progress = true});
    } else if (s->make_profiles) {
        add_task(tasks, (task){.kind = T_PROFILES, .step = SP_STEP_PROFILES, .combined = true,
                               .from = 0, .to = 0, .progress = true});
        add_area_parts(tasks, (task){.kind = T_PROFILES, .step = SP_STEP_PROFILES, .singles = true},
                       ctx->figs->n_areas, jobs);
    }
    if (s->make_workbook) {
        bool xlsx = s->workbook_format != SP_WORKBOOK_ODS, ods = s->workbook_format != SP_WORKBOOK_XLSX;
        if (split && xlsx && ods) {
            add_task(tasks, (task){.kind = T_WORKBOOK, .step = SP_STEP_WORKBOOK, .xlsx = true});
            add_task(tasks, (task){.kind = T_WORKBOOK, .step = SP_STEP_WORKBOOK, .ods = true});
        } else {
            add_task(tasks, (task){.kind = T_WORKBOOK, .step = SP_STEP_WORKBOOK, .xlsx = xlsx,
                                   .ods = ods, .progress = true});
        }
    }
    /* The web pages link to the files above, so they come after them; they
     * belong to the workbook step so the step numbers stay as they were. */
    if (s->make_site && !split) {
        add_task(tasks, (task){.kind = T_SITE, .step = SP_STEP_WORKBOOK, .progress = true,
                               .rest = true, .from = 0, .to = SIZE_MAX});
    } else if (s->make_site) {
        /* the pages that link to the others, then the areas' pages in parts */
        add_task(tasks, (task){.kind = T_SITE, .step = SP_STEP_WORKBOOK, .progress = true,
                               .rest = true});
        add_area_parts(tasks, (task){.kind = T_SITE, .step = SP_STEP_WORKBOOK},
                       ctx->figs->n_areas, jobs);
    }
    return tasks;
}

/* How large a task is, roughly: 0 for areas.pdf (as long as all the areas'
 * own files together), 1 for another whole file (briefing, workbook, the
 * web pages that link to the rest), 2 for a part of the areas' files, 3
 * for a chart. */
static int size_class(const task *t)
{
    switch (t->kind) {
    case T_CHART:
        return 3;
    case T_PROFILES:
        return t->singles ? 2 : 0;
    case T_SITE:
        return t->rest ? 1 : 2;
    default:
        return 1;
    }
}

/* The order the worker processes take the tasks in (their problems are
 * still reported in task order): the largest first and the charts, the
 * smallest, last, so the processes run out of work at about the same time
 * instead of one finishing a large task while the other waits. */
static size_t *start_order(const GArray *tasks)
{
    size_t *order = g_new(size_t, tasks->len ? tasks->len : 1), k = 0;
    for (int c = 0; c <= 3; c++)
        for (guint i = 0; i < tasks->len; i++)
            if (size_class(&g_array_index(tasks, task, i)) == c)
                order[k++] = i;
    return order;
}

/* fontconfig reads its configuration (dozens of XML files: some 30 M
 * instructions, more than reading Ofsted's table and counting the figures)
 * the first time a font is asked for. A thread of its own starts that
 * while the inputs are read and the figures counted, on a processor they
 * leave idle; fonts_ready() waits for it before anything draws or forks. */
static gpointer load_font_config(gpointer unused)
{
    (void)unused;
    FcInit();
    return NULL;
}

static GThread *font_loader;

static void fonts_start(const sp_settings *s)
{
    if (!font_loader && (s->make_charts || s->make_briefing || s->make_profiles || s->make_site))
        font_loader = g_thread_new("fonts", load_font_config, NULL);
}

static void fonts_ready(void)
{
    if (font_loader)
        g_thread_join(font_loader);
    font_loader = NULL;
}

/* Load fontconfig's configuration and the house font once, before the
 * worker processes are forked, so each inherits them instead of reading
 * them again. */
static void warm_fonts(void)
{
    PangoContext *pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    for (int bold = 0; bold <= 1; bold++) {
        PangoLayout *l = sp_text_layout(pc, "Area SEND 0123456789", 10, bold, 0);
        sp_text_size(l, NULL, NULL);
        g_object_unref(l);
    }
    g_object_unref(pc);
}

/* Wait (at most two seconds) until no thread but ours runs: Pango reads
 * fontconfig's configuration in a thread of its own, and a fork while any
 * other thread holds a lock (the allocator's, under AddressSanitizer) leaves
 * the child waiting on it for ever. Ours are the main thread and the signal
 * watcher ("signals"). */
static void wait_for_library_threads(void)
{
    for (int tries = 0; tries < 2000; tries++) {
        GDir *d = g_dir_open("/proc/self/task", 0, NULL);
        if (!d)
            return;
        int others = 0;
        const char *tid;
        char self[32];
        g_snprintf(self, sizeof self, "%d", (int)getpid());
        while ((tid = g_dir_read_name(d))) {
            if (strcmp(tid, self) == 0)
                continue;
            char *path = g_strdup_printf("/proc/self/task/%s/comm", tid), *comm = NULL;
            if (g_file_get_contents(path, &comm, NULL, NULL) && !g_str_has_prefix(comm, "signals"))
                others++;
            g_free(comm);
            g_free(path);
        }
        g_dir_close(d);
        if (!others)
            return;
        g_usleep(1000);
    }
}

static int run_renderers(const sp_context *ctx, const char *staging, const run_state *st,
                         const sp_meanwhile *meanwhile, sp_diags *diags)
{
    int jobs = sp_tasks_jobs(ctx->settings->jobs);
    fonts_ready();
    if (jobs > 1) {
        warm_fonts();
        wait_for_library_threads();
    }
    task_list tl = {ctx, staging, st, renderer_tasks(ctx, jobs), jobs <= 1, SP_STEP_CHARTS};
    size_t *start = start_order(tl.tasks);
    int rc = sp_tasks_run(tl.tasks->len, start, jobs, run_task, &tl, meanwhile, diags);
    g_free(start);
    g_array_free(tl.tasks, TRUE);
    if (!rc)
        steps_through(&tl, SP_STEP_WORKBOOK);
    return rc;
}

static int write_in(const char *staging, const char *name, const char *text, sp_diags *diags)
{
    char *p = g_build_filename(staging, name, NULL);
    int rc = sp_file_write(p, text, strlen(text), diags);
    g_free(p);
    return rc;
}

/* write_in for the large files, their checksums kept for the manifest. */
static int write_noted(const char *staging, const char *name, const char *text, size_t len,
                       sp_diags *diags)
{
    char *p = g_build_filename(staging, name, NULL);
    int rc = sp_file_write_noted(p, text, len, diags);
    g_free(p);
    return rc;
}

/* A figures file written as it is made, in pieces (never whole in memory). */
static int write_figures(const char *staging, const char *name, const sp_figures *figs,
                         sp_figures_format format, sp_diags *diags)
{
    char *p = g_build_filename(staging, name, NULL);
    sp_file_out *o = sp_file_out_open(p, diags);
    g_free(p);
    if (!o)
        return 1;
    sp_figures_write(figs, format, sp_file_out_write, o);
    return sp_file_out_close(o, diags);
}

typedef struct {
    const char *staging;
    const sp_figures *figs;
    sp_diags diags;
    int rc;
} csv_job;

static gpointer write_csv(gpointer user)
{
    csv_job *j = user;
    j->rc = write_figures(j->staging, "figures.csv", j->figs, SP_FIGURES_CSV, &j->diags);
    return NULL;
}

/* figures.json from the text made for the comparison with the previous
 * publication, if it was made (json), else written as it is made; and
 * figures.csv at the same time, in a thread of its own (each is a pass
 * over the same figures, read only: at 2.6 million figures, 1.4 GB and
 * 1.1 GB, ten seconds one after the other). */
static int write_records(const char *staging, const char *json, const sp_figures *figs,
                         const sp_revisions *revisions, sp_diags *diags)
{
    csv_job job = {staging, figs, {0}, 0};
    GThread *csv = g_thread_try_new("figures.csv", write_csv, &job, NULL);
    if (!csv)
        write_csv(&job);
    int rc = json ? write_noted(staging, "figures.json", json, strlen(json), diags)
                  : write_figures(staging, "figures.json", figs, SP_FIGURES_JSON, diags);
    if (csv)
        g_thread_join(csv);
    sp_diags_take(diags, &job.diags);
    if (!rc)
        rc = job.rc;
    if (!rc && revisions) {
        char *rev = sp_revisions_csv(revisions);
        rc = write_in(staging, "revisions.csv", rev, diags);
        g_free(rev);
    }
    return rc;
}

/* figures.json, figures.csv and revisions.csv, written by this process
 * while the worker processes run the renderers (sp_tasks_run's meanwhile),
 * with its problems kept apart so that they follow the renderers'. Then,
 * until the renderers end, what they have written so far is handed to the
 * disk every tenth of a second, so the publication's last flush (at x100,
 * 417 MB) waits for the little written since instead of for all of it. */
typedef struct {
    const char *staging, *json;
    const sp_figures *figs;
    const sp_revisions *revisions;
    sp_diags diags;
    GMutex lock;
    GCond cond;
    bool ended;    /* the renderers have ended */
    int flush_err; /* errno of a failed write-back seen while flushing */
} records_job;

static void records_tasks_ended(void *user)
{
    records_job *j = user;
    g_mutex_lock(&j->lock);
    j->ended = true;
    g_cond_signal(&j->cond);
    g_mutex_unlock(&j->lock);
}

static int records_meanwhile(void *user)
{
    records_job *j = user;
    int rc = write_records(j->staging, j->json, j->figs, j->revisions, &j->diags);
    int fd = open(j->staging, O_RDONLY | O_DIRECTORY);
    g_mutex_lock(&j->lock);
    while (fd >= 0 && !j->ended && !j->flush_err) {
        g_mutex_unlock(&j->lock);
        int e = sp_tree_flush(fd);
        g_mutex_lock(&j->lock);
        j->flush_err = e;
        if (!j->ended)
            g_cond_wait_until(&j->cond, &j->lock,
                              g_get_monotonic_time() + 100 * G_TIME_SPAN_MILLISECOND);
    }
    g_mutex_unlock(&j->lock);
    if (fd >= 0)
        close(fd);
    if (j->flush_err) {
        sp_diags_error(&j->diags, NULL, 0, 0, "cannot flush %s to disk: %s", j->staging,
                       g_strerror(j->flush_err));
        rc = rc ? rc : 1;
    }
    return rc;
}

/* manifest.json; n_files: the files of the new publication (for the
 * summary line), the ones it lists and itself. */
static int write_manifest(const run_state *st, const sp_settings *s, const sp_dataset *ds,
                          sp_date as_at, const char *staging, size_t *n_files, sp_diags *diags)
{
    gint64 began = g_get_monotonic_time();
    sp_diags errors = {0};
    size_t listed = 0;
    char *manifest = sp_manifest_json(s, ds, as_at, staging, diags, &errors, &listed);
    *n_files = listed + 1;
    sp_diags_take(diags, &errors);
    int rc = manifest ? write_in(staging, "manifest.json", manifest, diags) : 1;
    g_free(manifest);
    part_time(st, "manifest: files listed and checksummed", began);
    if (rc)
        return rc;
    began = g_get_monotonic_time();
    rc = sp_tree_sync(staging, diags);
    part_time(st, "manifest: flushed to disk", began);
    return rc;
}

/* What a build for a process about to exit leaves to the exit (hooks'
 * exiting): held here, so a leak checker sees it still reachable (volatile:
 * an optimising compiler drops stores to a static nothing reads, and
 * valgrind then called the figures lost). */
static const void *volatile left_to_exit[2];

int sp_publish_build(const sp_settings *s, const sp_inputs *in, const sp_build_hooks *hooks,
                     sp_build_result *result, sp_diags *diags)
{
    run_state st = {hooks};
    sp_dataset *ds = NULL;
    sp_figures *figs = NULL;
    sp_revisions *revisions = NULL;
    char *json = NULL, *staging = NULL;
    int rc = 0, lock_fd = -1;
    size_t first_staging_diag = 0;
    if (result)
        *result = (sp_build_result){0};

    char *target = sp_staging_target(s->out_dir, diags);
    if (!target)
        return 2;
    if ((rc = check_nothing_inside(s, in, target, diags)) != 0 ||
        (rc = check_templates(s, diags)) != 0 ||
        (rc = sp_staging_check_unlisted(target, s->replace_unlisted, diags)) != 0)
        goto done;
    fonts_start(s);
    ds = sp_load(in, diags);
    if (sp_diags_count(diags, SP_DIAG_ERROR) > 0 || sp_publish_check_data(s, ds, diags) != 0 ||
        (s->make_workbook && sp_workbook_check_limits(ds, 0, diags) != 0)) {
        rc = 2;
        goto done;
    }
    step_done(&st, SP_STEP_LOADED);

    /* Held from before the previous publication is read until the end. */
    if ((rc = sp_staging_lock(target, &lock_fd, diags)) != 0)
        goto done;
    /* lean: the pages list the records of the briefing's figures, not of
     * every area's (sp_explain counts those again if a template asks) */
    figs = sp_figures_compute_lean(ds, s->as_at, s->first_n);
    if (s->make_workbook && (rc = sp_workbook_check_limits(&(sp_dataset){0}, figs->n, diags)) != 0)
        goto done;
    /* the whole text only when it is compared with a previous publication */
    json = s->previous_dir ? sp_figures_json(figs) : NULL;
    if ((rc = compare_previous(s, target, json, &revisions, diags)) != 0)
        goto done;
    step_done(&st, SP_STEP_FIGURES);

    if (sp_publish_cleanup_stale(target, diags) != 0 || !(staging = sp_staging_begin(target, diags))) {
        rc = 1;
        goto done;
    }
    char *gitkeep = g_build_filename(target, ".gitkeep", NULL);
    bool keep = g_file_test(gitkeep, G_FILE_TEST_IS_REGULAR);
    g_free(gitkeep);
    if (keep && (rc = write_in(staging, ".gitkeep", "", diags)) != 0)
        goto fail;
    step_done(&st, SP_STEP_STAGING);
    first_staging_diag = diags->n;
    sp_file_sums_watch(true); /* the files' sums as they are written, for the manifest */

    sp_context ctx = {figs, figs->view, s, revisions, hooks ? hooks->progress : NULL,
                      hooks ? hooks->progress_user : NULL, NULL};
    records_job records = {staging, json, figs, revisions, {0}, .ended = false};
    g_mutex_init(&records.lock);
    g_cond_init(&records.cond);
    rc = run_renderers(&ctx, staging, &st,
                       &(sp_meanwhile){records_meanwhile, &records, records_tasks_ended}, diags);
    g_mutex_clear(&records.lock);
    g_cond_clear(&records.cond);
    sp_diags_take(diags, &records.diags);
    if (rc)
        goto fail;
    step_done(&st, SP_STEP_FIGURE_FILES);
    name_target_not_staging(diags, first_staging_diag, staging, target); /* the manifest lists them */
    size_t n_files = 0;
    if ((rc = write_manifest(&st, s, ds, figs->as_at, staging, &n_files, diags)) != 0)
        goto fail;
    step_done(&st, SP_STEP_MANIFEST);
    if (result) {
        result->n_files = n_files;
        result->as_at = figs->as_at;
        result->revisions = revisions != NULL;
        if (revisions) {
            result->n_changed = revisions->n_changed;
            result->n_new = revisions->n_new;
            result->n_removed = revisions->n_removed;
        }
    }
    /* On failure sp_staging_publish has discarded the staging folder itself. */
    rc = sp_staging_publish(staging, target, swap_step, &st, diags);
    goto done;
fail:
    sp_staging_discard(staging);
    name_target_not_staging(diags, first_staging_diag, staging, target);
done:
    sp_file_sums_watch(false);
    sp_file_sha256_forget();
    fonts_ready();
    sp_staging_unlock(lock_fd);
    g_free(staging);
    g_free(target);
    g_free(json);
    sp_revisions_free(revisions);
    if (hooks && hooks->exiting) {
        left_to_exit[0] = figs;
        left_to_exit[1] = ds;
    } else {
        sp_figures_free(figs);
        sp_dataset_free(ds);
    }
    return rc;
}

int sp_publish_check_limits(const sp_settings *s, const sp_dataset *ds, sp_diags *diags)
{
    return s->make_workbook ? sp_workbook_check_limits(ds, 0, diags) : 0;
}
