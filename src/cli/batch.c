/*
 * batch.c - "amcread batch": the back office re-reading a folder of hundreds
 * of certificates.
 *
 * A pool of worker threads, each with its own amc_reader built once (the
 * reader is not thread-safe; building one loads the OCR model and compiles
 * the patterns, so it must not happen per file). Workers take inputs in
 * order from a shared counter, read them and write OUT/NAME.json atomically.
 * The main thread writes JSON Lines and CSV in input order: it waits for
 * input i, writes it, then i + 1, holding results that finish early. A
 * window keeps workers from running more than WINDOW inputs ahead of the
 * writer, so a slow file cannot make held results grow without bound.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WINDOW 256        /* inputs a worker may run ahead of the writer */
#define OUT_MODE 0600     /* results are health data */

typedef struct {
    const job_settings *s;
    input_list in;
    entry *entries;
    unsigned char *done;
    size_t next;          /* next input to take */
    size_t written;       /* inputs written to JSONL/CSV so far */
    pthread_mutex_t lock;
    pthread_cond_t can_take; /* the window moved */
    pthread_cond_t finished; /* an input is done */
    progress *prog;
} batch;

typedef struct {
    batch *b;
    amc_reader *reader;
    pthread_t thread;
} worker;

/* Checks what the library should not be handed: a FIFO or a device would
 * block or never end. Returns NULL if path may be read, else a message. */
static const char *not_readable(const char *path, char *msg, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return NULL; /* missing: the library says so with the path */
    if (S_ISDIR(st.st_mode))
        snprintf(msg, len, "%s is a folder that cannot be listed", path);
    else
        snprintf(msg, len, "%s is not a regular file", path);
    return msg;
}

/* Reads input i and writes its OUT/NAME.json. */
static void process(batch *b, amc_reader *reader, size_t i)
{
    const input_file *f = &b->in.v[i];
    entry *e = &b->entries[i];
    char msg[600];

    if (not_readable(f->path, msg, sizeof msg))
        entry_fail(e, f->path, amc_status_name(AMC_E_IO), msg);
    else
        entry_read(reader, f->path, f->path, b->s->date, e);

    if (b->s->out && e->doc) {
        char *name = malloc(strlen(f->out_name) + 6), *path, *slash;
        int rc = -1;
        if (name) {
            sprintf(name, "%s.json", f->out_name);
            path = path_join(b->s->out, name);
            slash = path ? strrchr(path, '/') : NULL;
            if (path) {
                size_t len = strlen(e->doc);
                char *text = malloc(len + 2);
                /* Sub-folders of a --recursive walk are made on demand. */
                if (slash && strchr(name, '/')) {
                    *slash = '\0';
                    rc = make_dirs(path);
                    *slash = '/';
                } else {
                    rc = 0;
                }
                if (rc == 0 && text) {
                    memcpy(text, e->doc, len);
                    text[len] = '\n';
                    rc = write_atomic(path, text, len + 1, OUT_MODE, 0);
                } else if (!text) {
                    rc = -1;
                    errno = ENOMEM;
                }
                if (rc != 0) {
                    snprintf(msg, sizeof msg, "cannot write %s: %s", path, strerror(errno));
                    entry_free(e);
                    entry_fail(e, f->path, amc_status_name(AMC_E_IO), msg);
                }
                free(text);
                free(path);
            }
            free(name);
        }
    }
    memory_release();
    progress_done(b->prog, f->path, e->kind, e->kind == OUTCOME_FAILED ? e->code : NULL);
}

static void *work(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&b->lock);
        while (b->next < b->in.n && b->next >= b->written + WINDOW)
            pthread_cond_wait(&b->can_take, &b->lock);
        if (b->next >= b->in.n) {
            pthread_mutex_unlock(&b->lock);
            break;
        }
        i = b->next++;
        pthread_mutex_unlock(&b->lock);

        process(b, w->reader, i);

        pthread_mutex_lock(&b->lock);
        b->done[i] = 1;
        pthread_cond_signal(&b->finished);
        pthread_mutex_unlock(&b->lock);
    }
    return NULL;
}

/* Opens an output stream ("-" = stdout), mode 0600 for a new file. */
static FILE *open_output(const char *path)
{
    int fd;
    FILE *f;
    if (strcmp(path, "-") == 0)
        return stdout;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, OUT_MODE);
    if (fd < 0)
        return NULL;
    f = fdopen(fd, "w");
    if (!f)
        close(fd);
    return f;
}

/* Writes s to out unless an earlier write failed; remembers the failure. */
static void emit(FILE *out, const char *s, int *failed)
{
    if (out && !*failed && fputs(s, out) == EOF)
        *failed = 1;
}

static int close_output(FILE *f, const char *path, int failed)
{
    if (!f)
        return 0;
    if (fflush(f) != 0)
        failed = 1;
    if (f != stdout && fclose(f) != 0)
        failed = 1;
    if (failed)
        fprintf(stderr, "%s: batch: cannot write %s\n", CLI_NAME,
                strcmp(path, "-") == 0 ? "standard output" : path);
    return failed;
}

/* Builds one reader per worker, one after the other: the set-up of several
 * Tesseract instances at once is not something to race. Returns 0 or an
 * exit code after reporting. */
static int build_readers(const job_settings *s, worker *w, int n)
{
    amc_reader_options ro = {0};
    int i;
    ro.patterns_dir = s->patterns;
    ro.tessdata_dir = s->tessdata;
    for (i = 0; i < n; i++) {
        amc_error err = {0};
        w[i].reader = amc_reader_new(&ro, &err);
        if (!w[i].reader) {
            char msg[1024];
            reader_error_text(&err, msg, sizeof msg);
            fprintf(stderr, "%s: batch: %s\n", CLI_NAME, msg);
            return EXIT_INTERNAL;
        }
    }
    return 0;
}

