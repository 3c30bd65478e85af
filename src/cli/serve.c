/*
 * serve.c - `amcread serve`: the local HTTP service for practice software and
 * the reception page.
 *
 *   amcread serve [--port 8787] [--token-file F] [--jobs N]
 *
 * Listens on 127.0.0.1 only. POST /v1/read (the scan as the body, or a
 * multipart form) answers the amcread/1 JSON; GET /v1/health; GET / the
 * reception page. Every /v1/ call needs "Authorization: Bearer <token>".
 *
 * Threads: libmicrohttpd's one polling thread moves bytes and never reads a
 * certificate; N workers (http_pool.c), each with its own amc_reader, do the
 * OCR, handed the job through a suspended connection (http_handler.c). The
 * main thread only waits for SIGINT/SIGTERM, then stops cleanly: no new
 * connections, queued reads finished and answered, then exit.
 */
#define _POSIX_C_SOURCE 200809L
#include "serve.h"
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_START = 5 };

typedef enum { O_PORT, O_TOKEN, O_JOBS, O_PATTERNS, O_TESSDATA, O_QUIET, O_HELP } opt_id;
static const struct {
    opt_id id;
    const char *name, *arg, *help;
} opts[] = {
    {O_PORT, "--port", "N", "TCP port on 127.0.0.1 (default 8787; 0 = any free port, printed)"},
    {O_TOKEN, "--token-file", "F",
     "token file (default ~/.config/amcread/token); made (random, mode 0600) if absent"},
    {O_JOBS, "--jobs", "N", "OCR worker threads (default: the number of CPUs, at most 16)"},
    {O_PATTERNS, "--patterns", "DIR", "patterns folder (default: $AMCREAD_PATTERNS, else installed)"},
    {O_TESSDATA, "--tessdata", "DIR", "project Tesseract config folder (default: $AMCREAD_TESSDATA)"},
    {O_QUIET, "--quiet", NULL, "no line per request on standard error"},
    {O_HELP, "--help", NULL, "show this help and exit"},
};
#define N_OPTS (sizeof opts / sizeof opts[0])

static void help(void)
{
    printf("Usage: amcread serve [OPTIONS]\n\n"
           "Local HTTP service (127.0.0.1 only) reading certificates for practice software,\n"
           "and the reception page at http://127.0.0.1:PORT/.\n\n"
           "  POST /v1/read[?date=AAAA-MM-JJ][&image=1]  body: the scan (image or PDF, 20 MB\n"
           "       at most) or a multipart/form-data form with the file; answers %s JSON\n"
           "  GET  /v1/health\n"
           "Every /v1/ call needs the header 'Authorization: Bearer <token>'.\n"
           "Errors: 400 bad request or date, 401 token, 404, 405, 413 over 20 MB, 415 not an\n"
           "image or PDF, 421 Host not 127.0.0.1/localhost, 422 unreadable file (error JSON),\n"
           "503 busy (retry).\n\nOptions:\n",
           AMC_SCHEMA);
    for (size_t i = 0; i < N_OPTS; i++) {
        char left[40];
        snprintf(left, sizeof left, "%s%s%s", opts[i].name, opts[i].arg ? " " : "",
                 opts[i].arg ? opts[i].arg : "");
        printf("  %-18s %s\n", left, opts[i].help);
    }
    printf("\nExit status: 0 stopped by SIGINT/SIGTERM, 2 usage error, 5 cannot start.\n");
}

static int usage(const char *fmt, const char *what)
{
    fprintf(stderr, "amcread: serve: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, " (see 'amcread serve --help')\n");
    return EXIT_USAGE;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    fprintf(stderr, "amcread serve: libmicrohttpd: %s\n", line);
}

/* The listening socket, bound here rather than by libmicrohttpd so that a
 * taken port gets a clear message. 127.0.0.1 only, never 0.0.0.0. */
static int listen_on(long port, unsigned *bound)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 64) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    *bound = ntohs(a.sin_port);
    return fd;
}

