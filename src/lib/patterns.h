/*
 * patterns.h - the data of patterns/, loaded and validated once per reader.
 * Every table here is filled by patterns.c from the .ini files; nothing in
 * the extraction code knows a code, a label or a French sentence by itself.
 */
#ifndef AMC_PATTERNS_H
#define AMC_PATTERNS_H
#include "internal.h"

/* ---- ini.c: the generic syntax ---- */
typedef struct {
    char *key, *val;
    int line, col;  /* position of the value */
    int kcol;       /* column of the key */
    int used;
} amcp_kv;

typedef struct {
    char *type, *name;
    int line, col;
    amcp_kv *kv;
    int nkv;
} amcp_section;

typedef struct {
    char *path;
    amcp_section *s;
    int n;
} amcp_ini;

int amcp_ini_load(const char *path, amcp_ini *ini, amc_error *err);
void amcp_ini_free(amcp_ini *ini);
/* The nth (0-based) value of `key` in section `s`, or NULL. */
amcp_kv *amcp_ini_get(amcp_section *s, const char *key, int nth);
int amcp_ini_check_keys(const amcp_ini *ini, const amcp_section *s,
                        const char *const *allowed, amc_error *err);

/* ---- typed tables ---- */
enum { AMCP_PRACTICE_NO = 0, AMCP_PRACTICE_YES = 1, AMCP_PRACTICE_LEGEND = 2 };

typedef struct {
    char *code, *label, *scope, *note;
    int practice, rank;
    char **alias;
    int nalias;
} amcp_code;

typedef struct {
    char *code, *name, *kind;
} amcp_conv;

typedef struct {
    char *name;
    pcre2_code *re;
    char *tiers_payant;   /* yes | after_pec | no | unknown */
    char *explanation;
} amcp_valclass;

typedef struct {
    char *code, *message, *severity;
} amcp_warndef;

typedef struct {
    char *number, *warning, *label;
} amcp_amcnum;

/* A printed field: label variants, then the value next to or under them. */
typedef struct {
    char *name;            /* section name, the default target field */
    pcre2_code **labels;
    char **label_src;
    int nlabels;
    pcre2_code *value;     /* named groups set fields of those names */
    int target[8];         /* field index (AMCP_F_*) filled by each group... */
    int group[8];          /* ...from this capture group (computed at load) */
    int ntargets;
    char *normalize;       /* digits | text | date | alnum */
    int right, below;      /* where to look for the value */
    int priority;
} amcp_fielddef;

enum {
    AMCP_T_HEADER_CODE, AMCP_T_CONVENTION, AMCP_T_NOTE, AMCP_T_BENEFICIARY, AMCP_T_NIR,
    AMCP_T_RANK, AMCP_T_FOOTNOTE, AMCP_T_LEGEND, AMCP_T_PERSON, AMCP_T_VALUE_WORD,
    AMCP_T_RANK_LABEL, AMCP_T_COUNT
};
extern const char *const amcp_table_keys[AMCP_T_COUNT];

/* A sub-domain letter of the Inter-AMC Datamatrix (datamatrix.ini). */
typedef struct {
    char letter;           /* 'A'-'Z', '0'-'9' or '*' */
    char *label;
    char **codes;          /* printed domain codes it covers (codes.ini names) */
    int ncodes;
} amcp_dmletter;

/* A first name of names.ini: as spelled there, and in Latin-1 folded to
 * small letters for comparing (names.c). */
typedef struct {
    char *spelling;
    unsigned char *folded;
} amcp_first_name;

/* Two spellings the OCR reads for one another in a name, Latin-1, small
 * letters ("ri" printed, "n" read); used both ways. */
typedef struct {
    unsigned char printed[8], read[8];
} amcp_confusion;

typedef struct {
    pcre2_code *tbl[AMCP_T_COUNT];  /* table.ini */
    amcp_code *codes;
    int ncodes;
    amcp_conv *convs;
    int nconvs;
    amcp_valclass *values;
    int nvalues;
    amcp_warndef *warnings;
    int nwarnings;
    amcp_amcnum *amcnums;
    int namcnums;
    amcp_fielddef *fields;
    int nfields;
    pcre2_code **legend_kw;
    int nlegend_kw;
    pcre2_code **exclude_kw;
    int nexclude_kw;
    char *none_explanation, *expl_yes, *expl_after_pec, *expl_no;
    pcre2_match_context *mctx;
    pcre2_match_data *md;
    amcp_dmletter *dmletters;       /* datamatrix.ini (dm_data.c) */
    int ndmletters;
    amcp_first_name *first_names;   /* names.ini (names.c) */
    int nfirst_names;
    amcp_confusion *confusions;
    int nconfusions;
    struct amcp_regex_trouble *trouble;  /* limit hits of the current document */
} amcp_patterns;

