/* product_tags.c: GET /admin/product-tags (AdminGetProductTagsParams): the store's list of tags
 * (id, value, q, dates, discount_condition_id) with the admin's page of 10. */
#include "db/entities.h"
#include "http/req.h"
#include "http/router.h"
#include "front/validate.h"
#include "front/catalog_common.h"

/* GET /admin/product-tags */
int admin_product_tags_list(struct req *r)
{
    static const struct listq_spec spec = {.default_limit = 10, .is_list = 1};
    return catalog_value_list(r, &spec, &ent_product_tag, "product_tags");
}
