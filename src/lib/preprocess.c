/*
 * preprocess.c - page image to OCR-ready grey image.
 *
 * Today: grey, resolution, deskew (no orientation detection, no locating of
 * a card on a larger page yet: see README, Limits). The target
 * is ~300 dpi equivalent (body text x-height 20-30 px), where Tesseract's fra
 * model reads best and no pixel is wasted.
 */
#include "internal.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static void step(char *steps, size_t len, const char *s)
{
    size_t n = strlen(steps);
    snprintf(steps + n, len - n, "%s%s", n ? "," : "", s);
}

/* Light text on dark bands (table headers of several networks: white codes
 * on navy or green) is lost by Tesseract's global binarisation: the codes of
 * the header simply disappear. Such bands are found at 1/4 scale as dark
 * connected regions (after an opening drops table rules and a small closing
 * bridges the light glyphs) that are large and mostly dark: a bold title is dark too, but its glyphs fill well
 * under half of their box. The bands are inverted, so every text on the page
 * is dark on light. */
static PIX *dark_band_mask(PIX *small)
{
    PIX *dark = pixThresholdToBinary(small, 128);
    /* opening first: table rules would tie a band to the whole grid */
    PIX *opened = dark ? pixOpenBrick(NULL, dark, 3, 3) : NULL;
    PIX *closed = opened ? pixCloseBrick(NULL, opened, 3, 3) : NULL;
    pixDestroy(&opened);
    BOXA *boxes = closed ? pixConnComp(closed, NULL, 8) : NULL;
    PIX *mask = closed ? pixCreate(pixGetWidth(small), pixGetHeight(small), 1) : NULL;
    int kept = 0, n = boxes ? boxaGetCount(boxes) : 0;
    for (int i = 0; mask && i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        /* a band holds a line of text: at least ~40 px tall and 3 glyphs wide */
        if (h < 10 || w < 30)
            continue;
        BOX *b = boxCreate(x, y, w, h);
        PIX *orig = b ? pixClipRectangle(dark, b, NULL) : NULL;
        l_int32 on = 0;
        if (orig)
            pixCountPixels(orig, &on, NULL);
        if (orig && on * 10 >= w * h * 6) {
            /* the whole box: a light glyph touching the band's edge is no
             * hole of the region and would be left half inverted */
            pixRasterop(mask, x, y, w, h, PIX_SET, NULL, 0, 0);
            kept++;
        }
        pixDestroy(&orig);
        boxDestroy(&b);
    }
    boxaDestroy(&boxes);
    pixDestroy(&closed);
    pixDestroy(&dark);
    if (!kept)
        pixDestroy(&mask);
    return mask;
}

static void invert_dark_bands(PIX **pg, char *steps, size_t steps_len)
{
    PIX *g = *pg;
    int w = pixGetWidth(g), h = pixGetHeight(g);
    PIX *small = pixScaleAreaMap(g, 0.25f, 0.25f);
    PIX *mask = small ? dark_band_mask(small) : NULL;
    l_int32 dark = 0;
    if (mask)
        pixCountPixels(mask, &dark, NULL);
    /* a page that is mostly dark (a photo's desk) is not a band: leave it */
    if (!mask || dark > pixGetWidth(mask) * pixGetHeight(mask) / 2) {
        pixDestroy(&mask);
        pixDestroy(&small);
        return;
    }
    /* the band's own darkness becomes white once inverted: a navy band
     * would otherwise leave a grey background behind its text */
    l_float32 band_mean = 0;
    pixGetAverageMasked(small, mask, 0, 0, 1, L_MEAN_ABSVAL, &band_mean);
    pixDestroy(&small);
    PIX *big = pixExpandBinaryReplicate(mask, 4, 4);
    pixDestroy(&mask);
    PIX *inv = pixInvert(NULL, g);
    if (inv && band_mean > 10 && band_mean < 200)
        pixMultConstantGray(inv, 255.0f / (255.0f - band_mean));
    if (big && inv) {
        /* the mask, 4x its 1/4 scale, may be a few pixels smaller or larger
         * than the page: copy it into a mask of the page's size */
        PIX *fit = pixCreate(w, h, 1);
        if (fit)
            pixRasterop(fit, 0, 0, w, h, PIX_SRC, big, 0, 0);
        if (fit && pixGetWidth(fit) == w && pixGetHeight(fit) == h &&
            pixCombineMasked(g, inv, fit) == 0)
            step(steps, steps_len, "invert-dark-bands");
        pixDestroy(&fit);
    }
    pixDestroy(&big);
    pixDestroy(&inv);
}

