/*
 * grid_agree.c - the values of a guarantee grid agree with each other
 * (table.h): the value side of family.c.
 *
 * A card prints its rates in round figures and in one style, and a
 * family's rows mostly share them. Once table.c has read the cells, a cell
 * left unread takes what the other rows agree on, a cell that differs
 * from them only by glyphs a scan confuses ("190%" beside "100%") is read
 * again or takes theirs, a rate that is no round figure takes the round
 * rate the grid reads elsewhere, and a bare "100" among "100%" gets its
 * "%" back. Everything taken is flagged (confidence at most 0.45) and its
 * evidence says why.
 */
#include "table.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cell of column c holding the known value a strict majority of the
 * rows' known values agree on, and in *n how many rows hold it; NULL
 * without such a majority. */
static const amcp_guar *row_majority(const amcp_patterns *p, const amcp_reading *r, int c,
                                     int *n)
{
    const amcp_guar *best = NULL;
    int bestn = 0, known = 0;
    for (int a = 0; a < r->nb; a++) {
        const amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
        if (!g || !g->value || !amcp_value_known(p, g->value))
            continue;
        known++;
        int same = 0;
        for (int k = 0; k < r->nb; k++) {
            const amcp_guar *h = c < r->b[k].ng ? &r->b[k].g[c] : NULL;
            same += h && h->value && !strcmp(h->value, g->value);
        }
        if (same > bestn)
            best = g, bestn = same;
    }
    *n = bestn;
    return best && bestn * 2 > known ? best : NULL;
}

/* The rows of a grid are repeated readings of mostly the same values. A
 * cell that could not be read (empty, or a value values.ini does not know,
 * even after its second look) takes the value most other rows agree on, and
 * says so in its evidence; a known value that differs is kept: that
 * beneficiary really has another guarantee. Without a strict majority of
 * the readable cells, nothing is filled. */
static void fill_from_other_rows(const amcp_patterns *p, amcp_reading *r)
{
    if (r->nb < 2)
        return;
    for (int c = 0; c < r->ncols; c++) {
        int bestn = 0;
        const amcp_guar *best = row_majority(p, r, c, &bestn);
        if (!best)
            continue;
        for (int a = 0; a < r->nb; a++) {
            amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (!g || (g->value && amcp_value_known(p, g->value)))
                continue;
            char how[200];
            snprintf(how, sizeof how,
                     "table: cell not readable (\"%s\"), value of the %d other rows that agree",
                     g->raw ? g->raw : "", bestn);
            free(g->value);
            g->value = amcp_strdup(best->value);
            for (int k = 0; k < best->nnotes && !g->nnotes; k++)
                amcp_guar_add_note(g, best->notes[k]);
            int x = g->ev.w ? g->ev.x : best->ev.x, y = g->ev.w ? g->ev.y : best->ev.y;
            amcp_field_set(&g->ev, best->value, g->raw ? g->raw : "", 0, best->ev.page, x, y,
                           g->ev.w ? g->ev.w : best->ev.w, g->ev.h ? g->ev.h : best->ev.h, how);
        }
    }
}

/* Guarantee g's box read again (psm and its AMCP_ZONE_* flags, `whitelist`,
 * at scale_pct): the text in `text`, its normalised value in `v` ("" when
 * nothing was read). Returns the zone's confidence, < 0 on failure. */
static int cell_reading(const amcp_layout *lay, const amcp_guar *g, int psm,
                        const char *whitelist, int scale_pct, char *text, size_t tlen, char *v,
                        size_t vlen)
{
    int zc = amcp_relook_zone(lay, g->ev.page, g->ev.x, g->ev.y, g->ev.w, g->ev.h, psm,
                              whitelist, scale_pct, text, tlen);
    amcp_guar tmp;
    memset(&tmp, 0, sizeof tmp);
    amcp_value_normalise(zc >= 0 ? text : "", v, vlen, &tmp);
    for (int m = 0; m < tmp.nnotes; m++)
        free(tmp.notes[m]);
    return zc;
}

