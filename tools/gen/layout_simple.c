/* layout_simple.c - older/simpler prints: label : value list, then either a
 * vertical table code | libellé | taux or a list of "CODE : taux". */
#include <stdio.h>
#include <string.h>
#include "layout.h"

void layout_simple(Doc *d, Rng *r, Canvas *cv)
{
    canvas_init(cv, A4W, A4H, 300, 0xFFFFFF);
    double M = rng_int(r, 140, 220);
    double W = A4W - 2 * M;
    const char *sans = d->sans;
    double pt = d->body_pt + 0.5;
    Font lab = mkfont(sans, pt, 0), labb = mkfont(sans, pt, 1);
    char buf[256], amcs[64], val[96];
    doc_finalize(d);

    double y = M;
    Font inf = mkfont(sans, pt + 4, 1);
    inf.pt = fit_pt(cv, inf, d->amc_name, W, 9);
    int centered = rng_chance(r, 0.5);
    draw_text(cv, inf, centered ? A4W / 2.0 : M, y, d->amc_name, centered ? AL_CENTER : AL_LEFT, 0x000000);
    d->amc_name_printed = 1;
    y += line_h(cv, inf);
    snprintf(buf, sizeof buf, "%s - %s", d->address[0], d->address[1]);
    draw_text(cv, lab, centered ? A4W / 2.0 : M, y, buf, centered ? AL_CENTER : AL_LEFT, 0x333333);
    y += line_h(cv, lab) + 60;
    Font title = mkfont(sans, pt + 5, 1);
    const char *tt = RNG_PICK(r, ((const char *[]){"ATTESTATION DE DROITS", "CARTE DE TIERS PAYANT", "ATTESTATION MUTUELLE", "CARTE MUTUELLE"}));
    draw_text(cv, title, A4W / 2.0, y, tt, AL_CENTER, 0x000000);
    y += line_h(cv, title) + 60;
    if (d->has_dm) {
        int s = dm_size(d);
        place_datamatrix(cv, d, A4W - M - s, y);
    }

    /* label : value lines */
    fmt_amc(d->amc, rng_int(r, 0, 1), amcs, sizeof amcs);
    const char *labels[8], *values[8];
    char vbuf[8][96];
    int n = 0;
    labels[n] = RNG_PICK(r, ((const char *[]){"Numéro AMC", "N° AMC", "N° télétransmission"})); values[n++] = amcs;
    labels[n] = RNG_PICK(r, ((const char *[]){"Adhérent n°", "N° adhérent", "Numéro d'adhérent"})); values[n++] = d->adherent;
    char clab[32];
    snprintf(clab, sizeof clab, "%s", d->contract_label);
    size_t cl = strlen(clab);
    if (cl > 2 && !strcmp(clab + cl - 2, " :")) clab[cl - 2] = 0;
    if (d->contract_printed) { labels[n] = clab; values[n++] = d->contract; }
    labels[n] = rng_chance(r, 0.5) ? "Type de convention" : "Typ Conv"; values[n++] = d->typconv;
    labels[n] = "CSR"; values[n++] = d->csr;
    if (d->principal_printed) { labels[n] = "Assuré principal AMC"; values[n++] = d->principal; }
    int colon = rng_chance(r, 0.7);
    double labw = 0;
    for (int i = 0; i < n; i++) {
        snprintf(vbuf[i], sizeof vbuf[i], "%s%s", labels[i], colon ? " :" : "");
        if (text_w(cv, lab, vbuf[i]) > labw) labw = text_w(cv, lab, vbuf[i]);
    }
    for (int i = 0; i < n; i++) {
        draw_text(cv, lab, M, y, vbuf[i], AL_LEFT, 0x111111);
        draw_text(cv, labb, M + labw + 40, y, values[i], AL_LEFT, 0x000000);
        y += line_h(cv, lab) + 6;
    }
    validity_text(d, rng_chance(r, 0.6) ? 1 : 2, val, sizeof val);
    draw_text(cv, labb, M, y, val, AL_LEFT, 0x000000);
    y += line_h(cv, lab) + 40;

    /* beneficiaries */
    draw_text(cv, labb, M, y, d->nb > 1 ? "Bénéficiaires :" : "Bénéficiaire :", AL_LEFT, 0x000000);
    y += line_h(cv, labb) + 6;
    for (int i = 0; i < d->nb; i++) {
        char dt[16];
        fmt_date(dt, sizeof dt, d->b[i].by, d->b[i].bm, d->b[i].bd, '/');
        cut_to_width(cv, lab, d->b[i].name, W * 0.6);
        snprintf(buf, sizeof buf, "%s   né%s le %s", d->b[i].name, d->b[i].sex == 2 ? "e" : "", dt);
        draw_text(cv, lab, M + 40, y, buf, AL_LEFT, 0x000000);
        y += line_h(cv, lab) + 4;
    }
    snprintf(d->principal, sizeof d->principal, "%s", d->b[0].name);
    y += 50;

    if (d->legend_front) {
        /* vertical table code | libellé | taux */
        Font hf = mkfont(sans, pt, 1), cf = mkfont(sans, pt, 0);
        double w0 = text_w(cv, hf, "Code") + 40, w2 = text_w(cv, hf, "Taux") + 40;
        for (int j = 0; j < d->nc; j++) {
            double t = text_w(cv, cf, d->c[j].code) + 40;
            if (t > w0) w0 = t;
            t = text_w(cv, cf, d->b[0].v[j].raw) + 40;
            if (t > w2) w2 = t;
        }
        double w1 = W - w0 - w2;
        double rh0 = line_h(cv, hf) + 20;
        fill_rect(cv, M, y, W, rh0, 0xDDDDDD);
        draw_text(cv, hf, M + 20, y + 10, "Code", AL_LEFT, 0x000000);
        draw_text(cv, hf, M + w0 + 20, y + 10, "Libellé", AL_LEFT, 0x000000);
        draw_text(cv, hf, M + w0 + w1 + 20, y + 10, "Taux", AL_LEFT, 0x000000);
        double ty = y + rh0;
        d->nlegend = 0;
        for (int j = 0; j < d->nc; j++) {
            double h = para_h(cv, cf, w1 - 40, code_meaning(d->c[j].code)) + 20;
            draw_text(cv, cf, M + 20, ty + 10, d->c[j].code, AL_LEFT, 0x000000);
            draw_para(cv, cf, M + w0 + 20, ty + 10, w1 - 40, code_meaning(d->c[j].code), 0x000000);
            draw_text(cv, cf, M + w0 + w1 + 20, ty + 10, d->b[0].v[j].raw, AL_LEFT, 0x000000);
            hline(cv, M, M + W, ty + h, 1, 0x888888);
            snprintf(d->legend_codes[d->nlegend++], 8, "%s", d->c[j].code);
            ty += h;
        }
        stroke_rect(cv, M, y, W, ty - y, 2, 0x444444);
        vline(cv, M + w0, y, ty, 1, 0x888888);
        vline(cv, M + w0 + w1, y, ty, 1, 0x888888);
        y = ty + 40;
    } else {
        draw_text(cv, labb, M, y, "Taux de prise en charge en tiers payant :", AL_LEFT, 0x000000);
        y += line_h(cv, labb) + 10;
        int cols = d->nc > 7 ? 2 : 1;
        int per = (d->nc + cols - 1) / cols;
        for (int j = 0; j < d->nc; j++) {
            double cx = M + 40 + (j / per) * (W / 2);
            double cy = y + (j % per) * (line_h(cv, lab) + 6);
            char nt[32];
            notes_text(&d->b[0].v[j], nt, sizeof nt);
            snprintf(buf, sizeof buf, "%s : %s%s%s", d->c[j].code, d->b[0].v[j].raw, nt[0] ? " " : "", nt);
            draw_text(cv, lab, cx, cy, buf, AL_LEFT, 0x000000);
        }
        y += per * (line_h(cv, lab) + 6) + 30;
    }
    Font fn = mkfont(sans, pt - 1 < 8 ? 8 : pt - 1, 0);
    if (d->legend_front) {
        /* notes are not printed in the vertical table: drop them */
        for (int i = 0; i < d->nb; i++)
            for (int j = 0; j < d->nc; j++) d->b[i].v[j].nnotes = 0;
        doc_finalize(d);
    }
    y += draw_footnotes(cv, d, fn, M, y, W, 0);
    if (rng_chance(r, 0.5)) canvas_crop(cv, (int)(cv->bottom + M));
}
