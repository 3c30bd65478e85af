/*
 * fields.c - the labelled fields (N° AMC, N° adhérent, validity, ...).
 *
 * Each [field] of patterns/fields.ini gives label variants and a value
 * pattern. A label is searched in every segment; its value is looked for to
 * the right (rest of the segment, then the nearest segment to the right at
 * the same height: big fonts and cells) and then below (header cells with the
 * label above the value). Named groups of the value pattern fill the fields
 * of those names; otherwise group 1 fills the section's own field. The first
 * acceptable reading in file order wins; checks reject impossible values so
 * the search goes on instead of keeping a misread.
 */
#include "extract.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const amcp_field_names[AMCP_F_COUNT] = {
    "amc_number", "amc_name", "type_convention", "csr", "adherent",
    "principal", "contract", "start", "end"};

void amcp_field_set(amcp_field *f, const char *value, const char *raw, float conf, int page,
                    int x, int y, int w, int h, const char *how)
{
    amcp_field_clear(f);
    f->value = amcp_strdup(value);
    f->raw = amcp_strdup(raw);
    f->conf = conf;
    f->page = page, f->x = x, f->y = y, f->w = w, f->h = h;
    f->how = amcp_strdup(how);
}

void amcp_field_clear(amcp_field *f)
{
    free(f->value), free(f->raw), free(f->how);
    memset(f, 0, sizeof *f);
}

/* Normalises `raw` for field `fi`; returns 0 if acceptable. */
static int normalise(int fi, const char *how, const char *raw, char *out, size_t outlen)
{
    if (fi == AMCP_F_START || fi == AMCP_F_END || !strcmp(how, "date"))
        return amcp_date_iso(raw, out) == 0 && outlen >= 11 ? 0 : -1;
    if (!strcmp(how, "digits")) {
        amcp_digits(raw, out, outlen);
        if (fi == AMCP_F_AMC_NUMBER) {
            size_t n = strlen(out);
            /* 8 digits as printed; operators pad to 10 with leading zeros */
            if (n == 10 && out[0] == '0' && out[1] == '0')
                memmove(out, out + 2, 9);
            return strlen(out) == 8 ? 0 : -1;
        }
        return *out ? 0 : -1;
    }
    size_t n = 0;
    int space = 0;
    for (const char *p = raw; *p && n + 1 < outlen; p++) {
        if (*p == ' ' || *p == '\t') {
            space = 1;
            continue;
        }
        if (space && n && strcmp(how, "alnum"))
            out[n++] = ' ';
        space = 0;
        out[n++] = *p;
    }
    out[n] = 0;
    /* trailing punctuation left by OCR around a value */
    while (n && (out[n - 1] == ',' || out[n - 1] == ';' || out[n - 1] == '.' ||
                 out[n - 1] == '|'))
        out[--n] = 0;
    /* an identifier holds no "&": it is an 8 misread ("P&WXG0B8"), the
     * only glyph of that shape (the value patterns let it in) */
    if (!strcmp(how, "alnum"))
        for (char *q = out; *q; q++)
            if (*q == '&')
                *q = '8';
    /* codes ("OC", "IS/IT"): the small forms of C O S V W X Z have the
     * capitals' shape, only smaller, and OCR reads "oc" for OC; a value
     * with a space ("voir colonnes") is words, left as read */
    if (!strcmp(how, "codes") && !strchr(out, ' '))
        for (char *q = out; *q; q++)
            if (strchr("cosvwxz", *q))
                *q = (char)(*q - 'a' + 'A');
    return 0;
}

/* Bytes [from, to) of segment s, copied in `raw`, take the words' `alt`
 * readings (same length as their text) where they have one. */
static void take_alt(const amcp_layout *lay, const amcp_seg *s, size_t from, size_t to,
                     char *raw)
{
    if (from == (size_t)-1)
        return;
    for (int k = 0; k < s->nw; k++) {
        const amcp_word *w = &lay->words->v[s->w[k]];
        if (!w->alt)
            continue;
        size_t off = (size_t)s->off[k], len = strlen(w->alt);
        for (size_t b = off; b < off + len; b++)
            if (b >= from && b < to)
                raw[b - from] = w->alt[b - off];
    }
}

/* A date that cannot be ("91/01/2026": a 0 read as 9) is read again in
 * its own box with the digits' alphabet, at three sizes; the first reading
 * that is a real date replaces `raw` and fills `norm`. 0 when none is. */
static int relook_date(const amcp_layout *lay, const amcp_seg *s, int fi, const char *how,
                       size_t from, size_t to, char *raw, size_t rawlen, char *norm,
                       size_t normlen)
{
    if (fi != AMCP_F_START && fi != AMCP_F_END && strcmp(how, "date"))
        return 0;
    int x, y, w, h;
    amcp_seg_box(lay, s, (int)from, (int)to, &x, &y, &w, &h, NULL);
    static const int scales[] = {100, 150, 200};
    for (int k = 0; k < 3; k++) {
        char text[64];
        if (amcp_relook_zone(lay, s->page, x, y, w, h, 7, "0123456789/.-", scales[k], text,
                             sizeof text) < 50)
            continue;
        if (normalise(fi, how, text, norm, normlen) == 0) {
            snprintf(raw, rawlen, "%s", text);
            return 1;
        }
    }
    return 0;
}

/* A date whose separators a rough scan lost or read as 1 or 7, rebuilt
 * from its glyphs' places (amcp_date_places), when reading it again did
 * not help; kept only when that is a real date; the caller lowers its
 * confidence. 0 on success. */
