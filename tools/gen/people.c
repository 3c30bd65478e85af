/* people.c - made-up people, numbers and insurers (no real data). */
#include <stdio.h>
#include <string.h>
#include "model.h"

static const char *SURNAMES[] = {
    "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
    "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID",
    "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRE", "MERCIER",
    "DUPONT", "LAMBERT", "BONNET", "FRANCOIS", "LEGRAND", "GARNIER", "FAURE", "ROUSSEL",
    "BLANC", "GUERIN", "MULLER", "HENRY", "ROUSSEAU", "PERRIN", "MORIN", "MATHIEU",
    "CLEMENT", "GAUTHIER", "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER", "ROBIN", "MARCHAL",
    "LEMAIRE", "BOYER", "BRUN", "BARBIER", "ARNAUD", "GIRAUD", "COLIN", "PICARD",
    "GÉRARD", "HÉBERT", "LEMAÎTRE", "BÉRANGER", "LEFÈVRE", "DESCHAMPS", "CARON", "RENAUD",
    "DE LA FONTAINE", "LE GOFF", "LE BIHAN", "DA SILVA", "N'DIAYE", "MARTIN-DUBOIS",
    "DUPONT-MOREAU", "SAINT-JEAN", "ETCHEVERRY", "ETCHEVERRY DE LA CLEMENTINE", "KERVELLA",
    "BOUCHER", "PHILIPPE", "AUBERT", "LECLERC", "VASSEUR", "HUET", "CHARPENTIER", "OLLIVIER",
};
static const char *MALE[] = {
    "Théo", "Lucas", "Hugo", "Louis", "Jules", "Nathan", "Gabriel", "Léo", "Raphaël",
    "Arthur", "Paul", "Adam", "Noé", "Jean-Pierre", "Jean-Marc", "Philippe", "Thierry",
    "Stéphane", "Frédéric", "Éric", "Olivier", "Pascal", "Michel", "Christophe", "Jérôme",
    "François", "Benoît", "Loïc", "Gaëtan", "Mathéo", "Yannick", "Bernard", "Rémi", "Cédric",
};
static const char *FEMALE[] = {
    "Léa", "Emma", "Chloé", "Manon", "Camille", "Inès", "Jade", "Louise", "Zoé", "Lina",
    "Marie-Anne", "Anne-Sophie", "Sophie", "Nathalie", "Isabelle", "Sandrine", "Valérie",
    "Céline", "Françoise", "Hélène", "Élodie", "Aurélie", "Maëlle", "Noémie", "Agnès",
    "Bérénice", "Josiane", "Geneviève", "Marie-Hélène", "Clémence", "Océane", "Laëtitia",
};

void make_surname(Rng *r, char *out, size_t n) { snprintf(out, n, "%s", RNG_PICK(r, SURNAMES)); }

void make_firstname(Rng *r, int sex, char *out, size_t n)
{
    snprintf(out, n, "%s", sex == 1 ? RNG_PICK(r, MALE) : RNG_PICK(r, FEMALE));
}

int nir_key(const char *nir13)
{
    unsigned long long v = 0;
    for (int i = 0; i < 13; i++) {
        char c = nir13[i];
        if (i == 5 && c == '2' && (nir13[6] == 'A' || nir13[6] == 'B')) {
            /* 2A -> 19, 2B -> 18 */
            v = v * 100 + (nir13[6] == 'A' ? 19 : 18);
            i++;
            continue;
        }
        v = v * 10 + (unsigned)(c - '0');
    }
    return (int)(97 - v % 97);
}

