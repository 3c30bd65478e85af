/*
 * http_handler.c - the requests of `amcread serve`, as libmicrohttpd calls
 * them: once when the headers are in, once per piece of body, once at the end
 * of the body, and once more after a suspended connection is resumed.
 *
 * Checks come cheapest and most protective first, all on the first call, so
 * that a refused request is answered before its body is read:
 *   Host (421: DNS rebinding) -> /v1/ token (401) -> route (404) / method
 *   (405) -> announced size (413) -> Content-Type (415).
 * The body is then collected (a file as the body, or the first file of a
 * multipart form) up to 20 MB; at its end the magic bytes are checked (415),
 * a worker place is reserved (503 when the queue is full), the connection is
 * suspended and the job queued: OCR never runs in the polling thread.
 *
 * Logs: one line per request with the route, status, size and times. Never
 * the query, a file name or anything read from the certificate.
 */
#define _POSIX_C_SOURCE 200809L
#include "http.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef enum { R_STATIC, R_HEALTH, R_READ, R_OTHER } route;
static const char *const route_name[] = {"static", "/v1/health", "/v1/read", "(other)"};

typedef enum { P_NEW, P_BODY, P_QUEUED, P_ANSWERED } phase;

typedef struct {
    http_server *srv;
    struct MHD_Connection *conn;
    route route;
    const char *asset;          /* static path served, for the log */
    const char *method;
    phase phase;
    int multipart;
    struct MHD_PostProcessor *pp;
    unsigned char *buf;         /* the file being received */
    size_t len, cap;
    size_t received;            /* body bytes seen, multipart framing included */
    size_t held;                /* bytes counted in srv->held */
    int too_big, over_budget, oom, bad_form;
    /* multipart: the first part that carries a file */
    int in_file, file_done;
    char name[256];
    http_job job;
    atomic_int job_done;
    int status;
    size_t out_bytes;
    double t0;
} request;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- answers ---------------------------------------------------------- */

static void common_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

/* Queues `body` (taken: freed by MHD once sent, with free()). */
static enum MHD_Result answer(request *q, int status, const char *type, char *body, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback(
        len, body, (MHD_ContentReaderFreeCallback)free);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    common_headers(r);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (status == 401)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"amcread\"");
    if (status == 405)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, q->route == R_READ ? "POST" : "GET, HEAD");
    if (status == 503)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    enum MHD_Result rc = MHD_queue_response(q->conn, (unsigned)status, r);
    MHD_destroy_response(r);
    q->status = status;
    q->out_bytes = len;
    q->phase = P_ANSWERED;
    return rc;
}

static enum MHD_Result answer_error(request *q, int status, const char *code, const char *msg)
{
    size_t len;
    char *body = http_error_json(status, code, msg, &len);
    if (!body)
        return MHD_NO;
    return answer(q, status, "application/json; charset=utf-8", body, len);
}

static enum MHD_Result answer_static(request *q, const http_asset *a)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(a->len, (void *)a->data,
                                                             MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    common_headers(r);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    /* Nothing but this server's own files, and images from data: URLs (the
     * annotated page arrives in the JSON). */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; connect-src 'self'; form-action 'none'; "
                            "base-uri 'none'; frame-ancestors 'none'");
    enum MHD_Result rc = MHD_queue_response(q->conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    q->status = 200;
    q->out_bytes = a->len;
    q->phase = P_ANSWERED;
    return rc;
}

static enum MHD_Result answer_health(request *q)
{
    int workers, busy, queued;
    http_pool_stats(q->srv->pool, &workers, &busy, &queued);
    char *body = malloc(256);
    if (!body)
        return MHD_NO;
    int n = snprintf(body, 256,
                     "{\"status\":\"ok\",\"schema\":\"%s\",\"version\":\"%s\",\"workers\":%d,"
                     "\"busy\":%d,\"queued\":%d}",
                     AMC_SCHEMA, amc_version(), workers, busy, queued);
    return answer(q, 200, "application/json; charset=utf-8", body, (size_t)n);
}

/* ---- checks ----------------------------------------------------------- */

/* Host must name this machine's loopback as the browser saw it: a page of
 * another site that re-points its own name to 127.0.0.1 (DNS rebinding)
 * sends its own name here, and is refused. */
static int host_ok(const char *host, unsigned port)
{
    if (!host)
        return 0;
    static const char *const names[] = {"127.0.0.1", "localhost"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(host, names[i], n) != 0)
            continue;
        if (host[n] == '\0')
            return 1;
        char p[16];
        snprintf(p, sizeof p, ":%u", port);
        if (!strcmp(host + n, p))
            return 1;
    }
    return 0;
}

/* Counts `more` bytes of upload against the server-wide budget. */
static int hold(request *q, size_t more)
{
    size_t now = atomic_fetch_add(&q->srv->held, more) + more;
    q->held += more;
    return now <= q->srv->budget;
}

