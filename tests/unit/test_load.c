/*
 * test_load.c - unit tests of load.c (bytes -> pages), no OCR involved.
 *
 * Every input is made here, in memory: small images written by Leptonica,
 * PDFs drawn with cairo's PDF surface, and hostile bytes (random, truncated,
 * a PNG header claiming 100000x100000 pixels with a valid CRC).
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

/* Through cairo/ so that no cairo include dir is needed. */
#include <cairo/cairo-pdf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static const amcp_limits limits = {50u * 1024 * 1024, 60000000L, 4};

/* ---- helpers ---- */

/* Writes `pix` in `format` to a new buffer (free()). */
static unsigned char *encode(PIX *pix, int format, size_t *len)
{
    l_uint8 *data = NULL;
    assert_int_equal(pixWriteMem(&data, len, pix, format), 0);
    assert_non_null(data);
    return data;
}

/* A w x h grey image with a black rectangle, so it is not uniform. */
static PIX *make_grey(int w, int h)
{
    PIX *pix = pixCreate(w, h, 8);
    pixSetAllArbitrary(pix, 255);
    for (int y = h / 4; y < h / 2; y++)
        for (int x = w / 4; x < w / 2; x++)
            pixSetPixel(pix, x, y, 0);
    return pix;
}

/* Decodes `data` expecting success with one page of w x h. Returns the page
 * array (free with amcp_pages_free(p, 1)). */
static amcp_page *load_one(const unsigned char *data, size_t len, int w, int h)
{
    amcp_page *pages = NULL;
    amc_error err;
    memset(&err, 0, sizeof err);
    int n = amcp_load(data, len, &limits, &pages, &err);
    if (n != 1)
        fail_msg("amcp_load returned %d: %s", n, err.message);
    assert_non_null(pages);
    assert_non_null(pages[0].pix);
    assert_int_equal(pixGetWidth(pages[0].pix), w);
    assert_int_equal(pixGetHeight(pages[0].pix), h);
    int d = pixGetDepth(pages[0].pix);
    assert_true(d == 8 || d == 32);
    assert_null(pixGetColormap(pages[0].pix));
    return pages;
}

/* Expects amcp_load to fail with `code`; returns the error. */
static amc_error load_fails(const unsigned char *data, size_t len, const amcp_limits *lim,
                            amc_status code)
{
    amcp_page *pages = (amcp_page *)1;
    amc_error err;
    memset(&err, 0, sizeof err);
    int n = amcp_load(data, len, lim, &pages, &err);
    assert_int_equal(n, -1);
    assert_null(pages);
    if (err.code != code)
        fail_msg("expected %s, got %s: %s", amc_status_name(code), amc_status_name(err.code),
                 err.message);
    assert_true(err.message[0] != '\0');
    return err;
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return c ^ 0xffffffffu;
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* cairo PDF in memory */
typedef struct {
    unsigned char *p;
    size_t n, cap;
} membuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *b = closure;
    if (b->n + len > b->cap) {
        size_t cap = (b->n + len) * 2;
        unsigned char *q = realloc(b->p, cap);
        if (!q)
            return CAIRO_STATUS_NO_MEMORY;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    return CAIRO_STATUS_SUCCESS;
}

/* A PDF of `npages` pages of w x h points with a black box on each. */
static membuf make_pdf(double w, double h, int npages)
{
    membuf b = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, &b, w, h);
    cairo_t *cr = cairo_create(s);
    for (int i = 0; i < npages; i++) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_rectangle(cr, 10, 10, w / 4, h / 4);
        cairo_fill(cr);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return b;
}

/* ---- images ---- */

static void test_png_grey(void **state)
{
    (void)state;
    PIX *pix = make_grey(200, 100);
    pixSetResolution(pix, 300, 300);
    size_t len;
    unsigned char *data = encode(pix, IFF_PNG, &len);
    amcp_page *pages = load_one(data, len, 200, 100);
    assert_int_equal(pixGetDepth(pages[0].pix), 8);
    assert_int_equal(pages[0].dpi, 300);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
}

static void test_jpeg_rgb(void **state)
{
    (void)state;
    PIX *grey = make_grey(120, 80);
    PIX *pix = pixConvertTo32(grey);
    size_t len;
    unsigned char *data = encode(pix, IFF_JFIF_JPEG, &len);
    amcp_page *pages = load_one(data, len, 120, 80);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
    pixDestroy(&grey);
}