static int run(const job_settings *s)
{
    batch b;
    worker *w = NULL;
    FILE *jsonl = NULL, *csv = NULL;
    int jsonl_failed = 0, csv_failed = 0, rc = EXIT_READ, n_workers = 0, i;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t cpus;
    size_t failed;

    memset(&b, 0, sizeof b);
    b.s = s;
    if (s->out && make_dirs(s->out) != 0) {
        fprintf(stderr, "%s: batch: cannot create %s: %s\n", CLI_NAME, s->out, strerror(errno));
        return EXIT_INTERNAL;
    }
    if (inputs_collect(s->inputs, s->n_inputs, s->recursive, s->out, &b.in) < 0) {
        fprintf(stderr, "%s: batch: out of memory listing the inputs\n", CLI_NAME);
        inputs_free(&b.in);
        return EXIT_INTERNAL;
    }
    if ((s->jsonl && !(jsonl = open_output(s->jsonl))) ||
        (s->csv && !(csv = open_output(s->csv)))) {
        fprintf(stderr, "%s: batch: cannot create %s: %s\n", CLI_NAME,
                s->jsonl && !jsonl ? s->jsonl : s->csv, strerror(errno));
        if (jsonl && jsonl != stdout)
            fclose(jsonl);
        inputs_free(&b.in);
        return EXIT_INTERNAL;
    }
    emit(csv, entry_csv_header(), &csv_failed);

    /* Default: the cores online, or fewer if taskset / a cgroup allows fewer. */
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0 &&
        CPU_COUNT(&cpus) < cores)
        cores = CPU_COUNT(&cpus);
    n_workers = s->jobs > 0 ? s->jobs : cores > 0 ? (int)cores : 1;
    if ((size_t)n_workers > b.in.n)
        n_workers = (int)b.in.n;
    memory_tune(n_workers);
    b.entries = calloc(b.in.n + 1, sizeof *b.entries);
    b.done = calloc(b.in.n + 1, 1);
    w = calloc((size_t)n_workers + 1, sizeof *w);
    if (!b.entries || !b.done || !w) {
        fprintf(stderr, "%s: batch: out of memory\n", CLI_NAME);
        rc = EXIT_INTERNAL;
        goto out;
    }
    if ((rc = build_readers(s, w, n_workers)) != 0)
        goto out;

    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.can_take, NULL);
    pthread_cond_init(&b.finished, NULL);
    b.prog = progress_new("batch", b.in.n, s->quiet);
    if (!b.prog) {
        fprintf(stderr, "%s: batch: out of memory\n", CLI_NAME);
        rc = EXIT_INTERNAL;
        goto out_sync;
    }
    for (i = 0; i < n_workers; i++) {
        w[i].b = &b;
        if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0) {
            fprintf(stderr, "%s: batch: cannot start a worker thread\n", CLI_NAME);
            /* Let the started ones finish the job: slower, still complete. */
            if (i == 0) {
                rc = EXIT_INTERNAL;
                progress_finish(b.prog, 0);
                goto out_sync;
            }
            n_workers = i;
            break;
        }
    }

    /* The writer: input order, whatever order the workers finish in. */
    for (size_t i0 = 0; i0 < b.in.n; i0++) {
        entry *e = &b.entries[i0];
        pthread_mutex_lock(&b.lock);
        while (!b.done[i0]) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += 200 * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&b.finished, &b.lock, &until);
            if (!b.done[i0]) {
                pthread_mutex_unlock(&b.lock);
                progress_tick(b.prog); /* keeps rate and time left moving */
                pthread_mutex_lock(&b.lock);
            }
        }
        pthread_mutex_unlock(&b.lock);
        if (e->line) {
            emit(jsonl, e->line, &jsonl_failed);
            emit(jsonl, "\n", &jsonl_failed);
        }
        if (e->csv_row)
            emit(csv, e->csv_row, &csv_failed);
        if (!e->line || !e->csv_row)
            rc = EXIT_INTERNAL; /* out of memory even for the error entry */
        if (jsonl == stdout)
            fflush(stdout); /* a reader of the pipe sees each line as it comes */
        entry_free(e);
        pthread_mutex_lock(&b.lock);
        b.written = i0 + 1; /* only the writer changes it, always under the lock */
        pthread_cond_broadcast(&b.can_take);
        pthread_mutex_unlock(&b.lock);
    }
    for (i = 0; i < n_workers; i++)
        pthread_join(w[i].thread, NULL);
    failed = progress_finish(b.prog, b.in.skipped);
    if (rc == EXIT_READ && failed > 0)
        rc = EXIT_SOME_FAILED;

out_sync:
    pthread_cond_destroy(&b.finished);
    pthread_cond_destroy(&b.can_take);
    pthread_mutex_destroy(&b.lock);
out:
    if (close_output(jsonl, s->jsonl, jsonl_failed) | close_output(csv, s->csv, csv_failed))
        rc = EXIT_INTERNAL;
    if (w)
        for (i = 0; i < n_workers; i++)
            amc_reader_free(w[i].reader);
    free(w);
    free(b.entries);
    free(b.done);
    inputs_free(&b.in);
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    job_settings s;
    int rc = jobopts_parse(CMD_BATCH, argc, argv, &s);
    if (rc < 0)
        rc = run(&s);
    free(s.inputs);
    return rc;
}
