/*
 * amcread.h - the public API of libamcread.
 *
 * amcread reads a French complementary-insurance certificate (attestation de
 * tiers payant) from an image or a PDF and returns the "amcread/1" JSON
 * document: AMC number, adherent, validity, beneficiaries, guarantee codes with
 * their French explanation, and the verdict for an LPP supplier practice.
 *
 * Conventions used throughout:
 *  - Every public symbol starts with amc_ / AMC_.
 *  - Objects are opaque; each *_new has a matching *_free, and every *_free
 *    accepts NULL.
 *  - Errors go into a caller-owned amc_error (which may be NULL when the caller
 *    does not care). The library never prints and never exits.
 *  - Threads: an amc_reader is NOT thread-safe. Use one reader per thread
 *    (building a reader loads the OCR model and compiles the patterns, about
 *    0.1 s and 15 MB). Results are independent of their reader once returned.
 *  - Functions taking a `const amc_result *` only read it: one result may be
 *    read by several threads at once; freeing it must wait for them.
 *  - Tesseract is built with OpenMP on Debian: set OMP_THREAD_LIMIT=1 in the
 *    environment before the process loads libamcread (the amcread program
 *    re-executes itself to do so); it is 5x faster on 2 cores.
 */
#ifndef AMCREAD_H
#define AMCREAD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(AMC_BUILDING_LIBRARY) && defined(__GNUC__)
#define AMC_API __attribute__((visibility("default")))
#else
#define AMC_API
#endif

#define AMC_VERSION_MAJOR 0
#define AMC_VERSION_MINOR 1
#define AMC_VERSION_PATCH 0
#define AMC_VERSION_STRING "0.1.0"
/* One comparable number, MAJOR*10000 + MINOR*100 + PATCH, for #if tests:
 * #if AMC_VERSION_NUMBER >= 100 (0.1.0 or later). These macros give the
 * version the program was compiled against; amc_version() the one it runs
 * with (the shared library may be newer). */
#define AMC_VERSION_NUMBER (AMC_VERSION_MAJOR * 10000 + AMC_VERSION_MINOR * 100 + AMC_VERSION_PATCH)
/* The version of the JSON contract produced by amc_result_json(). */
#define AMC_SCHEMA "amcread/1"

/* Error codes of the library. AMC_OK is 0; every other value is a failure. */
typedef enum {
    AMC_OK = 0,
    AMC_E_ARG,          /* invalid argument (NULL reader, bad option value) */
    AMC_E_IO,           /* file missing, unreadable, a directory */
    AMC_E_FORMAT,       /* not an image or PDF we can decode, or corrupt */
    AMC_E_LIMIT,        /* a safety limit was hit (size, pixels, pages, time) */
    AMC_E_PATTERNS,     /* a pattern/dictionary file failed to load or validate */
    AMC_E_OCR,          /* the OCR engine or its model could not be started */
    AMC_E_NOMEM,        /* out of memory */
    AMC_E_INTERNAL      /* a bug: please report */
} amc_status;

/* Caller-owned error record, filled on failure. `source`, `line`, `column`
 * locate errors in pattern files (line/column are 1-based, 0 when unknown). */
typedef struct {
    amc_status code;
    int line;
    int column;
    char source[256];
    char message[512];
} amc_error;

/* Returns the short English name of a status ("io", "format", ...). Static. */
AMC_API const char *amc_status_name(amc_status code);

/* Returns the library version, e.g. "0.1.0". Static string. */
AMC_API const char *amc_version(void);

/* The format amc_read_memory() would read `data` as, judged from its first
 * bytes only (nothing is decoded): "PNG", "JPEG", "TIFF", "GIF", "WebP",
 * "BMP", "PNM" or "PDF"; NULL when none. Static string. For callers that
 * sort files before reading them (batch folders, HTTP bodies): the content
 * decides, not the extension. */
AMC_API const char *amc_sniff_format(const void *data, size_t len);

/* ---- reader ------------------------------------------------------------ */

typedef struct amc_reader amc_reader;

