/* fuzz_multipart.c: libFuzzer target for http/multipart.c. The input's first line is the
 * Content-Type header value, the rest the body: every boundary and body must parse or fail
 * cleanly, parts must lie inside the body, and nothing may be read beyond it. */
#include "http/multipart.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hlen = nl ? (size_t)(nl - data) : size;
    size_t blen = nl ? size - hlen - 1 : 0;
    char *ct = malloc(hlen + 1), *body = malloc(blen ? blen : 1);
    struct arena a;
    struct mp_part *parts;
    char err[128];
    const char *boundary;
    int n;

    memcpy(ct, data, hlen);
    ct[hlen] = '\0';
    if (blen)
        memcpy(body, nl + 1, blen);
    arena_init(&a);
    if ((boundary = multipart_boundary(&a, ct))) {
        n = multipart_parse(&a, boundary, body, blen, &parts, err, sizeof(err));
        for (int i = 0; i < n; i++) {
            volatile unsigned sum = 0;
            if (parts[i].data < body || parts[i].data + parts[i].len > body + blen)
                abort();
            for (size_t k = 0; k < parts[i].len; k++)
                sum += (unsigned char)parts[i].data[k];
            if (parts[i].name)
                sum += (unsigned)strlen(parts[i].name);
            if (parts[i].filename)
                sum += (unsigned)strlen(parts[i].filename);
            if (parts[i].content_type)
                sum += (unsigned)strlen(parts[i].content_type);
        }
    }
    arena_release(&a);
    free(ct);
    free(body);
    return 0;
}
