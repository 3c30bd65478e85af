/*
 * ocr.c - the Tesseract stage: one engine per reader, words with boxes out.
 *
 * The engine is started once (0.1 s, ~10 MB) and reused for every document.
 * Init-only parameters (user words/patterns, dictionaries) must be given to
 * TessBaseAPIInit4: SetVariable after init silently does nothing for them.
 */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tesseract/capi.h>

struct amcp_ocr {
    TessBaseAPI *api;
};

static int file_exists(const char *p)
{
    return access(p, R_OK) == 0;
}

amcp_ocr *amcp_ocr_new(const char *model_dir, const char *tessdata_dir, amc_error *err)
{
    char model[1024], words[1024], pats[1024];
    snprintf(model, sizeof model, "%s/fra.traineddata", model_dir);
    if (!file_exists(model)) {
        amcp_set_error(err, AMC_E_OCR,
                       "French OCR model not found: %s (install tesseract-ocr-fra or set "
                       "TESSDATA_PREFIX)", model);
        return NULL;
    }
    amcp_ocr *o = calloc(1, sizeof *o);
    if (!o) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return NULL;
    }
    o->api = TessBaseAPICreate();
    snprintf(words, sizeof words, "%s/amcread.user-words", tessdata_dir ? tessdata_dir : "");
    snprintf(pats, sizeof pats, "%s/amcread.user-patterns", tessdata_dir ? tessdata_dir : "");
    const char *names[8], *values[8];
    int n = 0;
    names[n] = "debug_file", values[n++] = "/dev/null";
    if (tessdata_dir && file_exists(words))
        names[n] = "user_words_file", values[n++] = words;
    if (tessdata_dir && file_exists(pats))
        names[n] = "user_patterns_file", values[n++] = pats;
    /* Keep inter-word spaces as printed: letter-spaced numbers stay apart. */
    names[n] = "preserve_interword_spaces", values[n++] = "1";
    if (TessBaseAPIInit4(o->api, model_dir, "fra", OEM_LSTM_ONLY, NULL, 0, (char **)names,
                         (char **)values, (size_t)n, 0) != 0) {
        amcp_set_error(err, AMC_E_OCR, "cannot start Tesseract with the fra model in %s",
                       model_dir);
        amcp_ocr_free(o);
        return NULL;
    }
    return o;
}

void amcp_ocr_free(amcp_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        TessBaseAPIEnd(o->api);
        TessBaseAPIDelete(o->api);
    }
    free(o);
}

const char *amcp_ocr_version(void)
{
    return TessVersion();
}

int amcp_words_push(amcp_words *w, const char *text, int x, int y, int ww, int h, float conf,
                    int page)
{
    if (w->n == w->cap) {
        int nc = w->cap ? w->cap * 2 : 256;
        amcp_word *p = realloc(w->v, (size_t)nc * sizeof *p);
        if (!p)
            return -1;
        w->v = p;
        w->cap = nc;
    }
    char *t = amcp_strdup(text);
    if (!t)
        return -1;
    w->v[w->n++] = (amcp_word){t, x, y, ww, h, conf, page};
    return 0;
}

void amcp_words_free(amcp_words *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->v[i].text);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

int amcp_ocr_words(amcp_ocr *o, PIX *pix, int dpi, int page, int psm, int timeout_ms,
                   amcp_words *out, amc_error *err)
{
    TessBaseAPISetPageSegMode(o->api, (TessPageSegMode)psm);
    TessBaseAPISetVariable(o->api, "tessedit_char_whitelist", "");
    TessBaseAPISetImage2(o->api, pix);
    TessBaseAPISetSourceResolution(o->api, dpi > 0 ? dpi : 300);
    ETEXT_DESC *mon = TessMonitorCreate();
    TessMonitorSetDeadlineMSecs(mon, timeout_ms > 0 ? timeout_ms : 20000);
    int rc = TessBaseAPIRecognize(o->api, mon);
    TessMonitorDelete(mon);
    if (rc != 0) {
        TessBaseAPIClear(o->api);
        amcp_set_error(err, AMC_E_LIMIT,
                       "OCR did not finish within %d ms on page %d (ocr_timeout_ms)",
                       timeout_ms, page);
        return -1;
    }
    TessResultIterator *it = TessBaseAPIGetIterator(o->api);
    if (it) {
        TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
        do {
            char *t = TessResultIteratorGetUTF8Text(it, RIL_WORD);
            if (!t)
                continue;
            int x1, y1, x2, y2;
            /* words are trimmed; blank "words" (kept spaces) carry nothing */
            char *tt = t;
            while (*tt == ' ')
                tt++;
            size_t tl = strlen(tt);
            while (tl && tt[tl - 1] == ' ')
                tt[--tl] = 0;
            if (*tt && TessPageIteratorBoundingBox(pit, RIL_WORD, &x1, &y1, &x2, &y2)) {
                float c = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;
                if (amcp_words_push(out, tt, x1, y1, x2 - x1, y2 - y1, c, page) < 0) {
                    TessDeleteText(t);
                    TessResultIteratorDelete(it);
                    amcp_set_error(err, AMC_E_NOMEM, "out of memory");
                    return -1;
                }
            }
            TessDeleteText(t);
        } while (TessPageIteratorNext(pit, RIL_WORD));
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(o->api);
    return 0;
}
