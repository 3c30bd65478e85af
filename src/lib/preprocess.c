/*
 * preprocess.c - page image to OCR-ready grey image, in this order:
 *   grey -> unwarp a photographed page (photo.c) -> cut a card out of a
 *   scanner bed -> flatten an uneven background (normalize.c) -> scale the
 *   text to ~300 dpi size, by the glyphs' own height when the declared
 *   resolution disagrees -> deskew (±10°);
 * then, once reader.c has searched the Datamatrix, amcp_preprocess_ocr
 * inverts dark bands and erases table rules (rules.c): both would damage
 * the symbol. The target is ~300 dpi equivalent (body
 * text x-height 20-30 px), where Tesseract's fra model reads best and no
 * pixel is wasted. A clean upright scan pays only the checks (a few ms
 * each): see docs/HACKING.md, Preprocessing, for what each step buys.
 */
#include "internal.h"
#include "datamatrix.h"
#include "preprocess.h"
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
 * bridges the light glyphs) that are large and mostly dark (70% or more):
 * a bold title is dark too, but its glyphs fill less of their box. The bands are inverted, so every text on the page
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
        /* measured at 1/4 scale: bands with light codes are 82-86% dark;
         * heavy bold capitals of an insurer's name ("COMM", "RSONN"), which
         * the closing also joins, 61-63%: inverted, they read "CCI" */
        if (orig && on * 10 >= w * h * 7) {
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
 * scale (strokes kept, see below), specks removed; when it covers less than a quarter of the page,
 * the page is cut to it with a margin. A certificate page keeps its size. */
static void locate_content(PIX **pg, char *steps, size_t steps_len)
{
    PIX *g = *pg;
    int w = pixGetWidth(g), h = pixGetHeight(g);
    if (w < 400 || h < 400)
        return;
    /* 1/8 scale by three halvings that each keep the second darkest pixel
     * of 2x2: a stroke two pixels wide survives, a lone noise pixel does
     * not (the darkest alone made a noisy page all content). Averaged (area
     * map), the thin, light text of a low-contrast scan faded into the
     * background and the cut lost it (the lower half of a card, rough) */
    PIX *small = pixScaleGrayRankCascade(g, 2, 2, 2, 0);
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

/* Median glyph height of body text on these certificates at 300 dpi
 * (measured on the generator's families: 23-28 px, capitals and digits
 * dominate; their x-height is then ~18-20 px). */
#define TEXT_HEIGHT_300 25

/* The scale that brings the page to "300 dpi": by the declared resolution
 * when the text's own height agrees with it, else by the text height. A
 * phone photo declares 72 dpi whatever its size, a screenshot 96 or
 * nothing, a PDF's page may be drawn at any size: only the glyphs say how
 * large the text really is. *dpi gets the resolution to tell Tesseract. */
static float pick_scale(PIX *g, int page_dpi, int *dpi)
{
    float by_dpi = 1.0f;
    if (page_dpi > 400 || (page_dpi > 0 && page_dpi < 240))
        by_dpi = 300.0f / page_dpi;
    int th = amcp_pre_text_height(g);
    float by_text = th > 0 ? (float)TEXT_HEIGHT_300 / th : 0;
    float scale = by_dpi;
    if (by_text > 0 && (by_text > 1.4f * by_dpi || by_text < 0.7f * by_dpi))
        scale = by_text > 0.8f && by_text < 1.25f ? 1.0f : by_text;
    /* within reason: a page of huge or tiny glyphs is not to be blown up
     * to hundreds of megapixels or shrunk to nothing */
    float px = (float)pixGetWidth(g) * pixGetHeight(g);
    if (scale * scale * px > 40e6f)
        scale = sqrtf(40e6f / px);
    if (scale < 0.25f)
        scale = 0.25f;
    *dpi = scale == by_dpi && page_dpi > 0 ? (int)lroundf(page_dpi * scale) : 300;
    return scale;
}

PIX *amcp_preprocess(amcp_ocr *ocr, const amcp_page *page, int *dpi_out, char *steps,
                     size_t steps_len, amc_error *err)
{
    return amcp_preprocess_keep(ocr, page, dpi_out, steps, steps_len, NULL, err);
}

PIX *amcp_preprocess_keep(amcp_ocr *ocr, const amcp_page *page, int *dpi_out, char *steps,
                          size_t steps_len, amcp_dm_plain *plain, amc_error *err)
{
    steps[0] = 0;
    if (plain)
        memset(plain, 0, sizeof *plain);
    PIX *g = pixConvertTo8(page->pix, 0);
    if (!g) {
        amcp_set_error(err, AMC_E_NOMEM, "cannot convert the page to grey");
        return NULL;
    }
    int dpi = page->dpi > 0 ? page->dpi : 300;
    /* a photographed page: its quadrilateral back to a rectangle (photo.c) */
    char d[96];
    PIX *u = amcp_pre_unwarp(g, page->pix, d, sizeof d);
    if (u) {
        pixDestroy(&g);
        g = u;
        step(steps, steps_len, d);
    }
    locate_content(&g, steps, steps_len);
    /* paper brought to an even white, ink to black (normalize.c); a clean
     * scan's white page is left as it is */
    if (amcp_pre_background_uneven(g)) {
        PIX *f = amcp_pre_flatten(g);
        if (f) {
            /* the Datamatrix is read from the page as it was: flattening's
             * background, estimated in 10 x 15 px tiles, takes the light
             * modules of a blurred symbol for paper in some tiles and not
             * in others (datamatrix.h, amcp_dm_plain) */
            if (plain)
                plain->pix = g, plain->sx = plain->sy = 1;
            else
                pixDestroy(&g);
            g = f;
            step(steps, steps_len, "flatten");
        }
    }
    /* resolution: body text to the size Tesseract reads best */
    float scale = pick_scale(g, page->dpi, &dpi);
    if (scale < 0.99f || scale > 1.01f) {
        PIX *s = scale < 1 ? pixScaleAreaMap(g, scale, scale) : pixScaleGrayLI(g, scale, scale);
        if (s) {
            if (plain && plain->pix) {
                plain->sx = (float)pixGetWidth(s) / pixGetWidth(g);
                plain->sy = (float)pixGetHeight(s) / pixGetHeight(g);
            }
            pixDestroy(&g);
            g = s;
            char b[48];
            snprintf(b, sizeof b, "scale:%.2f", scale);
            step(steps, steps_len, b);
            /* Measured: an unsharp mask after up-sampling (half-width 1
             * or 2, 0.5) did not help rough scans (every field 42.5% ->
             * 40.0% / 42.5%): Tesseract's LSTM scales each line to its own
             * height anyway. */
        }
    }
    /* deskew: Leptonica's projection-profile search. The sweep goes to ±12°
     * so that a page at ±10° is found: with ±10° a page turned 9.5° was
     * left as it was (its best angle at the sweep's very end) */
    l_float32 angle = 0, conf = 0;
    PIX *bin = pixConvertTo1(g, 160);
    if (bin && pixFindSkewSweepAndSearch(bin, &angle, &conf, 2, 2, 12.0f, 1.0f, 0.01f) == 0 &&
        conf > 2.5f && fabsf(angle) > 0.15f) {
        /* Leptonica reports the angle to rotate by, not the page skew */
        PIX *r = pixRotate(g, angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                           L_BRING_IN_WHITE, 0, 0);
        if (r) {
            pixDestroy(&g);
            g = r;
            if (plain)
                plain->angle = angle * 3.14159265f / 180.0f;
            char b[32];
            snprintf(b, sizeof b, "deskew:%.2f", angle);
            step(steps, steps_len, b);
        }
    }
    pixDestroy(&bin);
    (void)ocr;
    *dpi_out = dpi;
    return g;
}

void amcp_preprocess_ocr(PIX **pg, PIX **unerased, char *steps, size_t steps_len)
{
    if (unerased)
        *unerased = NULL;
    /* dark bands are inverted for the OCR only: a blurred Datamatrix is
     * mostly dark at 1/4 scale and was inverted with them, which lost 4 in
     * 20 of the symbols missed at rough quality */
    invert_dark_bands(pg, steps, steps_len);
    /* horizontal rules: six glyphs of solid ink in one row is no text (at
     * four, the touching bottoms of a bold header code, "LABO" at half
     * size, were a rule and erased: read "LARQ"); vertical ones: a stroke
     * is at most one tall glyph, a cell's side is two lines of text */
    PIX *e = amcp_pre_erase_rules(*pg, 6 * TEXT_HEIGHT_300, 5 * TEXT_HEIGHT_300 / 2);
    if (e) {
        if (unerased)
            *unerased = *pg;
        else
            pixDestroy(pg);
        *pg = e;
        step(steps, steps_len, "erase-rules");
        /* A light-grey box (240) loses its frame with the rules, and
         * Tesseract then read the letter-spaced date inside it as letters
         * ("RÉANOELNLE"), which it read right on white or within the
         * frame: the lightest greys become white (pixels from 232 up; a
         * row band of 200-220 stays a band). */
        pixGammaTRC(*pg, *pg, 1.0f, 0, 232);
    }
}
