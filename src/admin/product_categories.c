/* product_categories.c: POST /admin/product-categories (Medusa's AdminPostProductCategoriesReq,
 * with FindParams' expand/fields in the query; rules in domain/catalog_admin.c). Answers
 * {product_category} with the admin's columns, parent_category and category_children. */
#include <string.h>

#include "admin/common.h"
#include "core/json.h"
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

/* POST /admin/product-categories */
int admin_product_categories_create(struct req *r)
{
    static const struct vparam query[] = {
        {"expand", V_STRING, V_OPTIONAL}, {"fields", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
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
    struct listf f = {.limit = 1};
    struct gquery q;
    int rc;
    if (validate(r, r->qs, query, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0 ||
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
    if (!(f.id = category_create(c, &in)))
        return -1;
    if (gq_list(c, &q, &ent_admin_product_category,
                gsel_build(c, &ent_admin_product_category, lq.fields, lq.relations), &f) < 0)
        return -1;
    if ((rc = page_row(r, "product_category", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "ProductCategory with id: %s was not found", f.id);
    return rc;
}

/* GET /admin/product-categories/:id */
int admin_product_categories_get(struct req *r)
{
    return admin_one_send(r, "product_category", &ent_admin_product_category,
                          gsel_build(&r->c, &ent_admin_product_category, NULL, category_relations),
                          req_param(r, "id"), "ProductCategory with id: ");
}

/* GET /admin/product-categories: 100 a page (Medusa's default), q on the name. */
int admin_product_categories_list(struct req *r)
{
    static const struct admin_list l = {
        "product_categories", &ent_admin_product_category, category_relations, 100, "name", 1};
    return admin_list_send(r, &l);
}
