/*
 * watch.c - "amcread watch DIR --out OUT": the scanner's drop folder at the
 * reception desk, read one file at a time as files arrive.
 *
 * A file NAME goes through three steps, each one rename() or an atomic write,
 * so that a kill -9 at any moment leaves a state the next start finishes:
 *
 *   1. claim:  DIR/NAME -> DIR/processing/C, where C is NAME, or NAME with a
 *              number (scan-2.png) if NAME was already used, so each claimed
 *              file has its own result name;
 *   2. result: OUT/C.json written atomically (temporary file, fsync, rename)
 *              - or, for an unreadable file, DIR/failed/C.error.json;
 *   3. file:   DIR/processing/C -> DIR/done/C (or DIR/failed/C).
 *
 * At start, a file in processing/ whose result exists is only moved (step 3,
 * no second result); one without a result is read again (it was claimed but
 * its result never landed); files in DIR are read as new arrivals; temporary
 * files of interrupted writes are removed. A lock on DIR and on OUT keeps a
 * second watcher away, so nobody else renames in these folders.
 *
 * A file is complete when it has been closed after writing (IN_CLOSE_WRITE)
 * or renamed into DIR (IN_MOVED_TO), and its size and modification time have
 * not changed for --settle ms (a writer may close and reopen, and files found
 * at start may still be growing). Signals arrive through a signalfd: SIGINT,
 * SIGTERM or SIGHUP stop the loop after the file being read.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define OUT_MODE 0600
#define LOCK_NAME ".amcread-watch.lock"

typedef struct {
    char *name;
    off_t size;
    struct timespec mtime;
    double changed;   /* when size or mtime last changed, or first seen (ms) */
    int moved_in;     /* arrived by rename: complete if it does not change */
    int seen;         /* size and mtime were observed at least once */
} pending;

