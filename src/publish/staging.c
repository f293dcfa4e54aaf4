/* staging.c: the staging folder and the atomic swap that publishes it.
 *
 * Design choice: a build writes everything into "<out>.staging-<pid>",
 * beside the target so that a rename never crosses file systems, and swaps
 * it in with one renameat2(RENAME_EXCHANGE): at every instant the target is
 * either the whole old or the whole new publication. Where the file system
 * cannot exchange, the fallback is rename(out, out.old-<pid>) then
 * rename(staging, out); a crash between the two leaves no out, and the next
 * run renames the old one back (sp_publish_cleanup_stale). The folders a run
 * makes are named "<out>.staging-<pid>-<token>" and "<out>.old-<pid>-<token>"
 * (token: 16 random hex digits) and hold an empty marker file,
 * .sendpack-run-<pid>-<token>; a cleanup touches a folder only when its
 * name, its marker and a dead pid all agree, so a folder that merely looks
 * like a leftover (out.old-20240101) is never deleted or renamed. Before the
 * swap the marker moves from the staging folder into the old publication,
 * which is what is left to delete afterwards.
 * Two builds into one target at once are kept apart by a flock(2) on the
 * target folder itself: no lock file to leave behind, and the kernel drops
 * the lock when a build dies, however it dies. */
#define _GNU_SOURCE /* renameat2 */
#include "staging.h"
#include "sendpack/publish.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "files.h"

/* What a publication adds to the output folder's path, at most: the staging
 * suffix, a subfolder and a profile's file name. */
#define SP_STAGING_ROOM 256

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* The build in progress, for sp_publish_cancel() from the signal thread. */
static GMutex lock;
static char *current_staging; /* NULL when none */
static char *current_old;     /* the previous publication after the swap */
static bool cancelled;
static bool swapped;          /* the new publication is in place */
static pid_t workers[SP_JOBS_MAX]; /* --jobs processes writing into staging */
static size_t n_workers;

void sp_staging_workers(const pid_t *pids, size_t n)
{
    g_mutex_lock(&lock);
    n_workers = MIN(n, G_N_ELEMENTS(workers));
    for (size_t i = 0; i < n_workers; i++)
        workers[i] = pids[i];
    g_mutex_unlock(&lock);
}

static void set_current(char **slot, const char *path)
{
    g_mutex_lock(&lock);
    g_free(*slot);
    *slot = path ? g_strdup(path) : NULL;
    g_mutex_unlock(&lock);
}

bool sp_publish_cancel(void)
{
    g_mutex_lock(&lock);
    cancelled = true;
    bool too_late = swapped;
    /* Worker processes stop before their folder goes. */
    for (size_t i = 0; i < n_workers; i++)
        if (workers[i] > 0)
            kill(workers[i], SIGKILL);
    for (size_t i = 0; i < n_workers; i++)
        if (workers[i] > 0)
            waitpid(workers[i], NULL, 0);
    /* A renderer may still be creating files in it: retry until it is gone. */
    for (int i = 0; current_staging && i < 100 && sp_tree_remove(current_staging) != 0; i++)
        g_usleep(1000);
    if (current_old)
        sp_tree_remove(current_old);
    g_mutex_unlock(&lock);
    return too_late;
}

/* The folder a path is in, and its last component. */
static void split(const char *target, char **parent, char **base)
{
    *parent = g_path_get_dirname(target);
    *base = g_path_get_basename(target);
}

/* dir/manifest.json is a sendpack manifest ("schema": "sendpack.manifest/N"),
 * not just any file of that name (a web app manifest, a package's). */
static bool is_sendpack_manifest(const char *dir)
{
    char *path = g_build_filename(dir, "manifest.json", NULL);
    JsonParser *p = json_parser_new();
    bool ok = false;
    if (json_parser_load_from_file(p, path, NULL)) {
        JsonNode *root = json_parser_get_root(p);
        if (root && JSON_NODE_HOLDS_OBJECT(root)) {
            const char *schema = json_object_get_string_member_with_default(
                json_node_get_object(root), "schema", "");
            ok = g_str_has_prefix(schema, "sendpack.manifest/");
        }
    }
    g_object_unref(p);
    g_free(path);
    return ok;
}