/* Options for building a reader. Zero-initialise, then set what you need;
 * NULL/0 fields take the defaults shown. */
typedef struct {
    const char *patterns_dir;  /* default: $AMCREAD_PATTERNS, else the installed
                                  or build-tree patterns/ folder */
    const char *tessdata_dir;  /* project Tesseract config (user words...);
                                  default: $AMCREAD_TESSDATA, else installed */
    const char *model_dir;     /* folder holding fra.traineddata; default:
                                  $TESSDATA_PREFIX, else Debian's
                                  /usr/share/tesseract-ocr/5/tessdata */
    size_t max_file_bytes;     /* default 50 MB */
    long max_pixels;           /* per page, before decoding; default 60 Mpx */
    int max_pdf_pages;         /* pages read from a PDF; default 4 */
    int ocr_timeout_ms;        /* per page; default 20000 */
    int datamatrix_ms;         /* time allowed per page to find and decode the
                                  Inter-AMC Datamatrix (an absolute deadline);
                                  0 = $AMCREAD_DATAMATRIX_MS if set, else 250
                                  ms of CPU time;
                                  negative = no decoding ("0"/"off" in the
                                  variable does the same) */
    /* Limits added later (0 = default; a negative value makes amc_reader_new
     * fail with AMC_E_ARG). A document over a limit fails with AMC_E_LIMIT
     * and a message naming the field, e.g. "(max_page_points)". */
    double max_page_points;    /* either side of a PDF page, in points (1/72
                                  inch); default 14400 (200 inches) */
    long regex_match_limit;    /* PCRE2 match limit of every pattern match;
                                  default 200000 */
    long regex_depth_limit;    /* PCRE2 backtracking depth limit; default 5000 */
    long regex_heap_kib;       /* PCRE2 heap limit per match, KiB; default 4096.
                                  A pattern stopped by one of the three is a
                                  pattern bug: the read fails, naming it */
} amc_reader_options;

/* Builds a reader: loads and validates the patterns, starts the OCR engine.
 * Returns a new reader (free with amc_reader_free) or NULL with `err` set
 * (AMC_E_PATTERNS with file:line:column, AMC_E_OCR, AMC_E_NOMEM). `opts` may
 * be NULL for defaults. */
AMC_API amc_reader *amc_reader_new(const amc_reader_options *opts, amc_error *err);

/* Frees a reader. NULL is accepted. */
AMC_API void amc_reader_free(amc_reader *reader);

/* ---- reading ----------------------------------------------------------- */

typedef struct amc_result amc_result;

/* Per-read options. Zero-initialise. */
typedef struct {
    const char *date;        /* date of care "AAAA-MM-JJ"; NULL = today */
    const char *name;        /* reported as "file" in the JSON; may be NULL */
    unsigned flags;          /* AMC_READ_* bits */
    /* Optional progress log: called during the read with one line (no
     * newline, valid during the call only) per stage: pages and sizes,
     * timings, word counts, which fields were found. Health data: the lines
     * hold no value read from the document (names, NIR, numbers, dates)
     * unless AMC_READ_LOG_PERSONAL is set. NULL: no log. */
    void (*log)(void *log_ctx, const char *line);
    void *log_ctx;
} amc_read_options;

#define AMC_READ_WORDS   1u  /* keep the OCR words (see AMC_JSON_WORDS) */
#define AMC_READ_EXPLAIN 2u  /* keep, per field, the pattern/zone that produced it */
#define AMC_READ_LOG_PERSONAL 4u /* the log also shows the values read: personal
                                    data, for debugging only */

/* Reads a certificate from a file (PNG, JPEG, TIFF, WebP, GIF or PDF; the
 * content decides, not the extension). Returns a new result or NULL with `err`
 * set: AMC_E_IO (missing, directory, unreadable), AMC_E_FORMAT, AMC_E_LIMIT,
 * AMC_E_ARG (NULL reader or path, bad date). `opts` may be NULL. A page that
 * is readable but holds no certificate is
 * NOT an error: the result's status is AMC_RESULT_NOT_CERTIFICATE. */
