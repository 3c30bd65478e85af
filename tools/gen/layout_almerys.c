/* layout_almerys.c - Almerys style: monospaced values, DRE/STS code row,
 * "Typ conv / CSR : AL/C40", datamatrix bottom-right. */
#include <stdio.h>
#include <string.h>
#include "layout.h"

void layout_almerys(Doc *d, Rng *r, Canvas *cv)
{
    canvas_init(cv, A4W, A4H, 300, 0xFFFFFF);
    double M = rng_int(r, 110, 160);
    double W = A4W - 2 * M;
    const char *sans = d->sans, *mono = d->mono;
    double pt = d->body_pt;
    Font lab = mkfont(sans, pt, 0), mval = mkfont(mono, pt + 0.5, 1);
    char buf[256], amcs[64], val[96];

    TableStyle ts;
    table_style_default(&ts, sans, pt);
    ts.vfont = mkfont(mono, pt, !strcmp(mono, "FreeMono"));
    ts.idfont = mkfont(mono, pt, !strcmp(mono, "FreeMono"));
    ts.nfont = mkfont(mono, pt - 0.5, 0);
    ts.show_conv = 0;
    ts.show_dre = 1;
    ts.head_bg = 0xCFCFCF; ts.band[0] = 0xECECEC; ts.band[1] = 0xFFFFFF;
    ts.grid = rng_chance(r, 0.6);
    ts.nir_style = rng_int(r, 1, 3);
    ts.h_name = "Bénéficiaires";
    ts.h_nir = "N° INSEE";
    table_plan(cv, d, &ts, W, rng_chance(r, 0.5));
    doc_finalize(d);

    double y = M;
    Font inf = mkfont(sans, pt + 2.5, 1);
    inf.pt = fit_pt(cv, inf, d->amc_name, W * 0.55, 9);
    draw_text(cv, inf, M, y, d->amc_name, AL_LEFT, 0x000000);
    d->amc_name_printed = 1;
    Font title = mkfont(sans, pt + 4, 1);
    draw_text(cv, title, A4W - M, y, "Attestation de Tiers Payant", AL_RIGHT, 0x000000);
    double ly = y + line_h(cv, inf) + 4;
    draw_text(cv, lab, A4W - M, y + line_h(cv, title) + 4, "Carte d'assurance complémentaire santé", AL_RIGHT, 0x333333);
    for (int i = 0; i < 2; i++) { draw_text(cv, lab, M, ly, d->address[i], AL_LEFT, 0x333333); ly += line_h(cv, lab); }
    y = ly + 50;

    /* identification lines: sans label, mono value */
    fmt_amc(d->amc, rng_chance(r, 0.8) ? 0 : 1, amcs, sizeof amcs);
    char tc[32];
    if (d->csr[0]) snprintf(tc, sizeof tc, "AL/%s", d->csr); else snprintf(tc, sizeof tc, "AL");
    validity_text(d, 0, val, sizeof val);
    const char *labels[6], *values[6];
    int n = 0;
    labels[n] = rng_chance(r, 0.6) ? "N° de télétransmission/DRE :" : "SV-DRE-TP AMC :"; values[n++] = amcs;
    labels[n] = "Typ conv / CSR :"; values[n++] = tc;
    labels[n] = pick_adh_label(r); values[n++] = d->adherent;
    labels[n] = rng_chance(r, 0.5) ? "Période de validité :" : "Validité :"; values[n++] = val;
    if (d->contract_printed) { labels[n] = d->contract_label; values[n++] = d->contract; }
    if (d->principal_printed) { labels[n] = "Assuré principal AMC :"; values[n++] = d->principal; }
    double labw = 0;
    for (int i = 0; i < n; i++) if (text_w(cv, lab, labels[i]) > labw) labw = text_w(cv, lab, labels[i]);
    for (int i = 0; i < n; i++) {
        draw_text(cv, lab, M, y, labels[i], AL_LEFT, 0x111111);
        draw_text(cv, mval, M + labw + 30, y, values[i], AL_LEFT, 0x000000);
        y += line_h(cv, mval) + 4;
    }
    y += 40;
    y += table_draw(cv, d, &ts, M, y) + 40;
    Font fn = mkfont(sans, pt - 0.5 < 8 ? 8 : pt - 0.5, 0);
    int s = dm_size(d);
    double fw = d->has_dm ? W - s - 60 : W;
    double fy = y;
    fy += draw_footnotes(cv, d, fn, M, fy, fw, 0) + 20;
    snprintf(buf, sizeof buf, "Cette attestation doit être présentée à chaque professionnel de santé. "
             "Assistance professionnels de santé : %s.", d->phone);
    fy += draw_para(cv, fn, M, fy, fw, buf, 0x333333);
    if (d->has_dm) place_datamatrix(cv, d, A4W - M - s, y);
    if (rng_chance(r, 0.4)) canvas_crop(cv, (int)(cv->bottom + M));
}
