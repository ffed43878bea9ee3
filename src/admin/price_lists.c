/* price_lists.c: /admin/price-lists (Medusa v1's AdminPostPriceListsPriceListReq,
 * ...PriceListPriceListReq, the prices batches, the products of a list and their prices). Rules
 * in domain/price_list.c; a list answers with its prices (each with its variant) and its customer
 * groups. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/price_list.h"
#include "domain/price_list.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/page.h"
#include "front/validate.h"
#include "front/catalog_common.h"

static const char *const list_relations[] = {"prices", "prices.variants", "customer_groups", NULL};

static int send_list(struct req *r, const char *id)
{
    return admin_one_send(r, "price_list", &ent_price_list,
                          gsel_build(&r->c, &ent_price_list, NULL, list_relations), id,
                          "Price list with id: ");
}

/* ---- bodies -------------------------------------------------------------------------------- */

static void msg(struct sbuf *m, const char *text, const char *name)
{
    sbuf_addf(m, "%s%s", m->len ? ", " : "", name);
    sbuf_adds(m, text);
}

/* Each member of obj[name] (an array) checked with check; a non-array, or a member that is no
 * object, gets ValidateNested's message. */
static void nested(struct sbuf *m, struct json_object *obj, const char *name,
                   void (*check)(struct sbuf *, struct json_object *))
{
    struct json_object *v = json_get(obj, name);
    if (!v || !json_object_is_type(v, json_type_array))
        return;
    for (size_t i = 0; i < json_object_array_length(v); i++) {
        struct json_object *it = json_object_array_get_idx(v, i);
        if (json_object_is_type(it, json_type_object))
            check(m, it);
        else
            sbuf_addf(m, "%seach value in nested property %s must be either object or array",
                      m->len ? ", " : "", name);
    }
}

