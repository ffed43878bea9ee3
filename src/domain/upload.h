/* upload.h: the file service of the Admin API's uploads, as Medusa's local file service stores
 * them (a key "<ms>-<name>" in one directory, served by the web server, never by the pool), with
 * what Medusa lacks: names made safe, types checked against the bytes, and protected files kept
 * under an unguessable key. Files live in conf.upload_dir:
 *
 *   <upload_dir>/<ms>-<name>                          public (product images); key "<ms>-<name>"
 *   <upload_dir>/protected/<32 hex>-<ms>-<name>       protected (CSV imports, exports)
 *
 * A key is the path below upload_dir; its URL is upload_url + "/" + key. */
#ifndef DOMAIN_UPLOAD_H
#define DOMAIN_UPLOAD_H
#include <stddef.h>
#include <stdio.h>

#include "core/ctx.h"

#define UPLOAD_NAME_MAX 100 /* bytes of a stored file name, extension included */

struct upload_file {
    const char *filename; /* as the client sent it (may hold a path, any bytes) */
    const char *data;
    size_t len;
};

/* The file name as stored: the client's base name (after the last '/' or '\'), each byte outside
 * [A-Za-z0-9._-] replaced by '-', runs of '-' squeezed, no leading '.' or '-', at most
 * UPLOAD_NAME_MAX bytes with the extension kept; "file" when nothing is left. Into out (at least
 * UPLOAD_NAME_MAX + 1 bytes). */
void upload_sanitize_name(char *out, const char *filename);

/* 0 when the file may be stored: public files must be images (.jpg .jpeg .png .gif .webp .avif)
 * whose first bytes match the extension; protected files may also be .csv text (no NUL byte).
 * Else -1 with Medusa's invalid_data and a message naming the file. */
int upload_check_type(struct ctx *c, const char *name, const char *data, size_t len, int protect);

/* Stores n files, all or none (the types are checked first; a failed write removes the files
 * already written). keys receives each file's key (arena). 0 or -1. */
int upload_store(struct ctx *c, const struct upload_file *files, int n, int protect,
                 const char **keys);

/* 1 if key has the shape upload_store makes (no "..", no absolute path, only the safe bytes, at
 * most "protected/" as a directory), 0 if not. */
int upload_key_valid(const char *key);
/* The file's path for a valid key (arena); NULL with 404 "File with key <key> not found" when
 * the key is invalid or, with must_exist, no such file exists. */
const char *upload_path(struct ctx *c, const char *key, int must_exist);
/* Deletes the file of key; a missing file is fine (Medusa's delete is a no-op then), an invalid
 * key is 400. 0 or -1. */
int upload_delete(struct ctx *c, const char *key);

/* Creates a new protected file named name (sanitised) for a job to write, e.g. an export:
 * *key receives its key. The caller fcloses it. NULL with the error recorded. */
FILE *upload_create(struct ctx *c, const char *name, const char **key);

#endif
