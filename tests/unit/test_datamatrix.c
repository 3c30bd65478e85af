/*
 * test_datamatrix - the Inter-AMC Datamatrix (cmocka).
 *
 *   test_datamatrix          payload grammar (every example of DOMAIN.md §3 and
 *                            malformed payloads), letters data, decoding of
 *                            symbols drawn here with libdmtx's encoder (clean,
 *                            small, turned, blurred, damaged, cut, other codes,
 *                            blank page), reconciliation with printed text;
 *   test_datamatrix read     the whole reader on a sample whose symbol is cut:
 *                            it falls back to the printed text, no error
 *                            (needs OCR: ~2 s);
 *   test_datamatrix decode MS FILE...
 *                            development: each file loaded and preprocessed
 *                            as the reader does, then only the Datamatrix
 *                            searched (budget MS); prints per file
 *                            "FILE OUTCOME MS TEXT|- HOW" (no OCR: fast).
 * Symbols are generated at test time: no binary is committed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "explain.h"
#include <dmtx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the grammar ------------------------------------------------------- */

static amcp_dm_status parse(const char *s, amcp_dm *d)
{
    return amcp_dm_parse(s, s ? strlen(s) : 0, d);
}

static void domain_examples(void **state)
{
    (void)state;
    amcp_dm d;
    assert_int_equal(parse("AMC#1#00405511##4827163#SPPGSFLRIKY231TCO#ISEH#OCDA/", &d),
                     AMCP_DM_OK);
    assert_int_equal(d.version, 1);
    assert_string_equal(d.amc, "00405511");
    assert_string_equal(d.csr, "");
    assert_string_equal(d.adherent, "4827163");
    assert_int_equal(d.nconv, 3);
    assert_string_equal(d.conv[0].code, "SP");
    assert_string_equal(d.conv[0].letters, "PGSFLRIKY231TCO"); /* Y, 1, 2, 3 kept raw */
    assert_string_equal(d.conv[1].code, "IS");
    assert_string_equal(d.conv[1].letters, "EH");
    assert_string_equal(d.conv[2].code, "OC");
    assert_string_equal(d.conv[2].letters, "DA");
    assert_string_equal(d.raw, "AMC#1#00405511##4827163#SPPGSFLRIKY231TCO#ISEH#OCDA/");

    assert_int_equal(parse("AMC#1#98500012#B80#602913447#AL*/", &d), AMCP_DM_OK);
    assert_string_equal(d.amc, "98500012");
    assert_string_equal(d.csr, "B80");
    assert_string_equal(d.adherent, "602913447");
    assert_int_equal(d.nconv, 1);
    assert_string_equal(d.conv[0].code, "AL");
    assert_string_equal(d.conv[0].letters, "*");

    assert_int_equal(parse("AMC#1#00408832##0551904#OCA#VMCDEFGHIKLOPRSTY23/", &d), AMCP_DM_OK);
    assert_string_equal(d.amc, "00408832");
    assert_string_equal(d.adherent, "0551904");
    assert_int_equal(d.nconv, 2);
    assert_string_equal(d.conv[0].letters, "A");
    assert_string_equal(d.conv[1].code, "VM");
    assert_string_equal(d.conv[1].letters, "CDEFGHIKLOPRSTY23");
}

