/*
 * dm_grid.c - our own module sampler for symbols libdmtx cannot locate.
 *
 * libdmtx finds a symbol by following its edges pixel by pixel; on a blurred
 * 150 dpi scan (modules of 1.5 px smeared by the scanner) there are no edges
 * left to follow, although the modules can still be told apart on average.
 * Here, inside a candidate crop (dm_decode.c), the symbol is the dark blob at
 * the centre once its modules are merged by a closing; its four sides are
 * fitted as straight lines, their crossings are the corners, and for each
 * plausible size and each of the four orientations the modules are sampled on
 * that grid. Sizes and orientations whose finder "L" and clock tracks do not
 * match are dropped at once; the rest go to libdmtx's own error correction
 * (dmtxDecodePopulatedArray), which accepts a grid only if its Reed-Solomon
 * check passes, so a wrong grid never yields text.
 */
#include "datamatrix.h"
#include <dmtx.h>
#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#include <stdlib.h>
#include <string.h>

#define AMCP_DM_GRID_MAX 52 /* 204 codewords: more than AMCP_DM_MAX_TEXT */
/* Share of the border modules (finder and clocks) a grid must classify
 * right to be read. Blurred 1.8 px modules leave the clocks grey: the right
 * size of such a symbol scored 0.64-0.74 (0.75 was required before). The
 * error correction, not this, is what refuses a wrong grid. */
#define MIN_BORDER 0.6

typedef struct {
    double x, y;
} pt;

typedef struct {
    const unsigned char *px;
    int w, h;
} gray;

static int otsu(const unsigned char *px, size_t n)
{
    double hist[256] = {0}, sum = 0, sumb = 0, wb = 0, best = -1;
    for (size_t i = 0; i < n; i++)
        hist[px[i]]++;
    for (int i = 0; i < 256; i++)
        sum += i * hist[i];
    int t = 128;
    for (int i = 0; i < 256; i++) {
        wb += hist[i];
        if (wb == 0 || wb == (double)n)
            continue;
        sumb += i * hist[i];
        double mb = sumb / wb, mf = (sum - sumb) / ((double)n - wb);
        double between = wb * ((double)n - wb) * (mb - mf) * (mb - mf);
        if (between > best)
            best = between, t = i;
    }
    return t;
}

/* In-place square dilation (max) or erosion (min) of a 0/1 mask, radius r,
 * separable: rows then columns. */
static void morph(unsigned char *m, unsigned char *tmp, int w, int h, int r, int dilate)
{
    for (int pass = 0; pass < 2; pass++) {
        int n = pass ? h : w, lines = pass ? w : h;
        for (int l = 0; l < lines; l++)
            for (int i = 0; i < n; i++) {
                int v = dilate ? 0 : 1;
                for (int k = i - r; k <= i + r; k++) {
                    int kk = k < 0 ? 0 : k >= n ? n - 1 : k;
                    int s = pass ? m[kk * w + l] : m[l * w + kk];
                    v = dilate ? (v | s) : (v & s);
                }
                tmp[pass ? i * w + l : l * w + i] = (unsigned char)v;
            }
        memcpy(m, tmp, (size_t)w * h);
    }
}

/* Least-squares line s = a*t + b, refitted once without the points more
 * than 1.5 px away. Returns -1 with too few points. */
static int fit_line(const double *t, const double *s, int n, double *a, double *b)
{
    unsigned char *use = malloc((size_t)n + 1);
    if (!use)
        return -1;
    memset(use, 1, (size_t)n + 1);
    int rc = -1;
    for (int iter = 0; iter < 2; iter++) {
        double st = 0, ss = 0, stt = 0, sts = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
            if (use[i])
                st += t[i], ss += s[i], stt += t[i] * t[i], sts += t[i] * s[i], k++;
        double den = k * stt - st * st;
        if (k < 4 || fabs(den) < 1e-9)
            break;
        *a = (k * sts - st * ss) / den;
        *b = (ss - *a * st) / k;
        rc = 0;
        for (int i = 0; i < n; i++)
            use[i] = fabs(*a * t[i] + *b - s[i]) <= 1.5;
    }
    free(use);
    return rc;
}

/* The symbol's outline: boundary pixels of the dark blob at the centre of
 * the crop once its modules are merged by a closing. Returns the number of
 * points (x, y at pixel centres) or -1. */
