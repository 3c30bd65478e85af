/*
 * table.c - the guarantee grid, read by geometry.
 *
 * 1. The header row is the physical line holding at least three domain codes
 *    of codes.ini; each code word gives a column (bounds halfway to its
 *    neighbours).
 * 2. Under it, cells matching table.ini's `convention` give each column's
 *    conventions (SP, SP/SC, IS/ROC:SP).
 * 3. Each line whose part left of the first column holds a name and a birth
 *    date anchors a beneficiary row; the band down to the next anchor holds
 *    that beneficiary's values (first line of words in a column) and
 *    footnote markers (cells matching `note`, superscript digits).
 * 4. Without a grid, lines "CODE ... value" form a vertical table.
 * 5. Footnotes and the legend are lines matching `footnote` / `legend`.
 */
#include "table.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const amcp_code *known;
    char code[16];
    int cx, left, right, y1;
    int word;
} column;

/* Strips a trailing asterisk/punctuation: "PHAR*" -> "PHAR", and the quote
 * or bracket a speck beside the ':' reads as ("PPS\"", "OPTI]"). Returns 1
 * if the word ended in '*'. */
static int code_text(const char *w, char *out, size_t outlen)
{
    size_t n = strlen(w);
    while (n && strchr(":.,;|\"']!", w[n - 1]))
        n--;
    int star = n && w[n - 1] == '*';
    if (star)
        n--;
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, w, n);
    out[n] = 0;
    return star;
}

void amcp_guar_add_note(amcp_guar *g, const char *n)
{
    for (int i = 0; i < g->nnotes; i++)
        if (!strcmp(g->notes[i], n))
            return;
    if (g->nnotes < AMCP_MAXSUB)
        g->notes[g->nnotes++] = amcp_strdup(n);
}

/* Pulls superscripts out of raw into notes; writes the normalised value:
 * upper case, spaces removed next to digits, % and /, words kept apart. */
void amcp_value_normalise(const char *raw, char *out, size_t outlen, amcp_guar *g)
{
    char tmp[256];
    size_t n = 0;
    for (const char *p = raw; *p && n + 4 < sizeof tmp;) {
        int hit = 0;
        for (int d = 0; d < 10; d++) {
            size_t L = strlen(sup[d]);
            if (!strncmp(p, sup[d], L)) {
                char k[2] = {(char)('0' + d), 0};
                /* no footnote is numbered 0: a raised "⁰" after a digit is
                 * the value's last zero, blurred up ("10⁰") */
                if (!d && n && isdigit((unsigned char)tmp[n - 1]))
                    tmp[n++] = '0';
                else if (g)
                    amcp_guar_add_note(g, k);
                p += L;
                hit = 1;
                break;
            }
        }
        if (!hit)
            tmp[n++] = (char)toupper((unsigned char)*p++);
    }
    tmp[n] = 0;
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < outlen; i++) {
        if (tmp[i] == ' ') {
            char a = o ? out[o - 1] : ' ';
            size_t j = i;
            while (tmp[j] == ' ')
                j++;
            char b = tmp[j];
            int glue = isdigit((unsigned char)a) || a == '%' || a == '/' || a == '.' ||
                       isdigit((unsigned char)b) || b == '%' || b == '/' || b == '.' || !b ||
                       !o;
            if (!glue)
                out[o++] = ' ';
            i = j - 1;
            continue;
        }
        out[o++] = tmp[i];
    }
    /* cell borders and OCR noise glued to a value: "100%," "|PEC" */
    while (o && (out[o - 1] == ',' || out[o - 1] == '|' || out[o - 1] == ';' ||
                 out[o - 1] == ':' || out[o - 1] == ' '))
        o--;
    out[o] = 0;
    size_t lead = strspn(out, "|,;: ");
    if (lead)
        memmove(out, out + lead, o - lead + 1);
    /* one glyph between "%" and "TM" is none printed: the LSTM reads the
     * T's bar twice ("100%7TM") */
    char *pt = strstr(out, "%");
    if (pt && pt[1] && strchr("0123456789", pt[1]) && !strncmp(pt + 2, "TM", 2))
        memmove(pt + 1, pt + 2, strlen(pt + 2) + 1);
    /* the T read as a 7 after the "%" ("250%7M"), the "%" read as an X
     * before TM ("250XTM"): no value ends in 7M, and TM follows a rate */
    size_t ol = strlen(out);
    if (ol >= 4 && !strcmp(out + ol - 3, "%7M"))
        out[ol - 2] = 'T';
    if (ol >= 4 && !strcmp(out + ol - 3, "XTM") && isdigit((unsigned char)out[ol - 4]))
        out[ol - 3] = '%';
    /* and the "%" read twice, as an X and itself ("200 X%TM") */
    char *xp = strstr(out, "X%");
    if (xp && xp > out && isdigit((unsigned char)xp[-1]))
        memmove(xp, xp + 1, strlen(xp + 1) + 1);
    /* "100 TM" and "100%TM" say the same (a share of the tariff, TM
     * included); one canonical form, the one DOMAIN.md prints: N%TM. */
    char *tm = strstr(out, "TM");
    if (tm && tm > out && isdigit((unsigned char)tm[-1]) && strlen(out) + 1 < outlen) {
        memmove(tm + 1, tm, strlen(tm) + 1);
        *tm = '%';
    }
    /* a long cell cut by the buffers above may end inside a character */
    amcp_utf8_cut_partial(out);
}

static void parse_conventions(const char *cell, amcp_guar *g)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = cell; *p && n + 1 < sizeof buf; p++)
        if (*p != ' ')
            buf[n++] = *p;
    buf[n] = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, "/", &save); t && g->nconv < AMCP_MAXSUB;
         t = strtok_r(NULL, "/", &save))
        g->conv[g->nconv++] = amcp_strdup(t);
}

static void parse_notes(const char *cell, amcp_guar *g)
{
    char k[4];
    int n = 0;
    for (const char *p = cell;; p++) {
        if (isdigit((unsigned char)*p) && n < 2) {
            k[n++] = *p;
            continue;
        }
        if (n) {
            k[n] = 0;
            amcp_guar_add_note(g, k);
            n = 0;
        }
        if (!*p)
            break;
    }
}

static int count_codes(const amcp_patterns *p, const amcp_layout *lay, int L)
{
    int n = 0;
    for (int i = 0; i < lay->n; i++) {
        if (lay->s[i].line != L)
            continue;
        for (int k = 0; k < lay->s[i].nw; k++) {
            char c[16];
            code_text(lay->words->v[lay->s[i].w[k]].text, c, sizeof c);
            if (amcp_code_find(p, c))
                n++;
        }
    }
    return n;
}

/* 1 when line L is a legend's ("PHAR Pharmacie remboursable OPTI Optique"):
 * most of its codes are followed, within their segment, by a word with small
 * letters, where in a row of codes a code is followed by a code or nothing. */
static int legend_line(const amcp_patterns *p, const amcp_layout *lay, int L)
{
    int codes = 0, labelled = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != L)
            continue;
        for (int k = 0; k < s->nw; k++) {
            char c[16];
            code_text(lay->words->v[s->w[k]].text, c, sizeof c);
            if (!amcp_code_find(p, c))
                continue;
            codes++;
            if (k + 1 < s->nw)
                for (const char *q = lay->words->v[s->w[k + 1]].text; *q; q++)
                    if (islower((unsigned char)*q)) {
                        labelled++;
                        break;
                    }
        }
    }
    return codes && labelled * 2 > codes;
}

/* A word among the codes of a header that is no known code ("Q'ATE" for
 * SVIL, "Darece" for PHNO) is read again alone, with the alphabet of codes;
 * the new reading counts only if codes.ini knows it. */
static const amcp_code *relook_code(const amcp_patterns *p, const amcp_layout *lay,
                                    const amcp_word *w, char *c, size_t clen)
{
    char text[64], k[16];
    /* a little around the word: its box may cut the bottom of its glyphs */
    int py = w->h / 4, px = w->h / 6;
    for (int scale = 100; scale <= 150; scale += 50) {
        if (amcp_relook_zone(lay, w->page, w->x - px, w->y - py, w->w + 2 * px, w->h + 2 * py, 7,
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*", scale, text,
                             sizeof text) < 0)
            continue;
        code_text(text, k, sizeof k);
        const amcp_code *kc = amcp_code_find(p, k);
        if (kc) {
            snprintf(c, clen, "%s", k);
            return kc;
        }
    }
    return NULL;
}

static int relook_value(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g,
                        const column *col, const char *cell, const int *cb, float cc, int page,
                        const char *how);

typedef struct {
    int top, bot;
} lbox;

static lbox line_box(const amcp_layout *lay, int L)
{
    lbox r = {1 << 30, -1};
    for (int i = 0; i < lay->n; i++)
        if (lay->s[i].line == L) {
            if (lay->s[i].y0 < r.top) r.top = lay->s[i].y0;
            if (lay->s[i].y1 > r.bot) r.bot = lay->s[i].y1;
        }
    return r;
}

/* A cell where the first reading found no word at all: read its zone (the
 * column's bounds on the row's text line) once, as one line. The zone stops
 * at the words of the neighbouring cells that reach into it: the last
 * glyph of a wide "250%TM" inside the zone read a lone 0 as "1 0". */
static void relook_empty_cell(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g,
                              const column *col, lbox row, int page, const char *how)
{
    int pad = lay->char_h / 4;
    int x0 = col->left, x1 = col->right, y0 = row.top - pad, y1 = row.bot + pad;
    for (int i = 0; i < lay->words->n; i++) {
        const amcp_word *w = &lay->words->v[i];
        int mid = w->x + w->w / 2;
        if (w->page != page || w->y >= y1 || w->y + w->h <= y0)
            continue;
        if (mid < col->left && w->x + w->w > x0)
            x0 = w->x + w->w;
        else if (mid > col->right && w->x < x1)
            x1 = w->x;
    }
    int cb[4] = {x0, y0, x1 - x0, y1 - y0};
    if (cb[2] > lay->char_h / 2 && cb[3] > 0)
        relook_value(p, lay, g, col, "", cb, 0, page, how);
}

static int line_page(const amcp_layout *lay, int L)
{
    for (int i = 0; i < lay->n; i++)
        if (lay->s[i].line == L)
            return lay->s[i].page;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void sort_columns(column *cols, int n)
{
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && cols[b].cx < cols[b - 1].cx; b--) {
            column t = cols[b];
            cols[b] = cols[b - 1];
            cols[b - 1] = t;
        }
}

/* Header line H read again with the codes' alphabet in the column-wide
 * zone centred on `cx`; the code codes.ini knows, or NULL. The reading's own
 * confidence is low on a tinted band even when right ("MEDE" at 0-11%), and a
 * known code of four glyphs or more at the place of a column is evidence
 * enough; a shorter one ("SE", "MED") must be read with confidence. */
/* The code codes.ini knows that word `c` (four glyphs or more) is with one
 * glyph misread ("PHRO" for PHNO), among the codes not already columns of
 * the header (`have`): NULL unless exactly one fits. */
static const amcp_code *code_one_off(const amcp_patterns *p, const char *c, const column *have,
                                     int nhave)
{
    size_t n = strlen(c);
    if (n < 4)
        return NULL;
    const amcp_code *found = NULL;
    for (int i = 0; i < p->ncodes; i++) {
        const char *k = p->codes[i].code;
        if (!k || strlen(k) != n)
            continue;
        int diff = 0;
        for (size_t j = 0; j < n; j++)
            diff += k[j] != c[j];
        int used = 0;
        for (int j = 0; j < nhave && !used; j++)
            used = !strcmp(have[j].code, k);
        if (diff != 1 || used)
            continue;
        if (found)
            return NULL;
        found = &p->codes[i];
    }
    return found;
}

static const amcp_code *code_missing_edge(const amcp_patterns *p, char *c, size_t clen);

/* 1 when code kc is already one of the header's columns `have`. */
static int is_column(const column *have, int nhave, const amcp_code *kc)
{
    for (int j = 0; j < nhave; j++)
        if (!strcmp(have[j].code, kc->code))
            return 1;
    return 0;
}

/* A code of three glyphs a zone's strict readings read whole, which
 * code_in_zone refuses alone (a longer code's cut end, "TRA" of TRAN, or a
 * new misread of a darker threshold): the code, the best confidence the
 * zone's first two readings (Tesseract's own threshold) gave it or -1, and
 * whether another short code was read too. */
typedef struct {
    const amcp_code *kc;
    int conf, other;
} short_code;

/* The known code read in zone (x, y, w, h) of `page`, not one of `have`,
 * or NULL; a short code refused goes to `shortc` when given. */