static void tolerated_variants(void **state)
{
    (void)state;
    amcp_dm d;
    /* operators pad the AMC number to 10 digits */
    assert_int_equal(parse("AMC#1#0000405511##4827163#SPP/", &d), AMCP_DM_OK);
    assert_string_equal(d.amc, "00405511");
    /* trailing line end after the final '/' */
    assert_int_equal(parse("AMC#1#00405511#C40#B318KQZM#ISXUM\r\n", &d), AMCP_DM_E_TRUNCATED);
    assert_int_equal(parse("AMC#1#00405511#C40#B318KQZM#ISXUM/\r\n", &d), AMCP_DM_OK);
    assert_string_equal(d.conv[0].letters, "XUM"); /* unknown letters kept raw */
    assert_string_equal(d.adherent, "B318KQZM");
    /* no convention group at all */
    assert_int_equal(parse("AMC#1#00405511##4827163/", &d), AMCP_DM_OK);
    assert_int_equal(d.nconv, 0);
    /* an unknown network code is kept (conventions.ini gives names, not the grammar) */
    assert_int_equal(parse("AMC#1#00405511##4827163#ZZP/", &d), AMCP_DM_OK);
    assert_string_equal(d.conv[0].code, "ZZ");
    /* 16 groups, 36 distinct letters, 16-character adherent, 8-character CSR */
    char big[256];
    snprintf(big, sizeof big, "AMC#1#00405511#ABCD1234#ABCDEFGH12345678");
    for (int i = 0; i < 16; i++) {
        size_t n = strlen(big);
        snprintf(big + n, sizeof big - n, "#%c%cP", 'A' + i, 'A' + i);
    }
    strcat(big, "/");
    assert_int_equal(parse(big, &d), AMCP_DM_OK);
    assert_int_equal(d.nconv, 16);
    assert_int_equal(parse("AMC#1#00405511##4827163#SPABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/", &d),
                     AMCP_DM_OK);
    assert_int_equal((int)strlen(d.conv[0].letters), 36);
    /* not NUL-terminated: only len bytes count */
    const char *s = "AMC#1#00405511##4827163#SPP/garbage";
    assert_int_equal(amcp_dm_parse(s, 28, &d), AMCP_DM_OK);
}

static void malformed(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        amcp_dm_status want;
    } cases[] = {
        {"", AMCP_DM_E_EMPTY},
        {"\r\n", AMCP_DM_E_EMPTY},
        /* truncated */
        {"AMC#1#00405511##4827163#SPPG", AMCP_DM_E_TRUNCATED},
        {"AMC#1#00405511/", AMCP_DM_E_TRUNCATED},
        {"AMC#1#00405511##/", AMCP_DM_E_ADHERENT},
        {"AMC#", AMCP_DM_E_TRUNCATED},
        {"AMC#1#00405511##4827163#S/", AMCP_DM_E_CONVENTION},
        /* wrong version */
        {"AMC#2#00405511##4827163#SPP/", AMCP_DM_E_VERSION},
        {"AMC#0#00405511##4827163#SPP/", AMCP_DM_E_VERSION},
        {"AMC##00405511##4827163#SPP/", AMCP_DM_E_VERSION},
        {"AMC#1a#00405511##4827163#SPP/", AMCP_DM_E_VERSION},
        {"AMC#0001#00405511##4827163#SPP/", AMCP_DM_E_VERSION},
        /* bad separators */
        {"AMC#1#00405511##4827163#SPP/#ISE/", AMCP_DM_E_SEPARATOR},
        {"AMC#1#00405511##4827163#SPP##ISE/", AMCP_DM_E_SEPARATOR},
        {"AMC#1#00405511##4827163#/", AMCP_DM_E_SEPARATOR},
        {"AMC#1#00405511##4827163#SPP#/", AMCP_DM_E_SEPARATOR},
        {"AMC;1;00405511;;4827163;SPP/", AMCP_DM_E_PREFIX},
        {"AMC#1#00405511#4827163#SPP/", AMCP_DM_E_ADHERENT}, /* CSR field missing */
        /* letters not in the alphabet, repeated, mixed with '*', absent */
        {"AMC#1#00405511##4827163#SPpg/", AMCP_DM_E_LETTERS},
        {"AMC#1#00405511##4827163#SP$/", AMCP_DM_E_LETTERS},
        {"AMC#1#00405511##4827163#SP*P/", AMCP_DM_E_LETTERS},
        {"AMC#1#00405511##4827163#SPPGP/", AMCP_DM_E_LETTERS},
        {"AMC#1#00405511##4827163#SP/", AMCP_DM_E_LETTERS},
        {"AMC#1#00405511##4827163#SP**/", AMCP_DM_E_LETTERS},
        /* bad or repeated convention codes */
        {"AMC#1#00405511##4827163#sPP/", AMCP_DM_E_CONVENTION},
        {"AMC#1#00405511##4827163#S1P/", AMCP_DM_E_CONVENTION},
        {"AMC#1#00405511##4827163#SPP#SPG/", AMCP_DM_E_CONVENTION},
        /* overlong fields */
        {"AMC#1#004055111##4827163#SPP/", AMCP_DM_E_AMC},
        {"AMC#1#00405511#ABCDEFGHI#4827163#SPP/", AMCP_DM_E_CSR},
        {"AMC#1#00405511##ABCDEFGH123456789#SPP/", AMCP_DM_E_ADHERENT},
        {"AMC#1#00405511##4827163#SPABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789A/", AMCP_DM_E_LETTERS},
        /* non-digits where digits are due, short or odd fields */
        {"AMC#1#0040551A##4827163#SPP/", AMCP_DM_E_AMC},
        {"AMC#1#0040 511##4827163#SPP/", AMCP_DM_E_CHARSET},
        {"AMC#1#0040551##4827163#SPP/", AMCP_DM_E_AMC},
        {"AMC#1#1100405511##4827163#SPP/", AMCP_DM_E_AMC},
        {"AMC#1###4827163#SPP/", AMCP_DM_E_AMC},
        {"AMC#1#00405511#c40#4827163#SPP/", AMCP_DM_E_CSR},
        {"AMC#1#00405511#C-4#4827163#SPP/", AMCP_DM_E_CSR},
        {"AMC#1#00405511##48271#SPP/", AMCP_DM_E_ADHERENT},
        {"AMC#1#00405511##b318kqzm#SPP/", AMCP_DM_E_ADHERENT},
        {"AMC#1#00405511##4827-163#SPP/", AMCP_DM_E_ADHERENT},
        /* other codes and bytes */
        {"DC04FR000001234567890123456789", AMCP_DM_E_PREFIX},
        {"https://example.invalid/app", AMCP_DM_E_PREFIX},
        {"amc#1#00405511##4827163#SPP/", AMCP_DM_E_PREFIX},
        {"AMC#1#00405511##4827163#SPP\xc3\xa9/", AMCP_DM_E_CHARSET},
        {"AMC#1#00405511##48 27163#SPP/", AMCP_DM_E_CHARSET},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        amcp_dm d;
        memset(&d, 0x5a, sizeof d);
        amcp_dm_status st = parse(cases[i].text, &d);
        if (st != cases[i].want)
            fail_msg("'%s': expected %s but got %s", cases[i].text,
                     amcp_dm_status_text(cases[i].want), amcp_dm_status_text(st));
        assert_int_equal(d.nconv, 0); /* refused: nothing half-filled */
        assert_string_equal(d.amc, "");
    }
    amcp_dm d;
    assert_int_equal(amcp_dm_parse(NULL, 10, &d), AMCP_DM_E_EMPTY);
    /* a NUL inside the given length */
    assert_int_equal(amcp_dm_parse("AMC#1#00405511\0##4827163#SPP/", 29, &d), AMCP_DM_E_CHARSET);
    /* too long as a whole (the last group alone is fine) */
    char longest[300] = "AMC#1#00405511##4827163";
    for (int i = 0; i < 10; i++)
        strcat(longest, "#");
    while (strlen(longest) < 240)
        strcat(longest, "#");
    strcat(longest, "/");
    assert_int_equal(parse(longest, &d), AMCP_DM_E_LENGTH);
    for (int st = AMCP_DM_OK; st <= AMCP_DM_E_LETTERS; st++)
        assert_non_null(amcp_dm_status_text((amcp_dm_status)st));
}

