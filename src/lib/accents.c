/*
 * accents.c - accents of names put back from the page's ink (accents.h).
 *
 * The LSTM drops or mistakes diacritics that are plainly on the page:
 * "Loïc" read "Loic", "Maëlle" read "Maélle" (or "Maëélle", the glyph
 * given twice), "Élodie" read "Elodie" while the accent stands clear above
 * the E. A name with a wrong accent is a wrong name for the patient record.
 * Its glyph boxes are loose (the "i" of "Loic" boxed as its dot alone, the
 * stem given to the "c"; the "é" of "Maëélle" boxed over the "l"), so the
 * marks are found in the ink and given to the nearest glyph that can carry
 * them:
 * - two small marks side by side, at one height, above the x-height line
 *   make a diaeresis: the nearest "i" or "e" (whatever its accent) within
 *   one x-height becomes "ï" or "ë". An "i" has one dot and an "é" one
 *   accent: one mark changes nothing.
 * - a small mark standing clear above a capital E (its own component,
 *   between the E's top and half a capital's height above) is its accent:
 *   "É", or "È" when it slants down to the right.
 */
#include "accents.h"
#include <stdlib.h>
#include <string.h>

void amcp_accents_note(amcp_accents *a, const char *text, int off, int x1, int y1, int x2,
                       int y2)
{
    char kind = 0;
    if (!strcmp(text, "E"))
        kind = 'E';
    else if (!a->base)
        return; /* a small letter's marks need the x-height line */
    else if (!strcmp(text, "i") || !strcmp(text, "ï"))
        kind = 'i';
    else if (!strcmp(text, "e") || !strcmp(text, "é") || !strcmp(text, "è") ||
             !strcmp(text, "ê") || !strcmp(text, "ë"))
        kind = 'e';
    if (!kind || a->n >= AMCP_MAX_ACCENTS)
        return;
    a->g[a->n++] = (amcp_accent_glyph){off, (int)strlen(text), kind, x1, y1, x2, y2};
}

/* The ink of rows y0..y1-1 and columns x0..x1-1 of `g` (clipped to the
 * page) as connected components; *ox, *oy get the region's origin. */
static BOXA *ink_components(PIX *g, int thr, int x0, int y0, int x1, int y1, PIX **bin,
                            int *ox, int *oy)
{
    int pw = (int)pixGetWidth(g), ph = (int)pixGetHeight(g);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > pw) x1 = pw;
    if (y1 > ph) y1 = ph;
    *bin = NULL, *ox = x0, *oy = y0;
    if (x1 - x0 < 2 || y1 - y0 < 2)
        return NULL;
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *c = b ? pixClipRectangle(g, b, NULL) : NULL;
    boxDestroy(&b);
    *bin = c ? pixThresholdToBinary(c, thr) : NULL;
    pixDestroy(&c);
    return *bin ? pixConnComp(*bin, NULL, 8) : NULL;
}

/* The marks floating above the word's x-height line, in page coordinates:
 * components of the band between the word's top and the line that end
 * above it (what stands on the baseline crosses the line) and are small. */
static BOXA *floating_marks(PIX *g, int thr, const amcp_word *w, const amcp_accents *a)
{
    /* the glyph boxes' line, or halfway up the word when they reach up to
     * the marks (the LSTM boxed the "o" and "c" of "Loic" up to the i's
     * dot): any line between the marks and the baseline will do */
    int line = a->xh_top, mid = a->base - (a->base - w->y) / 2;
    if (mid > line)
        line = mid;
    int xh = a->base - line;
    if (line <= w->y + 2 || xh < 4)
        return NULL;
    PIX *bin;
    int ox, oy;
    BOXA *cc = ink_components(g, thr, w->x, w->y, w->x + w->w, line + 1, &bin, &ox, &oy);
    int bh = bin ? (int)pixGetHeight(bin) : 0;
    pixDestroy(&bin);
    BOXA *marks = cc ? boxaCreate(4) : NULL;
    for (int i = 0; marks && i < boxaGetCount(cc); i++) {
        l_int32 x, y, bw, bhh;
        boxaGetBoxGeometry(cc, i, &x, &y, &bw, &bhh);
        /* ends above the line (1 px of anti-aliasing); a mark, not a
         * capital's or an ascender's top cut by the clip */
        if (y + bhh >= bh - 1 || bw * bhh < 2 || bw * 2 > xh || bhh * 2 > xh)
            continue;
        BOX *m = boxCreate(ox + x, oy + y, bw, bhh);
        if (m)
            boxaAddBox(marks, m, L_INSERT);
    }
    boxaDestroy(&cc);
    return marks;
}

