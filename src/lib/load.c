/*
 * load.c - first stage of the pipeline: bytes -> pages.
 *
 * Reads a file into memory (amcp_read_file_bytes), recognises the format from
 * the bytes, never from the name, and decodes it into one or more pages of
 * 8 bpp grey or 32 bpp RGB Leptonica images (amcp_load):
 *   - images (PNG, JPEG, TIFF, GIF, WebP, BMP, PNM) through Leptonica, first
 *     frame only;
 *   - PDF through poppler-glib, each page rendered with cairo on white.
 *
 * Everything here is hostile input. Sizes are checked *before* decoding
 * (Leptonica has no limit of its own: a 1.6 MB PNG can decode to 1.6 GB), for
 * GIF and BMP by parsing the headers ourselves because pixReadHeaderMem
 * decodes those fully. Nothing is printed: Leptonica's messages are switched
 * off and poppler's GLib log domain gets a no-op handler. libpng and libjpeg
 * print on stderr behind Leptonica's back, so PNG and JPEG are decoded by
 * decode.c with handlers that keep quiet, after the structural gates here
 * (chunk CRCs, segment walk) have refused truncated files.
 */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC, with -std=c11 */
#include "internal.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Defaults used when a limit is 0 (same as the public API's defaults). */
#define DEFAULT_MAX_FILE_BYTES ((size_t)50 * 1024 * 1024)
#define DEFAULT_MAX_PIXELS 60000000L
#define DEFAULT_MAX_PDF_PAGES 4
#define DEFAULT_MAX_PAGE_POINTS 14400.0 /* 200 inches, the PDF 1.7 user-space limit */

#define MAX_SIDE 30000          /* pixels, either side, any format */
#define MAX_GIF_FRAMES 1000     /* giflib decodes every frame (DGifSlurp) */
#define PDF_DPI 300             /* render resolution of PDF pages */
#define PDF_MIN_DPI 72          /* below this a huge page is refused, not shrunk */
#define PDF_MAGIC_WINDOW 1024   /* "%PDF-" may follow some junk, as in Acrobat */
#define MIN_DPI 50              /* declared resolutions outside are ignored */
#define MAX_DPI 2400

typedef enum {
    FMT_NONE,
    FMT_PNG,
    FMT_JPEG,
    FMT_TIFF,
    FMT_GIF,
    FMT_WEBP,
    FMT_BMP,
    FMT_PNM,
    FMT_PDF
} format;

static const char *format_name(format f)
{
    switch (f) {
    case FMT_PNG: return "PNG";
    case FMT_JPEG: return "JPEG";
    case FMT_TIFF: return "TIFF";
    case FMT_GIF: return "GIF";
    case FMT_WEBP: return "WebP";
    case FMT_BMP: return "BMP";
    case FMT_PNM: return "PNM";
    case FMT_PDF: return "PDF";
    case FMT_NONE: break;
    }
    return "file";
}

/* Where the pixels of the pages of amcp_open come from, so that a page can
 * be drawn when it is needed and again after amcp_page_drop: the caller's
 * bytes (borrowed) and, for a PDF, the parsed document. */
struct amcp_source {
    const unsigned char *data;
    size_t len;
    format f;
    long max_pixels;
    GBytes *bytes;         /* PDF only */
    PopplerDocument *doc;  /* PDF only */
};

static void source_free(amcp_source *s)
{
    if (!s)
        return;
    if (s->doc)
        g_object_unref(s->doc);
    if (s->bytes)
        g_bytes_unref(s->bytes);
    free(s);
}

/* ---- quiet libraries ------------------------------------------------- */

static void glib_log_noop(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                          gpointer data)
{
    (void)domain;
    (void)level;
    (void)msg;
    (void)data;
}

static void lept_noop(const char *msg)
{
    (void)msg;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

/* Process-wide, done once: Leptonica prints nothing; poppler-glib's log
 * domain (its parser complaints about broken PDFs) goes nowhere. Only the
 * "Poppler" domain is touched, the application's own GLib logging is not. */
static void quiet_libraries(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(lept_noop); /* lept_stderr() ignores the severity */
    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                      glib_log_noop, NULL);
}

/* ---- reading a file --------------------------------------------------- */

/* Writes a human size ("80 MB", "1.5 MB", "512 bytes") into buf. */
static const char *human_size(char *buf, size_t n, unsigned long long bytes)
{
    const unsigned long long mb = 1024ull * 1024;
    if (bytes >= mb && bytes % mb == 0)
        snprintf(buf, n, "%llu MB", bytes / mb);
    else if (bytes >= mb)
        snprintf(buf, n, "%.1f MB", (double)bytes / (double)mb);
    else
        snprintf(buf, n, "%llu bytes", bytes);
    return buf;
}

