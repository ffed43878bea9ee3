/* ctx.h: everything a request needs below HTTP: arena, database, error, config, clock, identity.
 * Every fallible function below the front takes it first (STYLE.md §3). */
#ifndef CORE_CTX_H
#define CORE_CTX_H
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct conf;
struct db;
struct https;

struct ctx {
    struct arena arena;
    struct err err;
    const struct conf *conf;
    struct db *db;
    struct https *https;     /* the worker's kept connection to Stripe, made on first use */
    int64_t now_ms;          /* request start, wall clock */
    const char *customer_id; /* logged-in customer (cookie or bearer), or NULL */
    const char
        *user_id; /* logged-in admin user (cookie, bearer or API token; /admin only), or NULL */
    const char *pk_id; /* publishable api key id from x-publishable-api-key, or NULL */
};

/* Records an error unless one is already recorded (the first, deepest one wins). Returns -1. */
int err_set(struct ctx *c, enum err_type t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same with an explicit `code` (a static string). */
int err_set_code(struct ctx *c, enum err_type t, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Forgets a recorded error (for callers that handle it, e.g. optional lookups). */
void err_clear(struct ctx *c);

#endif
