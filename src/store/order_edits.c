/* order_edits.c: the /store/order-edits routes (store.md §9). No authentication or ownership
 * check; a logged-in customer is recorded as declined_by / confirmed_by. Edits are made by the
 * admin API. */
#include <json-c/json.h>

#include "core/json.h"
#include "domain/order_edit.h"
#include "front/order_edit_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const allowed_fields[] = {"id",
                                             "order_id",
                                             "created_at",
                                             "requested_by",
                                             "requested_at",
                                             "confirmed_at",
                                             "declined_by",
                                             "declined_reason",
                                             "declined_at",
                                             "canceled_at",
                                             "payment_collection_id",
                                             "status",
                                             "changes",
                                             "items",
                                             "payment_collection",
                                             "subtotal",
                                             "discount_total",
                                             "shipping_total",
                                             "gift_card_total",
                                             "gift_card_tax_total",
                                             "tax_total",
                                             "total",
                                             "difference_due",
                                             NULL};
static const char *const default_relations[] = {"changes",
                                                "changes.line_item",
                                                "changes.line_item.variant",
                                                "changes.original_line_item",
                                                "changes.original_line_item.variant",
                                                "items",
                                                "items.adjustments",
                                                "items.tax_lines",
                                                "items.variant",
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

/* GET /store/order-edits/:id */
int store_order_edits_get(struct req *r)
{
    static const struct listq_spec spec = {
        0, 0, allowed_fields, default_relations, NULL, default_relations};
    static const struct vparam params[] = {
        {"expand", V_STRING, 0}, {"fields", V_STRING, 0}, {NULL, 0, 0}};
    struct listq lq;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    return send_edit(r, req_param(r, "id"), lq.fields_given ? lq.fields : NULL, lq.relations);
}

/* POST /store/order-edits/:id/decline */
int store_order_edits_decline(struct req *r)
{
    static const struct vparam params[] = {{"declined_reason", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        order_edit_decline(&r->c, id, v_str(r->json, "declined_reason")) < 0)
        return -1;
    return send_edit(r, id, NULL, default_relations);
}

/* POST /store/order-edits/:id/complete */
int store_order_edits_complete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (order_edit_complete(&r->c, id) < 0)
        return -1;
    return send_edit(r, id, NULL, default_relations);
}
