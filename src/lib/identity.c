/*
 * identity.c - a beneficiary row's identity: name, birth date, rank, NIR.
 *
 * The text left of the grid's first column (table.c) is split by table.ini's
 * `beneficiary` pattern. The NIR is chosen between readings by its key, a
 * birth date must be a real date not after today, a rank a digit; where a
 * check fails, the row's zone is read again (amcp_relook), and values taken
 * from a second look or rebuilt by a confusable glyph are flagged (DOMAIN.md
 * §6: read again, never fix silently).
 */
#include "table.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The NIR of a beneficiary row. OCR glues cell borders and the " - " before
 * the key into the digits ("12530141231552 79"), so every place where the
 * table.ini `nir` pattern matches is tried and the first whose key checks
 * wins (DOMAIN.md §6: choose between readings with the key, never "fix" a
 * digit). When none checks, the first match is kept, flagged invalid. */
static int read_nir_in(const amcp_patterns *p, const char *compact, const char *rest,
                       float conf, int page, const int *box, amcp_benef *b, const char *alt_how);

int amcp_nir_in(const amcp_patterns *p, const char *compact)
{
    /* digits raised by a tall box ("0⁴") are digits here */
    char plain[256];
    size_t n = 0;
    for (const char *q = compact; *q && n + 1 < sizeof plain;) {
        int d = 0;
        while (d < 10 && strncmp(q, sup[d], strlen(sup[d])))
            d++;
        plain[n++] = d < 10 ? (char)('0' + d) : *q;
        q += d < 10 ? strlen(sup[d]) : 1;
    }
    plain[n] = 0;
    amcp_benef tmp;
    memset(&tmp, 0, sizeof tmp);
    int ok = read_nir_in(p, plain, plain, 0, 0, (const int[4]){0, 0, 0, 0}, &tmp, NULL) &&
             tmp.nir_valid;
    amcp_field_clear(&tmp.nir);
    return ok;
}

/* Another reading `alt` of a row's NIR (`how` says which): it replaces the
 * NIR read, returning 1, only when its key checks. */
static int nir_alternative(const amcp_patterns *p, const char *alt, const char *rest,
                           float conf, int page, const int *box, amcp_benef *b, const char *how)
{
    amcp_benef tmp;
    memset(&tmp, 0, sizeof tmp);
    if (read_nir_in(p, alt, rest, conf, page, box, &tmp, how) && tmp.nir_valid) {
        amcp_field_clear(&b->nir);
        b->nir = tmp.nir;
        b->nir_valid = 1;
        return 1;
    }
    amcp_field_clear(&tmp.nir);
    return 0;
}

static void read_nir(const amcp_patterns *p, const char *compact, const char *rest, float conf,
                     int page, const int *box, amcp_benef *b)
{
    if (read_nir_in(p, compact, rest, conf, page, box, b, NULL) && b->nir_valid)
        return;
    /* a round letter O where the NIR has a digit ("... 817 O1"): the
     * reading with 0 is taken only when its key checks (the alternative
     * also covers a separator dropped) */
    char alt[256];
    int changed = 0;
    size_t an = 0;
    /* and a digit taken for a raised footnote marker ("6²"): no NIR has one */
    for (const char *q = compact; *q && an + 1 < sizeof alt;) {
        int d = 0;
        while (d < 10 && strncmp(q, sup[d], strlen(sup[d])))
            d++;
        if (d < 10) {
            alt[an++] = (char)('0' + d), q += strlen(sup[d]), changed = 1;
            continue;
        }
        alt[an++] = *q == 'O' || *q == 'o' ? '0' : *q;
        changed |= *q == 'O' || *q == 'o';
        q++;
    }
    alt[an] = 0;
    /* a separator read inside the digits ("16/70490716383"): dropped, on
     * the same condition */
    size_t n = 0;
    for (const char *q = alt; *q; q++)
        if (strchr("/|.,'", *q) && q > alt && isdigit((unsigned char)q[-1]) &&
            isdigit((unsigned char)q[1]))
            changed = 1;
        else
            alt[n++] = *q;
    alt[n] = 0;
    /* and a bracket after a digit, a 7 or a 1 whose foot a rule or the
     * blur took ("167027274488]-66"): each digit tried, on the same
     * condition */
    char alts[3][256];
    int nalt = 0;
    if (changed)
        snprintf(alts[nalt++], sizeof alts[0], "%s", alt);
    for (const char *d = "71"; *d; d++) {
        int br = 0;
        snprintf(alts[nalt], sizeof alts[0], "%s", alt);
        for (char *q = alts[nalt]; *q; q++)
            if (strchr("[]()", *q) && q > alts[nalt] && isdigit((unsigned char)q[-1]))
                *q = *d, br = 1;
        nalt += br;
    }
    for (int k = 0; k < nalt; k++)
        if (nir_alternative(p, alts[k], rest, conf, page, box, b,
                            "table.ini nir, in the beneficiary row (a letter O or a raised "
                            "digit read as a digit: the key checks only so)"))
            return;
    /* Corsica's department read as digits ("2B" as "28", "2A" as "24":
     * B and 8, A and 4 differ by a stroke at this size): the NIR pattern
     * takes the letter only at the department's place, and the key, which
     * counts 2B as 18 and 2A as 19, must check */
    for (char *q = alt; q[0] && q[1]; q++) {
        if (q[0] != '2' || (q[1] != '8' && q[1] != '4'))
            continue;
        char was = q[1];
        q[1] = was == '8' ? 'B' : 'A';
        int ok = nir_alternative(p, alt, rest, conf, page, box, b,
                                 "table.ini nir, in the beneficiary row (Corsica's 2A or 2B "
                                 "read 24 or 28: the key checks only so)");
        q[1] = was;
        if (ok)
            return;
    }
}

