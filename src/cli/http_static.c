/*
 * http_static.c - finds the reception page's files, embedded from web/ at
 * build time (cmake/embed_web.cmake writes the http_assets table).
 */
#include "http.h"
#include <string.h>

const http_asset *http_asset_find(const char *path)
{
    if (!path)
        return NULL;
    if (!strcmp(path, "/"))
        path = "/index.html";
    for (const http_asset *a = http_assets; a->path; a++)
        if (!strcmp(a->path, path))
            return a;
    return NULL;
}
