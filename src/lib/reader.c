/*
 * reader.c - the public entry points: a reader (patterns + OCR engine, built
 * once) and the pipeline for one document:
 *   load -> preprocess -> OCR (words with boxes) -> layout -> fields + table
 *   -> explain -> JSON.
 */
#include "explain.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef AMC_SOURCE_DIR
#define AMC_SOURCE_DIR "."
#endif
#ifndef AMC_INSTALL_DATADIR
#define AMC_INSTALL_DATADIR "/usr/local/share/amcread"
#endif

struct amc_reader {
    amcp_patterns *patterns;
    amcp_ocr *ocr;
    amcp_limits lim;
    int ocr_timeout_ms;
    int dm_ms;          /* Datamatrix budget per page; <= 0: off */
};

struct amc_result {
    amc_result_status status;
    json_t *doc;
    json_t *words;
    json_t *explain;
    PIX **images;      /* pages as read, with AMC_READ_IMAGE (for annotate.c) */
    int nimages;
};

const char *amc_version(void)
{
    return AMC_VERSION_STRING;
}

/* First existing directory among: explicit, env, build tree, installed. */
static const char *pick_dir(const char *explicit_dir, const char *env, const char *sub,
                            char *buf, size_t len, const char *probe)
{
    if (explicit_dir)
        return explicit_dir;
    const char *e = getenv(env);
    if (e && *e)
        return e;
    /* PREFIX/share/amcread of the loaded library first (an install, moved
     * or not), then the source tree (the build tree has no share/), then the
     * configured install path. */
    char self[1024];
    const char *cands[] = {amcp_self_datadir(self, sizeof self), AMC_SOURCE_DIR,
                           AMC_INSTALL_DATADIR};
    for (int i = 0; i < 3; i++) {
        if (!cands[i])
            continue;
        snprintf(buf, len, "%s/%s/%s", cands[i], sub, probe);
        if (access(buf, R_OK) == 0) {
            snprintf(buf, len, "%s/%s", cands[i], sub);
            return buf;
        }
    }
    snprintf(buf, len, "%s/%s", AMC_INSTALL_DATADIR, sub);
    return buf;
}

/* Datamatrix budget: the option, else $AMCREAD_DATAMATRIX_MS ("0"/"off":
 * no decoding; anything else not a positive number: the default). 250 ms
 * of CPU time: at 100, a blurred rough symbol read in about as much was
 * read in one run and "out of time" in the next (44 of 271 rough
 * development pages with a symbol missed it in one run; 22 of those 44
 * decode at 250, 25 at 400). A page with no symbol pays the budget only
 * when symbol-like texture keeps the search going (7% of clean pages, 30%
 * of rough ones). */
static int datamatrix_budget(int opt)
{
    if (opt)
        return opt;
    const char *e = getenv("AMCREAD_DATAMATRIX_MS");
    if (e && (!strcmp(e, "0") || !strcmp(e, "off")))
        return -1;
    long v = e ? strtol(e, NULL, 10) : 0;
    return v > 0 && v <= 60000 ? (int)v : 250;
}

