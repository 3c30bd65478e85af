/*
 * fuzz_gate.c - the image gate of load.c on arbitrary bytes.
 *
 * amcp_gate is what every input meets before a decoder: format from the
 * bytes, PNG chunk/CRC walk, JPEG segment walk, GIF block walk with frame
 * budget, BMP header, Leptonica's header readers (TIFF, WebP, PNM...), and
 * the pixel limits. It must never crash, and must answer either "accepted,
 * format X" or a format/limit error with a message.
 *
 * With AMC_FUZZ_DECODE=1 in the environment, accepted images are also
 * decoded by amcp_load, and the pages must respect the pixel budget that the
 * gate promised (slower: the decoders are third-party code).
 */
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

/* Small budgets so that the limit paths are reached by small inputs. */
static const amcp_limits lim = {1u << 20, 4000000L, 2, 1440.0};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int decode = -1;
    amc_error err;
    const char *format = NULL;

    if (decode < 0) {
        const char *e = getenv("AMC_FUZZ_DECODE");
        decode = e && *e == '1';
    }
    memset(&err, 0, sizeof err);
    int rc = amcp_gate(data, size, &lim, &format, &err);
    if (rc == 0) {
        if (!format || !*format)
            fuzz_fail("gate accepted without a format");
        if (err.code != AMC_OK || err.message[0])
            fuzz_fail("gate accepted but set an error: %s", err.message);
    } else {
        if (rc != -1)
            fuzz_fail("gate returned %d", rc);
        if (err.code != AMC_E_FORMAT && err.code != AMC_E_LIMIT)
            fuzz_fail("gate failed with %s", amc_status_name(err.code));
        if (!err.message[0] || !memchr(err.message, 0, sizeof err.message))
            fuzz_fail("gate failed without a message");
        if (format)
            fuzz_fail("gate failed but gave a format");
    }

    if (rc == 0 && decode && strcmp(format, "PDF") != 0) {
        amcp_page *pages = NULL;
        int n = amcp_load(data, size, &lim, &pages, &err);
        for (int i = 0; i < n; i++) {
            long w = pixGetWidth(pages[i].pix), h = pixGetHeight(pages[i].pix);
            int d = pixGetDepth(pages[i].pix);
            if (w * h > lim.max_pixels)
                fuzz_fail("decoded %ldx%ld above the gate's budget", w, h);
            if (d != 8 && d != 32)
                fuzz_fail("decoded page of depth %d", d);
        }
        if (n < 0 && pages)
            fuzz_fail("amcp_load failed but returned pages");
        amcp_pages_free(pages, n > 0 ? n : 0);
    }
    return 0;
}
