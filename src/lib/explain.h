/* explain.h - meaning and warnings (explain.c), the JSON document (output.c). */
#ifndef AMC_EXPLAIN_H
#define AMC_EXPLAIN_H
#include "datamatrix.h"
#include "extract.h"
#include <jansson.h>

/* Substitutes {name} placeholders from kv (name, value, ..., NULL pairs).
 * Unknown placeholders are left as written. Returns a new string. */
char *amcp_template(const char *tpl, const char *const *kv);
const char *amcp_legend_for(const amcp_reading *r, const char *code);
json_t *amcp_explain_guarantee(const amcp_patterns *p, const amcp_reading *r,
                               const amcp_guar *g);
/* Index in g[] of the domain that covers an LPP supplier, or -1. */
int amcp_practice_column(const amcp_patterns *p, const amcp_reading *r, const amcp_guar *g,
                         int ng);
json_t *amcp_practice_json(const amcp_patterns *p, const amcp_reading *r, const amcp_guar *g,
                           int ng, const char **tiers_payant);
/* Appends {code, message} from warnings.ini (once per identical message). */
void amcp_warn(const amcp_patterns *p, json_t *list, const char *code, const char *const *kv);

/* What the printed text said where the Datamatrix won (amc number, CSR,
 * adherent, in that order); filled by amcp_dm_apply(). */
typedef struct {
    int applied;
    int had_printed[3], mismatch[3];
    char printed[3][64];
} amcp_dm_recon;

typedef struct {
    const char *file;
    const char *date;          /* AAAA-MM-JJ */
    double ms[8];              /* load, preprocess, ocr, extract, output, datamatrix */
    const char *steps;         /* preprocessing applied */
    int pages;
    const amcp_dm_found *dm;   /* the Datamatrix search; NULL when decoding is off */
    amcp_dm_recon dmrec;
} amcp_docinfo;

/* Builds the amcread/1 document; *status gets ok / incomplete / not a certificate. */
json_t *amcp_output_document(const amcp_patterns *p, const amcp_reading *r,
                             const amcp_docinfo *info, amc_result_status *status);
json_t *amcp_output_explain(const amcp_reading *r);
/* A JSON string of read text, never NULL for a non-NULL text: jansson
 * refuses invalid UTF-8 (a fixed buffer cut inside a character) and
 * json_object_set_new would drop the key; such a text's non-ASCII bytes
 * become '?'. */
json_t *amcp_text_json(const char *s);
/* One "evidence" entry: {confidence (0-1, 2 decimals), box: {page, x, y, w, h}}. */
json_t *amcp_evidence_box(float conf, int page, int x, int y, int w, int h);
/* The extraction half of the pipeline, from OCR words to the document: what
 * the extraction tests drive with stored words, no OCR needed. */
json_t *amcp_extract_document(const amcp_patterns *p, const amcp_words *words,
                              amcp_docinfo *info, amc_result_status *st, json_t **explain);
/* The same with a second look at the page image where a reading fails a check. */
json_t *amcp_extract_relook(const amcp_patterns *p, const amcp_words *words,
                            const amcp_relook *relook, amcp_docinfo *info,
                            amc_result_status *st, json_t **explain);
/* ---- dm_data.c: the Datamatrix in the document ---- */
/* When a symbol was decoded, its AMC number, CSR and adherent number replace
 * the printed ones in `r` (evidence: the symbol's box, confidence 1); the
 * printed values go to info->dmrec to report a disagreement. */
void amcp_dm_apply(amcp_docinfo *info, amcp_reading *r);
/* The "datamatrix" object of the contract, or JSON null. */
json_t *amcp_dm_json(const amcp_patterns *p, const amcp_docinfo *info, const amcp_reading *r);
/* Warnings (datamatrix_mismatch) and evidence ("source", "printed", the box). */
void amcp_dm_report(const amcp_patterns *p, const amcp_docinfo *info, json_t *warnings,
                    json_t *evidence);
/* One sentence for "explain": where the symbol was found, or why not. */
json_t *amcp_dm_explain(const amcp_docinfo *info);
/* ---- log.c: the optional progress log of a read ---- */
/* One line to o->log (nothing when o or o->log is NULL). Never give it a
 * value read from the document: see amcp_log_document. */
void amcp_log(const amc_read_options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Logs which fields the document holds; their values only with
 * AMC_READ_LOG_PERSONAL. */
void amcp_log_document(const amc_read_options *o, const json_t *doc);
#endif
