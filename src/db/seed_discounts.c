/* seed_discounts.c: discounts (rule, conditions, regions) and gift cards. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>
#include "db/driver.h"

#include "core/slug.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/seed_internal.h"

/* ---- discounts and gift cards ---------------------------------------------------------------- */

struct condition_arg {
    const char *condition_id;
    const char *sql;
};

static int condition_target(struct seed *s, const char *id, void *arg)
{
    const struct condition_arg *c = arg;
    return seed_run(s, c->sql, "sss", id, c->condition_id, seed_stamp(s));
}

static int discount_condition(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"products",     "product_types",   "product_collections",
                                        "product_tags", "customer_groups", NULL};
    static const char *const ops[] = {"in", "not_in", NULL};
    static const enum kind type_kinds[] = {K_PRODUCT, K_TYPE, K_COLLECTION, K_TAG,
                                           K_CUSTOMER_GROUP};
    static const char *const sqls[] = {
        "INSERT OR IGNORE INTO discount_condition_product (product_id, condition_id, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_type (product_type_id, condition_id,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_collection (product_collection_id,"
        " condition_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_tag (product_tag_id, condition_id,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_customer_group (customer_group_id,"
        " condition_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    };
    static const char ins[] =
        "INSERT INTO discount_condition (id, type, operator, discount_rule_id,"
        " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
        " ?6)";
    const char *type, *op, *meta;
    char id[ID_MAX];
    struct condition_arg c;
    int t;
    (void)i;
    if (seed_get_enum(s, e, "type", types, NULL, &type) < 0 ||
        seed_get_enum(s, e, "operator", ops, NULL, &op) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    for (t = 0; strcmp(types[t], type); t++)
        ;
    if (seed_run(s, ins, "ssssss", seed_new_id(id, "discon"), type, op, (const char *)arg, meta,
                 seed_stamp(s)) < 0)
        return -1;
    c.condition_id = id;
    c.sql = sqls[t];
    return seed_each_link(s, e, "ids", type_kinds[t], condition_target, &c);
}

static int discount_region(struct seed *s, const char *region_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO discount_regions (discount_id, region_id)"
                              " VALUES (?1, ?2)";
    return seed_run(s, ins, "ss", (const char *)arg, region_id);
}

static int discount_rule(struct seed *s, json_object *e, char out[ID_MAX], const char **type,
                         json_object **rule)
{
    static const char *const keys[] = {"description", "type",     "value", "allocation",
                                       "conditions",  "metadata", NULL};
    static const char *const cond_keys[] = {"type", "operator", "ids", "metadata", NULL};
    static const char *const types[] = {"fixed", "percentage", "free_shipping", NULL};
    static const char *const allocs[] = {"total", "item", NULL};
    static const char ins[] = "INSERT INTO discount_rule (id, description, type, value, allocation,"
                              " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                              " ?7, ?7)";
    const char *desc, *alloc, *meta;
    int64_t value;
    int has;
    size_t old;
    if (seed_field(s, e, "rule", W_OBJ, 1, rule) < 0)
        return -1;
    old = seed_path_key(s, "rule");
    if (seed_check_keys(s, *rule, keys) < 0 ||
        seed_get_str(s, *rule, "description", 0, &desc) < 0 ||
        seed_get_enum(s, *rule, "type", types, NULL, type) < 0 ||
        seed_get_int(s, *rule, "value", 1, &has, &value) < 0 ||
        seed_get_enum(s, *rule, "allocation", allocs, "", &alloc) < 0 ||
        seed_get_meta(s, *rule, "metadata", &meta) < 0)
        return -1;
    if (!strcmp(*type, "percentage") && value > 100)
        return seed_fail_key(s, "value",
                             "Discount value above 100 is not allowed when type is"
                             " percentage");
    if (value < 0)
        return seed_fail_key(s, "value", "must not be negative");
    if (seed_run(s, ins, "sssisss", seed_new_id(out, "dru"), desc, *type, value,
                 alloc[0] ? alloc : NULL, meta, seed_stamp(s)) < 0)
        return -1;
    if (seed_each(s, *rule, "conditions", cond_keys, discount_condition, out) < 0)
        return -1;
    seed_path_pop(s, old);
    return 0;
}

