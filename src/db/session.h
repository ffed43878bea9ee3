/* session.h: server-side customer sessions (the store_session table; store.md §1.8). A session is
 * stored under the SHA-256 of its id (domain/auth.h), never under the id the cookie carries. */
#ifndef DB_SESSION_H
#define DB_SESSION_H
#include <stdint.h>

#include "core/ctx.h"

/* The customer of the live session stored under key (expires after now_ms), in the arena; NULL
 * when there is none, it expired, or it holds no customer (no error recorded either way, except
 * a database failure). */
const char *db_session_customer(struct ctx *c, const char *key, int64_t now_ms);
/* Stores a session for customer_id expiring at expires_ms; also drops expired sessions. 0 or -1. */
int db_session_insert(struct ctx *c, const char *key, const char *customer_id, int64_t now_ms,
                      int64_t expires_ms);
/* Deletes the session stored under key (absent is fine). 0 or -1. */
int db_session_delete(struct ctx *c, const char *key);

#endif