/* ---- the letters ------------------------------------------------------- */

static amcp_patterns *load_patterns(void)
{
    const char *dir = getenv("AMCREAD_PATTERNS");
    amc_error err;
    amcp_patterns *p = amcp_patterns_load(dir ? dir : "patterns", &err);
    if (!p)
        fail_msg("patterns: %s", err.message);
    return p;
}

static void letters(void **state)
{
    (void)state;
    amcp_patterns *p = load_patterns();
    const amcp_dmletter *l = amcp_dm_letter_find(p, 'P');
    assert_non_null(l);
    assert_string_equal(l->label, "pharmacie");
    assert_non_null(amcp_dm_letter_find(p, '*'));
    /* letters whose meaning is not public are not in the data: kept raw */
    for (const char *u = "Y123XUM"; *u; u++)
        assert_null(amcp_dm_letter_find(p, *u));
    /* the documented ones all are (DOMAIN.md §3) */
    for (const char *k = "PGSFLRIKTCEHODA"; *k; k++)
        assert_non_null(amcp_dm_letter_find(p, *k));
    amcp_patterns_free(p);
}

/* ---- decoding symbols drawn here --------------------------------------- */
/* Budgets are generous (2 s): they bound the search, a symbol takes ~20 ms,
 * and ctest runs in parallel on a small machine. */

