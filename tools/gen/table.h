/* table.h - the banded beneficiary x domain-code table shared by the families. */
#ifndef AMCGEN_TABLE_H
#define AMCGEN_TABLE_H
#include "draw.h"
#include "model.h"

typedef struct {
    Font hfont, cfont, vfont, nfont, idfont;
    int show_conv, show_dre;
    int show_name, show_birth, show_rank, show_nir, nir_under_name;
    int nir_style;
    const char *h_name, *h_birth, *h_rank, *h_nir, *h_dre;
    int bands;
    uint32_t band[2], head_bg, head_fg, grid_rgb, text_rgb;
    int grid;
    double pad, minpt, max_name_w;
    /* computed by table_plan */
    double colw[4 + MAXC];
    double width;
} TableStyle;

void table_style_default(TableStyle *t, const char *sans, double pt);
/* shrinks fonts / drops columns / cuts names so the table fits avail_w; call before doc_finalize */
double table_plan(Canvas *c, Doc *d, TableStyle *t, double avail_w, int stretch);
double table_draw(Canvas *c, Doc *d, TableStyle *t, double x, double y);
/* cut s (UTF-8) so it fits maxw */
void cut_to_width(Canvas *c, Font f, char *s, double maxw);
void notes_text(const Val *v, char *out, size_t n);
#endif
