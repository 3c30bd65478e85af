/*
 * ini.c - the one syntax of every file in patterns/.
 *
 *   # comment
 *   [type name]
 *   key = value
 *
 * Values run to the end of the line, trimmed, without quoting or escapes, so a
 * regular expression is written exactly as PCRE2 reads it. Every section and
 * value keeps its line and column so that later validation (unknown key, bad
 * regex) can point at file:line:column.
 */
#include "patterns.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s, char **end)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    *e = 0;
    if (end)
        *end = e;
    return s;
}

static int grow(void **v, int n, int *cap, size_t size)
{
    if (n < *cap)
        return 0;
    int nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, (size_t)nc * size);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}

int amcp_ini_load(const char *path, amcp_ini *ini, amc_error *err)
{
    memset(ini, 0, sizeof *ini);
    ini->path = amcp_strdup(path);
    FILE *f = fopen(path, "r");
    if (!f) {
        amcp_set_error_at(err, AMC_E_PATTERNS, path, 0, 0, "%s: cannot open: %s", path,
                          strerror(errno));
        amcp_ini_free(ini);
        return -1;
    }
    char line[4096];
    int lineno = 0, cap = 0, kvcap = 0;
    amcp_section *cur = NULL;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t L = strlen(line);
        if (L == sizeof line - 1 && line[L - 1] != '\n') {
            amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, 1,
                              "%s:%d:1: line longer than %zu bytes", path, lineno,
                              sizeof line - 2);
            goto fail;
        }
        char *s = trim(line, NULL);
        int col0 = (int)(s - line) + 1;
        if (!*s || *s == '#')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            char *sp = strchr(s, ' ');
            if (!close || close[1] || !sp || sp > close || sp == s + 1 || sp + 1 == close) {
                amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, col0,
                                  "%s:%d:%d: expected a section header '[type name]'", path,
                                  lineno, col0);
                goto fail;
            }
            if (grow((void **)&ini->s, ini->n, &cap, sizeof *ini->s) < 0)
                goto oom;
            cur = &ini->s[ini->n++];
            memset(cur, 0, sizeof *cur);
            kvcap = 0;
            cur->type = amcp_strndup(s + 1, (size_t)(sp - s - 1));
            cur->name = amcp_strndup(sp + 1, (size_t)(close - sp - 1));
            cur->line = lineno;
            cur->col = col0;
            if (!cur->type || !cur->name)
                goto oom;
            if (strchr(cur->name, ' ')) {
                amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno,
                                  col0 + (int)(sp - s) + 1,
                                  "%s:%d:%d: section name must not contain spaces", path,
                                  lineno, col0 + (int)(sp - s) + 1);
                goto fail;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, col0,
                              "%s:%d:%d: expected 'key = value'", path, lineno, col0);
            goto fail;
        }
        if (!cur) {
            amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, col0,
                              "%s:%d:%d: 'key = value' before any [section]", path, lineno,
                              col0);
            goto fail;
        }
        char *kend = eq;
        while (kend > s && (kend[-1] == ' ' || kend[-1] == '\t'))
            kend--;
        for (char *k = s; k < kend; k++) {
            if (!((*k >= 'a' && *k <= 'z') || *k == '_')) {
                int c = col0 + (int)(k - s);
                amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, c,
                                  "%s:%d:%d: a key is made of a-z and '_'", path, lineno, c);
                goto fail;
            }
        }
        if (kend == s) {
            amcp_set_error_at(err, AMC_E_PATTERNS, path, lineno, col0,
                              "%s:%d:%d: empty key", path, lineno, col0);
            goto fail;
        }
        char *v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        if (grow((void **)&cur->kv, cur->nkv, &kvcap, sizeof *cur->kv) < 0)
            goto oom;
        amcp_kv *kv = &cur->kv[cur->nkv++];
        kv->key = amcp_strndup(s, (size_t)(kend - s));
        kv->val = amcp_strdup(v);
        kv->line = lineno;
        kv->col = (int)(v - line) + 1;
        kv->kcol = col0;
        kv->used = 0;
        if (!kv->key || !kv->val)
            goto oom;
    }
    fclose(f);
    return 0;
oom:
    amcp_set_error(err, AMC_E_NOMEM, "out of memory loading %s", path);
fail:
    fclose(f);
    amcp_ini_free(ini);
    return -1;
}

void amcp_ini_free(amcp_ini *ini)
{
    if (!ini)
        return;
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        for (int j = 0; j < s->nkv; j++) {
            free(s->kv[j].key);
            free(s->kv[j].val);
        }
        free(s->kv);
        free(s->type);
        free(s->name);
    }
    free(ini->s);
    free(ini->path);
    memset(ini, 0, sizeof *ini);
}

amcp_kv *amcp_ini_get(amcp_section *s, const char *key, int nth)
{
    for (int j = 0; j < s->nkv; j++)
        if (!strcmp(s->kv[j].key, key) && nth-- == 0) {
            s->kv[j].used = 1;
            return &s->kv[j];
        }
    return NULL;
}

int amcp_ini_check_keys(const amcp_ini *ini, const amcp_section *s, const char *const *allowed,
                        amc_error *err)
{
    for (int j = 0; j < s->nkv; j++) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (!strcmp(*a, s->kv[j].key))
                ok = 1;
        if (!ok) {
            int col = s->kv[j].kcol;
            amcp_set_error_at(err, AMC_E_PATTERNS, ini->path, s->kv[j].line, col,
                              "%s:%d:%d: unknown key '%s' in [%s %s]", ini->path,
                              s->kv[j].line, col, s->kv[j].key, s->type, s->name);
            return -1;
        }
    }
    return 0;
}
