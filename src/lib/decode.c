/*
 * decode.c - silent PNG and JPEG decoders for load.c.
 *
 * Leptonica decodes PNG and JPEG through libpng and libjpeg with their
 * default message handlers, which print on stderr: "libpng error: IDAT:
 * invalid code lengths set", "Bogus Huffman table definition", "Corrupt
 * JPEG data: premature end of data segment"... A crafted file (valid CRCs,
 * valid segment structure, broken content) reaches them past load.c's
 * structural gates, and the library must never print. So these two formats,
 * the ones phones and scanners produce, are decoded here, with handlers that
 * keep the message for the error instead of printing it:
 *   - PNG through libpng with an error function that returns here
 *     (longjmp) and a warning function that does nothing; palette, 1-16
 *     bits, transparency (composited on white paper) are handled here, 16
 *     bits keeping the high byte as Leptonica does (libpng's simplified API
 *     would take 16-bit data for linear light and lighten it);
 *   - JPEG through libjpeg with an error manager whose output_message does
 *     nothing and whose error_exit returns here (longjmp); CMYK and YCCK
 *     (Adobe, stored inverted) are converted to RGB here.
 * Both give the header's dimensions first (the pixel gate runs on them
 * before any pixel is decoded) and produce 8 bpp grey or 32 bpp RGB.
 */
#include "internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* jpeglib.h wants size_t and FILE declared first */
#include <jpeglib.h>

/* ---- PNG ---------------------------------------------------------------- */

typedef struct {
    const unsigned char *data;
    size_t len, pos;
    char *msg;
    size_t msglen;
} png_src;

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    png_src *src = png_get_io_ptr(png);
    if (n > src->len - src->pos)
        png_error(png, "truncated PNG");
    memcpy(out, src->data + src->pos, n);
    src->pos += n;
}

/* Fatal error: keep the message, return to the setjmp (libpng's default
 * would print "libpng error: ..." first). */
static void png_fail(png_structp png, png_const_charp m)
{
    png_src *src = png_get_error_ptr(png);
    snprintf(src->msg, src->msglen, "%s", m);
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp m)
{
    (void)png, (void)m;
}

int amcp_png_decode(const unsigned char *data, size_t len, int header_only, int *w, int *h,
                    PIX **out, char *msg, size_t msglen)
{
    png_src src = {data, len, 0, msg, msglen};
    png_structp png;
    png_infop info = NULL;
    /* changed after setjmp and used after longjmp: volatile */
    PIX *volatile pix = NULL;
    png_bytep *volatile rows = NULL;
    unsigned char *volatile buf = NULL;

    if (out)
        *out = NULL;
    msg[0] = 0;
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_fail, png_quiet);
    if (png)
        info = png_create_info_struct(png);
    if (!png || !info) {
        png_destroy_read_struct(&png, &info, NULL);
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        pixDestroy((PIX **)&pix);
        free(rows);
        free(buf);
        if (!msg[0])
            snprintf(msg, msglen, "PNG decoding failed");
        return -1;
    }
    png_set_read_fn(png, &src, png_read_mem);
    /* the gate checks the pixel count; libpng's own cap would only be lower */
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);
    *w = (int)png_get_image_width(png, info);
    *h = (int)png_get_image_height(png, info);
    if (header_only) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }

    /* Everything to 8-bit grey or RGB, with alpha when there is some. */
    int type = png_get_color_type(png, info);
    png_set_strip_16(png); /* keeps the high byte, as Leptonica does */
    png_set_packing(png);
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS))
        png_set_tRNS_to_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ch = png_get_channels(png, info);
    int colour = ch >= 3, alpha = ch == 2 || ch == 4;
    size_t rowbytes = png_get_rowbytes(png, info);
    png_uint_32 W = png_get_image_width(png, info), H = png_get_image_height(png, info);
    if (rowbytes != (size_t)W * ch) {
        snprintf(msg, msglen, "unexpected PNG row size");
        png_longjmp(png, 1);
    }
    buf = malloc(H ? rowbytes * H : 1);
    rows = malloc(sizeof *rows * (H ? H : 1));
    pix = pixCreate((l_int32)W, (l_int32)H, colour ? 32 : 8);
    if (!buf || !rows || !pix) {
        snprintf(msg, msglen, "out of memory");
        png_longjmp(png, 1);
    }
    for (png_uint_32 y = 0; y < H; y++)
        rows[y] = buf + (size_t)y * rowbytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    l_uint32 *dst = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (png_uint_32 y = 0; y < H; y++) {
        const unsigned char *row = rows[y];
        l_uint32 *line = dst + (size_t)y * wpl;
        for (png_uint_32 x = 0; x < W; x++) {
            const unsigned char *px = row + (size_t)x * ch;
            int a = alpha ? px[ch - 1] : 255;
            /* transparent parts are white paper */
            int v[3];
            for (int k = 0; k < (colour ? 3 : 1); k++)
                v[k] = (px[k] * a + 255 * (255 - a) + 127) / 255;
            if (colour)
                composeRGBPixel(v[0], v[1], v[2], line + x);
            else
                SET_DATA_BYTE(line, x, v[0]);
        }
    }
    if (colour)
        pixSetSpp(pix, 3);
    png_uint_32 rx = 0, ry = 0;
    int unit = 0;
    if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER)
        pixSetResolution(pix, (l_int32)(rx * 0.0254 + 0.5), (l_int32)(ry * 0.0254 + 0.5));
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    free(buf);
    *out = pix;
    return 0;
}