/* A card lying on a scanner bed fills a tenth of an A4 scan: every later
 * stage (scaling, deskew, Datamatrix, OCR) would pay for the empty bed. The
 * content is what is clearly darker than the page's background, at 1/8
 * scale, specks removed; when it covers less than a quarter of the page,
 * the page is cut to it with a margin. A certificate page keeps its size. */
static void locate_content(PIX **pg, char *steps, size_t steps_len)
{
    PIX *g = *pg;
    int w = pixGetWidth(g), h = pixGetHeight(g);
    if (w < 400 || h < 400)
        return;
    PIX *small = pixScaleAreaMap(g, 0.125f, 0.125f);
    l_uint32 bg = 255;
    if (!small || pixGetRankValue(small, 1, 0.5f, &bg) != 0 || bg < 100) {
        pixDestroy(&small);
        return; /* a dark page (a photo's desk): not this step's case */
    }
    PIX *dark = pixThresholdToBinary(small, (l_int32)bg - 40);
    PIX *clean = dark ? pixOpenBrick(NULL, dark, 2, 2) : NULL;
    BOX *box = NULL;
    if (clean)
        pixClipToForeground(clean, NULL, &box);
    pixDestroy(&small);
    pixDestroy(&dark);
    pixDestroy(&clean);
    l_int32 bx, by, bw, bh;
    if (!box || boxGetGeometry(box, &bx, &by, &bw, &bh) != 0) {
        boxDestroy(&box);
        return;
    }
    boxDestroy(&box);
    /* back to full scale, with a margin of 1/40 of the page */
    int m = (w > h ? w : h) / 40;
    int x0 = bx * 8 - m, y0 = by * 8 - m, x1 = (bx + bw) * 8 + m, y1 = (by + bh) * 8 + m;
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > w ? w : x1, y1 = y1 > h ? h : y1;
    /* only a small object on a large page (a card: ~10% of an A4 bed);
     * a letter's light-grey lines could fall outside a tighter cut */
    if ((long)(x1 - x0) * (y1 - y0) * 4 > (long)w * h || x1 - x0 < 200 || y1 - y0 < 100)
        return;
    BOX *cut = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *c = cut ? pixClipRectangle(g, cut, NULL) : NULL;
    boxDestroy(&cut);
    if (!c)
        return;
    pixDestroy(pg);
    *pg = c;
    char b[64];
    snprintf(b, sizeof b, "locate:%dx%d+%d+%d", x1 - x0, y1 - y0, x0, y0);
    step(steps, steps_len, b);
}

PIX *amcp_preprocess(amcp_ocr *ocr, const amcp_page *page, int *dpi_out, char *steps,
                     size_t steps_len, amc_error *err)
{
    steps[0] = 0;
    PIX *g = pixConvertTo8(page->pix, 0);
    if (!g) {
        amcp_set_error(err, AMC_E_NOMEM, "cannot convert the page to grey");
        return NULL;
    }
    int dpi = page->dpi > 0 ? page->dpi : 300;
    locate_content(&g, steps, steps_len);
    /* resolution: bring very high resolutions down, low ones up */
    float scale = 1.0f;
    if (dpi > 400)
        scale = 300.0f / dpi;
    else if (dpi < 240)
        scale = 300.0f / dpi;
    if (scale < 0.99f || scale > 1.01f) {
        PIX *s = scale < 1 ? pixScaleAreaMap(g, scale, scale) : pixScaleGrayLI(g, scale, scale);
        if (s) {
            pixDestroy(&g);
            g = s;
            char b[32];
            snprintf(b, sizeof b, "scale:%d->300dpi", dpi);
            step(steps, steps_len, b);
            dpi = 300;
        }
    }
    /* deskew: Leptonica's projection-profile search, ±10° */
    l_float32 angle = 0, conf = 0;
    PIX *bin = pixConvertTo1(g, 160);
    if (bin && pixFindSkewSweepAndSearch(bin, &angle, &conf, 2, 2, 10.0f, 1.0f, 0.01f) == 0 &&
        conf > 2.5f && fabsf(angle) > 0.15f) {
        /* Leptonica reports the angle to rotate by, not the page skew */
        PIX *r = pixRotate(g, angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                           L_BRING_IN_WHITE, 0, 0);
        if (r) {
            pixDestroy(&g);
            g = r;
            char b[32];
            snprintf(b, sizeof b, "deskew:%.2f", angle);
            step(steps, steps_len, b);
        }
    }
    pixDestroy(&bin);
    invert_dark_bands(&g, steps, steps_len);
    (void)ocr;
    *dpi_out = dpi;
    return g;
}
