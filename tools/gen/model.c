/* model.c - choose the content of a certificate: codes, values, conventions,
 * footnotes, datamatrix text. Layouts only decide how it is printed. */
#include <stdio.h>
#include <string.h>
#include "model.h"

static const char *FAMNAMES[] = {"sp", "isante", "almerys", "viamedis", "simple", "card"};
static const char *LVLNAMES[] = {"clean", "scan", "rough", "photo", "rotated"};

const char *family_name(int f) { return FAMNAMES[f]; }
const char *level_name(int l) { return LVLNAMES[l]; }
int family_from_name(const char *s)
{
    for (int i = 0; i < FAM_COUNT; i++) if (!strcmp(s, FAMNAMES[i])) return i;
    return -1;
}
int level_from_name(const char *s)
{
    for (int i = 0; i < LVL_COUNT; i++) if (!strcmp(s, LVLNAMES[i])) return i;
    return -1;
}

typedef struct { const char *code, *meaning, *letters; } CodeDef;
static const CodeDef CODES[] = {
    {"PHAR", "Pharmacie remboursable", "P"},
    {"PHNO", "Pharmacie à 65% et LPP à 60%", "P"},
    {"PHCO", "Pharmacie à 30%", "P"},
    {"PHOR", "Pharmacie à 15%", "P"},
    {"PHCN", "Pharmacie à 65% et 30%", "P"},
    {"PH7L4", "Pharmacie à 65% et LPP", "P"},
    {"PH2", "Pharmacie à 30%", "P"},
    {"PH4", "Pharmacie à 15%", "P"},
    {"PH7", "Pharmacie à 100%", "P"},
    {"MED", "Médecins généralistes et spécialistes", "GS"},
    {"MEDE", "Médecins généralistes et spécialistes", "GS"},
    {"MGS", "Médecins généralistes et spécialistes", "GS"},
    {"CONG", "Consultations généralistes", "G"},
    {"CONS", "Consultations spécialistes", "S"},
    {"LABO", "Laboratoire", "L"},
    {"BIO", "Biologie", "L"},
    {"RADL", "Radiologie", "R"},
    {"RADI", "Radiologie", "R"},
    {"RAD", "Radiologie", "R"},
    {"AUXM", "Auxiliaires médicaux", "IK"},
    {"AUX", "Auxiliaires médicaux", "IK"},
    {"SAGE", "Sage-femme", "F"},
    {"RLAX", "Laboratoire, radiologie et auxiliaires médicaux", "LRIK"},
    {"LPPS", "Fournisseurs hors opticiens et audioprothésistes", "Y"},
    {"LPP", "Petit appareillage", "Y"},
    {"SVIL", "Sage-femme, laboratoire, radiologie, auxiliaires médicaux, fournisseurs sauf opticien et audioprothésiste", "FLRIKY"},
    {"VILL", "Laboratoire, radiologie, auxiliaires médicaux, fournisseurs (LPPS)", "LRIKY"},
    {"DIV", "Transport sanitaire, fournisseurs sauf opticien et audioprothésiste", "TY"},
    {"TRAN", "Transport sanitaire", "T"},
    {"TRA", "Transport sanitaire", "T"},
    {"CSTE", "Centre de santé hors dentaire", "C"},
    {"CSTD", "Centre de santé dentaire", "C"},
    {"EXTE", "Soins externes sauf prothèse dentaire", "E"},
    {"SOIE", "Soins externes", "E"},
    {"SE", "Soins externes", "E"},
    {"HOSP", "Hospitalisation hors soins externes", "H"},
    {"DENT", "Dentaire", "D"},
    {"DESO", "Soins dentaires", "D"},
    {"SOID", "Soins dentaires", "D"},
    {"SDENT", "Soins dentaires", "D"},
    {"DEPR", "Prothèses dentaires", "D"},
    {"PROD", "Prothèses dentaires", "D"},
    {"OPTI", "Optique", "O"},
    {"AUDI", "Audioprothèse", "A"},
    {"OPAU", "Optique et audioprothèse", "OA"},
    {"CURE", "Cure thermale", "3"},
    {"PSY", "Psychologue conventionné", "2"},
};

