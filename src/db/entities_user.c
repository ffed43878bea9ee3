/* entities_user.c: the descriptors (graph.h) of admin users (never their password hash) and
 * their invitations. */
#include "db/entities.h"
#include "db/entities_internal.h"

/* ---- admin users ---------------------------------------------------------------------------- */

/* password_hash is never serialised (Medusa omits it from every answer). */
static const struct gcol user_cols[] = {
    {"id", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"role", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"api_token", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_user = {"user", user_cols, NULL, LIVE};

/* Invitations; the token is shown to admins (the dashboard copies invite links from it). */
static const struct gcol invite_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"user_email", G_TEXT, NULL, 0},
    {"role", G_TEXT, NULL, 0},
    {"accepted", G_BOOL, NULL, 0},
    {"token", G_TEXT, NULL, 0},
    {"expires_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_invite = {"invite", invite_cols, NULL, LIVE};