static int size_error(amc_error *err, const char *path, unsigned long long size, size_t max)
{
    char a[32], b[32];
    if (size)
        amcp_set_error_at(err, AMC_E_LIMIT, path, 0, 0,
                          "file is %s, above the %s limit (max_file_bytes)",
                          human_size(a, sizeof a, size), human_size(b, sizeof b, max));
    else
        amcp_set_error_at(err, AMC_E_LIMIT, path, 0, 0,
                          "input is larger than the %s limit (max_file_bytes)",
                          human_size(b, sizeof b, max));
    return -1;
}

int amcp_read_file_bytes(const char *path, size_t max, unsigned char **data, size_t *len,
                         amc_error *err)
{
    struct stat st;
    unsigned char *buf = NULL;
    size_t cap, n = 0;
    int fd;

    if (data)
        *data = NULL;
    if (len)
        *len = 0;
    if (!path || !data || !len) {
        amcp_set_error(err, AMC_E_ARG, "no file name given");
        return -1;
    }
    if (max == 0)
        max = DEFAULT_MAX_FILE_BYTES;

    if (stat(path, &st) != 0) {
        amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "cannot open %s: %s", path,
                          strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "%s is a directory", path);
        return -1;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max)
        return size_error(err, path, (unsigned long long)st.st_size, max);

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "cannot open %s: %s", path,
                          strerror(errno));
        return -1;
    }
    /* Check again on the open file: the path may have changed since stat(). */
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = errno;
        close(fd);
        if (S_ISDIR(st.st_mode))
            amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "%s is a directory", path);
        else
            amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "cannot read %s: %s", path,
                              strerror(e));
        return -1;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        close(fd);
        return size_error(err, path, (unsigned long long)st.st_size, max);
    }

    /* One byte more than the expected size so that EOF is seen in one pass;
     * pipes and devices (size 0) grow the buffer up to max + 1. */
    cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    if (cap > max + 1)
        cap = max + 1;
    buf = malloc(cap);
    if (!buf) {
        close(fd);
        amcp_set_error(err, AMC_E_NOMEM, "out of memory reading %s", path);
        return -1;
    }
    for (;;) {
        ssize_t r;
        if (n == cap) {
            size_t ncap;
            unsigned char *nb;
            if (cap > max) { /* read max + 1 bytes: too big (grew, or a pipe) */
                free(buf);
                close(fd);
                return size_error(err, path, 0, max);
            }
            ncap = cap < (max + 1) / 2 ? cap * 2 : max + 1;
            nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                close(fd);
                amcp_set_error(err, AMC_E_NOMEM, "out of memory reading %s", path);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        r = read(fd, buf + n, cap - n);
        if (r < 0) {
            int e = errno;
            if (e == EINTR)
                continue;
            free(buf);
            close(fd);
            amcp_set_error_at(err, AMC_E_IO, path, 0, 0, "cannot read %s: %s", path,
                              strerror(e));
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r; /* short reads simply loop */
    }
    close(fd);
    if (n > max) {
        free(buf);
        return size_error(err, path, 0, max);
    }
    *data = buf;
    *len = n;
    return 0;
}

/* ---- format detection ------------------------------------------------- */

static format sniff(const unsigned char *d, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    size_t window, i;

    if (n >= 8 && memcmp(d, png, 8) == 0)
        return FMT_PNG;
    if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
        return FMT_JPEG;
    if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
        return FMT_TIFF;
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
        return FMT_GIF;
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return FMT_WEBP;
    if (n >= 26 && d[0] == 'B' && d[1] == 'M')
        return FMT_BMP;
    if (n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6' &&
        (d[2] == ' ' || d[2] == '\n' || d[2] == '\r' || d[2] == '\t'))
        return FMT_PNM;
    window = n < PDF_MAGIC_WINDOW ? n : PDF_MAGIC_WINDOW;
    for (i = 0; i + 5 <= window; i++)
        if (d[i] == '%' && memcmp(d + i, "%PDF-", 5) == 0)
            return FMT_PDF;
    return FMT_NONE;
}

const char *amc_sniff_format(const void *data, size_t len)
{
    format f = data ? sniff(data, len) : FMT_NONE;
    return f == FMT_NONE ? NULL : format_name(f);
}

/* ---- size gates ------------------------------------------------------- */

static int check_dims(format f, long long w, long long h, long max_pixels, amc_error *err)
{
    if (w <= 0 || h <= 0) {
        amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated %s", format_name(f));
        return -1;
    }
    if (w > MAX_SIDE || h > MAX_SIDE) {
        amcp_set_error(err, AMC_E_LIMIT,
                       "image is %lldx%lld pixels, above the %d-pixel limit per side",
                       w, h, MAX_SIDE);
        return -1;
    }
    if (w * h > (long long)max_pixels) {
        amcp_set_error(err, AMC_E_LIMIT,
                       "image is %lldx%lld pixels (%.1f Mpx), above the %.1f Mpx limit "
                       "(max_pixels)",
                       w, h, (double)(w * h) / 1e6, (double)max_pixels / 1e6);
        return -1;
    }
    return 0;
}

static unsigned le16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }

