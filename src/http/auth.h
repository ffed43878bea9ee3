/* auth.h: who the customer is (store.md §1.8). The front resolves r->c.customer_id for every
 * request, before any handler and before the answer cache, from the connect.sid session cookie
 * (tried first) or an `Authorization: Bearer` store JWT; a bad, expired or unknown credential is
 * silently anonymous. Handlers start and end sessions through here. */
#ifndef HTTP_AUTH_H
#define HTTP_AUTH_H

struct req;

#define AUTH_COOKIE_NAME "connect.sid"

/* Sets r->c.customer_id (and r->session_key) from the request's credentials. */
void auth_resolve(struct req *r);
/* 1 if Medusa's required-auth middleware guards path even when no route matches it: every path
 * under /store/customers but the three public ones (store.md §3), so an anonymous request gets
 * 401 there rather than 404. */
int auth_gated_path(const char *path);
/* Logs customer_id in: a new server-side session (the request's old one, if any, is replaced, so
 * a planted id never becomes a logged-in one) and its Set-Cookie. 0 or -1. */
int auth_session_start(struct req *r, const char *customer_id);
/* Logs out: deletes the request's session and expires the cookie. 0 or -1. */
int auth_session_end(struct req *r);

#endif