static void release(request *q)
{
    if (q->held)
        atomic_fetch_sub(&q->srv->held, q->held);
    q->held = 0;
}

static void drop_body(request *q)
{
    free(q->buf);
    q->buf = NULL;
    q->len = q->cap = 0;
    release(q);
}

static void append(request *q, const char *data, size_t size)
{
    if (q->too_big || q->over_budget || q->oom)
        return;
    if (q->len + size > q->srv->max_body) {
        q->too_big = 1;
        drop_body(q);
        return;
    }
    if (q->len + size > q->cap) {
        size_t cap = q->cap ? q->cap : 64 * 1024;
        while (cap < q->len + size)
            cap *= 2;
        if (cap > q->srv->max_body)
            cap = q->srv->max_body;
        if (!hold(q, cap - q->cap)) {
            q->over_budget = 1;
            drop_body(q);
            return;
        }
        unsigned char *nb = realloc(q->buf, cap);
        if (!nb) {
            q->oom = 1;
            drop_body(q);
            return;
        }
        q->buf = nb;
        q->cap = cap;
    }
    memcpy(q->buf + q->len, data, size);
    q->len += size;
}

/* Multipart: keeps the first part that has a file name (or is named "file"). */
static enum MHD_Result form_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data, uint64_t off,
                                 size_t size)
{
    request *q = cls;
    (void)kind, (void)content_type, (void)transfer_encoding;
    int is_file = filename || (key && !strcmp(key, "file"));
    if (off == 0) {
        if (q->in_file)
            q->file_done = 1;   /* a new part began after our file */
        q->in_file = is_file && !q->file_done;
        if (q->in_file && filename) {
            /* the base name only, as "file" in the JSON */
            const char *b = strrchr(filename, '/');
            snprintf(q->name, sizeof q->name, "%s", b ? b + 1 : filename);
        }
    }
    if (q->in_file && size)
        append(q, data, size);
    return MHD_YES;
}

static void job_done(http_job *job)
{
    request *q = job->owner;
    atomic_store(&q->job_done, 1);
    MHD_resume_connection(q->conn);
}

/* ---- the first call: headers only ------------------------------------- */

static enum MHD_Result first_call(request *q, const char *url, const char *method)
{
    http_server *s = q->srv;
    struct MHD_Connection *c = q->conn;
    if (!host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST), s->port))
        return answer_error(q, 421, "host",
                            "this service answers only to Host 127.0.0.1 or localhost");
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!strcmp(url, "/v1/read"))
        q->route = R_READ;
    else if (!strcmp(url, "/v1/health"))
        q->route = R_HEALTH;
    if (strncmp(url, "/v1/", 4) != 0) {
        const http_asset *a = http_asset_find(url);
        if (!a)
            return answer_error(q, 404, "not_found", "no such page");
        q->route = R_STATIC;
        q->asset = a->path;
        if (!get)
            return answer_error(q, 405, "method", "use GET");
        return answer_static(q, a);
    }
    if (!http_token_check(s->token,
                          MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                      MHD_HTTP_HEADER_AUTHORIZATION)))
        return answer_error(q, 401, "token",
                            "missing or wrong token: send 'Authorization: Bearer <token>'");
    if (q->route == R_HEALTH)
        return get ? answer_health(q) : answer_error(q, 405, "method", "use GET");
    if (q->route != R_READ)
        return answer_error(q, 404, "not_found", "no such endpoint (/v1/read, /v1/health)");
    if (strcmp(method, "POST") != 0)
        return answer_error(q, 405, "method", "use POST with the scan as the body");

    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > s->max_body)
        return answer_error(q, 413, "too_big", "the file is above the 20 MB limit");
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_TYPE);
    switch (http_media_classify(ct)) {
    case HTTP_BODY_UNSUPPORTED:
        return answer_error(q, 415, "media_type",
                            "send the scan as the body (Content-Type image/..., application/pdf "
                            "or application/octet-stream) or as multipart/form-data");
    case HTTP_BODY_MULTIPART:
        q->multipart = 1;
        q->pp = MHD_create_post_processor(c, 64 * 1024, form_part, q);
        if (!q->pp)
            return answer_error(q, 400, "form", "malformed multipart/form-data (no boundary?)");
        break;
    case HTTP_BODY_RAW:
        /* the announced size, allocated once (bounded by the check above) */
        if (cl) {
            size_t n = (size_t)strtoull(cl, NULL, 10);
            if (n && !hold(q, n))
                return answer_error(q, 503, "busy", "too many uploads at once; retry");
            if (n && !(q->buf = malloc(n))) {
                release(q);
                return answer_error(q, 503, "nomem", "out of memory");
            }
            q->cap = n;
        }
        snprintf(q->name, sizeof q->name, "-");
        break;
    }
    q->phase = P_BODY;
    return MHD_YES;
}

