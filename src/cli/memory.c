/*
 * memory.c - keeps the resident memory of a long batch or watch at the level
 * of its largest single document.
 *
 * glibc serves big blocks (page images: 35 MB for an A4 page at 300 dpi in
 * RGBA) with mmap, but raises that threshold each time such a block is freed,
 * up to 32 MB; after the first page, images come from the heap, whose freed
 * middle is not given back. Measured on 30 generated certificates, batch
 * --jobs 1: peak RSS 170 MB against 131 MB for the worst single document;
 * with the threshold pinned at 1 MB, 137 MB. Pinning it costs a few page
 * faults per page image, nothing measurable next to the OCR.
 */
#include "cli.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void memory_tune(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}
