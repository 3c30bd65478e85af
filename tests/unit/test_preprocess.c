/*
 * test_preprocess.c - unit tests of the preprocessing steps (preprocess.h,
 * amcp_preprocess), no OCR involved. Every page is drawn here: rows of
 * glyph-sized dark blocks, table rules, bands, uneven light, a page
 * photographed on a desk (a projective warp of a drawn page).
 */
#include "internal.h"
#include "preprocess.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A white w x h page holding `rows` lines of 24 "glyphs" `gh` px tall,
 * 0.4-0.8 gh wide, spaced like text, from (x0, y0). */
static void draw_text(PIX *pix, int x0, int y0, int rows, int gh)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < 24; c++) {
            int gw = gh * (4 + c % 5) / 10;
            pixRasterop(pix, x0 + c * gh, y0 + r * 2 * gh, gw, gh, PIX_SET, NULL, 0, 0);
        }
}

/* 1 bpp drawing (PIX_SET = black) to an 8 bpp page, ink at `ink`, paper 255. */
static PIX *to_grey(PIX *bin, int ink)
{
    PIX *g = pixConvert1To8(NULL, bin, 255, (l_uint8)ink);
    assert_non_null(g);
    return g;
}

static PIX *text_page(int w, int h, int gh)
{
    PIX *b = pixCreate(w, h, 1);
    assert_non_null(b);
    draw_text(b, gh * 2, gh * 2, (h - 4 * gh) / (2 * gh), gh);
    PIX *g = to_grey(b, 20);
    pixDestroy(&b);
    return g;
}

/* Light falling from 1.0 on the left to `low` on the right. */
static void darken(PIX *g, float low)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            l_uint32 v;
            pixGetPixel(g, x, y, &v);
            float f = 1.0f - (1.0f - low) * x / (float)w;
            pixSetPixel(g, x, y, (l_uint32)(v * f));
        }
}

static l_uint32 px(PIX *g, int x, int y)
{
    l_uint32 v = 0;
    pixGetPixel(g, x, y, &v);
    return v;
}

static void text_height(void **state)
{
    (void)state;
    PIX *g = text_page(1000, 800, 20);
    assert_int_equal(amcp_pre_text_height(g), 20);
    /* twice the resolution, twice the height; a rule and specks change
     * nothing */
    PIX *g2 = pixScale(g, 2.0f, 2.0f);
    pixRasterop(g2, 0, 10, 2000, 4, PIX_CLR, NULL, 0, 0);
    for (int i = 0; i < 50; i++)
        pixSetPixel(g2, 30 + i * 37, 1590, 0);
    int h2 = amcp_pre_text_height(g2);
    assert_true(h2 >= 39 && h2 <= 41);
    /* too few glyphs to say */
    PIX *few = pixCreate(400, 400, 8);
    pixSetAll(few);
    pixRasterop(few, 10, 10, 10, 20, PIX_CLR, NULL, 0, 0);
    assert_int_equal(amcp_pre_text_height(few), 0);
    pixDestroy(&g);
    pixDestroy(&g2);
    pixDestroy(&few);
}

static void background(void **state)
{
    (void)state;
    PIX *g = text_page(1200, 1600, 24);
    assert_int_equal(amcp_pre_background_uneven(g), 0);
    darken(g, 0.65f);
    assert_int_equal(amcp_pre_background_uneven(g), 1);
    /* flattened: paper white on the dark side too, ink still black */
    PIX *f = amcp_pre_flatten(g);
    assert_non_null(f);
    assert_true(px(f, 1150, 5) >= 240);  /* paper, right edge */
    assert_true(px(f, 1100, 1500) >= 240);
    assert_true(px(f, 48 + 2, 48 + 2) <= 40); /* first glyph */
    assert_int_equal(amcp_pre_background_uneven(f), 0);
    pixDestroy(&f);
    pixDestroy(&g);
}

