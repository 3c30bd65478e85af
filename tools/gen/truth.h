/* truth.h - the ground-truth JSON written next to each image. */
#ifndef AMCGEN_TRUTH_H
#define AMCGEN_TRUTH_H
#include "degrade.h"
#include "model.h"

typedef struct {
    const char *file;
    const char *format;   /* png, jpg, pdf */
    int width, height, pages;
    int jpeg_quality;     /* 0 = null */
} ImageInfo;

int truth_write(const char *path, const Doc *d, const Degrade *g, const ImageInfo *im);
#endif
