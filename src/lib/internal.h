/*
 * internal.h - declarations shared between the library's files (amcp_ prefix).
 * Not installed. The pipeline is:
 *   load.c -> preprocess.c -> ocr.c -> layout.c -> fields.c / table.c
 *   -> checks.c -> explain.c -> output.c, driven by reader.c;
 *   patterns.c (with ini.c) loads the data of patterns/ once per reader.
 */
#ifndef AMC_INTERNAL_H
#define AMC_INTERNAL_H

#include "amcread.h"
#include <stdarg.h>
#include <stdint.h>
#include <leptonica/allheaders.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* ---- error.c ---- */
void amcp_set_error(amc_error *err, amc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void amcp_set_error_at(amc_error *err, amc_status code, const char *source, int line,
                       int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- util.c ---- */
char *amcp_strdup(const char *s);               /* NULL-safe, aborts never: NULL on OOM */
/* Cuts `s` before a multi-byte UTF-8 character its end holds only in part
 * (a fixed buffer filled to its last byte cut "é" after its first): the
 * JSON writer refuses invalid UTF-8, and the key would be lost. */
void amcp_utf8_cut_partial(char *s);
char *amcp_strndup(const char *s, size_t n);
size_t amcp_alnum_count(const char *s);         /* ASCII letters and digits in s */
size_t amcp_digit_count(const char *s);         /* ASCII digits in s */
char *amcp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
typedef struct { char *s; size_t len, cap; } amcp_buf;
int amcp_buf_add(amcp_buf *b, const char *s, size_t n);   /* 0 ok, -1 OOM */
int amcp_buf_addf(amcp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void amcp_buf_free(amcp_buf *b);
double amcp_now_ms(void);

/* ---- load.c: bytes -> pages ---- */
typedef struct amcp_source amcp_source;
typedef struct {
    PIX *pix;      /* 8 or 32 bpp, owned; NULL until amcp_page_get (amcp_open) */
    int dpi;       /* resolution as declared by the file, or estimated (0 = unknown) */
    int w, h;      /* size of pix in pixels, known before it is drawn */
    int index;     /* page number in the file, from 0 */
    amcp_source *src; /* amcp_open: where pix is drawn from; shared by the pages */
} amcp_page;

typedef struct {
    size_t max_file_bytes;
    long max_pixels;
    int max_pdf_pages;
    double max_page_points;  /* either side of a PDF page */
} amcp_limits;

/* Reads a whole file into memory (refusing more than `max` bytes).
 * Returns 0 and a malloc'd buffer, or -1 with err (AMC_E_IO, AMC_E_LIMIT). */
int amcp_read_file_bytes(const char *path, size_t max, unsigned char **data,
                         size_t *len, amc_error *err);

/* Decodes an image or PDF held in memory, format detected from the bytes.
 * Returns the number of pages (>= 1) with *pages a malloc'd array to release
 * with amcp_pages_free, or -1 with err set (AMC_E_FORMAT, AMC_E_LIMIT, ...). */
int amcp_load(const unsigned char *data, size_t len, const amcp_limits *lim,
              amcp_page **pages, amc_error *err);
/* The same checks and pages, pixels not drawn yet: amcp_page_get draws a
 * page (a PDF page is rendered, an image decoded again if it was dropped)
 * and amcp_page_drop frees its pixels, so a document's pages need not all
 * be in memory at once. The pages borrow `data` until amcp_pages_free. */
int amcp_open(const unsigned char *data, size_t len, const amcp_limits *lim,
              amcp_page **pages, amc_error *err);
int amcp_page_get(amcp_page *pg, amc_error *err);   /* 0, or -1 with err */
void amcp_page_drop(amcp_page *pg);
void amcp_pages_free(amcp_page *pages, int n);
/* The gate amcp_load applies before decoding, alone: size limits, format from
 * the bytes, structure of PNG/JPEG/GIF, dimensions claimed by the headers
 * against the pixel limits; for a PDF, the images its raw bytes declare.
 * Decodes no pixel. Returns 0 and the format's name ("PNG", static), or -1
 * with err. */
int amcp_gate(const unsigned char *data, size_t len, const amcp_limits *lim,
              const char **format, amc_error *err);

/* ---- decode.c: PNG and JPEG decoders that never print ---- */
/* Reads the header (*w, *h) and, unless header_only, decodes into *out a new
 * 8 bpp grey or 32 bpp RGB PIX with the file's resolution. Returns 0, or -1
 * with the decoder's message in msg. The caller gates the dimensions; out
 * may be NULL with header_only. */
int amcp_png_decode(const unsigned char *data, size_t len, int header_only, int *w, int *h,
                    PIX **out, char *msg, size_t msglen);
int amcp_jpeg_decode(const unsigned char *data, size_t len, int header_only, int *w, int *h,
                     PIX **out, char *msg, size_t msglen);

/* ---- ocr.c: one Tesseract instance per reader ---- */
typedef struct {
    char *text;          /* UTF-8 */
    int x, y, w, h;      /* box in pixels of the page image as given to OCR */
    float conf;          /* 0..1 */
    int page;            /* 1-based */
    char *alt;           /* the same text with what the glyphs' shapes say
                          * where the word alone cannot tell ("PH0CPRDY":
                          * a narrow O in a word of capitals), same length;
                          * identifier fields take it. NULL when none. */
} amcp_word;

typedef struct {
    amcp_word *v;
    int n, cap;
} amcp_words;

typedef struct amcp_ocr amcp_ocr;
amcp_ocr *amcp_ocr_new(const char *model_dir, const char *tessdata_dir, amc_error *err);
void amcp_ocr_free(amcp_ocr *ocr);
const char *amcp_ocr_version(void);
/* OCRs `pix` (8 bpp grey) and appends its words to `out`. psm: Tesseract page
 * segmentation mode. Returns 0, or -1 with err (AMC_E_LIMIT on timeout). */
int amcp_ocr_words(amcp_ocr *ocr, PIX *pix, int dpi, int page, int psm, int timeout_ms,
                   amcp_words *out, amc_error *err);
void amcp_words_free(amcp_words *w);
/* Frees the words from index n on (a page read again). */
void amcp_words_truncate(amcp_words *w, int n);
/* Words v[first..] of one page read: a box reaching over the start of
 * another word of its line ends where that word starts (ocr.c). */
void amcp_words_trim_overlaps(amcp_words *w, int first);
/* Orientation of the text of `pix` by Tesseract's OSD model: *deg is the
 * page's clockwise rotation (0, 90, 180, 270), *conf the model's confidence.
 * Returns 0, or -1 when the OSD model is missing or found nothing. */
int amcp_ocr_orientation(amcp_ocr *ocr, PIX *pix, int dpi, int *deg, float *conf);
/* glyphs.c: the glyphs of the word of capitals and digits in box (x, y,
 * w, h) of grey page g, counted as connected pieces of ink: their number,
 * each one's columns [slots[2i], slots[2i+1]) on the page, or -1 when the
 * pieces do not look like whole, separate glyphs (touching in a font
 * without a pitch, broken, too faint) or are more than max. */
int amcp_glyph_slots(PIX *g, int x, int y, int w, int h, int *slots, int max);
/* The marks standing above the word in box (x, y, w, h) of grey page g
 * (accents, the dots of i and j, seen in the ink above the word's tall
 * glyphs): their number (at most max), each one's columns [marks[2i],
 * marks[2i+1]) on the page, and in *tall the tall glyphs' height; -1 when
 * the ink cannot tell. */
int amcp_marks_above(PIX *g, int x, int y, int w, int h, int *marks, int max, int *tall);

/* Second look: OCRs only the zone (x,y,w,h) of `pix` with page segmentation
 * `psm` (7: one line, 6: a block; or'ed with AMCP_ZONE_DARK, the zone is
 * thresholded nearer its ink than halfway, which keeps blurred bold capitals
 * apart: "SVIL" read "SV" with its I and L merged; with AMCP_ZONE_GREY, not
 * thresholded at all: Tesseract's own threshold keeps the counters of bold
 * capitals on a dark band that ours fills), an optional character whitelist, scaled
 * by scale_pct percent (Tesseract's LSTM misreads some glyph pairs at one
 * size and not at another: "%T" as "%7T" at 100%, right at 150%); the
 * words, joined by one space, go into out. Returns their mean confidence
 * (0-100), or -1 when the zone could not be read. */
#define AMCP_ZONE_DARK 0x100
#define AMCP_ZONE_GREY 0x200
/* the zone read on the page before its rules were erased: blurred bold
 * capitals on a grey band touch, and their bars were taken for a rule */
#define AMCP_ZONE_UNERASED 0x400
/* the zone read with the English model: trained on no French words, its
 * LSTM reads a lone "1" among capitals as printed where fra reads "I"
 * ("V1KXW3UAU" read "VIKXW3UAU"); -1 when eng.traineddata is missing */
#define AMCP_ZONE_ENG 0x800
/* with AMCP_ZONE_GREY: the zone's paper made white row by row first (a code
 * on a darker stripe of a band, white paper above it in the same zone) */
#define AMCP_ZONE_FLAT 0x1000
int amcp_ocr_zone(amcp_ocr *ocr, PIX *pix, int dpi, int x, int y, int w, int h, int psm,
                  const char *whitelist, int scale_pct, char *out, size_t outlen);
int amcp_words_push(amcp_words *w, const char *text, int x, int y, int ww, int h,
                    float conf, int page);

/* ---- preprocess.c ---- */
/* Converts to 8-bit grey, scales to the working resolution, fixes skew. Returns a new PIX (owned) and the
 * working dpi and applied steps (bitmask for the explain output). */
PIX *amcp_preprocess(amcp_ocr *ocr, const amcp_page *page, int *dpi_out,
                     char *steps, size_t steps_len, amc_error *err);
/* The same, keeping the page as it was before flattening for the Datamatrix
 * search in *plain (datamatrix.h; plain->pix NULL when the page was not
 * flattened, else the caller's to destroy). */
struct amcp_dm_plain;
PIX *amcp_preprocess_keep(amcp_ocr *ocr, const amcp_page *page, int *dpi_out, char *steps,
                          size_t steps_len, struct amcp_dm_plain *plain, amc_error *err);
/* The last step, on the page amcp_preprocess gave, once the Datamatrix has
 * been searched (its finder edge is a thin line too): table rules erased.
 * Replaces *pg when it changes it; appends to steps. With `unerased`, the
 * page as it was before the rules were erased goes there (NULL when none
 * were: *pg is that page), the caller's to destroy. */
void amcp_preprocess_ocr(PIX **pg, PIX **unerased, char *steps, size_t steps_len);

/* ---- reader.c, for annotate.c: what a result keeps ---- */
struct json_t;
/* The amcread/1 document of a result (borrowed). */
const struct json_t *amcp_result_doc(const amc_result *res);
/* Page `page` (1-based) as read, kept with AMC_READ_IMAGE (borrowed), or NULL. */
PIX *amcp_result_image(const amc_result *res, int page);

/* ---- datadir.c: where an installed library finds its data ---- */
/* Writes into buf "PREFIX/share/amcread" for the PREFIX the library (or the
 * program it is linked into) was loaded from: relocatable installs. Returns
 * buf, or NULL when it cannot be told. */
const char *amcp_self_datadir(char *buf, size_t len);

#endif
