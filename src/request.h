/* request.h: running one request that the transport has read (http/req.h) to its answer. */
#ifndef REQUEST_H
#define REQUEST_H

struct req;

/* Runs the whole request: route, flags, handler, transaction, error rendering, log line
 * (STYLE.md §2). The response has been written to r->out when it returns. */
void req_handle(struct req *r);

#endif