/* ---- the end of the body ---------------------------------------------- */

static enum MHD_Result body_done(request *q)
{
    http_server *s = q->srv;
    if (q->pp) {
        MHD_destroy_post_processor(q->pp);
        q->pp = NULL;
    }
    if (q->too_big)
        return answer_error(q, 413, "too_big", "the file is above the 20 MB limit");
    if (q->over_budget)
        return answer_error(q, 503, "busy", "too many uploads at once; retry");
    if (q->oom)
        return answer_error(q, 503, "nomem", "out of memory");
    if (q->bad_form)
        return answer_error(q, 400, "form", "malformed multipart/form-data");
    if (q->len == 0)
        return answer_error(q, 400, "empty",
                            q->multipart ? "no file in the form (send it as field 'file')"
                                         : "empty body: send the scan");
    if (!http_media_sniff(q->buf, q->len))
        return answer_error(q, 415, "media_type",
                            "not an image (PNG, JPEG, TIFF, WebP, GIF, BMP, PNM) or a PDF");
    if (!http_pool_reserve(s->pool))
        return answer_error(q, 503, "busy", "all readers are busy; retry in a moment");

    http_job *j = &q->job;
    memset(j, 0, sizeof *j);
    j->data = q->buf;           /* the worker frees it as soon as it is read */
    j->len = q->len;
    q->buf = NULL;
    const char *date = MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, "date");
    if (date)                   /* checked by the library: AMC_E_ARG gives 400 */
        snprintf(j->date, sizeof j->date, "%s", strlen(date) < sizeof j->date ? date : "invalid");
    const char *img = MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND, "image");
    j->want_image = img && strcmp(img, "0") != 0;
    snprintf(j->name, sizeof j->name, "%s", q->name);
    j->done = job_done;
    j->owner = q;
    q->phase = P_QUEUED;
    MHD_suspend_connection(q->conn);
    http_pool_submit(s->pool, j);
    return MHD_YES;
}

enum MHD_Result http_handle(void *cls, struct MHD_Connection *c, const char *url,
                            const char *method, const char *version, const char *upload_data,
                            size_t *upload_data_size, void **req_cls)
{
    (void)version;
    request *q = *req_cls;
    if (!q) {
        q = calloc(1, sizeof *q);
        if (!q)
            return MHD_NO;
        q->srv = cls;
        q->conn = c;
        q->t0 = now_ms();
        q->route = R_OTHER;
        q->method = !strcmp(method, "GET") ? "GET" : !strcmp(method, "POST") ? "POST"
                                                   : !strcmp(method, "HEAD") ? "HEAD"
                                                                             : "other";
        atomic_init(&q->job_done, 0);
        *req_cls = q;
        atomic_fetch_add(&q->srv->active, 1);
        return first_call(q, url, method);
    }
    switch (q->phase) {
    case P_BODY:
        if (*upload_data_size) {
            q->received += *upload_data_size;
            /* past twice the limit the rest is not worth reading: close */
            if (q->received > 2 * q->srv->max_body)
                return MHD_NO;
            if (q->pp) {
                if (!q->too_big && !q->bad_form &&
                    MHD_post_process(q->pp, upload_data, *upload_data_size) != MHD_YES)
                    q->bad_form = 1;
            } else {
                append(q, upload_data, *upload_data_size);
            }
            *upload_data_size = 0;
            return MHD_YES;
        }
        return body_done(q);
    case P_QUEUED:
        if (!atomic_load(&q->job_done))
            return MHD_YES;
        release(q);
        return answer(q, q->job.status, "application/json; charset=utf-8", q->job.body,
                      q->job.body_len);
    case P_NEW:
    case P_ANSWERED:
        break;
    }
    /* an answer was queued early: swallow the rest of the body */
    *upload_data_size = 0;
    return MHD_YES;
}

void http_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)c;
    request *q = *req_cls;
    if (!q)
        return;
    http_server *s = cls;
    if (s->log) {
        char extra[96] = "";
        if (q->phase == P_ANSWERED && q->route == R_READ && q->job.done)
            snprintf(extra, sizeof extra, " (wait %.0f ms, read %.0f ms)", q->job.ms_wait,
                     q->job.ms_read);
        fprintf(stderr, "amcread serve: %s %s %d%s %.0f ms %zu B%s\n", q->method,
                q->route == R_STATIC ? q->asset : route_name[q->route],
                q->status ? q->status : 0,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed)",
                now_ms() - q->t0, q->out_bytes, extra);
    }
    if (q->pp)
        MHD_destroy_post_processor(q->pp);
    free(q->buf);
    free(q->job.data);
    release(q);
    atomic_fetch_add(&s->served, 1);
    atomic_fetch_sub(&s->active, 1);
    free(q);
    *req_cls = NULL;
}
