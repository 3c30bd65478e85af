/* truth.c - write DIR/P-NNN.truth.json with jansson (indent 2, key order kept). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "truth.h"

static json_t *str_or_null(int printed, const char *s) { return printed ? json_string(s) : json_null(); }

static json_t *iso(int y, int m, int d)
{
    char b[16];
    fmt_date(b, sizeof b, y, m, d, 'I');
    return json_string(b);
}

static json_t *guarantees(const Doc *d, const Benef *b)
{
    json_t *arr = json_array();
    for (int j = 0; j < d->nc; j++) {
        const Val *v = &b->v[j];
        json_t *g = json_object();
        json_object_set_new(g, "code", json_string(d->c[j].code));
        json_object_set_new(g, "value", json_string(v->value));
        json_object_set_new(g, "raw", json_string(v->raw));
        json_t *cv = json_array();
        for (int k = 0; k < d->c[j].nconv; k++) json_array_append_new(cv, json_string(d->c[j].convs[k]));
        json_object_set_new(g, "conventions", cv);
        json_t *nt = json_array();
        for (int k = 0; k < v->nnotes; k++) json_array_append_new(nt, json_string(v->notes[k]));
        json_object_set_new(g, "notes", nt);
        json_array_append_new(arr, g);
    }
    return arr;
}

static int benef_differs(const Doc *d, const Benef *b)
{
    for (int j = 0; j < d->nc; j++) {
        const Val *a = &d->b[0].v[j], *c = &b->v[j];
        if (strcmp(a->raw, c->raw) || a->nnotes != c->nnotes) return 1;
        for (int k = 0; k < a->nnotes; k++) if (strcmp(a->notes[k], c->notes[k])) return 1;
    }
    return 0;
}

static json_t *round2(double v) { return json_real(round(v * 100.0) / 100.0); }

int truth_write(const char *path, const Doc *d, const Degrade *g, const ImageInfo *im)
{
    static const char *FAM[] = {"sp", "isante", "almerys", "viamedis", "simple", "card"};
    static const char *LVL[] = {"clean", "scan", "rough", "photo", "rotated"};
    json_t *root = json_object();
    json_object_set_new(root, "generator", json_string("amcgen/1"));
    json_object_set_new(root, "seed", json_integer((json_int_t)d->seed));
    json_object_set_new(root, "index", json_integer(d->index));
    json_object_set_new(root, "family", json_string(FAM[d->family]));
    json_object_set_new(root, "level", json_string(LVL[d->level]));

    json_t *img = json_object();
    json_object_set_new(img, "file", json_string(im->file));
    json_object_set_new(img, "format", json_string(im->format));
    json_object_set_new(img, "width", json_integer(im->width));
    json_object_set_new(img, "height", json_integer(im->height));
    json_object_set_new(img, "dpi", json_integer(g->dpi));
    json_object_set_new(img, "pages", json_integer(im->pages));
    json_object_set_new(img, "rotation_deg", round2(g->rotation_deg));
    json_object_set_new(img, "orientation", json_integer(g->orientation));
    json_object_set_new(img, "jpeg_quality", im->jpeg_quality ? json_integer(im->jpeg_quality) : json_null());
    json_t *dg = json_object();
    json_object_set_new(dg, "scale", round2(g->level == LVL_PHOTO ? g->dpi / 300.0 : g->scale));
    json_object_set_new(dg, "noise_sigma", round2(g->noise_sigma));
    json_object_set_new(dg, "blur", json_integer(g->blur));
    json_object_set_new(dg, "contrast", json_pack("[i,i]", g->contrast_lo, g->contrast_hi));
    json_object_set_new(dg, "light_min", round2(g->light_min));
    json_object_set_new(dg, "light_dir_deg", round2(g->light_dir));
    json_object_set_new(dg, "grey", json_boolean(g->grey));
    if (g->level == LVL_PHOTO) {
        json_object_set_new(dg, "photo_size", json_pack("[i,i]", g->photo_w, g->photo_h));
        char desk[8];
        snprintf(desk, sizeof desk, "#%06X", g->desk_rgb & 0xFFFFFF);
        json_object_set_new(dg, "desk", json_string(desk));
        json_t *c = json_array();
        for (int i = 0; i < 8; i++) json_array_append_new(c, round2(g->corners[i]));
        json_object_set_new(dg, "page_corners", c);
        json_object_set_new(dg, "shadow", round2(g->shadow));
    }
    json_object_set_new(dg, "font", json_string(d->family == FAM_ALMERYS ? d->mono : d->sans));
    json_object_set_new(img, "degradation", dg);
    json_object_set_new(root, "image", img);

    json_t *ex = json_object();
    json_t *amc = json_object();
    json_object_set_new(amc, "number", json_string(d->amc));
    json_object_set_new(amc, "name", str_or_null(d->amc_name_printed, d->amc_name));
    json_object_set_new(amc, "type_convention", json_string(d->typconv));
    json_object_set_new(amc, "csr", str_or_null(d->csr_printed, d->csr));
    json_object_set_new(ex, "amc", amc);
    json_t *adh = json_object();
    json_object_set_new(adh, "number", json_string(d->adherent));
    json_object_set_new(adh, "principal", str_or_null(d->principal_printed, d->principal));
    json_object_set_new(adh, "contract", str_or_null(d->contract_printed, d->contract));
    json_object_set_new(ex, "adherent", adh);
    json_t *val = json_object();
    json_object_set_new(val, "start", iso(d->v0y, d->v0m, d->v0d));
    json_object_set_new(val, "end", iso(d->v1y, d->v1m, d->v1d));
    json_object_set_new(ex, "validity", val);
    json_t *nets = json_array();
    for (int i = 0; i < d->nnets; i++) json_array_append_new(nets, json_string(d->nets[i]));
    json_object_set_new(ex, "networks", nets);

    json_t *bens = json_array();
    for (int i = 0; i < d->nb; i++) {
        const Benef *b = &d->b[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(b->name));
        json_object_set_new(o, "birth_date", b->birth_printed ? iso(b->by, b->bm, b->bd) : json_null());
        json_object_set_new(o, "rank", str_or_null(b->rank_printed, b->rank));
        json_object_set_new(o, "nir", str_or_null(b->nir_printed, b->nir));
        if (i > 0 && benef_differs(d, b)) json_object_set_new(o, "guarantees", guarantees(d, b));
        json_array_append_new(bens, o);
    }
    json_object_set_new(ex, "beneficiaries", bens);
    json_object_set_new(ex, "guarantees", guarantees(d, &d->b[0]));

    json_t *fn = json_object();
    for (int m = 0; m < 6; m++) {
        if (!d->fn_used[m]) continue;
        char k[4];
        if (m == 0) snprintf(k, sizeof k, "*"); else snprintf(k, sizeof k, "%d", m);
        json_object_set_new(fn, k, json_string(footnote_text(d, m)));
    }
    json_object_set_new(ex, "footnotes", fn);
    json_t *lg = json_object();
    for (int i = 0; i < d->nlegend; i++)
        json_object_set_new(lg, d->legend_codes[i], json_string(code_meaning(d->legend_codes[i])));
    json_object_set_new(ex, "legend", lg);
    json_object_set_new(ex, "datamatrix", d->has_dm ? json_string(d->dm) : json_null());
    json_object_set_new(root, "expected", ex);

    int rc = json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | JSON_ENSURE_ASCII * 0);
    json_decref(root);
    return rc;
}
