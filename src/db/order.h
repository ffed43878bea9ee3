/* order.h: order reads of the customer routes (store.md §3 me/orders, §4 lookup, §4.3 claims)
 * and the one write a claim makes. Serialisation goes through the graph loader (ent_order). */
#ifndef DB_ORDER_H
#define DB_ORDER_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/cart.h"
#include "db/graph.h"

struct json_object;

struct order_filter {
    const char *customer_id; /* always set by me/orders */
    const char *id, *q, *display_id, *cart_id, *email, *region_id, *currency_code, *tax_rate;
    const char *const *status, *const *fulfillment_status, *const *payment_status;
    int nstatus, nfulfillment_status, npayment_status;
    /* The Admin API's region_id given as an array, and sales_channel_id[] (n = 0: none). */
    const char *const *region_ids, *const *sales_channel_ids;
    int nregion_ids, nsales_channel_ids;
    struct datefilter canceled_at;
};
/* gq_list plus the me/orders filters (exact matches compare the text, as PostgreSQL would). */
int db_orders_query(struct ctx *c, struct gquery *q, const struct gsel *sel, const struct listf *lf,
                    const struct order_filter *of);

/* gq_list for the lookup: display_id (a number) and e-mail, exactly (store.md §4 lookup). */
int db_orders_lookup(struct ctx *c, struct gquery *q, const struct gsel *sel, double display_id,
                     const char *email);

/* id, email, customer_id, status and no_notification of the orders among ids_json (a JSON array
 * of ids), oldest first: an arena-owned json-c array, or NULL on error. */
struct json_object *db_orders_brief(struct ctx *c, const char *ids_json);
/* Gives order id to customer_id with email. 0 or -1. */
int db_order_set_customer(struct ctx *c, const char *id, const char *customer_id,
                          const char *email);

/* ---- the order export (order-export batch jobs) ---------------------------------------------- */

/* An order as Medusa's export reads it with customer, shipping_address and sales_channel. */
struct order_export_row {
    const char *id, *status, *created_at, *fulfillment_status, *payment_status, *currency_code,
        *region_id;
    int64_t display_id;
    const char *customer_first_name, *customer_last_name, *customer_email, *customer_id;
    const char *address_1, *address_2, *country_code, *city, *postal_code;
    const char *channel_name, *channel_description;
};
/* Up to limit orders, newest first, after (created_at, id) = (before_created, before_id) when
 * given (keyset pages). 0 or -1. */
int db_orders_export_page(struct ctx *c, const char *before_created, const char *before_id,
                          int limit, struct order_export_row **out, int *n);
/* The number of orders. -1 on error. */
int64_t db_orders_count(struct ctx *c);

/* ---- the Admin API's order operations (capture, fulfil, ship, cancel) ---------------------- */

/* The order's id, status and no_notification (1, 0, or -1 for null). 0, 1 when there is no such
 * order, -1 on error. */
struct order_head {
    const char *id, *status, *payment_status, *fulfillment_status;
    const char *region_id, *billing_address_id, *shipping_address_id;
    int no_notification;
};
int db_order_head(struct ctx *c, const char *id, struct order_head *out);
/* Sets one of the columns an admin update or action writes: "email", "customer_id",
 * "billing_address_id", "shipping_address_id", "status" (text), "no_notification" (value "1"). */
int db_order_set(struct ctx *c, const char *id, const char *column, const char *value);
/* Captures every payment of the order not captured yet (captured_at now; the manual provider's
 * data becomes {"status":"captured"}). *uncaptured receives how many remain uncaptured. */
int db_order_payments_capture(struct ctx *c, const char *order_id, int *uncaptured);
/* Cancels every payment of the order (canceled_at now; manual data {"status":"canceled"}). */
int db_order_payments_cancel(struct ctx *c, const char *order_id);
/* Sets one of the order's statuses: column is "payment_status" or "fulfillment_status". */
int db_order_set_status(struct ctx *c, const char *id, const char *column, const char *value);
/* status, fulfillment_status and payment_status "canceled", canceled_at now. */
int db_order_set_canceled(struct ctx *c, const char *id);
/* How many refunds, fulfillments, returns, swaps and claims of the order are not canceled
 * (OrderService.cancel's blockers), in that order into n[5]. */
int db_order_cancel_blockers(struct ctx *c, const char *id, int64_t n[5]);
/* Puts the quantities of the order's line items back on their variants that manage inventory. */
int db_order_restock(struct ctx *c, const char *id);

/* The order's line items (profile_id: the variant's product's last shipping profile), oldest
 * first, into an arena array. */
