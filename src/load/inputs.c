/* inputs.c: which files a run reads (sp_inputs) and loading them all
 * (sp_load).
 *
 * Design choice: a data folder is resolved by file names alone, sorted by
 * name (strcmp, not locale), so the same folder always loads in the same
 * order. Files named explicitly win: a folder only fills funding,
 * interventions and areas when they are not already set. */
#include "sendpack/load.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void set_if_present(char **slot, const char *dir, const char *name)
{
    if (*slot)
        return;
    char *path = g_build_filename(dir, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
        *slot = path;
    else
        g_free(path);
}

int sp_inputs_from_dir(sp_inputs *in, const char *dir, sp_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        sp_diags_error(diags, dir, 0, 0, "cannot read: %s", g_strerror(errno));
        return -1;
    }
    GPtrArray *names = g_ptr_array_new();
    struct dirent *e;
    while ((e = readdir(d)))
        if (g_str_has_prefix(e->d_name, "inspections") && g_str_has_suffix(e->d_name, ".csv"))
            g_ptr_array_add(names, g_build_filename(dir, e->d_name, NULL));
    closedir(d);
    g_ptr_array_sort(names, by_name);
    in->inspections = g_renew(char *, in->inspections, in->n_inspections + names->len);
    for (guint i = 0; i < names->len; i++)
        in->inspections[in->n_inspections++] = g_ptr_array_index(names, i);
    g_ptr_array_free(names, TRUE);
    set_if_present(&in->funding, dir, "funding.csv");
    set_if_present(&in->interventions, dir, "interventions.csv");
    set_if_present(&in->areas, dir, "areas.csv");
    return 0;
}

void sp_inputs_clear(sp_inputs *in)
{
    for (size_t i = 0; i < in->n_inspections; i++)
        g_free(in->inspections[i]);
    g_free(in->inspections);
    g_free(in->funding);
    g_free(in->interventions);
    g_free(in->areas);
    *in = (sp_inputs){0};
}

/* True (and reported) when inspections file i was named before, by the same
 * path or another one: read twice, every area would count twice. */
static bool named_before(const sp_inputs *in, size_t i, sp_diags *diags)
{
    GStatBuf a, b;
    if (g_stat(in->inspections[i], &a) != 0)
        return false; /* reported when it is read */
    for (size_t j = 0; j < i; j++) {
        if (g_stat(in->inspections[j], &b) != 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
            continue;
        if (strcmp(in->inspections[i], in->inspections[j]) == 0)
            sp_diags_error(diags, in->inspections[i], 0, 0,
                           "expected each inspections file once, found it named twice");
        else
            sp_diags_error(diags, in->inspections[i], 0, 0,
                           "expected each inspections file once, found the same file as %s",
                           in->inspections[j]);
        return true;
    }
    return false;
}

sp_dataset *sp_load(const sp_inputs *in, sp_diags *diags)
{
    sp_dataset *ds = sp_dataset_new();
    for (size_t i = 0; i < in->n_inspections; i++)
        if (!named_before(in, i, diags))
            sp_load_inspections(ds, in->inspections[i], diags);
    if (in->funding)
        sp_load_funding(ds, in->funding, diags);
    if (in->interventions)
        sp_load_interventions(ds, in->interventions, diags);
    if (in->areas)
        sp_load_areas(ds, in->areas, diags);
    /* Nothing to count is bad input, not a publication of zeros dated
     * 0000-00-00 (said only when nothing else is wrong). */
    if (ds->n_inspections == 0 && sp_diags_count(diags, SP_DIAG_ERROR) == 0) {
        if (in->n_inspections == 0)
            sp_diags_error(diags, NULL, 0, 0,
                           "no inspections file among the inputs: name one with --inspections, "
                           "or put inspections*.csv in the --data folder");
        else
            sp_diags_error(diags, in->inspections[0], 0, 0,
                           "no inspection rows: %s below the header row",
                           in->n_inspections == 1 ? "the file has nothing"
                                                  : "no inspections file has anything");
    }
    return ds;
}