static const amcp_code *code_in_zone(const amcp_patterns *p, const amcp_layout *lay, int page,
                                     int x, int y, int w, int h, int psm, const column *have,
                                     int nhave, short_code *shortc)
{
    /* then thresholded nearer the ink: blurred bold capitals on a tinted
     * band merge at halfway ("SVIL" read "SV", "SOID" read "D"); then on
     * the page before its rules were erased and in grey (Tesseract's
     * threshold): on a grey band, blurred bold capitals touch, their bars
     * were erased as a rule ("CSTE" read "CE"); last, that grey zone with its
     * paper made white row by row: a code on a band's darker stripe, white
     * paper above it in the zone, read nothing at Tesseract's one threshold
     * ("CURE", "TRAN", "DENT" on rough iSanté headers) */
    static const int scales[] = {100, 150, 100, 150, 100, 150, 100, 150};
    static const int modes[] = {0,
                                0,
                                AMCP_ZONE_DARK,
                                AMCP_ZONE_DARK,
                                AMCP_ZONE_GREY | AMCP_ZONE_UNERASED,
                                AMCP_ZONE_GREY | AMCP_ZONE_UNERASED,
                                AMCP_ZONE_GREY | AMCP_ZONE_UNERASED | AMCP_ZONE_FLAT,
                                AMCP_ZONE_GREY | AMCP_ZONE_UNERASED | AMCP_ZONE_FLAT};
    for (int k = 0; k < 8; k++) {
        char text[128], c[16];
        int conf = amcp_relook_zone(lay, page, x, y, w, h, psm | modes[k],
                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*", scales[k], text,
                                    sizeof text);
        if (conf < 0)
            continue;
        /* a reading unlike the first (thresholded darker, or a column's two
         * lines read as a block) takes only a whole code of four glyphs or
         * more: shorter ones are also the cut ends of longer codes ("TRA"
         * of TRAN, "PH4" read in PHAR), and its misreads are new ones */
        int strict = k >= 2 || (psm == 6 && have);
        /* a block (psm 6) may hold a convention or a label's end too: its
         * first word that is a known code */
        char *save = NULL;
        for (char *tok = strtok_r(text, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
            tok += strspn(tok, "*"); /* the last code's star, cut, before this one */
            code_text(tok, c, sizeof c);
            const amcp_code *kc = amcp_code_find(p, c);
            /* a code already a column is the neighbour's, read by a zone
             * reaching it (the identity's side left of PHAR reads "PHAR"):
             * never a second column */
            if (kc && is_column(have, nhave, kc))
                continue;
            if (strict) {
                if (kc && strlen(c) >= 4)
                    return kc;
                if (kc && shortc && strlen(c) == 3) {
                    shortc->other |= shortc->kc && shortc->kc != kc;
                    shortc->kc = kc;
                    if (k < 2 && conf > shortc->conf)
                        shortc->conf = conf;
                }
                continue;
            }
            /* at a column's place, one glyph misread is tolerated when a
             * single code the header lacks fits */
            if (!kc && have)
                kc = code_one_off(p, c, have, nhave);
            /* or its first or last glyph cut by the zone's edge ("*HNO"
             * for PHNO*, the code left of its values' centre), when the
             * header lacks it: a zone beside a column reads part of its
             * code ("PHA" left of PHAR) */
            if (!kc && strlen(c) >= 3) {
                kc = code_missing_edge(p, c, sizeof c);
                if (kc && is_column(have, nhave, kc))
                    kc = NULL;
            }
            if (kc && (conf >= 50 || strlen(c) >= 4))
                return kc;
        }
    }
    return NULL;
}

/* A band read with the codes' alphabet often loses its spaces
 * ("PHARMEDSAGELABO"): the word cut into known codes (each may keep its
 * asterisk), when exactly one cutting makes every piece a code. The codes
 * go to `out` (at most `max`); the count, 0 when none or several cuttings. */
static int glued_codes(const amcp_patterns *p, const char *t, const amcp_code **out, int max)
{
    enum { L = 128 };
    size_t n = strlen(t);
    if (n < 4 || n >= L)
        return 0;
    int ways[L + 1], from[L + 1];
    const amcp_code *by[L + 1];
    memset(ways, 0, sizeof ways);
    ways[0] = 1;
    for (size_t i = 1; i <= n; i++)
        for (size_t k = 2; k <= 7 && k <= i; k++) {
            if (!ways[i - k])
                continue;
            char c[8];
            memcpy(c, t + i - k, k);
            c[k] = 0;
            if (c[k - 1] == '*')
                c[k - 1] = 0;
            const amcp_code *kc = strlen(c) >= 2 ? amcp_code_find(p, c) : NULL;
            if (!kc)
                continue;
            ways[i] = ways[i] + ways[i - k] > 2 ? 2 : ways[i] + ways[i - k];
            from[i] = (int)(i - k), by[i] = kc;
        }
    if (ways[n] != 1)
        return 0;
    const amcp_code *rev[L];
    int m = 0;
    for (int i = (int)n; i > 0; i = from[i])
        rev[m++] = by[i];
    if (m > max)
        return 0;
    for (int i = 0; i < m; i++)
        out[i] = rev[m - 1 - i];
    return m;
}

/* The known codes read in a zone as a block, in reading order, into `out`
 * (at most `max`); the count. Codes of one glyph or less are noise. */
static int codes_in_zone(const amcp_patterns *p, const amcp_layout *lay, int page, int x, int y,
                         int w, int h, const amcp_code **out, int max)
{
    char text[1024], c[16];
    if (w <= 0 || amcp_relook_zone(lay, page, x, y, w, h, 6,
                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*", 100, text,
                                   sizeof text) < 0)
        return 0;
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(text, " \n", &save); tok && n < max;
         tok = strtok_r(NULL, " \n", &save)) {
        code_text(tok, c, sizeof c);
        const amcp_code *kc = strlen(c) >= 2 ? amcp_code_find(p, c) : NULL;
        if (kc)
            out[n++] = kc;
        else
            n += glued_codes(p, tok, out + n, max - n);
    }
    return n;
}

static const amcp_code *code_at(const amcp_patterns *p, const amcp_layout *lay, int H, int cx,
                                int half, const column *have, int nhave)
{
    lbox hb = line_box(lay, H);
    int pad = (hb.bot - hb.top) / 4;
    /* a header line that holds the conventions under its codes ("PHCO*"
     * over "IS") is two lines: read as a block, a single line makes "S" */
    int psm = hb.bot - hb.top > 2 * lay->char_h ? 6 : 7;
    short_code sc[3] = {{NULL, -1, 0}, {NULL, -1, 0}, {NULL, -1, 0}};
    const amcp_code *kc = code_in_zone(p, lay, line_page(lay, H), cx - half, hb.top - pad,
                                       2 * half, hb.bot - hb.top + 2 * pad, psm, have, nhave,
                                       &sc[0]);
    /* a code wider than its values ("LPPS*" over "100 %": the zone read
     * "PPS*"): once more over the whole spacing (half is 2/5 of it) */
    int wide = half * 5 / 4;
    if (!kc)
        kc = code_in_zone(p, lay, line_page(lay, H), cx - wide, hb.top - pad, 2 * wide,
                          hb.bot - hb.top + 2 * pad, psm, have, nhave, &sc[1]);
    /* the network under the code, on a line of its own the zone reaches
     * into ("PHAR" over "SP" read as one line: "PHBR"): as a block */
    if (!kc && psm == 7)
        kc = code_in_zone(p, lay, line_page(lay, H), cx - half, hb.top - pad, 2 * half,
                          hb.bot - hb.top + 2 * pad, 6, have, nhave, &sc[2]);
    /* a short code ("MED SP" as a block, "PH4" thresholded darker) is no
     * cut end of a longer one ("MED" of MEDE) when the zone over the whole
     * spacing reads it too (where it read "PHAI", the "PH4" of the narrow
     * zone was PHAR's cut), and no new misread when a reading at
     * Tesseract's own threshold gave it too: two of the three zones read
     * it, one at that threshold with confidence (or all three), and
     * nothing else short */
    const amcp_code *sk = NULL;
    int zones = 0, conf = -1, other = 0;
    for (int i = 0; i < 3 && !kc; i++) {
        if (!sc[i].kc)
            continue;
        other |= sc[i].other || (sk && sk != sc[i].kc);
        sk = sc[i].kc, zones++;
        conf = sc[i].conf > conf ? sc[i].conf : conf;
    }
    if (!kc && sk && !other && sc[1].kc == sk && zones >= 2 &&
        (conf >= 50 || (zones == 3 && conf >= 0)))
        kc = sk;
    return kc;
}

/* The columns of values under header line H between x0 and x1: the word
 * centres of the next rows, grouped when within `half` of each other; their
 * means go to `out` (at most `max`, left to right). Returns the count. */
static int value_columns(const amcp_layout *lay, int H, int x0, int x1, int half, int *out,
                         int max)
{
    lbox hb = line_box(lay, H);
    int page = line_page(lay, H), c[256], n = 0;
    for (int i = 0; i < lay->words->n && n < 256; i++) {
        const amcp_word *w = &lay->words->v[i];
        int cx = w->x + w->w / 2;
        if (w->page == page && w->y > hb.bot && w->y < hb.bot + 6 * lay->char_h && cx > x0 &&
            cx < x1)
            c[n++] = cx;
    }
    qsort(c, (size_t)n, sizeof *c, cmp_int);
    int k = 0;
    for (int i = 0; i < n && k < max;) {
        long sum = 0;
        int j = i;
        for (; j < n && c[j] - c[i] < half; j++)
            sum += c[j];
        out[k++] = (int)(sum / (j - i));
        i = j;
    }
    return k;
}

/* 1 when word text `t` has a guarantee value's shape: table.ini value_word,
 * `minlen` glyphs or more, not a long digit run (a NIR). The cell's rule
 * read in front of it ("_100", "|100") is passed over. */
static int value_shaped(const amcp_patterns *p, const char *t, size_t minlen)
{
    t += strspn(t, "_|");
    return strlen(t) >= minlen && strspn(t, "0123456789") < 5 &&
           match_whole(p, AMCP_T_VALUE_WORD, t);
}

static int line_nir_end(const amcp_patterns *p, const amcp_layout *lay, int L);

/* 1 when a word under header line H, within `half` of `cx`, has a value's
 * shape of three glyphs or more: a NIR's key ("25") or a rank beside the
 * grid is none. */
static int holds_value(const amcp_patterns *p, const amcp_layout *lay, int H, int cx, int half)
{
    lbox hb = line_box(lay, H);
    int page = line_page(lay, H);
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        for (int k = 0; k < s->nw; k++) {
            const amcp_word *w = &lay->words->v[s->w[k]];
            int c = w->x + w->w / 2;
            /* a group of a spaced NIR ("875" of "1 74 05 14 875 894 19") is
             * no value */
            if (w->page == page && w->y > hb.bot && w->y < hb.bot + 6 * lay->char_h &&
                c > cx - half && c < cx + half && value_shaped(p, w->text, 3) &&
                line_nir_end(p, lay, s->line) <= w->x)
                return 1;
        }
    }
    return 0;
}

static void add_column(column *col, const amcp_code *kc, int cx, int y1)
{
    memset(col, 0, sizeof *col);
    col->known = kc;
    snprintf(col->code, sizeof col->code, "%s", kc->code);
    col->cx = cx;
    col->y1 = y1;
    col->word = -1;
}

/* A grid's columns are about evenly spaced: where two codes of header line
 * H stand twice the usual distance apart or more, the codes between them
 * were not read at all (EXTE on a scan, its values then glued to TRAN's); the
 * same past the last code read when values stand under that place (DENT and
 * OPAU lost on a tinted band). The header line is read again there, with the
 * codes' alphabet; a code codes.ini knows becomes a column. Returns the new
 * number of columns. */
/* 1 when a word stands under the codes of header line H, within half of
 * cx, no lower than the line right under it: the networks ("SP"), on a
 * line of their own or in the header's box. */
static int network_under(const amcp_layout *lay, int H, int cx, int half)
{
    lbox hb = line_box(lay, H);
    int page = line_page(lay, H);
    for (int i = 0; i < lay->words->n; i++) {
        const amcp_word *w = &lay->words->v[i];
        int c = w->x + w->w / 2;
        if (w->page == page && w->y > hb.top + lay->char_h / 2 &&
            w->y < hb.bot + lay->char_h / 2 && c > cx - half && c < cx + half)
            return 1;
    }
    return 0;
}

/* 1 when words centred at x stand nearer column cx than 0.6 of the usual
 * spacing: the rule between two cells read as "|", or that cell's own
 * ink, never a column of their own. */
static int beside_column(int x, int cx, int usual)
{
    return abs(x - cx) * 10 < usual * 6;
}

/* Header line H's codes the page's reading lost (a tinted band), read
 * again where columns of values stand in the gaps of the n columns read,
 * and past either end; `fewest`: the codes read that are needed to trust
 * their spacing (a grid's header 3; a stacked row of codes under values of
 * the same spacing 2). Returns the new count, columns sorted. */
