/* timeline.c: notes and notifications (timeline.h). */
#include "domain/timeline.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/event.h"
#include "db/timeline.h"

int note_must_exist(struct ctx *c, const char *id)
{
    int rc = db_note_live(c, id);
    if (rc < 0)
        return -1;
    return rc ? 0 : err_set(c, ERR_NOT_FOUND, "Note with id: %s was not found.", id);
}

const char *note_create(struct ctx *c, const char *resource_id, const char *resource_type,
                        const char *value, const char *author_id)
{
    const char *id = db_note_insert(c, resource_id, resource_type, value, author_id, "{}");
    if (!id || db_event_id(c, "note.created", id) < 0)
        return NULL;
    return id;
}

int note_update(struct ctx *c, const char *id, const char *value)
{
    if (note_must_exist(c, id) < 0 || db_note_set_value(c, id, value) < 0)
        return -1;
    return db_event_id(c, "note.updated", id);
}

int note_delete(struct ctx *c, const char *id)
{
    if (note_must_exist(c, id) < 0 || db_note_delete(c, id) < 0)
        return -1;
    return db_event_id(c, "note.deleted", id);
}

int notification_resend(struct ctx *c, const char *id, const char *to)
{
    struct notification_row n;
    const char *child;
    int rc = db_notification_get(c, id, &n);
    if (rc)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Notification with id: %s was not found.", id);
    n.parent_id = id;
    if (to)
        n.to = to;
    if (!(child = db_notification_insert(c, &n)))
        return -1;
    return db_event_id(c, "notification.resend", child);
}

int notification_record(struct ctx *c, const char *name, const char *data, const char *hook_out)
{
    struct json_object *out = hook_out ? json_own(&c->arena, json_tokener_parse(hook_out)) : NULL;
    struct json_object *payload = json_own(&c->arena, json_tokener_parse(data ? data : "{}"));
    struct json_object *nn = json_get(payload, "no_notification"), *d;
    struct notification_row n;
    const char *dot;
    if (!out || !json_object_is_type(out, json_type_object) || !json_get_str_opt(out, "to") ||
        (nn && json_object_is_type(nn, json_type_boolean) && json_object_get_boolean(nn)))
        return 0;
    memset(&n, 0, sizeof(n));
    n.event_name = name;
    dot = strchr(name, '.');
    n.resource_type = dot ? arena_strndup(&c->arena, name, (size_t)(dot - name)) : name;
    n.resource_id = json_get_str_opt(payload, "id");
    if (!n.resource_id)
        return 0; /* Medusa's notification needs the resource it is about */
    n.customer_id = json_get_str_opt(payload, "customer_id");
    n.to = json_get_str_opt(out, "to");
    d = json_get(out, "data");
    n.data = d && json_object_is_type(d, json_type_object) ? json_text(d, NULL) : data;
    n.provider_id = "event-hook";
    return db_notification_insert(c, &n) ? 0 : -1;
}
