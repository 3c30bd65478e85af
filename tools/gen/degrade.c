/* degrade.c - apply the degradation of a level to a rendered 300 dpi page. */
#include <math.h>
#include <string.h>
#include "degrade.h"
#include "model.h"

void degrade_params(Degrade *p, Rng *r, int level, int allow_choice)
{
    (void)allow_choice;
    memset(p, 0, sizeof *p);
    p->level = level;
    p->dpi = 300;
    p->scale = 1.0;
    p->contrast_lo = 0;
    p->contrast_hi = 255;
    p->light_min = 1.0;
    switch (level) {
    case LVL_CLEAN:
        break;
    case LVL_SCAN:
    case LVL_ROTATED:
        p->dpi = rng_chance(r, 0.5) ? 200 : 300;
        p->rotation_deg = rng_range(r, -2.0, 2.0);
        p->noise_sigma = rng_range(r, 1.5, 4.0);
        p->jpeg = rng_chance(r, 0.5);
        p->jpeg_quality = p->jpeg ? 85 : 0;
        p->grey = rng_chance(r, 0.2);
        if (level == LVL_ROTATED) p->orientation = 90 * rng_int(r, 1, 3);
        break;
    case LVL_ROUGH:
        p->dpi = rng_int(r, 150, 200);
        p->rotation_deg = rng_range(r, -4.0, 4.0);
        p->noise_sigma = rng_range(r, 5.0, 12.0);
        p->blur = 1;
        p->jpeg = 1;
        p->jpeg_quality = rng_int(r, 35, 70);
        p->contrast_lo = rng_int(r, 25, 70);
        p->contrast_hi = rng_int(r, 205, 240);
        p->light_min = rng_range(r, 0.72, 0.9);
        p->light_dir = rng_range(r, 0, 360);
        p->grey = rng_chance(r, 0.3);
        break;
    case LVL_PHOTO:
        if (rng_chance(r, 0.5)) { p->photo_w = 3000; p->photo_h = 4000; }
        else { p->photo_w = 1500; p->photo_h = 2000; }
        p->rotation_deg = rng_range(r, -6.0, 6.0);
        p->noise_sigma = rng_range(r, 3.0, 8.0);
        p->jpeg = 1;
        p->jpeg_quality = rng_int(r, 70, 85);
        p->shadow = rng_range(r, 0.15, 0.4);
        p->light_min = rng_range(r, 0.8, 0.95);
        p->light_dir = rng_range(r, 0, 360);
        {
            static const uint32_t DESK[] = {0x8B6B4A, 0x5A4632, 0xA08060, 0x6E6E6E, 0x3C3C46, 0xB49A78, 0x2F4F4F};
            p->desk_rgb = DESK[rng_int(r, 0, NELEM(DESK) - 1)];
        }
        break;
    }
}

PIX *pix_from_canvas(Canvas *c)
{
    cairo_surface_flush(c->surf);
    int w = c->w, h = c->h;
    PIX *pix = pixCreate(w, h, 32);
    pixSetResolution(pix, 300, 300);
    unsigned char *src = cairo_image_surface_get_data(c->surf);
    int stride = cairo_image_surface_get_stride(c->surf);
    l_uint32 *dst = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *s = (const uint32_t *)(src + (size_t)y * stride);
        l_uint32 *d = dst + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            uint32_t v = s[x];
            d[x] = ((v >> 16 & 255) << 24) | ((v >> 8 & 255) << 16) | ((v & 255) << 8);
        }
    }
    pixSetSpp(pix, 3);
    return pix;
}

static inline int clamp255(double v) { return v < 0 ? 0 : v > 255 ? 255 : (int)(v + 0.5); }

/* per-pixel: contrast, uneven light, shadow, noise (32 bpp) */
static void pointwise(PIX *pix, Degrade *p, Rng *r)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
    l_uint32 *data = pixGetData(pix);
    double lo = p->contrast_lo, hi = p->contrast_hi;
    double dx = cos(p->light_dir * M_PI / 180), dy = sin(p->light_dir * M_PI / 180);
    double span = fabs(dx) * w + fabs(dy) * h;
    double off = (dx < 0 ? -dx * w : 0) + (dy < 0 ? -dy * h : 0);
    /* shadow: a soft dark blob centred off one corner */
    double sx = rng_range(r, -0.2, 1.2) * w, sy = rng_range(r, -0.2, 1.2) * h, sr = rng_range(r, 0.4, 0.8) * (w > h ? w : h);
    for (int y = 0; y < h; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            l_uint32 v = line[x];
            double c[3] = {(double)(v >> 24 & 255), (double)(v >> 16 & 255), (double)(v >> 8 & 255)};
            double f = 1.0;
            if (p->light_min < 1.0) {
                double t = (dx * x + dy * y + off) / span;
                f *= p->light_min + (1.0 - p->light_min) * t;
            }
            if (p->shadow > 0) {
                double ddx = x - sx, ddy = y - sy;
                double dd = sqrt(ddx * ddx + ddy * ddy) / sr;
                if (dd < 1.0) f *= 1.0 - p->shadow * (1.0 - dd * dd) * (1.0 - dd * dd);
            }
            double n = p->noise_sigma > 0 ? rng_gauss(r) * p->noise_sigma : 0;
            for (int k = 0; k < 3; k++) {
                double t = lo + c[k] * (hi - lo) / 255.0;
                c[k] = t * f + n;
            }
            line[x] = ((l_uint32)clamp255(c[0]) << 24) | ((l_uint32)clamp255(c[1]) << 16) | ((l_uint32)clamp255(c[2]) << 8);
        }
    }
}