static int date_from_places(const char *raw, char *norm, size_t normlen)
{
    char d[11];
    return normlen >= 11 && amcp_date_places(raw, d) == 0 ? amcp_date_iso(d, norm) : -1;
}

/* A validity period as printed: it ends after it starts, within two years. */
static int period_likely(const char *start, const char *end)
{
    return strcmp(start, end) < 0 && atoi(end) - atoi(start) <= 2;
}

/* Impossible dates whose second look did not help. With a good date beside
 * it, the bad one is rebuilt by the fewest changes of confusable glyphs (one,
 * else two, else three: "61/61/2625", every 0 of a bold font read 6) that
 * make a real date in the right order and within two years
 * of the other; when both are bad, by one change in each that makes a likely
 * period. Kept only when exactly one rebuilding fits (the caller lowers its
 * confidence). `norm[s]`/`norm[e]` are the start's and end's readings, "" for
 * a bad one; 0 when the bad ones were rebuilt. */
static int dates_by_glyph_changes(const char *raw_s, const char *raw_e, char *norm_s, char *norm_e)
{
    enum { MAXC = 32 };
    char cs[MAXC][11], ce[MAXC][11], t[64];
    int found = 0, ns = 0, ne = 0;
    if (!norm_s[0] && !norm_e[0]) {
        snprintf(t, sizeof t, "%s", raw_s);
        ns = amcp_dates_by_glyphs(t, 1, cs, MAXC);
        snprintf(t, sizeof t, "%s", raw_e);
        ne = amcp_dates_by_glyphs(t, 1, ce, MAXC);
        if (ns > MAXC || ne > MAXC)
            return -1;
        int fs = -1, fe = -1;
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < ne; j++)
                if (period_likely(cs[i], ce[j]))
                    found++, fs = i, fe = j;
        if (found != 1)
            return -1;
        memcpy(norm_s, cs[fs], 11);
        memcpy(norm_e, ce[fe], 11);
        return 0;
    }
    int is_start = !norm_s[0];
    const char *other = is_start ? norm_e : norm_s;
    for (int k = 1; k <= 3; k++) {
        snprintf(t, sizeof t, "%s", is_start ? raw_s : raw_e);
        ns = amcp_dates_by_glyphs(t, k, cs, MAXC);
        if (ns > MAXC)
            return -1;
        int f = -1;
        found = 0;
        for (int i = 0; i < ns; i++)
            if (is_start ? period_likely(cs[i], other) : period_likely(other, cs[i]))
                found++, f = i;
        if (found == 1) {
            memcpy(is_start ? norm_s : norm_e, cs[f], 11);
            return 0;
        }
        if (found > 1)
            return -1;
    }
    return -1;
}

/* The two dates of a period read as one line ("0104/2024 au 31/03/2025"):
 * its runs of digits and separators 8 to 10 glyphs long, exactly two, each
 * a real date as read or once its places say where the separators were
 * (date_from_places). 0 on success. */
static int two_dates(const char *text, const char *how, char raw[2][16], char norm[2][16])
{
    int n = 0;
    for (const char *q = text; *q;) {
        size_t k = strspn(q, "0123456789/.:-'");
        if (!k) {
            q++;
            continue;
        }
        if (k >= 8 && k <= 10) {
            if (n == 2)
                return -1;
            snprintf(raw[n], 16, "%.*s", (int)k, q);
            if (normalise(n ? AMCP_F_END : AMCP_F_START, how, raw[n], norm[n], 16) != 0 &&
                date_from_places(raw[n], norm[n], 16) != 0)
                return -1;
            n++;
        }
        q += k;
    }
    return n == 2 ? 0 : -1;
}

/* 1 when the period lasts a year at most, as most certificates' do. */
static int lasts_a_year_at_most(const char *start, const char *end)
{
    char lim[32];
    snprintf(lim, sizeof lim, "%04d%.6s", atoi(start) % 10000 + 1, start + 4);
    return strcmp(start, end) < 0 && strcmp(end, lim) < 0;
}

/* A period of two real dates that is still unlikely once each was read
 * again ("01/04/2028 au 31/03/2027": the 6 of a bold font read 8): the
 * dates one confusable glyph away from either date (the other kept) that
 * make a period of a year at most; when there is exactly one, it replaces
 * its date's reading in norm_s or norm_e (11 bytes at least). A rebuilt
 * period of two years is no evidence ("31/12/2028" after 01/01/2024 made
 * 2026 by an 8 read for a 6, where a 4 was printed). Returns 0 when the
 * start was rebuilt, 1 the end, -1 when none or more than one fits. */
static int period_by_one_glyph(const char *raw_s, const char *raw_e, char *norm_s, char *norm_e)
{
    enum { MAXC = 32 };
    char c[MAXC][11], t[64], pick[11] = "";
    int found = 0, which = -1;
    for (int k = 0; k < 2; k++) {
        snprintf(t, sizeof t, "%s", k ? raw_e : raw_s);
        int n = amcp_dates_by_glyphs(t, 1, c, MAXC);
        if (n > MAXC)
            return -1;
        for (int i = 0; i < n; i++)
            if (k ? lasts_a_year_at_most(norm_s, c[i]) : lasts_a_year_at_most(c[i], norm_e))
                found++, which = k, memcpy(pick, c[i], 11);
    }
    if (found != 1)
        return -1;
    memcpy(which ? norm_e : norm_s, pick, 11);
    return which;
}

