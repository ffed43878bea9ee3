/* auth.h: the cryptography of customer authentication (store.md §1.8, §2.1, §3, §4.3), as pure
 * functions over libsodium: HS256 JSON Web Tokens with Medusa's claims, the signed session cookie
 * value, session ids, and password hashes (argon2id; Medusa's scrypt-kdf hashes still verify).
 * Nothing here reads the database or the request. sodium_init() must have run. */
#ifndef DOMAIN_AUTH_H
#define DOMAIN_AUTH_H
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

struct arena;
struct json_object;

/* Lifetimes Medusa uses (seconds). */
#define AUTH_STORE_TOKEN_TTL (30 * 24 * 3600) /* POST /store/auth/token: expiresIn "30d" */
#define AUTH_RESET_TOKEN_TTL (15 * 60)        /* password reset: exp = now + 15 min */
#define AUTH_CLAIM_TOKEN_TTL (15 * 60)        /* order claim: expiresIn / maxAge "15m" */
#define AUTH_SESSION_TTL_MS  (36000000LL)     /* express-session maxAge: 10 h */

/* base64url without padding of len bytes, NUL-terminated, in the arena. */
char *auth_b64url(struct arena *a, const unsigned char *in, size_t len);

/* An HS256 JWT of payload_json (a JSON object text) signed with key, in the arena. */
char *auth_jwt_sign(struct arena *a, const char *payload_json, const void *key, size_t keylen);

enum auth_jwt_status {
    AUTH_JWT_OK = 0,
    AUTH_JWT_MALFORMED, /* not three base64url parts, bad JSON, or an algorithm other than HS256 */
    AUTH_JWT_BAD_SIGNATURE,
    AUTH_JWT_EXPIRED,    /* exp passed, or older than max_age */
    AUTH_JWT_NOT_BEFORE, /* nbf in the future */
};

/* Verifies token as jsonwebtoken's verify() does for HS256: signature (constant time), then
 * `exp` (valid while now < exp) and `nbf` when present; with max_age_s > 0 also `iat`, which is
 * then required (valid while now < iat + max_age_s). On AUTH_JWT_OK *payload is the claims
 * object, owned by the arena. */
enum auth_jwt_status auth_jwt_verify(struct arena *a, const char *token, const void *key,
                                     size_t keylen, int64_t now_s, int64_t max_age_s,
                                     struct json_object **payload);

/* The claims of token without checking anything (jsonwebtoken's decode(), for the reset page's
 * e-mail): an arena-owned object, or NULL when token is not three parts with a JSON object in
 * the middle. Never trust them before auth_jwt_verify(). */
struct json_object *auth_jwt_decode(struct arena *a, const char *token);

/* 1 if s has the shape of a JWT (class-validator's IsJWT: three URL-safe base64 parts). */
int auth_jwt_shaped(const char *s);

/* A fresh session id (24 random bytes, base64url: 32 characters) and the key it is stored under
 * (base64url of its SHA-256), so that a copy of the database does not hand out live sessions. */
#define AUTH_SID_LEN     32
#define AUTH_SID_KEY_LEN 43
void auth_session_new(char sid[AUTH_SID_LEN + 1], char key[AUTH_SID_KEY_LEN + 1]);
void auth_session_key(const char *sid, char key[AUTH_SID_KEY_LEN + 1]);

/* The connect.sid cookie value for sid, as express-session writes it: "s%3A" + sid + "." +
 * HMAC-SHA256(sid, secret) in base64url without padding. In the arena. */
char *auth_cookie_sign(struct arena *a, const char *sid, const char *secret);
/* The session id of a cookie value made by auth_cookie_sign ("s%3A" or "s:" prefix), or NULL when
 * it is malformed or its signature does not verify (constant-time compare). In the arena. */
char *auth_cookie_unsign(struct arena *a, const char *value, size_t len, const char *secret);

/* argon2id (libsodium's interactive limits) of password into out. 0, or -1 when out of memory. */
int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES]);
/* 1 if password matches hash (an argon2id string, or Medusa's base64 scrypt-kdf blob,
 * store.md §2.1), 0 otherwise (including a NULL or unknown hash). Constant time in the password. */
int auth_password_verify(const char *hash, const char *password);
/* The same work as a verification that fails, for unknown accounts: a wrong e-mail costs what a
 * wrong password costs. */
void auth_password_dummy_verify(const char *password);
/* 1 if hash should be replaced by a fresh auth_password_hash() (scrypt-kdf, weaker limits). */
int auth_password_needs_rehash(const char *hash);

#endif
