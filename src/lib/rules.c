/*
 * rules.c - table rules erased before OCR (see preprocess.h). Called by
 * preprocess.c last, on the deskewed page at its working resolution, once
 * dark bands are inverted (their inner separators are then dark rules too).
 */
#include "preprocess.h"
#include <stdlib.h>

/* Lines of one direction: an opening by a brick `len` long keeps only runs
 * at least that long; of those, whatever an opening across (a brick `thick`
 * wide) also keeps is a filled area (a band, a block, a large bold glyph),
 * not a rule, and is left alone. */
static PIX *lines(PIX *bin, int len, int thick, int horizontal)
{
    PIX *runs = horizontal ? pixOpenCompBrick(NULL, bin, len, 1) : pixOpenCompBrick(NULL, bin, 1, len);
    PIX *fat = runs ? (horizontal ? pixOpenBrick(NULL, runs, 1, thick)
                                  : pixOpenBrick(NULL, runs, thick, 1))
                    : NULL;
    PIX *thin = fat ? pixSubtract(NULL, runs, fat) : NULL;
    pixDestroy(&runs);
    pixDestroy(&fat);
    return thin;
}

/* 1 when the thin run `c` (a component of the mask `runs`, box x, y) lies
 * inside a line of text rather than on paper: the pixels of `bin` two rows
 * past it are ink, other runs left out, above it in half its columns or
 * more and below it too. Blurred at 150 dpi, the glyphs of a bold number
 * ("0089832165") touch along a row or two, a run as long as a rule, with
 * their bodies on both sides; a rule has paper on both sides, or text on
 * one side only (a line of text standing on it). */
static int inside_text(PIX *bin, PIX *runs, PIX *c, int x, int y)
{
    int cw = pixGetWidth(c), ch = pixGetHeight(c), bw = pixGetWidth(bin),
        bh = pixGetHeight(bin), cols = 0, inked[2] = {0, 0};
    for (int i = 0; i < cw && x + i < bw; i++) {
        int top = -1, bot = -1;
        for (int j = 0; j < ch; j++) {
            l_uint32 v = 0;
            pixGetPixel(c, i, j, &v);
            if (v)
                bot = j, top = top < 0 ? j : top;
        }
        if (top < 0)
            continue;
        cols++;
        int ys[2] = {y + top - 2, y + bot + 2};
        for (int k = 0; k < 2; k++) {
            l_uint32 v = 0, r = 0;
            if (ys[k] >= 0 && ys[k] < bh)
                pixGetPixel(bin, x + i, ys[k], &v), pixGetPixel(runs, x + i, ys[k], &r);
            inked[k] += v && !r; /* a second rule close by is no text */
        }
    }
    return cols && inked[0] * 2 >= cols && inked[1] * 2 >= cols;
}

/* The horizontal runs of `hl` that lie inside text (inside_text) taken
 * out of it, in place. */
static void drop_text_runs(PIX *bin, PIX *hl)
{
    PIX *runs = pixCopy(NULL, hl);
    PIXA *pa = NULL;
    BOXA *ba = runs ? pixConnComp(runs, &pa, 8) : NULL;
    for (int i = 0; ba && pa && i < boxaGetCount(ba); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
        PIX *c = pixaGetPix(pa, i, L_CLONE);
        if (c && inside_text(bin, runs, c, x, y))
            pixRasterop(hl, x, y, w, h, PIX_NOT(PIX_SRC) & PIX_DST, c, 0, 0);
        pixDestroy(&c);
    }
    boxaDestroy(&ba);
    pixaDestroy(&pa);
    pixDestroy(&runs);
}

/* Each pixel of a rule in the mask takes the lighter of the first pixels
 * past the rule on either side (above and below for a horizontal rule):
 * the paper or the band the rule is drawn on. Where a glyph's stem crosses
 * the rule both sides are dark and the stem stays whole; a glyph only
 * touching it is cut clean. Pixels of the mask are the only ones written,
 * and never read as a side, so the page is changed in place. A run across
 * longer than `maxrun` is no rule (a mask that reached into a blot): left. */
static void erase(PIX *g, PIX *mask, int maxrun, int horizontal)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    l_uint32 *gd = pixGetData(g), *md = pixGetData(mask);
    int gwpl = pixGetWpl(g), mwpl = pixGetWpl(mask);
#define M(x, y) GET_DATA_BIT(md + (size_t)(y) * mwpl, (x))
#define G(x, y) GET_DATA_BYTE(gd + (size_t)(y) * gwpl, (x))
    for (int y = 0; y < h; y++) {
        l_uint32 *mline = md + (size_t)y * mwpl;
        for (int x = 0; x < w; x++) {
            if (!mline[x >> 5]) { /* 32 pixels off the mask at once */
                x |= 31;
                continue;
            }
            if (!GET_DATA_BIT(mline, x))
                continue;
            int a = -1, b = -1;
            if (horizontal) {
                for (int k = 1; k <= maxrun && y - k >= 0 && a < 0; k++)
                    if (!M(x, y - k))
                        a = (int)G(x, y - k);
                for (int k = 1; k <= maxrun && y + k < h && b < 0; k++)
                    if (!M(x, y + k))
                        b = (int)G(x, y + k);
            } else {
                for (int k = 1; k <= maxrun && x - k >= 0 && a < 0; k++)
                    if (!M(x - k, y))
                        a = (int)G(x - k, y);
                for (int k = 1; k <= maxrun && x + k < w && b < 0; k++)
                    if (!M(x + k, y))
                        b = (int)G(x + k, y);
            }
            /* the page's edge counts as the other side */
            int v = a > b ? a : b;
            if (v >= 0)
                SET_DATA_BYTE(gd + (size_t)y * gwpl, x, v);
        }
    }
