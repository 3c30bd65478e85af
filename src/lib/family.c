/*
 * family.c - the rows of a card agree with each other (extract.h).
 *
 * A card's beneficiaries are mostly one family: the rows repeat a surname,
 * a parent's NIR key, accents of the same names, and ranks that only tell
 * twins apart. Once the grid is read (table.c), each row's identity is
 * checked against the others' and against names.ini; what is taken from
 * them is flagged (confidence at most 0.45) and its evidence says why.
 */
#include "extract.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Length in bytes of the surname that starts `name`: its words without a
 * small letter (ASCII, or Latin-1's à-ÿ in UTF-8), up to the first name. A
 * last word of one capital after the surname is the first name's initial
 * of a name the printer cut ("ETCHEVERRY DE LA CLEMENTINE E"), not part of
 * the surname. */
static size_t surname_len(const char *name)
{
    size_t end = 0, i = 0;
    for (;;) {
        while (name[i] == ' ')
            i++;
        size_t j = i;
        int small = 0;
        for (; name[j] && name[j] != ' '; j++)
            small |= islower((unsigned char)name[j]) ||
                     ((unsigned char)name[j] == 0xC3 && (unsigned char)name[j + 1] >= 0xA0);
        if (j == i || small || (end && j == i + 1 && !name[j]))
            return end;
        end = j, i = j;
    }
}

/* Name or NIR field `f` set to `v`, taken from the card's other readings
 * (`why` says how): its raw reading and box kept, its evidence extended,
 * a confidence of at most 0.45. `v` and `why` may point into f's strings:
 * amcp_field_set frees them, so everything is copied first. */
static void field_taken(amcp_field *f, const char *v, const char *why)
{
    char val[256], how[512], raw[256];
    snprintf(val, sizeof val, "%s", v);
    snprintf(how, sizeof how, "%s; %s", f->how ? f->how : "table", why);
    snprintf(raw, sizeof raw, "%s", f->raw ? f->raw : f->value);
    float c = f->conf < 0.45f ? f->conf : 0.45f;
    amcp_field_set(f, val, raw, c, f->page, f->x, f->y, f->w, f->h, how);
}

/* A NIR read without its key ("2621287344386", the "- 04" after it lost
 * by the OCR) that another row reads whole with a key that checks takes
 * that NIR: a child is insured under a parent's number, and the other
 * row's key vouches for the 13 digits both read. */
static void nir_keys_from_rows(amcp_reading *r)
{
    for (int a = 0; a < r->nb; a++) {
        amcp_field *f = &r->b[a].nir;
        if (!f->value || strlen(f->value) != 13 || r->b[a].nir_valid)
            continue;
        for (int k = 0; k < r->nb; k++) {
            const amcp_field *o = &r->b[k].nir;
            if (k == a || !r->b[k].nir_valid || !o->value || strlen(o->value) != 15 ||
                strncmp(o->value, f->value, 13))
                continue;
            char why[120];
            snprintf(why, sizeof why,
                     "its key lost, the same 13 digits read with a key that checks on row %d",
                     k + 1);
            field_taken(f, o->value, why);
            r->b[a].nir_valid = 1;
            break;
        }
    }
}

/* A birth date one misread digit away from its row's NIR, whose key
 * checks: the NIR prints the year's last two digits and the month
 * ("1 80 07 ..." for 1980-07-02, read "02/07/1988": the 0 of a bold font
 * read 8). The year's units or the month are taken from the NIR when they
 * are the one glyph that differs and the two are confusable digits. A
 * child's row may print a parent's NIR, but never one ten years or less
 * from the child's birth, or of the same year, so the year may differ by
 * ten at most (a decade digit: 8 for 9), the month only within one year;
 * a month of 20 or more (an incomplete record) says nothing. */
static void birth_dates_from_nirs(amcp_reading *r)
{
    for (int a = 0; a < r->nb; a++) {
        const amcp_benef *b = &r->b[a];
        const char *n = b->nir.value, *d = b->birth.value;
        if (!b->nir_valid || !n || strlen(n) != 15 || !d || strlen(d) != 10)
            continue;
        /* the four digits YYMM of each: the date's at 2, 3, 5, 6 */
        static const int at[4] = {2, 3, 5, 6};
        int diff = -1, ndiff = 0;
        for (int i = 0; i < 4; i++)
            if (d[at[i]] != n[1 + i])
                diff = i, ndiff++;
        int mm = (n[3] - '0') * 10 + (n[4] - '0');
        if (ndiff != 1 || mm < 1 || mm > 12 ||
            !strchr(amcp_confusable_digits(d[at[diff]]), n[1 + diff]))
            continue;
        char iso[11], dmy[11], checked[11];
        memcpy(iso, d, 11);
        iso[at[diff]] = n[1 + diff];
        int years = abs(atoi(iso) - atoi(d));
        if (years > 10)
            continue;
        snprintf(dmy, sizeof dmy, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
        if (amcp_date_iso(dmy, checked) != 0 || strcmp(checked, iso))
            continue;
        char why[160];
        snprintf(why, sizeof why,
                 "%s read, one digit from the year and month its NIR prints (key checks): %s",
                 d, iso);
        field_taken(&r->b[a].birth, iso, why);
    }
}

/* How many of the n names start with surname `s` (len bytes). */
static int surname_count(const char *const *who, int n, const char *s, size_t len)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += who[i] && surname_len(who[i]) == len && !memcmp(who[i], s, len);
    return k;
}

/* Edit distance of two byte strings, stopping early above `cap`. */
static int edits(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    if (na > 62 || nb > 62 || (na > nb ? na - nb : nb - na) > (size_t)cap)
        return cap + 1;
    int d[64], prev;
    for (size_t j = 0; j <= nb; j++)
        d[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        prev = d[0];
        d[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int t = d[j];
            int best = prev + (a[i - 1] != b[j - 1]);
            if (d[j] + 1 < best) best = d[j] + 1;
            if (d[j - 1] + 1 < best) best = d[j - 1] + 1;
            d[j] = best, prev = t;
        }
    }
    return d[nb];
}

/* 1 when same-length surnames a and b (n bytes) differ only where a scan
 * confuses two capitals (P and R, O and D, T and L...): MAPCHAT for MARCHAL,
 * not GIRARD beside PICARD. */
static int confused_in_place(const char *a, const char *b, size_t n)
{
    static const char *const pairs[] = {"OD", "OQ", "OC", "CG", "EF", "EB", "BR", "PR", "PF",
                                        "RK", "HN", "MN", "IL", "IT", "LT", "UV", "VY"};
    for (size_t i = 0; i < n; i++) {
        if (a[i] == b[i])
            continue;
        size_t k = 0, np = sizeof pairs / sizeof *pairs;
        while (k < np && !((pairs[k][0] == a[i] && pairs[k][1] == b[i]) ||
                           (pairs[k][0] == b[i] && pairs[k][1] == a[i])))
            k++;
        if (k == np)
            return 0;
    }
    return 1;
}

/* A family's rows share their surname with each other and with the
 * principal insured. A row's surname one glyph away (two in a surname of
 * eight bytes or more, or two misread in place) from one that
 * at least two other names carry ("LEMAÏÎTRE" beside five LEMAÎTRE), or
 * that the same first name carries elsewhere ("LOLLIVIER Jade" in the grid,
 * "OLLIVIER Jade" as principal), is a misread: it takes theirs, flagged.
 * A surname nobody else carries that is further away (a spouse's) is left
 * as read. */
static void surnames_from_other_rows(amcp_reading *r)
{
    const char *who[17];
    int n = 0, self[64];
    for (int a = 0; a < r->nb && a < 64; a++)
        self[a] = -1;
    for (int a = 0; a < r->nb && a < 64 && n < 16; a++)
        if (r->b[a].name.value)
            self[a] = n, who[n++] = r->b[a].name.value;
    int principal = r->f[AMCP_F_PRINCIPAL].value != NULL;
    if (principal)
        who[n++] = r->f[AMCP_F_PRINCIPAL].value;
    for (int a = 0; a < r->nb; a++) {
        amcp_field *f = &r->b[a].name;
        if (!f->value)
            continue;
        size_t ln = surname_len(f->value);
        if (ln < 4)
            continue;
        const char *best = NULL;
        size_t bestlen = 0;
        for (int i = 0; i < n && !best; i++) {
            size_t li = surname_len(who[i]);
            /* two glyphs in a long surname, or two glyphs misread in place
             * as a scan confuses them (MAPCHAT for MARCHAL); a short one two
             * glyphs apart otherwise is often another family (MARTIN beside
             * MORIN, GIRARD beside PICARD) */
            int cap = ln >= 8 || (li == ln && confused_in_place(who[i], f->value, ln)) ? 2 : 1;
            if (who[i] == f->value || li < 4 || (li == ln && !memcmp(who[i], f->value, ln)) ||
                edits(who[i], li, f->value, ln, cap) > cap)
                continue;
            /* theirs lacks accents this one has, and no more names carry
             * theirs: a blur drops accents, the other way round
             * (name_accents_from) */
            if (amcp_accents_dropped(who[i], f->value, li) > 0 &&
                surname_count(who, n, f->value, ln) >= surname_count(who, n, who[i], li))
                continue;
            int same = 0;
            for (int j = 0; j < n; j++)
                same += who[j] != f->value && surname_len(who[j]) == li &&
                        !memcmp(who[j], who[i], li);
            /* or the same person read elsewhere: same first name. A name
             * the printer cut to capitals only has none to compare: two rows
             * are two people ("CLEMENTINE J", "CLEMENTINE"), but the
             * principal's surname whose start the row reads, the cut's last
             * glyph lost, is the family's ("CLEMENTI" read "CLEMENT") */
            int cut = !f->value[ln] && !who[i][li] && i == n - 1 && principal && li > ln &&
                      !strncmp(who[i], f->value, ln);
            if (same >= 2 || (f->value[ln] && !strcmp(who[i] + li, f->value + ln)) || cut)
                best = who[i], bestlen = li;
        }
        if (!best)
            continue;
        char name[256], why[256];
        snprintf(name, sizeof name, "%.*s%s", (int)bestlen, best, f->value + ln);
        snprintf(why, sizeof why, "surname \"%.*s\" read as the %.*s of the other names",
                 (int)ln, f->value, (int)bestlen, best);
        field_taken(f, name, why);
        if (a < 64 && self[a] >= 0)
            who[self[a]] = f->value; /* the old string is freed */
    }
}

/* The accents of name field `f` that another reading of the same name
 * carries: the surname's from any other name of the card ("BERANGER Inès"
 * beside "BÉRANGER Théo"), the first name's from the same person read
 * elsewhere ("MOREAU Elodie" in the grid, "MOREAU Élodie" as principal).
 * A blurred accent vanishes, one is seldom made up: the surname's accents
 * are taken when at least as many names carry them as lack them (one
 * "PÉRRIN" beside two PERRIN is the misread). An accent read as another
 * ("Noé", "Noë") is left as read. */
static void name_accents_from(amcp_field *f, const char *const *who, int n)
{
    if (!f->value)
        return;
    size_t ln = surname_len(f->value);
    const char *sur = NULL, *first = NULL;
    size_t lsur = ln, lfirst = strlen(f->value + ln);
    for (int i = 0; i < n; i++) {
        if (!who[i] || who[i] == f->value)
            continue;
        size_t lo = surname_len(who[i]);
        int d = ln ? amcp_accents_dropped(f->value, who[i], ln) : 0;
        if (d > 0 && lo == ln + (size_t)d && !sur &&
            surname_count(who, n, who[i], lo) >= surname_count(who, n, f->value, ln))
            sur = who[i], lsur = lo;
        /* the same person: the same surname, give or take accents */
        int same = (lo == ln && !memcmp(who[i], f->value, ln)) || d > 0 ||
                   (lo && amcp_accents_dropped(who[i], f->value, lo) > 0);
        const char *rest = who[i] + lo;
        int e = same ? amcp_accents_dropped(f->value + ln, rest, strlen(f->value + ln)) : 0;
        if (e > 0 && strlen(rest) == strlen(f->value + ln) + (size_t)e && !first)
            first = rest, lfirst = strlen(rest);
    }
    if (!sur && !first)
        return;
    char name[256], why[300];
    snprintf(name, sizeof name, "%.*s%.*s", (int)lsur, sur ? sur : f->value, (int)lfirst,
             first ? first : f->value + ln);
    snprintf(why, sizeof why, "accents of \"%s\" taken from the other names", f->value);
    field_taken(f, name, why);
}

static void name_accents_from_other_names(amcp_reading *r)
{
    const char *who[17];
    int n = 0;
    for (int a = 0; a < r->nb && n < 16; a++)
        who[n++] = r->b[a].name.value;
    who[n++] = r->f[AMCP_F_PRINCIPAL].value;
    /* each name against the others as read: a name set here is not a
     * source for the next (who[] points at the strings read) */
    char *keep[17];
    for (int i = 0; i < n; i++)
        keep[i] = who[i] ? amcp_strdup(who[i]) : NULL;
    for (int a = 0; a < r->nb && a < 16; a++)
        name_accents_from(&r->b[a].name, (const char *const *)keep, n);
    name_accents_from(&r->f[AMCP_F_PRINCIPAL], (const char *const *)keep, n);
    for (int i = 0; i < n; i++)
        free(keep[i]);
}

/* Ranks tell apart children born the same day (twins: 1 and 2). On a card
 * that prints ranks (a row reads one, or a "Rang" label), a row whose birth
 * date no other row shares has rank 1: a rank the OCR lost (a lone "1"
 * beside a rule) or read as another digit ("4") is set so, flagged. Needs
 * every row's birth date; an "X" is kept. */
static void ranks_from_birth_dates(amcp_reading *r, int rank_label)
{
    int ranks = 0;
    for (int a = 0; a < r->nb; a++) {
        if (!r->b[a].birth.value)
            return;
        ranks += r->b[a].rank.value != NULL;
    }
    if (!r->nb || (!ranks && !rank_label))
        return;
    for (int a = 0; a < r->nb; a++) {
        amcp_field *k = &r->b[a].rank;
        if (k->value && (!strcmp(k->value, "1") || !isdigit((unsigned char)k->value[0])))
            continue;
        int shared = 0;
        for (int o = 0; o < r->nb; o++)
            shared |= o != a && !strcmp(r->b[o].birth.value, r->b[a].birth.value);
        if (shared)
            continue;
        static const char why[] = "rank 1: a birth date no other row shares (ranks tell "
                                  "twins apart)";
        if (k->value) {
            field_taken(k, "1", why);
        } else {
            const amcp_field *n = &r->b[a].name;
            amcp_field_set(k, "1", "", 0.45f, n->page, n->x, n->y, n->w, n->h, why);
        }
    }
}

/* First names after the surname's capitals that names.ini does not list
 * but that its OCR confusions turn into one listed name ("Frédénc" ->
 * "Frédéric", "Mane-Hélène" -> "Marie-Hélène", part by part): that name,
 * flagged. A word in capitals is left alone (it may be a surname). */
static void first_name_from_list(const amcp_patterns *p, amcp_field *f)
{
    if (!f->value)
        return;
    const char *v = f->value;
    size_t ln = surname_len(v);
    char out[256];
    int k = snprintf(out, sizeof out, "%.*s", (int)ln, v), mended = 0;
    for (const char *q = v + ln; *q && k < (int)sizeof out;) {
        size_t sep = strspn(q, " -'"), n = strcspn(q + sep, " -'");
        const char *w = q + sep;
        int small = 0;
        for (size_t i = 0; i < n; i++)
            small |= islower((unsigned char)w[i]) != 0;
        char fix[128];
        int c = small ? amcp_first_name_mend(p, w, n, fix, sizeof fix) : 0;
        k += snprintf(out + k, sizeof out - (size_t)k, "%.*s%s", (int)sep, q,
                      c ? fix : "");
        if (!c && k < (int)sizeof out)
            k += snprintf(out + k, sizeof out - (size_t)k, "%.*s", (int)n, w);
        mended |= c > 0;
        q = w + n;
    }
    if (!mended || k >= (int)sizeof out)
        return;
    char why[300];
    snprintf(why, sizeof why, "first name of \"%s\" mended from names.ini", v);
    field_taken(f, out, why);
}

static void first_names_from_list(const amcp_patterns *p, amcp_reading *r)
{
    for (int a = 0; a < r->nb; a++)
        first_name_from_list(p, &r->b[a].name);
    first_name_from_list(p, &r->f[AMCP_F_PRINCIPAL]);
}

/* A name the printer cut keeps its first name's initial as a word of its
 * own ("ETCHEVERRY DE LA CLEMENTINE G"); the narrow space before it is lost
 * on a scan and the initial glued to the surname ("... CLEMENTINER"). A
 * name in capitals only (no first name) that is another row's name up to
 * such an initial, with one capital more glued to its last word, is split
 * there, flagged. A name with a first name ("MARTINEZ Paul") is never
 * touched, nor one whose letters before differ. */
static void initials_unglued(amcp_reading *r)
{
    for (int a = 0; a < r->nb; a++) {
        amcp_field *f = &r->b[a].name;
        const char *v = f->value;
        size_t n = v ? strlen(v) : 0;
        if (n < 6 || surname_len(v) != n || !isupper((unsigned char)v[n - 1]) ||
            !isupper((unsigned char)v[n - 2]))
            continue;
        for (int b = 0; b < r->nb; b++) {
            const char *o = r->b[b].name.value;
            /* o = v without its last letter, a space, one capital */
            if (b == a || !o || strlen(o) != n + 1 || strncmp(o, v, n - 1) ||
                o[n - 1] != ' ' || !isupper((unsigned char)o[n]))
                continue;
            char name[256], why[160];
            snprintf(name, sizeof name, "%.*s %c", (int)(n - 1), v, v[n - 1]);
            snprintf(why, sizeof why,
                     "the first name's initial glued to the surname; row %d reads the cut "
                     "name \"%s\"",
                     b + 1, o);
            field_taken(f, name, why);
            break;
        }
    }
}

void amcp_family_agree(const amcp_patterns *p, amcp_reading *r, int rank_label)
{
    nir_keys_from_rows(r);
    birth_dates_from_nirs(r);
    ranks_from_birth_dates(r, rank_label);
    initials_unglued(r);
    surnames_from_other_rows(r);
    name_accents_from_other_names(r);
    first_names_from_list(p, r);
}
