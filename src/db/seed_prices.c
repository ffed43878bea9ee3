/* seed_prices.c: money amounts of variants and price lists (with their customer groups and
 * prices). */
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

/* ---- prices and price lists ----------------------------------------------------------------- */

/* Inserts the price e for variant_id; list_id is the price list (NULL: e's own price_list_id). */
int seed_insert_price(struct seed *s, json_object *e, const char *variant_id, const char *list_id)
{
    static const char q_region[] = "SELECT currency_code FROM region WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO money_amount (id, currency_code, amount, min_quantity, max_quantity,"
        " price_list_id, region_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?8)";
    static const char ins_link[] =
        "INSERT INTO product_variant_money_amount (id, money_amount_id,"
        " variant_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    const char *cur;
    char id[ID_MAX], link_id[ID_MAX], region[ID_MAX], list[ID_MAX], code[16];
    int64_t amount, minq, maxq;
    int has, has_min, has_max, rc;
    if (seed_get_str(s, e, "currency_code", 0, &cur) < 0 ||
        seed_link_key(s, e, "region_id", K_REGION, 0, region) < 0 ||
        seed_get_int(s, e, "amount", 1, &has, &amount) < 0 ||
        seed_get_int(s, e, "min_quantity", 0, &has_min, &minq) < 0 ||
        seed_get_int(s, e, "max_quantity", 0, &has_max, &maxq) < 0)
        return -1;
    if (!list_id) {
        if (seed_link_key(s, e, "price_list_id", K_PRICE_LIST, 0, list) < 0)
            return -1;
        list_id = list[0] ? list : NULL;
    }
    /* A region price takes the region's currency, as Medusa's setRegionPrice does. */
    if (region[0]) {
        if (seed_one_text(s, code, sizeof(code), q_region, "s", region) < 0)
            return -1;
    } else if (cur) {
        seed_lower_copy(code, sizeof(code), cur);
        if ((rc = seed_currency_exists(s, code)) <= 0)
            return rc < 0 ? -1
                          : seed_fail_key(s, "currency_code",
                                          "Currency with code %s does not exist", cur);
    } else {
        return seed_fail(s, "a price needs currency_code or region_id");
    }
    if (amount < 0)
        return seed_fail_key(s, "amount", "must not be negative");
    if ((has_min && minq < 0) || (has_max && maxq < 0) || (has_min && has_max && minq > maxq))
        return seed_fail(s, "min_quantity and max_quantity must be >= 0, min <= max");
    if (seed_run(s, ins, "ssinnsss", seed_new_id(id, "ma"), code, amount, has_min, minq, has_max,
                 maxq, list_id, region[0] ? region : NULL, seed_stamp(s)) < 0 ||
        seed_run(s, ins_link, "ssss", seed_new_id(link_id, "pvma"), id, variant_id, s->ts) < 0)
        return -1;
    s->counts[N_PRICES]++;
    return 0;
}

static int price_list_group(struct seed *s, const char *group_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO price_list_customer_groups (price_list_id,"
                              " customer_group_id) VALUES (?1, ?2)";
    return seed_run(s, ins, "ss", (const char *)arg, group_id);
}

int seed_price_list(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"sale", "override", NULL};
    static const char *const statuses[] = {"active", "draft", NULL};
    static const char ins[] =
        "INSERT INTO price_list (id, name, description, type, status, starts_at, ends_at,"
        " includes_tax, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    const char *fid, *name, *desc, *type, *status;
    char starts[TIMEFMT_LEN], ends[TIMEFMT_LEN];
    int incl;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_str(s, e, "description", 0, &desc) < 0 ||
        seed_get_enum(s, e, "type", types, "sale", &type) < 0 ||
        seed_get_enum(s, e, "status", statuses, "draft", &status) < 0 ||
        seed_get_date(s, e, "starts_at", starts) < 0 || seed_get_date(s, e, "ends_at", ends) < 0 ||
        seed_get_bool(s, e, "includes_tax", 0, &incl) < 0)
        return -1;
    if (starts[0] && ends[0] && strcmp(starts, ends) > 0)
        return seed_fail_key(s, "ends_at", "must not be before starts_at");
    if (seed_run(s, ins, "sssssssbs", seed_new_id(s->price_lists.v[i], "pl"), name,
                 desc ? desc : "", type, status, seed_opt_date(starts), seed_opt_date(ends), incl,
                 seed_stamp(s)) < 0)
        return -1;
    if (seed_each_link(s, e, "customer_groups", K_CUSTOMER_GROUP, price_list_group,
                       s->price_lists.v[i]) < 0)
        return -1;
    s->counts[N_PRICE_LISTS]++;
    return seed_link_add(s, K_PRICE_LIST, fid, s->price_lists.v[i]);
}

/* A price list price names its variant by variant_id (a link), sku, or product_handle and
 * variant_title. */
static int price_list_price(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_sku[] = "SELECT id FROM product_variant WHERE sku = ?1"
                                " AND deleted_at IS NULL";
    static const char q_title[] = "SELECT v.id FROM product_variant v JOIN product p"
                                  " ON p.id = v.product_id WHERE p.handle = ?1 AND v.title = ?2"
                                  " AND v.deleted_at IS NULL AND p.deleted_at IS NULL"
                                  " ORDER BY v.variant_rank LIMIT 1";
    const char *sku, *handle, *vtitle;
    char variant[ID_MAX];
    int rc;
    (void)i;
    if (seed_link_key(s, e, "variant_id", K_VARIANT, 0, variant) < 0 ||
        seed_get_str(s, e, "sku", 0, &sku) < 0 ||
        seed_get_str(s, e, "product_handle", 0, &handle) < 0 ||
        seed_get_str(s, e, "variant_title", 0, &vtitle) < 0)
        return -1;
    if (!variant[0] && sku) {
        if ((rc = seed_one_text(s, variant, sizeof(variant), q_sku, "s", sku)) <= 0)
            return rc < 0 ? -1 : seed_fail_key(s, "sku", "no variant with sku '%s'", sku);
    } else if (!variant[0] && handle && vtitle) {
        if ((rc = seed_one_text(s, variant, sizeof(variant), q_title, "ss", handle, vtitle)) <= 0)
            return rc < 0 ? -1
                          : seed_fail(s, "no variant titled '%s' in product '%s'", vtitle, handle);
    } else if (!variant[0]) {
        return seed_fail(s, "a price list price needs variant_id, sku, or product_handle and"
                            " variant_title");
    }
    return seed_insert_price(s, e, variant, (const char *)arg);
}

int seed_price_list_prices(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const keys[] = {
        "variant_id", "sku",    "product_handle", "variant_title", "currency_code",
        "region_id",  "amount", "min_quantity",   "max_quantity",  NULL};
    (void)arg;
    return seed_each(s, e, "prices", keys, price_list_price, s->price_lists.v[i]);
}
