/* cart.c: SQL of carts, lines, discounts, gift cards and shipping (cart.h); payment sessions,
 * completion and idempotency keys are in checkout.c. */
#include "db/cart.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/gift_card.h"
#include "db/internal.h"

#define NOW     DB_NOW
#define NOW_FMT "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now')" /* NOW inside a printf format */

/* ---- carts ------------------------------------------------------------------------------ */

int db_cart_get(struct ctx *c, const char *id, struct cart_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, region_id, customer_id, email, shipping_address_id, "
                                 "billing_address_id, sales_channel_id, completed_at, "
                                 "payment_authorized_at, payment_id, type, context FROM cart "
                                 "WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->region_id = db_col_dup(c, st, 1);
    out->customer_id = db_col_dup(c, st, 2);
    out->email = db_col_dup(c, st, 3);
    out->shipping_address_id = db_col_dup(c, st, 4);
    out->billing_address_id = db_col_dup(c, st, 5);
    out->sales_channel_id = db_col_dup(c, st, 6);
    out->completed_at = db_col_dup(c, st, 7);
    out->payment_authorized_at = db_col_dup(c, st, 8);
    out->payment_id = db_col_dup(c, st, 9);
    out->type = db_col_dup(c, st, 10);
    out->context = db_col_dup(c, st, 11);
    db_reset(st);
    return 0;
}

int db_cart_insert(struct ctx *c, const struct cart_row *r)
{
    return db_execf(c,
                    "INSERT INTO cart (id, region_id, customer_id, email, shipping_address_id, "
                    "sales_channel_id, context, created_at, updated_at) VALUES "
                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, " NOW ", " NOW ")",
                    "sssssss", r->id, r->region_id, r->customer_id, r->email,
                    r->shipping_address_id, r->sales_channel_id, r->context);
}

int db_cart_set(struct ctx *c, const char *id, const char *column, const char *value)
{
    /* column is one of the caller's constants, never input. */
    const char *sql = arena_printf(
        &c->arena, "UPDATE cart SET \"%s\" = ?2, updated_at = " NOW_FMT " WHERE id = ?1", column);
    return db_execf(c, sql, "ss", id, value);
}

/* ---- regions, channels, addresses, customers ------------------------------------------------ */

int db_region_get(struct ctx *c, const char *id, struct region_row *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT id, currency_code, tax_rate, automatic_taxes, "
                "gift_cards_taxable, (SELECT count(*) FROM country WHERE region_id "
                "= r.id), (SELECT min(iso_2) FROM country WHERE region_id = r.id) "
                "FROM region r WHERE id = ?1 AND deleted_at IS NULL",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->currency_code = db_col_dup(c, st, 1);
    out->tax_rate = db_col_double(st, 2);
    out->automatic_taxes = db_col_int(st, 3);
    out->gift_cards_taxable = db_col_int(st, 4);
    out->ncountries = db_col_int(st, 5);
    out->only_country = out->ncountries == 1 ? db_col_dup(c, st, 6) : NULL;
    db_reset(st);
    return 0;
}

const char *db_region_first(struct ctx *c)
{
    return db_one_text(
        c, "SELECT id FROM region WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT 1", "");
}

int db_region_has_country(struct ctx *c, const char *region_id, const char *iso2)
{
    return db_exists(c, "SELECT 1 FROM country WHERE region_id = ?1 AND iso_2 = lower(?2)", "ss",
                     region_id, iso2);
}

int db_region_has_provider(struct ctx *c, const char *region_id, const char *provider_id)
{
    return db_exists(c,
                     "SELECT 1 FROM region_payment_providers WHERE region_id = ?1 AND "
                     "provider_id = ?2",
                     "ss", region_id, provider_id);
}

/* The first column of every row of st, as an arena array of *n strings. 0 or -1. */
static int first_column(struct ctx *c, struct db_stmt *st, const char ***out, int *n)
{
    const char **v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k++] = db_col_dup(c, st, 0);
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_region_providers(struct ctx *c, const char *region_id, const char ***out, int *n)
{
    return first_column(c,
                        db_prep(c,
                                "SELECT provider_id FROM region_payment_providers WHERE "
                                "region_id = ?1 ORDER BY provider_id",
                                "s", region_id),
                        out, n);
}

