/* auth.c: /store/auth: log in with a session cookie or for a bearer token, the current session,
 * log out, and "does this e-mail have an account" (store.md §2, §1.8). A wrong e-mail and a
 * wrong password cost the same and answer the same bare 401. Password checks run outside any
 * transaction: the write lock is taken only to store the session. */
#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "db/customer.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/customer.h"
#include "front/auth.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "store/customers.h"

static const struct vparam login_params[] = {
    {"email", V_EMAIL, V_CHECKED},
    {"password", V_NOT_EMPTY, V_CHECKED},
    {NULL, 0, 0},
};

/* authenticateCustomer: the registered customer with that e-mail and password, or the bare 401.
 * A legacy (scrypt-kdf) or weaker hash is replaced by a fresh one, hashed here, stored by the
 * caller's transaction (*rehash). */
static int authenticate(struct req *r, struct customer_row *cu, char rehash[crypto_pwhash_STRBYTES])
{
    const char *email, *password;
    int rc;
    if (validate(r, r->json, login_params, 0) < 0)
        return -1;
    email = customer_email(&r->c, v_str(r->json, "email"));
    password = v_str(r->json, "password");
    /* IsNotEmpty lets any non-empty value through; only a string can match a password. */
    if (!password)
        password = "";
    if ((rc = db_customer_registered(&r->c, email, cu)) < 0 ||
        auth_password_check(r, rc ? cu->password_hash : NULL, password) < 0)
        return -1;
    rehash[0] = '\0';
    if (auth_password_needs_rehash(cu->password_hash) && auth_password_hash(password, rehash) < 0)
        rehash[0] = '\0';
    return 0;
}

/* A login's writes, after the password was checked (and any fresh hash made) outside the write
 * lock: the fresh hash, and with session the customer's session. */
struct login {
    struct req *r;
    const struct customer_row *cu;
    const char *rehash;
    int session;
};

static int login_write(void *arg)
{
    struct login *l = arg;
    struct customer_update u = {NULL, NULL, 0, NULL, l->rehash};
    if (l->rehash[0] && db_customer_update(&l->r->c, l->cu->id, &u) < 0)
        return -1;
    return l->session ? auth_session_start(l->r, l->cu->id, NULL) : 0;
}

/* POST /store/auth */
int store_auth_login(struct req *r)
{
    struct customer_row cu;
    char rehash[crypto_pwhash_STRBYTES];
    struct login l = {r, &cu, rehash, 1};
    if (authenticate(r, &cu, rehash) < 0 || db_tx(&r->c, login_write, &l) < 0)
        return -1;
    return customers_send(r, cu.id, CUSTOMER_VIEW_AUTH);
}

/* GET /store/auth */
int store_auth_session(struct req *r)
{
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_AUTH);
}

/* DELETE /store/auth: always 200 "OK"; bearer tokens stay valid (Medusa keeps no list). */
int store_auth_logout(struct req *r)
{
    return auth_session_end(r, AUTH_CUSTOMER) < 0 ? -1 : resp_text(r, 200, "OK");
}

/* POST /store/auth/token */
int store_auth_token(struct req *r)
{
    const char *secret = r->c.conf->jwt_secret;
    struct json_object *claims;
    struct customer_row cu;
    char rehash[crypto_pwhash_STRBYTES];
    struct login l = {r, &cu, rehash, 0};
    int64_t now = r->c.now_ms / 1000;
    size_t len;
    if (!secret || !*secret)
        return err_set(&r->c, ERR_NOT_FOUND, "Please configure jwt_secret in your environment");
    if (authenticate(r, &cu, rehash) < 0)
        return -1;
    if (rehash[0] && db_tx(&r->c, login_write, &l) < 0)
        return -1;
    /* jsonwebtoken's claims for sign({customer_id, domain}, secret, {expiresIn: "30d"}). */
    claims = json_own(&r->c.arena, json_object_new_object());
    json_set_str(claims, "customer_id", cu.id);
    json_set_str(claims, "domain", "store");
    json_set_int(claims, "iat", now);
    json_set_int(claims, "exp", now + AUTH_STORE_TOKEN_TTL);
    struct json_object *out = json_object_new_object();
    json_set_str(out, "access_token",
                 auth_jwt_sign(&r->c.arena, json_text(claims, &len), secret, strlen(secret)));
    return resp_json(r, 200, out);
}

/* GET /store/auth/:email: never an error, whatever the input. */
int store_auth_exists(struct req *r)
{
    struct customer_row cu;
    struct json_object *out = json_object_new_object();
    int rc = db_customer_registered(&r->c, customer_email(&r->c, req_param(r, "email")), &cu);
    err_clear(&r->c);
    json_set_bool(out, "exists", rc == 1);
    return resp_json(r, 200, out);
}