static void test_tiff_1bpp(void **state)
{
    (void)state;
    PIX *grey = make_grey(64, 48);
    PIX *pix = pixThresholdToBinary(grey, 128);
    size_t len;
    unsigned char *data = encode(pix, IFF_TIFF_G4, &len);
    assert_true(memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0);
    amcp_page *pages = load_one(data, len, 64, 48);
    /* 1 bpp became 8 bpp: white stays white, black stays black. */
    assert_int_equal(pixGetDepth(pages[0].pix), 8);
    l_uint32 v;
    pixGetPixel(pages[0].pix, 0, 0, &v);
    assert_int_equal(v, 255);
    pixGetPixel(pages[0].pix, 20, 15, &v);
    assert_int_equal(v, 0);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
    pixDestroy(&grey);
}

static void test_png_colormap(void **state)
{
    (void)state;
    PIX *pix = pixCreate(30, 20, 8);
    PIXCMAP *cmap = pixcmapCreate(8);
    pixcmapAddColor(cmap, 255, 255, 255);
    pixcmapAddColor(cmap, 200, 0, 0);
    pixSetColormap(pix, cmap);
    pixSetPixel(pix, 5, 5, 1);
    size_t len;
    unsigned char *data = encode(pix, IFF_PNG, &len);
    amcp_page *pages = load_one(data, len, 30, 20);
    assert_int_equal(pixGetDepth(pages[0].pix), 32);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
}

static void test_png_alpha_on_white(void **state)
{
    (void)state;
    PIX *pix = pixCreate(10, 10, 32);
    pixSetSpp(pix, 4);
    /* Everything black but fully transparent, except one opaque pixel. */
    pixSetAllArbitrary(pix, 0x00000000);
    pixSetPixel(pix, 3, 3, 0x000000ff);
    size_t len;
    unsigned char *data = encode(pix, IFF_PNG, &len);
    amcp_page *pages = load_one(data, len, 10, 10);
    PIX *p = pages[0].pix;
    assert_int_equal(pixGetDepth(p), 32);
    assert_int_equal(pixGetSpp(p), 3);
    l_uint32 v;
    l_int32 r, g, b;
    pixGetPixel(p, 0, 0, &v);
    extractRGBValues(v, &r, &g, &b);
    assert_true(r == 255 && g == 255 && b == 255);
    pixGetPixel(p, 3, 3, &v);
    extractRGBValues(v, &r, &g, &b);
    assert_true(r == 0 && g == 0 && b == 0);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
}

static void test_absurd_dpi_ignored(void **state)
{
    (void)state;
    PIX *pix = make_grey(20, 20);
    pixSetResolution(pix, 10, 10);
    size_t len;
    unsigned char *data = encode(pix, IFF_PNG, &len);
    amcp_page *pages = load_one(data, len, 20, 20);
    assert_int_equal(pages[0].dpi, 0);
    amcp_pages_free(pages, 1);
    free(data);
    pixDestroy(&pix);
}

static void test_pnm(void **state)
{
    (void)state;
    const char hdr[] = "P5\n40 30\n255\n";
    size_t len = strlen(hdr) + 40 * 30;
    unsigned char *data = malloc(len);
    memcpy(data, hdr, strlen(hdr));
    memset(data + strlen(hdr), 0xff, 40 * 30);
    amcp_page *pages = load_one(data, len, 40, 30);
    amcp_pages_free(pages, 1);
    free(data);
}

/* ---- hostile input ---- */

static void test_empty(void **state)
{
    (void)state;
    load_fails((const unsigned char *)"", 0, &limits, AMC_E_FORMAT);
}

static void test_random_bytes(void **state)
{
    (void)state;
    unsigned char buf[4096];
    srand(42);
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)rand();
    buf[0] = 'x'; /* make sure no magic matches by chance */
    amc_error err = load_fails(buf, sizeof buf, &limits, AMC_E_FORMAT);
    assert_non_null(strstr(err.message, "not an image or PDF"));
}

static void test_text_is_not_an_image(void **state)
{
    (void)state;
    const char *txt = "hello, this is a text file\n";
    load_fails((const unsigned char *)txt, strlen(txt), &limits, AMC_E_FORMAT);
}

