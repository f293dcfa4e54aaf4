/* fuzz_load_common.h: the body every input-file harness shares: load one
 * file of a kind through sp_load (the per-file and cross-row checks), and
 * when it loads cleanly compute the figures table and its JSON and CSV, so
 * that what a crafted file can reach in the statistics is fuzzed too. A
 * harness for a new input kind (ODS, XLSX) is one file: set the kind and
 * include this. */
#ifndef SENDPACK_FUZZ_LOAD_COMMON_H
#define SENDPACK_FUZZ_LOAD_COMMON_H

#include "fuzz_support.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"

typedef enum {
    SP_FUZZ_INSPECTIONS, SP_FUZZ_FUNDING, SP_FUZZ_INTERVENTIONS, SP_FUZZ_AREAS, SP_FUZZ_DSG
} sp_fuzz_kind;

static inline int sp_fuzz_load(sp_fuzz_kind kind, const char *suffix, const uint8_t *data,
                               size_t size)
{
    const char *path = sp_fuzz_file(data, size, suffix);
    if (!path)
        return 0;
    char *one[] = {(char *)path, NULL};
    sp_inputs in = {0};
    char fixture[4096];
    /* funding, interventions and areas are read beside real inspections */
    snprintf(fixture, sizeof fixture, "%s/tests/fuzz/corpus/inspections/small.csv",
             sp_fuzz_source_dir());
    char *ins[] = {fixture, NULL};
    switch (kind) {
    case SP_FUZZ_INSPECTIONS: in.inspections = one; in.n_inspections = 1; break;
    case SP_FUZZ_FUNDING: in.inspections = ins; in.n_inspections = 1; in.funding = one[0]; break;
    case SP_FUZZ_INTERVENTIONS: in.inspections = ins; in.n_inspections = 1; in.interventions = one[0]; break;
    case SP_FUZZ_AREAS: in.inspections = ins; in.n_inspections = 1; in.areas = one[0]; break;
    case SP_FUZZ_DSG: in.inspections = ins; in.n_inspections = 1; in.dsg = one; in.n_dsg = 1; break;
    }
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    if (sp_diags_count(&d, SP_DIAG_ERROR) == 0) {
        sp_figures *f = sp_figures_compute(ds, 0, 0);
        char *json = sp_figures_json(f), *csv = sp_figures_csv(f);
        g_free(json);
        g_free(csv);
        sp_figures_free(f);
    }
    for (size_t i = 0; i < d.n; i++)
        g_free(sp_diag_format(&d.items[i]));
    sp_dataset_free(ds);
    sp_diags_free(&d);
    return 0;
}

#endif
