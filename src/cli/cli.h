/*
 * cli.h - what the files of the amcread program share: the exit codes, the
 * commands, and the helpers of batch and watch (file walk, atomic writes,
 * one result turned into JSON / CSV, progress on stderr).
 *
 * The program includes only the library's public header, amcread.h; this
 * header is private to src/cli/.
 */
#ifndef AMC_CLI_H
#define AMC_CLI_H

#include "amcread.h"

#include <stdio.h>
#include <sys/types.h>

#define CLI_NAME "amcread"

/* Exit codes: documented in docs/exit-codes.md and in --help. 1 is never
 * used on purpose: shells and crashing runtimes use it. */
typedef enum {
    EXIT_READ = 0,           /* a certificate was read (status ok or incomplete) */
    EXIT_USAGE = 2,          /* bad command line */
    EXIT_UNREADABLE = 3,     /* input missing, not an image/PDF, corrupt, over a limit */
    EXIT_NOT_CERTIFICATE = 4,/* readable, but not a certificate (JSON still printed) */
    EXIT_INTERNAL = 5,       /* setup failure (patterns, OCR model), out of memory, bug */
    EXIT_SOME_FAILED = 6     /* batch: some inputs failed, the others were read */
} exit_code;

/* From main.c: 1 if s is a real calendar date written AAAA-MM-JJ. */
int valid_date(const char *s);

/* The commands (batch.c, watch.c): argc/argv are the arguments after the
 * command name. Return an exit_code. */
int cmd_batch(int argc, char **argv);
int cmd_watch(int argc, char **argv);

/* Sets malloc for `workers` reading threads (memory.c), once before building
 * readers: one worker pins the mmap threshold low so freed page images go
 * back to the system; several keep them in the heap (unmapping with two
 * threads costs more than the memory saved). */
void memory_tune(int workers);

/* With one worker, gives the free memory of every malloc arena back to the
 * system; called after each document (memory.c). Several workers: nothing. */
void memory_release(void);

/* ---- options shared by batch and watch (jobopts.c) -------------------- */

typedef struct {
    int jobs;               /* 0 = default */
    const char *out;        /* --out DIR */
    const char *jsonl;      /* --jsonl FILE ("-" = stdout) */
    const char *csv;        /* --csv FILE ("-" = stdout) */
    int recursive;
    const char *date;
    const char *patterns;
    const char *tessdata;
    int quiet;
    int settle_ms;          /* watch: how long a file's size must stay still */
    char **inputs;          /* batch: DIR|FILE...; watch: the one DIR */
    int n_inputs;
} job_settings;

#define CMD_BATCH 1u
#define CMD_WATCH 2u

/* Parses the arguments of batch (cmd = CMD_BATCH) or watch (CMD_WATCH) into
 * s (inputs point into argv). Returns -1 to go on, or an exit code (help
 * printed, or usage error reported). */
int jobopts_parse(unsigned cmd, int argc, char **argv, job_settings *s);

/* Prints "amcread: " + the formatted message + " (see 'amcread CMD --help')"
 * on stderr and returns EXIT_USAGE. */
int jobopts_usage(const char *cmd, const char *fmt, const char *what);

/* Formats a reader set-up error (file:line:column when known) into buf. */
void reader_error_text(const amc_error *err, char *buf, size_t len);

/* ---- files (files.c) ---------------------------------------------------- */

typedef enum {
    FILE_INPUT,    /* read it: image/PDF content, or named like one */
    FILE_SKIP,     /* not named like an image/PDF and not one by content */
    FILE_PARTIAL   /* a temporary or hidden name (".x", "x.part", "x~"): leave it */
} file_kind;

/* Decides from the name and the first bytes whether a file found in a folder
 * is an input. A file named like an image or PDF is an input even when its
 * content is not (it gets an error entry); a file with image or PDF content
 * is an input whatever its name; anything else is skipped. */
file_kind classify_file(const char *path, const char *name);

/* One input of a batch: the path to open and the output name (relative to
 * --out, e.g. "sub/scan.png.json"). */
typedef struct {
    char *path;
    char *out_name;
} input_file;