/* ---- PCRE2 limits (patterns.c) ----
 * Every match of the library runs with the one match context set up at load,
 * so that a pathological pattern on hostile OCR text stops at a limit instead
 * of hanging. A limit hit is a pattern bug: it is recorded, and the reader
 * turns it into an AMC_E_LIMIT error naming the limit and the pattern. */
#define AMCP_REGEX_MATCH_LIMIT 200000  /* backtracking steps per match */
#define AMCP_REGEX_DEPTH_LIMIT 5000    /* nested backtracking depth */
#define AMCP_REGEX_HEAP_KIB 4096       /* heap per match, KiB */
struct amcp_regex_trouble {
    int hits;               /* matches stopped by a limit since the last reset */
    int rc;                 /* pcre2_match's code for the first one */
    const pcre2_code *re;   /* and its pattern */
    unsigned long match, depth, heap_kib;  /* the limits in force */
};

/* Sets the limits (0 = keep the default above). */
void amcp_regex_set_limits(amcp_patterns *p, unsigned long match, unsigned long depth,
                           unsigned long heap_kib);
/* Forgets the limit hits recorded so far (call before each document). */
void amcp_regex_reset(const amcp_patterns *p);
/* Returns 0 if no match hit a limit since the last reset, else -1 with err
 * (AMC_E_LIMIT) naming the limit and the pattern. */
int amcp_regex_check(const amcp_patterns *p, amc_error *err);
/* pcre2_match with the shared match data and limits, recording limit hits;
 * `options` as pcre2_match's (PCRE2_ANCHORED...). */
int amcp_match_opts(const amcp_patterns *p, const pcre2_code *re, const char *subject,
                    size_t len, size_t start, uint32_t options);

/* Loads every file of `dir`. Returns a new table or NULL with err set to
 * AMC_E_PATTERNS and file:line:column. */
amcp_patterns *amcp_patterns_load(const char *dir, amc_error *err);
void amcp_patterns_free(amcp_patterns *p);

const amcp_code *amcp_code_find(const amcp_patterns *p, const char *code);
const amcp_conv *amcp_conv_find(const amcp_patterns *p, const char *code);
const amcp_warndef *amcp_warning_find(const amcp_patterns *p, const char *code);
const amcp_amcnum *amcp_amcnum_find(const amcp_patterns *p, const char *number);
/* Classifies a normalised guarantee value; returns the class (never NULL when
 * the file ends with a catch-all) and, in cap1, capture group 1 (may be ""). */
const amcp_valclass *amcp_value_classify(const amcp_patterns *p, const char *value,
                                         char *cap1, size_t cap1len);

/* names.c: loads names.ini / frees it. */
int amcp_names_load(amcp_patterns *p, amcp_ini *ini, amc_error *err);
void amcp_names_free(amcp_patterns *p);

/* dm_data.c: loads datamatrix.ini (after codes.ini) / frees it / finds a letter. */
int amcp_dm_letters_load(amcp_patterns *p, amcp_ini *ini, amc_error *err);
void amcp_dm_letters_free(amcp_patterns *p);
const amcp_dmletter *amcp_dm_letter_find(const amcp_patterns *p, char letter);

/* Runs `re` on subject[start..len). Returns pcre2_match's rc (>0 on match) and
 * leaves the ovector in p->md. */
/* Value of named group `name` of the last match into out ("" if unset);
 * returns 1 if the group matched. */
int amcp_group(const amcp_patterns *p, const pcre2_code *re, const char *subject,
               const char *name, char *out, size_t outlen);
int amcp_match(const amcp_patterns *p, const pcre2_code *re, const char *subject,
               size_t len, size_t start);
PCRE2_SIZE *amcp_ovector(const amcp_patterns *p);

/* Compiles one regex with the library's flags; on error fills err with
 * file:line:column of the offending character. */
pcre2_code *amcp_compile(const char *src, uint32_t extra, const char *file, int line,
                         int col, amc_error *err);
#endif