static int read_nir_in(const amcp_patterns *p, const char *compact, const char *rest,
                       float conf, int page, const int *box, amcp_benef *b, const char *alt_how)
{
    const pcre2_code *re = p->tbl[AMCP_T_NIR];
    char first[40] = "", full[40];
    size_t len = strlen(compact);
    for (size_t at = 0; at < len && amcp_match(p, re, compact, len, at) > 0;) {
        size_t start = amcp_ovector(p)[0];
        char nir[32], key[8];
        amcp_group(p, re, compact, "nir", nir, sizeof nir);
        amcp_group(p, re, compact, "key", key, sizeof key);
        snprintf(full, sizeof full, "%s%s", nir, key);
        if (!first[0])
            snprintf(first, sizeof first, "%s", full);
        if (amc_nir_key_valid(full)) {
            const char *how = alt_how ? alt_how
                              : start == 0 && !strcmp(full, first)
                                  ? "table.ini nir, in the beneficiary row"
                                  : "table.ini nir, in the beneficiary row (the reading "
                                    "whose key checks)";
            amcp_field_set(&b->nir, full, rest, conf, page, box[0], box[1], box[2], box[3],
                           how);
            b->nir_valid = 1;
            return 1;
        }
        at = start + 1;
    }
    if (first[0] && !alt_how) {
        amcp_field_set(&b->nir, first, rest, conf, page, box[0], box[1], box[2], box[3],
                       "table.ini nir, in the beneficiary row (key does not check)");
        b->nir_valid = 0;
        return 1;
    }
    return 0;
}


/* A NIR whose key does not check was misread (DOMAIN.md §6), and a rank
 * that is no rank ("{" for "1") too: read the identity cell again on its
 * own, as a block, and take from it what the first reading missed, the NIR
 * only if its key checks. */
void amcp_relook_identity(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                          float conf, int page, amcp_benef *b)
{
    /* at text size, then larger: a digit misread at one size ("5" as "8")
     * often reads right at another, and the key says which reading is */
    static const int scales[] = {100, 150, 200};
    int nir_digits = 0; /* larger sizes only for a row that prints a NIR */
    for (int k = 0; k < 3 && (k == 0 || (!b->nir_valid && nir_digits >= 10)); k++) {
        char text[512], rest[256], compact[256];
        if (amcp_relook_zone(lay, page, box[0], box[1], box[2], box[3], 6, NULL, scales[k],
                             text, sizeof text) < 0 ||
            amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], text, strlen(text), 0) <= 0)
            continue;
        amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], text, "rest", rest, sizeof rest);
        if (!b->rank.value && k == 0 &&
            amcp_match(p, p->tbl[AMCP_T_RANK], rest, strlen(rest), 0) > 0) {
            char rk[8];
            amcp_group(p, p->tbl[AMCP_T_RANK], rest, "rank", rk, sizeof rk);
            amcp_field_set(&b->rank, rk, rk, conf, page, box[0], box[1], box[2], box[3],
                           "table.ini rank, second look at the identity cell");
        }
        if (b->nir_valid)
            return;
        pack(rest, compact, sizeof compact);
        if (k == 0)
            nir_digits = (int)amcp_digit_count(compact);
        amcp_benef tmp;
        memset(&tmp, 0, sizeof tmp);
        read_nir(p, compact, rest, conf, page, box, &tmp);
        if (tmp.nir_valid) {
            char how[128];
            snprintf(how, sizeof how,
                     "table.ini nir, second look at the identity cell, %d%% (key checks)",
                     scales[k]);
            amcp_field_clear(&b->nir);
            b->nir = tmp.nir;
            free(b->nir.how);
            b->nir.how = amcp_strdup(how);
            b->nir_valid = 1;
        } else {
            amcp_field_clear(&tmp.nir);
        }
    }
}

