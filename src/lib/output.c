/*
 * output.c - the amcread/1 document. Keys are in a fixed order (the order of
 * the contract in docs/json-contract.md), values null when not read, no
 * timestamps in the body: the same input gives the same bytes.
 */
#include "explain.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* French names of fields, for warning messages meant for the receptionist. */
static const char *const field_fr[AMCP_F_COUNT] = {
    "N° AMC", "organisme complémentaire", "type de convention", "CSR", "N° adhérent",
    "assuré principal", "N° de contrat", "début de validité", "fin de validité"};

/* Read text as JSON, never losing its key: see explain.h. */
json_t *amcp_text_json(const char *s)
{
    json_t *j = json_string(s);
    if (j || !s)
        return j;
    char *t = amcp_strdup(s);
    if (!t)
        return NULL;
    for (unsigned char *q = (unsigned char *)t; *q; q++)
        if (*q >= 0x80)
            *q = '?';
    j = json_string(t);
    free(t);
    return j;
}

static json_t *str_or_null(const char *s)
{
    return s ? amcp_text_json(s) : json_null();
}

static json_t *val(const amcp_reading *r, int f)
{
    return str_or_null(r->f[f].value);
}

json_t *amcp_evidence_box(float conf, int page, int x, int y, int w, int h)
{
    json_t *o = json_object();
    json_object_set_new(o, "confidence", json_real((int)(conf * 100 + 0.5) / 100.0));
    json_t *b = json_object();
    json_object_set_new(b, "page", json_integer(page));
    json_object_set_new(b, "x", json_integer(x));
    json_object_set_new(b, "y", json_integer(y));
    json_object_set_new(b, "w", json_integer(w));
    json_object_set_new(b, "h", json_integer(h));
    json_object_set_new(o, "box", b);
    return o;
}

static json_t *box(const amcp_field *f)
{
    return amcp_evidence_box(f->conf, f->page, f->x, f->y, f->w, f->h);
}

/* Do two beneficiaries have the same values under every code? */
static int same_values(const amcp_benef *a, const amcp_benef *b)
{
    if (a->ng != b->ng)
        return 0;
    for (int i = 0; i < a->ng; i++) {
        const char *x = a->g[i].value ? a->g[i].value : "", *y = b->g[i].value ? b->g[i].value : "";
        if (strcmp(x, y))
            return 0;
    }
    return 1;
}

static json_t *guarantees(const amcp_patterns *p, const amcp_reading *r, const amcp_guar *g,
                          int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, amcp_explain_guarantee(p, r, &g[i]));
    return a;
}

static void add_network(const amcp_patterns *p, json_t *nets, const char *code)
{
    if (!code || strlen(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' ||
        code[1] > 'Z')
        return;
    size_t i;
    json_t *e;
    json_array_foreach(nets, i, e) if (!strcmp(json_string_value(json_object_get(e, "code")),
                                               code)) return;
    const amcp_conv *c = amcp_conv_find(p, code);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(code));
    json_object_set_new(o, "name", c ? json_string(c->name) : json_null());
    json_array_append_new(nets, o);
}

