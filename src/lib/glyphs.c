/*
 * glyphs.c - how many glyphs a printed word has, counted from its ink.
 *
 * Tesseract's LSTM sometimes reads one glyph more or less than is printed,
 * on a clean page too ("X5ZSWZKA6" read "X5ZSWZKA6G", a G where there is
 * paper). An identifier of random letters and digits has no check digit to
 * catch that; the ink does: capitals and digits are one connected piece
 * each. The count is given only when the pieces look like whole, separate
 * glyphs, so that the caller can trust it to choose between readings,
 * with each glyph's place, so that a glyph two readings disagree on can be
 * read alone.
 */
#include "internal.h"
#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Ink threshold of a grey clip: `pct` percent of the way from the ink (2nd
 * percentile) to the paper (90th); 0 when the two are too close to tell
 * apart. */
static int clip_level(PIX *c, int pct)
{
    NUMA *h = pixGetGrayHistogram(c, 1);
    if (!h)
        return 0;
    float ink = 0, paper = 0;
    numaHistogramGetValFromRank(h, 0.02f, &ink);
    numaHistogramGetValFromRank(h, 0.90f, &paper);
    numaDestroy(&h);
    return paper - ink < 60 ? 0 : (int)(ink + (paper - ink) * (float)pct / 100);
}

static int clip_threshold(PIX *c)
{
    return clip_level(c, 50);
}

/* Glyphs in k pieces of ink sorted left to right (x, y, w, h) whose
 * median width is wmed, or -1. A piece much wider than the others and than
 * tall is glyphs touching ("KA" of a typewriter font): counted by the
 * pitch when the font has one (the pieces' left edges a steady step apart,
 * as digits always are), else the count is unknown. */
static int separate_glyphs(int (*pc)[4], int k, int wmed, int *slots, int max)
{
    int steps[64], ns = 0;
    for (int i = 0; i + 1 < k && ns < 64; i++)
        if (10 * pc[i][2] <= 14 * wmed && 10 * pc[i + 1][2] <= 14 * wmed)
            steps[ns++] = pc[i + 1][0] - pc[i][0];
    int pitch = 0;
    if (ns > 0) {
        qsort(steps, (size_t)ns, sizeof *steps, cmp_int);
        pitch = steps[ns / 2];
    }
    int fixed = ns >= 3; /* a steady step: one glyph, or a space (1.6 steps on) */
    for (int i = 0; i + 1 < k && fixed; i++) {
        int d = pc[i + 1][0] - pc[i][0];
        int off_step = 20 * d < 17 * pitch || (20 * d > 23 * pitch && 10 * d < 16 * pitch);
        if (10 * pc[i][2] <= 14 * wmed && off_step)
            fixed = 0;
    }
    int count = 0;
    for (int i = 0; i < k; i++) {
        int w = pc[i][2];
        if (10 * w <= 17 * wmed || 10 * w <= 11 * pc[i][3]) {
            if (count >= max)
                return -1;
            slots[2 * count] = pc[i][0], slots[2 * count + 1] = pc[i][0] + w;
            count++;
            continue;
        }
        if (!fixed || pitch <= 0)
            return -1;
        int n = (2 * (w - wmed) + pitch) / (2 * pitch) + 1; /* (n - 1) steps + a glyph */
        int want = (n - 1) * pitch + wmed;
        if (5 * abs(w - want) > pitch || count + n > max)
            return -1;
        for (int j = 0; j < n; j++, count++) /* a step each, the last to the piece's end */
            slots[2 * count] = pc[i][0] + j * pitch,
            slots[2 * count + 1] = j + 1 < n ? pc[i][0] + j * pitch + wmed : pc[i][0] + w;
    }
    return count;
}