typedef struct {
    const job_settings *s;
    const char *dir, *out;
    char *proc_dir, *done_dir, *failed_dir;
    amc_reader *reader;
    progress *prog;
    int sfd, ifd, lock_dir, lock_out;
    int stop, fatal;
    const char *crash_at; /* test-only fault injection, see crash_point() */
    pending *p;
    size_t np, cap;
    char **ignored;       /* names already reported as not an image or PDF */
    size_t nignored;
} watcher;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* One log line on stderr: file names and steps only, never what was read. */
static void logmsg(watcher *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logmsg(watcher *w, const char *fmt, ...)
{
    va_list ap;
    if (w->s->quiet)
        return;
    fprintf(stderr, "%s: watch: ", CLI_NAME);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Fault injection for the crash tests: with AMCREAD_TEST_CRASH=claimed or
 * =result, the process kills itself with SIGKILL right after that step of
 * its first file, the two points where a crash must not lose or duplicate a
 * result. Unset in normal use. */
static void crash_point(watcher *w, const char *step)
{
    if (w->crash_at && strcmp(w->crash_at, step) == 0)
        raise(SIGKILL);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* A new string "a/b" + suffix; NULL when out of memory. */
static char *join3(const char *a, const char *b, const char *suffix)
{
    char *p = malloc(strlen(a) + strlen(b) + strlen(suffix) + 2);
    if (p)
        sprintf(p, "%s/%s%s", a, b, suffix);
    return p;
}

/* 1 if C is used anywhere a claimed file or its result would go. */
static int name_taken(watcher *w, const char *c)
{
    const char *dirs[3] = {w->proc_dir, w->done_dir, w->failed_dir};
    char *p;
    int i, taken = 0;
    for (i = 0; i < 3 && !taken; i++) {
        if (!(p = join3(dirs[i], c, "")))
            return 1;
        taken = exists(p);
        free(p);
    }
    if (!taken && (p = join3(w->out, c, ".json"))) {
        taken = exists(p);
        free(p);
    }
    if (!taken && (p = join3(w->failed_dir, c, ".error.json"))) {
        taken = exists(p);
        free(p);
    }
    return taken;
}

/* A free claim name for NAME (a new string), or NULL. */
static char *claim_name(watcher *w, const char *name)
{
    unsigned k;
    char *c = strdup(name);
    for (k = 2; c && name_taken(w, c) && k < 100000; k++) {
        free(c);
        c = name_numbered(name, k);
    }
    return c;
}

/* Step 3: moves processing/C to dest_dir/C and makes both renames durable. */
static int move_claimed(watcher *w, const char *c, const char *dest_dir)
{
    char *from = join3(w->proc_dir, c, ""), *to = join3(dest_dir, c, "");
    int rc = from && to ? rename(from, to) : -1;
    if (rc == 0) {
        sync_dir(dest_dir);
        sync_dir(w->proc_dir);
    } else {
        logmsg(w, "cannot move %s: %s", from ? from : c, strerror(errno));
    }
    free(from);
    free(to);
    return rc;
}

/* Writes text + "\n" atomically and durably to path. */
static int write_result(const char *path, const char *text)
{
    size_t len = strlen(text);
    char *t = malloc(len + 2);
    int rc, e;
    if (!t) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(t, text, len);
    t[len] = '\n';
    rc = write_atomic(path, t, len + 1, OUT_MODE, 1);
    e = errno;
    free(t);
    errno = e;
    return rc;
}

/* Steps 2 and 3 for the claimed file processing/C, first seen as `name`. */
static void read_claimed(watcher *w, const char *name, const char *c)
{
    char *path = join3(w->proc_dir, c, "");
    char *done = join3(w->done_dir, c, "");
    char *failed = join3(w->failed_dir, c, "");
    char *result = NULL;
    entry e;

    if (!path || !done || !failed) {
        logmsg(w, "%s: out of memory", name);
        goto out;
    }
    /* The JSON names the file where it ends up: done/C or failed/C. */
    entry_read(w->reader, path, done, w->s->date, &e);
    if (e.kind == OUTCOME_FAILED) {
        char code[sizeof e.code], msg[sizeof e.message];
        memcpy(code, e.code, sizeof code);
        memcpy(msg, e.message, sizeof msg);
        entry_free(&e);
        entry_fail(&e, failed, code, msg);
        result = join3(w->failed_dir, c, ".error.json");
    } else {
        result = join3(w->out, c, ".json");
    }
    if (!result || !e.doc) {
        logmsg(w, "%s: out of memory; left in processing/, read again at next start", name);
    } else if (write_result(result, e.doc) != 0) {
        /* Disk full, OUT removed...: the scan stays claimed and is read again
         * at the next start, when its result can be written. */
        logmsg(w, "cannot write %s: %s; the scan stays in processing/ until the next start",
               result, strerror(errno));
    } else {
        crash_point(w, "result");
        move_claimed(w, c, e.kind == OUTCOME_FAILED ? w->failed_dir : w->done_dir);
        progress_done(w->prog, name, e.kind, e.kind == OUTCOME_FAILED ? e.code : NULL);
    }
    entry_free(&e);
    memory_release(); /* a watcher runs all day: keep it small between scans */
out:
    free(path);
    free(done);
    free(failed);
    free(result);
}

static int was_ignored(watcher *w, const char *name)
{
    size_t i;
    for (i = 0; i < w->nignored; i++)
        if (strcmp(w->ignored[i], name) == 0)
            return 1;
    return 0;
}

/* Reports once that DIR/name is not an image or PDF (it stays where it is). */
static void ignore(watcher *w, const char *name)
{
    char **v;
    if (was_ignored(w, name))
        return;
    logmsg(w, "%s: skipped, not an image or PDF", name);
    v = realloc(w->ignored, (w->nignored + 1) * sizeof *v);
    if (v && (v[w->nignored] = strdup(name))) {
        w->ignored = v;
        w->nignored++;
    } else if (v) {
        w->ignored = v;
    }
}

/* Step 1 and the rest for DIR/name, which is complete. */
static void take(watcher *w, const char *name)
{
    char *src = join3(w->dir, name, ""), *c = NULL, *dst = NULL;
    struct stat st;
    if (!src)
        return;
    if (lstat(src, &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)))
        goto out; /* gone, or a folder / FIFO */
    switch (classify_file(src, name)) {
    case FILE_PARTIAL:
        goto out;
    case FILE_SKIP:
        ignore(w, name);
        goto out;
    case FILE_INPUT:
        break;
    }
    c = claim_name(w, name);
    dst = c ? join3(w->proc_dir, c, "") : NULL;
    if (!dst) {
        logmsg(w, "%s: out of memory", name);
        goto out;
    }
    if (rename(src, dst) != 0) {
        if (errno != ENOENT)
            logmsg(w, "cannot move %s: %s", src, strerror(errno));
        goto out;
    }
    sync_dir(w->proc_dir);
    if (strcmp(c, name) != 0)
        logmsg(w, "%s: name already used, read as %s", name, c);
    crash_point(w, "claimed");
    read_claimed(w, name, c);
out:
    free(src);
    free(c);
    free(dst);
}

static void read_signals(watcher *w);

/* At start: finishes what a previous run left in processing/. */
static int recover(watcher *w)
{
    size_t n, i;
    char **names = list_dir(w->proc_dir, &n);
    if (!names) {
        logmsg(w, "cannot list %s: %s", w->proc_dir, strerror(errno));
        return -1;
    }
    for (i = 0; i < n && (read_signals(w), !w->stop); i++) {
        char *res = join3(w->out, names[i], ".json");
        char *err = join3(w->failed_dir, names[i], ".error.json");
        if (res && exists(res)) {
            logmsg(w, "%s: already read before a stop, moved to done/", names[i]);
            move_claimed(w, names[i], w->done_dir);
        } else if (err && exists(err)) {
            logmsg(w, "%s: already failed before a stop, moved to failed/", names[i]);
            move_claimed(w, names[i], w->failed_dir);
        } else if (res && err) {
            logmsg(w, "%s: claimed before a stop, read again", names[i]);
            read_claimed(w, names[i], names[i]);
        }
        free(res);
        free(err);
    }
    free_names(names, n);
    return 0;
}

/* Removes the temporary files of writes a kill interrupted (".X.tmp.XXXXXX"). */
static void clean_temporaries(const char *dir)
{
    size_t n, i;
    char **names = list_dir(dir, &n);
    for (i = 0; names && i < n; i++) {
        const char *t = strstr(names[i], ".tmp.");
        if (names[i][0] == '.' && t && strlen(t) == 11 && !strstr(t + 1, ".tmp.")) {
            char *p = join3(dir, names[i], "");
            if (p)
                unlink(p);
            free(p);
        }
    }
    free_names(names, n);
}

/* ---- files waiting to be complete ------------------------------------------ */

static void pending_add(watcher *w, const char *name, int moved_in)
{
    size_t i;
    for (i = 0; i < w->np; i++)
        if (strcmp(w->p[i].name, name) == 0) {
            w->p[i].moved_in |= moved_in;
            w->p[i].changed = now_ms(); /* a new close: wait again */
            return;
        }
    if (w->np == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        pending *v = realloc(w->p, cap * sizeof *v);
        if (!v)
            return; /* found again at the next start */
        w->p = v;
        w->cap = cap;
    }
    memset(&w->p[w->np], 0, sizeof *w->p);
    if (!(w->p[w->np].name = strdup(name)))
        return;
    w->p[w->np].moved_in = moved_in;
    w->p[w->np].changed = now_ms();
    w->np++;
}

static void pending_remove(watcher *w, size_t i)
{
    free(w->p[i].name);
    memmove(&w->p[i], &w->p[i + 1], (w->np - i - 1) * sizeof *w->p);
    w->np--;
}

/* Adds every file of DIR (at start, and after the event queue overflowed). */
static void scan(watcher *w)
{
    size_t n, i;
    char **names = list_dir(w->dir, &n);
    if (!names) {
        logmsg(w, "cannot list %s: %s", w->dir, strerror(errno));
        return;
    }
    for (i = 0; i < n; i++)
        if (names[i][0] != '.')
            pending_add(w, names[i], 0);
    free_names(names, n);
}

/* Returns the index of the first complete pending file, or -1; drops the
 * ones that went away. */
static long next_ready(watcher *w)
{
    double now = now_ms();
    size_t i = 0;
    while (i < w->np) {
        pending *p = &w->p[i];
        struct stat st;
        char *path = join3(w->dir, p->name, "");
        int ok = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        if (!ok) {
            pending_remove(w, i); /* gone, a folder, or a FIFO */
            continue;
        }
        if (!p->seen || st.st_size != p->size || st.st_mtim.tv_sec != p->mtime.tv_sec ||
            st.st_mtim.tv_nsec != p->mtime.tv_nsec) {
            /* Changed since last look (or first look): still being written. */
            if (p->seen)
                p->moved_in = 0;
            p->seen = 1;
            p->size = st.st_size;
            p->mtime = st.st_mtim;
            p->changed = now;
            if (!p->moved_in) {
                i++;
                continue;
            }
        }
        if (p->moved_in || now - p->changed >= w->s->settle_ms)
            return (long)i;
        i++;
    }
    return -1;
}

/* ---- the loop ------------------------------------------------------------ */

static void read_events(watcher *w)
{
    /* Aligned as the kernel's records need. */
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof buf), off;
        if (n <= 0)
            return; /* EAGAIN: drained */
        for (off = 0; off < n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(buf + off);
            if (ev->mask & IN_Q_OVERFLOW) {
                scan(w); /* events were lost: look at everything */
            } else if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
                logmsg(w, "%s was removed or moved away: stopping", w->dir);
                w->stop = w->fatal = 1;
            } else if (ev->len && !(ev->mask & IN_ISDIR) && ev->name[0] != '.') {
                pending_add(w, ev->name, (ev->mask & IN_MOVED_TO) != 0);
            }
            off += (ssize_t)sizeof *ev + ev->len;
        }
    }
}

