/*
 * ocr.c - the Tesseract stage: one engine per reader, words with boxes out.
 *
 * The engine is started once (0.1 s, ~10 MB) and reused for every document.
 * Init-only parameters (user words/patterns, dictionaries) must be given to
 * TessBaseAPIInit4: SetVariable after init silently does nothing for them.
 */
#include "accents.h"
#include "internal.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tesseract/capi.h>

struct amcp_ocr {
    TessBaseAPI *api;
    TessBaseAPI *osd;   /* orientation detection, started when needed */
    int osd_failed;     /* osd.traineddata missing: do not try again */
    TessBaseAPI *eng;   /* the English model, for AMCP_ZONE_ENG; started when needed */
    int eng_failed;     /* eng.traineddata missing: do not try again */
    char model_dir[512];
};

static int file_exists(const char *p)
{
    return access(p, R_OK) == 0;
}

amcp_ocr *amcp_ocr_new(const char *model_dir, const char *tessdata_dir, amc_error *err)
{
    char model[1024], words[1024], pats[1024];
    snprintf(model, sizeof model, "%s/fra.traineddata", model_dir);
    if (!file_exists(model)) {
        amcp_set_error(err, AMC_E_OCR,
                       "French OCR model not found: %s (install tesseract-ocr-fra or set "
                       "TESSDATA_PREFIX)", model);
        return NULL;
    }
    amcp_ocr *o = calloc(1, sizeof *o);
    if (!o) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    o->api = TessBaseAPICreate();
    snprintf(o->model_dir, sizeof o->model_dir, "%s", model_dir);
    snprintf(words, sizeof words, "%s/amcread.user-words", tessdata_dir ? tessdata_dir : "");
    snprintf(pats, sizeof pats, "%s/amcread.user-patterns", tessdata_dir ? tessdata_dir : "");
    const char *names[8], *values[8];
    int n = 0;
    names[n] = "debug_file", values[n++] = "/dev/null";
    if (tessdata_dir && file_exists(words))
        names[n] = "user_words_file", values[n++] = words;
    if (tessdata_dir && file_exists(pats))
        names[n] = "user_patterns_file", values[n++] = pats;
    /* Keep inter-word spaces as printed: letter-spaced numbers stay apart. */
    names[n] = "preserve_interword_spaces", values[n++] = "1";
    if (TessBaseAPIInit4(o->api, model_dir, "fra", OEM_LSTM_ONLY, NULL, 0, (char **)names,
                         (char **)values, (size_t)n, 0) != 0) {
        amcp_set_error(err, AMC_E_OCR, "cannot start Tesseract with the fra model in %s",
                       model_dir);
        amcp_ocr_free(o);
        return NULL;
    }
    return o;
}

void amcp_ocr_free(amcp_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        TessBaseAPIEnd(o->api);
        TessBaseAPIDelete(o->api);
    }
    if (o->eng) {
        TessBaseAPIEnd(o->eng);
        TessBaseAPIDelete(o->eng);
    }
    if (o->osd) {
        TessBaseAPIEnd(o->osd);
        TessBaseAPIDelete(o->osd);
    }
    free(o);
}

const char *amcp_ocr_version(void)
{
    return TessVersion();
}

int amcp_words_push(amcp_words *w, const char *text, int x, int y, int ww, int h, float conf,
                    int page)
{
    if (w->n == w->cap) {
        int nc = w->cap ? w->cap * 2 : 256;
        amcp_word *p = realloc(w->v, (size_t)nc * sizeof *p);
        if (!p)
            return -1;
        w->v = p;
        w->cap = nc;
    }
    char *t = amcp_strdup(text);
    if (!t)
        return -1;
    w->v[w->n++] = (amcp_word){t, x, y, ww, h, conf, page, NULL};
    return 0;
}

void amcp_words_truncate(amcp_words *w, int n)
{
    while (w->n > n) {
        w->n--;
        free(w->v[w->n].text);
        free(w->v[w->n].alt);
    }
}