void make_nir(Rng *r, int sex, int by, int bm, char out[16])
{
    char dept[4];
    int overseas = 0;
    double p = rng_f(r);
    if (p < 0.06) snprintf(dept, sizeof dept, "2%c", rng_chance(r, 0.5) ? 'A' : 'B');
    else if (p < 0.10) { overseas = 1; snprintf(dept, sizeof dept, "97%d", rng_int(r, 1, 4)); }
    else if (p < 0.14) snprintf(dept, sizeof dept, "99");
    else {
        int d;
        do d = rng_int(r, 1, 95); while (d == 20);
        snprintf(dept, sizeof dept, "%02d", d);
    }
    char b13[16];
    if (overseas)
        snprintf(b13, sizeof b13, "%d%02d%02d%s%02d%03d", sex, by % 100, bm, dept, rng_int(r, 1, 99), rng_int(r, 1, 999));
    else
        snprintf(b13, sizeof b13, "%d%02d%02d%s%03d%03d", sex, by % 100, bm, dept, rng_int(r, 1, 990), rng_int(r, 1, 999));
    snprintf(out, 16, "%.13s%02u", b13, (unsigned)nir_key(b13) % 100u);
}

void make_amc_number(Rng *r, char out[12])
{
    double p = rng_f(r);
    if (p < 0.03) { strcpy(out, "55555551"); return; }
    if (p < 0.05) { strcpy(out, "88888888"); return; }
    if (p < 0.55) snprintf(out, 12, "00%06d", rng_int(r, 100000, 999999));
    else if (p < 0.70) snprintf(out, 12, "0%07d", rng_int(r, 1000000, 9999999));
    else if (p < 0.85) snprintf(out, 12, "%d%07d", rng_int(r, 3, 7), rng_int(r, 0, 9999999));
    else snprintf(out, 12, "98%06d", rng_int(r, 0, 999999));
}

