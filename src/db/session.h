/* session.h: server-side sessions (the store_session table; store.md §1.8). One session carries a
 * customer, an admin user, or both, as Medusa's express session carries customer_id and user_id.
 * A session is stored under the SHA-256 of its id (domain/auth.h), never under the id the cookie
 * carries. */
#ifndef DB_SESSION_H
#define DB_SESSION_H
#include <stdint.h>

#include "core/ctx.h"

struct session_holders {
    const char *customer_id; /* or NULL */
    const char *user_id;     /* or NULL; only a user that still exists (not deleted) */
};

/* The live session stored under key (expires after now_ms), strings in the arena: 1 found, 0 none
 * (expired, or holding nobody), -1 on a database failure. */
int db_session_get(struct ctx *c, const char *key, int64_t now_ms, struct session_holders *out);
/* Stores a session for s expiring at expires_ms; also drops expired sessions. 0 or -1. */
int db_session_insert(struct ctx *c, const char *key, const struct session_holders *s,
                      int64_t now_ms, int64_t expires_ms);
/* Replaces the session's holders with s (logging one of them out). 0 or -1. */
int db_session_update(struct ctx *c, const char *key, const struct session_holders *s);
/* Deletes the session stored under key (absent is fine). 0 or -1. */
int db_session_delete(struct ctx *c, const char *key);

#endif