static long le32s(const unsigned char *p)
{
    uint32_t v = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (long)(int32_t)v;
}

/* Skips GIF data sub-blocks starting at *i; returns 0, or -1 if truncated. */
static int gif_skip_blocks(const unsigned char *d, size_t n, size_t *i)
{
    while (*i < n) {
        size_t sz = d[*i];
        *i += 1;
        if (sz == 0)
            return 0;
        *i += sz;
    }
    return -1;
}

/* pixReadHeaderMem decodes a GIF fully, and giflib's DGifSlurp allocates every
 * frame: walk the blocks and add up the frames' pixels before decoding. */
static int gif_gate(const unsigned char *d, size_t n, long max_pixels, amc_error *err)
{
    size_t i = 13;
    long long total = 0;
    int frames = 0;

    if (n < 13)
        return check_dims(FMT_GIF, 0, 0, max_pixels, err);
    if (check_dims(FMT_GIF, le16(d + 6), le16(d + 8), max_pixels, err))
        return -1;
    if (d[10] & 0x80)
        i += 3u * (1u << ((d[10] & 7) + 1));
    while (i < n) {
        unsigned char b = d[i++];
        if (b == 0x3b) /* trailer */
            break;
        if (b == 0x21) { /* extension: label, then sub-blocks */
            i++;
            if (gif_skip_blocks(d, n, &i))
                break;
        } else if (b == 0x2c) { /* image descriptor */
            long long w, h;
            if (i + 9 > n)
                break;
            w = le16(d + i + 4);
            h = le16(d + i + 6);
            if (check_dims(FMT_GIF, w, h, max_pixels, err))
                return -1;
            total += w * h;
            if (++frames > MAX_GIF_FRAMES || total > max_pixels) {
                amcp_set_error(err, AMC_E_LIMIT,
                               "animated GIF holds more than %.1f Mpx in %d frames "
                               "(max_pixels)",
                               (double)max_pixels / 1e6, frames);
                return -1;
            }
            if (d[i + 8] & 0x80)
                i += 3u * (1u << ((d[i + 8] & 7) + 1));
            i += 9 + 1; /* descriptor + LZW minimum code size */
            if (gif_skip_blocks(d, n, &i))
                break;
        } else {
            break; /* garbage: let the decoder refuse it */
        }
    }
    return 0;
}

/* pixReadHeaderMem decodes a BMP fully too: read the DIB header ourselves. */
static int bmp_gate(const unsigned char *d, size_t n, long max_pixels, amc_error *err)
{
    long hdr = le32s(d + 14), w, h;
    if (hdr == 12) { /* OS/2 BITMAPCOREHEADER */
        w = le16(d + 18);
        h = le16(d + 20);
    } else {
        w = le32s(d + 18);
        h = le32s(d + 22);
        if (h < 0 && h != LONG_MIN)
            h = -h; /* top-down bitmap */
    }
    (void)n;
    return check_dims(FMT_BMP, w, h, max_pixels, err);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t v = i;
        for (int k = 0; k < 8; k++)
            v = (v >> 1) ^ (0xedb88320u & (0u - (v & 1)));
        crc_table[i] = v;
    }
}

/* The CRC-32 of PNG chunks (ISO 3309). */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    pthread_once(&crc_once, crc_init);
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

/* Walks the PNG chunks up to IEND checking lengths and CRCs, so that libpng,
 * which prints "libpng error: ..." on stderr, never sees a damaged file. */
static int png_gate(const unsigned char *d, size_t n, amc_error *err)
{
    size_t i = 8;
    while (i + 12 <= n) {
        uint32_t clen = be32(d + i);
        if (clen > n - i - 12)
            break; /* truncated chunk */
        if (crc32_png(d + i + 4, (size_t)clen + 4) != be32(d + i + 8 + clen))
            break;
        if (memcmp(d + i + 4, "IEND", 4) == 0)
            return 0;
        i += 12 + (size_t)clen;
    }
    amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated PNG");
    return -1;
}

/* Walks the JPEG segments to the first SOS and wants an EOI after it:
 * libjpeg prints "Premature end of JPEG file" on stderr otherwise. Inside
 * entropy-coded data 0xFF is always followed by 0x00 or a restart marker,
 * and thumbnails (APP1) are skipped by their segment length. */
static int jpeg_gate(const unsigned char *d, size_t n, amc_error *err)
{
    size_t i = 2;
    while (i + 4 <= n) {
        unsigned m;
        if (d[i] != 0xff)
            break;
        while (i < n && d[i] == 0xff)
            i++;
        if (i >= n)
            break;
        m = d[i++];
        if (m == 0xd9)
            break; /* EOI before any scan */
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
            continue;
        if (i + 2 > n)
            break;
        if (m == 0xda) {
            for (i += 2; i + 1 < n; i++)
                if (d[i] == 0xff && d[i + 1] == 0xd9)
                    return 0;
            break;
        }
        i += (size_t)d[i] << 8 | d[i + 1]; /* segment length, includes itself */
    }
    amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated JPEG");
    return -1;
}

