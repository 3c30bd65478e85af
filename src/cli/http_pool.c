/*
 * http_pool.c - the OCR workers of `amcread serve`.
 *
 * libmicrohttpd's polling thread only moves bytes. A complete upload becomes
 * a job: the handler suspends its connection and queues the job here; one of
 * N worker threads, each owning an amc_reader built once at start (the reader
 * is not thread-safe, and building one costs the OCR model's load), reads it,
 * writes the answer into the job and calls job->done, which resumes the
 * connection. The queue is bounded (http_pool_reserve says no when full: the
 * client gets 503 at once instead of waiting behind a long line), so memory
 * and waiting time stay bounded too.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "http.h"
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct http_pool {
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a job was queued, or stopping */
    pthread_cond_t idle;      /* a job finished */
    http_job *head, *tail;
    int queued;               /* jobs in the queue */
    int busy;                 /* jobs being read */
    int reserved;             /* reserved, not yet submitted */
    int queue_max;
    int stopping, quit;
    int n;                    /* threads started */
    int cap;                  /* size of threads[] and readers[] */
    pthread_t *threads;
    amc_reader **readers;
};

typedef struct {
    http_pool *pool;
    int index;
} worker_arg;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int status_for(amc_status code)
{
    switch (code) {
    case AMC_E_ARG:
        return 400;          /* bad ?date= */
    case AMC_E_IO:
    case AMC_E_FORMAT:
    case AMC_E_LIMIT:
        return 422;          /* a scan we cannot decode, or over a safety limit */
    case AMC_E_NOMEM:
        return 503;
    case AMC_OK:
    case AMC_E_PATTERNS:
    case AMC_E_OCR:
    case AMC_E_INTERNAL:
        break;
    }
    return 500;
}

/* The JSON of the result, with "image" (the annotated page) spliced in before
 * the final brace when asked: {"page":1, "width", "height" (the space of the
 * evidence boxes), "media_type":"image/png", "base64"}. */
static char *answer_json(const amc_result *res, int want_image, size_t *len)
{
    char *doc = amc_result_json(res, AMC_JSON_COMPACT);
    if (!doc || !want_image) {
        *len = doc ? strlen(doc) : 0;
        return doc;
    }
    size_t dl = strlen(doc);
    amc_annotate_options ao = {.page = 1, .max_width = 1400};
    size_t pl = 0;
    unsigned char *png = amc_result_annotate_png(res, &ao, &pl, NULL);
    int w = 0, h = 0;
    char *b64 = png ? http_base64(png, pl, NULL) : NULL;
    amc_free(png);
    char *out = NULL;
    if (b64 && amc_result_page_size(res, 1, &w, &h) && dl && doc[dl - 1] == '}') {
        size_t cap = dl + strlen(b64) + 128;
        out = malloc(cap);
        if (out) {
            int n = snprintf(out, cap,
                             "%.*s,\"image\":{\"page\":1,\"width\":%d,\"height\":%d,"
                             "\"media_type\":\"image/png\",\"base64\":\"%s\"}}",
                             (int)(dl - 1), doc, w, h, b64);
            *len = (size_t)n;
        }
    }
    free(b64);
    if (!out) {
        *len = dl;
        return doc;      /* the reading matters more than the picture */
    }
    amc_free(doc);
    return out;
}

static void run_job(amc_reader *reader, http_job *job)
{
    amc_read_options o = {0};
    amc_error err = {0};
    o.date = job->date[0] ? job->date : NULL;
    o.name = job->name;
    o.flags = job->want_image ? AMC_READ_IMAGE : 0;
    double t = now_ms();
    amc_result *res = amc_read_memory(reader, job->data, job->len, &o, &err);
    free(job->data);
    job->data = NULL;
    if (!res) {
        job->status = status_for(err.code);
        job->body = http_error_json(job->status, amc_status_name(err.code),
                               err.message[0] ? err.message : amc_status_name(err.code),
                               &job->body_len);
    } else {
        job->body = answer_json(res, job->want_image, &job->body_len);
        job->status = job->body ? 200 : 503;
        amc_result_free(res);
        memory_release(); /* one worker: back to its idle size (memory.c) */
        if (!job->body)
            job->body = http_error_json(503, "nomem", "out of memory writing the JSON", &job->body_len);
    }
    job->ms_read = now_ms() - t;
}