static void unwarp(void **state)
{
    (void)state;
    /* a 900 x 1200 page on a dark desk, turned and foreshortened */
    PIX *page = text_page(900, 1200, 20);
    PIX *photo = pixCreate(1400, 1800, 8);
    pixSetAllArbitrary(photo, 70);
    pixRasterop(photo, 0, 0, 900, 1200, PIX_SRC, page, 0, 0);
    PTA *src = ptaCreate(4), *dst = ptaCreate(4);
    const float r[8] = {0, 0, 900, 0, 900, 1200, 0, 1200};
    const float q[8] = {260, 230, 1150, 160, 1210, 1560, 190, 1620};
    for (int i = 0; i < 4; i++) {
        ptaAddPt(src, r[2 * i], r[2 * i + 1]);
        ptaAddPt(dst, q[2 * i], q[2 * i + 1]);
    }
    PIX *warped = pixProjectivePtaGray(photo, dst, src, 70);
    assert_non_null(warped);
    char desc[128] = "";
    PIX *u = amcp_pre_unwarp(warped, NULL, desc, sizeof desc);
    assert_non_null(u);
    assert_true(strncmp(desc, "unwarp:", 7) == 0);
    /* the rectangle is the mean of opposite sides: ~900 x ~1400 here (the
     * warp stretched the page), the text back on level lines: the first
     * and last glyph of the first row at the same height */
    int w = pixGetWidth(u), h = pixGetHeight(u);
    assert_true(w > 850 && w < 1000);
    assert_true(h > 1250 && h < 1450);
    int th = amcp_pre_text_height(u);
    assert_true(th >= 18 && th <= 30);
    /* a scan (white all over) has no surround: nothing to do */
    assert_null(amcp_pre_unwarp(page, NULL, desc, sizeof desc));
    pixDestroy(&u);
    pixDestroy(&warped);
    ptaDestroy(&src);
    ptaDestroy(&dst);
    pixDestroy(&photo);
    pixDestroy(&page);
}

/* A bold number ten glyphs long at y 650, blurred at 150 dpi: its glyphs
 * touch along a row (661-663), a thin run longer than a rule's six glyphs
 * with the glyphs' bodies above and below it. */
static void draw_bold_number(PIX *b)
{
    for (int k = 0; k < 10; k++)
        pixRasterop(b, 300 + 25 * k, 650, 18, 25, PIX_SET, NULL, 0, 0);
    pixRasterop(b, 300, 661, 243, 3, PIX_SET, NULL, 0, 0);
}

static void rules(void **state)
{
    (void)state;
    PIX *b = pixCreate(1200, 900, 1);
    draw_text(b, 60, 120, 3, 25);
    /* a grid: rules 3 px thick around and between the rows, one of them
     * touching the glyphs' bottom */
    for (int y = 100; y <= 300; y += 50)
        pixRasterop(b, 40, y, 1100, 3, PIX_SET, NULL, 0, 0);
    pixRasterop(b, 40, 145, 700, 3, PIX_SET, NULL, 0, 0);
    for (int x = 40; x <= 1140; x += 275)
        pixRasterop(b, x, 100, 3, 203, PIX_SET, NULL, 0, 0);
    /* a filled band with a light glyph inside: not a rule */
    pixRasterop(b, 40, 500, 1100, 60, PIX_SET, NULL, 0, 0);
    pixRasterop(b, 100, 515, 15, 25, PIX_CLR, NULL, 0, 0);
    /* the touching bottoms of a bold word four glyphs long ("LABO") make
     * a thin run that long: under six glyphs (hlen), not a rule */
    pixRasterop(b, 300, 441, 110, 3, PIX_SET, NULL, 0, 0);
    /* a bold number whose touching glyphs make a run: text, not a rule */
    draw_bold_number(b);
    PIX *g = to_grey(b, 30);
    PIX *e = amcp_pre_erase_rules(g, 150, 62);
    assert_non_null(e);
    assert_true(px(e, 600, 101) >= 200); /* horizontal rule gone */
    assert_true(px(e, 315, 250) >= 200); /* vertical rule gone */
    assert_true(px(e, 60 + 3, 120 + 12) <= 60); /* glyph kept */
    assert_true(px(e, 60 + 5, 140) <= 60);       /* glyph touching a rule: kept */
    assert_true(px(e, 600, 146) >= 200);         /* that rule between glyphs: gone */
    assert_true(px(e, 600, 530) <= 60);          /* band kept */
    assert_true(px(e, 105, 525) >= 200);         /* its light glyph too */
    assert_true(px(e, 350, 442) <= 60);          /* the bold word's baseline kept */
    assert_true(px(e, 320, 662) <= 60);          /* the bold number's bridge kept */
    /* a bold number alone: a run, but inside text; the page comes back
     * as it was (the caller's next steps then run as on a page with rules) */
    PIX *nb = pixCreate(1200, 900, 1);
    draw_bold_number(nb);
    PIX *ng = to_grey(nb, 30);
    PIX *ne = amcp_pre_erase_rules(ng, 150, 62);
    assert_non_null(ne);
    l_int32 same = 0;
    pixEqual(ne, ng, &same);
    assert_true(same);
    pixDestroy(&ne);
    pixDestroy(&ng);
    pixDestroy(&nb);
    /* text alone: no rule, nothing done */
    PIX *t = text_page(1200, 900, 25);
    assert_null(amcp_pre_erase_rules(t, 150, 62));
    pixDestroy(&t);
    pixDestroy(&e);
    pixDestroy(&g);
    pixDestroy(&b);
}

