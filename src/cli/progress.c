/*
 * progress.c - what batch and watch say on stderr while they work.
 *
 * On a terminal: one bar redrawn in place (done/total, files per second,
 * time left), failures printed above it. Otherwise (a log file, a service
 * manager): one plain line per file. Then one summary line. Lines carry file
 * names and outcomes only, never a value read on a certificate (names, NIR,
 * numbers are health data). Thread-safe: workers report as they finish.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_MS 200.0

struct progress {
    pthread_mutex_t lock;
    const char *cmd;
    size_t total, done, count[4];
    int quiet, tty, bar_shown;
    double start, last_draw;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

progress *progress_new(const char *cmd, size_t total, int quiet)
{
    progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->lock, NULL);
    p->cmd = cmd;
    p->total = total;
    p->quiet = quiet;
    /* A bar only for a known total on a terminal; TERM=dumb cannot redraw. */
    p->tty = total > 0 && isatty(STDERR_FILENO) &&
             !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0);
    p->start = now_ms();
    return p;
}

static void clear_bar(progress *p)
{
    if (p->bar_shown) {
        fputs("\r\033[K", stderr);
        p->bar_shown = 0;
    }
}

static void format_time(char *buf, size_t len, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

/* Draws the bar; lock held. */
static void draw(progress *p)
{
    struct winsize ws;
    int cols = 80, width, filled;
    double secs = (now_ms() - p->start) / 1000.0;
    double rate = secs > 0 ? p->done / secs : 0;
    char eta[32] = "--:--", speed[32] = "--", line[256], bar[64];

    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        cols = ws.ws_col;
    /* Under a second the rate is noise (a failed file takes microseconds). */
    if (p->done > 0 && rate > 0 && secs >= 1.0) {
        format_time(eta, sizeof eta, (p->total - p->done) / rate);
        snprintf(speed, sizeof speed, "%.2f", rate);
    }
    width = cols >= 90 ? 30 : cols >= 60 ? 15 : 0;
    filled = p->total ? (int)((double)width * p->done / p->total) : 0;
    memset(bar, '#', (size_t)filled);
    memset(bar + filled, '.', (size_t)(width - filled));
    bar[width] = '\0';
    snprintf(line, sizeof line, "%s %s%s%s%s %zu/%zu  %s files/s  ETA %s%s", CLI_NAME,
             p->cmd, width ? " [" : "", bar, width ? "]" : "", p->done, p->total, speed, eta,
             p->count[OUTCOME_FAILED] ? "  (some failed)" : "");
    if ((int)strlen(line) > cols - 1)
        line[cols > 1 ? cols - 1 : 0] = '\0';
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    p->bar_shown = 1;
    p->last_draw = now_ms();
}

void progress_done(progress *p, const char *file, outcome k, const char *code)
{
    pthread_mutex_lock(&p->lock);
    p->done++;
    p->count[k]++;
    if (!p->quiet) {
        if (p->tty) {
            if (k == OUTCOME_FAILED) {
                clear_bar(p);
                fprintf(stderr, "%s: %s: %s: failed (%s)\n", CLI_NAME, p->cmd, file, code);
            }
            if (p->done == p->total || now_ms() - p->last_draw >= REDRAW_MS ||
                k == OUTCOME_FAILED)
                draw(p);
        } else if (p->total) {
            fprintf(stderr, "%s: %s: [%zu/%zu] %s: %s%s%s%s\n", CLI_NAME, p->cmd, p->done,
                    p->total, file, outcome_name(k), code ? " (" : "", code ? code : "",
                    code ? ")" : "");
        } else {
            fprintf(stderr, "%s: %s: %s: %s%s%s%s\n", CLI_NAME, p->cmd, file, outcome_name(k),
                    code ? " (" : "", code ? code : "", code ? ")" : "");
        }
    }
    pthread_mutex_unlock(&p->lock);
}

void progress_tick(progress *p)
{
    pthread_mutex_lock(&p->lock);
    if (!p->quiet && p->tty && now_ms() - p->last_draw >= REDRAW_MS)
        draw(p);
    pthread_mutex_unlock(&p->lock);
}

void progress_log(progress *p, const char *fmt, ...)
{
    va_list ap;
    if (p->quiet)
        return;
    pthread_mutex_lock(&p->lock);
    clear_bar(p);
    fprintf(stderr, "%s: %s: ", CLI_NAME, p->cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (p->tty && p->done > 0)
        draw(p);
    pthread_mutex_unlock(&p->lock);
}

size_t progress_finish(progress *p, size_t skipped)
{
    size_t failed;
    double secs;
    if (!p)
        return 0;
    secs = (now_ms() - p->start) / 1000.0;
    failed = p->count[OUTCOME_FAILED];
    if (!p->quiet) {
        char skip[96] = "", speed[64] = "";
        clear_bar(p);
        if (skipped)
            snprintf(skip, sizeof skip, "; %zu skipped (not an image or PDF)", skipped);
        /* A rate means something for a batch, not for a folder watched all day. */
        if (p->total)
            snprintf(speed, sizeof speed, " in %.1f s (%.2f files/s)", secs,
                     secs > 0 ? p->done / secs : 0.0);
        fprintf(stderr,
                "%s: %s: %zu file%s%s: %zu read, %zu incomplete, %zu not a certificate, "
                "%zu failed%s\n",
                CLI_NAME, p->cmd, p->done, p->done == 1 ? "" : "s", speed, p->count[OUTCOME_OK],
                p->count[OUTCOME_INCOMPLETE], p->count[OUTCOME_NOT_CERTIFICATE], failed, skip);
    }
    pthread_mutex_destroy(&p->lock);
    free(p);
    return failed;
}
