/*
 * limit_options.c - the safety-limit options of the amcread program.
 *
 * Each limit of amc_reader_options has one option here, in the units a user
 * thinks in (MB, megapixels, points, seconds); the library's error messages
 * name the amc_reader_options field in parentheses, and cli_limits_rename()
 * turns it into the option's name, so that "above the 60.0 Mpx limit
 * (max_pixels)" reads "(--max-mpx)" on the command line.
 */
#define _POSIX_C_SOURCE 200809L
#include "limit_options.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum { U_MB, U_MPX, U_COUNT, U_POINTS, U_SECONDS } unit;

static const struct limit {
    const char *option;   /* command-line name */
    const char *field;    /* amc_reader_options field, as the library names it */
    unit u;
    double min, max;      /* accepted values, in the option's unit */
    const char *deflt;    /* the library's default, in the option's unit */
    const char *help;
} limits[] = {
    {"--max-file-mb", "max_file_bytes", U_MB, 0.001, 4096, "50",
     "size of the file or of stdin, MB"},
    {"--max-mpx", "max_pixels", U_MPX, 0.01, 1000, "60",
     "megapixels of an image, or of a PDF's pages together"},
    {"--max-pages", "max_pdf_pages", U_COUNT, 1, 100, "4",
     "PDF pages read; the next ones are skipped"},
    {"--max-page-pt", "max_page_points", U_POINTS, 72, 1000000, "14400",
     "side of a PDF page, points (1/72 inch)"},
    {"--ocr-timeout", "ocr_timeout_ms", U_SECONDS, 0.001, 3600, "20",
     "OCR time per page, seconds"},
    {"--regex-match-limit", "regex_match_limit", U_COUNT, 1, 4e9, "200000",
     "PCRE2 match limit"},
    {"--regex-depth-limit", "regex_depth_limit", U_COUNT, 1, 4e9, "5000",
     "PCRE2 depth limit"},
    {"--regex-heap-kib", "regex_heap_kib", U_COUNT, 1, 4e9, "4096",
     "PCRE2 heap limit, KiB"},
};
#define N_LIMITS (sizeof limits / sizeof limits[0])

static void set(const struct limit *l, double v, amc_reader_options *o)
{
    if (!strcmp(l->field, "max_file_bytes"))
        o->max_file_bytes = (size_t)ceil(v * 1024 * 1024);
    else if (!strcmp(l->field, "max_pixels"))
        o->max_pixels = (long)ceil(v * 1e6);
    else if (!strcmp(l->field, "max_pdf_pages"))
        o->max_pdf_pages = (int)v;
    else if (!strcmp(l->field, "max_page_points"))
        o->max_page_points = v;
    else if (!strcmp(l->field, "ocr_timeout_ms"))
        o->ocr_timeout_ms = (int)ceil(v * 1000);
    else if (!strcmp(l->field, "regex_match_limit"))
        o->regex_match_limit = (long)v;
    else if (!strcmp(l->field, "regex_depth_limit"))
        o->regex_depth_limit = (long)v;
    else if (!strcmp(l->field, "regex_heap_kib"))
        o->regex_heap_kib = (long)v;
}

int cli_limit_option(const char *arg, const char *next, int *consumed,
                     amc_reader_options *ropts, char *msg, size_t msglen)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    const char *value = eq ? eq + 1 : next;
    *consumed = 0;
    for (size_t i = 0; i < N_LIMITS; i++) {
        const struct limit *l = &limits[i];
        char *end;
        double v;
        if (strlen(l->option) != n || strncmp(l->option, arg, n) != 0)
            continue;
        if (!value) {
            snprintf(msg, msglen, "option %s needs a value", l->option);
            return -1;
        }
        errno = 0;
        v = strtod(value, &end);
        if (errno || end == value || *end || !(v >= l->min && v <= l->max) ||
            ((l->u == U_COUNT) && v != floor(v))) {
            snprintf(msg, msglen, "bad value '%s' for %s: expected %s from %g to %g", value,
                     l->option, l->u == U_COUNT ? "a whole number" : "a number", l->min,
                     l->max);
            return -1;
        }
        set(l, v, ropts);
        *consumed = eq ? 0 : 1;
        return 1;
    }
    return 0;
}

void cli_limits_help(FILE *out)
{
    size_t width = 0;
    for (size_t i = 0; i < N_LIMITS; i++) {
        size_t w = strlen(limits[i].option) + 2;
        if (w > width)
            width = w;
    }
    fprintf(out, "\nLimits (input over one is refused: exit 3, the message names the option):\n");
    for (size_t i = 0; i < N_LIMITS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s N", limits[i].option);
        fprintf(out, "  %-*s  %s (default %s)\n", (int)width, left, limits[i].help,
                limits[i].deflt);
    }
}

size_t cli_limits_max_bytes(const amc_reader_options *ropts)
{
    return ropts->max_file_bytes ? ropts->max_file_bytes : (size_t)50 * 1024 * 1024;
}

void cli_limits_rename(char *msg, size_t msglen)
{
    for (size_t i = 0; i < N_LIMITS; i++) {
        char from[64];
        char *p;
        snprintf(from, sizeof from, "(%s)", limits[i].field);
        if ((p = strstr(msg, from)) != NULL) {
            char tail[1024];
            snprintf(tail, sizeof tail, "%s", p + strlen(from));
            *p = 0;
            size_t used = strlen(msg);
            snprintf(msg + used, msglen - used, "(%s)%s", limits[i].option, tail);
        }
    }
}
