/* test_checks - the number checks of DOMAIN.md section 6 (cmocka). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "extract.h"
#include <stdio.h>

static void nir_keys(void **state)
{
    (void)state;
    /* key = 97 - (13 digits mod 97) */
    assert_true(amc_nir_key_valid("175037512345646") ==
                (97 - (int)(1750375123456ULL % 97) == 46));
    assert_true(amc_nir_key_valid("253089917382889") ==
                (97 - (int)(2530899173828ULL % 97) == 89));
    char nir[16];
    snprintf(nir, sizeof nir, "1750375123456%02d", 97 - (int)(1750375123456ULL % 97));
    assert_true(amc_nir_key_valid(nir));
    nir[14] = nir[14] == '9' ? '0' : nir[14] + 1; /* one digit misread */
    assert_false(amc_nir_key_valid(nir));
    /* Corsica: 2A -> 19, 2B -> 18 */
    snprintf(nir, sizeof nir, "18502%s123456%02d", "2A", 0);
    unsigned long long v = 1850219123456ULL;
    snprintf(nir, sizeof nir, "185022A123456%02d", 97 - (int)(v % 97));
    assert_true(amc_nir_key_valid(nir));
    v = 1850218123456ULL;
    snprintf(nir, sizeof nir, "185022B123456%02d", 97 - (int)(v % 97));
    assert_true(amc_nir_key_valid(nir));
    assert_false(amc_nir_key_valid(NULL));
    assert_false(amc_nir_key_valid(""));
    assert_false(amc_nir_key_valid("17503751234564"));
    assert_false(amc_nir_key_valid("1750375123456X6"));
    assert_false(amc_nir_key_valid("185023A12345600"));
}

static void dates(void **state)
{
    (void)state;
    char o[11];
    assert_int_equal(amcp_date_iso("01/01/2026", o), 0);
    assert_string_equal(o, "2026-01-01");
    assert_int_equal(amcp_date_iso("31.12.2026", o), 0);
    assert_string_equal(o, "2026-12-31");
    assert_int_equal(amcp_date_iso("29-02-2024", o), 0);
    assert_string_equal(o, "2024-02-29");
    assert_int_equal(amcp_date_iso("0 1 / 0 4 / 2 0 2 5", o), 0);
    assert_string_equal(o, "2025-04-01");
    assert_int_equal(amcp_date_iso("15/06/98", o), 0);
    assert_string_equal(o, "1998-06-15");
    assert_int_equal(amcp_date_iso("29/02/2025", o), -1);
    assert_int_equal(amcp_date_iso("31/04/2026", o), -1);
    assert_int_equal(amcp_date_iso("00/01/2026", o), -1);
    assert_int_equal(amcp_date_iso("01/13/2026", o), -1);
    assert_int_equal(amcp_date_iso("01/01/20260", o), -1);
    assert_int_equal(amcp_date_iso("01/01", o), -1);
    assert_int_equal(amcp_date_iso("aa/bb/cccc", o), -1);
    assert_int_equal(amcp_date_iso(NULL, o), -1);
}

/* Where a period of one year starts, from its end; the separators a scan
 * lost put back from the glyphs' places. */
static void periods_and_places(void **state)
{
    (void)state;
    char o[11];
    assert_int_equal(amcp_year_start("2026-12-31", o), 0);
    assert_string_equal(o, "2026-01-01");
    assert_int_equal(amcp_year_start("2026-03-31", o), 0);
    assert_string_equal(o, "2025-04-01");
    assert_int_equal(amcp_year_start("2024-02-28", o), -1); /* 29/02/2023 */
    assert_int_equal(amcp_year_start("2026-13-01", o), -1);
    assert_int_equal(amcp_year_end("2026-01-01", o), 0);
    assert_string_equal(o, "2026-12-31");
    assert_int_equal(amcp_year_end("2025-04-01", o), 0);
    assert_string_equal(o, "2026-03-31");
    assert_int_equal(amcp_year_end("2023-03-01", o), 0);
    assert_string_equal(o, "2024-02-29");
    assert_int_equal(amcp_year_end("2024-02-29", o), 0);
    assert_string_equal(o, "2025-02-28");
    assert_int_equal(amcp_year_end("2026-00-01", o), -1);
    assert_int_equal(amcp_date_places("2304/1981", o), 0);
    assert_string_equal(o, "23/04/1981");
    assert_int_equal(amcp_date_places("23/041981", o), 0);
    assert_string_equal(o, "23/04/1981");
    assert_int_equal(amcp_date_places("02:04/1969", o), 0);
    assert_string_equal(o, "02/04/1969");
    assert_int_equal(amcp_date_places("3111212026", o), 0);
    assert_string_equal(o, "31/12/2026");
    assert_int_equal(amcp_date_places("23/04", o), -1);
}

static void digits(void **state)
{
    (void)state;
    char o[16];
    amcp_digits("004 01 687", o, sizeof o);
    assert_string_equal(o, "00401687");
    amcp_digits("0 0 4 0 5 5 1 1", o, sizeof o);
    assert_string_equal(o, "00405511");
    amcp_digits("1234567890123456789", o, 5);
    assert_string_equal(o, "1234");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nir_keys),
        cmocka_unit_test(dates),
        cmocka_unit_test(periods_and_places),
        cmocka_unit_test(digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
