/*
 * patterns.c - loads the .ini files of patterns/ into typed tables, compiles every regular
 * expression once and validates everything, so that a typo in a data file is
 * an error at start-up naming file:line:column, never a silent no-match.
 */
#include "extract.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL_AT(kv, ...)                                                                 \
    do {                                                                                 \
        amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, (kv)->line, (kv)->col,         \
                          __VA_ARGS__);                                                  \
        return -1;                                                                       \
    } while (0)

pcre2_code *amcp_compile(const char *src, uint32_t extra, const char *file, int line,
                         int col, amc_error *err)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | extra,
                                   &ec, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        /* erroroffset counts bytes; columns count bytes too (as compilers do) */
        amcp_set_error_at(err, AMC_E_PATTERNS, file, line, col + (int)off,
                          "%s:%d:%d: %s", file, line, col + (int)off, (char *)msg);
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* best effort: interpreter otherwise */
    return re;
}

/* Required value of `key`, or an error at the section header. */
static amcp_kv *need(const amcp_ini *ini, amcp_section *s, const char *key, amc_error *err)
{
    amcp_kv *kv = amcp_ini_get(s, key, 0);
    if (!kv)
        amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, s->line, s->col,
                          "%s:%d:%d: [%s %s] needs '%s'", ini->path, s->line, s->col,
                          s->type, s->name, key);
    return kv;
}

static int check_type(const amcp_ini *ini, const amcp_section *s, const char *type,
                      amc_error *err)
{
    if (strcmp(s->type, type)) {
        amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, s->line, s->col + 1,
                          "%s:%d:%d: unknown section type '%s' (expected '%s')", ini->path,
                          s->line, s->col + 1, s->type, type);
        return -1;
    }
    return 0;
}

static int one_of(const char *v, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(v, *set))
            return 1;
    return 0;
}

static char *dup_val(amcp_kv *kv)
{
    return kv ? amcp_strdup(kv->val) : NULL;
}

static int load_codes(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"label", "scope", "practice", "practice_rank",
                                       "alias", "note", NULL};
    static const char *const practice[] = {"yes", "no", "legend", NULL};
    p->codes = calloc((size_t)ini->n + 1, sizeof *p->codes);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "code", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_code *c = &p->codes[p->ncodes++];
        amcp_kv *label = need(ini, s, "label", err), *scope, *pr;
        if (!label || !(scope = need(ini, s, "scope", err)) ||
            !(pr = need(ini, s, "practice", err)))
            return -1;
        if (amcp_code_find(p, s->name) && amcp_code_find(p, s->name) != c)
            FAIL_AT(label, "%s:%d: code %s defined twice", ini->path, s->line, s->name);
        c->code = amcp_strdup(s->name);
        c->label = dup_val(label);
        c->scope = dup_val(scope);
        c->note = dup_val(amcp_ini_get(s, "note", 0));
        if (!one_of(pr->val, practice))
            FAIL_AT(pr, "%s:%d:%d: practice must be yes, no or legend, not '%s'", ini->path,
                    pr->line, pr->col, pr->val);
        c->practice = !strcmp(pr->val, "yes")      ? AMCP_PRACTICE_YES
                      : !strcmp(pr->val, "legend") ? AMCP_PRACTICE_LEGEND
                                                   : AMCP_PRACTICE_NO;
        amcp_kv *rk = amcp_ini_get(s, "practice_rank", 0);
        if (c->practice != AMCP_PRACTICE_NO) {
            if (!rk && !(rk = need(ini, s, "practice_rank", err)))
                return -1;
            char *end;
            long r = strtol(rk->val, &end, 10);
            if (*end || r < 1 || r > 99)
                FAIL_AT(rk, "%s:%d:%d: practice_rank must be a number 1..99", ini->path,
                        rk->line, rk->col);
            c->rank = (int)r;
        }
        int na = 0;
        while (amcp_ini_get(s, "alias", na))
            na++;
        c->alias = calloc((size_t)na + 1, sizeof *c->alias);
        for (int k = 0; k < na; k++)
            c->alias[c->nalias++] = dup_val(amcp_ini_get(s, "alias", k));
    }
    return 0;
}

