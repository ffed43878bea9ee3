/* products.c: POST /admin/products, POST /admin/products/:id, DELETE /admin/products/:id
 * (Medusa's AdminPostProductsReq / AdminPostProductsProductReq; rules in domain/product.c).
 * Answers {product} with the admin's default relations, priced as setAdminProductPricing does
 * (no region or currency: no calculated price). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "admin/common.h"
#include "admin/products.h"
#include "core/json.h"
#include "db/entities.h"
#include "domain/pricing.h"
#include "domain/product.h"
#include "front/catalog_common.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const product_relations[] = {
    "variants", "variants.prices", "variants.options", "profiles",
    "images",   "options",         "options.values",   "tags",
    "type",     "collection",      "sales_channels",   "categories",
    NULL};

struct json_object *admin_product_json(struct req *r, const char *id)
{
    struct ctx *c = &r->c;
    struct listf f = {.id = id, .limit = 1};
    struct price_context pc = {.plain_only = 1};
    struct gquery q;
    struct gsel *sel = gsel_build(c, &ent_admin_product, NULL, product_relations);
    struct json_object *rows;
    gsel_add_col(c, sel, "profile_id");
    /* A relation loads every column of the category (TypeORM), mpath included. */
    gsel_add_col(c, gsel_rel(sel, "categories"), "mpath");
    if (gq_list(c, &q, &ent_admin_product, sel, &f) < 0 || !(rows = gq_run_json(c, &q)))
        return NULL;
    if (json_object_array_length(rows) == 0) {
        err_set(c, ERR_NOT_FOUND, "Product with id: %s was not found", id);
        return NULL;
    }
    if (catalog_price_json(c, catalog_collect_variants(r, rows), &pc, 0) < 0)
        return NULL;
    return json_object_array_get_idx(rows, 0);
}

int admin_product_send(struct req *r, const char *id)
{
    struct json_object *p = admin_product_json(r, id);
    return p ? resp_keyed(r, 200, "product", p) : -1;
}

/* ---- body validation (class-validator, nested DTOs) ------------------------------------------ */

__attribute__((format(printf, 2, 3))) static void add(struct sbuf *msgs, const char *fmt, ...);
static void add(struct sbuf *msgs, const char *fmt, ...)
{
    va_list ap;
    char buf[512];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (msgs->len)
        sbuf_adds(msgs, ", ");
    sbuf_adds(msgs, buf);
}

typedef void (*nested_fn)(struct sbuf *msgs, struct json_object *item);

/* @ValidateNested({each: true}) over obj[name] (its IsArray is among the parent's params): each
 * object member validated with params (if any), then by deeper (if any). */
static void nested_each(struct sbuf *msgs, struct json_object *obj, const char *name,
                        const struct vparam *params, nested_fn deeper)
{
    struct json_object *v = json_get(obj, name);
    if (!v)
        return;
    if (!json_object_is_type(v, json_type_array)) {
        if (!json_object_is_type(v, json_type_object))
            add(msgs, "each value in nested property %s must be either object or array", name);
        return;
    }
    for (size_t i = 0; i < json_object_array_length(v); i++) {
        struct json_object *it = json_object_array_get_idx(v, i);
        if (!json_object_is_type(it, json_type_object)) {
            add(msgs, "each value in nested property %s must be either object or array", name);
            continue;
        }
        if (params)
            validate_msgs(it, params, 0, msgs);
        if (deeper)
            deeper(msgs, it);
    }
}

static const struct vparam id_value_params[] = {
    {"id", V_STRING, V_OPTIONAL}, {"value", V_STRING, V_CHECKED}, {NULL, 0, 0}};
