/* error.c - filling the caller-owned amc_error; status names. */
#include "internal.h"
#include <stdio.h>
#include <string.h>

static void vset(amc_error *err, amc_status code, const char *source, int line,
                 int column, const char *fmt, va_list ap)
{
    if (!err)
        return;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

void amcp_set_error(amc_error *err, amc_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
}

void amcp_set_error_at(amc_error *err, amc_status code, const char *source, int line,
                       int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, source, line, column, fmt, ap);
    va_end(ap);
}

const char *amc_status_name(amc_status code)
{
    switch (code) {
    case AMC_OK: return "ok";
    case AMC_E_ARG: return "argument";
    case AMC_E_IO: return "io";
    case AMC_E_FORMAT: return "format";
    case AMC_E_LIMIT: return "limit";
    case AMC_E_PATTERNS: return "patterns";
    case AMC_E_OCR: return "ocr";
    case AMC_E_NOMEM: return "nomem";
    case AMC_E_INTERNAL: return "internal";
    }
    return "unknown";
}
