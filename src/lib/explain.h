/* explain.h - meaning and warnings (explain.c), the JSON document (output.c). */
#ifndef AMC_EXPLAIN_H
#define AMC_EXPLAIN_H
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

typedef struct {
    const char *file;
    const char *date;          /* AAAA-MM-JJ */
    double ms[8];              /* load, preprocess, ocr, extract, output ... */
    const char *steps;         /* preprocessing applied */
    int pages;
} amcp_docinfo;

/* Builds the amcread/1 document; *status gets ok / incomplete / not a certificate. */
json_t *amcp_output_document(const amcp_patterns *p, const amcp_reading *r,
                             const amcp_docinfo *info, amc_result_status *status);
json_t *amcp_output_explain(const amcp_reading *r);
/* The extraction half of the pipeline, from OCR words to the document: what
 * the extraction tests drive with stored words, no OCR needed. */
json_t *amcp_extract_document(const amcp_patterns *p, const amcp_words *words,
                              amcp_docinfo *info, amc_result_status *st, json_t **explain);
/* ---- log.c: the optional progress log of a read ---- */
/* One line to o->log (nothing when o or o->log is NULL). Never give it a
 * value read from the document: see amcp_log_document. */
void amcp_log(const amc_read_options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Logs which fields the document holds; their values only with
 * AMC_READ_LOG_PERSONAL. */
void amcp_log_document(const amc_read_options *o, const json_t *doc);
#endif