void amcp_words_free(amcp_words *w)
{
    for (int i = 0; i < w->n; i++) {
        free(w->v[i].text);
        free(w->v[i].alt);
    }
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

/* One glyph of a word, as Tesseract segmented it. */
typedef struct {
    char text[8];
    int x1, y1, x2, y2;
    int alt;             /* an O whose shape says 0 (narrow_o_is_zero) */
} glyph;

#define MAX_GLYPHS 64

static const char *const sup_digit[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

/* Footnote markers are printed as small raised digits glued to a value
 * ("100 %¹", "PEC²"). Tesseract reads them as ordinary digits ("1001") or as
 * noise ("PEC?2"), which turns a right value into a wrong one. The geometry
 * says what they are: trailing glyphs whose bottom sits well above the
 * word's baseline and that are clearly shorter than its other glyphs. Those
 * become Unicode superscript digits (or are dropped when not digits), which
 * the table stage already reads as note markers. */
/* Glyphs Tesseract invents around a raised marker; never part of a value. */
static int is_blot(const char *t)
{
    return !strcmp(t, "?") || !strcmp(t, "'") || !strcmp(t, "\"") || !strcmp(t, "°") ||
           !strcmp(t, "’") || !strcmp(t, "”") || !strcmp(t, ":");
}

/* The digit a small raised glyph stands for: Tesseract reads a raised ¹ as
 * "!" or "|" and a raised ² as "?". -1 when it is no marker. */
static int marker_digit(const char *t)
{
    if (t[0] >= '0' && t[0] <= '9' && !t[1])
        return t[0] - '0';
    if (!strcmp(t, "!") || !strcmp(t, "|") || !strcmp(t, "l") || !strcmp(t, "I") ||
        !strcmp(t, "i"))
        return 1;
    if (!strcmp(t, "?"))
        return 2;
    return -1;
}

/* Glyphs [0, n) read as D[D]/D[D]/... : a date, not "100/100/100". */
static int looks_like_date(const glyph *g, int n)
{
    int part = 0, len = 0;
    for (int i = 0; i < n; i++) {
        if (!strcmp(g[i].text, "/")) {
            if (len < 1 || len > 2 || part >= 2)
                return 0;
            part++;
            len = 0;
        } else if (g[i].text[0] >= '0' && g[i].text[0] <= '9' && !g[i].text[1]) {
            len++;
        } else {
            return 0;
        }
    }
    return part == 2;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* A glyph whose bottom sits well above the word's baseline (a quarter of
 * the glyph height) and that is clearly shorter (under 80%). */
static int raised_small(const glyph *g, int base, int hmax)
{
    return base - g->y2 > hmax / 4 && (g->y2 - g->y1) * 10 < hmax * 8;
}

/* The word's baseline and glyph height: upper medians over its glyphs that
 * are no blots, so one glyph merged with a table rule or a blot cannot move
 * them. 0 when the word is too short or too small to tell. */
static int word_base(const glyph *g, int n, int *base, int *hmax)
{
    int ys[MAX_GLYPHS], hs[MAX_GLYPHS], m = 0;
    for (int i = 0; i < n; i++) {
        if (is_blot(g[i].text))
            continue;
        ys[m] = g[i].y2;
        hs[m++] = g[i].y2 - g[i].y1;
    }
    if (m < 2)
        return 0;
    qsort(ys, (size_t)m, sizeof *ys, cmp_int);
    qsort(hs, (size_t)m, sizeof *hs, cmp_int);
    *base = ys[m / 2], *hmax = hs[m / 2];
    return *hmax >= 8;
}

static void mark_superscripts(glyph *g, int n)
{
    int base, hmax;
    if (n < 2 || !word_base(g, n, &base, &hmax))
        return;
    int first = n, digits = 0;
    for (int i = n - 1; i > 0 && n - i <= 3; i--) {
        if (raised_small(&g[i], base, hmax) && marker_digit(g[i].text) >= 0)
            digits++;
        else if (!is_blot(g[i].text) || !digits)
            break;
        first = i;
    }
    /* three raised digits are no marker: the end of a skewed date or
     * number ("01/0112026" whose "026" climbs on a rough scan) */
    if (!digits || digits > 2)
        return;
    /* a date ("31/07/1959") ends in a digit that skew or a blot can raise:
     * footnote markers are not printed after dates */
    if (looks_like_date(g, first))
        return;
    /* the glyphs before the marker must stand on the baseline */
    int body = 0;
    for (int i = 0; i < first; i++)
        body |= base - g[i].y2 <= hmax / 6;
    if (!body)
        return;
    for (int i = first; i < n; i++) {
        int d = marker_digit(g[i].text);
        if (d >= 0 && raised_small(&g[i], base, hmax))
            snprintf(g[i].text, sizeof g[i].text, "%s", sup_digit[d]);
        else if (is_blot(g[i].text))
            g[i].text[0] = 0; /* a blot read next to the marker */
    }
}

/* In an identifier ("KU0H72VP": capitals and digits, five glyphs or more) the LSTM's letter bias reads a zero as O. The glyph's
 * shape tells them apart in proportional fonts: an O is about as wide as
 * tall, a zero clearly narrower (DejaVu/Liberation: O 0.95-1.05, zero
 * 0.65-0.8 bold included; the cut is 0.85). A
 * monospaced zero is as narrow as its O, but carries a dot or a slash the
 * LSTM reads. */
static int narrow_o_is_zero(glyph *g, int n)
{
    if (n < 5)
        return 0;
    int letters = 0, digits = 0;
    for (int i = 0; i < n; i++) {
        const char *t = g[i].text;
        if (t[1] || !((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= '0' && t[0] <= '9')))
            return 0;
        letters += t[0] >= 'A' && t[0] <= 'Z' && t[0] != 'O';
        digits += t[0] >= '0' && t[0] <= '9';
    }
    if (!letters)
        return 0;
    /* a word of capitals alone may be a name (some fonts draw a narrow O):
     * its narrow O's are only marked (glyph text "0" with `alt` set), for
     * the fields that hold identifiers to decide */
    int marked = 0;
    for (int i = 0; i < n; i++) {
        int w = g[i].x2 - g[i].x1, h = g[i].y2 - g[i].y1;
        if (g[i].text[0] == 'O' && h >= 8 && w * 100 < h * 85) {
            if (digits)
                g[i].text[0] = '0';
            else
                g[i].alt = 1, marked++;
        }
    }
    return marked;
}

/* The LSTM sometimes dresses a lone digit as a footnote marker: a "0" at
 * the end of a list line comes out "(0)", and the marker reading then
 * swallows the value. Its glyph boxes cannot tell (they are loose: a real
 * "(2)" gets its brackets boxed inside the digit too), the word's width
 * can: a printed "(2)" is about 1.2 times as wide as tall, a lone digit
 * about 0.6 (seen: "(0)" 18 px wide, 29 px tall). A "(d)" narrower than
 * 0.8 of its height is the digit alone. Returns the new glyph count. */
static int drop_phantom_brackets(glyph *g, int n)
{
    if (n != 3 || strcmp(g[0].text, "(") || strcmp(g[2].text, ")") ||
        g[1].text[0] < '0' || g[1].text[0] > '9' || g[1].text[1])
        return n;
    int x1 = g[0].x1, x2 = g[0].x2, y1 = g[0].y1, y2 = g[0].y2;
    for (int i = 1; i < 3; i++) {
        if (g[i].x1 < x1) x1 = g[i].x1;
        if (g[i].x2 > x2) x2 = g[i].x2;
        if (g[i].y1 < y1) y1 = g[i].y1;
        if (g[i].y2 > y2) y2 = g[i].y2;
    }
    if ((x2 - x1) * 10 >= (y2 - y1) * 8 || y2 - y1 < 8)
        return n;
    g[0] = g[1];
    return 1;
}

/* What word_text saw of a word's footnote marker, for the second look. */
typedef struct {
    int sup;             /* one trailing superscript digit was made, or a
                          * raised blot ends the word: its box */
    int x1, y1, x2, y2;
    int blot;            /* the box is a blot's ("100%\"" for "100%¹") */
    int bare;            /* no marker, ends like a value that may carry one */
    int lx1, lx2, ly2;   /* the last glyph's columns and bottom: a raised blob
                          * that is this glyph (its bottom raised too) is the
                          * marker misread ("TMS" for "TM³"); a glyph that
                          * reaches the baseline swallowed it ("0" of "0¹") */
} marker_info;

/* Ends like a value a footnote marker is glued to: "100", "100 %", "PEC",
 * "VIA" (digits, %, two capitals or more), and is not a date. */
static int may_carry_marker(const glyph *g, int n)
{
    if (n < 1 || looks_like_date(g, n))
        return 0;
    const char *t = g[n - 1].text;
    if (t[1])
        return 0;
    if ((t[0] >= '0' && t[0] <= '9') || t[0] == '%')
        return 1;
    return n >= 2 && t[0] >= 'A' && t[0] <= 'Z' && g[n - 2].text[0] >= 'A' &&
           g[n - 2].text[0] <= 'Z' && !g[n - 2].text[1];
}

/* The word's x-height line and baseline: the lowest top and the median
 * bottom of its glyphs without ascender, descender or accent ("a c e m n o
 * r s u v w x z"). The lowest top, as the LSTM's loose boxes only reach up
 * (the "c" of "Loic" boxed with the i's dot above it). 0 when it has none. */
static int x_height(const glyph *g, int n, int *top, int *base)
{
    int b[MAX_GLYPHS], m = 0, t = -1;
    for (int i = 0; i < n; i++)
        if (!g[i].text[1] && g[i].text[0] && strchr("acemnorsuvwxz", g[i].text[0])) {
            b[m++] = g[i].y2;
            if (g[i].y1 > t)
                t = g[i].y1;
        }
    if (!m)
        return 0;
    qsort(b, (size_t)m, sizeof *b, cmp_int);
    *top = t, *base = b[m / 2];
    return *base - *top >= 6;
}

/* The text of the word under `it`, rebuilt from its glyphs so raised
 * footnote markers can be told apart. Falls back to the word's own text. */
static void word_text(TessResultIterator *it, char *buf, char *alt, size_t size,
                      marker_info *mi, amcp_accents *ac)
{
    memset(mi, 0, sizeof *mi);
    ac->n = 0;
    alt[0] = 0;
    glyph g[MAX_GLYPHS];
    int n = 0;
    buf[0] = 0;
    TessResultIterator *c = TessResultIteratorCopy(it);
    if (c) {
        TessPageIterator *cp = TessResultIteratorGetPageIterator(c);
        do {
            char *t = TessResultIteratorGetUTF8Text(c, RIL_SYMBOL);
            if (t && n < MAX_GLYPHS &&
                TessPageIteratorBoundingBox(cp, RIL_SYMBOL, &g[n].x1, &g[n].y1, &g[n].x2,
                                            &g[n].y2)) {
                snprintf(g[n].text, sizeof g[n].text, "%s", t);
                g[n].alt = 0;
                n++;
            }
            TessDeleteText(t);
        } while (n < MAX_GLYPHS && TessPageIteratorNext(cp, RIL_SYMBOL) &&
                 !TessPageIteratorIsAtBeginningOf(cp, RIL_WORD));
        TessResultIteratorDelete(c);
    }
    if (n == 0 || n == MAX_GLYPHS) {
        char *t = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        snprintf(buf, size, "%s", t ? t : "");
        TessDeleteText(t);
        return;
    }
    n = drop_phantom_brackets(g, n);
    mark_superscripts(g, n);
    int marked = narrow_o_is_zero(g, n);
    /* one superscript digit, last glyph: a second look may correct it */
    int nsup = 0;
    for (int i = 0; i < n; i++)
        for (int d = 0; d < 10; d++)
            nsup += !strcmp(g[i].text, sup_digit[d]);
    if (nsup == 1) {
        int last = n - 1;
        while (last > 0 && !g[last].text[0])
            last--;
        for (int d = 0; d < 10; d++)
            if (!strcmp(g[last].text, sup_digit[d]))
                *mi = (marker_info){1, g[last].x1, g[last].y1, g[last].x2, g[last].y2, 0,
                                    0, 0, 0, 0};
    } else if (!nsup && n >= 2 && may_carry_marker(g, n - 1) &&
               (is_blot(g[n - 1].text) || !strcmp(g[n - 1].text, "!") ||
                (!strcmp(g[n - 1].text, "*") && isdigit((unsigned char)g[n - 2].text[0])))) {
        /* a marker read as a quote, a colon, "!" or, after a number, "*"
         * ("250*" for "250³"; a code's "PHAR*" is left alone): its box
         * from the previous glyph's right edge (the LSTM's box of "!" in
         * "100%!" spans the "%" and reaches the baseline); the ink decides
         * whether it is raised */
        int x1 = g[n - 1].x1 > g[n - 2].x2 ? g[n - 1].x1 : g[n - 2].x2;
        if (g[n - 1].x2 - x1 >= 2)
            *mi = (marker_info){1, x1, g[n - 1].y1, g[n - 1].x2, g[n - 1].y2, 1, 0, 0, 0, 0};
    } else if (!nsup) {
        mi->bare = may_carry_marker(g, n);
        mi->lx1 = g[n - 1].x1, mi->lx2 = g[n - 1].x2, mi->ly2 = g[n - 1].y2;
    }
    size_t len = 0;
    if (!x_height(g, n, &ac->xh_top, &ac->base))
        ac->base = 0;
    for (int i = 0; i < n && len + sizeof g[i].text < size; i++) {
        size_t l = strlen(g[i].text);
        if (n >= 2)
            amcp_accents_note(ac, g[i].text, (int)len, g[i].x1, g[i].y1, g[i].x2, g[i].y2);
        memcpy(buf + len, g[i].text, l);
        memcpy(alt + len, g[i].alt ? "0" : g[i].text, l);
        len += l;
    }
    buf[len] = 0;
    alt[marked ? len : 0] = 0;
}

static int ocr_run(amcp_ocr *o, TessBaseAPI *api, PIX *pix, int dpi, int page, int psm,
                   const char *whitelist, int timeout_ms, amcp_words *out, amc_error *err);

/* A word of the page that deserves a second look: at its footnote marker
 * (mi.sup or mi.bare), at its glyphs that may carry an accent (ac.n), or both. */
typedef struct {
    int word;
    marker_info mi;
    amcp_accents ac;
} word_cand;

/* The grey levels of word `w`'s ink and paper on page `g` (its 5% and 95%
 * ranks); 0 when the word has no contrast. */
static int word_levels(PIX *g, const amcp_word *w, int *fg, int *bg)
{
    BOX *b = boxCreate(w->x, w->y, w->w, w->h);
    PIX *c = b ? pixClipRectangle(g, b, NULL) : NULL;
    boxDestroy(&b);
    l_uint32 f = 0, k = 255;
    int ok = c && pixGetRankValue(c, 1, 0.05f, &f) == 0 && pixGetRankValue(c, 1, 0.95f, &k) == 0;
    pixDestroy(&c);
    *fg = (int)f, *bg = (int)k;
    return ok && *bg - *fg >= 48;
}

/* The ink threshold of word `w` on gray page `g`: halfway between its ink
 * and its background; -1 when the word has no contrast. */
static int word_threshold(PIX *g, const amcp_word *w)
{
    int fg, bg;
    return word_levels(g, w, &fg, &bg) ? (fg + bg) / 2 : -1;
}

/* The rows [*top, *bot] holding ink in columns [x0, x1) and rows [y0, y1),
 * leaving out table rules (rows inked across most of the word xw0..xw1,
 * columns inked over nearly all rows) and noise (a row needs two inked
 * pixels); the tallest run of such rows. 0 when there is no such ink. */
static int ink_rows(PIX *g, int thr, int x0, int x1, int y0, int y1, int xw0, int xw1, int *top,
                    int *bot)
{
    const l_uint32 *data = pixGetData(g);
    int wpl = pixGetWpl(g);
    *top = y1, *bot = -1;
    int run_top = -1, last = -10;
    for (int y = y0; y < y1; y++) {
        const l_uint32 *row = data + y * wpl;
        int across = 0;
        for (int x = xw0; x < xw1; x++)
            across += (int)GET_DATA_BYTE(row, x) < thr;
        if (across * 10 >= (xw1 - xw0) * 7)
            continue; /* a horizontal rule */
        /* two inked pixels at least: one is scanner noise */
        int inked = 0;
        for (int x = x0; x < x1 && inked < 2; x++) {
            if ((int)GET_DATA_BYTE(row, x) >= thr)
                continue;
            int down = 0;
            for (int yy = y0; yy < y1; yy++)
                down += (int)GET_DATA_BYTE(data + yy * wpl, x) < thr;
            if (down * 10 >= (y1 - y0) * 9)
                continue; /* a vertical rule */
            inked++;
        }
        if (inked >= 2 || (inked && x1 - x0 <= 3)) {
            /* the tallest run of inked rows (gaps of 2 rows or more split
             * runs): a rule's frayed edge below the text is a run apart */
            if (run_top < 0 || y - last > 2)
                run_top = y;
            last = y;
            if (last - run_top > *bot - *top)
                *top = run_top, *bot = last;
        }
    }
    return *bot >= 0;
}

/* Checks a superscript made from glyph boxes against the ink: a box
 * inflated by a table rule makes a plain digit look raised ("100" read
 * "10⁰"), and a cell's rule can be read as a raised "6". 1 when the glyph
 * really ends well above the body's baseline, 0 when it stands on it, -1
 * when there is no ink but rules under it. */
static int sup_confirmed(PIX *g, const amcp_word *w, const marker_info *mi, int *mtop, int *mbot,
                         int *mx1)
{
    int W = (int)pixGetWidth(g), H = (int)pixGetHeight(g);
    int thr = word_threshold(g, w);
    int y0 = w->y, y1 = w->y + w->h, xw1 = w->x + w->w;
    if (thr < 0 || y0 < 0 || y1 > H || xw1 > W || mi->x1 <= w->x || mi->x1 >= xw1)
        return 1; /* nothing to check against: keep the glyphs' verdict */
    int bt, bb, mt, mb;
    if (!ink_rows(g, thr, w->x, mi->x1, y0, y1, w->x, xw1, &bt, &bb))
        return 1;
    if (!ink_rows(g, thr, mi->x1, mi->x2 < xw1 ? mi->x2 : xw1, y0, y1, w->x, xw1, &mt, &mb))
        return -1; /* only a table rule there: no glyph at all */
    *mtop = mt, *mbot = mb;
    int gh = bb - bt + 1;
    if ((mb - mt + 1) * 5 < gh)
        return -1; /* a speck (a rule's corner): no digit */
    if (bb - mb > gh / 4 && (mb - mt + 1) * 10 < gh * 8)
        return 1;
    /* a blot's box, from the previous glyph's right edge, may take in the
     * blurred edge of that glyph ("00\"" for "00¹" on a rough scan): the
     * columns at its right end whose ink stays well above the baseline are
     * the marker, when there are at least two */
    int x2 = mi->x2 < xw1 ? mi->x2 : xw1, x = x2;
    if (!mi->blot)
        return 0;
    int rt = y1, rb = -1;
    for (; x > mi->x1; x--) {
        int t, b;
        if (!ink_rows(g, thr, x - 1, x, y0, y1, w->x, xw1, &t, &b))
            continue; /* a gap between the glyphs */
        if (bb - b <= gh / 4)
            break;
        rt = t < rt ? t : rt, rb = b > rb ? b : rb;
    }
    if (rb < 0 || x2 - x < 2 || (rb - rt + 1) * 5 < gh || (rb - rt + 1) * 10 >= gh * 8)
        return 0;
    *mtop = rt, *mbot = rb, *mx1 = x;
    return 1;
}

/* Finds a small raised blob just right of word `w` on gray page `g`: a
 * footnote marker Tesseract dropped ("100/100/100" for "100/100/100¹").
 * Ink is darker than halfway between the word's ink and its background.
 * The blob must start within half a word height, stand clear of the top of
 * the searched zone (a table rule runs through it), end a quarter of the
 * word height above its baseline, and be smaller than its glyphs. */
static int raised_blob(PIX *g, const amcp_word *w, int *bx, int *by, int *bw, int *bh)
{
    int W = (int)pixGetWidth(g), H = (int)pixGetHeight(g), h = w->h;
    if (h < 10)
        return 0;
    int rx0 = w->x + w->w, rx1 = rx0 + h, ry0 = w->y - h / 4, ry1 = w->y + h;
    if (rx0 >= W || ry0 < 0 || ry1 > H)
        return 0;
    if (rx1 > W)
        rx1 = W;
    int thr = word_threshold(g, w);
    if (thr < 0)
        return 0;
    l_uint32 *data = pixGetData(g);
    int wpl = pixGetWpl(g);
    /* runs of inked columns from the word's last glyph on; Tesseract may
     * have put the marker inside the word's box and left it out of its
     * text, so the search starts a word height before the box ends */
    int xs = rx0 - h > w->x ? rx0 - h : w->x;
    int c0 = -1, c1 = -1, top = 0, bot = -1, run0 = -1, rtop = 0, rbot = -1;
    for (int x = xs; x <= rx1; x++) {
        int t = -1, bo = -1;
        for (int y = ry0; x < rx1 && y < ry1; y++)
            if ((int)GET_DATA_BYTE(data + y * wpl, x) < thr) {
                if (t < 0)
                    t = y;
                bo = y;
            }
        if (t >= 0) {
            if (run0 < 0)
                run0 = x, rtop = t, rbot = bo;
            rtop = t < rtop ? t : rtop;
            rbot = bo > rbot ? bo : rbot;
            continue;
        }
        if (run0 >= 0) {
            /* a run ended: the candidate is the last one that starts close
             * enough to the word */
            if (run0 > rx0 + h / 2)
                break;
            c0 = run0, c1 = x - 1, top = rtop, bot = rbot;
            run0 = -1;
        }
    }
    if (c0 < 0 || top <= ry0 || bot < 0 || c1 < rx0 - h / 2)
        return 0;
    /* the word's body before the blob gives the baseline and glyph height:
     * Tesseract's box can be much taller than the glyphs */
    int btop = ry1, bbot = -1;
    for (int x = w->x; x < c0 && x < rx0; x++)
        for (int y = w->y; y < ry1; y++)
            if ((int)GET_DATA_BYTE(data + y * wpl, x) < thr) {
                btop = y < btop ? y : btop;
                bbot = y > bbot ? y : bbot;
            }
    int gh = bbot - btop + 1;
    if (bbot < 0 || gh < 8)
        return 0;
    int bh_ = bot - top + 1, bw_ = c1 - c0 + 1;
    if (bbot - bot <= gh / 4 || bh_ * 4 < gh || bh_ * 10 > gh * 8 || bw_ * 10 > gh * 8 ||
        bw_ < 2)
        return 0;
    *bx = c0, *by = top, *bw = bw_, *bh = bh_;
    return 1;
}

/* A zone reaches a little above and below its line: the bottoms of the
 * line above ("DEPR" over a convention cell) show as short marks along its
 * top edge, which a single-line read takes for text. Short ink touching the
 * top or bottom edge is cleared from binary zone `bin`. A glyph's crop
 * (`glyph`) also loses ink touching its sides that is smaller than the
 * biggest blob: the end of the "%" before a raised "1". */
static void drop_cut_glyphs(PIX *bin, int glyph)
{
    int W = (int)pixGetWidth(bin), H = (int)pixGetHeight(bin);
    BOXA *boxa = NULL;
    PIXA *pixa = NULL;
    if (H < 6 || !(boxa = pixConnComp(bin, &pixa, 8))) {
        pixaDestroy(&pixa);
        return;
    }
    int n = boxaGetCount(boxa), big = 0;
    for (int i = 0; i < n; i++) {
        l_int32 bx, by, bw, bh;
        if (!boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh) && bw * bh > big)
            big = bw * bh;
    }
    for (int i = 0; i < n; i++) {
        l_int32 bx, by, bw, bh;
        if (boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh))
            continue;
        int cut = bh * 3 < H && (by == 0 || by + bh >= H);
        int side = glyph && bw * bh < big && (bx == 0 || bx + bw >= W);
        if (!cut && !side)
            continue;
        PIX *cc = pixaGetPix(pixa, i, L_CLONE);
        if (cc)
            pixRasterop(bin, bx, by, bw, bh, PIX_NOT(PIX_SRC) & PIX_DST, cc, 0, 0);
        pixDestroy(&cc);
    }
    boxaDestroy(&boxa);
    pixaDestroy(&pixa);
}