#undef M
#undef G
}

/* A half-size mask back to the page's size, to the pixel: the rule is
 * what is inked (lighter than the paper by a little: its anti-aliased edge
 * would stay as a faint line for Tesseract's threshold) and connected to
 * the rule's core, within two pixels of the half-size mask. An accent or a
 * dot near the rule but not touching it stays (measured: "Loïc" read
 * "Loic" with the whole zone erased). */
static PIX *full_mask(PIX *half, PIX *light_ink, int w, int h)
{
    PIX *big = pixExpandReplicate(half, 2);
    PIX *fit = big ? pixCreate(w, h, 1) : NULL;
    if (fit)
        pixRasterop(fit, 0, 0, w, h, PIX_SRC, big, 0, 0);
    pixDestroy(&big);
    PIX *zone = fit ? pixDilateBrick(NULL, fit, 5, 5) : NULL;
    PIX *clip = zone ? pixAnd(NULL, zone, light_ink) : NULL;
    PIX *core = clip ? pixAnd(NULL, fit, clip) : NULL;
    PIX *mask = core ? pixSeedfillBinary(NULL, core, clip, 8) : NULL;
    pixDestroy(&fit);
    pixDestroy(&zone);
    pixDestroy(&clip);
    pixDestroy(&core);
    return mask;
}

/* The rules of the half-size masks hl, vl erased from a copy of g. Only the
 * box around them (a table, a header) is worked on at full size, with a
 * margin for the search across each rule. */
static PIX *erase_in_box(PIX *g, PIX *hl, PIX *vl, int noh, int nov, int thick)
{
    PIX *both = pixOr(NULL, hl, vl);
    BOX *hb = NULL;
    if (!both || pixClipToForeground(both, NULL, &hb) != 0 || !hb) {
        pixDestroy(&both);
        return NULL;
    }
    pixDestroy(&both);
    /* the widest rule the mask can hold: under `thick` at half size,
     * doubled, plus the two pixels on each side */
    int maxrun = 2 * thick + 6;
    int margin = maxrun / 2 + 2;
    BOX *grown = boxAdjustSides(NULL, hb, -margin, margin, -margin, margin);
    boxDestroy(&hb);
    BOX *half_box = NULL;
    PIX *hc = grown ? pixClipRectangle(hl, grown, &half_box) : NULL;
    PIX *vc = grown ? pixClipRectangle(vl, grown, NULL) : NULL;
    boxDestroy(&grown);
    l_int32 x = 0, y = 0, bw = 0, bh = 0;
    if (half_box)
        boxGetGeometry(half_box, &x, &y, &bw, &bh);
    boxDestroy(&half_box);
    BOX *full_box = boxCreate(2 * x, 2 * y, 2 * bw, 2 * bh);
    BOX *clipped = NULL;
    PIX *part = hc && vc && full_box ? pixClipRectangle(g, full_box, &clipped) : NULL;
    boxDestroy(&full_box);
    PIX *light = part ? pixConvertTo1(part, 236) : NULL;
    PIX *out = NULL;
    if (light && clipped) {
        int pw = pixGetWidth(part), ph = pixGetHeight(part);
        for (int k = 0; k < 2; k++) {
            PIX *m = (k == 0 ? noh : nov) ? NULL : full_mask(k == 0 ? hc : vc, light, pw, ph);
            if (m)
                erase(part, m, maxrun, k == 0);
            pixDestroy(&m);
        }
        l_int32 cx, cy;
        boxGetGeometry(clipped, &cx, &cy, NULL, NULL);
        out = pixCopy(NULL, g);
        if (out && pixRasterop(out, cx, cy, pw, ph, PIX_SRC, part, 0, 0) != 0)
            pixDestroy(&out);
    }
    boxDestroy(&clipped);
    pixDestroy(&light);
    pixDestroy(&part);
    pixDestroy(&hc);
    pixDestroy(&vc);
    return out;
}

PIX *amcp_pre_erase_rules(PIX *g, int hlen, int vlen)
{
    /* ink: anything clearly darker than the paper (a light-grey rule of a
     * clean print is a rule too); searched at half size, each 2x2 block
     * dark when any of its pixels is, so a 1-px rule stays whole: a
     * quarter of the pixels to open */
    PIX *full = pixConvertTo1(g, 190);
    PIX *bin = full ? pixReduceRankBinaryCascade(full, 1, 0, 0, 0) : NULL;
    pixDestroy(&full);
    if (!bin)
        return NULL;
    /* a rule is at most ~1/3 of a glyph thick (2-5 px at 300 dpi, thicker
     * once blurred and up-sampled): at half size, 5 px or more across is a
     * filled area (hlen is six glyphs, so hlen / 30 is 1/5 of a glyph at
     * half size). Measured: with 3, a clean box's 4-px border was taken
     * for a band and stayed glued to the date it framed. */
    int thick = hlen / 30 > 2 ? hlen / 30 : 2;
    PIX *hl = lines(bin, hlen / 2, thick, 1);
    PIX *vl = lines(bin, vlen / 2, thick, 0);
    l_int32 noh = 1, nov = 1, runs = 1;
    if (hl && vl)
        pixZero(hl, &runs), runs = !runs, drop_text_runs(bin, hl);
    pixDestroy(&bin);
    if (hl && vl)
        pixZero(hl, &noh), pixZero(vl, &nov);

    PIX *out = NULL;
    if (!noh || !nov)
        out = erase_in_box(g, hl, vl, noh, nov, thick);
    else if (runs)
        /* only runs inside text: nothing to erase, but the page is the one
         * the caller's next steps were measured on (a page with a long run
         * gets its lightest greys made white) */
        out = pixCopy(NULL, g);
    pixDestroy(&hl);
    pixDestroy(&vl);
    return out;
}
