/* table.h - what the files of the guarantee grid's stage share: table.c
 * (header, cells, rows), grid_agree.c (the cells' values checked against
 * each other), identity.c (a row's name, birth date, rank, NIR).
 * Small helpers are static inline here; not a public header. */
#ifndef AMC_TABLE_H
#define AMC_TABLE_H
#include "extract.h"
#include <string.h>

/* Glyphs OCR makes of a cell's left rule or of a speck, seen before a name
 * ("|MOREL", ": GAUTHIER", "'AUBERT"; no name starts with an apostrophe). */
#define BORDER_GLYPHS "|[({!/\\:;.,'`\" "

/* `name` past the border glyphs before it, typographic quotes too ("“MARTIN":
 * a speck read as an opening quote). */
static inline const char *past_border(const char *name)
{
    static const char *const quotes[] = {"\u201c", "\u201d", "\u2018", "\u2019", "\u00ab",
                                         "\u00bb"};
    for (;;) {
        name += strspn(name, BORDER_GLYPHS);
        size_t k = 0, n = sizeof quotes / sizeof quotes[0];
        while (k < n && strncmp(name, quotes[k], strlen(quotes[k])))
            k++;
        if (k == n)
            return name;
        name += strlen(quotes[k]);
    }
}

/* 1 when byte c belongs to a letter: ASCII A-Z, a-z, or a byte of a UTF-8
 * sequence (the accented letters of names). */
static inline int letter_byte(unsigned char c)
{
    return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Glyphs a speck inside a name's word reads as, that no name holds
 * ("GIRAR?D"): dropped, in place, where letters stand on both sides (an
 * apostrophe stays: N'DIAYE). */
static inline void drop_specks_in_words(char *name)
{
    char *o = name;
    for (const char *q = name; *q; q++)
        if (!(q > name && q[1] && strchr("?!|*\"", *q) && letter_byte((unsigned char)q[-1]) &&
              letter_byte((unsigned char)q[1])))
            *o++ = *q;
    *o = 0;
}

/* 1 when table.ini pattern `t` matches somewhere in `s`. */
static inline int match_whole(const amcp_patterns *p, int t, const char *s)
{
    return amcp_match(p, p->tbl[t], s, strlen(s), 0) > 0;
}

/* Superscript digits are footnote markers glued to values: "100 %¹". */
static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

/* `cell` without its spaces ("100 %" -> "100%"), in out. */
static inline void pack(const char *cell, char *out, size_t outlen)
{
    size_t k = 0;
    for (const char *q = cell; *q && k + 1 < outlen; q++)
        if (*q != ' ')
            out[k++] = *q;
    out[k] = 0;
}

/* identity.c: the left part of a beneficiary row, `text` as read (name,
 * birth date, rank, NIR), into b; `box` and `conf` are the text's. Zones are
 * read again where a check fails (the NIR's key, an impossible birth date,
 * a missing rank). */
void amcp_parse_identity(const amcp_patterns *p, const amcp_layout *lay, const char *text,
                         const int *box, float conf, int page, amcp_benef *b);
/* The rank read again as one digit in the zone [x, x+w) on the height of
 * the row's box (`how` goes to its evidence): 1 when set. */
int amcp_relook_rank_at(const amcp_patterns *p, const amcp_layout *lay, int x, int w,
                        const int *box, float conf, int page, const char *how, amcp_benef *b);
/* 1 when `compact` (spaces dropped) holds a NIR whose key checks, digits
 * raised by a tall box ("6⁸") read as digits. */
int amcp_nir_in(const amcp_patterns *p, const char *compact);
/* The row's identity read again as one line: a NIR whose key checks, a
 * rank; kept only where the check passes. */
void amcp_relook_identity(const amcp_patterns *p, const amcp_layout *lay, const int *box,
                          float conf, int page, amcp_benef *b);

/* table.c: 1 when a normalised value is one values.ini knows (not the
 * catch-all); a footnote marker `n` added to g's notes (copied, once). */
int amcp_value_known(const amcp_patterns *p, const char *v);
void amcp_guar_add_note(amcp_guar *g, const char *n);

/* grid_agree.c, once the grid's rows are read: cells left unread take the
 * value most rows agree on; a cell apart from them is read again. */
void amcp_grid_rows_agree(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r);
/* grid_agree.c, once the whole table is read: rates checked against the
 * other rows and the grid's round figures (values read again, or taken
 * from the grid, flagged). */
void amcp_grid_values_agree(const amcp_patterns *p, const amcp_layout *lay, amcp_reading *r);

#endif
