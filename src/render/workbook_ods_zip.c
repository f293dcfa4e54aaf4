/* workbook_ods_zip.c: the ODS package (workbook_ods.h): the parts, already
 * in memory, as one zip file written at once.
 *
 * Design choice: libzip compressed the parts with zlib at level 6, about
 * half the work of writing the ODS. Here each part is compressed in one
 * call by libdeflate at level 7, which makes content.xml a little smaller
 * than zlib's level 6 did for about 60% of the work, and the zip
 * around it is the plain 32-bit format: local headers, central directory,
 * end record, every entry dated 1 January 1980 and no extra fields, so the
 * same parts give the same bytes. A package too large for 32-bit sizes and
 * offsets (never a real workbook) is written by libzip, with ZIP64. */
#include "workbook_ods.h"

#include <glib/gstdio.h>
#include <libdeflate.h>
#include <stdint.h>
#include <string.h>
#include <zip.h>

#include "sendpack/file_write.h"

#define ODS_DEFLATE_LEVEL 7
#define DOS_DATE ((1 << 5) | 1) /* 1 January 1980 */
#define DOS_TIME 0

static void u16(GByteArray *b, uint32_t v)
{
    guint8 x[2] = {(guint8)v, (guint8)(v >> 8)};
    g_byte_array_append(b, x, 2);
}

static void u32(GByteArray *b, uint32_t v)
{
    guint8 x[4] = {(guint8)v, (guint8)(v >> 8), (guint8)(v >> 16), (guint8)(v >> 24)};
    g_byte_array_append(b, x, 4);
}

/* The fields local and central headers share, from "version needed" to
 * the name's length and the extra field's (none). */
static void common(GByteArray *b, bool store, uint32_t crc, size_t clen, size_t len,
                   size_t name_len)
{
    u16(b, store ? 10 : 20); /* version needed: 1.0 stored, 2.0 deflated */
    u16(b, 0);               /* flags */
    u16(b, store ? 0 : 8);   /* method */
    u16(b, DOS_TIME);
    u16(b, DOS_DATE);
    u32(b, crc);
    u32(b, (uint32_t)clen);
    u32(b, (uint32_t)len);
    u16(b, (uint32_t)name_len);
    u16(b, 0);
}

static bool fits_32_bits(const ods_part *parts, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += parts[i].len + 2 * strlen(parts[i].name) + 128;
    return total < 0x7FFFFFFFu; /* deflate can make a part slightly larger */
}

/* The package in memory, or NULL if libdeflate cannot be set up. */
static GByteArray *package(const ods_part *parts, size_t n)
{
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(ODS_DEFLATE_LEVEL);
    if (!z)
        return NULL;
    GByteArray *out = g_byte_array_new(), *cd = g_byte_array_new();
    for (size_t i = 0; i < n; i++) {
        const ods_part *p = &parts[i];
        size_t name_len = strlen(p->name), offset = out->len;
        uint32_t crc = (uint32_t)libdeflate_crc32(0, p->data, p->len);
        const void *body = p->data;
        size_t clen = p->len;
        guint8 *packed = NULL;
        if (!p->store) {
            size_t bound = libdeflate_deflate_compress_bound(z, p->len);
            packed = g_malloc(bound);
            clen = libdeflate_deflate_compress(z, p->data, p->len, packed, bound);
            body = packed;
        }
        u32(out, 0x04034b50);
        common(out, p->store, crc, clen, p->len, name_len);
        g_byte_array_append(out, (const guint8 *)p->name, (guint)name_len);
        g_byte_array_append(out, body, (guint)clen);
        g_free(packed);

        u32(cd, 0x02014b50);
        u16(cd, 20); /* made by: MS-DOS (no Unix permissions), zip 2.0 */
        common(cd, p->store, crc, clen, p->len, name_len);
        u16(cd, 0); /* comment length */
        u16(cd, 0); /* disk */
        u16(cd, 0); /* internal attributes */
        u32(cd, 0); /* external attributes */
        u32(cd, (uint32_t)offset);
        g_byte_array_append(cd, (const guint8 *)p->name, (guint)name_len);
    }
    libdeflate_free_compressor(z);
    size_t cd_offset = out->len;
    g_byte_array_append(out, cd->data, cd->len);
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, (uint32_t)n);
    u16(out, (uint32_t)n);
    u32(out, cd->len);
    u32(out, (uint32_t)cd_offset);
    u16(out, 0); /* comment length */
    g_byte_array_free(cd, TRUE);
    return out;
}

static char *with_libzip(const ods_part *parts, size_t n, const char *path)
{
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        char *err = g_strdup_printf("cannot write the workbook: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return err;
    }
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i].data, parts[i].len, 0);
        zip_int64_t idx = src ? zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (src && idx < 0)
            zip_source_free(src);
        ok = idx >= 0 &&
             zip_file_set_dostime(z, (zip_uint64_t)idx, DOS_TIME, DOS_DATE, 0) == 0 &&
             zip_set_file_compression(z, (zip_uint64_t)idx,
                                      parts[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                      parts[i].store ? 0 : 6) == 0;
    }
    if (!ok || zip_close(z) < 0) {
        char *err = g_strdup_printf("cannot write the workbook: %s", zip_strerror(z));
        zip_discard(z);
        return err;
    }
    return NULL;
}

char *ods_zip_write(const ods_part *parts, size_t n, const char *path)
{
    if (!fits_32_bits(parts, n))
        return with_libzip(parts, n, path);
    GByteArray *zip = package(parts, n);
    if (!zip)
        return with_libzip(parts, n, path);
    sp_diags d = {0};
    int rc = sp_file_write(path, (const char *)zip->data, zip->len, &d);
    g_byte_array_free(zip, TRUE);
    char *err = NULL;
    if (rc) {
        /* "cannot write PATH: why", said as libzip's errors were said */
        char *prefix = g_strdup_printf("cannot write %s: ", path);
        const char *m = d.n ? d.items[0].message : "";
        err = g_strdup_printf("cannot write the workbook: %s",
                              g_str_has_prefix(m, prefix) ? m + strlen(prefix) : m);
        g_free(prefix);
        g_unlink(path); /* no half-written package left behind */
    }
    sp_diags_free(&d);
    return err;
}