static int blob_outline(const gray *g, double **px_out, double **py_out)
{
    int w = g->w, h = g->h, np = -1;
    size_t n = (size_t)w * h;
    unsigned char *m = malloc(n), *tmp = malloc(n), *comp = calloc(n, 1);
    int *stack = malloc(sizeof(int) * n);
    double *xs = NULL, *ys = NULL;
    if (!m || !tmp || !comp || !stack)
        goto out;
    int thr = otsu(g->px, n);
    for (size_t i = 0; i < n; i++)
        m[i] = g->px[i] <= thr;
    /* merge the modules: the symbol is about half the crop, 18 to 52 modules */
    int r = (int)((w < h ? w : h) * 0.5 / 20);
    r = r < 1 ? 1 : r;
    morph(m, tmp, w, h, r, 1);
    morph(m, tmp, w, h, r, 0);
    int seed = -1;
    for (int d = 0; d < (w < h ? w : h) / 4 && seed < 0; d++)
        for (int j = -d; j <= d && seed < 0; j++)
            for (int i = -d; i <= d && seed < 0; i++) {
                int x = w / 2 + i, y = h / 2 + j;
                if (m[y * w + x])
                    seed = y * w + x;
            }
    if (seed < 0)
        goto out;
    int sp = 0, x0 = w, y0 = h, x1 = -1, y1 = -1, area = 0;
    stack[sp++] = seed;
    comp[seed] = 1;
    while (sp) {
        int p = stack[--sp], x = p % w, y = p / w;
        area++;
        x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
        y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
        const int nb[4] = {p - 1, p + 1, p - w, p + w};
        const int inside[4] = {x > 0, x < w - 1, y > 0, y < h - 1};
        for (int k = 0; k < 4; k++)
            if (inside[k] && m[nb[k]] && !comp[nb[k]])
                comp[nb[k]] = 1, stack[sp++] = nb[k];
    }
    /* a blob touching the crop's border ran into something else (or was cut) */
    if (x0 == 0 || y0 == 0 || x1 == w - 1 || y1 == h - 1 || area < 144)
        goto out;
    xs = malloc(sizeof(double) * (size_t)area), ys = malloc(sizeof(double) * (size_t)area);
    if (!xs || !ys)
        goto out;
    np = 0;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            int p = y * w + x;
            if (comp[p] && (!comp[p - 1] || !comp[p + 1] || !comp[p - w] || !comp[p + w]))
                xs[np] = x + 0.5, ys[np++] = y + 0.5;
        }
out:
    free(m), free(tmp), free(comp), free(stack);
    if (np < 0) {
        free(xs), free(ys);
        return -1;
    }
    *px_out = xs, *py_out = ys;
    return np;
}

/* Corners TL, TR, BR, BL (clockwise on screen) of the symbol: the outline's
 * minimum-area rectangle gives its angle and sides; each side is then fitted
 * as a line through the outline points near it (a photo's perspective makes a
 * general quadrilateral) and the corners are where these lines cross.
 * Returns 0 or -1. */
