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
 * Properties: no crash, no sanitizer report, no leak, a document with the
 * amcread/1 schema for every input, and no PCRE2 limit hit (a pattern bug).
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

    if (make_words(data, size, &words) < 0)
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
