/*
 * test_accents.c - unit tests of accents.c, no OCR involved: words are
 * drawn as blocks (letters) and small marks (dots, accents) on a white
 * page, the glyph boxes given as loosely as the LSTM gives them, and
 * amcp_accents_fix must put back exactly the accents the ink shows.
 */
#include "accents.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define INK 20
#define PAPER 255

typedef struct {
    PIX *bin; /* 1 bpp drawing, black = ink */
} page;

static page page_new(void)
{
    page p = {pixCreate(200, 80, 1)};
    assert_non_null(p.bin);
    return p;
}

static void ink(page *p, int x, int y, int w, int h)
{
    pixRasterop(p->bin, x, y, w, h, PIX_SET, NULL, 0, 0);
}

/* Runs the fix on word `text`, boxed from (10, 30), `w` px wide and 21
 * tall, over the drawing (freed), the glyphs noted by the caller in `a`;
 * the word's new text must be `want`. */
static void expect_fix(page *p, const char *text, int w, const amcp_accents *a,
                       const char *want)
{
    PIX *g = pixConvert1To8(NULL, p->bin, PAPER, INK);
    assert_non_null(g);
    amcp_word wd = {strdup(text), 10, 30, w, 21, 0.8f, 1, NULL};
    assert_non_null(wd.text);
    amcp_accents kept = *a; /* as ocr.c does, once the word's text is known */
    amcp_accents_keep(&kept, text);
    amcp_accents_fix(g, INK, PAPER, &wd, &kept);
    pixDestroy(&g);
    pixDestroy(&p->bin);
    assert_string_equal(wd.text, want);
    free(wd.text);
}

/* "Loic" whose x-height runs from y 36 to the baseline at 50: L, o, the
 * i's stem, c; the i's glyph box is its dot's place alone, as the LSTM
 * boxes it, the stem given to the c. */
static void draw_loic(page *p, amcp_accents *a)
{
    ink(p, 10, 30, 3, 20), ink(p, 10, 47, 10, 3); /* L */
    ink(p, 24, 36, 12, 14);                       /* o */
    ink(p, 40, 36, 3, 14);                        /* i's stem */
    ink(p, 46, 36, 10, 14);                       /* c */
    memset(a, 0, sizeof *a);
    a->xh_top = 36, a->base = 50;
    amcp_accents_note(a, "L", 0, 10, 30, 20, 50);
    amcp_accents_note(a, "o", 1, 24, 36, 36, 50);
    amcp_accents_note(a, "i", 2, 38, 30, 41, 33);
    amcp_accents_note(a, "c", 3, 41, 30, 56, 50);
}

static void diaeresis_found(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_loic(&p, &a);
    assert_int_equal(a.n, 1); /* only the i may carry a lost accent */
    ink(&p, 38, 30, 3, 3), ink(&p, 44, 30, 3, 3); /* two dots side by side */
    expect_fix(&p, "Loic", 47, &a, "Loïc");
}

static void one_dot_is_an_i(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_loic(&p, &a);
    ink(&p, 40, 30, 3, 3); /* the i's own dot */
    expect_fix(&p, "Loic", 47, &a, "Loic");
}

static void slivers_are_no_dots(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_loic(&p, &a);
    ink(&p, 36, 30, 4, 1), ink(&p, 43, 30, 4, 1); /* a rule's broken edge */
    expect_fix(&p, "Loic", 47, &a, "Loic");
}

/* "Geneviève": the i's dot and the è's accent stand a glyph apart at one
 * height; they are no diaeresis. */
static void dot_beside_accent(void **state)
{
    (void)state;
    page p = page_new();
    ink(&p, 10, 36, 10, 14);                   /* v */
    ink(&p, 24, 36, 3, 14), ink(&p, 24, 30, 3, 3); /* i and its dot */
    ink(&p, 31, 36, 10, 14), ink(&p, 35, 30, 4, 4); /* e and its accent */
    ink(&p, 45, 36, 10, 14);                   /* v */
    amcp_accents a = {0};
    a.xh_top = 36, a.base = 50;
    amcp_accents_note(&a, "i", 1, 22, 30, 28, 50);
    amcp_accents_note(&a, "è", 2, 30, 30, 42, 50);
    expect_fix(&p, "vièv", 46, &a, "vièv");
}

/* A word that holds its diaeresis gets no second one, wherever the LSTM
 * boxed its glyphs ("Laëtitia" became "Laëtïtia"). */
static void one_diaeresis_a_word(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_loic(&p, &a);
    ink(&p, 38, 30, 3, 3), ink(&p, 44, 30, 3, 3);
    memset(&a, 0, sizeof a);
    a.xh_top = 36, a.base = 50;
    amcp_accents_note(&a, "ë", 1, 24, 36, 36, 50); /* boxed under no dot */
    amcp_accents_note(&a, "i", 3, 38, 30, 41, 33);
    expect_fix(&p, "Lëic", 47, &a, "Lëic");
}