/* The identity cell read as a block can lose a NIR's digit the first
 * reading lost too ("185032428660 - 65", a 5 taken for the dash's speck):
 * the NIR's zone alone, right of the birth date on its line, is read as a
 * line of digits at three sizes, and a reading whose key checks is taken
 * (nir_alternative). */
static void nir_zone_reread(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                            float conf, int page, amcp_benef *b)
{
    if (b->nir_valid || !lay->relook)
        return;
    const amcp_word *date = NULL;
    int x1 = -1, y0 = 0, y1 = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < lay->n; i++) {
            const amcp_seg *s = &lay->s[i];
            for (int k = 0; k < s->nw && s->page == page; k++) {
                const amcp_word *w = &lay->words->v[s->w[k]];
                int cx = w->x + w->w / 2, cy = w->y + w->h / 2;
                if (cx < box[0] || cx > box[0] + box[2] || cy < box[1] || cy > box[1] + box[3])
                    continue;
                if (pass == 0 && !date && strchr(w->text, '/') && amcp_digit_count(w->text) >= 6)
                    date = w, y0 = w->y, y1 = w->y + w->h;
                /* pass 1: the digits right of the date, on its line */
                if (pass == 1 && date && w->x > date->x + date->w && cy > date->y &&
                    cy < date->y + date->h && amcp_digit_count(w->text) > 0) {
                    x1 = w->x + w->w > x1 ? w->x + w->w : x1;
                    y0 = w->y < y0 ? w->y : y0;
                    y1 = w->y + w->h > y1 ? w->y + w->h : y1;
                }
            }
        }
    if (!date || x1 < 0)
        return;
    int x0 = date->x + date->w + 2, pad = (y1 - y0) / 4;
    /* thresholded as the page, then on the grey page as a raw line (PSM
     * 13): a bold monospaced dotted zero our threshold fills reads 6, 8 or
     * 9 at every size ("112081052520156" for ...150), and Tesseract's
     * layout of the line, or the glyph read alone, reads it so in grey too;
     * the grey line read raw gives the zero, and the key says which reading
     * is right */
    static const int scales[] = {100, 150, 200};
    for (int k = 0; k < 6; k++) {
        char text[128], compact[128], how[160];
        int grey = k >= 3, scale = scales[k % 3];
        if (amcp_relook_zone(lay, page, x0, y0 - pad, x1 - x0 + pad, y1 - y0 + 2 * pad,
                             grey ? 13 | AMCP_ZONE_GREY : 7, "0123456789", scale, text,
                             sizeof text) < 0)
            continue;
        pack(text, compact, sizeof compact);
        snprintf(how, sizeof how,
                 "table.ini nir, its zone read again as digits at %d%%%s (key checks)", scale,
                 grey ? " in grey" : "");
        if (nir_alternative(p, compact, text, conf, page, box, b, how))
            return;
    }
}