int amcp_glyph_slots(PIX *g, int x, int y, int w, int h, int *slots, int max)
{
    if (!g || pixGetDepth(g) != 8 || w <= 0 || h < 8 || w > 40 * h)
        return -1;
    /* the word and a glyph's height of page either side: a piece of ink
     * just past the box's edge means the box cut the word (Tesseract boxed
     * "1471456" from its 4), and the count would be short */
    int pad = h / 8 > 2 ? h / 8 : 2, side = h, near = h / 2;
    BOX *b = boxCreate(x - side, y - 1, w + 2 * side, h + 2), *got = NULL;
    PIX *c = b ? pixClipRectangle(g, b, &got) : NULL;
    boxDestroy(&b);
    int ox = 0;
    if (got)
        boxGetGeometry(got, &ox, NULL, NULL, NULL);
    boxDestroy(&got);
    int left = x - ox, right = x + w - ox; /* the word's box in the clip */
    int thr = c ? clip_threshold(c) : 0;
    PIX *bin = thr ? pixThresholdToBinary(c, thr) : NULL;
    pixDestroy(&c);
    BOXA *ba = bin ? pixConnCompBB(bin, 8) : NULL;
    pixDestroy(&bin);
    if (!ba)
        return -1;
    /* pieces at least a third of the word's height, left to right; a piece
     * over another (a glyph broken across) is one glyph with it */
    int n = boxaGetCount(ba), k = 0, cut = 0;
    int(*pc)[4] = n > 0 ? malloc((size_t)n * sizeof *pc) : NULL;
    for (int i = 0; i < n && pc; i++) {
        int bx, by, bw, bh;
        boxaGetBoxGeometry(ba, i, &bx, &by, &bw, &bh);
        if (bh < h / 3)
            continue;
        int mid = bx + bw / 2;
        if (mid < left - pad || mid > right + pad) { /* outside: a neighbour, or the word cut */
            cut |= bx + bw > left - near && bx < right + near;
            continue;
        }
        int j = 0;
        for (; j < k; j++) {
            int lo = bx > pc[j][0] ? bx : pc[j][0];
            int hi = bx + bw < pc[j][0] + pc[j][2] ? bx + bw : pc[j][0] + pc[j][2];
            int narrow = bw < pc[j][2] ? bw : pc[j][2];
            if (2 * (hi - lo) > narrow)
                break;
        }
        if (j < k) { /* joined with piece j */
            int x0 = bx < pc[j][0] ? bx : pc[j][0], y0 = by < pc[j][1] ? by : pc[j][1];
            int x1 = bx + bw > pc[j][0] + pc[j][2] ? bx + bw : pc[j][0] + pc[j][2];
            int y1 = by + bh > pc[j][1] + pc[j][3] ? by + bh : pc[j][1] + pc[j][3];
            pc[j][0] = x0, pc[j][1] = y0, pc[j][2] = x1 - x0, pc[j][3] = y1 - y0;
        } else {
            pc[k][0] = bx, pc[k][1] = by, pc[k][2] = bw, pc[k][3] = bh;
            k++;
        }
    }
    boxaDestroy(&ba);
    if (!pc || cut) {
        free(pc);
        return -1;
    }
    /* whole glyphs only: capitals and digits are all as tall (a shorter
     * piece is a glyph broken in two) */
    int count = k, hmax = 0, *widths = malloc((size_t)(k > 0 ? k : 1) * sizeof *widths);
    for (int i = 0; i < k; i++) {
        hmax = pc[i][3] > hmax ? pc[i][3] : hmax;
        if (widths)
            widths[i] = pc[i][2];
    }
    for (int i = 0; i < k; i++)
        if (4 * pc[i][3] < 3 * hmax)
            count = -1;
    if (!widths || k == 0) {
        count = -1;
    } else if (count > 0) {
        qsort(widths, (size_t)k, sizeof *widths, cmp_int);
        qsort(pc, (size_t)k, sizeof *pc, cmp_int); /* left to right */
        count = separate_glyphs(pc, k, widths[k / 2], slots, max);
        for (int i = 0; i < count; i++) /* clip to page */
            slots[2 * i] += ox, slots[2 * i + 1] += ox;
    }
    free(widths);
    free(pc);
    return count;
}