/* "Maëélle": the LSTM gave the e twice, an é boxed over the l; the dots
 * stand over the real e. One ë remains. */
static void doubled_e_dropped(void **state)
{
    (void)state;
    page p = page_new();
    ink(&p, 10, 30, 16, 20);                      /* M */
    ink(&p, 30, 36, 10, 14);                      /* a */
    ink(&p, 44, 36, 10, 14);                      /* e */
    ink(&p, 58, 30, 3, 20), ink(&p, 65, 30, 3, 20); /* l l */
    ink(&p, 72, 36, 10, 14);                      /* e */
    ink(&p, 44, 30, 3, 3), ink(&p, 50, 30, 3, 3); /* the diaeresis */
    amcp_accents a = {0};
    a.xh_top = 36, a.base = 50;
    amcp_accents_note(&a, "ë", 2, 38, 30, 50, 50);
    amcp_accents_note(&a, "é", 4, 50, 30, 58, 50);
    amcp_accents_note(&a, "e", 8, 72, 36, 82, 50);
    expect_fix(&p, "Maëélle", 73, &a, "Maëlle");
}

/* "Elodie": E from y 30 to 50, the word box stops at the E's top, the
 * accent stands clear above it. */
static void draw_elodie(page *p, amcp_accents *a)
{
    ink(p, 10, 30, 12, 20); /* E */
    ink(p, 26, 30, 3, 20);  /* l */
    ink(p, 32, 36, 10, 14); /* o */
    memset(a, 0, sizeof *a);
    a->xh_top = 36, a->base = 50;
    amcp_accents_note(a, "E", 0, 10, 30, 22, 50);
    amcp_accents_note(a, "l", 1, 26, 30, 29, 50);
    amcp_accents_note(a, "o", 2, 32, 36, 42, 50);
}

static void capital_acute(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_elodie(&p, &a);
    for (int i = 0; i < 5; i++)
        ink(&p, 18 - i, 22 + i, 2, 1); /* down to the left */
    expect_fix(&p, "Elodie", 60, &a, "Élodie");
}

static void capital_grave(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_elodie(&p, &a);
    for (int i = 0; i < 5; i++)
        ink(&p, 13 + i, 22 + i, 2, 1); /* down to the right */
    expect_fix(&p, "Elodie", 60, &a, "Èlodie");
}

static void capital_without_accent(void **state)
{
    (void)state;
    page p = page_new();
    amcp_accents a;
    draw_elodie(&p, &a);
    ink(&p, 0, 24, 120, 2); /* a table rule above the word */
    expect_fix(&p, "Elodie", 60, &a, "Elodie");
}

/* "BERANGER" in capitals (12 px wide, 14 apart): a mark over its first E
 * alone is its accent; with a speck over its N too, the marks are the
 * scan's specks (a rough scan made "CHÉVALIÉR"), and no E takes one. */
static void draw_beranger(page *p, amcp_accents *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < 8; i++) {
        ink(p, 10 + 14 * i, 30, 12, 20);
        if (i == 1 || i == 6)
            amcp_accents_note(a, "E", i, 10 + 14 * i, 30, 22 + 14 * i, 50);
    }
    for (int i = 0; i < 5; i++)
        ink(p, 32 - i, 22 + i, 2, 1); /* over the first E, down to the left */
}

static void capitals_with_specks(void **state)
{
    (void)state;
    for (int pass = 0; pass < 2; pass++) {
        page p = page_new();
        amcp_accents a;
        draw_beranger(&p, &a);
        if (pass)
            ink(&p, 72, 23, 3, 3); /* a speck over the N */
        expect_fix(&p, "BERANGER", 112, &a, pass ? "BERANGER" : "BÉRANGER");
    }
}

/* A value or a code in capitals: a speck over its E changes nothing. */
static void short_capitals_untouched(void **state)
{
    (void)state;
    page p = page_new();
    ink(&p, 10, 30, 12, 20), ink(&p, 26, 30, 12, 20), ink(&p, 42, 30, 12, 20);
    ink(&p, 30, 24, 4, 4); /* a speck over the E */
    amcp_accents a = {0};
    amcp_accents_note(&a, "P", 0, 10, 30, 22, 50);
    amcp_accents_note(&a, "E", 1, 26, 30, 38, 50);
    amcp_accents_note(&a, "C", 2, 42, 30, 54, 50);
    expect_fix(&p, "PEC", 44, &a, "PEC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diaeresis_found),   cmocka_unit_test(one_dot_is_an_i),
        cmocka_unit_test(slivers_are_no_dots), cmocka_unit_test(dot_beside_accent),
        cmocka_unit_test(one_diaeresis_a_word), cmocka_unit_test(doubled_e_dropped),
        cmocka_unit_test(capital_acute),     cmocka_unit_test(capital_grave),
        cmocka_unit_test(capital_without_accent), cmocka_unit_test(short_capitals_untouched),
        cmocka_unit_test(capitals_with_specks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
