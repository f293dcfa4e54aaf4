/* file_write.h: write a whole file, reporting failure as a diag. Used by
 * every renderer and by publish: each writes into the staging folder, which
 * is flushed to disk and swapped in as a whole (publish.h), so a file needs
 * no temporary copy or fsync of its own. */
#ifndef SENDPACK_FILE_WRITE_H
#define SENDPACK_FILE_WRITE_H

#include <stddef.h>
#include "sendpack/diag.h"

/* Write len bytes to path (created or truncated). Returns 0, or 1 with a
 * diag "cannot write <path>: <reason>". */
int sp_file_write(const char *path, const char *data, size_t len, sp_diags *diags);

/* Write all len bytes to fd, again after an interrupted or short write.
 * Returns 0, or the errno of the failure (ENOSPC when nothing was taken). */
int sp_write_all(int fd, const char *data, size_t len);

/* Told of each file sp_file_write has written whole, with the file still
 * open (fd) and its bytes, so publish can keep its checksum for the
 * manifest instead of reading it back (files.h). */
typedef void (*sp_file_written_fn)(const char *path, int fd, const char *data, size_t len);
/* Set (or with NULL, stop) the one watcher; not while files are written. */
void sp_file_write_watch(sp_file_written_fn fn);

#endif
