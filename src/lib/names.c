/*
 * names.c - a first name the OCR misread, mended from the list of
 * patterns/names.ini.
 *
 * A blurred scan turns letters of a name into others: "ri" read "n"
 * ("Frédénc"), "li" read "h" ("Nathahe"), "l" read "t" or "i" ("Camilte",
 * "Héiène"), an accent lost ("Jerôme"). A name has no check digit, but
 * first names come from a finite register: a first name that is not in the
 * list and turns into exactly one listed name by such confusions (the
 * [confusions] pairs of names.ini, or one letter for the same letter with
 * another accent) is that name. A name the list holds is never changed,
 * nor one that could be two listed names at the same cost, nor one that
 * needs more changes than its length allows: a rare real name stays as
 * read. The caller flags what it changed.
 *
 * Everything is compared in Latin-1, folded to small letters: French first
 * names fit in it, and the pairs are then one- to three-byte strings.
 */
#include "extract.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 40

/* UTF-8 (ASCII and the two-byte Latin-1 letters) -> Latin-1 bytes; -1 on
 * anything else or too long. */
static int to_latin1(const char *s, size_t n, unsigned char *out, size_t outlen)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (k + 1 >= outlen)
            return -1;
        if (c < 0x80) {
            out[k++] = c;
        } else if ((c == 0xC3 || c == 0xC2) && i + 1 < n &&
                   ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            out[k++] = (unsigned char)(((c & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F));
            i++;
        } else {
            return -1;
        }
    }
    out[k] = 0;
    return (int)k;
}

static void from_latin1(const unsigned char *s, char *out, size_t outlen)
{
    size_t k = 0;
    for (; *s && k + 2 < outlen; s++) {
        if (*s < 0x80) {
            out[k++] = (char)*s;
        } else {
            out[k++] = (char)(0xC0 | (*s >> 6));
            out[k++] = (char)(0x80 | (*s & 0x3F));
        }
    }
    out[k] = 0;
}

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

static int is_upper(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 0x20) : c;
}

static unsigned char upper(unsigned char c)
{
    return ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
               ? (unsigned char)(c - 0x20)
               : c;
}

/* The letter without its accent (small letters): é -> e, ç -> c. */
static unsigned char base(unsigned char c)
{
    static const char tab[33] = "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
    return c >= 0xE0 ? (unsigned char)tab[c - 0xE0] : c;
}

static void fold(unsigned char *s)
{
    for (; *s; s++)
        *s = lower(*s);
}

/* ---- names.ini --------------------------------------------------------- */

static int bad(amc_error *err, const char *path, int line, int col, const char *what,
               const char *tok)
{
    amcp_set_error_at(err, AMC_E_PATTERNS, path, line, col, "%s:%d:%d: %s '%s'", path, line,
                      col, what, tok);
    return -1;
}

static int add_name(amcp_patterns *p, const amcp_ini *ini, const amcp_kv *kv, const char *tok,
                    size_t n, amc_error *err)
{
    char t[NAME_MAX_LEN * 2 + 1];
    snprintf(t, sizeof t, "%.*s", (int)(n < sizeof t - 1 ? n : sizeof t - 1), tok);
    int col = kv->col + (int)(tok - kv->val);
    unsigned char l1[NAME_MAX_LEN + 1];
    int len = to_latin1(tok, n, l1, sizeof l1);
    if (len < 2)
        return bad(err, ini->path, kv->line, col, "not a first name in Latin-1 letters:", t);
    for (int i = 0; i < len; i++)
        if (!is_letter(l1[i]) && !((l1[i] == '-' || l1[i] == '\'') && i && i + 1 < len))
            return bad(err, ini->path, kv->line, col,
                       "a first name is letters, with '-' or ''' inside:", t);
    if (!is_upper(l1[0]))
        return bad(err, ini->path, kv->line, col, "a first name starts with a capital:", t);
    fold(l1);
    for (int i = 0; i < p->nfirst_names; i++)
        if (!strcmp((const char *)p->first_names[i].folded, (const char *)l1))
            return bad(err, ini->path, kv->line, col, "first name listed twice:", t);
    if (p->nfirst_names % 64 == 0) {
        void *m = realloc(p->first_names, (size_t)(p->nfirst_names + 64) * sizeof *p->first_names);
        if (!m)
            goto oom;
        p->first_names = m;
    }
    amcp_first_name *f = &p->first_names[p->nfirst_names];
    f->spelling = amcp_strndup(tok, n);
    f->folded = (unsigned char *)amcp_strdup((const char *)l1);
    if (!f->spelling || !f->folded) {
        free(f->spelling), free(f->folded);
        goto oom;
    }
    p->nfirst_names++;
    return 0;
oom:
    amcp_set_error(err, AMC_E_NOMEM, "out of memory");
    return -1;
}