/* ---- images ----------------------------------------------------------- */

/* Replaces *pix by next (destroying the old one); returns -1 if next is NULL. */
static int replace(PIX **pix, PIX *next)
{
    if (!next)
        return -1;
    pixDestroy(pix);
    *pix = next;
    return 0;
}

/* Brings any decoded image to 8 bpp grey or 32 bpp RGB without alpha. */
static int normalise(PIX **pix)
{
    int d;
    if (pixGetColormap(*pix) &&
        replace(pix, pixRemoveColormap(*pix, REMOVE_CMAP_BASED_ON_SRC)))
        return -1;
    d = pixGetDepth(*pix);
    if (d == 32 && pixGetSpp(*pix) == 4) {
        /* Transparent parts become white paper. */
        if (replace(pix, pixAlphaBlendUniform(*pix, 0xffffff00)))
            return -1;
        pixSetSpp(*pix, 3);
    } else if (d == 16) {
        if (replace(pix, pixConvert16To8(*pix, L_MS_BYTE)))
            return -1;
    } else if (d == 1 || d == 2 || d == 4) {
        if (replace(pix, pixConvertTo8(*pix, FALSE)))
            return -1;
    }
    d = pixGetDepth(*pix);
    return (d == 8 || d == 32) && !pixGetColormap(*pix) ? 0 : -1;
}

/* The image gate: structure and claimed dimensions, pixels not decoded.
 * Returns 0, or -1 with err. */
static int image_gate(const unsigned char *data, size_t len, format f, long max_pixels,
                      amc_error *err)
{
    if (f == FMT_PNG || f == FMT_JPEG) { /* decode.c: decoders that never print */
        char msg[200];
        int w = 0, h = 0;
        if (f == FMT_PNG ? png_gate(data, len, err) : jpeg_gate(data, len, err))
            return -1;
        if ((f == FMT_PNG ? amcp_png_decode : amcp_jpeg_decode)(data, len, 1, &w, &h, NULL,
                                                                  msg, sizeof msg) != 0) {
            amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated %s: %s", format_name(f),
                           msg);
            return -1;
        }
        return check_dims(f, w, h, max_pixels, err);
    }
    if (f == FMT_GIF)
        return gif_gate(data, len, max_pixels, err);
    if (f == FMT_BMP)
        return bmp_gate(data, len, max_pixels, err);
    l_int32 lf = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (len < 8 || pixReadHeaderMem(data, len, &lf, &w, &h, &bps, &spp, &cmap) != 0) {
        amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated %s", format_name(f));
        return -1;
    }
    return check_dims(f, w, h, max_pixels, err);
}

static int load_image(const unsigned char *data, size_t len, format f, long max_pixels,
                      amcp_page **pages, amc_error *err)
{
    PIX *pix;
    int dpi;

    if (image_gate(data, len, f, max_pixels, err))
        return -1;
    if (f == FMT_PNG || f == FMT_JPEG) {
        char msg[200];
        int w, h;
        if ((f == FMT_PNG ? amcp_png_decode : amcp_jpeg_decode)(data, len, 0, &w, &h, &pix,
                                                                  msg, sizeof msg) != 0) {
            amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated %s: %s", format_name(f),
                           msg);
            return -1;
        }
    } else {
        pix = pixReadMem(data, len);
    }
    if (!pix) {
        amcp_set_error(err, AMC_E_FORMAT, "corrupt or truncated %s", format_name(f));
        return -1;
    }
    /* The decoder's view wins over the header's (a TIFF may hold several). */
    if (check_dims(f, pixGetWidth(pix), pixGetHeight(pix), max_pixels, err)) {
        pixDestroy(&pix);
        return -1;
    }
    dpi = pixGetXRes(pix);
    if (dpi < MIN_DPI || dpi > MAX_DPI)
        dpi = 0;
    if (normalise(&pix)) {
        pixDestroy(&pix);
        amcp_set_error(err, AMC_E_FORMAT, "unsupported %s pixel format", format_name(f));
        return -1;
    }
    *pages = calloc(1, sizeof **pages);
    if (!*pages) {
        pixDestroy(&pix);
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return -1;
    }
    (*pages)[0].pix = pix;
    (*pages)[0].dpi = dpi;
    (*pages)[0].w = pixGetWidth(pix);
    (*pages)[0].h = pixGetHeight(pix);
    return 1;
}

/* ---- PDF -------------------------------------------------------------- */

