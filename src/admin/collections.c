/* collections.c: POST /admin/collections (Medusa's AdminPostCollectionsReq; rules in
 * domain/catalog_admin.c). Answers {collection} with its products and their profiles. */
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

/* GET /admin/collections/:id */
int admin_collections_get(struct req *r)
{
    return admin_one_send(r, "collection", &ent_product_collection,
                          gsel_build(&r->c, &ent_product_collection, NULL, collection_relations),
                          req_param(r, "id"), "Product collection with id: ");
}

/* GET /admin/collections: 10 a page (Medusa's default), q on the title. */
int admin_collections_list(struct req *r)
{
    static const struct admin_list l = {
        "collections", &ent_product_collection, collection_relations, 10, "title", 1};
    return admin_list_send(r, &l);
}