static int load_convs(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"name", "kind", NULL};
    static const char *const kinds[] = {"network", "amc", "amo", "mode", NULL};
    p->convs = calloc((size_t)ini->n + 1, sizeof *p->convs);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "convention", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_kv *name = need(ini, s, "name", err), *kind;
        if (!name || !(kind = need(ini, s, "kind", err)))
            return -1;
        if (!one_of(kind->val, kinds))
            FAIL_AT(kind, "%s:%d:%d: kind must be network, amc, amo or mode", ini->path,
                    kind->line, kind->col);
        amcp_conv *c = &p->convs[p->nconvs++];
        c->code = amcp_strdup(s->name);
        c->name = dup_val(name);
        c->kind = dup_val(kind);
    }
    return 0;
}

static int load_values(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"match", "tiers_payant", "explanation", NULL};
    static const char *const tp[] = {"yes", "after_pec", "no", "unknown", NULL};
    p->values = calloc((size_t)ini->n + 1, sizeof *p->values);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "value", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_kv *m = need(ini, s, "match", err), *t, *e;
        if (!m || !(t = need(ini, s, "tiers_payant", err)) ||
            !(e = need(ini, s, "explanation", err)))
            return -1;
        if (!one_of(t->val, tp))
            FAIL_AT(t, "%s:%d:%d: tiers_payant must be yes, after_pec, no or unknown",
                    ini->path, t->line, t->col);
        amcp_valclass *v = &p->values[p->nvalues++];
        v->name = amcp_strdup(s->name);
        v->tiers_payant = dup_val(t);
        v->explanation = dup_val(e);
        if (!(v->re = amcp_compile(m->val, 0, ini->path, m->line, m->col, err)))
            return -1;
    }
    return 0;
}

static int load_warnings(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"message", "severity", NULL};
    static const char *const sev[] = {"info", "warning", "error", NULL};
    p->warnings = calloc((size_t)ini->n + 1, sizeof *p->warnings);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "warning", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_kv *m = need(ini, s, "message", err), *sv;
        if (!m || !(sv = need(ini, s, "severity", err)))
            return -1;
        if (!one_of(sv->val, sev))
            FAIL_AT(sv, "%s:%d:%d: severity must be info, warning or error", ini->path,
                    sv->line, sv->col);
        amcp_warndef *w = &p->warnings[p->nwarnings++];
        w->code = amcp_strdup(s->name);
        w->message = dup_val(m);
        w->severity = dup_val(sv);
    }
    return 0;
}

static int load_amcnums(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"warning", "label", NULL};
    p->amcnums = calloc((size_t)ini->n + 1, sizeof *p->amcnums);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "amc", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_kv *w = need(ini, s, "warning", err), *l;
        if (!w || !(l = need(ini, s, "label", err)))
            return -1;
        if (!amcp_warning_find(p, w->val))
            FAIL_AT(w, "%s:%d:%d: unknown warning '%s' (see warnings.ini)", ini->path,
                    w->line, w->col, w->val);
        amcp_amcnum *a = &p->amcnums[p->namcnums++];
        a->number = amcp_strdup(s->name);
        a->warning = dup_val(w);
        a->label = dup_val(l);
    }
    return 0;
}

static int compile_list(amcp_ini *ini, amcp_section *s, const char *key, pcre2_code ***out,
                        int *n, amc_error *err)
{
    int k = 0;
    while (amcp_ini_get(s, key, k))
        k++;
    *out = calloc((size_t)k + 1, sizeof **out);
    for (int i = 0; i < k; i++) {
        amcp_kv *kv = amcp_ini_get(s, key, i);
        if (!((*out)[i] = amcp_compile(kv->val, PCRE2_CASELESS, ini->path, kv->line,
                                       kv->col, err)))
            return -1;
        *n = i + 1;
    }
    return 0;
}