/* Chooses the render resolution of a page of w x h points: PDF_DPI, lowered
 * so that the image stays within max_pixels. Returns the dpi and the pixel
 * size, or -1 with err when even PDF_MIN_DPI is too much. */
static int pdf_page_dpi(int pageno, double wpt, double hpt, double max_points,
                        long max_pixels, int *pw, int *ph, amc_error *err)
{
    double win = wpt / 72.0, hin = hpt / 72.0;
    int dpi = PDF_DPI;

    if (!(wpt > 0 && hpt > 0) || !isfinite(wpt) || !isfinite(hpt)) {
        amcp_set_error(err, AMC_E_FORMAT, "PDF page %d has no size", pageno);
        return -1;
    }
    if (wpt > max_points || hpt > max_points) {
        amcp_set_error(err, AMC_E_LIMIT,
                       "PDF page %d is %.0fx%.0f points, above the %.0f-point limit per "
                       "side (max_page_points)",
                       pageno, wpt, hpt, max_points);
        return -1;
    }
    for (;;) {
        double w = ceil(win * dpi), h = ceil(hin * dpi);
        if (w * h <= (double)max_pixels && w <= MAX_SIDE && h <= MAX_SIDE) {
            *pw = w < 1 ? 1 : (int)w;
            *ph = h < 1 ? 1 : (int)h;
            return dpi;
        }
        if (dpi <= PDF_MIN_DPI) {
            amcp_set_error(err, AMC_E_LIMIT,
                           "PDF page %d would be %.0fx%.0f pixels at %d dpi, above the "
                           "%.1f Mpx limit (max_pixels)",
                           pageno, w, h, dpi, (double)max_pixels / 1e6);
            return -1;
        }
        /* Jump close to the answer, then step down for rounding. */
        dpi = (int)floor(dpi * sqrt((double)max_pixels / (w * h)));
        if (dpi >= PDF_DPI)
            dpi = PDF_DPI - 1;
        if (dpi < PDF_MIN_DPI)
            dpi = PDF_MIN_DPI;
    }
}

/* Renders one page on white at `dpi` into a new 32 bpp PIX, or NULL.
 * Cairo draws straight into the PIX's own buffer (a 32 bpp PIX row is w
 * words, the stride cairo wants for ARGB32), and the words are then turned
 * into Leptonica's order in place: an A4 page at 300 dpi is 35 MB, and a
 * separate cairo surface copied into the PIX doubled that while loading. */
static PIX *pdf_render(PopplerPage *page, int dpi, int w, int h)
{
    cairo_surface_t *s;
    cairo_t *cr;
    PIX *pix;
    l_uint32 *data;
    int wpl;
    size_t i, n;

    if (cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w) != w * 4)
        return NULL; /* w too large for cairo; cannot happen below MAX_SIDE */
    pix = pixCreateNoInit(w, h, 32);
    if (!pix)
        return NULL;
    data = pixGetData(pix);
    wpl = pixGetWpl(pix);
    s = cairo_image_surface_create_for_data((unsigned char *)data, CAIRO_FORMAT_ARGB32, w, h,
                                            wpl * 4);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        pixDestroy(&pix);
        return NULL;
    }
    cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    cairo_surface_destroy(s); /* the data stays: it is the PIX's */

    /* ARGB32 is a native-endian 0xAARRGGBB word, opaque here since the page
     * was painted white first (no un-premultiplying); Leptonica's word is
     * 0xRRGGBBAA with alpha unused at spp 3: the shifts of composeRGBPixel. */
    n = (size_t)wpl * (size_t)h;
    for (i = 0; i < n; i++) {
        l_uint32 v = data[i];
        data[i] = ((v >> 16) & 0xff) << L_RED_SHIFT | ((v >> 8) & 0xff) << L_GREEN_SHIFT |
                  (v & 0xff) << L_BLUE_SHIFT;
    }
    pixSetSpp(pix, 3);
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

/* ---- PDF images, before poppler --------------------------------------- */

/* First occurrence of needle in d[from..n), or n. */
static size_t find(const unsigned char *d, size_t n, size_t from, const char *needle)
{
    size_t k = strlen(needle);
    while (from + k <= n) {
        const unsigned char *p = memchr(d + from, needle[0], n - k + 1 - from);
        if (!p)
            return n;
        if (memcmp(p, needle, k) == 0)
            return (size_t)(p - d);
        from = (size_t)(p - d) + 1;
    }
    return n;
}

static int pdf_delim(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 || c == '/' ||
           c == '<' || c == '>' || c == '[' || c == ']' || c == '(' || c == ')';
}

/* The integer after key (a PDF name, "/Width") in d[a..b), or -1. "N 0 R"
 * is followed to a plain "N 0 obj VALUE" in the file (not inside an object
 * stream) while *refs > 0 (each costs a pass over the file), else -1. Values
 * of more than 9 digits read as 10^9, so that a product never overflows. */