static int find_quad(const gray *g, pt q[4])
{
    double *xs, *ys;
    int np = blob_outline(g, &xs, &ys);
    if (np < 16)
        return -1;
    double best = 1e30, bc = 1, bs = 0;
    for (int deg = -45; deg < 45; deg++) {
        double c = cos(deg * M_PI / 180), s = sin(deg * M_PI / 180);
        double u0 = 1e30, u1 = -1e30, v0 = 1e30, v1 = -1e30;
        for (int i = 0; i < np; i++) {
            double u = xs[i] * c + ys[i] * s, v = -xs[i] * s + ys[i] * c;
            u0 = u < u0 ? u : u0, u1 = u > u1 ? u : u1;
            v0 = v < v0 ? v : v0, v1 = v > v1 ? v : v1;
        }
        if ((u1 - u0) * (v1 - v0) < best)
            best = (u1 - u0) * (v1 - v0), bc = c, bs = s;
    }
    double *us = malloc(sizeof(double) * (size_t)np), *vs = malloc(sizeof(double) * (size_t)np);
    double *t = malloc(sizeof(double) * (size_t)np), *s = malloc(sizeof(double) * (size_t)np);
    int rc = -1;
    if (!us || !vs || !t || !s)
        goto out;
    double u0 = 1e30, u1 = -1e30, v0 = 1e30, v1 = -1e30;
    for (int i = 0; i < np; i++) {
        us[i] = xs[i] * bc + ys[i] * bs, vs[i] = -xs[i] * bs + ys[i] * bc;
        u0 = us[i] < u0 ? us[i] : u0, u1 = us[i] > u1 ? us[i] : u1;
        v0 = vs[i] < v0 ? vs[i] : v0, v1 = vs[i] > v1 ? vs[i] : v1;
    }
    double su = u1 - u0, sv = v1 - v0;
    if (su < 12 || sv < 12 || su > 1.5 * sv || sv > 1.5 * su)
        goto out;
    /* sides in the rotated frame: top v = a u + b, bottom, left u = a v + b, right */
    double a[4], b[4];
    for (int side = 0; side < 4; side++) {
        int k = 0, horiz = side < 2;
        double edge = side == 0 ? v0 : side == 1 ? v1 : side == 2 ? u0 : u1;
        double tol = 0.08 * (horiz ? sv : su);
        for (int i = 0; i < np; i++) {
            double along = horiz ? us[i] : vs[i], across = horiz ? vs[i] : us[i];
            double lo = horiz ? u0 : v0, len = horiz ? su : sv;
            if (fabs(across - edge) > tol || along < lo + 0.15 * len || along > lo + 0.85 * len)
                continue;
            t[k] = along, s[k++] = across;
        }
        if (fit_line(t, s, k, &a[side], &b[side]) < 0)
            goto out;
        /* outline points are pixel centres: the edge lies half a pixel out */
        b[side] += (side == 0 || side == 2) ? -0.5 : 0.5;
    }
    for (int c = 0; c < 4; c++) {
        int hs = (c == 0 || c == 1) ? 0 : 1, vsd = (c == 0 || c == 3) ? 2 : 3;
        double den = 1 - a[hs] * a[vsd];
        if (fabs(den) < 1e-6)
            goto out;
        double v = (a[hs] * b[vsd] + b[hs]) / den, u = a[vsd] * v + b[vsd];
        q[c].x = u * bc - v * bs;
        q[c].y = u * bs + v * bc;
    }
    rc = 0;
out:
    free(xs), free(ys), free(us), free(vs), free(t), free(s);
    return rc;
}

/* Bilinear grey value at continuous pixel coordinates (pixel i covers [i,i+1)). */
static double sample(const gray *g, double x, double y)
{
    x -= 0.5, y -= 0.5;
    int ix = (int)floor(x), iy = (int)floor(y);
    double fx = x - ix, fy = y - iy;
    double v = 0;
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < 2; i++) {
            int xx = ix + i < 0 ? 0 : ix + i >= g->w ? g->w - 1 : ix + i;
            int yy = iy + j < 0 ? 0 : iy + j >= g->h ? g->h - 1 : iy + j;
            v += g->px[yy * g->w + xx] * (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
        }
    return v;
}

static pt grid_point(const pt p[4], double u, double v)
{
    /* p: P00 (the L's corner), P10, P11, P01 */
    pt r;
    r.x = (1 - u) * (1 - v) * p[0].x + u * (1 - v) * p[1].x + u * v * p[2].x + (1 - u) * v * p[3].x;
    r.y = (1 - u) * (1 - v) * p[0].y + u * (1 - v) * p[1].y + u * v * p[2].y + (1 - u) * v * p[3].y;
    return r;
}

/* The grey value at the centre of module (r, c). Measured: the mean of five
 * points within 0.2 module of it did no better at clean, scan, photo or
 * rotated quality and worse at rough (on blurred 1.8 px modules it adds
 * the neighbours' blur that the blur model then has to undo), at five
 * times the cost. */
static double module_value(const gray *g, const pt p[4], int n, int r, int c)
{
    pt q = grid_point(p, (c + 0.5) / n, (r + 0.5) / n);
    return sample(g, q.x, q.y);
}

/* Samples the modules of an n x n grid on the quad `p` into val[r*n+c], row 0
 * being the L's solid row: the border only (border != 0) or the inside. */
static void sample_grid(const gray *g, const pt p[4], int n, double *val, int border)
{
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int on_border = r == 0 || c == 0 || r == n - 1 || c == n - 1;
            if (on_border == !!border)
                val[r * n + c] = module_value(g, p, n, r, c);
        }
}

