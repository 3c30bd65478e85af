/* main.c - amcgen: synthetic French AMC certificates + ground truth.
 *   amcgen --out DIR --seed N --count K [--level L] [--family F] [--prefix P] [--pdf-share X] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo-pdf.h>
#include "degrade.h"
#include "layout.h"
#include "truth.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: amcgen --out DIR --seed N --count K [--level clean|scan|rough|photo|rotated]\n"
            "              [--family sp|isante|almerys|viamedis|simple|card|all] [--prefix P]\n"
            "              [--pdf-share 0.2] [--start I]\n");
}

static int write_mem(const char *path, const unsigned char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "amcgen: cannot write %s: %s\n", path, strerror(errno)); return -1; }
    size_t w = fwrite(data, 1, n, f);
    fclose(f);
    return w == n ? 0 : -1;
}

static void free_lept(void *p) { lept_free(p); }

/* one raster page into a cairo PDF page sized at its dpi, embedded as JPEG */
static int pdf_page(cairo_surface_t *pdf, PIX *pix, int dpi, int quality)
{
    l_uint8 *jpg = NULL;
    size_t n = 0;
    if (pixWriteMemJpeg(&jpg, &n, pix, quality, 0)) return -1;
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    PIX *p32 = pixGetDepth(pix) == 32 ? pixClone(pix) : pixConvertTo32(pix);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *dst = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    l_uint32 *src = pixGetData(p32);
    int wpl = pixGetWpl(p32);
    for (int y = 0; y < h; y++) {
        uint32_t *d = (uint32_t *)(dst + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            l_uint32 v = src[(size_t)y * wpl + x];
            d[x] = ((v >> 24 & 255) << 16) | ((v >> 16 & 255) << 8) | (v >> 8 & 255);
        }
    }
    cairo_surface_mark_dirty(img);
    pixDestroy(&p32);
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, jpg, n, free_lept, jpg);
    double pw = w * 72.0 / dpi, ph = h * 72.0 / dpi;
    cairo_pdf_surface_set_size(pdf, pw, ph);
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return 0;
}

static void render(Doc *d, Rng *r, Canvas *cv)
{
    switch (d->family) {
    case FAM_SP: layout_sp(d, r, cv); break;
    case FAM_ISANTE: layout_isante(d, r, cv); break;
    case FAM_ALMERYS: layout_almerys(d, r, cv); break;
    case FAM_VIAMEDIS: layout_viamedis(d, r, cv); break;
    case FAM_SIMPLE: layout_simple(d, r, cv); break;
    default: layout_card(d, r, cv); break;
    }
}

