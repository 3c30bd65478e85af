/*
 * dm_data.c - what the reader does with a decoded Inter-AMC Datamatrix.
 *
 *  - patterns/datamatrix.ini: the meaning of the sub-domain letters and the
 *    printed domain codes each one covers, loaded and validated with the
 *    other pattern files (an unknown code is an error at file:line:column);
 *  - amcp_dm_apply(): the symbol's AMC number, CSR and adherent number are
 *    exact, so they replace what OCR read; the printed values are kept to
 *    report a disagreement (warning datamatrix_mismatch);
 *  - amcp_dm_json() / amcp_dm_report(): the "datamatrix" object of the
 *    document, where each convention's letters are checked against the
 *    table's convention row, and the warnings and evidence.
 */
#include "explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- datamatrix.ini ---------------------------------------------------- */

static int bad(amc_error *err, const char *path, int line, int col, const char *fmt,
               const char *a)
{
    char msg[256];
    snprintf(msg, sizeof msg, fmt, a);
    amcp_set_error_at(err, AMC_E_PATTERNS, path, line, col, "%s:%d:%d: %s", path, line, col,
                      msg);
    return -1;
}

int amcp_dm_letters_load(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const keys[] = {"label", "codes", NULL};
    p->dmletters = calloc((size_t)ini->n + 1, sizeof *p->dmletters);
    if (!p->dmletters) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return -1;
    }
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        if (strcmp(s->type, "letter"))
            return bad(err, ini->path, s->line, s->col + 1,
                       "unknown section type '%s' (expected 'letter')", s->type);
        if (amcp_ini_check_keys(ini, s, keys, err))
            return -1;
        char l = s->name[0];
        if (s->name[1] || !((l >= 'A' && l <= 'Z') || (l >= '0' && l <= '9') || l == '*'))
            return bad(err, ini->path, s->line, s->col + 8,
                       "'%s' is not one capital letter, digit or '*'", s->name);
        if (amcp_dm_letter_find(p, l))
            return bad(err, ini->path, s->line, s->col + 8, "letter %s defined twice", s->name);
        amcp_kv *label = amcp_ini_get(s, "label", 0);
        if (!label)
            return bad(err, ini->path, s->line, s->col, "[letter %s] needs 'label'", s->name);
        amcp_dmletter *d = &p->dmletters[p->ndmletters++];
        d->letter = l;
        d->label = amcp_strdup(label->val);
        amcp_kv *codes = amcp_ini_get(s, "codes", 0);
        if (!codes)
            continue;
        size_t nv = strlen(codes->val);
        d->codes = calloc(nv / 2 + 2, sizeof *d->codes);
        if (!d->label || !d->codes) {
            amcp_set_error(err, AMC_E_NOMEM, "out of memory");
            return -1;
        }
        for (const char *c = codes->val; *c;) {
            size_t n = strcspn(c, " \t");
            if (n) {
                char code[32];
                snprintf(code, sizeof code, "%.*s", (int)n, c);
                if (!amcp_code_find(p, code))
                    return bad(err, ini->path, codes->line, codes->col + (int)(c - codes->val),
                               "unknown domain code '%s' (see codes.ini)", code);
                d->codes[d->ncodes++] = amcp_strdup(code);
            }
            c += n;
            c += strspn(c, " \t");
        }
    }
    return 0;
}

void amcp_dm_letters_free(amcp_patterns *p)
{
    for (int i = 0; p->dmletters && i < p->ndmletters; i++) {
        free(p->dmletters[i].label);
        for (int k = 0; k < p->dmletters[i].ncodes; k++)
            free(p->dmletters[i].codes[k]);
        free(p->dmletters[i].codes);
    }
    free(p->dmletters);
    p->dmletters = NULL;
    p->ndmletters = 0;
}

const amcp_dmletter *amcp_dm_letter_find(const amcp_patterns *p, char letter)
{
    for (int i = 0; i < p->ndmletters; i++)
        if (p->dmletters[i].letter == letter)
            return &p->dmletters[i];
    return NULL;
}

/* ---- reconciliation with the printed text ------------------------------ */

static const int dm_field[3] = {AMCP_F_AMC_NUMBER, AMCP_F_CSR, AMCP_F_ADHERENT};
static const char *const dm_field_fr[3] = {"N° AMC", "CSR", "N° adhérent"};

