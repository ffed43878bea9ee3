/* auth.h: who the customer is (store.md §1.8). The front resolves r->c.customer_id for every
 * request, before any handler and before the answer cache, from the connect.sid session cookie
 * (tried first) or an `Authorization: Bearer` store JWT; a bad, expired or unknown credential is
 * silently anonymous. Handlers start and end sessions through here. */
#ifndef FRONT_AUTH_H
#define FRONT_AUTH_H

struct req;

#define AUTH_COOKIE_NAME "connect.sid"

/* Sets r->c.customer_id (and r->session_*) from the request's credentials, and on /admin paths
 * r->c.user_id. */
void auth_resolve(struct req *r);
/* 1 if Medusa's required-auth middleware refuses r's path even when no route matches it, for want
 * of a customer on every path under /store/customers (store.md §3: an anonymous request gets 401
 * there rather than 404), or of an admin user on every /admin path but the login ones. */
int auth_gate_refuses(const struct req *r);
/* Logs a customer or an admin user in (the other argument NULL): a new server-side session (the
 * request's old one, if any, is replaced, so a planted id never becomes a logged-in one; whoever
 * else it held stays logged in) and its Set-Cookie. 0 or -1. */
int auth_session_start(struct req *r, const char *customer_id, const char *user_id);
enum auth_holder { AUTH_CUSTOMER, AUTH_USER };
/* A login's password check: 0 if password matches hash, else the bare 401. hash NULL (no such
 * account) costs what a wrong password costs. */
int auth_password_check(struct req *r, const char *hash, const char *password);
/* A new password's hash, made before the transaction opens (argon2id takes tens of milliseconds),
 * into *out (arena). An empty password gives NULL unless empty_too (Medusa's services skip it
 * with `if (password)`, except setPassword_). 0, or -1 when hashing runs out of memory. */
int auth_password_new(struct req *r, const char *password, int empty_too, const char **out);
/* Logs the customer or the admin user out: the session keeps the other holder if it has one,
 * otherwise it is deleted and the cookie expired. 0 or -1. */
int auth_session_end(struct req *r, enum auth_holder who);

#endif