struct order_item_row {
    const char *id, *variant_id, *profile_id;
    int64_t quantity, fulfilled_quantity, shipped_quantity;
    int has_fulfilled, has_shipped; /* the quantities are not null */
};
int db_order_items(struct ctx *c, const char *order_id, struct order_item_row **out, int *n);
/* The order's shipping methods with their options' provider and profile, by id. */
struct order_method_row {
    const char *id, *provider_id, *profile_id;
};
int db_order_methods(struct ctx *c, const char *order_id, struct order_method_row **out, int *n);
/* Sets a line item's fulfilled_quantity or shipped_quantity (column). */
int db_line_item_set_quantity(struct ctx *c, const char *item_id, const char *column, int64_t q);

/* A new fulfillment of the order by provider_id (data {}, no tracking yet); no_notification is
 * 1, 0 or -1 for null; metadata a JSON text. Its id (arena), or NULL. */
const char *db_fulfillment_insert(struct ctx *c, const char *order_id, const char *provider_id,
                                  int no_notification, const char *metadata);
/* The same for a claim's or a swap's fulfillment: owner_col is "claim_order_id" or "swap_id". */
const char *db_fulfillment_insert_for(struct ctx *c, const char *owner_col, const char *owner_id,
                                      const char *provider_id, int no_notification,
                                      const char *metadata);
/* Cancels the fulfillment (canceled_at now) and takes its quantities back off its items'
 * fulfilled_quantity. */
int db_fulfillment_cancel(struct ctx *c, const char *id);
int db_fulfillment_item_insert(struct ctx *c, const char *fulfillment_id, const char *item_id,
                               int64_t quantity);
/* A fulfillment with its items. 0, 1 when there is none, -1 on error. */
struct fulfillment_row {
    const char *id, *order_id, *claim_order_id, *swap_id, *canceled_at, *shipped_at;
    int no_notification; /* 1, 0, -1 for null */
    struct fulfillment_item_row {
        const char *item_id;
        int64_t quantity;
    } * items;
    int nitems;
};
int db_fulfillment_get(struct ctx *c, const char *id, struct fulfillment_row *out);
/* Marks the fulfillment shipped now with tracking links for numbers[0..n); no_notification 1, 0,
 * or -1 to keep it. */
int db_fulfillment_ship(struct ctx *c, const char *id, const char *const *numbers, int n,
                        int no_notification);

/* ---- the typed order (db/cart_model.c) ----------------------------------------------------- */

struct gift_card_tx_row {
    int64_t amount;
    int has_tax_rate;
    double tax_rate;
    int is_taxable; /* 1, 0, or -1 for null (orders before tax snapshots) */
};
/* An order with everything OrderService.decorateTotals reads (store.md §4.2): items with their
 * adjustments and persisted tax lines, shipping methods with theirs, discounts, live gift cards
 * and gift card transactions, the sums of payments and refunds, the legacy tax_rate, the live
 * region's rate and gift_cards_taxable, and the additional items of its live swaps and claims
 * (extra), each in the order the answer lists them. */
struct order_model {
    const char *id;
    int has_tax_rate; /* the order's legacy tax_rate is set */
    double tax_rate;
    double region_tax_rate;
    int region_gift_cards_taxable;
    struct line_row *items;
    int nitems;
    struct line_row *extra;
    int nextra;
    struct method_row *methods;
    int nmethods;
    struct discount_row *discounts;
    int ndiscounts;
    struct gift_card_row *gift_cards;
    int ngift_cards;
    struct gift_card_tx_row *txs;
    int ntxs;
    int64_t paid_total;
    double refunds_total;
};
/* 0 with *out filled, 1 when there is no such order, -1 error. */
int db_order_model(struct ctx *c, const char *id, struct order_model *out);

/* The order's payments (live and canceled), oldest first. */
struct order_payment_row {
    const char *id, *provider_id, *data, *captured_at, *canceled_at;
    int64_t amount, amount_refunded;
};
int db_order_payments(struct ctx *c, const char *order_id, struct order_payment_row **out, int *n);
/* The payment of a swap's difference (1: none). */
int db_swap_payment(struct ctx *c, const char *swap_id, struct order_payment_row *out);
/* Replaces a payment's data (what its provider answered). */
int db_payment_set_data(struct ctx *c, const char *payment_id, const char *data);
/* What the order was paid (its payments not canceled) and refunded (its refunds). */
int db_order_paid(struct ctx *c, const char *order_id, int64_t *paid, int64_t *refunded);
/* A refund row of amount from payment_id (counted in the payment's amount_refunded); its id. */
const char *db_refund_insert(struct ctx *c, const char *order_id, const char *payment_id,
                             int64_t amount, const char *reason, const char *note);

#endif
