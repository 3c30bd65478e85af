/* draw.c - cairo/pango helpers and the libdmtx datamatrix. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <dmtx.h>
#include "draw.h"

Font mkfont(const char *family, double pt, int bold)
{
    Font f = {family, pt, bold, 0};
    return f;
}

void canvas_init(Canvas *c, int w, int h, double dpi, uint32_t bg)
{
    memset(c, 0, sizeof *c);
    c->w = w; c->h = h; c->dpi = dpi;
    c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    c->cr = cairo_create(c->surf);
    set_rgb(c, bg);
    cairo_paint(c->cr);
    c->pctx = pango_cairo_create_context(c->cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(c->pctx, fo);
    cairo_font_options_destroy(fo);
}

void canvas_free(Canvas *c)
{
    if (c->pctx) g_object_unref(c->pctx);
    if (c->cr) cairo_destroy(c->cr);
    if (c->surf) cairo_surface_destroy(c->surf);
    memset(c, 0, sizeof *c);
}

double pt2px(const Canvas *c, double pt) { return pt * c->dpi / 72.0; }

void set_rgb(Canvas *c, uint32_t rgb)
{
    cairo_set_source_rgb(c->cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

void mark_bottom(Canvas *c, double y)
{
    if (y > c->bottom) c->bottom = y;
}

static PangoLayout *mk_layout(Canvas *c, Font f, const char *s)
{
    PangoLayout *l = pango_layout_new(c->pctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, f.family);
    pango_font_description_set_absolute_size(fd, pt2px(c, f.pt) * PANGO_SCALE);
    pango_font_description_set_weight(fd, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    if (f.italic) pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, s, -1);
    return l;
}

double text_w(Canvas *c, Font f, const char *s)
{
    PangoLayout *l = mk_layout(c, f, s);
    int w, h;
    pango_layout_get_pixel_size(l, &w, &h);
    g_object_unref(l);
    return w;
}

double text_h(Canvas *c, Font f)
{
    PangoLayout *l = mk_layout(c, f, "Ag");
    int w, h;
    pango_layout_get_pixel_size(l, &w, &h);
    g_object_unref(l);
    return h;
}

double line_h(Canvas *c, Font f) { return text_h(c, f) * 1.12; }

double draw_text(Canvas *c, Font f, double x, double y, const char *s, int align, uint32_t rgb)
{
    PangoLayout *l = mk_layout(c, f, s);
    int w, h;
    pango_layout_get_pixel_size(l, &w, &h);
    if (align == AL_CENTER) x -= w / 2.0;
    else if (align == AL_RIGHT) x -= w;
    set_rgb(c, rgb);
    cairo_move_to(c->cr, floor(x), floor(y));
    pango_cairo_show_layout(c->cr, l);
    g_object_unref(l);
    mark_bottom(c, y + h);
    if (x + w > c->right) c->right = x + w;
    return w;
}

double fit_pt(Canvas *c, Font f, const char *s, double maxw, double minpt)
{
    double pt = f.pt;
    while (pt > minpt) {
        Font g = f;
        g.pt = pt;
        if (text_w(c, g, s) <= maxw) return pt;
        pt -= 0.25;
    }
    return minpt;
}

static PangoLayout *para_layout(Canvas *c, Font f, double w, const char *s)
{
    PangoLayout *l = mk_layout(c, f, s);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    return l;
}

double para_h(Canvas *c, Font f, double w, const char *s)
{
    PangoLayout *l = para_layout(c, f, w, s);
    int pw, ph;
    pango_layout_get_pixel_size(l, &pw, &ph);
    g_object_unref(l);
    return ph;
}

double draw_para(Canvas *c, Font f, double x, double y, double w, const char *s, uint32_t rgb)
{
    PangoLayout *l = para_layout(c, f, w, s);
    int pw, ph;
    pango_layout_get_pixel_size(l, &pw, &ph);
    set_rgb(c, rgb);
    cairo_move_to(c->cr, floor(x), floor(y));
    pango_cairo_show_layout(c->cr, l);
    g_object_unref(l);
    mark_bottom(c, y + ph);
    return ph;
}

void fill_rect(Canvas *c, double x, double y, double w, double h, uint32_t rgb)
{
    set_rgb(c, rgb);
    cairo_rectangle(c->cr, x, y, w, h);
    cairo_fill(c->cr);
    mark_bottom(c, y + h);
}

void stroke_rect(Canvas *c, double x, double y, double w, double h, double lw, uint32_t rgb)
{
    set_rgb(c, rgb);
    cairo_set_line_width(c->cr, lw);
    cairo_rectangle(c->cr, x, y, w, h);
    cairo_stroke(c->cr);
    mark_bottom(c, y + h);
}

void round_rect(Canvas *c, double x, double y, double w, double h, double rad, double lw, uint32_t stroke, int fill, uint32_t fillrgb)
{
    cairo_t *cr = c->cr;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
    cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
    cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
    cairo_arc(cr, x + rad, y + rad, rad, M_PI, 1.5 * M_PI);
    cairo_close_path(cr);
    if (fill) {
        set_rgb(c, fillrgb);
        cairo_fill_preserve(cr);
    }
    set_rgb(c, stroke);
    cairo_set_line_width(cr, lw);
    if (lw > 0) cairo_stroke(cr); else cairo_new_path(cr);
    mark_bottom(c, y + h);
}

void hline(Canvas *c, double x0, double x1, double y, double lw, uint32_t rgb)
{
    set_rgb(c, rgb);
    cairo_set_line_width(c->cr, lw);
    cairo_move_to(c->cr, x0, y);
    cairo_line_to(c->cr, x1, y);
    cairo_stroke(c->cr);
}

void vline(Canvas *c, double x, double y0, double y1, double lw, uint32_t rgb)
{
    set_rgb(c, rgb);
    cairo_set_line_width(c->cr, lw);
    cairo_move_to(c->cr, x, y0);
    cairo_line_to(c->cr, x, y1);
    cairo_stroke(c->cr);
}

static DmtxEncode *dm_encode(const char *text, int module)
{
    DmtxEncode *enc = dmtxEncodeCreate();
    if (!enc) return NULL;
    dmtxEncodeSetProp(enc, DmtxPropModuleSize, module);
    dmtxEncodeSetProp(enc, DmtxPropMarginSize, module * 2);
    dmtxEncodeSetProp(enc, DmtxPropPixelPacking, DmtxPack24bppRGB);
    dmtxEncodeSetProp(enc, DmtxPropSizeRequest, DmtxSymbolSquareAuto);
    if (dmtxEncodeDataMatrix(enc, (int)strlen(text), (unsigned char *)text) != DmtxPass) {
        dmtxEncodeDestroy(&enc);
        return NULL;
    }
    return enc;
}

int datamatrix_size(const char *text, int module)
{
    DmtxEncode *enc = dm_encode(text, module);
    if (!enc) return 0;
    int w = dmtxImageGetProp(enc->image, DmtxPropWidth);
    dmtxEncodeDestroy(&enc);
    return w;
}

int draw_datamatrix(Canvas *c, const char *text, double x, double y, int module, int *ow, int *oh)
{
    DmtxEncode *enc = dm_encode(text, module);
    if (!enc) return -1;
    int w = dmtxImageGetProp(enc->image, DmtxPropWidth);
    int h = dmtxImageGetProp(enc->image, DmtxPropHeight);
    set_rgb(c, 0x000000);
    int x0 = (int)x, y0 = (int)y;
    for (int yy = 0; yy < h; yy++)
        for (int xx = 0; xx < w; xx++) {
            int v;
            /* libdmtx images are stored bottom-up: pixel (x,y) has y=0 at the bottom */
            dmtxImageGetPixelValue(enc->image, xx, h - 1 - yy, 0, &v);
            if (v < 128) cairo_rectangle(c->cr, x0 + xx, y0 + yy, 1, 1);
        }
    cairo_fill(c->cr);
    dmtxEncodeDestroy(&enc);
    if (ow) *ow = w;
    if (oh) *oh = h;
    mark_bottom(c, y + h);
    return 0;
}
