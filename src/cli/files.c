/*
 * files.c - the file side of batch and watch: which files are inputs, the
 * walk over folders, unique output names, and atomic writes.
 *
 * Which files are read: the library decides the format from the content, so
 * a folder walk sniffs the first bytes with the same signatures as the
 * library's loader. A file named like an image or PDF (scan.png) is always
 * an input, so that a broken scan gets an error entry instead of vanishing;
 * a file with another name is read only if its content is an image or PDF
 * (a scanner's "SCAN0001" with no extension), and skipped otherwise
 * (notes.txt, *.truth.json, Thumbs.db). Hidden and temporary names (".x",
 * "x.part", "x.tmp", "x~") are never inputs: they are files being written.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Same window as the library: "%PDF-" may follow some junk. */
#define SNIFF_BYTES 1024

static const char *const input_exts[] = {"png", "jpg", "jpeg", "jpe", "tif", "tiff",
                                         "gif", "webp", "bmp", "pnm", "pbm", "pgm",
                                         "ppm", "pdf"};
static const char *const partial_exts[] = {"tmp", "temp", "part", "partial", "crdownload",
                                           "download", "filepart", "swp"};

static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot + 1 : NULL;
}

static int ext_in(const char *ext, const char *const *list, size_t n)
{
    size_t i;
    if (!ext)
        return 0;
    for (i = 0; i < n; i++)
        if (strcasecmp(ext, list[i]) == 0)
            return 1;
    return 0;
}

file_kind classify_file(const char *path, const char *name)
{
    unsigned char buf[SNIFF_BYTES];
    size_t n = 0, len = strlen(name);
    const char *ext = extension(name);
    int fd;

    if (name[0] == '.' || len == 0 || name[len - 1] == '~' ||
        ext_in(ext, partial_exts, sizeof partial_exts / sizeof *partial_exts))
        return FILE_PARTIAL;
    if (ext_in(ext, input_exts, sizeof input_exts / sizeof *input_exts))
        return FILE_INPUT;
    /* O_NONBLOCK: never hang on a FIFO that slipped in between stat and open. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return FILE_INPUT; /* let the reader report why it cannot be opened */
    while (n < sizeof buf) {
        ssize_t r = read(fd, buf + n, sizeof buf - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    return amc_sniff_format(buf, n) ? FILE_INPUT : FILE_SKIP;
}

char *path_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int slash = la > 0 && a[la - 1] != '/';
    char *p = malloc(la + slash + lb + 1);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    if (slash)
        p[la] = '/';
    memcpy(p + la + slash, b, lb + 1);
    return p;
}

/* ---- the input list ------------------------------------------------------ */

static int add_input(input_list *l, const char *path, const char *out_name)
{
    input_file *f;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        input_file *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    f = &l->v[l->n];
    f->path = strdup(path);
    f->out_name = strdup(out_name);
    if (!f->path || !f->out_name) {
        free(f->path);
        free(f->out_name);
        return -1;
    }
    l->n++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int e;

    *count = 0;
    if (!d)
        return NULL;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n + 1 >= cap) {
            char **v;
            cap = cap ? cap * 2 : 64;
            v = realloc(names, cap * sizeof *v);
            if (!v)
                goto nomem;
            names = v;
        }
        if (!(names[n] = strdup(de->d_name)))
            goto nomem;
        n++;
    }
    closedir(d);
    if (!names && !(names = calloc(1, sizeof *names)))
        return NULL;
    qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names;
nomem:
    e = ENOMEM;
    closedir(d);
    free_names(names, n);
    errno = e;
    return NULL;
}