typedef struct {
    input_file *v;
    size_t n, cap;
    size_t skipped;   /* files found in folders that are not images/PDFs */
} input_list;

/* Expands the arguments (files kept in order, folders listed in byte order
 * of names, sub-folders when recursive) into list. Names given explicitly are
 * always inputs; files found in folders go through classify_file(). Output
 * names are made unique (scan.png, then scan-2.png). skip_dir (may be NULL)
 * is a folder not to descend into (the --out folder). Returns 0, or -1 on
 * out of memory. Unreadable folders are reported on stderr and listed as
 * inputs so that they get an error entry. */
int inputs_collect(char **args, int n, int recursive, const char *skip_dir,
                   input_list *list);
void inputs_free(input_list *list);

/* Creates a folder and its parents (mode 0700 for the ones it creates).
 * Returns 0 or -1 with errno. */
int make_dirs(const char *path);

/* Writes data to path atomically: a temporary file in the same folder
 * (".NAME.tmp.XXXXXX"), then rename(). mode is applied to the new file. With
 * durable, the file and its folder are fsync'ed (survives a power cut, not
 * only a kill). Returns 0 or -1 with errno; no temporary file is left. */
int write_atomic(const char *path, const char *data, size_t len, mode_t mode, int durable);

/* fsync()s a folder so that a rename in it is on disk. Returns 0 or -1. */
int sync_dir(const char *dir);

/* "sub/scan.png" + k -> "sub/scan-k.png": a new string, NULL if out of
 * memory. Used to give a name already taken a free one. */
char *name_numbered(const char *name, unsigned k);

/* The entries of a folder but "." and "..", sorted by byte order: a new
 * array of new strings (free with free_names), or NULL with errno. */
char **list_dir(const char *dir, size_t *count);
void free_names(char **names, size_t n);

/* Joins a and b with a '/' into a new string (NULL on out of memory). */
char *path_join(const char *a, const char *b);

/* ---- one document's outcome (entry.c) ---------------------------------- */

typedef enum {
    OUTCOME_OK,
    OUTCOME_INCOMPLETE,
    OUTCOME_NOT_CERTIFICATE,
    OUTCOME_FAILED
} outcome;

/* What one input gave, in the forms batch and watch write. */
typedef struct {
    outcome kind;
    char *doc;        /* file output: the indented JSON document or error object */
    char *line;       /* the same on one line, no newline (JSONL) */
    char *csv_row;    /* one CSV row with its "\r\n" */
    char code[16];    /* error code name when failed ("format", "io", ...) */
    char message[512];/* error message when failed */
} entry;

/* Reads path with the reader and fills e. `name` is what the JSON reports as
 * "file". Never fails to fill e: a read failure or out of memory gives an
 * OUTCOME_FAILED entry (whose strings may be NULL only when out of memory). */
void entry_read(amc_reader *reader, const char *path, const char *name, const char *date,
                entry *e);

/* Fills e as a failure of `name` with the given code and message. */
void entry_fail(entry *e, const char *name, const char *code, const char *message);

void entry_free(entry *e);

/* The CSV header line, with its "\r\n". */
const char *entry_csv_header(void);

/* "ok", "incomplete", "not a certificate", "failed". */
const char *outcome_name(outcome k);

/* ---- progress and logs on stderr (progress.c) --------------------------- */

typedef struct progress progress;

/* Starts the progress report of `total` files for command cmd ("batch"):
 * a bar redrawn in place when stderr is a terminal, one line per file
 * otherwise; nothing but fatal errors when quiet. Lines name files and
 * outcomes only, never what was read on them. */
progress *progress_new(const char *cmd, size_t total, int quiet);

/* Records that `file` ended with outcome k (code: the error code if failed). */
void progress_done(progress *p, const char *file, outcome k, const char *code);

/* Redraws the bar if due (call it now and then while waiting). */
void progress_tick(progress *p);

/* Prints a log line (file names and statuses only) without breaking the bar. */
void progress_log(progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the summary line (counts per outcome, skipped, time) and frees p.
 * Returns the number of failed files. */
size_t progress_finish(progress *p, size_t skipped);

#endif