/* 1 when mark m is shaped like a dot: two pixels tall at least (a one-row
 * sliver is a rule's or a glyph's edge), neither long nor tall. */
static int dot_shaped(const l_int32 *m)
{
    return m[3] >= 2 && m[2] <= 2 * m[3] + 1 && m[3] <= 2 * m[2] + 1;
}

/* 1 when marks a and b make a diaeresis: two dots at one height, side by
 * side with no shared column, a gap of about a dot's width, of like size
 * (area within a factor 2). An i's dot beside an è's accent ("Geneviève")
 * stands a glyph's width apart, with a gap of two dots or more. */
static int dots_pair(const l_int32 *a, const l_int32 *b)
{
    if (!dot_shaped(a) || !dot_shaped(b))
        return 0;
    const l_int32 *l = a[0] <= b[0] ? a : b, *r = l == a ? b : a;
    int wmax = l[2] > r[2] ? l[2] : r[2];
    int gap = r[0] - (l[0] + l[2]);
    int al = l[2] * l[3], ar = r[2] * r[3];
    return gap >= 0 && gap <= wmax + 1 && a[1] < b[1] + b[3] && b[1] < a[1] + a[3] &&
           al <= 2 * ar && ar <= 2 * al;
}

/* Which noted glyph gets each diaeresis found: set in `to` (the replacement
 * text per noted glyph). */
static void diaereses(PIX *g, int thr, const amcp_word *w, const amcp_accents *a,
                      const char **to)
{
    BOXA *marks = floating_marks(g, thr, w, a);
    int n = marks ? boxaGetCount(marks) : 0, xh = a->base - a->xh_top;
    if (xh < (a->base - w->y) / 2)
        xh = (a->base - w->y) / 2;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            l_int32 p[4], q[4];
            boxaGetBoxGeometry(marks, i, &p[0], &p[1], &p[2], &p[3]);
            boxaGetBoxGeometry(marks, j, &q[0], &q[1], &q[2], &q[3]);
            if (!dots_pair(p, q))
                continue;
            int lo = p[0] < q[0] ? p[0] : q[0];
            int hi = p[0] + p[2] > q[0] + q[2] ? p[0] + p[2] : q[0] + q[2];
            int cx = (lo + hi) / 2, best = -1, bd = xh + 1;
            for (int k = 0; k < a->n; k++) {
                int d = abs((a->g[k].x1 + a->g[k].x2) / 2 - cx);
                if (a->g[k].kind != 'E' && d < bd)
                    bd = d, best = k;
            }
            if (best >= 0)
                to[best] = a->g[best].kind == 'i' ? "ï" : "ë";
        }
    boxaDestroy(&marks);
}

/* Which way the mark in box m of `bin` slants: > 0 down to the right (a
 * grave accent), < 0 down to the left (acute), 0 when it cannot tell. */
static int slant(PIX *bin, const l_int32 *m)
{
    long sx[2] = {0, 0}, cnt[2] = {0, 0};
    for (int y = m[1]; y < m[1] + m[3]; y++)
        for (int x = m[0]; x < m[0] + m[2]; x++) {
            l_uint32 v = 0;
            pixGetPixel(bin, x, y, &v);
            int half = (y - m[1]) * 2 >= m[3];
            if (v)
                sx[half] += x, cnt[half]++;
        }
    if (!cnt[0] || !cnt[1])
        return 0;
    /* mean columns of the top and bottom halves, in quarter pixels */
    long top = sx[0] * 4 / cnt[0], bot = sx[1] * 4 / cnt[1];
    return bot - top >= 2 ? 1 : top - bot >= 2 ? -1 : 0;
}

