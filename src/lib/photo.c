/*
 * photo.c - the page of a phone photo (see preprocess.h): a sheet or card
 * lying on a desk is a bright quadrilateral on a darker surround, turned
 * and foreshortened by the camera. Its corners are found on a reduced copy
 * and the quadrilateral is mapped back to a rectangle, so that text lines
 * are straight and level again (deskew alone leaves converging lines).
 * Called by preprocess.c first, before the page is cut, scaled or deskewed.
 */
#include "preprocess.h"
#include <math.h>
#include <stdio.h>

/* Corners of the largest component of `mask`: the extreme points along the
 * two diagonals (top-left has the least x + y, and so on). That holds for a
 * quadrilateral turned by less than 45 degrees, which a photo of a page
 * that reads at all is. Order: top-left, top-right, bottom-right,
 * bottom-left, in mask pixels. */
static int quad_corners(PIX *mask, float q[8], l_int32 *area)
{
    PIXA *pixa = NULL;
    BOXA *boxes = pixConnComp(mask, &pixa, 8);
    int n = boxes ? boxaGetCount(boxes) : 0, best = -1;
    l_int32 bestn = 0;
    for (int i = 0; i < n; i++) {
        PIX *c = pixaGetPix(pixa, i, L_CLONE);
        l_int32 on = 0;
        if (c)
            pixCountPixels(c, &on, NULL);
        if (on > bestn)
            bestn = on, best = i;
        pixDestroy(&c);
    }
    int ok = -1;
    PIX *c = best >= 0 ? pixaGetPix(pixa, best, L_CLONE) : NULL;
    l_int32 bx, by, bw, bh;
    if (c && boxaGetBoxGeometry(boxes, best, &bx, &by, &bw, &bh) == 0) {
        int s0 = 1 << 30, s2 = -(1 << 30), d1 = -(1 << 30), d3 = -(1 << 30);
        l_uint32 *data = pixGetData(c);
        int wpl = pixGetWpl(c);
        for (int y = 0; y < bh; y++) {
            l_uint32 *line = data + (size_t)y * wpl;
            for (int x = 0; x < bw; x++) {
                if (!GET_DATA_BIT(line, x))
                    continue;
                int X = x + bx, Y = y + by;
                if (X + Y < s0)
                    s0 = X + Y, q[0] = (float)X, q[1] = (float)Y;
                if (X - Y > d1)
                    d1 = X - Y, q[2] = (float)X, q[3] = (float)Y;
                if (X + Y > s2)
                    s2 = X + Y, q[4] = (float)X, q[5] = (float)Y;
                if (Y - X > d3)
                    d3 = Y - X, q[6] = (float)X, q[7] = (float)Y;
            }
        }
        *area = bestn;
        ok = 0;
    }
    pixDestroy(&c);
    pixaDestroy(&pixa);
    boxaDestroy(&boxes);
    return ok;
}

static float dist(const float *a, const float *b)
{
    return hypotf(a[0] - b[0], a[1] - b[1]);
}

/* Twice the signed area of the quadrilateral (shoelace). */
static float quad_area(const float q[8])
{
    float s = 0;
    for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        s += q[2 * i] * q[2 * j + 1] - q[2 * j] * q[2 * i + 1];
    }
    return s;
}

/* How much a pixel of a colour photo looks like paper: its lightness less
 * twice its colourfulness (max - min of R, G, B). Paper is neutral even in
 * a shadow; a wooden or coloured desk is not, and can be as light as paper
 * in the shade. 8 bpp, 0-255. */
static PIX *paper_likeness(PIX *rgb)
{
    int w = pixGetWidth(rgb), h = pixGetHeight(rgb);
    PIX *out = pixCreate(w, h, 8);
    if (!out)
        return NULL;
    for (int y = 0; y < h; y++) {
        l_uint32 *in = pixGetData(rgb) + (size_t)y * pixGetWpl(rgb);
        l_uint32 *o = pixGetData(out) + (size_t)y * pixGetWpl(out);
        for (int x = 0; x < w; x++) {
            l_int32 r, gg, b;
            extractRGBValues(in[x], &r, &gg, &b);
            int mx = r > gg ? (r > b ? r : b) : (gg > b ? gg : b);
            int mn = r < gg ? (r < b ? r : b) : (gg < b ? gg : b);
            int v = (3 * r + 6 * gg + b) / 10 - 2 * (mx - mn);
            SET_DATA_BYTE(o, x, v < 0 ? 0 : v);
        }
    }
    return out;
}

/* The paper-likeness of one pixel (see paper_likeness); grey when there is
 * no colour. */
static int likeness_at(PIX *g, PIX *colour, int x, int y)
{
    l_uint32 v = 0;
    if (!colour) {
        pixGetPixel(g, x, y, &v);
        return (int)v;
    }
    pixGetPixel(colour, x, y, &v);
    l_int32 r, gg, b;
    extractRGBValues(v, &r, &gg, &b);
    int mx = r > gg ? (r > b ? r : b) : (gg > b ? gg : b);
    int mn = r < gg ? (r < b ? r : b) : (gg < b ? gg : b);
    int l = (3 * r + 6 * gg + b) / 10 - 2 * (mx - mn);
    return l < 0 ? 0 : l;
}

/* Medians of the paper-likeness on a frame `m` px wide along the photo's
 * edges (the surround) and in its centre half (the paper), from one pixel
 * in 8 x 8: a few thousand pixels, no copy of the page. */