static int add_pair(amcp_patterns *p, const amcp_ini *ini, const amcp_kv *kv, amc_error *err)
{
    unsigned char part[2][8];
    const char *s = kv->val;
    int k = 0;
    for (; k < 3; k++) {
        s += strspn(s, " \t");
        size_t n = strcspn(s, " \t");
        if (!n)
            break;
        if (k == 2)
            return bad(err, ini->path, kv->line, kv->col + (int)(s - kv->val),
                       "a pair is two spellings, this is a third:", s);
        char t[32];
        snprintf(t, sizeof t, "%.*s", (int)(n < 31 ? n : 31), s);
        int len = to_latin1(s, n, part[k], sizeof part[k]);
        int ok = len >= 1 && len <= 3;
        for (int i = 0; ok && i < len; i++)
            ok = is_letter(part[k][i]) && !is_upper(part[k][i]);
        if (!ok)
            return bad(err, ini->path, kv->line, kv->col + (int)(s - kv->val),
                       "a spelling of a pair is one to three small letters, not", t);
        s += n;
    }
    if (k < 2 || !strcmp((const char *)part[0], (const char *)part[1]))
        return bad(err, ini->path, kv->line, kv->col,
                   "a pair is two different spellings ('printed read'), not", kv->val);
    void *m = realloc(p->confusions, (size_t)(p->nconfusions + 1) * sizeof *p->confusions);
    if (!m) {
        amcp_set_error(err, AMC_E_NOMEM, "out of memory");
        return -1;
    }
    p->confusions = m;
    memcpy(p->confusions[p->nconfusions].printed, part[0], sizeof part[0]);
    memcpy(p->confusions[p->nconfusions].read, part[1], sizeof part[1]);
    p->nconfusions++;
    return 0;
}

int amcp_names_load(amcp_patterns *p, amcp_ini *ini, amc_error *err)
{
    static const char *const name_keys[] = {"names", NULL};
    static const char *const pair_keys[] = {"pair", NULL};
    for (int i = 0; i < ini->n; i++) {
        amcp_section *s = &ini->s[i];
        int names = !strcmp(s->type, "first_names");
        if (!names && strcmp(s->type, "confusions"))
            return bad(err, ini->path, s->line, s->col + 1,
                       "unknown section type (expected 'first_names' or 'confusions'):",
                       s->type);
        if (amcp_ini_check_keys(ini, s, names ? name_keys : pair_keys, err))
            return -1;
        amcp_kv *kv;
        for (int k = 0; (kv = amcp_ini_get(s, names ? "names" : "pair", k)); k++) {
            if (!names) {
                if (add_pair(p, ini, kv, err))
                    return -1;
                continue;
            }
            for (const char *t = kv->val; *t;) {
                size_t n = strcspn(t, " \t");
                if (n && add_name(p, ini, kv, t, n, err))
                    return -1;
                t += n;
                t += strspn(t, " \t");
            }
        }
    }
    return 0;
}

void amcp_names_free(amcp_patterns *p)
{
    for (int i = 0; i < p->nfirst_names; i++)
        free(p->first_names[i].spelling), free(p->first_names[i].folded);
    free(p->first_names);
    free(p->confusions);
    p->first_names = NULL, p->confusions = NULL;
    p->nfirst_names = p->nconfusions = 0;
}

/* ---- mending ------------------------------------------------------------ */

static int starts(const unsigned char *s, const unsigned char *with)
{
    size_t n = strlen((const char *)with);
    return !strncmp((const char *)s, (const char *)with, n) ? (int)n : 0;
}

/* The fewest confusions that turn the word read `a` into the listed name
 * `b` (both folded), or more than `cap`. One confusion: a pair of
 * names.ini either way round, or a letter for the same letter with another
 * accent. */