/* The accent over capital E `e`, if the ink shows one: "É", "È" or NULL. */
static const char *capital_accent(PIX *g, int thr, const amcp_word *w, const amcp_accent_glyph *e)
{
    int cw = e->x2 - e->x1, ch = e->y2 - e->y1;
    if (cw < 3 || ch < 8)
        return NULL;
    int top = e->y1 < w->y ? e->y1 : w->y;
    PIX *bin;
    int ox, oy;
    BOXA *cc = ink_components(g, thr, e->x1 - cw / 4, top - ch * 7 / 10, e->x2 + cw / 4 + 1,
                              e->y2 + 1, &bin, &ox, &oy);
    int n = cc ? boxaGetCount(cc) : 0, bh = bin ? (int)pixGetHeight(bin) : 0;
    /* the E: the component standing on the baseline whose centre is the
     * nearest the glyph box's */
    int body = -1, bd = 0, ecx = (e->x1 + e->x2) / 2 - ox;
    l_int32 b[4] = {0};
    for (int i = 0; i < n; i++) {
        l_int32 c[4];
        boxaGetBoxGeometry(cc, i, &c[0], &c[1], &c[2], &c[3]);
        int d = abs(c[0] + c[2] / 2 - ecx);
        if (c[1] + c[3] >= bh - 2 && c[3] * 5 >= ch * 4 && (body < 0 || d < bd))
            body = i, bd = d, memcpy(b, c, sizeof b);
    }
    const char *acc = NULL;
    int found = 0;
    for (int i = 0; body >= 0 && i < n; i++) {
        l_int32 c[4];
        boxaGetBoxGeometry(cc, i, &c[0], &c[1], &c[2], &c[3]);
        int cx = c[0] + c[2] / 2, bottom = c[1] + c[3];
        /* clear above the E's top, close to it, over its columns, small,
         * and whole (not the tail of something above the region) */
        if (i == body || c[1] == 0 || bottom > b[1] || b[1] - bottom > b[3] / 2 ||
            cx < b[0] || cx >= b[0] + b[2] || c[2] < 2 || c[3] < 2 || c[2] > b[2] ||
            c[3] * 2 > b[3])
            continue;
        found++;
        /* É is by far the more common; a grave accent needs a mark tall
         * enough to show its slant */
        acc = c[3] >= 4 && slant(bin, c) > 0 ? "È" : "É";
    }
    boxaDestroy(&cc);
    pixDestroy(&bin);
    return found == 1 ? acc : NULL;
}

/* 1 when word `w`, in capitals, has marks floating above capitals that
 * carry no accent here (not over one of its E): specks of a rough scan
 * or a band's edge, which would as well be read as accents over its E
 * ("CHEVALIER" made "CHÉVALIÉR"). A word in capitals has a real accent
 * over one E or two and clean paper above its other letters. */
static int specks_over_capitals(PIX *g, int thr, const amcp_word *w, const amcp_accents *a)
{
    int ch = 0;
    for (int k = 0; k < a->n; k++)
        if (a->g[k].kind == 'E' && a->g[k].y2 - a->g[k].y1 > ch)
            ch = a->g[k].y2 - a->g[k].y1;
    for (const char *t = w->text; *t; t++)
        if (*t >= 'a' && *t <= 'z')
            return 0; /* a name's capital: "Élodie" */
    if (ch < 8)
        return 0;
    PIX *bin;
    int ox, oy;
    BOXA *cc = ink_components(g, thr, w->x, w->y - ch * 7 / 10, w->x + w->w, w->y, &bin, &ox, &oy);
    int n = cc ? boxaGetCount(cc) : 0, bh = bin ? (int)pixGetHeight(bin) : 0, specks = 0;
    for (int i = 0; i < n; i++) {
        l_int32 c[4];
        boxaGetBoxGeometry(cc, i, &c[0], &c[1], &c[2], &c[3]);
        /* whole (not a tail from above, not a letter's top cut by the
         * clip), small like an accent */
        if (c[1] == 0 || c[1] + c[3] >= bh || c[2] < 2 || c[3] < 2 || c[3] * 2 > ch ||
            c[2] * 2 > ch)
            continue;
        int cx = ox + c[0] + c[2] / 2, over_e = 0;
        for (int k = 0; k < a->n && !over_e; k++) {
            const amcp_accent_glyph *e = &a->g[k];
            int cw = e->x2 - e->x1;
            over_e = e->kind == 'E' && cx >= e->x1 - cw / 4 && cx <= e->x2 + cw / 4;
        }
        specks += !over_e;
    }
    boxaDestroy(&cc);
    pixDestroy(&bin);
    return specks > 0;
}

