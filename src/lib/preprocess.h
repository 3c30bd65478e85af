/*
 * preprocess.h - the steps of the preprocessing stage that live in their
 * own files (normalize.c: background, contrast, text height; photo.c: the
 * page of a phone photo). preprocess.c runs them in order. Each takes an
 * 8 bpp grey page, never changes it, and returns a new image (owned by the
 * caller) or NULL when the step does not apply or runs out of memory: the
 * caller then keeps the page it had.
 */
#ifndef AMC_PREPROCESS_H
#define AMC_PREPROCESS_H

#include <leptonica/allheaders.h>

/* 1 when the page's paper is not an even white (uneven light, shadow, grey
 * paper, lowered contrast, a desk around a photographed page), 0 when it is
 * (a clean scan, which then pays nothing more). */
int amcp_pre_background_uneven(PIX *g);

/* The paper brought to white everywhere (background estimated in tiles
 * from pixels lighter than the ink, then divided out) and the ink stretched
 * back to black. Dark bands stay dark. */
PIX *amcp_pre_flatten(PIX *g);

/* Median height in pixels of the glyph-like connected components of the
 * page (letters and digits of the body text, capitals and lower case mixed);
 * 0 when fewer than 30 such components are found. */
int amcp_pre_text_height(PIX *g);

/* A photographed page on a darker or coloured surround (desk, table): its
 * four corners found on a reduced copy, and the quadrilateral of `g` mapped
 * to an upright rectangle (perspective and rotation undone). `colour` is
 * the same page in colour (32 bpp, same size) or NULL: paper is told from
 * a desk by its lack of colour too. NULL when no such page is found. desc
 * gets the corners found, for the steps of --explain. */
PIX *amcp_pre_unwarp(PIX *g, PIX *colour, char *desc, size_t desc_len);

/* Table rules erased: thin horizontal and vertical dark lines far longer
 * than any glyph (at least hlen / vlen px; the page is at its working resolution
 * and deskewed) are painted with the paper's white. Tesseract reads a rule
 * touching a value as part of it ("[02/04/2025", a date 75 px tall) and
 * reads letters into a lone rule. Filled bands and thick strokes are kept,
 * and so are runs inside text (a blurred bold number's glyphs touching
 * along a row). NULL when no run is as long as a rule; a copy of g when the
 * only ones lie inside text. */
PIX *amcp_pre_erase_rules(PIX *g, int hlen, int vlen);

#endif
