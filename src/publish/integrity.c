/* integrity.c: what may be published at all (publish.h): the data's status
 * against the settings, fixtures never mixed with real data, and an as-at
 * date that makes sense for the data and the day of the run.
 *
 * Design choice: these checks need only the loaded dataset, so build runs
 * them before anything is written, and figures and validate run the same
 * ones: a pack that could not be built cannot be printed or validated
 * either. The day of the run (s->today) is the only use of the clock, and it
 * is never written into any output. */
#include "sendpack/publish.h"

#include <glib.h>

#include "sendpack/figures.h"

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

int sp_publish_check_data(const sp_settings *s, const sp_dataset *ds, sp_diags *diags)
{
    size_t before = sp_diags_count(diags, SP_DIAG_ERROR);
    check_origins(s, ds, diags);
    check_as_at(s, ds, diags);
    return sp_diags_count(diags, SP_DIAG_ERROR) > before ? 2 : 0;
}