static int load_practice(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"legend_keyword",  "exclude_keyword",
                                       "none_explanation", "explanation_yes",
                                       "explanation_after_pec", "explanation_no", NULL};
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "practice", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_kv *a = need(ini, s, "none_explanation", err), *b, *c, *d;
        if (!a || !(b = need(ini, s, "explanation_yes", err)) ||
            !(c = need(ini, s, "explanation_after_pec", err)) ||
            !(d = need(ini, s, "explanation_no", err)))
            return -1;
        p->none_explanation = dup_val(a);
        p->expl_yes = dup_val(b);
        p->expl_after_pec = dup_val(c);
        p->expl_no = dup_val(d);
        if (compile_list(ini, s, "legend_keyword", &p->legend_kw, &p->nlegend_kw, err) ||
            compile_list(ini, s, "exclude_keyword", &p->exclude_kw, &p->nexclude_kw, err))
            return -1;
    }
    if (!p->none_explanation) {
        amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, 1, 1,
                          "%s:1:1: needs a [practice lpp_supplier] section", ini->path);
        return -1;
    }
    return 0;
}

static int field_index(const char *name)
{
    for (int i = 0; i < AMCP_F_COUNT; i++)
        if (!strcmp(name, amcp_field_names[i]))
            return i;
    return -1;
}

/* Which fields a value pattern fills: its named groups, or group 1 (group 0
 * when it has none) for the section's own field. A name that is no field is
 * a typo, reported at the value. */
static int field_targets(const amcp_ini *ini, const amcp_section *s, const amcp_kv *v,
                         amcp_fielddef *f, amc_error *err)
{
    uint32_t count = 0, entry = 0, caps = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(f->value, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(f->value, PCRE2_INFO_NAMEENTRYSIZE, &entry);
    pcre2_pattern_info(f->value, PCRE2_INFO_NAMETABLE, &table);
    pcre2_pattern_info(f->value, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (!count) {
        int fi = field_index(s->name);
        if (fi < 0)
            FAIL_AT(v, "%s:%d:%d: [field %s] is not a field name, so its value needs named "
                       "groups", ini->path, v->line, v->col, s->name);
        f->target[0] = fi;
        f->group[0] = caps ? 1 : 0;
        f->ntargets = 1;
        return 0;
    }
    for (uint32_t i = 0; i < count && i < 8; i++) {
        PCRE2_SPTR e = table + i * entry;
        int fi = field_index((const char *)e + 2);
        if (fi < 0)
            FAIL_AT(v, "%s:%d:%d: group '%s' is not a field name", ini->path, v->line,
                    v->col, (const char *)e + 2);
        f->target[f->ntargets] = fi;
        f->group[f->ntargets++] = (e[0] << 8) | e[1];
    }
    return 0;
}

static int load_fields(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"label", "value", "normalize", "where", "priority",
                                       NULL};
    static const char *const norms[] = {"digits", "text", "date", "alnum", "codes", NULL};
    p->fields = calloc((size_t)ini->n + 1, sizeof *p->fields);
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "field", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        amcp_fielddef *f = &p->fields[p->nfields++];
        f->name = amcp_strdup(s->name);
        amcp_kv *v = need(ini, s, "value", err);
        if (!v || !need(ini, s, "label", err))
            return -1;
        if (!(f->value = amcp_compile(v->val, 0, ini->path, v->line, v->col, err)))
            return -1;
        if (field_targets(ini, s, v, f, err) < 0)
            return -1;
        int k = 0;
        while (amcp_ini_get(s, "label", k))
            k++;
        f->labels = calloc((size_t)k, sizeof *f->labels);
        f->label_src = calloc((size_t)k, sizeof *f->label_src);
        for (int j = 0; j < k; j++) {
            amcp_kv *kv = amcp_ini_get(s, "label", j);
            if (!(f->labels[j] = amcp_compile(kv->val, PCRE2_CASELESS, ini->path, kv->line,
                                              kv->col, err)))
                return -1;
            f->label_src[j] = amcp_strdup(kv->val);
            f->nlabels = j + 1;
        }
        amcp_kv *nz = amcp_ini_get(s, "normalize", 0);
        f->normalize = amcp_strdup(nz ? nz->val : "text");
        if (nz && !one_of(nz->val, norms))
            FAIL_AT(nz, "%s:%d:%d: normalize must be digits, text, date, alnum or codes",
                    ini->path, nz->line, nz->col);
        amcp_kv *w = amcp_ini_get(s, "where", 0);
        const char *wv = w ? w->val : "right below";
        f->right = strstr(wv, "right") != NULL;
        f->below = strstr(wv, "below") != NULL;
        if (w && !f->right && !f->below)
            FAIL_AT(w, "%s:%d:%d: where must list right and/or below", ini->path, w->line,
                    w->col);
        amcp_kv *pr = amcp_ini_get(s, "priority", 0);
        f->priority = pr ? atoi(pr->val) : 0;
    }
    return 0;
}

