/* dataset.c: owning and freeing the model, and the names of its enums. */
#include "sendpack/model.h"

#include <glib.h>
#include <string.h>

sp_dataset *sp_dataset_new(void) { return g_new0(sp_dataset, 1); }

void sp_dataset_free(sp_dataset *ds)
{
    if (!ds)
        return;
    for (size_t i = 0; i < ds->n_inspections; i++) {
        g_free(ds->inspections[i].la_code);
        g_free(ds->inspections[i].area_name);
        g_free(ds->inspections[i].region);
    }
    for (size_t i = 0; i < ds->n_funding; i++) {
        sp_funding *f = &ds->funding[i];
        g_free(f->id); g_free(f->programme); g_free(f->description);
        g_free(f->recipient); g_free(f->source);
    }
    for (size_t i = 0; i < ds->n_interventions; i++) {
        sp_intervention *v = &ds->interventions[i];
        g_free(v->la_code); g_free(v->area_name); g_free(v->note); g_free(v->source);
    }
    for (size_t i = 0; i < ds->n_areas; i++) {
        sp_area *a = &ds->areas[i];
        g_free(a->la_code); g_free(a->name); g_free(a->region); g_free(a->old_la_code);
    }
    g_free(ds->sen2); /* its text is in sen2_text */
    if (ds->sen2_text)
        g_string_chunk_free(ds->sen2_text);
    for (int i = 0; i < SP_SEN2_COL_N; i++)
        g_free(ds->sen2_labels[i]);
    for (size_t i = 0; i < ds->n_inputs; i++) {
        g_free(ds->inputs[i].path);
        g_free(ds->inputs[i].sheet);
        g_free(ds->inputs[i].kind);
    }
    for (size_t i = 0; i < ds->n_dsg_years; i++) {
        g_free(ds->dsg_years[i].fy);
        g_free(ds->dsg_years[i].title);
    }
    for (size_t i = 0; i < ds->n_dsg; i++) {
        g_free(ds->dsg[i].old_la_code); g_free(ds->dsg[i].name); g_free(ds->dsg[i].la_code);
    }
    g_free(ds->dsg_years);
    g_free(ds->dsg);
    if (ds->hexmap) {
        for (size_t i = 0; i < ds->hexmap->n_hexes; i++) {
            g_free(ds->hexmap->hexes[i].code);
            g_free(ds->hexmap->hexes[i].name);
        }
        g_free(ds->hexmap->hexes);
        g_free(ds->hexmap);
    }
    g_free(ds->inspections);
    g_free(ds->funding);
    g_free(ds->interventions);
    g_free(ds->areas);
    g_free(ds->inputs);
    g_free(ds);
}

const char *sp_hex_layout_name(sp_hex_layout l)
{
    switch (l) {
    case SP_HEX_ODD_R: return "odd-r";
    case SP_HEX_EVEN_R: return "even-r";
    case SP_HEX_ODD_Q: return "odd-q";
    case SP_HEX_EVEN_Q: return "even-q";
    }
    return "";
}

const char *sp_revisit_outcome_name(sp_revisit_outcome o)
{
    switch (o) {
    case SP_REVISIT_ALL: return "all";
    case SP_REVISIT_SOME: return "some";
    case SP_REVISIT_NO: return "none";
    default: return "";
    }
}

const char *sp_outcome_name(sp_outcome o)
{
    switch (o) {
    case SP_OUTCOME_POSITIVE: return "positive";
    case SP_OUTCOME_INCONSISTENT: return "inconsistent";
    case SP_OUTCOME_SYSTEMIC: return "systemic";
    default: return "";
    }
}

const char *sp_outcome_label(sp_outcome o)
{
    switch (o) {
    case SP_OUTCOME_POSITIVE: return "Typically positive experiences and outcomes";
    case SP_OUTCOME_INCONSISTENT: return "Inconsistent experiences and outcomes";
    case SP_OUTCOME_SYSTEMIC: return "Widespread and/or systemic failings";
    default: return "";
    }
}

const char *sp_funding_status_name(sp_funding_status s)
{
    switch (s) {
    case SP_FUNDING_COMMITTED: return "committed";
    case SP_FUNDING_OPTIONAL_EXTENSION: return "optional_extension";
    case SP_FUNDING_ANNOUNCED: return "announced";
    }
    return "";
}

const char *sp_intervention_type_name(sp_intervention_type t)
{
    static const char *const names[] = {"commissioner", "statutory_direction",
        "adviser_support", "safety_valve", "other"};
    return t < SP_INTERVENTION_N ? names[t] : "";
}

const char *sp_intervention_type_label(sp_intervention_type t)
{
    static const char *const labels[] = {"commissioner appointed", "statutory direction",
        "SEND adviser support", "safety valve agreement", "other support or intervention"};
    return t < SP_INTERVENTION_N ? labels[t] : "";
}

char *sp_slug(const char *s)
{
    GString *out = g_string_new(NULL);
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (g_ascii_isalnum(*p)) {
            if (dash && out->len)
                g_string_append_c(out, '-');
            g_string_append_c(out, (char)g_ascii_tolower(*p));
            dash = false;
        } else if (*p == '\'' ) {
            /* "King's Lynn" -> "kings-lynn" */
        } else {
            dash = true;
        }
    }
    return g_string_free(out, FALSE);
}