int seed_discount(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] =
        "INSERT INTO discount (id, code, is_dynamic, rule_id, is_disabled, starts_at, ends_at,"
        " valid_duration, usage_limit, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ?11), ?7, ?8, ?9, ?10, ?11, ?11)";
    static const char q_regions[] = "SELECT count(*) FROM discount_regions WHERE discount_id = ?1";
    const char *fid, *code, *duration, *type, *meta;
    json_object *rule;
    char id[ID_MAX], rule_id[ID_MAX], starts[TIMEFMT_LEN], ends[TIMEFMT_LEN], up[128], n[24];
    int64_t limit;
    int dynamic, disabled, has_limit;
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "code", 1, &code) < 0 ||
        seed_get_bool(s, e, "is_dynamic", 0, &dynamic) < 0 ||
        seed_get_bool(s, e, "is_disabled", 0, &disabled) < 0 ||
        seed_get_date(s, e, "starts_at", starts) < 0 || seed_get_date(s, e, "ends_at", ends) < 0 ||
        seed_get_str(s, e, "valid_duration", 0, &duration) < 0 ||
        seed_get_int(s, e, "usage_limit", 0, &has_limit, &limit) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    /* Medusa stores discount codes upper-case */
    snprintf(up, sizeof(up), "%s", code);
    for (char *c = up; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    if (discount_rule(s, e, rule_id, &type, &rule) < 0)
        return -1;
    if (seed_run(s, ins, "ssbsbsssnss", seed_new_id(id, "disc"), up, dynamic, rule_id, disabled,
                 seed_opt_date(starts), seed_opt_date(ends), duration, has_limit, limit, meta,
                 seed_stamp(s)) < 0)
        return -1;
    if (seed_each_link(s, e, "regions", K_REGION, discount_region, id) < 0 ||
        seed_one_text(s, n, sizeof(n), q_regions, "s", id) < 0)
        return -1;
    if (!strcmp(type, "fixed") && strtol(n, NULL, 10) > 1)
        return seed_fail_key(s, "regions", "Fixed discounts can have one region");
    s->counts[N_DISCOUNTS]++;
    return seed_link_add(s, K_DISCOUNT, fid, id);
}

int seed_gift_card(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_region[] = "SELECT CASE WHEN gift_cards_taxable THEN tax_rate END"
                                   " FROM region WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO gift_card (id, code, value, balance, region_id, is_disabled, ends_at,"
        " tax_rate, metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?10)";
    const char *fid, *code, *meta;
    char id[ID_MAX], region[ID_MAX], ends[TIMEFMT_LEN], rate_txt[64];
    int64_t value, balance;
    double rate;
    int has_value, has_balance, has_rate, disabled;
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "code", 1, &code) < 0 ||
        seed_get_int(s, e, "value", 1, &has_value, &value) < 0 ||
        seed_get_int(s, e, "balance", 0, &has_balance, &balance) < 0 ||
        seed_link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        seed_get_bool(s, e, "is_disabled", 0, &disabled) < 0 ||
        seed_get_date(s, e, "ends_at", ends) < 0 ||
        seed_get_num(s, e, "tax_rate", 0, &has_rate, &rate) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (value < 0 || (has_balance && (balance < 0 || balance > value)))
        return seed_fail(s, "value and balance must be >= 0 and balance <= value");
    /* Medusa's GiftCardService.create: the region's rate when its gift cards are taxable */
    if (!has_rate) {
        if (seed_one_text(s, rate_txt, sizeof(rate_txt), q_region, "s", region) < 0)
            return -1;
        has_rate = rate_txt[0] != '\0';
        rate = has_rate ? strtod(rate_txt, NULL) : 0;
    }
    if (seed_run(s, ins, "ssiisbsdss", seed_new_id(id, "gift"), code, value,
                 has_balance ? balance : value, region, disabled, seed_opt_date(ends), has_rate,
                 rate, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_GIFT_CARDS]++;
    return seed_link_add(s, K_GIFT_CARD, fid, id);
}
