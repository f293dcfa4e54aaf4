/* files.c: file-system operations for publishing (files.h).
 *
 * Design choice: plain POSIX calls with every return value checked, so a
 * full disk or a file-size limit shows up as "cannot write X: File too
 * large" instead of a silently short file; readdir's d_type for listing
 * folders (no stat per file), OpenSSL's libcrypto for SHA-256 (about nine
 * times GLib's GChecksum), never hand-written. The sums of the files a
 * build writes are taken from the bytes as they are written and kept by
 * path (sp_file_sums_*), so the manifest reads back only what a library
 * wrote itself.
 * The staging folder is made durable with one syncfs(2) on its file system
 * rather than an fsync per file (189 calls with profiles, thousands with
 * the web pages of a large dataset); per-file fsync remains the fallback. */
#define _GNU_SOURCE /* syncfs */
#include "files.h"
#include "sendpack/file_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void hex_into(char *hex, const unsigned char *md, unsigned int md_len)
{
    for (unsigned int i = 0; i < md_len; i++) {
        hex[2 * i] = "0123456789abcdef"[md[i] >> 4];
        hex[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
    }
    hex[2 * md_len] = '\0';
}

/* Sums of files this run wrote from memory (sp_file_out_*, and
 * sp_file_write while the watcher is on), by path, with the file's
 * identity then, so a file changed since is read again. */
static GHashTable *noted_sums;
G_LOCK_DEFINE_STATIC(noted_sums); /* figures.json and figures.csv are written in two threads */

static bool same_file(const sp_file_noted *n, const struct stat *st)
{
    return n->size == (uint64_t)st->st_size && n->dev == (uint64_t)st->st_dev &&
           n->ino == (uint64_t)st->st_ino && n->mtime_sec == (int64_t)st->st_mtim.tv_sec &&
           n->mtime_nsec == (int64_t)st->st_mtim.tv_nsec;
}

void sp_file_sums_add(const char *path, const sp_file_noted *n)
{
    G_LOCK(noted_sums);
    if (!noted_sums)
        noted_sums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_replace(noted_sums, g_strdup(path), g_memdup2(n, sizeof *n));
    G_UNLOCK(noted_sums);
}

/* Keep the sum md of the file at path, as it is now (st). */
static void note(const char *path, const unsigned char *md, unsigned int md_len,
                 const struct stat *st)
{
    sp_file_noted n = {.size = (uint64_t)st->st_size, .dev = (uint64_t)st->st_dev,
                       .ino = (uint64_t)st->st_ino, .mtime_sec = (int64_t)st->st_mtim.tv_sec,
                       .mtime_nsec = (int64_t)st->st_mtim.tv_nsec};
    if (md_len * 2 >= sizeof n.hex)
        return;
    hex_into(n.hex, md, md_len);
    sp_file_sums_add(path, &n);
}

static void note_written(const char *path, int fd, const char *data, size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    struct stat st;
    if (EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) && fstat(fd, &st) == 0 &&
        (size_t)st.st_size == len)
        note(path, md, md_len, &st);
}

void sp_file_sums_watch(bool on) { sp_file_write_watch(on ? note_written : NULL); }

void sp_file_sums_drain(void (*fn)(void *user, const char *path, const sp_file_noted *n),
                        void *user)
{
    G_LOCK(noted_sums);
    GHashTable *t = noted_sums;
    noted_sums = NULL;
    G_UNLOCK(noted_sums);
    if (!t)
        return;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, t);
    while (g_hash_table_iter_next(&it, &k, &v))
        fn(user, k, v);
    g_hash_table_destroy(t);
}

struct sp_file_out {
    int fd;
    char *path;
    EVP_MD_CTX *sum; /* NULL if libcrypto failed: the manifest reads the file */
    size_t size;
    int err;         /* first write error (errno), 0 if none */
};

sp_file_out *sp_file_out_open(const char *path, sp_diags *diags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", path, g_strerror(errno));
        return NULL;
    }
    sp_file_out *o = g_new0(sp_file_out, 1);
    o->fd = fd;
    o->path = g_strdup(path);
    o->sum = EVP_MD_CTX_new();
    if (o->sum && !EVP_DigestInit_ex(o->sum, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(o->sum);
        o->sum = NULL;
    }
    return o;
}

bool sp_file_out_write(const char *text, size_t len, void *out)
{
    sp_file_out *o = out;
    if (o->err)
        return false;
    if ((o->err = sp_write_all(o->fd, text, len)) != 0)
        return false;
    if (o->sum)
        EVP_DigestUpdate(o->sum, text, len);
    o->size += len;
    return true;
}