/* A validity period whose text the value pattern refuses ("1/04/2024 au
 * 1083/2028": bold digits on a rough scan misread past any rebuilding) is
 * read again as one line, from `pos` to the segment's end, at three sizes,
 * as the page's OCR reads it and with the alphabet of dates and their
 * words: Tesseract reads a line alone better than among the page's blocks
 * ("0104/2024 au 31/03/2025"). Also the last resort of a date left
 * impossible after its own second look and rebuilding. The first reading holding two dates (as
 * read, or rebuilt from their places) that make a likely period fills the
 * fields, at low confidence. 1 when it did. */
static int relook_period(const amcp_layout *lay, const amcp_fielddef *fd, const amcp_seg *s,
                         size_t pos, const char *where, amcp_reading *r)
{
    int si = -1, ei = -1;
    for (int i = 0; i < fd->ntargets; i++)
        si = fd->target[i] == AMCP_F_START ? i : si, ei = fd->target[i] == AMCP_F_END ? i : ei;
    size_t len = strlen(s->text), run = 0, longest = 0;
    for (size_t i = pos; i < len; i++)
        run = strchr("0123456789/.:-", s->text[i]) ? run + 1 : 0,
        longest = run > longest ? run : longest;
    /* a line with no attempt at a date is some other text: not read again */
    if (si < 0 || ei < 0 || !lay->relook || longest < 6 || r->f[AMCP_F_START].value ||
        r->f[AMCP_F_END].value)
        return 0;
    int x, y, w, h;
    float c;
    amcp_seg_box(lay, s, (int)pos, (int)len, &x, &y, &w, &h, &c);
    static const int scales[] = {100, 150, 200};
    static const char *const alphabets[] = {NULL, "0123456789/.-: auduAUDU"};
    for (int k = 0; k < 6; k++) {
        char text[256], raw[2][16], norm[2][16];
        if (amcp_relook_zone(lay, s->page, x, y, w, h, 7, alphabets[k % 2], scales[k / 2], text,
                             sizeof text) < 0 ||
            two_dates(text, fd->normalize, raw, norm) != 0 || !period_likely(norm[0], norm[1]))
            continue;
        char how[512];
        snprintf(how, sizeof how,
                 "fields.ini [field %s], value %s of the label; the line read again alone "
                 "at %d%% (\"%s\"; low confidence)",
                 fd->name, where, scales[k / 2], text);
        float cf = c < 0.45f ? c : 0.45f;
        for (int j = 0; j < 2; j++)
            amcp_field_set(&r->f[j ? AMCP_F_END : AMCP_F_START], norm[j], raw[j], cf, s->page,
                           x, y, w, h, how);
        return 1;
    }
    return 0;
}

/* Reads an identifier's box again alone as one line with the field's
 * alphabet at scale_pct (`mode`: 0, or AMCP_ZONE_GREY, AMCP_ZONE_ENG): 1
 * when the value pattern and the normalisation accept the reading, which
 * fills raw and norm (256 bytes each). */
static int read_identifier_at(const amcp_patterns *p, const amcp_layout *lay,
                              const amcp_fielddef *fd, int page, const int *box, int scale_pct,
                              int mode, char *raw, char *norm)
{
    char text[256];
    if (amcp_relook_zone(lay, page, box[0], box[1], box[2], box[3], 7 | mode,
                         !strcmp(fd->normalize, "digits") ? "0123456789 "
                                                          : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
                         scale_pct, text, sizeof text) < 0 ||
        amcp_match_opts(p, fd->value, text, strlen(text), 0, PCRE2_ANCHORED) <= 0)
        return 0;
    PCRE2_SIZE *ov = amcp_ovector(p);
    int g = fd->group[0];
    if (ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] - ov[2 * g] >= 256)
        return 0;
    snprintf(raw, 256, "%.*s", (int)(ov[2 * g + 1] - ov[2 * g]), text + ov[2 * g]);
    return normalise(fd->target[0], fd->normalize, raw, norm, 256) == 0;
}

static const int again_scales[] = {100, 150, 200};

/* Reads an identifier's box again alone at 100, 150 and 200%: the first
 * reading taken fills raw and norm (256 bytes each) and its scale is
 * returned, 0 when none is. An AMC number's reading has its eight digits
 * to check it; another identifier's, a second reading that agrees with it
 * ("HH4165", "HAH165", "HAEH165" of a grey cell are none). */
static int read_identifier_again(const amcp_patterns *p, const amcp_layout *lay,
                                 const amcp_fielddef *fd, int page, const int *box, char *raw,
                                 char *norm)
{
    char raws[3][256], norms[3][256];
    for (int k = 0; k < 3; k++) {
        if (!read_identifier_at(p, lay, fd, page, box, again_scales[k], 0, raws[k], norms[k])) {
            norms[k][0] = 0;
            continue;
        }
        int agree = fd->target[0] == AMCP_F_AMC_NUMBER;
        for (int j = 0; j < k; j++)
            agree |= !strcmp(norms[j], norms[k]);
        if (!agree)
            continue;
        memcpy(raw, raws[k], 256);
        memcpy(norm, norms[k], 256);
        return again_scales[k];
    }
    return 0;
}

/* An identifier's value (AMC number, adherent, contract: one target,
 * digits or letters and digits) that the value pattern or its
 * normalisation refuses as the page read it ("FES EE16S" on a grey cell,
 * "373167935" with a digit read twice) is read again alone as one line,
 * from `pos` to the segment's end, at 100, 150 and 200% with its alphabet;
 * the first reading the pattern and the normalisation accept fills the
 * field, at low confidence. 1 when it did. */
