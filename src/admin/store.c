/* store.c: the dashboard's shell: GET/POST /admin/store, the store's currencies, the provider
 * lists, and GET/POST /admin/currencies (Medusa 1.20's admin store and currencies routes; rules
 * in domain/store.c). GET /admin/store carries Medusa's feature flags as a 1.20 backend lists
 * them, with the values this backend implements (analytics and tax-inclusive pricing off), and
 * no modules: stock lives on variants, so the dashboard never calls the inventory pages. */
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/store.h"
#include "domain/store.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/validate.h"

/* featureFlagRouter.listFlags() of Medusa 1.20: every flag file, in file-name order. */
static const struct {
    const char *key;
    int value;
} feature_flags[] = {
    {"analytics", 0},
    {"medusa_v2", 0},
    {"order_editing", 1},
    {"product_categories", 1},
    {"publishable_api_keys", 1},
    {"sales_channels", 1},
    {"tax_inclusive_pricing", 0},
    {"workflows", 0},
};

static const char *const store_relations[] = {"currencies", "default_currency",
                                              "default_sales_channel", NULL};

/* The store row with its relations, parsed (arena-owned), or NULL. */
static struct json_object *load_store(struct req *r, const char *id)
{
    struct ctx *c = &r->c;
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    struct json_object *row;
    int rc;
    if (gq_list(c, &q, &ent_store, gsel_build(c, &ent_store, NULL, store_relations), &f) < 0 ||
        (rc = gq_run_row(c, &q, &row)) < 0)
        return NULL;
    if (rc == 1) {
        err_set(c, ERR_NOT_FOUND, "Store does not exist");
        return NULL;
    }
    return row;
}

/* Every row of a provider table, ordered by id, as an arena-owned array (NULL on error). */
static struct json_object *providers(struct req *r, const struct gent *ent)
{
    struct listf f = {.order = "id", .limit = -1};
    struct gquery q;
    if (gq_list(&r->c, &q, ent, gsel_cols(&r->c, ent), &f) < 0)
        return NULL;
    return gq_run_json(&r->c, &q);
}

static int send_store(struct req *r, const char *id)
{
    struct json_object *store = load_store(r, id);
    return store ? resp_keyed(r, 200, "store", store) : -1;
}

/* GET /admin/store */
int admin_store_get(struct req *r)
{
    struct ctx *c = &r->c;
    struct json_object *store, *pay, *ful, *flags;
    const char *id = db_store_find(c);
    if (!id || !(store = load_store(r, id)) || !(pay = providers(r, &ent_payment_provider)) ||
        !(ful = providers(r, &ent_fulfillment_provider)))
        return -1;
    flags = json_object_new_array();
    for (size_t i = 0; i < sizeof(feature_flags) / sizeof(feature_flags[0]); i++) {
        struct json_object *f = json_object_new_object();
        json_set_str(f, "key", feature_flags[i].key);
        json_set_bool(f, "value", feature_flags[i].value);
        json_object_array_add(flags, f);
    }
    json_set(store, "feature_flags", flags);
    json_set(store, "modules", json_object_new_array());
    json_set(store, "payment_providers", json_share(pay));
    json_set(store, "fulfillment_providers", json_share(ful));
    return resp_keyed(r, 200, "store", store);
}

/* POST /admin/store (AdminPostStoreReq) */
int admin_store_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"swap_link_template", V_STRING, V_OPTIONAL},
        {"payment_link_template", V_STRING, V_OPTIONAL},
        {"invite_link_template", V_STRING, V_OPTIONAL},
        {"default_currency_code", V_STRING, V_OPTIONAL},
        {"currencies", V_STRINGS, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct store_input in;
    const char *id;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.name = v_str(r->json, "name");
    in.swap_link_template = v_str(r->json, "swap_link_template");
    in.payment_link_template = v_str(r->json, "payment_link_template");
    in.invite_link_template = v_str(r->json, "invite_link_template");
    in.default_currency_code = v_str(r->json, "default_currency_code");
    in.ncurrencies = -1;
    if (json_get(r->json, "currencies"))
        in.currencies = v_strs(r, r->json, "currencies", &in.ncurrencies);
    in.metadata = json_get(r->json, "metadata");
    if (store_update(&r->c, &in, &id) < 0)
        return -1;
    return send_store(r, id);
}

