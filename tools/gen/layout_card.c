/* layout_card.c - credit-card sized card (85.6 x 54 mm at 300 dpi) lying on an
 * A4 scanner bed. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

static const uint32_t HEAD[] = {0x1F4E79, 0x2E7D32, 0x8E2443, 0x37474F, 0x00695C, 0x4A148C};

void layout_card(Doc *d, Rng *r, Canvas *cv)
{
    uint32_t bed = rng_chance(r, 0.5) ? 0xFFFFFF : (uint32_t)(0x010101 * rng_int(r, 0xEC, 0xF8));
    canvas_init(cv, A4W, A4H, 300, bed);
    const int CW = 1011, CH = 638;
    double x = rng_int(r, 60, A4W - CW - 60);
    double y = rng_int(r, 60, rng_chance(r, 0.6) ? 600 : A4H - CH - 60);
    const char *sans = d->sans;
    double pt = 8.0 + rng_f(r) * 0.5;
    Font lab = mkfont(sans, pt, 0), labb = mkfont(sans, pt, 1);
    char buf[256], amcs[64];
    uint32_t hc = HEAD[rng_int(r, 0, NELEM(HEAD) - 1)];
    uint32_t fillc = rng_chance(r, 0.5) ? 0xFFFFFF : 0xF4F8FC;

    d->contract_printed = 0;
    d->principal_printed = 0;
    /* keep the codes that fit into 2 rows x 4 cells */
    while (d->nc > 8) doc_remove_col(d, d->nc - 1);
    doc_finalize(d);

    d->crop_x = (int)x - 12; d->crop_y = (int)y - 12; d->crop_w = CW + 30; d->crop_h = CH + 30;
    /* soft shadow then the card */
    round_rect(cv, x + 6, y + 6, CW, CH, 36, 0, 0, 1, bed - 0x101010);
    round_rect(cv, x, y, CW, CH, 36, 2, 0xA0A0A0, 1, fillc);
    /* header strip */
    cairo_save(cv->cr);
    cairo_rectangle(cv->cr, x, y, CW, 96);
    cairo_clip(cv->cr);
    round_rect(cv, x, y, CW, CH, 36, 0, hc, 1, hc);
    cairo_restore(cv->cr);
    Font hf = mkfont(sans, 10, 1);
    hf.pt = fit_pt(cv, hf, d->amc_name, CW - 60, 8);
    cut_to_width(cv, hf, d->amc_name, CW - 60);
    draw_text(cv, hf, x + 30, y + 48 - text_h(cv, hf) / 2, d->amc_name, AL_LEFT, 0xFFFFFF);
    d->amc_name_printed = 1;

    double ty = y + 110, lh = line_h(cv, lab);
    double tx = x + 30, tw = CW - 60;
    int s = dm_size(d);
    fmt_amc(d->amc, rng_int(r, 0, 2), amcs, sizeof amcs);
    snprintf(buf, sizeof buf, "%s %s", pick_amc_label(r), amcs);
    draw_text(cv, labb, tx, ty, buf, AL_LEFT, 0x000000);
    ty += lh;
    snprintf(buf, sizeof buf, "%s %s", pick_adh_label(r), d->adherent);
    draw_text(cv, labb, tx, ty, buf, AL_LEFT, 0x000000);
    ty += lh;
    snprintf(buf, sizeof buf, "Typ Conv : %s   CSR : %s", d->typconv, d->csr);
    draw_text(cv, lab, tx, ty, buf, AL_LEFT, 0x000000);
    ty += lh;
    validity_text(d, rng_chance(r, 0.5) ? 1 : 2, buf, sizeof buf);
    draw_text(cv, lab, tx, ty, buf, AL_LEFT, 0x000000);
    ty += lh + 4;
    if (d->has_dm && s <= 170) place_datamatrix(cv, d, x + CW - 30 - s, y + 110);
    else d->has_dm = 0;
    double namew = tw - (d->has_dm ? s + 20 : 0) - text_w(cv, lab, "00/00/0000") - 30;
    for (int i = 0; i < d->nb; i++) {
        char dt[16];
        fmt_date(dt, sizeof dt, d->b[i].by, d->b[i].bm, d->b[i].bd, '/');
        cut_to_width(cv, lab, d->b[i].name, namew);
        draw_text(cv, lab, tx, ty, d->b[i].name, AL_LEFT, 0x000000);
        draw_text(cv, lab, tx + namew + 30, ty, dt, AL_LEFT, 0x000000);
        ty += lh;
    }
    snprintf(d->principal, sizeof d->principal, "%s", d->b[0].name);
    /* code cells */
    int per = d->nc > 4 ? (d->nc + 1) / 2 : d->nc;
    double cellw = tw / 4.0;
    Font cf = mkfont(sans, pt, 1), vf = mkfont(sans, pt, 0);
    double ch = line_h(cv, cf) + line_h(cv, vf) + 6;
    double gy = y + CH - 24 - ch * ((d->nc + per - 1) / per);
    if (gy < ty + 4) gy = ty + 4;
    for (int j = 0; j < d->nc; j++) {
        double cx = tx + (j % per) * cellw, cy = gy + (j / per) * ch;
        stroke_rect(cv, cx, cy, cellw, ch, 1.5, 0x888888);
        draw_text(cv, cf, cx + cellw / 2, cy + 2, d->c[j].code, AL_CENTER, hc);
        Font v2 = vf;
        v2.pt = fit_pt(cv, vf, d->b[0].v[j].raw, cellw - 8, 8);
        draw_text(cv, v2, cx + cellw / 2, cy + 2 + line_h(cv, cf), d->b[0].v[j].raw, AL_CENTER, 0x000000);
    }
    /* card notes are not printed */
    for (int i = 0; i < d->nb; i++)
        for (int j = 0; j < d->nc; j++) d->b[i].v[j].nnotes = 0;
    for (int j = 0; j < d->nc; j++) d->c[j].star = 0;
    doc_finalize(d);
}

void layout_back(Doc *d, Rng *r, Canvas *cv, int w, int h)
{
    canvas_init(cv, w, h, 300, 0xFFFFFF);
    double M = rng_int(r, 130, 200);
    double W = w - 2 * M;
    Font title = mkfont(d->sans, d->body_pt + 3, 1), f = mkfont(d->sans, d->body_pt, 0);
    double y = M;
    y += draw_legend(cv, d, title, f, M, y, W, "Signification de la codification", 1) + 50;
    char buf[600];
    snprintf(buf, sizeof buf, "En cas de doute sur les droits de l'assuré, le professionnel de santé peut contacter "
             "%s au %s. Adresse de correspondance : %s, %s, %s.", d->amc_name, d->phone, d->address[2], d->address[0], d->address[1]);
    draw_para(cv, f, M, y, W, buf, 0x333333);
    (void)h;
}
