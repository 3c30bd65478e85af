/*
 * amcdmbench - helpers of tests/bench/datamatrix.sh (not a test by itself).
 *
 *   amcdmbench blank OUT.png          writes a blank A4 page at 300 dpi
 *   amcdmbench ms OUTPUT              prints engine.ms.datamatrix of an output
 *   amcdmbench check TRUTH OUTPUT     compares the "datamatrix" of an amcread
 *                                     output with the generator's truth and
 *                                     prints: CLASS DM_MS AMC ADHERENT
 *
 * CLASS is match (decoded, same text), missed (the truth has a symbol, the
 * output none), wrong (decoded, different text), absent (no symbol, none
 * reported) or spurious (no symbol, one reported). AMC and ADHERENT are 1 when
 * the output's amc.number / adherent.number equal the truth's, else 0.
 * Exit status 2 on usage or unreadable files.
 */
#include <jansson.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *a, const char *b)
{
    json_t *x = json_object_get(o, a);
    if (b)
        x = json_object_get(x, b);
    return json_is_string(x) ? json_string_value(x) : NULL;
}

static int same(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "blank")) {
        PIX *p = pixCreate(2480, 3508, 8);
        if (!p)
            return 2;
        pixSetAllArbitrary(p, 255);
        pixSetResolution(p, 300, 300);
        int rc = pixWrite(argv[2], p, IFF_PNG);
        pixDestroy(&p);
        return rc ? 2 : 0;
    }
    json_error_t e;
    if (argc == 3 && !strcmp(argv[1], "ms")) {
        json_t *out = json_load_file(argv[2], 0, &e);
        if (!out)
            return 2;
        json_t *ms = json_object_get(json_object_get(json_object_get(out, "engine"), "ms"),
                                     "datamatrix");
        printf("%lld\n", (long long)json_integer_value(ms));
        json_decref(out);
        return 0;
    }
    if (argc != 4 || strcmp(argv[1], "check")) {
        fprintf(stderr, "usage: amcdmbench blank OUT.png | ms OUTPUT | check TRUTH OUTPUT\n");
        return 2;
    }
    json_t *truth = json_load_file(argv[2], 0, &e), *out = json_load_file(argv[3], 0, &e);
    if (!truth || !out) {
        fprintf(stderr, "amcdmbench: cannot read %s\n", truth ? argv[3] : argv[2]);
        return 2;
    }
    json_t *ex = json_object_get(truth, "expected");
    const char *want = str(ex, "datamatrix", NULL);
    const char *got = str(json_object_get(out, "datamatrix"), "raw", NULL);
    const char *cls = want ? (!got ? "missed" : same(want, got) ? "match" : "wrong")
                           : (got ? "spurious" : "absent");
    json_t *ms = json_object_get(json_object_get(json_object_get(out, "engine"), "ms"),
                                 "datamatrix");
    printf("%s %lld %d %d\n", cls, (long long)json_integer_value(ms),
           same(str(ex, "amc", "number"), str(out, "amc", "number")),
           same(str(ex, "adherent", "number"), str(out, "adherent", "number")));
    json_decref(truth);
    json_decref(out);
    return 0;
}
