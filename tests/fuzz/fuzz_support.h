/* fuzz_support.h: shared by the libFuzzer harnesses in tests/fuzz (header-
 * only: each fuzz_<name>.c is built into its own fuzzer and replay driver).
 *
 * The loaders read files by path, so an input is written to one scratch
 * file per process, rewritten for every input; the file is removed at exit.
 * Diags are collected and dropped: a harness looks for crashes, leaks and
 * undefined behaviour, not for messages. */
#ifndef SENDPACK_FUZZ_SUPPORT_H
#define SENDPACK_FUZZ_SUPPORT_H

#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *sp_fuzz_path;

static void sp_fuzz_cleanup(void)
{
    if (sp_fuzz_path)
        g_unlink(sp_fuzz_path);
}

/* data written to this process's scratch file, named with suffix (".csv",
 * ".ini"); the path, or NULL when it cannot be written. */
static inline const char *sp_fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    if (!sp_fuzz_path) {
        char *tmpl = g_strdup_printf("sendpack-fuzz-XXXXXX%s", suffix);
        int fd = g_file_open_tmp(tmpl, &sp_fuzz_path, NULL);
        g_free(tmpl);
        if (fd < 0)
            return NULL;
        close(fd);
        atexit(sp_fuzz_cleanup);
    }
    FILE *f = fopen(sp_fuzz_path, "wb");
    if (!f)
        return NULL;
    bool ok = size == 0 || fwrite(data, 1, size, f) == size;
    ok = fclose(f) == 0 && ok;
    return ok ? sp_fuzz_path : NULL;
}

/* data as a NUL-terminated string (a NUL inside ends it, as for a file read
 * with g_file_get_contents and used as text). Caller g_free()s. */
static inline char *sp_fuzz_text(const uint8_t *data, size_t size)
{
    char *s = g_malloc(size + 1);
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* The source tree (for the fixtures a harness needs as context). */
static inline const char *sp_fuzz_source_dir(void)
{
    const char *env = getenv("SENDPACK_SRC");
    return env && *env ? env : SENDPACK_SOURCE_DIR;
}

#endif