static long long pdf_int(const unsigned char *d, size_t n, size_t a, size_t b, const char *key,
                         int *refs)
{
    size_t k = strlen(key);
    for (size_t i = find(d, b, a, key); i < b; i = find(d, b, i + 1, key)) {
        size_t j = i + k;
        long long v = 0;
        int digits = 0;
        if (j >= b || !pdf_delim(d[j]) || d[j] == '/')
            continue; /* "/Widths" is another key */
        while (j < b && (d[j] == ' ' || d[j] == '\n' || d[j] == '\r' || d[j] == '\t'))
            j++;
        while (j < b && d[j] >= '0' && d[j] <= '9') {
            if (++digits <= 9)
                v = v * 10 + (d[j] - '0');
            j++;
        }
        if (!digits)
            return -1;
        if (digits > 9)
            v = 1000000000;
        size_t r = j;
        while (r < b && d[r] == ' ')
            r++;
        if (r + 3 <= b && d[r] == '0' && d[r + 1] == ' ' && d[r + 2] == 'R') {
            char obj[32];
            if (*refs <= 0)
                return -1;
            (*refs)--;
            snprintf(obj, sizeof obj, "\n%lld 0 obj", v);
            size_t o = find(d, n, 0, obj), e = o + strlen(obj) + 24;
            return o == n ? -1 : pdf_int(d, n, o + 1, e < n ? e : n, "obj", refs);
        }
        return v;
    }
    return -1;
}

static int pdf_too_big(long long w, long long h, const char *what, long max_pixels,
                       amc_error *err)
{
    if (w > 0 && h > 0 && w * h > max_pixels) {
        amcp_set_error(err, AMC_E_LIMIT,
                       "PDF holds %s of %lldx%lld pixels (%.1f Mpx), above the %.1f Mpx "
                       "limit (max_pixels)",
                       what, w, h, (double)(w * h) / 1e6, (double)max_pixels / 1e6);
        return 1;
    }
    return 0;
}

/* Poppler's cairo backend draws an image at its full size (a 390 KB PDF
 * holding one deflated 20000x20000 image took 1.6 GB and 12 s): the pixels
 * of each image are gated here, from the raw bytes, before poppler parses
 * anything. Image XObjects are streams, and streams are never inside object
 * streams, so their dictionaries are always in plain text in the file; inline
 * images (BI ... ID) are seen when their content stream is not compressed.
 * Not seen (a known limit): a width or height given by reference to an
 * object inside an object stream, and inline images in compressed content.
 * Hostile bytes must not make this slow: the windows move forward only, each
 * dictionary is read once, and references are followed 16 times at most, so
 * the cost stays linear in the file size. */
static int pdf_image_gate(const unsigned char *d, size_t n, long max_pixels, amc_error *err)
{
    size_t last_obj = n, scanned = 0, next_obj = 0, next_stream = 0, done_a = n;
    int refs = 16;
    for (size_t i = find(d, n, 0, "/Image"); i < n; i = find(d, n, i + 1, "/Image")) {
        if (i + 6 < n && !pdf_delim(d[i + 6]))
            continue; /* /ImageB, /ImageC of a ProcSet */
        /* the dictionary: from the last "obj" before i ... */
        for (size_t o = find(d, i, scanned, "obj"); o < i; o = find(d, i, o + 1, "obj"))
            last_obj = o;
        scanned = i > 2 ? i - 2 : 0;
        /* an image XObject is a stream, so an indirect object: no "obj"
         * close before, no image dictionary */
        if (!(last_obj < i && i - last_obj < 4096) || last_obj == done_a)
            continue; /* or the same dictionary as the previous /Image */
        size_t a = last_obj;
        done_a = a;
        /* ... to the next "stream" or "obj" after it, 4 KB at most */
        if (next_stream <= i)
            next_stream = find(d, n, i, "stream");
        if (next_obj <= i)
            next_obj = find(d, n, i, "obj");
        size_t b = next_stream < next_obj ? next_stream : next_obj;
        if (b - i > 4096)
            b = i + 4096 < n ? i + 4096 : n;
        if (pdf_too_big(pdf_int(d, n, a, b, "/Width", &refs),
                        pdf_int(d, n, a, b, "/Height", &refs), "an image", max_pixels, err))
            return -1;
    }
    size_t next_id = 0, done_b = n;
    for (size_t i = find(d, n, 0, "BI"); i < n; i = find(d, n, i + 1, "BI")) {
        if ((i > 0 && !pdf_delim(d[i - 1])) || (i + 2 < n && !pdf_delim(d[i + 2])))
            continue;
        if (next_id <= i)
            next_id = find(d, n, i, "ID");
        size_t b = next_id;
        if (b - i > 1024 || b == done_b)
            continue; /* too far to be this image's, or the same one */
        done_b = b;
        long long w = pdf_int(d, n, i, b, "/W", &refs), h = pdf_int(d, n, i, b, "/H", &refs);
        if (w < 0)
            w = pdf_int(d, n, i, b, "/Width", &refs);
        if (h < 0)
            h = pdf_int(d, n, i, b, "/Height", &refs);
        if (pdf_too_big(w, h, "an inline image", max_pixels, err))
            return -1;
    }
    return 0;
}