/* The module matrix of `text` (ECC200, square): bits[r*n+c], r = 0 at top. */
static int encode(const char *text, unsigned char *bits, int max)
{
    DmtxEncode *e = dmtxEncodeCreate();
    dmtxEncodeSetProp(e, DmtxPropModuleSize, 1);
    dmtxEncodeSetProp(e, DmtxPropMarginSize, 0);
    dmtxEncodeSetProp(e, DmtxPropSizeRequest, DmtxSymbolSquareAuto);
    dmtxEncodeSetProp(e, DmtxPropPixelPacking, DmtxPack8bppK);
    assert_int_equal(dmtxEncodeDataMatrix(e, (int)strlen(text), (unsigned char *)text), DmtxPass);
    int n = dmtxImageGetProp(e->image, DmtxPropWidth);
    assert_true(n <= max);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int v;
            dmtxImageGetPixelValue(e->image, c, n - 1 - r, 0, &v); /* libdmtx rows go up */
            bits[r * n + c] = v < 128;
        }
    dmtxEncodeDestroy(&e);
    return n;
}

/* A white 8 bpp page w x h with the symbol of `text` at (x, y), `module` px
 * per module. */
static PIX *page_with(const char *text, int w, int h, int x, int y, int module)
{
    unsigned char bits[144 * 144];
    int n = encode(text, bits, 144);
    PIX *pix = pixCreate(w, h, 8);
    pixSetAllArbitrary(pix, 255);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            if (bits[r * n + c])
                pixRasterop(pix, x + c * module, y + r * module, module, module, PIX_CLR, NULL,
                            0, 0);
    return pix;
}

static const char *const SAMPLE_TEXT = "AMC#1#00405511##4827163#SPPGSFLRIKY231TCO#ISEH#OCDA/";

static amcp_dm_found decode(PIX *pix, int budget)
{
    amcp_dm_found f;
    assert_int_equal(amcp_dm_decode(pix, NULL, 1, budget, &f), 0);
    return f;
}

static void decode_clean(void **state)
{
    (void)state;
    for (int module = 3; module <= 8; module += 5) {
        PIX *pix = page_with(SAMPLE_TEXT, 1240, 1754, 560, 100, module);
        amcp_dm_found f = decode(pix, 2000);
        assert_int_equal(f.outcome, AMCP_DM_FOUND);
        assert_string_equal(f.dm.raw, SAMPLE_TEXT);
        /* the box is where the symbol was drawn */
        assert_true(abs(f.x - 560) <= module && abs(f.y - 100) <= module);
        assert_true(f.w > 20 * module && f.w < 30 * module);
        pixDestroy(&pix);
    }
}

static void decode_turned_and_blurred(void **state)
{
    (void)state;
    PIX *pix = page_with(SAMPLE_TEXT, 1240, 1754, 900, 1500, 4);
    for (int quads = 1; quads <= 3; quads++) {
        PIX *t = pixRotateOrth(pix, quads);
        amcp_dm_found f = decode(t, 2000);
        assert_int_equal(f.outcome, AMCP_DM_FOUND);
        assert_string_equal(f.dm.raw, SAMPLE_TEXT);
        pixDestroy(&t);
    }
    /* a 150 dpi scan of it, blurred, brought back to 300 dpi */
    PIX *lo = pixScaleAreaMap(pix, 0.5f, 0.5f);
    PIX *bl = pixBlockconvGray(lo, NULL, 1, 1);
    PIX *up = pixScaleGrayLI(bl, 2.0f, 2.0f);
    amcp_dm_found f = decode(up, 2000);
    assert_int_equal(f.outcome, AMCP_DM_FOUND);
    assert_string_equal(f.dm.raw, SAMPLE_TEXT);
    pixDestroy(&lo), pixDestroy(&bl), pixDestroy(&up), pixDestroy(&pix);
}

/* Rough quality: modules of 1.75 px at 175 dpi, turned by 3 degrees, box-
 * blurred, brought back to 300 dpi (3 px modules, barely resolved). The
 * sampler reads it (a regression guard: it read before the grid was held
 * to a parallelogram too). */