void make_adherent(Rng *r, char *out, size_t n)
{
    static const char AL[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static const char ALNUM[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    double p = rng_f(r);
    if (p < 0.40) snprintf(out, n, "%d", rng_int(r, 1000000, 9999999));
    else if (p < 0.60) snprintf(out, n, "00%08d", rng_int(r, 1000000, 99999999));
    else if (p < 0.80) {
        int len = rng_int(r, 8, 9);
        size_t k = 0;
        out[k++] = AL[rng_int(r, 0, (int)sizeof AL - 2)];
        for (int i = 1; i < len && k + 1 < n; i++) out[k++] = ALNUM[rng_int(r, 0, (int)sizeof ALNUM - 2)];
        out[k] = 0;
    } else if (p < 0.92) snprintf(out, n, "%09d", rng_int(r, 100000000, 999999999));
    else snprintf(out, n, "%06d%06d", rng_int(r, 0, 999999), rng_int(r, 0, 999999));
}

void make_contract(Rng *r, char *out, size_t n)
{
    double p = rng_f(r);
    if (p < 0.5) snprintf(out, n, "%09d%c-SA%02d", rng_int(r, 0, 999999999), 'A' + rng_int(r, 0, 25), rng_int(r, 1, 20));
    else if (p < 0.8) snprintf(out, n, "0000000%09d", rng_int(r, 0, 999999999));
    else snprintf(out, n, "C%07d", rng_int(r, 0, 9999999));
}

static const char *INS_PRE[] = {"MUTUELLE", "MUTUELLE GÉNÉRALE", "MUTUELLE SANTÉ", "CAISSE MUTUELLE",
                                 "UNION MUTUALISTE", "PRÉVOYANCE", "MUTUELLE FAMILIALE"};
static const char *INS_MID[] = {"DES ARTISANS", "DES CHEMINOTS", "DES ENSEIGNANTS", "DU PERSONNEL HOSPITALIER",
                                 "DES COMMERÇANTS", "INTERPROFESSIONNELLE", "DES AGRICULTEURS", "DES TISSERANDS",
                                 "DES MARINS", "DES POSTIERS", ""};
static const char *INS_SUF[] = {"DU LOIR", "DE L'ARMOR", "DU VELAY", "DES VOSGES", "DE GASCOGNE", "DU BOCAGE",
                                 "DE LA VALLÉE DU LOT", "DU QUERCY", "D'AUVERGNE", "DU LITTORAL", "DU PERCHE",
                                 "DES CÉVENNES", "DU JURA", "DE SAINTONGE"};

void make_insurer(Rng *r, char *out, size_t n)
{
    const char *mid = RNG_PICK(r, INS_MID);
    snprintf(out, n, "%s %s%s%s", RNG_PICK(r, INS_PRE), mid, mid[0] ? " " : "", RNG_PICK(r, INS_SUF));
}

static const char *STREETS[] = {"rue des Lilas", "avenue de la République", "boulevard Victor Hugo",
                                 "rue du Moulin", "chemin des Vignes", "place de l'Église", "rue Pasteur",
                                 "allée des Tilleuls", "rue Jean Jaurès", "impasse des Rosiers"};
static const char *CITIES[] = {"VENDÔME", "SAINT-BRIEUC", "LE PUY-EN-VELAY", "ÉPINAL", "AUCH", "CAHORS",
                                "MORTAGNE-AU-PERCHE", "ALÈS", "LONS-LE-SAUNIER", "SAINTES", "LAVAL", "BLOIS"};

void make_address(Rng *r, char *street, char *city, size_t n)
{
    snprintf(street, n, "%d %s", rng_int(r, 1, 148), RNG_PICK(r, STREETS));
    snprintf(city, n, "%05d %s", rng_int(r, 1000, 95999), RNG_PICK(r, CITIES));
}

static int name_taken(const Doc *d, int upto, const char *fn)
{
    for (int i = 0; i < upto; i++) {
        const char *sp = strrchr(d->b[i].name, ' ');
        if (sp && !strcmp(sp + 1, fn)) return 1;
    }
    return 0;
}

static void fill_person(Rng *r, const Doc *d, int k, Benef *b, const char *surname, int sex, int by)
{
    char fn[40];
    b->sex = sex;
    int guard = 0;
    do make_firstname(r, sex, fn, sizeof fn); while (name_taken(d, k, fn) && guard++ < 20);
    snprintf(b->name, sizeof b->name, "%.60s %.34s", surname, fn);
    b->by = by;
    b->bm = rng_int(r, 1, 12);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    b->bd = rng_int(r, 1, mdays[b->bm - 1]);
    strcpy(b->rank, "1");
    make_nir(r, sex, by, b->bm, b->nir);
}

/* principal, maybe spouse, then children */
void make_family(Rng *r, Doc *d, int nb)
{
    char sur[64], sur2[64];
    make_surname(r, sur, sizeof sur);
    int psex = rng_chance(r, 0.5) ? 1 : 2;
    int py = rng_int(r, 1950, 1998);
    Benef *p = &d->b[0];
    memset(p, 0, sizeof *p);
    fill_person(r, d, 0, p, sur, psex, py);
    int k = 1;
    if (nb > 1 && rng_chance(r, 0.75)) {
        Benef *s = &d->b[k++];
        memset(s, 0, sizeof *s);
        if (rng_chance(r, 0.7)) strcpy(sur2, sur); else make_surname(r, sur2, sizeof sur2);
        fill_person(r, d, k - 1, s, sur2, 3 - psex, py + rng_int(r, -5, 5));
    }
    int cy0 = py + 24, cy1 = 2024;
    if (cy0 > cy1) cy0 = cy1 - 1;
    int prev_y = 0;
    while (k < nb) {
        Benef *c = &d->b[k];
        memset(c, 0, sizeof *c);
        int cy = rng_int(r, cy0, cy1);
        fill_person(r, d, k, c, sur, rng_chance(r, 0.5) ? 1 : 2, cy);
        if (prev_y && rng_chance(r, 0.12)) {
            /* twins: same birth date, rank 2 */
            Benef *pv = &d->b[k - 1];
            c->by = pv->by; c->bm = pv->bm; c->bd = pv->bd;
            make_nir(r, c->sex, c->by, c->bm, c->nir);
            c->rank[0] = (char)(pv->rank[0] < '9' ? pv->rank[0] + 1 : '9');
            c->rank[1] = 0;
        }
        if (rng_chance(r, 0.35)) strcpy(c->nir, p->nir); /* child printed with the parent's NIR */
        prev_y = cy;
        k++;
    }
    d->nb = nb;
}
