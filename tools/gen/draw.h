/* draw.h - cairo/pango drawing helpers working in device pixels. */
#ifndef AMCGEN_DRAW_H
#define AMCGEN_DRAW_H
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdint.h>

typedef struct {
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pctx;
    int w, h;
    double dpi;
    double bottom;   /* lowest y drawn so far (for cropping) */
    double right;    /* rightmost text pixel drawn so far (sanity check) */
} Canvas;

typedef struct {
    const char *family;
    double pt;
    int bold;
    int italic;
} Font;

enum { AL_LEFT, AL_CENTER, AL_RIGHT };

Font mkfont(const char *family, double pt, int bold);
void canvas_init(Canvas *c, int w, int h, double dpi, uint32_t bg);
void canvas_free(Canvas *c);
double pt2px(const Canvas *c, double pt);
void set_rgb(Canvas *c, uint32_t rgb);
double text_w(Canvas *c, Font f, const char *s);
double text_h(Canvas *c, Font f);       /* line height in px */
double line_h(Canvas *c, Font f);       /* line height + leading */
/* draws s with its top at y; returns the width; colour from rgb */
double draw_text(Canvas *c, Font f, double x, double y, const char *s, int align, uint32_t rgb);
/* largest pt <= f.pt (>= minpt) at which s fits in maxw; returns pt (minpt if never) */
double fit_pt(Canvas *c, Font f, const char *s, double maxw, double minpt);
/* wraps text into width w; returns height used */
double draw_para(Canvas *c, Font f, double x, double y, double w, const char *s, uint32_t rgb);
double para_h(Canvas *c, Font f, double w, const char *s);
void fill_rect(Canvas *c, double x, double y, double w, double h, uint32_t rgb);
void stroke_rect(Canvas *c, double x, double y, double w, double h, double lw, uint32_t rgb);
void round_rect(Canvas *c, double x, double y, double w, double h, double rad, double lw, uint32_t stroke, int fill, uint32_t fillrgb);
void hline(Canvas *c, double x0, double x1, double y, double lw, uint32_t rgb);
void vline(Canvas *c, double x, double y0, double y1, double lw, uint32_t rgb);
/* ECC200 datamatrix, module px per module; returns 0 on success and the size */
int draw_datamatrix(Canvas *c, const char *text, double x, double y, int module, int *ow, int *oh);
int datamatrix_size(const char *text, int module);
void mark_bottom(Canvas *c, double y);
#endif
