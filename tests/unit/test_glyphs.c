/*
 * test_glyphs.c - unit tests of glyphs.c, no OCR involved: words of
 * capitals are drawn as blocks on a white page, and amcp_glyph_slots must
 * count them as printed, or say it cannot.
 */
#include "internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define TOP 20
#define CAP 27 /* glyph height, px */

static PIX *page(void)
{
    PIX *p = pixCreate(400, 70, 1);
    assert_non_null(p);
    return p;
}

static void ink(PIX *p, int x, int y, int w, int h)
{
    pixRasterop(p, x, y, w, h, PIX_SET, NULL, 0, 0);
}

/* Counts the word boxed (x, TOP, w, CAP) on the drawing (freed). */
static int count(PIX *bin, int x, int w, int grey_ink, int *slots)
{
    PIX *g = pixConvert1To8(NULL, bin, 255, (l_uint8)grey_ink);
    pixDestroy(&bin);
    assert_non_null(g);
    int n = amcp_glyph_slots(g, x, TOP, w, CAP, slots, 40);
    pixDestroy(&g);
    return n;
}

/* A typewriter font's nine glyphs, 18 px wide every 24 px, the 7th and
 * 8th touching ("KA"): nine, the touching pair split at the pitch. */
static void pitch_splits_touching(void **state)
{
    (void)state;
    PIX *p = page();
    for (int i = 0; i < 9; i++)
        ink(p, 10 + 24 * i, TOP, 18, CAP);
    ink(p, 10 + 24 * 6 + 17, TOP + 20, 8, 3); /* the bridge */
    int slots[80];
    assert_int_equal(count(p, 10, 24 * 8 + 18, 20, slots), 9);
    assert_int_equal(slots[2 * 6], 10 + 24 * 6);
    assert_int_equal(slots[2 * 7], 10 + 24 * 7);
    assert_int_equal(slots[2 * 8 + 1], 10 + 24 * 8 + 18);
}

/* Glyphs broken across (a bar lost): the two pieces one over the other
 * are one glyph; a space inside the number counts nothing. */
static void broken_glyph_and_space(void **state)
{
    (void)state;
    PIX *p = page();
    for (int i = 0; i < 8; i++) {
        int x = 10 + 24 * i + (i >= 4 ? 24 : 0);
        if (i == 2) {
            ink(p, x, TOP, 18, 12);
            ink(p, x + 2, TOP + 14, 16, CAP - 14);
        } else {
            ink(p, x, TOP, 18, CAP);
        }
    }
    int slots[80];
    assert_int_equal(count(p, 10, 24 * 8 + 18, 20, slots), 8);
}

/* The count is refused where the ink cannot tell: a piece half as tall as
 * the others (a glyph broken in two side by side, or a speck), glyphs of
 * uneven widths touching (no pitch to split them by), a box that leaves a
 * glyph of the word out, ink too faint. */
static void refused_when_unsure(void **state)
{
    (void)state;
    int slots[80];
    PIX *p = page();
    for (int i = 0; i < 6; i++)
        ink(p, 10 + 24 * i, TOP, 18, i == 3 ? CAP / 2 : CAP);
    assert_int_equal(count(p, 10, 24 * 5 + 18, 20, slots), -1);

    static const int wd[] = {10, 26, 14, 30, 8, 20};
    p = page();
    int x = 10;
    for (int i = 0; i < 6; i++) {
        ink(p, x, TOP, wd[i], CAP);
        x += wd[i] + (i == 3 ? 0 : 5); /* the 4th and 5th touch */
    }
    assert_int_equal(count(p, 10, x - 15, 20, slots), -1);

    p = page(); /* the box starts at the second glyph: the word is cut */
    for (int i = 0; i < 6; i++)
        ink(p, 40 + 24 * i + (i ? 0 : 4), TOP, i ? 18 : 10, CAP); /* a narrow "1" */
    assert_int_equal(count(p, 64, 24 * 4 + 18, 20, slots), -1);

    p = page();
    for (int i = 0; i < 6; i++)
        ink(p, 10 + 24 * i, TOP, 18, CAP);
    assert_int_equal(count(p, 10, 24 * 5 + 18, 215, slots), -1);
    p = page();
    for (int i = 0; i < 6; i++)
        ink(p, 10 + 24 * i, TOP, 18, CAP);
    assert_int_equal(count(p, 10, 24 * 5 + 18, 120, slots), 6); /* grey, not faint */
}

/* Marks above a name ("COLIN Eric" drawn as blocks, capitals CAP tall):
 * a small separate piece over the E is a mark, and so is the part of the
 * E rising over the capitals' line (an accent touching it once blurred),
 * only that part's columns; a speck, a piece far above the line (a rule's
 * remnant) and the capitals themselves are none (pass 2: no accent). */
static void marks_over_capitals(void **state)
{
    (void)state;
    for (int pass = 0; pass < 3; pass++) {
        PIX *p = page();
        for (int i = 0; i < 5; i++) /* COLIN */
            ink(p, 10 + 24 * i, TOP, 18, CAP);
        ink(p, 140, TOP, 16, CAP); /* E */
        ink(p, 160, TOP + 9, 12, CAP - 9); /* r, i, c: x-height */
        ink(p, 176, TOP + 9, 6, CAP - 9);
        ink(p, 186, TOP + 9, 12, CAP - 9);
        ink(p, 115, TOP - 5, 1, 1); /* a speck over the N */
        ink(p, 34, TOP - 17, 30, 2); /* a rule's remnant, high over "OL" */
        if (pass == 0)
            ink(p, 146, TOP - 7, 5, 4); /* the accent, apart */
        if (pass == 1)
            ink(p, 146, TOP - 5, 5, 5); /* the accent, touching the E */
        PIX *g = pixConvert1To8(NULL, p, 255, 20);
        pixDestroy(&p);
        int marks[16], tall = 0;
        int n = amcp_marks_above(g, 10, TOP, 190, CAP, marks, 8, &tall);
        pixDestroy(&g);
        assert_int_equal(n, pass == 2 ? 0 : 1);
        assert_int_equal(tall, CAP);
        if (n == 1) {
            assert_int_equal(marks[0], 146);
            assert_int_equal(marks[1], 151);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pitch_splits_touching),
        cmocka_unit_test(broken_glyph_and_space),
        cmocka_unit_test(refused_when_unsure),
        cmocka_unit_test(marks_over_capitals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