static void *worker(void *argp)
{
    worker_arg *a = argp;
    http_pool *p = a->pool;
    amc_reader *reader = p->readers[a->index];
    free(a);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->head && !p->quit)
            pthread_cond_wait(&p->work, &p->mu);
        if (!p->head)
            break;
        http_job *job = p->head;
        p->head = job->next;
        if (!p->head)
            p->tail = NULL;
        p->queued--;
        p->busy++;
        pthread_mutex_unlock(&p->mu);
        job->ms_wait = now_ms() - job->t_queued;
        run_job(reader, job);
        job->done(job);      /* the job belongs to its connection again: not touched after */
        /* Give the page images and OCR buffers back to the system, after the
         * answer left: without it each worker's malloc arena keeps its
         * high-water mark and the resident size creeps up. */
        malloc_trim(0);
        pthread_mutex_lock(&p->mu);
        p->busy--;
        pthread_cond_broadcast(&p->idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

http_pool *http_pool_new(int workers, int queue_max, const amc_reader_options *ro,
                         amc_error *err)
{
    memory_tune(workers); /* memory.c: one worker, low peak; several, no TLB storms */
    http_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->threads = calloc((size_t)workers, sizeof *p->threads)) ||
        !(p->readers = calloc((size_t)workers, sizeof *p->readers))) {
        if (p)
            free(p->threads);
        free(p);
        if (err) {
            err->code = AMC_E_NOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->idle, NULL);
    p->queue_max = queue_max;
    p->cap = workers;
    for (int i = 0; i < workers; i++) {
        p->readers[i] = amc_reader_new(ro, err);
        if (!p->readers[i]) {
            http_pool_free(p);
            return NULL;
        }
        worker_arg *a = malloc(sizeof *a);
        if (a) {
            a->pool = p;
            a->index = i;
        }
        if (!a || pthread_create(&p->threads[i], NULL, worker, a) != 0) {
            free(a);
            http_pool_free(p);
            if (err) {
                err->code = AMC_E_NOMEM;
                snprintf(err->message, sizeof err->message, "cannot start worker thread %d", i);
            }
            return NULL;
        }
        p->n++;
    }
    return p;
}

int http_pool_reserve(http_pool *p)
{
    pthread_mutex_lock(&p->mu);
    int ok = !p->stopping && p->queued + p->reserved < p->queue_max;
    if (ok)
        p->reserved++;
    pthread_mutex_unlock(&p->mu);
    return ok;
}

void http_pool_submit(http_pool *p, http_job *job)
{
    job->next = NULL;
    job->t_queued = now_ms();
    pthread_mutex_lock(&p->mu);
    p->reserved--;
    if (p->tail)
        p->tail->next = job;
    else
        p->head = job;
    p->tail = job;
    p->queued++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

void http_pool_stats(http_pool *p, int *workers, int *busy, int *queued)
{
    pthread_mutex_lock(&p->mu);
    *workers = p->n;
    *busy = p->busy;
    *queued = p->queued + p->reserved;
    pthread_mutex_unlock(&p->mu);
}

void http_pool_drain(http_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    while (p->queued || p->busy || p->reserved)
        pthread_cond_wait(&p->idle, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void http_pool_free(http_pool *p)
{
    if (!p)
        return;
    http_pool_drain(p);
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->n; i++)
        pthread_join(p->threads[i], NULL);
    for (int i = 0; i < p->cap; i++)
        amc_reader_free(p->readers[i]);
    free(p->readers);
    free(p->threads);
    pthread_cond_destroy(&p->idle);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->mu);
    free(p);
}
