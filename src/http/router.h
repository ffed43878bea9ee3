/* router.h: the one routing table (routes.def): method + path pattern → handler + flags. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

struct req;

typedef int (*handler_fn)(struct req *r);

enum route_flags {
    F_BODY = 1 << 0,     /* parse the JSON body (missing body = {}) */
    F_WRITE = 1 << 1,    /* run in one BEGIN IMMEDIATE transaction; commit on 0, roll back on -1 */
    F_CUSTOMER = 1 << 2, /* a logged-in customer is required (401 "Unauthorized" otherwise) */
    F_ADMIN = 1 << 3,    /* a logged-in admin user is required */
    F_CACHE = 1 << 4,    /* a read whose 200 answers may be served from the worker's cache */
    F_UPLOAD = 1 << 5,   /* a multipart/form-data body of up to conf.max_upload bytes */
};

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
    const char *name;
    unsigned flags;
};

#define ROUTE(m, p, fn, fl) int fn(struct req *r);
#include "http/routes.def"
#undef ROUTE

extern const struct route routes[];
extern const int routes_count;

enum router_result { ROUTER_FOUND, ROUTER_NO_PATH, ROUTER_NO_METHOD };

/* Finds the route for method and path and fills r->param*. HEAD matches GET routes. */
enum router_result router_match(struct req *r, const char *method, const char *path);

#endif