/* Tesseract's own threshold (Otsu over the image) splits the background's
 * noise when the ink is a small share of a small image: a clear "SP" cut
 * from a scanned tint reads "SE", "=" or nothing, a lone "1" no digit.
 * Returns gray crop `c` thresholded between its ink (the darkest 1%, at 0)
 * and its background `bg` (at 100) at `pct` (50: halfway), 0 or 255, with
 * the cut glyphs along its
 * edges cleared (drop_cut_glyphs); NULL when ink and background are too close to
 * tell (then Tesseract's threshold is as good as any). */
static PIX *small_threshold(PIX *c, l_uint32 bg, int glyph, int pct)
{
    l_uint32 ink = 255;
    if (pixGetDepth(c) != 8 || pixGetColormap(c) || pixGetRankValue(c, 1, 0.01f, &ink) != 0 ||
        bg <= ink + 48)
        return NULL;
    PIX *bin = pixThresholdToBinary(c, (int)ink + (int)(bg - ink) * pct / 100);
    if (!bin)
        return NULL;
    drop_cut_glyphs(bin, glyph);
    PIX *g8 = pixConvert1To8(NULL, bin, 255, 0);
    pixDestroy(&bin);
    return g8;
}

/* One reading of the glyph crop `c` enlarged so the glyph is `target` px
 * tall; the digit and its confidence (0-1), or -1. */
