/* product_categories.c: /admin/product-categories (Medusa's AdminPostProductCategoriesReq,
 * ...CategoryReq, ...ProductsBatchReq, with FindParams' expand/fields in the query; rules in
 * domain/catalog_admin.c). Answers {product_category} with the admin's columns, its parent and
 * its descendants as a tree (findOneWithDescendants). */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/catalog_admin.h"
#include "db/entities.h"
#include "domain/catalog_admin.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const category_fields[] = {
    "id",         "name",        "description", "handle",
    "is_active",  "is_internal", "rank",        "parent_category_id",
    "created_at", "updated_at",  "metadata",    NULL};
static const char *const category_relations[] = {"parent_category", "category_children", NULL};
static const struct listq_spec get_spec = {
    .default_fields = category_fields,
    .allowed_relations = category_relations,
    .default_relations = category_relations,
};
static const struct vparam find_params[] = {
    {"expand", V_STRING, V_OPTIONAL}, {"fields", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};

/* The selection of lq; with tree, category_children holds every descendant, each level with its
 * own category_children (an empty array at the leaves). */
static struct gsel *category_sel(struct req *r, const struct listq *lq, int tree)
{
    struct ctx *c = &r->c;
    struct gsel *sel = gsel_build(c, &ent_admin_product_category, lq->fields, lq->relations);
    int depth;
    if (!tree || !gsel_rel(sel, "category_children") || (depth = db_category_max_depth(c)) < 1)
        return sel;
    {
        struct sbuf path = SBUF_INIT;
        sbuf_adds(&path, "category_children");
        for (int i = 1; i < depth; i++)
            sbuf_adds(&path, ".category_children");
        gsel_add_rel(c, sel, path.buf);
        sbuf_release(&path);
    }
    return sel;
}

static int send_category(struct req *r, const struct listq *lq, const char *id)
{
    return admin_one_send(r, "product_category", &ent_admin_product_category,
                          category_sel(r, lq, 1), id, "ProductCategory with id: ");
}

/* POST /admin/product-categories */
int admin_product_categories_create(struct req *r)
{
    static const struct vparam params[] = {
        {"description", V_STRING, V_OPTIONAL},
        {"handle", V_STRING, V_OPTIONAL},
        {"is_internal", V_BOOL, V_OPTIONAL},
        {"is_active", V_BOOL, V_OPTIONAL},
        {"parent_category_id", V_STRING, V_OPTIONAL},
        /* @IsString() @IsNotEmpty(): the lower decorator's message comes first */
        {"name", V_NOT_EMPTY, V_CHECKED},
        {"name", V_STRING, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct ctx *c = &r->c;
    struct category_input in;
    struct json_object *v;
    struct listq lq;
    const char *id;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0 ||
        validate(r, r->json, params, 0) < 0)
        return -1;
    in.name = v_str(r->json, "name");
    in.description = v_str(r->json, "description");
    in.handle = v_str(r->json, "handle");
    in.parent_id = v_str(r->json, "parent_category_id");
    /* The DTO turns the string "null" into null: a root category. */
    if (in.parent_id && !strcmp(in.parent_id, "null"))
        in.parent_id = NULL;
    in.is_active = (v = json_get(r->json, "is_active")) ? json_object_get_boolean(v) : -1;
    in.is_internal = (v = json_get(r->json, "is_internal")) ? json_object_get_boolean(v) : -1;
    in.metadata = json_get(r->json, "metadata");
    if (!(id = category_create(c, &in)))
        return -1;
    return send_category(r, &lq, id);
}

/* POST /admin/product-categories/:id: the class's own properties (name, handle, metadata), then
 * AdminProductCategoriesReqBase's, as class-validator orders inherited ones; rank last. */
int admin_product_categories_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},        {"handle", V_NOT_EMPTY, V_OPTIONAL},
        {"handle", V_STRING, V_OPTIONAL},      {"metadata", V_OBJECT, V_OPTIONAL},
        {"description", V_STRING, V_OPTIONAL}, {"is_internal", V_BOOL, V_OPTIONAL},
        {"is_active", V_BOOL, V_OPTIONAL},     {"parent_category_id", V_STRING, V_OPTIONAL},
        {"rank", V_ANY, V_OPTIONAL},           {NULL, 0, 0},
    };
    struct category_update in;
    struct sbuf msgs = SBUF_INIT;
    struct json_object *v;
    struct listq lq;
    const char *id = req_param(r, "id");
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    validate_msgs(r->json, params, 0, &msgs);
    /* @IsInt() @IsNotEmpty() @Min(0), reported bottom-up */
    if ((v = json_get(r->json, "rank"))) {
        int is_int = json_object_is_type(v, json_type_int);
        if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double))
            sbuf_addf(&msgs, "%srank must not be less than 0", msgs.len ? ", " : "");
        else if (json_object_get_double(v) < 0)
            sbuf_addf(&msgs, "%srank must not be less than 0", msgs.len ? ", " : "");
        if (json_object_is_type(v, json_type_string) && !*json_object_get_string(v))
            sbuf_addf(&msgs, "%srank should not be empty", msgs.len ? ", " : "");
        if (!is_int)
            sbuf_addf(&msgs, "%srank must be an integer number", msgs.len ? ", " : "");
    }
    if (validate_done(r, &msgs) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.name = v_str(r->json, "name");
    in.description = v_str(r->json, "description");
    in.handle = v_str(r->json, "handle");
    in.is_active = (v = json_get(r->json, "is_active")) ? json_object_get_boolean(v) : -1;
    in.is_internal = (v = json_get(r->json, "is_internal")) ? json_object_get_boolean(v) : -1;
    if (json_object_object_get_ex(r->json, "parent_category_id", &v)) {
        in.has_parent = 1;
        in.parent_id = v_str(r->json, "parent_category_id");
        if (in.parent_id && !strcmp(in.parent_id, "null"))
            in.parent_id = NULL;
    }
    if ((v = json_get(r->json, "rank"))) {
        in.has_rank = 1;
        in.rank = json_object_get_int64(v);
    }
    in.metadata = json_get(r->json, "metadata");
    if (category_update(&r->c, id, &in) < 0)
        return -1;
    return send_category(r, &lq, id);
}