/* The resolution comes from the glyphs when the declared one disagrees. */
static void scale_by_text(void **state)
{
    (void)state;
    char steps[256];
    int dpi = 0;
    amc_error err;
    memset(&err, 0, sizeof err);
    /* a phone's 72 dpi on text already the right size: left as it is */
    amcp_page p = {text_page(1200, 1600, 25), 72};
    PIX *g = amcp_preprocess(NULL, &p, &dpi, steps, sizeof steps, &err);
    assert_non_null(g);
    assert_int_equal(pixGetWidth(g), 1200);
    assert_int_equal(dpi, 300);
    pixDestroy(&g);
    pixDestroy(&p.pix);
    /* no resolution at all, small text: brought up to ~25 px */
    amcp_page q = {text_page(800, 1000, 12), 0};
    g = amcp_preprocess(NULL, &q, &dpi, steps, sizeof steps, &err);
    assert_non_null(g);
    assert_true(pixGetWidth(g) > 1500 && pixGetWidth(g) < 1800);
    assert_non_null(strstr(steps, "scale:"));
    pixDestroy(&g);
    pixDestroy(&q.pix);
    /* a declared 150 dpi that the glyphs confirm: scaled by the dpi */
    amcp_page s = {text_page(800, 1000, 13), 150};
    g = amcp_preprocess(NULL, &s, &dpi, steps, sizeof steps, &err);
    assert_non_null(g);
    assert_int_equal(pixGetWidth(g), 1600);
    assert_int_equal(dpi, 300);
    pixDestroy(&g);
    pixDestroy(&s.pix);
}

/* The located content: "locate:WxH+X+Y" in `steps`, H in *h; 0 when the
 * page was not cut. */
static int located(const char *steps, int *h)
{
    const char *l = strstr(steps, "locate:");
    int w = 0, x = 0, y = 0;
    *h = 0;
    return l && sscanf(l, "locate:%dx%d+%d+%d", &w, h, &x, &y) == 4;
}

/* A card on a scanner bed is cut out; a page whose lower text is thin and
 * light (a low-contrast scan) keeps that text: averaged over 8x8 blocks it
 * faded into the paper and the cut lost it. */
static void locate(void **state)
{
    (void)state;
    char steps[256];
    int dpi = 0, h = 0;
    amc_error err;
    memset(&err, 0, sizeof err);
    PIX *b = pixCreate(2000, 2800, 1);
    assert_non_null(b);
    draw_text(b, 600, 700, 8, 24);
    amcp_page card = {to_grey(b, 20), 300};
    pixDestroy(&b);
    PIX *g = amcp_preprocess(NULL, &card, &dpi, steps, sizeof steps, &err);
    assert_non_null(g);
    assert_true(located(steps, &h));
    assert_true(h >= 8 * 48 - 24 && h < 800);
    pixDestroy(&g);
    pixDestroy(&card.pix);
    /* bold text at the top, thin light strokes (2 px, grey 150 on 235)
     * lower down */
    b = pixCreate(2000, 2800, 1);
    assert_non_null(b);
    draw_text(b, 100, 100, 6, 24);
    PIX *thin = pixCreate(2000, 2800, 1);
    assert_non_null(thin);
    for (int y = 1500; y < 1900; y += 48)
        for (int x = 100; x < 1100; x += 12)
            pixRasterop(thin, x, y, 2, 22, PIX_SET, NULL, 0, 0);
    PIX *page = to_grey(b, 20);
    pixDestroy(&b);
    PIX *grey = pixConvert1To8(NULL, thin, 255, 150);
    assert_non_null(grey);
    pixMinOrMax(page, page, grey, L_CHOOSE_MIN);
    pixDestroy(&grey);
    pixDestroy(&thin);
    pixMultConstantGray(page, 235.0f / 255.0f);
    amcp_page light = {page, 300};
    g = amcp_preprocess(NULL, &light, &dpi, steps, sizeof steps, &err);
    assert_non_null(g);
    assert_true(!located(steps, &h) || h >= 1800);
    pixDestroy(&g);
    pixDestroy(&light.pix);
}

int main(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_height), cmocka_unit_test(background),
        cmocka_unit_test(unwarp),      cmocka_unit_test(rules),
        cmocka_unit_test(scale_by_text), cmocka_unit_test(locate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
