/* product_tags.c: GET /store/product-tags (store.md §5.7): id, value, created_at, updated_at of
 * every live tag, used by a product or not. No fields/expand; order only by those columns. */
#include "db/entities.h"
#include "front/catalog_common.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const tag_fields[] = {"id", "value", "created_at", "updated_at", NULL};

static const struct listq_spec spec = {
    .default_limit = 20,
    .is_list = 1,
    .allowed_fields = tag_fields,
};

/* GET /store/product-tags */
int store_product_tags_list(struct req *r)
{
    return catalog_value_list(r, &spec, &ent_product_tag, "product_tags");
}