const char *const amcp_table_keys[AMCP_T_COUNT] = {
    "header_code", "convention", "note", "beneficiary", "nir", "rank", "footnote", "legend",
    "person", "value_word", "rank_label"};

static int load_table(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[AMCP_T_COUNT + 1] = {
        "header_code", "convention", "note", "beneficiary", "nir", "rank", "footnote",
        "legend", "person", "value_word", "rank_label", NULL};
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (check_type(ini, s, "table", err) || amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        for (int k = 0; k < AMCP_T_COUNT; k++) {
            amcp_kv *kv = need(ini, s, keys[k], err);
            if (!kv)
                return -1;
            if (!(p->tbl[k] = amcp_compile(kv->val, 0, ini->path, kv->line, kv->col, err)))
                return -1;
        }
    }
    if (!p->tbl[0]) {
        amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, 1, 1,
                          "%s:1:1: needs a [table grid] section", ini->path);
        return -1;
    }
    return 0;
}

int amcp_group(const amcp_patterns *p, const pcre2_code *re, const char *subject,
               const char *name, char *out, size_t outlen)
{
    out[0] = 0;
    int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    if (g <= 0)
        return 0;
    PCRE2_SIZE *ov = amcp_ovector(p);
    if ((uint32_t)g >= pcre2_get_ovector_count(p->md) || ov[2 * g] == PCRE2_UNSET)
        return 0;
    size_t n = ov[2 * g + 1] - ov[2 * g];
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, subject + ov[2 * g], n);
    out[n] = 0;
    return 1;
}

typedef int (*loader)(amcp_patterns *, amcp_ini *, amc_error *);

amcp_patterns *amcp_patterns_load(const char *dir, amc_error *err)
{
    /* warnings first: amc_numbers.ini refers to them */
    static const struct {
        const char *file;
        loader fn;
    } files[] = {{"warnings.ini", load_warnings}, {"codes.ini", load_codes},
                 {"conventions.ini", load_convs}, {"values.ini", load_values},
                 {"amc_numbers.ini", load_amcnums}, {"practice.ini", load_practice},
                 {"fields.ini", load_fields},
                 {"table.ini", load_table},
                 {"datamatrix.ini", amcp_dm_letters_load},
                 {"names.ini", amcp_names_load}};
    amcp_patterns *p = calloc(1, sizeof *p);
    if (!p) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].file);
        amcp_ini ini;
        if (amcp_ini_load(path, &ini, err) < 0) {
            amcp_patterns_free(p);
            return NULL;
        }
        int rc = files[i].fn(p, &ini, err);
        amcp_ini_free(&ini);
        if (rc < 0) {
            amcp_patterns_free(p);
            return NULL;
        }
    }
    if (!p->nvalues) {
        amcp_set_error_at(err, AMC_E_PATTERNS, "values.ini", 0, 0, "values.ini is empty");
        amcp_patterns_free(p);
        return NULL;
    }
    /* A limit hit means a pattern bug; it must end the match, not hang the reader. */
    p->mctx = pcre2_match_context_create(NULL);
    p->md = pcre2_match_data_create(32, NULL);
    p->trouble = calloc(1, sizeof *p->trouble);
    if (p->mctx && p->trouble)
        amcp_regex_set_limits(p, 0, 0, 0);
    if (!p->mctx || !p->md || !p->trouble) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        amcp_patterns_free(p);
        return NULL;
    }
    return p;
}

static void free_res(pcre2_code **v, int n)
{
    for (int i = 0; v && i < n; i++)
        pcre2_code_free(v[i]);
    free(v);
}