/* Expected colour of border module (r, c): 1 dark, 0 light, -1 not a border
 * module. Finder "L" = row 0 and column 0, all dark; clock tracks = last row
 * and last column, dark at even positions. */
static int border_expected(int n, int r, int c)
{
    if (r == 0 || c == 0)
        return 1;
    if (r == n - 1)
        return c % 2 == 0;
    if (c == n - 1)
        return r % 2 == 0;
    return -1;
}

/* Threshold halfway between the finder's and the clocks' light modules'
 * mean values, and the share of border modules it classifies right. */
static double border_score(const double *val, int n, double *thr)
{
    double dark = 0, light = 0;
    int nd = 0, nl = 0;
    for (int i = 0; i < n; i++) {
        dark += val[i] + val[i * n]; /* bottom row, left column */
        nd += 2;
        if (i % 2)
            light += val[(n - 1) * n + i] + val[i * n + n - 1], nl += 2;
    }
    dark /= nd, light /= nl;
    if (light - dark < 15)
        return 0;
    *thr = (dark + light) / 2;
    int good = 0, total = 0;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int e = border_expected(n, r, c);
            if (e < 0)
                continue;
            good += (val[r * n + c] < *thr) == e;
            total++;
        }
    return (double)good / total;
}


/* Moves corner k of the grid by `step` px in direction dir (0 +x, 1 -x,
 * 2 +y, 3 -y). With `affine`, the grid stays a parallelogram: the clock
 * corner P11 follows the three others (p[2] = p[1] + p[3] - p[0]) and is
 * never moved itself (returns 0 for k == 2). */
static int move_corner(pt p[4], int k, int dir, double step, int affine)
{
    if (affine && k == 2)
        return 0;
    if (dir < 2)
        p[k].x += dir ? -step : step;
    else
        p[k].y += dir == 3 ? -step : step;
    if (affine)
        p[2].x = p[1].x + p[3].x - p[0].x, p[2].y = p[1].y + p[3].y - p[0].y;
    return 1;
}

/* The parallelogram nearest to the quad q (least squares): each corner
 * moved by a quarter of the gap q0 + q2 - q1 - q3. */
static void parallelogram(const pt q[4], pt out[4])
{
    double dx = (q[0].x + q[2].x - q[1].x - q[3].x) / 4, dy = (q[0].y + q[2].y - q[1].y - q[3].y) / 4;
    for (int k = 0; k < 4; k++) {
        double sg = k % 2 ? 1 : -1;
        out[k].x = q[k].x + sg * dx, out[k].y = q[k].y + sg * dy;
    }
}

/* How well the grid `p` sits on the symbol: the clock tracks' alternation
 * plus the contrast between the finder and the quiet zone just outside it.
 * Unlike a plain contrast, moving the grid off the symbol lowers it. */
static double fit_quality(const gray *g, const pt p[4], int n)
{
    double a = 0;
    for (int i = 0; i + 1 < n; i++) {
        double sign = i % 2 == 0 ? 1 : -1;
        a += sign * (module_value(g, p, n, n - 1, i + 1) - module_value(g, p, n, n - 1, i));
        a += sign * (module_value(g, p, n, i + 1, n - 1) - module_value(g, p, n, i, n - 1));
    }
    for (int i = 0; i < n; i++) {
        a += module_value(g, p, n, -1, i) - module_value(g, p, n, 0, i);
        a += module_value(g, p, n, i, -1) - module_value(g, p, n, i, 0);
    }
    return a / (4 * n - 2);
}

/* Moves each corner by shrinking steps while the fit improves (the grid
 * kept a parallelogram with `affine`, move_corner()). */
static void refine_corners(const gray *g, pt p[4], int n, int affine)
{
    double best = fit_quality(g, p, n), step = 1.0;
    for (int it = 0; it < 12 && step >= 0.25; it++) {
        int improved = 0;
        for (int k = 0; k < 4; k++)
            for (int d = 0; d < 4; d++) {
                pt save[4] = {p[0], p[1], p[2], p[3]};
                if (!move_corner(p, k, d, step, affine))
                    continue;
                double q = fit_quality(g, p, n);
                if (q > best + 1e-9)
                    best = q, improved = 1;
                else
                    memcpy(p, save, sizeof save);
            }
        if (!improved)
            step /= 2;
    }
}

