/*
 * fuzz_checks.c - the small parsers of the reading, on arbitrary text:
 * dates (amcp_date_iso), NIR key (amc_nir_key_valid), digit filter
 * (amcp_digits), guarantee value normalisation (amcp_value_normalise) and
 * value classification by the PCRE2 patterns of values.ini
 * (amcp_value_classify).
 *
 * The input is split at newlines; each line goes through every parser.
 * Properties checked on every line, besides "no crash, no sanitizer report":
 *  - a date accepted is a real date written AAAA-MM-JJ, and reading it back
 *    as JJ/MM/AAAA gives the same date;
 *  - a NIR accepted has 15 characters;
 *  - outputs are NUL-terminated inside their buffers, digits are digits;
 *  - no value pattern hits a PCRE2 limit (that would be a pattern bug).
 */
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_line(const amcp_patterns *p, const char *s)
{
    char iso[11], again[11], back[16];
    memset(iso, 'x', sizeof iso);
    if (amcp_date_iso(s, iso) == 0) {
        if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
            fuzz_fail("date '%s' gave '%.11s'", s, iso);
        for (int i = 0; i < 10; i++)
            if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
                fuzz_fail("date '%s' gave '%s'", s, iso);
        memcpy(back, iso + 8, 2), back[2] = '/';
        memcpy(back + 3, iso + 5, 2), back[5] = '/';
        memcpy(back + 6, iso, 4), back[10] = 0;
        if (amcp_date_iso(back, again) != 0 || strcmp(again, iso) != 0)
            fuzz_fail("date '%s' gave '%s' but '%s' does not read back", s, iso, back);
    }

    int nir = amc_nir_key_valid(s);
    if (nir != 0 && nir != 1)
        fuzz_fail("amc_nir_key_valid returned %d", nir);
    if (nir && strlen(s) != 15)
        fuzz_fail("NIR '%s' accepted with %zu characters", s, strlen(s));

    char digits[8];
    memset(digits, 'x', sizeof digits);
    amcp_digits(s, digits, sizeof digits);
    if (!memchr(digits, 0, sizeof digits))
        fuzz_fail("amcp_digits overflowed its buffer");
    for (const char *d = digits; *d; d++)
        if (*d < '0' || *d > '9')
            fuzz_fail("amcp_digits kept '%c'", *d);

    char norm[48], cap1[16];
    amcp_guar g;
    memset(&g, 0, sizeof g);
    memset(norm, 'x', sizeof norm);
    amcp_value_normalise(s, norm, sizeof norm, &g);
    if (!memchr(norm, 0, sizeof norm))
        fuzz_fail("amcp_value_normalise overflowed its buffer");
    if (g.nnotes < 0 || g.nnotes > AMCP_MAXSUB)
        fuzz_fail("amcp_value_normalise made %d notes", g.nnotes);
    amcp_guar_clear(&g);

    amcp_regex_reset(p);
    memset(cap1, 'x', sizeof cap1);
    amcp_value_classify(p, norm, cap1, sizeof cap1);
    if (!memchr(cap1, 0, sizeof cap1))
        fuzz_fail("amcp_value_classify overflowed its capture buffer");
    amcp_value_classify(p, s, cap1, sizeof cap1); /* the raw text too */
    fuzz_no_regex_limit(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const amcp_patterns *p = fuzz_patterns();
    char *text = fuzz_strndup(data, size);
    char *line = text, *nl;
    check_line(p, text); /* the whole input, newlines included, once */
    do {
        nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        check_line(p, line);
        if (nl)
            line = nl + 1;
    } while (nl);
    free(text);
    return 0;
}
