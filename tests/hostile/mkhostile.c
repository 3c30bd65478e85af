/*
 * mkhostile - writes the corpus of broken and hostile input files that
 * tests/hostile/test_hostile.sh feeds to `amcread read`, and the small valid
 * files of every format that scripts/fuzz.sh uses as seeds.
 *
 *   mkhostile OUT_DIR [CERTIFICATE_IMAGE]
 *
 * Everything is made here, deterministically, so that no binary is committed:
 * PNG, GIF and PDF by hand (their structure is the point of the test), JPEG
 * through libjpeg (CMYK needs it), TIFF, WebP, BMP and PNM through Leptonica.
 * With CERTIFICATE_IMAGE (a sample), it is also re-encoded as JPEG and
 * written under a misleading extension (the content must decide).
 * The list of files and what amcread must answer for each is in
 * test_hostile.sh; the files are described next to the code that makes them.
 */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
/* jpeglib.h needs size_t and FILE first */
#include <jpeglib.h>

static const char *outdir;
static int failures;

/* ---- small helpers ------------------------------------------------------ */

typedef struct {
    unsigned char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            fprintf(stderr, "mkhostile: out of memory\n");
            exit(1);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void putc1(buf *b, unsigned c)
{
    unsigned char x = (unsigned char)c;
    put(b, &x, 1);
}

static void printfb(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printfb(buf *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, (size_t)n);
}

static void save(const char *name, const void *data, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        fprintf(stderr, "mkhostile: cannot write %s: %s\n", path, strerror(errno));
        failures++;
    }
}

static void save_buf(const char *name, buf *b)
{
    save(name, b->p, b->n);
}

/* Deterministic pseudo-random bytes (no /dev/urandom: runs must repeat). */
static uint32_t rng = 20260615u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void be32(buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(b, x, 4);
}

static void le16(buf *b, unsigned v)
{
    putc1(b, v & 0xff);
    putc1(b, (v >> 8) & 0xff);
}

/* A grey image with a frame and a few dark bars, so it is not uniform. */
static PIX *drawing(int w, int h, int depth)
{
    PIX *pix = pixCreate(w, h, 8);
    pixSetAllArbitrary(pix, 255);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2 ||
                ((y / 6) % 3 == 1 && x > w / 8 && x < w - w / 8))
                pixSetPixel(pix, x, y, 20);
    if (depth == 8)
        return pix;
    PIX *out = depth == 32 ? pixConvertTo32(pix) : pixConvert8To16(pix, 8);
    pixDestroy(&pix);
    return out;
}

static void save_pix(const char *name, PIX *pix, int format)
{
    l_uint8 *data = NULL;
    size_t n = 0;
    if (pixWriteMem(&data, &n, pix, format) != 0 || !data) {
        fprintf(stderr, "mkhostile: Leptonica cannot write %s\n", name);
        failures++;
        return;
    }
    save(name, data, n);
    lept_free(data);
}

/* ---- PNG by hand --------------------------------------------------------- */

static void png_chunk(buf *b, const char *type, const unsigned char *data, size_t n)
{
    be32(b, (uint32_t)n);
    size_t at = b->n;
    put(b, type, 4);
    if (n)
        put(b, data, n);
    be32(b, (uint32_t)crc32(0, b->p + at, (uInt)(n + 4)));
}

/* A PNG of w x h 8-bit grey whose rows are all white (the filter byte 0
 * then w bytes of 255), deflated as a stream so that nothing of w*h is ever
 * held in memory. With big w and h this is the classic decompression bomb:
 * 20000 x 20000 is about 400 KB on disk, 400 MB decoded. rows_written < h
 * makes the IDAT hold fewer rows than the header claims. */
