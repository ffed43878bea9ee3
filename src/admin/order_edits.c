/* order_edits.c: the /admin/order-edits routes (Medusa v1 admin routes order-edits/): create, read,
 * add/update/remove lines, request confirmation (with a payment collection for a positive
 * difference) and cancel. The customer's side is store/order_edits.c; both share
 * domain/order_edit.c. Every route needs an admin (F_ADMIN). */
#include <json-c/json.h>

#include "core/json.h"
#include "domain/order_edit.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"

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
    struct json_object *e = order_edit_view(&r->c, id, fields, relations), *body;
    if (!e)
        return -1;
    body = json_object_new_object();
    json_set(body, "order_edit", json_share(e));
    return resp_json(r, 200, body);
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
    static const struct vparam params[] = {{"quantity", V_NUMBER, V_CHECKED}, {NULL, 0, 0}};
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
