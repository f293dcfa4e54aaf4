/* chart_png.c: write a cairo RGB24 image surface as a PNG file.
 *
 * Design choice: cairo_surface_write_to_png compresses at zlib's default
 * level with every row filter tried, which made PNG encoding four fifths of
 * the time to write all charts. Charts are flat colour with antialiased
 * edges, so unfiltered rows at zlib level 3 give files about the same size
 * in a quarter of the time. Compression is GIO's GZlibCompressor (zlib), so
 * no PNG code is hand-rolled beyond the chunk framing and its CRC-32. The
 * output depends only on the pixels: no time or text chunks. */
#include "chart_frame.h"

#include <gio/gio.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define PNG_ZLIB_LEVEL 3

static uint32_t crc_table[256];

static gpointer crc_init(gpointer unused)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    return NULL;
}

static uint32_t crc_update(uint32_t c, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c;
}

static void put_u32(GByteArray *b, uint32_t v)
{
    unsigned char x[4] = {v >> 24, v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF};
    g_byte_array_append(b, x, 4);
}

static void chunk(GByteArray *out, const char *type, const unsigned char *data, size_t n)
{
    put_u32(out, (uint32_t)n);
    g_byte_array_append(out, (const guint8 *)type, 4);
    if (n)
        g_byte_array_append(out, data, (guint)n);
    uint32_t c = crc_update(0xFFFFFFFFu, (const unsigned char *)type, 4);
    c = crc_update(c, data, n);
    put_u32(out, c ^ 0xFFFFFFFFu);
}

/* Feed n bytes (the last call with at_end) to the compressor, appending
 * what it gives to out. False on a zlib error. */
static bool feed(GConverter *z, const unsigned char *in, size_t n, bool at_end, GByteArray *out)
{
    unsigned char buf[32768];
    size_t pos = 0;
    for (;;) {
        gsize read = 0, written = 0;
        GError *err = NULL;
        GConverterResult r = g_converter_convert(z, in + pos, n - pos, buf, sizeof buf,
                                                 at_end ? G_CONVERTER_INPUT_AT_END
                                                        : G_CONVERTER_NO_FLAGS,
                                                 &read, &written, &err);
        if (r == G_CONVERTER_ERROR) {
            g_error_free(err);
            return false;
        }
        pos += read;
        g_byte_array_append(out, buf, (guint)written);
        if (r == G_CONVERTER_FINISHED || (!at_end && pos == n && written < sizeof buf))
            return true;
    }
}

GByteArray *chart_png_encode(cairo_surface_t *s)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, crc_init, NULL);
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    if (!data || w <= 0 || h <= 0 || cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
        return NULL;
    /* Rows of filter byte 0 and RGB, compressed one at a time. */
    size_t row_len = 1 + (size_t)w * 3;
    unsigned char *row = g_malloc(row_len);
    GZlibCompressor *zc = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, PNG_ZLIB_LEVEL);
    GByteArray *z = g_byte_array_sized_new(row_len * (guint)h / 16 + 4096);
    bool ok = true;
    for (int y = 0; y < h && ok; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        unsigned char *o = row;
        *o++ = 0;
        for (int x = 0; x < w; x++) {
            *o++ = (unsigned char)(px[x] >> 16);
            *o++ = (unsigned char)(px[x] >> 8);
            *o++ = (unsigned char)px[x];
        }
        ok = feed(G_CONVERTER(zc), row, row_len, false, z);
    }
    ok = ok && feed(G_CONVERTER(zc), NULL, 0, true, z);
    g_object_unref(zc);
    g_free(row);
    if (!ok) {
        g_byte_array_free(z, TRUE);
        return NULL;
    }
    GByteArray *out = g_byte_array_sized_new(z->len + 64);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    g_byte_array_append(out, sig, 8);
    unsigned char ihdr[13] = {(unsigned char)(w >> 24), (unsigned char)(w >> 16),
                              (unsigned char)(w >> 8), (unsigned char)w,
                              (unsigned char)(h >> 24), (unsigned char)(h >> 16),
                              (unsigned char)(h >> 8), (unsigned char)h,
                              8, 2, 0, 0, 0}; /* 8-bit RGB, deflate, adaptive, no interlace */
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    chunk(out, "IDAT", z->data, z->len);
    chunk(out, "IEND", NULL, 0);
    g_byte_array_free(z, TRUE);
    return out;
}
