/* cart.h: the reads and writes of carts, their lines, discounts, gift cards and shipping methods
 * (checkout.md). SQL lives in db/cart.c, and for the typed cart (struct cart_model, the price
 * rows and tax rate sets) in db/cart_model.c. Payment sessions, completion and idempotency keys
 * are db/checkout.h's. */
#ifndef DB_CART_H
#define DB_CART_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

struct cart_row {
    const char *id, *region_id, *customer_id, *email, *shipping_address_id, *billing_address_id,
        *sales_channel_id, *completed_at, *payment_authorized_at, *payment_id, *type, *context;
};
/* 0 found, 1 no such (live) cart, -1 error. */
int db_cart_get(struct ctx *c, const char *id, struct cart_row *out);
int db_cart_insert(struct ctx *c, const struct cart_row *row);
/* Sets one column (a constant name from the caller) to a text value (NULL clears it). */
int db_cart_set(struct ctx *c, const char *id, const char *column, const char *value);

struct region_row {
    const char *id, *currency_code;
    double tax_rate;
    int automatic_taxes, gift_cards_taxable, ncountries;
    const char *only_country; /* when ncountries == 1 */
};
int db_region_get(struct ctx *c, const char *id, struct region_row *out); /* 1: none */
/* The oldest live region, or NULL. */
const char *db_region_first(struct ctx *c);
int db_region_has_country(struct ctx *c, const char *region_id, const char *iso2);
int db_region_has_provider(struct ctx *c, const char *region_id, const char *provider_id);
/* The region's payment providers, in id order. */
int db_region_providers(struct ctx *c, const char *region_id, const char ***out, int *n);

int db_sales_channel_get(struct ctx *c, const char *id, const char **name, int *disabled);

/* Customers. */
int db_customer_email(struct ctx *c, const char *id, const char **email); /* 1: none */
/* The unregistered customer with this e-mail, created if missing. */
const char *db_guest_customer(struct ctx *c, const char *email);
/* 1 if customer id is a live registered customer (has an account), 0, -1. */
int db_customer_has_account(struct ctx *c, const char *id);

struct variant_info {
    const char *id, *title, *product_id, *product_title, *thumbnail;
    int discountable, is_giftcard, manage_inventory, allow_backorder;
    int64_t inventory_quantity;
};
int db_variant_info(struct ctx *c, const char *id, struct variant_info *out); /* 1: none */
int db_product_in_channel(struct ctx *c, const char *product_id, const char *sales_channel_id);

/* A tax line: persisted on an item or a method, or one of the rates that make them. */
struct tax_line_row {
    double rate; /* percent */
    const char *name, *code;
};
/* A discount's share of an item (line_item_adjustment). */
struct adjustment_row {
    const char *discount_id; /* NULL: an adjustment of no discount */
    double amount;
};
struct line_row {
    const char *id, *variant_id, *product_id, *metadata;
    int64_t unit_price, quantity;
    int should_merge, allow_discounts, is_giftcard, is_return, includes_tax;
    /* Read by db_cart_model()/db_order_model() only: */
    const char *variant_product_id; /* the live variant's product (tax rates follow it) */
    int64_t returned_quantity;
    const struct adjustment_row *adjustments;
    int nadjustments;
    const struct tax_line_row *tax_lines; /* persisted */
    int ntax_lines;
};
/* A price a variant may be sold at (db/cart_model.c): its own or a price list's, as
 * db_variant_price_rows selects them for a region (or currency) and customer, oldest first. */
struct price_row {
    const char *id, *currency_code, *region_id, *price_list_id, *list_type;
    int64_t amount;
    int has_min, has_max;
    int64_t min_quantity, max_quantity;
};
int db_variant_price_rows(struct ctx *c, const char *variant_id, const char *region_id,
                          const char *currency_code, const char *customer_id,
                          struct price_row **out, int *n);
/* Whether a price includes tax: its price list says so, or its region (a region price), or its
 * currency (Medusa's tax-inclusive pricing). */
int db_price_includes_tax(struct ctx *c, const char *money_amount_id);
int db_cart_lines(struct ctx *c, const char *cart_id, struct line_row **out, int *n);
/* The lines of order edit edit_id (its clones and added lines), oldest first. */
int db_edit_lines(struct ctx *c, const char *edit_id, struct line_row **out, int *n);
/* The same with each line's adjustments and persisted tax lines (db/cart_model.c). */
int db_edit_lines_model(struct ctx *c, const char *edit_id, struct line_row **out, int *n);
int db_line_get(struct ctx *c, const char *cart_id, const char *line_id, struct line_row *out);
int db_line_insert(struct ctx *c, const char *cart_id, const char *title, const char *description,
                   const char *thumbnail, const struct line_row *l);
int db_line_update(struct ctx *c, const char *id, int64_t quantity, int64_t unit_price,
                   const char *metadata);
int db_line_set_includes_tax(struct ctx *c, const char *id, int includes_tax);
int db_line_delete(struct ctx *c, const char *id);
int db_cart_lines_has_shipping(struct ctx *c, const char *cart_id, int value);