static void decode_rough_turned(void **state)
{
    (void)state;
    PIX *pix = page_with(SAMPLE_TEXT, 1600, 1600, 700, 700, 7);
    PIX *lo = pixScaleAreaMap(pix, 0.25f, 0.25f);
    PIX *turned = pixRotate(lo, 3.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                            L_BRING_IN_WHITE, 0, 0);
    PIX *bl = pixBlockconvGray(turned, NULL, 1, 1);
    PIX *up = pixScaleGrayLI(bl, 1.72f, 1.72f);
    amcp_dm_found f = decode(up, 2000);
    assert_int_equal(f.outcome, AMCP_DM_FOUND);
    assert_string_equal(f.dm.raw, SAMPLE_TEXT);
    pixDestroy(&pix), pixDestroy(&lo), pixDestroy(&turned), pixDestroy(&bl), pixDestroy(&up);
}

/* The page before flattening (amcp_dm_plain): crops are cut from it at the
 * place the preprocessed page's candidate maps back to, through the scale
 * and the deskew angle, and the box comes back in the page's pixels. */
static void decode_unflattened_copy(void **state)
{
    (void)state;
    /* a 150 dpi scan, slightly blurred; preprocessing scaled it by 2 and
     * turned it by +-2.5 degrees */
    PIX *src = page_with(SAMPLE_TEXT, 1240, 1754, 860, 180, 4);
    PIX *lo = pixScaleAreaMap(src, 0.5f, 0.5f);
    PIX *plain = pixBlockconvGray(lo, NULL, 1, 1);
    PIX *up = pixScaleGrayLI(plain, 2.0f, 2.0f);
    for (int sign = -1; sign <= 1; sign += 2) {
        float angle = sign * 2.5f * 3.14159265f / 180.0f;
        PIX *page = pixRotate(up, angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
        amcp_dm_found f0 = decode(page, 2000), f1;
        amcp_dm_plain pl = {plain, (float)pixGetWidth(up) / pixGetWidth(plain),
                            (float)pixGetHeight(up) / pixGetHeight(plain), angle};
        assert_int_equal(amcp_dm_decode(page, &pl, 1, 2000, &f1), 0);
        assert_int_equal(f0.outcome, AMCP_DM_FOUND);
        assert_int_equal(f1.outcome, AMCP_DM_FOUND);
        assert_string_equal(f1.dm.raw, SAMPLE_TEXT);
        assert_non_null(strstr(f1.how, "unflattened"));
        /* the same place on the page (the box of the turned symbol is a
         * little larger than the one fitted on the page itself) */
        assert_true(abs((f1.x + f1.w / 2) - (f0.x + f0.w / 2)) <= 4);
        assert_true(abs((f1.y + f1.h / 2) - (f0.y + f0.h / 2)) <= 4);
        assert_true(f1.w >= f0.w - 4 && f1.w <= f0.w * 12 / 10);
        pixDestroy(&page);
    }
    pixDestroy(&src), pixDestroy(&lo), pixDestroy(&plain), pixDestroy(&up);
}

static void decode_ignores_other_codes(void **state)
{
    (void)state;
    /* a 2D-Doc and a link: not Inter-AMC, not reported */
    PIX *pix = page_with("DC04FR0000011234567890ABCDEFGHIJKLMNOP", 1240, 1754, 100, 100, 5);
    PIX *two = page_with("https://example.invalid/carte-tiers-payant", 1240, 1754, 100, 900, 5);
    pixRasterop(pix, 0, 800, 1240, 954, PIX_SRC, two, 0, 800);
    amcp_dm_found f = decode(pix, 2000);
    assert_int_equal(f.outcome, AMCP_DM_NONE);
    pixDestroy(&two);
    /* an AMC# symbol that is not the grammar: refused, never half-used */
    PIX *bad = page_with("AMC#1#0040551X##4827163#SPP/", 1240, 1754, 300, 300, 5);
    f = decode(bad, 2000);
    assert_int_equal(f.outcome, AMCP_DM_REJECTED);
    assert_int_equal(f.why, AMCP_DM_E_AMC);
    assert_string_equal(f.dm.amc, "");
    pixDestroy(&bad), pixDestroy(&pix);
}

static void decode_damaged_or_cut(void **state)
{
    (void)state;
    unsigned char bits[144 * 144];
    int n = encode(SAMPLE_TEXT, bits, 144), module = 5, x0 = 400, y0 = 200;
    PIX *pix = page_with(SAMPLE_TEXT, 1240, 1754, x0, y0, module);
    /* a few modules flipped: Reed-Solomon repairs them, the text is exact */
    PIX *light = pixCopy(NULL, pix);
    for (int k = 0; k < 6; k++) {
        int r = 2 + (k * 7) % (n - 4), c = 2 + (k * 11) % (n - 4);
        pixRasterop(light, x0 + c * module, y0 + r * module, module, module,
                    bits[r * n + c] ? PIX_SET : PIX_CLR, NULL, 0, 0);
    }
    amcp_dm_found f = decode(light, 2000);
    assert_int_equal(f.outcome, AMCP_DM_FOUND);
    assert_string_equal(f.dm.raw, SAMPLE_TEXT);
    /* a third of the data modules flipped: nothing decodes, nothing wrong */
    PIX *heavy = pixCopy(NULL, pix);
    for (int r = 1; r < n - 1; r++)
        for (int c = 1; c < n - 1; c++)
            if ((r * 31 + c * 17) % 3 == 0)
                pixRasterop(heavy, x0 + c * module, y0 + r * module, module, module,
                            bits[r * n + c] ? PIX_SET : PIX_CLR, NULL, 0, 0);
    f = decode(heavy, 2000);
    assert_int_not_equal(f.outcome, AMCP_DM_FOUND);
    /* the right half cut away (torn, folded): no symbol, no error */
    PIX *cut = pixCopy(NULL, pix);
    pixRasterop(cut, x0 + n * module / 2, y0 - 20, n * module, n * module + 40, PIX_SET, NULL,
                0, 0);
    f = decode(cut, 2000);
    assert_int_equal(f.outcome, AMCP_DM_NONE);
    pixDestroy(&light), pixDestroy(&heavy), pixDestroy(&cut), pixDestroy(&pix);
}

static void blank_page_is_cheap(void **state)
{
    (void)state;
    PIX *pix = pixCreate(2480, 3508, 8); /* A4 at 300 dpi */
    pixSetAllArbitrary(pix, 250);
    double t = amcp_now_ms();
    amcp_dm_found f = decode(pix, 100);
    t = amcp_now_ms() - t;
    assert_int_equal(f.outcome, AMCP_DM_NONE);
    assert_int_equal(f.candidates, 0); /* nothing handed to libdmtx */
    /* about 5 ms (tests/bench/datamatrix.sh measures it); the bound only
     * catches a whole-page scan, which takes seconds, on a loaded machine */
    assert_true(t < 1000);
    /* a zero budget means no decoding at all */
    PIX *sym = page_with(SAMPLE_TEXT, 1240, 1754, 560, 100, 4);
    f = decode(sym, 0);
    assert_int_equal(f.outcome, AMCP_DM_NONE);
    pixDestroy(&sym), pixDestroy(&pix);
}

/* ---- reconciliation and the JSON object -------------------------------- */

static void set(amcp_field *f, const char *v)
{
    amcp_field_set(f, v, v, 0.9f, 1, 10, 10, 50, 20, "fields.ini [field test]");
}

static void guar(amcp_guar *g, const char *code, const char *conv, const char *value)
{
    memset(g, 0, sizeof *g);
    g->code = amcp_strdup(code);
    g->value = amcp_strdup(value);
    g->raw = amcp_strdup(value);
    if (conv) {
        g->conv[0] = amcp_strdup(conv);
        g->nconv = 1;
    }
}

static void reconcile(void **state)
{
    (void)state;
    amcp_patterns *p = load_patterns();
    amcp_dm_found f;
    memset(&f, 0, sizeof f);
    f.outcome = AMCP_DM_FOUND;
    f.page = 1, f.x = 1000, f.y = 120, f.w = 130, f.h = 130;
    snprintf(f.how, sizeof f.how, "grid, candidate 1 of 1");
    assert_int_equal(parse("AMC#1#00405511##4827163#SPPGSY#OCD/", &f.dm), AMCP_DM_OK);
    amcp_reading r;
    memset(&r, 0, sizeof r);
    set(&r.f[AMCP_F_AMC_NUMBER], "00405517"); /* OCR misread the last digit */
    set(&r.f[AMCP_F_ADHERENT], "4827163");
    r.ncols = 4;
    r.cols = calloc(4, sizeof *r.cols);
    guar(&r.cols[0], "PHAR", "SP", "100%");
    guar(&r.cols[1], "MEDE", "SP", "100%");
    guar(&r.cols[2], "DENT", "SP", "100%"); /* the table says SP, the symbol OC */
    guar(&r.cols[3], "OPTI", "SP", "0%");   /* no tiers payant: says nothing */
    amcp_docinfo info;
    memset(&info, 0, sizeof info);
    info.dm = &f;
    info.date = "2026-06-15";
    amcp_dm_apply(&info, &r);
    assert_string_equal(r.f[AMCP_F_AMC_NUMBER].value, "00405511");
    assert_string_equal(r.f[AMCP_F_CSR].value, "");
    assert_int_equal(info.dmrec.mismatch[0], 1);
    assert_int_equal(info.dmrec.mismatch[2], 0);
    assert_int_equal(info.dmrec.had_printed[1], 0);
    assert_non_null(strstr(r.f[AMCP_F_AMC_NUMBER].how, "disagrees"));

    json_t *o = amcp_dm_json(p, &info, &r);
    assert_string_equal(json_string_value(json_object_get(o, "amc")), "00405511");
    json_t *sp = json_array_get(json_object_get(o, "conventions"), 0);
    assert_string_equal(json_string_value(json_object_get(sp, "name")), "SP santé");
    json_t *doms = json_object_get(sp, "domains");
    assert_int_equal(json_array_size(doms), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(doms, 0), "label")),
                        "pharmacie");
    assert_true(json_is_null(json_object_get(json_array_get(doms, 3), "label"))); /* Y */
    json_t *tab = json_object_get(sp, "table");
    assert_int_equal(json_array_size(json_object_get(tab, "agree")), 2);    /* PHAR, MEDE */
    assert_int_equal(json_array_size(json_object_get(tab, "disagree")), 1); /* DENT */
    assert_string_equal(json_string_value(json_array_get(json_object_get(tab, "disagree"), 0)),
                        "DENT");
    json_decref(o);

    json_t *warnings = json_array(), *evidence = json_object();
    json_object_set_new(evidence, "amc_number", json_object());
    amcp_dm_report(p, &info, warnings, evidence);
    assert_int_equal(json_array_size(warnings), 1);
    json_t *w = json_array_get(warnings, 0);
    assert_string_equal(json_string_value(json_object_get(w, "code")), "datamatrix_mismatch");
    const char *msg = json_string_value(json_object_get(w, "message"));
    assert_non_null(strstr(msg, "00405511"));
    assert_non_null(strstr(msg, "00405517"));
    json_t *ev = json_object_get(evidence, "amc_number");
    assert_string_equal(json_string_value(json_object_get(ev, "source")), "datamatrix");
    assert_string_equal(json_string_value(json_object_get(ev, "printed")), "00405517");
    assert_non_null(json_object_get(evidence, "datamatrix"));
    json_decref(warnings), json_decref(evidence);

    /* no symbol: nothing changes, the object is null */
    amcp_field_clear(&r.f[AMCP_F_AMC_NUMBER]);
    set(&r.f[AMCP_F_AMC_NUMBER], "00405517");
    f.outcome = AMCP_DM_REJECTED;
    amcp_dm_apply(&info, &r);
    assert_string_equal(r.f[AMCP_F_AMC_NUMBER].value, "00405517");
    o = amcp_dm_json(p, &info, &r);
    assert_true(json_is_null(o));
    json_decref(o);
    amcp_reading_free(&r);
    amcp_patterns_free(p);
}

