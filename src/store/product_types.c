/* product_types.c: GET /store/product-types (store.md §5.7): id, value, created_at, updated_at of
 * every live type, used by a product or not. No fields/expand; order by any column of the type
 * (an unknown one is 400 "Order field x is not valid", where Medusa fails in the database). */
#include "db/entities.h"
#include "front/catalog_common.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const struct listq_spec spec = {
    .default_limit = 20,
    .is_list = 1,
};

/* GET /store/product-types */
int store_product_types_list(struct req *r)
{
    return catalog_value_list(r, &spec, &ent_product_type, "product_types");
}
