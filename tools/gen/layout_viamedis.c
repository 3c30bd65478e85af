/* layout_viamedis.c - Viamedis style: a letter with the card inside; code grid
 * with superscript notes, legend printed below the grid. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

/* code grid that wraps onto several grid rows; returns height */
static double code_grid(Canvas *cv, Doc *d, Font hf, Font vf, double x, double y, double w, int draw, uint32_t hbg)
{
    double pad = 14;
    double cw[MAXC];
    double maxc = 0;
    for (int j = 0; j < d->nc; j++) {
        double a = text_w(cv, hf, d->c[j].code), b = text_w(cv, vf, d->b[0].v[j].raw);
        cw[j] = (a > b ? a : b) + 2 * pad;
        if (cw[j] > maxc) maxc = cw[j];
    }
    /* uniform cells look like the real grid */
    int per = (int)(w / maxc);
    if (per < 1) per = 1;
    if (per > d->nc) per = d->nc;
    int rows = (d->nc + per - 1) / per;
    per = (d->nc + rows - 1) / rows;
    double cellw = w / per;
    if (cellw > maxc * 1.8) cellw = maxc * 1.8;
    double hh = line_h(cv, hf) + 16, vh = line_h(cv, vf) + 16;
    double yy = y;
    for (int rr = 0; rr < rows; rr++) {
        for (int k = 0; k < per; k++) {
            int j = rr * per + k;
            if (j >= d->nc) break;
            double cx = x + k * cellw;
            if (draw) {
                fill_rect(cv, cx, yy, cellw, hh, hbg);
                stroke_rect(cv, cx, yy, cellw, hh + vh, 2, 0x555555);
                hline(cv, cx, cx + cellw, yy + hh, 1.5, 0x555555);
                draw_text(cv, hf, cx + cellw / 2, yy + 8, d->c[j].code, AL_CENTER, 0x000000);
                draw_text(cv, vf, cx + cellw / 2, yy + hh + 8, d->b[0].v[j].raw, AL_CENTER, 0x000000);
            }
        }
        yy += hh + vh + 16;
    }
    return yy - y;
}

