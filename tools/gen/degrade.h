/* degrade.h - scanner / phone degradations with leptonica. */
#ifndef AMCGEN_DEGRADE_H
#define AMCGEN_DEGRADE_H
#include <leptonica/allheaders.h>
#include "draw.h"
#include "rng.h"

typedef struct {
    int level;
    int dpi;              /* output resolution (photo: effective page resolution) */
    double scale;         /* applied to the 300 dpi page */
    double rotation_deg;  /* small skew, clockwise positive */
    int orientation;      /* 0/90/180/270, clockwise */
    int jpeg;             /* 1 = JPEG output */
    int jpeg_quality;
    double noise_sigma;
    int blur;             /* box blur half-width, 0 = none */
    int contrast_lo, contrast_hi;  /* black/white levels after contrast loss */
    double light_min;     /* uneven light: darkest factor (1 = none) */
    double light_dir;     /* direction of the light gradient, degrees */
    int grey;             /* converted to greyscale */
    /* photo */
    int photo_w, photo_h;
    uint32_t desk_rgb;
    double corners[8];    /* destination page corners TL TR BR BL (x,y) */
    double shadow;        /* strength of the soft shadow */
} Degrade;

void degrade_params(Degrade *p, Rng *r, int level, int allow_jpeg_png_choice);
PIX *pix_from_canvas(Canvas *c);
/* consumes nothing; returns a new pix */
PIX *degrade_apply(PIX *page, Degrade *p, Rng *r);
#endif
