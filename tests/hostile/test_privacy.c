/*
 * test_privacy.c - the progress log holds no health data unless asked.
 *
 *   test_privacy SAMPLE.png SAMPLE.expected.json
 *
 * Reads a sample twice through the public API with a log callback: without
 * AMC_READ_LOG_PERSONAL no value of the expected JSON (AMC number, adherent
 * number, names, birth dates, NIR) may appear in any log line, while the log
 * must still say something (pages, fields found); with the flag, the adherent
 * number appears (the test would pass vacuously otherwise).
 * Prints "ok"/"not ok" lines; exits 1 on any failure.
 */
#include "amcread.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed, n_tests;

static void ok(int cond, const char *what, const char *detail)
{
    n_tests++;
    printf("%s %d - %s%s%s\n", cond ? "ok" : "not ok", n_tests, what,
           !cond && detail ? ": " : "", !cond && detail ? detail : "");
    failed += !cond;
}

typedef struct {
    char text[65536];
    size_t len;
    int lines;
} logbuf;

static void collect(void *ctx, const char *line)
{
    logbuf *b = ctx;
    int n = snprintf(b->text + b->len, sizeof b->text - b->len, "%s\n", line);
    if (n > 0 && (size_t)n < sizeof b->text - b->len)
        b->len += (size_t)n;
    b->lines++;
}

/* The personal values of the expected document: strings of the sections
 * that describe people and contracts, 4 characters or more. */
static int secrets(json_t *v, const char **out, int n, int max)
{
    if (json_is_string(v) && strlen(json_string_value(v)) >= 4 && n < max)
        out[n++] = json_string_value(v);
    if (json_is_object(v)) {
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e)
            n = secrets(e, out, n, max);
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
            n = secrets(e, out, n, max);
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_privacy SAMPLE EXPECTED.json\n");
        return 2;
    }
    json_error_t je;
    json_t *exp = json_load_file(argv[2], 0, &je);
    if (!exp) {
        printf("Bail out! %s: %s\n", argv[2], je.text);
        return 1;
    }
    const char *sec[64];
    int ns = 0;
    static const char *const personal[] = {"amc", "adherent", "validity", "beneficiaries"};
    for (int i = 0; i < 4; i++)
        ns = secrets(json_object_get(exp, personal[i]), sec, ns, 64);
    const char *adherent = json_string_value(json_object_get(json_object_get(exp, "adherent"),
                                                             "number"));

    amc_error err = {0};
    amc_reader *r = amc_reader_new(NULL, &err);
    if (!r) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    static logbuf quiet, loud;
    amc_read_options o = {0};
    o.date = "2026-06-15";
    o.log = collect;
    o.log_ctx = &quiet;
    amc_result *res = amc_read_file(r, argv[1], &o, &err);
    ok(res && amc_result_get_status(res) != AMC_RESULT_NOT_CERTIFICATE, "the sample is read",
       err.message);
    amc_result_free(res);
    ok(quiet.lines >= 3 && strstr(quiet.text, "found"), "the default log says what was found",
       quiet.text);
    const char *leaked = NULL;
    for (int i = 0; i < ns; i++)
        if (strstr(quiet.text, sec[i]))
            leaked = sec[i];
    printf("# %d personal values checked\n", ns);
    ok(ns >= 4 && !leaked, "no value read is in the default log", leaked);

    o.log_ctx = &loud;
    o.flags = AMC_READ_LOG_PERSONAL;
    res = amc_read_file(r, argv[1], &o, &err);
    amc_result_free(res);
    ok(adherent && strstr(loud.text, adherent), "AMC_READ_LOG_PERSONAL shows the values",
       loud.text);

    amc_reader_free(r);
    json_decref(exp);
    printf("1..%d\n", n_tests);
    return failed ? 1 : 0;
}
