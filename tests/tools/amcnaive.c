/*
 * amcnaive - the "naive reading" baseline of the accuracy benchmark: the
 * plain text of the `tesseract` command line run through the project's
 * patterns, with no layout and no preprocessing.
 *
 *   tesseract PAGE.png - -l fra > PAGE.txt
 *   amcnaive [--dump-words] PATTERNS_DIR PAGE.txt|- [AAAA-MM-JJ]
 *
 * This is what a script doing "regex over the OCR's text" gets. The text has
 * lost the word boxes, so each line becomes a row of words with made-up
 * boxes: x = character column x GLYPH_W, y = line number x LINE_H (blank
 * lines count, as they separate Tesseract's blocks), one word per
 * whitespace-separated token, confidence 1. The extraction then sees each
 * text line as one segment (a single space is far below its cut-off of two
 * line heights), in the order Tesseract printed them: what is lost is
 * exactly what the reader's own layout recovers (cells side by side, the
 * grid's columns).
 *
 * Prints the amcread/1 document (engine.ms holds only extract and output;
 * engine.preprocess is null). --dump-words prints the synthetic words
 * instead, in the format of `amcread read --dump-text` / amcextract.
 * Exit: 0 read, 4 not a certificate, 2 usage, 3 unreadable text, 5 patterns.
 */
#include "explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Glyph box of a ~10 pt character at 300 dpi: the scale the extraction's
 * own thresholds were tuned on, so that no threshold is hit by accident. */
enum { GLYPH_W = 16, WORD_H = 32, LINE_H = 48 };

static int is_space(char c)
{
    /* \f: Tesseract ends each page with a form feed; \r: CRLF files */
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* Characters, not bytes: UTF-8 continuation bytes do not advance the column. */
static int columns(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    if (!b)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) {
                free(b);
                return NULL;
            }
            b = nb, cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        free(b);
        return NULL;
    }
    b[n] = 0;
    *len = n;
    return b;
}

/* Splits the text into words with synthetic boxes; -1 on allocation failure. */
static int text_to_words(char *text, size_t len, amcp_words *w)
{
    int line = 0;
    size_t i = 0;
    while (i < len) {
        size_t eol = i;
        while (eol < len && text[eol] != '\n')
            eol++;
        int col = 0;
        size_t k = i;
        while (k < eol) {
            if (is_space(text[k])) {
                col++, k++;
                continue;
            }
            size_t e = k;
            while (e < eol && !is_space(text[e]))
                e++;
            int nc = columns(text + k, e - k);
            char keep = text[e]; /* the token in place: the buffer is ours */
            text[e] = 0;
            int rc = amcp_words_push(w, text + k, col * GLYPH_W, line * LINE_H, nc * GLYPH_W,
                                     WORD_H, 1.0f, 1);
            text[e] = keep;
            if (rc < 0)
                return -1;
            col += nc;
            k = e;
        }
        line++;
        i = eol + 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int dump = 0, a = 1;
    if (a < argc && !strcmp(argv[a], "--dump-words"))
        dump = 1, a++;
    if (argc - a < 2 || argc - a > 3) {
        fprintf(stderr, "usage: amcnaive [--dump-words] PATTERNS_DIR TEXT|- [AAAA-MM-JJ]\n");
        return 2;
    }
    const char *pdir = argv[a], *path = argv[a + 1];
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        perror(path);
        return 3;
    }
    size_t len = 0;
    char *text = slurp(f, &len);
    if (f != stdin)
        fclose(f);
    if (!text) {
        fprintf(stderr, "amcnaive: %s: cannot read\n", path);
        return 3;
    }
    amcp_words w = {0};
    if (text_to_words(text, len, &w) < 0) {
        fprintf(stderr, "amcnaive: out of memory\n");
        free(text);
        amcp_words_free(&w);
        return 5;
    }
    free(text);
    if (dump) {
        json_t *ws = json_array();
        for (int i = 0; i < w.n; i++)
            json_array_append_new(ws, json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:f}", "text",
                                                w.v[i].text, "page", w.v[i].page, "x", w.v[i].x,
                                                "y", w.v[i].y, "w", w.v[i].w, "h", w.v[i].h,
                                                "conf", (double)w.v[i].conf));
        json_t *o = json_pack("{s:o}", "words", ws);
        char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        puts(s);
        free(s);
        json_decref(o);
        amcp_words_free(&w);
        return 0;
    }
    amc_error err;
    amcp_patterns *p = amcp_patterns_load(pdir, &err);
    if (!p) {
        fprintf(stderr, "amcnaive: %s\n", err.message);
        amcp_words_free(&w);
        return 5;
    }
    amcp_docinfo info;
    memset(&info, 0, sizeof info);
    info.file = path;
    info.date = argc - a > 2 ? argv[a + 2] : "2026-06-15";
    info.pages = 1;
    amc_result_status st = AMC_RESULT_NOT_CERTIFICATE;
    json_t *doc = amcp_extract_document(p, &w, &info, &st, NULL);
    int rc = 0;
    if (!doc) {
        fprintf(stderr, "amcnaive: extraction failed (out of memory)\n");
        rc = 5;
    } else {
        char *s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        puts(s);
        free(s);
        rc = st == AMC_RESULT_NOT_CERTIFICATE ? 4 : 0;
    }
    json_decref(doc);
    amcp_words_free(&w);
    amcp_patterns_free(p);
    return rc;
}