/* ---- the reader: a cut symbol falls back to the printed text ------------ */

static char *read_json(amc_reader *rd, PIX *pix)
{
    l_uint8 *png = NULL;
    size_t n = 0;
    assert_int_equal(pixWriteMem(&png, &n, pix, IFF_PNG), 0);
    amc_read_options ro = {.date = "2026-06-15", .name = "test"};
    amc_error err;
    amc_result *res = amc_read_memory(rd, png, n, &ro, &err);
    if (!res)
        fail_msg("read: %s", err.message);
    char *s = amc_result_json(res, AMC_JSON_COMPACT);
    amc_result_free(res);
    free(png);
    return s;
}

static void reader_fallback(void **state)
{
    (void)state;
    const char *dir = getenv("AMCREAD_SAMPLES");
    char path[1024];
    snprintf(path, sizeof path, "%s/sample-003.png", dir ? dir : "samples");
    PIX *pix = pixRead(path);
    assert_non_null(pix);
    PIX *g = pixConvertTo8(pix, 0);
    amcp_dm_found f = decode(g, 500);
    assert_int_equal(f.outcome, AMCP_DM_FOUND); /* the sample carries a symbol */
    amc_error err;
    amc_reader *rd = amc_reader_new(NULL, &err);
    if (!rd)
        fail_msg("reader: %s", err.message);
    char *s = read_json(rd, pix);
    json_t *doc = json_loads(s, 0, NULL);
    json_t *dm = json_object_get(doc, "datamatrix");
    assert_true(json_is_object(dm));
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "amc"), "number")),
                        json_string_value(json_object_get(dm, "amc")));
    json_decref(doc), free(s);
    /* cut its right half away: the document is still read, from the text */
    PIX *cut = pixConvertTo32(pix);
    pixRasterop(cut, f.x + f.w / 2, f.y - 10, f.w, f.h + 20, PIX_SET, NULL, 0, 0);
    s = read_json(rd, cut);
    doc = json_loads(s, 0, NULL);
    assert_true(json_is_null(json_object_get(doc, "datamatrix")));
    const char *num = json_string_value(json_object_get(json_object_get(doc, "amc"), "number"));
    assert_non_null(num); /* read by OCR */
    assert_string_equal(num, f.dm.amc);
    json_decref(doc), free(s);
    amc_reader_free(rd);
    pixDestroy(&cut), pixDestroy(&g), pixDestroy(&pix);
}