void amcp_patterns_free(amcp_patterns *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->ncodes; i++) {
        amcp_code *c = &p->codes[i];
        free(c->code), free(c->label), free(c->scope), free(c->note);
        for (int k = 0; k < c->nalias; k++)
            free(c->alias[k]);
        free(c->alias);
    }
    free(p->codes);
    for (int i = 0; i < p->nconvs; i++)
        free(p->convs[i].code), free(p->convs[i].name), free(p->convs[i].kind);
    free(p->convs);
    for (int i = 0; i < p->nvalues; i++) {
        pcre2_code_free(p->values[i].re);
        free(p->values[i].name), free(p->values[i].tiers_payant),
            free(p->values[i].explanation);
    }
    free(p->values);
    for (int i = 0; i < p->nwarnings; i++)
        free(p->warnings[i].code), free(p->warnings[i].message), free(p->warnings[i].severity);
    free(p->warnings);
    for (int i = 0; i < p->namcnums; i++)
        free(p->amcnums[i].number), free(p->amcnums[i].warning), free(p->amcnums[i].label);
    free(p->amcnums);
    for (int i = 0; i < p->nfields; i++) {
        amcp_fielddef *f = &p->fields[i];
        free_res(f->labels, f->nlabels);
        for (int k = 0; k < f->nlabels; k++)
            free(f->label_src[k]);
        free(f->label_src);
        pcre2_code_free(f->value);
        free(f->name), free(f->normalize);
    }
    free(p->fields);
    for (int k = 0; k < AMCP_T_COUNT; k++)
        pcre2_code_free(p->tbl[k]);
    free_res(p->legend_kw, p->nlegend_kw);
    free_res(p->exclude_kw, p->nexclude_kw);
    free(p->none_explanation), free(p->expl_yes), free(p->expl_after_pec), free(p->expl_no);
    pcre2_match_context_free(p->mctx);
    pcre2_match_data_free(p->md);
    amcp_dm_letters_free(p);
    amcp_names_free(p);
    free(p->trouble);
    free(p);
}

const amcp_code *amcp_code_find(const amcp_patterns *p, const char *code)
{
    for (int i = 0; i < p->ncodes; i++) {
        if (p->codes[i].code && !strcmp(p->codes[i].code, code))
            return &p->codes[i];
        for (int k = 0; k < p->codes[i].nalias; k++)
            if (!strcmp(p->codes[i].alias[k], code))
                return &p->codes[i];
    }
    return NULL;
}

const amcp_conv *amcp_conv_find(const amcp_patterns *p, const char *code)
{
    for (int i = 0; i < p->nconvs; i++)
        if (!strcmp(p->convs[i].code, code))
            return &p->convs[i];
    return NULL;
}

const amcp_warndef *amcp_warning_find(const amcp_patterns *p, const char *code)
{
    for (int i = 0; i < p->nwarnings; i++)
        if (!strcmp(p->warnings[i].code, code))
            return &p->warnings[i];
    return NULL;
}

const amcp_amcnum *amcp_amcnum_find(const amcp_patterns *p, const char *number)
{
    for (int i = 0; number && i < p->namcnums; i++)
        if (!strcmp(p->amcnums[i].number, number))
            return &p->amcnums[i];
    return NULL;
}

int amcp_match(const amcp_patterns *p, const pcre2_code *re, const char *subject, size_t len,
               size_t start)
{
    return amcp_match_opts(p, re, subject, len, start, 0);
}

/* ---- PCRE2 limits --------------------------------------------------------- */

void amcp_regex_set_limits(amcp_patterns *p, unsigned long match, unsigned long depth,
                           unsigned long heap_kib)
{
    struct amcp_regex_trouble *t = p->trouble;
    t->match = match ? match : AMCP_REGEX_MATCH_LIMIT;
    t->depth = depth ? depth : AMCP_REGEX_DEPTH_LIMIT;
    t->heap_kib = heap_kib ? heap_kib : AMCP_REGEX_HEAP_KIB;
    /* The setters take uint32_t: clamp rather than wrap a huge value. */
    pcre2_set_match_limit(p->mctx, t->match > UINT32_MAX ? UINT32_MAX : (uint32_t)t->match);
    pcre2_set_depth_limit(p->mctx, t->depth > UINT32_MAX ? UINT32_MAX : (uint32_t)t->depth);
    pcre2_set_heap_limit(p->mctx,
                         t->heap_kib > UINT32_MAX ? UINT32_MAX : (uint32_t)t->heap_kib);
}