/* Adjustments from discounts. */
int db_cart_adjustments_clear(struct ctx *c, const char *cart_id);
int db_edit_adjustments_clear(struct ctx *c, const char *edit_id);
int db_adjustment_insert(struct ctx *c, const char *item_id, const char *discount_id,
                         double amount);

struct discount_row {
    const char *id, *code, *rule_id, *rule_type, *allocation, *starts_at, *ends_at, *parent_id;
    int64_t value, usage_limit, usage_count;
    int has_usage_limit, is_disabled;
};
/* The live discounts with these (upper-case) codes, in request order. */
int db_discounts_by_code(struct ctx *c, const char *const *codes, int n, struct discount_row **out,
                         int *found);
int db_cart_discounts(struct ctx *c, const char *cart_id, struct discount_row **out, int *n);
int db_order_discounts(struct ctx *c, const char *order_id, struct discount_row **out, int *n);
int db_cart_discounts_set(struct ctx *c, const char *cart_id, const struct discount_row *d, int n);
int db_cart_discount_remove(struct ctx *c, const char *cart_id, const char *discount_id);
int db_discount_in_region(struct ctx *c, const char *discount_id, const char *region_id);
/* Customer-group conditions of a rule: *has set when there is one; *ok when the customer
 * passes all of them. */
int db_discount_groups(struct ctx *c, const char *rule_id, const char *customer_id, int *has,
                       int *ok);
/* 1 when the rule's product conditions accept the product. */
int db_discount_product_ok(struct ctx *c, const char *rule_id, const char *product_id);

struct gift_card_row {
    const char *id, *region_id;
    int64_t balance;
    int is_disabled;
    /* Read by db_cart_model()/db_order_model() only: */
    const char *ends_at; /* NULL: never */
    int has_tax_rate;
    double tax_rate;
};
int db_gift_card_by_code(struct ctx *c, const char *code, struct gift_card_row *out);
int db_cart_gift_cards_set(struct ctx *c, const char *cart_id, const char *const *ids, int n);

/* Shipping. */
struct option_row {
    const char *id, *region_id, *profile_id, *price_type, *provider_id;
    int64_t amount;
    int has_amount, is_return, admin_only, includes_tax;
    int has_min, has_max;
    int64_t min_subtotal, max_subtotal;
};
int db_shipping_option(struct ctx *c, const char *id, struct option_row *out); /* 1: none */
/* The cart's custom price for an option: 1 and *price when it has one, 0 when the cart has custom
 * options but not this one, 2 when it has none at all. */
int db_custom_option_price(struct ctx *c, const char *cart_id, const char *option_id,
                           int64_t *price);
int db_cart_methods_clear(struct ctx *c, const char *cart_id);
int db_cart_method_add(struct ctx *c, const char *cart_id, const char *option_id, int64_t price,
                       const char *data_json, int includes_tax);
/* The shipping profiles of the products in the cart's lines (arena array, *n of them). */
int db_cart_profiles(struct ctx *c, const char *cart_id, const char ***out, int *n);
/* Drops the cart's methods whose option has this profile. */
int db_cart_methods_drop_profile(struct ctx *c, const char *cart_id, const char *profile_id);
/* has_shipping of each line = its product's profile is among the methods' profiles. */
int db_cart_lines_shipping_recompute(struct ctx *c, const char *cart_id);
/* Free shipping: every method price 0; or back to the options' amounts. */
int db_cart_methods_zero(struct ctx *c, const char *cart_id);
int db_cart_methods_restore(struct ctx *c, const char *cart_id);

/* ---- the typed cart (db/cart_model.c): what pricing, totals and completion compute on ---- */

struct method_row {
    const char *id, *shipping_option_id;
    int64_t price;
    int includes_tax;
    const struct tax_line_row *tax_lines; /* persisted */
    int ntax_lines;
};
/* The tax rates of one product or shipping option. */
struct rate_set {
    const char *owner_id;
    const struct tax_line_row *rates;
    int n;
};
/* A cart with everything its totals depend on, in the order its answer lists them: lines
 * (created_at, id) with their adjustments and persisted tax lines, shipping methods, discounts
 * (with rule type, value and allocation) and live gift cards. */
struct cart_model {
    struct cart_row cart;
    struct region_row region;
    struct line_row *lines;
    int nlines;
    struct method_row *methods;
    int nmethods;
    struct discount_row *discounts;
    int ndiscounts;
    struct gift_card_row *gift_cards;
    int ngift_cards;
};
/* 0 with *out filled, 1 when there is no such live cart (or its region is gone), -1 error. */
int db_cart_model(struct ctx *c, const char *id, struct cart_model *out);
/* The tax rates configured for each of the n products in region_id (products without any are
 * left out), and for each of the n shipping options (any region, checkout.md §6.1). */
int db_product_rate_sets(struct ctx *c, const char *region_id, const char *const *product_ids,
                         int n, struct rate_set **out, int *nout);
int db_option_rate_sets(struct ctx *c, const char *const *option_ids, int n, struct rate_set **out,
                        int *nout);

#endif
