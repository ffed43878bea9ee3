/* discount.h: discount writes of the Admin API (/admin/discounts): the rule, the discount, its
 * regions, dynamic codes and its conditions with their resources, in the tables the cart reads
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

/* Adds resources ids[0..n) of type to a condition (a missing one records Medusa's not_found);
 * with replace, the condition's other resources of that type go. 0 or -1. */
int db_discount_condition_add(struct ctx *c, const char *cond_id, const char *type,
                              const char *const *ids, int n, int replace);
/* Removes resources of type from a condition. 0 or -1. */
int db_discount_condition_remove(struct ctx *c, const char *cond_id, const char *type,
                                 const char *const *ids, int n);

/* What the Admin API's updates need of a live discount (arena strings). */
struct discount_admin_row {
    const char *code, *rule_id, *rule_type, *starts_at, *ends_at, *valid_duration, *metadata;
    int is_dynamic, is_disabled, has_usage_limit;
    int64_t usage_limit;
};
/* 0, 1 if there is no live discount id, -1. */
int db_discount_load(struct ctx *c, const char *id, struct discount_admin_row *d);
/* 1 if a live discount other than except_id has the code, 0 if not, -1. */
int db_discount_code_used(struct ctx *c, const char *code, const char *except_id);
/* Writes code, is_disabled, starts_at, ends_at, valid_duration, usage_limit and metadata of d. */
int db_discount_update(struct ctx *c, const char *id, const struct discount_new *d);
/* The rule's description and allocation (NULL: kept) and value (NULL: kept). 0 or -1. */
int db_discount_rule_update(struct ctx *c, const char *rule_id, const char *description,
                            const int64_t *value, const char *allocation);
/* The discount's regions become exactly regions[0..n). 0 or -1. */
int db_discount_set_regions(struct ctx *c, const char *id, const char *const *regions, int n);
/* How many regions the discount has, and (*has) whether region_id is one; -1. */
int db_discount_region_count(struct ctx *c, const char *id, const char *region_id, int *has);
/* Links (add) or unlinks a region. 0 or -1. */
int db_discount_region_link(struct ctx *c, const char *id, const char *region_id, int add);
int db_discount_soft_delete(struct ctx *c, const char *id);
/* A dynamic code of parent_id on its rule (starts now); its id, or NULL. */
const char *db_discount_dynamic_insert(struct ctx *c, const char *parent_id, const char *rule_id,
                                       const char *code, int has_usage_limit, int64_t usage_limit,
                                       const char *ends_at, const char *metadata);
/* Soft-deletes parent_id's live dynamic code `code` (exactly as given), if any. 0 or -1. */
int db_discount_dynamic_delete(struct ctx *c, const char *parent_id, const char *code);
/* A live condition's rule, type and operator: 0, 1 if none, -1. */
int db_discount_condition_load(struct ctx *c, const char *id, const char **rule_id,
                               const char **type, const char **operator_);
/* 1 if the rule has a condition of type and operator (the dctypeuniq key), 0, -1. */
int db_discount_condition_taken(struct ctx *c, const char *rule_id, const char *type,
                                const char *operator_);
int db_discount_condition_set_operator(struct ctx *c, const char *id, const char *operator_);
/* Deletes a condition with its resource links. 0 or -1. */
int db_discount_condition_delete(struct ctx *c, const char *id);

#endif
