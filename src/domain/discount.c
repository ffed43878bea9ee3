/* discount.c: DiscountService's create, update, delete, regions and dynamic codes, and
 * DiscountConditionService's upserts (discount.h). Checks run in Medusa's order, so the first
 * failing one is the one reported. */
#include "domain/discount.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "core/timefmt.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/discount.h"
#include "db/event.h"
#include "domain/metadata.h"

/* code.toUpperCase() (ASCII), in the arena. */
static const char *code_upper(struct ctx *c, const char *code)
{
    size_t n = strlen(code);
    char *s = arena_alloc(&c->arena, n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)toupper((unsigned char)code[i]);
    s[n] = 0;
    return s;
}

/* Medusa's BeforeInsert: code.toUpperCase().trim(). */
const char *discount_code_norm(struct ctx *c, const char *code)
{
    size_t n;
    while (isspace((unsigned char)*code))
        code++;
    n = strlen(code);
    while (n && isspace((unsigned char)code[n - 1]))
        n--;
    return code_upper(c, arena_strndup(&c->arena, code, n));
}

int discount_create(struct ctx *c, struct discount_in *in, const char **id)
{
    struct discount_new *d = &in->d;
    const char *rule_id;
    struct region_row region;
    int taken;

    if (!strcmp(d->rule_type, "percentage") && d->value > 100)
        return err_set(c, ERR_INVALID_DATA,
                       "Discount value above 100 is not allowed when type is percentage");
    if (d->nregions > 1 && !strcmp(d->rule_type, "fixed"))
        return err_set(c, ERR_INVALID_DATA, "Fixed discounts can have one region");
    for (int i = 0; i < d->nregions; i++) {
        int rc = db_region_get(c, d->regions[i], &region);
        if (rc < 0)
            return -1;
        if (rc == 1)
            return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", d->regions[i]);
    }
    if (d->nregions == 0)
        return err_set(c, ERR_INVALID_DATA, "Discount must have at least 1 region");
    d->code = discount_code_norm(c, d->code);
    if ((taken = db_discount_code_taken(c, d->code)) < 0)
        return -1;
    if (taken)
        return err_set(c, ERR_DUPLICATE, "Discount with code %s already exists.", d->code);
    if (!(*id = db_discount_insert(c, d, &rule_id)))
        return -1;
    for (int i = 0; i < in->nconditions; i++) {
        const struct discount_condition_in *k = &in->conditions[i];
        if (!k->type)
            return err_set(c, ERR_INVALID_DATA,
                           "Missing one of products, collections, tags, "
                           "types or customer groups in data");
        /* One condition per (type, operator) on a rule: the unique key Medusa reports. */
        for (int j = 0; j < i; j++)
            if (in->conditions[j].type && !strcmp(in->conditions[j].type, k->type) &&
                !strcmp(in->conditions[j].operator_, k->operator_))
                return err_set(c, ERR_DUPLICATE,
                               "Discount Condition with operator '%s' and type '%s' already exist "
                               "on a Discount Rule",
                               k->operator_, k->type);
        if (db_discount_condition_insert(c, rule_id, k->type, k->operator_, k->ids, k->nids) < 0)
            return -1;
    }
    return db_event_id(c, "discount.created", *id);
}

static int discount_must_exist(struct ctx *c, const char *id, struct discount_admin_row *d)
{
    int rc = db_discount_load(c, id, d);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Discount with id %s was not found", id);
    return rc;
}

static int region_must_exist(struct ctx *c, const char *region_id)
{
    struct region_row region;
    int rc = db_region_get(c, region_id, &region);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
    return rc;
}

const char *discount_rule_of(struct ctx *c, const char *id)
{
    struct discount_admin_row d;
    return discount_must_exist(c, id, &d) < 0 ? NULL : d.rule_id;
}

