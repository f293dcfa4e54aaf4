/* chart_png.c: write a cairo RGB24 image surface as a PNG file.
 *
 * Design choice: cairo_surface_write_to_png compresses at zlib's default
 * level with every row filter tried, which made PNG encoding four fifths of
 * the time to write all charts. Charts are flat colour with antialiased
 * edges (too many colours for a palette), so rows are left unfiltered and
 * the whole image is compressed in one call by libdeflate at its level 1:
 * the files are the size zlib's level 3 made (within 0.3% on the national
 * charts) for about half the work, and libdeflate's CRC-32 frames the
 * chunks. The output depends only on the pixels: no time or text chunks. */
#include "chart_frame.h"

#include <libdeflate.h>
#include <stdint.h>
#include <string.h>

#define PNG_DEFLATE_LEVEL 1

static unsigned char *put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return p + 4;
}

/* Frame the n bytes already at p + 8 as a chunk of this type; returns the
 * end of the chunk. */
static unsigned char *chunk(unsigned char *p, const char *type, size_t n)
{
    put_u32(p, (uint32_t)n);
    memcpy(p + 4, type, 4);
    uint32_t c = libdeflate_crc32(0, p + 4, 4 + n);
    return put_u32(p + 8 + n, c);
}

GByteArray *chart_png_encode(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    if (!data || w <= 0 || h <= 0 || cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
        return NULL;
    /* Rows of filter byte 0 and RGB. Each pixel, 0x00RRGGBB, is stored as
     * the four bytes RR GG BB 00 and the next one written over the 00 (one
     * spare byte at the very end), a third of the work of three byte
     * stores. */
    size_t row_len = 1 + (size_t)w * 3, raw_len = row_len * (size_t)h;
    unsigned char *raw = g_malloc(raw_len + 1), *o = raw;
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        *o++ = 0;
        for (int x = 0; x < w; x++, o += 3) {
            uint32_t v = GUINT32_TO_BE(px[x] << 8);
            memcpy(o, &v, 4);
        }
    }
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(PNG_DEFLATE_LEVEL);
    if (!z) {
        g_free(raw);
        return NULL;
    }
    size_t bound = libdeflate_zlib_compress_bound(z, raw_len);
    /* signature, IHDR (12 + 13), IDAT (12 + data), IEND (12) */
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    GByteArray *out = g_byte_array_sized_new((guint)(8 + 25 + 12 + bound + 12));
    g_byte_array_set_size(out, (guint)(8 + 25 + 12 + bound + 12));
    unsigned char *p = out->data;
    memcpy(p, sig, 8);
    p += 8;
    unsigned char *ihdr = p + 8;
    put_u32(ihdr, (uint32_t)w);
    put_u32(ihdr + 4, (uint32_t)h);
    /* 8-bit RGB, deflate, adaptive filtering, no interlace */
    memcpy(ihdr + 8, (const unsigned char[]){8, 2, 0, 0, 0}, 5);
    p = chunk(p, "IHDR", 13);
    size_t zn = libdeflate_zlib_compress(z, raw, raw_len, p + 8, bound);
    libdeflate_free_compressor(z);
    g_free(raw);
    if (zn == 0) {
        g_byte_array_free(out, TRUE);
        return NULL;
    }
    p = chunk(p, "IDAT", zn);
    p = chunk(p, "IEND", 0);
    g_byte_array_set_size(out, (guint)(p - out->data));
    return out;
}