static const CodeDef *code_def(const char *code)
{
    for (int i = 0; i < NELEM(CODES); i++) if (!strcmp(CODES[i].code, code)) return &CODES[i];
    return NULL;
}

const char *code_meaning(const char *code)
{
    const CodeDef *c = code_def(code);
    return c ? c->meaning : "";
}

/* ---- formatting helpers ---- */
void fmt_date(char *out, size_t n, int y, int m, int dd, char sep)
{
    if (sep == 'I') snprintf(out, n, "%04d-%02d-%02d", y, m, dd);
    else snprintf(out, n, "%02d%c%02d%c%04d", dd, sep, m, sep, y);
}

void letter_space(const char *in, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = in; *p && k + 3 < n; p++) {
        if (*p == ' ') continue;
        if (k) out[k++] = ' ';
        out[k++] = *p;
    }
    out[k] = 0;
}

void fmt_amc(const char *amc, int style, char *out, size_t n)
{
    if (style == 1) snprintf(out, n, "%.3s %.2s %.3s", amc, amc + 3, amc + 5);
    else if (style == 2) letter_space(amc, out, n);
    else snprintf(out, n, "%s", amc);
}

void fmt_nir(const char *nir, int style, char *out, size_t n)
{
    /* 0 spaced, 1 unspaced, 2 key apart "- 94", 3 key apart "94" */
    if (style == 0)
        snprintf(out, n, "%.1s %.2s %.2s %.2s %.3s %.3s %.2s", nir, nir + 1, nir + 3, nir + 5, nir + 7, nir + 10, nir + 13);
    else if (style == 1) snprintf(out, n, "%s", nir);
    else if (style == 2) snprintf(out, n, "%.13s - %.2s", nir, nir + 13);
    else snprintf(out, n, "%.13s %.2s", nir, nir + 13);
}

/* ---- code sets per family ---- */
static const char *SP_CODES[] = {"PHAR", "MED", "SAGE", "LABO", "RADL", "AUXM", "SVIL", "LPPS", "LPP", "TRAN",
                                 "CSTE", "CSTD", "EXTE", "HOSP", "DENT", "DEPR", "OPTI", "AUDI", "CURE", "PSY", "DIV"};
static const char *IS_CODES[] = {"PHNO", "PHCO", "PHOR", "PHCN", "MEDE", "SVIL", "VILL", "LPPS", "CSTE", "TRAN",
                                 "DENT", "OPAU", "EXTE", "HOSP", "CURE", "PSY"};
static const char *AL_CODES[] = {"PH7L4", "PH2", "PH4", "PH7", "MGS", "BIO", "RAD", "AUX", "LPP", "DIV",
                                 "SDENT", "TRA", "SE", "HOSP", "OPTI", "AUDI", "CURE"};
static const char *VM_CODES[] = {"PHAR", "LABO", "RADI", "AUXM", "LPPS", "DIV", "SOIE", "OPTI", "HOSP", "SOID",
                                 "PROD", "CONG", "CONS", "TRAN", "CURE"};
static const char *SI_CODES[] = {"PHAR", "MED", "LABO", "RADL", "AUXM", "LPPS", "LPP", "DIV", "TRAN", "HOSP",
                                 "DENT", "OPTI", "AUDI", "CURE", "EXTE", "CSTE"};
static const char *LPP_LIKE[] = {"LPPS", "VILL", "SVIL", "LPP", "DIV"};

static int is_lpp_like(const char *c)
{
    for (int i = 0; i < NELEM(LPP_LIKE); i++) if (!strcmp(c, LPP_LIKE[i])) return 1;
    return 0;
}

static int is_pharm(const char *c) { return !strncmp(c, "PH", 2); }

int doc_col_protected(const Doc *d, int j)
{
    return is_lpp_like(d->c[j].code) || j == 0;
}

