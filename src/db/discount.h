/* discount.h: discount writes of the Admin API (POST /admin/discounts): the rule, the discount,
 * its regions and its conditions with their resources, in the tables the cart reads
 * (db/cart.h db_discounts_by_code, db_discount_product_ok, db_discount_groups). */
#ifndef DB_DISCOUNT_H
#define DB_DISCOUNT_H
#include <stdint.h>

#include "core/ctx.h"

struct discount_new {
    const char *code; /* already upper-cased and trimmed */
    int is_dynamic, is_disabled;
    const char *starts_at, *ends_at; /* ISO texts; starts_at NULL = now */
    const char *valid_duration;
    int has_usage_limit;
    int64_t usage_limit;
    const char *metadata; /* JSON text or NULL */
    /* the rule */
    const char *rule_type, *allocation, *description;
    int64_t value;
    const char *const *regions;
    int nregions;
};

/* 1 if a live discount has this code, 0 if not, -1 on error. */
int db_discount_code_taken(struct ctx *c, const char *code);
/* Inserts the rule, the discount and its region links; the new discount's id (arena), or NULL. */
const char *db_discount_insert(struct ctx *c, const struct discount_new *d, const char **rule_id);
/* Inserts a condition of type (products, product_types, product_collections, product_tags,
 * customer_groups) with operator on rule_id, linking the resources ids[0..n). A missing resource
 * records Medusa's not_found ("Product with product_id x does not exist."). 0 or -1. */
int db_discount_condition_insert(struct ctx *c, const char *rule_id, const char *type,
                                 const char *operator_, const char *const *ids, int n);

#endif
