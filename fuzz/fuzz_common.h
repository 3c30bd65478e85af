/*
 * fuzz_common.h - helpers shared by the libFuzzer targets of fuzz/.
 *
 * A target finds a bug by crashing: a sanitizer report, or fuzz_fail() when
 * a property that must hold for every input does not (libFuzzer then saves
 * the input as crash-*). The targets include the library's internal headers:
 * they drive single stages (gate, checks, extraction, pattern loading) that
 * the public API only reaches through OCR.
 */
#ifndef AMC_FUZZ_COMMON_H
#define AMC_FUZZ_COMMON_H
#include "explain.h"
#include <stddef.h>
#include <stdint.h>

/* The patterns of the source tree ($AMCREAD_PATTERNS overrides), loaded
 * once per process; aborts if they do not load. */
const amcp_patterns *fuzz_patterns(void);
const char *fuzz_patterns_dir(void);

/* A NUL-terminated copy of data[0..size) (free()). */
char *fuzz_strndup(const uint8_t *data, size_t size);

/* Prints "fuzz: property failed: ..." and aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Aborts if a PCRE2 limit stopped a match since the last amcp_regex_reset():
 * a pattern of patterns/ backtracks catastrophically on this input. */
void fuzz_no_regex_limit(const amcp_patterns *p);
#endif