/* AdminPriceListPricesCreateReq */
static void price_create_check(struct sbuf *m, struct json_object *p)
{
    static const struct vparam params[] = {
        {"region_id", V_ANY, V_OPTIONAL},
        {"currency_code", V_ANY, V_OPTIONAL},
        {"amount", V_AMOUNT, V_CHECKED},
        {"variant_id", V_STRING, V_CHECKED},
        {"min_quantity", V_INT, V_OPTIONAL},
        {"max_quantity", V_INT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    admin_price_check(m, p, params, 0);
}

/* AdminPriceListPricesUpdateReq */
static void price_update_check(struct sbuf *m, struct json_object *p)
{
    static const struct vparam params[] = {
        {"id", V_STRING, V_OPTIONAL},         {"region_id", V_ANY, V_OPTIONAL},
        {"currency_code", V_ANY, V_OPTIONAL}, {"variant_id", V_STRING, V_CHECKED},
        {"amount", V_AMOUNT, V_CHECKED},      {"min_quantity", V_INT, V_OPTIONAL},
        {"max_quantity", V_INT, V_OPTIONAL},  {NULL, 0, 0},
    };
    admin_price_check(m, p, params, 1);
}

static void group_check(struct sbuf *m, struct json_object *g)
{
    static const struct vparam params[] = {{"id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    validate_msgs(g, params, 0, m);
}

static int64_t int_of(struct json_object *o, const char *name, int *has)
{
    struct json_object *v = json_get(o, name);
    *has = v != NULL;
    return v ? json_object_get_int64(v) : 0;
}

static struct price_list_price *read_prices(struct req *r, struct json_object *list, int *n)
{
    struct price_list_price *p;
    *n = list && json_object_is_type(list, json_type_array) ? (int)json_object_array_length(list)
                                                            : -1;
    p = arena_calloc(&r->c.arena, sizeof(*p) * (size_t)(*n > 0 ? *n : 1));
    for (int i = 0; i < *n; i++) {
        struct json_object *o = json_object_array_get_idx(list, (size_t)i);
        int has;
        p[i].id = json_get_str_opt(o, "id");
        p[i].variant_id = json_get_str_opt(o, "variant_id");
        p[i].region_id = json_get_str_opt(o, "region_id");
        p[i].currency_code = json_get_str_opt(o, "currency_code");
        p[i].amount = int_of(o, "amount", &has);
        p[i].min_quantity = int_of(o, "min_quantity", &p[i].has_min);
        p[i].max_quantity = int_of(o, "max_quantity", &p[i].has_max);
    }
    return p;
}

/* A date as transformOptionalDate leaves it: absent, null (clears) or a date; anything else is
 * refused (Medusa stores it and fails in the database). */
static void date_check(struct sbuf *m, struct json_object *b, const char *name)
{
    int64_t ms;
    struct json_object *v;
    if (json_object_object_get_ex(b, name, &v) && v && v_date(b, name, &ms) < 0)
        msg(m, " must be a Date instance", name);
}

static const char *date_of(struct req *r, const char *name, int *has)
{
    int64_t ms;
    struct json_object *v;
    *has = json_object_object_get_ex(r->json, name, &v);
    if (!*has || !v || v_date(r->json, name, &ms) < 0)
        return NULL;
    return timefmt_iso(arena_alloc(&r->c.arena, TIMEFMT_LEN), TIMEFMT_LEN, ms);
}

/* Both list bodies, create (every member but the dates and status required) or update. */
static int body_read(struct req *r, int create, struct price_list_input *in)
{
    static const struct vparam create_params[] = {
        {"name", V_STRING, V_CHECKED},
        {"description", V_STRING, V_CHECKED},
        {"starts_at", V_ANY, V_OPTIONAL},
        {"ends_at", V_ANY, V_OPTIONAL},
        {"status", V_ANY, V_OPTIONAL},
        {"type", V_ANY, V_OPTIONAL},
        {"prices", V_ANY, V_OPTIONAL},
        {"customer_groups", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam update_params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"description", V_STRING, V_OPTIONAL},
        {"starts_at", V_ANY, V_OPTIONAL},
        {"ends_at", V_ANY, V_OPTIONAL},
        {"status", V_ANY, V_OPTIONAL},
        {"type", V_ANY, V_OPTIONAL},
        {"prices", V_ANY, V_OPTIONAL},
        {"customer_groups", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const char *const statuses[] = {"active", "draft", NULL};
    static const char *const types[] = {"sale", "override", NULL};
    struct sbuf m = SBUF_INIT;
    struct json_object *b = r->json, *groups, *list;
    const char **g;

    validate_msgs(b, create ? create_params : update_params, 0, &m);
    date_check(&m, b, "starts_at");
    date_check(&m, b, "ends_at");
    validate_enum(b, "status", statuses, NULL, V_OPTIONAL, &m);
    validate_enum(b, "type", types, NULL, create ? V_CHECKED : V_OPTIONAL, &m);
    /* the arrays in their property order, after the enums (validate_msgs checked the rest) */
    if (json_object_object_get_ex(b, "prices", &list)
            ? list && !json_object_is_type(list, json_type_array)
            : create)
        msg(&m, " must be an array", "prices");
    nested(&m, b, "prices", create ? price_create_check : price_update_check);
    if ((list = json_get(b, "customer_groups")) && !json_object_is_type(list, json_type_array))
        msg(&m, " must be an array", "customer_groups");
    nested(&m, b, "customer_groups", group_check);
    if (validate_done(r, &m) < 0)
        return -1;
    memset(in, 0, sizeof(*in));
    in->name = v_str(b, "name");
    in->description = v_str(b, "description");
    in->status = v_str(b, "status");
    in->type = v_str(b, "type");
    in->starts_at = date_of(r, "starts_at", &in->has_starts);
    in->ends_at = date_of(r, "ends_at", &in->has_ends);
    in->prices = read_prices(r, json_get(b, "prices"), &in->nprices);
    groups = json_get(b, "customer_groups");
    in->ngroups = groups ? (int)json_object_array_length(groups) : -1;
    g = arena_alloc(&r->c.arena, sizeof(*g) * (size_t)(in->ngroups > 0 ? in->ngroups : 1));
    for (int i = 0; i < in->ngroups; i++)
        g[i] = json_get_str_opt(json_object_array_get_idx(groups, (size_t)i), "id");
    in->groups = g;
    return 0;
}

/* ---- lists --------------------------------------------------------------------------------- */

/* POST /admin/price-lists */
int admin_price_lists_create(struct req *r)
{
    struct price_list_input in;
    const char *id;
    if (body_read(r, 1, &in) < 0 || price_list_create(&r->c, &in, &id) < 0)
        return -1;
    return send_list(r, id);
}

/* GET /admin/price-lists/:id */
int admin_price_lists_get(struct req *r)
{
    return send_list(r, req_param(r, "id"));
}

/* POST /admin/price-lists/:id */
int admin_price_lists_update(struct req *r)
{
    struct price_list_input in;
    const char *id = req_param(r, "id");
    if (body_read(r, 0, &in) < 0 || price_list_update(&r->c, id, &in) < 0)
        return -1;
    return send_list(r, id);
}

/* DELETE /admin/price-lists/:id */
int admin_price_lists_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (price_list_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "price-list");
}

/* GET /admin/price-lists: 10 a page; id, q (name, description or a group's name), status[],
 * name, customer_groups[], description, type[], dates. No relation unless expanded (q and
 * customer_groups join the groups in). */
int admin_price_lists_list(struct req *r)
{
    static const struct vparam params[] = {
        {"id", V_STRING, 0},
        {"q", V_STRING, 0},
        {"status", V_ANY, 0},
        {"name", V_STRING, 0},
        {"customer_groups", V_ANY, 0},
        {"description", V_STRING, 0},
        {"type", V_ANY, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"order", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const char *const statuses[] = {"active", "draft", NULL};
    static const char *const types[] = {"sale", "override", NULL};
    static const struct listq_spec spec = {.default_limit = 10, .is_list = 1};
    struct ctx *c = &r->c;
    struct sbuf m = SBUF_INIT;
    struct listq lq;
    struct listf f;
    struct gquery q;
    struct gsel *sel;
    const char *s, **v;
    int n, ng;
    const char **groups;

    validate_msgs(r->qs, params, 1, &m);
    v = v_strs(r, r->qs, "status", &n);
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], statuses[0]) && strcmp(v[i], statuses[1])) {
            msg(&m, " must be one of the following values: active, draft", "each value in status");
            break;
        }
    v = v_strs(r, r->qs, "type", &n);
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], types[0]) && strcmp(v[i], types[1])) {
            msg(&m, " must be one of the following values: sale, override", "each value in type");
            break;
        }
    if (validate_done(r, &m) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    groups = v_strs(r, r->qs, "customer_groups", &ng);
    sel = gsel_build(c, &ent_price_list, lq.fields, lq.relations);
    if (ng || ((s = v_str(r->qs, "q")) && *s))
        gsel_add_rel(c, sel, "customer_groups");
    if (gq_list(c, &q, &ent_price_list, sel, &f) < 0)
        return -1;
    if ((s = v_str(r->qs, "id")))
        gq_where_eq(c, &q, "id", s);
    if ((s = v_str(r->qs, "name")))
        gq_where_eq(c, &q, "name", s);
    if ((s = v_str(r->qs, "description")))
        gq_where_eq(c, &q, "description", s);
    v = v_strs(r, r->qs, "status", &n);
    if (n)
        gq_where_in(c, &q, "status", v, n);
    v = v_strs(r, r->qs, "type", &n);
    if (n)
        gq_where_in(c, &q, "type", v, n);
    if (ng)
        gq_where_linked(c, &q, "id", "price_list_customer_groups", "price_list_id",
                        "customer_group_id", groups, ng);
    if ((s = v_str(r->qs, "q")) && *s)
        db_price_list_where_q(c, &q, s);
    admin_filter_dates(r, &q);
    return page_list(r, "price_lists", &q, 1);
}

/* ---- prices -------------------------------------------------------------------------------- */

/* {ids, object: "money-amount", deleted: true} */
static int send_deleted_prices(struct req *r, const char *const *ids, int n)
{
    struct json_object *o = json_object_new_object(), *a = json_object_new_array();
    for (int i = 0; i < n; i++)
        json_object_array_add(a, json_object_new_string(ids[i]));
    json_set(o, "ids", a);
    json_set_str(o, "object", "money-amount");
    json_set_bool(o, "deleted", 1);
    return resp_json(r, 200, o);
}

/* POST /admin/price-lists/:id/prices/batch */
int admin_price_lists_add_prices(struct req *r)
{
    static const struct vparam params[] = {
        {"prices", V_ARRAY, V_CHECKED}, {"override", V_BOOL, V_OPTIONAL}, {NULL, 0, 0}};
    struct sbuf m = SBUF_INIT;
    struct json_object *o;
    const struct price_list_price *prices;
    const char *id = req_param(r, "id");
    int n;
    validate_msgs(r->json, params, 0, &m);
    nested(&m, r->json, "prices", price_update_check);
    if (validate_done(r, &m) < 0)
        return -1;
    prices = read_prices(r, json_get(r->json, "prices"), &n);
    if (price_list_add_prices(&r->c, id, prices, n,
                              (o = json_get(r->json, "override")) && json_object_get_boolean(o)) <
        0)
        return -1;
    return send_list(r, id);
}

/* DELETE /admin/price-lists/:id/prices/batch: price_ids, @ArrayNotEmpty() @IsString(each). */
int admin_price_lists_delete_prices(struct req *r)
{
    const char *const *ids;
    int n;
    if (admin_ids_body(r, "price_ids", &ids, &n) < 0 ||
        price_list_delete_prices(&r->c, req_param(r, "id"), ids, n) < 0)
        return -1;
    return send_deleted_prices(r, ids, n);
}

static int delete_prices_of(struct req *r, const char *const *ids, int n, int of_products)
{
    const char **deleted;
    int ndeleted;
    if (price_list_delete_prices_of(&r->c, req_param(r, "id"), ids, n, of_products, &deleted,
                                    &ndeleted) < 0)
        return -1;
    return send_deleted_prices(r, deleted, ndeleted);
}

/* DELETE /admin/price-lists/:id/products/:product_id/prices */
int admin_price_lists_delete_product_prices(struct req *r)
{
    const char *pid = req_param(r, "product_id");
    return delete_prices_of(r, &pid, 1, 1);
}

/* DELETE /admin/price-lists/:id/variants/:variant_id/prices */
int admin_price_lists_delete_variant_prices(struct req *r)
{
    const char *vid = req_param(r, "variant_id");
    return delete_prices_of(r, &vid, 1, 0);
}

/* DELETE /admin/price-lists/:id/products/prices/batch: product_ids, as price_ids above. */
int admin_price_lists_delete_products_prices(struct req *r)
{
    const char *const *ids;
    int n;
    if (admin_ids_body(r, "product_ids", &ids, &n) < 0)
        return -1;
    return delete_prices_of(r, ids, n, 1);
}

/* ---- the products of a list ---------------------------------------------------------------- */

/* Keeps the prices of each variant of rows that are the list's or outside any list
 * (findManyForVariantInPriceList). */
static void keep_list_prices(struct req *r, struct json_object *rows, const char *list_id)
{
    struct json_object *variants = catalog_collect_variants(r, rows);
    for (size_t i = 0; i < json_object_array_length(variants); i++) {
        struct json_object *v = json_object_array_get_idx(variants, i);
        struct json_object *prices = json_get(v, "prices"), *kept;
        if (!prices || !json_object_is_type(prices, json_type_array))
            continue;
        kept = json_object_new_array();
        for (size_t k = 0; k < json_object_array_length(prices); k++) {
            struct json_object *p = json_object_array_get_idx(prices, k);
            const char *pl = json_get_str_opt(p, "price_list_id");
            if (!pl || !strcmp(pl, list_id))
                json_object_array_add(kept, json_share(p));
        }
        json_set(v, "prices", kept);
    }
}

/* GET /admin/price-lists/:id/products: the products with prices in the list, 50 a page, under
 * the product list's filters; each variant with the list's prices and the plain ones. */
int admin_price_lists_products(struct req *r)
{
    static const struct vparam params[] = {
        {"id", V_STR_OR_ARRAY, 0},
        {"q", V_STRING, 0},
        {"status", V_STRARRAY, 0},
        {"collection_id", V_STRARRAY, 0},
        {"tags", V_STRARRAY, 0},
        {"title", V_STRING, 0},
        {"description", V_STRING, 0},
        {"handle", V_STRING, 0},
        {"is_giftcard", V_ANY, 0},
        {"type", V_STRING, 0},
        {"order", V_STRING, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {NULL, 0, 0},
    };
    /* defaultAdminProductRelations without variants.prices */
    static const char *const relations[] = {
        "variants", "variants.options", "profiles", "images", "options", "options.values", "tags",
        "type",     "collection",       NULL};
    static const struct listq_spec spec = {
        .default_limit = 50, .is_list = 1, .default_relations = relations};
    struct ctx *c = &r->c;
    struct product_filter pf = {0};
    const char *id = req_param(r, "id");
    struct listq lq;
    struct listf lf;
    struct gquery q;
    struct gsel *sel;
    struct json_object *rows;
    int64_t count;

    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &lf);
    catalog_product_filter(r, &pf);
    pf.statuses.v = v_strs(r, r->qs, "status", &pf.statuses.n);
    pf.price_lists.v = &id;
    pf.price_lists.n = 1;
    sel = gsel_build(c, &ent_admin_product, lq.fields, lq.relations);
    gsel_add_col(c, sel, "profile_id");
    if (gsel_rel(sel, "variants"))
        gsel_add_rel(c, sel, "variants.prices");
    if (db_products_query(c, &q, sel, &lf, &pf) < 0)
        return -1;
    admin_filter_dates(r, &q);
    if ((count = gq_count(c, &q)) < 0 || !(rows = gq_run_json(c, &q)))
        return -1;
    keep_list_prices(r, rows, id);
    return catalog_send(r, "products", rows, 1, count, lq.offset, lq.limit);
}
