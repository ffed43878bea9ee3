/* product_types.c: GET /admin/product-types (AdminGetProductTypesParams): the store's list of
 * types (id, value, q, dates, discount_condition_id), 20 a page. */
#include "db/entities.h"
#include "http/req.h"
#include "http/router.h"
#include "front/validate.h"
#include "front/catalog_common.h"

/* GET /admin/product-types */
int admin_product_types_list(struct req *r)
{
    static const struct listq_spec spec = {.default_limit = 20, .is_list = 1};
    return catalog_value_list(r, &spec, &ent_product_type, "product_types");
}
