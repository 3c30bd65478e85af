/*
 * log.c - the optional progress log of a read (amc_read_options.log).
 *
 * Health data: by default a log line never holds what was read from the
 * document, only its shape (pages, sizes, timings, which fields were found,
 * counts). The values (names, NIR, numbers, dates) appear only with
 * AMC_READ_LOG_PERSONAL, which the caller sets knowingly (amcread's
 * --verbose, which says so on stderr).
 */
#include "explain.h"
#include <stdio.h>
#include <string.h>

void amcp_log(const amc_read_options *o, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    if (!o || !o->log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->log(o->log_ctx, line);
}

/* Appends "prefix.key" for each non-null scalar of obj to `names`, and with
 * `values` logs "prefix.key = value". Arrays of objects recurse with [i]. */
static void walk(const amc_read_options *o, const char *prefix, json_t *v, int values,
                 amcp_buf *names)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e)
        {
            char path[128];
            snprintf(path, sizeof path, "%s.%s", prefix, k);
            walk(o, path, e, values, names);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            char path[128];
            snprintf(path, sizeof path, "%s[%zu]", prefix, i);
            walk(o, path, e, values, names);
        }
    } else if (!json_is_null(v)) {
        if (names)
            amcp_buf_addf(names, "%s%s", names->len ? ", " : "", prefix);
        if (values) {
            if (json_is_string(v))
                amcp_log(o, "  %s = %s", prefix, json_string_value(v));
            else if (json_is_boolean(v))
                amcp_log(o, "  %s = %s", prefix, json_is_true(v) ? "true" : "false");
            else if (json_is_integer(v))
                amcp_log(o, "  %s = %lld", prefix, (long long)json_integer_value(v));
        }
    }
}

void amcp_log_document(const amc_read_options *o, const json_t *doc)
{
    /* The sections that hold what was read about people and contracts. */
    static const char *const personal[] = {"amc", "adherent", "validity", "beneficiaries"};
    amcp_buf names = {0};
    if (!o || !o->log || !doc)
        return;
    int values = (o->flags & AMC_READ_LOG_PERSONAL) != 0;
    json_t *d = (json_t *)doc; /* jansson's getters are not const */
    for (size_t i = 0; i < sizeof personal / sizeof *personal; i++) {
        json_t *sec = json_object_get(d, personal[i]);
        if (json_is_array(sec)) /* beneficiaries: count, then their fields */
            amcp_buf_addf(&names, "%s%zu %s", names.len ? ", " : "", json_array_size(sec),
                          personal[i]);
        else
            walk(o, personal[i], sec, 0, &names);
    }
    amcp_log(o, "read: status %s; found %s; %zu guarantees, %zu warnings",
             json_string_value(json_object_get(d, "status")),
             names.len ? names.s : "nothing",
             json_array_size(json_object_get(d, "guarantees")),
             json_array_size(json_object_get(d, "warnings")));
    amcp_buf_free(&names);
    if (!values)
        return;
    amcp_log(o, "values read (personal data):");
    for (size_t i = 0; i < sizeof personal / sizeof *personal; i++)
        walk(o, personal[i], json_object_get(d, personal[i]), 1, NULL);
    size_t k;
    json_t *g;
    json_array_foreach(json_object_get(d, "guarantees"), k, g)
    {
        amcp_log(o, "  guarantees[%zu] = %s %s", k,
                 json_string_value(json_object_get(g, "code")),
                 json_is_string(json_object_get(g, "value"))
                     ? json_string_value(json_object_get(g, "value"))
                     : "(no value)");
    }
}
