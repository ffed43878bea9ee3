/* discount.h: discounts as Medusa v1's DiscountService writes them (/admin/discounts): create
 * (rule checks, regions, the code upper-cased and trimmed, conditions with their resources, the
 * discount.created event), update, delete, regions, dynamic codes and conditions. Runs inside the
 * caller's transaction; records Medusa's error on failure. What it writes is what the cart
 * applies (checkout.md §7). */
#ifndef DOMAIN_DISCOUNT_H
#define DOMAIN_DISCOUNT_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/discount.h"

struct json_object;

struct discount_condition_in {
    const char *id; /* update: an existing condition of the rule, or NULL */
    const char *operator_;
    const char *type; /* resolved from the first non-empty resource list, or NULL */
    const char *const *ids;
    int nids;
};

struct discount_in {
    struct discount_new d; /* d.code as given; upper-cased here */
    const struct discount_condition_in *conditions;
    int nconditions;
};

/* Creates the discount; *id receives its id. */
int discount_create(struct ctx *c, struct discount_in *in, const char **id);

/* AdminPostDiscountsDiscountReq read: NULL / -1 / has_* 0 keep a field; has_* with a NULL value
 * (dates, duration) or usage_limit_null clears it. */
struct discount_update {
    const char *code;
    int is_disabled;
    int has_starts, has_ends, has_duration, has_usage_limit, usage_limit_null;
    const char *starts_at, *ends_at, *valid_duration;
    int64_t usage_limit;
    struct json_object *metadata;
    int has_rule, has_value;
    const char *description, *allocation;
    int64_t value;
    const struct discount_condition_in *conditions;
    int nconditions;
    const char *const *regions;
    int nregions; /* -1: not given */
};
/* DiscountService.update: 404 "Discount with id x was not found"; ends_at after the stored
 * starts_at; one region for a fixed rule; conditions upserted; regions replaced (each must
 * exist); metadata merged; the code upper-cased (422 when another discount has it). */
int discount_update(struct ctx *c, const char *id, const struct discount_update *u);
/* Soft-deletes a discount (an unknown one is fine). */
int discount_delete(struct ctx *c, const char *id);
/* Adds (add) or removes a region: 404s for the discount and (add) the region; a second region
 * on a fixed rule is 400 "Fixed discounts can have one region". */
int discount_region(struct ctx *c, const char *id, const char *region_id, int add);
/* createDynamicCode: the parent must be dynamic (400 not_allowed "Discount must be set to
 * dynamic"); the code upper-cased with the parent's usage limit and, with a valid_duration, an
 * end that far from now. *new_id receives the code's discount id. */
int discount_dynamic_code_create(struct ctx *c, const char *id, const char *code,
                                 const char *metadata, const char **new_id);
int discount_dynamic_code_delete(struct ctx *c, const char *id, const char *code);

/* upsertCondition on the discount's rule: with k->id an existing condition (operator updated,
 * resources added, and with replace the others removed), else a new one (422 for a second
 * condition of the same type and operator). 400 "Missing one of products, ..." without
 * resources. */
int discount_condition_upsert(struct ctx *c, const char *rule_id,
                              const struct discount_condition_in *k, int replace);
/* removeResources of a condition. */
int discount_condition_remove(struct ctx *c, const struct discount_condition_in *k);
/* The condition cond_id of discount id: 404 "Discount with id x was not found", 404
 * "DiscountCondition with id x was not found", mismatch_type's "Condition with id x does not
 * belong to Discount with id y". *rule_id and *type receive the condition's. */
int discount_condition_of(struct ctx *c, const char *id, const char *cond_id, int mismatch_type,
                          const char **rule_id, const char **type);
/* Deletes a condition. */
int discount_condition_delete(struct ctx *c, const char *cond_id);
/* The live discount's rule id, or NULL with 404 recorded. */
const char *discount_rule_of(struct ctx *c, const char *id);

/* A code as Medusa stores it: code.toUpperCase().trim(), in the arena. */
const char *discount_code_norm(struct ctx *c, const char *code);

#endif
