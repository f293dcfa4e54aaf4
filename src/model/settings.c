/* settings.c: the defaults of a run, before the config file and flags. */
#include "sendpack/settings.h"

#include <glib.h>
#include <string.h>

void sp_settings_init(sp_settings *s)
{
    *s = (sp_settings){0};
    s->title = g_strdup("Area SEND inspections: briefing");
    s->author = g_strdup("sendpack");
    s->first_n = SP_FIRST_N_DEFAULT;
    s->dpi = 150;
    s->width_cm = 16;
    s->height_cm = 10;
    s->make_charts = s->make_briefing = s->make_profiles = s->make_workbook = true;
    s->make_site = true;
    s->workbook_name = g_strdup("sendpack.xlsx");
    s->templates_dir = g_strdup("templates");
    s->out_dir = g_strdup("out");
}

void sp_settings_clear(sp_settings *s)
{
    g_free(s->title);
    g_free(s->prepared_for);
    g_free(s->author);
    g_free(s->workbook_name);
    g_free(s->templates_dir);
    g_free(s->out_dir);
    g_free(s->previous_dir);
    g_free(s->config_path);
    *s = (sp_settings){0};
}

bool sp_workbook_format_parse(const char *s, sp_workbook_format *out)
{
    static const sp_workbook_format all[] = {SP_WORKBOOK_BOTH, SP_WORKBOOK_XLSX, SP_WORKBOOK_ODS};
    for (size_t i = 0; s && i < G_N_ELEMENTS(all); i++)
        if (g_ascii_strcasecmp(s, sp_workbook_format_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    return false;
}

const char *sp_workbook_format_name(sp_workbook_format f)
{
    switch (f) {
    case SP_WORKBOOK_XLSX: return "xlsx";
    case SP_WORKBOOK_ODS: return "ods";
    case SP_WORKBOOK_BOTH: break;
    }
    return "both";
}

static size_t ending(const char *name)
{
    if (g_str_has_suffix(name, ".xlsx"))
        return 5;
    if (g_str_has_suffix(name, ".ods"))
        return 4;
    return 0;
}

bool sp_workbook_name_valid(const char *name)
{
    size_t e = name ? ending(name) : 0;
    return e && !strchr(name, '/') && strlen(name) > e;
}

char *sp_workbook_name_as(const char *name, const char *ext)
{
    size_t e = ending(name);
    return g_strdup_printf("%.*s%s", (int)(strlen(name) - e), name, ext);
}