/* "ëé", "éë", "ëè", "èë", "ëë": the LSTM gave one glyph twice ("Maëélle"); no
 * French word puts two accented e side by side. Drops the second, in
 * place; returns 1 when it did. */
static int drop_doubled_e(char *t)
{
    static const char *const pairs[] = {"ëé", "éë", "ëè", "èë", "ëë"};
    int dropped = 0;
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        char *s;
        while ((s = strstr(t, pairs[p])) != NULL) {
            memmove(s + 2, s + 4, strlen(s + 4) + 1);
            dropped = 1;
        }
    }
    return dropped;
}

/* 1 when the E at byte `off` of `t` may carry an accent: a name's capital
 * ("Elodie": small letters follow) or a capital of a word in capitals of six
 * letters or more ("BERANGER"). Codes and values (EXTE, SDENT, PEC) are
 * shorter and never carry one: no speck may turn them into another word. */
static int may_be_accented_capital(const char *t, int off)
{
    if (t[off + 1] >= 'a' && t[off + 1] <= 'z')
        return 1;
    int letters = 0;
    for (const char *p = t; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            return 0;
        letters += (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xC0;
    }
    return letters >= 6;
}

void amcp_accents_keep(amcp_accents *a, const char *text)
{
    int n = 0, len = (int)strlen(text);
    for (int k = 0; k < a->n; k++)
        if (a->g[k].off >= 0 && a->g[k].off < len &&
            (a->g[k].kind != 'E' || may_be_accented_capital(text, a->g[k].off)))
            a->g[n++] = a->g[k];
    a->n = n;
}

void amcp_accents_fix(PIX *g, int ink, int paper, amcp_word *w, const amcp_accents *a)
{
    if (!g || !a->n)
        return;
    const char *to[AMCP_MAX_ACCENTS] = {0};
    /* the dots of a diaeresis are as dark as the letters: halfway to the
     * paper keeps specks out (a word that has its diaeresis gets no second
     * one: the LSTM boxes it anywhere); an accent over a capital is a thin stroke
     * that blur lightens (1 px at half way): two thirds of the way */
    if (a->base && !strstr(w->text, "ë") && !strstr(w->text, "ï"))
        diaereses(g, (ink + paper) / 2, w, a, to);
    int thr = ink + (paper - ink) * 2 / 3, specks = -1;
    for (int k = 0; k < a->n; k++)
        if (a->g[k].kind == 'E' && w->text[a->g[k].off] == 'E') {
            if (specks < 0)
                specks = specks_over_capitals(g, thr, w, a);
            to[k] = specks ? NULL : capital_accent(g, thr, w, &a->g[k]);
        }
    size_t len = strlen(w->text), extra = 0;
    int any = 0;
    for (int k = 0; k < a->n; k++)
        if (to[k]) {
            if (a->g[k].off < 0 || (size_t)(a->g[k].off + a->g[k].len) > len ||
                !strncmp(w->text + a->g[k].off, to[k], strlen(to[k])))
                to[k] = NULL; /* out of the word, or already so */
            else
                extra += strlen(to[k]), any = 1;
        }
    if (!any) {
        if (drop_doubled_e(w->text))
            free(w->alt), w->alt = NULL; /* no longer the text's length */
        return;
    }
    char *t = malloc(len + extra + 1);
    if (!t)
        return;
    size_t o = 0, from = 0;
    for (int k = 0; k < a->n; k++) {
        if (!to[k])
            continue;
        memcpy(t + o, w->text + from, (size_t)a->g[k].off - from);
        o += (size_t)a->g[k].off - from;
        memcpy(t + o, to[k], strlen(to[k]));
        o += strlen(to[k]);
        from = (size_t)(a->g[k].off + a->g[k].len);
    }
    memcpy(t + o, w->text + from, len - from + 1);
    drop_doubled_e(t);
    free(w->text), free(w->alt);
    w->text = t, w->alt = NULL;
}