/* Reads the zone [x, x+w) on the row's text height as one digit. */
int amcp_relook_rank_at(const amcp_patterns *p, const amcp_layout *lay, int x, int w,
                        const int *box, float conf, int page, const char *how, amcp_benef *b)
{
    /* One digit has no check digit: a confident reading is taken, or two
     * readings that agree (Tesseract gives a lone "1" 50% at one size and
     * 95% at another). The zone is the row's first text line first (a
     * two-line row leaves much empty space around the digit), then the
     * whole row (a digit centred between the two lines). */
    static const int psms[] = {10, 10, 10, 7}, scales[] = {100, 50, 200, 100};
    char text[32], rk[8], seen[8][8];
    int seenc[8], nseen = 0;
    int pad = lay->char_h / 4, line_h = lay->char_h * 3 / 2 + 2 * pad;
    int zy[2] = {box[1] - pad, box[1]}, zh[2] = {line_h, box[3]};
    int nz = box[3] > line_h + lay->char_h / 2 ? 2 : 1;
    if (nz == 1)
        zy[0] = box[1], zh[0] = box[3];
    for (int z = 0; z < nz; z++)
        for (int i = 0; i < 4; i++) {
            int c = amcp_relook_zone(lay, page, x, zy[z], w, zh[z], psms[i], "0123456789",
                                     scales[i], text, sizeof text);
            if (c < 40 || amcp_match(p, p->tbl[AMCP_T_RANK], text, strlen(text), 0) <= 0)
                continue;
            amcp_group(p, p->tbl[AMCP_T_RANK], text, "rank", rk, sizeof rk);
            int agree = 0;
            for (int j = 0; j < nseen; j++)
                agree |= !strcmp(seen[j], rk) && seenc[j] >= 40;
            if (c >= 60 || agree) {
                amcp_field_set(&b->rank, rk, text, conf, page, x, zy[z], w, zh[z], how);
                return 1;
            }
            snprintf(seen[nseen], sizeof seen[nseen], "%s", rk);
            seenc[nseen++] = c;
        }
    return 0;
}

/* The rank is one small digit alone in its cell: sparse-text OCR often
 * skips it. When a "Rang" label heads a column above the row, the cell under
 * it is read again as one character: the label's width and the row's text
 * height, so the cell's rules stay out and a digit centred in a two-line row
 * is inside. */
static void relook_rank(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                        float conf, int page, amcp_benef *b)
{
    const amcp_word *label = NULL;
    size_t skip = 0;
    for (int i = 0; i < lay->words->n; i++) {
        const amcp_word *w = &lay->words->v[i];
        /* a cell border glued before the label: "|Rang" */
        size_t k = strspn(w->text, "|[(!");
        if (w->page == page && w->y + w->h <= box[1] &&
            match_whole(p, AMCP_T_RANK_LABEL, w->text + k) && (!label || w->y > label->y))
            label = w, skip = k;
    }
    /* the label's share of the word: after a glued border, before a glued
     * next label ("Rang|N°") */
    int lx = label ? label->x : 0, lw = label ? label->w : 0;
    if (label &&
        amcp_match(p, p->tbl[AMCP_T_RANK_LABEL], label->text + skip,
                   strlen(label->text + skip), 0) > 0) {
        size_t end = skip + amcp_ovector(p)[1], all = strlen(label->text);
        if (all > 0) {
            lx = label->x + (int)(label->w * skip / all);
            lw = (int)(label->w * (end - skip) / all);
        }
    }
    if (label && box[3] > 0 &&
        !amcp_relook_rank_at(p, lay, lx, lw, box, conf, page,
                        "table.ini rank, second look at the cell under the rank label", b))
        amcp_relook_identity(p, lay, box, conf, page, b);
}

/* Today's date, "AAAA-MM-JJ": no one on a card is born after it. */
static void today_iso(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    snprintf(out, 11, "%s", "9999-12-31");
    if (gmtime_r(&now, &tm))
        strftime(out, 11, "%Y-%m-%d", &tm);
}

/* 1 when birth date `iso` has the year and month of the row's NIR, whose
 * key checks (a child's row may print a parent's NIR: no proof against). */
static int birth_fits_nir(const char *iso, const amcp_benef *b)
{
    const char *n = b->nir.value;
    return b->nir_valid && n && strlen(n) >= 5 && n[1] == iso[2] && n[2] == iso[3] &&
           n[3] == iso[5] && n[4] == iso[6];
}

/* A birth date that cannot be ("06/09/2618": a 0 read as 6, "10/64/2002",
 * or after `today`): the row's identity is read again at three sizes, and a
 * reading whose birth date can be (a real date, not after today) gives it,
 * one with the NIR's year and month first; the name stays as first read.
 * `raw` is the date as first read. */
