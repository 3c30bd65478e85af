/*
 * amcextract - runs the extraction half of the pipeline on stored OCR words
 * (the "words" of `amcread read --dump-text`), no OCR, no image:
 *
 *   amcextract PATTERNS_DIR WORDS.json [DATE]
 *
 * Prints the amcread/1 document with "explain". Used by the extraction tests
 * (tests/extract/) and to debug a misread without re-running the OCR.
 */
#include "explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: amcextract PATTERNS_DIR WORDS.json [AAAA-MM-JJ]\n");
        return 2;
    }
    amc_error err;
    amcp_patterns *p = amcp_patterns_load(argv[1], &err);
    if (!p) {
        fprintf(stderr, "amcextract: %s\n", err.message);
        return 5;
    }
    json_error_t je;
    json_t *in = json_load_file(argv[2], 0, &je);
    if (!in) {
        fprintf(stderr, "amcextract: %s:%d:%d: %s\n", argv[2], je.line, je.column, je.text);
        amcp_patterns_free(p);
        return 3;
    }
    json_t *ws = json_object_get(in, "words");
    amcp_words w = {0};
    size_t i;
    json_t *e;
    json_array_foreach(ws, i, e)
    {
        amcp_words_push(&w, json_string_value(json_object_get(e, "text")),
                        (int)json_integer_value(json_object_get(e, "x")),
                        (int)json_integer_value(json_object_get(e, "y")),
                        (int)json_integer_value(json_object_get(e, "w")),
                        (int)json_integer_value(json_object_get(e, "h")),
                        (float)json_number_value(json_object_get(e, "conf")),
                        (int)json_integer_value(json_object_get(e, "page")));
        const char *alt = json_string_value(json_object_get(e, "alt"));
        if (w.n && alt && strlen(alt) == strlen(w.v[w.n - 1].text))
            w.v[w.n - 1].alt = amcp_strdup(alt);
    }
    amcp_docinfo info;
    memset(&info, 0, sizeof info);
    info.file = argv[2];
    info.date = argc > 3 ? argv[3] : "2026-06-15";
    info.pages = 1;
    amc_result_status st;
    json_t *explain = NULL;
    json_t *doc = amcp_extract_document(p, &w, &info, &st, &explain);
    json_object_del(doc, "engine"); /* timings: not deterministic */
    json_object_set_new(doc, "explain", explain);
    char *s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    puts(s);
    free(s);
    json_decref(doc);
    json_decref(in);
    amcp_words_free(&w);
    amcp_patterns_free(p);
    return 0;
}
