/*
 * write_atomic.c - see write_atomic.h. Used by `amcread read --annotate`.
 */
#define _POSIX_C_SOURCE 200809L
#include "write_atomic.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int write_atomic(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    /* same folder as the target, so rename() stays on one file system */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    mode_t um = umask(0);
    umask(um);
    const unsigned char *p = data;
    size_t left = len;
    int rc = fchmod(fd, 0666 & ~um);
    while (rc == 0 && left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = -1;
            break;
        }
        p += w, left -= (size_t)w;
    }
    if (rc == 0)
        rc = fsync(fd);
    int e = errno;
    if (close(fd) < 0 && rc == 0)
        rc = -1, e = errno;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -1, e = errno;
    if (rc < 0) {
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return rc;
}