static int relook_identifier(const amcp_patterns *p, const amcp_layout *lay,
                             const amcp_fielddef *fd, const amcp_seg *s, size_t pos,
                             const char *where, amcp_reading *r)
{
    int digits = !strcmp(fd->normalize, "digits");
    size_t len = strlen(s->text);
    while (pos < len && strchr(" :.;|", s->text[pos]))
        pos++;
    if (fd->ntargets != 1 || (!digits && strcmp(fd->normalize, "alnum")) || !lay->relook ||
        pos >= len || r->f[fd->target[0]].value)
        return 0;
    int x, y, w, h;
    float c;
    amcp_seg_box(lay, s, (int)pos, (int)len, &x, &y, &w, &h, &c);
    /* only an attempt at the value: a digit, or words read with doubt; the
     * next label of a boxed layout ("Attestation éditée le", "N° AMC") is
     * not read again on every page */
    if (!strpbrk(s->text + pos, "0123456789") && c >= 0.6f)
        return 0;
    char raw[256], norm[256];
    int scale = read_identifier_again(p, lay, fd, s->page, (int[4]){x, y, w, h}, raw, norm);
    if (!scale)
        return 0;
    char how[512];
    snprintf(how, sizeof how,
             "fields.ini [field %s], value %s of the label; refused as read (\"%.40s\"), "
             "read again alone at %d%% (low confidence)",
             fd->name, where, s->text + pos, scale);
    amcp_field_set(&r->f[fd->target[0]], norm, raw, c < 0.45f ? c : 0.45f, s->page, x, y, w, h,
                   how);
    return 1;
}

/* An identifier read with one glyph more or less than its ink shows
 * ("X5ZSWZKA6G" where nine glyphs are printed: no check digit catches it)
 * is read again alone at three sizes; the readings with as many glyphs as
 * the ink are kept, at least two, and where they disagree ("X5ZSWZKAG",
 * "X5ZSWZKA6") that glyph is read alone among their letters. The result
 * replaces raw and norm (256 bytes each), `how` says so, returning 1 (the
 * caller flags the value). Only a value of whole words is counted (a label
 * glued to it would be counted with it). */
static int recount_identifier(const amcp_patterns *p, const amcp_layout *lay,
                              const amcp_fielddef *fd, const amcp_seg *s, size_t from,
                              size_t to, char *raw, char *norm, char *how, size_t howlen)
{
    if (fd->ntargets != 1 || strcmp(fd->normalize, "alnum"))
        return 0;
    int starts = 0, ends = 0;
    for (int k = 0; k < s->nw; k++) {
        size_t off = (size_t)s->off[k], end = off + strlen(lay->words->v[s->w[k]].text);
        starts |= off == from;
        ends |= end == to;
    }
    if (!starts || !ends)
        return 0;
    int box[4], slots[2 * 40];
    amcp_seg_box(lay, s, (int)from, (int)to, &box[0], &box[1], &box[2], &box[3], NULL);
    int n = amcp_relook_glyphs(lay, s->page, box[0], box[1], box[2], box[3], slots, 40);
    size_t had = amcp_alnum_count(raw);
    if (n <= 0 || (size_t)n == had)
        return 0;
    char raws[3][256], norms[3][256], pick[256];
    int nr = 0;
    for (int k = 0; k < 3; k++)
        if (read_identifier_at(p, lay, fd, s->page, box, again_scales[k], 0, raws[nr], norms[nr]) &&
            strlen(norms[nr]) == (size_t)n && amcp_alnum_count(raws[nr]) == (size_t)n)
            nr++;
    if (nr < 2)
        return 0;
    int alone = 0;
    for (int i = 0; i < n; i++) {
        char among[4] = "";
        for (int k = 0; k < nr; k++)
            if (!strchr(among, norms[k][i]))
                strncat(among, &norms[k][i], 1);
        pick[i] = among[1] ? amcp_relook_glyph(lay, s->page, box, slots[2 * i], slots[2 * i + 1],
                                               among)
                           : among[0];
        if (!pick[i])
            return 0;
        alone += among[1] != 0;
    }
    pick[n] = 0;
    snprintf(how, howlen,
             "; read with %zu glyphs where the ink shows %d: read again alone, %d glyph%s "
             "chosen alone",
             had, n, alone, alone == 1 ? "" : "s");
    snprintf(raw, 256, "%s", pick);
    snprintf(norm, 256, "%s", pick);
    return 1;
}

/* An identifier the page read with doubt (its words' confidence under
 * 0.5) is read again alone: first, when the page read digits only, on the
 * page as it was before its rules were erased, in grey (Tesseract
 * thresholding the zone alone), then on our thresholded page, each at
 * three sizes. Our threshold and the rule eraser
 * can cut a bold monospaced font's glyphs ("888464552" read "298161652",
 * "0015848026" read "0015848028": the grey page reads them right at every
 * size). A reading two looks agree on, other than the first, replaces it
 * (raw and norm, 256 bytes each), the grey looks' first; `how` says so,
 * returning 1 (the caller flags the value). A first reading one look
 * confirms stays. */