static void pick_codes(Doc *d, Rng *r, const char **set, int nset, int n, int want_lpp)
{
    int chosen[32] = {0};
    int cnt = 0;
    /* always the first (pharmacy) code, plus the second pharmacy codes for iSanté/Almerys */
    chosen[0] = 1; cnt = 1;
    if (d->family == FAM_ISANTE || d->family == FAM_ALMERYS) { chosen[1] = 1; cnt++; if (rng_chance(r, 0.7)) { chosen[2] = 1; cnt++; } }
    int lpp_idx[8], nl = 0;
    for (int i = 0; i < nset; i++) if (is_lpp_like(set[i])) lpp_idx[nl++] = i;
    if (want_lpp && nl) {
        int k = lpp_idx[rng_int(r, 0, nl - 1)];
        if (!chosen[k]) { chosen[k] = 1; cnt++; }
        if (rng_chance(r, 0.25)) { k = lpp_idx[rng_int(r, 0, nl - 1)]; if (!chosen[k]) { chosen[k] = 1; cnt++; } }
    }
    int guard = 0;
    while (cnt < n && cnt < nset && guard++ < 1000) {
        int k = rng_int(r, 0, nset - 1);
        if (chosen[k]) continue;
        if (!want_lpp && is_lpp_like(set[k])) continue;
        /* avoid nonsense combos */
        if (!strcmp(set[k], "PHCN") && chosen[1]) continue;
        chosen[k] = 1; cnt++;
    }
    d->nc = 0;
    for (int i = 0; i < nset && d->nc < MAXC; i++)
        if (chosen[i]) { memset(&d->c[d->nc], 0, sizeof(Col)); snprintf(d->c[d->nc].code, 8, "%s", set[i]); d->nc++; }
}

static void set_val(Val *v, const char *raw, const char *value)
{
    snprintf(v->raw, sizeof v->raw, "%s", raw);
    snprintf(v->value, sizeof v->value, "%s", value);
}

static void add_note(Val *v, const char *m)
{
    for (int i = 0; i < v->nnotes; i++) if (!strcmp(v->notes[i], m)) return;
    if (v->nnotes < MAXN) snprintf(v->notes[v->nnotes++], 4, "%s", m);
}

static void num_val(Doc *d, Val *v, int pct, const char *suffix)
{
    char raw[48], val[48];
    if (d->numstyle == NS_BARE && !suffix[0]) snprintf(raw, sizeof raw, "%d", pct);
    else if (d->numstyle == NS_PCT_SPACE) snprintf(raw, sizeof raw, "%d %%%s", pct, suffix);
    else snprintf(raw, sizeof raw, "%d%%%s", pct, suffix);
    if (d->numstyle == NS_BARE && !suffix[0]) snprintf(val, sizeof val, "%d", pct);
    else snprintf(val, sizeof val, "%d%%%s", pct, suffix);
    set_val(v, raw, val);
}

/* one value for a code; col conv used for the SC footnote */
static void gen_value(Doc *d, Rng *r, const Col *c, Val *v)
{
    memset(v, 0, sizeof *v);
    const char *code = c->code;
    double p = rng_f(r);
    if (!strcmp(code, "PHAR") && p < 0.45) {
        set_val(v, "100/100/100", "100/100/100");
        add_note(v, "1");
        return;
    }
    int opt = !strcmp(code, "OPTI") || !strcmp(code, "AUDI") || !strcmp(code, "OPAU") || !strcmp(code, "DENT") ||
              !strcmp(code, "DEPR") || !strcmp(code, "PROD") || !strcmp(code, "SDENT");
    int hosp = !strcmp(code, "HOSP") || !strcmp(code, "CURE");
    if ((opt || hosp) && p < 0.35) {
        if (d->family == FAM_VIAMEDIS && rng_chance(r, 0.5)) set_val(v, "PEC VIA", "PEC VIA");
        else set_val(v, "PEC", "PEC");
        add_note(v, "2");
        return;
    }
    if (opt && p < 0.6) { num_val(d, v, RNG_PICK(r, ((int[]){150, 200, 250, 300})), rng_chance(r, 0.5) ? "TM" : ""); return; }
    if (p < 0.06 && !is_pharm(code)) { num_val(d, v, 0, ""); return; }
    if (p < 0.10 && d->family == FAM_SIMPLE) { set_val(v, "OUI", "OUI"); return; }
    if (p < 0.12 && !is_pharm(code)) { set_val(v, "NON", "NON"); return; }
    if (p < 0.13 && !is_pharm(code) && !is_lpp_like(code)) { set_val(v, "NC", "NC"); return; }
    if (p < 0.18 && !is_pharm(code)) { num_val(d, v, RNG_PICK(r, ((int[]){150, 200})), rng_chance(r, 0.5) ? "TM" : ""); return; }
    if (p < 0.21 && is_lpp_like(code)) { set_val(v, "PEC", "PEC"); add_note(v, "2"); return; }
    num_val(d, v, 100, (p < 0.26 && !is_pharm(code)) ? "TM" : "");
    if (!strcmp(code, "PHAR") && rng_chance(r, 0.3)) add_note(v, "1");
}

