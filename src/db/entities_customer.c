/* entities_customer.c: the descriptors (graph.h) of customers, customer groups and addresses;
 * a customer view never includes password_hash. */
#include "db/entities.h"
#include "db/entities_internal.h"

/* ---- customers ------------------------------------------------------------------------------ */

/* password_hash is never serialised (Medusa selects it only to authenticate). */
static const struct gcol customer_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"billing_address_id", G_TEXT, NULL, 0},
    {"phone", G_TEXT, NULL, 0},
    {"has_account", G_BOOL, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel customer_rels[] = {
    {"shipping_addresses", &ent_address, 1, "%c.customer_id = %p.id", "%c.created_at, %c.id"},
    {"billing_address", &ent_address, 0, "%c.id = %p.billing_address_id", NULL},
    {"orders", &ent_order, 1, "%c.customer_id = %p.id", "%c.created_at, %c.id"},
    {"groups", &ent_customer_group, 1,
     "%c.id IN (SELECT customer_group_id FROM customer_group_customers WHERE customer_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_customer = {"customer", customer_cols, customer_rels, LIVE};

static const struct gcol customer_group_cols[] = {
    {"id", G_TEXT, NULL, 0}, {"name", G_TEXT, NULL, 0}, {"metadata", G_JSON, NULL, 0}, TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel customer_group_rels[] = {
    {"customers", &ent_customer, 1,
     "%c.id IN (SELECT customer_id FROM customer_group_customers WHERE customer_group_id = %p.id)",
     "%c.created_at"},
    {"price_lists", &ent_price_list, 1,
     "%c.id IN (SELECT price_list_id FROM price_list_customer_groups WHERE customer_group_id = "
     "%p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_customer_group = {"customer_group", customer_group_cols, customer_group_rels,
                                        LIVE};

static const struct gcol address_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0},
    {"company", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"address_1", G_TEXT, NULL, 0},
    {"address_2", G_TEXT, NULL, 0},
    {"city", G_TEXT, NULL, 0},
    {"country_code", G_TEXT, NULL, 0},
    {"province", G_TEXT, NULL, 0},
    {"postal_code", G_TEXT, NULL, 0},
    {"phone", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel address_rels[] = {
    {"country", &ent_country, 0, "%c.iso_2 = %p.country_code", NULL},
    {"customer", &ent_customer, 0, "%c.id = %p.customer_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_address = {"address", address_cols, address_rels, LIVE};
