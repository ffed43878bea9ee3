/* collections.c: /admin/collections: create, update, delete and the products batch (Medusa's
 * AdminPostCollectionsReq ... AdminDeleteProductsFromCollectionReq; rules in
 * domain/catalog_admin.c). Answers {collection} with its products and their profiles. */
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

static const char *const collection_relations[] = {"products.profiles", NULL};

/* POST /admin/collections */
int admin_collections_create(struct req *r)
{
    static const struct vparam params[] = {
        /* @IsString() @IsNotEmpty(): the lower decorator's message comes first */
        {"title", V_NOT_EMPTY, V_CHECKED},
        {"title", V_STRING, V_CHECKED},
        {"handle", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct ctx *c = &r->c;
    struct listf f = {.limit = 1};
    struct gquery q;
    int rc;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    if (!(f.id = collection_create(c, v_str(r->json, "title"), v_str(r->json, "handle"),
                                   json_get(r->json, "metadata"))))
        return -1;
    if (gq_list(c, &q, &ent_product_collection,
                gsel_build(c, &ent_product_collection, NULL, collection_relations), &f) < 0)
        return -1;
    if ((rc = page_row(r, "collection", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Product collection with id: %s was not found", f.id);
    return rc;
}

static int send_collection(struct req *r, const char *id)
{
    return admin_one_send(r, "collection", &ent_product_collection,
                          gsel_build(&r->c, &ent_product_collection, NULL, collection_relations),
                          id, "Product collection with id: ");
}

/* POST /admin/collections/:id */
int admin_collections_update(struct req *r)
{
    static const struct vparam params[] = {
        {"title", V_STRING, V_OPTIONAL},
        {"handle", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        collection_update(&r->c, id, v_str(r->json, "title"), v_str(r->json, "handle"),
                          json_get(r->json, "metadata")) < 0)
        return -1;
    return send_collection(r, id);
}

/* DELETE /admin/collections/:id */
int admin_collections_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (collection_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "product-collection");
}

/* POST /admin/collections/:id/products/batch */
int admin_collections_add_products(struct req *r)
{
    const char *const *ids;
    const char *id = req_param(r, "id");
    int n;
    if (admin_ids_body(r, "product_ids", &ids, &n) < 0 ||
        collection_products(&r->c, id, ids, n, 1) < 0)
        return -1;
    return send_collection(r, id);
}

/* DELETE /admin/collections/:id/products/batch */
int admin_collections_remove_products(struct req *r)
{
    const char *const *ids;
    const char *id = req_param(r, "id");
    struct json_object *o;
    int n;
    if (admin_ids_body(r, "product_ids", &ids, &n) < 0 ||
        collection_products(&r->c, id, ids, n, 0) < 0)
        return -1;
    o = json_object_new_object();
    json_set_str(o, "id", id);
    json_set_str(o, "object", "product-collection");
    json_set(o, "removed_products", json_share(json_get(r->json, "product_ids")));
    return resp_json(r, 200, o);
}

/* GET /admin/collections/:id */
int admin_collections_get(struct req *r)
{
    return send_collection(r, req_param(r, "id"));
}

/* GET /admin/collections (AdminGetCollectionsParams): 10 a page; q on the title or the handle
 * (ILike), which replaces the title, handle and created/updated filters as the collection
 * service's listAndCount does; deleted_at lists deleted collections (withDeleted);
 * discount_condition_id. No expand or fields: Medusa's DTO refuses them. */
int admin_collections_list(struct req *r)
{
    static const struct vparam params[] = {
        {"title", V_STRING, 0},
        {"handle", V_STRING, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {"q", V_STRING, 0},
        {"order", V_STRING, 0},
        {"discount_condition_id", V_STRING, 0},
        {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {
        .default_limit = 10, .is_list = 1, .default_relations = collection_relations};
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char *s, *text = v_str(r->qs, "q");
    int search = text && *text;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (search) {
        memset(&f.created_at, 0, sizeof(f.created_at));
        memset(&f.updated_at, 0, sizeof(f.updated_at));
    }
    if (gq_list(c, &q, &ent_product_collection,
                gsel_build(c, &ent_product_collection, lq.fields, lq.relations), &f) < 0)
        return -1;
    admin_filter_dates(r, &q);
    if (search) {
        gq_where_contains(c, &q, "title,handle", text);
    } else {
        if ((s = v_str(r->qs, "title")))
            gq_where_eq(c, &q, "title", s);
        if ((s = v_str(r->qs, "handle")))
            gq_where_eq(c, &q, "handle", s);
    }
    if ((s = v_str(r->qs, "discount_condition_id")))
        gq_where_linked(c, &q, "id", "discount_condition_product_collection",
                        "product_collection_id", "condition_id", &s, 1);
    return page_list(r, "collections", &q, 1);
}
