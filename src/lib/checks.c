/*
 * checks.c - the number checks of DOMAIN.md section 6: dates, NIR key.
 * Pure functions: they validate, they never "fix" a reading.
 */
#include "extract.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void amcp_digits(const char *in, char *out, size_t outlen)
{
    size_t n = 0;
    for (; in && *in && n + 1 < outlen; in++)
        if (*in >= '0' && *in <= '9')
            out[n++] = *in;
    if (outlen)
        out[n] = 0;
}

static int days_in(int m, int y)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

int amcp_date_iso(const char *in, char out[11])
{
    int v[3] = {0, 0, 0}, len[3] = {0, 0, 0}, k = 0;
    if (!in)
        return -1;
    /* digits in three groups separated by / . - ; spaces inside a group are
     * letter-spacing ("0 1 / 0 1 / 2 0 2 6") */
    for (const char *p = in; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (len[k] >= 4)
                return -1;
            v[k] = v[k] * 10 + (*p - '0');
            len[k]++;
        } else if (*p == '/' || *p == '.' || *p == '-') {
            if (++k > 2)
                return -1;
        } else if (*p != ' ') {
            return -1;
        }
    }
    if (k != 2 || len[0] < 1 || len[0] > 2 || len[1] < 1 || len[1] > 2 ||
        (len[2] != 2 && len[2] != 4))
        return -1;
    int d = v[0], m = v[1], y = v[2];
    if (len[2] == 2)
        y += y > 50 ? 1900 : 2000; /* JJ/MM/AA: certificates are recent */
    if (y < 1890 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in(m, y))
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 0;
}

int amc_nir_key_valid(const char *nir)
{
    if (!nir || strlen(nir) != 15)
        return 0;
    char d[14];
    memcpy(d, nir, 13);
    d[13] = 0;
    /* Corsica: 2A -> 19, 2B -> 18 in the computation only */
    if (d[6] == 'A' || d[6] == 'B' || d[6] == 'a' || d[6] == 'b') {
        if (d[5] != '2')
            return 0;
        int b = d[6] == 'B' || d[6] == 'b';
        d[5] = '1';
        d[6] = b ? '8' : '9';
    }
    for (int i = 0; i < 13; i++)
        if (!isdigit((unsigned char)d[i]))
            return 0;
    if (!isdigit((unsigned char)nir[13]) || !isdigit((unsigned char)nir[14]))
        return 0;
    unsigned long long n = strtoull(d, NULL, 10);
    int key = 97 - (int)(n % 97);
    return key == (nir[13] - '0') * 10 + (nir[14] - '0');
}

/* The base letter of the accented Latin-1 letter that starts `s` (UTF-8,
 * two bytes: "É" -> 'E', "ï" -> 'i'), 0 for anything else. */
static char accent_base(const unsigned char *s)
{
    static const char base[64] = "AAAAAA*CEEEEIIII" "DNOOOOO*OUUUUYTs"
                                 "aaaaaa*ceeeeiiii" "dnooooo/ouuuuyty";
    if (s[0] != 0xC3 || s[1] < 0x80 || s[1] > 0xBF)
        return 0;
    char b = base[s[1] - 0x80];
    return strchr("AaCcEeIiNnOoUuYy", b) ? b : 0;
}

int amcp_accents_dropped(const char *plain, const char *accented, size_t len)
{
    const unsigned char *p = (const unsigned char *)plain, *a = (const unsigned char *)accented;
    const unsigned char *pe = p + len;
    int dropped = 0;
    while (p < pe && *a) {
        if (*p == *a) {
            if (*p >= 0x80 && (p + 1 >= pe || p[1] != a[1]))
                return 0; /* two different accented letters */
            size_t k = *p >= 0x80 ? 2 : 1;
            p += k, a += k;
        } else if (accent_base(a) && accent_base(a) == (char)*p) {
            p++, a += 2, dropped++;
        } else {
            return 0;
        }
    }
    return p == pe && (!*a || *a == ' ') ? dropped : 0;
}