static PIX *photo_warp(PIX *page, Degrade *p, Rng *r)
{
    int W = p->photo_w, H = p->photo_h;
    int pw = pixGetWidth(page), ph = pixGetHeight(page);
    double f = fmin(rng_range(r, 0.78, 0.9) * W / pw, rng_range(r, 0.78, 0.9) * H / ph);
    PIX *sc = pixScale(page, (float)f, (float)f);
    int sw = pixGetWidth(sc), sh = pixGetHeight(sc);
    p->dpi = (int)lround(300 * f);
    PIX *canvas = pixCreate(W, H, 32);
    pixSetAllArbitrary(canvas, p->desk_rgb << 8);
    pixRasterop(canvas, 0, 0, sw, sh, PIX_SRC, sc, 0, 0);
    pixDestroy(&sc);
    /* destination quad: centred, rotated, corners jittered up to 6% */
    double cx = W / 2.0 + rng_range(r, -0.04, 0.04) * W, cy = H / 2.0 + rng_range(r, -0.04, 0.04) * H;
    double a = p->rotation_deg * M_PI / 180;
    double src[8] = {0, 0, sw, 0, sw, sh, 0, sh};
    PTA *ptas = ptaCreate(4), *ptad = ptaCreate(4);
    for (int i = 0; i < 4; i++) {
        double x = src[2 * i] - sw / 2.0, y = src[2 * i + 1] - sh / 2.0;
        double rx = cx + x * cos(a) - y * sin(a) + rng_range(r, -0.06, 0.06) * sw;
        double ry = cy + x * sin(a) + y * cos(a) + rng_range(r, -0.06, 0.06) * sh;
        if (rx < 5) rx = 5;
        if (rx > W - 5) rx = W - 5;
        if (ry < 5) ry = 5;
        if (ry > H - 5) ry = H - 5;
        p->corners[2 * i] = rx;
        p->corners[2 * i + 1] = ry;
        ptaAddPt(ptas, (float)src[2 * i], (float)src[2 * i + 1]);
        ptaAddPt(ptad, (float)rx, (float)ry);
    }
    PIX *out = pixProjectivePtaColor(canvas, ptad, ptas, p->desk_rgb << 8);
    ptaDestroy(&ptas);
    ptaDestroy(&ptad);
    pixDestroy(&canvas);
    return out;
}

PIX *degrade_apply(PIX *page, Degrade *p, Rng *r)
{
    PIX *cur = pixCopy(NULL, page);
    if (p->level == LVL_CLEAN) return cur;
    if (p->level == LVL_PHOTO) {
        PIX *t = photo_warp(cur, p, r);
        pixDestroy(&cur);
        cur = t;
    } else {
        p->scale = p->dpi / 300.0;
        if (p->dpi != 300) {
            PIX *t = pixScale(cur, (float)p->scale, (float)p->scale);
            pixDestroy(&cur);
            cur = t;
        }
        if (fabs(p->rotation_deg) > 0.01) {
            PIX *t = pixRotate(cur, (float)(p->rotation_deg * M_PI / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                               pixGetWidth(cur), pixGetHeight(cur));
            pixDestroy(&cur);
            cur = t;
        }
    }
    if (p->blur) {
        PIX *t = pixBlockconv(cur, p->blur, p->blur);
        pixDestroy(&cur);
        cur = t;
    }
    pointwise(cur, p, r);
    if (p->orientation) {
        PIX *t = pixRotateOrth(cur, p->orientation / 90);
        pixDestroy(&cur);
        cur = t;
    }
    if (p->grey) {
        PIX *t = pixConvertRGBToLuminance(cur);
        pixDestroy(&cur);
        cur = t;
    }
    pixSetResolution(cur, p->dpi, p->dpi);
    if (pixGetDepth(cur) == 32) pixSetSpp(cur, 3);
    return cur;
}
