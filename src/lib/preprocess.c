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
    (void)ocr;
    *dpi_out = dpi;
    return g;
}