int db_sales_channel_get(struct ctx *c, const char *id, const char **name, int *disabled)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT name, is_disabled FROM sales_channel WHERE id = ?1 AND "
                                 "deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    *name = db_col_dup(c, st, 0);
    *disabled = db_col_int(st, 1);
    db_reset(st);
    return 0;
}

int db_customer_email(struct ctx *c, const char *id, const char **email)
{
    struct db_stmt *st =
        db_prep(c, "SELECT email FROM customer WHERE id = ?1 AND deleted_at IS NULL", "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    *email = db_col_dup(c, st, 0);
    db_reset(st);
    return 0;
}

const char *db_guest_customer(struct ctx *c, const char *email)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id FROM customer WHERE lower(email) = lower(?1) AND "
                                 "has_account = 0 AND "
                                 "deleted_at IS NULL ORDER BY created_at LIMIT 1",
                                 "s", email);
    const char *id;
    int rc = db_one_row(c, st);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        id = db_col_dup(c, st, 0);
        db_reset(st);
        return id;
    }
    id = db_new_id(c, "cus");
    if (db_execf(c,
                 "INSERT INTO customer (id, email, has_account, created_at, updated_at) VALUES "
                 "(?1, ?2, 0, " NOW ", " NOW ")",
                 "ss", id, email) < 0)
        return NULL;
    return id;
}

int db_customer_has_account(struct ctx *c, const char *id)
{
    return db_exists(c,
                     "SELECT 1 FROM customer WHERE id = ?1 AND has_account = 1 AND deleted_at IS "
                     "NULL",
                     "s", id);
}

/* ---- variants and lines ----------------------------------------------------------------- */

int db_variant_info(struct ctx *c, const char *id, struct variant_info *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT v.id, v.title, p.id, p.title, p.thumbnail, p.discountable, "
                "p.is_giftcard, v.manage_inventory, v.allow_backorder, "
                "v.inventory_quantity FROM product_variant v JOIN product p ON "
                "p.id = v.product_id WHERE v.id = ?1 AND v.deleted_at IS NULL AND "
                "p.deleted_at IS NULL",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->title = db_col_dup(c, st, 1);
    out->product_id = db_col_dup(c, st, 2);
    out->product_title = db_col_dup(c, st, 3);
    out->thumbnail = db_col_dup(c, st, 4);
    out->discountable = db_col_int(st, 5);
    out->is_giftcard = db_col_int(st, 6);
    out->manage_inventory = db_col_int(st, 7);
    out->allow_backorder = db_col_int(st, 8);
    out->inventory_quantity = db_col_int64(st, 9);
    db_reset(st);
    return 0;
}

int db_product_in_channel(struct ctx *c, const char *product_id, const char *sales_channel_id)
{
    return db_exists(c,
                     "SELECT 1 FROM product_sales_channel WHERE product_id = ?1 AND "
                     "sales_channel_id = ?2",
                     "ss", product_id, sales_channel_id);
}

#define LINE_COLS                                                                                  \
    "id, variant_id, product_id, metadata, unit_price, quantity, should_merge, allow_discounts, "  \
    "is_giftcard, is_return, includes_tax"

static void line_read(struct ctx *c, struct db_stmt *st, struct line_row *l)
{
    l->id = db_col_dup(c, st, 0);
    l->variant_id = db_col_dup(c, st, 1);
    l->product_id = db_col_dup(c, st, 2);
    l->metadata = db_col_dup(c, st, 3);
    l->unit_price = db_col_int64(st, 4);
    l->quantity = db_col_int64(st, 5);
    l->should_merge = db_col_int(st, 6);
    l->allow_discounts = db_col_int(st, 7);
    l->is_giftcard = db_col_int(st, 8);
    l->is_return = db_col_int(st, 9);
    l->includes_tax = db_col_int(st, 10);
}

int db_price_includes_tax(struct ctx *c, const char *money_amount_id)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT coalesce((SELECT includes_tax FROM price_list WHERE id = "
                "m.price_list_id), FALSE) OR coalesce((SELECT includes_tax FROM region "
                "WHERE id = m.region_id), FALSE) OR (SELECT includes_tax FROM currency "
                "WHERE code = m.currency_code) FROM money_amount m WHERE m.id = ?1",
                "s", money_amount_id);
    int rc = db_one_row(c, st), v;
    if (rc)
        return rc < 0 ? -1 : 0;
    v = db_col_int(st, 0);
    db_reset(st);
    return v;
}

