/* util.c - small string helpers used across the library. */
#include "internal.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *amcp_strdup(const char *s)
{
    return s ? amcp_strndup(s, strlen(s)) : NULL;
}

size_t amcp_alnum_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += isalnum((unsigned char)*s) != 0;
    return n;
}

size_t amcp_digit_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += isdigit((unsigned char)*s) != 0;
    return n;
}

char *amcp_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *amcp_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int amcp_buf_add(amcp_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

int amcp_buf_addf(amcp_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof tmp)
        return amcp_buf_add(b, tmp, (size_t)n);
    char *p = malloc((size_t)n + 1);
    if (!p)
        return -1;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int r = amcp_buf_add(b, p, (size_t)n);
    free(p);
    return r;
}

void amcp_buf_free(amcp_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

double amcp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void amc_free(void *p)
{
    free(p);
}

void amcp_utf8_cut_partial(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--; /* back over continuation bytes */
    if (!i)
        return;
    unsigned char c = (unsigned char)s[i - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (need > 1 && n - (i - 1) < need)
        s[i - 1] = 0;
}