/* Upper case, blanks dropped: how a printed value compares with the symbol's. */
static void compact(const char *in, char *out, size_t outlen)
{
    size_t n = 0;
    for (; in && *in && n + 1 < outlen; in++)
        if (*in != ' ' && *in != '\t')
            out[n++] = (*in >= 'a' && *in <= 'z') ? (char)(*in - 32) : *in;
    out[n] = 0;
}

void amcp_dm_apply(amcp_docinfo *info, amcp_reading *r)
{
    memset(&info->dmrec, 0, sizeof info->dmrec);
    const amcp_dm_found *f = info->dm;
    if (!f || f->outcome != AMCP_DM_FOUND)
        return;
    const char *vals[3] = {f->dm.amc, f->dm.csr, f->dm.adherent};
    for (int i = 0; i < 3; i++) {
        amcp_field *fl = &r->f[dm_field[i]];
        char printed[sizeof info->dmrec.printed[0]], how[512];
        compact(fl->value, printed, sizeof printed);
        if (printed[0]) {
            info->dmrec.had_printed[i] = 1;
            info->dmrec.mismatch[i] = strcmp(printed, vals[i]) != 0;
            snprintf(info->dmrec.printed[i], sizeof info->dmrec.printed[i], "%s", printed);
            snprintf(how, sizeof how, "datamatrix (%s); printed text %s: %s", f->how,
                     info->dmrec.mismatch[i] ? "disagrees" : "agrees",
                     fl->how ? fl->how : "?");
        } else {
            snprintf(how, sizeof how, "datamatrix (%s); not read in the printed text", f->how);
        }
        amcp_field_set(fl, vals[i], vals[i], 1.0f, f->page, f->x, f->y, f->w, f->h, how);
    }
    info->dmrec.applied = 1;
}

/* ---- the "datamatrix" object ------------------------------------------ */

/* Does the printed column `code` fall under letter `l`? Aliases count. */
static int letter_covers(const amcp_patterns *p, const amcp_dmletter *l, const char *code)
{
    const amcp_code *c = amcp_code_find(p, code);
    for (int k = 0; c && k < l->ncodes; k++)
        if (amcp_code_find(p, l->codes[k]) == c)
            return 1;
    return 0;
}

/* The letters of datamatrix.ini that cover the printed code (none: unknown). */
static void code_letters(const amcp_patterns *p, const char *code, char *out, size_t outlen)
{
    size_t n = 0;
    for (int i = 0; i < p->ndmletters && n + 1 < outlen; i++)
        if (p->dmletters[i].letter != '*' && letter_covers(p, &p->dmletters[i], code))
            out[n++] = p->dmletters[i].letter;
    out[n] = 0;
}

static int has_conv(const amcp_guar *col, const char *conv)
{
    for (int k = 0; k < col->nconv; k++)
        if (col->conv[k] && !strcmp(col->conv[k], conv))
            return 1;
    return 0;
}

/* Checks a convention's letters against the table: for every printed
 * column whose convention row names it and whose value gives tiers payant,
 * the column's letters must be among the convention's. Columns without a
 * letter in datamatrix.ini, without tiers payant or under other networks
 * say nothing. */
static json_t *table_check(const amcp_patterns *p, const amcp_reading *r, const amcp_dm_conv *c)
{
    json_t *o = json_object(), *agree = json_array(), *disagree = json_array();
    const amcp_guar *g = r->cols;
    int ng = r->ncols;
    if (r->nb && r->b[0].ng == r->ncols)
        g = r->b[0].g; /* the values are the first beneficiary's */
    for (int j = 0; j < ng && j < r->ncols; j++) {
        const amcp_guar *col = &r->cols[j];
        char letters[AMCP_DM_MAX_LETTERS + 1], cap[32];
        if (!col->code || !has_conv(col, c->code))
            continue;
        code_letters(p, col->code, letters, sizeof letters);
        const amcp_valclass *vc =
            amcp_value_classify(p, g[j].value ? g[j].value : "", cap, sizeof cap);
        if (!letters[0] || !vc || (strcmp(vc->tiers_payant, "yes") &&
                                   strcmp(vc->tiers_payant, "after_pec")))
            continue;
        int ok = !strcmp(c->letters, "*");
        if (!ok) {
            ok = 1;
            for (const char *l = letters; *l; l++)
                ok &= strchr(c->letters, *l) != NULL;
        }
        json_array_append_new(ok ? agree : disagree, json_string(col->code));
    }
    json_object_set_new(o, "agree", agree);
    json_object_set_new(o, "disagree", disagree);
    return o;
}