static int missing_codes(const amcp_patterns *p, const amcp_layout *lay, int H, column *cols,
                         int n, int fewest)
{
    if (n < fewest || n < 2 || n >= 63 || !lay->relook)
        return n;
    int gaps[64];
    for (int i = 0; i + 1 < n; i++)
        gaps[i] = cols[i + 1].cx - cols[i].cx;
    qsort(gaps, (size_t)(n - 1), sizeof *gaps, cmp_int);
    /* the lower median: with three codes, two gaps, one of them the gap
     * being looked for ("PHAR LPPS . SOIE", DIV lost) */
    int usual = gaps[(n - 2) / 2], half = usual * 2 / 5, m = n;
    if (usual <= 0)
        return n;
    lbox hb = line_box(lay, H);
    int at[64];
    for (int i = 0; i + 1 < n && m < 64; i++) {
        /* codes lost where the gap is wider than one spacing can be: read
         * where columns of values stand in the gap, a spacing's 0.6 from
         * either code at least. Narrow columns beside wide ones make the
         * spacings uneven (PH4 to RAD, PH7 lost: 1.65 times the median) */
        int g = cols[i + 1].cx - cols[i].cx;
        if (g * 10 < usual * 14)
            continue;
        int na = value_columns(lay, H, cols[i].cx + half, cols[i + 1].cx - half, half, at, 16);
        int kept = 0;
        for (int j = 0; j < na; j++)
            if (!beside_column(at[j], cols[i].cx, usual) &&
                !beside_column(at[j], cols[i + 1].cx, usual))
                at[kept++] = at[j];
        na = kept;
        /* no value read there either (a lone "0" the OCR dropped with its
         * code): a gap of about two spacings holds one column, midway */
        if (!na && g * 10 >= usual * 17 && g * 10 <= usual * 23)
            at[na++] = cols[i].cx + g / 2;
        for (int j = 0; j < na && m < 64; j++) {
            const amcp_code *kc = code_at(p, lay, H, at[j], half, cols, m);
            if (kc)
                add_column(&cols[m++], kc, at[j], hb.bot);
        }
    }
    /* past the last code, and before the first (PHNO lost at a photo's
     * shaded edge): one column at a time outwards while one is found; left
     * of the grid, the beneficiaries' names and dates read as no code */
    int na = value_columns(lay, H, cols[n - 1].cx + half, 1 << 30, half, at, 16);
    for (int j = 0, prev = cols[n - 1].cx; j < na && m < 64; j++) {
        if (beside_column(at[j], prev, usual))
            continue;
        const amcp_code *kc = code_at(p, lay, H, at[j], half, cols, m);
        if (!kc)
            break;
        add_column(&cols[m++], kc, at[j], hb.bot);
        prev = at[j];
    }
    /* (as far left as twelve columns: a wide grid whose first ones were all
     * lost on a grey band, PHNO PHCO PHOR MEDE SVIL VILL LPPS) */
    int from = cols[0].cx - usual * 12;
    na = value_columns(lay, H, from, cols[0].cx - half, half, at, 64);
    for (int j = na - 1, next = cols[0].cx; j >= 0 && m < 64; j--) {
        /* a column stands about one spacing from the next, a column of
         * wide values ("100/100/100") up to 1.6: a wider gap is the
         * identity's side, a missing column in between is not guessed; a
         * group of words with no value's shape between two columns (a
         * value's footnote marker, "¹" beside "100 %") is passed over */
        if ((next - at[j]) * 10 > usual * 16)
            break;
        /* nor much nearer (beside_column) */
        if (beside_column(at[j], next, usual))
            continue;
        /* a column whose value the OCR lost ("NC" under RADL*, only its
         * network read, just under the code) is one when its code reads;
         * a NIR's key ("- 53") left of the grid stands lower */
        int value = holds_value(p, lay, H, at[j], half);
        const amcp_code *kc = value || network_under(lay, H, at[j], half)
                                  ? code_at(p, lay, H, at[j], half, cols, m)
                                  : NULL;
        if (!kc && !value)
            continue;
        if (!kc)
            break;
        add_column(&cols[m++], kc, at[j], hb.bot);
        next = at[j];
    }
    if (m > n)
        sort_columns(cols, m);
    return m;
}

/* A header word that is a known code plus one more glyph ("RADLY",
 * "SAGEY": a speck or the asterisk read as a letter) is that code, when no
 * known code starts with the whole word (then it may be that code cut). */
static const amcp_code *code_with_extra(const amcp_patterns *p, char *c, size_t clen)
{
    size_t n = strlen(c);
    if (n < 4 || n >= 16)
        return NULL;
    for (int i = 0; i < p->ncodes; i++)
        if (!strncmp(p->codes[i].code, c, n))
            return NULL;
    char cut[16];
    memcpy(cut, c, n - 1);
    cut[n - 1] = 0;
    const amcp_code *kc = amcp_code_find(p, cut);
    if (kc)
        snprintf(c, clen, "%s", cut);
    return kc;
}

/* 1 when `code` is `c` with one more glyph at its start or its end. */
static int one_more_at_edge(const char *code, const char *c, size_t n)
{
    return strlen(code) == n + 1 && (!strcmp(code + 1, c) || !strncmp(code, c, n));
}

/* A header word that is a known code less its first or last glyph ("SY"
 * for PSY: the glyph beside the cell's rule lost): the code, when exactly
 * one code or alias of codes.ini is so. Rewrites `c` and returns the code. */
static const amcp_code *code_missing_edge(const amcp_patterns *p, char *c, size_t clen)
{
    size_t n = strlen(c);
    if (n < 2 || n >= 15)
        return NULL;
    const amcp_code *found = NULL;
    const char *name = NULL;
    for (int i = 0; i < p->ncodes; i++) {
        const amcp_code *k = &p->codes[i];
        int hit = k->code && one_more_at_edge(k->code, c, n);
        const char *via = hit ? k->code : NULL;
        for (int a = 0; a < k->nalias && !via; a++)
            if (one_more_at_edge(k->alias[a], c, n))
                via = k->alias[a];
        if (!via)
            continue;
        if (found && found != k)
            return NULL; /* two codes fit: not guessed */
        found = k, name = via;
    }
    if (found)
        snprintf(c, clen, "%s", name);
    return found;
}

/* Builds the columns of header line `bestline`. */
static const amcp_code *code_digit_for_letter(const amcp_patterns *p, const char *c);

/* The width of word w of line L, up to the next word of the line its box
 * runs over: Tesseract may box a code over its neighbours ("SDENT*" 362 px
 * wide over OPTI and AUDI), which would set its column on theirs. */
static int word_width(const amcp_layout *lay, int L, const amcp_word *w)
{
    int width = w->w;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != L)
            continue;
        for (int k = 0; k < s->nw; k++) {
            const amcp_word *o = &lay->words->v[s->w[k]];
            if (o != w && o->x > w->x + w->w / 4 && o->x < w->x + width)
                width = o->x - w->x;
        }
    }
    return width;
}

static int header_columns(const amcp_patterns *p, const amcp_layout *lay, int bestline,
                          column *cols, int *ncols, int fewest)
{
    /* the columns: known codes, and code-shaped words right of the first one */
    int n = 0, firstx = 1 << 30;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < lay->n; i++) {
            const amcp_seg *s = &lay->s[i];
            if (s->line != bestline)
                continue;
            for (int k = 0; k < s->nw && n < 64; k++) {
                const amcp_word *w = &lay->words->v[s->w[k]];
                char c[16];
                int starred = code_text(w->text, c, sizeof c);
                const amcp_code *kc = amcp_code_find(p, c);
                if (pass == 0) {
                    if (kc && w->x < firstx)
                        firstx = w->x;
                    continue;
                }
                /* right of the first code, or left of it with a code's
                 * footnote star ("PHARY*" before AUXM): a code misread */
                int coded = (w->x >= firstx || starred) &&
                            match_whole(p, AMCP_T_HEADER_CODE, w->text);
                if (!kc && (w->x >= firstx || coded))
                    kc = relook_code(p, lay, w, c, sizeof c);
                if (!kc && (w->x >= firstx || coded))
                    kc = code_with_extra(p, c, sizeof c);
                if (!kc && coded)
                    kc = code_missing_edge(p, c, sizeof c);
                if (!kc && (!coded || w->x < firstx)) /* left: known codes only */
                    continue;
                column *col = &cols[n++];
                memset(col, 0, sizeof *col);
                col->known = kc;
                snprintf(col->code, sizeof col->code, "%s", kc ? kc->code : c);
                col->cx = w->x + word_width(lay, bestline, w) / 2;
                col->y1 = w->y + w->h;
                col->word = s->w[k];
            }
        }
    /* sort by x, then bounds halfway between neighbours */
    sort_columns(cols, n);
    /* a code-shaped word left unknown ("OPT1", "DIPR") that is one glyph off
     * exactly one code the header lacks is that code; a short one ("BI0")
     * only by a digit read for the letter of its shape */
    for (int i = 0; i < n; i++) {
        const amcp_code *kc = cols[i].known ? NULL : code_one_off(p, cols[i].code, cols, n);
        if (!kc && !cols[i].known) {
            kc = code_digit_for_letter(p, cols[i].code);
            for (int j = 0; kc && j < n; j++)
                if (!strcmp(cols[j].code, kc->code))
                    kc = NULL;
        }
        if (kc) {
            cols[i].known = kc;
            snprintf(cols[i].code, sizeof cols[i].code, "%s", kc->code);
        }
    }
    n = missing_codes(p, lay, bestline, cols, n, fewest);
    for (int i = 0; i < n; i++) {
        int gl = i ? (cols[i].cx - cols[i - 1].cx) / 2
                   : (n > 1 ? (cols[1].cx - cols[0].cx) / 2 : 4 * lay->char_h);
        int gr = i + 1 < n ? (cols[i + 1].cx - cols[i].cx) / 2 : gl;
        cols[i].left = cols[i].cx - gl;
        cols[i].right = cols[i].cx + gr;
    }
    *ncols = n;
    return bestline;
}

static void left_text(const amcp_layout *lay, int L, int x, char *out, size_t outlen,
                      int *box, float *conf);

/* The centres of the value cells of line L right of x: words of a value's
 * shape, two glyphs or more. Returns the count (at most `max`), sorted. */
static int value_centres(const amcp_patterns *p, const amcp_layout *lay, int L, int x, int *out,
                         int max)
{
    int n = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != L)
            continue;
        for (int k = 0; k < s->nw && n < max; k++) {
            const amcp_word *w = &lay->words->v[s->w[k]];
            if (w->x > x && value_shaped(p, w->text, 2))
                out[n++] = w->x + w->w / 2;
        }
    }
    qsort(out, (size_t)n, sizeof *out, cmp_int);
    return n;
}

/* Where the birth date of beneficiary text `t` (of the words in `box`)
 * ends on the page, or -1. */
static int text_birth_end(const amcp_patterns *p, const amcp_layout *lay, const char *t,
                          const int *box)
{
    char birth[64];
    amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], t, "birth", birth, sizeof birth);
    for (int i = 0; i < lay->words->n && birth[0]; i++) {
        const amcp_word *w = &lay->words->v[i];
        if (w->y >= box[1] && w->y < box[1] + box[3] && strstr(birth, w->text))
            return w->x + w->w;
    }
    return -1;
}

static int past_nir(const amcp_patterns *p, const amcp_layout *lay, int L, int x);

/* Where the NIR of beneficiary line L ends on the page, when its key
 * checks; -1 otherwise. */
static int line_nir_end(const amcp_patterns *p, const amcp_layout *lay, int L)
{
    char t[512];
    int box[4];
    left_text(lay, L, 1 << 30, t, sizeof t, box, NULL);
    if (amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], t, strlen(t), 0) <= 0)
        return -1;
    int bx = text_birth_end(p, lay, t, box), e = bx < 0 ? -1 : past_nir(p, lay, L, bx);
    return e > bx ? e : -1;
}

/* Where the NIR of line L ends, when it is read right of x and its key
 * checks: the groups of a spaced NIR ("1 68 07 76 113 026 89") are no
 * values. Else x. */
static int past_nir(const amcp_patterns *p, const amcp_layout *lay, int L, int x)
{
    /* a line's segments, and their words, stand left to right */
    const amcp_word *ws[64];
    int n = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        for (int k = 0; k < s->nw && s->line == L && n < 64; k++)
            if (lay->words->v[s->w[k]].x > x)
                ws[n++] = &lay->words->v[s->w[k]];
    }
    char digits[256] = "";
    size_t len = 0;
    for (int i = 0; i < n && len + strlen(ws[i]->text) < sizeof digits; i++) {
        /* a value's word ends the NIR ("100 %", "PEC"), a rank misread
         * as a letter ("L" for 1) does not */
        int pct = 0, letters = 0;
        for (const char *q = ws[i]->text; *q; q++)
            pct |= *q == '%', letters += isalpha((unsigned char)*q) != 0;
        if (pct || letters > 1)
            break;
        pack(ws[i]->text, digits + len, sizeof digits - len);
        len = strlen(digits);
        if (amcp_nir_in(p, digits))
            return ws[i]->x + ws[i]->w;
    }
    return x;
}

/* A header whose codes the page's OCR dropped whole (a tinted band read as
 * no text): the first beneficiary row with four values or more gives the
 * columns, and the line just above it (what was read of the header: "Nom -
 * Prénom  Date de  Rang") is read again above each column, with the codes'
 * alphabet. Three known codes or more make the header. Returns its line,
 * or -1. */