static void read_signals(watcher *w)
{
    struct signalfd_siginfo si;
    while (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (!w->stop)
            logmsg(w, "stopping on %s", strsignal((int)si.ssi_signo));
        w->stop = 1;
    }
}

static void loop(watcher *w)
{
    while (!w->stop) {
        struct pollfd fds[2] = {{w->sfd, POLLIN, 0}, {w->ifd, POLLIN, 0}};
        long ready;
        /* Look at growing files four times per settle period. */
        int timeout = w->np ? (w->s->settle_ms / 4 > 0 ? w->s->settle_ms / 4 : 1) : -1;
        if (timeout > 250)
            timeout = 250;
        if (poll(fds, 2, timeout) < 0 && errno != EINTR) {
            logmsg(w, "poll: %s", strerror(errno));
            w->stop = w->fatal = 1;
            break;
        }
        read_signals(w);
        read_events(w);
        while (!w->stop && (ready = next_ready(w)) >= 0) {
            char *name = w->p[ready].name;
            w->p[ready].name = NULL;
            pending_remove(w, (size_t)ready);
            take(w, name);
            free(name);
            read_signals(w); /* stop between files, not in the middle of one */
            read_events(w);
        }
    }
}

/* Takes an exclusive lock on dir/LOCK_NAME. Returns the fd or -1. */
static int lock_folder(const char *dir, const char *what)
{
    char *p = join3(dir, LOCK_NAME, "");
    int fd = p ? open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (fd < 0) {
        fprintf(stderr, "%s: watch: cannot create %s: %s\n", CLI_NAME, p ? p : dir,
                strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            fprintf(stderr, "%s: watch: another amcread watch uses %s %s\n", CLI_NAME, what,
                    dir);
        else
            fprintf(stderr, "%s: watch: cannot lock %s: %s\n", CLI_NAME, p, strerror(errno));
        close(fd);
        fd = -1;
    }
    free(p);
    return fd;
}

static int setup(watcher *w)
{
    struct stat sd, so;
    sigset_t set;
    amc_reader_options ro = {0};
    amc_error err = {0};
    const char *dirs[3];
    int i;

    if (stat(w->dir, &sd) != 0 || !S_ISDIR(sd.st_mode)) {
        fprintf(stderr, "%s: watch: %s: %s\n", CLI_NAME, w->dir,
                exists(w->dir) ? "not a folder" : strerror(errno));
        return EXIT_INTERNAL;
    }
    if (make_dirs(w->out) != 0) {
        fprintf(stderr, "%s: watch: cannot create %s: %s\n", CLI_NAME, w->out, strerror(errno));
        return EXIT_INTERNAL;
    }
    if (stat(w->out, &so) == 0 && so.st_dev == sd.st_dev && so.st_ino == sd.st_ino)
        return jobopts_usage("watch", "%s", "--out must not be the watched folder");
    w->proc_dir = join3(w->dir, "processing", "");
    w->done_dir = join3(w->dir, "done", "");
    w->failed_dir = join3(w->dir, "failed", "");
    if (!w->proc_dir || !w->done_dir || !w->failed_dir) {
        fprintf(stderr, "%s: watch: out of memory\n", CLI_NAME);
        return EXIT_INTERNAL;
    }
    dirs[0] = w->proc_dir, dirs[1] = w->done_dir, dirs[2] = w->failed_dir;
    for (i = 0; i < 3; i++)
        if (make_dirs(dirs[i]) != 0) {
            fprintf(stderr, "%s: watch: cannot create %s: %s\n", CLI_NAME, dirs[i],
                    strerror(errno));
            return EXIT_INTERNAL;
        }
    if ((w->lock_dir = lock_folder(w->dir, "the folder")) < 0 ||
        (w->lock_out = lock_folder(w->out, "the output folder")) < 0)
        return EXIT_INTERNAL;

    /* Signals become readable events; blocked before the thread-less loop. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
        (w->sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
        fprintf(stderr, "%s: watch: signalfd: %s\n", CLI_NAME, strerror(errno));
        return EXIT_INTERNAL;
    }
    /* Watch before the first scan, so that nothing falls between the two. */
    if ((w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 ||
        inotify_add_watch(w->ifd, w->dir,
                          IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
                              IN_ONLYDIR | IN_EXCL_UNLINK) < 0) {
        fprintf(stderr, "%s: watch: inotify on %s: %s\n", CLI_NAME, w->dir, strerror(errno));
        return EXIT_INTERNAL;
    }
    ro.patterns_dir = w->s->patterns;
    ro.tessdata_dir = w->s->tessdata;
    if (!(w->reader = amc_reader_new(&ro, &err))) {
        char msg[1024];
        reader_error_text(&err, msg, sizeof msg);
        fprintf(stderr, "%s: watch: %s\n", CLI_NAME, msg);
        return EXIT_INTERNAL;
    }
    if (!(w->prog = progress_new("watch", 0, w->s->quiet))) {
        fprintf(stderr, "%s: watch: out of memory\n", CLI_NAME);
        return EXIT_INTERNAL;
    }
    clean_temporaries(w->out);
    clean_temporaries(w->failed_dir);
    return 0;
}

int cmd_watch(int argc, char **argv)
{
    job_settings s;
    watcher w;
    size_t i;
    int rc = jobopts_parse(CMD_WATCH, argc, argv, &s);
    if (rc >= 0) {
        free(s.inputs);
        return rc;
    }
    memset(&w, 0, sizeof w);
    w.s = &s;
    memory_tune(1);
    w.dir = s.inputs[0];
    w.out = s.out;
    w.sfd = w.ifd = w.lock_dir = w.lock_out = -1;
    w.crash_at = getenv("AMCREAD_TEST_CRASH");
    rc = setup(&w);
    if (rc == 0) {
        logmsg(&w, "watching %s, results in %s", w.dir, w.out);
        if (recover(&w) != 0)
            w.fatal = 1;
        else {
            scan(&w);
            loop(&w);
        }
        rc = w.fatal ? EXIT_INTERNAL : EXIT_READ;
    }
    progress_finish(w.prog, 0);
    amc_reader_free(w.reader);
    for (i = 0; i < w.np; i++)
        free(w.p[i].name);
    free(w.p);
    free_names(w.ignored, w.nignored);
    free(w.proc_dir);
    free(w.done_dir);
    free(w.failed_dir);
    if (w.ifd >= 0)
        close(w.ifd);
    if (w.sfd >= 0)
        close(w.sfd);
    if (w.lock_out >= 0)
        close(w.lock_out);
    if (w.lock_dir >= 0)
        close(w.lock_dir);
    free(s.inputs);
    return rc;
}