/* POST /admin/store/currencies/:code */
int admin_store_add_currency(struct req *r)
{
    const char *id;
    if (store_add_currency(&r->c, req_param(r, "code"), &id) < 0)
        return -1;
    return send_store(r, id);
}

/* DELETE /admin/store/currencies/:code */
int admin_store_remove_currency(struct req *r)
{
    const char *id;
    if (store_remove_currency(&r->c, req_param(r, "code"), &id) < 0)
        return -1;
    return send_store(r, id);
}

static int send_providers(struct req *r, const char *key, const struct gent *ent)
{
    struct json_object *list = providers(r, ent), *o;
    if (!list)
        return -1;
    o = json_object_new_object();
    json_set(o, key, json_share(list));
    return resp_json(r, 200, o);
}

/* GET /admin/store/payment-providers */
int admin_store_payment_providers(struct req *r)
{
    return send_providers(r, "payment_providers", &ent_payment_provider);
}

/* GET /admin/store/tax-providers (Medusa lists the installed plugins' providers: none here;
 * regions without one use the built-in system calculation). */
int admin_store_tax_providers(struct req *r)
{
    return send_providers(r, "tax_providers", &ent_tax_provider);
}

/* GET /admin/currencies: code, q (on code and name), offset, limit (20), order. The tax-inclusive
 * flag is off, so includes_tax is neither a filter nor a column. */
int admin_currencies_list(struct req *r)
{
    static const struct vparam params[] = {
        {"code", V_STRING, V_OPTIONAL},   {"q", V_STRING, V_OPTIONAL},
        {"offset", V_NUMBER, V_OPTIONAL}, {"limit", V_NUMBER, V_OPTIONAL},
        {"order", V_STRING, V_OPTIONAL},  {NULL, 0, 0},
    };
    static const struct listq_spec spec = {.default_limit = 20, .is_list = 1};
    static const char *const cols[] = {"code", "symbol", "symbol_native", "name", NULL};
    struct ctx *c = &r->c;
    struct listq lq;
    struct sbuf *out;
    const char *q;
    int64_t count;
    int col = 0;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    /* Medusa drops an order on created_at (currencies have none); no order: by code. */
    if (lq.order && strcmp(lq.order, "created_at")) {
        while (cols[col] && strcmp(cols[col], lq.order))
            col++;
        if (!cols[col])
            return err_set(c, ERR_INVALID_DATA, "Order field %s is not valid", lq.order);
    }
    q = v_str(r->qs, "q");
    out = resp_body(r);
    sbuf_adds(out, "{\"currencies\":[");
    if (db_currencies_page(c, v_str(r->qs, "code"), q && *q ? q : NULL, col, lq.desc, lq.limit,
                           lq.offset, out, &count) < 0)
        return -1;
    sbuf_addf(out, "],\"count\":%lld,\"offset\":%lld,\"limit\":%lld}", (long long)count,
              (long long)lq.offset, (long long)lq.limit);
    return resp_body_send(r, 200);
}

/* POST /admin/currencies/:code: with the tax-inclusive flag off Medusa takes no property
 * (includes_tax is a 400 "should not exist") and then answers 404 "Not Found" from its flag
 * guard; we do the same, so the currency's includes_tax never changes. */
int admin_currencies_update(struct req *r)
{
    static const struct vparam params[] = {{NULL, 0, 0}};
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    return err_set(&r->c, ERR_HTTP_NOT_FOUND, "Not Found");
}