int main(int argc, char **argv)
{
    const char *out = NULL, *prefix = "amc";
    unsigned long long seed = 0;
    int count = -1, level = LVL_CLEAN, family = -1, start = 0, have_seed = 0;
    double pdf_share = 0.2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(); return 0; }
        if (!v) { usage(); return 2; }
        if (!strcmp(a, "--out")) out = v;
        else if (!strcmp(a, "--seed")) { seed = strtoull(v, NULL, 10); have_seed = 1; }
        else if (!strcmp(a, "--count")) count = atoi(v);
        else if (!strcmp(a, "--start")) start = atoi(v);
        else if (!strcmp(a, "--prefix")) prefix = v;
        else if (!strcmp(a, "--pdf-share")) pdf_share = atof(v);
        else if (!strcmp(a, "--level")) {
            level = level_from_name(v);
            if (level < 0) { fprintf(stderr, "amcgen: unknown level %s\n", v); return 2; }
        } else if (!strcmp(a, "--family")) {
            family = strcmp(v, "all") ? family_from_name(v) : -1;
            if (strcmp(v, "all") && family < 0) { fprintf(stderr, "amcgen: unknown family %s\n", v); return 2; }
        } else { usage(); return 2; }
        i++;
    }
    if (!out || !have_seed || count < 0) { usage(); return 2; }
    mkdir(out, 0777);
    setMsgSeverity(L_SEVERITY_ERROR);

    for (int idx = start; idx < start + count; idx++) {
        Rng rc, rl, rd, rp;
        rng_seed(&rc, seed, (uint64_t)idx, 0xC0FFEEULL);            /* content */
        rng_seed(&rl, seed, (uint64_t)idx, 0x1A7047ULL);            /* layout choices */
        rng_seed(&rd, seed, (uint64_t)idx, 0xDE6000ULL + (uint64_t)level); /* degradation */
        rng_seed(&rp, seed, (uint64_t)idx, 0x9DFULL);               /* pdf choice */
        int fam = family >= 0 ? family : rng_int(&rc, 0, FAM_COUNT - 1);
        static Doc d;
        doc_generate(&d, &rc, fam);
        d.seed = seed;
        d.index = idx;
        d.level = level;
        pick_fonts(&d, &rl);

        Canvas cv;
        static Doc saved;
        saved = d;
        Rng rl0 = rl;
        render(&d, &rl, &cv);
        if (cv.bottom > cv.h - 40) {
            /* too tall: redo the same document with the compact variant */
            canvas_free(&cv);
            d = saved;
            d.compact = 1;
            rl = rl0;
            render(&d, &rl, &cv);
        }
        if (cv.bottom > cv.h - 40 || cv.right > cv.w - 40)
            fprintf(stderr, "amcgen: warning: document %d (%s) drawn near/over the page edge (bottom %.0f/%d, right %.0f/%d)\n",
                    idx, family_name(d.family), cv.bottom, cv.h, cv.right, cv.w);
        int as_pdf = level != LVL_PHOTO && rng_f(&rp) < pdf_share;
        int back = as_pdf && rng_chance(&rp, 0.6);
        Canvas bcv;
        if (back) {
            layout_back(&d, &rl, &bcv, A4W, A4H);
            d.legend_back = 1;
        }

        Degrade g;
        degrade_params(&g, &rd, level, 1);
        PIX *page = pix_from_canvas(&cv);
        if (level == LVL_PHOTO && d.crop_w > 0) {
            /* a phone photo of a card frames the card, not the scanner bed */
            BOX *box = boxCreate(d.crop_x, d.crop_y, d.crop_w, d.crop_h);
            PIX *t = pixClipRectangle(page, box, NULL);
            boxDestroy(&box);
            if (t) { pixDestroy(&page); page = t; }
        }
        PIX *outp = degrade_apply(page, &g, &rd);
        pixDestroy(&page);

        char base[1024], path[1100], file[512];
        snprintf(base, sizeof base, "%s/%s-%03d", out, prefix, idx);
        ImageInfo im = {0};
        im.width = pixGetWidth(outp);
        im.height = pixGetHeight(outp);
        im.pages = 1;
        int rcode = 0;
        if (as_pdf) {
            int q = g.jpeg_quality ? g.jpeg_quality : 92;
            im.format = "pdf";
            im.jpeg_quality = q;
            snprintf(file, sizeof file, "%s-%03d.pdf", prefix, idx);
            snprintf(path, sizeof path, "%s.pdf", base);
            cairo_surface_t *pdf = cairo_pdf_surface_create(path, 595, 842);
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, "2026-01-01T00:00:00Z");
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "amcgen/1");
            rcode |= pdf_page(pdf, outp, g.dpi, q);
            if (back) {
                Degrade gb = g;
                gb.rotation_deg = rng_range(&rd, -1, 1) * (level == LVL_CLEAN ? 0 : 1);
                PIX *bp = pix_from_canvas(&bcv);
                PIX *bo = degrade_apply(bp, &gb, &rd);
                rcode |= pdf_page(pdf, bo, gb.dpi, q);
                pixDestroy(&bp);
                pixDestroy(&bo);
                im.pages = 2;
            }
            cairo_surface_finish(pdf);
            if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) rcode = -1;
            cairo_surface_destroy(pdf);
        } else {
            l_uint8 *data = NULL;
            size_t n = 0;
            if (g.jpeg) {
                im.format = "jpg";
                im.jpeg_quality = g.jpeg_quality;
                pixWriteMemJpeg(&data, &n, outp, g.jpeg_quality, 0);
            } else {
                im.format = "png";
                pixWriteMemPng(&data, &n, outp, 0);
            }
            snprintf(file, sizeof file, "%s-%03d.%s", prefix, idx, im.format);
            snprintf(path, sizeof path, "%s.%s", base, im.format);
            rcode |= !data || write_mem(path, data, n);
            lept_free(data);
        }
        im.file = file;
        snprintf(path, sizeof path, "%s.truth.json", base);
        rcode |= truth_write(path, &d, &g, &im);
        pixDestroy(&outp);
        canvas_free(&cv);
        if (back) canvas_free(&bcv);
        if (rcode) { fprintf(stderr, "amcgen: failed on document %d\n", idx); return 1; }
    }
    return 0;
}
