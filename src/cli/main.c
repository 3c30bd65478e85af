/*
 * main.c - the amcread program.
 *
 * amcread reads one French complementary-insurance certificate (attestation
 * de tiers payant) from an image or a PDF, or from standard input, and prints
 * the "amcread/1" JSON document on standard output: exactly one JSON document
 * on success, nothing on error. Errors are one line on standard error,
 * "amcread: FILE: message", and the exit code tells what happened (see
 * docs/exit-codes.md and the exit_code enum below).
 *
 * It is a thin client of libamcread and includes only the public header
 * amcread.h, so the public API is always exercised by a real program.
 *
 * The options live in one table (options[] below) from which both the parser
 * and --help are generated, so no option can be missing from the help.
 */
#define _POSIX_C_SOURCE 200809L
#include "amcread.h"
#include "cli.h"
#include "serve.h"
#include "limit_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The exit codes (exit_code) are in cli.h, shared with batch and watch. */
static const struct {
    exit_code code;
    const char *help;
} exit_help[] = {
    {EXIT_READ, "a certificate was read (status \"ok\" or \"incomplete\")"},
    {EXIT_USAGE, "usage error (unknown option, bad date, missing FILE)"},
    {EXIT_UNREADABLE, "unreadable input: missing, not an image or PDF, corrupt, too big"},
    {EXIT_NOT_CERTIFICATE, "readable, but not a certificate (the JSON is still printed)"},
    {EXIT_INTERNAL, "internal error: patterns or OCR model failed to load, out of memory"},
    {EXIT_SOME_FAILED, "batch: some inputs could not be read (the others were)"},
};

typedef enum {
    OPT_DATE,
    OPT_DUMP_TEXT,
    OPT_EXPLAIN,
    OPT_COMPACT,
    OPT_PATTERNS,
    OPT_TESSDATA,
    OPT_QUIET,
    OPT_ANNOTATE,
    OPT_VERBOSE,
    OPT_HELP
} option_id;

/* The options of "amcread read". arg is the placeholder of the value, NULL
 * for a flag. */
