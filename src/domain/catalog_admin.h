/* catalog_admin.h: Medusa's rules for collections, categories and return reasons created from the
 * Admin API: default handles (kebabCase), unique handles and values, categories ranked after
 * their siblings, return reasons nested one level at most. */
#ifndef DOMAIN_CATALOG_ADMIN_H
#define DOMAIN_CATALOG_ADMIN_H
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
