/*
 * extract.h - the reading model between OCR and JSON: lines built from word
 * boxes (layout.c), printed fields (fields.c), the guarantee grid and the
 * beneficiaries (table.c), checks (checks.c) and explanations (explain.c).
 */
#ifndef AMC_EXTRACT_H
#define AMC_EXTRACT_H
#include "patterns.h"

/* ---- layout.c ---- */
typedef struct {
    int page;
    int x0, y0, x1, y1;   /* union of the words' boxes */
    int *w;               /* word indices, left to right */
    int nw;
    char *text;           /* words joined by one space */
    int *off;             /* byte offset of each word in text */
    int seg;              /* segment number inside its physical line */
    int line;             /* index of the physical line */
} amcp_seg;

/* A second look at a zone of the page (see amcp_ocr_zone): the extraction
 * stages call it where the first reading fails a check. NULL when the words
 * come without their image (extraction tests, fuzzing). */
typedef struct {
    int (*zone)(void *ctx, int page, int x, int y, int w, int h, int psm,
                const char *whitelist, int scale_pct, char *out, size_t outlen);
    void *ctx;
    /* glyphs of the word in a box, counted from the ink, with their
     * columns (amcp_glyph_slots): -1 when the ink cannot tell; may be NULL */
    int (*glyphs)(void *ctx, int page, int x, int y, int w, int h, int *slots, int max);
    /* marks above the word in a box, seen in the ink (amcp_marks_above):
     * accents and dots, with the tall glyphs' height; may be NULL */
    int (*marks)(void *ctx, int page, int x, int y, int w, int h, int *marks, int max,
                 int *tall);
} amcp_relook;

typedef struct {
    const amcp_words *words;
    const amcp_relook *relook;   /* may be NULL */
    amcp_seg *s;          /* segments in reading order (page, line, x) */
    int n;
    int nlines;
    int char_h;           /* median word height: the unit of gaps */
    int page_w[8], page_h[8];
} amcp_layout;

int amcp_layout_build(const amcp_words *words, amcp_layout *lay);
/* Re-reads a zone through lay->relook: the mean confidence (0-100) of what
 * was read into out, or -1 when there is no image or nothing could be read. */
int amcp_relook_zone(const amcp_layout *lay, int page, int x, int y, int w, int h, int psm,
                     const char *whitelist, int scale_pct, char *out, size_t outlen);
/* One glyph, columns [x0, x1) of a word's box (x, y, w, h), read alone
 * (PSM 10) with only the letters `among` at 100 and 200%: the letter both
 * sizes read, or 0 (none, or they disagree). */
char amcp_relook_glyph(const amcp_layout *lay, int page, const int *box, int x0, int x1,
                       const char *among);
/* The glyphs of the word in a box through lay->relook, -1 when unknown. */
int amcp_relook_glyphs(const amcp_layout *lay, int page, int x, int y, int w, int h, int *slots,
                       int max);
/* The marks above the word in a box through lay->relook, -1 when unknown. */
int amcp_relook_marks(const amcp_layout *lay, int page, int x, int y, int w, int h, int *marks,
                      int max, int *tall);
void amcp_layout_free(amcp_layout *lay);
/* Box of the words covering bytes [a,b) of segment s. */
void amcp_seg_box(const amcp_layout *lay, const amcp_seg *s, int a, int b, int *x, int *y,
                  int *w, int *h, float *conf);

/* ---- the reading ---- */
enum {
    AMCP_F_AMC_NUMBER, AMCP_F_AMC_NAME, AMCP_F_TYPE_CONVENTION, AMCP_F_CSR,
    AMCP_F_ADHERENT, AMCP_F_PRINCIPAL, AMCP_F_CONTRACT, AMCP_F_START, AMCP_F_END,
    AMCP_F_COUNT
};
extern const char *const amcp_field_names[AMCP_F_COUNT];

typedef struct {
    char *value;      /* normalised; NULL when absent */
    char *raw;        /* as read */
    float conf;
    int page, x, y, w, h;
    char *how;        /* which pattern / zone produced it */
} amcp_field;

#define AMCP_MAXSUB 8
typedef struct {
    char *code;                  /* without the asterisk */
    char *raw, *value;
    char *conv[AMCP_MAXSUB];
    int nconv;
    char *notes[AMCP_MAXSUB];
    int nnotes;
    amcp_field ev;
} amcp_guar;

typedef struct {
    amcp_field name, birth, rank, nir;
    int nir_valid;
    amcp_guar *g;                /* one per column, same order as the header */
    int ng;
} amcp_benef;

typedef struct {
    char *key, *text;
} amcp_pair;

typedef struct {
    amcp_field f[AMCP_F_COUNT];
    int csr_label_seen;
    amcp_benef *b;
    int nb;
    amcp_guar *cols;              /* header: code + conventions (+ first values) */
    int ncols;
    char *table_how;
    amcp_pair *footnotes;
    int nfootnotes;
    amcp_pair *legend;
    int nlegend;
    struct {                      /* markers taken from the footnotes printed */
        char code[16], read[4], taken[4];
    } notefix[8];
    int nnotefix;
} amcp_reading;