static int doubtful_identifier(const amcp_patterns *p, const amcp_layout *lay,
                               const amcp_fielddef *fd, const amcp_seg *s, size_t from,
                               size_t to, char *raw, char *norm, char *how, size_t howlen)
{
    if (fd->ntargets != 1 || !lay->relook ||
        (strcmp(fd->normalize, "alnum") && strcmp(fd->normalize, "digits")))
        return 0;
    int box[4];
    float conf = 1;
    amcp_seg_box(lay, s, (int)from, (int)to, &box[0], &box[1], &box[2], &box[3], &conf);
    /* a glyph no identifier holds, glued to its end, is one of its own
     * misread: "S7WRSPMJ" read "S7WRSPM]" (0.57), the value then a glyph
     * short; a full stop or comma may end a sentence */
    char after = s->text[to];
    int glued = after && after != ' ' && !strchr(".,;", after);
    if (conf >= 0.5f && !glued)
        return 0;
    enum { LOOKS = 6 };
    static const int unerased = AMCP_ZONE_GREY | AMCP_ZONE_UNERASED;
    char raws[LOOKS][256], norms[LOOKS][256];
    int ok[LOOKS] = {0};
    /* digits only: on letters the grey page read a Q as 0 ("G528JQ6X"),
     * which our threshold reads right */
    int first = norm[strspn(norm, "0123456789")] ? 3 : 0;
    for (int k = first; k < LOOKS; k++) {
        ok[k] = read_identifier_at(p, lay, fd, s->page, box, again_scales[k % 3],
                                   k < 3 ? unerased : 0, raws[k], norms[k]);
        if (ok[k] && !strcmp(norms[k], norm))
            return 0; /* the first reading confirmed */
    }
    for (int a = 0; a < LOOKS; a++)
        for (int b = a + 1; b < LOOKS; b++) {
            if (!ok[a] || !ok[b] || strcmp(norms[a], norms[b]))
                continue;
            snprintf(how, howlen,
                     "; \"%.40s\" read with doubt (%.2f), read again alone%s: %d%% and %d%% "
                     "agree (low confidence)",
                     raw, conf, a < 3 ? " on the grey page before its rules were erased" : "",
                     again_scales[a % 3], again_scales[b % 3]);
            memcpy(raw, raws[a], 256);
            memcpy(norm, norms[a], 256);
            return 1;
        }
    return 0;
}

/* 1 when identifiers a and b, of one length, read the same glyphs, a
 * letter O and a zero counted alike. */
static int same_but_zeros(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (*a != *b && !(strchr("O0", *a) && strchr("O0", *b)))
            return 0;
    return !*a && !*b;
}

/* Where the English model's reading `eng` of an identifier differs from the
 * page's `norm` (as many glyphs), each such glyph is read alone, with no
 * word around it to lean on, between the two readings' characters, at two
 * sizes: `eng` takes the glyph's verdict where both sizes give it, and keeps
 * its own character where they do not (its two readings against the
 * page's one). The English model has its own leaning ("A94ZA1JL" read
 * "A94ZAIJL": the 1 alone reads 1). 1 when `eng` still differs from
 * `norm`; 0 also when the ink does not show the identifier's glyphs apart. */
static int glyphs_alone(const amcp_layout *lay, int page, const int *box, const char *norm,
                        char *eng)
{
    int slots[2 * 40], len = (int)strlen(norm), differs = 0;
    if (amcp_relook_glyphs(lay, page, box[0], box[1], box[2], box[3], slots, 40) != len)
        return 0;
    for (int i = 0; i < len; i++) {
        if (eng[i] == norm[i])
            continue;
        char among[3] = {norm[i], eng[i], 0};
        char c = amcp_relook_glyph(lay, page, box, slots[2 * i], slots[2 * i + 1], among);
        eng[i] = c ? c : eng[i];
        differs |= eng[i] != norm[i];
    }
    return differs;
}

/* Second opinions on an identifier the page read with confidence, which no
 * check digit protects (the AMC number's has none either):
 * - one of capitals and digits ("V1KXW3UAU") read with a letter for a digit
 *   ("VIKXW3UAU"): the French model's LSTM leans to letters that make French
 *   syllables. The English model reads it again, at 100%, on the
 *   unthresholded grey, at 150 and 200%.
 * - an AMC number in a bold monospaced font whose dotted zeros the page's
 *   threshold filled ("06554989" for 00554989): read again on the grey page,
 *   Tesseract thresholding the zone alone, at 100, 150 and 200%.
 * The looks stop at the first reading that confirms the page's (kept: most
 * pages stop there) or at two that agree on another of as many glyphs,
 * which then replaces it (raw and norm, 256 bytes each; `how` says so,
 * returning 1: the caller flags the value). Readings of another length are
 * a glyph given twice or lost ("V1IKXW3UAU"): no vote. A round O and a zero
 * are told apart by their width (take_alt), which no model sees in a word
 * alone: readings that differ only there agree, and the page's choice
 * stays. An adherent number of digits only has no second opinion. */
