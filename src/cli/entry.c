/*
 * entry.c - one input's outcome, in the forms batch and watch write: the
 * amcread/1 document (indented for OUT/NAME.json, one line for JSON Lines)
 * or an error object {"file":..., "error":{"code":..., "message":...}}, and
 * one CSV row.
 *
 * The CSV columns come from the document itself, parsed back with jansson:
 * the public API gives the JSON, not field accessors, and a client reading
 * the JSON is what the contract is for.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The CSV columns, in order. practice_verdict is practice.tiers_payant_amc
 * (yes, after_pec, no, unknown); warnings is the number of warnings; error is
 * "code: message" for a failed file. */
static const char csv_header[] =
    "file,status,amc_number,insurer,adherent_number,validity_start,validity_end,"
    "practice_domain,practice_verdict,warnings,error\r\n";

const char *entry_csv_header(void)
{
    return csv_header;
}

const char *outcome_name(outcome k)
{
    switch (k) {
    case OUTCOME_OK: return "ok";
    case OUTCOME_INCOMPLETE: return "incomplete";
    case OUTCOME_NOT_CERTIFICATE: return "not a certificate";
    case OUTCOME_FAILED: break;
    }
    return "failed";
}

/* A copy of s where every byte that is not part of valid UTF-8 becomes U+FFFD,
 * so that a file name from an old Latin-1 share still gives valid JSON. */
static char *utf8_clean(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    if (!out)
        return NULL;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3
                              : (*p & 0xf8) == 0xf0 ? 4 : 0;
        int i, ok = n > 0;
        unsigned cp = n == 1 ? *p : n == 2 ? (*p & 0x1fu) : n == 3 ? (*p & 0x0fu) : (*p & 0x07u);
        for (i = 1; ok && i < n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                ok = 0;
            else
                cp = (cp << 6) | (p[i] & 0x3fu);
        }
        /* No overlong forms, surrogates or code points above U+10FFFF. */
        if (ok && ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
                   (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
                   (cp >= 0xd800 && cp <= 0xdfff)))
            ok = 0;
        if (ok) {
            memcpy(o, p, (size_t)n);
            o += n;
            p += n;
        } else {
            memcpy(o, "\xef\xbf\xbd", 3);
            o += 3;
            p++;
        }
    }
    *o = '\0';
    return out;
}

/* ---- CSV ---------------------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *ns;
        while (cap < b->n + n + 1)
            cap *= 2;
        ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* One cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled. Text starting with = + - @ or a tab gets a leading
 * apostrophe so that a spreadsheet shows it instead of running it as a
 * formula (the text comes from an untrusted document). */
static void cell(buf *b, const char *s, int first)
{
    const char *p;
    if (!first)
        put(b, ",", 1);
    if (!s || !*s)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL && !strchr("=+-@\t", s[0])) {
        put(b, s, strlen(s));
        return;
    }
    put(b, "\"", 1);
    if (strchr("=+-@\t", s[0]))
        put(b, "'", 1);
    for (p = s; *p; p++) {
        if (*p == '"')
            put(b, "\"", 1); /* a quote is written twice */
        put(b, p, 1);
    }
    put(b, "\"", 1);
}

static const char *str_at(json_t *root, const char *obj, const char *key)
{
    json_t *o = json_object_get(root, obj);
    return json_string_value(json_object_get(o, key)); /* NULL unless a string */
}

/* The row of a read document (root) or, when root is NULL, of a failure. */
static char *csv_row(const char *file, json_t *root, const char *error)
{
    buf b = {0};
    char nwarn[24] = "";
    cell(&b, file, 1);
    if (root) {
        json_t *w = json_object_get(root, "warnings");
        if (json_is_array(w))
            snprintf(nwarn, sizeof nwarn, "%zu", json_array_size(w));
        cell(&b, json_string_value(json_object_get(root, "status")), 0);
        cell(&b, str_at(root, "amc", "number"), 0);
        cell(&b, str_at(root, "amc", "name"), 0);
        cell(&b, str_at(root, "adherent", "number"), 0);
        cell(&b, str_at(root, "validity", "start"), 0);
        cell(&b, str_at(root, "validity", "end"), 0);
        cell(&b, str_at(root, "practice", "domain"), 0);
        cell(&b, str_at(root, "practice", "tiers_payant_amc"), 0);
        cell(&b, nwarn, 0);
        cell(&b, NULL, 0);
    } else {
        int i;
        cell(&b, "failed", 0);
        for (i = 0; i < 8; i++)
            cell(&b, NULL, 0);
        cell(&b, error, 0);
    }
    put(&b, "\r\n", 2);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* ---- entries ------------------------------------------------------------- */

static char *own(char *lib_string)
{
    char *s = lib_string ? strdup(lib_string) : NULL;
    amc_free(lib_string);
    return s;
}

void entry_fail(entry *e, const char *name, const char *code, const char *message)
{
    char *file = utf8_clean(name), *msg = utf8_clean(message), *both = NULL;
    json_t *o = NULL;
    memset(e, 0, sizeof *e);
    e->kind = OUTCOME_FAILED;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->message, sizeof e->message, "%s", message);
    if (file && msg)
        o = json_pack("{s:s, s:{s:s, s:s}}", "file", file, "error", "code", code, "message",
                      msg);
    if (o) {
        e->doc = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        e->line = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
        json_decref(o);
    }
    if (file && msg && asprintf(&both, "%s: %s", code, msg) >= 0) {
        e->csv_row = csv_row(file, NULL, both);
        free(both);
    }
    free(file);
    free(msg);
}

void entry_read(amc_reader *reader, const char *path, const char *name, const char *date,
                entry *e)
{
    amc_read_options opts = {0};
    amc_error err = {0};
    amc_result *res;
    json_t *root;
    char *file = utf8_clean(name);

    memset(e, 0, sizeof *e);
    if (!file) {
        entry_fail(e, name, amc_status_name(AMC_E_NOMEM), "out of memory");
        return;
    }
    opts.date = date;
    opts.name = file;
    res = amc_read_file(reader, path, &opts, &err);
    if (!res) {
        entry_fail(e, name, amc_status_name(err.code),
                   err.message[0] ? err.message : amc_status_name(err.code));
        free(file);
        return;
    }
    switch (amc_result_get_status(res)) {
    case AMC_RESULT_OK: e->kind = OUTCOME_OK; break;
    case AMC_RESULT_INCOMPLETE: e->kind = OUTCOME_INCOMPLETE; break;
    case AMC_RESULT_NOT_CERTIFICATE: e->kind = OUTCOME_NOT_CERTIFICATE; break;
    }
    e->doc = own(amc_result_json(res, 0));
    e->line = own(amc_result_json(res, AMC_JSON_COMPACT));
    amc_result_free(res);
    root = e->line ? json_loads(e->line, 0, NULL) : NULL;
    if (root)
        e->csv_row = csv_row(file, root, NULL);
    json_decref(root);
    free(file);
    if (!e->doc || !e->line || !e->csv_row) {
        entry_free(e);
        entry_fail(e, name, amc_status_name(AMC_E_NOMEM), "out of memory writing the JSON");
    }
}

void entry_free(entry *e)
{
    if (!e)
        return;
    free(e->doc);
    free(e->line);
    free(e->csv_row);
    e->doc = e->line = e->csv_row = NULL;
}
