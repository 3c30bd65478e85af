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
 * What the low peak costs, measured again once the reader drew pages one at
 * a time (16 documents, 8 of them 2-page PDFs, --jobs 1, twice each): these
 * settings, 130 MB, 887k minor page faults, 15.6 s CPU (of which 1.4 s in
 * the kernel); threshold 8 MB and no trim, 133 MB, 745k faults, 2-4% less
 * CPU; heap kept between documents (trim threshold 256 MB), 151-159 MB,
 * 420k faults, 6% less CPU. With --jobs 2 the CPU figures move alike: the
 * faults are a cost of the low peak, not of the threads sharing memory.
 * That last reading was taken on a loaded machine. On a quiet one (30
 * documents, batch --jobs 2) the low-peak settings cost 4.5 s of kernel time
 * against 0.8 s: with two threads in one process every munmap of a page
 * image interrupts the other CPU to flush its TLB, and fresh mmap pages
 * fault under the one address-space lock. Two workers therefore keep page
 * images in the heap (threshold 64 MB) and skip the trim: 12.4 -> 9.8 s
 * wall, jobs 2 / jobs 1 0.60 -> 0.51, peak RSS 94 -> 122 MB per worker
 * (target 150). One worker (read, watch, batch --jobs 1) keeps the low peak
 * (124-129 MB).
 */
#include "cli.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

static int g_shared; /* several reading threads: memory_tune(workers >= 2) */

void memory_release(void)
{
#ifdef __GLIBC__
    if (!g_shared)
        malloc_trim(0);
#endif
}

void memory_tune(int workers)
{
#ifdef __GLIBC__
    g_shared = workers >= 2;
    mallopt(M_MMAP_THRESHOLD, (g_shared ? 64 : 1) * 1024 * 1024);
#else
    (void)workers;
#endif
}
