/* products.h: what the product routes share with the variant and option routes: the answer
 * (the product with the admin's default relations) and the variant DTOs. */
#ifndef ADMIN_PRODUCTS_H
#define ADMIN_PRODUCTS_H
#include "core/sbuf.h"
#include "domain/product.h"

struct req;
struct json_object;

/* A live product as the Admin API answers it (Medusa's defaultAdminProductRelations, priced as
 * setAdminProductPricing: the prices outside price lists), arena-owned; NULL with 404 "Product
 * with id: <id> was not found" recorded. */
struct json_object *admin_product_json(struct req *r, const char *id);
/* Writes {product} from admin_product_json. 0 or -1. */
int admin_product_send(struct req *r, const char *id);

/* The variant DTOs: nested in AdminPostProductsReq (options {value}) and in
 * AdminPostProductsProductReq (an id), and the variant routes' own (options {value, option_id}). */
enum variant_dto {
    VARIANT_DTO_NESTED_CREATE,
    VARIANT_DTO_NESTED_UPDATE,
    VARIANT_DTO_CREATE,
    VARIANT_DTO_UPDATE,
};
/* Appends class-validator's messages for the variant object v to msgs. */
void admin_variant_check(struct sbuf *msgs, struct json_object *v, enum variant_dto dto);
/* Reads a validated variant object into v (arena memory). */
void admin_variant_read(struct req *r, struct json_object *o, struct variant_input *v);

#endif
