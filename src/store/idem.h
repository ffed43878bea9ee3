/* idem.h: Medusa's idempotency keys for the routes that take them (checkout.md §1.7, store.md
 * §1.11): a key the server issued before is resumed (a finished one replays its stored answer),
 * anything else gets a fresh UUID v4 key; the key is always sent back in `Idempotency-Key`. A key
 * is bound to the method, route and resource it was first used with: used for anything else it is
 * Medusa's 409 conflict (issue #12; Medusa replays it anywhere, another cart's answer included). */
#ifndef STORE_IDEM_H
#define STORE_IDEM_H
#include "db/checkout.h"

struct req;

struct idem {
    struct ikey_row k;
    int replayed; /* the stored answer was sent: the handler returns 0 at once */
};

/* Reuses a key the server issued before (replaying a finished answer), else issues one. The key is
 * bound to the request's method and route with its path parameters, and to resource (the
 * resource a body names, e.g. a return's order_id; NULL when the path names it). */
int idem_start(struct req *r, const char *resource, struct idem *im);
/* Stores the answer on the key (recovery point `finished`) and sends it. */
int idem_finish(struct req *r, struct idem *im, int status, const char *body);

#endif