int db_line_set_includes_tax(struct ctx *c, const char *id, int includes_tax)
{
    return db_execf(c, "UPDATE line_item SET includes_tax = ?2 WHERE id = ?1", "sb", id,
                    includes_tax);
}

/* The lines sql selects (LINE_COLS, one text parameter). */
static int lines_where(struct ctx *c, const char *sql, const char *id, struct line_row **out,
                       int *n)
{
    struct db_stmt *st = db_prep(c, sql, "s", id);
    struct line_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        line_read(c, st, &v[k++]);
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_cart_lines(struct ctx *c, const char *cart_id, struct line_row **out, int *n)
{
    return lines_where(c,
                       "SELECT " LINE_COLS " FROM line_item WHERE cart_id = ?1 "
                       "ORDER BY created_at, id",
                       cart_id, out, n);
}

int db_edit_lines(struct ctx *c, const char *edit_id, struct line_row **out, int *n)
{
    return lines_where(c,
                       "SELECT " LINE_COLS " FROM line_item WHERE order_edit_id = ?1 "
                       "ORDER BY created_at, id",
                       edit_id, out, n);
}

int db_line_get(struct ctx *c, const char *cart_id, const char *line_id, struct line_row *out)
{
    struct db_stmt *st =
        db_prep(c, "SELECT " LINE_COLS " FROM line_item WHERE cart_id = ?1 AND id = ?2", "ss",
                cart_id, line_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    line_read(c, st, out);
    db_reset(st);
    return 0;
}

int db_line_insert(struct ctx *c, const char *cart_id, const char *title, const char *description,
                   const char *thumbnail, const struct line_row *l)
{
    return db_execf(c,
                    "INSERT INTO line_item (id, cart_id, title, description, thumbnail, "
                    "is_giftcard, should_merge, allow_discounts, has_shipping, unit_price, "
                    "variant_id, product_id, quantity, metadata, includes_tax, created_at, "
                    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, ?12, "
                    "?13, ?14, " NOW ", " NOW ")",
                    "sssssbbbissisb", l->id, cart_id, title, description, thumbnail, l->is_giftcard,
                    l->should_merge, l->allow_discounts, l->unit_price, l->variant_id,
                    l->product_id, l->quantity, l->metadata, l->includes_tax);
}

int db_line_update(struct ctx *c, const char *id, int64_t quantity, int64_t unit_price,
                   const char *metadata)
{
    return db_execf(c,
                    "UPDATE line_item SET quantity = ?2, unit_price = ?3, metadata = ?4, "
                    "has_shipping = 0, updated_at = " NOW " WHERE id = ?1",
                    "siis", id, quantity, unit_price, metadata);
}

int db_line_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM line_item WHERE id = ?1", "s", id);
}

int db_cart_lines_has_shipping(struct ctx *c, const char *cart_id, int value)
{
    /* Only the lines that change: a no-op update still writes its page to the WAL. */
    return db_execf(
        c, "UPDATE line_item SET has_shipping = ?2 WHERE cart_id = ?1 AND has_shipping IS NOT ?2",
        "sb", cart_id, value);
}

int db_cart_adjustments_clear(struct ctx *c, const char *cart_id)
{
    return db_execf(c,
                    "DELETE FROM line_item_adjustment WHERE discount_id IS NOT NULL AND item_id IN "
                    "(SELECT id FROM line_item WHERE cart_id = ?1 AND is_return = 0)",
                    "s", cart_id);
}

int db_edit_adjustments_clear(struct ctx *c, const char *edit_id)
{
    return db_execf(c,
                    "DELETE FROM line_item_adjustment WHERE discount_id IS NOT NULL AND item_id IN "
                    "(SELECT id FROM line_item WHERE order_edit_id = ?1 AND is_return = 0)",
                    "s", edit_id);
}

int db_adjustment_insert(struct ctx *c, const char *item_id, const char *discount_id, double amount)
{
    return db_execf(c,
                    "INSERT INTO line_item_adjustment (id, item_id, description, discount_id, "
                    "amount) VALUES (?1, ?2, 'discount', ?3, ?4)",
                    "sssd", db_new_id(c, "lia"), item_id, discount_id, amount);
}

/* ---- discounts and gift cards ----------------------------------------------------------- */

#define DISCOUNT_COLS                                                                              \
    "d.id, d.code, d.rule_id, r.type, r.allocation, d.starts_at, d.ends_at, "                      \
    "d.parent_discount_id, r.value, d.usage_limit, d.usage_count, d.is_disabled"

static void discount_read(struct ctx *c, struct db_stmt *st, struct discount_row *d)
{
    d->id = db_col_dup(c, st, 0);
    d->code = db_col_dup(c, st, 1);
    d->rule_id = db_col_dup(c, st, 2);
    d->rule_type = db_col_dup(c, st, 3);
    d->allocation = db_col_dup(c, st, 4);
    d->starts_at = db_col_dup(c, st, 5);
    d->ends_at = db_col_dup(c, st, 6);
    d->parent_id = db_col_dup(c, st, 7);
    d->value = db_col_int64(st, 8);
    d->has_usage_limit = !db_col_null(st, 9);
    d->usage_limit = db_col_int64(st, 9);
    d->usage_count = db_col_int64(st, 10);
    d->is_disabled = db_col_int(st, 11);
}

int db_discounts_by_code(struct ctx *c, const char *const *codes, int n, struct discount_row **out,
                         int *found)
{
    struct discount_row *v = arena_calloc(&c->arena, sizeof(*v) * (size_t)(n ? n : 1));
    int k = 0;
    for (int i = 0; i < n; i++) {
        struct db_stmt *st =
            db_prep(c,
                    "SELECT " DISCOUNT_COLS " FROM discount d JOIN discount_rule r "
                    "ON r.id = d.rule_id WHERE d.code = ?1 AND d.deleted_at IS NULL",
                    "s", codes[i]);
        int rc = db_one_row(c, st);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            discount_read(c, st, &v[k++]);
            db_reset(st);
        }
    }
    *out = v;
    *found = k;
    return 0;
}