static int read_glyph(amcp_ocr *o, PIX *c, int dpi, int h, int target, float *conf)
{
    float f = (float)target / (float)(h + 4);
    if (f < 1)
        f = 1;
    if (f > 8)
        f = 8;
    PIX *sc = pixScaleGrayLI(c, f, f);
    l_uint32 bg = 255;
    if (pixGetRankValue(c, 1, 0.9f, &bg) != 0)
        bg = 255;
    PIX *bin = sc ? small_threshold(sc, bg, 1, 50) : NULL;
    if (bin) {
        pixDestroy(&sc);
        sc = bin;
        bg = 255;
    }
    PIX *bordered = sc ? pixAddBorder(sc, 16, bg) : NULL;
    pixDestroy(&sc);
    if (!bordered)
        return -1;
    amcp_words words = {0};
    amc_error err = {0};
    int rc = ocr_run(o, o->api, bordered, (int)((float)dpi * f), 0, PSM_SINGLE_CHAR, "0123456789",
                     1000, &words, &err);
    pixDestroy(&bordered);
    int d = -1;
    if (rc == 0 && words.n == 1 && words.v[0].text[0] >= '0' && words.v[0].text[0] <= '9' &&
        !words.v[0].text[1]) {
        d = words.v[0].text[0] - '0';
        *conf = words.v[0].conf;
    }
    amcp_words_free(&words);
    return d;
}