/* ---- JPEG --------------------------------------------------------------- */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf back;
    char message[JMSG_LENGTH_MAX];
} silent_err;

/* Fatal error: keep the message, return to the setjmp. */
static void jpeg_fail(j_common_ptr c)
{
    silent_err *e = (silent_err *)c->err;
    (*c->err->format_message)(c, e->message);
    longjmp(e->back, 1);
}

/* Warnings and traces: libjpeg would print them on stderr. */
static void jpeg_quiet(j_common_ptr c)
{
    (void)c;
}

int amcp_jpeg_decode(const unsigned char *data, size_t len, int header_only, int *w, int *h,
                     PIX **out, char *msg, size_t msglen)
{
    struct jpeg_decompress_struct c;
    silent_err e;
    /* changed after setjmp and used after longjmp: volatile */
    PIX *volatile pix = NULL;
    unsigned char *volatile row = NULL;

    if (out)
        *out = NULL;
    memset(&c, 0, sizeof c);
    memset(&e, 0, sizeof e);
    c.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = jpeg_fail;
    e.pub.output_message = jpeg_quiet;
    if (setjmp(e.back)) {
        snprintf(msg, msglen, "%s", e.message);
        jpeg_destroy_decompress(&c);
        pixDestroy((PIX **)&pix);
        free(row);
        return -1;
    }
    jpeg_create_decompress(&c);
    jpeg_mem_src(&c, data, (unsigned long)len);
    jpeg_read_header(&c, TRUE);
    *w = (int)c.image_width;
    *h = (int)c.image_height;
    if (header_only) {
        jpeg_destroy_decompress(&c);
        return 0;
    }
    int cmyk = c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK;
    int grey = c.num_components == 1;
    c.out_color_space = grey ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&c);
    if (c.output_width != c.image_width || c.output_height != c.image_height ||
        c.output_components != (grey ? 1 : cmyk ? 4 : 3)) {
        snprintf(e.message, sizeof e.message, "unexpected JPEG output format");
        longjmp(e.back, 1);
    }
    pix = pixCreate((l_int32)c.output_width, (l_int32)c.output_height, grey ? 8 : 32);
    row = malloc((size_t)c.output_width * (size_t)c.output_components);
    if (!pix || !row) {
        snprintf(e.message, sizeof e.message, "out of memory");
        longjmp(e.back, 1);
    }
    l_uint32 *dst = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    /* Adobe writes CMYK inverted (255 = no ink); others write ink amounts. */
    int inverted = c.saw_Adobe_marker;
    while (c.output_scanline < c.output_height) {
        JSAMPROW r = row;
        JDIMENSION y = c.output_scanline;
        if (jpeg_read_scanlines(&c, &r, 1) != 1)
            break;
        l_uint32 *line = dst + (size_t)y * wpl;
        for (JDIMENSION x = 0; x < c.output_width; x++) {
            if (grey) {
                SET_DATA_BYTE(line, x, row[x]);
            } else if (cmyk) {
                int k4[4];
                for (int i = 0; i < 4; i++)
                    k4[i] = inverted ? row[4 * x + i] : 255 - row[4 * x + i];
                /* k4 now holds "paper left": 255 = white */
                composeRGBPixel(k4[0] * k4[3] / 255, k4[1] * k4[3] / 255,
                                k4[2] * k4[3] / 255, line + x);
            } else {
                composeRGBPixel(row[3 * x], row[3 * x + 1], row[3 * x + 2], line + x);
            }
        }
    }
    int dpi = c.density_unit == 1   ? c.X_density
              : c.density_unit == 2 ? (int)(c.X_density * 2.54 + 0.5)
                                    : 0;
    jpeg_finish_decompress(&c);
    jpeg_destroy_decompress(&c);
    free(row);
    if (!grey)
        pixSetSpp(pix, 3);
    pixSetResolution(pix, dpi, dpi);
    *out = pix;
    return 0;
}