static int header_from_values(const amcp_patterns *p, const amcp_layout *lay, column *cols,
                              int *ncols)
{
    if (!lay->relook)
        return -1;
    for (int A = 1; A < lay->nlines; A++) {
        char t[512];
        int box[4], xs[64];
        left_text(lay, A, 1 << 30, t, sizeof t, box, NULL);
        if (amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], t, strlen(t), 0) <= 0)
            continue;
        /* the values stand right of the birth date, and of the NIR */
        int bx = text_birth_end(p, lay, t, box);
        if (bx >= 0)
            bx = past_nir(p, lay, A, bx);
        int nv = bx < 0 ? 0 : value_centres(p, lay, A, bx, xs, 64);
        if (nv < 4)
            continue;
        int gaps[63];
        for (int i = 0; i + 1 < nv; i++)
            gaps[i] = xs[i + 1] - xs[i];
        qsort(gaps, (size_t)(nv - 1), sizeof *gaps, cmp_int);
        int usual = gaps[(nv - 1) / 2], half = usual * 2 / 5;
        /* the line just above the row */
        lbox ab = line_box(lay, A);
        int H = -1;
        for (int L = 0; L < lay->nlines; L++) {
            lbox lb = line_box(lay, L);
            if (L != A && line_page(lay, L) == line_page(lay, A) && lb.bot <= ab.top &&
                ab.top - lb.bot < 4 * lay->char_h && (H < 0 || lb.bot > line_box(lay, H).bot))
                H = L;
        }
        if (H < 0 || usual <= 0)
            return -1;
        int at[64], na = value_columns(lay, H, xs[0] - half, 1 << 30, half, at, 64), n = 0;
        /* a cell read as two words far apart ("100" "%7TM") is one column:
         * no two stand closer than half the usual spacing */
        for (int j = 1; j < na; j++)
            if (at[j] - at[j - 1] < usual / 2) {
                at[j - 1] = (at[j - 1] + at[j]) / 2;
                memmove(at + j, at + j + 1, (size_t)(na - j - 1) * sizeof *at);
                na--, j--;
            }
        lbox hb = line_box(lay, H);
        /* the codes may stand higher than what was read of the header
         * line (a two-line header: "Date de / naissance"): the band of
         * five text heights above the row, read as a block, as wide as
         * the column */
        int top = ab.top - 5 * lay->char_h, ht = ab.top - 2 - top, cw = usual * 9 / 10;
        int page = line_page(lay, A);
        /* the band over all the columns first: as many known codes as
         * columns, in order, is the header; else column by column */
        const amcp_code *all[64];
        int nall = codes_in_zone(p, lay, page, at[0] - cw / 2, top, at[na - 1] - at[0] + cw, ht,
                                 all, 64);
        const amcp_code *got[64];
        for (int j = 0; j < na; j++)
            got[j] = nall == na ? all[j]
                                : code_in_zone(p, lay, page, at[j] - cw / 2, top, cw, ht, 6,
                                               NULL, 0, NULL);
        /* a code wider than the zone ("VILL" over "150 %TM" read "VAL"):
         * once more over the whole spacing, the codes found elsewhere
         * excluded (the zone reaches the neighbours') */
        column found[64];
        int nf = 0;
        for (int j = 0; j < na; j++)
            if (got[j])
                add_column(&found[nf++], got[j], at[j], hb.bot);
        for (int j = 0; j < na && nall != na; j++)
            if (!got[j]) {
                got[j] = code_in_zone(p, lay, page, at[j] - usual / 2, top, usual, ht, 6, found,
                                      nf, NULL);
                if (got[j] && nf < 64)
                    add_column(&found[nf++], got[j], at[j], hb.bot);
            }
        for (int j = 0; j < na && n < 64; j++)
            if (got[j])
                add_column(&cols[n++], got[j], at[j], hb.bot);
        if (n < 3)
            return -1;
        for (int i = 0; i < n; i++) {
            int gl = i ? (cols[i].cx - cols[i - 1].cx) / 2 : (cols[1].cx - cols[0].cx) / 2;
            int gr = i + 1 < n ? (cols[i + 1].cx - cols[i].cx) / 2 : gl;
            cols[i].left = cols[i].cx - gl;
            cols[i].right = cols[i].cx + gr;
        }
        *ncols = n;
        return H;
    }
    return -1;
}

/* The header line: the physical line with the most known codes (>= 3). */
static int find_header(const amcp_patterns *p, const amcp_layout *lay, column *cols,
                       int *ncols)
{
    int bestline = -1, bestn = 0;
    for (int L = 0; L < lay->nlines; L++) {
        int n = count_codes(p, lay, L);
        if (n >= 3 && n > bestn)
            bestn = n, bestline = L;
    }
    if (bestline < 0)
        return -1;
    return header_columns(p, lay, bestline, cols, ncols, 3);
}


/* Two cells' values read as one word ("100%100%": tight monospaced columns
 * on a rough scan) that reaches over the bound `at` of a cell by more than
 * a quarter of its width: split where both parts are values values.ini
 * knows, at the glyph nearest the bound (glyphs taken as evenly wide). The
 * part on the cell's side (`left`: the part left of the split) goes to
 * `part` with its share of the box in *px, *pw; 0 when no split fits. */
static int split_glued(const amcp_patterns *p, const amcp_word *w, int at, int left, char *part,
                       size_t plen, int *px, int *pw)
{
    size_t n = strlen(w->text);
    if (n < 2 || n >= 64 || w->w <= 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w->text[i] >= 0x80)
            return 0; /* glyph widths from bytes: ASCII only */
    int b = (int)(((long)(at - w->x) * (long)n + w->w / 2) / w->w);
    for (int d = 0; d <= 2; d++)
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            int k = b + sgn * d;
            if (k < 1 || k >= (int)n || (d == 0 && sgn > 0))
                continue;
            char l[64], r[64];
            memcpy(l, w->text, (size_t)k);
            l[k] = 0;
            snprintf(r, sizeof r, "%s", w->text + k);
            /* both parts whole values: no part begins or ends inside a
             * number or a triple rate ("100/100/1" + "00") */
            if (strlen(l) < 3 || strlen(r) < 3 || strchr("0/%", r[0]) || l[k - 1] == '/' ||
                !amcp_value_known(p, l) || !amcp_value_known(p, r))
                continue;
            int cut = w->x + (int)((long)w->w * k / (long)n);
            snprintf(part, plen, "%s", left ? l : r);
            *px = left ? w->x : cut;
            *pw = left ? cut - w->x : w->x + w->w - cut;
            return 1;
        }
    return 0;
}

/* Text of the words of physical line L whose centre lies in [xmin, xmax),
 * joined by spaces; box (x, y, w, h; zeros when empty) and mean confidence.
 * With `p` (a grid cell), a word of two values glued over the cell's bound
 * gives the cell its own part (split_glued). */
static void zone_text(const amcp_patterns *p, const amcp_layout *lay, int L, int xmin, int xmax,
                      int no_rules, char *out, size_t outlen, int *box, float *conf)
{
    amcp_buf b = {0};
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, k = 0;
    float cs = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != L)
            continue;
        for (int j = 0; j < s->nw; j++) {
            const amcp_word *w = &lay->words->v[s->w[j]];
            int cx = w->x + w->w / 2, wx = w->x, ww = w->w;
            const char *text = w->text;
            char part[64];
            int out_l = xmin - w->x, out_r = w->x + w->w - xmax;
            if (p && (out_l > w->w / 4 || out_r > w->w / 4) &&
                (out_l > w->w / 4 ? split_glued(p, w, xmin, 0, part, sizeof part, &wx, &ww)
                                  : split_glued(p, w, xmax, 1, part, sizeof part, &wx, &ww)))
                text = part, cx = wx + ww / 2;
            if (cx < xmin || cx >= xmax)
                continue;
            /* a cell's rule read as a glyph ("|", "[") is no part of a
             * value cell; left of the grid it may be a misread rank "1" */
            if (no_rules && !text[strspn(text, "|[]!")])
                continue;
            if (b.len)
                amcp_buf_add(&b, " ", 1);
            amcp_buf_add(&b, text, strlen(text));
            if (wx < x0) x0 = wx;
            if (w->y < y0) y0 = w->y;
            if (wx + ww > x1) x1 = wx + ww;
            if (w->y + w->h > y1) y1 = w->y + w->h;
            cs += w->conf;
            k++;
        }
    }
    snprintf(out, outlen, "%s", b.s ? b.s : "");
    amcp_buf_free(&b);
    if (box) {
        box[0] = x0, box[1] = y0, box[2] = x1 - x0, box[3] = y1 - y0;
        if (!k)
            box[0] = box[1] = box[2] = box[3] = 0;
    }
    if (conf)
        *conf = k ? cs / k : 0;
}

static void cell_text(const amcp_patterns *p, const amcp_layout *lay, int L, const column *col,
                      char *out, size_t outlen, int *box, float *conf)
{
    zone_text(p, lay, L, col->left, col->right, 1, out, outlen, box, conf);
}

static void left_text(const amcp_layout *lay, int L, int x, char *out, size_t outlen,
                      int *box, float *conf)
{
    zone_text(NULL, lay, L, -(1 << 30), x, 0, out, outlen, box, conf);
}

/* Copies `cell` without spaces: "SP / SC" -> "SP/SC". */
/* One cell under a code: the first non-note cell is the value, note cells
 * after it are its footnote markers. */
/* 1 when a normalised value is one values.ini knows (not the catch-all). */
int amcp_value_known(const amcp_patterns *p, const char *v)
{
    const amcp_valclass *c = amcp_value_classify(p, v, NULL, 0);
    return v[0] && c && c != &p->values[p->nvalues - 1];
}

/* A value values.ini does not know ("100%7%TM", "O0", "“") is most often a
 * misread: read the cell again on its own, as one line. The new reading is
 * kept only if it is a known value; the notes it carries replace the old. */
static int relook_value(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g,
                        const column *col, const char *cell, const int *cb, float cc, int page,
                        const char *how)
{
    /* the words' box at two sizes (the LSTM misreads some glyph pairs at
     * one size only), then the whole cell across its column: a glyph the
     * first reading missed ("0" of "0 %") lies outside the words' box */
    struct {
        int x, w, scale;
        const char *alphabet;
    } tries[5] = {{cb[0], cb[2], 100, NULL},
                  {cb[0], cb[2], 150, NULL},
                  {cb[0], cb[2], 200, NULL},
                  {0, 0, 100, NULL},
                  {0, 0, 100, NULL}};
    int n = 3;
    if (col && col->right > col->left) {
        int inset = lay->char_h / 3; /* keep the column's rules out */
        tries[n].x = col->left + inset;
        tries[n].w = col->right - col->left - 2 * inset;
        n++;
        /* and as one word with the values' alphabet: a lone "0" under a
         * rule's end reads "og" as a line with any glyph allowed */
        tries[n] = tries[n - 1];
        tries[n++].alphabet = "0123456789%/.,TMPECNOVIA";
    }
    if (cb[2] <= 0 || cb[3] <= 0)
        return 0;
    for (int k = 0; k < n; k++) {
        char text[128], v[128];
        /* the one-word reading takes any glyph string for a word ("42",
         * "02" at confidence 0-25 in cells holding notes or a label's
         * end): only in an empty cell, and read with some confidence (the
         * lone 0: 40) */
        if (tries[k].alphabet && cell[0])
            continue;
        int zc = tries[k].w <= 0 ? -1
                                 : amcp_relook_zone(lay, page, tries[k].x, cb[1], tries[k].w,
                                                    cb[3], tries[k].alphabet ? 8 : 7,
                                                    tries[k].alphabet, tries[k].scale, text,
                                                    sizeof text);
        if (zc < (tries[k].alphabet ? 35 : 0))
            continue;
        amcp_guar tmp;
        memset(&tmp, 0, sizeof tmp);
        amcp_value_normalise(text, v, sizeof v, &tmp);
        int ok = amcp_value_known(p, v);
        if (ok) {
            char h[200];
            snprintf(h, sizeof h, "%s; second look at the %s, %d%% (first read \"%s\")", how,
                     k < 3 ? "words" : "whole cell", tries[k].scale, cell);
            for (int m = 0; m < tmp.nnotes; m++)
                amcp_guar_add_note(g, tmp.notes[m]);
            g->raw = amcp_strdup(text);
            g->value = amcp_strdup(v);
            amcp_field_set(&g->ev, v, text, cc, page, tries[k].x, cb[1], tries[k].w, cb[3], h);
        }
        for (int m = 0; m < tmp.nnotes; m++)
            free(tmp.notes[m]);
        if (ok)
            return 1;
    }
    return 0;
}

/* A short rate read with doubt ("0%" at 35% for "100 %", "1" for "100"):
 * the LSTM drops glyphs of a blurred value whole. The cell is read again
 * (its words at 100, 150 and 200%, then the whole cell); a known value with
 * more digits that two readings agree on replaces it. 1 when it did. */
static int relook_short(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g,
                        const column *col, const char *cell, const char *v, const int *cb,
                        float cc, int page, const char *how)
{
    size_t digits = strspn(v, "0123456789");
    if (!lay->relook || cc >= 0.6f || !digits || digits > 2 || cb[2] <= 0 || cb[3] <= 0)
        return 0;
    /* the words' box at three sizes, then the whole cell across its column
     * at two: the glyphs the first reading dropped lie outside the words'
     * box ("1" boxed alone for "100%"), and the two readings of the whole
     * cell may agree where the words' box never shows them */
    int xs[5] = {cb[0], cb[0], cb[0], 0, 0}, ws[5] = {cb[2], cb[2], cb[2], 0, 0};
    static const int scales[5] = {100, 150, 200, 100, 150};
    int n = 3, inset = lay->char_h / 3;
    if (col && col->right - col->left > 2 * inset)
        for (; n < 5; n++)
            xs[n] = col->left + inset, ws[n] = col->right - col->left - 2 * inset;
    char seen[5][128], text[128], got[128];
    for (int k = 0; k < n; k++) {
        seen[k][0] = 0;
        if (amcp_relook_zone(lay, page, xs[k], cb[1], ws[k], cb[3], 7, NULL, scales[k], text,
                             sizeof text) < 0)
            continue;
        amcp_guar tmp;
        memset(&tmp, 0, sizeof tmp);
        amcp_value_normalise(text, got, sizeof got, &tmp);
        for (int m = 0; m < tmp.nnotes; m++)
            free(tmp.notes[m]);
        if (!amcp_value_known(p, got) || strspn(got, "0123456789") <= digits)
            continue;
        snprintf(seen[k], sizeof seen[k], "%s", got);
        for (int j = 0; j < k; j++) {
            /* two sizes: one size reads its zones alike, right or wrong */
            if (strcmp(seen[j], got) || scales[j] == scales[k])
                continue;
            char h[200];
            snprintf(h, sizeof h, "%s; \"%s\" read with doubt, read again: \"%s\" twice", how,
                     cell, got);
            g->raw = amcp_strdup(text);
            g->value = amcp_strdup(got);
            amcp_field_set(&g->ev, got, text, cc, page, cb[0], cb[1], cb[2], cb[3], h);
            return 1;
        }
    }
    return 0;
}

