/*
 * normalize.c - preprocessing steps on the grey page (see preprocess.h):
 * is the paper evenly white, bring it to white, and how tall is the text.
 * Called by preprocess.c before scaling and deskew.
 */
#include "preprocess.h"
#include <stdlib.h>

/* Paper level per cell of a 4 x 6 grid at 1/8 scale: the 90th percentile,
 * i.e. the paper even in a cell of dense text or under a table band. A
 * scanner's white page reads 245-255 in every cell; lowered contrast,
 * uneven light, a shadow or a desk around a photo put some cell well under
 * it or far from the others. */
int amcp_pre_background_uneven(PIX *g)
{
    PIX *small = pixScaleAreaMap(g, 0.125f, 0.125f);
    if (!small)
        return 0;
    int w = pixGetWidth(small), h = pixGetHeight(small);
    int lo = 255, hi = 0;
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 4; c++) {
            BOX *b = boxCreate(c * w / 4, r * h / 6, w / 4, h / 6);
            PIX *cell = b ? pixClipRectangle(small, b, NULL) : NULL;
            l_uint32 v = 255;
            if (cell && pixGetRankValue(cell, 1, 0.9f, &v) == 0) {
                lo = (int)v < lo ? (int)v : lo;
                hi = (int)v > hi ? (int)v : hi;
            }
            pixDestroy(&cell);
            boxDestroy(&b);
        }
    pixDestroy(&small);
    return lo < 225 || hi - lo > 25;
}

PIX *amcp_pre_flatten(PIX *g)
{
    /* Tiles of 10 x 15 px, background = pixels above 100 (ink of even a
     * dim photo is darker; paper in a shadow is lighter), at least 50 of
     * them per tile, else the tile takes its neighbours' value: a dark band
     * or a large bold glyph is not background and stays dark. The paper
     * goes to 230, the ink's stretch below brings it to 255. */
    PIX *n = pixBackgroundNorm(g, NULL, NULL, 10, 15, 100, 50, 230, 2, 1);
    if (!n)
        return NULL;
    /* Ink: the darkest 1% of the page. Lowered contrast leaves it dark grey;
     * stretched linearly so that ink is black and paper white again.
     * Measured: clipping the paper's noise to white as well (white point
     * at the paper's 10th percentile) lost dates on rough scans (every
     * field 42.5% -> 37.5%): thin strokes went with the noise. */
    l_uint32 ink = 0;
    if (pixGetRankValue(n, 2, 0.01f, &ink) != 0 || ink <= 8 || ink >= 160)
        ink = 0;
    pixGammaTRC(n, n, 1.0f, (l_int32)ink, 230);
    return n;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int median_height(PIX *g);

int amcp_pre_text_height(PIX *g)
{
    /* a large page is measured at half size (a quarter of the pixels to
     * label): body text there is still 10 px or more */
    if ((double)pixGetWidth(g) * pixGetHeight(g) > 4e6) {
        PIX *half = pixScaleAreaMap(g, 0.5f, 0.5f);
        int h = half ? median_height(half) : 0;
        pixDestroy(&half);
        return 2 * h;
    }
    return median_height(g);
}

static int median_height(PIX *g)
{
    /* Otsu's split of the page into ink and paper; on a flattened page any
     * mid grey would do, this also holds on a page that was not flattened */
    l_int32 thr = 128;
    if (pixSplitDistributionFgBg(g, 0.0f, 4, &thr, NULL, NULL, NULL) != 0 || thr < 40 ||
        thr > 220)
        thr = 128;
    PIX *bin = pixConvertTo1(g, thr);
    BOXA *boxes = bin ? pixConnCompBB(bin, 8) : NULL;
    pixDestroy(&bin);
    int n = boxes ? boxaGetCount(boxes) : 0;
    int *hs = n ? malloc((size_t)n * sizeof *hs) : NULL;
    int k = 0;
    for (int i = 0; hs && i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        /* a glyph, or two or three glued by blur: not a speck, an accent,
         * a table rule, a logo or a band */
        if (h >= 5 && h <= 200 && w * 8 >= h && w <= 3 * h)
            hs[k++] = h;
    }
    boxaDestroy(&boxes);
    int med = 0;
    if (k >= 30) {
        qsort(hs, (size_t)k, sizeof *hs, cmp_int);
        med = hs[k / 2];
    }
    free(hs);
    return med;
}
