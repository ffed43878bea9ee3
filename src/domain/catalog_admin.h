/* catalog_admin.h: Medusa's rules for collections, categories and return reasons created from the
 * Admin API: default handles (kebabCase), unique handles and values, categories ranked after
 * their siblings, return reasons nested one level at most. */
#ifndef DOMAIN_CATALOG_ADMIN_H
#define DOMAIN_CATALOG_ADMIN_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

/* Each returns the new id, or NULL with Medusa's error recorded. metadata: an object or NULL. */
const char *collection_create(struct ctx *c, const char *title, const char *handle,
                              struct json_object *metadata);

struct category_input {
    const char *name, *description, *handle, *parent_id;
    int is_active, is_internal; /* -1: the model's default (false) */
    struct json_object *metadata;
};
const char *category_create(struct ctx *c, const struct category_input *in);

/* ProductCollectionService.update: the title and handle given (NULL: kept), metadata merged; 404
 * "Product collection with id: x was not found", 422 for a handle another collection has. */
int collection_update(struct ctx *c, const char *id, const char *title, const char *handle,
                      struct json_object *metadata);
/* Soft-deletes a live collection (404 otherwise); its products keep their collection_id, as in
 * Medusa. */
int collection_delete(struct ctx *c, const char *id);
/* Puts products in a live collection (add) or takes them out (404 for the collection; unknown
 * products are skipped, as Medusa's bulk update does). */
int collection_products(struct ctx *c, const char *id, const char *const *ids, int n, int add);

/* ProductCategoryService.update. NULL strings and -1 flags: kept. has_parent: move under
 * parent_id (NULL: to the roots); has_rank: to rank (clamped to the end). Siblings are renumbered
 * as Medusa's reordering leaves them. 404 for the category or a new parent, 422 for a taken
 * handle; a move under its own subtree is refused (400). */
struct category_update {
    const char *name, *description, *handle, *parent_id;
    int is_active, is_internal;
    int has_parent, has_rank;
    int64_t rank;
    struct json_object *metadata;
};
int category_update(struct ctx *c, const char *id, const struct category_update *in);
/* Deletes a category (an unknown one is fine); 400 not_allowed with children; siblings after it
 * move up a rank. */
int category_delete(struct ctx *c, const char *id);
/* Links (add) or unlinks products: 404 "ProductCategory with id: x was not found" for the
 * category, 400 "Products x do not exist" for an unknown product (validateProductsExist). */
int category_products(struct ctx *c, const char *id, const char *const *ids, int n, int add);

const char *return_reason_create(struct ctx *c, const char *value, const char *label,
                                 const char *description, const char *parent_id,
                                 struct json_object *metadata);

/* ReturnReasonService.update from a validated body: 404 "Return Reason with id: <id> was not
 * found."; label, value, description as given, metadata replaced as given (no merge), a value of
 * another reason Medusa's 422. 0 or -1. */
int return_reason_update(struct ctx *c, const char *id, struct json_object *body);
/* ReturnReasonService.delete: 404 as above; a soft delete of the reason and its children. */
int return_reason_delete(struct ctx *c, const char *id);

#endif