static const struct option {
    option_id id;
    const char *name;
    const char *arg;
    const char *help;
} options[] = {
    {OPT_DATE, "--date", "AAAA-MM-JJ", "date of care used for validity checks (default: today)"},
    {OPT_DUMP_TEXT, "--dump-text", NULL, "add the OCR words with their boxes (\"words\") to the JSON"},
    {OPT_EXPLAIN, "--explain", NULL, "add, per field, the pattern and zone that produced it"},
    {OPT_COMPACT, "--compact", NULL, "print the JSON on one line"},
    {OPT_PATTERNS, "--patterns", "DIR", "patterns folder (default: $AMCREAD_PATTERNS, else installed)"},
    {OPT_TESSDATA, "--tessdata", "DIR", "project Tesseract config folder (default: $AMCREAD_TESSDATA)"},
    {OPT_QUIET, "--quiet", NULL, "print no error message; the exit code still tells"},
    {OPT_ANNOTATE, "--annotate", "OUT.png",
     "also write page 1 as read with the fields outlined (PNG, replaced atomically)"},
    {OPT_VERBOSE, "--verbose", NULL, "log each stage on stderr, WITH the values read (personal data)"},
    {OPT_HELP, "--help", NULL, "show this help and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

typedef struct {
    const char *date;
    const char *patterns;
    const char *tessdata;
    const char *file;
    const char *annotate;
    unsigned read_flags;
    unsigned json_flags;
    int quiet;
    int verbose;
    amc_reader_options ropts; /* the limit options (limit_options.c) */
} settings;

static const char *progname = "amcread";

static void print_help(FILE *out)
{
    size_t i, width = 0;
    fprintf(out,
            "Usage: %s read [OPTIONS] FILE\n"
            "       %s batch [OPTIONS] DIR|FILE...   (see '%s batch --help')\n"
            "       %s watch [OPTIONS] --out OUT DIR (see '%s watch --help')\n"
            "       %s serve [--port 8787] [--token-file F] [--jobs N]  (see 'serve --help')\n"
            "       %s --help | --version\n"
            "\n"
            "Reads a French complementary-insurance certificate (attestation de tiers\n"
            "payant) from an image (PNG, JPEG, TIFF, WebP, GIF, BMP, PNM) or a PDF and\n"
            "prints one %s JSON document on standard output. FILE may be '-' for\n"
            "standard input. The content decides the format, not the extension.\n"
            "\n"
            "Options of read:\n",
            progname, progname, progname, progname, progname, progname, progname, AMC_SCHEMA);
    for (i = 0; i < N_OPTIONS; i++) {
        size_t w = strlen(options[i].name) + (options[i].arg ? strlen(options[i].arg) + 1 : 0);
        if (w > width)
            width = w;
    }
    for (i = 0; i < N_OPTIONS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", options[i].name, options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        fprintf(out, "  %-*s  %s\n", (int)width, left, options[i].help);
    }
    cli_limits_help(out);
    fprintf(out, "\nExit status:\n");
    for (i = 0; i < sizeof exit_help / sizeof exit_help[0]; i++)
        fprintf(out, "  %d  %s\n", (int)exit_help[i].code, exit_help[i].help);
    fprintf(out, "\nEnvironment: AMCREAD_PATTERNS, AMCREAD_TESSDATA, TESSDATA_PREFIX.\n");
}

static int usage_error(const char *fmt, const char *what)
{
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, what);
    fprintf(stderr, " (see '%s --help')\n", progname);
    return EXIT_USAGE;
}

/* Returns 1 if s is a real calendar date written AAAA-MM-JJ (also used by
 * batch and watch, see cli.h). */
int valid_date(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int i, y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return 0;
    return 1;
}

static const struct option *find_option(const char *arg, const char **value)
{
    size_t i, n;
    const char *eq = strchr(arg, '=');
    n = eq ? (size_t)(eq - arg) : strlen(arg);
    *value = eq ? eq + 1 : NULL;
    for (i = 0; i < N_OPTIONS; i++)
        if (strlen(options[i].name) == n && strncmp(options[i].name, arg, n) == 0)
            return &options[i];
    if (strcmp(arg, "-h") == 0)
        for (i = 0; i < N_OPTIONS; i++)
            if (options[i].id == OPT_HELP)
                return &options[i];
    return NULL;
}

/* Parses the arguments of "read". Returns -1 to go on, or an exit code. */
static int parse_read(int argc, char **argv, settings *s)
{
    int i, only_files = 0;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        const struct option *o;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            if (s->file)
                return usage_error("only one FILE may be given, got also '%s'", a);
            s->file = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        {
            char msg[256];
            int used = 0;
            int r = cli_limit_option(a, i + 1 < argc ? argv[i + 1] : NULL, &used, &s->ropts,
                                     msg, sizeof msg);
            if (r < 0)
                return usage_error("%s", msg);
            if (r > 0) {
                i += used;
                continue;
            }
        }
        o = find_option(a, &value);
        if (!o)
            return usage_error("unknown option '%s'", a);
        if (o->arg && !value) {
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", o->name);
            value = argv[++i];
        } else if (!o->arg && value) {
            return usage_error("option %s takes no value", o->name);
        }
        switch (o->id) {
        case OPT_DATE:
            if (!valid_date(value))
                return usage_error("bad date '%s': expected AAAA-MM-JJ, a real date", value);
            s->date = value;
            break;
        case OPT_DUMP_TEXT:
            s->read_flags |= AMC_READ_WORDS;
            s->json_flags |= AMC_JSON_WORDS;
            break;
        case OPT_EXPLAIN:
            s->read_flags |= AMC_READ_EXPLAIN;
            s->json_flags |= AMC_JSON_EXPLAIN;
            break;
        case OPT_COMPACT:
            s->json_flags |= AMC_JSON_COMPACT;
            break;
        case OPT_PATTERNS:
            s->patterns = value;
            break;
        case OPT_TESSDATA:
            s->tessdata = value;
            break;
        case OPT_QUIET:
            s->quiet = 1;
            break;
        case OPT_ANNOTATE:
            s->annotate = value;
            s->read_flags |= AMC_READ_IMAGE;
            break;
        case OPT_VERBOSE:
            s->verbose = 1;
            break;
        case OPT_HELP:
            print_help(stdout);
            return EXIT_READ;
        }
    }
    if (!s->file)
        return usage_error("%s", "missing FILE");
    return -1;
}