json_t *amcp_dm_json(const amcp_patterns *p, const amcp_docinfo *info, const amcp_reading *r)
{
    const amcp_dm_found *f = info->dm;
    if (!f || f->outcome != AMCP_DM_FOUND)
        return json_null();
    const amcp_dm *d = &f->dm;
    json_t *o = json_object(), *convs = json_array();
    json_object_set_new(o, "raw", json_string(d->raw));
    json_object_set_new(o, "version", json_integer(d->version));
    json_object_set_new(o, "amc", json_string(d->amc));
    json_object_set_new(o, "csr", json_string(d->csr));
    json_object_set_new(o, "adherent", json_string(d->adherent));
    for (int i = 0; i < d->nconv; i++) {
        const amcp_dm_conv *c = &d->conv[i];
        const amcp_conv *known = amcp_conv_find(p, c->code);
        json_t *e = json_object(), *doms = json_array();
        json_object_set_new(e, "code", json_string(c->code));
        json_object_set_new(e, "name", known ? json_string(known->name) : json_null());
        json_object_set_new(e, "letters", json_string(c->letters));
        for (const char *l = c->letters; *l; l++) {
            const amcp_dmletter *m = amcp_dm_letter_find(p, *l);
            json_t *dm = json_object();
            char s[2] = {*l, 0};
            json_object_set_new(dm, "letter", json_string(s));
            /* a letter whose meaning is not public stays raw: label null */
            json_object_set_new(dm, "label", m ? json_string(m->label) : json_null());
            json_array_append_new(doms, dm);
        }
        json_object_set_new(e, "domains", doms);
        json_object_set_new(e, "table", table_check(p, r, c));
        json_array_append_new(convs, e);
    }
    json_object_set_new(o, "conventions", convs);
    return o;
}

static json_t *box_json(const amcp_dm_found *f)
{
    json_t *o = amcp_evidence_box(1.0f, f->page, f->x, f->y, f->w, f->h);
    json_object_set_new(o, "source", json_string("datamatrix"));
    return o;
}

void amcp_dm_report(const amcp_patterns *p, const amcp_docinfo *info, json_t *warnings,
                    json_t *evidence)
{
    const amcp_dm_found *f = info->dm;
    if (!f || !info->dmrec.applied)
        return;
    const amcp_dm *d = &f->dm;
    const char *vals[3] = {d->amc, d->csr, d->adherent};
    json_object_set_new(evidence, "datamatrix", box_json(f));
    for (int i = 0; i < 3; i++) {
        json_t *e = json_object_get(evidence, amcp_field_names[dm_field[i]]);
        if (e) {
            json_object_set_new(e, "source", json_string("datamatrix"));
            if (info->dmrec.mismatch[i])
                json_object_set_new(e, "printed", json_string(info->dmrec.printed[i]));
        }
        if (info->dmrec.mismatch[i]) {
            const char *kv[] = {"field", dm_field_fr[i], "a", vals[i][0] ? vals[i] : "(vide)",
                                "b", info->dmrec.printed[i], NULL};
            amcp_warn(p, warnings, "datamatrix_mismatch", kv);
        }
    }
}

json_t *amcp_dm_explain(const amcp_docinfo *info)
{
    const amcp_dm_found *f = info->dm;
    if (!f)
        return json_string("not decoded (off)");
    char s[256];
    if (f->outcome == AMCP_DM_FOUND)
        snprintf(s, sizeof s, "decoded on page %d: %s; %.0f ms", f->page, f->how, f->ms);
    else if (f->outcome == AMCP_DM_REJECTED)
        snprintf(s, sizeof s, "symbol on page %d refused (%s): printed text kept; %.0f ms",
                 f->page, amcp_dm_status_text(f->why), f->ms);
    else
        snprintf(s, sizeof s, "%s; %.0f ms", f->how, f->ms);
    return json_string(s);
}