static void relook_birth(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                         float conf, int page, const char *raw, const char *today,
                         amcp_benef *b)
{
    static const int scales[] = {100, 150, 200};
    /* the first text line of the cell: the NIR may stand under the name */
    int pad = lay->char_h / 4, h = box[3] < lay->char_h * 3 / 2 ? box[3] : lay->char_h * 3 / 2;
    char first[11] = "", first_raw[64] = "";
    for (int k = 0; k < 3 && box[2] > 0 && box[3] > 0; k++) {
        char text[256], birth[64], iso[11];
        if (amcp_relook_zone(lay, page, box[0], box[1] - pad, box[2], h + 2 * pad, 7, NULL,
                             scales[k], text, sizeof text) < 40 ||
            amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], text, strlen(text), 0) <= 0)
            continue;
        amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], text, "birth", birth, sizeof birth);
        /* a date that can be, not after today; the one with the NIR's year
         * and month first ("10/64/2002" read "16/04/2062" at one size) */
        if (amcp_date_iso(birth, iso) != 0 || strcmp(iso, today) > 0)
            continue;
        if (birth_fits_nir(iso, b)) {
            snprintf(first, sizeof first, "%s", iso);
            snprintf(first_raw, sizeof first_raw, "%s", birth);
            break;
        }
        if (!first[0]) {
            snprintf(first, sizeof first, "%s", iso);
            snprintf(first_raw, sizeof first_raw, "%s", birth);
        }
    }
    if (first[0]) {
        amcp_field_set(&b->birth, first, first_raw, conf, page, box[0], box[1], box[2], box[3],
                       "table.ini beneficiary; an impossible birth date read again");
        return;
    }
    /* no reading can be: the date as first read rebuilt by one confusable
     * digit ("26/66/1997": 0 read 6), when exactly one date not after today
     * comes of it, or one with the NIR's year and month; flagged */
    /* the separators where the glyphs' places put them ("2304/1981",
     * "02:04/1969"); the rebuild below starts from there too */
    char t[64], cand[8][11], iso[11], placed[11];
    int moved = amcp_date_places(raw, placed) == 0 && strcmp(placed, raw);
    snprintf(t, sizeof t, "%s", moved ? placed : raw);
    if (moved && amcp_date_iso(t, iso) == 0 && strcmp(iso, today) <= 0) {
        amcp_field_set(&b->birth, iso, raw, conf < 0.45f ? conf : 0.45f, page, box[0], box[1],
                       box[2], box[3],
                       "table.ini beneficiary; a separator the OCR lost or misread put back "
                       "(low confidence)");
        return;
    }
    int n = raw[0] ? amcp_dates_by_glyphs(t, 1, cand, 8) : 0, kept = 0, fit = -1, last = -1;
    for (int i = 0; i < n && n <= 8; i++) {
        if (strcmp(cand[i], today) > 0)
            continue;
        kept++, last = i;
        if (birth_fits_nir(cand[i], b))
            fit = fit == -1 ? i : -2;
    }
    int pick = fit >= 0 ? fit : kept == 1 ? last : -1;
    /* none: two confusable digits ("15/12/2626" for 2020), only for the one
     * date with the year and month of the row's valid NIR */
    const char *how = "table.ini beneficiary; an impossible birth date rebuilt by one "
                      "confusable digit (low confidence)";
    char two[64][11];
    if (pick < 0 && fit == -1 && raw[0] && b->nir_valid) {
        int n2 = amcp_dates_by_glyphs(t, 2, two, 64);
        for (int i = 0; i < n2 && n2 <= 64; i++)
            if (strcmp(two[i], today) <= 0 && birth_fits_nir(two[i], b))
                pick = pick == -1 ? i : -2;
        if (pick >= 0) {
            memcpy(cand[0], two[pick], sizeof cand[0]);
            pick = 0;
            how = "table.ini beneficiary; an impossible birth date rebuilt by two confusable "
                  "digits, to the year and month of the row's NIR (low confidence)";
        }
    }
    if (pick >= 0)
        amcp_field_set(&b->birth, cand[pick], raw, conf < 0.45f ? conf : 0.45f, page, box[0],
                       box[1], box[2], box[3], how);
}