static void neighbours(const unsigned char *d, int n, int r, int c, int *n4, int *nd);

/* Correlation between the module values on grid p and the decisions d
 * (1 dark), turned so that higher is better: dark modules should sample dark. */
static double template_fit(const gray *g, const pt p[4], int n, const unsigned char *d)
{
    double sv = 0, svv = 0, sd = 0, sdd = 0, svd = 0;
    int N = n * n;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            double v = module_value(g, p, n, r, c), t = d[r * n + c];
            sv += v, svv += v * v, sd += t, sdd += t * t, svd += v * t;
        }
    double cov = svd / N - sv / N * sd / N;
    double vv = svv / N - sv / N * sv / N, vd = sdd / N - sd / N * sd / N;
    return vv > 0 && vd > 0 ? -cov / sqrt(vv * vd) : 0;
}

/* Moves each corner by shrinking steps while the module values follow the
 * decisions d better. Where refine_corners() sees only the border (4n
 * modules, of which the clocks barely alternate once 3 px modules are
 * blurred), this uses all n*n modules: with decisions mostly right, a grid
 * a fraction of a module off loses the correlation. */
static void refine_template(const gray *g, pt p[4], int n, const unsigned char *d, int affine)
{
    double best = template_fit(g, p, n, d), step = 0.5;
    for (int it = 0; it < 16 && step >= 0.125; it++) {
        int improved = 0;
        for (int k = 0; k < 4; k++)
            for (int dd = 0; dd < 4; dd++) {
                pt save[4] = {p[0], p[1], p[2], p[3]};
                if (!move_corner(p, k, dd, step, affine))
                    continue;
                double q = template_fit(g, p, n, d);
                if (q > best + 1e-9)
                    best = q, improved = 1;
                else
                    memcpy(p, save, sizeof save);
            }
        if (!improved)
            step /= 2;
    }
}

/* Solves the 4x4 system a[i][0..3] x = a[i][4] in place (x in a[i][4]). */
static int solve4(double a[4][5])
{
    for (int i = 0; i < 4; i++) {
        int piv = i;
        for (int k = i + 1; k < 4; k++)
            if (fabs(a[k][i]) > fabs(a[piv][i]))
                piv = k;
        if (fabs(a[piv][i]) < 1e-9)
            return -1;
        for (int j = 0; j < 5; j++) {
            double t = a[i][j];
            a[i][j] = a[piv][j], a[piv][j] = t;
        }
        for (int k = 0; k < 4; k++) {
            if (k == i)
                continue;
            double f = a[k][i] / a[i][i];
            for (int j = 0; j < 5; j++)
                a[k][j] -= f * a[i][j];
        }
    }
    for (int i = 0; i < 4; i++)
        a[i][4] /= a[i][i];
    return 0;
}

static void neighbours(const unsigned char *d, int n, int r, int c, int *n4, int *nd)
{
    *n4 = *nd = 0;
    for (int j = -1; j <= 1; j++)
        for (int i = -1; i <= 1; i++) {
            int rr = r + j, cc = c + i;
            if ((!i && !j) || rr < 0 || cc < 0 || rr >= n || cc >= n)
                continue; /* outside: the quiet zone, light */
            if (i && j)
                *nd += d[rr * n + cc];
            else
                *n4 += d[rr * n + cc];
        }
}

static int fit_blur(const double *val, int n, const unsigned char *d, double k[4]);

/* One pass of decision feedback against blur: each sample is modelled as
 * a + b*self + c*(dark 4-neighbours) + e*(dark diagonal neighbours), the
 * coefficients fitted by least squares on the current decisions, then every
 * data module is re-decided as the colour that explains its sample best. The
 * border keeps its known pattern. A scanner's blur spreads a module over its
 * neighbours; this undoes most of it. Returns -1 if the fit is singular. */
static int equalise(const double *val, int n, unsigned char *d, unsigned char *tmp)
{
    double k[4];
    if (fit_blur(val, n, d, k) < 0)
        return -1;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int e = border_expected(n, r, c), n4, nd;
            if (e >= 0) {
                tmp[r * n + c] = (unsigned char)e;
                continue;
            }
            neighbours(d, n, r, c, &n4, &nd);
            double base = k[0] + k[2] * n4 + k[3] * nd, v = val[r * n + c];
            tmp[r * n + c] = fabs(v - base - k[1]) < fabs(v - base);
        }
    memcpy(d, tmp, (size_t)n * n);
    return 0;
}


