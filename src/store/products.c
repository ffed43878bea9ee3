/* products.c: GET /store/products, GET /store/products/:id (store.md §5.1-5.3, §1.10). */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "domain/search.h"
#include "front/catalog_common.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

#define PRODUCT_FIELDS                                                                             \
    "id", "title", "subtitle", "status", "external_id", "description", "handle", "is_giftcard",    \
        "discountable", "thumbnail", "collection_id", "type_id", "weight", "length", "height",     \
        "width", "hs_code", "origin_country", "mid_code", "material", "created_at", "updated_at",  \
        "deleted_at", "metadata"
#define PRODUCT_RELATIONS                                                                          \
    "variants", "variants.prices", "variants.options", "options", "options.values", "images",      \
        "tags", "collection", "type", "profiles"

static const char *const default_fields[] = {PRODUCT_FIELDS, NULL};
static const char *const allowed_fields[] = {PRODUCT_FIELDS, "profile_id", "variants.title",
                                             "variants.prices.amount", NULL};
static const char *const default_relations[] = {PRODUCT_RELATIONS, NULL};
static const char *const allowed_relations[] = {PRODUCT_RELATIONS, "variants.inventory_items",
                                                "sales_channels", "categories", NULL};

static const struct listq_spec list_spec = {
    100, 1, allowed_fields, allowed_relations, default_fields, default_relations};
static const struct listq_spec get_spec = {
    0, 0, allowed_fields, allowed_relations, default_fields, default_relations};

static const struct vparam list_params[] = {
    {"q", V_STRING, 0},
    {"id", V_STR_OR_ARRAY, 0},
    {"sales_channel_id", V_STRARRAY, 0},
    {"collection_id", V_STRARRAY, 0},
    {"type_id", V_STRARRAY, 0},
    {"tags", V_STRARRAY, 0},
    {"title", V_STRING, 0},
    {"description", V_STRING, 0},
    {"handle", V_STRING, 0},
    {"is_giftcard", V_BOOLSTR, 0},
    {"created_at", V_DATEFILTER, 0},
    {"updated_at", V_DATEFILTER, 0},
    {"category_id", V_STRARRAY, 0},
    {"include_category_children", V_BOOLSTR, 0},
    {"offset", V_NUMBER, 0},
    {"limit", V_NUMBER, 0},
    {"expand", V_STRING, 0},
    {"fields", V_STRING, 0},
    {"order", V_STRING, 0},
    {"cart_id", V_STRING, 0},
    {"region_id", V_STRING, 0},
    {"currency_code", V_STRING, 0},
    {NULL, 0, 0},
};

static const struct vparam get_params[] = {
    {"sales_channel_id", V_STRING, 0},
    {"cart_id", V_STRING, 0},
    {"region_id", V_STRING, 0},
    {"currency_code", V_STRING, 0},
    {"fields", V_STRING, 0},
    {"expand", V_STRING, 0},
    {NULL, 0, 0},
};

static void strs(struct req *r, const char *name, struct strlist *l)
{
    l->v = v_strs(r, r->qs, name, &l->n);
}

/* The selection for a product endpoint: profile_id rides along with the profiles relation
 * when no fields were asked for (store.md §5.1). */
static struct gsel *product_sel(struct req *r, const struct listq *lq, int with_channels)
{
    struct gsel *sel = gsel_build(&r->c, &ent_product, lq->fields, lq->relations);
    if (!lq->fields_given && gsel_has_rel(sel, "profiles"))
        gsel_add_col(&r->c, sel, "profile_id");
    if (with_channels)
        gsel_add_rel(&r->c, sel, "sales_channels");
    return sel;
}

/* Runs q, prices the variants when variants and their prices are loaded, and answers: rows
 * read plainly and written once (graph.h's gnode). */
