/* auth.c: /admin/auth: an admin user logs in with a session cookie or for a bearer token, reads
 * the current user, logs out (admin auth routes of Medusa v1). The users are the seed file's,
 * their passwords hashed like customers' (domain/auth.h). A wrong e-mail and a wrong password cost
 * the same and answer the same bare 401. */
#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/user.h"
#include "domain/auth.h"
#include "domain/customer.h"
#include "front/auth.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

#define ADMIN_TOKEN_TTL (24 * 3600) /* get-token: expiresIn "24h" */

static const struct vparam login_params[] = {
    {"email", V_EMAIL, V_CHECKED},
    {"password", V_NOT_EMPTY, V_CHECKED},
    {NULL, 0, 0},
};

/* AuthService.authenticate: the live user with that e-mail and password, or the bare 401. A
 * legacy or weaker hash gets a fresh one (*rehash, else ""), hashed here, stored by login_write. */
static int authenticate(struct req *r, struct user_row *u, char rehash[crypto_pwhash_STRBYTES])
{
    const char *password;
    int rc;
    if (validate(r, r->json, login_params, 0) < 0)
        return -1;
    password = v_str(r->json, "password");
    if (!password) /* IsNotEmpty lets any non-empty value through; only a string can match */
        password = "";
    if ((rc = db_user_by_email(&r->c, customer_email(&r->c, v_str(r->json, "email")), u)) < 0 ||
        auth_password_check(r, rc ? u->password_hash : NULL, password) < 0)
        return -1;
    rehash[0] = '\0';
    if (auth_password_needs_rehash(u->password_hash) && auth_password_hash(password, rehash) < 0)
        rehash[0] = '\0';
    return 0;
}

/* A login's writes, after the password was checked outside the write lock: the fresh hash, and
 * with session the user's session. */
struct login {
    struct req *r;
    const struct user_row *u;
    const char *rehash;
    int session;
};

static int login_write(void *arg)
{
    struct login *l = arg;
    if (l->rehash[0] && db_user_set_password_hash(&l->r->c, l->u->id, l->rehash) < 0)
        return -1;
    return l->session ? auth_session_start(l->r, NULL, l->u->id) : 0;
}

/* {user} without password_hash. */
static int send_user(struct req *r, const char *id)
{
    struct gquery q;
    int rc;
    gq_init(&r->c, &q, &ent_user, gsel_cols(&r->c, &ent_user));
    gq_where_eq(&r->c, &q, "id", id);
    if ((rc = page_row(r, "user", &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "User with id: %s was not found", id);
    return rc;
}

/* POST /admin/auth */
int admin_auth_login(struct req *r)
{
    struct user_row u;
    char rehash[crypto_pwhash_STRBYTES];
    struct login l = {r, &u, rehash, 1};
    if (authenticate(r, &u, rehash) < 0 || db_tx(&r->c, login_write, &l) < 0)
        return -1;
    return send_user(r, u.id);
}

/* GET /admin/auth */
int admin_auth_session(struct req *r)
{
    return send_user(r, r->c.user_id);
}

/* DELETE /admin/auth: 200 "OK". A customer logged in on the same session stays logged in. */
int admin_auth_logout(struct req *r)
{
    return auth_session_end(r, AUTH_USER) < 0 ? -1 : resp_text(r, 200, "OK");
}

/* POST /admin/auth/token */
int admin_auth_token(struct req *r)
{
    const char *secret = r->c.conf->jwt_secret;
    struct json_object *claims, *out;
    struct user_row u;
    char rehash[crypto_pwhash_STRBYTES];
    struct login l = {r, &u, rehash, 0};
    int64_t now = r->c.now_ms / 1000;
    size_t len;
    if (!secret || !*secret)
        return err_set(&r->c, ERR_NOT_FOUND, "Please configure jwt_secret in your environment");
    if (authenticate(r, &u, rehash) < 0 || (rehash[0] && db_tx(&r->c, login_write, &l) < 0))
        return -1;
    /* jsonwebtoken's claims for sign({user_id, domain: "admin"}, secret, {expiresIn: "24h"}). */
    claims = json_own(&r->c.arena, json_object_new_object());
    json_set_str(claims, "user_id", u.id);
    json_set_str(claims, "domain", "admin");
    json_set_int(claims, "iat", now);
    json_set_int(claims, "exp", now + ADMIN_TOKEN_TTL);
    out = json_object_new_object();
    json_set_str(out, "access_token",
                 auth_jwt_sign(&r->c.arena, json_text(claims, &len), secret, strlen(secret)));
    return resp_json(r, 200, out);
}
