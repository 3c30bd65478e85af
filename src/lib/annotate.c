/*
 * annotate.c - the page as read with the fields outlined, as PNG.
 *
 * Draws the "evidence" boxes of the amcread/1 document on the page image the
 * OCR saw (kept by reader.c with AMC_READ_IMAGE), so that a person can check
 * at a glance where each value came from. Used by `amcread read --annotate`
 * and by the reception page of `amcread serve`.
 *
 * The picture is a document, not a photograph: the grey page is reduced to 16
 * grey levels in a colour map, which leaves room for the outline colours and
 * makes a palette PNG several times smaller and faster to encode than RGB.
 */
#include "internal.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char r, g, b;
} rgb;

/* Colours told apart by people with the common colour-vision deficiencies
 * too (blue / orange / vermilion), plus green for the rows of people. */
static const rgb C_IDENT = {0, 90, 200};
static const rgb C_PEOPLE = {0, 140, 70};
static const rgb C_GUARANTEE = {230, 120, 0};
static const rgb C_DOUBT = {210, 30, 30};

static rgb colour_of(const char *key, double conf)
{
    if (conf < 0.5)
        return C_DOUBT;
    if (!strncmp(key, "beneficiaries[", 14))
        return C_PEOPLE;
    if (!strncmp(key, "guarantees[", 11))
        return C_GUARANTEE;
    return C_IDENT;
}

/* 16 grey levels, colour-mapped at 8 bpp so that colours can be added. */
static PIX *palette_page(PIX *grey)
{
    PIX *p4 = pixThresholdTo4bpp(grey, 16, 1);
    if (!p4)
        return NULL;
    PIX *p8 = pixConvert4To8(p4, 1);
    pixDestroy(&p4);
    return p8;
}

static void outline(PIX *pix, const json_t *ev, const char *key, int page, float scale, int line)
{
    const json_t *b = json_object_get(ev, "box");
    if (!json_is_object(b) || json_integer_value(json_object_get(b, "page")) != page)
        return;
    double x = (double)json_integer_value(json_object_get(b, "x"));
    double y = (double)json_integer_value(json_object_get(b, "y"));
    double w = (double)json_integer_value(json_object_get(b, "w"));
    double h = (double)json_integer_value(json_object_get(b, "h"));
    if (w <= 0 || h <= 0)
        return;
    /* a margin so the line does not cover the first and last letters */
    int pad = line + 2;
    int bx = (int)(x * scale) - pad, by = (int)(y * scale) - pad;
    int bw = (int)(w * scale + 0.5) + 2 * pad, bh = (int)(h * scale + 0.5) + 2 * pad;
    BOX *box = boxCreate(bx < 0 ? 0 : bx, by < 0 ? 0 : by, bw, bh);
    if (!box)
        return;
    rgb c = colour_of(key, json_number_value(json_object_get(ev, "confidence")));
    pixRenderBoxArb(pix, box, line, c.r, c.g, c.b);
    boxDestroy(&box);
}

unsigned char *amc_result_annotate_png(const amc_result *res, const amc_annotate_options *opts,
                                       size_t *len, amc_error *err)
{
    amc_annotate_options o = {0};
    if (opts)
        o = *opts;
    if (o.page <= 0)
        o.page = 1;
    if (!res || !len) {
        amcp_set_error(err, AMC_E_ARG, "no result or no length");
        return NULL;
    }
    *len = 0;
    PIX *grey = amcp_result_image(res, o.page);
    if (!grey) {
        if (!amcp_result_image(res, 1))
            amcp_set_error(err, AMC_E_ARG, "the page image was not kept: read with AMC_READ_IMAGE");
        else
            amcp_set_error(err, AMC_E_ARG, "no page %d in this document", o.page);
        return NULL;
    }
    float scale = 1.0f;
    int w = pixGetWidth(grey);
    PIX *src = pixClone(grey);
    if (o.max_width > 0 && w > o.max_width) {
        scale = (float)o.max_width / (float)w;
        pixDestroy(&src);
        src = pixScaleAreaMap(grey, scale, scale);
    }
    PIX *pix = src ? palette_page(src) : NULL;
    pixDestroy(&src);
    if (!pix) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory drawing the page");
        return NULL;
    }
    /* about 1 px per 400 px of width: visible at any zoom, never hiding text */
    int line = pixGetWidth(pix) / 400;
    if (line < 2)
        line = 2;
    const json_t *ev = json_object_get((const json_t *)amcp_result_doc(res), "evidence");
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)ev, key, val) outline(pix, val, key, o.page, scale, line);

    l_uint8 *data = NULL;
    size_t n = 0;
    int rc = pixWriteMemPng(&data, &n, pix, 0.0f);
    pixDestroy(&pix);
    if (rc != 0 || !data) {
        amcp_set_error(err, AMC_E_NOMEM, "cannot encode the page as PNG");
        return NULL;
    }
    /* Our own copy, so that amc_free() (plain free) is always the right
     * deallocator whatever allocator Leptonica was built with. */
    unsigned char *out = malloc(n);
    if (!out) {
        lept_free(data);
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(out, data, n);
    lept_free(data);
    *len = n;
    return out;
}

int amc_result_page_size(const amc_result *res, int page, int *width, int *height)
{
    PIX *p = amcp_result_image(res, page);
    if (!p)
        return 0;
    if (width)
        *width = pixGetWidth(p);
    if (height)
        *height = pixGetHeight(p);
    return 1;
}