void amcp_field_set(amcp_field *f, const char *value, const char *raw, float conf, int page,
                    int x, int y, int w, int h, const char *how);
void amcp_field_clear(amcp_field *f);
void amcp_reading_free(amcp_reading *r);
/* Frees what a guarantee owns and zeroes it. */
void amcp_guar_clear(amcp_guar *g);

/* fields.c: the labelled fields of patterns/fields.ini. */
void amcp_extract_fields(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r);
/* table.c: header of codes, conventions, beneficiary rows, notes, legend, footnotes. */
void amcp_extract_table(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r);
/* family.c: the rows agree (a NIR key another row reads, ranks from birth
 * dates when the card prints ranks (`rank_label`: a row reads one or a
 * "Rang" label stands on the page), surnames, accents, first names from
 * names.ini); values taken are flagged. Called by amcp_extract_table. */
void amcp_family_agree(const amcp_patterns *p, amcp_reading *r, int rank_label);

/* Normalises a printed guarantee value: upper case, superscripts moved to
 * g's notes (g may be NULL), spaces dropped next to digits, % and /. */
void amcp_value_normalise(const char *raw, char *out, size_t outlen, amcp_guar *g);

/* ---- checks.c ---- */
/* Normalises a date read as JJ/MM/AAAA (also . - and 2-digit years) into
 * out "AAAA-MM-JJ"; returns 0, or -1 if it is not a real calendar date. */
int amcp_date_iso(const char *in, char out[11]);
/* A date whose separators a rough scan lost, read as 1 or 7 or as a colon,
 * rewritten JJ/MM/AAAA from its glyphs' places: "31032025" (8 digits),
 * "3103/2025" or "31/032025" (one lost), "3111212026" (both read 1),
 * "01/01:2025". 0 when the places say so (the date may still not be real:
 * amcp_date_iso tells), -1 otherwise. */
int amcp_date_places(const char *raw, char out[11]);
/* Where a period of one year that ends on ISO date `end` starts, ISO, in
 * out: the day after `end`, one year before ("2026-12-31" -> "2026-01-01",
 * "2026-03-31" -> "2025-04-01"). 0, or -1 when there is no such date. */
int amcp_year_start(const char *end, char out[11]);
/* Where a period of one year that starts on ISO date `start` ends: the day
 * before, one year on ("2026-01-01" -> "2026-12-31", "2025-04-01" ->
 * "2026-03-31"). 0, or -1 when there is no such date. */
int amcp_year_end(const char *start, char out[11]);
/* The digits a rough scan turns digit `d` into (a zero's inside filled:
 * 0 -> 6 8 9; a 1's flag lengthened: 1 -> 7; and back); "" for others. */
const char *amcp_confusable_digits(char d);
/* The real dates an impossible date text `t` ("01/01/2825", "01/61/2025")
 * becomes when exactly `k` of its glyphs are changed for confusable digits,
 * into `out` (at most `max`, distinct, ISO); the count, max + 1 when there
 * were more. `t` is changed during the search and restored. */
int amcp_dates_by_glyphs(char *t, int k, char (*out)[11], int max);
/* The number of accents the first `len` bytes of `plain` lack to be the
 * word that starts `accented` (ending there, or at a space): "Elodie" and
 * "Élodie" -> 1, "BERANGER" and "BÉRANGER INES" (len 8) -> 1. 0 when they
 * differ otherwise: another letter, another accent ("Noé", "Noë"), or an
 * accent `accented` lacks. */
int amcp_accents_dropped(const char *plain, const char *accented, size_t len);
/* ---- names.c ---- */
/* A first name read as the `len` bytes of `word` (UTF-8, letters only,
 * one part of a compound name) that names.ini does not list but that the
 * OCR confusions of names.ini turn into exactly one listed name: that name
 * is written to `out` (in capitals when the word was) and the number of
 * confusions (1 or 2) returned. 0 otherwise: listed as read, no listed
 * name near enough, two at the same distance, or not a name. */
int amcp_first_name_mend(const amcp_patterns *p, const char *word, size_t len, char *out,
                         size_t outlen);
/* A first name read as the `len` bytes of `word` without an accent the
 * one listed spelling with one more accent above a letter has ("Elodie"
 * for Élodie, "Benoit" for Benoît; listed or not as read): that spelling
 * goes to `out` (in capitals when the word was), the accented letter's
 * place among the word's letters to *letter, and 1 is returned. 0 when no
 * listed spelling, or two, differ so. Only the ink can say whether the
 * accent is printed (identity.c). */
int amcp_first_name_accent(const amcp_patterns *p, const char *word, size_t len, char *out,
                           size_t outlen, int *letter);

/* Keeps the digits of `in`. */
void amcp_digits(const char *in, char *out, size_t outlen);
#endif