/* Reads zone (x, y, w, h) as a marker line "(1)" with the markers'
 * alphabet, at text size then doubled; the markers are kept only if the
 * zone then reads as one. */
static void relook_marker(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g, int x,
                          int y, int w, int h, int page)
{
    static const int scales[] = {100, 200};
    for (int k = 0; k < 2; k++) {
        char text[64];
        if (amcp_relook_zone(lay, page, x, y, w, h, 7, "()/0123456789", scales[k], text,
                             sizeof text) >= 50 &&
            text[0] == '(' && match_whole(p, AMCP_T_NOTE, text)) {
            parse_notes(text, g);
            return;
        }
    }
}

static void take_cell(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g,
                      const column *col, const char *cell, const int *cb, float cc, int page,
                      const char *how)
{
    int note = match_whole(p, AMCP_T_NOTE, cell);
    /* before a value, a bare number is the value ("0", "50"): only a
     * bracketed one, "(2)", is a marker there */
    if (!g->raw && note && cell[0] != '(')
        note = 0;
    /* a first "value" values.ini does not know (rules read as letters on a
     * scan: "ASE ANT") gives way to a known value further down the cell */
    int replace = g->raw && !note && g->value && !amcp_value_known(p, g->value);
    if ((!g->raw && !note) || replace) {
        char v[128];
        amcp_guar first;
        memset(&first, 0, sizeof first);
        amcp_value_normalise(cell, v, sizeof v, &first);
        if (replace) {
            if (!amcp_value_known(p, v)) {
                for (int k = 0; k < first.nnotes; k++)
                    free(first.notes[k]);
                amcp_guar tmp;
                memset(&tmp, 0, sizeof tmp);
                if (relook_value(p, lay, &tmp, col, cell, cb, cc, page, how)) {
                    free(g->raw), free(g->value);
                    amcp_field_clear(&g->ev);
                    g->raw = tmp.raw, g->value = tmp.value, g->ev = tmp.ev;
                    for (int k = 0; k < tmp.nnotes; k++)
                        amcp_guar_add_note(g, tmp.notes[k]), free(tmp.notes[k]);
                }
                return;
            }
            free(g->raw), free(g->value);
            g->raw = g->value = NULL;
        }
        if (!amcp_value_known(p, v) && relook_value(p, lay, g, col, cell, cb, cc, page, how)) {
            for (int k = 0; k < first.nnotes; k++)
                free(first.notes[k]);
            /* the second look of an unreadable glyph may be the rate's
             * first digit alone ("ï" read "1" in its box for "100%"): a
             * short rate is then doubtful as well */
            amcp_guar more;
            memset(&more, 0, sizeof more);
            if (relook_short(p, lay, &more, col, cell, g->value, cb, cc, page, how)) {
                free(g->raw), free(g->value);
                amcp_field_clear(&g->ev);
                g->raw = more.raw, g->value = more.value, g->ev = more.ev;
            }
            return;
        }
        if (amcp_value_known(p, v) && relook_short(p, lay, g, col, cell, v, cb, cc, page, how)) {
            for (int k = 0; k < first.nnotes; k++)
                free(first.notes[k]);
            return;
        }
        for (int k = 0; k < first.nnotes; k++) {
            amcp_guar_add_note(g, first.notes[k]);
            free(first.notes[k]);
        }
        g->raw = amcp_strdup(cell);
        g->value = amcp_strdup(v);
        amcp_field_set(&g->ev, v, cell, cc, page, cb[0], cb[1], cb[2], cb[3], how);
    } else if (g->raw && note) {
        parse_notes(cell, g);
    } else if (g->raw && strlen(cell) <= 4 && !amcp_value_known(p, cell)) {
        /* a short unreadable word under a value ("Î", "{" for "(1)"): the
         * marker line, read again with the markers' alphabet; kept only if
         * it then reads as a marker */
        int inset = lay->char_h / 3, x = cb[0], w = cb[2];
        if (col && col->right - col->left > 2 * inset) /* the brackets lie outside the word */
            x = col->left + inset, w = col->right - col->left - 2 * inset;
        relook_marker(p, lay, g, x, cb[1], w, cb[3], page);
    }
}


/* 1 when text line L holds values under the codes and no note marker: a
 * line of "(3)" "(2)" above a row is the previous row's notes. */
static int holds_values(const amcp_patterns *p, const amcp_layout *lay, int L,
                        const column *cols, int nc)
{
    int values = 0;
    for (int c = 0; c < nc; c++) {
        char cell[128], packed[128];
        cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
        if (!cell[0])
            continue;
        if (match_whole(p, AMCP_T_NOTE, cell) && cell[0] == '(')
            return 0;
        char v[128];
        amcp_guar tmp;
        memset(&tmp, 0, sizeof tmp);
        amcp_value_normalise(cell, v, sizeof v, &tmp);
        for (int k = 0; k < tmp.nnotes; k++)
            free(tmp.notes[k]);
        pack(v, packed, sizeof packed);
        values += amcp_value_known(p, packed);
    }
    return values > 0;
}

/* 1 when every cell of text line L is a bare footnote marker ("1", "2/3")
 * and the line lies nearer the line above it than line `next`: the previous
 * row's marker line with its brackets lost ("(1)" read "1" on a clean page),
 * not a row's value "0" centred above its name. */
static int markers_of_row_above(const amcp_patterns *p, const amcp_layout *lay, int L,
                                int next, const column *cols, int nc)
{
    int markers = 0;
    for (int c = 0; c < nc; c++) {
        char cell[128];
        cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
        if (!cell[0])
            continue;
        if (!match_whole(p, AMCP_T_NOTE, cell))
            return 0;
        markers++;
    }
    if (!markers || L < 1)
        return 0;
    lbox me = line_box(lay, L), above = line_box(lay, L - 1), below = line_box(lay, next);
    return me.top - above.bot < below.top - me.bot;
}

/* 1 when text line L has words left of the grid: the previous row's NIR
 * or notes line, not values centred above this row's name. */
static int has_left_text(const amcp_layout *lay, int L, int firstleft)
{
    char t[64];
    left_text(lay, L, firstleft, t, sizeof t, NULL, NULL);
    return t[strspn(t, " |[]!")] != 0;
}

static void box_union(int *box, const int *more)
{
    int x1 = box[0] + box[2], y1 = box[1] + box[3];
    int mx1 = more[0] + more[2], my1 = more[1] + more[3];
    if (more[2] <= 0 || more[3] <= 0)
        return;
    if (box[2] <= 0 || box[3] <= 0) {
        memcpy(box, more, 4 * sizeof *box);
        return;
    }
    box[0] = box[0] < more[0] ? box[0] : more[0];
    box[1] = box[1] < more[1] ? box[1] : more[1];
    box[2] = (x1 > mx1 ? x1 : mx1) - box[0];
    box[3] = (y1 > my1 ? y1 : my1) - box[1];
}
/* 1 when every part of a convention cell ("SP/KL", "IS/ROC:SP") is a
 * network conventions.ini knows. */
static int conventions_known(const amcp_patterns *p, const char *packed)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", packed);
    char *save = NULL;
    int n = 0;
    for (char *t = strtok_r(buf, "/", &save); t; t = strtok_r(NULL, "/", &save), n++) {
        const char *c = strncmp(t, "ROC:", 4) ? t : t + 4;
        if (strcmp(c, "ROC") && !amcp_conv_find(p, c))
            return 0;
    }
    return n > 0;
}

/* Glyphs OCR reads for the capitals of a network code, same shape: 1 i l
 * | ! and accented i (Ï í î ì) for I, 0 for O, 5 for S, 8 for B, small c o s
 * v w x z; a dot or comma for the colon of "ROC:SP", and the "/" a rough
 * scan loses before it ("ISROC.SP" for IS/ROC:SP). Changes `packed` in place
 * and returns 1 when something changed; a cell with other glyphs (a value,
 * "100") is left alone. */
static int network_shapes(char *packed, size_t size)
{
    static const char from[] = "1058cosvwxzil|!", to[] = "IOSBCOSVWXZIIII";
    static const char *const accented_i[] = {"Ï", "ï", "Í", "í", "Î", "î", "Ì", "ì"};
    char t[128];
    size_t n = 0;
    int letters = 0;
    for (const char *q = packed; *q && n + 2 < sizeof t;) {
        size_t k = 0;
        for (size_t a = 0; a < sizeof accented_i / sizeof *accented_i && !k; a++)
            if (!strncmp(q, accented_i[a], strlen(accented_i[a])))
                k = strlen(accented_i[a]);
        const char *f = k ? NULL : strchr(from, *q);
        char c = k ? 'I' : f && *q ? to[f - from] : *q;
        if (!k && !f && !isupper((unsigned char)*q) && !strchr("/:.,", *q))
            return 0;
        letters += isalpha((unsigned char)*q) != 0 || k;
        /* "ISROC": the separator before ROC was lost */
        if (!strncmp(q, "ROC", 3) && n && isupper((unsigned char)t[n - 1]))
            t[n++] = '/';
        /* "ROC.SP": the colon read as a dot or a comma */
        if ((c == '.' || c == ',') && n >= 3 && !strncmp(t + n - 3, "ROC", 3))
            c = ':';
        t[n++] = c;
        q += k ? k : 1;
    }
    t[n] = 0;
    if (!letters)
        return 0; /* "100", "0": values, not networks */
    int changed = strcmp(t, packed) != 0;
    if (changed)
        snprintf(packed, size, "%s", t);
    return changed;
}

/* Networks run together when a rough scan loses their separators:
 * "ISSC" for IS/SC, "ROCSP" for ROC:SP. Each "/"-part of capitals that is
 * longer than a network is cut in two-letter networks, and a "ROC" takes
 * its colon back. The caller keeps the result only if conventions.ini knows
 * every network. Returns 1 when something changed. */
