/* table.c - banded beneficiary table: measure, fit, draw. */
#include <stdio.h>
#include <string.h>
#include "table.h"

void table_style_default(TableStyle *t, const char *sans, double pt)
{
    memset(t, 0, sizeof *t);
    t->hfont = mkfont(sans, pt, 1);
    t->cfont = mkfont(sans, pt - 0.5, 0);
    t->vfont = mkfont(sans, pt, 0);
    t->nfont = mkfont(sans, pt - 0.5, 0);
    t->idfont = mkfont(sans, pt, 0);
    t->show_conv = 1;
    t->show_name = t->show_birth = t->show_rank = t->show_nir = 1;
    t->h_name = "Nom - Prénom";
    t->h_birth = "Date de\nnaissance";
    t->h_rank = "Rang";
    t->h_nir = "N° INSEE - Clé";
    t->h_dre = "Codes DRE/STS";
    t->bands = 1;
    t->band[0] = 0xE6E6E6;
    t->band[1] = 0xFFFFFF;
    t->head_bg = 0xD0D0D0;
    t->head_fg = 0x000000;
    t->grid_rgb = 0x808080;
    t->text_rgb = 0x111111;
    t->pad = 10;
    t->minpt = 8.0;
    t->max_name_w = 560;
}

void notes_text(const Val *v, char *out, size_t n)
{
    out[0] = 0;
    if (!v->nnotes) return;
    size_t k = (size_t)snprintf(out, n, "(");
    for (int i = 0; i < v->nnotes; i++) k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "/" : "", v->notes[i]);
    snprintf(out + k, n - k, ")");
}

void cut_to_width(Canvas *c, Font f, char *s, double maxw)
{
    while (s[0] && text_w(c, f, s) > maxw) {
        size_t l = strlen(s);
        /* drop one UTF-8 character */
        do l--; while (l > 0 && ((unsigned char)s[l] & 0xC0) == 0x80);
        s[l] = 0;
        while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '-')) s[--l] = 0;
    }
}

static void col_header(const Doc *d, int j, char *out, size_t n)
{
    snprintf(out, n, "%s%s", d->c[j].code, d->c[j].star ? "*" : "");
}

static int any_notes(const Doc *d)
{
    if (d->notes_superscript) return 0;
    for (int i = 0; i < d->nb; i++)
        for (int j = 0; j < d->nc; j++) if (d->b[i].v[j].nnotes) return 1;
    return 0;
}

static void scale_fonts(TableStyle *t, double delta)
{
    t->hfont.pt += delta; t->cfont.pt += delta; t->vfont.pt += delta; t->nfont.pt += delta; t->idfont.pt += delta;
}

static double measure(Canvas *c, Doc *d, TableStyle *t)
{
    char buf[128];
    double total = 0;
    int k = 0;
    /* identity columns: 0 name, 1 birth, 2 rank, 3 nir */
    memset(t->colw, 0, sizeof t->colw);
    if (t->show_name) {
        char hn[96];
        snprintf(hn, sizeof hn, "%s\n%s", t->h_name, t->h_nir);
        double w = text_w(c, t->hfont, t->nir_under_name ? hn : t->h_name);
        for (int i = 0; i < d->nb; i++) {
            double tw = text_w(c, t->idfont, d->b[i].name);
            if (tw > w) w = tw;
            if (t->nir_under_name) {
                fmt_nir(d->b[i].nir, t->nir_style, buf, sizeof buf);
                tw = text_w(c, t->idfont, buf);
                if (tw > w) w = tw;
            }
        }
        if (w > t->max_name_w) w = t->max_name_w;
        t->colw[0] = w + 2 * t->pad;
    }
    if (t->show_birth) {
        double w = text_w(c, t->hfont, t->h_birth);
        double tw = text_w(c, t->idfont, "00/00/0000");
        t->colw[1] = (w > tw ? w : tw) + 2 * t->pad;
    }
    if (t->show_rank) {
        double w = text_w(c, t->hfont, t->h_rank);
        t->colw[2] = w + 2 * t->pad;
    }
    if (t->show_nir && !t->nir_under_name) {
        double w = text_w(c, t->hfont, t->h_nir);
        fmt_nir(d->b[0].nir, t->nir_style, buf, sizeof buf);
        double tw = text_w(c, t->idfont, buf);
        t->colw[3] = (w > tw ? w : tw) + 2 * t->pad;
    }
    for (k = 0; k < 4; k++) total += t->colw[k];
    for (int j = 0; j < d->nc; j++) {
        col_header(d, j, buf, sizeof buf);
        double w = text_w(c, t->hfont, buf);
        if (t->show_conv && d->c[j].conv_raw[0]) {
            double tw = text_w(c, t->cfont, d->c[j].conv_raw);
            if (tw > w) w = tw;
        }
        for (int i = 0; i < d->nb; i++) {
            double tw = text_w(c, t->vfont, d->b[i].v[j].raw);
            if (tw > w) w = tw;
            notes_text(&d->b[i].v[j], buf, sizeof buf);
            if (buf[0]) { tw = text_w(c, t->nfont, buf); if (tw > w) w = tw; }
        }
        t->colw[4 + j] = w + 2 * t->pad;
        total += t->colw[4 + j];
    }
    return total;
}

