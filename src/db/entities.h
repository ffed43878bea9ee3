/* entities.h: the descriptors of every entity the API serialises (graph.h), one per Medusa
 * entity, with Medusa's JSON names, types and relations, grouped by the file that defines them. */
#ifndef DB_ENTITIES_H
#define DB_ENTITIES_H
#include "db/graph.h"

/* The shop's setup (db/entities_setup.c). */
extern const struct gent ent_currency, ent_country, ent_payment_provider, ent_fulfillment_provider,
    ent_region, ent_tax_rate, ent_sales_channel, ent_shipping_profile, ent_return_reason,
    ent_shipping_option, ent_shipping_option_requirement, ent_publishable_api_key;

/* The catalog (db/entities_product.c); the admin views are products with every category and
 * categories with their admin columns. */
extern const struct gent ent_product, ent_product_variant, ent_money_amount, ent_price_list,
    ent_product_option, ent_product_option_value, ent_image, ent_product_tag, ent_product_type,
    ent_product_collection, ent_product_category, ent_admin_product, ent_admin_product_category;

/* Customers (db/entities_customer.c, store.md §2-3): customer views never include
 * password_hash. */
extern const struct gent ent_customer, ent_customer_group, ent_address;

/* Orders and what follows them (db/entities.c, store.md §4): an order carries Medusa's constant
 * "object": "order". */
extern const struct gent ent_order, ent_line_item, ent_line_item_tax_line, ent_line_item_adjustment,
    ent_shipping_method, ent_shipping_method_tax_line, ent_payment, ent_fulfillment,
    ent_fulfillment_item, ent_tracking_link, ent_discount, ent_discount_rule,
    ent_discount_condition, ent_gift_card, ent_gift_card_transaction, ent_refund, ent_swap,
    ent_claim_order;

/* Carts (db/entities.c, checkout.md §1.5): a cart carries Medusa's constant "object": "cart". */
extern const struct gent ent_cart, ent_payment_session, ent_draft_order;

/* Returns, order edits and payment collections (db/entities.c, store.md §7, §9, §10). */
extern const struct gent ent_return, ent_return_item, ent_order_edit, ent_order_item_change,
    ent_payment_collection;

/* Admin users (the Admin API's /admin/auth, /admin/users) and their invitations
 * (db/entities_user.c). */
extern const struct gent ent_user, ent_invite;
/* The order timeline's notes and notifications (db/entities_user.c). */
extern const struct gent ent_note, ent_notification, ent_notification_resend;

#endif