static int network_split(char *packed, size_t size)
{
    char t[128] = "", buf[128];
    snprintf(buf, sizeof buf, "%s", packed);
    char *save = NULL;
    for (char *part = strtok_r(buf, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        size_t n = strlen(part), at = strlen(t);
        if (at)
            snprintf(t + at, sizeof t - at, "/"), at++;
        if (!strncmp(part, "ROC", 3) && n > 3 && part[3] != ':') {
            snprintf(t + at, sizeof t - at, "ROC:%s", part + 3);
            continue;
        }
        int caps = 1;
        for (size_t i = 0; i < n; i++)
            caps &= isupper((unsigned char)part[i]) != 0;
        for (size_t i = 0; i < n; i += 2) {
            at = strlen(t);
            snprintf(t + at, sizeof t - at, "%s%.2s", i && caps && n % 2 == 0 ? "/" : "",
                     part + i);
        }
    }
    if (!strcmp(t, packed))
        return 0;
    snprintf(packed, size, "%s", t);
    return 1;
}

/* A convention cell read below this confidence is read again: "SP" on a
 * tinted band reads "SE" (Sévéane, a real network) at 0.4-0.65, where a
 * clear network reads 0.85 and more. */
#define CONV_DOUBT 0.75f

/* 1 when a network of convention cell `c` is in another cell of the row:
 * a network read in one cell only ("SE" among "SP") deserves a second look
 * unless it was read clearly. */
static int network_elsewhere(const amcp_reading *r, int nc, int c)
{
    for (int i = 0; i < r->cols[c].nconv; i++)
        for (int o = 0; o < nc; o++)
            for (int j = 0; o != c && j < r->cols[o].nconv; j++)
                if (!strcmp(r->cols[c].conv[i], r->cols[o].conv[j]))
                    return 1;
    return 0;
}

/* Replaces a cell's networks with `packed` ("SP/KL"). */
static void set_conventions(amcp_guar *g, const char *packed)
{
    for (int i = 0; i < g->nconv; i++)
        free(g->conv[i]);
    g->nconv = 0;
    parse_conventions(packed, g);
}

/* The convention row, once one cell names a known network:
 * - a cell the first reading left empty or unreadable (sparse OCR skips a
 *   lone "IS" or reads "is", "oh") is read again across its column with the
 *   capitals' alphabet, and kept only if it is networks conventions.ini knows;
 * - a cell read with low confidence is read again at three sizes; the first
 *   reading gives way to two re-readings that agree, or to one that is
 *   clear (confidence >= 90), on other known networks. */
static void relook_conventions(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r,
                               const column *cols, int nc, int L, int page, const float *conf)
{
    int have = 0; /* "SR" for "SP" in one font: one known cell is enough */
    for (int c = 0; c < nc; c++)
        have += r->cols[c].nconv > 0;
    if (L < 0 || L >= lay->nlines || !have)
        return;
    lbox lb = line_box(lay, L);
    int pad = lay->char_h / 4, inset = lay->char_h / 3;
    for (int c = 0; c < nc; c++) {
        int doubtful = r->cols[c].nconv &&
                       (conf[c] < CONV_DOUBT || (conf[c] < 0.9f && !network_elsewhere(r, nc, c)));
        if ((r->cols[c].nconv && !doubtful) || cols[c].right - cols[c].left <= 2 * inset)
            continue;
        char cell[128], text[64], packed[64], seen[3][64] = {{0}}, best[64] = "";
        cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
        pack(cell, packed, sizeof packed);
        if (!doubtful && amcp_value_known(p, packed))
            continue; /* a value stands there, not a misread network */
        /* at text size, then larger: "SP" reads "SR" or "SE" at one size only */
        static const int scales[] = {100, 150, 200};
        for (int k = 0; k < 3 && !best[0]; k++) {
            int rc = amcp_relook_zone(lay, page, cols[c].left + inset, lb.top - pad,
                                      cols[c].right - cols[c].left - 2 * inset,
                                      lb.bot - lb.top + 2 * pad, 7,
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ/:", scales[k], text,
                                      sizeof text);
            if (rc < 40)
                continue;
            pack(text, packed, sizeof packed);
            if (!match_whole(p, AMCP_T_CONVENTION, packed) || !conventions_known(p, packed))
                continue;
            int agree = 0;
            for (int j = 0; j < k; j++)
                agree += !strcmp(seen[j], packed);
            if (!doubtful || agree || rc >= 90)
                snprintf(best, sizeof best, "%s", packed);
            snprintf(seen[k], sizeof seen[k], "%s", packed);
        }
        if (best[0])
            set_conventions(&r->cols[c], best);
    }
}

static int add_col(amcp_reading *r, const char *code)
{
    amcp_guar *g = realloc(r->cols, (size_t)(r->ncols + 1) * sizeof *g);
    if (!g)
        return -1;
    r->cols = g;
    memset(&g[r->ncols], 0, sizeof *g);
    g[r->ncols++].code = amcp_strdup(code);
    return 0;
}

/* A line of the row's band that holds markers "(2)" and no value is a
 * marker line: a value on the line above whose marker the first reading
 * missed (a lone "(1)" is skipped as noise) gets its cell on that line read
 * again. */
static void relook_marker_lines(const amcp_patterns *p, const amcp_layout *lay, amcp_benef *b,
                                const column *cols, int nc, int from, int end, int page)
{
    int inset = lay->char_h / 3;
    for (int L = from; L < end; L++) {
        int marks = 0, values = 0;
        for (int c = 0; c < nc; c++) {
            char cell[128], packed[128];
            cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
            pack(cell, packed, sizeof packed);
            if (packed[0] == '(' && match_whole(p, AMCP_T_NOTE, packed))
                marks++;
            else if (packed[0])
                values++;
        }
        if (!marks || values)
            continue;
        lbox lb = line_box(lay, L);
        for (int c = 0; c < nc; c++) {
            char cell[128];
            cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
            amcp_guar *g = &b->g[c];
            if (cell[0] || !g->raw || g->nnotes || cols[c].right - cols[c].left <= 2 * inset ||
                g->ev.y + g->ev.h > lb.top)
                continue;
            relook_marker(p, lay, g, cols[c].left + inset, lb.top, cols[c].right - cols[c].left -
                          2 * inset, lb.bot - lb.top, page);
        }
    }
}

/* Cards and some grids stack "codes row / values row" pairs with no
 * beneficiary rows: every header row's values are on the lines under it. */
/* 1 when text line L opens, left of x `xmax`, with a footnote ("(1) ...",
 * "¹ Taux ..."): the table above it has ended, and its marker is no cell's. */
static int footnote_line(const amcp_patterns *p, const amcp_layout *lay, int L, int xmax)
{
    for (int i = 0; i < lay->n; i++)
        if (lay->s[i].line == L && lay->s[i].seg == 0)
            return lay->s[i].x0 < xmax && amcp_match(p, p->tbl[AMCP_T_FOOTNOTE], lay->s[i].text,
                                                     strlen(lay->s[i].text), 0) > 0;
    return 0;
}

/* 1 when one of the `lines` text lines under line H (same page, within
 * lines + 1 lines' height of it, before a line with a code) holds `n`
 * value-shaped words or more. A row of codes has its values right under it
 * (one line, three values: its lost codes may be looked for); a legend's
 * line ("DIV Transport... CURE Cure thermale", its first code's words read
 * as another segment) has words under it but no value (two lines, one). */
static int values_under(const amcp_patterns *p, const amcp_layout *lay, int H, int lines,
                        int n)
{
    for (int L = H + 1; L < lay->nlines && L <= H + lines; L++) {
        if (line_page(lay, L) != line_page(lay, H) ||
            line_box(lay, L).top - line_box(lay, H).bot > (lines + 1) * lay->char_h ||
            count_codes(p, lay, L))
            return 0;
        int centres[64];
        if (value_centres(p, lay, L, -(1 << 30), centres, 64) >= n)
            return 1;
    }
    return 0;
}

/* Rows of codes stacked with their values under them, no beneficiary rows
 * (Viamedis). `found`: read_grid found a header line; without one, a line
 * is a row of codes only with values under it, so that lists of "CODE :
 * value" lines stay read_vertical's. A first row that lost codes on a
 * tinted band (two read of six) counts when values stand under it, its
 * lost codes read again where they stand. */
static void read_stacked(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r,
                         int found)
{
    for (int c = 0; c < r->ncols; c++)
        amcp_guar_clear(&r->cols[c]);
    free(r->cols);
    r->cols = NULL;
    r->ncols = 0;
    free(r->table_how); /* the header row's description no longer holds */
    r->table_how = NULL;
    int rows = 0;
    for (int H = 0; H < lay->nlines; H++) {
        int n = count_codes(p, lay, H);
        if (n < 2 || legend_line(p, lay, H))
            continue;
        /* values right under it; else a row with a grid found, after a
         * first one of three codes, with a value under it */
        if (!values_under(p, lay, H, 1, 3) &&
            (!found || (n < 3 && !rows) || !values_under(p, lay, H, 2, 1)))
            continue;
        column cols[64];
        int nc = 0;
        header_columns(p, lay, H, cols, &nc, 2);
        if (nc < 2)
            continue;
        rows++;
        int base = r->ncols, page = line_page(lay, H);
        for (int c = 0; c < nc; c++)
            if (add_col(r, cols[c].code) < 0)
                return;
        lbox hb = line_box(lay, H), vb = {0, -1};
        for (int L = H + 1; L < lay->nlines && L <= H + 4; L++) {
            if (count_codes(p, lay, L) >= 2 || line_page(lay, L) != page ||
                line_box(lay, L).top - hb.bot > 5 * lay->char_h ||
                footnote_line(p, lay, L, 1 << 30))
                break;
            if (vb.bot < 0)
                vb = line_box(lay, L);
            for (int c = 0; c < nc; c++) {
                amcp_guar *g = &r->cols[base + c];
                char cell[128], packed[128];
                int cb[4];
                float cc;
                cell_text(p, lay, L, &cols[c], cell, sizeof cell, cb, &cc);
                if (!cell[0])
                    continue;
                pack(cell, packed, sizeof packed);
                if (!g->raw && !g->nconv && match_whole(p, AMCP_T_CONVENTION, packed) &&
                    !amcp_value_known(p, packed) && /* "NC" is a value, not a network */
                    conventions_known(p, packed))
                    parse_conventions(packed, g);
                else
                    take_cell(p, lay, g, &cols[c], cell, cb, cc, page,
                              "table: stacked code rows, value under its code");
            }
        }
        for (int c = 0; c < nc && vb.bot > vb.top; c++)
            if (!r->cols[base + c].raw)
                relook_empty_cell(p, lay, &r->cols[base + c], &cols[c], vb, page,
                                  "table: stacked code rows, value under its code");
    }
    if (r->ncols) {
        free(r->table_how);
        r->table_how = amcp_printf("table: %d stacked rows of codes, values under them", rows);
    }
}

/* Rows of one grid share their rank column: when some rows' rank was read
 * and others' was not (no "Rang" label read either), the others are read
 * again where the read ranks stand. */
/* The empty stretch of text line `line` right of its birth date, up to the
 * next word or the grid: where the rank column stands when nothing was read
 * in it. 0 when there is no date or no room for a digit. */
/* The right edge of the birth date on text line `line` left of the grid,
 * or -1. */
static int birth_end(const amcp_layout *lay, int line, int firstleft)
{
    int dend = -1;
    char iso[11];
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != line)
            continue;
        for (int j = 0; j < s->nw; j++) {
            const amcp_word *w = &lay->words->v[s->w[j]];
            if (w->x + w->w < firstleft && amcp_date_iso(w->text, iso) == 0)
                dend = w->x + w->w;
        }
    }
    return dend;
}

static int gap_after_birth(const amcp_layout *lay, int line, int firstleft, int *gx, int *gw)
{
    int dend = birth_end(lay, line, firstleft), next = firstleft;
    if (dend < 0)
        return 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        if (s->line != line)
            continue;
        for (int j = 0; j < s->nw; j++) {
            const amcp_word *w = &lay->words->v[s->w[j]];
            /* a lone "1" is often read as a rule "|": it stays in the gap */
            if (w->x > dend && w->x < next && w->text[strspn(w->text, "|[]!")])
                next = w->x;
        }
    }
    int pad = lay->char_h / 4;
    if (next - dend - 2 * pad < lay->char_h / 2 || next - dend > 8 * lay->char_h)
        return 0;
    *gx = dend + pad, *gw = next - dend - 2 * pad;
    return 1;
}

/* 1 when a word of page `page` is a rank label ("Rang", "|Rang"). */
static int rank_label_on_page(const amcp_patterns *p, const amcp_layout *lay, int page)
{
    for (int i = 0; i < lay->words->n; i++) {
        const amcp_word *w = &lay->words->v[i];
        if (w->page == page && match_whole(p, AMCP_T_RANK_LABEL, w->text + strspn(w->text, "|[(!")))
            return 1;
    }
    return 0;
}

static void ranks_from_other_rows(const amcp_patterns *p, const amcp_layout *lay,
                                  amcp_reading *r, const int *anchors, int na, int firstleft,
                                  int idbox[][4], const float *idconf, int page)
{
    int x0 = 0, x1 = 0, missing = 0;
    for (int a = 0; a < na && a < r->nb; a++) {
        const amcp_benef *b = &r->b[a];
        if (!b->rank.value) {
            missing++;
            continue;
        }
        if (x1 > x0)
            continue;
        /* the rank word: the first word equal to it after the birth date
         * (a spaced NIR further on starts with a digit too), else the
         * rightmost one left of the grid */
        int after = birth_end(lay, anchors[a], firstleft);
        for (int i = 0; i < lay->n; i++) {
            const amcp_seg *s = &lay->s[i];
            if (s->line != anchors[a])
                continue;
            for (int j = 0; j < s->nw; j++) {
                const amcp_word *w = &lay->words->v[s->w[j]];
                if (w->x + w->w >= firstleft || strcmp(w->text, b->rank.value))
                    continue;
                if (after >= 0 ? w->x > after && (x1 <= x0 || w->x < x0) : w->x > x0) {
                    x0 = w->x;
                    x1 = w->x + w->w;
                }
            }
        }
    }
    if (!missing)
        return;
    if (x1 <= x0) {
        /* no row's rank to learn from: the gap after the birth date (the
         * rank column follows it), else the identity cell again whole;
         * only where ranks are printed: a "Rang" label, or rows with a NIR
         * (simple lists print neither, and each row would cost a dozen
         * zone reads) */
        int nirs = 0;
        for (int a = 0; a < na && a < r->nb; a++)
            nirs += r->b[a].nir.value != NULL;
        if (!nirs && !rank_label_on_page(p, lay, page))
            return;
        for (int a = 0; a < na && a < r->nb; a++) {
            if (r->b[a].rank.value || idbox[a][3] <= 0)
                continue;
            int gx, gw;
            if (gap_after_birth(lay, anchors[a], firstleft, &gx, &gw))
                amcp_relook_rank_at(p, lay, gx, gw, idbox[a], idconf[a], page,
                               "table.ini rank, second look between the birth date and the "
                               "next cell",
                               &r->b[a]);
            if (!r->b[a].rank.value)
                amcp_relook_identity(p, lay, idbox[a], idconf[a], page, &r->b[a]);
        }
        return;
    }
    /* a digit is narrow: look a digit's height either side */
    int pad = lay->char_h;
    for (int a = 0; a < na && a < r->nb; a++)
        if (!r->b[a].rank.value && idbox[a][3] > 0)
            amcp_relook_rank_at(p, lay, x0 - pad, x1 - x0 + 2 * pad, idbox[a], idconf[a], page,
                           "table.ini rank, second look where the other rows' rank stands",
                           &r->b[a]);
}

/* The number of cells of line L that read as networks conventions.ini
 * knows. */
static int networks_on_line(const amcp_patterns *p, const amcp_layout *lay, int L,
                            const column *cols, int nc)
{
    int n = 0;
    for (int c = 0; c < nc; c++) {
        char cell[128], packed[128];
        cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
        pack(cell, packed, sizeof packed);
        n += packed[0] && !amcp_value_known(p, packed) &&
             match_whole(p, AMCP_T_CONVENTION, packed) &&
             conventions_known(p, packed);
    }
    return n;
}

