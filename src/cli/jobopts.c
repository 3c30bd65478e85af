/*
 * jobopts.c - the command line of "amcread batch" and "amcread watch".
 *
 * One table (job_options[] below) gives both the parser and --help, as in
 * main.c for "read"; each option says which of the two commands takes it.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_JOBS 256
#define DEFAULT_SETTLE_MS 1000

typedef enum {
    J_JOBS,
    J_OUT,
    J_JSONL,
    J_CSV,
    J_RECURSIVE,
    J_SETTLE,
    J_DATE,
    J_PATTERNS,
    J_TESSDATA,
    J_QUIET,
    J_HELP
} job_option_id;

static const struct job_option {
    job_option_id id;
    unsigned cmds;
    const char *name;
    const char *arg;
    const char *help;
} job_options[] = {
    {J_JOBS, CMD_BATCH, "--jobs", "N", "worker threads, one reader each (default: number of cores)"},
    {J_OUT, CMD_BATCH, "--out", "OUT", "write OUT/NAME.json per input (NAME: the input's file name)"},
    {J_OUT, CMD_WATCH, "--out", "OUT", "(required) write OUT/NAME.json per scan read"},
    {J_JSONL, CMD_BATCH, "--jsonl", "FILE", "write one JSON document per line, in input order ('-': stdout)"},
    {J_CSV, CMD_BATCH, "--csv", "FILE", "write one CSV row per input ('-': stdout)"},
    {J_RECURSIVE, CMD_BATCH, "--recursive", NULL, "go into sub-folders too"},
    {J_SETTLE, CMD_WATCH, "--settle", "MS", "a file is read once its size stayed still for MS ms (default 1000)"},
    {J_DATE, CMD_BATCH | CMD_WATCH, "--date", "AAAA-MM-JJ", "date of care for the validity checks (default: today)"},
    {J_PATTERNS, CMD_BATCH | CMD_WATCH, "--patterns", "DIR", "patterns folder (default: $AMCREAD_PATTERNS, else installed)"},
    {J_TESSDATA, CMD_BATCH | CMD_WATCH, "--tessdata", "DIR", "project Tesseract config folder (default: $AMCREAD_TESSDATA)"},
    {J_QUIET, CMD_BATCH | CMD_WATCH, "--quiet", NULL, "no progress, log or summary on stderr; the exit code still tells"},
    {J_HELP, CMD_BATCH | CMD_WATCH, "--help", NULL, "show this help and exit"},
};
#define N_JOB_OPTIONS (sizeof job_options / sizeof job_options[0])

int jobopts_usage(const char *cmd, const char *fmt, const char *what)
{
    fprintf(stderr, "%s: %s: ", CLI_NAME, cmd);
    fprintf(stderr, fmt, what);
    fprintf(stderr, " (see '%s %s --help')\n", CLI_NAME, cmd);
    return EXIT_USAGE;
}

static void print_help(unsigned cmd)
{
    size_t i, width = 0;
    if (cmd == CMD_BATCH)
        printf("Usage: %s batch [OPTIONS] DIR|FILE...\n"
               "\n"
               "Reads every certificate of the folders and files given, several at a time,\n"
               "with one reader per worker built once. Writes, as asked, OUT/NAME.json per\n"
               "input (written atomically, mode 0600), all results as JSON Lines in input\n"
               "order, and a CSV. With none of --out, --jsonl, --csv: JSON Lines on stdout.\n"
               "A file that cannot be read gets {\"file\":..., \"error\":{\"code\":...,\n"
               "\"message\":...}} and the batch goes on. In folders, a file is read if its\n"
               "content is an image or PDF or its name says so (.png .jpg .pdf ...); other\n"
               "files, hidden and temporary ones (.x, x.part, x.tmp, x~) are skipped.\n"
               "Progress on stderr: a bar on a terminal, one line per file otherwise.\n"
               "\n"
               "Options of batch:\n",
               CLI_NAME);
    else
        printf("Usage: %s watch [OPTIONS] --out OUT DIR\n"
               "\n"
               "The scanner's drop folder: reads each file that arrives in DIR (and those\n"
               "already there at start) once it is complete, one at a time. For a file\n"
               "NAME: DIR/processing/NAME while it is read, then OUT/NAME.json (written\n"
               "atomically, mode 0600) and DIR/done/NAME; a file that cannot be read goes\n"
               "to DIR/failed/NAME with DIR/failed/NAME.error.json. A name already used\n"
               "gets a number (scan-2.png). Killed at any moment, a restart loses no scan\n"
               "and writes no result twice. Stops cleanly on SIGINT or SIGTERM.\n"
               "\n"
               "Options of watch:\n",
               CLI_NAME);
    for (i = 0; i < N_JOB_OPTIONS; i++) {
        size_t w = strlen(job_options[i].name) +
                   (job_options[i].arg ? strlen(job_options[i].arg) + 1 : 0);
        if ((job_options[i].cmds & cmd) && w > width)
            width = w;
    }
    for (i = 0; i < N_JOB_OPTIONS; i++) {
        char left[64];
        if (!(job_options[i].cmds & cmd))
            continue;
        snprintf(left, sizeof left, "%s%s%s", job_options[i].name,
                 job_options[i].arg ? " " : "", job_options[i].arg ? job_options[i].arg : "");
        printf("  %-*s  %s\n", (int)width, left, job_options[i].help);
    }
    if (cmd == CMD_BATCH)
        printf("\nCSV columns: %s"
               "\nExit status: 0 every input was read (status ok, incomplete or not a\n"
               "certificate), 6 some inputs failed (the others were read), 2 usage error,\n"
               "5 internal error (set-up, output not writable).\n",
               entry_csv_header());
    else
        printf("\nExit status: 0 stopped by SIGINT/SIGTERM, 2 usage error, 5 set-up error\n"
               "(folders, inotify, another watch on DIR, patterns or OCR model).\n");
    printf("\nEnvironment: AMCREAD_PATTERNS, AMCREAD_TESSDATA, TESSDATA_PREFIX.\n");
}

static const struct job_option *find(unsigned cmd, const char *arg, const char **value)
{
    size_t i, n;
    const char *eq = strchr(arg, '=');
    n = eq ? (size_t)(eq - arg) : strlen(arg);
    *value = eq ? eq + 1 : NULL;
    if (strcmp(arg, "-h") == 0)
        arg = "--help", n = 6;
    for (i = 0; i < N_JOB_OPTIONS; i++)
        if ((job_options[i].cmds & cmd) && strlen(job_options[i].name) == n &&
            strncmp(job_options[i].name, arg, n) == 0)
            return &job_options[i];
    return NULL;
}

/* Parses a whole positive number no larger than max; -1 if it is not one. */
static long positive(const char *s, long max)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > max)
        return -1;
    return v;
}

