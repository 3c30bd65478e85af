/* layout_isante.c - iSanté style: insurer top-left, datamatrix top-right,
 * header band of labelled cells, blue banded table. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

static double cell(Canvas *cv, Font lf, Font vf, double x, double y, double w, double h, const char *label, const char *value, uint32_t bg)
{
    fill_rect(cv, x, y, w, h, bg);
    stroke_rect(cv, x, y, w, h, 2, 0x5B7FA6);
    draw_text(cv, lf, x + 14, y + 10, label, AL_LEFT, 0x1F3A5F);
    Font v = vf;
    v.pt = fit_pt(cv, vf, value, w - 28, 8);
    draw_text(cv, v, x + 14, y + 10 + line_h(cv, lf), value, AL_LEFT, 0x000000);
    return h;
}

void layout_isante(Doc *d, Rng *r, Canvas *cv)
{
    canvas_init(cv, A4W, A4H, 300, 0xFFFFFF);
    double M = rng_int(r, 110, 160);
    double W = A4W - 2 * M;
    const char *sans = d->sans;
    double pt = d->body_pt;
    Font lab = mkfont(sans, pt, 0), labb = mkfont(sans, pt, 1);
    char buf[256], amcs[64], dt[16];

    TableStyle ts;
    table_style_default(&ts, sans, pt);
    ts.head_bg = rng_chance(r, 0.5) ? 0x1F4E79 : 0x9DB9D9;
    ts.head_fg = ts.head_bg == 0x1F4E79 ? 0xFFFFFF : 0x000000;
    ts.band[0] = 0xDCE6F2; ts.band[1] = rng_chance(r, 0.5) ? 0xFFFFFF : 0xC5D5EA;
    ts.nir_style = rng_chance(r, 0.7) ? 2 : rng_int(r, 0, 3);
    ts.h_name = "Bénéficiaires";
    ts.h_birth = rng_chance(r, 0.5) ? "Né(e) le" : "Date de\nnaissance";
    ts.grid = rng_chance(r, 0.5);
    ts.grid_rgb = 0x5B7FA6;
    table_plan(cv, d, &ts, W, 1);
    doc_finalize(d);

    /* insurer block */
    double y = M;
    Font inf = mkfont(sans, pt + 3, 1);
    int s = dm_size(d);
    double infw = W - s - 60;
    inf.pt = fit_pt(cv, inf, d->amc_name, infw, 9);
    draw_text(cv, inf, M, y, d->amc_name, AL_LEFT, 0x1F3A5F);
    d->amc_name_printed = 1;
    double ly = y + line_h(cv, inf) + 4;
    for (int i = 0; i < 3; i++) {
        if (i == 2 && rng_chance(r, 0.5)) continue;
        draw_text(cv, lab, M, ly, d->address[i == 2 ? 2 : i], AL_LEFT, 0x333333);
        ly += line_h(cv, lab);
    }
    snprintf(buf, sizeof buf, "Tél. professionnels de santé : %s", d->phone);
    draw_text(cv, lab, M, ly, buf, AL_LEFT, 0x333333);
    ly += line_h(cv, lab);
    if (d->has_dm) {
        place_datamatrix(cv, d, A4W - M - s, y);
        if (y + s > ly) ly = y + s;
    }
    y = ly + 40;
    Font title = mkfont(sans, rng_range(r, 14, 16), 1);
    draw_text(cv, title, A4W / 2.0, y, "ATTESTATION DE TIERS PAYANT", AL_CENTER, 0x1F3A5F);
    y += line_h(cv, title) + 30;

    /* header band: 2 rows of cells */
    Font cl = mkfont(sans, pt - 0.5 < 8 ? 8 : pt - 0.5, 0);
    Font cvf = mkfont(sans, pt + 1.5, 1);
    double ch = 20 + line_h(cv, cl) + line_h(cv, cvf) + 10;
    int amcstyle = rng_chance(r, 0.7) ? 0 : rng_int(r, 1, 2);
    fmt_amc(d->amc, amcstyle, amcs, sizeof amcs);
    double cw = W / 3.0;
    cell(cv, cl, cvf, M, y, cw, ch, "N° télétransmission iSanté (IS)", amcs, 0xEEF3F9);
    fmt_date(dt, sizeof dt, d->iy, d->im, d->id, '/');
    cell(cv, cl, cvf, M + cw, y, cw, ch, "Attestation éditée le", dt, 0xEEF3F9);
    char val[96];
    validity_text(d, 0, val, sizeof val);
    cell(cv, cl, cvf, M + 2 * cw, y, cw, ch, "Période de validité", val, 0xEEF3F9);
    y += ch;
    double cw2 = W / 4.0;
    cell(cv, cl, cvf, M, y, cw2, ch, "N° adhérent", d->adherent, 0xFFFFFF);
    cell(cv, cl, cvf, M + cw2, y, cw2, ch, "N° AMC", amcs, 0xFFFFFF);
    cell(cv, cl, cvf, M + 2 * cw2, y, cw2, ch, "Typ. Conv. :", d->typconv, 0xFFFFFF);
    cell(cv, cl, cvf, M + 3 * cw2, y, cw2, ch, "CSR", d->csr, 0xFFFFFF);
    y += ch + 40;

    if (d->principal_printed) {
        snprintf(buf, sizeof buf, "Assuré principal AMC : %s", d->principal);
        draw_text(cv, labb, M, y, buf, AL_LEFT, 0x000000);
    }
    if (d->contract_printed) {
        snprintf(buf, sizeof buf, "%s %s", d->contract_label, d->contract);
        draw_text(cv, lab, d->principal_printed ? A4W - M : M, y, buf, d->principal_printed ? AL_RIGHT : AL_LEFT, 0x111111);
    }
    if (d->principal_printed || d->contract_printed) y += line_h(cv, labb) + 30;

    y += table_draw(cv, d, &ts, M, y) + 40;
    Font fn = mkfont(sans, pt - 0.5 < 8 ? 8 : pt - 0.5, 0);
    y += draw_footnotes(cv, d, fn, M, y, W, 0) + 30;
    if (rng_chance(r, 0.5)) {
        y += draw_para(cv, fn, M, y, W,
                       "Les codes figurant dans le tableau indiquent, pour chaque domaine de soins, le taux de prise en charge "
                       "en tiers payant. Présentez cette attestation avec votre carte Vitale.", 0x333333) + 20;
    }
    if (rng_chance(r, 0.35)) canvas_crop(cv, (int)(cv->bottom + M));
}
