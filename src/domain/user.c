/* user.c: admin users and their invitations (user.h), with Medusa's messages. Never hashes a
 * password (the caller does, before its transaction) and never writes outside the caller's
 * transaction. */
#include "domain/user.h"

#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/event.h"
#include "db/user.h"
#include "domain/auth.h"
#include "domain/customer.h"
#include "domain/metadata.h"

#define INVITE_TTL_MS (7LL * 24 * 3600 * 1000) /* DEFAULT_VALID_DURATION, and resend's 7 days */

const char *const user_roles[] = {"admin", "member", "developer", NULL};

int user_create(struct ctx *c, const char *email, const char *first_name, const char *last_name,
                const char *role, const char *password_hash, const char **id)
{
    struct user_row u;
    int rc;
    email = customer_email(c, email);
    if ((rc = db_user_by_email(c, email, &u)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_INVALID_DATA, "A user with the same email already exists.");
    if (!(*id = db_user_insert(c, email, first_name, last_name, role, password_hash)))
        return -1;
    return db_event_id(c, "user.created", *id);
}

int user_update(struct ctx *c, const char *id, struct json_object *body)
{
    static const char *const columns[] = {"first_name", "last_name", "role", "api_token", NULL};
    struct json_object *fields = json_own(&c->arena, json_object_new_object()), *v;
    const char *old = NULL, *merged = NULL;
    size_t len;
    int rc;
    if ((rc = db_user_metadata(c, id, &old)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "User with id: %s was not found", id);
    for (const char *const *k = columns; *k; k++)
        if (json_object_object_get_ex(body, *k, &v))
            json_object_object_add(fields, *k, json_share(v));
    /* `if (metadata)`: a null leaves it as it is. */
    if ((v = json_get(body, "metadata")) && json_object_is_type(v, json_type_object))
        merged = metadata_merge(c, old, v);
    if (db_user_update(c, id, json_text(fields, &len), merged) < 0)
        return -1;
    return db_event_id(c, "user.updated", id);
}

int user_delete(struct ctx *c, const char *id)
{
    int rc = db_user_delete(c, id);
    if (rc <= 0)
        return rc;
    return db_event_id(c, "user.deleted", id);
}

int user_password_token(struct ctx *c, const char *email)
{
    struct json_object *claims = json_own(&c->arena, json_object_new_object());
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    struct user_row u;
    int64_t now = c->now_ms / 1000;
    size_t len;
    int rc;
    email = customer_email(c, email);
    if ((rc = db_user_by_email(c, email, &u)) <= 0 || !u.password_hash || !*u.password_hash)
        return rc < 0 ? -1 : 0;
    /* jsonwebtoken's sign({user_id, email, exp}, password_hash) adds iat last. */
    json_set_str(claims, "user_id", u.id);
    json_set_str(claims, "email", email);
    json_set_int(claims, "exp", now + AUTH_RESET_TOKEN_TTL);
    json_set_int(claims, "iat", now);
    json_set_str(ev, "email", email);
    json_set_str(ev, "token",
                 auth_jwt_sign(&c->arena, json_text(claims, &len), u.password_hash,
                               strlen(u.password_hash)));
    return db_event_add(c, "user.password_reset", json_text(ev, &len));
}

int user_reset_token_valid(struct ctx *c, const struct user_row *u, const char *token)
{
    struct json_object *claims;
    const char *sub;
    if (!u->password_hash || !*u->password_hash)
        return 0;
    if (auth_jwt_verify(&c->arena, token, u->password_hash, strlen(u->password_hash),
                        c->now_ms / 1000, 0, &claims) != AUTH_JWT_OK)
        return 0;
    return (sub = json_get_str_opt(claims, "user_id")) && !strcmp(sub, u->id);
}

/* A fresh token for invite id, valid seven days from now, saved with role (NULL: kept) and
 * announced as invite.created. */
static int invite_issue(struct ctx *c, const char *id, const char *role, const char *email)
{
    const char *secret = c->conf->jwt_secret;
    struct json_object *claims = json_own(&c->arena, json_object_new_object());
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    char expires[TIMEFMT_LEN];
    const char *token;
    size_t len;
    if (!secret || !*secret)
        return err_set(c, ERR_INVALID_DATA, "Please configure jwt_secret");
    json_set_str(claims, "invite_id", id);
    json_set_str(claims, "role", role);
    json_set_str(claims, "user_email", email);
    json_set_int(claims, "iat", c->now_ms / 1000);
    token = auth_jwt_sign(&c->arena, json_text(claims, &len), secret, strlen(secret));
    timefmt_iso(expires, sizeof(expires), c->now_ms + INVITE_TTL_MS);
    if (db_invite_set_token(c, id, role, token, expires) < 0)
        return -1;
    json_set_str(ev, "id", id);
    json_set_str(ev, "token", token);
    json_set_str(ev, "user_email", email);
    return db_event_add(c, "invite.created", json_text(ev, &len));
}

int invite_create(struct ctx *c, const char *email, const char *role)
{
    struct user_row u;
    struct invite_row inv;
    const char *id;
    int rc;
    email = customer_email(c, email);
    if ((rc = db_user_by_email(c, email, &u)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_INVALID_DATA, "Can't invite a user with an existing account");
    if ((rc = db_invite_load(c, email, 1, &inv)) < 0)
        return -1;
    /* The role moves to the new one while the invite is not accepted; the token always renews. */
    if (rc)
        id = inv.id;
    else if (!(id = db_invite_insert(c, email, role)))
        return -1;
    return invite_issue(c, id, role, email);
}

int invite_resend(struct ctx *c, const char *id)
{
    struct invite_row inv;
    int rc = db_invite_load(c, id, 0, &inv);
    if (rc <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Invite doesn't exist");
    return invite_issue(c, inv.id, inv.role, inv.user_email);
}

int invite_delete(struct ctx *c, const char *id)
{
    return db_invite_delete(c, id);
}

int invite_token_check(struct ctx *c, const char *token, const char **invite_id, const char **email)
{
    const char *secret = c->conf->jwt_secret;
    struct json_object *claims;
    if (!secret || !*secret)
        return err_set(c, ERR_INVALID_DATA, "Token is not valid");
    if (auth_jwt_verify(&c->arena, token, secret, strlen(secret), c->now_ms / 1000, 0, &claims) !=
            AUTH_JWT_OK ||
        !(*invite_id = json_get_str_opt(claims, "invite_id")) ||
        !(*email = json_get_str_opt(claims, "user_email")))
        return err_set(c, ERR_INVALID_DATA, "Token is not valid");
    return 0;
}

int invite_accept(struct ctx *c, const char *invite_id, const char *email, const char *first_name,
                  const char *last_name, const char *password_hash)
{
    struct invite_row inv;
    struct user_row u;
    int64_t expires;
    const char *id;
    int rc;
    if ((rc = db_invite_load(c, invite_id, 0, &inv)) < 0)
        return -1;
    if (!rc || strcmp(inv.user_email, email) || timefmt_parse(inv.expires_at, &expires) < 0 ||
        c->now_ms > expires)
        return err_set(c, ERR_INVALID_DATA, "Invalid invite");
    if ((rc = db_user_by_email(c, customer_email(c, email), &u)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "User already joined");
    if (user_create(c, inv.user_email, first_name, last_name, inv.role, password_hash, &id) < 0)
        return -1;
    return db_invite_delete(c, inv.id);
}