/* Reads guarantee g's box again at three sizes (with `whitelist`, or
 * none) and returns the first reading whose normalised value `accept`
 * takes: its text in `text`, value in `v`, size in *scale. 0 when none. */
static int reread_cell(const amcp_patterns *p, const amcp_layout *lay, const amcp_guar *g,
                       const char *whitelist,
                       int (*accept)(const amcp_patterns *, const char *, const void *),
                       const void *ctx, char *text, size_t tlen, char *v, size_t vlen, int *scale)
{
    static const int scales[] = {100, 150, 200};
    char seen[3][64];
    int agree = 0;
    for (int k = 0; k < 3; k++) {
        int zc = cell_reading(lay, g, 7, whitelist, scales[k], text, tlen, v, vlen);
        snprintf(seen[k], sizeof seen[k], "%s", v);
        agree += v[0] && !strcmp(seen[k], seen[0]);
        if (zc >= 40 && accept(p, v, ctx)) {
            *scale = scales[k];
            return 1;
        }
    }
    /* Tesseract gives a whitelisted "100%" on a blurred scan a confidence
     * of 0 at every size: the same accepted value at all three sizes is a
     * reading too, when it has as many glyphs as the first ("196" read
     * "10" three times lost one) */
    if (agree == 3 && g->value && strlen(seen[0]) == strlen(g->value) &&
        accept(p, seen[0], ctx)) {
        snprintf(v, vlen, "%s", seen[0]);
        snprintf(text, tlen, "%s", seen[0]);
        *scale = 100;
        return 1;
    }
    return 0;
}

/* Sets g's value to a second reading, `how` saying why. */
static void take_reread(amcp_guar *g, const char *v, const char *text, const char *how)
{
    amcp_field_set(&g->ev, v, text, g->ev.conf, g->ev.page, g->ev.x, g->ev.y, g->ev.w, g->ev.h,
                   how);
    free(g->value);
    g->value = amcp_strdup(v);
}

/* A value the cell's reading differs from, taken from the rest of the grid
 * (`how` says why): the cell keeps its raw reading, and a confidence of at
 * most 0.45 for the receptionist to check it. */
static void take_flagged(amcp_guar *g, const char *v, const char *how)
{
    float cf = g->ev.conf < 0.45f ? g->ev.conf : 0.45f;
    take_reread(g, v, g->raw ? g->raw : g->value, how);
    g->ev.conf = cf;
}

static int same_value(const amcp_patterns *p, const char *v, const void *want)
{
    (void)p;
    return !strcmp(v, want);
}

/* The number of places where value `v` differs from `maj` when each is a
 * pair of glyphs a rough scan confuses ("190%" or "1004" for "100%"), else
 * -1 (or when the lengths differ). A "1" more in front ("10%" for "0%") is
 * one place: the cell's left rule, or a speck on it, read as a 1 (two with
 * the "%" lost too: "10"). */
static int glyphs_apart(const char *v, const char *maj)
{
    size_t m = strlen(maj);
    if (v[0] == '1' && !strcmp(v + 1, maj))
        return 1;
    if (v[0] == '1' && m > 1 && maj[m - 1] == '%' && strlen(v + 1) == m - 1 &&
        !strncmp(v + 1, maj, m - 1))
        return 2; /* and its "%" lost ("10" for "0%") */
    if (strlen(v) != strlen(maj))
        return -1;
    int n = 0;
    for (; *v; v++, maj++)
        if (*v != *maj) {
            /* a blurred "%" reads as a 4 too ("1004") */
            if (!strchr(amcp_confusable_digits(*maj), *v) && !(*maj == '%' && *v == '4'))
                return -1;
            n++;
        }
    return n;
}

typedef void (*cell_fix)(const amcp_patterns *p, amcp_guar *g, const char *maj, int majn,
                         const void *ctx);

/* Calls `fix` on each cell of a grid of three rows or more whose value
 * differs from the one a strict majority (two rows at least) of its
 * column's readable rows agree on (row_majority). */
