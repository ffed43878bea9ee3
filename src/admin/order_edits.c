/* order_edits.c: the /admin/order-edits routes (Medusa v1 admin routes order-edits/): create,
 * list, read, update, delete, add/update/remove lines, delete a change, request confirmation
 * (with a payment collection for a positive difference), cancel and confirm. The customer's side is
 * store/order_edits.c; both share domain/order_edit.c. Every route needs an admin (F_ADMIN). */
#include <json-c/json.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/order_edit.h"
#include "domain/order_edit.h"
#include "front/order_edit_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* Medusa's defaultOrderEditFields (+ the derived status) and defaultOrderEditRelations. */
static const char *const default_fields[] = {"id",
                                             "order_id",
                                             "created_by",
                                             "created_at",
                                             "requested_by",
                                             "requested_at",
                                             "confirmed_by",
                                             "confirmed_at",
                                             "declined_by",
                                             "declined_reason",
                                             "declined_at",
                                             "canceled_by",
                                             "canceled_at",
                                             "internal_note",
                                             "payment_collection_id",
                                             "status",
                                             NULL};
static const char *const default_relations[] = {"changes",
                                                "changes.line_item",
                                                "changes.line_item.variant",
                                                "changes.original_line_item",
                                                "changes.original_line_item.variant",
                                                "items",
                                                "items.variant",
                                                "items.adjustments",
                                                "items.tax_lines",
                                                "payment_collection",
                                                NULL};

static int send_edit(struct req *r, const char *id, const char *const *fields,
                     const char *const *relations)
{
    struct json_object *e = order_edit_view_json(&r->c, id, fields, relations);
    if (!e)
        return -1;
    return resp_keyed(r, 200, "order_edit", e);
}

static int send_default(struct req *r, const char *id)
{
    return send_edit(r, id, default_fields, default_relations);
}

/* POST /admin/order-edits */
int admin_order_edits_create(struct req *r)
{
    static const struct vparam params[] = {{"order_id", V_STRING, V_CHECKED},
                                           {"internal_note", V_STRING, V_OPTIONAL},
                                           {"created_by", V_STRING, V_OPTIONAL},
                                           {NULL, 0, 0}};
    const char *id;
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_create(&r->c, v_str(r->json, "order_id"), v_str(r->json, "internal_note"),
                          r->c.user_id, &id) < 0)
        return -1;
    return send_default(r, id);
}

/* GET /admin/order-edits/:id */
int admin_order_edits_get(struct req *r)
{
    static const struct listq_spec spec = {0, 0, NULL, NULL, default_fields, default_relations};
    static const struct vparam params[] = {
        {"expand", V_STRING, 0}, {"fields", V_STRING, 0}, {NULL, 0, 0}};
    struct listq lq;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    return send_edit(r, req_param(r, "id"), lq.fields, lq.relations);
}

/* POST /admin/order-edits/:id/items */
int admin_order_edits_add_item(struct req *r)
{
    static const struct vparam params[] = {{"variant_id", V_STRING, V_CHECKED},
                                           {"quantity", V_INT, V_CHECKED},
                                           {"metadata", V_ANY, V_OPTIONAL},
                                           {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_add_line(&r->c, id, v_str(r->json, "variant_id"), v_int(r->json, "quantity", 0),
                            json_get(r->json, "metadata")) < 0)
        return -1;
    return send_default(r, id);
}

/* POST /admin/order-edits/:id/items/:item_id */
int admin_order_edits_update_item(struct req *r)
{
    static const struct vparam params[] = {{"quantity", V_NUMBER_INT, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_update_line(&r->c, id, req_param(r, "item_id"), v_int(r->json, "quantity", 0)) <
            0)
        return -1;
    return send_default(r, id);
}

/* DELETE /admin/order-edits/:id/items/:item_id */
int admin_order_edits_delete_item(struct req *r)
{
    const char *id = req_param(r, "id");
    if (order_edit_remove_line(&r->c, id, req_param(r, "item_id")) < 0)
        return -1;
    return send_default(r, id);
}

/* POST /admin/order-edits/:id/request */
int admin_order_edits_request(struct req *r)
{
    static const struct vparam params[] = {{"payment_collection_description", V_STRING, V_OPTIONAL},
                                           {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_request(&r->c, id, r->c.user_id,
                           v_str(r->json, "payment_collection_description")) < 0)
        return -1;
    return send_default(r, id);
}

/* POST /admin/order-edits/:id/cancel */
int admin_order_edits_cancel(struct req *r)
{
    const char *id = req_param(r, "id");
    if (order_edit_cancel(&r->c, id, r->c.user_id) < 0)
        return -1;
    return send_default(r, id);
}

/* GET /admin/order-edits: each edit decorated with its totals, as Medusa's list does. */
int admin_order_edits_list(struct req *r)
{
    static const char *const id_only[] = {"id", NULL};
    static const struct listq_spec spec = {20, 1, NULL, NULL, default_fields, default_relations};
    static const struct vparam params[] = {{"q", V_STRING, 0},      {"order_id", V_STRING, 0},
                                           {"offset", V_NUMBER, 0}, {"limit", V_NUMBER, 0},
                                           {"order", V_STRING, 0},  {"expand", V_STRING, 0},
                                           {"fields", V_STRING, 0}, {NULL, 0, 0}};
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct gquery q;
    struct json_object *rows, *list, *body;
    int64_t count;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (db_order_edits_query(c, &q, gsel_build(c, &ent_order_edit, id_only, NULL), &f,
                             v_str(r->qs, "q"), v_str(r->qs, "order_id")) < 0 ||
        !(rows = gq_run_json(c, &q)) || (count = gq_count(c, &q)) < 0)
        return -1;
    body = json_object_new_object();
    list = json_object_new_array();
    json_set(body, "order_edits", list);
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        const char *id = json_get_str_opt(json_object_array_get_idx(rows, i), "id");
        struct json_object *e = order_edit_view_json(c, id, lq.fields, lq.relations);
        if (!e) {
            json_object_put(body);
            return -1;
        }
        json_object_array_add(list, json_share(e));
    }
    json_set_int(body, "count", count);
    json_set_int(body, "limit", q.limit);
    json_set_int(body, "offset", q.offset);
    return resp_json(r, 200, body);
}

/* POST /admin/order-edits/:id */
int admin_order_edits_update(struct req *r)
{
    static const struct vparam params[] = {{"internal_note", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_update(&r->c, id, v_str(r->json, "internal_note")) < 0)
        return -1;
    return send_default(r, id);
}

static int send_deleted(struct req *r, const char *id, const char *object)
{
    struct json_object *body = json_object_new_object();
    json_set_str(body, "id", id);
    json_set_str(body, "object", object);
    json_object_object_add(body, "deleted", json_object_new_boolean(1));
    return resp_json(r, 200, body);
}

/* DELETE /admin/order-edits/:id */
int admin_order_edits_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (order_edit_delete(&r->c, id) < 0)
        return -1;
    return send_deleted(r, id, "order_edit");
}

/* DELETE /admin/order-edits/:id/changes/:change_id */
int admin_order_edits_delete_change(struct req *r)
{
    const char *change_id = req_param(r, "change_id");
    if (order_edit_change_delete(&r->c, req_param(r, "id"), change_id) < 0)
        return -1;
    return send_deleted(r, change_id, "item_change");
}

/* POST /admin/order-edits/:id/confirm */
int admin_order_edits_confirm(struct req *r)
{
    const char *id = req_param(r, "id");
    if (order_edit_confirm(&r->c, id, r->c.user_id) < 0)
        return -1;
    return send_default(r, id);
}
