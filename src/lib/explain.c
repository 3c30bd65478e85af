/*
 * explain.c - from a reading to meaning: each guarantee's label and French
 * explanation, the domain that covers this practice (an LPP supplier) and the
 * warnings. Every sentence comes from patterns/ through amcp_template().
 */
#include "explain.h"
#include <stdlib.h>
#include <string.h>

char *amcp_template(const char *tpl, const char *const *kv)
{
    amcp_buf b = {0};
    for (const char *p = tpl; p && *p;) {
        if (*p == '{') {
            const char *e = strchr(p, '}');
            if (e) {
                size_t n = (size_t)(e - p - 1);
                const char *val = NULL;
                for (int i = 0; kv && kv[i]; i += 2)
                    if (strlen(kv[i]) == n && !strncmp(kv[i], p + 1, n))
                        val = kv[i + 1] ? kv[i + 1] : "";
                if (val) {
                    amcp_buf_add(&b, val, strlen(val));
                    p = e + 1;
                    continue;
                }
            }
        }
        amcp_buf_add(&b, p, 1);
        p++;
    }
    return b.s ? b.s : amcp_strdup("");
}

const char *amcp_legend_for(const amcp_reading *r, const char *code)
{
    for (int i = 0; i < r->nlegend; i++)
        if (!strcmp(r->legend[i].key, code))
            return r->legend[i].text;
    return NULL;
}

json_t *amcp_explain_guarantee(const amcp_patterns *p, const amcp_reading *r,
                               const amcp_guar *g)
{
    const amcp_code *kc = amcp_code_find(p, g->code);
    const char *legend = amcp_legend_for(r, g->code);
    const char *label = legend ? legend : kc ? kc->label : "code non répertorié";
    const char *scope = kc ? kc->scope : "ce domaine (code non répertorié, voir la légende)";
    char cap1[32];
    const char *value = g->value ? g->value : "";
    const amcp_valclass *vc = amcp_value_classify(p, value, cap1, sizeof cap1);
    const char *kv[] = {"scope", scope, "code", g->code, "value", value, "1", cap1,
                        "label", label, NULL};
    char *ex = vc ? amcp_template(vc->explanation, kv) : amcp_strdup("");
    if (kc && kc->note) {
        char *t = amcp_printf("%s %s", ex, kc->note);
        free(ex);
        ex = t;
    }
    json_t *o = json_object();
    json_object_set_new(o, "code", amcp_text_json(g->code));
    json_object_set_new(o, "value", g->value ? amcp_text_json(g->value) : json_null());
    json_object_set_new(o, "raw", g->raw ? amcp_text_json(g->raw) : json_null());
    json_t *cv = json_array(), *nt = json_array();
    for (int i = 0; i < g->nconv; i++)
        json_array_append_new(cv, amcp_text_json(g->conv[i]));
    for (int i = 0; i < g->nnotes; i++)
        json_array_append_new(nt, amcp_text_json(g->notes[i]));
    json_object_set_new(o, "conventions", cv);
    json_object_set_new(o, "notes", nt);
    json_object_set_new(o, "label", amcp_text_json(label));
    json_object_set_new(o, "explanation", amcp_text_json(ex ? ex : ""));
    free(ex);
    return o;
}

static int legend_names_practice(const amcp_patterns *p, const char *text)
{
    if (!text)
        return 0;
    for (int i = 0; i < p->nexclude_kw; i++)
        if (amcp_match(p, p->exclude_kw[i], text, strlen(text), 0) > 0)
            return 0;
    for (int i = 0; i < p->nlegend_kw; i++)
        if (amcp_match(p, p->legend_kw[i], text, strlen(text), 0) > 0)
            return 1;
    return 0;
}

int amcp_practice_column(const amcp_patterns *p, const amcp_reading *r, const amcp_guar *g,
                         int ng)
{
    int best = -1, bestrank = 1000;
    for (int i = 0; i < ng; i++) {
        const amcp_code *kc = amcp_code_find(p, g[i].code);
        const char *legend = amcp_legend_for(r, g[i].code);
        int rank = 1000;
        if (kc && kc->practice == AMCP_PRACTICE_YES)
            rank = kc->rank;
        else if (kc && kc->practice == AMCP_PRACTICE_LEGEND && legend_names_practice(p, legend))
            rank = kc->rank;
        else if (legend && legend_names_practice(p, legend))
            rank = 100; /* any other legend line naming suppliers */
        if (rank < bestrank)
            bestrank = rank, best = i;
    }
    return best;
}

json_t *amcp_practice_json(const amcp_patterns *p, const amcp_reading *r, const amcp_guar *g,
                           int ng, const char **tp_out)
{
    json_t *o = json_object();
    int i = amcp_practice_column(p, r, g, ng);
    if (i < 0) {
        json_object_set_new(o, "domain", json_null());
        json_object_set_new(o, "value", json_null());
        json_object_set_new(o, "tiers_payant_amc", amcp_text_json(ng ? "no" : "unknown"));
        json_object_set_new(o, "explanation", amcp_text_json(p->none_explanation));
        *tp_out = ng ? "no" : "unknown";
        return o;
    }
    const amcp_code *kc = amcp_code_find(p, g[i].code);
    const char *legend = amcp_legend_for(r, g[i].code);
    const char *label = legend ? legend : kc ? kc->label : g[i].code;
    char cap1[32];
    const char *value = g[i].value ? g[i].value : "";
    const amcp_valclass *vc = amcp_value_classify(p, value, cap1, sizeof cap1);
    const char *tp = vc ? vc->tiers_payant : "unknown";
    const char *tpl = !strcmp(tp, "yes")         ? p->expl_yes
                      : !strcmp(tp, "after_pec") ? p->expl_after_pec
                      : !strcmp(tp, "no")        ? p->expl_no
                      : vc                       ? vc->explanation
                                                 : ""; /* no class matched */
    const char *kv[] = {"code", g[i].code, "label", label, "value", value, "scope",
                        kc ? kc->scope : label, "1", cap1, NULL};
    char *ex = amcp_template(tpl, kv);
    json_object_set_new(o, "domain", amcp_text_json(g[i].code));
    json_object_set_new(o, "value", g[i].value ? amcp_text_json(g[i].value) : json_null());
    json_object_set_new(o, "tiers_payant_amc", amcp_text_json(tp));
    json_object_set_new(o, "explanation", amcp_text_json(ex));
    free(ex);
    *tp_out = tp;
    return o;
}

void amcp_warn(const amcp_patterns *p, json_t *list, const char *code, const char *const *kv)
{
    const amcp_warndef *w = amcp_warning_find(p, code);
    /* one warning per code and message */
    char *msg = amcp_template(w ? w->message : code, kv);
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        if (!strcmp(json_string_value(json_object_get(e, "code")), code) &&
            !strcmp(json_string_value(json_object_get(e, "message")), msg)) {
            free(msg);
            return;
        }
    }
    json_t *o = json_object();
    json_object_set_new(o, "code", amcp_text_json(code));
    json_object_set_new(o, "message", amcp_text_json(msg));
    json_array_append_new(list, o);
    free(msg);
}