/* Least-squares fit of the blur model on the decisions d:
 * sample = k[0] + k[1]*self + k[2]*(dark 4-neighbours) + k[3]*(dark
 * diagonal neighbours). Returns -1 if singular. */
static int fit_blur(const double *val, int n, const unsigned char *d, double k[4])
{
    double a[4][5] = {{0}};
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int n4, nd;
            neighbours(d, n, r, c, &n4, &nd);
            double f[4] = {1, d[r * n + c], n4, nd};
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++)
                    a[i][j] += f[i] * f[j];
                a[i][4] += f[i] * val[r * n + c];
            }
        }
    if (solve4(a) < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        k[i] = a[i][4];
    return 0;
}

static double kern(const double k[4], int dr, int dc)
{
    return !dr && !dc ? k[1] : !dr || !dc ? k[2] : k[3];
}

static int at(const unsigned char *d, int n, int r, int c)
{
    return r < 0 || c < 0 || r >= n || c >= n ? 0 : d[r * n + c]; /* outside: quiet zone */
}

/* Every data row decided again as a whole, the rows around it as they are:
 * a Viterbi search over the row's modules (state: the last two) for the
 * colours that best explain, under the blur model k, the samples of that
 * row and of the rows above and below, which it also darkens. Where
 * equalise() decides each module from its neighbours' previous decisions
 * (and two wrong neighbours mislead it), this weighs every combination
 * along the row; alternated with columns (the same on the transposed
 * grid), it undoes a blur spreading a module over its neighbours' centres. */
static void viterbi_rows(const double *val, int n, unsigned char *d, const double k[4])
{
    unsigned char bp[AMCP_DM_GRID_MAX][4];
    for (int r = 1; r < n - 1; r++) {
        double cost[4], next[4];
        for (int s = 0; s < 4; s++)
            cost[s] = 1e300;
        cost[d[r * n]] = 0; /* x(-1) = 0 (quiet zone), x(0) the finder */
        for (int c = 0; c < n; c++) {
            int fixed = c + 1 >= n ? 0 : border_expected(n, r, c + 1);
            double base[3];
            for (int rr = r - 1; rr <= r + 1; rr++) {
                double b = k[0];
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                        if (rr + dr != r)
                            b += kern(k, dr, dc) * at(d, n, rr + dr, c + dc);
                base[rr - r + 1] = b;
            }
            for (int s = 0; s < 4; s++)
                next[s] = 1e300;
            for (int s = 0; s < 4; s++) {
                if (cost[s] >= 1e299)
                    continue;
                for (int v = 0; v <= 1; v++) {
                    if (fixed >= 0 && v != fixed)
                        continue;
                    int x[3] = {s >> 1, s & 1, v};
                    double e = cost[s];
                    for (int rr = r - 1; rr <= r + 1; rr++) {
                        if (rr < 0 || rr >= n)
                            continue;
                        double pred = base[rr - r + 1];
                        for (int dc = -1; dc <= 1; dc++)
                            pred += kern(k, r - rr, dc) * x[dc + 1];
                        double diff = val[rr * n + c] - pred;
                        e += diff * diff;
                    }
                    int ns = (s & 1) * 2 + v;
                    if (e < next[ns])
                        next[ns] = e, bp[c][ns] = (unsigned char)s;
                }
            }
            memcpy(cost, next, sizeof cost);
        }
        int s = cost[0] <= cost[2] ? 0 : 2; /* x(n) = 0 */
        for (int c = n - 1; c >= 0; c--) {
            if (border_expected(n, r, c) < 0)
                d[r * n + c] = (unsigned char)(s >> 1);
            s = bp[c][s];
        }
    }
}

static void transpose(const double *v, const unsigned char *d, int n, double *vt,
                      unsigned char *dt)
{
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            vt[c * n + r] = v[r * n + c], dt[c * n + r] = d[r * n + c];
}

/* One row pass and one column pass of viterbi_rows(), the blur model fitted
 * again before each (the border's pattern is the same transposed). `vt`
 * and `dt` are n*n scratch. Returns -1 if the model is singular. */
