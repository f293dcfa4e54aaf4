/* integrity.c: what may be published at all (publish.h): the data's status
 * against the settings, fixtures never mixed with real data, an as-at date
 * that makes sense for the data and the day of the run, and a warning for an
 * input given that the as-at date leaves wholly uncounted.
 *
 * Design choice: these checks need only the loaded dataset, so build runs
 * them before anything is written, and figures and validate run the same
 * ones: a pack that could not be built cannot be printed or validated
 * either. The day of the run (s->today) is the only use of the clock, and it
 * is never written into any output. */
#include "sendpack/publish.h"

#include <glib.h>

#include "sendpack/figures.h"
#include "sendpack/view.h"

/* The earliest inspection publication in the data (0 when none). */
static sp_date earliest_inspection(const sp_dataset *ds)
{
    sp_date d = 0;
    for (size_t i = 0; i < ds->n_inspections; i++) {
        sp_date p = ds->inspections[i].published;
        if (p && (!d || p < d))
            d = p;
    }
    return d;
}

static void check_origins(const sp_settings *s, const sp_dataset *ds, sp_diags *d)
{
    sp_data_origin fictional, real;
    sp_dataset_origins(ds, &fictional, &real);
    if (!fictional.file)
        return;
    if (real.file) {
        if (real.line > 0)
            sp_diags_error(d, fictional.file, fictional.line,  0,
                           "fictional fixture data (area code %s) mixed with real data (%s:%d, "
                           "area code %s): build fixtures and real data separately",
                           fictional.code, real.file, real.line, real.code);
        else
            sp_diags_error(d, fictional.file, fictional.line, 0,
                           "fictional fixture data (area code %s) mixed with real data (%s, "
                           "area code %s): build fixtures and real data separately",
                           fictional.code, real.file, real.code);
    }
    if (!s->illustrative)
        sp_diags_error(d, fictional.file, fictional.line, 0,
                       "fictional fixture data (area code %s) can never be published as "
                       "official: drop --official (or status = official in the config)",
                       fictional.code);
}

static void check_as_at(const sp_settings *s, const sp_dataset *ds, sp_diags *d)
{
    if (!s->as_at)
        return;
    char iso[16], when[32];
    sp_date_iso(s->as_at, iso, sizeof iso);
    if (s->today && s->as_at > s->today) {
        sp_diags_error(d, NULL, 0, 0,
                       "as-at date %s is in the future: nothing can have been published by then",
                       iso);
        return;
    }
    sp_date first = earliest_inspection(ds), latest = sp_dataset_latest(ds);
    if (first && s->as_at < first) {
        sp_date_long(first, when, sizeof when);
        if (s->allow_empty)
            sp_diags_warning(d, NULL, 0, 0,
                             "as-at date %s is before every inspection in the data (the first "
                             "was published on %s): every inspection count is zero", iso, when);
        else
            sp_diags_error(d, NULL, 0, 0,
                           "as-at date %s is before every inspection in the data (the first was "
                           "published on %s): the pack would be empty; give --allow-empty to "
                           "publish it anyway", iso, when);
    } else if (latest && s->as_at > latest) {
        sp_date_long(latest, when, sizeof when);
        sp_diags_warning(d, NULL, 0, 0,
                         "as-at date %s is after the latest publication in the data (%s): "
                         "nothing after that is counted, as the briefing's data notes say",
                         iso, when);
    }
}

/* The earliest date among a file's records that come after the as-at date
 * (0: none), and whether any of them counts (the view's rule, view.h). */
typedef struct {
    sp_date first;
    bool counted;
} file_dates;

static void file_date(file_dates *f, sp_why why, sp_date when)
{
    if (why == SP_WHY_INCLUDED)
        f->counted = true;
    else if (why == SP_WHY_PUBLISHED_LATER || why == SP_WHY_STARTED_LATER ||
             why == SP_WHY_YEAR_NOT_ENDED)
        f->first = f->first && f->first < when ? f->first : when;
}