/* Reads the marker glyph in box (x, y, w, h) alone, enlarged to a normal
 * text size: a raised digit a third of the line height is often misread
 * in place (a ³ read as ⁵). A lone "1" gets a low confidence at one size
 * and a high one at another: a confident reading is taken, or two sizes
 * that agree. Returns the digit, or -1 when unsure. */
static int read_marker(amcp_ocr *o, PIX *g, int dpi, int x, int y, int w, int h)
{
    BOX *b = boxCreate(x - 2, y - 2, w + 4, h + 4);
    PIX *c = b ? pixClipRectangle(g, b, NULL) : NULL;
    boxDestroy(&b);
    if (!c)
        return -1;
    static const int targets[] = {40, 24, 64};
    int seen[3], n = 0, d = -1;
    float seenc[3];
    for (int i = 0; i < 3 && d < 0; i++) {
        float cf = 0;
        int r = read_glyph(o, c, dpi, h, targets[i], &cf);
        if (r < 0 || cf < 0.3f)
            continue;
        for (int j = 0; j < n; j++)
            if (seen[j] == r && seenc[j] >= 0.3f)
                d = r;
        if (cf >= 0.5f)
            d = r;
        seen[n] = r, seenc[n++] = cf;
    }
    pixDestroy(&c);
    return d;
}