double table_plan(Canvas *c, Doc *d, TableStyle *t, double avail_w, int stretch)
{
    double total = measure(c, d, t);
    while (total > avail_w && t->vfont.pt - 0.5 >= t->minpt) {
        scale_fonts(t, -0.5);
        total = measure(c, d, t);
    }
    if (total > avail_w && !t->nir_under_name && t->show_nir) {
        t->nir_under_name = 1;
        total = measure(c, d, t);
    }
    while (total > avail_w && d->nc > 1) {
        int j = d->nc - 1;
        while (j > 0 && doc_col_protected(d, j)) j--;
        if (j == 0) j = d->nc - 1;
        doc_remove_col(d, j);
        total = measure(c, d, t);
    }
    /* cut names that exceed the name column */
    if (t->show_name)
        for (int i = 0; i < d->nb; i++) cut_to_width(c, t->idfont, d->b[i].name, t->colw[0] - 2 * t->pad);
    if (d->nb) snprintf(d->principal, sizeof d->principal, "%s", d->b[0].name);
    if (stretch && total < avail_w && d->nc) {
        double extra = (avail_w - total) / d->nc;
        if (extra > 120) extra = 120;
        for (int j = 0; j < d->nc; j++) t->colw[4 + j] += extra;
        total += extra * d->nc;
    }
    t->width = total;
    return total;
}

