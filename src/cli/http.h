/*
 * http.h - the parts of `amcread serve` (serve.c) shared between its files:
 *   http_token.c    the access token: file, generation, checking
 *   http_media.c    what a request body may be: media types, magic bytes, base64
 *   http_pool.c     the worker pool: one amc_reader per worker thread
 *   http_handler.c  the libmicrohttpd request handler: routes, limits, answers
 *   http_static.c   the reception page, embedded from web/ at build time
 */
#ifndef AMC_HTTP_H
#define AMC_HTTP_H

#include "amcread.h"
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <microhttpd.h>

/* ---- http_static.c + the generated web_assets.c ---- */
typedef struct {
    const char *path;          /* "/index.html"; NULL ends the table */
    const char *type;          /* Content-Type */
    const unsigned char *data;
    size_t len;
} http_asset;
extern const http_asset http_assets[];
/* The embedded file served at URL path `path` ("/" is /index.html), or NULL. */
const http_asset *http_asset_find(const char *path);

/* ---- http_token.c ---- */
#define HTTP_TOKEN_MAX 128
/* Default token file: $XDG_CONFIG_HOME/amcread/token, else
 * $HOME/.config/amcread/token. Returns buf, or NULL if neither is set. */
const char *http_token_default_path(char *buf, size_t len);
/* Reads the token from `path`, or, when the file does not exist, makes a new
 * random one (from /dev/urandom) and writes it there with mode 0600 (creating
 * the folder with mode 0700). Returns 0 with `token` filled and *created set,
 * or -1 with a message in `msg`. A file readable by group or others is
 * refused, as ssh does with keys. */
int http_token_setup(const char *path, char token[HTTP_TOKEN_MAX + 1], int *created, char *msg,
                     size_t msglen);
/* 1 if `authorization` is "Bearer <token>" with the expected token; compared
 * in constant time. NULL gives 0. */
int http_token_check(const char *expected, const char *authorization);

/* ---- http_media.c ---- */
typedef enum { HTTP_BODY_RAW, HTTP_BODY_MULTIPART, HTTP_BODY_UNSUPPORTED } http_body_kind;
/* What a request's Content-Type announces: a file as the body (image/ types,
 * application/pdf, application/octet-stream, or no type), a
 * multipart/form-data form, or something else (415). */
http_body_kind http_media_classify(const char *content_type);
/* 1 if the bytes start like a format the reader decodes (PNG, JPEG, TIFF,
 * GIF, WebP, BMP, PNM, PDF), else 0. Mirrors load.c's detection so that an
 * unsupported upload is told apart (415) from a corrupt one (422). */
int http_media_sniff(const unsigned char *d, size_t n);
/* The body of every failed /v1/ call, malloc'd JSON:
 * {"schema":"amcread/1","error":{"status":422,"code":"format","message":"..."}}.
 * NULL on out-of-memory. */
char *http_error_json(int status, const char *code, const char *message, size_t *len);
/* Base64 of n bytes, NUL-terminated, malloc'd; NULL on out-of-memory. */
char *http_base64(const unsigned char *d, size_t n, size_t *outlen);

/* ---- http_pool.c ---- */
typedef struct http_job http_job;
struct http_job {
    /* filled by the handler */
    unsigned char *data;       /* the upload; the worker frees it once read */
    size_t len;
    char date[16];             /* "" = today */
    char name[256];            /* reported as "file" in the JSON */
    int want_image;            /* add the annotated page ("image") to the JSON */
    void (*done)(http_job *);  /* called by the worker when the answer is ready */
    void *owner;
    /* filled by the worker */
    int status;                /* HTTP status */
    char *body;                /* JSON, malloc'd; NUL-terminated */
    size_t body_len;
    double t_queued, ms_wait, ms_read;
    http_job *next;
};
typedef struct http_pool http_pool;
/* Starts `workers` threads, each with its own reader built from `ro` before
 * this returns (so a broken patterns folder fails at start). At most
 * `queue_max` jobs wait. NULL with `err` set on failure. */
http_pool *http_pool_new(int workers, int queue_max, const amc_reader_options *ro,
                         amc_error *err);
/* Takes a place for one job: 1, or 0 when the queue is full or the pool is
 * stopping (answer 503). Every successful reserve must be followed by one
 * http_pool_submit(). */
int http_pool_reserve(http_pool *p);
void http_pool_submit(http_pool *p, http_job *job);
void http_pool_stats(http_pool *p, int *workers, int *busy, int *queued);
/* Refuses new jobs and waits until every reserved job is done. */
void http_pool_drain(http_pool *p);
/* Drains, stops the threads and frees the readers. NULL is accepted. */
void http_pool_free(http_pool *p);

/* ---- http_handler.c ---- */
#define HTTP_MAX_BODY ((size_t)20 * 1024 * 1024)
typedef struct {
    char token[HTTP_TOKEN_MAX + 1];
    unsigned port;             /* as bound, for the Host check */
    http_pool *pool;
    size_t max_body;           /* 413 above */
    size_t budget;             /* all uploads held in memory at once; 503 above */
    atomic_size_t held;        /* bytes of uploads held now */
    atomic_int active;         /* requests between first call and completion */
    atomic_ulong served;       /* requests completed */
    int log;                   /* one line per request on stderr */
} http_server;
/* The MHD_AccessHandlerCallback and MHD_RequestCompletedCallback; cls is the
 * http_server. */
enum MHD_Result http_handle(void *cls, struct MHD_Connection *c, const char *url,
                            const char *method, const char *version, const char *upload_data,
                            size_t *upload_data_size, void **req_cls);
void http_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe);

#endif