int sp_file_out_close(sp_file_out *o, sp_diags *diags)
{
    int rc = 0;
    if (o->err) {
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", o->path, g_strerror(o->err));
        close(o->fd);
        rc = 1;
    } else if (close(o->fd) != 0) {
        sp_diags_error(diags, NULL, 0, 0, "cannot write %s: %s", o->path, g_strerror(errno));
        rc = 1;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    struct stat st;
    if (!rc && o->sum && EVP_DigestFinal_ex(o->sum, md, &md_len) && stat(o->path, &st) == 0 &&
        (size_t)st.st_size == o->size)
        note(o->path, md, md_len, &st);
    EVP_MD_CTX_free(o->sum);
    g_free(o->path);
    g_free(o);
    return rc;
}

int sp_file_write_noted(const char *path, const char *data, size_t len, sp_diags *diags)
{
    sp_file_out *o = sp_file_out_open(path, diags);
    if (!o)
        return 1;
    sp_file_out_write(data, len, o);
    return sp_file_out_close(o, diags);
}

void sp_file_sha256_forget(void)
{
    G_LOCK(noted_sums);
    if (noted_sums)
        g_hash_table_remove_all(noted_sums);
    G_UNLOCK(noted_sums);
}

char *sp_file_sha256(const char *path, size_t *size, sp_diags *diags)
{
    struct stat kst;
    bool have = stat(path, &kst) == 0;
    char *known_hex = NULL;
    G_LOCK(noted_sums);
    const sp_file_noted *known = noted_sums && have ? g_hash_table_lookup(noted_sums, path) : NULL;
    if (known && same_file(known, &kst)) {
        if (size)
            *size = (size_t)known->size;
        known_hex = g_strdup(known->hex);
    }
    G_UNLOCK(noted_sums);
    if (known_hex)
        return known_hex;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        sp_diags_error(diags, path, 0, 0, "cannot read: %s", g_strerror(errno));
        return NULL;
    }
    EVP_MD_CTX *sum = EVP_MD_CTX_new();
    if (!sum || !EVP_DigestInit_ex(sum, EVP_sha256(), NULL)) {
        sp_diags_error(diags, path, 0, 0, "cannot compute its SHA-256 (libcrypto)");
        EVP_MD_CTX_free(sum);
        close(fd);
        return NULL;
    }
    unsigned char buf[65536];
    size_t total = 0;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            sp_diags_error(diags, path, 0, 0, "cannot read: %s", g_strerror(errno));
            close(fd);
            EVP_MD_CTX_free(sum);
            return NULL;
        }
        if (r == 0)
            break;
        EVP_DigestUpdate(sum, buf, (size_t)r);
        total += (size_t)r;
    }
    close(fd);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    EVP_DigestFinal_ex(sum, md, &md_len);
    EVP_MD_CTX_free(sum);
    char *hex = g_malloc(2 * md_len + 1);
    hex_into(hex, md, md_len);
    if (size)
        *size = total;
    return hex;
}

/* Each entry's kind from the folder listing itself (d_type), so a tree of
 * thousands of pages is listed without a stat per file; lstat only where
 * the file system does not say. */
static void list_into(const char *root, const char *rel, bool all, GPtrArray *out)
{
    char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
    DIR *d = opendir(dir);
    if (d) {
        const struct dirent *e;
        while ((e = readdir(d))) {
            const char *name = e->d_name;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                continue;
            bool is_dir = e->d_type == DT_DIR, is_reg = e->d_type == DT_REG;
            struct stat st;
            if (e->d_type == DT_UNKNOWN) {
                if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                is_dir = S_ISDIR(st.st_mode);
                is_reg = S_ISREG(st.st_mode);
            }
            char *child_rel = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
            if (is_dir) {
                list_into(root, child_rel, all, out);
                g_free(child_rel);
            } else if (all || is_reg) {
                g_ptr_array_add(out, child_rel);
            } else {
                g_free(child_rel);
            }
        }
        closedir(d);
    }
    g_free(dir);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char **tree_list(const char *dir, bool all)
{
    GPtrArray *out = g_ptr_array_new();
    list_into(dir, NULL, all, out);
    g_ptr_array_sort(out, cmp_str);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

char **sp_tree_list(const char *dir) { return tree_list(dir, false); }

char **sp_tree_list_all(const char *dir) { return tree_list(dir, true); }

static int sync_path(const char *path, bool is_dir, sp_diags *diags)
{
    int fd = open(path, O_RDONLY | (is_dir ? O_DIRECTORY : 0));
    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        /* Some file systems cannot fsync a folder; that is not a failure. */
        if (is_dir && (e == EINVAL || e == EROFS))
            return 0;
        sp_diags_error(diags, NULL, 0, 0, "cannot flush %s to disk: %s", path, g_strerror(e));
        return 1;
    }
    close(fd);
    return 0;
}

static int tree_fsync(const char *dir, sp_diags *diags);

int sp_tree_sync(const char *dir, sp_diags *diags)
{
    /* One call for the whole file system the folder is on: every file's
     * data and every folder entry written so far, with write-back errors
     * reported (Linux 5.8 and later). Where it is refused, fsync each. */
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        int r = syncfs(fd), e = errno;
        close(fd);
        if (r == 0)
            return 0;
        if (e != ENOSYS && e != EINVAL && e != EOPNOTSUPP) {
            sp_diags_error(diags, NULL, 0, 0, "cannot flush %s to disk: %s", dir, g_strerror(e));
            return 1;
        }
    }
    return tree_fsync(dir, diags);
}

int sp_tree_flush(int dir_fd)
{
    if (syncfs(dir_fd) == 0 || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)
        return 0;
    return errno;
}

static int tree_fsync(const char *dir, sp_diags *diags)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int rc = 0;
    if (d) {
        const char *name;
        while (rc == 0 && (name = g_dir_read_name(d))) {
            char *child = g_build_filename(dir, name, NULL);
            GStatBuf st;
            if (g_lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                rc = tree_fsync(child, diags);
            else if (g_lstat(child, &st) == 0 && S_ISREG(st.st_mode))
                rc = sync_path(child, false, diags);
            g_free(child);
        }
        g_dir_close(d);
    }
    return rc ? rc : sync_path(dir, true, diags);
}

int sp_tree_remove(const char *dir)
{
    GStatBuf st;
    if (g_lstat(dir, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return g_unlink(dir) == 0 || errno == ENOENT ? 0 : -1;
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            char *child = g_build_filename(dir, name, NULL);
            sp_tree_remove(child);
            g_free(child);
        }
        g_dir_close(d);
    }
    return g_rmdir(dir) == 0 || errno == ENOENT ? 0 : -1;
}

void sp_dir_sync(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}
