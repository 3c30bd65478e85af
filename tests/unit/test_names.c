/*
 * test_names.c - unit tests of names.c, no OCR involved: first names as a
 * blurred scan reads them, mended from patterns/names.ini or left alone.
 * Also checks that names.ini loads, and that its loader points at the
 * line and column of a broken entry.
 */
#include "extract.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static amcp_patterns *P;

static int load(void **state)
{
    (void)state;
    const char *dir = getenv("AMCREAD_PATTERNS");
    amc_error err;
    P = amcp_patterns_load(dir ? dir : "patterns", &err);
    if (!P)
        fprintf(stderr, "cannot load patterns: %s\n", err.message);
    return P ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    amcp_patterns_free(P);
    return 0;
}

/* The word read must come out as `want` (NULL: left alone) after `cost`
 * confusions. */
static void expect_mend(const char *read, const char *want, int cost)
{
    char out[128] = "";
    int c = amcp_first_name_mend(P, read, strlen(read), out, sizeof out);
    if (!want) {
        if (c)
            fail_msg("'%s' should stay as read, became '%s'", read, out);
        return;
    }
    if (c != cost || strcmp(out, want))
        fail_msg("'%s' should become '%s' (%d), got '%s' (%d)", read, want, cost, out, c);
}

static void list_loaded(void **state)
{
    (void)state;
    assert_true(P->nfirst_names > 300);
    assert_true(P->nconfusions >= 4);
}

/* The confusions of a blurred scan, each seen on rough development scans. */
static void misreads_mended(void **state)
{
    (void)state;
    expect_mend("Frédénc", "Frédéric", 1);   /* ri read n */
    expect_mend("Nathahe", "Nathalie", 1);   /* li read h */
    expect_mend("Camilte", "Camille", 1);    /* l read t */
    expect_mend("Canille", "Camille", 1);    /* m read n */
    expect_mend("Étodie", "Élodie", 1);
    expect_mend("Héiène", "Hélène", 1);      /* l read i */
    expect_mend("Mane", "Marie", 1);         /* of "Mane-Hélène" */
    expect_mend("Mañe", "Marie", 1);         /* ri read as one glyph */
    expect_mend("Jerôme", "Jérôme", 1);      /* an accent lost */
    expect_mend("Fredénc", "Frédéric", 2);   /* both */
    expect_mend("Camiite", "Camille", 2);    /* a longer word allows two */
    expect_mend("NATHAHE", "NATHALIE", 1);   /* capitals stay capitals */
}

/* A listed name is never changed, even when another listed name is one
 * confusion away ("Lina" / "Line", "Benoit" / "Benoît"). */
static void listed_names_kept(void **state)
{
    (void)state;
    expect_mend("Lina", NULL, 0);
    expect_mend("Benoit", NULL, 0);
    expect_mend("Elodie", NULL, 0);
    expect_mend("Eric", NULL, 0);
    expect_mend("THOMAS", NULL, 0);
}

/* A name the list lacks stays as read unless exactly one listed name is
 * near enough: a rare name, a short word needing two changes, a word with
 * another glyph than a listed confusion, a word two names are as near. */
static void others_kept(void **state)
{
    (void)state;
    expect_mend("Maïwenn", NULL, 0);   /* not near any listed name */
    expect_mend("Jérème", NULL, 0);    /* è for ô is no listed confusion */
    expect_mend("Gaetan", NULL, 0);    /* Gaétan and Gaëtan, one accent each */
    expect_mend("Éve", NULL, 0);       /* Eve and Ève */
    expect_mend("Lèà", NULL, 0);       /* Léa at two, but a short word allows one */
    expect_mend("Mr", NULL, 0);        /* too short */
    expect_mend("Jean2", NULL, 0);     /* not a name */
    expect_mend("Ana", NULL, 0);
}

/* The listed spelling with one more accent above a letter, and that
 * letter's place: only the ink can then say which is printed (identity.c). */
static void expect_accent(const char *read, const char *want, int letter)
{
    char out[128] = "";
    int at = -1, got = amcp_first_name_accent(P, read, strlen(read), out, sizeof out, &at);
    if (!want) {
        if (got)
            fail_msg("'%s' has no one accented spelling, got '%s'", read, out);
        return;
    }
    if (!got || strcmp(out, want) || at != letter)
        fail_msg("'%s' should have '%s' (letter %d), got '%s' (%d)", read, want, letter,
                 got ? out : "", at);
}

static void accented_spellings(void **state)
{
    (void)state;
    expect_accent("Elodie", "Élodie", 0);
    expect_accent("Eric", "Éric", 0);
    expect_accent("Benoit", "Benoît", 4);
    expect_accent("ELODIE", "ÉLODIE", 0); /* capitals stay capitals */
    expect_accent("Élodie", NULL, 0);     /* already accented */
    expect_accent("Gaetan", NULL, 0);     /* Gaétan and Gaëtan */
    expect_accent("Francois", NULL, 0);   /* a cedilla is below */
    expect_accent("Emma", NULL, 0);       /* no accented spelling */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_loaded),
        cmocka_unit_test(misreads_mended),
        cmocka_unit_test(listed_names_kept),
        cmocka_unit_test(others_kept),
        cmocka_unit_test(accented_spellings),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