/* The discounts sql selects (DISCOUNT_COLS, one text parameter). */
static int discounts_where(struct ctx *c, const char *sql, const char *id,
                           struct discount_row **out, int *n)
{
    struct db_stmt *st = db_prep(c, sql, "s", id);
    struct discount_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        discount_read(c, st, &v[k++]);
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_cart_discounts(struct ctx *c, const char *cart_id, struct discount_row **out, int *n)
{
    return discounts_where(c,
                           "SELECT " DISCOUNT_COLS " FROM cart_discounts cd JOIN discount d "
                           "ON d.id = cd.discount_id JOIN discount_rule r ON r.id = d.rule_id "
                           "WHERE cd.cart_id = ?1 ORDER BY cd.rowid",
                           cart_id, out, n);
}

int db_order_discounts(struct ctx *c, const char *order_id, struct discount_row **out, int *n)
{
    return discounts_where(c,
                           "SELECT " DISCOUNT_COLS " FROM order_discounts od JOIN discount d "
                           "ON d.id = od.discount_id JOIN discount_rule r ON r.id = d.rule_id "
                           "WHERE od.order_id = ?1 ORDER BY od.rowid",
                           order_id, out, n);
}

int db_cart_discounts_set(struct ctx *c, const char *cart_id, const struct discount_row *d, int n)
{
    if (db_execf(c, "DELETE FROM cart_discounts WHERE cart_id = ?1", "s", cart_id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT OR IGNORE INTO cart_discounts (cart_id, discount_id) VALUES (?1, ?2)",
                     "ss", cart_id, d[i].id) < 0)
            return -1;
    return 0;
}

int db_cart_discount_remove(struct ctx *c, const char *cart_id, const char *discount_id)
{
    return db_execf(c, "DELETE FROM cart_discounts WHERE cart_id = ?1 AND discount_id = ?2", "ss",
                    cart_id, discount_id);
}

int db_discount_in_region(struct ctx *c, const char *discount_id, const char *region_id)
{
    return db_exists(c,
                     "SELECT 1 FROM discount_regions WHERE discount_id = ?1 AND "
                     "region_id = ?2",
                     "ss", discount_id, region_id);
}

int db_discount_groups(struct ctx *c, const char *rule_id, const char *customer_id, int *has,
                       int *ok)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT count(*), coalesce(sum(CASE WHEN (dc.operator = 'in') = "
                                 "EXISTS (SELECT 1 FROM discount_condition_customer_group g JOIN "
                                 "customer_group_customers cc ON cc.customer_group_id = "
                                 "g.customer_group_id WHERE g.condition_id = dc.id AND "
                                 "cc.customer_id = ?2) THEN 0 ELSE 1 END), 0) FROM "
                                 "discount_condition dc WHERE dc.discount_rule_id = ?1 AND "
                                 "dc.type = 'customer_groups' AND dc.deleted_at IS NULL",
                                 "ss", rule_id, customer_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc < 0 ? -1 : 0;
    *has = db_col_int(st, 0) > 0;
    *ok = db_col_int(st, 1) == 0;
    db_reset(st);
    return 0;
}

int db_discount_product_ok(struct ctx *c, const char *rule_id, const char *product_id)
{
    /* Every product-kind condition must hold: `in` lists the product (or its type, collection or
     * one of its tags), `not_in` does not. */
    struct db_stmt *st = db_prep(
        c,
        "SELECT count(*) FROM discount_condition dc, product p WHERE p.id = ?2 AND "
        "dc.discount_rule_id = ?1 AND dc.deleted_at IS NULL AND dc.type <> 'customer_groups' AND "
        "(dc.operator = 'in') <> (CASE dc.type "
        "WHEN 'products' THEN EXISTS (SELECT 1 FROM discount_condition_product x WHERE "
        "x.condition_id = dc.id AND x.product_id = p.id) "
        "WHEN 'product_types' THEN EXISTS (SELECT 1 FROM discount_condition_product_type x WHERE "
        "x.condition_id = dc.id AND x.product_type_id = p.type_id) "
        "WHEN 'product_collections' THEN EXISTS (SELECT 1 FROM "
        "discount_condition_product_collection x WHERE x.condition_id = dc.id AND "
        "x.product_collection_id = p.collection_id) "
        "WHEN 'product_tags' THEN EXISTS (SELECT 1 FROM discount_condition_product_tag x JOIN "
        "product_tags pt ON pt.product_tag_id = x.product_tag_id WHERE x.condition_id = dc.id AND "
        "pt.product_id = p.id) ELSE FALSE END)",
        "ss", rule_id, product_id);
    int rc = db_one_row(c, st), failing;
    if (rc)
        return rc < 0 ? -1 : 1;
    failing = db_col_int(st, 0);
    db_reset(st);
    return failing == 0;
}

int db_gift_card_by_code(struct ctx *c, const char *code, struct gift_card_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, region_id, balance, is_disabled FROM gift_card WHERE "
                                 "code = ?1 AND deleted_at IS NULL",
                                 "s", code);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->region_id = db_col_dup(c, st, 1);
    out->balance = db_col_int64(st, 2);
    out->is_disabled = db_col_int(st, 3);
    db_reset(st);
    return 0;
}

int db_cart_gift_cards_set(struct ctx *c, const char *cart_id, const char *const *ids, int n)
{
    if (db_execf(c, "DELETE FROM cart_gift_cards WHERE cart_id = ?1", "s", cart_id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(
                c, "INSERT OR IGNORE INTO cart_gift_cards (cart_id, gift_card_id) VALUES (?1, ?2)",
                "ss", cart_id, ids[i]) < 0)
            return -1;
    return 0;
}

/* ---- shipping --------------------------------------------------------------------------- */

int db_shipping_option(struct ctx *c, const char *id, struct option_row *out)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT id, region_id, profile_id, price_type, provider_id, amount, is_return, admin_only, "
        "includes_tax, "
        "(SELECT amount FROM shipping_option_requirement WHERE shipping_option_id = o.id AND "
        "type = 'min_subtotal' AND deleted_at IS NULL), (SELECT amount FROM "
        "shipping_option_requirement WHERE shipping_option_id = o.id AND type = 'max_subtotal' "
        "AND deleted_at IS NULL) FROM shipping_option o WHERE id = ?1 AND deleted_at IS NULL",
        "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->region_id = db_col_dup(c, st, 1);
    out->profile_id = db_col_dup(c, st, 2);
    out->price_type = db_col_dup(c, st, 3);
    out->provider_id = db_col_dup(c, st, 4);
    out->has_amount = !db_col_null(st, 5);
    out->amount = db_col_int64(st, 5);
    out->is_return = db_col_int(st, 6);
    out->admin_only = db_col_int(st, 7);
    out->includes_tax = db_col_int(st, 8);
    out->has_min = !db_col_null(st, 9);
    out->min_subtotal = db_col_int64(st, 9);
    out->has_max = !db_col_null(st, 10);
    out->max_subtotal = db_col_int64(st, 10);
    db_reset(st);
    return 0;
}

int db_cart_profiles(struct ctx *c, const char *cart_id, const char ***out, int *n)
{
    return first_column(c,
                        db_prep(c,
                                "SELECT DISTINCT p.profile_id FROM line_item l JOIN product p ON "
                                "p.id = l.product_id WHERE l.cart_id = ?1 AND p.profile_id IS NOT "
                                "NULL ORDER BY 1",
                                "s", cart_id),
                        out, n);
}

int db_custom_option_price(struct ctx *c, const char *cart_id, const char *option_id,
                           int64_t *price)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT (SELECT count(*) FROM custom_shipping_option WHERE cart_id "
                "= ?1 AND deleted_at IS NULL), (SELECT price FROM "
                "custom_shipping_option WHERE cart_id = ?1 AND shipping_option_id "
                "= ?2 AND deleted_at IS NULL)",
                "ss", cart_id, option_id);
    int rc = db_one_row(c, st), any, has;
    if (rc)
        return -1;
    any = db_col_int(st, 0);
    has = !db_col_null(st, 1);
    *price = db_col_int64(st, 1);
    db_reset(st);
    return !any ? 2 : has ? 1 : 0;
}

