/* sources.c: the source registry of the stats layer and sp_figures_compute,
 * which runs it.
 *
 * Each data source is a loader in src/load/ (listed in LOADERS in
 * src/load/inputs.c) and a breakdown file here, listed in SOURCES below
 * under the same name and in the same order (tests/unit/test_sources.c
 * checks the two lists agree); the order of the lines is the order of the
 * records in figures.json. The areas breakdown comes last: it reads every
 * source through the view. ARCHITECTURE.md "How to add a source" walks
 * through adding one. */
#include "breakdown.h"
#include "sendpack/ids.h"

typedef struct source {
    const char *id;       /* the loader registry's name of the source */
    void (*breakdown)(agg *a);
} source;

static const source SOURCES[] = {
    {"inspections", sp_breakdown_inspections},
    {"funding", sp_breakdown_funding},
    {"interventions", sp_breakdown_interventions},
    {"sen2", sp_breakdown_sen2},
    {"dsg", sp_breakdown_dsg},
    {"areas", sp_breakdown_areas},
};

const char *sp_breakdown_source(size_t i)
{
    return i < G_N_ELEMENTS(SOURCES) ? SOURCES[i].id : NULL;
}

sp_date sp_dataset_latest(const sp_dataset *ds)
{
    sp_date d = 0;
    for (size_t i = 0; i < ds->n_inspections; i++) {
        d = MAX(d, ds->inspections[i].published);
        d = MAX(d, ds->inspections[i].revisit_published);
    }
    return d;
}

sp_figures *sp_figures_compute(const sp_dataset *ds, sp_date as_at, int first_n)
{
    return sp_figures_compute_out(ds, as_at, first_n, NULL, false);
}

sp_figures *sp_figures_compute_lean(const sp_dataset *ds, sp_date as_at, int first_n)
{
    return sp_figures_compute_out(ds, as_at, first_n, NULL, true);
}

sp_figures *sp_figures_compute_out(const sp_dataset *ds, sp_date as_at, int first_n,
                                   sp_figures_out *out, bool lean)
{
    static gint made;
    sp_figures *f = g_new0(sp_figures, 1);
    f->serial = (unsigned)g_atomic_int_add(&made, 1) + 1;
    f->as_at = as_at ? as_at : sp_dataset_latest(ds);
    f->first_n = first_n > 0 ? first_n : SP_FIRST_N_DEFAULT;
    f->out = out;
    f->lean = lean;
    f->ds = lean ? ds : NULL;
    f->view = sp_view_new(ds, f->as_at);
    agg a = {.f = f, .ds = ds, .D = f->as_at, .v = f->view};
    sp_date_iso(f->as_at, a.iso, sizeof a.iso);
    const char *iso = a.iso;
    /* The publication each kind of input comes from; fictional fixtures
     * (model.h) are never sourced to Ofsted or DfE. */
    static const struct { const char *kind, *real, *fictional; } PUBLICATIONS[] = {
        {"inspections-2016", "Ofsted, Area SEND inspection and revisit outcomes",
         "Illustrative fixtures, fictional areas (not Ofsted data)"},
        {"inspections-2023", "Ofsted, Area SEND inspections under the 2023 framework",
         "Illustrative fixtures, fictional 2023-framework inspections (not Ofsted data)"},
        {"funding", "Funding lines as published in contract and funding announcements",
         "Illustrative fixtures, funding lines (partly invented)"},
        {"interventions", "Interventions in local areas as published by DfE",
         "Illustrative fixtures, interventions in fictional areas"},
        {"dsg", "DfE, Dedicated schools grant (DSG) allocations",
         "Illustrative fixtures, invented DSG allocations (not DfE data)"}};
    char **slots[] = {&a.src_2016, &a.src_2023, &a.src_funding, &a.src_interventions, &a.src_dsg};
    bool fictional = sp_dataset_fictional(ds);
    for (size_t i = 0; i < G_N_ELEMENTS(PUBLICATIONS); i++)
        *slots[i] = bd_sources_of_kind(ds, PUBLICATIONS[i].kind,
                                       fictional ? PUBLICATIONS[i].fictional : PUBLICATIONS[i].real);
    a.filter = g_strdup_printf("inspection published on or before %s", iso);
    a.filter_revisit = g_strdup_printf("inspection and revisit published on or before %s", iso);
    a.filter_2023 = g_strdup_printf("2023-framework inspection published on or before %s", iso);
    a.filter_interventions = g_strdup_printf("intervention started on or before %s", iso);
    a.filter_funding = g_strdup("all funding lines given, whatever their dates");
    a.filter_dsg = g_strdup_printf("DSG allocations file published on or before %s (of several "
                                   "files for one financial year, the latest)", iso);

    bd_trace(bd_typed(&a, SP_UNIT_DATE, f->as_at, "The date the figures are as at: records published after it are left out.",
                      a.src_2016, a.filter, "As-at date", SP_ID_AS_AT),
             (bd_trace_spec){.how = SP_HOW_NONE});
    for (size_t i = 0; i < G_N_ELEMENTS(SOURCES); i++)
        SOURCES[i].breakdown(&a);

    g_free(a.src_2016); g_free(a.src_2023); g_free(a.src_funding); g_free(a.src_interventions);
    g_free(a.src_dsg); g_free(a.filter_dsg);
    g_free(a.filter); g_free(a.filter_revisit); g_free(a.filter_2023);
    g_free(a.filter_interventions); g_free(a.filter_funding);
    return f;
}

