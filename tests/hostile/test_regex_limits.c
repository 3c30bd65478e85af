/*
 * test_regex_limits.c - the PCRE2 limits, and that no pattern of patterns/
 * needs them.
 *
 *   test_regex_limits PATTERNS_DIR
 *
 * 1. Every compiled pattern (values, field labels and values, table shapes,
 *    practice keywords) is run on adversarial lines (long runs of letters,
 *    spaces, digits, separators, repeated names and dates, pseudo-random mixes
 *    of the characters the patterns care about), unanchored and anchored, up
 *    to LONG bytes (a 30000-pixel-wide page of small print). With the default
 *    limits no match may stop at a limit: a pattern whose backtracking grows
 *    faster than the line is a bug that hostile OCR text turns into a
 *    denial of service. (The fuzz target fuzz_extract found the first one:
 *    the beneficiary row pattern of table.ini, quadratic on a long line
 *    without digits.)
 * 2. The plumbing: with a tiny match limit a match stops, amcp_regex_check
 *    reports AMC_E_LIMIT naming the limit and the pattern's origin, and
 *    amcp_regex_reset clears it.
 * Prints "ok"/"not ok" lines; exits 1 on any failure.
 */
#include "explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONG 3000

static int failed, n_tests;

static void ok(int cond, const char *what, const char *detail)
{
    n_tests++;
    if (cond) {
        printf("ok %d - %s\n", n_tests, what);
    } else {
        printf("not ok %d - %s: %s\n", n_tests, what, detail ? detail : "");
        failed++;
    }
}

/* Fills buf with `unit` repeated up to n bytes (whole UTF-8 units only). */
static void repeat(char *buf, size_t n, const char *unit)
{
    size_t u = strlen(unit), k = 0;
    while (k + u <= n) {
        memcpy(buf + k, unit, u);
        k += u;
    }
    buf[k] = 0;
}

/* A pseudo-random line over the characters the patterns care about. */
static void mix(char *buf, size_t n, unsigned seed)
{
    static const char *const alpha[] = {"a", "Z", "é", "É", " ", "  ", "0", "1", "9", "/",
                                        ".", "-", ":", ";", "|", "(", ")", "%", "*", "'",
                                        "née le ", "N°", "AMC", "100", "PEC", "DUPONT"};
    size_t k = 0, na = sizeof alpha / sizeof *alpha;
    unsigned s = seed;
    for (;;) {
        s = s * 1103515245u + 12345u;
        const char *a = alpha[(s >> 16) % na];
        size_t l = strlen(a);
        if (k + l > n)
            break;
        memcpy(buf + k, a, l);
        k += l;
    }
    buf[k] = 0;
}

typedef struct {
    const pcre2_code *re;
    char what[160];
} entry;

static int collect(const amcp_patterns *p, entry *v, int max)
{
    int n = 0;
#define ADD(r, ...)                                                                      \
    do {                                                                                 \
        if ((r) && n < max) {                                                            \
            v[n].re = (r);                                                               \
            snprintf(v[n].what, sizeof v[n].what, __VA_ARGS__);                          \
            n++;                                                                         \
        }                                                                                \
    } while (0)
    for (int i = 0; i < p->nvalues; i++)
        ADD(p->values[i].re, "values.ini [value %s]", p->values[i].name);
    for (int i = 0; i < p->nfields; i++) {
        ADD(p->fields[i].value, "fields.ini [field %s] value", p->fields[i].name);
        for (int k = 0; k < p->fields[i].nlabels; k++)
            ADD(p->fields[i].labels[k], "fields.ini [field %s] label %d", p->fields[i].name,
                k + 1);
    }
    for (int k = 0; k < AMCP_T_COUNT; k++)
        ADD(p->tbl[k], "table.ini %s", amcp_table_keys[k]);
    for (int i = 0; i < p->nlegend_kw; i++)
        ADD(p->legend_kw[i], "practice.ini legend_keyword %d", i + 1);
    for (int i = 0; i < p->nexclude_kw; i++)
        ADD(p->exclude_kw[i], "practice.ini exclude_keyword %d", i + 1);
#undef ADD
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_regex_limits PATTERNS_DIR\n");
        return 2;
    }
    amc_error err;
    memset(&err, 0, sizeof err);
    amcp_patterns *p = amcp_patterns_load(argv[1], &err);
    if (!p) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }

    static const char *const units[] = {"a", "A", "é", " ", "a ", "A-", "Ab ", "1", "1 ",
                                        "1/", "01/01/", "A1", "a.", "NOM Prénom ",
                                        "née le ", "100% ", "(1) ", "*", "|", "N° ",
                                        "ABCDEF ", "a1 b2 ", ": "};
    static const size_t lengths[] = {300, LONG};
    static entry v[512];
    int nre = collect(p, v, 512);
    char *line = malloc(LONG + 8);
    int worst = -1;
    char first[400] = "";

    /* 1. no pattern needs the limits */
    for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
        int lines = (int)(sizeof units / sizeof *units) + 16;
        for (int u = 0; u < lines; u++) {
            if (u < (int)(sizeof units / sizeof *units))
                repeat(line, lengths[li], units[u]);
            else
                mix(line, lengths[li], (unsigned)u * 7919u);
            size_t len = strlen(line);
            for (int i = 0; i < nre; i++) {
                amcp_regex_reset(p);
                amcp_match(p, v[i].re, line, len, 0);
                amcp_match_opts(p, v[i].re, line, len, 0, PCRE2_ANCHORED);
                if (amcp_regex_check(p, &err) < 0) {
                    printf("# %s stops on %zu bytes of '%.12s...'\n", v[i].what, len,
                               line);
                    if (!first[0])
                        snprintf(first, sizeof first, "%s on %zu bytes of '%.12s...': %s",
                                 v[i].what, len, line, err.message);
                    worst = i;
                }
            }
        }
    }
    printf("# %d patterns, each on %zu adversarial lines of up to %d bytes\n", nre,
           2 * (sizeof units / sizeof *units + 16), LONG);
    ok(nre > 50, "patterns collected", "fewer than 50");
    ok(worst < 0, "no pattern stops at a PCRE2 limit on adversarial lines", first);

    /* 2. the plumbing */
    const pcre2_code *ben = p->tbl[AMCP_T_BENEFICIARY];
    repeat(line, 200, "Ab ");
    amcp_regex_set_limits(p, 5, 0, 0);
    amcp_regex_reset(p);
    int rc = amcp_match(p, ben, line, strlen(line), 0);
    ok(rc == PCRE2_ERROR_MATCHLIMIT, "a match limit of 5 stops the beneficiary pattern", NULL);
    memset(&err, 0, sizeof err);
    ok(amcp_regex_check(p, &err) == -1 && err.code == AMC_E_LIMIT,
       "amcp_regex_check reports AMC_E_LIMIT", err.message);
    ok(strstr(err.message, "regex_match_limit") && strstr(err.message, "of 5") &&
           strstr(err.message, "table.ini 'beneficiary'"),
       "the message names the limit, its value and the pattern", err.message);
    amcp_regex_reset(p);
    ok(amcp_regex_check(p, &err) == 0, "amcp_regex_reset clears the record", NULL);
    amcp_regex_set_limits(p, 0, 0, 0);
    amcp_match(p, ben, line, strlen(line), 0);
    ok(amcp_regex_check(p, &err) == 0, "back to the defaults, the same line passes", NULL);

    free(line);
    amcp_patterns_free(p);
    printf("1..%d\n", n_tests);
    return failed ? 1 : 0;
}