int db_cart_methods_clear(struct ctx *c, const char *cart_id)
{
    return db_execf(c, "DELETE FROM shipping_method WHERE cart_id = ?1 AND order_id IS NULL", "s",
                    cart_id);
}

int db_cart_method_add(struct ctx *c, const char *cart_id, const char *option_id, int64_t price,
                       const char *data_json, int includes_tax)
{
    return db_execf(c,
                    "INSERT INTO shipping_method (id, shipping_option_id, cart_id, price, data, "
                    "includes_tax) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    "sssisb", db_new_id(c, "sm"), option_id, cart_id, price,
                    data_json ? data_json : "{}", includes_tax);
}

int db_cart_methods_drop_profile(struct ctx *c, const char *cart_id, const char *profile_id)
{
    return db_execf(c,
                    "DELETE FROM shipping_method WHERE cart_id = ?1 AND order_id IS NULL AND "
                    "shipping_option_id IN (SELECT id FROM shipping_option WHERE profile_id = ?2)",
                    "ss", cart_id, profile_id);
}

int db_cart_lines_shipping_recompute(struct ctx *c, const char *cart_id)
{
    return db_execf(
        c,
        "UPDATE line_item SET has_shipping = CASE WHEN (SELECT profile_id FROM "
        "product WHERE id = line_item.product_id) IS NULL THEN TRUE ELSE EXISTS (SELECT "
        "1 FROM shipping_method m JOIN shipping_option o ON o.id = "
        "m.shipping_option_id WHERE m.cart_id = ?1 AND o.profile_id = (SELECT "
        "profile_id FROM product WHERE id = line_item.product_id)) END WHERE cart_id "
        "= ?1",
        "s", cart_id);
}

int db_cart_methods_zero(struct ctx *c, const char *cart_id)
{
    return db_execf(c,
                    "UPDATE shipping_method SET price = 0 WHERE cart_id = ?1 AND order_id IS NULL",
                    "s", cart_id);
}

int db_cart_methods_restore(struct ctx *c, const char *cart_id)
{
    return db_execf(c,
                    "UPDATE shipping_method SET price = coalesce((SELECT price FROM "
                    "custom_shipping_option WHERE cart_id = ?1 AND shipping_option_id = "
                    "shipping_method.shipping_option_id AND deleted_at IS NULL), (SELECT amount "
                    "FROM shipping_option WHERE id = shipping_method.shipping_option_id), 0) "
                    "WHERE cart_id = ?1 AND order_id IS NULL",
                    "s", cart_id);
}
