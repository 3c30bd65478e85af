/*
 * http_media.c - what `amcread serve` accepts as a request body.
 *
 * The content decides, as for `amcread read`: the Content-Type only has to be
 * one that can announce a file (image/ types, application/pdf,
 * application/octet-stream, none) or a multipart form. The magic bytes are
 * checked here, before a worker is taken, so that "this is not a scan" (415)
 * is told apart from "this scan is damaged" (422, from the library).
 */
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
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 8 && !memcmp(d, png, 8))
        return 1;
    if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
        return 1;
    if (n >= 4 && (!memcmp(d, "II*\0", 4) || !memcmp(d, "MM\0*", 4)))
        return 1;
    if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6)))
        return 1;
    if (n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
        return 1;
    if (n >= 26 && d[0] == 'B' && d[1] == 'M')
        return 1;
    if (n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6' &&
        (d[2] == ' ' || d[2] == '\n' || d[2] == '\r' || d[2] == '\t'))
        return 1;
    /* PDF: the reader accepts "%PDF-" within the first 1024 bytes */
    size_t w = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= w; i++)
        if (d[i] == '%' && !memcmp(d + i, "%PDF-", 5))
            return 1;
    return 0;
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
