/*
 * datamatrix.h - the Inter-AMC Datamatrix (DOMAIN.md section 3).
 *
 *   dm_parse.c   the payload grammar, a pure function: text in, fields out;
 *   dm_decode.c  finding and decoding the symbol on a page with libdmtx;
 *   dm_data.c    the meaning of the sub-domain letters (patterns/datamatrix.ini)
 *                and the reconciliation with the printed text (reader + output).
 *
 * Payload: AMC#<version>#<AMC number>#<CSR>#<adherent>#<conv><letters>...#.../
 * The parser is strict: anything that is not exactly this grammar is refused,
 * so a damaged symbol or another 2D code can never feed a wrong value.
 */
#ifndef AMC_DATAMATRIX_H
#define AMC_DATAMATRIX_H
#include <stddef.h>

#define AMCP_DM_MAX_TEXT 200    /* longest payload accepted (bytes) */
#define AMCP_DM_MAX_CONV 16     /* convention groups */
#define AMCP_DM_MAX_LETTERS 36  /* distinct letters A-Z 0-9 */

typedef struct {
    char code[3];                           /* two capital letters: "SP", "OC" */
    char letters[AMCP_DM_MAX_LETTERS + 1];  /* as encoded ("PGSFL"), or "*" = all domains */
} amcp_dm_conv;

typedef struct {
    char raw[AMCP_DM_MAX_TEXT + 1];  /* the payload as decoded (trailing blanks dropped) */
    int version;                     /* 1: the only version known */
    char amc[9];                     /* 8 digits (a 10-digit "00" padding is removed) */
    char csr[9];                     /* "" when empty ("##") */
    char adherent[17];               /* 6 to 16 capital letters or digits */
    amcp_dm_conv conv[AMCP_DM_MAX_CONV];
    int nconv;                       /* 0 when the payload ends after the adherent */
} amcp_dm;

/* Why a payload was refused. AMCP_DM_OK is 0. */
typedef enum {
    AMCP_DM_OK = 0,
    AMCP_DM_E_EMPTY,       /* no text */
    AMCP_DM_E_LENGTH,      /* longer than AMCP_DM_MAX_TEXT */
    AMCP_DM_E_CHARSET,     /* a byte outside printable ASCII (incl. space) */
    AMCP_DM_E_PREFIX,      /* does not start with "AMC#": another code */
    AMCP_DM_E_TRUNCATED,   /* no final '/', or fewer than 5 fields */
    AMCP_DM_E_SEPARATOR,   /* '/' inside the text, or an empty convention group */
    AMCP_DM_E_VERSION,     /* version not a number, or not 1 */
    AMCP_DM_E_AMC,         /* AMC number not 8 digits */
    AMCP_DM_E_CSR,         /* CSR longer than 8 or not capitals/digits */
    AMCP_DM_E_ADHERENT,    /* adherent not 6-16 capitals/digits */
    AMCP_DM_E_CONVENTION,  /* group code not two capitals, or repeated */
    AMCP_DM_E_LETTERS      /* letters empty, repeated, outside A-Z 0-9, or '*' mixed */
} amcp_dm_status;

/* Parses `len` bytes of `text` (need not be NUL-terminated) into *out.
 * Trailing blanks (space, tab, CR, LF, NUL) after the final '/' are ignored.
 * Letters without a known meaning are kept as they are. Returns AMCP_DM_OK,
 * or the reason of refusal with *out zeroed. Pure: no allocation, no state. */
amcp_dm_status amcp_dm_parse(const char *text, size_t len, amcp_dm *out);

/* Short English description of a status, e.g. "AMC number is not 8 digits".
 * Static string. */
const char *amcp_dm_status_text(amcp_dm_status st);

/* ---- dm_decode.c ---- */
struct Pix; /* Leptonica's PIX */

typedef enum {
    AMCP_DM_NONE = 0,   /* no AMC# symbol decoded (none, unreadable, or out of time) */
    AMCP_DM_FOUND,      /* decoded and parsed: `dm` holds it */
    AMCP_DM_REJECTED    /* a symbol starting with AMC# that is not the grammar */
} amcp_dm_outcome;

typedef struct {
    amcp_dm_outcome outcome;
    amcp_dm dm;                 /* when FOUND */
    amcp_dm_status why;         /* when REJECTED */
    int page, x, y, w, h;       /* the symbol's box in the page image (FOUND/REJECTED) */
    char how[96];               /* where and how it was found (for "explain") */
    int candidates;             /* regions tried */
    double ms;                  /* time spent on this page */
} amcp_dm_found;

/* The page before preprocessing flattened its background, and how to get
 * from it to the preprocessed page: scaled by sx, sy, then turned by
 * `angle` about the centre (pixRotate's sense and centre). Flattening
 * (normalize.c) divides the page by a background estimated in 10 x 15 px
 * tiles; inside a blurred symbol the light modules count as paper in some
 * tiles and not in others, which made some symbols at rough quality
 * unreadable that read at once before flattening. Candidates are still
 * found on the preprocessed page, where the paper is even. */
typedef struct amcp_dm_plain {
    struct Pix *pix;  /* 8 bpp, owned by the caller; NULL: the page was not flattened */
    float sx, sy;     /* preprocessed page size / pix size */
    float angle;      /* radians */
} amcp_dm_plain;

/* Looks for an Inter-AMC Datamatrix in `grey` (8 bpp, the preprocessed page
 * at about 300 dpi): texture-based candidate regions first, each decoded with
 * libdmtx at its own scale then at a second one, all under one deadline of
 * `budget_ms` of the calling thread's CPU time from the call (the same
 * result whatever the machine's load). Symbols whose text does not start
 * with "AMC#" are skipped; the first that does ends the search, accepted or
 * rejected by amcp_dm_parse(). `plain` (may be NULL): when it holds the
 * page before flattening, each candidate is cut from it first, and from
 * `grey` only once none of them reads. Fills *out (zeroed first); the box
 * is in `grey`'s pixels. Returns 0, or -1 on out-of-memory (out->outcome is
 * then AMCP_DM_NONE). Never prints. */
int amcp_dm_decode(struct Pix *grey, const amcp_dm_plain *plain, int page, int budget_ms,
                   amcp_dm_found *out);

/* ---- dm_grid.c ---- */
/* Locates a symbol at the centre of a grey crop (`px`, w x h bytes, rows top
 * down) by its outline, samples its modules for every plausible size and
 * orientation and lets libdmtx's error correction accept or refuse each grid.
 * Returns 1 with the decoded bytes in text[0..*len) (at most `cap`) and the
 * symbol's bounding box in crop pixels (x0, y0, x1, y1), 0 when nothing
 * decodes (or the thread's CPU time, amcp_dm_cpu_ms(), reached `deadline`),
 * -1 on out-of-memory. *outline says how far it got: 0 no square dark blob,
 * 1 a blob without a finder pattern, 2 a finder and clock tracks (a symbol,
 * perhaps too damaged). */
int amcp_dm_grid_decode(const unsigned char *px, int w, int h, double deadline, char *text,
                        size_t cap, size_t *len, int box[4], int *outline);

/* CPU time of the calling thread in ms (the wall clock where there is no
 * such clock): the clock of every Datamatrix deadline. */
double amcp_dm_cpu_ms(void);

#endif
