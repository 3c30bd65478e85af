/*
 * http_token.c - the access token of `amcread serve`.
 *
 * Binding to 127.0.0.1 keeps other machines out, not other programs of this
 * one: any web page open in the receptionist's browser can send requests to
 * 127.0.0.1. A secret that such a page cannot know (a browser sends no
 * Authorization header cross-origin without the server's consent, which is
 * never given) is what stops it. The token lives in a file only its owner can
 * read, made at first start from /dev/urandom.
 */
#define _POSIX_C_SOURCE 200809L
#include "http.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOKEN_BYTES 32   /* 256 bits, written as 64 hex digits */

const char *http_token_default_path(char *buf, size_t len)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
    int n;
    if (x && x[0] == '/')
        n = snprintf(buf, len, "%s/amcread/token", x);
    else if (h && h[0] == '/')
        n = snprintf(buf, len, "%s/.config/amcread/token", h);
    else
        return NULL;
    return n > 0 && (size_t)n < len ? buf : NULL;
}

/* mkdir -p of the folder holding `path`, new folders with mode 0700. */
static int make_parent(const char *path)
{
    char d[4096];
    if (snprintf(d, sizeof d, "%s", path) >= (int)sizeof d)
        return -1;
    char *slash = strrchr(d, '/');
    if (!slash || slash == d)
        return 0;
    *slash = '\0';
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(d, 0700) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(d, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static int valid_token(const char *t)
{
    size_t n = strlen(t);
    if (n < 16 || n > HTTP_TOKEN_MAX)
        return 0;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') ||
              strchr("-._~+/=", *t)))
            return 0;
    return 1;
}

static int create_token(const char *path, char *token, char *msg, size_t msglen)
{
    unsigned char raw[TOKEN_BYTES];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, raw, sizeof raw) != (ssize_t)sizeof raw) {
        snprintf(msg, msglen, "cannot read /dev/urandom: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    for (int i = 0; i < TOKEN_BYTES; i++)
        snprintf(token + 2 * i, 3, "%02x", raw[i]);
    if (make_parent(path) < 0) {
        snprintf(msg, msglen, "cannot create the folder of %s: %s", path, strerror(errno));
        return -1;
    }
    /* O_EXCL: never follow a planted symlink nor overwrite a file that
     * appeared meanwhile; 0600 from the start, not chmod'ed after. */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(msg, msglen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    char line[2 * TOKEN_BYTES + 2];
    int n = snprintf(line, sizeof line, "%s\n", token);
    if (write(fd, line, (size_t)n) != n || fsync(fd) < 0) {
        snprintf(msg, msglen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
        return -1;
    }
    close(fd);
    return 0;
}

int http_token_setup(const char *path, char token[HTTP_TOKEN_MAX + 1], int *created, char *msg,
                     size_t msglen)
{
    *created = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        if (create_token(path, token, msg, msglen) < 0)
            return -1;
        *created = 1;
        return 0;
    }
    if (fd < 0) {
        snprintf(msg, msglen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(msg, msglen, "%s is not a regular file", path);
        close(fd);
        return -1;
    }
    if (st.st_mode & 077) {
        snprintf(msg, msglen, "%s can be read by other users: run 'chmod 600 %s'", path, path);
        close(fd);
        return -1;
    }
    char buf[HTTP_TOKEN_MAX + 64];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) {
        snprintf(msg, msglen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    if (!valid_token(buf)) {
        snprintf(msg, msglen,
                 "%s: the first line must be the token, 16 to %d characters among "
                 "A-Z a-z 0-9 - . _ ~ + / =",
                 path, HTTP_TOKEN_MAX);
        return -1;
    }
    memcpy(token, buf, strlen(buf) + 1);
    return 0;
}

int http_token_check(const char *expected, const char *auth)
{
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
        return 0;
    const char *given = auth + 7;
    while (*given == ' ')
        given++;
    size_t ne = strlen(expected), ng = strcspn(given, " \t");
    /* constant time over the expected token: no early exit on a mismatch */
    unsigned diff = (unsigned)(ne ^ ng);
    for (size_t i = 0; i < ne; i++)
        diff |= (unsigned char)expected[i] ^ (unsigned char)(i < ng ? given[i] : 0);
    return diff == 0 && given[ng] == '\0';
}