static void read_grid(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    column cols[64];
    int nc = 0;
    int H = find_header(p, lay, cols, &nc);
    if (H < 0 || nc < 3)
        H = header_from_values(p, lay, cols, &nc);
    if (H < 0 || nc < 3)
        return;
    int page = line_page(lay, H);
    r->cols = calloc((size_t)nc, sizeof *r->cols);
    r->ncols = nc;
    for (int c = 0; c < nc; c++)
        r->cols[c].code = amcp_strdup(cols[c].code);
    r->table_how = amcp_printf("table.ini: header row of %d codes, columns by geometry", nc);
    int firstleft = cols[0].left;
    lbox hb = line_box(lay, H);
    /* anchors: lines below the header with a name + birth date left of the grid */
    int anchors[16], na = 0, stop = lay->nlines;
    int last_bot = hb.bot;
    for (int L = H + 1; L < lay->nlines; L++) {
        if (line_page(lay, L) != page) {
            stop = L;
            break;
        }
        lbox b = line_box(lay, L);
        if (b.top - last_bot > 6 * lay->char_h) {
            stop = L;
            break;
        }
        char t[512];
        int box[4];
        float cf;
        left_text(lay, L, firstleft, t, sizeof t, box, &cf);
        int anchor = amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], t, strlen(t), 0) > 0;
        if (anchor && na < 16)
            anchors[na++] = L;
        /* a footnote line, left of the grid, ends it */
        if (na && footnote_line(p, lay, L, firstleft)) {
            stop = L;
            break;
        }
        /* keep the band going while lines have cells or anchors */
        int cells = 0;
        for (int c = 0; c < nc && !cells; c++) {
            char cell[128];
            cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, NULL);
            cells = cell[0] != 0;
        }
        if (cells || anchor || !na)
            last_bot = b.bot;
    }
    /* conventions: convention-shaped cells between the header and the first row */
    int firstrow = na ? anchors[0] : stop, lastconv = H;
    float convconf[64];
    int convline[64];
    for (int c = 0; c < nc; c++) {
        convconf[c] = 1.0f;
        convline[c] = -1;
    }
    for (int L = H + 1; L < firstrow; L++) {
        int networks = networks_on_line(p, lay, L, cols, nc);
        for (int c = 0; c < nc; c++) {
            char cell[128];
            float cc = 1.0f;
            cell_text(p, lay, L, &cols[c], cell, sizeof cell, NULL, &cc);
            char packed[128];
            pack(cell, packed, sizeof packed);
            /* a speck or a rule's end beside the networks ("_1S/SC", "IS.") */
            if (networks) {
                size_t lead = strspn(packed, "_.,'`|-"), n = strlen(packed);
                while (n > lead && strchr("_.,'`|-", packed[n - 1]))
                    n--;
                if ((lead || packed[n]) && n > lead + 1) {
                    memmove(packed, packed + lead, n - lead);
                    packed[n - lead] = 0;
                }
            }
            /* "15" for IS beside other cells' networks: on their line, two
             * digits of a network's shape are one (a rate stands in rows) */
            if (networks && strlen(packed) == 2 && isdigit((unsigned char)packed[0]) &&
                isdigit((unsigned char)packed[1])) {
                char shaped[3] = {packed[0] == '1' ? 'I' : packed[0] == '0' ? 'O' : packed[0],
                                  packed[1] == '5' ? 'S' : packed[1] == '0' ? 'C' : packed[1], 0};
                if (match_whole(p, AMCP_T_CONVENTION, shaped) && conventions_known(p, shaped)) {
                    snprintf(packed, sizeof packed, "%s", shaped);
                    cc = cc < 0.5f ? cc : 0.5f;
                }
            }
            /* "1S" for IS, "oc" for OC: glyphs of a network's shape; taken
             * only as networks conventions.ini knows, and as doubtful, so
             * the second look below reads them again */
            if (packed[0] && !amcp_value_known(p, packed) &&
                !match_whole(p, AMCP_T_CONVENTION, packed)) {
                char shaped[128];
                snprintf(shaped, sizeof shaped, "%s", packed);
                int changed = network_shapes(shaped, sizeof shaped);
                if (!(match_whole(p, AMCP_T_CONVENTION, shaped) &&
                      conventions_known(p, shaped)) &&
                    isupper((unsigned char)shaped[0]))
                    changed |= network_split(shaped, sizeof shaped);
                if (changed && match_whole(p, AMCP_T_CONVENTION, shaped) &&
                    conventions_known(p, shaped)) {
                    snprintf(packed, sizeof packed, "%s", shaped);
                    cc = cc < 0.5f ? cc : 0.5f;
                }
            }
            /* networks conventions.ini knows: two capitals read from a
             * rule or a blot ("ER", "LE") are no network */
            if (packed[0] && match_whole(p, AMCP_T_CONVENTION, packed) &&
                !amcp_value_known(p, packed) && conventions_known(p, packed)) {
                if (!r->cols[c].nconv) {
                    parse_conventions(packed, &r->cols[c]);
                    convconf[c] = cc;
                    convline[c] = L;
                }
                lastconv = L;
            }
        }
    }
    for (int c = 0; c < nc; c++)
        if (convline[c] != lastconv)
            convconf[c] = 1.0f; /* re-read on the last convention line only */
    relook_conventions(p, lay, r, cols, nc, lastconv, page, convconf);
    r->b = calloc((size_t)(na ? na : 1), sizeof *r->b);
    int idbox[16][4];
    float idconf[16];
    for (int a = 0; a < na; a++) {
        amcp_benef *b = &r->b[r->nb++];
        int L = anchors[a];
        char t[512];
        int box[4];
        float cf;
        int end = a + 1 < na ? anchors[a + 1] : stop;
        left_text(lay, L, firstleft, t, sizeof t, box, &cf);
        /* the identity cell may wrap: NIR on the next line or two of the
         * band; lines with nothing left of the grid (a speck or a cell's
         * marker made a line of its own between them) are passed over */
        lbox idb = line_box(lay, L);
        for (int LL = L + 1, wrapped = 0; LL < end && wrapped < 2; LL++) {
            char more[256];
            int mb[4];
            float mc;
            left_text(lay, LL, firstleft, more, sizeof more, mb, &mc);
            if (!more[0] || line_box(lay, LL).top > idb.bot + 3 * lay->char_h)
                continue;
            wrapped++;
            if (strlen(t) + strlen(more) + 2 < sizeof t) {
                strcat(t, " ");
                strcat(t, more);
                box_union(box, mb);
            }
        }
        amcp_parse_identity(p, lay, t, box, cf, page, b);
        memcpy(idbox[a], box, sizeof idbox[a]);
        idconf[a] = cf;
        b->g = calloc((size_t)nc, sizeof *b->g);
        b->ng = nc;
        /* the band starts a little above the anchor: values centred in a
         * two-line row may sit on the line above the name */
        int from = L;
        lbox ab = line_box(lay, L);
        while (from - 1 > (a ? anchors[a - 1] : lastconv) &&
               line_box(lay, from - 1).bot > ab.top - lay->char_h &&
               !has_left_text(lay, from - 1, firstleft) &&
               holds_values(p, lay, from - 1, cols, nc) &&
               !markers_of_row_above(p, lay, from - 1, L, cols, nc))
            from--;
        for (int c = 0; c < nc; c++) {
            amcp_guar *g = &b->g[c];
            g->code = amcp_strdup(cols[c].code);
            for (int k = 0; k < r->cols[c].nconv; k++)
                g->conv[g->nconv++] = amcp_strdup(r->cols[c].conv[k]);
            for (int LL = from; LL < end; LL++) {
                char cell[128];
                int cb[4];
                float cc;
                cell_text(p, lay, LL, &cols[c], cell, sizeof cell, cb, &cc);
                if (cell[0])
                    take_cell(p, lay, g, &cols[c], cell, cb, cc, page,
                              "table: cell under the code, in the beneficiary's band");
            }
            if (!g->raw)
                relook_empty_cell(p, lay, g, &cols[c], ab, page,
                                  "table: cell under the code, in the beneficiary's band");
        }
        relook_marker_lines(p, lay, b, cols, nc, from, end, page);
    }
    ranks_from_other_rows(p, lay, r, anchors, na, firstleft, idbox, idconf, page);
    amcp_grid_rows_agree(p, lay, r);
}

/* Without a grid: lists of "CODE libellé value" or "CODE : value" lines,
 * sometimes two lists side by side on the same lines. */
typedef struct {
    const amcp_code *code;
    int line, x;            /* the code word's line and left edge */
    int first, last;        /* value words: token indices in the line */
    char value[128];
    amcp_guar tmp;          /* notes read after the value */
} vpair;

#define VMAX_TOK 64
#define VMAX_PAIRS 96

/* A word with the separators glued to it removed: ":100%" -> "100%". */
static const char *strip_sep(const char *t)
{
    while (*t == ':' || *t == '=')
        t++;
    return t;
}

/* Pairs of line L: each known code opens a span that runs to the next code;
 * the span's value is its trailing run of value-shaped words, after any
 * trailing note markers "(3)". A code counts only at the start of the line,
 * right after a value or after a wide gap, so a libellé word never opens a
 * span. */
/* A code of a list line read with one letter as its look-alike digit
 * ("AUD1" for AUDI, "0PTI" for OPTI): the one known code it makes. Words of
 * three glyphs or more with a letter: a value ("100") makes none. */
static const amcp_code *code_digit_for_letter(const amcp_patterns *p, const char *c)
{
    static const char digit[] = "0158", letter[] = "OISB";
    size_t n = strlen(c);
    int letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += isupper((unsigned char)c[i]) != 0;
    if (n < 3 || n > 8 || !letters)
        return NULL;
    const amcp_code *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *d = strchr(digit, c[i]);
        if (!d || !*d)
            continue;
        char t[16];
        memcpy(t, c, n + 1);
        t[i] = letter[d - digit];
        const amcp_code *kc = amcp_code_find(p, t);
        if (kc && found && kc != found)
            return NULL;
        if (kc)
            found = kc;
    }
    return found;
}

static int line_pairs(const amcp_patterns *p, const amcp_layout *lay, int L, vpair *out,
                      int room)
{
    const amcp_word *tok[VMAX_TOK];
    int nt = 0, np = 0;
    for (int i = 0; i < lay->n; i++)
        if (lay->s[i].line == L)
            for (int j = 0; j < lay->s[i].nw && nt < VMAX_TOK; j++)
                tok[nt++] = &lay->words->v[lay->s[i].w[j]];
    int starts[VMAX_TOK], ns = 0;
    const amcp_code *codes[VMAX_TOK];
    const char *glued[VMAX_TOK]; /* a value glued to its code: "HOSP::PEC" */
    for (int k = 0; k < nt; k++) {
        char c[16];
        code_text(tok[k]->text, c, sizeof c);
        const amcp_code *kc = amcp_code_find(p, c);
        const char *after = NULL;
        /* the code, its ':' and its value read as one word ("HOSP::PEC",
         * confidence 0): the span would end with no value, and the span
         * before it run on over it */
        const char *colon = strchr(tok[k]->text, ':');
        if (!kc && colon && colon > tok[k]->text && (size_t)(colon - tok[k]->text) < sizeof c) {
            snprintf(c, sizeof c, "%.*s", (int)(colon - tok[k]->text), tok[k]->text);
            after = strip_sep(colon);
            kc = *after && match_whole(p, AMCP_T_VALUE_WORD, after) ? amcp_code_find(p, c) : NULL;
        }
        /* a line's first word less a glyph ("PPS" : 100 for LPPS), when a
         * ':' follows it as in the lines around */
        if (!kc && k == 0 && k + 1 < nt && tok[k + 1]->text[0] == ':' &&
            match_whole(p, AMCP_T_HEADER_CODE, c))
            kc = code_missing_edge(p, c, sizeof c);
        /* or with its ':' glued and misread ("LPPS5 100" for "LPPS : 100"),
         * when a value follows it */
        if (!kc && k == 0 && k + 1 < nt &&
            match_whole(p, AMCP_T_VALUE_WORD, strip_sep(tok[k + 1]->text)))
            kc = code_with_extra(p, c, sizeof c);
        if (!kc)
            kc = code_digit_for_letter(p, c);
        if (!kc)
            continue;
        const char *prev = k ? strip_sep(tok[k - 1]->text) : "";
        /* a wide gap before it: the next list side by side, whatever the
         * previous span ended with (an unreadable "O0") */
        int gap = k && tok[k]->x - (tok[k - 1]->x + tok[k - 1]->w) > 4 * lay->char_h;
        if (k == 0 || gap || match_whole(p, AMCP_T_VALUE_WORD, prev) ||
            match_whole(p, AMCP_T_NOTE, prev)) {
            codes[ns] = kc;
            glued[ns] = kc && after && *after ? after : NULL;
            starts[ns++] = k;
        }
    }
    for (int si = 0; si < ns && np < room; si++) {
        int end = si + 1 < ns ? starts[si + 1] : nt; /* exclusive */
        vpair *v = &out[np];
        memset(v, 0, sizeof *v);
        /* trailing markers "(3)" are notes of the value before them */
        int e = end - 1;
        while (e > starts[si] && tok[e]->text[0] == '(' &&
               match_whole(p, AMCP_T_NOTE, tok[e]->text))
            e--;
        int f = e + 1;
        while (f - 1 > starts[si] && match_whole(p, AMCP_T_VALUE_WORD, strip_sep(tok[f - 1]->text)))
            f--;
        if (f > e && glued[si] && e == starts[si]) {
            const amcp_word *cw = tok[e];
            amcp_value_normalise(glued[si], v->value, sizeof v->value, &v->tmp);
            for (int m = e + 1; m < end; m++)
                parse_notes(tok[m]->text, &v->tmp);
            v->code = codes[si];
            v->line = L;
            v->x = cw->x;
            v->first = v->last = e;
            amcp_field_set(&v->tmp.ev, v->value, glued[si], cw->conf, cw->page, cw->x, cw->y,
                           cw->w, cw->h, "table: vertical list, the value glued to its code");
            np++;
            continue;
        }
        if (f > e) {
            /* "MED : O", "MED 100%7TM", "AUDI : 300 XTM": one short word
             * after the code's ':', or starting with a digit, or two after
             * the ':' (a "%" read as a letter splits "300%TM"), that is no
             * value is read again on its own; kept only if values.ini knows
             * it. (A libellé after a code has no ':' and starts with a
             * letter: not re-read.) */
            int k = starts[si] + 1;
            int colon = strchr(tok[starts[si]]->text, ':') != NULL;
            if (k <= e && !strcmp(tok[k]->text, ":"))
                colon = 1, k++;
            size_t tl = 0;
            for (int q = k; q <= e; q++)
                tl += strlen(tok[q]->text);
            if (k > e || e - k > (colon ? 1 : 0) || tl > 10 ||
                !(colon || isdigit((unsigned char)tok[k]->text[0])) ||
                (e > k && !isdigit((unsigned char)tok[k]->text[0])))
                continue;
            const amcp_word *vw = tok[k];
            int cb[4] = {vw->x, vw->y, tok[e]->x + tok[e]->w - vw->x, vw->h};
            for (int q = k + 1; q <= e; q++) {
                if (tok[q]->y < cb[1])
                    cb[3] += cb[1] - tok[q]->y, cb[1] = tok[q]->y;
                if (tok[q]->y + tok[q]->h > cb[1] + cb[3])
                    cb[3] = tok[q]->y + tok[q]->h - cb[1];
            }
            char first[64] = "";
            for (int q = k; q <= e; q++)
                snprintf(first + strlen(first), sizeof first - strlen(first), "%s%s",
                         q > k ? " " : "", tok[q]->text);
            if (!relook_value(p, lay, &v->tmp, NULL, first, cb, vw->conf, vw->page,
                              "table: vertical list, the value after the code's ':'")) {
                amcp_guar_clear(&v->tmp);
                continue;
            }
            snprintf(v->value, sizeof v->value, "%s", v->tmp.value);
            for (int m = e + 1; m < end; m++)
                parse_notes(tok[m]->text, &v->tmp);
            v->code = codes[si];
            v->line = L;
            v->x = tok[starts[si]]->x;
            v->first = k;
            v->last = e;
            np++;
            continue;
        }
        char vb[128] = "";
        for (int k = f; k <= e; k++) {
            size_t n = strlen(vb);
            snprintf(vb + n, sizeof vb - n, "%s%s", n ? " " : "", strip_sep(tok[k]->text));
        }
        amcp_value_normalise(vb, v->value, sizeof v->value, &v->tmp);
        for (int k = e + 1; k < end; k++)
            parse_notes(tok[k]->text, &v->tmp);
        v->code = codes[si];
        v->line = L;
        v->x = tok[starts[si]]->x;
        v->first = f;
        v->last = e;
        /* the box of the value words */
        int x0 = tok[f]->x, y0 = tok[f]->y, x1 = x0, y1 = y0;
        for (int k = f; k <= e; k++) {
            if (tok[k]->x < x0) x0 = tok[k]->x;
            if (tok[k]->y < y0) y0 = tok[k]->y;
            if (tok[k]->x + tok[k]->w > x1) x1 = tok[k]->x + tok[k]->w;
            if (tok[k]->y + tok[k]->h > y1) y1 = tok[k]->y + tok[k]->h;
        }
        amcp_field_set(&v->tmp.ev, v->value, vb, tok[f]->conf, tok[f]->page, x0, y0, x1 - x0,
                       y1 - y0, "table: vertical list, the value closing the code's span");
        /* value-shaped but unknown ("100%7TM"): a second look at its words */
        if (!amcp_value_known(p, v->value)) {
            int cb[4] = {x0, y0, x1 - x0, y1 - y0};
            free(v->tmp.raw), free(v->tmp.value);
            v->tmp.raw = v->tmp.value = NULL;
            if (relook_value(p, lay, &v->tmp, NULL, vb, cb, tok[f]->conf, tok[f]->page,
                             "table: vertical list, the value closing the code's span"))
                snprintf(v->value, sizeof v->value, "%s", v->tmp.value);
        }
        np++;
    }
    return np;
}