/* One warning: the file counts for nothing at the as-at date; what (taken)
 * says why, and first is the date that would count its earliest record. */
static void say_uncounted(sp_diags *d, const char *file, sp_date first, char *what)
{
    char iso[16];
    sp_date_iso(first, iso, sizeof iso);
    sp_diags_warning(d, file, 0, 0, "%s; give --as-at %s or later to count them", what, iso);
    g_free(what);
}

/* A file given whose records all fall after the as-at date counts for
 * nothing, and its section of the briefing is simply absent: say so, with
 * the as-at date that would count it. Inspections and interventions file
 * by file (a record's file points at its sp_input's path); inspections are
 * left to check_as_at when the as-at date is before every one of them. */
static void check_inputs_counted(const sp_settings *s, const sp_dataset *ds, sp_diags *d)
{
    sp_date as_at = s->as_at ? s->as_at : sp_dataset_latest(ds);
    if (!as_at)
        return;
    char at[32], when[32];
    sp_date_long(as_at, at, sizeof at);
    bool some_inspection = earliest_inspection(ds) <= as_at;
    for (size_t k = 0; k < ds->n_inputs; k++) {
        const char *path = ds->inputs[k].path;
        file_dates insp = {0}, inter = {0};
        for (size_t i = 0; i < ds->n_inspections && !insp.counted; i++)
            if (ds->inspections[i].file == path)
                file_date(&insp, sp_why_inspection(&ds->inspections[i], as_at),
                          ds->inspections[i].published);
        for (size_t i = 0; i < ds->n_interventions && !inter.counted; i++)
            if (ds->interventions[i].file == path)
                file_date(&inter, sp_why_intervention(&ds->interventions[i], as_at),
                          ds->interventions[i].start);
        if (insp.first && !insp.counted && some_inspection) {
            sp_date_long(insp.first, when, sizeof when);
            say_uncounted(d, path, insp.first,
                          g_strdup_printf("every inspection in this file was published after "
                                          "the as-at date (%s; the first on %s), so none of them is counted",
                                          at, when));
        }
        if (inter.first && !inter.counted) {
            sp_date_long(inter.first, when, sizeof when);
            say_uncounted(d, path, inter.first,
                          g_strdup_printf("every intervention in this file started after the "
                                          "as-at date (%s; the first on %s), so none of them is counted",
                                          at, when));
        }
    }
    for (size_t i = 0; i < ds->n_dsg_years; i++) {
        const sp_dsg_year *y = &ds->dsg_years[i];
        if (sp_why_dsg_year(y, as_at) == SP_WHY_INCLUDED)
            continue;
        sp_date_long(y->published, when, sizeof when);
        say_uncounted(d, y->file, y->published,
                      g_strdup_printf("the dedicated schools grant allocations for %s were "
                                      "published on %s, after the as-at date (%s), so none of them is "
                                      "counted", y->fy, when, at));
    }
    const sp_sen2 *first = NULL;
    for (size_t i = 0; i < ds->n_sen2; i++)
        if (!first || ds->sen2[i].year_end < first->year_end)
            first = &ds->sen2[i];
    if (first && sp_why_sen2(first, as_at) != SP_WHY_INCLUDED) {
        sp_date_long(first->year_end, when, sizeof when);
        say_uncounted(d, first->file, first->year_end,
                      g_strdup_printf("no calendar year of the SEN2 file had ended by the as-at "
                                      "date (%s; its first, %d, ended on %s), so none of its rows is "
                                      "counted", at, first->year, when));
    }
}

int sp_publish_check_data(const sp_settings *s, const sp_dataset *ds, sp_diags *diags)
{
    size_t before = sp_diags_count(diags, SP_DIAG_ERROR);
    check_origins(s, ds, diags);
    check_as_at(s, ds, diags);
    check_inputs_counted(s, ds, diags);
    return sp_diags_count(diags, SP_DIAG_ERROR) > before ? 2 : 0;
}
