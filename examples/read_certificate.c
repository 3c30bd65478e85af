/*
 * read_certificate.c - the smallest complete program using libamcread.
 *
 *   cc read_certificate.c $(pkg-config --cflags --libs amcread) -o read_certificate
 *   ./read_certificate scan.png [AAAA-MM-JJ]
 *
 * Prints the amcread/1 JSON document, then the AMC number and the verdict on
 * standard error. Exit 0 when a certificate was read, 1 otherwise.
 *
 * Set OMP_THREAD_LIMIT=1 in the environment of programs linking libamcread:
 * Debian's Tesseract uses OpenMP, five times slower on 2 cores without it.
 */
#include <amcread.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FILE [AAAA-MM-JJ]\n", argv[0]);
        return 2;
    }
    /* compiled against, and running with (the shared library may be newer) */
    fprintf(stderr, "amcread.h %s, libamcread %s\n", AMC_VERSION_STRING, amc_version());

    amc_error err = {0};
    /* One reader per thread, built once: it loads the OCR model and the
     * patterns (data installed under PREFIX/share/amcread). */
    amc_reader *reader = amc_reader_new(NULL, &err);
    if (!reader) {
        /* the message names the file and line of a broken pattern file */
        fprintf(stderr, "cannot start: %s (%s)\n", err.message, amc_status_name(err.code));
        return 1;
    }

    amc_read_options opts = {0};
    opts.date = argc == 3 ? argv[2] : NULL;   /* NULL: today */
    amc_result *result = amc_read_file(reader, argv[1], &opts, &err);
    if (!result) {
        /* err.code tells the kind: AMC_E_IO, AMC_E_FORMAT, AMC_E_LIMIT, ... */
        fprintf(stderr, "%s: %s (%s)\n", argv[1], err.message, amc_status_name(err.code));
        amc_reader_free(reader);
        return 1;
    }

    char *json = amc_result_json(result, 0);   /* owned by us: amc_free() */
    if (json)
        puts(json);
    amc_free(json);

    int rc = amc_result_get_status(result) == AMC_RESULT_NOT_CERTIFICATE ? 1 : 0;
    amc_result_free(result);   /* results outlive nothing: free them */
    amc_reader_free(reader);
    return rc;
}
