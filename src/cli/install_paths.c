/* install_paths.c: where the templates are when no flag or config names
 * them: beside the installed binary (<prefix>/bin/sendpack reads
 * <prefix>/share/sendpack/templates, so a package or a --prefix install can
 * be moved as a whole), or in the source tree when the binary run is the one
 * in the build tree. The current folder is never searched. */
#include "cli.h"

#include <string.h>

#ifndef SENDPACK_BUILD_DIR
#define SENDPACK_BUILD_DIR ""
#define SENDPACK_SOURCE_DIR ""
#endif
#ifndef SENDPACK_BIN_TO_DATA
#define SENDPACK_BIN_TO_DATA "../share/sendpack"
#endif

char *sp_cli_default_templates(void)
{
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (!exe)
        return g_strdup("templates");
    /* /proc/self/exe has its links resolved: compare with the canonical build tree */
    char *bindir = g_path_get_dirname(exe), *tree = g_canonicalize_filename(SENDPACK_BUILD_DIR, NULL);
    char *dir;
    if (*SENDPACK_BUILD_DIR && strcmp(bindir, tree) == 0) {
        dir = g_build_filename(SENDPACK_SOURCE_DIR, "templates", NULL);
    } else {
        char *joined = g_build_filename(bindir, SENDPACK_BIN_TO_DATA, "templates", NULL);
        dir = g_canonicalize_filename(joined, NULL);
        g_free(joined);
    }
    g_free(tree);
    g_free(bindir);
    g_free(exe);
    return dir;
}