AMC_API amc_result *amc_read_file(amc_reader *reader, const char *path,
                                  const amc_read_options *opts, amc_error *err);

/* Same, from memory. The bytes are only borrowed during the call. A NULL
 * reader, or NULL data with len > 0, gives AMC_E_ARG; len 0 gives
 * AMC_E_FORMAT ("empty input"). `opts` may be NULL for the defaults. */
AMC_API amc_result *amc_read_memory(amc_reader *reader, const void *data, size_t len,
                                    const amc_read_options *opts, amc_error *err);

typedef enum {
    AMC_RESULT_OK = 0,            /* every expected field was read and checked */
    AMC_RESULT_INCOMPLETE,        /* a certificate, but fields missing or doubtful */
    AMC_RESULT_NOT_CERTIFICATE    /* readable, but not a certificate */
} amc_result_status;

/* Returns the result's status; AMC_RESULT_NOT_CERTIFICATE for NULL. */
AMC_API amc_result_status amc_result_get_status(const amc_result *result);

#define AMC_JSON_COMPACT 1u   /* one line instead of indented */
#define AMC_JSON_WORDS   2u   /* add "words": the OCR words with boxes */
#define AMC_JSON_EXPLAIN 4u   /* add "explain": which pattern/zone gave each field */

/* Serialises a result as an amcread/1 JSON document. Returns a new
 * NUL-terminated string to release with amc_free(), or NULL on out-of-memory
 * or when `result` is NULL. */
AMC_API char *amc_result_json(const amc_result *result, unsigned flags);

/* Frees a result. NULL is accepted. */
AMC_API void amc_result_free(amc_result *result);

/* Frees a string returned by the library. NULL is accepted. */
AMC_API void amc_free(void *p);

/* ---- annotated page image --------------------------------------------- */

/* Read flag: keep the page images as read (grey, after scaling and deskew,
 * about 9 MB per A4 page at 300 dpi) in the result, so that
 * amc_result_annotate_png() can draw on them. A high bit, apart from the
 * other AMC_READ_* flags. */
#define AMC_READ_IMAGE 0x100u

/* Options of amc_result_annotate_png(). Zero-initialise. */
typedef struct {
    int page;        /* 1-based page to draw; 0 = 1 (the front) */
    int max_width;   /* scale the image down to at most this width; 0 = full size */
} amc_annotate_options;

/* Draws the fields that were read (the boxes of the JSON "evidence") on the
 * page image as read and encodes it as PNG: identification fields in blue,
 * beneficiaries in green, guarantees in orange, any field read with a
 * confidence below 0.5 in red. The image is the one the "evidence"
 * coordinates refer to (grey, scaled to ~300 dpi, deskewed), so the boxes
 * land on the text.
 * Returns a new buffer of *len bytes to release with amc_free(), or NULL with
 * `err` set: AMC_E_ARG if `result` or `len` is NULL, if the result was read
 * without AMC_READ_IMAGE, or if the page does not exist; AMC_E_NOMEM. `opts`
 * may be NULL for the defaults. The result is only read. */
AMC_API unsigned char *amc_result_annotate_png(const amc_result *result,
                                               const amc_annotate_options *opts,
                                               size_t *len, amc_error *err);

/* Gives the size in pixels of page `page` (1-based) as read, the space of the
 * "evidence" boxes. Returns 1 and sets *width and *height (either may be
 * NULL), or 0 when the result is NULL, was read without AMC_READ_IMAGE, or has
 * no such page. */
AMC_API int amc_result_page_size(const amc_result *result, int page, int *width,
                                 int *height);

/* ---- checks (pure functions, no reader needed) -------------------------- */

/* Returns 1 if `nir` (15 characters, 13 + key, no spaces; 2A/2B accepted) has a
 * valid key, 0 otherwise (including malformed input or NULL). */
AMC_API int amc_nir_key_valid(const char *nir);

#ifdef __cplusplus
}
#endif
#endif
