/* timeline.c: the order page's timeline in the Admin API: notes (Medusa's admin notes routes)
 * and notifications (list and resend). Rules in domain/timeline.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/timeline.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const note_relations[] = {"author", NULL};

/* GET /admin/notes: resource_id, limit (50) and offset; notes with their author. */
static const struct vparam note_filters[] = {
    {"resource_id", V_STRING, V_OPTIONAL},
    {NULL, 0, 0},
};

static int note_filter(struct req *r, struct gquery *q)
{
    admin_filter_eq(r, q, "resource_id", "resource_id");
    return 0;
}

int admin_notes_list(struct req *r)
{
    static const struct admin_list l = {"notes", &ent_note, note_relations, 50, NULL, 1};
    static const struct admin_list_more more = {note_filters, note_filter, NULL, NULL};
    return admin_list_send_with(r, &l, &more);
}

int admin_notes_get(struct req *r)
{
    const char *id = req_param(r, "id");
    struct gsel *sel = gsel_cols(&r->c, &ent_note);
    /* NoteService.retrieve's 404 (its message ends with a full stop) */
    if (note_must_exist(&r->c, id) < 0)
        return -1;
    gsel_add_rel(&r->c, sel, "author");
    return admin_one_send(r, "note", &ent_note, sel, id, "Note with id: ");
}

/* create and update answer the note as saved, without its author (Medusa's repository save). */
static int send_saved(struct req *r, const char *id)
{
    return admin_one_send(r, "note", &ent_note, gsel_cols(&r->c, &ent_note), id, "Note with id: ");
}

/* POST /admin/notes (AdminPostNotesReq): each field @IsString() @IsNotEmpty(); the author is
 * the logged-in user. */
int admin_notes_create(struct req *r)
{
    static const struct vparam params[] = {
        {"resource_id", V_ANY, V_OPTIONAL},
        {"resource_type", V_ANY, V_OPTIONAL},
        {"value", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    const char *id;
    validate_msgs(r->json, params, 0, &msgs);
    for (int i = 0; params[i].name; i++)
        validate_not_empty_string(&msgs, r->json, params[i].name);
    if (validate_done(r, &msgs) < 0)
        return -1;
    if (!(id = note_create(&r->c, v_str(r->json, "resource_id"), v_str(r->json, "resource_type"),
                           v_str(r->json, "value"), r->c.user_id)))
        return -1;
    return send_saved(r, id);
}

/* POST /admin/notes/:id (AdminPostNotesNoteReq): value, a string. */
int admin_notes_update(struct req *r)
{
    static const struct vparam params[] = {
        {"value", V_STRING, V_CHECKED},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 || note_update(&r->c, id, v_str(r->json, "value")) < 0)
        return -1;
    return send_saved(r, id);
}

/* DELETE /admin/notes/:id */
int admin_notes_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (note_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "note");
}

/* ---- notifications ----------------------------------------------------------------------------
 */

static const char *const notification_relations[] = {"resends", NULL};

static const struct vparam notification_filters[] = {
    {"event_name", V_STRING, V_OPTIONAL},       {"resource_type", V_STRING, V_OPTIONAL},
    {"resource_id", V_STRING, V_OPTIONAL},      {"to", V_STRING, V_OPTIONAL},
    {"include_resends", V_BOOLSTR, V_OPTIONAL}, {NULL, 0, 0},
};

/* Each filter a comma-separated list of values; resends only with include_resends=true. */
static int notification_filter(struct req *r, struct gquery *q)
{
    static const char *const cols[] = {"event_name", "resource_type", "resource_id", "to", NULL};
    const char *inc = v_str(r->qs, "include_resends");
    for (int i = 0; cols[i]; i++) {
        const char *v = v_str(r->qs, cols[i]);
        const char **vals;
        char *copy, *save = NULL;
        int n = 0;
        if (!v)
            continue;
        copy = arena_strdup(&r->c.arena, v);
        vals = arena_alloc(&r->c.arena, sizeof(*vals) * (strlen(v) + 1));
        for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
            vals[n++] = p;
        if (n)
            gq_where_in(&r->c, q, cols[i], vals, n);
        else
            gq_where_eq(&r->c, q, cols[i], v);
    }
    if (!inc || strcmp(inc, "true"))
        gq_where_null(&r->c, q, "parent_id");
    return 0;
}

int admin_notifications_list(struct req *r)
{
    static const struct admin_list l = {
        "notifications", &ent_notification, notification_relations, 50, NULL, 1};
    static const struct admin_list_more more = {notification_filters, notification_filter, NULL,
                                                NULL};
    return admin_list_send_with(r, &l, &more);
}

/* POST /admin/notifications/:id/resend (AdminPostNotificationsNotificationResendReq): to, an
 * optional string. Answers the original notification with its resends. */
int admin_notifications_resend(struct req *r)
{
    static const struct vparam params[] = {
        {"to", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    struct gsel *sel;
    if (validate(r, r->json, params, 0) < 0 ||
        notification_resend(&r->c, id, v_str(r->json, "to")) < 0)
        return -1;
    sel = gsel_cols(&r->c, &ent_notification);
    gsel_add_rel(&r->c, sel, "resends");
    return admin_one_send(r, "notification", &ent_notification, sel, id, "Notification with id: ");
}