static void png_white(buf *b, uint32_t w, uint32_t h, uint32_t rows_written)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char ihdr[13];
    put(b, sig, 8);
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
        ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 0;  /* grey */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    png_chunk(b, "IHDR", ihdr, sizeof ihdr);

    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit(&z, 9);
    unsigned char *row = malloc((size_t)w + 1);
    unsigned char out[65536];
    buf idat = {0};
    row[0] = 0;
    memset(row + 1, 255, w);
    for (uint32_t y = 0; y <= rows_written; y++) {
        int last = y == rows_written;
        z.next_in = last ? NULL : row;
        z.avail_in = last ? 0 : (uInt)(w + 1);
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            put(&idat, out, sizeof out - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    free(row);
    png_chunk(b, "IDAT", idat.p, idat.n);
    free(idat.p);
    png_chunk(b, "IEND", NULL, 0);
}

/* ---- GIF by hand ----------------------------------------------------------- */

/* LZW-encodes `n` palette indices (code size 2) without ever growing the
 * code width: a clear code every few codes keeps every code 3 bits wide, so
 * the encoder is a plain bit writer. Valid for every decoder, just large. */
static void gif_lzw(buf *b, const unsigned char *px, size_t n)
{
    buf data = {0};
    uint32_t acc = 0;
    int bits = 0, since_clear = 0;
    const unsigned clear = 4, eoi = 5;
#define EMIT(code)                                                                       \
    do {                                                                                 \
        acc |= (uint32_t)(code) << bits;                                                 \
        bits += 3;                                                                       \
        while (bits >= 8) {                                                              \
            putc1(&data, acc & 0xff);                                                    \
            acc >>= 8;                                                                   \
            bits -= 8;                                                                   \
        }                                                                                \
    } while (0)
    EMIT(clear);
    for (size_t i = 0; i < n; i++) {
        /* table holds 6 entries after a clear; each literal after the first
         * adds one; at 8 the width would grow: clear before that */
        if (since_clear == 2) {
            EMIT(clear);
            since_clear = 0;
        }
        EMIT(px[i] & 3);
        since_clear++;
    }
    EMIT(eoi);
    if (bits)
        putc1(&data, acc & 0xff);
#undef EMIT
    putc1(b, 2); /* LZW minimum code size */
    for (size_t i = 0; i < data.n; i += 255) {
        size_t k = data.n - i < 255 ? data.n - i : 255;
        putc1(b, (unsigned)k);
        put(b, data.p + i, k);
    }
    putc1(b, 0);
    free(data.p);
}

/* An animated GIF89a of `frames` frames of w x h (looping, 4-colour palette).
 * With `empty`, each frame's pixel data is only "clear, end": the headers
 * claim the sizes, the file stays tiny. */
static void gif_animated(buf *b, unsigned w, unsigned h, int frames, int empty)
{
    static const unsigned char pal[12] = {255, 255, 255, 0, 0, 0, 128, 128, 128, 200, 0, 0};
    put(b, "GIF89a", 6);
    le16(b, w);
    le16(b, h);
    putc1(b, 0x80 | 0x10 | 1); /* global table, 2 bits/colour, 4 entries */
    putc1(b, 0);
    putc1(b, 0);
    put(b, pal, sizeof pal);
    /* NETSCAPE2.0 loop extension: what makes viewers animate it */
    put(b, "\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19);
    unsigned char *px = malloc(empty ? 1 : (size_t)w * h);
    for (int f = 0; f < frames; f++) {
        for (unsigned y = 0; y < h && !empty; y++)
            for (unsigned x = 0; x < w; x++)
                px[y * w + x] = (x + y + (unsigned)f * 7) % 23 == 0 ? 1 : 0;
        put(b, "\x21\xf9\x04\x04\x0a\x00\x00\x00", 8); /* 0.1 s per frame */
        putc1(b, 0x2c);
        le16(b, 0);
        le16(b, 0);
        le16(b, w);
        le16(b, h);
        putc1(b, 0);
        gif_lzw(b, px, empty ? 0 : (size_t)w * h);
    }
    free(px);
    putc1(b, 0x3b);
}

/* ---- PDF by hand ------------------------------------------------------------ */

/* Writes objects 1..n with an xref table. The catalog is object 1, the page
 * tree object 2. `objs[i]` is the body of object i + 1. `trailer_extra` is
 * added to the trailer dictionary (the /Encrypt of the encrypted case). */
static void pdf_write(buf *b, char **objs, int n, const char *trailer_extra)
{
    size_t *off = calloc((size_t)n + 1, sizeof *off);
    printfb(b, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
    for (int i = 0; i < n; i++) {
        off[i + 1] = b->n;
        printfb(b, "%d 0 obj\n", i + 1);
        put(b, objs[i], strlen(objs[i]));
        printfb(b, "\nendobj\n");
    }
    size_t xref = b->n;
    printfb(b, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 1; i <= n; i++)
        printfb(b, "%010zu 00000 n \n", off[i]);
    printfb(b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%zu\n%%%%EOF\n", n + 1,
            trailer_extra ? trailer_extra : "", xref);
    free(off);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* A PDF of `pages` pages of w x h points sharing one content stream (a few
 * lines of text in Helvetica and a frame), so thousands of pages stay small. */
static void pdf_pages(buf *b, double w, double h, int pages, const char *trailer_extra)
{
    int n = 4 + pages;
    char **objs = calloc((size_t)n, sizeof *objs);
    const char *content = "BT /F1 12 Tf 72 700 Td (Document de test sans attestation) Tj "
                          "0 -20 Td (Page de texte ordinaire.) Tj ET "
                          "2 w 36 36 200 100 re S";
    objs[0] = fmt("<< /Type /Catalog /Pages 2 0 R >>");
    buf kids = {0};
    for (int i = 0; i < pages; i++)
        printfb(&kids, "%d 0 R ", 5 + i);
    putc1(&kids, 0);
    objs[1] = fmt("<< /Type /Pages /Count %d /Kids [%s] >>", pages, (char *)kids.p);
    free(kids.p);
    objs[2] = fmt("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    objs[3] = fmt("<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
    for (int i = 0; i < pages; i++)
        objs[4 + i] = fmt("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] "
                          "/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
                          w, h);
    pdf_write(b, objs, n, trailer_extra);
    for (int i = 0; i < n; i++)
        free(objs[i]);
    free(objs);
}

/* A one-page PDF drawing one image XObject of w x h white grey pixels,
 * deflated as a stream (20000 x 20000 is ~400 KB). With by_ref, /Width and
 * /Height are references to plain objects ("6 0 R"). */
static void pdf_image(buf *b, uint32_t w, uint32_t h, int by_ref)
{
    buf img = {0};
    z_stream z;
    unsigned char out[65536];
    unsigned char *row = malloc(w);
    memset(row, 255, w);
    memset(&z, 0, sizeof z);
    deflateInit(&z, 9);
    for (uint32_t y = 0; y <= h; y++) {
        int last = y == h;
        z.next_in = last ? NULL : row;
        z.avail_in = last ? 0 : w;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            put(&img, out, sizeof out - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    free(row);

    const char *content = "q 500 0 0 700 50 50 cm /Im1 Do Q";
    size_t off[8];
    int n = 0;
    printfb(b, "%%PDF-1.4\n");
    off[++n] = b->n;
    printfb(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[++n] = b->n;
    printfb(b, "2 0 obj\n<< /Type /Pages /Count 1 /Kids [3 0 R] >>\nendobj\n");
    off[++n] = b->n;
    printfb(b, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
               "<< /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n");
    off[++n] = b->n;
    if (by_ref)
        printfb(b, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width 6 0 R /Height 7 0 R");
    else
        printfb(b, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width %u /Height %u", w, h);
    printfb(b, " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %zu "
               ">>\nstream\n", img.n);
    put(b, img.p, img.n);
    printfb(b, "\nendstream\nendobj\n");
    off[++n] = b->n;
    printfb(b, "5 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", strlen(content),
            content);
    off[++n] = b->n;
    printfb(b, "6 0 obj\n%u\nendobj\n", w);
    off[++n] = b->n;
    printfb(b, "7 0 obj\n%u\nendobj\n", h);
    size_t xref = b->n;
    printfb(b, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 1; i <= n; i++)
        printfb(b, "%010zu 00000 n \n", off[i]);
    printfb(b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", n + 1, xref);
    free(img.p);
}

/* ---- JPEG through libjpeg (CMYK, which Leptonica does not write) ----------- */

static void jpeg_cmyk(const char *name, int w, int h)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    unsigned char *mem = NULL;
    unsigned long n = 0;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &n);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 4;
    c.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&c);
    jpeg_set_colorspace(&c, JCS_CMYK); /* also writes the Adobe marker */
    jpeg_set_quality(&c, 90, TRUE);
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = malloc((size_t)w * 4);
    while (c.next_scanline < c.image_height) {
        int y = (int)c.next_scanline;
        for (int x = 0; x < w; x++) {
            int ink = (y / 6) % 3 == 1 && x > w / 8 && x < w - w / 8;
            /* Adobe CMYK JPEGs are stored inverted: 255 is no ink */
            row[4 * x] = row[4 * x + 1] = row[4 * x + 2] = 255;
            row[4 * x + 3] = ink ? 30 : 255;
        }
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    save(name, mem, n);
    free(row);
    free(mem);
}

/* ---- the corpus ------------------------------------------------------------ */

static buf slurp(const char *name)
{
    char path[4096];
    buf b = {0};
    unsigned char tmp[65536];
    size_t r;
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        failures++;
        return b;
    }
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        put(&b, tmp, r);
    fclose(f);
    return b;
}

/* A PNG whose chunks and CRCs are all valid but whose IDAT holds broken
 * deflate data: past every structural check, libpng itself fails. */
static void png_bad_zlib(const char *name, const char *from_name)
{
    buf in = slurp(from_name), out = {0};
    size_t i = 8;
    if (in.n < 8)
        return;
    put(&out, in.p, 8);
    while (i + 12 <= in.n) {
        uint32_t n = (uint32_t)in.p[i] << 24 | (uint32_t)in.p[i + 1] << 16 |
                     (uint32_t)in.p[i + 2] << 8 | in.p[i + 3];
        if (n > in.n - i - 12)
            break;
        char type[5] = {0};
        memcpy(type, in.p + i + 4, 4);
        unsigned char *body = in.p + i + 8;
        if (!strcmp(type, "IDAT"))
            for (uint32_t k = 2; k + 4 < n; k += 3)
                body[k] ^= 0x55;
        png_chunk(&out, type, body, n);
        i += 12 + n;
    }
    save_buf(name, &out);
    free(in.p);
    free(out.p);
}

/* A JPEG whose segment structure is intact (the gate passes it) but whose
 * content is broken: `what` 'h' makes the Huffman tables impossible (a fatal
 * libjpeg error), 's' flips bits of the entropy-coded scan (libjpeg only
 * warns, and decodes garbage). */
static void jpeg_broken(const char *name, const char *from_name, char what)
{
    buf b = slurp(from_name);
    size_t i = 2;
    while (i + 4 <= b.n && b.p[i] == 0xff) {
        unsigned m = b.p[i + 1];
        size_t len = (size_t)b.p[i + 2] << 8 | b.p[i + 3];
        if (m == 0xc4 && what == 'h') {
            memset(b.p + i + 5, 0xff, 16); /* 16 code counts of 255: > 256 codes */
            break;
        }
        if (m == 0xda && what == 's') {
            for (size_t k = i + 2 + len + 7; k + 2 < b.n; k += 13)
                if (b.p[k] != 0xff && b.p[k - 1] != 0xff && (b.p[k] ^ 0x5a) != 0xff)
                    b.p[k] ^= 0x5a;
            break;
        }
        i += 2 + len;
    }
    save_buf(name, &b);
    free(b.p);
}

static void truncated_copy(const char *name, const char *from_name, double keep)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, from_name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        failures++;
        return;
    }
    buf b = {0};
    unsigned char tmp[65536];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        put(&b, tmp, r);
    fclose(f);
    save(name, b.p, (size_t)((double)b.n * keep));
    free(b.p);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: mkhostile OUT_DIR [CERTIFICATE_IMAGE]\n");
        return 2;
    }
    outdir = argv[1];
    setMsgSeverity(L_SEVERITY_NONE);
    buf b = {0};

    /* Small valid files of every format: fuzz seeds, and each must be READ
     * by amcread (not a certificate: a drawing). */
    PIX *grey = drawing(96, 64, 8), *rgb = drawing(96, 64, 32), *g16 = drawing(96, 64, 16);
    save_pix("ok-grey.png", grey, IFF_PNG);
    save_pix("ok-rgb.jpg", rgb, IFF_JFIF_JPEG);
    save_pix("ok-16bit.tif", g16, IFF_TIFF_ZIP);
    save_pix("ok-16bit.png", g16, IFF_PNG);
    save_pix("ok.webp", rgb, IFF_WEBP);
    save_pix("ok.bmp", rgb, IFF_BMP);
    save_pix("ok.pgm", grey, IFF_PNM);
    PIX *bw = pixConvertTo1(grey, 128);
    save_pix("ok-g4.tif", bw, IFF_TIFF_G4);
    pixDestroy(&bw);
    jpeg_cmyk("ok-cmyk.jpg", 96, 64);
    gif_animated(&b, 96, 64, 3, 0);
    save_buf("ok-animated.gif", &b);
    b.n = 0;
    pdf_pages(&b, 595, 842, 1, NULL);
    save_buf("ok-a4.pdf", &b);
    b.n = 0;
    pixDestroy(&grey);
    pixDestroy(&rgb);
    pixDestroy(&g16);

    /* Pages that are images but no certificate: exit 4, JSON printed. */
    PIX *one = pixCreate(1, 1, 8);
    pixSetAllArbitrary(one, 0);
    save_pix("one-pixel.png", one, IFF_PNG);
    pixDestroy(&one);
    PIX *blank = pixCreate(1240, 1754, 8); /* A4 at 150 dpi */
    pixSetAllArbitrary(blank, 255);
    pixSetResolution(blank, 150, 150);
    save_pix("blank-a4.png", blank, IFF_PNG);
    pixDestroy(&blank);

    /* Broken: exit 3, one line on stderr. */
    save("empty.png", "", 0);
    for (int i = 0; i < 4096; i++)
        putc1(&b, next_rand() & 0xff);
    save_buf("random.bin", &b);
    b.n = 0;
    const char *text = "Ceci est un fichier texte, pas une image.\n";
    save("text.png", text, strlen(text));
    save("text.jpg", text, strlen(text));
    truncated_copy("truncated.png", "ok-grey.png", 0.6);
    truncated_copy("truncated.jpg", "ok-rgb.jpg", 0.6);
    truncated_copy("truncated.pdf", "ok-a4.pdf", 0.5);
    truncated_copy("truncated.webp", "ok.webp", 0.5);
    truncated_copy("truncated.tif", "ok-16bit.tif", 0.5);
    truncated_copy("truncated.gif", "ok-animated.gif", 0.5);
    /* Structure intact, content broken: the decoders fail (or warn) and must
     * not print. */
    png_bad_zlib("broken-deflate.png", "ok-grey.png");
    jpeg_broken("broken-huffman.jpg", "ok-rgb.jpg", 'h');
    jpeg_broken("broken-scan.jpg", "ok-rgb.jpg", 's');

    /* Over a limit: exit 3, the message names the limit. */
    png_white(&b, 20000, 20000, 20000); /* 400 MB of pixels in ~400 KB */
    save_buf("bomb-20000x20000.png", &b);
    b.n = 0;
    png_white(&b, 2000000, 2000000, 1); /* the header alone claims 4 Tpx */
    save_buf("header-2Mx2M.png", &b);
    b.n = 0;
    gif_animated(&b, 3000, 3000, 10, 1); /* 10 frames of 9 Mpx: 90 Mpx */
    save_buf("gif-90Mpx-in-frames.gif", &b);
    b.n = 0;
    pdf_pages(&b, 200000, 842, 1, NULL);
    save_buf("pdf-200000pt-page.pdf", &b);
    b.n = 0;

    /* An image inside a PDF: poppler would draw it at full size. */
    pdf_image(&b, 20000, 20000, 0);
    save_buf("pdf-image-20000x20000.pdf", &b);
    b.n = 0;
    pdf_image(&b, 20000, 20000, 1);
    save_buf("pdf-image-size-by-reference.pdf", &b);
    b.n = 0;
    pdf_image(&b, 1000, 1400, 0); /* within the limits: read */
    save_buf("ok-pdf-image.pdf", &b);
    b.n = 0;
    /* 20 MB of "/Image" tokens: the raw scan must stay linear. */
    printfb(&b, "%%PDF-1.4\n1 0 obj\n");
    for (int i = 0; i < 20 * 1024 * 1024 / 7; i++)
        put(&b, "/Image ", 7);
    save_buf("pdf-flood-of-image-tokens.pdf", &b);
    b.n = 0;

    /* Many pages: only the first pages are read (max_pdf_pages). */
    pdf_pages(&b, 595, 842, 5000, NULL);
    save_buf("pdf-5000-pages.pdf", &b);
    b.n = 0;

    /* Encrypted with a user password we do not have: the /U entry matches
     * no password, as for any PDF protected by a password (the content
     * cannot be decrypted, so it does not matter what it is). */
    {
        char o[65] = "", u[65] = "";
        for (int i = 0; i < 32; i++) {
            snprintf(o + 2 * i, 3, "%02x", next_rand() & 0xff);
            snprintf(u + 2 * i, 3, "%02x", next_rand() & 0xff);
        }
        char *enc = fmt("/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "
                        "/O <%s> /U <%s> >> /ID [<0123456789abcdef0123456789abcdef> "
                        "<0123456789abcdef0123456789abcdef>] ",
                        o, u);
        pdf_pages(&b, 595, 842, 1, enc);
        free(enc);
        save_buf("encrypted.pdf", &b);
        b.n = 0;
    }

    /* A certificate under a misleading name: the content decides. */
    if (argc == 3) {
        PIX *cert = pixRead(argv[2]);
        if (!cert) {
            fprintf(stderr, "mkhostile: cannot read %s\n", argv[2]);
            failures++;
        } else {
            save_pix("certificate-jpeg.tif", cert, IFF_JFIF_JPEG);
            pixDestroy(&cert);
        }
    }
    free(b.p);
    return failures ? 1 : 0;
}
