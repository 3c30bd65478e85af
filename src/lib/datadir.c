/*
 * datadir.c - where an installed libamcread finds patterns/ and tessdata/.
 *
 * The install path compiled in (AMC_INSTALL_DATADIR) is only right when the
 * files stay where `cmake --install` was told to put them. Packagers, tests
 * and integrators install into other prefixes (DESTDIR, a temp folder, /opt),
 * so the reader also looks beside the loaded code: dladdr() names the file
 * this function was loaded from (libamcread.so, or the program the static
 * library is linked into), and PREFIX/share/amcread is one or two levels up
 * from PREFIX/lib, PREFIX/lib/<multiarch> or PREFIX/bin.
 */
#define _GNU_SOURCE
#include "internal.h"
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *amcp_self_datadir(char *buf, size_t len)
{
    Dl_info info;
    char dir[1024];
    if (!dladdr((void *)amcp_self_datadir, &info) || !info.dli_fname ||
        info.dli_fname[0] != '/')
        return NULL;
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const ups[] = {"..", "../.."};
    for (size_t i = 0; i < sizeof ups / sizeof *ups; i++) {
        char cand[1100], real[PATH_MAX];
        struct stat st;
        snprintf(cand, sizeof cand, "%s/%s/share/amcread", dir, ups[i]);
        /* resolved, so that error messages name PREFIX/share/..., not lib/../share */
        if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode) && realpath(cand, real)) {
            int n = snprintf(buf, len, "%s", real);
            return n > 0 && (size_t)n < len ? buf : NULL;
        }
    }
    return NULL;
}
