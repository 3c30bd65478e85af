/* layout_sp.c - harmonised SP santé style: id box top-left, datamatrix top
 * middle, validity box top-right, title + insurer, banded table, footnotes. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

static const uint32_t BANDS[][3] = {
    {0xD9D9D9, 0xE8E8E8, 0xFFFFFF},   /* header, band0, band1 */
    {0xB9DDB9, 0xDDF0DD, 0xFFFFFF},
    {0xB8CCE4, 0xDCE6F1, 0xFFFFFF},
    {0xC8C8C8, 0xEFEFEF, 0xDCDCDC},
};

void layout_sp(Doc *d, Rng *r, Canvas *cv)
{
    canvas_init(cv, A4W, A4H, 300, 0xFFFFFF);
    double M = rng_int(r, 110, 170);
    double W = A4W - 2 * M;
    const char *sans = d->sans;
    double pt = d->body_pt;
    Font lab = mkfont(sans, pt, 0), labb = mkfont(sans, pt, 1);
    Font big = mkfont(sans, rng_range(r, 13, 17), 1);
    char buf[256], amcs[64];

    /* table first: it decides which codes survive */
    TableStyle ts;
    table_style_default(&ts, sans, pt);
    const uint32_t *bc = BANDS[rng_int(r, 0, 3)];
    ts.head_bg = bc[0]; ts.band[0] = bc[1]; ts.band[1] = bc[2];
    ts.nir_style = rng_int(r, 0, 3);
    ts.grid = rng_chance(r, 0.4);
    ts.nir_under_name = d->nc > 10 && rng_chance(r, 0.5);
    if (rng_chance(r, 0.4)) ts.h_name = "Bénéficiaire(s)";
    if (rng_chance(r, 0.4)) ts.h_nir = "N°S.S. - Clé";
    if (rng_chance(r, 0.3)) { ts.h_birth = "Né(e) le"; }
    table_plan(cv, d, &ts, W, rng_chance(r, 0.7));
    doc_finalize(d);

    /* --- identification box, top-left --- */
    int amcstyle = rng_chance(r, 0.5) ? 2 : rng_int(r, 0, 1);
    fmt_amc(d->amc, amcstyle, amcs, sizeof amcs);
    const char *amclab = pick_amc_label(r);
    const char *tclab = pick_typconv_label(r);
    const char *adhlab = pick_adh_label(r);
    double maxbox = W * 0.40;
    snprintf(buf, sizeof buf, "%s %s", amclab, amcs);
    big.pt = fit_pt(cv, big, buf, maxbox - 40, 10);
    char l2[96], l3[64], l4[96];
    int csr_same_line = rng_chance(r, 0.5);
    if (csr_same_line) snprintf(l2, sizeof l2, "%s %s   CSR : %s", tclab, d->typconv, d->csr);
    else snprintf(l2, sizeof l2, "%s %s", tclab, d->typconv);
    snprintf(l3, sizeof l3, "CSR : %s", d->csr);
    snprintf(l4, sizeof l4, "%s %s", adhlab, d->adherent);
    Font lab2 = lab;
    lab2.pt = fit_pt(cv, lab, l2, maxbox - 40, 8);
    double bw = text_w(cv, big, buf);
    double t;
    if ((t = text_w(cv, lab2, l2)) > bw) bw = t;
    if ((t = text_w(cv, mkfont(sans, lab2.pt, 1), l4)) > bw) bw = t;
    bw += 40;
    double y = M, x = M;
    double lhb = line_h(cv, big), lhl = line_h(cv, lab2);
    double bh = 20 + lhb + 8 + lhl * (csr_same_line ? 2 : 3) + 20;
    int boxed = rng_chance(r, 0.75);
    if (boxed) round_rect(cv, x, y, bw, bh, 14, 3, 0x333333, 0, 0);
    double ty = y + 20;
    draw_text(cv, big, x + 20, ty, buf, AL_LEFT, 0x000000);
    ty += lhb + 8;
    draw_text(cv, lab2, x + 20, ty, l2, AL_LEFT, 0x111111);
    ty += lhl;
    if (!csr_same_line) { draw_text(cv, lab2, x + 20, ty, l3, AL_LEFT, 0x111111); ty += lhl; }
    draw_text(cv, mkfont(sans, lab2.pt, 1), x + 20, ty, l4, AL_LEFT, 0x111111);
    double top_bottom = y + bh;

    /* --- validity box, top-right --- */
    char v1[96], v2[96];
    int vstyle = rng_int(r, 0, 3);
    if (vstyle == 1 || vstyle == 2) { validity_text(d, vstyle, v1, sizeof v1); v2[0] = 0; }
    else { snprintf(v1, sizeof v1, "Période de validité :"); validity_text(d, vstyle, v2, sizeof v2); }
    Font vf = mkfont(sans, pt + 1, 1);
    double vw = text_w(cv, v2[0] ? lab : vf, v1);
    if (v2[0] && text_w(cv, vf, v2) > vw) vw = text_w(cv, vf, v2);
    vw += 40;
    double vh = 20 + line_h(cv, lab) + (v2[0] ? line_h(cv, vf) : 0) + 20;
    double vx = A4W - M - vw;
    round_rect(cv, vx, y, vw, vh, 14, 3, 0x333333, rng_chance(r, 0.5), 0xF2F2F2);
    draw_text(cv, v2[0] ? lab : vf, vx + 20, y + 20, v1, AL_LEFT, 0x111111);
    if (v2[0]) draw_text(cv, vf, vx + 20, y + 20 + line_h(cv, lab), v2, AL_LEFT, 0x000000);
    if (y + vh > top_bottom) top_bottom = y + vh;

    /* --- datamatrix, top middle --- */
    if (d->has_dm) {
        int s = dm_size(d);
        double left = x + bw + 40, right = vx - 40;
        double dx = A4W / 2.0 - s / 2.0;
        if (dx < left) dx = left;
        if (dx + s <= right) {
            place_datamatrix(cv, d, dx, y);
            if (y + s > top_bottom) top_bottom = y + s;
        } else {
            /* under the validity box */
            place_datamatrix(cv, d, A4W - M - s, y + vh + 30);
            if (y + vh + 30 + s > top_bottom) top_bottom = y + vh + 30 + s;
        }
    }

    /* --- title + insurer --- */
    y = top_bottom + 50;
    Font title = mkfont(sans, rng_range(r, 14, 17), 1);
    draw_text(cv, title, A4W / 2.0, y, rng_chance(r, 0.8) ? "ATTESTATION DE TIERS PAYANT" : "CARTE DE TIERS PAYANT", AL_CENTER, 0x000000);
    y += line_h(cv, title) + 6;
    Font inf = mkfont(sans, pt + 2, 1);
    inf.pt = fit_pt(cv, inf, d->amc_name, W, 8.5);
    draw_text(cv, inf, A4W / 2.0, y, d->amc_name, AL_CENTER, 0x1A1A1A);
    d->amc_name_printed = 1;
    y += line_h(cv, inf);
    if (rng_chance(r, 0.5)) {
        snprintf(buf, sizeof buf, "%s - %s", d->address[0], d->address[1]);
        draw_text(cv, lab, A4W / 2.0, y, buf, AL_CENTER, 0x333333);
        y += line_h(cv, lab);
    }
    if (rng_chance(r, 0.3)) {
        draw_text(cv, labb, A4W / 2.0, y, "DROITS EN LIGNE OUVERTS - IDB", AL_CENTER, 0x111111);
        y += line_h(cv, labb);
    }
    y += 40;
    if (d->principal_printed) {
        snprintf(buf, sizeof buf, "Assuré principal AMC : %s", d->principal);
        draw_text(cv, labb, M, y, buf, AL_LEFT, 0x000000);
    }
    if (d->contract_printed) {
        snprintf(buf, sizeof buf, "%s %s", d->contract_label, d->contract);
        if (d->principal_printed) draw_text(cv, lab, A4W - M, y, buf, AL_RIGHT, 0x111111);
        else draw_text(cv, lab, M, y, buf, AL_LEFT, 0x111111);
    }
    if (d->principal_printed || d->contract_printed) y += line_h(cv, labb) + 30;

    /* --- table --- */
    y += table_draw(cv, d, &ts, M, y) + 40;

    /* --- footnotes + bottom text --- */
    Font fn = mkfont(sans, pt - 0.5 < 8 ? 8 : pt - 0.5, 0);
    y += draw_footnotes(cv, d, fn, M, y, W, 0) + 40;
    if (rng_chance(r, 0.6)) {
        snprintf(buf, sizeof buf, "Professionnels de santé : pour toute question relative au tiers payant, contactez le %s. "
                 "Cette attestation ne vaut que pour la période de validité indiquée et sous réserve des droits ouverts.", d->phone);
        y += draw_para(cv, fn, M, y, W, buf, 0x333333) + 20;
    }
    if (rng_chance(r, 0.3)) canvas_crop(cv, (int)(cv->bottom + M));
}
