/* cors.h: Medusa's cors middleware for /store (store_cors) and /admin (admin_cors), credentials
 * on, preflight included (store.md §1.9). */
#ifndef HTTP_CORS_H
#define HTTP_CORS_H
#include <stddef.h>

struct conf;
struct req;

/* Compiles the origin lists once per worker; -1 with a message for a bad regular expression. */
int cors_init(const struct conf *cf, char *err, size_t errlen);
void cors_release(void);
/* Adds the CORS headers for r; returns 1 when r was a preflight and has been answered. */
int cors_apply(struct req *r);
/* 1 if origin is allowed by the list (exposed for tests). */
int cors_origin_allowed(int admin, const char *origin);

#endif
