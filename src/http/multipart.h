/* multipart.h: multipart/form-data request bodies (RFC 7578, RFC 2046 §5.1), as multer/busboy
 * hand them to Medusa's upload routes. The parser copies nothing: parts point into the body. */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H
#include <stddef.h>

#include "core/arena.h"

#define MP_MAX_PARTS       64   /* parts per body (busboy's default is unlimited; ours) */
#define MP_MAX_HEADER      8192 /* bytes of one part's header block */
#define MP_MAX_BOUNDARY    70   /* RFC 2046 */
#define MP_MAX_PARAM_VALUE 1024 /* name= and filename= values, after unquoting */

struct mp_part {
    const char *name;         /* Content-Disposition name= (arena), or NULL */
    const char *filename;     /* filename= as sent (arena), or NULL when the part is no file */
    const char *content_type; /* the part's Content-Type (arena), or NULL */
    const char *data;         /* the part's content, inside the body (not NUL-terminated) */
    size_t len;
};

/* The boundary parameter of a multipart/form-data Content-Type, copied into the arena; NULL if
 * content_type is not multipart/form-data or has no valid boundary (1-70 characters). */
const char *multipart_boundary(struct arena *a, const char *content_type);

/* Splits body[0..len) into its parts: *parts receives an arena array, the count is returned.
 * -1 with a one-line reason in err when the body is not well-formed: no opening or closing
 * delimiter, a part without its blank line, a header block over MP_MAX_HEADER, more than
 * MP_MAX_PARTS parts, a part without Content-Disposition: form-data, or a bad parameter. Bytes
 * before the first delimiter (preamble) and after the last (epilogue) are ignored. Never reads
 * outside body, whatever it holds. */
int multipart_parse(struct arena *a, const char *boundary, const char *body, size_t len,
                    struct mp_part **parts, char *err, size_t errlen);

#endif
