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
const struct gent ent_user = {"\"user\"", user_cols, NULL, LIVE};

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

/* ---- the timeline: notes and notifications ----------------------------------------------------
 */

/* A note on a resource (an order), with its author (models/note.ts). */
static const struct gcol note_cols[] = {
    {"id", G_TEXT, NULL, 0},          TIMESTAMPS,
    {"value", G_TEXT, NULL, 0},       {"resource_type", G_TEXT, NULL, 0},
    {"resource_id", G_TEXT, NULL, 0}, {"author_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},    {NULL, 0, NULL, 0},
};
static const struct grel note_rels[] = {
    {"author", &ent_user, 0, "%c.id = %p.author_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_note = {"note", note_cols, note_rels, LIVE};

/* A notification: Medusa's list picks defaultAdminNotificationsFields (in that order, first
 * here), but the admin spec's Notification requires customer_id, data and parent_id too, and the
 * contract wins. Its resends are whole notifications, oldest first. */
static const struct gcol notification_resend_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"event_name", G_TEXT, NULL, 0},
    {"resource_type", G_TEXT, NULL, 0},
    {"resource_id", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0},
    {"to", G_TEXT, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"parent_id", G_TEXT, NULL, 0},
    {"provider_id", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_notification_resend = {"notification", notification_resend_cols, NULL, NULL};
static const struct gcol notification_cols[] = {
    {"id", G_TEXT, NULL, 0},          {"resource_type", G_TEXT, NULL, 0},
    {"resource_id", G_TEXT, NULL, 0}, {"event_name", G_TEXT, NULL, 0},
    {"to", G_TEXT, NULL, 0},          {"provider_id", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},  {"updated_at", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0}, {"data", G_JSON, NULL, 0},
    {"parent_id", G_TEXT, NULL, 0},   {NULL, 0, NULL, 0},
};
static const struct grel notification_rels[] = {
    {"resends", &ent_notification_resend, 1, "%c.parent_id = %p.id", "%c.created_at, %c.id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_notification = {"notification", notification_cols, notification_rels, NULL};