void amcp_regex_reset(const amcp_patterns *p)
{
    p->trouble->hits = 0;
    p->trouble->rc = 0;
    p->trouble->re = NULL;
}

int amcp_match_opts(const amcp_patterns *p, const pcre2_code *re, const char *subject,
                    size_t len, size_t start, uint32_t options)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, start, options, p->md, p->mctx);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        if (p->trouble->hits++ == 0) {
            p->trouble->rc = rc;
            p->trouble->re = re;
        }
    }
    return rc;
}

/* Where `re` comes from, for the error message ("fields.ini [field amc_number]"). */
static void regex_origin(const amcp_patterns *p, const pcre2_code *re, char *out, size_t n)
{
    snprintf(out, n, "an unknown pattern");
    for (int i = 0; i < p->nvalues; i++)
        if (p->values[i].re == re)
            snprintf(out, n, "values.ini [value %s]", p->values[i].name);
    for (int i = 0; i < p->nfields; i++) {
        if (p->fields[i].value == re)
            snprintf(out, n, "fields.ini [field %s] value", p->fields[i].name);
        for (int k = 0; k < p->fields[i].nlabels; k++)
            if (p->fields[i].labels[k] == re)
                snprintf(out, n, "fields.ini [field %s] label '%s'", p->fields[i].name,
                         p->fields[i].label_src[k]);
    }
    for (int k = 0; k < AMCP_T_COUNT; k++)
        if (p->tbl[k] == re)
            snprintf(out, n, "table.ini '%s'", amcp_table_keys[k]);
    for (int i = 0; i < p->nlegend_kw; i++)
        if (p->legend_kw[i] == re)
            snprintf(out, n, "practice.ini legend_keyword %d", i + 1);
    for (int i = 0; i < p->nexclude_kw; i++)
        if (p->exclude_kw[i] == re)
            snprintf(out, n, "practice.ini exclude_keyword %d", i + 1);
}

int amcp_regex_check(const amcp_patterns *p, amc_error *err)
{
    const struct amcp_regex_trouble *t = p->trouble;
    const char *what;
    unsigned long value;
    char origin[200];

    if (!t->hits)
        return 0;
    switch (t->rc) {
    case PCRE2_ERROR_DEPTHLIMIT: what = "depth limit (regex_depth_limit)", value = t->depth; break;
    case PCRE2_ERROR_HEAPLIMIT: what = "heap limit in KiB (regex_heap_kib)", value = t->heap_kib; break;
    case PCRE2_ERROR_JIT_STACKLIMIT: what = "JIT stack limit in KiB", value = 32; break;
    default: what = "match limit (regex_match_limit)", value = t->match; break;
    }
    regex_origin(p, t->re, origin, sizeof origin);
    amcp_set_error(err, AMC_E_LIMIT,
                   "%s stopped at the PCRE2 %s of %lu (%d match%s stopped): a pattern bug, "
                   "please report it",
                   origin, what, value, t->hits, t->hits > 1 ? "es" : "");
    return -1;
}

PCRE2_SIZE *amcp_ovector(const amcp_patterns *p)
{
    return pcre2_get_ovector_pointer(p->md);
}

const amcp_valclass *amcp_value_classify(const amcp_patterns *p, const char *value,
                                         char *cap1, size_t cap1len)
{
    if (cap1len)
        cap1[0] = 0;
    for (int i = 0; i < p->nvalues; i++) {
        int rc = amcp_match(p, p->values[i].re, value, strlen(value), 0);
        if (rc > 0) {
            PCRE2_SIZE *ov = amcp_ovector(p);
            if (rc > 1 && ov[2] != PCRE2_UNSET && cap1len) {
                size_t n = ov[3] - ov[2];
                if (n >= cap1len)
                    n = cap1len - 1;
                memcpy(cap1, value + ov[2], n);
                cap1[n] = 0;
            }
            return &p->values[i];
        }
    }
    return NULL;
}