amc_reader *amc_reader_new(const amc_reader_options *opts, amc_error *err)
{
    amc_reader_options o = {0};
    if (opts)
        o = *opts;
    amc_reader *r = calloc(1, sizeof *r);
    if (!r) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    char pb[1024], tb[1024];
    const char *pdir = pick_dir(o.patterns_dir, "AMCREAD_PATTERNS", "patterns", pb, sizeof pb,
                                "codes.ini");
    const char *tdir = pick_dir(o.tessdata_dir, "AMCREAD_TESSDATA", "tessdata", tb, sizeof tb,
                                "amcread.user-words");
    const char *mdir = o.model_dir ? o.model_dir : getenv("TESSDATA_PREFIX");
    if (!mdir || !*mdir)
        mdir = "/usr/share/tesseract-ocr/5/tessdata";
    r->patterns = amcp_patterns_load(pdir, err);
    if (!r->patterns) {
        free(r);
        return NULL;
    }
    r->ocr = amcp_ocr_new(mdir, tdir, err);
    if (!r->ocr) {
        amcp_patterns_free(r->patterns);
        free(r);
        return NULL;
    }
    r->lim.max_file_bytes = o.max_file_bytes ? o.max_file_bytes : 50u << 20;
    r->lim.max_pixels = o.max_pixels ? o.max_pixels : 60000000L;
    r->lim.max_pdf_pages = o.max_pdf_pages ? o.max_pdf_pages : 4;
    r->ocr_timeout_ms = o.ocr_timeout_ms ? o.ocr_timeout_ms : 20000;
    r->dm_ms = datamatrix_budget(o.datamatrix_ms);
    /* limits of issue 7: page size, PCRE2 (0 = default, negative = refused) */
    if (o.max_page_points < 0 || o.regex_match_limit < 0 || o.regex_depth_limit < 0 ||
        o.regex_heap_kib < 0 || o.max_file_bytes > (size_t)1 << 40 || o.max_pixels < 0 ||
        o.max_pdf_pages < 0 || o.ocr_timeout_ms < 0) {
        amc_reader_free(r);
        amcp_set_error(err, AMC_E_ARG, "a limit of amc_reader_options is negative or absurd");
        return NULL;
    }
    r->lim.max_page_points = o.max_page_points;
    amcp_regex_set_limits(r->patterns, (unsigned long)o.regex_match_limit,
                          (unsigned long)o.regex_depth_limit, (unsigned long)o.regex_heap_kib);
    return r;
}

void amc_reader_free(amc_reader *r)
{
    if (!r)
        return;
    amcp_ocr_free(r->ocr);
    amcp_patterns_free(r->patterns);
    free(r);
}

void amcp_reading_free(amcp_reading *r)
{
    for (int i = 0; i < AMCP_F_COUNT; i++)
        amcp_field_clear(&r->f[i]);
    for (int i = 0; i < r->nb; i++) {
        amcp_benef *b = &r->b[i];
        amcp_field_clear(&b->name), amcp_field_clear(&b->birth);
        amcp_field_clear(&b->rank), amcp_field_clear(&b->nir);
        for (int k = 0; k < b->ng; k++)
            amcp_guar_clear(&b->g[k]);
        free(b->g);
    }
    free(r->b);
    for (int k = 0; k < r->ncols; k++)
        amcp_guar_clear(&r->cols[k]);
    free(r->cols);
    free(r->table_how);
    for (int i = 0; i < r->nfootnotes; i++)
        free(r->footnotes[i].key), free(r->footnotes[i].text);
    free(r->footnotes);
    for (int i = 0; i < r->nlegend; i++)
        free(r->legend[i].key), free(r->legend[i].text);
    free(r->legend);
    memset(r, 0, sizeof *r);
}

static void free_images(PIX **v, int n)
{
    if (!v)
        return;
    for (int i = 0; i < n; i++)
        pixDestroy(&v[i]);
    free(v);
}