int amcp_marks_above(PIX *g, int x, int y, int w, int h, int *marks, int max, int *tall)
{
    if (!g || pixGetDepth(g) != 8 || w <= 0 || h < 8 || w > 40 * h)
        return -1;
    /* the word and most of a glyph's height above it: an accent the OCR
     * did not see may stand outside its box */
    int up = 7 * h / 10;
    BOX *b = boxCreate(x - 2, y - up, w + 4, h + up), *got = NULL;
    PIX *c = b ? pixClipRectangle(g, b, &got) : NULL;
    boxDestroy(&b);
    int ox = 0, oy = 0;
    if (got)
        boxGetGeometry(got, &ox, &oy, NULL, NULL);
    boxDestroy(&got);
    /* nearer the paper than halfway: a blurred accent is a light stroke */
    int thr = c ? clip_level(c, 70) : 0;
    PIX *bin = thr ? pixThresholdToBinary(c, thr) : NULL;
    pixDestroy(&c);
    BOXA *ba = bin ? pixConnCompBB(bin, 8) : NULL;
    if (!ba) {
        pixDestroy(&bin);
        return -1;
    }
    /* the tall glyphs (capitals, ascenders): their tops make the line an
     * accent stands above */
    int n = boxaGetCount(ba), hmax = 0, tops[64], heights[64], nt = 0;
    for (int i = 0; i < n; i++) {
        int bx, by, bw, bh;
        boxaGetBoxGeometry(ba, i, &bx, &by, &bw, &bh);
        if (bh >= h / 3 && ox + bx + bw / 2 >= x && ox + bx + bw / 2 < x + w && bh > hmax)
            hmax = bh;
    }
    for (int i = 0; i < n && nt < 64; i++) {
        int bx, by, bw, bh;
        boxaGetBoxGeometry(ba, i, &bx, &by, &bw, &bh);
        if (4 * bh >= 3 * hmax && ox + bx + bw / 2 >= x && ox + bx + bw / 2 < x + w)
            tops[nt] = by, heights[nt++] = bh;
    }
    if (nt == 0 || hmax < 8) {
        boxaDestroy(&ba);
        pixDestroy(&bin);
        return -1;
    }
    qsort(tops, (size_t)nt, sizeof *tops, cmp_int);
    qsort(heights, (size_t)nt, sizeof *heights, cmp_int);
    int top = tops[nt / 2], th = heights[nt / 2], k = 0;
    *tall = th;
    for (int i = 0; i < n && k < max; i++) {
        int bx, by, bw, bh;
        boxaGetBoxGeometry(ba, i, &bx, &by, &bw, &bh);
        int cx = ox + bx + bw / 2;
        if (cx < x || cx >= x + w || by == 0)
            continue;
        /* a small piece standing just over the tall glyphs' line (no
         * speck: a tenth of their height each way; not a rule's remnant
         * higher up) */
        if (3 * bh < th && 10 * bw >= th && 12 * bh >= th && by + bh <= top + 35 * th / 100 &&
            2 * (by + bh) >= 2 * top - th) {
            marks[2 * k] = ox + bx, marks[2 * k + 1] = ox + bx + bw, k++;
            continue;
        }
        /* or the part of a glyph rising an eighth of their height over it:
         * its accent, touching it once blurred (only that part's columns:
         * an ascender touching a capital rises elsewhere) */
        if (bh < h / 3 || 8 * (top - by) < th || top - by < 2)
            continue;
        int x0 = bx + bw, x1 = bx;
        for (int yy = by; yy < top - 1; yy++)
            for (int xx = bx; xx < bx + bw; xx++) {
                l_uint32 v = 0;
                pixGetPixel(bin, xx, yy, &v);
                if (v)
                    x0 = xx < x0 ? xx : x0, x1 = xx + 1 > x1 ? xx + 1 : x1;
            }
        if (x1 > x0)
            marks[2 * k] = ox + x0, marks[2 * k + 1] = ox + x1, k++;
    }
    boxaDestroy(&ba);
    pixDestroy(&bin);
    return k;
}
