/* replay.c: feeds files to a harness's LLVMFuzzerTestOneInput without
 * libFuzzer (any C compiler), so CTest replays every seed corpus and every
 * crash reproducer under the ASan+UBSan build and a fixed crash stays fixed.
 *
 *   replay_<harness> PATH...   each PATH a file, or a folder read in name
 *                              order (a missing folder is skipped)
 * Exit 0 when every input ran (a crash aborts with the sanitizer's report). */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int feed(const char *path)
{
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "replay: %s\n", err->message);
        g_error_free(err);
        return 1;
    }
    /* an exact-size copy, so reading one byte too far is caught */
    uint8_t *copy = g_memdup2(data, len);
    LLVMFuzzerTestOneInput(copy, len);
    g_free(copy);
    g_free(data);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int bad = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            if (g_file_test(argv[i], G_FILE_TEST_EXISTS)) {
                bad += feed(argv[i]);
                n++;
            }
            continue;
        }
        GDir *d = g_dir_open(argv[i], 0, NULL);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        const char *name;
        while (d && (name = g_dir_read_name(d)))
            if (name[0] != '.')
                g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
        if (d)
            g_dir_close(d);
        qsort(names->pdata, names->len, sizeof(char *), cmp);
        for (guint k = 0; k < names->len; k++) {
            bad += feed(g_ptr_array_index(names, k));
            n++;
        }
        g_ptr_array_free(names, TRUE);
    }
    printf("replayed %d input%s\n", n, n == 1 ? "" : "s");
    return bad ? 1 : 0;
}