/* Opens a PDF: every page taken gets its render size, none is drawn yet
 * (pdf_draw does it when the page is needed: the pages of a document are
 * read one after the other, and an A4 page is 35 MB in RGB at 300 dpi). */
static int load_pdf(const unsigned char *data, size_t len, const amcp_limits *lim,
                    amcp_source *src, amcp_page **pages, amc_error *err)
{
    amcp_page *pg = NULL;
    GError *gerr = NULL;
    int n, take, i, done = 0;
    long used = 0;

    if (pdf_image_gate(data, len, lim->max_pixels, err))
        return -1;
    /* Borrowed bytes: the caller keeps them until the pages are freed. */
    src->bytes = g_bytes_new_static(data, len);
    src->doc = poppler_document_new_from_bytes(src->bytes, NULL, &gerr);
    if (!src->doc) {
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            amcp_set_error(err, AMC_E_FORMAT,
                           "PDF is protected by a password (encrypted): ask for an "
                           "unprotected copy");
        else
            amcp_set_error(err, AMC_E_FORMAT, "unreadable PDF: %s",
                           gerr && gerr->message ? gerr->message : "unknown error");
        if (gerr)
            g_error_free(gerr);
        return -1;
    }
    n = poppler_document_get_n_pages(src->doc);
    if (n <= 0) {
        amcp_set_error(err, AMC_E_FORMAT, "PDF has no pages");
        return -1;
    }
    /* Page 1 holds the certificate; the next ones may hold the legend. */
    take = n < lim->max_pdf_pages ? n : lim->max_pdf_pages;
    pg = calloc((size_t)take, sizeof *pg);
    if (!pg) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return -1;
    }
    /* max_pixels bounds the whole document, so that memory is bounded by it
     * and not by max_pdf_pages times it: the later pages (the legend) share
     * what page 1 left. Page 1 is the certificate: its failure is the
     * document's. A later page that fails or does not fit only ends the
     * reading there: it must not cost the certificate. */
    for (i = 0; i < take; i++) {
        amc_error later;
        amc_error *e = i == 0 ? err : &later;
        PopplerPage *page = poppler_document_get_page(src->doc, i);
        double wpt = 0, hpt = 0;
        int w, h, dpi;
        if (!page) {
            amcp_set_error(e, AMC_E_FORMAT, "PDF page %d cannot be read", i + 1);
            if (i > 0)
                break;
            free(pg);
            return -1;
        }
        poppler_page_get_size(page, &wpt, &hpt);
        g_object_unref(page);
        dpi = pdf_page_dpi(i + 1, wpt, hpt, lim->max_page_points, lim->max_pixels - used, &w,
                           &h, e);
        if (dpi < 0) {
            if (i > 0)
                break;
            free(pg);
            return -1;
        }
        pg[i].dpi = dpi;
        pg[i].w = w;
        pg[i].h = h;
        pg[i].index = i;
        used += (long)w * h;
        done++;
    }
    *pages = pg;
    return done;
}

/* Renders PDF page pg (the size load_pdf chose). Returns 0, or -1 with err. */
static int pdf_draw(amcp_page *pg, amc_error *err)
{
    PopplerPage *page = poppler_document_get_page(pg->src->doc, pg->index);
    if (!page) {
        amcp_set_error(err, AMC_E_FORMAT, "PDF page %d cannot be read", pg->index + 1);
        return -1;
    }
    pg->pix = pdf_render(page, pg->dpi, pg->w, pg->h);
    g_object_unref(page);
    if (!pg->pix) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory rendering PDF page %d",
                       pg->index + 1);
        return -1;
    }
    return 0;
}

/* ---- entry points ----------------------------------------------------- */

/* Fills *out with `lim`'s values, defaults where they are 0. */
static void limits_or_defaults(const amcp_limits *lim, amcp_limits *out)
{
    amcp_limits l = {DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_PDF_PAGES,
                     DEFAULT_MAX_PAGE_POINTS};
    if (lim) {
        if (lim->max_file_bytes)
            l.max_file_bytes = lim->max_file_bytes;
        if (lim->max_pixels > 0)
            l.max_pixels = lim->max_pixels;
        if (lim->max_pdf_pages > 0)
            l.max_pdf_pages = lim->max_pdf_pages;
        if (lim->max_page_points > 0)
            l.max_page_points = lim->max_page_points;
    }
    *out = l;
}

/* What every input goes through before any decoder sees it: size limits,
 * then the format from the bytes. Returns the format, or FMT_NONE with err. */
