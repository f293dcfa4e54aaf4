/* revisions_read.c: `sendpack diff`'s reading of two publications (or two
 * figures.json files) for sp_revisions_compare, so the stats layer only
 * compares texts and never touches files. */
#include "sendpack/publish.h"

#include <glib.h>

/* A publication folder stands for its figures.json. */
static char *figures_path(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return g_build_filename(path, "figures.json", NULL);
    return g_strdup(path);
}

sp_revisions *sp_revisions_read(const char *old_path, const char *new_path, sp_diags *diags)
{
    char *paths[2] = {figures_path(old_path), figures_path(new_path)};
    const char *given[2] = {old_path, new_path};
    char *text[2] = {NULL, NULL};
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        GError *err = NULL;
        if (g_file_test(given[i], G_FILE_TEST_IS_DIR) && !g_file_test(paths[i], G_FILE_TEST_EXISTS)) {
            sp_diags_error(diags, given[i], 0, 0,
                           "not a sendpack publication: the folder has no figures.json");
            ok = false;
        } else if (!g_file_get_contents(paths[i], &text[i], NULL, &err)) {
            sp_diags_error(diags, paths[i], 0, 0, "cannot read: %s", err->message);
            g_error_free(err);
            ok = false;
        }
    }
    sp_revisions *r = ok ? sp_revisions_compare(text[0], paths[0], text[1], paths[1], diags) : NULL;
    for (int i = 0; i < 2; i++) {
        g_free(paths[i]);
        g_free(text[i]);
    }
    return r;
}