static void add_conv(Col *c, const char *raw)
{
    snprintf(c->conv_raw, sizeof c->conv_raw, "%s", raw);
    c->nconv = 0;
    char tmp[24];
    snprintf(tmp, sizeof tmp, "%s", raw);
    char *save = NULL;
    for (char *t = strtok_r(tmp, "/", &save); t && c->nconv < MAXN; t = strtok_r(NULL, "/", &save))
        snprintf(c->convs[c->nconv++], 12, "%s", t);
}

static void gen_conventions(Doc *d, Rng *r)
{
    int percol = 0;
    const char *base = "SP";
    switch (d->family) {
    case FAM_SP:
        percol = rng_chance(r, 0.75);
        base = "SP";
        snprintf(d->typconv, sizeof d->typconv, "%s", percol ? "voir colonnes" : "SP");
        break;
    case FAM_ISANTE:
        percol = 1; base = "IS";
        snprintf(d->typconv, sizeof d->typconv, "voir colonnes");
        break;
    case FAM_ALMERYS:
        base = "AL";
        snprintf(d->typconv, sizeof d->typconv, "AL");
        break;
    case FAM_VIAMEDIS:
        snprintf(d->typconv, sizeof d->typconv, "%s", rng_chance(r, 0.7) ? "OC/VM" : "VM");
        break;
    default:
        snprintf(d->typconv, sizeof d->typconv, "%s", RNG_PICK(r, ((const char *[]){"SP", "IS", "OC", "TS", "CB", "SP", "IS", "AL", "VM", "KL"})));
        break;
    }
    if (!percol) return;
    const char *optconv = RNG_PICK(r, ((const char *[]){"SC", "IT", "KL", "SE", "CB"}));
    for (int j = 0; j < d->nc; j++) {
        Col *c = &d->c[j];
        char buf[24];
        const char *code = c->code;
        int opt = !strcmp(code, "OPTI") || !strcmp(code, "AUDI") || !strcmp(code, "OPAU") || !strcmp(code, "DENT") || !strcmp(code, "DEPR");
        if (!strcmp(code, "HOSP") && rng_chance(r, 0.6)) snprintf(buf, sizeof buf, "%s/ROC:SP", rng_chance(r, 0.5) ? base : "OC");
        else if (opt && rng_chance(r, 0.7)) snprintf(buf, sizeof buf, "%s/%s", rng_chance(r, 0.75) ? base : "OC", optconv);
        else if (!strcmp(code, "EXTE") && rng_chance(r, 0.4)) snprintf(buf, sizeof buf, "OC");
        else snprintf(buf, sizeof buf, "%s", base);
        add_conv(c, buf);
    }
}

static const char *STAR_RULES[] = {"Règle de calcul 02A : Mt RC = %TR-MRO", "Règle de calcul 01A : Mt RC = %BR-MRO",
                                   "Règle de calcul 02A : Mt RC = %TR-MRO dans la limite des frais réels"};