static void cells_apart_from_rows(const amcp_patterns *p, amcp_reading *r, cell_fix fix,
                                  const void *ctx)
{
    if (r->nb < 3)
        return;
    for (int c = 0; c < r->ncols; c++) {
        int majn = 0;
        const amcp_guar *best = row_majority(p, r, c, &majn);
        if (!best || majn < 2)
            continue;
        for (int a = 0; a < r->nb; a++) {
            amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (g && g->value && strcmp(g->value, best->value))
                fix(p, g, best->value, majn, ctx);
        }
    }
}

/* The rows of a grid mostly repeat the same values: a known value that
 * differs from what a strict majority of the other rows read ("1060" where
 * three rows read 100, the monospaced zero) is read again in its box at
 * three sizes, and replaced only when a reading gives the majority's
 * value. A real difference reads the same again and stays. */
static void reread_odd_cell(const amcp_patterns *p, amcp_guar *g, const char *maj, int majn,
                            const void *ctx)
{
    const amcp_layout *lay = ctx;
    char text[128], v[128], how[200];
    int scale;
    if (g->ev.w <= 0 || g->ev.h <= 0 ||
        !reread_cell(p, lay, g, NULL, same_value, maj, text, sizeof text, v, sizeof v, &scale))
        return;
    snprintf(how, sizeof how,
             "table: \"%s\" read again at %d%% as \"%s\", the value of %d other rows", g->value,
             scale, text, majn);
    take_reread(g, v, text, how);
}

static void recheck_odd_cells(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    if (lay->relook)
        cells_apart_from_rows(p, r, reread_odd_cell, lay);
}

/* After the second looks: a value apart from the one most rows agree on
 * only by a glyph or two that a rough scan confuses ("190%" beside
 * "100%") is a misread far more often than a beneficiary covered at 190%
 * beside others at 100%: it takes theirs, flagged. */
static void take_majority(const amcp_patterns *p, amcp_guar *g, const char *maj, int majn,
                          const void *ctx)
{
    (void)p, (void)ctx;
    int apart = glyphs_apart(g->value, maj);
    if (apart < 1 || apart > 2)
        return;
    char how[200];
    snprintf(how, sizeof how,
             "table: \"%s\" differs from the value of %d other rows only by digits a "
             "scan confuses (0/6/8/9, 1/7, a rule read as 1); their value taken (low "
             "confidence)",
             g->value, majn);
    take_flagged(g, maj, how);
}

static void agree_with_rows(const amcp_patterns *p, amcp_reading *r)
{
    /* a "%" is lost, never made up: "100" beside another row's "100%" (two
     * rows are enough) is that value */
    for (int c = 0; c < r->ncols; c++)
        for (int a = 0; a < r->nb; a++) {
            amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            size_t len = g && g->value ? strlen(g->value) : 0;
            for (int k = 0; len && k < r->nb; k++) {
                const amcp_guar *h = c < r->b[k].ng ? &r->b[k].g[c] : NULL;
                if (!h || !h->value || strlen(h->value) != len + 1 || h->value[len] != '%' ||
                    strncmp(h->value, g->value, len))
                    continue;
                char how[160];
                snprintf(how, sizeof how, "table: \"%s\", its \"%%\" lost: another row reads %s",
                         g->value, h->value);
                take_reread(g, h->value, g->raw ? g->raw : g->value, how);
                break;
            }
        }
    cells_apart_from_rows(p, r, take_majority, NULL);
}

/* The three-digit rate that starts value `v` ("190%TM" -> 190), *rest
 * pointing after it; -1 when `v` is no such value (another figure, a triple
 * rate, a forfait with decimals). */