static void test_truncated_png(void **state)
{
    (void)state;
    /* Noise compresses badly, so the cut lands in the pixel data. */
    PIX *pix = pixCreate(300, 200, 8);
    srand(7);
    for (int y = 0; y < 200; y++)
        for (int x = 0; x < 300; x++)
            pixSetPixel(pix, x, y, (l_uint32)(rand() & 0xff));
    size_t len;
    unsigned char *data = encode(pix, IFF_PNG, &len);
    assert_true(len > 1000);
    amc_error err = load_fails(data, len / 2, &limits, AMC_E_FORMAT);
    assert_non_null(strstr(err.message, "PNG"));
    /* Cut inside the header too. */
    load_fails(data, 20, &limits, AMC_E_FORMAT);
    free(data);

    /* Same for JPEG (libjpeg would accept and pad a truncated scan). */
    data = encode(pix, IFF_JFIF_JPEG, &len);
    err = load_fails(data, len * 2 / 3, &limits, AMC_E_FORMAT);
    assert_non_null(strstr(err.message, "JPEG"));
    free(data);
    pixDestroy(&pix);
}

/* A real small PNG whose IHDR is patched to claim w x h, CRC fixed. */
static unsigned char *png_claiming(uint32_t w, uint32_t h, size_t *len)
{
    PIX *pix = make_grey(16, 16);
    unsigned char *data = encode(pix, IFF_PNG, len);
    pixDestroy(&pix);
    /* signature(8) length(4) "IHDR"(4) width(4) height(4) ... crc at 29 */
    assert_memory_equal(data + 12, "IHDR", 4);
    put_be32(data + 16, w);
    put_be32(data + 20, h);
    put_be32(data + 29, crc32_png(data + 12, 17));
    return data;
}

static void test_png_bomb_refused_fast(void **state)
{
    (void)state;
    size_t len;
    unsigned char *data = png_claiming(100000, 100000, &len);
    double t0 = now_s();
    amc_error err = load_fails(data, len, &limits, AMC_E_LIMIT);
    assert_true(now_s() - t0 < 0.5);
    assert_non_null(strstr(err.message, "limit"));
    free(data);

    /* Under the side limit but over the pixel budget: names max_pixels. */
    data = png_claiming(20000, 20000, &len);
    t0 = now_s();
    err = load_fails(data, len, &limits, AMC_E_LIMIT);
    assert_true(now_s() - t0 < 0.5);
    assert_non_null(strstr(err.message, "max_pixels"));
    free(data);
}

static void test_gif_bomb_refused(void **state)
{
    (void)state;
    /* GIF89a, screen 20000x20000, no palette, one 20000x20000 frame. */
    unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 0x20, 0x4e, 0x20, 0x4e, 0, 0, 0,
                           0x2c, 0, 0, 0, 0, 0x20, 0x4e, 0x20, 0x4e, 0, 2, 2, 0x4c, 0x01,
                           0, 0x3b};
    load_fails(gif, sizeof gif, &limits, AMC_E_LIMIT);
}

static void test_bmp_bomb_refused(void **state)
{
    (void)state;
    unsigned char bmp[64] = {'B', 'M'};
    bmp[14] = 40;                              /* BITMAPINFOHEADER */
    bmp[18] = 0x30; bmp[19] = 0x75;            /* width 30000 */
    bmp[22] = 0x30; bmp[23] = 0x75;            /* height 30000 */
    load_fails(bmp, sizeof bmp, &limits, AMC_E_LIMIT);
}

/* ---- PDF ---- */

static void test_pdf_one_page(void **state)
{
    (void)state;
    membuf pdf = make_pdf(360, 144, 1); /* 5 x 2 inches */
    amcp_page *pages = load_one(pdf.p, pdf.n, 1500, 600);
    assert_int_equal(pages[0].dpi, 300);
    /* White paper, black box at (10pt, 10pt): pixel (60, 60) at 300 dpi. */
    l_uint32 v;
    l_int32 r, g, b;
    pixGetPixel(pages[0].pix, 1400, 500, &v);
    extractRGBValues(v, &r, &g, &b);
    assert_true(r == 255 && g == 255 && b == 255);
    pixGetPixel(pages[0].pix, 60, 60, &v);
    extractRGBValues(v, &r, &g, &b);
    assert_true(r == 0 && g == 0 && b == 0);
    amcp_pages_free(pages, 1);
    free(pdf.p);
}

