/*
 * dm_parse.c - the grammar of the Inter-AMC Datamatrix payload (DOMAIN.md §3):
 *
 *   AMC#<version>#<AMC number>#<CSR>#<adherent>#<conv><letters>#<conv><letters>.../
 *
 * Strict where a wrong value could slip through (digits where digits are due,
 * lengths, one final '/', nothing unknown in the alphabet) and tolerant where
 * real payloads vary (empty CSR, '*' for all domains, letters whose meaning is
 * not known, no convention group at all). Everything else is refused: the
 * reader then keeps the printed text, it never half-trusts a payload.
 */
#include "datamatrix.h"
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

static int all_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && !is_upper(s[i]))
            return 0;
    return 1;
}

/* One convention group: two capitals, then '*' or distinct letters/digits. */
static amcp_dm_status parse_group(const char *s, size_t n, amcp_dm *out)
{
    if (n == 0)
        return AMCP_DM_E_SEPARATOR;
    if (n < 2 || !is_upper(s[0]) || !is_upper(s[1]))
        return AMCP_DM_E_CONVENTION;
    for (int i = 0; i < out->nconv; i++)
        if (out->conv[i].code[0] == s[0] && out->conv[i].code[1] == s[1])
            return AMCP_DM_E_CONVENTION;
    if (out->nconv >= AMCP_DM_MAX_CONV)
        return AMCP_DM_E_CONVENTION;
    const char *l = s + 2;
    size_t nl = n - 2;
    if (nl == 0 || nl > AMCP_DM_MAX_LETTERS)
        return AMCP_DM_E_LETTERS;
    if (!(nl == 1 && l[0] == '*')) {
        if (!all_alnum(l, nl))
            return AMCP_DM_E_LETTERS;
        for (size_t i = 0; i < nl; i++)
            if (memchr(l + i + 1, l[i], nl - i - 1))
                return AMCP_DM_E_LETTERS;
    }
    amcp_dm_conv *c = &out->conv[out->nconv++];
    c->code[0] = s[0], c->code[1] = s[1], c->code[2] = 0;
    memcpy(c->letters, l, nl);
    c->letters[nl] = 0;
    return AMCP_DM_OK;
}

static amcp_dm_status parse(const char *text, size_t len, amcp_dm *out)
{
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r' ||
                   text[len - 1] == '\n' || text[len - 1] == 0))
        len--;
    if (!text || len == 0)
        return AMCP_DM_E_EMPTY;
    if (len > AMCP_DM_MAX_TEXT)
        return AMCP_DM_E_LENGTH;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] < 0x21 || (unsigned char)text[i] > 0x7e)
            return AMCP_DM_E_CHARSET;
    if (len < 4 || memcmp(text, "AMC#", 4))
        return AMCP_DM_E_PREFIX;
    if (text[len - 1] != '/')
        return AMCP_DM_E_TRUNCATED;
    if (memchr(text, '/', len - 1))
        return AMCP_DM_E_SEPARATOR;
    memcpy(out->raw, text, len);
    out->raw[len] = 0;

    /* fields between '#', the final '/' excluded; field 0 is "AMC" */
    const char *f[4 + AMCP_DM_MAX_CONV + 1];
    size_t fl[4 + AMCP_DM_MAX_CONV + 1];
    int nf = 0;
    const char *p = text + 4, *end = text + len - 1;
    for (;;) {
        const char *h = memchr(p, '#', (size_t)(end - p));
        const char *stop = h ? h : end;
        if (nf == (int)(sizeof f / sizeof *f))
            return AMCP_DM_E_CONVENTION; /* more groups than AMCP_DM_MAX_CONV */
        f[nf] = p, fl[nf] = (size_t)(stop - p), nf++;
        if (!h)
            break;
        p = h + 1;
    }
    if (nf < 4)
        return AMCP_DM_E_TRUNCATED;

    if (fl[0] == 0 || fl[0] > 3 || !all_digits(f[0], fl[0]))
        return AMCP_DM_E_VERSION;
    int v = 0;
    for (size_t i = 0; i < fl[0]; i++)
        v = v * 10 + (f[0][i] - '0');
    if (v != 1)
        return AMCP_DM_E_VERSION;
    out->version = v;

    const char *amc = f[1];
    size_t na = fl[1];
    if (!all_digits(amc, na))
        return AMCP_DM_E_AMC;
    if (na == 10 && amc[0] == '0' && amc[1] == '0') /* operators pad to 10 */
        amc += 2, na -= 2;
    if (na != 8)
        return AMCP_DM_E_AMC;
    memcpy(out->amc, amc, 8);

    if (fl[2] > 8 || !all_alnum(f[2], fl[2]))
        return AMCP_DM_E_CSR;
    memcpy(out->csr, f[2], fl[2]);

    if (fl[3] < 6 || fl[3] > 16 || !all_alnum(f[3], fl[3]))
        return AMCP_DM_E_ADHERENT;
    memcpy(out->adherent, f[3], fl[3]);

    for (int i = 4; i < nf; i++) {
        amcp_dm_status st = parse_group(f[i], fl[i], out);
        if (st != AMCP_DM_OK)
            return st;
    }
    return AMCP_DM_OK;
}

amcp_dm_status amcp_dm_parse(const char *text, size_t len, amcp_dm *out)
{
    memset(out, 0, sizeof *out);
    amcp_dm_status st = parse(text, text ? len : 0, out);
    if (st != AMCP_DM_OK)
        memset(out, 0, sizeof *out);
    return st;
}

const char *amcp_dm_status_text(amcp_dm_status st)
{
    switch (st) {
    case AMCP_DM_OK: return "ok";
    case AMCP_DM_E_EMPTY: return "empty payload";
    case AMCP_DM_E_LENGTH: return "payload too long";
    case AMCP_DM_E_CHARSET: return "byte outside printable ASCII";
    case AMCP_DM_E_PREFIX: return "not an Inter-AMC code (no AMC# prefix)";
    case AMCP_DM_E_TRUNCATED: return "truncated (no final '/' or missing fields)";
    case AMCP_DM_E_SEPARATOR: return "misplaced separator";
    case AMCP_DM_E_VERSION: return "unknown version";
    case AMCP_DM_E_AMC: return "AMC number is not 8 digits";
    case AMCP_DM_E_CSR: return "CSR is not up to 8 capitals or digits";
    case AMCP_DM_E_ADHERENT: return "adherent number is not 6 to 16 capitals or digits";
    case AMCP_DM_E_CONVENTION: return "bad, repeated or too many convention codes";
    case AMCP_DM_E_LETTERS: return "bad domain letters";
    }
    return "unknown";
}