static int viterbi_pass(const double *val, int n, unsigned char *d, double *vt,
                        unsigned char *dt)
{
    double k[4];
    if (fit_blur(val, n, d, k) < 0)
        return -1;
    viterbi_rows(val, n, d, k);
    if (fit_blur(val, n, d, k) < 0)
        return -1;
    transpose(val, d, n, vt, dt);
    viterbi_rows(vt, n, dt, k);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            d[r * n + c] = dt[c * n + r];
    return 0;
}

/* Tries to decode the dark/light decisions `d` as symbol size `idx`;
 * returns the message or NULL. */
static DmtxMessage *decode_grid(const unsigned char *d, int n, int idx)
{
    int rr = dmtxGetSymbolAttribute(DmtxSymAttribDataRegionRows, idx);
    int rc = dmtxGetSymbolAttribute(DmtxSymAttribDataRegionCols, idx);
    int vr = dmtxGetSymbolAttribute(DmtxSymAttribVertDataRegions, idx);
    int hr = dmtxGetSymbolAttribute(DmtxSymAttribHorizDataRegions, idx);
    DmtxMessage *msg = dmtxMessageCreate(idx, DmtxFormatMatrix);
    if (!msg)
        return NULL;
    int mrows = rr * vr, mcols = rc * hr;
    if ((size_t)mrows * mcols > msg->arraySize) {
        dmtxMessageDestroy(&msg);
        return NULL;
    }
    for (int mr = 0; mr < mrows; mr++)
        for (int mc = 0; mc < mcols; mc++) {
            int fromb = mrows - 1 - mr; /* mapping rows count from the top */
            int r = fromb / rr * (rr + 2) + 1 + fromb % rr;
            int c = mc / rc * (rc + 2) + 1 + mc % rc;
            msg->array[mr * mcols + mc] =
                (unsigned char)((d[r * n + c] ? DmtxModuleOnRGB : DmtxModuleOff) |
                                DmtxModuleAssigned);
        }
    msg->fnc1 = DmtxUndefined;
    return dmtxDecodePopulatedArray(idx, msg, DmtxUndefined); /* NULL (and freed) if RS fails */
}

typedef struct {
    int idx, n, o;
    double score;
} guess;

/* Samples, thresholds, then equalises a few times, asking the error
 * correction after each step, until the CPU time reaches `deadline`.
 * Returns the message or NULL. */
static DmtxMessage *read_grid(const gray *g, pt p[4], int n, int idx, int affine,
                              double deadline, double *val, unsigned char *d, unsigned char *tmp)
{
    double thr, vt[AMCP_DM_GRID_MAX * AMCP_DM_GRID_MAX];
    unsigned char dt[AMCP_DM_GRID_MAX * AMCP_DM_GRID_MAX];
    refine_corners(g, p, n, affine);
    sample_grid(g, p, n, val, 1);
    if (border_score(val, n, &thr) < MIN_BORDER)
        return NULL;
    sample_grid(g, p, n, val, 0);
    for (int i = 0; i < n * n; i++)
        d[i] = val[i] < thr;
    /* then, when the error correction refuses, a few rounds led by the
     * decisions: the grid is moved to fit them all, the modules are decided
     * again on it. A grid off by a third of a 3 px module (its border's fit
     * is flat) misreads one module in six; these rounds recover most.
     * Each round ends with row and column Viterbi passes: on rough scans
     * (3 px modules printed, scanned at 150-200 dpi, box-blurred, JPEG at
     * quality 35-70) equalise() leaves 7-10% of the modules wrong, these
     * about half as many, and the rounds keep improving the grid up to the
     * fifth or sixth (measured on the symbols missed at rough quality). */
    for (int round = 0; round < 6; round++) {
        if (round > 0) {
            if (amcp_dm_cpu_ms() >= deadline)
                break;
            refine_template(g, p, n, d, affine);
            sample_grid(g, p, n, val, 1);
            if (border_score(val, n, &thr) < MIN_BORDER)
                break;
            sample_grid(g, p, n, val, 0);
            for (int i = 0; i < n * n; i++)
                if (border_expected(n, i / n, i % n) < 0)
                    d[i] = val[i] < thr;
        }
        for (int step = 0; step < 5; step++) {
            if (step > 0 && equalise(val, n, d, tmp) < 0)
                break;
            if (step == 0 || step == 2 || step == 4) {
                DmtxMessage *msg = decode_grid(d, n, idx);
                if (msg)
                    return msg;
            }
        }
        for (int pass = 0; pass < 3; pass++) {
            if (viterbi_pass(val, n, d, vt, dt) < 0)
                break;
            DmtxMessage *msg = decode_grid(d, n, idx);
            if (msg)
                return msg;
        }
    }
    return NULL;
}