double table_draw(Canvas *c, Doc *d, TableStyle *t, double x, double y)
{
    char buf[128];
    double hl = text_h(c, t->hfont), cl = text_h(c, t->cfont), vl = text_h(c, t->vfont), nl = text_h(c, t->nfont);
    double il = text_h(c, t->idfont);
    int has_conv = 0;
    for (int j = 0; j < d->nc; j++) if (t->show_conv && d->c[j].conv_raw[0]) has_conv = 1;
    double vpad = 8;
    double head_h = vpad * 2 + hl + (has_conv ? cl + 4 : 0) + (t->show_dre ? cl + 4 : 0);
    double idhead_h = text_h(c, t->hfont) * 2;  /* two-line identity headers */
    double dre_h = t->show_dre ? cl + 4 : 0;
    if (idhead_h + 2 * vpad + dre_h > head_h) head_h = idhead_h + 2 * vpad + dre_h;
    int notes = any_notes(d);
    double row_h = vpad * 2 + vl + (notes ? nl + 2 : 0);
    if (t->nir_under_name && row_h < vpad * 2 + 2 * il + 4) row_h = vpad * 2 + 2 * il + 4;
    double W = t->width;

    /* header */
    fill_rect(c, x, y, W, head_h, t->head_bg);
    double cx = x;
    char hn[96];
    snprintf(hn, sizeof hn, "%s\n%s", t->h_name, t->h_nir);
    const char *idh[4] = {t->nir_under_name ? hn : t->h_name, t->h_birth, t->h_rank, t->h_nir};
    for (int k = 0; k < 4; k++) {
        if (t->colw[k] <= 0) continue;
        double th = k == 0 && t->nir_under_name ? 2 * hl : (strchr(idh[k], '\n') ? 2 * hl : hl);
        draw_text(c, t->hfont, cx + t->pad, y + dre_h + (head_h - dre_h - th) / 2, idh[k], AL_LEFT, t->head_fg);
        cx += t->colw[k];
    }
    double ty = y + vpad;
    if (t->show_dre && t->h_dre) {
        Font df = t->cfont;
        df.italic = 1;
        draw_text(c, df, cx - t->pad, ty, t->h_dre, AL_RIGHT, t->head_fg);
    }
    if (t->show_dre) {
        double xx = cx;
        for (int j = 0; j < d->nc; j++) {
            draw_text(c, t->cfont, xx + t->colw[4 + j] / 2, ty, d->c[j].dre, AL_CENTER, t->head_fg);
            xx += t->colw[4 + j];
        }
        ty += cl + 4;
    }
    double xx = cx;
    for (int j = 0; j < d->nc; j++) {
        col_header(d, j, buf, sizeof buf);
        draw_text(c, t->hfont, xx + t->colw[4 + j] / 2, ty, buf, AL_CENTER, t->head_fg);
        if (has_conv && d->c[j].conv_raw[0])
            draw_text(c, t->cfont, xx + t->colw[4 + j] / 2, ty + hl + 4, d->c[j].conv_raw, AL_CENTER, t->head_fg);
        xx += t->colw[4 + j];
    }
    double ry = y + head_h;
    for (int i = 0; i < d->nb; i++) {
        Benef *b = &d->b[i];
        if (t->bands) fill_rect(c, x, ry, W, row_h, t->band[i % 2]);
        cx = x;
        double ly = ry + vpad;
        if (t->colw[0] > 0) {
            draw_text(c, t->idfont, cx + t->pad, ly, b->name, AL_LEFT, t->text_rgb);
            if (t->nir_under_name) {
                fmt_nir(b->nir, t->nir_style, buf, sizeof buf);
                draw_text(c, t->idfont, cx + t->pad, ly + il + 4, buf, AL_LEFT, t->text_rgb);
            }
            cx += t->colw[0];
        }
        if (t->colw[1] > 0) {
            fmt_date(buf, sizeof buf, b->by, b->bm, b->bd, '/');
            draw_text(c, t->idfont, cx + t->pad, ly, buf, AL_LEFT, t->text_rgb);
            cx += t->colw[1];
        }
        if (t->colw[2] > 0) {
            draw_text(c, t->idfont, cx + t->colw[2] / 2, ly, b->rank, AL_CENTER, t->text_rgb);
            cx += t->colw[2];
        }
        if (t->colw[3] > 0) {
            fmt_nir(b->nir, t->nir_style, buf, sizeof buf);
            draw_text(c, t->idfont, cx + t->pad, ly, buf, AL_LEFT, t->text_rgb);
            cx += t->colw[3];
        }
        for (int j = 0; j < d->nc; j++) {
            Val *v = &b->v[j];
            double mid = cx + t->colw[4 + j] / 2;
            draw_text(c, t->vfont, mid, ly, v->raw, AL_CENTER, t->text_rgb);
            if (notes && v->nnotes) {
                notes_text(v, buf, sizeof buf);
                draw_text(c, t->nfont, mid, ly + vl + 2, buf, AL_CENTER, t->text_rgb);
            }
            cx += t->colw[4 + j];
        }
        ry += row_h;
    }
    if (t->grid) {
        stroke_rect(c, x, y, W, ry - y, 2, t->grid_rgb);
        hline(c, x, x + W, y + head_h, 2, t->grid_rgb);
        for (int i = 1; i < d->nb; i++) hline(c, x, x + W, y + head_h + i * row_h, 1, t->grid_rgb);
        cx = x;
        for (int k = 0; k < 4 + d->nc - 1; k++) {
            cx += t->colw[k];
            if (t->colw[k] > 0) vline(c, cx, y, ry, 1, t->grid_rgb);
        }
    }
    mark_bottom(c, ry);
    return ry - y;
}