/* Glyphs a rough scan turns into one another: a zero's inside filled
 * (0 -> 6 8 9), a 1's flag lengthened (1 -> 7), and back. */
const char *amcp_confusable_digits(char d)
{
    switch (d) {
    case '0': return "689";
    case '6': return "058";
    case '8': return "0369";
    case '9': return "08";
    case '1': return "7";
    case '7': return "1";
    case '3': return "8";
    case '5': return "6";
    default: return "";
    }
}

/* The real dates an impossible one ("01/01/2825", "01/61/2025") becomes
 * when exactly `k` of its glyphs are changed for confusable digits, appended
 * to `out` (at most `max`, distinct); returns the new count, max + 1 when
 * there were more. */
static int dates_by_glyphs(char *t, char *q, int k, char (*out)[11], int n, int max)
{
    if (k == 0) {
        char iso[11];
        if (amcp_date_iso(t, iso) != 0)
            return n;
        for (int i = 0; i < n && i < max; i++)
            if (!strcmp(out[i], iso))
                return n;
        if (n < max)
            memcpy(out[n++], iso, sizeof iso);
        else
            n = max + 1; /* more than `max`: the caller cannot tell uniqueness */
        return n;
    }
    for (; *q; q++) {
        char keep = *q;
        for (const char *alt = amcp_confusable_digits(keep); *alt; alt++) {
            *q = *alt;
            n = dates_by_glyphs(t, q + 1, k - 1, out, n, max);
        }
        *q = keep;
    }
    return n;
}

int amcp_dates_by_glyphs(char *t, int k, char (*out)[11], int max)
{
    return dates_by_glyphs(t, t, k, out, 0, max);
}

int amcp_date_places(const char *raw, char out[11])
{
    char c[16];
    size_t n = 0;
    for (const char *q = raw; *q; q++)
        if (*q != ' ' && n < sizeof c - 1)
            c[n++] = *q;
        else if (*q != ' ')
            return -1;
    c[n] = 0;
    int seps = 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)c[i]))
            seps++;
    if (n == 8 && !seps)
        snprintf(out, 11, "%.2s/%.2s/%.4s", c, c + 2, c + 4);
    else if (n == 9 && seps == 1 && !isdigit((unsigned char)c[2]))
        snprintf(out, 11, "%.2s/%.2s/%.4s", c, c + 3, c + 5);
    else if (n == 9 && seps == 1 && !isdigit((unsigned char)c[4]))
        snprintf(out, 11, "%.2s/%.2s/%.4s", c, c + 2, c + 5);
    else if (n == 10 && strchr("/.:-17", c[2]) && strchr("/.:-17", c[5]) &&
             seps == !isdigit((unsigned char)c[2]) + !isdigit((unsigned char)c[5]))
        snprintf(out, 11, "%.2s/%.2s/%.4s", c, c + 3, c + 6);
    else
        return -1;
    return 0;
}

int amcp_year_start(const char *end, char out[11])
{
    int y, m, d;
    if (sscanf(end, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return -1;
    if (d >= days_in(m, y))
        d = 1, m = m == 12 ? 1 : m + 1, y += m == 1;
    else
        d++;
    char t[40];
    snprintf(t, sizeof t, "%02d/%02d/%04d", d, m, y - 1);
    return amcp_date_iso(t, out); /* 29/02 of a year without one is no date */
}

int amcp_year_end(const char *start, char out[11])
{
    int y, m, d;
    if (sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1)
        return -1;
    y++;
    if (d > 1)
        d--;
    else if (m > 1)
        m--, d = days_in(m, y);
    else
        m = 12, d = 31, y--;
    char t[40];
    snprintf(t, sizeof t, "%02d/%02d/%04d", d, m, y);
    return amcp_date_iso(t, out);
}