/* Reads all of stdin into a new buffer. Returns 0, 1 if above the limit, or
 * -1 with errno on a read error / out of memory. */
static int read_stdin(unsigned char **data, size_t *len, size_t max)
{
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (;;) {
        size_t r;
        if (n == cap) {
            unsigned char *nb;
            if (cap > max) {
                free(buf);
                return 1;
            }
            cap *= 2;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n, stdin);
        n += r;
        if (r == 0) {
            if (ferror(stdin)) {
                free(buf);
                return -1;
            }
            break;
        }
    }
    if (n > max) {
        free(buf);
        return 1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* Returns 1 if `msg` already names `file` as a word ("cannot open F: ...",
 * "F is a directory"), so that it is not repeated in front. */
static int names_file(const char *msg, const char *file)
{
    size_t n = strlen(file);
    const char *p = msg;
    if (n == 0)
        return 0;
    while ((p = strstr(p, file)) != NULL) {
        char after = p[n];
        if ((p == msg || p[-1] == ' ') && (after == '\0' || after == ':' || after == ' '))
            return 1;
        p++;
    }
    return 0;
}

static void report(const settings *s, const char *file, const char *msg)
{
    if (s->quiet)
        return;
    if (file && !names_file(msg, file))
        fprintf(stderr, "%s: %s: %s\n", progname, file, msg);
    else
        fprintf(stderr, "%s: %s\n", progname, msg);
}

/* The --verbose log: one "amcread: FILE: line" per stage on stderr. */
static void log_stderr(void *ctx, const char *line)
{
    const settings *s = ctx;
    fprintf(stderr, "%s: %s: %s\n", progname, s->file, line);
}

static exit_code exit_for(amc_status code)
{
    switch (code) {
    case AMC_E_IO:
    case AMC_E_FORMAT:
    case AMC_E_LIMIT:
        return EXIT_UNREADABLE;
    case AMC_E_ARG: /* the CLI validated its arguments: reaching here is a bug */
    case AMC_E_PATTERNS:
    case AMC_E_OCR:
    case AMC_E_NOMEM:
    case AMC_E_INTERNAL:
    case AMC_OK:
        break;
    }
    return EXIT_INTERNAL;
}

static int cmd_read(int argc, char **argv)
{
    settings s = {0};
    amc_reader_options ropts;
    amc_read_options opts = {0};
    amc_error err = {0};
    amc_reader *reader = NULL;
    amc_result *result = NULL;
    unsigned char *input = NULL;
    size_t input_len = 0;
    char *json;
    int rc;

    rc = parse_read(argc, argv, &s);
    if (rc >= 0)
        return rc;

    /* Read stdin before the (slower) reader is built. */
    if (strcmp(s.file, "-") == 0) {
        rc = read_stdin(&input, &input_len, cli_limits_max_bytes(&s.ropts));
        if (rc != 0) {
            int e = errno;
            if (rc > 0)
                report(&s, s.file, "standard input is above the file size limit (--max-file-mb)");
            else
                report(&s, s.file, e == ENOMEM ? "out of memory reading standard input"
                                               : strerror(e));
            return rc < 0 && e == ENOMEM ? EXIT_INTERNAL : EXIT_UNREADABLE;
        }
    }

    ropts = s.ropts;
    ropts.patterns_dir = s.patterns;
    ropts.tessdata_dir = s.tessdata;
    memory_tune(1); /* the same peak as a batch worker (memory.c) */
    reader = amc_reader_new(&ropts, &err);
    if (!reader) {
        char msg[1024];
        /* the library's pattern errors already start with file:line:column */
        if (err.source[0] && err.line > 0 && !names_file(err.message, err.source))
            snprintf(msg, sizeof msg, "%s:%d:%d: %s", err.source, err.line, err.column,
                     err.message);
        else if (err.source[0] && !names_file(err.message, err.source))
            snprintf(msg, sizeof msg, "%s: %s", err.source, err.message);
        else
            snprintf(msg, sizeof msg, "%s", err.message);
        report(&s, NULL, msg);
        free(input);
        return exit_for(err.code);
    }

    opts.date = s.date;
    opts.name = s.file;
    opts.flags = s.read_flags;
    if (s.verbose) {
        /* Health data: say it before the first line that holds any. */
        fprintf(stderr, "%s: --verbose: this log shows personal data read from the document "
                        "(names, NIR, numbers); do not keep or share it\n", progname);
        opts.log = log_stderr;
        opts.log_ctx = &s;
        opts.flags |= AMC_READ_LOG_PERSONAL;
    }
    if (input)
        result = amc_read_memory(reader, input, input_len, &opts, &err);
    else
        result = amc_read_file(reader, s.file, &opts, &err);
    free(input);
    if (!result) {
        char msg[sizeof err.message + 64];
        snprintf(msg, sizeof msg, "%s", err.message[0] ? err.message : amc_status_name(err.code));
        cli_limits_rename(msg, sizeof msg);
        report(&s, s.file, msg);
        amc_reader_free(reader);
        return exit_for(err.code);
    }

    /* --annotate: the picture first, so that a failure leaves stdout empty */
    if (s.annotate) {
        size_t png_len = 0;
        unsigned char *png = amc_result_annotate_png(result, NULL, &png_len, &err);
        /* 0644 less the umask: an image the user asked for, like any file
         * a program writes on request (batch outputs are 0600: read data) */
        mode_t um = umask(0);
        umask(um);
        if (!png || write_atomic(s.annotate, (const char *)png, png_len, 0644 & ~um, 1) < 0) {
            char msg[1024];
            snprintf(msg, sizeof msg, "cannot write %s: %s", s.annotate,
                     png ? strerror(errno) : err.message);
            report(&s, NULL, msg);
            amc_free(png);
            amc_result_free(result);
            amc_reader_free(reader);
            return EXIT_INTERNAL;
        }
        amc_free(png);
    }

    json = amc_result_json(result, s.json_flags);
    if (!json) {
        report(&s, s.file, "out of memory writing the JSON");
        rc = EXIT_INTERNAL;
    } else {
        rc = amc_result_get_status(result) == AMC_RESULT_NOT_CERTIFICATE
                 ? EXIT_NOT_CERTIFICATE
                 : EXIT_READ;
        fputs(json, stdout);
        if (json[0] && json[strlen(json) - 1] != '\n')
            fputc('\n', stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            report(&s, s.file, "cannot write standard output");
            rc = EXIT_INTERNAL;
        }
        amc_free(json);
    }
    amc_result_free(result);
    amc_reader_free(reader);
    return rc;
}

int main(int argc, char **argv)
{
    /* Debian's Tesseract is built with OpenMP and libgomp reads
     * OMP_THREAD_LIMIT once, when the library is loaded, i.e. before main():
     * a setenv() here would be too late. Unlimited threads make one page about
     * 5x slower on 2 cores (2.4 s against 0.45 s), so re-execute ourselves
     * once with the variable set. If exec fails, go on: slower, still right. */
    if (!getenv("OMP_THREAD_LIMIT")) {
        if (setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
            execv("/proc/self/exe", argv);
    }

    if (argc < 2)
        return usage_error("%s", "missing command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help(stdout);
        return fflush(stdout) == 0 ? EXIT_READ : EXIT_INTERNAL;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s %s (%s)\nlibamcread %s\n", progname, AMC_VERSION_STRING, AMC_SCHEMA,
               amc_version());
        return fflush(stdout) == 0 ? EXIT_READ : EXIT_INTERNAL;
    }
    if (strcmp(argv[1], "read") == 0)
        return cmd_read(argc - 2, argv + 2);
    if (strcmp(argv[1], "batch") == 0)
        return cmd_batch(argc - 2, argv + 2);
    if (strcmp(argv[1], "watch") == 0)
        return cmd_watch(argc - 2, argv + 2);
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(argc - 2, argv + 2);
    if (argv[1][0] == '-')
        return usage_error("unknown option '%s'", argv[1]);
    return usage_error("unknown command '%s'", argv[1]);
}