static format first_checks(const unsigned char *data, size_t len, const amcp_limits *l,
                           amc_error *err)
{
    format f;
    if (len == 0) {
        amcp_set_error(err, AMC_E_FORMAT, "empty input (0 bytes)");
        return FMT_NONE;
    }
    if (len > l->max_file_bytes) {
        char a[32], b[32];
        amcp_set_error(err, AMC_E_LIMIT, "input is %s, above the %s limit (max_file_bytes)",
                       human_size(a, sizeof a, len),
                       human_size(b, sizeof b, l->max_file_bytes));
        return FMT_NONE;
    }
    /* Decoders take an int length here and there. */
    if (len > INT_MAX) {
        amcp_set_error(err, AMC_E_LIMIT, "input above 2 GB");
        return FMT_NONE;
    }
    f = sniff(data, len);
    if (f == FMT_NONE)
        amcp_set_error(err, AMC_E_FORMAT, "not an image or PDF (unrecognised content)");
    return f;
}

int amcp_gate(const unsigned char *data, size_t len, const amcp_limits *lim,
              const char **format_out, amc_error *err)
{
    amcp_limits l;
    format f;

    if (format_out)
        *format_out = NULL;
    if (!data && len) {
        amcp_set_error(err, AMC_E_ARG, "no data given");
        return -1;
    }
    pthread_once(&quiet_once, quiet_libraries);
    limits_or_defaults(lim, &l);
    f = first_checks(data, len, &l, err);
    if (f == FMT_NONE)
        return -1;
    if (f == FMT_PDF ? pdf_image_gate(data, len, l.max_pixels, err)
                     : image_gate(data, len, f, l.max_pixels, err))
        return -1;
    if (format_out)
        *format_out = format_name(f);
    return 0;
}

int amcp_open(const unsigned char *data, size_t len, const amcp_limits *lim,
              amcp_page **pages, amc_error *err)
{
    amcp_limits l;
    amcp_source *src;
    int n;

    if (pages)
        *pages = NULL;
    if (!pages || (!data && len)) {
        amcp_set_error(err, AMC_E_ARG, "no data given");
        return -1;
    }
    pthread_once(&quiet_once, quiet_libraries);
    limits_or_defaults(lim, &l);
    src = calloc(1, sizeof *src);
    if (!src) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return -1;
    }
    src->data = data;
    src->len = len;
    src->max_pixels = l.max_pixels;
    src->f = first_checks(data, len, &l, err);
    if (src->f == FMT_NONE)
        n = -1;
    else if (src->f == FMT_PDF)
        n = load_pdf(data, len, &l, src, pages, err);
    else
        n = load_image(data, len, src->f, l.max_pixels, pages, err);
    if (n < 0) {
        source_free(src);
        return -1;
    }
    for (int i = 0; i < n; i++)
        (*pages)[i].src = src; /* shared; amcp_pages_free releases it once */
    return n;
}

int amcp_page_get(amcp_page *pg, amc_error *err)
{
    amcp_page *again = NULL;
    if (pg->pix)
        return 0;
    if (!pg->src) {
        amcp_set_error(err, AMC_E_ARG, "page %d was released", pg->index + 1);
        return -1;
    }
    if (pg->src->f == FMT_PDF)
        return pdf_draw(pg, err);
    /* an image decodes to the same pixels each time */
    if (load_image(pg->src->data, pg->src->len, pg->src->f, pg->src->max_pixels, &again,
                   err) < 0)
        return -1;
    pg->pix = again[0].pix;
    free(again);
    return 0;
}

void amcp_page_drop(amcp_page *pg)
{
    if (pg->src)
        pixDestroy(&pg->pix);
}

int amcp_load(const unsigned char *data, size_t len, const amcp_limits *lim,
              amcp_page **pages, amc_error *err)
{
    int n = amcp_open(data, len, lim, pages, err), done = 0;
    amcp_source *src;

    if (n < 0)
        return -1;
    src = (*pages)[0].src;
    for (; done < n; done++) {
        /* as for the page sizes: only page 1's failure is the document's */
        amc_error later;
        if (amcp_page_get(&(*pages)[done], done == 0 ? err : &later) < 0) {
            if (done == 0 || later.code == AMC_E_NOMEM) {
                if (done > 0)
                    *err = later;
                amcp_pages_free(*pages, n);
                *pages = NULL;
                return -1;
            }
            break;
        }
    }
    /* drawn once and for all: the pages no longer need the caller's bytes */
    for (int i = 0; i < n; i++)
        (*pages)[i].src = NULL;
    for (int i = done; i < n; i++)
        pixDestroy(&(*pages)[i].pix);
    source_free(src);
    return done;
}

void amcp_pages_free(amcp_page *pages, int n)
{
    int i;
    if (!pages)
        return;
    for (i = 0; i < n; i++)
        pixDestroy(&pages[i].pix);
    if (n > 0)
        source_free(pages[0].src);
    free(pages);
}