void free_names(char **names, size_t n)
{
    size_t i;
    if (!names)
        return;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Walks dir (its output names prefixed by rel). Returns 0 or -1 (no memory). */
static int walk(const char *dir, const char *rel, int recursive, const struct stat *skip,
                input_list *l)
{
    size_t n, i;
    char **names = list_dir(dir, &n);
    int rc = 0;

    if (!names) {
        if (errno == ENOMEM)
            return -1;
        /* Listed as an input so that it gets an error entry and counts as
         * failed; its output name is the folder's, without the final '/'. */
        char *name = strdup(*rel ? rel : ".");
        int rc2;
        if (!name)
            return -1;
        if (strlen(name) > 1 && name[strlen(name) - 1] == '/')
            name[strlen(name) - 1] = '\0';
        rc2 = add_input(l, dir, name);
        free(name);
        return rc2;
    }
    for (i = 0; rc == 0 && i < n; i++) {
        char *path = path_join(dir, names[i]);
        char *sub = path ? malloc(strlen(rel) + strlen(names[i]) + 2) : NULL;
        struct stat st, lst;
        if (!sub) {
            free(path);
            rc = -1;
            break;
        }
        sprintf(sub, "%s%s", rel, names[i]);
        if (stat(path, &st) != 0) {
            l->skipped++; /* a dangling link, or gone since the listing */
        } else if (S_ISDIR(st.st_mode)) {
            /* Not into hidden folders, symbolic links (no loops) or --out. */
            if (recursive && names[i][0] != '.' && lstat(path, &lst) == 0 &&
                !S_ISLNK(lst.st_mode) &&
                !(skip && st.st_dev == skip->st_dev && st.st_ino == skip->st_ino)) {
                strcat(sub, "/");
                rc = walk(path, sub, recursive, skip, l);
            }
        } else if (!S_ISREG(st.st_mode)) {
            l->skipped++; /* FIFOs, sockets, devices */
        } else if (classify_file(path, names[i]) == FILE_INPUT) {
            rc = add_input(l, path, sub);
        } else {
            l->skipped++;
        }
        free(path);
        free(sub);
    }
    free_names(names, n);
    return rc;
}

/* ---- unique output names -------------------------------------------------- */

/* A small open-addressing set of strings (borrowed pointers). */
typedef struct {
    const char **slot;
    size_t cap;
} name_set;

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

/* Returns 1 if s was added, 0 if already present. The set never fills:
 * its capacity is more than twice the number of names ever added. */
static int set_add(name_set *set, const char *s)
{
    size_t i = (size_t)hash_name(s) & (set->cap - 1);
    while (set->slot[i]) {
        if (strcmp(set->slot[i], s) == 0)
            return 0;
        i = (i + 1) & (set->cap - 1);
    }
    set->slot[i] = s;
    return 1;
}

char *name_numbered(const char *name, unsigned k)
{
    const char *base = strrchr(name, '/');
    const char *dot;
    size_t stem;
    char *p;
    base = base ? base + 1 : name;
    dot = strrchr(base, '.');
    stem = dot && dot != base ? (size_t)(dot - name) : strlen(name);
    p = malloc(strlen(name) + 24);
    if (p)
        sprintf(p, "%.*s-%u%s", (int)stem, name, k, name + stem);
    return p;
}

static int make_unique(input_list *l)
{
    name_set set;
    size_t i, cap = 16;
    unsigned char *dup;
    int rc = 0;
    while (cap < 4 * l->n + 16)
        cap *= 2;
    set.cap = cap;
    set.slot = calloc(cap, sizeof *set.slot);
    dup = calloc(l->n + 1, 1);
    if (!set.slot || !dup) {
        free(set.slot);
        free(dup);
        return -1;
    }
    /* First pass: every name as given, so that a later "scan-2.png" keeps its
     * name and the renamed duplicate goes around it. */
    for (i = 0; i < l->n; i++)
        dup[i] = !set_add(&set, l->v[i].out_name);
    for (i = 0; rc == 0 && i < l->n; i++) {
        unsigned k;
        char *name = NULL;
        if (!dup[i])
            continue;
        for (k = 2;; k++) {
            name = name_numbered(l->v[i].out_name, k);
            if (!name || set_add(&set, name))
                break;
            free(name);
        }
        if (!name) {
            rc = -1;
            break;
        }
        /* The set holds the first holder's string, not this one: free it. */
        free(l->v[i].out_name);
        l->v[i].out_name = name;
    }
    free(set.slot);
    free(dup);
    return rc;
}

int inputs_collect(char **args, int n, int recursive, const char *skip_dir,
                   input_list *list)
{
    struct stat skip, st;
    int have_skip = skip_dir && stat(skip_dir, &skip) == 0;
    int i;

    for (i = 0; i < n; i++) {
        const char *a = args[i];
        if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk(a, "", recursive, have_skip ? &skip : NULL, list) < 0)
                return -1;
        } else {
            const char *base = strrchr(a, '/');
            base = base && base[1] ? base + 1 : a;
            if (add_input(list, a, base) < 0)
                return -1;
        }
    }
    return make_unique(list);
}

void inputs_free(input_list *list)
{
    size_t i;
    for (i = 0; i < list->n; i++) {
        free(list->v[i].path);
        free(list->v[i].out_name);
    }
    free(list->v);
    memset(list, 0, sizeof *list);
}

/* ---- folders and atomic writes -------------------------------------------- */

int make_dirs(const char *path)
{
    char *p = strdup(path), *s;
    struct stat st;
    int rc = 0;
    if (!p)
        return -1;
    for (s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            rc = -1;
        else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            rc = -1;
        }
        *s = c;
        if (rc != 0 || c == '\0')
            break;
    }
    free(p);
    return rc;
}

int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int write_atomic(const char *path, const char *data, size_t len, mode_t mode, int durable)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    char *tmp = malloc(strlen(path) + 16), *dir = NULL;
    int fd, e;

    if (!tmp)
        return -1;
    /* Hidden, in the same folder (so rename() is atomic), unique per writer. */
    sprintf(tmp, "%.*s%s.%s.tmp.XXXXXX", (int)dlen, path, slash ? "/" : "", base);
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    if (fchmod(fd, mode) != 0)
        goto fail;
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            goto fail;
        data += w;
        len -= (size_t)w;
    }
    if (durable && fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    if (durable) {
        dir = slash ? strndup(path, dlen ? dlen : 1) : strdup(".");
        if (!dir || sync_dir(dir) != 0) {
            e = errno;
            free(dir);
            errno = e;
            return -1;
        }
        free(dir);
    }
    return 0;
fail:
    e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = e;
    return -1;
}
