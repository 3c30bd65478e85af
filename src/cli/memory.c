/*
 * memory.c - keeps the resident memory of a long batch or watch at the level
 * of its largest single document.
 *
 * Two glibc habits make it grow. Big blocks (page images: 35 MB for an A4
 * page at 300 dpi in RGBA) are served by mmap, but the threshold rises each
 * time such a block is freed, up to 32 MB, so later images come from a heap
 * whose freed middle is not given back: memory_tune() pins the threshold at
 * 1 MB. And a worker thread's arena keeps the free pages of Tesseract's many
 * small blocks: memory_release() after each document gives them back.
 * Peak RSS of batch --jobs 1 on generated certificates (the worst single
 * document read alone: 132 MB): 30 documents, 170 MB as is, 137 MB with the
 * pinned threshold; 13 documents with --date 2026-06-15, 154 MB with the
 * threshold alone, 139 MB with both. malloc_trim takes about 5 ms per
 * document, under 1% of its time.
 */
#include "cli.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void memory_release(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void memory_tune(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}