/* UTF-8 characters in the n bytes of s. */
static int utf8_chars(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* 1 when a mark of `marks` stands over letter `at` of the `nl` letters of
 * the word in `wb`: within three quarters of a letter's width of where the
 * letter stands. */
static int mark_over(const int *marks, int nm, const int *wb, int at, int nl)
{
    int cw = wb[2] / nl, cx = wb[0] + wb[2] * (2 * at + 1) / (2 * nl);
    for (int m = 0; m < nm; m++) {
        int mc = (marks[2 * m] + marks[2 * m + 1]) / 2;
        if (4 * abs(mc - cx) <= 3 * cw)
            return 1;
    }
    return 0;
}

/* The words of the cell `box` that make up the name `name` (whole words of
 * it), at most max; their union box to ub. */
static int name_words(const amcp_layout *lay, const int *box, int page, const char *name,
                      const amcp_word **out, int max, int *ub)
{
    int n = 0, x1 = 0, y1 = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        for (int k = 0; k < s->nw && s->page == page && n < max; k++) {
            const amcp_word *w = &lay->words->v[s->w[k]];
            int cx = w->x + w->w / 2, cy = w->y + w->h / 2;
            if (cx < box[0] || cx > box[0] + box[2] || cy < box[1] || cy > box[1] + box[3])
                continue;
            const char *at = strstr(name, w->text);
            size_t len = strlen(w->text);
            if (!len || !at || (at > name && at[-1] != ' ') || (at[len] && at[len] != ' '))
                continue;
            if (!n || w->x < ub[0])
                ub[0] = w->x;
            if (!n || w->y < ub[1])
                ub[1] = w->y;
            x1 = n && x1 > w->x + w->w ? x1 : w->x + w->w;
            y1 = n && y1 > w->y + w->h ? y1 : w->y + w->h;
            out[n++] = w;
        }
    }
    ub[2] = x1 - ub[0], ub[3] = y1 - ub[1];
    return n;
}

/* A first name whose accent the OCR lost where names.ini lists both
 * spellings ("Elodie" and "Élodie", "Eric" and "Éric": the list cannot
 * choose): the ink above the name says. A mark over the letter that takes
 * the accent (seen against the tops of the whole name's tall glyphs, the
 * surname's capitals among them) makes it the accented spelling, flagged;
 * without one the name stays as read. An accent is never taken away, and
 * none is put on an i: its dot and a blurred circumflex look alike. */
static void first_name_accents(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                               int page, amcp_benef *b)
{
    if (!b->name.value || !lay->relook)
        return;
    char name[256];
    snprintf(name, sizeof name, "%s", b->name.value);
    const amcp_word *ws[16];
    int ub[4] = {0, 0, 0, 0}, nw = name_words(lay, box, page, name, ws, 16, ub), changed = 0;
    int marks[64], tall = 0, nm = -1;
    for (int i = 0; i < nw; i++) {
        const amcp_word *w = ws[i];
        int small = 0;
        for (const char *q = w->text; *q; q++)
            small |= islower((unsigned char)*q) != 0;
        size_t len = strlen(w->text);
        char *at = small ? strstr(name, w->text) : NULL;
        if (!at)
            continue;
        int nl = utf8_chars(w->text, len), wb[4] = {w->x, w->y, w->w, w->h};
        /* part by part ("Marie-Helene"), one part a word */
        for (size_t off = 0; off < len;) {
            size_t n = strcspn(w->text + off, "-'");
            char fix[128];
            int letter = -1;
            const char *lp = w->text + off;
            if (n && amcp_first_name_accent(p, lp, n, fix, sizeof fix, &letter)) {
                for (int c = 0; c < letter; c++) /* the letter's byte */
                    for (lp++; ((unsigned char)*lp & 0xC0) == 0x80; lp++)
                        ;
                if (nm < 0)
                    nm = amcp_relook_marks(lay, page, ub[0], ub[1], ub[2], ub[3], marks, 32,
                                           &tall);
                int place = utf8_chars(w->text, off) + letter;
                if (nm > 0 && tolower((unsigned char)*lp) != 'i' &&
                    mark_over(marks, nm, wb, place, nl) &&
                    strlen(name) - n + strlen(fix) < sizeof name) {
                    size_t pos = (size_t)(at - name) + off;
                    memmove(name + pos + strlen(fix), name + pos + n, strlen(name + pos + n) + 1);
                    memcpy(name + pos, fix, strlen(fix));
                    changed = 1;
                    break;
                }
            }
            off += n + (w->text[off + n] != 0);
        }
    }
    if (!changed)
        return;
    char how[512], raw[256];
    snprintf(how, sizeof how,
             "%s; an accent the OCR lost, seen in the ink over its letter, names.ini "
             "listing both spellings (low confidence)",
             b->name.how ? b->name.how : "table.ini beneficiary");
    snprintf(raw, sizeof raw, "%s", b->name.raw ? b->name.raw : b->name.value);
    amcp_field_set(&b->name, name, raw, b->name.conf < 0.45f ? b->name.conf : 0.45f,
                   b->name.page, b->name.x, b->name.y, b->name.w, b->name.h, how);
}