static int second_opinion(const amcp_patterns *p, const amcp_layout *lay,
                          const amcp_fielddef *fd, const amcp_seg *s, size_t from, size_t to,
                          char *raw, char *norm, char *how, size_t howlen)
{
    static const struct {
        int scale, mode;
    } english[] = {{100, AMCP_ZONE_ENG},
                   {100, AMCP_ZONE_ENG | AMCP_ZONE_GREY},
                   {150, AMCP_ZONE_ENG},
                   {200, AMCP_ZONE_ENG}},
      grey[] = {{100, AMCP_ZONE_GREY}, {150, AMCP_ZONE_GREY}, {200, AMCP_ZONE_GREY}}, *look;
    int n, amc = fd->target[0] == AMCP_F_AMC_NUMBER;
    if (fd->ntargets != 1 || !lay->relook)
        return 0;
    if (!strcmp(fd->normalize, "alnum") && norm[strcspn(norm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
        look = english, n = 4;
    else if (amc && !strcmp(fd->normalize, "digits"))
        look = grey, n = 3;
    else
        return 0;
    int box[4];
    amcp_seg_box(lay, s, (int)from, (int)to, &box[0], &box[1], &box[2], &box[3], NULL);
    char raws[4][256], norms[4][256];
    for (int k = 0; k < n; k++) {
        /* eight zeros are no AMC number: the grey look reads them where a
         * technical 88888888 is printed */
        if (!read_identifier_at(p, lay, fd, s->page, box, look[k].scale, look[k].mode, raws[k],
                                norms[k]) ||
            strlen(norms[k]) != strlen(norm) || (amc && !norms[k][strspn(norms[k], "0")])) {
            norms[k][0] = 0;
            continue;
        }
        if (same_but_zeros(norms[k], norm))
            return 0; /* confirmed */
        for (int j = 0; j < k; j++) {
            if (!norms[j][0] || !same_but_zeros(norms[j], norms[k]))
                continue;
            for (size_t i = 0; norm[i]; i++) /* the page's O or 0 */
                if (strchr("O0", norm[i]) && strchr("O0", norms[k][i]))
                    norms[k][i] = norm[i];
            if (look == english && !glyphs_alone(lay, s->page, box, norm, norms[k]))
                return 0;
            snprintf(how, howlen,
                     "; \"%.40s\" read again alone %s: \"%.40s\" twice (%d%%%s and %d%%%s; low "
                     "confidence)",
                     raw,
                     amc ? "on the grey page"
                         : "with the English model (its differing glyphs read alone)",
                     norms[k],
                     look[j].scale, look[j].mode & AMCP_ZONE_GREY ? " grey" : "",
                     look[k].scale, look[k].mode & AMCP_ZONE_GREY ? " grey" : "");
            memcpy(raw, raws[k], 256);
            memcpy(norm, norms[k], 256);
            return 1;
        }
    }
    return 0;
}

/* Tries the value pattern on seg text from `pos`; on success fills the
 * fields and returns 1. */
static int take(const amcp_patterns *p, const amcp_layout *lay, const amcp_fielddef *fd,
                const amcp_seg *s, size_t pos, const char *where, amcp_reading *r)
{
    const char *t = s->text;
    size_t len = strlen(t);
    /* separators, the stray quote a speck before the colon reads as
     * ("Conv':IS") and a dash or bracket a rule's end or a box's corner reads
     * as ("-01/01/2025", "[01/01/2025"): no value starts with one */
    for (;;) {
        if (pos < len && strchr(" :.;|[]'`\"-", t[pos]))
            pos++;
        else if (!strncmp(t + pos, "’", strlen("’")))
            pos += strlen("’");
        else
            break;
    }
    int rc = amcp_match_opts(p, fd->value, t, len, pos, PCRE2_ANCHORED);
    if (rc <= 0)
        return relook_period(lay, fd, s, pos, where, r) ||
               relook_identifier(p, lay, fd, s, pos, where, r);
    PCRE2_SIZE *ov = amcp_ovector(p);
    const int *targets = fd->target, *groups = fd->group;
    int nt = fd->ntargets;
    /* copy the groups first: the match data is reused below */
    char raws[8][256];
    size_t gs[8], ge[8];
    for (int i = 0; i < nt; i++) {
        int g = groups[i];
        raws[i][0] = 0;
        gs[i] = ge[i] = 0;
        if (g < rc && ov[2 * g] != PCRE2_UNSET) {
            size_t n = ov[2 * g + 1] - ov[2 * g];
            if (n > 255)
                n = 255;
            memcpy(raws[i], t + ov[2 * g], n);
            raws[i][n] = 0;
            gs[i] = ov[2 * g], ge[i] = ov[2 * g] + n;
        } else {
            gs[i] = ge[i] = (size_t)-1;
        }
    }
    /* identifiers take what the glyphs' shapes say where a word alone could
     * not tell: the narrow O of "PH0CPRDY" is a zero */
    if (!strcmp(fd->normalize, "alnum"))
        for (int i = 0; i < nt; i++)
            take_alt(lay, s, gs[i], ge[i], raws[i]);
    /* all targets must normalise, or the reading is refused as a whole */
    char norm[8][256];
    int relooked[8] = {0};
    for (int i = 0; i < nt; i++) {
        if (gs[i] == (size_t)-1) {
            norm[i][0] = 0;
            continue;
        }
        if (normalise(targets[i], fd->normalize, raws[i], norm[i], sizeof norm[i]) == 0)
            continue;
        if (relook_date(lay, s, targets[i], fd->normalize, gs[i], ge[i], raws[i],
                        sizeof raws[i], norm[i], sizeof norm[i]))
            relooked[i] = 1;
        else if ((targets[i] == AMCP_F_START || targets[i] == AMCP_F_END) &&
                 date_from_places(raws[i], norm[i], sizeof norm[i]) == 0)
            relooked[i] = 2;
        else if (targets[i] == AMCP_F_START || targets[i] == AMCP_F_END)
            relooked[i] = 3, norm[i][0] = 0; /* glyphs misread, perhaps: see below */
        else
            return relook_identifier(p, lay, fd, s, pos, where, r);
    }
    char recount[320] = "";
    if (nt == 1 && gs[0] != (size_t)-1 && !r->f[targets[0]].value &&
        !recount_identifier(p, lay, fd, s, gs[0], ge[0], raws[0], norm[0], recount,
                            sizeof recount))
        doubtful_identifier(p, lay, fd, s, gs[0], ge[0], raws[0], norm[0], recount,
                            sizeof recount);
    if (nt == 1 && gs[0] != (size_t)-1 && !r->f[targets[0]].value && !recount[0])
        second_opinion(p, lay, fd, s, gs[0], ge[0], raws[0], norm[0], recount,
                       sizeof recount);
    /* dates left impossible: rebuilt by glyph changes beside each other */
    int bs = -1, be = -1;
    for (int i = 0; i < nt; i++)
        if (targets[i] == AMCP_F_START || targets[i] == AMCP_F_END)
            *(targets[i] == AMCP_F_START ? &bs : &be) = i;
    for (int i = 0; i < nt; i++) {
        if (relooked[i] != 3)
            continue;
        if (bs < 0 || be < 0 || dates_by_glyph_changes(raws[bs], raws[be], norm[bs], norm[be]) != 0)
            return relook_period(lay, fd, s, pos, where, r);
        for (int j = 0; j < nt; j++)
            if (relooked[j] == 3)
                relooked[j] = 2;
    }
    /* a period that ends before it starts or lasts over two years
     * ("01/01/2024 au 31/12/2028": a 4 read as 8) has a misread digit: each
     * date read first is read again, and a reading that makes the period
     * likely is taken */
    int si = -1, ei = -1, doubt[8] = {0};
    for (int i = 0; i < nt; i++)
        if (norm[i][0])
            si = targets[i] == AMCP_F_START ? i : si, ei = targets[i] == AMCP_F_END ? i : ei;
    if (si >= 0 && ei >= 0 && !period_likely(norm[si], norm[ei])) {
        for (int k = 0; k < 2; k++) {
            int i = k ? si : ei, o = k ? ei : si;
            if (relooked[i])
                continue; /* already read again or rebuilt */
            char raw2[256], norm2[256];
            snprintf(raw2, sizeof raw2, "%s", raws[i]);
            if (relook_date(lay, s, targets[i], fd->normalize, gs[i], ge[i], raw2, sizeof raw2,
                            norm2, sizeof norm2) &&
                period_likely(k ? norm2 : norm[o], k ? norm[o] : norm2)) {
                snprintf(raws[i], sizeof raws[i], "%s", raw2);
                snprintf(norm[i], sizeof norm[i], "%s", norm2);
                relooked[i] = 1;
                break;
            }
        }
        int changed = period_likely(norm[si], norm[ei])
                          ? -1
                          : period_by_one_glyph(raws[si], raws[ei], norm[si], norm[ei]);
        if (changed >= 0)
            relooked[changed ? ei : si] = 4; /* rebuilt: low confidence */
        for (int k = 0; k < 2 && !period_likely(norm[si], norm[ei]); k++)
            doubt[k ? si : ei] = 1; /* still unlikely: both flagged */
    }
    int any = 0;
    for (int i = 0; i < nt; i++) {
        amcp_field *f = &r->f[targets[i]];
        if (f->value || gs[i] == (size_t)-1)
            continue;
        if (!norm[i][0] && targets[i] != AMCP_F_CSR)
            continue;
        int x, y, w, h;
        float c;
        amcp_seg_box(lay, s, (int)gs[i], (int)ge[i], &x, &y, &w, &h, &c);
        char how[640];
        snprintf(how, sizeof how, "fields.ini [field %s], value %s of the label%s", fd->name,
                 where,
                 relooked[i] == 1   ? "; an impossible or unlikely date read again alone"
                 : relooked[i] == 2 ? "; an impossible date (separators lost, or one digit "
                                      "misread) rebuilt beside the other date (low confidence)"
                 : relooked[i] == 4 ? "; the period ended before it started or lasted over two "
                                      "years: one digit rebuilt beside the other date (low "
                                      "confidence)"
                                    : "");
        if (relooked[i] == 2 || relooked[i] == 4 || doubt[i])
            c = c < 0.45f ? c : 0.45f; /* rebuilt or unlikely: the receptionist checks it */
        if (recount[0]) { /* chosen by the ink's count: the receptionist checks it */
            c = c < 0.45f ? c : 0.45f;
            snprintf(how + strlen(how), sizeof how - strlen(how), "%s", recount);
        }
        if (doubt[i])
            snprintf(how + strlen(how), sizeof how - strlen(how), "%s",
                     "; the period ends before it starts or lasts over two years");
        amcp_field_set(f, norm[i], raws[i], c, s->page, x, y, w, h, how);
        any = 1;
    }
    return any;
}

static int overlap(int a0, int a1, int b0, int b1)
{
    int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

static int all_set(const amcp_fielddef *fd, const amcp_reading *r)
{
    for (int i = 0; i < fd->ntargets; i++)
        if (!r->f[fd->target[i]].value)
            return 0;
    return 1;
}

static void one_label(const amcp_patterns *p, const amcp_layout *lay, const amcp_fielddef *fd,
                      int si, size_t ls, size_t le, amcp_reading *r)
{
    const amcp_seg *s = &lay->s[si];
    int lx, ly, lw, lh;
    amcp_seg_box(lay, s, (int)ls, (int)(le > ls ? le : ls + 1), &lx, &ly, &lw, &lh, NULL);
    if (fd->right) {
        if (take(p, lay, fd, s, le, "right", r))
            return;
        /* rest of the segment empty: the nearest segment to the right whose
         * box overlaps the label's height (big fonts, cells) */
        size_t rest = le;
        while (s->text[rest] == ' ' || s->text[rest] == ':')
            rest++;
        if (!s->text[rest]) {
            int best = -1, bestx = 1 << 30;
            for (int j = 0; j < lay->n; j++) {
                const amcp_seg *o = &lay->s[j];
                if (j == si || o->page != s->page || o->x0 < s->x1 - lay->char_h)
                    continue;
                /* the label's colon set apart from it ("AMC" ":" "00914950") */
                if (!o->text[strspn(o->text, " :.;|")])
                    continue;
                if (overlap(o->y0, o->y1, ly, ly + lh) < lh / 2)
                    continue;
                /* values are set in a column of their own: allow a wide gap */
                int pw = s->page >= 1 && s->page <= 8 ? lay->page_w[s->page - 1] : 0;
                if (o->x0 - s->x1 > (20 * lay->char_h > pw / 4 ? 20 * lay->char_h : pw / 4))
                    continue;
                if (o->x0 < bestx)
                    bestx = o->x0, best = j;
            }
            if (best >= 0 && take(p, lay, fd, &lay->s[best], 0, "right", r))
                return;
        }
    }
    if (fd->below) {
        /* the segment under the label: first one below that overlaps it */
        int best = -1, besty = 1 << 30;
        for (int j = 0; j < lay->n; j++) {
            const amcp_seg *o = &lay->s[j];
            if (o->page != s->page || o->y0 < ly + lh / 2 || o->y0 > ly + lh + 3 * lay->char_h)
                continue;
            if (overlap(o->x0, o->x1, lx - lay->char_h, lx + lw + 4 * lay->char_h) <= 0)
                continue;
            if (o->y0 < besty)
                besty = o->y0, best = j;
        }
        if (best >= 0)
            take(p, lay, fd, &lay->s[best], 0, "below", r);
    }
}

/* Field f, read with doubt, read again in its own box with the digits'
 * alphabet at three sizes: a reading that is `want` replaces it, flagged
 * (1). */
static int date_read_as(const amcp_layout *lay, amcp_field *f, int target, const char *want)
{
    static const int scales[] = {100, 150, 200};
    for (int k = 0; k < 3; k++) {
        char text[64], norm[16];
        if (amcp_relook_zone(lay, f->page, f->x, f->y, f->w, f->h, 7, "0123456789/.-",
                             scales[k], text, sizeof text) < 0 ||
            normalise(target, "date", text, norm, sizeof norm) != 0 || strcmp(norm, want))
            continue;
        char how[256], raw[64];
        snprintf(how, sizeof how,
                 "%s; \"%s\" read with doubt, read again at %d%%: a period of one year "
                 "(low confidence)",
                 f->how ? f->how : "fields.ini validity", f->value, scales[k]);
        snprintf(raw, sizeof raw, "%s", text);
        amcp_field_set(f, norm, raw, f->conf < 0.45f ? f->conf : 0.45f, f->page, f->x, f->y,
                       f->w, f->h, how);
        return 1;
    }
    return 0;
}

/* Most periods last one year (01/01 to 31/12, 01/04 to 31/03). A date of
 * the period read with doubt that makes another length ("02/04/2026 au
 * 31/12/2026", blurred bold 1s) is read again in its own box: a reading
 * that is the one-year date (start from the end, or end from the start)
 * replaces it, flagged. The start is read again first; a period of another
 * length that reads the same again stays. */
static void period_of_a_year(const amcp_layout *lay, amcp_reading *r)
{
    amcp_field *st = &r->f[AMCP_F_START], *en = &r->f[AMCP_F_END];
    char want[11];
    if (!lay->relook || !st->value || !en->value)
        return;
    if (st->conf < 0.8f && st->w > 0 && st->h > 0 && amcp_year_start(en->value, want) == 0 &&
        strcmp(st->value, want) && date_read_as(lay, st, AMCP_F_START, want))
        return;
    if (en->conf < 0.8f && en->w > 0 && en->h > 0 && amcp_year_end(st->value, want) == 0 &&
        strcmp(en->value, want))
        date_read_as(lay, en, AMCP_F_END, want);
}

void amcp_extract_fields(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{

    for (int fi = 0; fi < p->nfields; fi++) {
        const amcp_fielddef *fd = &p->fields[fi];
        for (int si = 0; si < lay->n && !all_set(fd, r); si++) {
            const amcp_seg *s = &lay->s[si];
            size_t len = strlen(s->text);
            for (int li = 0; li < fd->nlabels && !all_set(fd, r); li++) {
                size_t start = 0;
                while (start <= len && !all_set(fd, r)) {
                    int rc = amcp_match(p, fd->labels[li], s->text, len, start);
                    if (rc <= 0)
                        break;
                    PCRE2_SIZE *ov = amcp_ovector(p);
                    size_t ls = ov[0], le = ov[1];
                    if (!strcmp(fd->name, "csr"))
                        r->csr_label_seen = 1;
                    one_label(p, lay, fd, si, ls, le, r);
                    start = le > ls ? le : ls + 1;
                }
            }
        }
    }
    period_of_a_year(lay, r);
}