void doc_generate(Doc *d, Rng *r, int family)
{
    memset(d, 0, sizeof *d);
    d->family = family;
    make_amc_number(r, d->amc);
    make_insurer(r, d->amc_name, sizeof d->amc_name);
    make_adherent(r, d->adherent, sizeof d->adherent);
    if (rng_chance(r, 0.35)) {
        make_contract(r, d->contract, sizeof d->contract);
        d->contract_printed = 1;
        snprintf(d->contract_label, sizeof d->contract_label, "%s",
                 RNG_PICK(r, ((const char *[]){"N° contrat :", "N° de contrat :", "N° client :", "N° de carte :"})));
    }
    make_address(r, d->address[0], d->address[1], 64);
    snprintf(d->address[2], 64, "CS %d", rng_int(r, 10000, 99999));
    snprintf(d->phone, sizeof d->phone, "0%d %02d %02d %02d %02d", rng_int(r, 1, 9), rng_int(r, 0, 99),
             rng_int(r, 0, 99), rng_int(r, 0, 99), rng_int(r, 0, 99));
    make_address(r, d->street, d->city, 64);

    /* validity */
    int y = rng_int(r, 2024, 2026);
    double p = rng_f(r);
    if (p < 0.7) { d->v0y = y; d->v0m = 1; d->v0d = 1; d->v1y = y; d->v1m = 12; d->v1d = 31; }
    else if (p < 0.85) { d->v0y = y; d->v0m = 4; d->v0d = 1; d->v1y = y + 1; d->v1m = 3; d->v1d = 31; }
    else { d->v0y = y; d->v0m = rng_int(r, 1, 6); d->v0d = 1; d->v1y = y; d->v1m = 12; d->v1d = 31; }
    if (d->v1y > 2027) d->v1y = 2027;
    d->iy = d->v0y - (d->v0m == 1 && rng_chance(r, 0.6) ? 1 : 0);
    d->im = d->iy < d->v0y ? 12 : d->v0m;
    d->id = rng_int(r, 1, 28);

    /* people */
    int nb;
    if (family == FAM_CARD) nb = rng_int(r, 1, 3);
    else if (family == FAM_SIMPLE) nb = rng_int(r, 1, 4);
    else nb = rng_int(r, 1, 6);
    make_family(r, d, nb);
    for (int i = 0; i < d->nb; i++) {
        d->b[i].birth_printed = 1;
        d->b[i].rank_printed = family != FAM_SIMPLE && family != FAM_CARD;
        d->b[i].nir_printed = family != FAM_SIMPLE && family != FAM_CARD;
    }
    snprintf(d->principal, sizeof d->principal, "%s", d->b[0].name);
    d->principal_printed = (family == FAM_SP || family == FAM_ISANTE) ? rng_chance(r, 0.8) : rng_chance(r, 0.3);

    d->csr_printed = 1;
    if (rng_chance(r, 0.15) || family == FAM_ALMERYS)
        snprintf(d->csr, sizeof d->csr, "%s", RNG_PICK(r, ((const char *[]){"C40", "B80", "001", "A12", ""})));

    /* codes */
    int want_lpp = rng_chance(r, 0.64);
    int n = family == FAM_CARD ? rng_int(r, 4, 8) : rng_int(r, 6, 13);
    switch (family) {
    case FAM_SP: pick_codes(d, r, SP_CODES, NELEM(SP_CODES), n, want_lpp); break;
    case FAM_ISANTE: pick_codes(d, r, IS_CODES, NELEM(IS_CODES), n, want_lpp); break;
    case FAM_ALMERYS: pick_codes(d, r, AL_CODES, NELEM(AL_CODES), n, want_lpp); break;
    case FAM_VIAMEDIS: pick_codes(d, r, VM_CODES, NELEM(VM_CODES), n, want_lpp); break;
    default: pick_codes(d, r, SI_CODES, NELEM(SI_CODES), n, want_lpp); break;
    }
    static const char *DRE[][2] = {{"PH7L4", "021"}, {"PH2", "022"}, {"PH4", "023"}, {"PH7", "024"}, {"MGS", "010"},
                                   {"BIO", "030"}, {"RAD", "040"}, {"AUX", "050"}, {"SDENT", "060"}, {"TRA", "070"},
                                   {"SE", "080"}, {"LPP", "090"}, {"DIV", "091"}, {"OPTI", "100"}, {"AUDI", "110"},
                                   {"HOSP", "120"}, {"CURE", "130"}};
    for (int j = 0; j < d->nc; j++) {
        d->c[j].star = (family == FAM_SP || family == FAM_ALMERYS || family == FAM_ISANTE) && rng_chance(r, 0.3);
        snprintf(d->c[j].dre, 4, "000");
        for (int k = 0; k < NELEM(DRE); k++)
            if (!strcmp(DRE[k][0], d->c[j].code)) snprintf(d->c[j].dre, 4, "%s", DRE[k][1]);
    }
    snprintf(d->star_rule, sizeof d->star_rule, "%s", RNG_PICK(r, STAR_RULES));
    d->numstyle = rng_int(r, 0, 2);
    if (family == FAM_ALMERYS && d->numstyle == NS_PCT_SPACE) d->numstyle = NS_PCT;
    gen_conventions(d, r);
    d->notes_superscript = family == FAM_VIAMEDIS;

    /* values: first beneficiary, copied; sometimes one differs */
    for (int j = 0; j < d->nc; j++) {
        gen_value(d, r, &d->c[j], &d->b[0].v[j]);
        Col *c = &d->c[j];
        for (int k = 0; k < c->nconv; k++)
            if (!strcmp(c->convs[k], "SC") && rng_chance(r, 0.7)) add_note(&d->b[0].v[j], "4");
        if (d->b[0].v[j].nnotes == 0 && d->b[0].v[j].value[0] >= '1' && d->b[0].v[j].value[0] <= '9' && rng_chance(r, 0.05))
            add_note(&d->b[0].v[j], "3");
    }
    for (int i = 1; i < d->nb; i++) memcpy(d->b[i].v, d->b[0].v, sizeof d->b[0].v);
    if (d->nb > 1 && family != FAM_VIAMEDIS && family != FAM_SIMPLE && family != FAM_CARD && rng_chance(r, 0.25)) {
        Benef *b = &d->b[rng_int(r, 1, d->nb - 1)];
        int nd = rng_int(r, 1, 2);
        for (int k = 0; k < nd; k++) {
            int j = rng_int(r, 1, d->nc - 1);
            Val old = b->v[j];
            for (int t = 0; t < 10 && !strcmp(old.value, b->v[j].value); t++) gen_value(d, r, &d->c[j], &b->v[j]);
        }
    }
    /* superscript markers inline (viamedis) */
    if (d->notes_superscript) {
        static const char *SUP[] = {"", "¹", "²", "³", "⁴", "⁵"};
        for (int i = 0; i < d->nb; i++)
            for (int j = 0; j < d->nc; j++) {
                Val *v = &d->b[i].v[j];
                for (int k = 0; k < v->nnotes; k++) {
                    size_t l = strlen(v->raw);
                    snprintf(v->raw + l, sizeof v->raw - l, "%s", SUP[v->notes[k][0] - '0']);
                }
            }
    }

    d->has_dm = 0;
    p = rng_f(r);
    switch (family) {
    case FAM_SP: d->has_dm = p < 0.7; break;
    case FAM_ISANTE: case FAM_ALMERYS: d->has_dm = p < 0.85; break;
    case FAM_VIAMEDIS: d->has_dm = p < 0.6; break;
    case FAM_SIMPLE: d->has_dm = p < 0.2; break;
    default: d->has_dm = p < 0.3; break;
    }
    d->dm_module = rng_int(r, 3, 6);
    d->legend_front = family == FAM_VIAMEDIS || (family == FAM_SIMPLE && rng_chance(r, 0.5));
}