static int answer(struct req *r, const char *key, struct gquery *q, const struct gsel *sel,
                  const struct price_context *pc, int list, int64_t count)
{
    struct gsel *vsel = gsel_rel(sel, "variants");
    int rc;
    if (vsel && !gsel_has_rel(vsel, "prices"))
        vsel = NULL;
    if ((rc = catalog_answer_nodes(r, key, q, vsel, pc, list, count, NULL)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Product with id: %s was not found",
                       req_param(r, "id"));
    return rc;
}

/* GET /store/products */
int store_products_list(struct req *r)
{
    struct listq lq;
    struct listf lf;
    struct product_filter pf;
    struct price_context pc;
    struct strlist scope;
    struct gquery q;
    struct gsel *sel;
    int has_key, with_channels = 0;
    int64_t count;

    if (validate(r, r->qs, list_params, 1) < 0 || catalog_pk_scope(r, &has_key, &scope) < 0)
        return -1;
    memset(&pf, 0, sizeof(pf));
    strs(r, "sales_channel_id", &pf.sales_channels);
    if (has_key && catalog_check_sc_param(r, &scope, &pf.sales_channels) < 0)
        return -1;
    if (listq_parse(r, &list_spec, &lq) < 0 || catalog_price_context(r, &pc) < 0)
        return -1;
    listq_listf(r, &lq, &lf);

    pf.published_only = 1;
    catalog_product_filter(r, &pf);
    /* Sales-channel scoping (store.md §1.10). */
    if (pf.sales_channels.n) {
        pf.sc_filter = 1;
    } else if (has_key && scope.n) {
        pf.sc_filter = 1;
        pf.sales_channels = scope;
        with_channels = 1;
    } else if (!has_key) {
        const char *def = db_default_sales_channel(&r->c);
        if (def) {
            const char **one = arena_alloc(&r->c.arena, sizeof(*one));
            one[0] = def;
            pf.sc_filter = 1;
            pf.sales_channels.v = one;
            pf.sales_channels.n = 1;
        }
    }

    sel = product_sel(r, &lq, with_channels);
    if (db_products_query(&r->c, &q, sel, &lf, &pf) < 0 || (count = gq_count(&r->c, &q)) < 0)
        return -1;
    return answer(r, "products", &q, sel, &pc, 1, count);
}

/* GET /store/products/:id */
int store_products_get(struct req *r)
{
    const char *id = req_param(r, "id");
    struct listq lq;
    struct listf lf;
    struct product_filter pf;
    struct price_context pc;
    struct strlist scope;
    struct gquery q;
    struct gsel *sel;
    int has_key, in_scope = 0, rc;

    if (validate(r, r->qs, get_params, 1) < 0 || catalog_pk_scope(r, &has_key, &scope) < 0)
        return -1;
    if (has_key) {
        /* The association check runs before the handler (store.md §1.10). */
        if ((rc = db_product_in_channels(&r->c, id, &scope, &in_scope)) < 0)
            return -1;
        if (rc == 0)
            return err_set(&r->c, ERR_NOT_FOUND, "Product with id: %s was not found", id);
        if (scope.n && !in_scope)
            return err_set(&r->c, ERR_MULTI,
                           "Product with id: %s is not associated with sales channels defined by "
                           "the Publishable API Key passed in the header of the request.",
                           id);
    }
    if (listq_parse(r, &get_spec, &lq) < 0 || catalog_price_context(r, &pc) < 0)
        return -1;
    memset(&lf, 0, sizeof(lf));
    lf.id = id;
    lf.limit = 1;
    memset(&pf, 0, sizeof(pf));
    pf.is_giftcard = -1;
    sel = product_sel(r, &lq, has_key && scope.n);
    if (db_products_query(&r->c, &q, sel, &lf, &pf) < 0)
        return -1;
    return answer(r, "product", &q, sel, &pc, 0, -1);
}

/* A body number that may also come as a numeric string (Medusa's @Type(() => Number)). */
static int body_number(struct req *r, const char *name, int64_t def, int64_t *out)
{
    struct json_object *v = json_get(r->json, name);
    const char *s;
    char *end;
    double d;
    *out = def;
    if (!v)
        return 0;
    switch (json_object_get_type(v)) {
    case json_type_int:
        *out = json_object_get_int64(v);
        return 0;
    case json_type_double:
        *out = (int64_t)json_object_get_double(v);
        return 0;
    case json_type_string:
        s = json_object_get_string(v);
        d = strtod(s, &end);
        if (*s && !*end) {
            *out = (int64_t)d;
            return 0;
        }
        break;
    default:
        break;
    }
    return err_set(&r->c, ERR_INVALID_DATA,
                   "%s must be a number conforming to the specified "
                   "constraints",
                   name);
}

/* POST /store/products/search: ranked full-text search (sql/0002) answered in the shape of
 * Medusa's search endpoint, {hits}, with the page it is. */
int store_products_search(struct req *r)
{
    static const char *const hit_relations[] = {"variants",   "variants.options",
                                                "options",    "options.values",
                                                "images",     "tags",
                                                "collection", "type",
                                                NULL};
    struct json_object *qv = json_get(r->json, "q");
    const char *text = NULL, *match;
    int64_t limit, offset, total = 0;
    struct product_filter pf;
    struct listf lf;
    struct gquery q;
    struct sbuf *b;

    if (qv && !json_object_is_type(qv, json_type_string))
        return err_set(&r->c, ERR_INVALID_DATA, "q must be a string");
    if (qv)
        text = json_object_get_string(qv);
    if (body_number(r, "limit", 20, &limit) < 0 || body_number(r, "offset", 0, &offset) < 0)
        return -1;
    if (limit < 0 || limit > 1000)
        limit = limit < 0 ? 20 : 1000;
    if (offset < 0)
        offset = 0;
    memset(&pf, 0, sizeof(pf));
    pf.is_giftcard = -1;
    pf.published_only = 1;
    memset(&lf, 0, sizeof(lf));
    lf.limit = -1;
    if ((match = search_fts_query(&r->c.arena, text, 0))) {
        if (db_products_search(&r->c, match, limit, offset, &pf.ids, &total) < 0)
            return -1;
        /* No product has every word: rank those that have any. */
        if (!total && (match = search_fts_query(&r->c.arena, text, 1)) &&
            db_products_search(&r->c, match, limit, offset, &pf.ids, &total) < 0)
            return -1;
        if (!pf.ids.n)
            goto empty;
        pf.order_by_ids = 1;
    } else {
        /* No words: every published product, newest first, as a search engine's empty query. */
        lf.limit = limit;
        lf.offset = offset;
    }
    if (db_products_query(&r->c, &q, gsel_build(&r->c, &ent_product, default_fields, hit_relations),
                          &lf, &pf) < 0)
        return -1;
    if (!match && (total = gq_count(&r->c, &q)) < 0)
        return -1;
    b = resp_body(r);
    sbuf_adds(b, "{\"hits\":[");
    if (gq_run(&r->c, &q, b, NULL) < 0)
        return -1;
    sbuf_addf(b, "],\"query\":");
    sbuf_add_json_str(b, text ? text : "");
    sbuf_addf(b, ",\"offset\":%lld,\"limit\":%lld,\"estimatedTotalHits\":%lld}", (long long)offset,
              (long long)limit, (long long)total);
    return resp_body_send(r, 200);
empty:
    b = resp_body(r);
    sbuf_adds(b, "{\"hits\":[],\"query\":");
    sbuf_add_json_str(b, text);
    sbuf_addf(b, ",\"offset\":%lld,\"limit\":%lld,\"estimatedTotalHits\":0}", (long long)offset,
              (long long)limit);
    return resp_body_send(r, 200);
}