void layout_viamedis(Doc *d, Rng *r, Canvas *cv)
{
    canvas_init(cv, A4W, A4H, 300, 0xFFFFFF);
    double M = rng_int(r, 140, 200);
    double W = A4W - 2 * M;
    const char *sans = d->sans;
    double pt = d->body_pt;
    Font lab = mkfont(sans, pt, 0), labb = mkfont(sans, pt, 1);
    char buf[512], amcs[64], dt[16], val[96];

    /* beneficiary list without codes: plan on a copy with no columns */
    static Doc tmp;
    tmp = *d;
    tmp.nc = 0;
    TableStyle ts;
    table_style_default(&ts, sans, pt);
    ts.bands = rng_chance(r, 0.5);
    ts.grid = 1;
    ts.head_bg = 0xE4E4E4;
    ts.band[0] = 0xF3F3F3;
    ts.nir_style = rng_int(r, 0, 3);
    ts.max_name_w = 700;
    double cardpad = 40;
    table_plan(cv, &tmp, &ts, W - 2 * cardpad, 0);
    for (int i = 0; i < d->nb; i++) snprintf(d->b[i].name, sizeof d->b[i].name, "%s", tmp.b[i].name);
    snprintf(d->principal, sizeof d->principal, "%s", d->b[0].name);
    doc_finalize(d);
    tmp.has_dm = 0;

    /* --- letter head --- */
    double y = M;
    Font inf = mkfont(sans, pt + 2, 1);
    inf.pt = fit_pt(cv, inf, d->amc_name, W * 0.5, 8.5);
    draw_text(cv, inf, M, y, d->amc_name, AL_LEFT, 0x003366);
    d->amc_name_printed = 1;
    double ly = y + line_h(cv, inf);
    for (int i = 0; i < 3; i++) { draw_text(cv, lab, M, ly, d->address[i], AL_LEFT, 0x333333); ly += line_h(cv, lab); }
    /* recipient */
    double rx = A4W * 0.55, ry = M + (d->compact ? 120 : 300);
    const char *civ = d->b[0].sex == 1 ? "Monsieur" : "Madame";
    snprintf(buf, sizeof buf, "%s %s", civ, d->b[0].name);
    Font rf = lab;
    rf.pt = fit_pt(cv, lab, buf, A4W - M - rx, 8);
    draw_text(cv, rf, rx, ry, buf, AL_LEFT, 0x000000);
    draw_text(cv, rf, rx, ry + line_h(cv, rf), d->street, AL_LEFT, 0x000000);
    draw_text(cv, rf, rx, ry + 2 * line_h(cv, rf), d->city, AL_LEFT, 0x000000);
    y = ry + 3 * line_h(cv, rf) + (d->compact ? 40 : 90);
    fmt_date(dt, sizeof dt, d->iy, d->im, d->id, '/');
    snprintf(buf, sizeof buf, "Le %s", dt);
    draw_text(cv, lab, A4W - M, y, buf, AL_RIGHT, 0x000000);
    y += line_h(cv, lab) + 30;
    draw_text(cv, labb, M, y, "Objet : votre attestation de tiers payant", AL_LEFT, 0x000000);
    y += line_h(cv, labb) + 30;
    validity_text(d, 0, val, sizeof val);
    snprintf(buf, sizeof buf, "%s,\n\nVous trouverez ci-dessous votre attestation de tiers payant, valable du %s. "
             "Présentez-la à vos professionnels de santé avec votre carte Vitale : elle leur permet de ne pas vous "
             "demander l'avance des frais pris en charge par votre complémentaire santé. Conservez-la précieusement.",
             civ, val + 0);
    /* replace " au " sentence-wise: val is "dd/mm/yyyy au dd/mm/yyyy" */
    y += draw_para(cv, lab, M, y, W, buf, 0x000000) + 60;

    /* --- the card --- */
    double cx = M, cw = W, cy = y;
    double iy = cy + cardpad;
    double x0 = cx + cardpad, iw = cw - 2 * cardpad;
    Font title = mkfont(sans, pt + 3, 1);
    /* content first, border afterwards (height known at the end) */
    draw_text(cv, title, x0, iy, "ATTESTATION DE TIERS PAYANT", AL_LEFT, 0x003366);
    iy += line_h(cv, title) + 10;
    int amcstyle = rng_chance(r, 0.6) ? 1 : rng_int(r, 0, 2);
    fmt_amc(d->amc, amcstyle, amcs, sizeof amcs);
    int s = dm_size(d);
    const char *lines[8];
    char lp[160];
    char l0[96], l1[96], l2[96], l3[96], l4[96];
    snprintf(l0, sizeof l0, "%s %s", rng_chance(r, 0.7) ? "N°AMC :" : pick_amc_label(r), amcs);
    snprintf(l1, sizeof l1, "Typ. Conv : %s", d->typconv);
    snprintf(l2, sizeof l2, "CSR : %s", d->csr);
    snprintf(l3, sizeof l3, "%s %s", pick_adh_label(r), d->adherent);
    validity_text(d, rng_chance(r, 0.5) ? 1 : 2, l4, sizeof l4);
    lines[0] = l0; lines[1] = l1; lines[2] = l2; lines[3] = l3; lines[4] = l4;
    int nl = 5;
    if (d->contract_printed) { snprintf(buf, sizeof buf, "%s %s", d->contract_label, d->contract); lines[nl++] = buf; }
    if (d->principal_printed) { snprintf(lp, sizeof lp, "Assuré principal AMC : %s", d->principal); lines[nl++] = lp; }
    double dmy = iy;
    for (int i = 0; i < nl; i++) {
        draw_text(cv, i == 0 || i == 3 ? labb : lab, x0, iy, lines[i], AL_LEFT, 0x000000);
        iy += line_h(cv, lab) + 2;
    }
    if (d->has_dm) {
        place_datamatrix(cv, d, x0 + iw - s, dmy);
        if (dmy + s > iy) iy = dmy + s;
    }
    iy += 30;
    iy += table_draw(cv, &tmp, &ts, x0, iy) + 40;
    Font hf = mkfont(sans, pt, 1), vf = mkfont(sans, pt + 0.5, 0);
    iy += code_grid(cv, d, hf, vf, x0, iy, iw, 1, rng_chance(r, 0.5) ? 0xDDE7F0 : 0xEEEEEE) + 10;
    Font fn = mkfont(sans, pt - 0.5 < 8 ? 8 : pt - 0.5, 0);
    iy += draw_footnotes(cv, d, fn, x0, iy, iw, 1) + 20;
    Font lt = mkfont(sans, pt, 1);
    iy += draw_legend(cv, d, lt, fn, x0, iy, iw, rng_chance(r, 0.5) ? "Signification de la codification" : "Légende des codes",
                      d->compact ? 2 : 1);
    iy += cardpad;
    round_rect(cv, cx, cy, cw, iy - cy, 30, 4, 0x003366, 0, 0);
    if (!d->compact && iy + 80 < A4H - M) {
        snprintf(buf, sizeof buf, "Nous vous prions d'agréer, %s, l'expression de nos salutations distinguées.", civ);
        draw_para(cv, lab, M, iy + 40, W, buf, 0x000000);
    }
}
