/*
 * test_decode.c - load.c and decode.c on the hostile corpus, in process.
 *
 *   test_decode CORPUS_DIR      (the output of mkhostile)
 *
 * 1. Nothing is ever printed: fd 2 is redirected to a file while every file
 *    of the corpus goes through amcp_gate and amcp_load, and the file must
 *    stay empty (libpng and libjpeg print on stderr unless told not to).
 * 2. Every answer is a page set or an error with a message; the gate never
 *    accepts what amcp_load then refuses over a limit.
 * 3. Pixels: CMYK JPEG (Adobe, inverted) comes out as RGB with ink dark and
 *    paper white; 16-bit PNG and TIFF come out as 8-bit grey with the same
 *    drawing; broken content gives the decoder's message.
 * Prints "ok"/"not ok" lines; exits 1 on any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failed, n_tests;

static void ok(int cond, const char *what, const char *detail)
{
    n_tests++;
    if (cond) {
        printf("ok %d - %s\n", n_tests, what);
    } else {
        printf("not ok %d - %s%s%s\n", n_tests, what, detail ? ": " : "", detail ? detail : "");
        failed++;
    }
    fflush(stdout);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    unsigned char *d = NULL;
    amc_error err;
    if (amcp_read_file_bytes(path, 1u << 30, &d, n, &err) != 0)
        return NULL;
    return d;
}

/* Loads dir/name, expecting one page; returns it (free with amcp_pages_free). */
static amcp_page *load(const char *dir, const char *name, char *msg, size_t msglen)
{
    char path[4096];
    size_t n = 0;
    amcp_page *pages = NULL;
    amc_error err;
    memset(&err, 0, sizeof err);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unsigned char *d = slurp(path, &n);
    int np = d ? amcp_load(d, n, NULL, &pages, &err) : -1;
    free(d);
    snprintf(msg, msglen, "%s", err.message);
    if (np < 1)
        return NULL;
    return pages;
}

static int grey_at(PIX *pix, int x, int y)
{
    l_uint32 v;
    pixGetPixel(pix, x, y, &v);
    if (pixGetDepth(pix) == 8)
        return (int)v;
    l_int32 r, g, b;
    extractRGBValues(v, &r, &g, &b);
    return (r + g + b) / 3;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_decode CORPUS_DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    char msg[600];

    /* 1 and 2: the whole corpus, stderr captured */
    char errfile[] = "/tmp/amc_test_decode.XXXXXX";
    int efd = mkstemp(errfile);
    int saved = dup(2);
    fflush(stderr);
    dup2(efd, 2);
    DIR *dd = opendir(dir);
    int files = 0, bad = 0;
    char first_bad[600] = "";
    struct dirent *e;
    while (dd && (e = readdir(dd)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        size_t n = 0;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unsigned char *d = slurp(path, &n);
        amc_error ge, le;
        memset(&ge, 0, sizeof ge);
        memset(&le, 0, sizeof le);
        const char *format = NULL;
        int g = amcp_gate(d, n, NULL, &format, &ge);
        amcp_page *pages = NULL;
        int np = amcp_load(d, n, NULL, &pages, &le);
        if ((np < 0 && !le.message[0]) || (g < 0 && !ge.message[0]) ||
            (g == 0 && np < 0 && le.code == AMC_E_LIMIT && strcmp(format, "PDF") != 0) ||
            (g < 0 && np >= 0)) {
            bad++;
            if (!first_bad[0])
                snprintf(first_bad, sizeof first_bad, "%s: gate %d '%s', load %d '%s'",
                         e->d_name, g, ge.message, np, le.message);
        }
        amcp_pages_free(pages, np > 0 ? np : 0);
        free(d);
        files++;
    }
    if (dd)
        closedir(dd);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t printed = lseek(efd, 0, SEEK_END);
    char head[300] = "";
    if (printed > 0) {
        lseek(efd, 0, SEEK_SET);
        ssize_t r = read(efd, head, sizeof head - 1);
        head[r > 0 ? r : 0] = 0;
    }
    close(efd);
    unlink(errfile);
    printf("# %d files\n", files);
    ok(files >= 30, "the corpus is there", dir);
    ok(printed == 0, "nothing printed on stderr while loading the corpus", head);
    ok(bad == 0, "gate and load agree, every error has a message", first_bad);

    /* 3: pixels. The drawing: a frame, bars on rows y/6 % 3 == 1 from w/8 to
     * w - w/8, white paper elsewhere (mkhostile.c, drawing()). */
    static const char *const drawn[] = {"ok-cmyk.jpg", "ok-rgb.jpg", "ok-grey.png",
                                        "ok-16bit.png", "ok-16bit.tif"};
    for (size_t i = 0; i < sizeof drawn / sizeof *drawn; i++) {
        char what[200];
        amcp_page *p = load(dir, drawn[i], msg, sizeof msg);
        snprintf(what, sizeof what, "%s: ink dark, paper white, 8 or 32 bpp", drawn[i]);
        if (!p) {
            ok(0, what, msg);
            continue;
        }
        int d = pixGetDepth(p[0].pix);
        int ink = grey_at(p[0].pix, 48, 8), paper = grey_at(p[0].pix, 48, 3);
        snprintf(msg, sizeof msg, "depth %d, ink %d, paper %d", d, ink, paper);
        ok((d == 8 || d == 32) && ink < 80 && paper > 200, what, msg);
        if (strstr(drawn[i], "16bit"))
            ok(d == 8, "16-bit grey becomes 8-bit grey", msg);
        if (strstr(drawn[i], "cmyk"))
            ok(d == 32, "CMYK becomes RGB", msg);
        amcp_pages_free(p, 1);
    }

    ok(!load(dir, "broken-huffman.jpg", msg, sizeof msg) && strstr(msg, "Huffman"),
       "broken JPEG tables: refused with libjpeg's reason", msg);
    ok(!load(dir, "broken-deflate.png", msg, sizeof msg) && strstr(msg, "IDAT"),
       "broken PNG deflate data: refused with libpng's reason", msg);

    printf("1..%d\n", n_tests);
    return failed ? 1 : 0;
}
