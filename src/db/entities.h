/* entities.h: the descriptors of every entity the API serialises (graph.h), one per Medusa
 * entity, with Medusa's JSON names, types and relations. */
#ifndef DB_ENTITIES_H
#define DB_ENTITIES_H
#include "db/graph.h"

extern const struct gent ent_currency, ent_country, ent_payment_provider, ent_fulfillment_provider,
    ent_region, ent_tax_rate, ent_sales_channel, ent_shipping_profile, ent_product,
    ent_product_variant, ent_money_amount, ent_price_list, ent_product_option,
    ent_product_option_value, ent_image, ent_product_tag, ent_product_type, ent_product_collection,
    ent_product_category, ent_return_reason, ent_shipping_option, ent_shipping_option_requirement,
    ent_address, ent_customer, ent_line_item_adjustment, ent_line_item_tax_line, ent_line_item,
    ent_shipping_method_tax_line, ent_shipping_method, ent_payment_session, ent_payment,
    ent_discount_rule, ent_discount, ent_gift_card, ent_cart, ent_order, ent_gift_card_transaction;

#endif
