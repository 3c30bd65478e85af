/*
 * accents.h - accents the LSTM drops or mistakes, put back from the page's
 * ink (accents.c). ocr.c notes, while it rebuilds a word from its glyphs,
 * the glyphs that may carry a lost accent; once the page is read, the ink
 * above them decides. Page words only, never a zone's second look.
 */
#ifndef AMC_ACCENTS_H
#define AMC_ACCENTS_H

#include "internal.h"
#include <leptonica/allheaders.h>

#define AMCP_MAX_ACCENTS 6

/* One glyph that may carry a lost accent. */
typedef struct {
    int off, len;       /* byte offset and length of its text in the word */
    char kind;          /* 'i' (i), 'e' (e, é, è, ê) or 'E' (capital E) */
    int x1, y1, x2, y2; /* its box on the page, as the LSTM gave it (loose) */
} amcp_accent_glyph;

typedef struct {
    int n;
    amcp_accent_glyph g[AMCP_MAX_ACCENTS];
    int xh_top, base; /* the word's x-height line and baseline; base 0 when
                       * the word cannot tell (no x-height glyph) */
} amcp_accents;

/* Notes glyph `text` (at byte offset `off` of the word's text, box x1..y2)
 * when it may carry a lost accent; other glyphs are ignored, as are the
 * lower-case ones of a word whose x-height is unknown (a->base 0). */
void amcp_accents_note(amcp_accents *a, const char *text, int off, int x1, int y1, int x2,
                       int y2);

/* Drops the noted capitals that cannot carry an accent once the word's
 * whole `text` is known (offsets are into it): only a name's capital
 * ("Elodie") or one of a word of six capitals or more ("BERANGER"); codes
 * and values (EXTE, PEC) are left alone, and cost no look at the ink. */
void amcp_accents_keep(amcp_accents *a, const char *text);

/* Puts the accents back into w->text (replaced: the word owns its text; its
 * alt, which no longer matches, is freed), `a` pruned by amcp_accents_keep. g: the page in 8 bpp grey; ink,
 * paper: the word's grey levels. Leaves the word as it was when the ink
 * cannot tell or memory runs out. */
void amcp_accents_fix(PIX *g, int ink, int paper, amcp_word *w, const amcp_accents *a);

#endif