/* Tesseract's box of a word that touches a table rule takes the rule in
 * ("colonnes" 72 px tall on a 30 px line): the line is then misplaced and
 * the label-value geometry breaks. A word much taller than the page's
 * median word gets the vertical extent of its own ink, rules left out. */
static void tighten_tall_boxes(PIX *g, amcp_words *out, int first)
{
    int n = out->n - first;
    if (n < 8)
        return;
    int *hs = malloc((size_t)n * sizeof *hs);
    if (!hs)
        return;
    for (int i = 0; i < n; i++)
        hs[i] = out->v[first + i].h;
    qsort(hs, (size_t)n, sizeof *hs, cmp_int);
    int med = hs[n / 2];
    free(hs);
    int W = (int)pixGetWidth(g), H = (int)pixGetHeight(g);
    for (int i = first; i < out->n; i++) {
        amcp_word *w = &out->v[i];
        if (w->h * 10 < med * 18 || w->x < 0 || w->y < 0 || w->x + w->w > W ||
            w->y + w->h > H || w->w < 4)
            continue;
        int thr = word_threshold(g, w), top, bot;
        if (thr < 0 ||
            !ink_rows(g, thr, w->x, w->x + w->w, w->y, w->y + w->h, w->x, w->x + w->w, &top,
                      &bot))
            continue;
        if (bot - top + 1 >= med / 2 && bot - top + 1 < w->h)
            w->y = top, w->h = bot - top + 1;
    }
}

/* Tesseract now and then boxes a word over its neighbour on the line too
 * ("100%" 273 px wide over the next cell's "100%", 100 px): the word then
 * seems to stand under the next column and its own column is lost. A word
 * whose box holds another word of the same line whole ends where that word
 * starts, when it starts well before it (the text it read lies there). A
 * box merely reaching into the next word ("100" boxed over the "%" of
 * "100 %") is left: that is the cell's extent, which the columns and the
 * second looks were measured with. (internal.h) */
void amcp_words_trim_overlaps(amcp_words *out, int first)
{
    for (int i = first; i < out->n; i++) {
        amcp_word *a = &out->v[i];
        for (int j = first; j < out->n; j++) {
            const amcp_word *b = &out->v[j];
            int lo = a->y > b->y ? a->y : b->y;
            int hi = a->y + a->h < b->y + b->h ? a->y + a->h : b->y + b->h;
            /* same line: they share half the shorter word's height */
            int shorter = a->h < b->h ? a->h : b->h;
            if (j == i || (hi - lo) * 2 < shorter || b->x <= a->x + a->w / 4 ||
                b->x + b->w > a->x + a->w)
                continue;
            a->w = b->x - a->x;
        }
    }
}

/* Where the last UTF-8 character of `t` starts (a superscript digit takes
 * 2 or 3 bytes). */
static size_t last_char(const char *t)
{
    size_t k = strlen(t);
    while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
        k--;
    return k > 0 ? k - 1 : 0;
}

/* The second look at footnote markers: a superscript digit is read again
 * on its own, and a value with a small raised blob after it gets the
 * marker Tesseract dropped. */
static void second_look_markers(amcp_ocr *o, PIX *g, int dpi, amcp_words *out,
                                const word_cand *wc, int n)
{
    for (int i = 0; i < n; i++) {
        const marker_info *mi = &wc[i].mi;
        if (!mi->sup && !mi->bare)
            continue;
        amcp_word *w = &out->v[wc[i].word];
        int bx = 0, by = 0, bw = 0, bh = 0;
        int mt = -1, mb = -1, mx1 = mi->x1;
        int verdict = mi->sup ? sup_confirmed(g, w, mi, &mt, &mb, &mx1) : 1;
        if (mi->blot && mt < 0)
            continue; /* no ink to tell a raised marker from a plain glyph */
        if (verdict <= 0) {
            /* not raised after all: the plain digit it was, or nothing */
            size_t k = last_char(w->text);
            for (int d = 0; d < 10; d++)
                if (!strcmp(w->text + k, sup_digit[d])) {
                    w->text[k] = (char)('0' + d);
                    w->text[verdict < 0 ? k : k + 1] = 0;
                }
            continue;
        }
        if (mi->sup)
            bx = mx1, by = mi->y1, bw = mi->x2 - mx1, bh = mi->y2 - mi->y1;
        if (mi->blot && mb >= mt && mt >= 0)
            by = mt, bh = mb - mt + 1; /* the glyph's box reached the baseline */
        else if (!raised_blob(g, w, &bx, &by, &bw, &bh))
            continue;
        int d = read_marker(o, g, dpi, bx, by, bw, bh);
        if (d < 0 && mi->blot && w->text[last_char(w->text)] == '*')
            continue; /* no digit under a star: a printed asterisk, kept */
        if (d < 0 && mi->blot)
            w->text[last_char(w->text)] = 0; /* raised, no digit: not the value's */
        if (d < 0)
            continue;
        size_t l = strlen(w->text);
        /* the blob is the word's own last glyph: it was the marker, misread */
        int ov = (bx + bw < mi->lx2 ? bx + bw : mi->lx2) - (bx > mi->lx1 ? bx : mi->lx1);
        int own = !mi->sup && mi->lx2 > mi->lx1 && ov * 2 > bw &&
                  abs(mi->ly2 - (by + bh)) * 5 <= w->h;
        if (mi->sup || own)
            l = last_char(w->text); /* the superscript or the misread glyph */
        char *t = malloc(l + 4);
        if (!t)
            continue;
        memcpy(t, w->text, l);
        strcpy(t + l, sup_digit[d]);
        free(w->text);
        w->text = t;
        free(w->alt); /* no longer the same length */
        w->alt = NULL;
        if (!mi->sup && bx + bw > w->x + w->w)
            w->w = bx + bw - w->x;
    }
}

/* A footnote's marker printed as a superscript before its text ("¹ Taux
 * AMC sur pharmacie") is a word of its own, a plain small "1" to the LSTM;
 * mark_superscripts only sees glyphs inside one word. A one-digit word about
 * half as tall as the word just right of it, sharing its top and ending well
 * above its baseline, is that superscript. (A rank or a value digit stands
 * on the baseline at full height.) */
