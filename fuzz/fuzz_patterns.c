/*
 * fuzz_patterns.c - the loader of patterns/ (ini.c syntax, patterns.c typed
 * tables and validation, PCRE2 compilation) on arbitrary file contents.
 *
 * Input: the first byte chooses which of the ten files is replaced
 * (byte % NFILES, in the order of FILES below), the rest is that file's content;
 * the nine others are the real ones, so the fuzzed file is validated
 * against a complete set (codes named by practice.ini must exist, ...). The
 * files live in a private temporary folder made at start-up and removed at
 * exit. scripts/fuzz.sh seeds with every .ini of patterns/ and every broken
 * file of tests/patterns/bad/.
 *
 * Properties: no crash, no sanitizer report, no leak (on success and on
 * every error path), and a failure is AMC_E_PATTERNS (or AMC_E_NOMEM) with a
 * message; when it names a line, the line exists in the file.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NFILES 10
static const char *const FILES[NFILES] = {"warnings.ini",    "codes.ini",    "conventions.ini",
                                          "values.ini",      "amc_numbers.ini", "practice.ini",
                                          "fields.ini",      "table.ini",    "datamatrix.ini",
                                          "names.ini"};

static char dir[256];
static char *original[NFILES];
static size_t original_len[NFILES];
static int dirty = -1; /* the file that holds fuzz content, -1 none */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    *len = n;
    return buf;
}

static void put(int k, const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, FILES[k]);
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
        fprintf(stderr, "fuzz_patterns: cannot write %s\n", path);
        abort();
    }
}

static void cleanup(void)
{
    char path[512];
    for (int k = 0; k < NFILES; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, FILES[k]);
        unlink(path);
        free(original[k]);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/amc_fuzz_patterns.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz_patterns: mkdtemp");
        abort();
    }
    for (int k = 0; k < NFILES; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", fuzz_patterns_dir(), FILES[k]);
        original[k] = slurp(path, &original_len[k]);
        if (!original[k]) {
            fprintf(stderr, "fuzz_patterns: cannot read %s\n", path);
            abort();
        }
        put(k, original[k], original_len[k]);
    }
    atexit(cleanup);
    return 0;
}

/* Number of lines of data (a last line without newline counts). */
static int count_lines(const uint8_t *data, size_t size)
{
    int n = 0;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n + (size && data[size - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int k = data[0] % NFILES;
    if (dirty >= 0 && dirty != k)
        put(dirty, original[dirty], original_len[dirty]);
    put(k, data + 1, size - 1);
    dirty = k;

    amc_error err;
    memset(&err, 0, sizeof err);
    amcp_patterns *p = amcp_patterns_load(dir, &err);
    if (p) {
        /* Exercise what was compiled: classify a few values. */
        char cap1[32];
        amcp_value_classify(p, "100%", cap1, sizeof cap1);
        amcp_value_classify(p, "PEC", cap1, sizeof cap1);
        amcp_patterns_free(p);
        return 0;
    }
    if (err.code != AMC_E_PATTERNS && err.code != AMC_E_NOMEM)
        fuzz_fail("load failed with %s: %s", amc_status_name(err.code), err.message);
    if (!err.message[0])
        fuzz_fail("load failed without a message");
    /* line 1 of an empty file is where a missing section is reported */
    int lines = count_lines(data + 1, size - 1);
    if (err.line > 1 && strstr(err.source, FILES[k]) && err.line > lines)
        fuzz_fail("error names line %d of %s, which has %d lines: %s", err.line, FILES[k],
                  lines, err.message);
    return 0;
}
