/*
 * write_atomic.h - writing an output file so that readers never see half of it.
 */
#ifndef AMC_WRITE_ATOMIC_H
#define AMC_WRITE_ATOMIC_H
#include <stddef.h>

/* Writes `len` bytes to `path` through a temporary file in the same folder,
 * flushed to disk and renamed over `path`: `path` holds either its old
 * content or all of the new one. Mode 0666 less the umask. Returns 0, or -1
 * with errno set (the temporary file removed). */
int write_atomic(const char *path, const void *data, size_t len);
#endif