/* DELETE /admin/product-categories/:id */
int admin_product_categories_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (category_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "product-category");
}

/* POST and DELETE /admin/product-categories/:id/products/batch: product_ids [{id}]. */
static int products_batch(struct req *r, int add)
{
    struct listq lq;
    const char **ids;
    const char *id = req_param(r, "id");
    int n;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0 ||
        !(ids = admin_batch_ids(r, "product_ids", &n)))
        return -1;
    if (category_products(&r->c, id, ids, n, add) < 0)
        return -1;
    return send_category(r, &lq, id);
}

int admin_product_categories_add_products(struct req *r)
{
    return products_batch(r, 1);
}

int admin_product_categories_remove_products(struct req *r)
{
    return products_batch(r, 0);
}

/* GET /admin/product-categories/:id */
int admin_product_categories_get(struct req *r)
{
    struct listq lq;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    return send_category(r, &lq, req_param(r, "id"));
}

/* GET /admin/product-categories: 100 a page, by rank then handle; q on the name or handle,
 * handle, is_internal, is_active, parent_category_id ("null": the roots) and
 * include_descendants_tree (each row with its whole subtree). */
int admin_product_categories_list(struct req *r)
{
    static const struct vparam params[] = {
        {"q", V_STRING, 0},
        {"handle", V_STRING, 0},
        {"include_descendants_tree", V_BOOLSTR, 0},
        {"is_internal", V_STRING, 0},
        {"is_active", V_STRING, 0},
        {"parent_category_id", V_STRING, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {"order", V_STRING, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {
        .default_limit = 100,
        .is_list = 1,
        .default_fields = category_fields,
        .allowed_relations = category_relations,
        .default_relations = category_relations,
    };
    static const char *const flags[] = {"is_internal", "is_active", NULL};
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char *s;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_admin_product_category,
                category_sel(r, &lq, v_boolstr(r->qs, "include_descendants_tree") == 1), &f) < 0)
        return -1;
    if (!f.order)
        gq_order_cols(c, &q, "rank,handle");
    if ((s = v_str(r->qs, "q")) && *s) {
        gq_where_contains(c, &q, "name,handle", s);
    } else if ((s = v_str(r->qs, "handle"))) {
        gq_where_eq(c, &q, "handle", s);
    }
    for (const char *const *k = flags; *k; k++)
        if ((s = v_str(r->qs, *k)) && (!strcmp(s, "true") || !strcmp(s, "false")))
            gq_where_eq_int(c, &q, *k, !strcmp(s, "true"));
    if ((s = v_str(r->qs, "parent_category_id"))) {
        if (!strcmp(s, "null"))
            gq_where_null(c, &q, "parent_category_id");
        else
            gq_where_eq(c, &q, "parent_category_id", s);
    }
    return page_list(r, "product_categories", &q, 1);
}