int discount_update(struct ctx *c, const char *id, const struct discount_update *u)
{
    struct discount_admin_row d;
    struct discount_new row;
    int64_t starts, ends;
    int rc;
    if (discount_must_exist(c, id, &d) < 0)
        return -1;
    /* Against the stored start, as Medusa compares. */
    if (u->has_ends && u->ends_at && timefmt_parse(d.starts_at, &starts) == 0 &&
        timefmt_parse(u->ends_at, &ends) == 0 && starts >= ends)
        return err_set(c, ERR_INVALID_DATA, "\"ends_at\" must be greater than \"starts_at\"");
    if (u->nregions > 1 && !strcmp(d.rule_type, "fixed"))
        return err_set(c, ERR_INVALID_DATA, "Fixed discounts can have one region");
    for (int i = 0; i < u->nconditions; i++)
        if (discount_condition_upsert(c, d.rule_id, &u->conditions[i], 1) < 0)
            return -1;
    if (u->nregions >= 0) {
        for (int i = 0; i < u->nregions; i++)
            if (region_must_exist(c, u->regions[i]) < 0)
                return -1;
        if (db_discount_set_regions(c, id, u->regions, u->nregions) < 0)
            return -1;
    }
    if (u->has_rule) {
        if (u->has_value && u->value && !strcmp(d.rule_type, "percentage") && u->value > 100)
            return err_set(c, ERR_INVALID_DATA,
                           "Discount value above 100 is not allowed when type is percentage");
        if (db_discount_rule_update(c, d.rule_id, u->description, u->has_value ? &u->value : NULL,
                                    u->allocation) < 0)
            return -1;
    }
    memset(&row, 0, sizeof(row));
    row.code = code_upper(c, u->code ? u->code : d.code);
    if ((rc = db_discount_code_used(c, row.code, id)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE, "Discount with code %s already exists.", row.code);
    row.is_disabled = u->is_disabled >= 0 ? u->is_disabled : d.is_disabled;
    row.starts_at = u->has_starts ? u->starts_at : d.starts_at;
    row.ends_at = u->has_ends ? u->ends_at : d.ends_at;
    row.valid_duration = u->has_duration ? u->valid_duration : d.valid_duration;
    row.has_usage_limit = u->has_usage_limit ? !u->usage_limit_null : d.has_usage_limit;
    row.usage_limit = u->has_usage_limit ? u->usage_limit : d.usage_limit;
    row.metadata = u->metadata ? metadata_merge(c, d.metadata, u->metadata) : d.metadata;
    return db_discount_update(c, id, &row);
}

int discount_delete(struct ctx *c, const char *id)
{
    return db_discount_soft_delete(c, id);
}

int discount_region(struct ctx *c, const char *id, const char *region_id, int add)
{
    struct discount_admin_row d;
    int has, n;
    if (discount_must_exist(c, id, &d) < 0 ||
        (n = db_discount_region_count(c, id, region_id, &has)) < 0)
        return -1;
    /* Already there (add) or not there (remove): nothing to do. */
    if (has == add)
        return 0;
    if (add) {
        if (n == 1 && !strcmp(d.rule_type, "fixed"))
            return err_set(c, ERR_INVALID_DATA, "Fixed discounts can have one region");
        if (region_must_exist(c, region_id) < 0)
            return -1;
    }
    return db_discount_region_link(c, id, region_id, add);
}

int discount_dynamic_code_create(struct ctx *c, const char *id, const char *code,
                                 const char *metadata, const char **new_id)
{
    struct discount_admin_row d;
    const char *upper, *ends_at = NULL;
    int64_t end;
    int rc;
    if (discount_must_exist(c, id, &d) < 0)
        return -1;
    if (!d.is_dynamic)
        return err_set(c, ERR_NOT_ALLOWED, "Discount must be set to dynamic");
    if (!code || !*code)
        return err_set(c, ERR_INVALID_DATA, "Discount must have a code");
    /* toUpperCase() only: no trim here. */
    upper = code_upper(c, code);
    if ((rc = db_discount_code_used(c, upper, NULL)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE, "Discount with code %s already exists.", upper);
    if (d.valid_duration &&
        timefmt_add_duration(c->now_ms ? c->now_ms : timefmt_now_ms(), d.valid_duration, &end) == 0)
        ends_at = timefmt_iso(arena_alloc(&c->arena, TIMEFMT_LEN), TIMEFMT_LEN, end);
    if (!(*new_id = db_discount_dynamic_insert(c, id, d.rule_id, upper, d.has_usage_limit,
                                               d.usage_limit, ends_at, metadata)))
        return -1;
    return 0;
}

int discount_dynamic_code_delete(struct ctx *c, const char *id, const char *code)
{
    return db_discount_dynamic_delete(c, id, code);
}

/* resolveConditionType_ found no resource list. */
static int missing_resources(struct ctx *c)
{
    return err_set(c, ERR_INVALID_DATA,
                   "Missing one of products, collections, tags, types or customer groups in data");
}

int discount_condition_upsert(struct ctx *c, const char *rule_id,
                              const struct discount_condition_in *k, int replace)
{
    const char *crule, *ctype, *cop;
    int rc;
    if (!k->type)
        return missing_resources(c);
    if (!k->id) {
        if ((rc = db_discount_condition_taken(c, rule_id, k->type, k->operator_)) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_DUPLICATE,
                           "Discount Condition with operator '%s' and type '%s' already exist on a "
                           "Discount Rule",
                           k->operator_, k->type);
        return db_discount_condition_insert(c, rule_id, k->type, k->operator_, k->ids, k->nids);
    }
    if ((rc = db_discount_condition_load(c, k->id, &crule, &ctype, &cop)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "DiscountCondition with id %s was not found", k->id);
    if (k->operator_ && strcmp(k->operator_, cop)) {
        if ((rc = db_discount_condition_taken(c, crule, ctype, k->operator_)) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_DUPLICATE,
                           "Discount Condition with operator '%s' and type '%s' already exist on a "
                           "Discount Rule",
                           k->operator_, k->type);
        if (db_discount_condition_set_operator(c, k->id, k->operator_) < 0)
            return -1;
    }
    return db_discount_condition_add(c, k->id, k->type, k->ids, k->nids, replace);
}

int discount_condition_remove(struct ctx *c, const struct discount_condition_in *k)
{
    if (!k->type)
        return missing_resources(c);
    return db_discount_condition_remove(c, k->id, k->type, k->ids, k->nids);
}

int discount_condition_of(struct ctx *c, const char *id, const char *cond_id, int mismatch_type,
                          const char **rule_id, const char **type)
{
    struct discount_admin_row d;
    const char *op;
    int rc;
    if (discount_must_exist(c, id, &d) < 0)
        return -1;
    if ((rc = db_discount_condition_load(c, cond_id, rule_id, type, &op)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "DiscountCondition with id %s was not found",
                                cond_id);
    if (strcmp(*rule_id, d.rule_id))
        return err_set(c, mismatch_type,
                       "Condition with id %s does not belong to Discount with id %s", cond_id, id);
    return 0;
}

int discount_condition_delete(struct ctx *c, const char *cond_id)
{
    return db_discount_condition_delete(c, cond_id);
}