static int confusions_apart(const amcp_patterns *p, const unsigned char *a, int na,
                            const unsigned char *b, int nb, int cap)
{
    unsigned char cost[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    memset(cost, cap + 1, sizeof cost);
    cost[0][0] = 0;
    for (int i = 0; i <= na; i++)
        for (int j = 0; j <= nb; j++) {
            int c = cost[i][j];
            if (c > cap || (i == na && j == nb))
                continue;
            if (i < na && j < nb) {
                int step = a[i] == b[j] ? 0 : base(a[i]) == base(b[j]) ? 1 : -1;
                if (step >= 0 && c + step < cost[i + 1][j + 1])
                    cost[i + 1][j + 1] = (unsigned char)(c + step);
            }
            for (int k = 0; k < p->nconfusions; k++)
                for (int way = 0; way < 2; way++) {
                    const unsigned char *x = way ? p->confusions[k].printed : p->confusions[k].read;
                    const unsigned char *y = way ? p->confusions[k].read : p->confusions[k].printed;
                    int lx = starts(a + i, x), ly = lx ? starts(b + j, y) : 0;
                    if (lx && ly && c + 1 < cost[i + lx][j + ly])
                        cost[i + lx][j + ly] = (unsigned char)(c + 1);
                }
        }
    return cost[na][nb];
}

/* The listed name's spelling into out (UTF-8), in capitals when the word
 * read was: 1, or 0 when it does not convert. */
static int spelling_out(const amcp_first_name *f, int caps, char *out, size_t outlen)
{
    unsigned char l1[NAME_MAX_LEN + 1];
    if (to_latin1(f->spelling, strlen(f->spelling), l1, sizeof l1) < 0)
        return 0;
    for (unsigned char *q = l1; caps && *q; q++)
        *q = upper(*q);
    from_latin1(l1, out, outlen);
    return 1;
}

int amcp_first_name_mend(const amcp_patterns *p, const char *word, size_t len, char *out,
                         size_t outlen)
{
    unsigned char a[NAME_MAX_LEN + 1];
    int na = to_latin1(word, len, a, sizeof a);
    if (na < 3 || !p->nfirst_names)
        return 0;
    int caps = 1;
    for (int i = 0; i < na; i++) {
        if (!is_letter(a[i]))
            return 0;
        caps &= is_upper(a[i]);
    }
    fold(a);
    /* a short word has few letters to spare: "Lina" is not "Line" */
    int cap = na <= 5 ? 1 : 2, best = cap + 1, nbest = 0;
    const amcp_first_name *pick = NULL;
    for (int i = 0; i < p->nfirst_names; i++) {
        const amcp_first_name *f = &p->first_names[i];
        int nb = (int)strlen((const char *)f->folded);
        if (nb > na + 2 * cap || na > nb + 2 * cap)
            continue;
        int c = confusions_apart(p, a, na, f->folded, nb, cap);
        if (c == 0)
            return 0; /* listed as read */
        if (c > cap)
            continue;
        if (c < best)
            best = c, nbest = 1, pick = f;
        else if (c == best)
            nbest++;
    }
    if (nbest != 1 || !spelling_out(pick, caps, out, outlen))
        return 0;
    return best;
}

int amcp_first_name_accent(const amcp_patterns *p, const char *word, size_t len, char *out,
                           size_t outlen, int *letter)
{
    unsigned char a[NAME_MAX_LEN + 1];
    int na = to_latin1(word, len, a, sizeof a);
    if (na < 2)
        return 0;
    int caps = 1;
    for (int i = 0; i < na; i++)
        caps &= is_upper(a[i]) || !is_letter(a[i]);
    fold(a);
    const amcp_first_name *pick = NULL;
    int at = -1;
    for (int i = 0; i < p->nfirst_names; i++) {
        const unsigned char *b = p->first_names[i].folded;
        if ((int)strlen((const char *)b) != na)
            continue;
        int diff = -1, ok = 1;
        for (int j = 0; j < na && ok; j++) {
            if (a[j] == b[j])
                continue;
            /* one letter without its accent, above it (a cedilla is below) */
            ok = diff < 0 && a[j] < 0x80 && base(b[j]) == a[j] && b[j] != 0xE7;
            diff = j;
        }
        if (!ok || diff < 0)
            continue;
        if (pick)
            return 0; /* "Eve": Ève or Évé... two spellings, no choosing */
        pick = &p->first_names[i], at = diff;
    }
    if (!pick || !spelling_out(pick, caps, out, outlen))
        return 0;
    *letter = at;
    return 1;
}