/* The files in dir that its sendpack manifest.json does not list as
 * outputs (but for manifest.json, .gitkeep and a run marker): a user's own
 * files, which replacing the folder would delete. Sorted. */
static GPtrArray *unlisted_files(const char *dir)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    char *path = g_build_filename(dir, "manifest.json", NULL);
    JsonParser *p = json_parser_new();
    GHashTable *listed = g_hash_table_new(g_str_hash, g_str_equal);
    if (json_parser_load_from_file(p, path, NULL)) {
        JsonNode *root = json_parser_get_root(p);
        JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
        JsonNode *outs = o ? json_object_get_member(o, "outputs") : NULL;
        JsonArray *arr = outs && JSON_NODE_HOLDS_ARRAY(outs) ? json_node_get_array(outs) : NULL;
        for (guint i = 0; arr && i < json_array_get_length(arr); i++) {
            JsonNode *e = json_array_get_element(arr, i);
            JsonNode *pn = JSON_NODE_HOLDS_OBJECT(e)
                               ? json_object_get_member(json_node_get_object(e), "path") : NULL;
            if (pn && JSON_NODE_HOLDS_VALUE(pn) && json_node_get_value_type(pn) == G_TYPE_STRING)
                g_hash_table_add(listed, (gpointer)json_node_get_string(pn));
        }
    }
    char **files = sp_tree_list_all(dir);
    for (char **f = files; *f; f++)
        if (strcmp(*f, "manifest.json") != 0 && strcmp(*f, ".gitkeep") != 0 &&
            !SP_IS_RUN_MARKER(*f) && !g_hash_table_contains(listed, *f))
            g_ptr_array_add(out, g_strdup(*f));
    g_strfreev(files);
    g_hash_table_destroy(listed);
    g_object_unref(p);
    g_free(path);
    return out;
}

/* An error listing the user's files in a previous publication (up to 10). */
static void report_unlisted(const char *target, GPtrArray *files, sp_diags *diags)
{
    GString *list = g_string_new(NULL);
    for (guint i = 0; i < files->len && i < 10; i++)
        g_string_append_printf(list, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(files, i));
    if (files->len > 10)
        g_string_append_printf(list, " and %u more", files->len - 10);
    sp_diags_error(diags, NULL, 0, 0,
                   "refusing to replace %s: it holds %u file%s that its manifest.json does not "
                   "list, which the new publication would delete: %s (move %s out, or pass "
                   "--replace-unlisted to delete %s)", target, files->len,
                   files->len == 1 ? "" : "s", list->str, files->len == 1 ? "it" : "them",
                   files->len == 1 ? "it" : "them");
    g_string_free(list, TRUE);
}

static bool is_empty_or_gitkeep(const char *dir, bool *has_manifest)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    bool only = true;
    *has_manifest = false;
    if (!d)
        return true;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (strcmp(name, "manifest.json") == 0 && is_sendpack_manifest(dir))
            *has_manifest = true;
        else if (strcmp(name, ".gitkeep") != 0)
            only = false;
    }
    g_dir_close(d);
    return only && !*has_manifest;
}