int cmd_serve(int argc, char **argv)
{
    long port = 8787, jobs = 0;
    const char *token_file = NULL;
    amc_reader_options ro = {0};
    int quiet = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '='), *val = NULL;
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        size_t k;
        for (k = 0; k < N_OPTS; k++)
            if (strlen(opts[k].name) == n && !strncmp(opts[k].name, a, n))
                break;
        if (k == N_OPTS)
            return usage(a[0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'", a);
        if (opts[k].arg) {
            val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!val)
                return usage("option %s needs a value", opts[k].name);
        } else if (eq) {
            return usage("option %s takes no value", opts[k].name);
        }
        switch (opts[k].id) {
        case O_PORT:
            if (parse_int(val, 0, 65535, &port) < 0)
                return usage("bad port '%s' (0 to 65535)", val);
            break;
        case O_JOBS:
            if (parse_int(val, 1, 64, &jobs) < 0)
                return usage("bad number of jobs '%s' (1 to 64)", val);
            break;
        case O_TOKEN:
            token_file = val;
            break;
        case O_PATTERNS:
            ro.patterns_dir = val;
            break;
        case O_TESSDATA:
            ro.tessdata_dir = val;
            break;
        case O_QUIET:
            quiet = 1;
            break;
        case O_HELP:
            help();
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_START;
        }
    }
    if (!jobs) {
        jobs = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = jobs < 1 ? 1 : jobs > 16 ? 16 : jobs;
    }

    static http_server srv;     /* static: big, and lives as long as the daemon */
    char pathbuf[4096], msg[4200];
    if (!token_file && !(token_file = http_token_default_path(pathbuf, sizeof pathbuf))) {
        fprintf(stderr, "amcread: serve: no HOME nor XDG_CONFIG_HOME: give --token-file F\n");
        return EXIT_USAGE;
    }
    int created = 0;
    if (http_token_setup(token_file, srv.token, &created, msg, sizeof msg) < 0) {
        fprintf(stderr, "amcread: serve: %s\n", msg);
        return EXIT_START;
    }
    if (created)
        fprintf(stderr,
                "amcread serve: new access token written to %s (mode 0600).\n"
                "amcread serve: give it to the reception page and to the practice software:\n"
                "%s\n",
                token_file, srv.token);

    /* SIGINT/SIGTERM are taken by sigwait() below: block them before any
     * thread starts, so that every thread inherits the mask. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    int fd = listen_on(port, &srv.port);
    if (fd < 0) {
        fprintf(stderr, "amcread: serve: cannot listen on 127.0.0.1:%ld: %s\n", port,
                strerror(errno));
        return EXIT_START;
    }
    amc_error err = {0};
    int queue_max = (int)jobs * 4 < 8 ? 8 : (int)jobs * 4;
    srv.pool = http_pool_new((int)jobs, queue_max, &ro, &err);
    if (!srv.pool) {
        /* a pattern file's message already starts with file:line:column */
        fprintf(stderr, "amcread: serve: %s\n", err.message);
        close(fd);
        return EXIT_START;
    }
    srv.max_body = HTTP_MAX_BODY;
    srv.budget = 8 * HTTP_MAX_BODY;   /* uploads held in memory at once: 160 MB */
    srv.log = !quiet;
    atomic_init(&srv.held, 0);
    atomic_init(&srv.active, 0);
    atomic_init(&srv.served, 0);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME |
            MHD_USE_ERROR_LOG,
        0, NULL, NULL, http_handle, &srv,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,   /* first, or MHD logs on its own */
        MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_CONNECTION_LIMIT, 64u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, 32u,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, http_completed, &srv,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "amcread: serve: cannot start the HTTP daemon\n");
        http_pool_free(srv.pool);
        close(fd);
        return EXIT_START;
    }
    fprintf(stderr, "amcread serve: listening on http://127.0.0.1:%u/ (%ld workers)\n", srv.port,
            jobs);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    fprintf(stderr, "amcread serve: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    /* No new connections; reads already queued are finished and answered
     * (suspended connections must all be resumed before MHD_stop_daemon). */
    MHD_quiesce_daemon(d);
    http_pool_drain(srv.pool);
    for (int i = 0; i < 100 && atomic_load(&srv.active) > 0; i++) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    close(fd);
    http_pool_free(srv.pool);
    fprintf(stderr, "amcread serve: stopped after %lu requests\n", atomic_load(&srv.served));
    return EXIT_OK;
}