static int rate_of(const char *v, const char **rest)
{
    for (int i = 0; i < 3; i++)
        if (!isdigit((unsigned char)v[i]))
            return -1;
    for (const char *q = v + 3; *q; q++)
        if (isdigit((unsigned char)*q) || *q == ',' || *q == '.')
            return -1;
    *rest = v + 3;
    return (v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0');
}

/* Counts the cells of the grid whose value starts with each three-digit
 * rate: the rows' cells, or the header's when no row holds any. */
static void count_rates(const amcp_reading *r, int count[1000])
{
    memset(count, 0, 1000 * sizeof *count);
    const char *rest;
    int rows = 0;
    for (int a = 0; a < r->nb; a++)
        for (int c = 0; c < r->b[a].ng; c++) {
            int n = r->b[a].g[c].value ? rate_of(r->b[a].g[c].value, &rest) : -1;
            if (n >= 0)
                count[n]++, rows = 1;
        }
    for (int c = 0; !rows && c < r->ncols; c++) {
        int n = r->cols[c].value ? rate_of(r->cols[c].value, &rest) : -1;
        if (n >= 0)
            count[n]++;
    }
}

/* A rate that is no multiple of 25 ("190%", "106%", "198%": a zero's
 * inside filled on a rough scan, the same glyph often twice on a card, and
 * no other row to agree with) is rebuilt by one or two confusable digits
 * (0/6/8/9, 1/7, 3/8, 5/6) into a multiple of 50 that another cell of the
 * grid reads; a round ten (190) only when the grid reads it in fewer cells
 * than that rate. Only when exactly one such rate exists, at low
 * confidence. Rates are set in round figures; a real 180% or 160% in one
 * cell beside 100% in two would be taken for a misread: the price of the
 * rule (README, limits). */
/* A four-digit figure where the grid reads rates ("1090": a glyph the LSTM
 * inserted) is the one three-digit rate, a multiple of 50 another cell
 * reads, that deleting one of its digits gives. 1 when taken. */
static int rate_less_one_digit(const amcp_patterns *p, amcp_guar *g, const int count[1000])
{
    const char *v = g->value;
    if (!v || strspn(v, "0123456789") != 4 || v[0] == '0')
        return 0;
    for (const char *q = v + 4; *q; q++)
        if (isdigit((unsigned char)*q) || *q == ',' || *q == '.')
            return 0;
    int found = -1;
    for (int skip = 0; skip < 4; skip++) {
        char t[4];
        for (int i = 0, k = 0; i < 4; i++)
            if (i != skip)
                t[k++] = v[i];
        int m = (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
        if (m < 100 || m % 50 || !count[m] || m == found)
            continue;
        if (found >= 0)
            return 0; /* two rates fit: not guessed */
        found = m;
    }
    char nv[64], how[200];
    snprintf(nv, sizeof nv, "%d%s", found, v + 4);
    if (found < 0 || !amcp_value_known(p, nv))
        return 0;
    snprintf(how, sizeof how,
             "table: \"%s\" is the grid's %d with one glyph read twice; taken (low "
             "confidence)",
             v, found);
    take_flagged(g, nv, how);
    return 1;
}

static void rate_from_grid(const amcp_patterns *p, amcp_guar *g, const int count[1000])
{
    const char *rest;
    if (rate_less_one_digit(p, g, count))
        return;
    int n = g->value ? rate_of(g->value, &rest) : -1;
    if (n < 0 || n % 25 == 0)
        return;
    char d[3] = {(char)('0' + n / 100), (char)('0' + n / 10 % 10), (char)('0' + n % 10)};
    char alt[3][8];
    for (int i = 0; i < 3; i++)
        snprintf(alt[i], sizeof alt[i], "%c%s", d[i], amcp_confusable_digits(d[i]));
    int found = -1, several = 0;
    for (const char *a = alt[0]; *a; a++)
        for (const char *b = alt[1]; *b; b++)
            for (const char *c = alt[2]; *c; c++) {
                int changes = (*a != d[0]) + (*b != d[1]) + (*c != d[2]);
                int m = (*a - '0') * 100 + (*b - '0') * 10 + (*c - '0');
                /* a figure ending in 1-9 is no rate at all; a round ten
                 * (190, 160) must be rarer on the grid than the rate */
                if (changes < 1 || changes > 2 || m < 100 || m % 50 || !count[m] ||
                    m == found || (n % 10 == 0 && count[n] >= count[m]))
                    continue;
                several |= found >= 0;
                found = m;
            }
    if (found < 0 || several)
        return;
    char v[64], how[200];
    snprintf(v, sizeof v, "%d%s", found, rest);
    if (!amcp_value_known(p, v))
        return;
    snprintf(how, sizeof how,
             "table: \"%s\" is no round rate and differs from the grid's %d only by "
             "digits a scan confuses (0/6/8/9, 1/7, 3/8, 5/6); taken (low confidence)",
             g->value, found);
    take_flagged(g, v, how);
}

/* 1 when value `v` is a plain number ("100"), with a '%' ("100%") 2, else 0. */
static int plain_rate(const char *v)
{
    size_t n = strspn(v, "0123456789");
    if (!n)
        return 0;
    return !v[n] ? 1 : !strcmp(v + n, "%") ? 2 : 0;
}

/* A card prints its rates in one style: where at least three cells read
 * "100%" and more than read a bare "100", the bare ones
 * lost their '%' (a "100 %" whose '%' stands apart and was read as "x" or
 * dropped). A card that prints bare rates ("100", "150%TM") has no "100%"
 * and keeps them. Taken at low confidence. */
static void percent_from_grid(const amcp_patterns *p, amcp_reading *r)
{
    int with = 0, bare = 0, rows = 0;
    for (int a = 0; a < r->nb; a++)
        for (int c = 0; c < r->b[a].ng; c++) {
            int k = r->b[a].g[c].value ? plain_rate(r->b[a].g[c].value) : 0;
            with += k == 2, bare += k == 1, rows |= k;
        }
    for (int c = 0; !rows && c < r->ncols; c++) {
        int k = r->cols[c].value ? plain_rate(r->cols[c].value) : 0;
        with += k == 2, bare += k == 1;
    }
    if (with < 3 || with <= bare || !bare)
        return;
    for (int a = -1; a < r->nb; a++)
        for (int c = 0; c < (a < 0 ? r->ncols : r->b[a].ng); c++) {
            amcp_guar *g = a < 0 ? &r->cols[c] : &r->b[a].g[c];
            if (!g->value || plain_rate(g->value) != 1)
                continue;
            char v[64], how[200];
            snprintf(v, sizeof v, "%s%%", g->value);
            if (!amcp_value_known(p, v))
                continue;
            snprintf(how, sizeof how,
                     "table: \"%s\", its \"%%\" lost: %d cells of the grid read their rate "
                     "with it (low confidence)",
                     g->value, with);
            take_flagged(g, v, how);
        }
}

static void rates_from_grid(const amcp_patterns *p, amcp_reading *r)
{
    int count[1000];
    count_rates(r, count);
    for (int c = 0; c < r->ncols; c++)
        rate_from_grid(p, &r->cols[c], count);
    for (int a = 0; a < r->nb; a++)
        for (int c = 0; c < r->b[a].ng; c++)
            rate_from_grid(p, &r->b[a].g[c], count);
}

/* 1 when every number of value `v` is a multiple of 5: guarantee rates are
 * set in round figures (100, 125, 150, 65/30/15), and "109", "196", "1606"
 * are a zero read as 9, 6 or 0 (dotted or slashed zeros on rough scans). */
static int round_rates(const char *v)
{
    for (const char *q = v; *q;) {
        if (!isdigit((unsigned char)*q)) {
            q++;
            continue;
        }
        long n = strtol(q, (char **)&q, 10);
        if (n % 5)
            return 0;
    }
    return 1;
}

/* The rows of a column split between two values with no majority ("0%"
 * twice, "8%" twice: a dotted zero read as 8 in two rows), apart only by
 * glyphs a scan confuses (glyphs_apart), one a round rate and the other not:
 * the one that is not is the misread, when the round one is read in as many
 * rows or more. The cells that could not be read then take the value the
 * rows now agree on. */
static void round_over_odd(const amcp_patterns *p, amcp_reading *r)
{
    int changed = 0;
    for (int c = 0; c < r->ncols && r->nb >= 2; c++) {
        const char *round = NULL, *odd = NULL;
        int nround = 0, nodd = 0, other = 0;
        for (int a = 0; a < r->nb && !other; a++) {
            const amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (!g || !g->value || !amcp_value_known(p, g->value))
                continue;
            const char **v = round_rates(g->value) ? &round : &odd;
            if (*v && strcmp(*v, g->value))
                other = 1; /* a third value */
            *v = g->value;
            *(v == &round ? &nround : &nodd) += 1;
        }
        if (other || !round || !odd || nround < nodd)
            continue;
        int apart = glyphs_apart(odd, round);
        if (apart < 1 || apart > 2)
            continue;
        char want[24], was[24], how[240];
        snprintf(want, sizeof want, "%s", round);
        snprintf(was, sizeof was, "%s", odd);
        snprintf(how, sizeof how,
                 "table: the rows read %s (%d) or %s (%d); \"%s\" is no round rate and apart "
                 "only by glyphs a scan confuses: %s taken (low confidence)",
                 want, nround, was, nodd, was, want);
        for (int a = 0; a < r->nb; a++) {
            amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (g && g->value && !strcmp(g->value, was))
                take_flagged(g, want, how), changed++;
        }
    }
    if (changed)
        fill_from_other_rows(p, r);
}

/* The triplet `v` would be with two of its 7s or 1s read for the slashes
 * ("10071007100" for 100/100/100), in `out`: each part one to three digits
 * as printed (no leading zero). 1 when exactly one such split is a known
 * value with round parts. */
static int triplet_of_digits(const amcp_patterns *p, const char *v, char *out, size_t len)
{
    size_t n = strlen(v);
    int found = 0;
    if (n < 5 || n > 11 || strspn(v, "0123456789") != n)
        return 0;
    for (size_t i = 1; i + 1 < n && i <= 3; i++)
        for (size_t j = i + 2; j < n && j - i - 1 <= 3; j++) {
            if (!strchr("71", v[i]) || !strchr("71", v[j]) || n - j - 1 < 1 || n - j - 1 > 3)
                continue;
            /* parts as printed: no leading zero but a lone "0" */
            if ((v[0] == '0' && i > 1) || (v[i + 1] == '0' && j - i - 1 > 1) ||
                (v[j + 1] == '0' && n - j - 1 > 1))
                continue;
            char t[24];
            snprintf(t, sizeof t, "%.*s/%.*s/%s", (int)i, v, (int)(j - i - 1), v + i + 1,
                     v + j + 1);
            if (!amcp_value_known(p, t) || !round_rates(t))
                continue;
            if (found++)
                return 0; /* two splits fit: not guessed */
            snprintf(out, len, "%s", t);
        }
    return found == 1;
}

/* A rate's "%" read twice, once as a 4 ("3004%TM": a blurred "%" reads as a
 * 4 too), and a triplet's slashes read as 7 or 1 ("10071007100"): the value
 * with its glyphs put back when values.ini knows it and its figures are
 * round, flagged. No rate has four digits before a "%" ending in 4, and no
 * printed value ten digits. */
static void separators_misread(const amcp_patterns *p, amcp_guar *g)
{
    const char *v = g->value;
    char want[32], how[200];
    if (!v)
        return;
    if (strspn(v, "0123456789") == 4 && v[3] == '4' && v[4] == '%' && v[0] != '0' &&
        strlen(v) < 24) {
        snprintf(want, sizeof want, "%.3s%s", v, v + 4);
        if (!amcp_value_known(p, want) || !round_rates(want))
            return;
    } else if (!triplet_of_digits(p, v, want, sizeof want)) {
        return;
    }
    snprintf(how, sizeof how,
             "table: \"%s\" is %s with a \"%%\" read as 4 or a \"/\" read as 7 or 1 "
             "(low confidence)",
             v, want);
    take_flagged(g, want, how);
}

static void separators_of_grid(const amcp_patterns *p, amcp_reading *r)
{
    for (int c = 0; c < r->ncols; c++)
        separators_misread(p, &r->cols[c]);
    for (int a = 0; a < r->nb; a++)
        for (int c = 0; c < r->b[a].ng; c++)
            separators_misread(p, &r->b[a].g[c]);
}

/* The value a column's readings `v` (n of them) wander around: where
 * they differ, every one holds a glyph a filled dotted or slashed zero
 * reads as (0, 6, 8, 9), and the place takes a 0; in `out`. 0 when they do
 * not all have the same length, differ elsewhere, or all agree. */
static int wandering_zeros(const char *const *v, int n, char *out, size_t len)
{
    size_t m = strlen(v[0]);
    if (m + 1 > len)
        return 0;
    int differ = 0;
    for (int a = 1; a < n; a++)
        if (strlen(v[a]) != m)
            return 0;
    for (size_t i = 0; i < m; i++) {
        int same = 1;
        for (int a = 1; a < n; a++)
            same &= v[a][i] == v[0][i];
        for (int a = 0; !same && a < n; a++)
            if (!strchr("0689", v[a][i]))
                return 0;
        out[i] = same ? v[0][i] : '0';
        differ |= !same;
    }
    out[m] = 0;
    return differ;
}

/* A column whose rows read three values or more apart only where a glyph
 * is 0, 6, 8 or 9 ("8", "6", "0", "8"; "190", "160", "100"), with no
 * majority: a printed figure reads the same in every row, the filled zero
 * of a monospaced font wanders from row to row. Every row takes the value
 * with zeros there, when values.ini knows it and it is round (flagged);
 * then the cells left unread take it too. */
static void zeros_where_rows_wander(const amcp_patterns *p, amcp_reading *r)
{
    int changed = 0;
    for (int c = 0; c < r->ncols && r->nb >= 3; c++) {
        const char *v[32]; /* a family's rows; a longer list is left as read */
        int n = 0, majn = 0;
        if (r->nb > 32 || row_majority(p, r, c, &majn))
            continue;
        for (int a = 0; a < r->nb; a++) {
            const amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (g && g->value)
                v[n++] = g->value;
        }
        char want[32], how[240];
        if (n < 3 || !wandering_zeros(v, n, want, sizeof want) ||
            !amcp_value_known(p, want) || !round_rates(want))
            continue;
        snprintf(how, sizeof how,
                 "table: the %d rows of the column read values apart only by 0/6/8/9 (\"%s\", "
                 "\"%s\"...): zeros of a monospaced font filled; %s taken (low confidence)",
                 n, v[0], v[1], want);
        for (int a = 0; a < r->nb; a++) {
            amcp_guar *g = c < r->b[a].ng ? &r->b[a].g[c] : NULL;
            if (g && g->value && strcmp(g->value, want))
                take_flagged(g, want, how), changed++;
        }
    }
    if (changed) /* the rows left unread take what the others now agree on */
        fill_from_other_rows(p, r);
}

/* A known rate that is not round is read again in its box at three sizes
 * with the alphabet of rates; the first reading that is a known, round
 * value replaces it. Left as read otherwise: a forfait may be any figure. */
static int known_round(const amcp_patterns *p, const char *v, const void *ctx)
{
    (void)ctx;
    return amcp_value_known(p, v) && round_rates(v);
}

static void recheck_round(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g)
{
    if (!g->value || round_rates(g->value) || !amcp_value_known(p, g->value) || g->ev.w <= 0 ||
        g->ev.h <= 0 || strchr(g->value, ',') || strchr(g->value, '.'))
        return;
    char text[128], v[128], how[200];
    int scale;
    if (!reread_cell(p, lay, g, "0123456789%/TM", known_round, NULL, text, sizeof text, v,
                     sizeof v, &scale))
        return;
    snprintf(how, sizeof how, "table: \"%s\" (no round rate) read again at %d%% as \"%s\"",
             g->value, scale, text);
    take_reread(g, v, text, how);
}

/* `check` on every cell of the grid, the columns' then each row's, when
 * the page can be read again. */
static void recheck_cells(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r,
                          void (*check)(const amcp_patterns *, const amcp_layout *, amcp_guar *))
{
    if (!lay->relook)
        return;
    for (int c = 0; c < r->ncols; c++)
        check(p, lay, &r->cols[c]);
    for (int a = 0; a < r->nb; a++)
        for (int c = 0; c < r->b[a].ng; c++)
            check(p, lay, &r->b[a].g[c]);
}

/* The value `v` would be with its 6, 8 and 9 that follow another digit
 * read as zeros, in `out`; 0 when it has none, or has glyphs a rate's
 * alphabet does not hold. A bold monospaced font's dotted zero, filled by
 * our threshold, reads as one of them: "100" read "160", round enough for
 * round_rates to keep. */
static int zeros_for_dotted(const char *v, char *out, size_t len)
{
    size_t n = strlen(v);
    if (n + 1 > len || strspn(v, "0123456789%/TMBR") != n)
        return 0;
    int changed = 0;
    for (size_t i = 0; i <= n; i++) {
        int after_digit = i > 0 && isdigit((unsigned char)v[i - 1]);
        out[i] = v[i] && strchr("689", v[i]) && after_digit ? (changed++, '0') : v[i];
    }
    return changed;
}

/* 1 when reading `v` differs from `page` only where both hold a digit a
 * filled dotted zero reads as (0, 6, 8, 9). */
static int dotted_alike(const char *v, const char *page)
{
    if (strlen(v) != strlen(page))
        return 0;
    for (; *v; v++, page++)
        if (*v != *page && !(strchr("0689", *v) && strchr("0689", *page)))
            return 0;
    return 1;
}

/* A value with such digits is read again in its box on the unthresholded
 * page, where Tesseract thresholding the cell alone may see the dot, at
 * 100, 150 and 200%. A reading of the value as printed ends the look. The
 * value takes its zeros (flagged) when two readings show them, or when
 * every reading is of the same shape but none reads the page's digits: a
 * printed 6 or 8 reads as itself at one size at least, a dotted zero
 * wanders ("160" read again 196, 198, 190). Few cells pay: most rates hold
 * no 6, 8 or 9 after a digit, and a confirmed cell costs one small zone. */
static void recheck_dotted(const amcp_patterns *p, const amcp_layout *lay, amcp_guar *g)
{
    char want[64], text[128], v[128], how[240];
    if (!g->value || g->ev.w <= 0 || g->ev.h <= 0 ||
        !zeros_for_dotted(g->value, want, sizeof want) || !amcp_value_known(p, want))
        return;
    static const int scales[] = {100, 150, 200};
    int votes = 0, alike = 0;
    for (int k = 0; k < 3 && votes < 2; k++) {
        cell_reading(lay, g, 7 | AMCP_ZONE_GREY, "0123456789%/TMBR", scales[k], text,
                     sizeof text, v, sizeof v);
        if (!strcmp(v, g->value))
            return;
        votes += !strcmp(v, want);
        alike += dotted_alike(v, g->value);
    }
    if (votes < 2 && alike < 3)
        return;
    snprintf(how, sizeof how,
             "table: \"%s\" read again on the grey page at 100, 150 and 200%% never as printed, "
             "as \"%s\" %d time(s): dotted zeros filled by the threshold (low confidence)",
             g->value, want, votes);
    take_flagged(g, want, how);
}

void amcp_grid_rows_agree(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    fill_from_other_rows(p, r);
    recheck_odd_cells(p, lay, r);
}

void amcp_grid_values_agree(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r)
{
    separators_of_grid(p, r);
    recheck_cells(p, lay, r, recheck_round);
    agree_with_rows(p, r);
    round_over_odd(p, r);
    zeros_where_rows_wander(p, r);
    rates_from_grid(p, r);
    percent_from_grid(p, r);
    recheck_cells(p, lay, r, recheck_dotted);
}