char *sp_staging_target(const char *out_dir, sp_diags *diags)
{
    char *t = g_strdup(out_dir ? out_dir : "");
    size_t n = strlen(t);
    while (n > 1 && t[n - 1] == '/')
        t[--n] = '\0';
    char *base = g_path_get_basename(t);
    if (!*t || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strcmp(base, "/") == 0) {
        sp_diags_error(diags, NULL, 0, 0,
                       "cannot publish into \"%s\": name a folder of its own, such as out", out_dir);
        g_free(base);
        g_free(t);
        return NULL;
    }
    g_free(base);
    /* Room for "<out>.staging-<pid>-<token>/areas/<profile>.pdf": checked
     * now, not after the work (nor after making folders a failure leaves) */
    size_t longest_part = 0;
    char **parts = g_strsplit(t, "/", -1);
    for (char **p = parts; *p; p++)
        longest_part = MAX(longest_part, strlen(*p));
    g_strfreev(parts);
    char *base_name = g_path_get_basename(t);
    size_t base_len = strlen(base_name);
    g_free(base_name);
    if (strlen(t) + SP_STAGING_ROOM >= PATH_MAX || longest_part > NAME_MAX ||
        base_len + 40 > NAME_MAX) {
        char *cut = g_strndup(t, 60);
        sp_diags_error(diags, NULL, 0, 0,
                       "cannot publish into %s...: expected a path of at most %d characters, each "
                       "folder name at most %d (%d for the output folder's own), found %zu "
                       "characters", cut, PATH_MAX - 1 - SP_STAGING_ROOM, NAME_MAX, NAME_MAX - 40,
                       strlen(t));
        g_free(cut);
        g_free(t);
        return NULL;
    }
    GStatBuf st;
    /* A link to a publication: publish into the folder it names, so the
     * swap replaces that folder and the link stays a link. */
    if (g_lstat(t, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(t, NULL);
        if (!real) {
            char *to = g_file_read_link(t, NULL);
            sp_diags_error(diags, NULL, 0, 0,
                           "cannot publish into %s: it is a symbolic link to %s, which does not exist", t,
                           to ? to : "a missing folder");
            g_free(to);
            g_free(t);
            return NULL;
        }
        g_free(t);
        t = g_strdup(real);
        free(real);
    }
    if (g_stat(t, &st) == 0) {
        bool has_manifest;
        if (!S_ISDIR(st.st_mode)) {
            sp_diags_error(diags, NULL, 0, 0, "cannot publish into %s: it is a file, not a folder", t);
        } else if (!is_empty_or_gitkeep(t, &has_manifest) && !has_manifest) {
            sp_diags_error(diags, NULL, 0, 0,
                           "refusing to replace %s: it is not empty and has no sendpack manifest.json, so it "
                           "is not a sendpack publication (choose an empty or new folder)", t);
        } else {
            return t;
        }
        g_free(t);
        return NULL;
    }
    return t;
}

int sp_staging_check_unlisted(const char *target, bool replace_unlisted, sp_diags *diags)
{
    bool has_manifest = false;
    if (replace_unlisted || !g_file_test(target, G_FILE_TEST_IS_DIR))
        return 0;
    is_empty_or_gitkeep(target, &has_manifest);
    if (!has_manifest)
        return 0;
    GPtrArray *extra = unlisted_files(target);
    int rc = extra->len ? 2 : 0;
    if (rc)
        report_unlisted(target, extra, diags);
    g_ptr_array_free(extra, TRUE);
    return rc;
}

int sp_staging_lock(const char *target, int *fd, sp_diags *diags)
{
    *fd = -1;
    /* A build that finishes meanwhile swaps a new folder in: lock again. */
    for (int tries = 0; tries < 10; tries++) {
        int f = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (f < 0)
            return 0; /* no folder yet (or unreadable: the build reports that) */
        if (flock(f, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(f);
            if (e != EWOULDBLOCK)
                return 0; /* no locks on this file system: go on without */
            sp_diags_error(diags, NULL, 0, 0,
                           "another sendpack build is publishing into %s right now; "
                           "run again when it has finished", target);
            return 1;
        }
        struct stat held, now;
        if (fstat(f, &held) == 0 && stat(target, &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino) {
            *fd = f;
            return 0;
        }
        close(f);
    }
    sp_diags_error(diags, NULL, 0, 0,
                   "another sendpack build is publishing into %s right now; "
                   "run again when it has finished", target);
    return 1;
}

void sp_staging_unlock(int fd)
{
    if (fd >= 0)
        close(fd);
}

static bool pid_alive(long pid)
{
    if (pid <= 0 || pid == (long)getpid())
        return true; /* never touch our own */
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* This run's token, 16 random hex digits (GLib seeds from /dev/urandom). */
static const char *run_token(void)
{
    static char token[17];
    if (!token[0])
        snprintf(token, sizeof token, "%08x%08x", g_random_int(), g_random_int());
    return token;
}

/* dir/.sendpack-run-<pid>-<token>. Caller g_free()s. */
static char *marker_path(const char *dir, long pid, const char *token)
{
    char *name = g_strdup_printf("%s%ld-%s", SP_RUN_MARKER, pid, token);
    char *path = g_build_filename(dir, name, NULL);
    g_free(name);
    return path;
}

/* "<base>.staging-<pid>-<token>" or "<base>.old-<pid>-<token>": the pid and
 * token (in token[17]), else 0. */
static long leftover_pid(const char *name, const char *base, bool *is_old, char *token)
{
    size_t bl = strlen(base);
    if (strncmp(name, base, bl) != 0)
        return 0;
    const char *rest = name + bl;
    const char *digits = NULL;
    if (g_str_has_prefix(rest, ".staging-")) {
        digits = rest + strlen(".staging-");
        *is_old = false;
    } else if (g_str_has_prefix(rest, ".old-")) {
        digits = rest + strlen(".old-");
        *is_old = true;
    } else {
        return 0;
    }
    size_t nd = strspn(digits, "0123456789");
    const char *tok = digits + nd;
    if (nd == 0 || nd > 9 || *tok != '-' || strlen(tok + 1) != 16 ||
        strspn(tok + 1, "0123456789abcdef") != 16)
        return 0;
    memcpy(token, tok + 1, 17);
    return strtol(digits, NULL, 10);
}

/* path is a real folder (not a link) holding this run's marker. */
static bool has_marker(const char *path, long pid, const char *token)
{
    GStatBuf st;
    if (g_lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    char *m = marker_path(path, pid, token);
    bool ok = g_lstat(m, &st) == 0 && S_ISREG(st.st_mode);
    g_free(m);
    return ok;
}

int sp_publish_cleanup_stale(const char *out_dir, sp_diags *diags)
{
    char *target = g_strdup(out_dir);
    size_t n = strlen(target);
    while (n > 1 && target[n - 1] == '/')
        target[--n] = '\0';
    char *parent, *base;
    split(target, &parent, &base);
    GDir *d = g_dir_open(parent, 0, NULL);
    GPtrArray *old = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *staging = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *old_markers = g_ptr_array_new_with_free_func(g_free); /* once restored */
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            bool is_old = false;
            char token[17];
            long pid = leftover_pid(name, base, &is_old, token);
            if (!pid || pid_alive(pid))
                continue;
            char *p = g_build_filename(parent, name, NULL);
            if (has_marker(p, pid, token)) {
                g_ptr_array_add(is_old ? old : staging, p);
                if (is_old)
                    g_ptr_array_add(old_markers, marker_path(target, pid, token));
            }
            else
                g_free(p); /* not provably a run's: never touched */
        }
        g_dir_close(d);
    }
    int rc = 0;
    /* An old publication without a target was caught mid-swap: put it back. */
    for (guint i = 0; i < old->len; i++) {
        const char *p = g_ptr_array_index(old, i);
        if (!g_file_test(target, G_FILE_TEST_EXISTS) && g_rename(p, target) == 0) {
            g_unlink(g_ptr_array_index(old_markers, i));
            sp_dir_sync(parent);
            continue;
        }
        if (sp_tree_remove(p) != 0) {
            sp_diags_error(diags, NULL, 0, 0, "cannot remove %s left by an earlier run: %s", p,
                           g_strerror(errno));
            rc = 1;
        }
    }
    for (guint i = 0; i < staging->len; i++) {
        const char *p = g_ptr_array_index(staging, i);
        if (sp_tree_remove(p) != 0) {
            sp_diags_error(diags, NULL, 0, 0, "cannot remove %s left by an earlier run: %s", p,
                           g_strerror(errno));
            rc = 1;
        }
    }
    g_ptr_array_free(old, TRUE);
    g_ptr_array_free(staging, TRUE);
    g_ptr_array_free(old_markers, TRUE);
    g_free(parent);
    g_free(base);
    g_free(target);
    return rc;
}

/* Folders made for the target's parent by sp_staging_begin (the highest),
 * removed again when the build fails. */
static char *made_top;

static void remove_made_parents(const char *parent)
{
    if (!made_top)
        return;
    char *p = g_strdup(parent);
    while (g_rmdir(p) == 0 && strcmp(p, made_top) != 0) {
        char *up = g_path_get_dirname(p);
        g_free(p);
        p = up;
    }
    g_free(p);
    g_clear_pointer(&made_top, g_free);
}

char *sp_staging_begin(const char *target, sp_diags *diags)
{
    char *parent = g_path_get_dirname(target);
    char *path = g_strdup_printf("%s.staging-%ld-%s", target, (long)getpid(), run_token());
    /* the highest folder this run makes, so a failure removes what it made */
    char *top = NULL, *up = g_strdup(parent);
    while (!g_file_test(up, G_FILE_TEST_EXISTS)) {
        g_free(top);
        top = up;
        up = g_path_get_dirname(top);
        if (strcmp(up, top) == 0)
            break;
    }
    g_free(up);
    g_free(made_top);
    made_top = top;
    if (g_mkdir_with_parents(parent, 0755) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot create the folder %s for %s: %s", parent, target,
                       g_strerror(errno));
        goto fail;
    }
    if (g_file_test(target, G_FILE_TEST_IS_DIR) && access(target, W_OK) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot publish into %s: the folder is read-only", target);
        goto fail;
    }
    g_mutex_lock(&lock);
    bool stop = cancelled;
    int made = stop ? -1 : g_mkdir(path, 0755);
    int e = errno;
    if (made == 0) {
        g_free(current_staging);
        current_staging = g_strdup(path);
    }
    g_mutex_unlock(&lock);
    if (stop) {
        sp_diags_error(diags, NULL, 0, 0, "interrupted");
        goto fail;
    }
    if (made != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot create the staging folder %s beside %s: %s", path,
                       target, g_strerror(e));
        goto fail;
    }
    char *marker = marker_path(path, (long)getpid(), run_token());
    int fd = g_open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 || close(fd) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot create the staging folder %s beside %s: %s", path,
                       target, g_strerror(errno));
        g_free(marker);
        sp_staging_discard(path);
        goto fail;
    }
    g_free(marker);
    g_free(parent);
    return path;
