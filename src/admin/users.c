/* users.c: /admin/users, the team (Medusa's admin users routes; rules in domain/user.c). A user
 * is answered without its password hash. password-token and reset-password need no login, as in
 * Medusa: the token travels only through the event outbox. Roles are stored, not enforced (Medusa
 * v1 has no permissions). */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/user.h"
#include "domain/auth.h"
#include "domain/customer.h"
#include "domain/user.h"
#include "front/auth.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int send_user(struct req *r, const char *id)
{
    return admin_one_send(r, "user", &ent_user, gsel_cols(&r->c, &ent_user), id, "User with id: ");
}

/* The writes of the routes that hash a password first (argon2id takes tens of milliseconds,
 * never under the write lock), run by db_tx(). */
struct pw_write {
    struct req *r;
    const char *hash;
    const struct user_row *u; /* reset: the user and the hash the token was signed with */
    const char *id;           /* create: the new user's */
};

static int create_write(void *arg)
{
    struct pw_write *w = arg;
    struct json_object *b = w->r->json;
    return user_create(&w->r->c, v_str(b, "email"), v_str(b, "first_name"), v_str(b, "last_name"),
                       v_str(b, "role"), w->hash, &w->id);
}

/* 1 when the new hash replaced the token's, 0 when that one is no longer current. */
static int reset_write(void *arg)
{
    struct pw_write *w = arg;
    return db_user_replace_password(&w->r->c, w->u->id, w->u->password_hash, w->hash);
}

/* IsEnum(UserRoles) on a body's role. */
static const struct venum role_enum[] = {{"role", user_roles, NULL}, {NULL, NULL, NULL}};

/* role (a string or several) must be UserRole values (IsEnum each). */
static int list_filter(struct req *r, struct gquery *q)
{
    static const char *const order[] = {"member", "admin", "developer", NULL};
    int n;
    const char **roles = v_strs(r, r->qs, "role", &n);
    for (int i = 0; i < n; i++) {
        int ok = 0;
        for (const char *const *k = order; *k; k++)
            ok |= !strcmp(*k, roles[i]);
        if (!ok)
            return err_set(&r->c, ERR_INVALID_DATA,
                           "each value in role must be one of the following values: member, "
                           "admin, developer");
    }
    admin_filter_in(r, q, "id", "id");
    admin_filter_in(r, q, "role", "role");
    admin_filter_eq(r, q, "email", "email");
    admin_filter_eq(r, q, "first_name", "first_name");
    admin_filter_eq(r, q, "last_name", "last_name");
    admin_filter_dates(r, q);
    return 0;
}

/* GET /admin/users: 50 a page, q on e-mail and names. */
int admin_users_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"id", V_STR_OR_ARRAY, 0},
        {"email", V_STRING, 0},
        {"first_name", V_STRING, 0},
        {"last_name", V_STRING, 0},
        {"role", V_STR_OR_ARRAY, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {"users", &ent_user, NULL, 50, "email,first_name,last_name",
                                        1};
    static const struct admin_list_more more = {filters, list_filter, NULL, NULL};
    return admin_list_send_with(r, &l, &more);
}

/* GET /admin/users/:id */
int admin_users_get(struct req *r)
{
    return send_user(r, req_param(r, "id"));
}

/* POST /admin/users: AdminCreateUserRequest. */
int admin_users_create(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_CHECKED},       {"first_name", V_STRING, V_OPTIONAL},
        {"last_name", V_STRING, V_OPTIONAL}, {"role", V_ANY, V_OPTIONAL},
        {"password", V_STRING, V_CHECKED},   {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    struct pw_write w = {.r = r};
    validate_msgs_enums(r->json, params, role_enum, &msgs);
    if (validate_done(r, &msgs) < 0 ||
        auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0 ||
        db_tx(&r->c, create_write, &w) < 0)
        return -1;
    return send_user(r, w.id);
}

/* POST /admin/users/:id: AdminUpdateUserRequest; the API token is whatever the admin sets. */
int admin_users_update(struct req *r)
{
    static const struct vparam params[] = {
        {"first_name", V_STRING, V_OPTIONAL}, {"last_name", V_STRING, V_OPTIONAL},
        {"role", V_ANY, V_OPTIONAL},          {"api_token", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},   {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    const char *id = req_param(r, "id");
    validate_msgs_enums(r->json, params, role_enum, &msgs);
    if (validate_done(r, &msgs) < 0 || user_update(&r->c, id, r->json) < 0)
        return -1;
    return send_user(r, id);
}

/* DELETE /admin/users/:id: idempotent, as Medusa's. */
int admin_users_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (user_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "user");
}

/* POST /admin/users/password-token: always 204, so it tells nobody which accounts exist. */
int admin_users_password_token(struct req *r)
{
    static const struct vparam params[] = {{"email", V_EMAIL, V_CHECKED}, {NULL, 0, 0}};
    if (validate(r, r->json, params, 0) < 0 ||
        user_password_token(&r->c, v_str(r->json, "email")) < 0)
        return -1;
    return resp_empty(r, 204);
}

/* POST /admin/users/reset-password: the e-mail is the body's, else the token's. An unknown user
 * is Medusa's 400 "invalid token"; a forged, expired or used token its plain-text 401 (Medusa
 * answers a bad signature with a 500). The new hash replaces the one the token was signed with,
 * and only while that one is current, so a token works once. */
int admin_users_reset_password(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_OPTIONAL},
        {"token", V_STRING, V_CHECKED},
        {"password", V_STRING, V_CHECKED},
        {NULL, 0, 0},
    };
    static const char refused[] = "Invalid or expired password reset token";
    const char *email, *token;
    struct pw_write w = {.r = r};
    struct user_row u;
    int rc;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    token = v_str(r->json, "token");
    if (!(email = v_str(r->json, "email")))
        email = json_get_str_opt(auth_jwt_decode(&r->c.arena, token), "email");
    if (!email || (rc = db_user_by_email(&r->c, customer_email(&r->c, email), &u)) == 0)
        return err_set(&r->c, ERR_INVALID_DATA, "invalid token");
    if (rc < 0)
        return -1;
    if (!user_reset_token_valid(&r->c, &u, token))
        return resp_text(r, 401, refused);
    w.u = &u;
    if (auth_password_new(r, v_str(r->json, "password"), 1, &w.hash) < 0 ||
        (rc = db_tx(&r->c, reset_write, &w)) < 0)
        return -1;
    return rc == 0 ? resp_text(r, 401, refused) : send_user(r, u.id);
}
