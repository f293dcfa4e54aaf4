/* settings.c: the defaults of a run, before the config file and flags. */
#include "sendpack/settings.h"

#include <glib.h>

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