fail:
    remove_made_parents(parent);
    g_free(parent);
    g_free(path);
    return NULL;
}

void sp_staging_discard(const char *staging)
{
    if (staging) {
        sp_tree_remove(staging);
        char *parent = g_path_get_dirname(staging);
        remove_made_parents(parent);
        g_free(parent);
    }
    set_current(&current_staging, NULL);
}

int sp_staging_publish(const char *staging, const char *target,
                       void (*step)(void *user, int which), void *user, sp_diags *diags)
{
    char *parent = g_path_get_dirname(target);
    char *old = NULL;
    int rc = 0, e = 0;
    char *marker = marker_path(staging, (long)getpid(), run_token());
    char *old_marker = marker_path(target, (long)getpid(), run_token());
    g_mutex_lock(&lock);
    bool exists = g_file_test(target, G_FILE_TEST_EXISTS);
    if (cancelled) {
        sp_diags_error(diags, NULL, 0, 0, "interrupted");
        rc = 1;
    } else if (!exists ? g_unlink(marker) != 0 : g_rename(marker, old_marker) != 0) {
        /* the marker goes with what is to be deleted: the old publication */
        e = errno;
        rc = 1;
    } else if (!exists) {
        if (g_rename(staging, target) != 0) {
            e = errno;
            rc = 1;
        }
    } else if (renameat2(AT_FDCWD, staging, AT_FDCWD, target, RENAME_EXCHANGE) == 0) {
        old = g_strdup(staging); /* the staging name now holds the old publication */
    } else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
        old = g_strdup_printf("%s.old-%ld-%s", target, (long)getpid(), run_token());
        if (g_rename(target, old) != 0) {
            e = errno;
            rc = 1;
            g_clear_pointer(&old, g_free);
        } else if (g_rename(staging, target) != 0) {
            e = errno;
            rc = 1;
            g_rename(old, target);
            g_clear_pointer(&old, g_free);
        }
    } else {
        e = errno;
        rc = 1;
    }
    if (rc != 0 && exists)
        g_rename(old_marker, marker); /* the old publication stays as it was */
    if (rc == 0) {
        swapped = true;
        g_free(current_staging);
        current_staging = NULL;
        g_free(current_old);
        current_old = old ? g_strdup(old) : NULL;
    }
    g_mutex_unlock(&lock);
    g_free(marker);
    g_free(old_marker);
    if (rc != 0) {
        if (e)
            sp_diags_error(diags, NULL, 0, 0, "cannot move the new publication into %s: %s", target,
                           g_strerror(e));
        sp_staging_discard(staging);
        g_free(parent);
        return 1;
    }
    sp_dir_sync(parent);
    if (step)
        step(user, 0);
    if (old)
        sp_tree_remove(old);
    set_current(&current_old, NULL);
    if (step)
        step(user, 1);
    g_free(old);
    g_free(parent);
    return 0;
}
