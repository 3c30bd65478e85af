/*
 * fuzz_extract.c - the extraction half of the pipeline (layout, fields,
 * guarantee grid, checks, explanations, JSON) on OCR words made from
 * arbitrary text, no image and no OCR: what amcextract does with stored
 * words.
 *
 * Input format, chosen so that mutations stay meaningful: the text as it
 * would be printed on the page. Each line of the input is a line of the page
 * (LINE_H pixels apart); each run of non-blank bytes is a word whose box
 * starts at its column (CHAR_W pixels per byte), so runs of spaces are gaps
 * and wide gaps cut segments as on a real grid; a form feed starts a new
 * page. A word's confidence is derived from its bytes (0.40 to 0.99), so the
 * low-confidence paths are reached too. scripts/fuzz.sh makes seeds in this
 * XX
 *
 * Tesseract only gives valid UTF-8, so invalid sequences of the input are
 * replaced by '?' before the words are made.
 *
 * Properties: no crash, no sanitizer report, no leak; for every input a
 * document with the amcread/1 schema and every key of the contract
 * (docs/json-contract.md: a key missing means a string that jansson refused,
 * i.e. a value cut in the middle of a UTF-8 character); and no PCRE2 limit
 * hit (a pattern bug).
 */
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

#define CHAR_W 20
#define LINE_H 40
#define WORD_H 28

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static float conf_of(const uint8_t *w, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ w[i]) * 16777619u;
    return 0.40f + (float)(h % 60) / 100.0f;
}

/* Length of the valid UTF-8 sequence at p (1 to 4), or 0 if invalid. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
    size_t len;
    uint32_t c;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, c = p[0] & 0x1f;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3, c = p[0] & 0x0f;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, c = p[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3f);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
        (len == 4 && (c < 0x10000 || c > 0x10ffff)))
        return 0;
    return len;
}

/* A copy of the input with invalid UTF-8 replaced by '?' (free()). */
static uint8_t *valid_utf8(const uint8_t *data, size_t size)
{
    uint8_t *out = malloc(size ? size : 1);
    size_t i = 0;
    if (!out)
        abort();
    while (i < size) {
        size_t l = utf8_len(data + i, size - i);
        if (l == 0) {
            out[i++] = '?';
        } else {
            memcpy(out + i, data + i, l);
            i += l;
        }
    }
    return out;
}

static void has_keys(json_t *o, const char *where, const char *const *keys)
{
    if (!json_is_object(o))
        fuzz_fail("%s is not an object", where);
    for (; *keys; keys++)
        if (!json_object_get(o, *keys))
            fuzz_fail("%s has no \"%s\"", where, *keys);
}

/* Every key of docs/json-contract.md, at every level. */
static void check_contract(json_t *doc)
{
    static const char *const top[] = {"schema", "file", "status", "amc", "adherent",
                                      "validity", "networks", "beneficiaries", "guarantees",
                                      "footnotes", "practice", "patient_record", "warnings",
                                      "evidence", "engine", NULL};
    static const char *const benef[] = {"name", "birth_date", "rank", "nir", "nir_valid", NULL};
    static const char *const guar[] = {"code", "value", "raw", "conventions", "notes",
                                       "label", "explanation", NULL};
    static const char *const practice[] = {"domain", "value", "tiers_payant_amc",
                                           "explanation", NULL};
    size_t i;
    json_t *e;
    has_keys(doc, "the document", top);
    has_keys(json_object_get(doc, "practice"), "practice", practice);
    json_array_foreach(json_object_get(doc, "beneficiaries"), i, e)
        has_keys(e, "a beneficiary", benef);
    json_array_foreach(json_object_get(doc, "guarantees"), i, e)
        has_keys(e, "a guarantee", guar);
    json_array_foreach(json_object_get(doc, "warnings"), i, e)
    {
        static const char *const warn[] = {"code", "message", NULL};
        has_keys(e, "a warning", warn);
    }
}

/* Cuts the input into words with boxes. Returns 0, or -1 out of memory. */
static int make_words(const uint8_t *data, size_t size, amcp_words *out)
{
    int page = 1, row = 0, col = 0;
    size_t i = 0;
    while (i < size) {
        uint8_t c = data[i];
        if (c == '\n') {
            row++, col = 0, i++;
        } else if (c == '\f') {
            page++, row = 0, col = 0, i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == 0) {
            col += c == '\t' ? 8 : 1;
            i++;
        } else {
            size_t j = i;
            while (j < size && data[j] != '\n' && data[j] != '\f' && data[j] != ' ' &&
                   data[j] != '\t' && data[j] != '\r' && data[j] != 0)
                j++;
            char *w = fuzz_strndup(data + i, j - i);
            int len = (int)(j - i);
            int rc = amcp_words_push(out, w, col * CHAR_W, row * LINE_H, len * CHAR_W, WORD_H,
                                     conf_of(data + i, j - i), page);
            free(w);
            if (rc < 0)
                return -1;
            col += len;
            i = j;
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const amcp_patterns *p = fuzz_patterns();
    amcp_words words = {0};
    amcp_docinfo info;
    amc_result_status st = AMC_RESULT_OK;
    json_t *explain = NULL;

    uint8_t *text = valid_utf8(data, size);
    int made = make_words(text, size, &words);
    free(text);
    if (made < 0)
        fuzz_fail("out of memory making words");
    memset(&info, 0, sizeof info);
    info.file = "fuzz.txt";
    info.date = "2026-06-15";
    info.pages = words.n ? words.v[words.n - 1].page : 1;

    amcp_regex_reset(p);
    json_t *doc = amcp_extract_document(p, &words, &info, &st, &explain);
    if (!doc)
        fuzz_fail("no document for %d words", words.n);
    const char *schema = json_string_value(json_object_get(doc, "schema"));
    if (!schema || strcmp(schema, AMC_SCHEMA) != 0)
        fuzz_fail("document without the schema");
    if (st != AMC_RESULT_OK && st != AMC_RESULT_INCOMPLETE && st != AMC_RESULT_NOT_CERTIFICATE)
        fuzz_fail("status %d", (int)st);
    check_contract(doc);
    /* serialise, as the reader does, so the output code runs on it too */
    json_object_set_new(doc, "explain", explain ? explain : json_null());
    char *s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
    if (!s)
        fuzz_fail("json_dumps failed");
    free(s);
    json_decref(doc);
    amcp_words_free(&words);
    fuzz_no_regex_limit(p);
    return 0;
}
