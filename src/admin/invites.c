/* invites.c: /admin/invites (Medusa's invite routes; rules in domain/user.c). Writes answer
 * Express's sendStatus(200) "OK"; the token reaches the invitee through invite.created (and the
 * admins' list, from which the dashboard copies invite links). Accepting needs no login. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/user.h"
#include "front/auth.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* GET /admin/invites: every live invite, oldest first; Medusa reads no query here. */
int admin_invites_list(struct req *r)
{
    struct gquery q;
    gq_init(&r->c, &q, &ent_invite, gsel_cols(&r->c, &ent_invite));
    gq_order_col(&r->c, &q, "created_at", 0);
    return page_list(r, "invites", &q, 0);
}

/* POST /admin/invites: AdminPostInvitesReq {user, role}. */
int admin_invites_create(struct req *r)
{
    static const struct vparam params[] = {
        {"user", V_EMAIL, V_CHECKED},
        {"role", V_ANY, V_CHECKED},
        {NULL, 0, 0},
    };
    static const struct venum roles[] = {{"role", user_roles, NULL}, {NULL, NULL, NULL}};
    struct sbuf msgs = SBUF_INIT;
    validate_msgs_enums(r->json, params, roles, &msgs);
    if (validate_done(r, &msgs) < 0 ||
        invite_create(&r->c, v_str(r->json, "user"), v_str(r->json, "role")) < 0)
        return -1;
    return resp_text(r, 200, "OK");
}

/* POST /admin/invites/:invite_id/resend */
int admin_invites_resend(struct req *r)
{
    if (invite_resend(&r->c, req_param(r, "invite_id")) < 0)
        return -1;
    return resp_text(r, 200, "OK");
}

/* DELETE /admin/invites/:invite_id: idempotent. */
int admin_invites_delete(struct req *r)
{
    const char *id = req_param(r, "invite_id");
    if (invite_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "invite");
}

/* AdminPostInvitesInviteAcceptReq: token IsString + IsNotEmpty, user IsNotEmpty + nested
 * {first_name?, last_name?, password}. */
static int accept_check(struct req *r)
{
    static const struct vparam params[] = {
        {"token", V_ANY, V_OPTIONAL},
        {"user", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam user_params[] = {
        {"first_name", V_STRING, V_OPTIONAL},
        {"last_name", V_STRING, V_OPTIONAL},
        {"password", V_STRING, V_CHECKED},
        {NULL, 0, 0},
    };
    struct json_object *user = json_get(r->json, "user");
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(r->json, params, 0, &msgs);
    validate_not_empty_string(&msgs, r->json, "token");
    if (!user || (json_object_is_type(user, json_type_string) && !*json_object_get_string(user)))
        validate_msg(&msgs, "user should not be empty");
    if (user && !json_object_is_type(user, json_type_object))
        validate_msg(&msgs, "nested property user must be either object or array");
    else if (user)
        validate_msgs(user, user_params, 0, &msgs);
    return validate_done(r, &msgs);
}

/* The acceptance's writes, after the password was hashed outside the write lock. */
struct accept {
    struct ctx *c;
    struct json_object *user;
    const char *invite_id, *email, *hash;
};

static int accept_write(void *arg)
{
    struct accept *a = arg;
    return invite_accept(a->c, a->invite_id, a->email, v_str(a->user, "first_name"),
                         v_str(a->user, "last_name"), a->hash);
}

/* POST /admin/invites/accept: the user is made with the invite's e-mail and role. */
int admin_invites_accept(struct req *r)
{
    struct accept a = {.c = &r->c};
    if (accept_check(r) < 0 ||
        invite_token_check(&r->c, v_str(r->json, "token"), &a.invite_id, &a.email) < 0)
        return -1;
    a.user = json_get(r->json, "user");
    if (auth_password_new(r, v_str(a.user, "password"), 0, &a.hash) < 0 ||
        db_tx(&r->c, accept_write, &a) < 0)
        return -1;
    return resp_text(r, 200, "OK");
}
