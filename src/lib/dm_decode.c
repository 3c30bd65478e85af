/*
 * dm_decode.c - finds and decodes the Inter-AMC Datamatrix on a page.
 *
 * Sits in the reader between preprocessing and OCR, on the same grey page
 * image. libdmtx alone scans every edge of the page: minutes on an A4 page of
 * text, 9.5 s on a blank one (ENGINEERING-NOTES). So we look first for the
 * texture of a symbol: 3x3 windows of 12 px tiles, about half dark, with many
 * light/dark transitions both ways and no blank row (text has line gaps, rules
 * and bands are flat), at the working resolution and again at half of it for
 * large modules. Blocks of such windows that are roughly square become
 * candidate regions, best first, wherever they are on the page (a card may be
 * small and anywhere on a scanner bed; the search costs 5-15 ms). Each is
 * cropped with a generous quiet zone and read by dm_grid.c (a few ms, copes
 * with blur and any quarter turn); libdmtx's own finder then gets a share of
 * the time only if a finder pattern was seen. A crop that fails is tried once
 * more at a second scale (up for small symbols, down for large ones). One
 * absolute deadline bounds the whole page; the first symbol whose text starts
 * with "AMC#" ends the search, other codes are skipped.
 *
 * The deadline counts this thread's CPU time, not the wall clock: on a
 * loaded machine (a batch on every core, a busy server) a wall-clock budget
 * ran out before the sampler had read a symbol it reads in 40 ms alone, so
 * the same file gave a different JSON depending on the load. On an idle
 * machine both clocks agree and the cost bound is the same.
 */
#include "datamatrix.h"
#include "internal.h"
#include <dmtx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TILE 12          /* px at ~300 dpi: a quarter of the smallest symbol */
#define MIN_CONTRAST 60  /* grey levels between the darkest and lightest pixel around a tile */
#define MAX_CANDS 8
#define MIN_WINDOWS 8    /* symbol-like 3x3-tile windows in a candidate */

double amcp_dm_cpu_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return amcp_now_ms(); /* no such clock: the wall clock will do */
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct {
    int x0, y0, x1, y1;  /* page pixels, x1/y1 exclusive */
    int n;               /* symbol-like windows */
    double score;
} cand;

typedef struct {
    unsigned char ok;    /* enough contrast around the tile */
    unsigned char dark;  /* dark pixels, % */
    unsigned char ht, vt;/* light/dark transitions per row / per column, x10 */
} tstat;

/* Per tile: contrast against its 3x3 neighbourhood, share of dark pixels
 * (below the neighbourhood's midpoint) and transitions along rows/columns. */