static void lone_superscripts(amcp_words *out, int first)
{
    for (int i = first; i < out->n; i++) {
        amcp_word *w = &out->v[i];
        if (w->text[0] < '1' || w->text[0] > '9' || w->text[1] || w->h < 4)
            continue;
        const amcp_word *nb = NULL;
        for (int j = first; j < out->n; j++) {
            const amcp_word *q = &out->v[j];
            int gap = q->x - (w->x + w->w);
            if (j == i || q->page != w->page || gap < 0 || gap > q->h ||
                q->y + q->h <= w->y || q->y >= w->y + w->h)
                continue;
            if (!nb || q->x < nb->x)
                nb = q;
        }
        if (!nb || w->h * 10 > nb->h * 7 || !isalpha((unsigned char)nb->text[0]))
            continue;
        int raised = (nb->y + nb->h) - (w->y + w->h);
        if (raised * 4 >= nb->h && abs(w->y - nb->y) * 4 <= nb->h) {
            char *t = amcp_strdup(sup_digit[w->text[0] - '0']);
            if (t) {
                free(w->text), free(w->alt);
                w->text = t, w->alt = NULL;
            }
        }
    }
}

static void accents_check(PIX *g, amcp_words *out, const word_cand *wc, int n)
{
    for (int i = 0; i < n; i++)
        if (wc[i].ac.n) {
            amcp_word *w = &out->v[wc[i].word];
            int fg, bg;
            if (word_levels(g, w, &fg, &bg))
                amcp_accents_fix(g, fg, bg, w, &wc[i].ac);
        }
}

int amcp_ocr_words(amcp_ocr *o, PIX *pix, int dpi, int page, int psm, int timeout_ms,
                   amcp_words *out, amc_error *err)
{
    return ocr_run(o, o->api, pix, dpi, page, psm, NULL, timeout_ms, out, err);
}

static int ocr_run(amcp_ocr *o, TessBaseAPI *api, PIX *pix, int dpi, int page, int psm,
                   const char *whitelist, int timeout_ms, amcp_words *out, amc_error *err)
{
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetVariable(api, "tessedit_char_whitelist", whitelist ? whitelist : "");
    TessBaseAPISetImage2(api, pix);
    TessBaseAPISetSourceResolution(api, dpi > 0 ? dpi : 300);
    ETEXT_DESC *mon = TessMonitorCreate();
    TessMonitorSetDeadlineMSecs(mon, timeout_ms > 0 ? timeout_ms : 20000);
    int rc = TessBaseAPIRecognize(api, mon);
    TessMonitorDelete(mon);
    if (rc != 0) {
        TessBaseAPIClear(api);
        amcp_set_error(err, AMC_E_LIMIT,
                       "OCR did not finish within %d ms on page %d (ocr_timeout_ms)",
                       timeout_ms, page);
        return -1;
    }
    word_cand *wc = NULL;
    int nwc = 0, capwc = 0, first_word = out->n;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (it) {
        TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
        char buf[512], alt[512];
        do {
            int x1, y1, x2, y2;
            if (!TessPageIteratorBoundingBox(pit, RIL_WORD, &x1, &y1, &x2, &y2))
                continue;
            marker_info mi;
            amcp_accents ac;
            word_text(it, buf, alt, sizeof buf, &mi, &ac);
            /* words are trimmed; blank "words" (kept spaces) carry nothing */
            char *tt = buf;
            while (*tt == ' ')
                tt++;
            size_t tl = strlen(tt);
            while (tl && tt[tl - 1] == ' ')
                tt[--tl] = 0;
            char *ta = alt[0] ? alt + (tt - buf) : NULL;
            if (ta)
                ta[tl] = 0;
            if (!*tt)
                continue;
            /* a table rule read as text ("EEE" 1 px tall): no glyph is that
             * flat except a dash or a dot */
            if (y2 - y1 <= 2 || (y2 - y1 <= 3 && tl > 1))
                if (strcmp(tt, "-") && strcmp(tt, ".") && strcmp(tt, "_"))
                    continue;
            float c = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;
            for (int k = 0; k < ac.n; k++)
                ac.g[k].off -= (int)(tt - buf); /* offsets in the trimmed text */
            amcp_accents_keep(&ac, tt);
            if (!whitelist && (mi.sup || mi.bare || ac.n)) {
                if (nwc == capwc) {
                    int nc = capwc ? capwc * 2 : 64;
                    word_cand *p = realloc(wc, (size_t)nc * sizeof *p);
                    if (p)
                        wc = p, capwc = nc;
                }
                if (nwc < capwc)
                    wc[nwc++] = (word_cand){out->n, mi, ac};
            }
            if (amcp_words_push(out, tt, x1, y1, x2 - x1, y2 - y1, c, page) < 0 ||
                (ta && !(out->v[out->n - 1].alt = amcp_strdup(ta)))) {
                free(wc);
                TessResultIteratorDelete(it);
                TessBaseAPIClear(api);
                amcp_set_error(err, AMC_E_NOMEM, "out of memory");
                return -1;
            }
        } while (TessPageIteratorNext(pit, RIL_WORD));
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(api);
    /* a page read (not a zone's): markers looked at again, boxes inflated
     * by rules cut to their ink, both on one gray copy of the page */
    PIX *g = whitelist                                    ? NULL
             : pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix)
                                                           : pixConvertTo8(pix, 0);
    if (g) {
        accents_check(g, out, wc, nwc);
        second_look_markers(o, g, dpi, out, wc, nwc);
        tighten_tall_boxes(g, out, first_word);
        amcp_words_trim_overlaps(out, first_word);
        lone_superscripts(out, first_word);
        pixDestroy(&g);
    }
    free(wc);
    return 0;
}

/* The English model's engine, started by the first zone that asks for it
 * (an identifier of letters and digits: most pages never do) and kept for
 * the next pages; NULL when eng.traineddata (Debian tesseract-ocr-eng, which
 * tesseract-ocr depends on) is missing. */
static TessBaseAPI *eng_api(amcp_ocr *o)
{
    if (o->eng || o->eng_failed)
        return o->eng;
    char model[600];
    snprintf(model, sizeof model, "%s/eng.traineddata", o->model_dir);
    const char *names[] = {"debug_file"}, *values[] = {"/dev/null"};
    o->eng = file_exists(model) ? TessBaseAPICreate() : NULL;
    if (!o->eng || TessBaseAPIInit4(o->eng, o->model_dir, "eng", OEM_LSTM_ONLY, NULL, 0,
                                    (char **)names, (char **)values, 1, 0) != 0) {
        if (o->eng)
            TessBaseAPIDelete(o->eng);
        o->eng = NULL;
        o->eng_failed = 1;
    }
    return o->eng;
}

