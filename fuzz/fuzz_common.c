/* fuzz_common.c - see fuzz_common.h. */
#include "fuzz_common.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fuzz_patterns_dir(void)
{
    const char *e = getenv("AMCREAD_PATTERNS");
    return e && *e ? e : AMC_FUZZ_PATTERNS;
}

const amcp_patterns *fuzz_patterns(void)
{
    static amcp_patterns *p;
    if (!p) {
        amc_error err;
        memset(&err, 0, sizeof err);
        p = amcp_patterns_load(fuzz_patterns_dir(), &err);
        if (!p) {
            fprintf(stderr, "fuzz: cannot load the patterns of %s: %s\n", fuzz_patterns_dir(),
                    err.message);
            abort();
        }
        /* Kept for the whole run: libFuzzer's leak check ignores globals. */
    }
    return p;
}

char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = 0;
    return s;
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fuzz: property failed: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void fuzz_no_regex_limit(const amcp_patterns *p)
{
    amc_error err;
    memset(&err, 0, sizeof err);
    if (amcp_regex_check(p, &err) < 0)
        fuzz_fail("%s", err.message);
}