/* A first name after the capitals of a surname whose own capital was read
 * as its small letter ("ROUSSEAU jade": j, c, o, s, v, w, x and z have one
 * shape in both cases): the capital is put back. Names are printed with one. */
static void first_name_capital(char *name)
{
    char *q = name;
    for (;;) {
        char *w = q + strspn(q, " ");
        size_t len = strcspn(w, " ");
        if (!len)
            return;
        int lower = 0;
        for (size_t i = 0; i < len; i++)
            lower |= islower((unsigned char)w[i]) != 0;
        if (lower) {
            if (w != name && islower((unsigned char)w[0]))
                w[0] = (char)toupper((unsigned char)w[0]);
            return;
        }
        q = w + len;
    }
}

/* A NIR whose key still does not check after the cell was read again: each
 * digit is tried as the digits a rough scan confuses it with (0/6/8/9, 1/7,
 * 3/8, 5/6); of the changes that make the key check, that glyph is read
 * alone among the two digits, and the one change it confirms, else the one
 * change no glyph denies, is taken, flagged (DOMAIN.md §6: read again, never
 * fix silently). The glyph's place comes from its word's ink
 * (amcp_relook_glyphs). */
static void nir_glyph_reread(const amcp_layout *lay, const int *box, int page, amcp_benef *b)
{
    const char *nir = b->nir.value;
    if (!nir || b->nir_valid || strlen(nir) != 15 || !lay->relook)
        return;
    /* the cell's words in reading order; their letters and digits, each
     * with its word and its place among the word's glyphs */
    char glyphs[256];
    int gw[256], gi[256], n = 0;
    for (int i = 0; i < lay->n; i++) {
        const amcp_seg *s = &lay->s[i];
        for (int k = 0; k < s->nw && s->page == page; k++) {
            const amcp_word *w = &lay->words->v[s->w[k]];
            int cx = w->x + w->w / 2, cy = w->y + w->h / 2, at = 0;
            if (cx < box[0] || cx > box[0] + box[2] || cy < box[1] || cy > box[1] + box[3])
                continue;
            for (const char *q = w->text; *q && n < 255; q++)
                if (isalnum((unsigned char)*q))
                    glyphs[n] = *q, gw[n] = s->w[k], gi[n] = at++, n++;
        }
    }
    glyphs[n] = 0;
    const char *at = strstr(glyphs, nir);
    if (!at)
        return;
    /* each change that makes the key check; its glyph read alone among the
     * digit read and the new one: 1 reads the new, -1 the one read, 0 none */
    int k0 = (int)(at - glyphs), nc = 0, cw = -1, slots[80], nslots = -1, says[8];
    char cands[8][16];
    for (int i = 0; i < 15 && nc < 8; i++) {
        for (const char *alt = amcp_confusable_digits(nir[i]); *alt && nc < 8; alt++) {
            memcpy(cands[nc], nir, 16);
            cands[nc][i] = *alt;
            if (!amc_nir_key_valid(cands[nc]))
                continue;
            const amcp_word *w = &lay->words->v[gw[k0 + i]];
            if (cw != gw[k0 + i]) { /* the word's glyphs, counted from its ink */
                cw = gw[k0 + i];
                nslots = amcp_relook_glyphs(lay, page, w->x, w->y, w->w, w->h, slots, 40);
                if (nslots != (int)amcp_alnum_count(w->text))
                    nslots = -1;
            }
            if (nslots < 0)
                return; /* no glyph's place: no change is read again */
            int j = gi[k0 + i], wb[4] = {w->x, w->y, w->w, w->h};
            char among[3] = {nir[i], *alt, 0};
            char got = amcp_relook_glyph(lay, page, wb, slots[2 * j], slots[2 * j + 1], among);
            says[nc++] = got == *alt ? 1 : got ? -1 : 0;
        }
    }
    /* the one change its glyph does not deny, or the one it confirms */
    int left = 0, yes = 0, pick = -1, pick_yes = -1;
    for (int c = 0; c < nc; c++) {
        if (says[c] >= 0)
            left++, pick = c;
        if (says[c] > 0)
            yes++, pick_yes = c;
    }
    if (yes == 1)
        pick = pick_yes;
    else if (left != 1)
        return;
    char best[16];
    memcpy(best, cands[pick], 16);
    free(b->nir.value);
    b->nir.value = amcp_strdup(best);
    free(b->nir.how);
    b->nir.how = amcp_strdup("table.ini nir, in the beneficiary row; the key checks only with one "
                             "digit read again alone, among the digits a scan confuses "
                             "(low confidence)");
    b->nir.conf = b->nir.conf < 0.45f ? b->nir.conf : 0.45f;
    b->nir_valid = 1;
}

