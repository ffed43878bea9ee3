/* request.h: running one request that the transport has read (http/req.h) to its answer. */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>

struct req;

/* Runs the whole request: route, flags, handler, transaction, error rendering, log line
 * (STYLE.md §2). The response has been written to r->out when it returns. */
void req_handle(struct req *r);
/* The body limit of the request read so far (struct req's body_limit): max_upload for the upload
 * routes (F_UPLOAD; nginx has the same limit on their locations), max_body otherwise. */
size_t req_body_limit(struct req *r);

#endif