static void test_pdf_page_cap(void **state)
{
    (void)state;
    membuf pdf = make_pdf(72, 72, 3);
    amcp_limits lim = limits;
    lim.max_pdf_pages = 2;
    amcp_page *pages = NULL;
    amc_error err = {0};
    assert_int_equal(amcp_load(pdf.p, pdf.n, &lim, &pages, &err), 2);
    assert_int_equal(pixGetWidth(pages[1].pix), 300);
    amcp_pages_free(pages, 2);
    free(pdf.p);
}

static void test_pdf_big_page_lower_dpi(void **state)
{
    (void)state;
    membuf pdf = make_pdf(720, 720, 1); /* 10 x 10 inches */
    amcp_limits lim = limits;
    lim.max_pixels = 1000000; /* 300 dpi would be 9 Mpx */
    amcp_page *pages = NULL;
    amc_error err = {0};
    assert_int_equal(amcp_load(pdf.p, pdf.n, &lim, &pages, &err), 1);
    int w = pixGetWidth(pages[0].pix), h = pixGetHeight(pages[0].pix);
    assert_true((long)w * h <= lim.max_pixels);
    assert_true(pages[0].dpi >= 72 && pages[0].dpi <= 100);
    assert_int_equal(w, pages[0].dpi * 10);
    amcp_pages_free(pages, 1);
    free(pdf.p);

    /* More than 200 inches: refused before rendering. */
    pdf = make_pdf(72 * 250, 72, 1);
    load_fails(pdf.p, pdf.n, &limits, AMC_E_LIMIT);
    free(pdf.p);
}

static void test_pdf_broken(void **state)
{
    (void)state;
    /* Junk before %PDF- is allowed, so this is a PDF, and a broken one. */
    const char *s = "garbage\n%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    amc_error err = load_fails((const unsigned char *)s, strlen(s), &limits, AMC_E_FORMAT);
    assert_null(strstr(err.message, "unrecognised"));
}

/* ---- files ---- */

static void test_read_file_bytes(void **state)
{
    (void)state;
    char dir[] = "/tmp/amc_test_load_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/f.bin", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("0123456789", f);
    fclose(f);

    unsigned char *data = NULL;
    size_t len = 0;
    amc_error err = {0};
    assert_int_equal(amcp_read_file_bytes(path, 100, &data, &len, &err), 0);
    assert_int_equal(len, 10);
    assert_memory_equal(data, "0123456789", 10);
    free(data);

    /* Exactly at the limit is fine; one byte over is not. */
    assert_int_equal(amcp_read_file_bytes(path, 10, &data, &len, &err), 0);
    free(data);
    assert_int_equal(amcp_read_file_bytes(path, 9, &data, &len, &err), -1);
    assert_int_equal(err.code, AMC_E_LIMIT);
    assert_non_null(strstr(err.message, "max_file_bytes"));
    assert_null(data);

    assert_int_equal(amcp_read_file_bytes(dir, 100, &data, &len, &err), -1);
    assert_int_equal(err.code, AMC_E_IO);
    assert_non_null(strstr(err.message, "is a directory"));

    snprintf(path, sizeof path, "%s/missing.png", dir);
    assert_int_equal(amcp_read_file_bytes(path, 100, &data, &len, &err), -1);
    assert_int_equal(err.code, AMC_E_IO);
    assert_non_null(strstr(err.message, "No such file or directory"));

    snprintf(path, sizeof path, "%s/f.bin", dir);
    unlink(path);
    rmdir(dir);
}

static void test_pages_free_null(void **state)
{
    (void)state;
    amcp_pages_free(NULL, 0);
    amcp_pages_free(NULL, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_grey),
        cmocka_unit_test(test_jpeg_rgb),
        cmocka_unit_test(test_tiff_1bpp),
        cmocka_unit_test(test_png_colormap),
        cmocka_unit_test(test_png_alpha_on_white),
        cmocka_unit_test(test_absurd_dpi_ignored),
        cmocka_unit_test(test_pnm),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_text_is_not_an_image),
        cmocka_unit_test(test_truncated_png),
        cmocka_unit_test(test_png_bomb_refused_fast),
        cmocka_unit_test(test_gif_bomb_refused),
        cmocka_unit_test(test_bmp_bomb_refused),
        cmocka_unit_test(test_pdf_one_page),
        cmocka_unit_test(test_pdf_page_cap),
        cmocka_unit_test(test_pdf_big_page_lower_dpi),
        cmocka_unit_test(test_pdf_broken),
        cmocka_unit_test(test_read_file_bytes),
        cmocka_unit_test(test_pages_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