/* Compound names are printed without spaces around their hyphens
 * ("DUPONT-MOREAU", "Jean-Pierre"); the OCR splits a word before or after
 * one ("DUPONT -MOREAU" on a clean page): the spaces are removed in place. */
static void hyphen_spaces(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == ' ') {
            const char *q = r;
            while (*q == ' ')
                q++;
            /* spaces before a hyphen that a letter follows, after a letter */
            if (*q == '-' && w > s && letter_byte(w[-1]) && letter_byte(q[1])) {
                r = q - 1;
                continue;
            }
            /* spaces after such a hyphen */
            if (w > s && w[-1] == '-' && w - 1 > s && letter_byte(w[-2]) && letter_byte(*q)) {
                r = q - 1;
                continue;
            }
        }
        *w++ = *r;
    }
    *w = 0;
}

void amcp_parse_identity(const amcp_patterns *p, const amcp_layout *lay, const char *text,
                         const int *box, float conf, int page, amcp_benef *b)
{
    char name[256], birth[64], rest[256], iso[11];
    if (amcp_match(p, p->tbl[AMCP_T_BENEFICIARY], text, strlen(text), 0) <= 0)
        return;
    amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], text, "name", name, sizeof name);
    amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], text, "birth", birth, sizeof birth);
    amcp_group(p, p->tbl[AMCP_T_BENEFICIARY], text, "rest", rest, sizeof rest);
    /* a name ends before stray separators */
    size_t n = strlen(name);
    while (n && strchr(" |-_.,;:", name[n - 1]))
        name[--n] = 0;
    char *nm = name;
    /* a cell border read before the name: "|MOREL", "[MOREL", "{BRUN" */
    nm = (char *)past_border(nm);
    drop_specks_in_words(nm);
    hyphen_spaces(nm);
    first_name_capital(nm);
    const char *how = "table.ini beneficiary, left of the first code column";
    amcp_field_set(&b->name, nm, nm, conf, page, box[0], box[1], box[2], box[3], how);
    first_name_accents(p, lay, box, page, b);
    /* a birth date after today ("2082" for 2002) is misread like an
     * impossible one: read again below */
    char today[11];
    today_iso(today);
    if (amcp_date_iso(birth, iso) == 0 && strcmp(iso, today) <= 0)
        amcp_field_set(&b->birth, iso, birth, conf, page, box[0], box[1], box[2], box[3], how);
    char compact[256];
    pack(rest, compact, sizeof compact);
    /* a digit before the NIR is its rank, unless the rank was not read and
     * the digit is the NIR's own first one: the key checks only with it */
    int nir_first = compact[0] && amcp_nir_in(p, compact) && !amcp_nir_in(p, compact + 1);
    if (!nir_first && amcp_match(p, p->tbl[AMCP_T_RANK], rest, strlen(rest), 0) > 0) {
        char rk[8];
        amcp_group(p, p->tbl[AMCP_T_RANK], rest, "rank", rk, sizeof rk);
        amcp_field_set(&b->rank, rk, rk, conf, page, box[0], box[1], box[2], box[3], how);
        memmove(rest, rest + 1, strlen(rest));
        pack(rest, compact, sizeof compact);
    }
    read_nir(p, compact, rest, conf, page, box, b);
    int digits = (int)amcp_digit_count(compact);
    if (!b->rank.value)
        relook_rank(p, lay, box, conf, page, b);
    /* something stands where the rank goes, but it is no rank */
    int bad_rank = !b->rank.value && rest[0] && !isdigit((unsigned char)rest[0]) &&
                   (rest[1] == ' ' || !rest[1]);
    if ((!b->nir_valid && digits >= 10) || bad_rank)
        amcp_relook_identity(p, lay, box, conf, page, b);
    if (!b->nir_valid && digits >= 10)
        nir_zone_reread(p, lay, box, conf, page, b);
    nir_glyph_reread(lay, box, page, b);
    /* after the NIR: its year and month choose between readings */
    if (!b->birth.value)
        relook_birth(p, lay, box, conf, page, birth, today, b);
}

