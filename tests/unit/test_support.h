/* test_support.h: small helpers shared by the cmocka tests (header-only:
 * every test_*.c is its own executable). */
#ifndef SENDPACK_TEST_SUPPORT_H
#define SENDPACK_TEST_SUPPORT_H

#include <glib.h>
#include <glib/gstdio.h>

/* Remove dir and everything under it (a test's temporary folder). */
static inline void sp_test_rm_rf(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
            sp_test_rm_rf(p);
        else
            g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
}

#endif