static int by_column_then_line(const void *a, const void *b)
{
    const vpair *x = a, *y = b;
    if (x->first != y->first) /* 'first' holds the column number while sorting */
        return x->first - y->first;
    return x->line - y->line;
}

static void read_vertical(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    vpair *pairs = calloc(VMAX_PAIRS, sizeof *pairs);
    int np = 0;
    if (!pairs)
        return;
    for (int L = 0; L < lay->nlines && np < VMAX_PAIRS; L++) {
        int got = line_pairs(p, lay, L, pairs + np, VMAX_PAIRS - np);
        /* keep pairs whose value values.ini knows: "DENT Dentaire" alone,
         * or a legend line, is no guarantee */
        for (int k = 0; k < got; k++) {
            vpair *v = &pairs[np + k];
            if (!amcp_value_known(p, v->value)) {
                amcp_guar_clear(&v->tmp);
                v->code = NULL;
            }
        }
        int w = np;
        for (int k = np; k < np + got; k++)
            if (pairs[k].code)
                pairs[w++] = pairs[k];
        np = w;
    }
    /* side-by-side lists read column after column: columns are groups of
     * code words whose left edges line up */
    for (int i = 0; i < np; i++) {
        int col = 0;
        for (int j = 0; j < np; j++)
            if (pairs[j].x < pairs[i].x - 3 * lay->char_h)
                col++;
        pairs[i].first = col; /* a rank by x, enough to order the columns */
    }
    qsort(pairs, (size_t)np, sizeof *pairs, by_column_then_line);
    for (int i = 0; i < np; i++) {
        if (add_col(r, pairs[i].code->code) < 0) {
            for (int k = i; k < np; k++)
                amcp_guar_clear(&pairs[k].tmp);
            break;
        }
        amcp_guar *g = &r->cols[r->ncols - 1];
        char *code = g->code;
        *g = pairs[i].tmp;
        g->code = code;
        free(g->raw), free(g->value); /* a second look's reading, kept in ev */
        g->raw = amcp_strdup(g->ev.raw ? g->ev.raw : pairs[i].value);
        g->value = amcp_strdup(pairs[i].value);
    }
    free(pairs);
    if (r->ncols) {
        free(r->table_how);
        r->table_how = amcp_strdup("table: vertical list (code, libellé, value)");
    }
}

static void add_pair(amcp_pair **v, int *n, const char *k, const char *t)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp((*v)[i].key, k))
            return;
    amcp_pair *p = realloc(*v, (size_t)(*n + 1) * sizeof **v);
    if (!p)
        return;
    *v = p;
    p[*n].key = amcp_strdup(k);
    p[*n].text = amcp_strdup(t);
    (*n)++;
}

static void read_notes_and_legend(const amcp_patterns *p, const amcp_layout *lay,
                                  amcp_reading *r)
{
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        size_t len = strlen(s->text);
        char k[16], t[512];
        if (amcp_match(p, p->tbl[AMCP_T_FOOTNOTE], s->text, len, 0) > 0) {
            amcp_group(p, p->tbl[AMCP_T_FOOTNOTE], s->text, "text", t, sizeof t);
            if (amcp_group(p, p->tbl[AMCP_T_FOOTNOTE], s->text, "key", k, sizeof k) ||
                amcp_group(p, p->tbl[AMCP_T_FOOTNOTE], s->text, "star", k, sizeof k)) {
                add_pair(&r->footnotes, &r->nfootnotes, k, t);
            } else if (amcp_group(p, p->tbl[AMCP_T_FOOTNOTE], s->text, "sup", k, sizeof k)) {
                for (int d = 0; d < 10; d++)
                    if (!strcmp(k, sup[d])) {
                        char kk[2] = {(char)('0' + d), 0};
                        add_pair(&r->footnotes, &r->nfootnotes, kk, t);
                    }
            }
            continue;
        }
        if (amcp_match(p, p->tbl[AMCP_T_LEGEND], s->text, len, 0) > 0) {
            amcp_group(p, p->tbl[AMCP_T_LEGEND], s->text, "code", k, sizeof k);
            amcp_group(p, p->tbl[AMCP_T_LEGEND], s->text, "text", t, sizeof t);
            /* a legend explains a code printed on this card */
            int printed = 0;
            for (int c = 0; c < r->ncols; c++)
                if (!strcmp(r->cols[c].code, k))
                    printed = 1;
            if (printed && strlen(t) > 4)
                add_pair(&r->legend, &r->nlegend, k, t);
        }
    }
}

/* Without grid rows: beneficiaries listed as lines "NOM Prénom né le 01/02/1960". */
static void read_beneficiary_list(const amcp_patterns *p, const amcp_layout *lay,
                                  amcp_reading *r)
{
    enum { MAXROWS = 16 };
    int anchors[MAXROWS], idbox[MAXROWS][4], na = 0, page0 = 0;
    float idconf[MAXROWS];
    for (int L = 0; L < lay->nlines; L++) {
        char t[512];
        int box[4];
        float cf;
        left_text(lay, L, 1 << 30, t, sizeof t, box, &cf);
        if (amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], t, strlen(t), 0) <= 0)
            continue;
        char name[256];
        amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], t, "name", name, sizeof name);
        /* a cell border read before the name: "|MOREL Hugo", "[MOREL" */
        char *nm = (char *)past_border(name);
        drop_specks_in_words(nm);
        if (amcp_match(p, p->tbl[AMCP_T_PERSON], nm, strlen(nm), 0) <= 0)
            continue;
        amcp_benef *nb = realloc(r->b, (size_t)(r->nb + 1) * sizeof *r->b);
        if (!nb)
            return;
        r->b = nb;
        amcp_benef *b = &r->b[r->nb++];
        memset(b, 0, sizeof *b);
        int pg = line_page(lay, L);
        amcp_parse_identity(p, lay, t, box, cf, pg, b);
        /* rows of the first page the list is on: where their ranks stand */
        if (na < MAXROWS && r->nb == na + 1 && (!na || pg == page0)) {
            page0 = pg;
            anchors[na] = L, idconf[na] = cf;
            memcpy(idbox[na++], box, sizeof box);
        }
    }
    if (na)
        ranks_from_other_rows(p, lay, r, anchors, na, 1 << 30, idbox, idconf, page0);
}

/* 1 when the footnotes printed have key `k`. */
static int footnote_printed(const amcp_reading *r, const char *k)
{
    for (int i = 0; i < r->nfootnotes; i++)
        if (!strcmp(r->footnotes[i].key, k))
            return 1;
    return 0;
}

/* A marker refers to a footnote printed at the foot of the certificate.
 * Once footnotes were read, a marker digit none of them has ("8" where
 * the card prints (2) and (3)) is a small raised digit misread: when
 * exactly one digit of a like shape is printed (3 for 8), it is taken, and
 * output.c says so in a warning; otherwise the marker stays as read. */
static void notes_from_footnotes(amcp_reading *r, amcp_guar *g)
{
    static const char *const alike[10] = {"8", "7", "7", "8", "1", "6", "58", "12", "360", "8"};
    for (int k = 0; k < g->nnotes; k++) {
        const char *n = g->notes[k];
        if (!isdigit((unsigned char)n[0]) || n[1] || footnote_printed(r, n))
            continue;
        char only[2] = "", c[2] = "";
        int found = 0;
        for (const char *a = alike[n[0] - '0']; *a; a++) {
            c[0] = *a;
            if (footnote_printed(r, c))
                found++, only[0] = *a;
        }
        if (found != 1)
            continue;
        int seen = 0;
        for (int f = 0; f < r->nnotefix; f++)
            seen |= !strcmp(r->notefix[f].code, g->code) && !strcmp(r->notefix[f].read, n);
        if (!seen && r->nnotefix < (int)(sizeof r->notefix / sizeof r->notefix[0])) {
            snprintf(r->notefix[r->nnotefix].code, sizeof r->notefix[0].code, "%s", g->code);
            snprintf(r->notefix[r->nnotefix].read, sizeof r->notefix[0].read, "%s", n);
            snprintf(r->notefix[r->nnotefix].taken, sizeof r->notefix[0].taken, "%s", only);
            r->nnotefix++;
        }
        free(g->notes[k]);
        g->notes[k] = amcp_strdup(only);
    }
}

static void check_notes(amcp_reading *r)
{
    int digits = 0;
    for (int i = 0; i < r->nfootnotes; i++)
        digits += isdigit((unsigned char)r->footnotes[i].key[0]) != 0;
    if (!digits)
        return;
    for (int c = 0; c < r->ncols; c++)
        notes_from_footnotes(r, &r->cols[c]);
    for (int b = 0; b < r->nb; b++)
        for (int c = 0; c < r->b[b].ng; c++)
            notes_from_footnotes(r, &r->b[b].g[c]);
}

void amcp_extract_table(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    read_grid(p, lay, r);
    if (!r->nb)
        read_stacked(p, lay, r, r->ncols > 0);
    if (!r->ncols)
        read_vertical(p, lay, r);
    if (!r->nb)
        read_beneficiary_list(p, lay, r);
    amcp_grid_values_agree(p, lay, r);
    amcp_family_agree(p, r, r->nb && rank_label_on_page(p, lay, r->b[0].name.page));
    read_notes_and_legend(p, lay, r);
    check_notes(r);
}

void amcp_guar_clear(amcp_guar *g)
{
    free(g->code), free(g->raw), free(g->value);
    for (int j = 0; j < g->nconv; j++)
        free(g->conv[j]);
    for (int j = 0; j < g->nnotes; j++)
        free(g->notes[j]);
    amcp_field_clear(&g->ev);
    memset(g, 0, sizeof *g);
}