static const struct vparam id_params[] = {{"id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
static const struct vparam title_params[] = {{"title", V_STRING, V_CHECKED}, {NULL, 0, 0}};
static const struct vparam value_params[] = {{"value", V_STRING, V_CHECKED}, {NULL, 0, 0}};

/* ProductVariantPricesCreateReq (and, with update, ProductVariantPricesUpdateReq: an id, and the
 * XOR only without it): region_id XOR currency_code, integer amounts. */
static void price_check(struct sbuf *msgs, struct json_object *p, int update)
{
    static const struct vparam create_params[] = {
        {"region_id", V_ANY, V_OPTIONAL},    {"currency_code", V_ANY, V_OPTIONAL},
        {"amount", V_AMOUNT, V_CHECKED},     {"min_quantity", V_INT, V_OPTIONAL},
        {"max_quantity", V_INT, V_OPTIONAL}, {NULL, 0, 0}};
    static const struct vparam update_params[] = {{"id", V_STRING, V_OPTIONAL},
                                                  {"region_id", V_ANY, V_OPTIONAL},
                                                  {"currency_code", V_ANY, V_OPTIONAL},
                                                  {"amount", V_AMOUNT, V_CHECKED},
                                                  {"min_quantity", V_INT, V_OPTIONAL},
                                                  {"max_quantity", V_INT, V_OPTIONAL},
                                                  {NULL, 0, 0}};
    admin_price_check(msgs, p, update ? update_params : create_params, update);
}

/* update: prices may name an existing one by id; option_ids: options are {value, option_id}. */
static void variant_deeper(struct sbuf *msgs, struct json_object *v, int update, int option_ids)
{
    static const struct vparam option_params[] = {
        {"value", V_STRING, V_CHECKED}, {"option_id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    struct json_object *prices = json_get(v, "prices");
    if (prices && json_object_is_type(prices, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(prices); i++) {
            struct json_object *p = json_object_array_get_idx(prices, i);
            if (json_object_is_type(p, json_type_object))
                price_check(msgs, p, update);
            else
                add(msgs, "each value in nested property %s must be either object or array",
                    "prices");
        }
    } else if (prices && !json_object_is_type(prices, json_type_object)) {
        add(msgs, "each value in nested property %s must be either object or array", "prices");
    }
    nested_each(msgs, v, "options", option_ids ? option_params : value_params, NULL);
}

#define VARIANT_COMMON                                                                             \
    {"sku", V_STRING, V_OPTIONAL}, {"ean", V_STRING, V_OPTIONAL}, {"upc", V_STRING, V_OPTIONAL},   \
        {"barcode", V_STRING, V_OPTIONAL}, {"hs_code", V_STRING, V_OPTIONAL},                      \
        {"allow_backorder", V_BOOL, V_OPTIONAL}, {"manage_inventory", V_BOOL, V_OPTIONAL},         \
        {"weight", V_NUMBER, V_OPTIONAL}, {"length", V_NUMBER, V_OPTIONAL},                        \
        {"height", V_NUMBER, V_OPTIONAL}, {"width", V_NUMBER, V_OPTIONAL},                         \
        {"origin_country", V_STRING, V_OPTIONAL}, {"mid_code", V_STRING, V_OPTIONAL},              \
        {"material", V_STRING, V_OPTIONAL}, {"metadata", V_OBJECT, V_OPTIONAL},                    \
    {                                                                                              \
        "options", V_ARRAY, V_OPTIONAL                                                             \
    }

void admin_variant_check(struct sbuf *msgs, struct json_object *v, enum variant_dto dto)
{
    static const struct vparam create_params[] = {
        {"title", V_STRING, V_CHECKED},
        VARIANT_COMMON,
        {"inventory_quantity", V_NUMBER, V_OPTIONAL},
        {"prices", V_ARRAY, V_CHECKED},
        {NULL, 0, 0},
    };
    /* ProductVariantReq of the product update: an id, an integer quantity. */
    static const struct vparam nested_update_params[] = {
        {"id", V_STRING, V_OPTIONAL},
        {"title", V_STRING, V_OPTIONAL},
        VARIANT_COMMON,
        {"inventory_quantity", V_INT, V_OPTIONAL},
        {"prices", V_ARRAY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    /* AdminPostProductsProductVariantsVariantReq */
    static const struct vparam update_params[] = {
        {"title", V_STRING, V_OPTIONAL},
        VARIANT_COMMON,
        {"inventory_quantity", V_NUMBER, V_OPTIONAL},
        {"prices", V_ARRAY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    int update = dto == VARIANT_DTO_NESTED_UPDATE || dto == VARIANT_DTO_UPDATE;
    validate_msgs(v,
                  dto == VARIANT_DTO_NESTED_UPDATE ? nested_update_params
                  : update                         ? update_params
                                                   : create_params,
                  0, msgs);
    variant_deeper(msgs, v, update, dto != VARIANT_DTO_NESTED_CREATE);
}

static void variant_create_check(struct sbuf *msgs, struct json_object *v)
{
    admin_variant_check(msgs, v, VARIANT_DTO_NESTED_CREATE);
}

static void variant_update_check(struct sbuf *msgs, struct json_object *v)
{
    admin_variant_check(msgs, v, VARIANT_DTO_NESTED_UPDATE);
}

static void status_check(struct sbuf *msgs, struct json_object *body)
{
    static const char *const statuses[] = {"draft", "proposed", "published", "rejected", NULL};
    struct json_object *v = json_get(body, "status");
    if (!v)
        return;
    for (int i = 0; statuses[i]; i++)
        if (json_object_is_type(v, json_type_string) &&
            !strcmp(json_object_get_string(v), statuses[i]))
            return;
    add(msgs, "%s must be one of the following values: draft, proposed, published, rejected",
        "status");
}

#define PRODUCT_COMMON                                                                             \
    {"subtitle", V_STRING, V_OPTIONAL}, {"description", V_STRING, V_OPTIONAL},                     \
        {"discountable", V_BOOL, V_OPTIONAL}, {"images", V_ARRAY, V_OPTIONAL},                     \
        {"thumbnail", V_STRING, V_OPTIONAL}, {"handle", V_STRING, V_OPTIONAL},                     \
        {"status", V_ANY, V_OPTIONAL}, {"type", V_NESTED, V_OPTIONAL},                             \
        {"collection_id", V_STRING, V_OPTIONAL}, {"tags", V_ARRAY, V_OPTIONAL},                    \
        {"sales_channels", V_ARRAY, V_OPTIONAL}, {"categories", V_ARRAY, V_OPTIONAL},              \
        {"variants", V_ARRAY, V_OPTIONAL}, {"weight", V_NUMBER, V_OPTIONAL},                       \
        {"length", V_NUMBER, V_OPTIONAL}, {"height", V_NUMBER, V_OPTIONAL},                        \
        {"width", V_NUMBER, V_OPTIONAL}, {"hs_code", V_STRING, V_OPTIONAL},                        \
        {"origin_country", V_STRING, V_OPTIONAL}, {"mid_code", V_STRING, V_OPTIONAL},              \
        {"material", V_STRING, V_OPTIONAL},                                                        \
    {                                                                                              \
        "metadata", V_OBJECT, V_OPTIONAL                                                           \
    }

static int body_check(struct req *r, int create)
{
    static const struct vparam create_params[] = {{"title", V_STRING, V_CHECKED},
                                                  {"is_giftcard", V_BOOL, V_OPTIONAL},
                                                  {"options", V_ARRAY, V_OPTIONAL},
                                                  PRODUCT_COMMON,
                                                  {NULL, 0, 0}};
    static const struct vparam update_params[] = {
        {"title", V_STRING, V_OPTIONAL}, PRODUCT_COMMON, {NULL, 0, 0}};
    struct sbuf msgs = SBUF_INIT;
    struct json_object *type = json_get(r->json, "type");
    validate_msgs(r->json, create ? create_params : update_params, 0, &msgs);
    status_check(&msgs, r->json);
    if (type && json_object_is_type(type, json_type_object))
        validate_msgs(type, id_value_params, 0, &msgs);
    nested_each(&msgs, r->json, "tags", id_value_params, NULL);
    nested_each(&msgs, r->json, "sales_channels", id_params, NULL);
    nested_each(&msgs, r->json, "categories", id_params, NULL);
    if (create)
        nested_each(&msgs, r->json, "options", title_params, NULL);
    nested_each(&msgs, r->json, "variants", NULL,
                create ? variant_create_check : variant_update_check);
    return validate_done(r, &msgs);
}

/* ---- reading the validated body -------------------------------------------------------------- */

static int flag(struct json_object *o, const char *name)
{
    struct json_object *v = json_get(o, name);
    return v ? json_object_get_boolean(v) : -1;
}

static int dim(struct json_object *o, const char *name, int64_t *out)
{
    struct json_object *v = json_get(o, name);
    if (!v)
        return 0;
    *out = json_object_get_int64(v);
    return 1;
}

/* The id (or value) member of each object of obj[name], or NULL entries; -1 when absent. */
static int members(struct req *r, struct json_object *obj, const char *name, const char *key,
                   const char *const **out)
{
    struct json_object *v = json_get(obj, name);
    const char **a;
    int n;
    *out = NULL;
    if (!v || !json_object_is_type(v, json_type_array))
        return -1;
    n = (int)json_object_array_length(v);
    a = arena_alloc(&r->c.arena, sizeof(*a) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        a[i] = json_get_str_opt(json_object_array_get_idx(v, i), key);
    *out = a;
    return n;
}

void admin_variant_read(struct req *r, struct json_object *o, struct variant_input *v)
{
    struct json_object *prices = json_get(o, "prices");
    int n = prices && json_object_is_type(prices, json_type_array)
                ? (int)json_object_array_length(prices)
                : 0;
    struct price_input *p = arena_calloc(&r->c.arena, sizeof(*p) * (size_t)(n + 1));
    memset(v, 0, sizeof(*v));
    v->id = json_get_str_opt(o, "id");
    v->title = json_get_str_opt(o, "title");
    v->sku = json_get_str_opt(o, "sku");
    v->ean = json_get_str_opt(o, "ean");
    v->upc = json_get_str_opt(o, "upc");
    v->barcode = json_get_str_opt(o, "barcode");
    v->hs_code = json_get_str_opt(o, "hs_code");
    v->origin_country = json_get_str_opt(o, "origin_country");
    v->mid_code = json_get_str_opt(o, "mid_code");
    v->material = json_get_str_opt(o, "material");
    v->metadata = json_get(o, "metadata");
    v->has_inventory = dim(o, "inventory_quantity", &v->inventory_quantity);
    v->allow_backorder = flag(o, "allow_backorder");
    v->manage_inventory = flag(o, "manage_inventory");
    v->has_weight = dim(o, "weight", &v->weight);
    v->has_length = dim(o, "length", &v->length);
    v->has_height = dim(o, "height", &v->height);
    v->has_width = dim(o, "width", &v->width);
    for (int i = 0; i < n; i++) {
        struct json_object *e = json_object_array_get_idx(prices, i);
        p[i].id = json_get_str_opt(e, "id");
        p[i].region_id = json_get_str_opt(e, "region_id");
        p[i].currency_code = json_get_str_opt(e, "currency_code");
        p[i].amount = json_object_get_int64(json_get(e, "amount"));
        p[i].has_min = dim(e, "min_quantity", &p[i].min_quantity);
        p[i].has_max = dim(e, "max_quantity", &p[i].max_quantity);
    }
    v->prices = p;
    v->nprices = prices ? n : -1;
    v->noptions = members(r, o, "options", "value", &v->option_values);
    members(r, o, "options", "option_id", &v->option_ids);
    if (v->noptions < 0)
        v->noptions = 0;
}

static void read_input(struct req *r, struct product_input *in)
{
    struct json_object *b = r->json, *vs;
    struct variant_input *variants;
    in->title = v_str(b, "title");
    in->subtitle = v_str(b, "subtitle");
    in->description = v_str(b, "description");
    in->handle = v_str(b, "handle");
    in->thumbnail = v_str(b, "thumbnail");
    in->status = v_str(b, "status");
    in->collection_id = v_str(b, "collection_id");
    in->hs_code = v_str(b, "hs_code");
    in->origin_country = v_str(b, "origin_country");
    in->mid_code = v_str(b, "mid_code");
    in->material = v_str(b, "material");
    in->is_giftcard = flag(b, "is_giftcard");
    in->discountable = flag(b, "discountable");
    in->has_weight = dim(b, "weight", &in->weight);
    in->has_length = dim(b, "length", &in->length);
    in->has_height = dim(b, "height", &in->height);
    in->has_width = dim(b, "width", &in->width);
    in->type_value = json_get_str_opt(json_get(b, "type"), "value");
    in->metadata = json_get(b, "metadata");
    /* images: IsArray only; the members are URLs as given (non-strings skipped). */
    in->nimages = -1;
    if (json_get(b, "images")) {
        int n;
        in->images = v_strs(r, b, "images", &n);
        in->nimages = n;
    }
    in->ntags = members(r, b, "tags", "value", &in->tag_values);
    members(r, b, "tags", "id", &in->tag_ids);
    in->ncategories = members(r, b, "categories", "id", &in->category_ids);
    in->nchannels = members(r, b, "sales_channels", "id", &in->channel_ids);
    in->noptions = members(r, b, "options", "title", &in->option_titles);
    vs = json_get(b, "variants");
    /* -1: no variants in the body (an update leaves them alone) */
    in->nvariants =
        vs && json_object_is_type(vs, json_type_array) ? (int)json_object_array_length(vs) : -1;
    variants = arena_calloc(&r->c.arena, sizeof(*variants) * (size_t)(in->nvariants + 2));
    for (int i = 0; i < in->nvariants; i++)
        admin_variant_read(r, json_object_array_get_idx(vs, i), &variants[i]);
    in->variants = variants;
}

/* GET /admin/products: every product (any status, any sales channel), 50 a page, under the
 * store's product filters plus status[]; no calculated prices (no pricing context). */
int admin_products_list(struct req *r)
{
    static const struct vparam params[] = {
        {"q", V_STRING, 0},
        {"id", V_STR_OR_ARRAY, 0},
        {"status", V_STRARRAY, 0},
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
        {"price_list_id", V_STRARRAY, 0},
        {"discount_condition_id", V_STRING, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {"order", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const char *const statuses[] = {"draft", "proposed", "published", "rejected", NULL};
    static const struct listq_spec spec = {
        .default_limit = 50,
        .is_list = 1,
        .default_relations = product_relations,
    };
    struct ctx *c = &r->c;
    struct product_filter pf = {0};
    struct price_context pc = {.plain_only = 1};
    struct sbuf msgs = SBUF_INIT;
    struct listq lq;
    struct listf lf;
    struct gquery q;
    struct gsel *sel;
    struct json_object *rows;
    int64_t count;
    int n;
    const char **v;

    validate_msgs(r->qs, params, 1, &msgs);
    v = v_strs(r, r->qs, "status", &n);
    for (int i = 0; i < n; i++) {
        int ok = 0;
        for (const char *const *s = statuses; *s; s++)
            ok |= !strcmp(*s, v[i]);
        if (!ok) {
            sbuf_addf(&msgs,
                      "%seach value in status must be one of the following values: "
                      "draft, proposed, published, rejected",
                      msgs.len ? ", " : "");
            break;
        }
    }
    if (validate_done(r, &msgs) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &lf);
    pf.statuses.v = v;
    pf.statuses.n = n;
    catalog_product_filter(r, &pf);
    pf.sales_channels.v = v_strs(r, r->qs, "sales_channel_id", &pf.sales_channels.n);
    pf.sc_filter = pf.sales_channels.n > 0;
    pf.price_lists.v = v_strs(r, r->qs, "price_list_id", &pf.price_lists.n);
    pf.discount_condition_id = v_str(r->qs, "discount_condition_id");
    pf.any_category = 1;
    sel = gsel_build(c, &ent_admin_product, lq.fields, lq.relations);
    gsel_add_col(c, sel, "profile_id");
    if (gsel_rel(sel, "categories"))
        gsel_add_col(c, gsel_rel(sel, "categories"), "mpath");
    if (db_products_query(c, &q, sel, &lf, &pf) < 0)
        return -1;
    admin_filter_dates(r, &q);
    if ((count = gq_count(c, &q)) < 0 || !(rows = gq_run_json(c, &q)))
        return -1;
    /* Medusa prices the page only when both relations are asked for; otherwise a variant's
     * prices are all of its money amounts, price lists' included (the price list forms). */
    if (listq_has_relation(&lq, "variants") && listq_has_relation(&lq, "variants.prices") &&
        catalog_price_json(c, catalog_collect_variants(r, rows), &pc, 0) < 0)
        return -1;
    return catalog_send(r, "products", rows, 1, count, lq.offset, lq.limit);
}

/* GET /admin/products/:id: the product as its writes answer it (expand/fields are not applied). */
int admin_products_get(struct req *r)
{
    static const struct vparam params[] = {
        {"expand", V_STRING, V_OPTIONAL},
        {"fields", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    if (validate(r, r->qs, params, 1) < 0)
        return -1;
    return admin_product_send(r, req_param(r, "id"));
}

/* POST /admin/products */
int admin_products_create(struct req *r)
{
    struct product_input in;
    const char *id;
    if (body_check(r, 1) < 0)
        return -1;
    read_input(r, &in);
    if (product_create(&r->c, &in, &id) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* POST /admin/products/:id */
int admin_products_update(struct req *r)
{
    struct product_input in;
    const char *id = req_param(r, "id");
    if (body_check(r, 0) < 0)
        return -1;
    read_input(r, &in);
    in.noptions = -1;
    in.is_giftcard = -1;
    if (product_update(&r->c, id, &in) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* DELETE /admin/products/:id: idempotent, as Medusa's (an unknown id answers the same). */
int admin_products_delete(struct req *r)
{
    struct json_object *o;
    const char *id = req_param(r, "id");
    if (product_delete(&r->c, id) < 0)
        return -1;
    o = json_object_new_object();
    json_set_str(o, "id", id);
    json_set_str(o, "object", "product");
    json_set_bool(o, "deleted", 1);
    return resp_json(r, 200, o);
}