int jobopts_parse(unsigned cmd, int argc, char **argv, job_settings *s)
{
    const char *name = cmd == CMD_BATCH ? "batch" : "watch";
    int i, only_files = 0;
    memset(s, 0, sizeof *s);
    s->settle_ms = DEFAULT_SETTLE_MS;
    s->inputs = calloc((size_t)argc + 1, sizeof *s->inputs);
    if (!s->inputs) {
        fprintf(stderr, "%s: out of memory\n", CLI_NAME);
        return EXIT_INTERNAL;
    }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        const struct job_option *o;
        long v;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            s->inputs[s->n_inputs++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        o = find(cmd, a, &value);
        if (!o)
            return jobopts_usage(name, "unknown option '%s'", a);
        if (o->arg && !value) {
            if (i + 1 >= argc)
                return jobopts_usage(name, "option %s needs a value", o->name);
            value = argv[++i];
        } else if (!o->arg && value) {
            return jobopts_usage(name, "option %s takes no value", o->name);
        }
        if (o->arg && !*value)
            return jobopts_usage(name, "option %s needs a value", o->name);
        switch (o->id) {
        case J_JOBS:
            if ((v = positive(value, MAX_JOBS)) < 0)
                return jobopts_usage(name, "bad --jobs '%s': expected 1 to 256", value);
            s->jobs = (int)v;
            break;
        case J_OUT: s->out = value; break;
        case J_JSONL: s->jsonl = value; break;
        case J_CSV: s->csv = value; break;
        case J_RECURSIVE: s->recursive = 1; break;
        case J_SETTLE:
            if ((v = positive(value, 3600000)) < 0)
                return jobopts_usage(name, "bad --settle '%s': expected milliseconds", value);
            s->settle_ms = (int)v;
            break;
        case J_DATE:
            if (!valid_date(value))
                return jobopts_usage(name, "bad date '%s': expected AAAA-MM-JJ, a real date",
                                     value);
            s->date = value;
            break;
        case J_PATTERNS: s->patterns = value; break;
        case J_TESSDATA: s->tessdata = value; break;
        case J_QUIET: s->quiet = 1; break;
        case J_HELP:
            print_help(cmd);
            return fflush(stdout) == 0 ? EXIT_READ : EXIT_INTERNAL;
        }
    }
    if (cmd == CMD_BATCH) {
        if (s->n_inputs == 0)
            return jobopts_usage(name, "%s", "missing DIR or FILE");
        if (s->jsonl && s->csv && strcmp(s->jsonl, "-") == 0 && strcmp(s->csv, "-") == 0)
            return jobopts_usage(name, "%s", "--jsonl and --csv cannot both be stdout");
        if (!s->out && !s->jsonl && !s->csv)
            s->jsonl = "-";
    } else {
        if (s->n_inputs != 1)
            return jobopts_usage(name, "%s", s->n_inputs ? "only one DIR may be watched"
                                                         : "missing DIR");
        if (!s->out)
            return jobopts_usage(name, "%s", "missing --out OUT");
    }
    return -1;
}

void reader_error_text(const amc_error *err, char *buf, size_t len)
{
    if (err->source[0] && err->line > 0)
        snprintf(buf, len, "%s:%d:%d: %s", err->source, err->line, err->column, err->message);
    else if (err->source[0] && !strstr(err->message, err->source))
        snprintf(buf, len, "%s: %s", err->source, err->message);
    else
        snprintf(buf, len, "%s", err->message[0] ? err->message : amc_status_name(err->code));
}
