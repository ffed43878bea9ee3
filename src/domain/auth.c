/* auth.c: tokens, cookie signatures and password hashes (auth.h; store.md §1.8, §2.1).
 * Pure: never touches the database or the request. Every secret comparison is constant time
 * (libsodium's crypto_verify_32 / sodium_memcmp). */
#include "domain/auth.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/json.h"

char *auth_b64url(struct arena *a, const unsigned char *in, size_t len)
{
    size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    sodium_bin2base64(out, n, in, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

static void hmac(unsigned char out[crypto_auth_hmacsha256_BYTES], const void *key, size_t keylen,
                 const char *msg, size_t len)
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, keylen);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, len);
    crypto_auth_hmacsha256_final(&st, out);
}

/* ---- JSON Web Tokens ------------------------------------------------------------------------ */

static const char jwt_header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

char *auth_jwt_sign(struct arena *a, const char *payload_json, const void *key, size_t keylen)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char *head = auth_b64url(a, (const unsigned char *)jwt_header, sizeof(jwt_header) - 1);
    char *body = auth_b64url(a, (const unsigned char *)payload_json, strlen(payload_json));
    char *signing = arena_printf(a, "%s.%s", head, body);
    hmac(mac, key, keylen, signing, strlen(signing));
    return arena_printf(a, "%s.%s", signing, auth_b64url(a, mac, sizeof(mac)));
}

/* Decodes one base64url part into a NUL-terminated arena buffer; NULL if it is not base64url. */
static char *part_decode(struct arena *a, const char *s, size_t len, size_t *outlen)
{
    char *out = arena_alloc(a, len + 1);
    if (sodium_base642bin((unsigned char *)out, len + 1, s, len, NULL, outlen, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return NULL;
    out[*outlen] = '\0';
    return out;
}

/* A JSON object from text, owned by the arena; NULL if the text is anything else. */
static struct json_object *object_parse(struct arena *a, const char *text, size_t len)
{
    struct json_tokener *tok = json_tokener_new();
    struct json_object *o = json_tokener_parse_ex(tok, text, (int)len);
    int good = json_tokener_get_error(tok) == json_tokener_success &&
               json_tokener_get_parse_end(tok) == len;
    json_tokener_free(tok);
    if (!o)
        return NULL;
    json_own(a, o);
    return good && json_object_is_type(o, json_type_object) ? o : NULL;
}

/* A numeric claim: 1 present and a number, 0 absent, -1 present but not a number. */
static int num_claim(struct json_object *p, const char *name, double *out)
{
    struct json_object *v = json_get(p, name);
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double))
        return -1;
    *out = json_object_get_double(v);
    return 1;
}

enum auth_jwt_status auth_jwt_verify(struct arena *a, const char *token, const void *key,
                                     size_t keylen, int64_t now_s, int64_t max_age_s,
                                     struct json_object **payload)
{
    const char *dot1, *dot2;
    unsigned char mac[crypto_auth_hmacsha256_BYTES], sig[crypto_auth_hmacsha256_BYTES + 1];
    size_t hlen, plen, slen;
    char *htext, *ptext;
    struct json_object *head, *claims;
    const char *alg;
    double exp, nbf, iat;
    int rc;

