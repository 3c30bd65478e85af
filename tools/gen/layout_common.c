/* layout_common.c - label variants, footnotes, legend, crop. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

const char *pick_amc_label(Rng *r)
{
    return RNG_PICK(r, ((const char *[]){"N° AMC :", "N°AMC :", "Numéro AMC :", "SV-DRE-TP AMC :", "N° AMC :"}));
}
const char *pick_adh_label(Rng *r)
{
    return RNG_PICK(r, ((const char *[]){"N° adhérent :", "Adhérent n°", "N°Adhérent :", "N° adhérent :"}));
}
const char *pick_typconv_label(Rng *r)
{
    return RNG_PICK(r, ((const char *[]){"Typ Conv :", "Typ. Conv :", "Type de convention :", "Typ Conv :"}));
}

void validity_text(const Doc *d, int style, char *out, size_t n)
{
    char a[16], b[16], as[32], bs[32];
    fmt_date(a, sizeof a, d->v0y, d->v0m, d->v0d, '/');
    fmt_date(b, sizeof b, d->v1y, d->v1m, d->v1d, '/');
    switch (style) {
    case 1: snprintf(out, n, "Valable du %s au %s", a, b); break;
    case 2: snprintf(out, n, "Validité du %s au %s", a, b); break;
    case 3:
        letter_space(a, as, sizeof as);
        letter_space(b, bs, sizeof bs);
        snprintf(out, n, "%s  au  %s", as, bs);
        break;
    default: snprintf(out, n, "%s au %s", a, b); break;
    }
}

void canvas_crop(Canvas *cv, int h)
{
    if (h >= cv->h || h < 100) return;
    Canvas n;
    canvas_init(&n, cv->w, h, cv->dpi, 0xFFFFFF);
    cairo_set_source_surface(n.cr, cv->surf, 0, 0);
    cairo_paint(n.cr);
    n.bottom = cv->bottom;
    canvas_free(cv);
    *cv = n;
}

double draw_footnotes(Canvas *cv, Doc *d, Font f, double x, double y, double w, int superscript)
{
    static const char *SUP[] = {"", "¹", "²", "³", "⁴", "⁵"};
    double y0 = y;
    char buf[200];
    for (int m = 0; m < 6; m++) {
        if (!d->fn_used[m]) continue;
        if (m == 0) snprintf(buf, sizeof buf, "* %s", footnote_text(d, 0));
        else if (superscript) snprintf(buf, sizeof buf, "%s %s", SUP[m], footnote_text(d, m));
        else snprintf(buf, sizeof buf, "(%d) %s", m, footnote_text(d, m));
        y += draw_para(cv, f, x, y, w, buf, 0x111111) + 6;
    }
    return y - y0;
}

double draw_legend(Canvas *cv, Doc *d, Font title, Font f, double x, double y, double w, const char *heading, int cols)
{
    double y0 = y;
    if (heading) {
        draw_text(cv, title, x, y, heading, AL_LEFT, 0x111111);
        y += line_h(cv, title) + 8;
    }
    if (cols < 1) cols = 1;
    Font fb = mkfont(f.family, f.pt, 1);
    double codew = 0;
    for (int j = 0; j < d->nc; j++) {
        double tw = text_w(cv, fb, d->c[j].code);
        if (tw > codew) codew = tw;
    }
    codew += 30;
    double colw = (w - (cols - 1) * 40) / cols;
    int per = (d->nc + cols - 1) / cols;
    double ymax = y;
    d->nlegend = 0;
    for (int k = 0; k < cols; k++) {
        double cy = y, cx = x + k * (colw + 40);
        for (int j = k * per; j < (k + 1) * per && j < d->nc; j++) {
            draw_text(cv, fb, cx, cy, d->c[j].code, AL_LEFT, 0x111111);
            cy += draw_para(cv, f, cx + codew, cy, colw - codew, code_meaning(d->c[j].code), 0x111111) + 4;
            snprintf(d->legend_codes[d->nlegend++], 8, "%s", d->c[j].code);
        }
        if (cy > ymax) ymax = cy;
    }
    return ymax - y0;
}

void pick_fonts(Doc *d, Rng *r)
{
    d->sans = RNG_PICK(r, ((const char *[]){"DejaVu Sans", "Liberation Sans", "FreeSans", "DejaVu Sans Condensed"}));
    d->mono = RNG_PICK(r, ((const char *[]){"Liberation Mono", "FreeMono", "DejaVu Sans Mono"}));
    d->body_pt = rng_range(r, 8.5, 10.0);
}

int dm_size(Doc *d) { return d->has_dm ? datamatrix_size(d->dm, d->dm_module) : 0; }

int place_datamatrix(Canvas *cv, Doc *d, double x, double y)
{
    int w = 0, h = 0;
    if (!d->has_dm) return 0;
    if (draw_datamatrix(cv, d->dm, x, y, d->dm_module, &w, &h) != 0) { d->has_dm = 0; return 0; }
    return w;
}
