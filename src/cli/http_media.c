/*
 * http_media.c - what `amcread serve` accepts as a request body.
 *
 * The content decides, as for `amcread read`: the Content-Type only has to be
 * one that can announce a file (image/ types, application/pdf,
 * application/octet-stream, none) or a multipart form. The magic bytes are
 * checked here, before a worker is taken, so that "this is not a scan" (415)
 * is told apart from "this scan is damaged" (422, from the library).
 */
#include "amcread.h"
#include "http.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

http_body_kind http_media_classify(const char *ct)
{
    if (!ct)
        return HTTP_BODY_RAW;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    size_t n = strcspn(ct, "; \t");
    if (n == 0)
        return HTTP_BODY_RAW;
    if (n == 19 && !strncasecmp(ct, "multipart/form-data", n))
        return HTTP_BODY_MULTIPART;
    if ((n == 15 && !strncasecmp(ct, "application/pdf", n)) ||
        (n == 24 && !strncasecmp(ct, "application/octet-stream", n)) ||
        (n > 6 && !strncasecmp(ct, "image/", 6)))
        return HTTP_BODY_RAW;
    return HTTP_BODY_UNSUPPORTED;
}

int http_media_sniff(const unsigned char *d, size_t n)
{
    return amc_sniff_format(d, n) != NULL; /* the reader's own signatures */
}

char *http_base64(const unsigned char *d, size_t n, size_t *outlen)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t len = (n + 2) / 3 * 4;
    char *o = malloc(len + 1), *p = o;
    if (!o)
        return NULL;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
        *p++ = al[v >> 18 & 63], *p++ = al[v >> 12 & 63], *p++ = al[v >> 6 & 63], *p++ = al[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0u);
        *p++ = al[v >> 18 & 63], *p++ = al[v >> 12 & 63];
        *p++ = i + 1 < n ? al[v >> 6 & 63] : '=';
        *p++ = '=';
    }
    *p = '\0';
    if (outlen)
        *outlen = len;
    return o;
}

char *http_error_json(int status, const char *code, const char *message, size_t *len)
{
    json_t *e = json_pack("{s:s, s:{s:i, s:s, s:s}}", "schema", AMC_SCHEMA, "error", "status",
                          status, "code", code, "message", message);
    char *s = e ? json_dumps(e, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(e);
    *len = s ? strlen(s) : 0;
    return s;
}
