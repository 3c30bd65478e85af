/* layout.h - one renderer per layout family, plus shared label helpers. */
#ifndef AMCGEN_LAYOUT_H
#define AMCGEN_LAYOUT_H
#include "draw.h"
#include "model.h"
#include "table.h"

#define A4W 2480
#define A4H 3508

/* each renderer creates the canvas (300 dpi) and calls doc_finalize() before drawing codes/datamatrix */
void layout_sp(Doc *d, Rng *r, Canvas *cv);
void layout_isante(Doc *d, Rng *r, Canvas *cv);
void layout_almerys(Doc *d, Rng *r, Canvas *cv);
void layout_viamedis(Doc *d, Rng *r, Canvas *cv);
void layout_simple(Doc *d, Rng *r, Canvas *cv);
void layout_card(Doc *d, Rng *r, Canvas *cv);
void layout_back(Doc *d, Rng *r, Canvas *cv, int w, int h);

/* layout_common.c */
const char *pick_amc_label(Rng *r);
const char *pick_adh_label(Rng *r);
const char *pick_typconv_label(Rng *r);
/* "01/01/2026 au 31/12/2026" (style 0), "Valable du ..." (1), "Validité du ..." (2), spaced dates (3) */
void validity_text(const Doc *d, int style, char *out, size_t n);
void canvas_crop(Canvas *cv, int h);
double draw_footnotes(Canvas *cv, Doc *d, Font f, double x, double y, double w, int superscript);
double draw_legend(Canvas *cv, Doc *d, Font title, Font f, double x, double y, double w, const char *heading, int cols);
void pick_fonts(Doc *d, Rng *r);
/* datamatrix block; returns its size */
int place_datamatrix(Canvas *cv, Doc *d, double x, double y);
int dm_size(Doc *d);
#endif
