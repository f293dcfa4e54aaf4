/* file_write.c: write a whole file (file_write.h): open, write every byte
 * (retrying a write cut short by a signal), close; the first failure
 * becomes one diag naming the file. Not g_file_set_contents: it writes a
 * temporary file and renames it (two more file-system operations per file,
 * thousands with the web pages of a large dataset), and in GLib 2.74 its
 * consistent mode fsyncs a file that already exists. A watcher
 * (sp_file_write_watch) sees each file written, for the manifest's sums. */
#include "sendpack/file_write.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

int sp_write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : ENOSPC;
        done += (size_t)w;
    }
    return 0;
}

static sp_file_written_fn watcher;

void sp_file_write_watch(sp_file_written_fn fn) { watcher = fn; }

int sp_file_write(const char *path, const char *data, size_t len, sp_diags *diags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", path, g_strerror(errno));
        return 1;
    }
    int e = sp_write_all(fd, data, len);
    if (e) {
        close(fd);
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", path, g_strerror(e));
        return 1;
    }
    if (watcher)
        watcher(path, fd, data, len);
    if (close(fd) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", path, g_strerror(errno));
        return 1;
    }
    return 0;
}