/* ---- development: the Datamatrix stage alone on files ------------------ */

static int decode_files(int budget, int argc, char **argv)
{
    amcp_limits lim = {.max_file_bytes = 50u << 20, .max_pixels = 60000000L, .max_pdf_pages = 4};
    for (int a = 0; a < argc; a++) {
        amc_error err = {0};
        unsigned char *data = NULL;
        size_t len = 0;
        amcp_page *pages = NULL;
        int np = amcp_read_file_bytes(argv[a], lim.max_file_bytes, &data, &len, &err) == 0
                     ? amcp_open(data, len, &lim, &pages, &err)
                     : -1;
        amcp_dm_found f = {0};
        for (int i = 0; i < np && f.outcome == AMCP_DM_NONE; i++) {
            int dpi;
            char st[128];
            amcp_dm_plain plain = {0};
            PIX *g = amcp_page_get(&pages[i], &err) == 0
                         ? amcp_preprocess_keep(NULL, &pages[i], &dpi, st, sizeof st, &plain, &err)
                         : NULL;
            if (g && amcp_dm_decode(g, &plain, i + 1, budget, &f) < 0)
                f.outcome = AMCP_DM_NONE, snprintf(f.how, sizeof f.how, "out of memory");
            pixDestroy(&plain.pix);
            pixDestroy(&g);
            amcp_page_drop(&pages[i]);
        }
        if (np < 0)
            snprintf(f.how, sizeof f.how, "%s", err.message);
        printf("%s %s %.0f %s %s\n", argv[a],
               f.outcome == AMCP_DM_FOUND ? "found" : f.outcome == AMCP_DM_REJECTED ? "rejected"
                                                                                  : "none",
               f.ms, f.outcome == AMCP_DM_FOUND ? f.dm.raw : "-", f.how);
        fflush(stdout);
        if (np > 0)
            amcp_pages_free(pages, np);
        free(data);
    }
    return 0;
}

int main(int argc, char **argv)
{
    setMsgSeverity(L_SEVERITY_NONE);
    if (argc > 3 && !strcmp(argv[1], "decode"))
        return decode_files(atoi(argv[2]), argc - 3, argv + 3);
    if (argc > 1 && !strcmp(argv[1], "read")) {
        const struct CMUnitTest read[] = {cmocka_unit_test(reader_fallback)};
        return cmocka_run_group_tests(read, NULL, NULL);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(domain_examples),   cmocka_unit_test(tolerated_variants),
        cmocka_unit_test(malformed),         cmocka_unit_test(letters),
        cmocka_unit_test(decode_clean),      cmocka_unit_test(decode_turned_and_blurred),
        cmocka_unit_test(decode_ignores_other_codes), cmocka_unit_test(decode_damaged_or_cut),
        cmocka_unit_test(decode_unflattened_copy), cmocka_unit_test(decode_rough_turned),
        cmocka_unit_test(blank_page_is_cheap), cmocka_unit_test(reconcile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
