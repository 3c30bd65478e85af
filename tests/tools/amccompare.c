/*
 * amccompare - compares amcread outputs with generator truth files.
 *
 *   amccompare [--quiet] [--label NAME] TRUTH.json OUTPUT.json [TRUTH OUTPUT ...]
 *
 * For each pair it checks the fields of the accuracy measure (AMC number,
 * adhérent, validity start and end, beneficiaries, guarantee code+value pairs)
 * and prints one line per mismatch ("expected X but got Y"), then a table of
 * per-field accuracy and the share of documents with every field right.
 * Exit status: 0 if every document had every field right, 1 otherwise,
 * 2 on usage or unreadable files. Used by the golden tests and the benchmark.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_AMC, F_ADH, F_START, F_END, F_BEN, F_GUA, F_TYPE, F_NAME, F_CONV, F_NOTES, NF };
static const char *const fname[NF] = {"amc_number", "adherent", "validity_start",
                                      "validity_end", "beneficiaries", "guarantees",
                                      "type_convention", "amc_name", "conventions", "notes"};
/* the fields of "every field right" */
static const int core[] = {F_AMC, F_ADH, F_START, F_END, F_BEN, F_GUA};

static const char *sget(json_t *o, const char *a, const char *b)
{
    json_t *x = json_object_get(o, a);
    if (b)
        x = json_object_get(x, b);
    return json_is_string(x) ? json_string_value(x) : NULL;
}

static int same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static char *dump(json_t *j)
{
    return j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("null");
}

/* The list of (code, value) pairs, or (code, conventions) / (code, notes). */
static json_t *pairs(json_t *g, const char *what)
{
    json_t *a = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(g, i, e)
    {
        json_t *p = json_array();
        json_array_append(p, json_object_get(e, "code"));
        json_array_append(p, json_object_get(e, what));
        json_array_append_new(a, p);
    }
    return a;
}

static json_t *bens(json_t *b)
{
    json_t *a = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(b, i, e)
    {
        json_t *p = json_object();
        static const char *const k[] = {"name", "birth_date", "rank", "nir"};
        for (int j = 0; j < 4; j++) {
            json_t *v = json_object_get(e, k[j]);
            json_object_set(p, k[j], v ? v : json_null());
        }
        json_t *g = json_object_get(e, "guarantees");
        if (g)
            json_object_set_new(p, "guarantees", pairs(g, "value"));
        json_array_append_new(a, p);
    }
    return a;
}

int main(int argc, char **argv)
{
    int quiet = 0, i = 1;
    const char *label = "all";
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (!strcmp(argv[i], "--quiet"))
            quiet = 1;
        else if (!strcmp(argv[i], "--label") && i + 1 < argc)
            label = argv[++i];
        else {
            fprintf(stderr, "usage: amccompare [--quiet] [--label NAME] TRUTH OUTPUT ...\n");
            return 2;
        }
    }
    if ((argc - i) % 2 || argc == i) {
        fprintf(stderr, "usage: amccompare [--quiet] [--label NAME] TRUTH OUTPUT ...\n");
        return 2;
    }
    int right[NF] = {0}, docs = 0, all = 0, bad = 0;
    for (; i + 1 < argc; i += 2) {
        json_error_t e1, e2;
        json_t *t = json_load_file(argv[i], 0, &e1);
        json_t *o = json_load_file(argv[i + 1], 0, &e2);
        docs++;
        if (!t) {
            fprintf(stderr, "amccompare: %s:%d: %s\n", argv[i], e1.line, e1.text);
            json_decref(o);
            return 2;
        }
        json_t *x = json_object_get(t, "expected");
        if (!x)
            x = t; /* a committed expected.json is the expected object itself */
        int ok[NF];
        ok[F_AMC] = o && same(sget(x, "amc", "number"), sget(o, "amc", "number"));
        ok[F_ADH] = o && same(sget(x, "adherent", "number"), sget(o, "adherent", "number"));
        ok[F_START] = o && same(sget(x, "validity", "start"), sget(o, "validity", "start"));
        ok[F_END] = o && same(sget(x, "validity", "end"), sget(o, "validity", "end"));
        ok[F_TYPE] = o && same(sget(x, "amc", "type_convention"),
                               sget(o, "amc", "type_convention"));
        ok[F_NAME] = o && same(sget(x, "amc", "name"), sget(o, "amc", "name"));
        json_t *bx = bens(json_object_get(x, "beneficiaries"));
        json_t *bo = bens(o ? json_object_get(o, "beneficiaries") : NULL);
        ok[F_BEN] = json_equal(bx, bo);
        json_t *gx = pairs(json_object_get(x, "guarantees"), "value");
        json_t *go = pairs(o ? json_object_get(o, "guarantees") : NULL, "value");
        ok[F_GUA] = json_equal(gx, go);
        json_t *cx = pairs(json_object_get(x, "guarantees"), "conventions");
        json_t *co = pairs(o ? json_object_get(o, "guarantees") : NULL, "conventions");
        ok[F_CONV] = json_equal(cx, co);
        json_t *nx = pairs(json_object_get(x, "guarantees"), "notes");
        json_t *no = pairs(o ? json_object_get(o, "guarantees") : NULL, "notes");
        ok[F_NOTES] = json_equal(nx, no);
        int every = 1;
        for (size_t k = 0; k < sizeof core / sizeof *core; k++)
            every &= ok[core[k]];
        for (int f = 0; f < NF; f++) {
            right[f] += ok[f];
            if (ok[f] || quiet)
                continue;
            json_t *a = NULL, *b = NULL;
            switch (f) {
            case F_BEN: a = json_incref(bx), b = json_incref(bo); break;
            case F_GUA: a = json_incref(gx), b = json_incref(go); break;
            case F_CONV: a = json_incref(cx), b = json_incref(co); break;
            case F_NOTES: a = json_incref(nx), b = json_incref(no); break;
            default: {
                static const char *const k1[] = {"amc", "adherent", "validity", "validity", 0,
                                                 0, "amc", "amc"};
                static const char *const k2[] = {"number", "number", "start", "end", 0, 0,
                                                 "type_convention", "name"};
                const char *sa = sget(x, k1[f], k2[f]), *sb = o ? sget(o, k1[f], k2[f]) : NULL;
                a = sa ? json_string(sa) : json_null();
                b = sb ? json_string(sb) : json_null();
            }
            }
            char *da = dump(a), *db = dump(b);
            printf("%s: %s: expected %s but got %s\n", argv[i + 1], fname[f], da, db);
            free(da), free(db);
            json_decref(a), json_decref(b);
        }
        all += every;
        bad += !every;
        json_decref(bx), json_decref(bo), json_decref(gx), json_decref(go);
        json_decref(cx), json_decref(co), json_decref(nx), json_decref(no);
        json_decref(t), json_decref(o);
    }
    printf("| %-10s | docs | every field |", label);
    for (int f = 0; f < NF; f++)
        printf(" %s |", fname[f]);
    printf("\n| %-10s | %4d | %10.1f%% |", label, docs, 100.0 * all / docs);
    for (int f = 0; f < NF; f++)
        printf(" %*.1f%% |", (int)strlen(fname[f]) - 1, 100.0 * right[f] / docs);
    printf("\n");
    return bad ? 1 : 0;
}