static int valid_date(const char *d)
{
    char iso[11];
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    char tmp[11];
    snprintf(tmp, sizeof tmp, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
    return amcp_date_iso(tmp, iso) == 0 && !strcmp(iso, d);
}

static json_t *words_json(const amcp_words *w)
{
    json_t *a = json_array();
    for (int i = 0; i < w->n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", json_string(w->v[i].text));
        json_object_set_new(o, "page", json_integer(w->v[i].page));
        json_object_set_new(o, "x", json_integer(w->v[i].x));
        json_object_set_new(o, "y", json_integer(w->v[i].y));
        json_object_set_new(o, "w", json_integer(w->v[i].w));
        json_object_set_new(o, "h", json_integer(w->v[i].h));
        json_object_set_new(o, "conf", json_real((int)(w->v[i].conf * 100 + 0.5) / 100.0));
        if (w->v[i].alt)
            json_object_set_new(o, "alt", json_string(w->v[i].alt));
        json_array_append_new(a, o);
    }
    return a;
}

/* Extraction from words alone: the part of the pipeline tests drive without OCR. */
json_t *amcp_extract_document(const amcp_patterns *p, const amcp_words *words,
                              amcp_docinfo *info, amc_result_status *st, json_t **explain)
{
    return amcp_extract_relook(p, words, NULL, info, st, explain);
}

json_t *amcp_extract_relook(const amcp_patterns *p, const amcp_words *words,
                            const amcp_relook *relook, amcp_docinfo *info,
                            amc_result_status *st, json_t **explain)
{
    amcp_layout lay;
    amcp_reading rd;
    memset(&rd, 0, sizeof rd);
    if (amcp_layout_build(words, &lay) < 0)
        return NULL;
    lay.relook = relook;
    double t = amcp_now_ms();
    amcp_extract_fields(p, &lay, &rd);
    amcp_extract_table(p, &lay, &rd);
    amcp_dm_apply(info, &rd); /* a decoded Datamatrix wins: dm_data.c */
    info->ms[3] = amcp_now_ms() - t;
    t = amcp_now_ms();
    json_t *doc = amcp_output_document(p, &rd, info, st);
    if (explain) {
        *explain = amcp_output_explain(&rd);
        if (info->dm)
            json_object_set_new(*explain, "datamatrix", amcp_dm_explain(info));
    }
    info->ms[4] = amcp_now_ms() - t;
    /* the document was built before its own stage ended: its time now */
    json_t *ms = json_object_get(json_object_get(doc, "engine"), "ms");
    if (ms)
        json_object_set_new(ms, "output", json_integer((json_int_t)(info->ms[4] + 0.5)));
    amcp_reading_free(&rd);
    amcp_layout_free(&lay);
    return doc;
}

/* The preprocessed page images, for the second look. */
#define AMCP_MAXPAGES 8
typedef struct {
    amcp_ocr *ocr;
    PIX *pix[AMCP_MAXPAGES];
    PIX *unerased[AMCP_MAXPAGES]; /* before the rules were erased, or NULL */
    int dpi[AMCP_MAXPAGES];
    int n;
} page_images;

static void page_images_free(page_images *im)
{
    for (int i = 0; i < AMCP_MAXPAGES; i++) {
        pixDestroy(&im->pix[i]);
        pixDestroy(&im->unerased[i]);
    }
}

static int relook_zone(void *ctx, int page, int x, int y, int w, int h, int psm,
                       const char *whitelist, int scale_pct, char *out, size_t outlen)
{
    page_images *im = ctx;
    if (page < 1 || page > im->n || !im->pix[page - 1])
        return -1;
    PIX *pix = (psm & AMCP_ZONE_UNERASED) && im->unerased[page - 1] ? im->unerased[page - 1]
                                                                      : im->pix[page - 1];
    return amcp_ocr_zone(im->ocr, pix, im->dpi[page - 1], x, y, w, h, psm,
                         whitelist, scale_pct, out, outlen);
}

static int relook_marks(void *ctx, int page, int x, int y, int w, int h, int *marks, int max,
                        int *tall)
{
    page_images *im = ctx;
    if (page < 1 || page > im->n || !im->pix[page - 1])
        return -1;
    return amcp_marks_above(im->pix[page - 1], x, y, w, h, marks, max, tall);
}

static int relook_glyphs(void *ctx, int page, int x, int y, int w, int h, int *slots, int max)
{
    page_images *im = ctx;
    if (page < 1 || page > im->n || !im->pix[page - 1])
        return -1;
    return amcp_glyph_slots(im->pix[page - 1], x, y, w, h, slots, max);
}

/* Confident words of three letters or digits among the words read from
 * index `from` on: text reads as many of them, a page turned 90 or 180
 * degrees as fragments. */
static int page_good_words(const amcp_words *w, int from)
{
    int good = 0;
    for (int i = from; i < w->n; i++) {
        int an = 0;
        for (const unsigned char *c = (const unsigned char *)w->v[i].text; *c; c++)
            an += isalnum(*c) != 0;
        good += w->v[i].conf >= 0.75f && an >= 3;
    }
    return good;
}

/* 1 when the words read from index `from` on look like text: such words
 * are at least a quarter of all (measured: 0.5-0.75 on upright pages, under
 * 0.1 on pages turned 90 or 180 degrees, where Tesseract still finds
 * hundreds of fragments). */
static int page_reads_well(const amcp_words *w, int from)
{
    int good = page_good_words(w, from);
    return good >= 12 && good * 4 >= w->n - from;
}

/* How a page that reads as noise is turned upright. Tesseract's OSD names
 * the turn; when it is sure (confidence 1 or more) the turn is taken. When
 * it is unsure (seen: 0.39-0.93 on cards that were indeed turned, and 0.11
 * naming 90 for a page turned 270) its turn is tried, then the opposite
 * quarter turn, and a turn is kept only if the page then reads well, else
 * the best reading of those tried is read again. OSD naming no turn is
 * believed: a page that is no certificate pays one OSD, not three OCRs. */
typedef struct {
    int made;             /* OSD asked */
    int q[2], n, next;    /* turns to try, quarter turns clockwise */
    int strong;           /* OSD was sure: its turn is kept */
    int cur;              /* the turn the page is read at now */
    int best_q, best_good;
    int final;            /* the best turn is being read again */
} turn_plan;

/* After a page was read (its words from index n0): the quarter turns to
 * read it at next, or -1 to keep this reading. */
static int orientation_step(turn_plan *p, amcp_ocr *ocr, PIX *g, int dpi, const amcp_words *w,
                            int n0, double *ms)
{
    if (p->final || (p->made && p->strong))
        return -1;
    int good = page_good_words(w, n0);
    if (!p->made) {
        if (page_reads_well(w, n0))
            return -1;
        p->made = 1;
        p->best_q = 0, p->best_good = good;
        int deg = 0;
        float conf = 0;
        double t = amcp_now_ms();
        int rc = amcp_ocr_orientation(ocr, g, dpi, &deg, &conf);
        *ms += amcp_now_ms() - t;
        int q = ((360 - deg) / 90) % 4;
        if (rc < 0 || !q)
            return -1;
        p->strong = conf >= 1.0f;
        p->q[p->n++] = q;
        if (!p->strong && q % 2)
            p->q[p->n++] = (q + 2) % 4;
        return p->q[p->next++];
    }
    if (page_reads_well(w, n0))
        return -1;
    if (good > p->best_good)
        p->best_q = p->cur, p->best_good = good;
    if (p->next < p->n)
        return p->q[p->next++];
    if (p->best_q == p->cur)
        return -1;
    p->final = 1;
    return p->best_q;
}

amc_result *amc_read_memory(amc_reader *r, const void *data, size_t len,
                            const amc_read_options *opts, amc_error *err)
{
    amc_read_options o = {0};
    if (opts)
        o = *opts;
    if (!r || (!data && len)) {
        amcp_set_error(err, AMC_E_ARG, "no reader or no data");
        return NULL;
    }
    char today[11];
    if (!o.date) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(today, sizeof today, "%Y-%m-%d", &tm);
        o.date = today;
    } else if (!valid_date(o.date)) {
        amcp_set_error(err, AMC_E_ARG, "invalid date '%s' (expected AAAA-MM-JJ)", o.date);
        return NULL;
    }
    amcp_docinfo info;
    memset(&info, 0, sizeof info);
    info.file = o.name;
    info.date = o.date;
    double t0 = amcp_now_ms();
    amcp_page *pages = NULL;
    /* pages are drawn one at a time and dropped once preprocessed: an A4
     * page is 35 MB in RGB at 300 dpi, and a PDF may have four */
    int np = amcp_open(data, len, &r->lim, &pages, err);
    if (np < 0)
        return NULL;
    info.ms[0] = amcp_now_ms() - t0;
    info.pages = np;
    amcp_log(&o, "opened %zu bytes: %d page%s, page 1 %dx%d px, %d dpi declared (%.0f ms)",
             len, np, np > 1 ? "s" : "", pages[0].w, pages[0].h, pages[0].dpi, info.ms[0]);
    amcp_words words = {0};
    char steps[256] = "";
    /* the preprocessed pages stay until extraction is done: the second look
     * re-reads zones of them (and AMC_READ_IMAGE keeps them in the result) */
    page_images imgs = {r->ocr, {NULL}, {NULL}, {0}, np < AMCP_MAXPAGES ? np : AMCP_MAXPAGES};
    /* Datamatrix: searched page after page until a symbol starting with AMC#
     * is met (decoded or refused); the result reported is that page's, else
     * page 1's search */
    amcp_dm_found dm, dmpage;
    memset(&dm, 0, sizeof dm);
    int dm_todo = r->dm_ms > 0;
    turn_plan plan = {0};
    for (int i = 0; i < np; i++, memset(&plan, 0, sizeof plan)) {
    again:;
        int n0 = words.n;
        double t = amcp_now_ms();
        int dpi = 300;
        char st[128];
        PIX *g = NULL;
        amcp_dm_plain plain = {0}; /* the page before flattening, for the Datamatrix */
        if (amcp_page_get(&pages[i], err) == 0) {
            info.ms[0] += amcp_now_ms() - t;
            t = amcp_now_ms();
            g = amcp_preprocess_keep(r->ocr, &pages[i], &dpi, st, sizeof st,
                                     dm_todo ? &plain : NULL, err);
            info.ms[1] += amcp_now_ms() - t;
            amcp_page_drop(&pages[i]); /* drawn again if it must be turned */
        }
        if (!g) {
            pixDestroy(&plain.pix);
            page_images_free(&imgs);
            amcp_pages_free(pages, np);
            amcp_words_free(&words);
            return NULL;
        }
        if (i < AMCP_MAXPAGES) {
            imgs.pix[i] = g;
            imgs.dpi[i] = dpi;
        }
        if (i == 0)
            snprintf(steps + strlen(steps), sizeof steps - strlen(steps), "%s%s",
                     steps[0] && st[0] ? "," : "", st);
        if (dm_todo) {
            t = amcp_now_ms();
            int dmrc = amcp_dm_decode(g, &plain, i + 1, r->dm_ms, &dmpage);
            pixDestroy(&plain.pix);
            if (dmrc < 0) {
                if (i >= AMCP_MAXPAGES)
                    pixDestroy(&g);
                page_images_free(&imgs);
                amcp_pages_free(pages, np);
                amcp_words_free(&words);
                amcp_set_error(err, AMC_E_NOMEM, "out of memory (datamatrix)");
                return NULL;
            }
            info.ms[5] += amcp_now_ms() - t;
            if (i == 0 || dmpage.outcome != AMCP_DM_NONE)
                dm = dmpage;
            dm_todo = dmpage.outcome == AMCP_DM_NONE;
        }
        /* preprocessing's last step, after the Datamatrix search: its finder
         * edge is a thin line, like the table rules erased here */
        t = amcp_now_ms();
        size_t stn = strlen(st);
        PIX *unerased = NULL;
        amcp_preprocess_ocr(&g, i < AMCP_MAXPAGES ? &unerased : NULL, st, sizeof st);
        info.ms[1] += amcp_now_ms() - t;
        if (i < AMCP_MAXPAGES) {
            imgs.pix[i] = g;
            pixDestroy(&imgs.unerased[i]);
            imgs.unerased[i] = unerased;
        }
        if (i == 0 && st[stn])
            snprintf(steps + strlen(steps), sizeof steps - strlen(steps), "%s%s",
                     steps[0] ? "," : "", st + stn + (stn > 0));
        t = amcp_now_ms();
        /* PSM 11, sparse text: the layout is rebuilt from word boxes here,
         * and Tesseract's own page segmentation (PSM 3) drops whole columns
         * of short values in ruled tables */
        int rc = amcp_ocr_words(r->ocr, g, dpi, i + 1, 11, r->ocr_timeout_ms, &words, err);
        info.ms[2] += amcp_now_ms() - t;
        amcp_log(&o, "page %d: preprocessing [%s], OCR at %d dpi %s: %d words (%.0f ms)",
                 i + 1, st[0] ? st : "none", dpi, rc < 0 ? "failed" : "done", words.n - n0,
                 amcp_now_ms() - t);
        /* a page fed sideways or upside down reads as noise: turn it upright
         * and read it again (pages that read well never pay for this) */
        int target = -1;
        if (rc == 0)
            target = orientation_step(&plan, r->ocr, g, dpi, &words, n0, &info.ms[1]);
        PIX *turn = NULL;
        if (target >= 0 && amcp_page_get(&pages[i], err) < 0)
            rc = -1;
        else if (target >= 0) {
            /* from the page as it came (drawn again from its source), or
             * from the turned copy the rest of the way */
            int q = pages[i].src ? target : (target - plan.cur + 4) % 4;
            turn = q ? pixRotateOrth(pages[i].pix, q) : pixClone(pages[i].pix);
        }
        if (turn) {
            amcp_words_truncate(&words, n0);
            pixDestroy(&pages[i].pix);
            pages[i].pix = turn;
            plan.cur = target;
            if (i < AMCP_MAXPAGES) {
                pixDestroy(&imgs.pix[i]);
                pixDestroy(&imgs.unerased[i]);
            } else {
                pixDestroy(&g);
            }
            if (i == 0 && target)
                snprintf(steps, sizeof steps, "rotate:%d", target * 90);
            else if (i == 0)
                steps[0] = 0;
            goto again;
        }
        if (i >= AMCP_MAXPAGES)
            pixDestroy(&g);
        if (rc < 0) {
            page_images_free(&imgs);
            amcp_pages_free(pages, np);
            amcp_words_free(&words);
            return NULL;
        }
    }
    amcp_pages_free(pages, np);
    info.steps = steps;
    info.dm = r->dm_ms > 0 ? &dm : NULL;
    amc_result *res = calloc(1, sizeof *res);
    if (!res) {
        page_images_free(&imgs);
        amcp_words_free(&words);
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    amcp_relook relook = {relook_zone, &imgs, relook_glyphs, relook_marks};
    amcp_regex_reset(r->patterns);
    res->doc = amcp_extract_relook(r->patterns, &words, &relook, &info, &res->status,
                                   (o.flags & AMC_READ_EXPLAIN) ? &res->explain : NULL);
    if (amcp_regex_check(r->patterns, err) < 0) { /* a PCRE2 limit: a pattern bug */
        page_images_free(&imgs);
        amcp_words_free(&words);
        amc_result_free(res);
        return NULL;
    }
    amcp_log_document(&o, res->doc);
    /* the result takes the page images over for annotation */
    if ((o.flags & AMC_READ_IMAGE) && imgs.n > 0 &&
        (res->images = calloc((size_t)imgs.n, sizeof *res->images))) {
        for (int i = 0; i < imgs.n; i++) {
            res->images[i] = imgs.pix[i];
            imgs.pix[i] = NULL;
        }
        res->nimages = imgs.n;
    }
    page_images_free(&imgs);
    if (o.flags & AMC_READ_WORDS)
        res->words = words_json(&words);
    amcp_words_free(&words);
    if (!res->doc) {
        amc_result_free(res);
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    return res;
}

amc_result *amc_read_file(amc_reader *r, const char *path, const amc_read_options *opts,
                          amc_error *err)
{
    if (!r || !path) {
        amcp_set_error(err, AMC_E_ARG, "no reader or no path");
        return NULL;
    }
    unsigned char *data = NULL;
    size_t len = 0;
    if (amcp_read_file_bytes(path, r->lim.max_file_bytes, &data, &len, err) < 0)
        return NULL;
    amc_read_options o = {0};
    if (opts)
        o = *opts;
    if (!o.name)
        o.name = path;
    amc_result *res = amc_read_memory(r, data, len, &o, err);
    free(data);
    return res;
}

amc_result_status amc_result_get_status(const amc_result *res)
{
    return res ? res->status : AMC_RESULT_NOT_CERTIFICATE;
}

char *amc_result_json(const amc_result *res, unsigned flags)
{
    if (!res)
        return NULL;
    json_t *doc = json_copy(res->doc);
    if (!doc)
        return NULL;
    if ((flags & AMC_JSON_WORDS) && res->words)
        json_object_set(doc, "words", res->words);
    if ((flags & AMC_JSON_EXPLAIN) && res->explain)
        json_object_set(doc, "explain", res->explain);
    size_t f = JSON_PRESERVE_ORDER |
               ((flags & AMC_JSON_COMPACT) ? JSON_COMPACT : JSON_INDENT(2));
    char *s = json_dumps(doc, f);
    json_decref(doc);
    return s;
}

void amc_result_free(amc_result *res)
{
    if (!res)
        return;
    json_decref(res->doc);
    json_decref(res->words);
    json_decref(res->explain);
    free_images(res->images, res->nimages);
    free(res);
}

const struct json_t *amcp_result_doc(const amc_result *res)
{
    return res ? res->doc : NULL;
}

PIX *amcp_result_image(const amc_result *res, int page)
{
    if (!res || !res->images || page < 1 || page > res->nimages)
        return NULL;
    return res->images[page - 1];
}
