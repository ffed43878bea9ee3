/* publishable_api_keys.c: /admin/publishable-api-keys (Medusa's publishable-key routes; rules in
 * domain/sales_channel.c). The key's id is what storefronts send in x-publishable-api-key; its
 * sales channels scope the Store API's products at once. */
#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/sales_channel.h"
#include "domain/sales_channel.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int send_key(struct req *r, const char *id)
{
    return admin_one_send(r, "publishable_api_key", &ent_publishable_api_key,
                          gsel_cols(&r->c, &ent_publishable_api_key), id,
                          "Publishable key with id: ");
}

static int list_filter(struct req *r, struct gquery *q)
{
    struct datefilter df;
    if (v_datefilter(r->qs, "revoked_at", &df))
        gq_where_dates(&r->c, q, "revoked_at", &df);
    return 0;
}

/* GET /admin/publishable-api-keys: 20 a page, q on the title. */
int admin_publishable_api_keys_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"revoked_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {
        "publishable_api_keys", &ent_publishable_api_key, NULL, 20, "title", 1};
    static const struct admin_list_more more = {filters, list_filter, NULL, NULL};
    return admin_list_send_with(r, &l, &more);
}

/* GET /admin/publishable-api-keys/:id */
int admin_publishable_api_keys_get(struct req *r)
{
    return send_key(r, req_param(r, "id"));
}

/* POST /admin/publishable-api-keys: {title}; the key records who made it. */
int admin_publishable_api_keys_create(struct req *r)
{
    static const struct vparam params[] = {{"title", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    const char *id;
    if (validate(r, r->json, params, 0) < 0 ||
        pubkey_create(&r->c, v_str(r->json, "title"), r->c.user_id, &id) < 0)
        return -1;
    return send_key(r, id);
}

/* POST /admin/publishable-api-keys/:id: {title?}. */
int admin_publishable_api_keys_update(struct req *r)
{
    static const struct vparam params[] = {{"title", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        pubkey_update(&r->c, id, v_str(r->json, "title")) < 0)
        return -1;
    return send_key(r, id);
}

/* DELETE /admin/publishable-api-keys/:id */
int admin_publishable_api_keys_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (pubkey_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "publishable_api_key");
}

/* POST /admin/publishable-api-keys/:id/revoke: by the logged-in user, once. */
int admin_publishable_api_keys_revoke(struct req *r)
{
    const char *id = req_param(r, "id");
    if (pubkey_revoke(&r->c, id, r->c.user_id) < 0)
        return -1;
    return send_key(r, id);
}

/* GET /admin/publishable-api-keys/:id/sales-channels: the key's live channels, q on their name
 * and description; an unknown key has none. */
int admin_publishable_api_keys_channels(struct req *r)
{
    static const struct vparam params[] = {{"q", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
    struct gquery q;
    const char *text;
    if (validate(r, r->qs, params, 1) < 0)
        return -1;
    gq_init(&r->c, &q, &ent_sales_channel, gsel_cols(&r->c, &ent_sales_channel));
    db_pubkey_channels_where(&q, req_param(r, "id"));
    if ((text = v_str(r->qs, "q")) && *text)
        gq_where_contains(&r->c, &q, "description,name", text);
    gq_order_col(&r->c, &q, "created_at", 0);
    return page_list(r, "sales_channels", &q, 0);
}

/* POST and DELETE /admin/publishable-api-keys/:id/sales-channels/batch: {sales_channel_ids:
 * [{id}]}. */
static int channels_batch(struct req *r, int add)
{
    const char *id = req_param(r, "id");
    const char **ids;
    int n;
    if (!(ids = admin_batch_ids(r, "sales_channel_ids", &n)))
        return -1;
    if ((add ? pubkey_add_channels(&r->c, id, ids, n) : pubkey_remove_channels(&r->c, id, ids, n)) <
        0)
        return -1;
    return send_key(r, id);
}

int admin_publishable_api_keys_add_channels(struct req *r)
{
    return channels_batch(r, 1);
}

int admin_publishable_api_keys_remove_channels(struct req *r)
{
    return channels_batch(r, 0);
}
