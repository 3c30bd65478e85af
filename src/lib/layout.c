/*
 * layout.c - from word boxes to lines and segments.
 *
 * Tesseract's own text order scrambles tables, so the reader rebuilds lines
 * itself: words whose vertical extents overlap enough form a physical line,
 * and a line is cut into segments where the horizontal gap between two words
 * is much wider than a space (two boxes side by side, two table cells).
 */
#include "extract.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    int idx;
    int cy;
    int page;
} ord;

/* qsort has no context argument; one per thread: readers run in parallel */
static _Thread_local const amcp_words *g_words;

static int by_page_y(const void *a, const void *b)
{
    const ord *p = a, *q = b;
    if (p->page != q->page)
        return p->page - q->page;
    return p->cy - q->cy;
}

static int by_x(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    return g_words->v[i].x - g_words->v[j].x;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

typedef struct {
    int page, top, bot, *w, nw, cap;
    long sumc, sumh;     /* centres and heights of its words of text height */
    int nc;
} pline;

static int add_seg(amcp_layout *lay, int *cap, const pline *l, int from, int to, int seg,
                   int line)
{
    if (lay->n == *cap) {
        int nc = *cap ? *cap * 2 : 128;
        amcp_seg *p = realloc(lay->s, (size_t)nc * sizeof *p);
        if (!p)
            return -1;
        lay->s = p;
        *cap = nc;
    }
    amcp_seg *s = &lay->s[lay->n];
    memset(s, 0, sizeof *s);
    s->page = l->page;
    s->seg = seg;
    s->line = line;
    s->nw = to - from;
    s->w = malloc((size_t)s->nw * sizeof *s->w);
    s->off = malloc((size_t)s->nw * sizeof *s->off);
    if (!s->w || !s->off) {
        free(s->w), free(s->off);
        return -1;
    }
    amcp_buf b = {0};
    s->x0 = s->y0 = 1 << 30;
    s->x1 = s->y1 = -1;
    for (int k = from; k < to; k++) {
        const amcp_word *w = &lay->words->v[l->w[k]];
        s->w[k - from] = l->w[k];
        if (k > from)
            amcp_buf_add(&b, " ", 1);
        s->off[k - from] = (int)b.len;
        amcp_buf_add(&b, w->text, strlen(w->text));
        if (w->x < s->x0) s->x0 = w->x;
        if (w->y < s->y0) s->y0 = w->y;
        if (w->x + w->w > s->x1) s->x1 = w->x + w->w;
        if (w->y + w->h > s->y1) s->y1 = w->y + w->h;
    }
    s->text = b.s ? b.s : amcp_strdup("");
    lay->n++;
    return 0;
}

/* The band of a line: the median top and bottom of its words, so one
 * word (a tall one, a stray one) does not widen it. */
static void line_band(const pline *l, const amcp_words *words, int *top, int *bot)
{
    int t[64], b[64], n = 0;
    for (int k = 0; k < l->nw && n < 64; k++) {
        const amcp_word *w = &words->v[l->w[k]];
        t[n] = w->y, b[n++] = w->y + w->h;
    }
    if (!n) {
        *top = l->top, *bot = l->bot;
        return;
    }
    qsort(t, (size_t)n, sizeof *t, cmp_int);
    qsort(b, (size_t)n, sizeof *b, cmp_int);
    *top = t[n / 2], *bot = b[n / 2];
}

/* The greedy pass sees words in the order of their centres: a short word
 * in a line of tall ones ("40" in "406 40 090" printed big) comes before
 * its line exists and joins the line above. Each word then moves to the
 * line whose band covers clearly more of its height (a fifth of it more)
 * than its own line's band does. Returns the new number of lines, -1
 * when out of memory. */
static int refine_lines(pline *lines, int nl, const amcp_words *words, int char_h)
{
    int *top = malloc((size_t)(nl ? nl : 1) * sizeof *top);
    int *bot = malloc((size_t)(nl ? nl : 1) * sizeof *bot);
    if (!top || !bot) {
        free(top), free(bot);
        return -1;
    }
    for (int j = 0; j < nl; j++)
        line_band(&lines[j], words, &top[j], &bot[j]);
    for (int j = 0; j < nl; j++)
        for (int k = 0; k < lines[j].nw; k++) {
            const amcp_word *w = &words->v[lines[j].w[k]];
            int best = j, bo = -1;
            for (int i = 0; i < nl; i++) {
                /* a band twice the word's height (a noise box's line) is
                 * no line of its */
                if (lines[i].page != w->page ||
                    (i != j && bot[i] - top[i] > 2 * (w->h > char_h ? w->h : char_h)))
                    continue;
                int lo = w->y > top[i] ? w->y : top[i];
                int hi = w->y + w->h < bot[i] ? w->y + w->h : bot[i];
                int ov = hi - lo;
                if (i == j)
                    ov -= w->h / 5; /* its own line wins unless clearly beaten */
                if (ov > bo)
                    best = i, bo = ov;
            }
            if (best == j)
                continue;
            pline *d = &lines[best];
            if (d->nw == d->cap) {
                int nc = d->cap ? d->cap * 2 : 8;
                int *p = realloc(d->w, (size_t)nc * sizeof *p);
                if (!p) {
                    free(top), free(bot);
                    return -1;
                }
                d->w = p, d->cap = nc;
            }
            d->w[d->nw++] = lines[j].w[k];
            memmove(&lines[j].w[k], &lines[j].w[k + 1],
                    (size_t)(lines[j].nw - k - 1) * sizeof *lines[j].w);
            lines[j].nw--;
            k--;
        }
    /* a word left alone on its line whose extent lies within the band of
     * a line of several words it stands among ("AMC" boxed at its capitals'
     * height between "Numéro" and ":00768017", boxed taller, and the line's
     * centre pulled up by the words beyond): it is of that line */
    for (int j = 0; j < nl; j++) {
        if (lines[j].nw != 1)
            continue;
        const amcp_word *w = &words->v[lines[j].w[0]];
        for (int i = 0; i < nl; i++) {
            pline *d = &lines[i];
            if (i == j || d->page != w->page || d->nw < 2 || w->y < d->top ||
                w->y + w->h > d->bot || bot[i] - top[i] > 2 * char_h)
                continue;
            int left = 0, right = 0;
            for (int k = 0; k < d->nw; k++) {
                const amcp_word *o = &words->v[d->w[k]];
                left |= o->x < w->x && w->x - (o->x + o->w) < 2 * char_h;
                right |= o->x > w->x + w->w / 2 && o->x - (w->x + w->w) < 2 * char_h;
            }
            if (!left || !right)
                continue;
            if (d->nw == d->cap) {
                int *p = realloc(d->w, (size_t)(d->cap + 8) * sizeof *p);
                if (!p)
                    break; /* stays on its line */
                d->w = p, d->cap += 8;
            }
            d->w[d->nw++] = lines[j].w[0];
            lines[j].nw = 0;
            break;
        }
    }
    free(top), free(bot);
    /* the bands as the words now stand (tall words count only in a line of
     * tall words); lines left empty are dropped */
    int m = 0;
    for (int j = 0; j < nl; j++) {
        pline *l = &lines[j];
        if (!l->nw) {
            free(l->w);
            continue;
        }
        l->top = 1 << 30, l->bot = -1;
        for (int pass = 0; pass < 2 && l->bot < 0; pass++)
            for (int k = 0; k < l->nw; k++) {
                const amcp_word *w = &words->v[l->w[k]];
                if (pass || w->h < 2 * char_h) {
                    if (w->y < l->top) l->top = w->y;
                    if (w->y + w->h > l->bot) l->bot = w->y + w->h;
                }
            }
        lines[m++] = *l;
    }
    return m;
}

/* A box taller than text with a low confidence: marks read as letters. */
static int is_noise(const amcp_word *w, int char_h)
{
    return w->conf < 0.5f && w->h * 10 > char_h * 13;
}

int amcp_layout_build(const amcp_words *words, amcp_layout *lay)
{
    memset(lay, 0, sizeof *lay);
    lay->words = words;
    if (!words->n)
        return 0;
    /* The unit of distance: median height of word boxes with letters. */
    int *hs = malloc((size_t)words->n * sizeof *hs);
    ord *o = malloc((size_t)words->n * sizeof *o);
    if (!hs || !o) {
        free(hs), free(o);
        return -1;
    }
    for (int i = 0; i < words->n; i++) {
        hs[i] = words->v[i].h;
        o[i] = (ord){i, words->v[i].y + words->v[i].h / 2, words->v[i].page};
        int pg = words->v[i].page - 1;
        if (pg >= 0 && pg < 8) {
            if (words->v[i].x + words->v[i].w > lay->page_w[pg])
                lay->page_w[pg] = words->v[i].x + words->v[i].w;
            if (words->v[i].y + words->v[i].h > lay->page_h[pg])
                lay->page_h[pg] = words->v[i].y + words->v[i].h;
        }
    }
    qsort(hs, (size_t)words->n, sizeof *hs, cmp_int);
    lay->char_h = hs[words->n / 2] > 4 ? hs[words->n / 2] : 4;
    free(hs);
    qsort(o, (size_t)words->n, sizeof *o, by_page_y);
    /* Noise read in a Datamatrix or a logo ("Ya", "Fe": tall boxes, low
     * confidence) straddles two text lines; placed first, it would open a
     * line that both join, their words then interleaved. Such words are
     * placed last, into the lines the text made. */
    int nn = 0;
    for (int k = 0; k < words->n; k++)
        if (!is_noise(&words->v[o[k].idx], lay->char_h))
            o[nn++] = o[k];
    for (int i = 0, k = nn; i < words->n; i++)
        if (is_noise(&words->v[i], lay->char_h))
            o[k++] = (ord){i, words->v[i].y + words->v[i].h / 2, words->v[i].page};

    /* Greedy clustering by vertical centre: a word joins the open line whose
     * band holds its centre (lines of one table row share centres even when
     * the glyph heights differ). */
    pline *lines = NULL;
    int nl = 0, lcap = 0, rc = 0;
    for (int k = 0; k < words->n; k++) {
        const amcp_word *w = &words->v[o[k].idx];
        int cy = o[k].cy, best = -1, bestd = 1 << 30;
        if (!w->text[strspn(w->text, " \t")])
            continue; /* a blank "word" (a box Tesseract found empty) */
        for (int j = nl - 1; j >= 0 && (j >= nl - 12 || k >= nn); j--) {
            pline *l = &lines[j];
            if (l->page != w->page)
                continue;
            /* the line's mean centre and height, not its extent: a word
             * hanging below it ("40" of a big "406 40 090" under the
             * previous line) must not pull the next line in */
            int lc = l->nc ? (int)(l->sumc / l->nc) : (l->top + l->bot) / 2;
            int lh = l->nc ? (int)(l->sumh / l->nc) : l->bot - l->top;
            /* a line made only of a dash or dots (3 px high) must not
             * pull a word of text away from its own line; a superscript
             * marker opening a footnote ("¹ Taux", half the text height)
             * is no such line */
            if (lh * 3 < lay->char_h && w->h * 2 >= lay->char_h)
                continue;
            int tol = (lh < w->h ? lh : w->h) / 2;
            int d = abs(cy - lc);
            if (d <= tol && d < bestd)
                best = j, bestd = d;
        }
        if (best < 0) {
            if (nl == lcap) {
                lcap = lcap ? lcap * 2 : 64;
                pline *p = realloc(lines, (size_t)lcap * sizeof *p);
                if (!p) {
                    rc = -1;
                    goto out;
                }
                lines = p;
            }
            best = nl++;
            lines[best] = (pline){w->page, w->y, w->y + w->h, NULL, 0, 0, 0, 0, 0};
        }
        pline *l = &lines[best];
        if (l->nw == l->cap) {
            l->cap = l->cap ? l->cap * 2 : 8;
            int *p = realloc(l->w, (size_t)l->cap * sizeof *p);
            if (!p) {
                rc = -1;
                goto out;
            }
            l->w = p;
        }
        l->w[l->nw++] = o[k].idx;
        /* a tall word (a big AMC number) must not swallow neighbouring lines */
        if (w->h < 2 * lay->char_h) {
            if (w->y < l->top) l->top = w->y;
            if (w->y + w->h > l->bot) l->bot = w->y + w->h;
            l->sumc += cy, l->sumh += w->h, l->nc++;
        }
    }
    int kept = refine_lines(lines, nl, words, lay->char_h);
    if (kept < 0) {
        rc = -1;
        goto out;
    }
    nl = kept;
    /* lines in order of their top, then split into segments */
    for (int a = 1; a < nl; a++) /* insertion sort: lines are almost sorted */
        for (int b = a; b > 0 && (lines[b].page < lines[b - 1].page ||
                                  (lines[b].page == lines[b - 1].page &&
                                   lines[b].top + lines[b].bot < lines[b - 1].top + lines[b - 1].bot));
             b--) {
            pline t = lines[b];
            lines[b] = lines[b - 1];
            lines[b - 1] = t;
        }
    int scap = 0;
    g_words = words;
    for (int j = 0; j < nl; j++) {
        pline *l = &lines[j];
        qsort(l->w, (size_t)l->nw, sizeof *l->w, by_x);
        int h = l->bot - l->top;
        if (h < lay->char_h)
            h = lay->char_h;
        int from = 0, seg = 0;
        for (int k = 1; k <= l->nw; k++) {
            int cut = k == l->nw;
            if (!cut) {
                const amcp_word *p = &words->v[l->w[k - 1]], *q = &words->v[l->w[k]];
                cut = q->x - (p->x + p->w) > 2 * h;
            }
            if (cut) {
                if (add_seg(lay, &scap, l, from, k, seg++, j) < 0) {
                    rc = -1;
                    goto out;
                }
                from = k;
            }
        }
    }
    lay->nlines = nl;
out:
    for (int j = 0; j < nl; j++)
        free(lines[j].w);
    free(lines);
    free(o);
    return rc;
}

void amcp_layout_free(amcp_layout *lay)
{
    for (int i = 0; i < lay->n; i++) {
        free(lay->s[i].w);
        free(lay->s[i].off);
        free(lay->s[i].text);
    }
    free(lay->s);
    memset(lay, 0, sizeof *lay);
}

void amcp_seg_box(const amcp_layout *lay, const amcp_seg *s, int a, int b, int *x, int *y,
                  int *w, int *h, float *conf)
{
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, n = 0;
    float c = 0;
    for (int k = 0; k < s->nw; k++) {
        int ws = s->off[k];
        int we = ws + (int)strlen(lay->words->v[s->w[k]].text);
        if (we <= a || ws >= b)
            continue;
        const amcp_word *wd = &lay->words->v[s->w[k]];
        if (wd->x < x0) x0 = wd->x;
        if (wd->y < y0) y0 = wd->y;
        if (wd->x + wd->w > x1) x1 = wd->x + wd->w;
        if (wd->y + wd->h > y1) y1 = wd->y + wd->h;
        c += wd->conf;
        n++;
    }
    if (!n) {
        *x = s->x0, *y = s->y0, *w = s->x1 - s->x0, *h = s->y1 - s->y0;
        if (conf) *conf = 0;
        return;
    }
    *x = x0, *y = y0, *w = x1 - x0, *h = y1 - y0;
    if (conf)
        *conf = c / n;
}

int amcp_relook_zone(const amcp_layout *lay, int page, int x, int y, int w, int h, int psm,
                     const char *whitelist, int scale_pct, char *out, size_t outlen)
{
    out[0] = 0;
    if (!lay->relook || !lay->relook->zone)
        return -1;
    return lay->relook->zone(lay->relook->ctx, page, x, y, w, h, psm, whitelist, scale_pct, out,
                             outlen);
}

char amcp_relook_glyph(const amcp_layout *lay, int page, const int *box, int x0, int x1,
                       const char *among)
{
    int pad = box[3] / 6;
    char got = 0;
    for (int k = 0; k < 2; k++) {
        char text[16];
        if (amcp_relook_zone(lay, page, x0 - pad, box[1], x1 - x0 + 2 * pad, box[3], 10, among,
                             k ? 200 : 100, text, sizeof text) < 0 ||
            strlen(text) != 1 || !strchr(among, text[0]))
            continue;
        if (got && got != text[0])
            return 0; /* the two sizes disagree */
        got = text[0];
    }
    return got;
}

int amcp_relook_marks(const amcp_layout *lay, int page, int x, int y, int w, int h, int *marks,
                      int max, int *tall)
{
    if (!lay->relook || !lay->relook->marks)
        return -1;
    return lay->relook->marks(lay->relook->ctx, page, x, y, w, h, marks, max, tall);
}

int amcp_relook_glyphs(const amcp_layout *lay, int page, int x, int y, int w, int h, int *slots,
                       int max)
{
    if (!lay->relook || !lay->relook->glyphs)
        return -1;
    return lay->relook->glyphs(lay->relook->ctx, page, x, y, w, h, slots, max);
}