void doc_remove_col(Doc *d, int j)
{
    if (j < 0 || j >= d->nc) return;
    for (int k = j; k < d->nc - 1; k++) {
        d->c[k] = d->c[k + 1];
        for (int i = 0; i < d->nb; i++) d->b[i].v[k] = d->b[i].v[k + 1];
    }
    d->nc--;
}

static void add_net(Doc *d, const char *c)
{
    if (!c[0] || !strncmp(c, "ROC", 3)) return;
    for (int i = 0; i < d->nnets; i++) if (!strcmp(d->nets[i], c)) return;
    if (d->nnets < 12) snprintf(d->nets[d->nnets++], 4, "%s", c);
}

static int covered(const Val *v)
{
    return strcmp(v->value, "0%") && strcmp(v->value, "0") && strcmp(v->value, "NON") && strcmp(v->value, "NC");
}

static const char LETTER_ORDER[] = "PGSFLRIKY231TCEHODA";

void doc_finalize(Doc *d)
{
    d->nnets = 0;
    if (strcmp(d->typconv, "voir colonnes")) {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "%s", d->typconv);
        char *save = NULL;
        for (char *t = strtok_r(tmp, "/", &save); t; t = strtok_r(NULL, "/", &save)) add_net(d, t);
    }
    for (int j = 0; j < d->nc; j++)
        for (int k = 0; k < d->c[j].nconv; k++) add_net(d, d->c[j].convs[k]);

    memset(d->fn_used, 0, sizeof d->fn_used);
    for (int j = 0; j < d->nc; j++) {
        if (d->c[j].star) d->fn_used[0] = 1;
        for (int i = 0; i < d->nb; i++)
            for (int k = 0; k < d->b[i].v[j].nnotes; k++) {
                int m = d->b[i].v[j].notes[k][0] - '0';
                if (m >= 1 && m <= 5) d->fn_used[m] = 1;
            }
    }

    /* datamatrix: AMC#1#amc#csr#adherent#<conv><letters>...# / */
    char *o = d->dm;
    size_t left = sizeof d->dm;
    int w = snprintf(o, left, "AMC#1#%s#%s#%s", d->amc, d->csr, d->adherent);
    o += w; left -= (size_t)w;
    if (d->family == FAM_ALMERYS) {
        snprintf(o, left, "#AL*/");
        return;
    }
    for (int ni = 0; ni < d->nnets; ni++) {
        const char *net = d->nets[ni];
        int has[sizeof LETTER_ORDER] = {0};
        int percol = !strcmp(d->typconv, "voir colonnes");
        for (int j = 0; j < d->nc; j++) {
            int applies = 0;
            if (percol) {
                for (int k = 0; k < d->c[j].nconv; k++) if (!strcmp(d->c[j].convs[k], net)) applies = 1;
            } else {
                /* single network for all: first network gets everything except PEC, OC gets PEC */
                /* one network for everything; with OC beside another network, OC keeps the PEC domains */
                int pec = !strncmp(d->b[0].v[j].value, "PEC", 3);
                int has_oc = 0;
                for (int k = 0; k < d->nnets; k++) if (!strcmp(d->nets[k], "OC")) has_oc = 1;
                if (d->nnets == 1) applies = 1;
                else if (!strcmp(net, "OC")) applies = pec;
                else applies = !pec || !has_oc;
            }
            if (!applies || !covered(&d->b[0].v[j])) continue;
            const CodeDef *cd = code_def(d->c[j].code);
            if (!cd) continue;
            for (const char *l = cd->letters; *l; l++) {
                const char *pos = strchr(LETTER_ORDER, *l);
                if (pos) has[pos - LETTER_ORDER] = 1;
            }
        }
        char letters[32];
        int nl = 0;
        for (int k = 0; LETTER_ORDER[k]; k++) if (has[k]) letters[nl++] = LETTER_ORDER[k];
        letters[nl] = 0;
        if (!nl) continue;
        w = snprintf(o, left, "#%s%s", net, letters);
        o += w; left -= (size_t)w;
    }
    snprintf(o, left, "/");
}

const char *footnote_text(const Doc *d, int m)
{
    switch (m) {
    case 0: return d->star_rule;
    case 1: return "Taux AMC sur pharmacie à (65%, LPP 60%)/30%/15%";
    case 2: return d->family == FAM_VIAMEDIS ? "Prise en charge à demander sur le portail Viamedis"
                                             : "Faire votre demande de prise en charge à l'adresse au verso";
    case 3: return "Dans la limite des frais réels";
    case 4: return "Partenaires Santéclair";
    default: return "";
    }
}
