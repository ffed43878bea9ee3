/* test_auth.c: domain/auth.c: HS256 tokens against vectors computed independently (Python's hmac),
 * jsonwebtoken's expiry rules, the signed session cookie, password hashes including Medusa's
 * scrypt-kdf fixture (store.md §2.1). */
#include "core/arena.h"
#include "core/json.h"
#include "domain/auth.h"
#include "tap.h"

#include <string.h>

#define SECRET "supersecret"
#define TOKEN                                                                                      \
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjdXN0b21lcl9pZCI6ImN1c18wMSIsImRvbWFpbiI6InN0b3JlIiw" \
    "iaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDI1OTIwMDB9.-8_DlH9jRJg6ChithjBpXlX725W3n7K_uLcOUd8i0zo"
#define PAYLOAD                                                                                    \
    "{\"customer_id\":\"cus_01\",\"domain\":\"store\",\"iat\":1700000000,\"exp\":1702592000}"

static enum auth_jwt_status verify(struct arena *a, const char *tok, const char *key, int64_t now,
                                   int64_t max_age, struct json_object **p)
{
    return auth_jwt_verify(a, tok, key, strlen(key), now, max_age, p);
}

int main(void)
{
    struct arena a;
    struct json_object *p;
    char *tok, *sid, *v;
    char hash[crypto_pwhash_STRBYTES], s1[AUTH_SID_LEN + 1], k1[AUTH_SID_KEY_LEN + 1];
    char s2[AUTH_SID_LEN + 1], k2[AUTH_SID_KEY_LEN + 1];

    if (sodium_init() < 0)
        return 1;
    arena_init(&a);

    /* Signing matches an independent HS256 implementation byte for byte. */
    is_str(auth_jwt_sign(&a, PAYLOAD, SECRET, strlen(SECRET)), TOKEN, "jwt: sign vector");
    ok(verify(&a, TOKEN, SECRET, 1700000000, 0, &p) == AUTH_JWT_OK, "jwt: verifies at iat");
    is_str(json_get_str_opt(p, "customer_id"), "cus_01", "jwt: claims come back");
    ok(verify(&a, TOKEN, SECRET, 1702591999, 0, &p) == AUTH_JWT_OK, "jwt: valid until exp - 1");
    ok(verify(&a, TOKEN, SECRET, 1702592000, 0, &p) == AUTH_JWT_EXPIRED,
       "jwt: expired at exp (jsonwebtoken: now >= exp)");
    ok(p == NULL, "jwt: no claims when refused");
    ok(verify(&a, TOKEN, "supersecreT", 1700000000, 0, &p) == AUTH_JWT_BAD_SIGNATURE,
       "jwt: another key is a bad signature");
    ok(verify(&a, TOKEN, SECRET, 1700000899, 900, &p) == AUTH_JWT_OK, "jwt: max age, inside");
    ok(verify(&a, TOKEN, SECRET, 1700000900, 900, &p) == AUTH_JWT_EXPIRED,
       "jwt: max age, at iat + max age");

    /* Tampering with any part fails. */
    tok = arena_strdup(&a, TOKEN);
    tok[40] = tok[40] == 'A' ? 'B' : 'A';
    ok(verify(&a, tok, SECRET, 1700000000, 0, &p) != AUTH_JWT_OK, "jwt: payload changed");
    tok = arena_strdup(&a, TOKEN);
    tok[strlen(tok) - 2] = tok[strlen(tok) - 2] == 'z' ? 'y' : 'z';
    ok(verify(&a, tok, SECRET, 1700000000, 0, &p) == AUTH_JWT_BAD_SIGNATURE, "jwt: mac changed");
    ok(verify(&a, "a.b", SECRET, 0, 0, &p) == AUTH_JWT_MALFORMED, "jwt: two parts");
    ok(verify(&a, "a.b.c.d", SECRET, 0, 0, &p) == AUTH_JWT_MALFORMED, "jwt: four parts");
    ok(verify(&a, "!!.??.xx", SECRET, 0, 0, &p) == AUTH_JWT_MALFORMED, "jwt: not base64url");
    ok(verify(&a, NULL, SECRET, 0, 0, &p) == AUTH_JWT_MALFORMED, "jwt: NULL");
    /* alg "none" with an empty signature is refused whatever the key. */
    ok(verify(&a,
              "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJjdXN0b21lcl9pZCI6ImN1c18wMSIsImRvbWFpbiI6InN0"
              "b3JlIn0.",
              SECRET, 0, 0, &p) == AUTH_JWT_MALFORMED,
       "jwt: alg none is refused");
    /* Without exp a token does not expire (jsonwebtoken), but max age then needs iat. */
    tok = auth_jwt_sign(&a, "{\"customer_id\":\"c\"}", "k", 1);
    ok(verify(&a, tok, "k", 4000000000, 0, &p) == AUTH_JWT_OK, "jwt: no exp, no expiry");
    ok(verify(&a, tok, "k", 1, 900, &p) == AUTH_JWT_MALFORMED, "jwt: max age needs iat");
    tok = auth_jwt_sign(&a, "{\"exp\":\"soon\"}", "k", 1);
    ok(verify(&a, tok, "k", 1, 0, &p) == AUTH_JWT_MALFORMED, "jwt: a non-numeric exp");
    tok = auth_jwt_sign(&a, "{\"nbf\":100}", "k", 1);
    ok(verify(&a, tok, "k", 99, 0, &p) == AUTH_JWT_NOT_BEFORE, "jwt: before nbf");
    ok(verify(&a, tok, "k", 100, 0, &p) == AUTH_JWT_OK, "jwt: at nbf");

    /* decode() reads the claims whatever the signature, and nothing but a JWT's object. */
    p = auth_jwt_decode(&a, TOKEN);
    is_str(json_get_str_opt(p, "customer_id"), "cus_01", "jwt decode: claims of a valid token");
    tok = arena_strdup(&a, TOKEN);
    tok[strlen(tok) - 2] = tok[strlen(tok) - 2] == 'z' ? 'y' : 'z';
    p = auth_jwt_decode(&a, tok);
    is_str(json_get_str_opt(p, "customer_id"), "cus_01", "jwt decode: a bad signature too");
    ok(auth_jwt_decode(&a, "a.b") == NULL, "jwt decode: two parts");
    ok(auth_jwt_decode(&a, "a.!!.c") == NULL, "jwt decode: not base64url");
    ok(auth_jwt_decode(&a, "a.WzFd.c") == NULL, "jwt decode: an array is no claims object");
    ok(auth_jwt_decode(&a, NULL) == NULL, "jwt decode: NULL");
    tok = auth_jwt_sign(&a, "[1,2]", "k", 1);
    ok(verify(&a, tok, "k", 1, 0, &p) == AUTH_JWT_MALFORMED, "jwt: payload must be an object");

    ok(auth_jwt_shaped(TOKEN), "IsJWT: a token");
    ok(auth_jwt_shaped("a.b."), "IsJWT: empty parts are base64");
    ok(!auth_jwt_shaped("a.b"), "IsJWT: two parts");
    ok(!auth_jwt_shaped("a.b.c.d"), "IsJWT: four parts");
    ok(!auth_jwt_shaped("a.b+.c"), "IsJWT: not URL-safe");
    ok(!auth_jwt_shaped(""), "IsJWT: empty");

    /* Cookies: express-session's shape, our signature. */
    v = auth_cookie_sign(&a, "abcdefghijklmnopqrstuvwxyz012345", "cookiesecret");
    is_str(v, "s%3Aabcdefghijklmnopqrstuvwxyz012345.Eea-lo7RPQzDuPJgy7TpSWWsyRs4fTmaVEZVAqfWiXE",
           "cookie: sign vector");
    sid = auth_cookie_unsign(&a, v, strlen(v), "cookiesecret");
    is_str(sid, "abcdefghijklmnopqrstuvwxyz012345", "cookie: unsign");
    ok(!auth_cookie_unsign(&a, v, strlen(v), "other"), "cookie: another secret");
    ok(!auth_cookie_unsign(&a, v, strlen(v) - 1, "cookiesecret"), "cookie: truncated");
    v = arena_printf(&a, "s:%s", v + 4);
    ok(auth_cookie_unsign(&a, v, strlen(v), "cookiesecret") != NULL, "cookie: s: prefix too");
    ok(!auth_cookie_unsign(&a, "abc.def", 7, "cookiesecret"), "cookie: no prefix");
    v = arena_strdup(
        &a, "s%3Aabcdefghijklmnopqrstuvwxyz012346.Eea-lo7RPQzDuPJgy7TpSWWsyRs4fTmaVEZVAqfWiXE");
    ok(!auth_cookie_unsign(&a, v, strlen(v), "cookiesecret"), "cookie: other id, same mac");

    auth_session_new(s1, k1);
    auth_session_new(s2, k2);
    ok(strlen(s1) == AUTH_SID_LEN && strlen(k1) == AUTH_SID_KEY_LEN, "session: id lengths");
    ok(strcmp(s1, s2) && strcmp(k1, k2), "session: ids are random");
    auth_session_key("abcdefghijklmnopqrstuvwxyz012345", k1);
    is_str(k1, "ZTuxJF6Cj82k-lP81aPe9b12VOZR9UtBMrc9dOZENcQ", "session: key is sha256, base64url");

    /* Passwords. */
    ok(auth_password_hash("secret-jane", hash) == 0, "password: hash");
    ok(!strncmp(hash, "$argon2id$", 10), "password: argon2id");
    ok(auth_password_verify(hash, "secret-jane") == 1, "password: right password");
    ok(auth_password_verify(hash, "secret-janE") == 0, "password: wrong password");
    ok(!auth_password_needs_rehash(hash), "password: fresh hash needs no rehash");
    ok(auth_password_verify(NULL, "x") == 0, "password: no hash never matches");
    ok(auth_password_verify("", "") == 0, "password: empty hash never matches");
    static const char medusa[] = "c2NyeXB0AAEAAAABAAAAAVMdaddoGjwU1TafDLLlBKnOTQga7P2dbrfgf3fB+rCD/"
                                 "cJOMuGzAvRdKutbYkVpuJWTU39P7OpuWNkUVoEETOVLMJafbI8qs8Qx/7jMQXkN";
    ok(auth_password_verify(medusa, "test") == 1, "password: Medusa's scrypt-kdf fixture");
    ok(auth_password_verify(medusa, "tesT") == 0, "password: scrypt-kdf, wrong password");
    ok(auth_password_needs_rehash(medusa), "password: scrypt-kdf is rehashed");
    ok(auth_password_verify("c2NyeXB0AAEAAAABAAAAAVMd", "test") == 0, "password: short blob");

    arena_release(&a);
    return done_testing();
}
