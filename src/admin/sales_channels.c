/* sales_channels.c: /admin/sales-channels (Medusa's sales-channel routes; rules in
 * domain/sales_channel.c). A channel is answered with its own columns; the stock-location routes
 * are not served (no stock-location module: GET /admin/store lists `modules: []`). */
#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/sales_channel.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int send_channel(struct req *r, const char *id)
{
    return admin_one_send(r, "sales_channel", &ent_sales_channel,
                          gsel_cols(&r->c, &ent_sales_channel), id, "Sales channel with id: ");
}

static int list_filter(struct req *r, struct gquery *q)
{
    admin_filter_eq(r, q, "id", "id");
    admin_filter_eq(r, q, "name", "name");
    admin_filter_eq(r, q, "description", "description");
    admin_filter_dates(r, q);
    return 0;
}

/* GET /admin/sales-channels: 20 a page, q on the name and the description. */
int admin_sales_channels_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"id", V_STRING, 0},
        {"name", V_STRING, 0},
        {"description", V_STRING, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {
        "sales_channels", &ent_sales_channel, NULL, 20, "name,description", 1};
    static const struct admin_list_more more = {filters, list_filter, NULL, NULL};
    return admin_list_send_with(r, &l, &more);
}

/* GET /admin/sales-channels/:id */
int admin_sales_channels_get(struct req *r)
{
    return send_channel(r, req_param(r, "id"));
}

/* POST /admin/sales-channels: AdminPostSalesChannelsReq. */
int admin_sales_channels_create(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_CHECKED},
        {"description", V_STRING, V_OPTIONAL},
        {"is_disabled", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *disabled;
    const char *id;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    disabled = json_get(r->json, "is_disabled");
    if (sales_channel_create(&r->c, v_str(r->json, "name"), v_str(r->json, "description"),
                             disabled ? json_object_get_boolean(disabled) : 0, &id) < 0)
        return -1;
    return send_channel(r, id);
}

/* POST /admin/sales-channels/:id: AdminPostSalesChannelsSalesChannelReq. */
int admin_sales_channels_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"description", V_STRING, V_OPTIONAL},
        {"is_disabled", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 || sales_channel_update(&r->c, id, r->json) < 0)
        return -1;
    return send_channel(r, id);
}

/* DELETE /admin/sales-channels/:id: idempotent, but never the store's default channel. */
int admin_sales_channels_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (sales_channel_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "sales-channel");
}

/* POST and DELETE /admin/sales-channels/:id/products/batch: {product_ids: [{id}]}. */
static int products_batch(struct req *r, int add)
{
    const char *id = req_param(r, "id");
    const char **ids;
    int n;
    if (!(ids = admin_batch_ids(r, "product_ids", &n)))
        return -1;
    if ((add ? sales_channel_add_products(&r->c, id, ids, n)
             : sales_channel_remove_products(&r->c, id, ids, n)) < 0)
        return -1;
    return send_channel(r, id);
}

int admin_sales_channels_add_products(struct req *r)
{
    return products_batch(r, 1);
}

int admin_sales_channels_remove_products(struct req *r)
{
    return products_batch(r, 0);
}
