/* files.h: private to src/publish/: the few file-system operations a
 * publication needs (write a whole file, checksum it, flush a tree to disk,
 * remove a tree), each reporting failure as a diag rather than printing. */
#ifndef SENDPACK_PUBLISH_FILES_H
#define SENDPACK_PUBLISH_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sendpack/diag.h"

/* sp_file_write: write a whole file */
#include "sendpack/file_write.h"

/* SHA-256 (lower-case hex, caller g_free()s) and size of a file; NULL with a
 * diag when it cannot be read. */
char *sp_file_sha256(const char *path, size_t *size, sp_diags *diags);
/* sp_file_write, keeping the data's SHA-256 (taken from memory) for
 * sp_file_sha256 of the same path, so a large file just written is not
 * read back for the manifest; a file changed since (size, inode or time)
 * is read as any other. sp_file_sha256_forget drops every kept sum. */
int sp_file_write_noted(const char *path, const char *data, size_t len, sp_diags *diags);
/* The same for a file written in pieces: open (NULL with a diag when it
 * cannot be made), write each piece (the signature of sp_figures_sink;
 * false after a failed write), close (0, or 1 with a diag "cannot write
 * <path>: <reason>" for the first failure). */
typedef struct sp_file_out sp_file_out;
sp_file_out *sp_file_out_open(const char *path, sp_diags *diags);
bool sp_file_out_write(const char *text, size_t len, void *out);
int sp_file_out_close(sp_file_out *o, sp_diags *diags);
void sp_file_sha256_forget(void);

/* A kept sum, with the file's identity when it was written. */
typedef struct sp_file_noted {
    char hex[65]; /* SHA-256, lower-case hex */
    uint64_t size, dev, ino;
    int64_t mtime_sec, mtime_nsec;
} sp_file_noted;
/* Keep the sum of every file sp_file_write writes (on), or stop (off). */
void sp_file_sums_watch(bool on);
/* Hand every kept sum to fn, then forget them all: a worker process sends
 * its files' sums to the parent, which keeps them (sp_file_sums_add). */
void sp_file_sums_drain(void (*fn)(void *user, const char *path, const sp_file_noted *n),
                        void *user);
void sp_file_sums_add(const char *path, const sp_file_noted *n);

/* Every regular file under dir as a path relative to dir, sorted bytewise
 * (strcmp), NULL-terminated; caller g_strfreev()s. */
char **sp_tree_list(const char *dir);
/* The same with every entry that is not a folder (links, sockets...). */
char **sp_tree_list_all(const char *dir);

/* The marker a run leaves in the folders it makes beside the target, so a
 * later run removes only what provably was a sendpack run's (staging.c): an
 * empty file ".sendpack-run-<pid>-<token>" (empty, so it can be made even on
 * a full disk). It is never part of a publication. */
#define SP_RUN_MARKER ".sendpack-run-"
#define SP_IS_RUN_MARKER(name) (strncmp((name), SP_RUN_MARKER, sizeof SP_RUN_MARKER - 1) == 0)

/* Make every file and folder under dir, and dir itself, durable: one
 * syncfs(2) of its file system, or where that is refused an fsync of each.
 * Returns 0, or 1 with a diag. */
int sp_tree_sync(const char *dir, sp_diags *diags);

/* Hand what is written on dir_fd's file system so far to the disk (one
 * syncfs), while other work goes on, so a later sp_tree_sync waits for
 * less. Returns 0 (also where syncfs is refused), or the errno of a failed
 * write-back, which the caller must report: the failure was seen here and
 * a later sp_tree_sync will not see it again. */
int sp_tree_flush(int dir_fd);

/* Remove dir and everything under it (no symlinks followed). Returns 0 on
 * success or when dir does not exist, else -1 with errno set. */
int sp_tree_remove(const char *dir);

/* fsync a folder so a rename in it is on disk. */
void sp_dir_sync(const char *dir);

#endif