static int by_fit(const void *a, const void *b)
{
    double x = ((const guess *)a)->score, y = ((const guess *)b)->score;
    return x < y ? 1 : x > y ? -1 : 0;
}

int amcp_dm_grid_decode(const unsigned char *px, int w, int h, double deadline, char *text,
                        size_t cap, size_t *len, int box[4], int *outline)
{
    gray g = {px, w, h};
    pt q[4];
    *outline = 0;
    if (w < 16 || h < 16 || find_quad(&g, q) < 0)
        return 0;
    *outline = 1; /* a square blob; 2 once a finder and clocks are seen on it */
    double side = (hypot(q[1].x - q[0].x, q[1].y - q[0].y) +
                   hypot(q[2].x - q[3].x, q[2].y - q[3].y)) / 2;
    size_t nn = AMCP_DM_GRID_MAX * AMCP_DM_GRID_MAX;
    double *val = malloc(sizeof(double) * nn);
    unsigned char *d = malloc(nn), *tmp = malloc(nn);
    if (!val || !d || !tmp) {
        free(val), free(d), free(tmp);
        return -1;
    }
    /* every size and orientation whose border looks right, best first */
    guess gs[4 * DmtxSymbolSquareCount];
    int ng = 0;
    for (int idx = 0; idx < DmtxSymbolSquareCount; idx++) {
        int n = dmtxGetSymbolAttribute(DmtxSymAttribSymbolRows, idx);
        /* an AMC payload needs 18x18 to 52x52; modules under 1.2 px carry nothing */
        if (n < 18 || n > AMCP_DM_GRID_MAX || side / n < 1.2)
            continue;
        for (int o = 0; o < 4; o++) {
            pt p[4] = {q[(3 + o) % 4], q[(2 + o) % 4], q[(1 + o) % 4], q[o % 4]};
            double thr, sc;
            sample_grid(&g, p, n, val, 1);
            sc = border_score(val, n, &thr);
            if (sc >= MIN_BORDER)
                gs[ng++] = (guess){idx, n, o, sc};
        }
    }
    qsort(gs, (size_t)ng, sizeof *gs, by_fit);
    if (ng)
        *outline = 2;
    /* Each guess read first on a parallelogram, then on the quad as it is.
     * A scanner's skew and scale are affine; on a blurred symbol the outline
     * can miss a corner's light modules (the clock corner P11 is light, and
     * light data modules beside a clock run into the paper): a corner a
     * module or more in, the next ones fitted around it. Held to a
     * parallelogram, the grid is pinned by its three other corners (rough
     * quality, five sets: 3 more symbols read; one was 5 px off at P10,
     * which no free refinement moved). The free quad is for a photo's
     * perspective. */
    int found = 0;
    for (int i = 0; i < 2 * ng && i < 12 && !found && amcp_dm_cpu_ms() < deadline; i++) {
        int gi = i % (ng < 6 ? ng : 6), affine = i < (ng < 6 ? ng : 6);
        int o = gs[gi].o;
        pt p[4] = {q[(3 + o) % 4], q[(2 + o) % 4], q[(1 + o) % 4], q[o % 4]};
        if (affine)
            parallelogram(p, p);
        DmtxMessage *msg = read_grid(&g, p, gs[gi].n, gs[gi].idx, affine, deadline, val, d, tmp);
        if (!msg)
            continue;
        size_t k = (size_t)msg->outputIdx < cap ? (size_t)msg->outputIdx : cap;
        memcpy(text, msg->output, k);
        *len = k;
        dmtxMessageDestroy(&msg);
        found = 1;
        box[0] = w, box[1] = h, box[2] = 0, box[3] = 0;
        for (int k2 = 0; k2 < 4; k2++) {
            int x = (int)p[k2].x, y = (int)p[k2].y;
            box[0] = x < box[0] ? x : box[0], box[2] = x > box[2] ? x : box[2];
            box[1] = y < box[1] ? y : box[1], box[3] = y > box[3] ? y : box[3];
        }
    }
    free(val), free(d), free(tmp);
    return found;
}