/* A zone's paper made white row by row (AMCP_ZONE_FLAT), in place: each
 * pixel divided by the lightest grey around it on its row, over 3/4 of the
 * zone's width. A header code printed on a darker stripe of a tinted band,
 * with white paper above it, left Tesseract's one threshold for the zone
 * between paper and stripe: the stripe came out black around the code and
 * "CURE" read nothing. Rows, not squares: the stripes of bands and cells are
 * horizontal, and a window as tall as a capital would take its strokes for
 * paper. Returns 0, or -1 when out of memory (the zone is left as it was). */
static int flatten_rows(PIX *c)
{
    int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c);
    int size = (w * 3 / 4) | 1;
    if (size < 3 || pixGetDepth(c) != 8)
        return -1;
    PIX *paper = pixCloseGray(c, size, 1);
    if (!paper)
        return -1;
    int wplc = pixGetWpl(c), wplp = pixGetWpl(paper);
    l_uint32 *dc = pixGetData(c), *dp = pixGetData(paper);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v = GET_DATA_BYTE(dc + y * wplc, x), p = GET_DATA_BYTE(dp + y * wplp, x);
            int o = p > 0 ? v * 255 / p : 255;
            SET_DATA_BYTE(dc + y * wplc, x, o > 255 ? 255 : o);
        }
    pixDestroy(&paper);
    return 0;
}

int amcp_ocr_zone(amcp_ocr *o, PIX *pix, int dpi, int x, int y, int w, int h, int psm,
                  const char *whitelist, int scale_pct, char *out, size_t outlen)
{
    out[0] = 0;
    int dark = (psm & AMCP_ZONE_DARK) != 0, grey = (psm & AMCP_ZONE_GREY) != 0;
    int flat = (psm & AMCP_ZONE_FLAT) != 0;
    TessBaseAPI *api = psm & AMCP_ZONE_ENG ? eng_api(o) : o->api;
    psm &= ~(AMCP_ZONE_DARK | AMCP_ZONE_GREY | AMCP_ZONE_UNERASED | AMCP_ZONE_ENG | AMCP_ZONE_FLAT);
    if (!pix || w <= 0 || h <= 0 || !api)
        return -1;
    /* the zone itself (2 px more for anti-aliased edges), then a white
     * margin: Tesseract reads glyphs that touch the image border badly, and
     * a margin taken from the page would bring back the table rules */
    int pad = h / 3 > 6 ? h / 3 : 6;
    BOX *b = boxCreate(x - 2, y - 2, w + 4, h + 4);
    PIX *c = b ? pixClipRectangle(pix, b, NULL) : NULL;
    boxDestroy(&b);
    if (!c)
        return -1;
    if (scale_pct > 0 && scale_pct != 100) {
        float f = scale_pct / 100.0f;
        PIX *sc = f > 1 ? pixScaleGrayLI(c, f, f) : pixScaleAreaMap(c, f, f);
        pixDestroy(&c);
        if (!sc)
            return -1;
        c = sc;
        dpi = dpi * scale_pct / 100;
        pad = pad * scale_pct / 100;
    }
    /* the margin takes the cell's own background (its median: text is the
     * minority), else a shaded cell shows as a box Tesseract tries to read */
    l_uint32 bg = 255;
    if (pixGetRankValue(c, 1, 0.5f, &bg) != 0)
        bg = 255;
    if (flat && flatten_rows(c) == 0)
        bg = 255;
    PIX *bin = grey ? NULL : small_threshold(c, bg, 0, dark ? 30 : 50);
    if (bin) {
        pixDestroy(&c);
        c = bin;
        bg = 255;
    }
    PIX *bordered = pixAddBorder(c, pad, bg);
    pixDestroy(&c);
    if (!bordered)
        return -1;
    amcp_words words = {0};
    amc_error err = {0};
    /* a zone is a few words: a short deadline, a slow zone is not worth it */
    int rc = ocr_run(o, api, bordered, dpi, 0, psm, whitelist, 2000, &words, &err);
    pixDestroy(&bordered);
    size_t n = 0;
    float cs = 0;
    for (int i = 0; rc == 0 && i < words.n; i++)
        cs += words.v[i].conf;
    for (int i = 0; rc == 0 && i < words.n; i++) {
        size_t l = strlen(words.v[i].text);
        if (n + l + 2 > outlen)
            break;
        if (n)
            out[n++] = ' ';
        memcpy(out + n, words.v[i].text, l);
        n += l;
    }
    out[n] = 0;
    int mean = rc == 0 && words.n ? (int)(cs * 100 / words.n + 0.5f) : 0;
    amcp_words_free(&words);
    return rc < 0 ? -1 : mean;
}

int amcp_ocr_orientation(amcp_ocr *o, PIX *pix, int dpi, int *deg, float *conf)
{
    *deg = 0;
    *conf = 0;
    if (o->osd_failed)
        return -1;
    if (!o->osd) {
        /* a second engine with the osd model (Debian tesseract-ocr-osd),
         * loaded only by the first page that needs it: most never do */
        char model[600];
        snprintf(model, sizeof model, "%s/osd.traineddata", o->model_dir);
        const char *names[] = {"debug_file"}, *values[] = {"/dev/null"};
        o->osd = file_exists(model) ? TessBaseAPICreate() : NULL;
        if (!o->osd || TessBaseAPIInit4(o->osd, o->model_dir, "osd", OEM_TESSERACT_ONLY, NULL,
                                        0, (char **)names, (char **)values, 1, 0) != 0) {
            if (o->osd)
                TessBaseAPIDelete(o->osd);
            o->osd = NULL;
            o->osd_failed = 1;
            return -1;
        }
    }
    TessBaseAPISetPageSegMode(o->osd, PSM_OSD_ONLY);
    TessBaseAPISetImage2(o->osd, pix);
    TessBaseAPISetSourceResolution(o->osd, dpi > 0 ? dpi : 300);
    const char *script = NULL;
    float sconf = 0;
    int rc = TessBaseAPIDetectOrientationScript(o->osd, deg, conf, &script, &sconf) ? 0 : -1;
    /* not kept: turned pages are rare, and the model would stay resident in
     * every batch worker (measured: peak RSS 136 -> 162 MB per worker) */
    TessBaseAPIEnd(o->osd);
    TessBaseAPIDelete(o->osd);
    o->osd = NULL;
    return rc;
}