json_t *amcp_output_document(const amcp_patterns *p, const amcp_reading *r,
                             const amcp_docinfo *info, amc_result_status *status)
{
    json_t *doc = json_object(), *warnings = json_array(), *evidence = json_object();
    json_object_set_new(doc, "schema", json_string(AMC_SCHEMA));
    json_object_set_new(doc, "file", str_or_null(info->file));
    json_object_set_new(doc, "status", json_string("incomplete"));

    json_t *amc = json_object();
    json_object_set_new(amc, "number", val(r, AMCP_F_AMC_NUMBER));
    json_object_set_new(amc, "name", val(r, AMCP_F_AMC_NAME));
    json_object_set_new(amc, "type_convention", val(r, AMCP_F_TYPE_CONVENTION));
    json_object_set_new(amc, "csr", r->f[AMCP_F_CSR].value ? amcp_text_json(r->f[AMCP_F_CSR].value)
                                    : r->csr_label_seen ? json_string("")
                                                        : json_null());
    json_object_set_new(doc, "amc", amc);

    json_t *adh = json_object();
    json_object_set_new(adh, "number", val(r, AMCP_F_ADHERENT));
    json_object_set_new(adh, "principal", val(r, AMCP_F_PRINCIPAL));
    json_object_set_new(adh, "contract", val(r, AMCP_F_CONTRACT));
    json_object_set_new(doc, "adherent", adh);

    const char *start = r->f[AMCP_F_START].value, *end = r->f[AMCP_F_END].value;
    const char *date = info->date;
    json_t *vd = json_object();
    json_object_set_new(vd, "start", str_or_null(start));
    json_object_set_new(vd, "end", str_or_null(end));
    int valid = start && end && strcmp(start, date) <= 0 && strcmp(date, end) <= 0;
    json_object_set_new(vd, "valid_on_date", start && end ? json_boolean(valid) : json_null());
    json_object_set_new(doc, "validity", vd);
    const char *vkv[] = {"start", start, "end", end, "date", date, NULL};
    if (start && end && strcmp(end, start) < 0)
        amcp_warn(p, warnings, "validity_inverted", vkv);
    else if (end && strcmp(end, date) < 0)
        amcp_warn(p, warnings, "expired", vkv);
    else if (start && strcmp(date, start) < 0)
        amcp_warn(p, warnings, "not_yet_valid", vkv);

    /* networks: type de convention first, then the columns, first-seen order */
    json_t *nets = json_array();
    if (r->f[AMCP_F_TYPE_CONVENTION].value) {
        char tc[64];
        snprintf(tc, sizeof tc, "%s", r->f[AMCP_F_TYPE_CONVENTION].value);
        char *save = NULL;
        for (char *t = strtok_r(tc, "/ ", &save); t; t = strtok_r(NULL, "/ ", &save))
            add_network(p, nets, t);
    }
    for (int c = 0; c < r->ncols; c++)
        for (int k = 0; k < r->cols[c].nconv; k++)
            add_network(p, nets, r->cols[c].conv[k]);
    /* Datamatrix: its conventions are exact, after the printed ones */
    if (info->dm && info->dm->outcome == AMCP_DM_FOUND)
        for (int i = 0; i < info->dm->dm.nconv; i++)
            add_network(p, nets, info->dm->dm.conv[i].code);
    json_object_set_new(doc, "networks", nets);

    /* the first beneficiary's values are the card's; others only if they differ */
    const amcp_guar *g = r->cols;
    int ng = r->ncols;
    if (r->nb && r->b[0].ng)
        g = r->b[0].g, ng = r->b[0].ng;
    json_t *bens = json_array();
    for (int i = 0; i < r->nb; i++) {
        const amcp_benef *b = &r->b[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", str_or_null(b->name.value));
        json_object_set_new(o, "birth_date", str_or_null(b->birth.value));
        json_object_set_new(o, "rank", str_or_null(b->rank.value));
        json_object_set_new(o, "nir", str_or_null(b->nir.value));
        json_object_set_new(o, "nir_valid", b->nir.value ? json_boolean(b->nir_valid)
                                                         : json_null());
        if (i > 0 && !same_values(&r->b[0], b))
            json_object_set_new(o, "guarantees", guarantees(p, r, b->g, b->ng));
        json_array_append_new(bens, o);
        if (b->nir.value && !b->nir_valid)
            amcp_warn(p, warnings, "nir_key_mismatch", NULL);
        if (b->birth.value && strcmp(b->birth.value, date) > 0) {
            const char *kv[] = {"date", b->birth.value, NULL};
            amcp_warn(p, warnings, "birth_date_future", kv);
        }
        char key[32];
        snprintf(key, sizeof key, "beneficiaries[%d].name", i);
        if (b->name.value)
            json_object_set_new(evidence, key, box(&b->name));
        snprintf(key, sizeof key, "beneficiaries[%d].nir", i);
        if (b->nir.value)
            json_object_set_new(evidence, key, box(&b->nir));
    }
    json_object_set_new(doc, "beneficiaries", bens);
    json_object_set_new(doc, "guarantees", guarantees(p, r, g, ng));
    for (int i = 0; i < ng; i++) {
        char key[48];
        snprintf(key, sizeof key, "guarantees[%d]", i);
        if (g[i].ev.value)
            json_object_set_new(evidence, key, box(&g[i].ev));
    }

    json_t *fn = json_object();
    for (int i = 0; i < r->nfootnotes; i++)
        json_object_set_new(fn, r->footnotes[i].key, amcp_text_json(r->footnotes[i].text));
    json_object_set_new(doc, "footnotes", fn);
    for (int i = 0; i < r->nnotefix; i++) {
        const char *kv[] = {"field", r->notefix[i].code, "a", r->notefix[i].read,
                            "b", r->notefix[i].taken, NULL};
        amcp_warn(p, warnings, "note_from_footnotes", kv);
    }
    json_object_set_new(doc, "datamatrix", amcp_dm_json(p, info, r)); /* dm_data.c */

    const char *tp = "unknown";
    json_object_set_new(doc, "practice", amcp_practice_json(p, r, g, ng, &tp));
    if (!strcmp(tp, "after_pec"))
        amcp_warn(p, warnings, "practice_after_pec", NULL);
    else if (ng && amcp_practice_column(p, r, g, ng) < 0)
        amcp_warn(p, warnings, "no_practice_domain", NULL);

    const char *num = r->f[AMCP_F_AMC_NUMBER].value;
    const amcp_amcnum *special = amcp_amcnum_find(p, num);
    if (special) {
        const char *kv[] = {"amc", num, NULL};
        amcp_warn(p, warnings, special->warning, kv);
    }
    json_t *rec = json_object();
    json_object_set_new(rec, "amc_number", val(r, AMCP_F_AMC_NUMBER));
    json_object_set_new(rec, "adherent_number", val(r, AMCP_F_ADHERENT));
    json_object_set_new(rec, "start_of_rights", str_or_null(start));
    json_object_set_new(rec, "end_of_rights", str_or_null(end));
    json_object_set_new(rec, "type_convention", val(r, AMCP_F_TYPE_CONVENTION));
    json_object_set_new(rec, "csr", json_incref(json_object_get(amc, "csr")));
    int tele = num && !(special && !strcmp(special->warning, "c2s_exit")) && (!end || valid);
    json_object_set_new(rec, "teletransmission_amc", json_boolean(tele));
    json_object_set_new(rec, "tiers_payant_amc", json_boolean(tele && !strcmp(tp, "yes")));
    json_object_set_new(doc, "patient_record", rec);

    /* missing and doubtful fields */
    static const int core[] = {AMCP_F_AMC_NUMBER, AMCP_F_ADHERENT, AMCP_F_START, AMCP_F_END};
    int missing = 0, found = 0;
    for (size_t i = 0; i < sizeof core / sizeof *core; i++) {
        const char *kv[] = {"field", field_fr[core[i]], NULL};
        if (!r->f[core[i]].value) {
            amcp_warn(p, warnings, "missing_field", kv);
            missing++;
        } else {
            found++;
        }
    }
    for (int f = 0; f < AMCP_F_COUNT; f++) {
        if (!r->f[f].value)
            continue;
        json_object_set_new(evidence, amcp_field_names[f], box(&r->f[f]));
        if (r->f[f].conf < 0.5f && r->f[f].value[0]) {
            const char *kv[] = {"field", field_fr[f], NULL};
            amcp_warn(p, warnings, "low_confidence", kv);
        }
    }
    amcp_dm_report(p, info, warnings, evidence); /* datamatrix_mismatch, sources */
    json_object_set_new(doc, "warnings", warnings);
    json_object_set_new(doc, "evidence", evidence);

    json_t *eng = json_object();
    json_object_set_new(eng, "amcread", json_string(AMC_VERSION_STRING));
    json_object_set_new(eng, "tesseract", json_string(amcp_ocr_version()));
    json_object_set_new(eng, "model", json_string("fra"));
    json_object_set_new(eng, "pages", json_integer(info->pages));
    json_object_set_new(eng, "preprocess", str_or_null(info->steps));
    static const char *const stages[] = {"load", "preprocess", "ocr", "extract", "output"};
    json_t *ms = json_object();
    for (int i = 0; i < 5; i++)
        json_object_set_new(ms, stages[i], json_integer((json_int_t)(info->ms[i] + 0.5)));
    json_object_set_new(ms, "datamatrix", json_integer((json_int_t)(info->ms[5] + 0.5)));
    json_object_set_new(eng, "ms", ms);
    json_object_set_new(doc, "engine", eng);

    amc_result_status st;
    if (!found && !ng)
        st = AMC_RESULT_NOT_CERTIFICATE;
    else if (missing || !ng || !r->nb || json_array_size(warnings) > 0)
        st = AMC_RESULT_INCOMPLETE;
    else
        st = AMC_RESULT_OK;
    /* warnings about the certificate itself (expired, C2S) do not make the reading doubtful */
    if (st == AMC_RESULT_INCOMPLETE && !missing && ng && r->nb) {
        int doubtful = 0;
        size_t i;
        json_t *e;
        json_array_foreach(warnings, i, e)
        {
            const char *c = json_string_value(json_object_get(e, "code"));
            if (!strcmp(c, "nir_key_mismatch") || !strcmp(c, "low_confidence") ||
                !strcmp(c, "readings_disagree") || !strcmp(c, "validity_inverted") ||
                !strcmp(c, "birth_date_future") || !strcmp(c, "datamatrix_mismatch"))
                doubtful = 1;
        }
        if (!doubtful)
            st = AMC_RESULT_OK;
    }
    static const char *const names[] = {"ok", "incomplete", "not_a_certificate"};
    json_object_set_new(doc, "status", json_string(names[st]));
    *status = st;
    return doc;
}

json_t *amcp_output_explain(const amcp_reading *r)
{
    json_t *o = json_object();
    for (int f = 0; f < AMCP_F_COUNT; f++)
        if (r->f[f].how)
            json_object_set_new(o, amcp_field_names[f], json_string(r->f[f].how));
    if (r->table_how)
        json_object_set_new(o, "guarantees", json_string(r->table_how));
    return o;
}
