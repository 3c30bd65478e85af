/* model.h - the content of one synthetic certificate (what is printed). */
#ifndef AMCGEN_MODEL_H
#define AMCGEN_MODEL_H
#include "rng.h"

enum Family { FAM_SP, FAM_ISANTE, FAM_ALMERYS, FAM_VIAMEDIS, FAM_SIMPLE, FAM_CARD, FAM_COUNT };
enum Level { LVL_CLEAN, LVL_SCAN, LVL_ROUGH, LVL_PHOTO, LVL_ROTATED, LVL_COUNT };
enum NumStyle { NS_PCT, NS_PCT_SPACE, NS_BARE };

#define MAXB 7
#define MAXC 16
#define MAXN 3

typedef struct {
    char raw[48];    /* exactly as printed (superscripts included) */
    char value[48];  /* normalised */
    char notes[MAXN][4];
    int nnotes;
} Val;

typedef struct {
    char code[8];    /* without asterisk */
    int star;        /* header prints CODE* */
    char conv_raw[24];     /* convention line as printed ("" = none) */
    char convs[MAXN][12];
    int nconv;
    char dre[4];     /* almerys DRE/STS code */
} Col;

typedef struct {
    char name[96];          /* "SURNAME Firstname" as printed */
    int by, bm, bd;
    int sex;
    int birth_printed, rank_printed, nir_printed;
    char rank[3];
    char nir[16];           /* 15 chars */
    int differs;            /* values differ from first beneficiary */
    Val v[MAXC];
} Benef;

typedef struct {
    int family, level;
    uint64_t seed;
    int index;

    char amc[12];            /* 8 digits */
    char amc_name[120];
    int amc_name_printed;
    char typconv[24];        /* "voir colonnes", "SP", "OC/VM" */
    char csr[8];
    int csr_printed;
    char adherent[24];
    char principal[96];
    int principal_printed;
    char contract[32];
    int contract_printed;
    char contract_label[24];
    int v0y, v0m, v0d, v1y, v1m, v1d;   /* validity */
    int iy, im, id;                      /* issue date */
    char address[3][64];                 /* insurer address lines */
    char phone[24];
    char street[64], city[64];           /* holder postal address */

    int nb;
    Benef b[MAXB];
    int nc;
    Col c[MAXC];
    int numstyle;
    char star_rule[80];

    int legend_front;       /* legend printed on page 1 */
    int legend_back;        /* back page with legend */
    char legend_codes[MAXC][8];
    int nlegend;

    int has_dm;
    char dm[300];
    int dm_module;

    char nets[12][4];
    int nnets;
    int fn_used[6];         /* footnote markers 1..5 used; [0] = '*' */
    int notes_superscript;  /* viamedis style markers */
    int compact;            /* second layout pass: tighter spacing */
    int crop_x, crop_y, crop_w, crop_h;  /* card family: the card on the bed (photos frame it) */

    /* typography */
    const char *sans, *mono;
    double body_pt;
} Doc;

/* people.c */
void make_surname(Rng *r, char *out, size_t n);
void make_firstname(Rng *r, int sex, char *out, size_t n);
void make_nir(Rng *r, int sex, int by, int bm, char out[16]);
int nir_key(const char *nir13);
void make_amc_number(Rng *r, char out[12]);
void make_adherent(Rng *r, char *out, size_t n);
void make_contract(Rng *r, char *out, size_t n);
void make_insurer(Rng *r, char *out, size_t n);
void make_address(Rng *r, char *street, char *city, size_t n);
void make_family(Rng *r, Doc *d, int nb);

/* model.c */
const char *family_name(int f);
const char *level_name(int l);
int family_from_name(const char *s);
int level_from_name(const char *s);
const char *code_meaning(const char *code);
void doc_generate(Doc *d, Rng *r, int family);
void doc_remove_col(Doc *d, int j);
int doc_col_protected(const Doc *d, int j);
void doc_finalize(Doc *d);  /* networks, footnotes used, datamatrix text */
const char *footnote_text(const Doc *d, int marker); /* marker 0 = '*' */
void fmt_date(char *out, size_t n, int y, int m, int dd, char sep);
void fmt_amc(const char *amc, int style, char *out, size_t n);
void fmt_nir(const char *nir, int style, char *out, size_t n);
void letter_space(const char *in, char *out, size_t n);

#endif
