/*
 * test_fuzz_regressions.c - what the fuzzers found, kept as tests.
 *
 *   test_fuzz_regressions PATTERNS_DIR
 *
 * 1. fuzz_extract: a practice-domain value that no class of values.ini
 *    matches (invalid UTF-8, which the catch-all "^.*$" cannot match, or a
 *    match stopped by a limit) made amcp_practice_json dereference NULL.
 * 2. fuzz_extract: the beneficiary row pattern of table.ini was quadratic on
 *    a long line without digits (see also test_regex_limits).
 * 3. fuzz_extract: a grid cell longer than the value's buffer was cut inside
 *    a UTF-8 character ("N???...?\xc3"): jansson refused the string and the
 *    guarantee lost its "value" key.
 * 4. The same guard on the document's other texts (fields, beneficiaries,
 *    the file name): a file named in Latin-1 on a Windows share lost "file".
 * Prints "ok"/"not ok" lines; exits 1 on any failure.
 */
#include "explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed, n_tests;

static void ok(int cond, const char *what)
{
    n_tests++;
    printf("%s %d - %s\n", cond ? "ok" : "not ok", n_tests, what);
    failed += !cond;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_fuzz_regressions PATTERNS_DIR\n");
        return 2;
    }
    amc_error err;
    memset(&err, 0, sizeof err);
    amcp_patterns *p = amcp_patterns_load(argv[1], &err);
    if (!p) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }

    /* 1 */
    amcp_reading r;
    memset(&r, 0, sizeof r);
    amcp_guar g[2];
    memset(g, 0, sizeof g);
    g[0].code = "PHAR";
    g[0].value = "100";
    g[1].code = "LPPS";
    g[1].value = "\xa7\xa7 100\xff";
    char cap1[32];
    ok(amcp_value_classify(p, g[1].value, cap1, sizeof cap1) == NULL,
       "invalid UTF-8 matches no value class (the premise)");
    ok(amcp_practice_column(p, &r, g, 2) == 1, "LPPS is the practice column");
    const char *tp = NULL;
    json_t *o = amcp_practice_json(p, &r, g, 2, &tp);
    ok(o && tp && !strcmp(tp, "unknown"), "a value of no class: tiers payant unknown, no crash");
    json_decref(o);

    /* 2 */
    char line[3001];
    memset(line, 'a', 3000);
    line[3000] = 0;
    amcp_regex_reset(p);
    amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], line, 3000, 0);
    ok(amcp_regex_check(p, &err) == 0, "beneficiary pattern on 3000 letters within the limits");

    /* 3 */
    char cell[200], val[128];
    memset(cell, '?', sizeof cell);
    cell[0] = 'N';
    memcpy(cell + 126, "\xc3\xa9", 2); /* "é" across the 128-byte buffer's end */
    cell[128] = 0;
    amcp_value_normalise(cell, val, sizeof val, NULL);
    json_t *js = json_string(val);
    ok(js != NULL && strlen(val) == 126, "a cut cell keeps valid UTF-8, without the cut character");
    json_decref(js);

    /* 4 */
    amcp_reading r4;
    memset(&r4, 0, sizeof r4);
    amcp_docinfo info;
    memset(&info, 0, sizeof info);
    info.file = "carte-r\xe9" "ception.png"; /* Latin-1 "é" */
    info.date = "2026-06-15";
    amc_result_status st;
    json_t *doc = amcp_output_document(p, &r4, &info, &st);
    const char *file = json_string_value(json_object_get(doc, "file"));
    ok(file && !strcmp(file, "carte-r?ception.png"), "a Latin-1 file name keeps its key");
    json_t *t = amcp_text_json("Ren\xc3");
    ok(t && !strcmp(json_string_value(t), "Ren?"), "a text cut inside a character becomes ASCII");
    json_decref(t);
    json_decref(doc);

    amcp_patterns_free(p);
    printf("1..%d\n", n_tests);
    return failed ? 1 : 0;
}