static void surround_and_paper(PIX *g, PIX *colour, int m, int *around, int *paper)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    int ha[256] = {0}, hp[256] = {0}, na = 0, np = 0;
    for (int y = 0; y < h; y += 8)
        for (int x = 0; x < w; x += 8) {
            int edge = x < m || y < m || x >= w - m || y >= h - m;
            int centre = x >= w / 4 && x < 3 * w / 4 && y >= h / 4 && y < 3 * h / 4;
            if (!edge && !centre)
                continue;
            int v = likeness_at(g, colour, x, y);
            if (edge)
                ha[v]++, na++;
            else
                hp[v]++, np++;
        }
    *around = 255, *paper = 0;
    for (int i = 0, c = 0; i < 256 && na; i++)
        if ((c += ha[i]) * 2 >= na) {
            *around = i;
            break;
        }
    for (int i = 0, c = 0; i < 256 && np; i++)
        if ((c += hp[i]) * 2 >= np) {
            *paper = i;
            break;
        }
}

PIX *amcp_pre_unwarp(PIX *g, PIX *colour, char *desc, size_t desc_len)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    if (w < 400 || h < 400)
        return NULL;
    if (colour && (pixGetDepth(colour) != 32 || pixGetWidth(colour) != w ||
                   pixGetHeight(colour) != h))
        colour = NULL;
    /* Surround: the median of a frame 3% wide along the photo's edges;
     * paper: the median of the centre. A scan (white lid, white paper) or a
     * photo whose page fills the frame has no darker surround: not this
     * step's case, decided before any copy of the page is made. */
    int around, paper;
    surround_and_paper(g, colour, (w < h ? w : h) * 3 / 100 + 1, &around, &paper);
    if (paper - around < 50)
        return NULL;
    /* about 500 px on the long side: enough to place a corner within a few
     * pixels of the full page, cheap to threshold and label */
    float f = 500.0f / (float)(w > h ? w : h);
    PIX *small = NULL;
    if (colour) {
        PIX *sc = pixScaleAreaMap(colour, f, f);
        small = sc ? paper_likeness(sc) : NULL;
        pixDestroy(&sc);
    } else {
        small = pixScaleAreaMap(g, f, f);
    }
    if (!small)
        return NULL;
    int sw = pixGetWidth(small), sh = pixGetHeight(small);
    /* Paper = closer to the paper than to the surround, with a margin for
     * the shade: a third of the way up from the surround (a shadow takes
     * up to 40% of the light off a corner of the page); the text and rules
     * inside it are holes, filled; a closing first mends the edge where a
     * dark band reaches it. */
    int thr = (int)(around + (paper - around) / 3);
    PIX *dark = pixThresholdToBinary(small, thr);
    PIX *light = dark ? pixInvert(NULL, dark) : NULL;
    PIX *closed = light ? pixCloseBrick(NULL, light, 5, 5) : NULL;
    /* pixHolesByFilling gives the holes alone: or'ed with the paper */
    PIX *holes = closed ? pixHolesByFilling(closed, 4) : NULL;
    PIX *filled = holes ? pixOr(NULL, holes, closed) : NULL;
    pixDestroy(&holes);
    PIX *mask = filled ? pixOpenBrick(NULL, filled, 7, 7) : NULL;
    pixDestroy(&dark);
    pixDestroy(&light);
    pixDestroy(&closed);
    pixDestroy(&filled);
    pixDestroy(&small);
    float q[8] = {0};
    l_int32 area = 0;
    int rc = mask ? quad_corners(mask, q, &area) : -1;
    pixDestroy(&mask);
    if (rc < 0)
        return NULL;
    /* A page, not a patch of light: a convex quadrilateral over a quarter of
     * the photo that the component fills (a blob of light on the desk or a
     * page cut by the frame's edge has no four clear corners). */
    float a = quad_area(q) / 2;
    if (a < 0.25f * sw * sh || area < 0.93f * a || area > 1.05f * a)
        return NULL;
    for (int i = 0; i < 4; i++) {
        const float *p0 = q + 2 * i, *p1 = q + 2 * ((i + 1) % 4), *p2 = q + 2 * ((i + 2) % 4);
        float cross = (p1[0] - p0[0]) * (p2[1] - p1[1]) - (p1[1] - p0[1]) * (p2[0] - p1[0]);
        if (cross <= 0)
            return NULL;
    }
    /* back to full scale; the rectangle's sides are the mean of the
     * opposite sides, shrunk if needed to fit the image */
    for (int i = 0; i < 8; i++)
        q[i] /= f;
    float W = (dist(q, q + 2) + dist(q + 6, q + 4)) / 2;
    float H = (dist(q, q + 6) + dist(q + 2, q + 4)) / 2;
    float k = fminf(1.0f, fminf((float)w / W, (float)h / H));
    W *= k, H *= k;
    int iw = (int)W, ih = (int)H;
    if (iw < 200 || ih < 200)
        return NULL;
    PTA *src = ptaCreate(4), *dst = ptaCreate(4);
    PIX *out = NULL;
    if (src && dst) {
        const float r[8] = {0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1};
        for (int i = 0; i < 4; i++) {
            ptaAddPt(src, q[2 * i], q[2 * i + 1]);
            ptaAddPt(dst, r[2 * i], r[2 * i + 1]);
        }
        /* Leptonica maps each output point back into the source: ptad is
         * the output rectangle, ptas the quadrilateral in the photo */
        PIX *all = pixProjectivePtaGray(g, dst, src, 255);
        BOX *b = all ? boxCreate(0, 0, iw, ih) : NULL;
        out = b ? pixClipRectangle(all, b, NULL) : NULL;
        boxDestroy(&b);
        pixDestroy(&all);
    }
    ptaDestroy(&src);
    ptaDestroy(&dst);
    if (out)
        snprintf(desc, desc_len, "unwarp:%.0f,%.0f;%.0f,%.0f;%.0f,%.0f;%.0f,%.0f", q[0], q[1],
                 q[2], q[3], q[4], q[5], q[6], q[7]);
    return out;
}
