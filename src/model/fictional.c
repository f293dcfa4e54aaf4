/* fictional.c: telling sendpack's fictional fixtures from real data
 * (model.h). The fixtures mark every area with a code starting "X" and a
 * digit (X06000011), which no ONS code does (those start E, W, S or N), so
 * one invented record is enough to know a dataset holds fixture data. */
#include "sendpack/model.h"

#include <glib.h>
#include <string.h>

bool sp_area_code_fictional(const char *code)
{
    return code && code[0] == 'X' && g_ascii_isdigit(code[1]);
}

/* A nine-character ONS-style code of a real area: E09000002. */
static bool code_real(const char *code)
{
    if (!code || strlen(code) != 9 || !strchr("ENSW", code[0]))
        return false;
    for (int i = 1; i < 9; i++)
        if (!g_ascii_isdigit(code[i]))
            return false;
    return true;
}

static void note(sp_data_origin *o, const char *file, int line, const char *code)
{
    if (!o->file && file)
        *o = (sp_data_origin){file, line, code};
}

static void classify(const char *code, const char *file, int line, sp_data_origin *fictional,
                     sp_data_origin *real)
{
    if (sp_area_code_fictional(code))
        note(fictional, file, line, code);
    else if (code_real(code))
        note(real, file, line, code);
}

static const char *input_of_kind(const sp_dataset *ds, const char *kind)
{
    for (size_t i = 0; i < ds->n_inputs; i++)
        if (strcmp(ds->inputs[i].kind, kind) == 0)
            return ds->inputs[i].path;
    return NULL;
}

void sp_dataset_origins(const sp_dataset *ds, sp_data_origin *fictional, sp_data_origin *real)
{
    *fictional = *real = (sp_data_origin){0};
    for (size_t i = 0; i < ds->n_inspections; i++)
        classify(ds->inspections[i].la_code, ds->inspections[i].file, ds->inspections[i].line,
                 fictional, real);
    for (size_t i = 0; i < ds->n_interventions; i++)
        classify(ds->interventions[i].la_code, ds->interventions[i].file,
                 ds->interventions[i].line, fictional, real);
    for (size_t i = 0; i < ds->n_funding; i++)
        classify(ds->funding[i].recipient, ds->funding[i].file, ds->funding[i].line, fictional,
                 real);
    for (size_t i = 0; i < ds->n_sen2; i++)
        classify(ds->sen2[i].la_code, ds->sen2[i].file, ds->sen2[i].line, fictional, real);
    const char *areas = input_of_kind(ds, "areas");
    for (size_t i = 0; i < ds->n_areas; i++)
        classify(ds->areas[i].la_code, areas, 0, fictional, real);
}

bool sp_dataset_fictional(const sp_dataset *ds)
{
    sp_data_origin f, r;
    sp_dataset_origins(ds, &f, &r);
    return f.file != NULL;
}