static tstat *tile_stats(PIX *g, int tw, int th)
{
    int wpl = pixGetWpl(g);
    l_uint32 *data = pixGetData(g);
    unsigned char *mn = malloc((size_t)tw * th), *mx = malloc((size_t)tw * th);
    tstat *st = calloc((size_t)tw * th, sizeof *st);
    if (!mn || !mx || !st) {
        free(mn), free(mx), free(st);
        return NULL;
    }
    for (int ty = 0; ty < th; ty++)
        for (int tx = 0; tx < tw; tx++) {
            int lo = 255, hi = 0;
            /* every other pixel both ways: enough for a range, 4x cheaper */
            for (int y = ty * TILE; y < ty * TILE + TILE; y += 2) {
                const l_uint32 *line = data + (size_t)y * wpl;
                for (int x = tx * TILE; x < tx * TILE + TILE; x += 2) {
                    int v = GET_DATA_BYTE(line, x);
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
            mn[ty * tw + tx] = (unsigned char)lo, mx[ty * tw + tx] = (unsigned char)hi;
        }
    for (int ty = 0; ty < th; ty++)
        for (int tx = 0; tx < tw; tx++) {
            int lo = 255, hi = 0;
            for (int j = -1; j <= 1; j++)
                for (int i = -1; i <= 1; i++) {
                    int X = tx + i, Y = ty + j;
                    if (X < 0 || Y < 0 || X >= tw || Y >= th)
                        continue;
                    lo = mn[Y * tw + X] < lo ? mn[Y * tw + X] : lo;
                    hi = mx[Y * tw + X] > hi ? mx[Y * tw + X] : hi;
                }
            if (hi - lo < MIN_CONTRAST)
                continue;
            int mid = (lo + hi) / 2, dark = 0, ht = 0, vt = 0;
            int prevcol[TILE];
            for (int y = ty * TILE; y < ty * TILE + TILE; y++) {
                const l_uint32 *line = data + (size_t)y * wpl;
                int prev = -1;
                for (int x = tx * TILE, i = 0; x < tx * TILE + TILE; x++, i++) {
                    int k = GET_DATA_BYTE(line, x) < mid;
                    dark += k;
                    if (prev >= 0 && k != prev)
                        ht++;
                    if (y > ty * TILE && k != prevcol[i])
                        vt++;
                    prevcol[i] = k;
                    prev = k;
                }
            }
            tstat *t = &st[ty * tw + tx];
            t->ok = 1;
            t->dark = (unsigned char)(dark * 100 / (TILE * TILE));
            t->ht = (unsigned char)(ht * 10 / TILE);
            t->vt = (unsigned char)(vt * 10 / TILE);
        }
    free(mn), free(mx);
    return st;
}

/* Is the 3x3-tile window around (tx,ty) like the inside of a symbol? 28-85%
 * dark on average with transitions both ways, and inked all over: one
 * blank tile is allowed (large modules leave white 12 px squares), a line gap
 * of text leaves three. Dark means below the midpoint of the neighbourhood's
 * range: a blurred symbol's light modules stay grey, under that midpoint, and
 * rough scans (3 px modules at 150-200 dpi, box-blurred) gave windows 75-85%
 * dark, so that the symbol was never a candidate (the limit was 72%: 5 of
 * the 12 symbols missed on five rough sets of 40). */
static int window_like_symbol(const tstat *st, int tw, int tx, int ty)
{
    int dark = 0, ht = 0, vt = 0, blank = 0;
    for (int j = -1; j <= 1; j++)
        for (int i = -1; i <= 1; i++) {
            const tstat *t = &st[(ty + j) * tw + tx + i];
            if (!t->ok)
                return 0;
            blank += t->dark < 8;
            dark += t->dark, ht += t->ht, vt += t->vt;
        }
    return blank <= 1 && dark >= 9 * 28 && dark <= 9 * 85 && ht >= 9 * 6 && vt >= 9 * 6 &&
           ht * 10 <= vt * 25 && vt * 10 <= ht * 25;
}

static int by_score(const void *a, const void *b)
{
    double d = ((const cand *)b)->score - ((const cand *)a)->score;
    return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/* Blocks of symbol-like windows (8-connected) that are roughly square and
 * mostly filled, the window radius included, in pixels of a page `factor`
 * times larger than `g`. Returns how many, best (largest, fullest) first. */
static int find_candidates(PIX *g, int factor, cand *out, int max)
{
    int tw = pixGetWidth(g) / TILE, th = pixGetHeight(g) / TILE;
    if (tw < 5 || th < 5)
        return 0;
    tstat *st = tile_stats(g, tw, th);
    unsigned char *mark = st ? calloc((size_t)tw * th, 1) : NULL;
    int *stack = mark ? malloc(sizeof(int) * (size_t)tw * th) : NULL;
    if (!stack) {
        free(st), free(mark);
        return 0;
    }
    for (int ty = 1; ty < th - 1; ty++)
        for (int tx = 1; tx < tw - 1; tx++)
            mark[ty * tw + tx] = (unsigned char)window_like_symbol(st, tw, tx, ty);
    int nc = 0;
    cand all[64];
    for (int start = 0; start < tw * th; start++) {
        if (mark[start] != 1)
            continue;
        cand c = {start % tw, start / tw, start % tw, start / tw, 0, 0}; /* tiles, for now */
        int sp = 0;
        stack[sp++] = start;
        mark[start] = 2;
        while (sp) {
            int t = stack[--sp], x = t % tw, y = t / tw;
            c.n++;
            c.x0 = x < c.x0 ? x : c.x0, c.x1 = x > c.x1 ? x : c.x1;
            c.y0 = y < c.y0 ? y : c.y0, c.y1 = y > c.y1 ? y : c.y1;
            for (int j = -1; j <= 1; j++)
                for (int i = -1; i <= 1; i++) {
                    int X = x + i, Y = y + j;
                    if (X < 0 || Y < 0 || X >= tw || Y >= th || mark[Y * tw + X] != 1)
                        continue;
                    mark[Y * tw + X] = 2;
                    stack[sp++] = Y * tw + X;
                }
        }
        int bw = c.x1 - c.x0 + 1, bh = c.y1 - c.y0 + 1;
        double fill = (double)c.n / (bw * bh);
        c.x0--, c.y0--, c.x1++, c.y1++; /* the windows reach one tile further */
        bw += 2, bh += 2;
        /* under 8 windows it is a word of bold text, not a symbol (the
         * smallest, 22 modules of 3 px, gives about 12) */
        if (c.n < MIN_WINDOWS || bw < 4 || bh < 4 || bw * 2 > bh * 3 || bh * 2 > bw * 3 ||
            fill < 0.5)
            continue;
        c.score = fill * c.n;
        int u = TILE * factor;
        c.x0 *= u, c.y0 *= u, c.x1 = (c.x1 + 1) * u, c.y1 = (c.y1 + 1) * u;
        if (nc < (int)(sizeof all / sizeof *all))
            all[nc++] = c;
    }
    free(stack), free(mark), free(st);
    qsort(all, (size_t)nc, sizeof *all, by_score);
    if (nc > max)
        nc = max;
    memcpy(out, all, sizeof *out * (size_t)nc);
    return nc;
}

/* Decodes the first symbol starting with AMC# in `buf` (w x h grey bytes,
 * rows top down) with libdmtx's own finder, until the thread's CPU time
 * reaches `deadline` (ms, amcp_dm_cpu_ms()). Returns 1 with the text and the symbol's
 * box (x0, y0, x1, y1), 0 if none, -1 on OOM. */
static int libdmtx_decode(unsigned char *buf, int w, int h, double deadline, char *text,
                          size_t *len, int box[4])
{
    DmtxImage *img = dmtxImageCreate(buf, w, h, DmtxPack8bppK);
    DmtxDecode *dec = img ? dmtxDecodeCreate(img, 1) : NULL;
    int found = dec ? 0 : -1;
    while (dec && !found) {
        /* libdmtx only knows wall-clock deadlines: it is given short wall
         * slices, and its scan, which resumes where it stopped, goes on
         * while CPU time is left */
        double left = deadline - amcp_dm_cpu_ms();
        if (left <= 0)
            break;
        DmtxTime slice = dmtxTimeAdd(dmtxTimeNow(), left < 10 ? (long)left + 1 : 10);
        DmtxRegion *reg = dmtxRegionFindNext(dec, &slice);
        if (!reg && dmtxTimeExceeded(slice))
            continue; /* the slice ran out, not the scan */
        if (!reg)
            break;
        DmtxMessage *msg = dmtxDecodeMatrixRegion(dec, reg, DmtxUndefined);
        if (msg && msg->outputIdx >= 4 && !memcmp(msg->output, "AMC#", 4)) {
            size_t n = (size_t)msg->outputIdx;
            n = n > AMCP_DM_MAX_TEXT + 8 ? AMCP_DM_MAX_TEXT + 8 : n; /* the parser refuses it */
            memcpy(text, msg->output, n);
            *len = n;
            /* libdmtx's y axis points up from the last row */
            static const double xs[4] = {0, 1, 1, 0}, ys[4] = {0, 0, 1, 1};
            box[0] = w, box[1] = h, box[2] = 0, box[3] = 0;
            for (int k = 0; k < 4; k++) {
                DmtxVector2 v = {xs[k], ys[k]};
                dmtxMatrix3VMultiplyBy(&v, reg->fit2raw);
                int px = (int)(v.X + 0.5), py = h - 1 - (int)(v.Y + 0.5);
                box[0] = px < box[0] ? px : box[0], box[2] = px > box[2] ? px : box[2];
                box[1] = py < box[1] ? py : box[1], box[3] = py > box[3] ? py : box[3];
            }
            found = 1;
        }
        dmtxMessageDestroy(&msg);
        dmtxRegionDestroy(&reg);
    }
    dmtxDecodeDestroy(&dec);
    dmtxImageDestroy(&img);
    return found;
}

/* Where page pixel (x, y) of the preprocessed page comes from in the page
 * before flattening (inverse = 0), or the reverse (inverse = 1): pixRotate
 * turns about (w/2, h/2) of the scaled page, taking each pixel from
 * (xc + dx cos a + dy sin a, yc + dy cos a - dx sin a). */
static void plain_map(const amcp_dm_plain *pl, int w, int h, int inverse, double *x, double *y)
{
    double xc = w / 2, yc = h / 2, ca = cos(pl->angle), sa = sin(pl->angle);
    if (!inverse) {
        double dx = *x - xc, dy = *y - yc;
        *x = (xc + dx * ca + dy * sa) / pl->sx;
        *y = (yc + dy * ca - dx * sa) / pl->sy;
    } else {
        double dx = *x * pl->sx - xc, dy = *y * pl->sy - yc;
        *x = xc + dx * ca - dy * sa;
        *y = yc + dx * sa + dy * ca;
    }
}

/* Crops candidate `c` with a generous quiet zone (the blob of windows may
 * cover only part of a blurred symbol), from the page `g` or, when `pl` is
 * given, from the page before flattening (the rectangle around the same
 * region, the symbol turned by the deskew angle, which the grid sampler
 * takes as it comes), scales it, and decodes it with our grid sampler
 * (method 1: a few ms, and it reads blurred symbols; *finder tells whether
 * a finder pattern was seen) or libdmtx's finder until `deadline` (method
 * 2). Returns 1 (text, len, box in pixels of `g`), 0, or -1 on OOM. */
static int try_region(PIX *g, const amcp_dm_plain *pl, const cand *c, float scale,
                      double deadline, char *text, size_t *len, int box[4], int method,
                      int *finder)
{
    int bw = c->x1 - c->x0, bh = c->y1 - c->y0;
    int m = 2 * TILE + (bw > bh ? bw : bh) * 35 / 100;
    int x0 = c->x0 - m, y0 = c->y0 - m, cw = bw + 2 * m, ch = bh + 2 * m;
    PIX *src = g;
    float sx = scale, sy = scale;
    if (pl) {
        double lx = 1e30, ly = 1e30, hx = -1e30, hy = -1e30;
        for (int k = 0; k < 4; k++) {
            double x = x0 + (k % 2 ? cw : 0), y = y0 + (k / 2 ? ch : 0);
            plain_map(pl, pixGetWidth(g), pixGetHeight(g), 0, &x, &y);
            lx = x < lx ? x : lx, hx = x > hx ? x : hx;
            ly = y < ly ? y : ly, hy = y > hy ? y : hy;
        }
        src = pl->pix;
        x0 = (int)lx, y0 = (int)ly, cw = (int)(hx - lx) + 1, ch = (int)(hy - ly) + 1;
        sx = scale * pl->sx, sy = scale * pl->sy;
    }
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    BOX *b = boxCreate(x0, y0, cw, ch);
    PIX *crop = b ? pixClipRectangle(src, b, NULL) : NULL;
    boxDestroy(&b);
    if (!crop)
        return -1;
    PIX *use = crop;
    if (sx < 0.99f || sx > 1.01f || sy < 0.99f || sy > 1.01f)
        use = sx > 1 ? pixScaleGrayLI(crop, sx, sy) : pixScaleAreaMap(crop, sx, sy);
    int w = use ? pixGetWidth(use) : 0, h = use ? pixGetHeight(use) : 0, rc = -1;
    unsigned char *buf = use ? malloc((size_t)w * h) : NULL;
    if (buf) {
        const l_uint32 *data = pixGetData(use);
        int wpl = pixGetWpl(use);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                buf[(size_t)y * w + x] = (unsigned char)GET_DATA_BYTE(data + (size_t)y * wpl, x);
        if (method == 1) {
            int outline = 0;
            rc = amcp_dm_grid_decode(buf, w, h, deadline, text, AMCP_DM_MAX_TEXT + 8, len, box,
                                     &outline);
            if (rc == 1 && (*len < 4 || memcmp(text, "AMC#", 4)))
                rc = outline = 0; /* another code (a 2D-Doc, a link): ignored */
            *finder = outline == 2;
        } else if (amcp_dm_cpu_ms() < deadline) {
            rc = libdmtx_decode(buf, w, h, deadline, text, len, box);
        } else {
            rc = 0;
        }
        free(buf);
    }
    if (rc == 1 && !pl)
        for (int k = 0; k < 4; k++) /* back to page pixels */
            box[k] = (int)(box[k] / scale + 0.5f) + (k % 2 ? y0 : x0);
    if (rc == 1 && pl) {
        /* the box's corners back to the page before flattening, then to
         * the preprocessed page, where the box is their bounding box */
        double lx = 1e30, ly = 1e30, hx = -1e30, hy = -1e30;
        for (int k = 0; k < 4; k++) {
            double x = box[k % 2 ? 2 : 0] / sx + x0, y = box[k / 2 ? 3 : 1] / sy + y0;
            plain_map(pl, pixGetWidth(g), pixGetHeight(g), 1, &x, &y);
            lx = x < lx ? x : lx, hx = x > hx ? x : hx;
            ly = y < ly ? y : ly, hy = y > hy ? y : hy;
        }
        box[0] = (int)(lx + 0.5), box[1] = (int)(ly + 0.5);
        box[2] = (int)(hx + 0.5), box[3] = (int)(hy + 0.5);
    }
    if (use != crop)
        pixDestroy(&use);
    pixDestroy(&crop);
    return rc;
}

/* The earlier of the page's deadline and `ms` of CPU time from now. */
static double sooner(double page, double ms)
{
    double t = amcp_dm_cpu_ms() + ms;
    return t < page ? t : page;
}

/* The state of one page's search (amcp_dm_decode). */
typedef struct {
    PIX *grey;
    const amcp_dm_plain *pl;
    const cand *c;
    int nc;
    double deadline;
    int budget_ms;
    amcp_dm_found *out;
    unsigned char finder[2][2 * MAX_CANDS][2]; /* [scale][candidate][from]: a finder seen */
    unsigned char tried[2 * MAX_CANDS];        /* second scale tried */
    char text[AMCP_DM_MAX_TEXT + 8];
    size_t len;
    int box[4];
} trial;

/* Candidate i at the working scale (pass 0) or the second one (pass 1),
 * cut from the page before flattening (from 0, when there is one) or from
 * the flattened page, read by the sampler (method 1) or libdmtx (2).
 * Returns 1, 0, or -1 on OOM; 0 at once when the time is out. */
static int attempt(trial *t, int method, int pass, int i, int from)
{
    if (amcp_dm_cpu_ms() >= t->deadline)
        return 0;
    const cand *c = &t->c[i];
    int side = c->x1 - c->x0;
    /* the grid needs no more than ~250 px of symbol: a large one is brought
     * down first (its cost grows with the square) */
    float base = side > 250 ? 250.0f / side : 1.0f;
    float scale = pass == 0 ? base : side * base < 150 ? 2.0f * base : 0.5f * base;
    const amcp_dm_plain *use = from ? NULL : t->pl;
    int seen = 0;
    if (pass == 1)
        t->tried[i] = 1;
    /* a false candidate may hold the sampler's rounds or libdmtx's scan: a
     * share of the budget each */
    int rc = try_region(t->grey, use, c, scale, sooner(t->deadline, t->budget_ms / 3.0), t->text,
                        &t->len, t->box, method, &seen);
    if (method == 1)
        t->finder[pass][i][from] = (unsigned char)seen;
    t->out->candidates++;
    if (rc == 1)
        snprintf(t->out->how, sizeof t->out->how, "%s, candidate %d of %d at (%d,%d), scale %.1f%s",
                 method == 1 ? "grid" : "libdmtx", i + 1, t->nc, c->x0, c->y0, scale,
                 use ? ", unflattened" : "");
    return rc;
}

int amcp_dm_decode(PIX *grey, const amcp_dm_plain *plain, int page, int budget_ms,
                   amcp_dm_found *out)
{
    memset(out, 0, sizeof *out);
    out->page = page;
    double t0 = amcp_now_ms();
    if (!grey || pixGetDepth(grey) != 8 || budget_ms <= 0)
        return 0;
    double deadline = amcp_dm_cpu_ms() + budget_ms;
    cand c[2 * MAX_CANDS];
    int nc = find_candidates(grey, 1, c, MAX_CANDS);
    /* large modules (7 px and more) leave 12 px tiles of one colour: look
     * again at half resolution, keeping what is new */
    PIX *half = pixScaleBySampling(grey, 0.5f, 0.5f);
    cand h[MAX_CANDS];
    int nh = half ? find_candidates(half, 2, h, MAX_CANDS) : 0;
    pixDestroy(&half);
    for (int i = 0; i < nh; i++) {
        int seen = 0;
        for (int k = 0; k < nc && !seen; k++) {
            int ix = (h[i].x1 < c[k].x1 ? h[i].x1 : c[k].x1) - (h[i].x0 > c[k].x0 ? h[i].x0 : c[k].x0);
            int iy = (h[i].y1 < c[k].y1 ? h[i].y1 : c[k].y1) - (h[i].y0 > c[k].y0 ? h[i].y0 : c[k].y0);
            seen = ix > 0 && iy > 0 && (double)ix * iy * 2 > (double)(h[i].x1 - h[i].x0) * (h[i].y1 - h[i].y0);
        }
        if (!seen)
            c[nc++] = h[i];
    }
    /* Order of the attempts, grid sampler first: each candidate at the
     * working scale, cut from the page before flattening then from the
     * flattened one (measured at rough quality: each reads symbols the other
     * misses), then at once at a second scale if a finder pattern was seen
     * on it (up for small symbols, modules of 2-3 px: blurred ones read
     * there); once every candidate has been tried so, the second scale of
     * those without a finder; last, libdmtx's finder on the crops where the
     * sampler saw a finder pattern, with the time left (it may wander for
     * the whole of its share on a blurred symbol the sampler reads at the
     * second scale in 30 ms: seen at rough quality, 2 s of libdmtx first). */
    const amcp_dm_plain *pl = plain && plain->pix ? plain : NULL;
    trial tr = {.grey = grey, .pl = pl, .c = c, .nc = nc, .deadline = deadline,
                .budget_ms = budget_ms, .out = out};
    int rc = 0;
    for (int i = 0; i < nc && rc == 0; i++) {
        for (int from = 0; from < (pl ? 2 : 1) && rc == 0; from++)
            rc = attempt(&tr, 1, 0, i, from);
        if (rc == 0 && (tr.finder[0][i][0] || tr.finder[0][i][1]))
            rc = attempt(&tr, 1, 1, i, 0);
    }
    for (int i = 0; i < nc && rc == 0; i++)
        if (!tr.tried[i])
            rc = attempt(&tr, 1, 1, i, 0);
    for (int pass = 0; pass < 2 && rc == 0; pass++)
        for (int i = 0; i < nc && rc == 0; i++)
            for (int from = 0; from < (pl && pass == 0 ? 2 : 1) && rc == 0; from++)
                if (tr.finder[pass][i][from])
                    rc = attempt(&tr, 2, pass, i, from);
    char *text = tr.text;
    size_t len = tr.len;
    int *box = tr.box;
    out->ms = amcp_now_ms() - t0;
    if (rc < 0)
        return -1;
    if (rc == 0) {
        snprintf(out->how, sizeof out->how, "no symbol (%d candidates%s)", nc,
                 amcp_dm_cpu_ms() >= deadline ? ", out of time" : "");
        return 0;
    }
    out->x = box[0], out->y = box[1], out->w = box[2] - box[0] + 1, out->h = box[3] - box[1] + 1;
    out->why = amcp_dm_parse(text, len, &out->dm);
    out->outcome = out->why == AMCP_DM_OK ? AMCP_DM_FOUND : AMCP_DM_REJECTED;
    return 0;
}