    *payload = NULL;
    if (!token || !(dot1 = strchr(token, '.')) || !(dot2 = strchr(dot1 + 1, '.')) ||
        strchr(dot2 + 1, '.'))
        return AUTH_JWT_MALFORMED;
    if (!(htext = part_decode(a, token, (size_t)(dot1 - token), &hlen)) ||
        !(ptext = part_decode(a, dot1 + 1, (size_t)(dot2 - dot1 - 1), &plen)))
        return AUTH_JWT_MALFORMED;
    if (!(head = object_parse(a, htext, hlen)) || !(claims = object_parse(a, ptext, plen)))
        return AUTH_JWT_MALFORMED;
    /* Only HS256: never "none", never an algorithm the key was not meant for. */
    if (!(alg = json_get_str_opt(head, "alg")) || strcmp(alg, "HS256"))
        return AUTH_JWT_MALFORMED;
    if (sodium_base642bin(sig, sizeof(sig), dot2 + 1, strlen(dot2 + 1), NULL, &slen, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        slen != crypto_auth_hmacsha256_BYTES)
        return AUTH_JWT_BAD_SIGNATURE;
    hmac(mac, key, keylen, token, (size_t)(dot2 - token));
    if (crypto_verify_32(mac, sig) != 0)
        return AUTH_JWT_BAD_SIGNATURE;
    /* jsonwebtoken: expired when now >= exp; not active while now < nbf. */
    if ((rc = num_claim(claims, "nbf", &nbf)) < 0)
        return AUTH_JWT_MALFORMED;
    if (rc && (double)now_s < floor(nbf))
        return AUTH_JWT_NOT_BEFORE;
    if ((rc = num_claim(claims, "exp", &exp)) < 0)
        return AUTH_JWT_MALFORMED;
    if (rc && (double)now_s >= exp)
        return AUTH_JWT_EXPIRED;
    if (max_age_s > 0) {
        if (num_claim(claims, "iat", &iat) != 1)
            return AUTH_JWT_MALFORMED;
        if ((double)now_s >= iat + (double)max_age_s)
            return AUTH_JWT_EXPIRED;
    }
    *payload = claims;
    return AUTH_JWT_OK;
}

struct json_object *auth_jwt_decode(struct arena *a, const char *token)
{
    const char *dot1, *dot2;
    size_t plen;
    char *ptext;
    if (!token || !(dot1 = strchr(token, '.')) || !(dot2 = strchr(dot1 + 1, '.')) ||
        strchr(dot2 + 1, '.'))
        return NULL;
    if (!(ptext = part_decode(a, dot1 + 1, (size_t)(dot2 - dot1 - 1), &plen)))
        return NULL;
    return object_parse(a, ptext, plen);
}

static int b64url_char(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_';
}

int auth_jwt_shaped(const char *s)
{
    /* validator.js 13 isJWT: exactly three dot-separated parts, each URL-safe base64 (possibly
     * empty). */
    int dots = 0;
    for (; *s; s++) {
        if (*s == '.')
            dots++;
        else if (!b64url_char(*s))
            return 0;
    }
    return dots == 2;
}

/* ---- sessions and cookies ------------------------------------------------------------------- */

static void b64url_into(char *out, size_t outlen, const unsigned char *in, size_t len)
{
    sodium_bin2base64(out, outlen, in, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_session_key(const char *sid, char key[AUTH_SID_KEY_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)sid, strlen(sid));
    b64url_into(key, AUTH_SID_KEY_LEN + 1, h, sizeof(h));
}

void auth_session_new(char sid[AUTH_SID_LEN + 1], char key[AUTH_SID_KEY_LEN + 1])
{
    unsigned char raw[24];
    randombytes_buf(raw, sizeof(raw));
    b64url_into(sid, AUTH_SID_LEN + 1, raw, sizeof(raw));
    auth_session_key(sid, key);
}

static void cookie_mac(char out[AUTH_SID_KEY_LEN + 1], const char *sid, size_t len,
                       const char *secret)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    hmac(mac, secret, strlen(secret), sid, len);
    b64url_into(out, AUTH_SID_KEY_LEN + 1, mac, sizeof(mac));
}

char *auth_cookie_sign(struct arena *a, const char *sid, const char *secret)
{
    char mac[AUTH_SID_KEY_LEN + 1];
    cookie_mac(mac, sid, strlen(sid), secret);
    return arena_printf(a, "s%%3A%s.%s", sid, mac);
}

char *auth_cookie_unsign(struct arena *a, const char *value, size_t len, const char *secret)
{
    char mac[AUTH_SID_KEY_LEN + 1];
    const char *sid, *dot;
    size_t sidlen;
    if (len > 4 && !strncmp(value, "s%3A", 4)) {
        sid = value + 4;
        len -= 4;
    } else if (len > 2 && !strncmp(value, "s:", 2)) {
        sid = value + 2;
        len -= 2;
    } else {
        return NULL;
    }
    if (!(dot = memchr(sid, '.', len)))
        return NULL;
    sidlen = (size_t)(dot - sid);
    if (sidlen == 0 || sidlen > 256 || len - sidlen - 1 != AUTH_SID_KEY_LEN)
        return NULL;
    cookie_mac(mac, sid, sidlen, secret);
    if (sodium_memcmp(mac, dot + 1, AUTH_SID_KEY_LEN) != 0)
        return NULL;
    return arena_strndup(a, sid, sidlen);
}

/* ---- passwords ------------------------------------------------------------------------------ */

/* A hash of a random password with the same limits, for auth_password_dummy_verify(). */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$iLyJL6SbixWedKmAduljdw$"
    "LF5XsRE4JF/lWyqWBxCnz3XIQGwTQO+MxrYodK2Elfk";

int auth_password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
    return crypto_pwhash_str_alg(out, password, strlen(password),
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
               ? -1
               : 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Medusa's scrypt-kdf blob (store.md §2.1): header checksum, then HMAC with the derived key. */
static int scrypt_kdf_verify(const char *b64, const char *password)
{
    unsigned char blob[96], dk[64], h[crypto_hash_sha256_BYTES], mac[crypto_auth_hmacsha256_BYTES];
    size_t len;
    uint32_t r, p;
    int ok;
    if (sodium_base642bin(blob, sizeof(blob), b64, strlen(b64), NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != sizeof(blob) || memcmp(blob, "scrypt", 6) || blob[6] != 0)
        return 0;
    r = be32(blob + 8);
    p = be32(blob + 12);
    /* Stored parameters bound the work one login can cost (Medusa writes logN 1, r 1, p 1;
     * scrypt-kdf's defaults are 15, 8, 1): at most 64 MiB and a few hundred milliseconds. */
    if (blob[7] < 1 || blob[7] > 16 || r < 1 || r > 8 || p < 1 || p > 4)
        return 0;
    crypto_hash_sha256(h, blob, 48);
    if (sodium_memcmp(h, blob + 48, 16) != 0)
        return 0;
    if (crypto_pwhash_scryptsalsa208sha256_ll((const uint8_t *)password, strlen(password),
                                              blob + 16, 32, (uint64_t)1 << blob[7], r, p, dk,
                                              sizeof(dk)) != 0)
        return 0;
    hmac(mac, dk + 32, 32, (const char *)blob, 64);
    ok = crypto_verify_32(mac, blob + 64) == 0;
    sodium_memzero(dk, sizeof(dk));
    return ok;
}

int auth_password_verify(const char *hash, const char *password)
{
    if (!hash || !*hash) {
        auth_password_dummy_verify(password);
        return 0;
    }
    if (!strncmp(hash, "$argon2", 7))
        return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    return scrypt_kdf_verify(hash, password);
}

void auth_password_dummy_verify(const char *password)
{
    (void)!crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
}

int auth_password_needs_rehash(const char *hash)
{
    if (strncmp(hash, "$argon2id$", 10))
        return 1;
    return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}
