/* order.h: order reads of the customer routes (store.md §3 me/orders, §4 lookup, §4.3 claims)
 * and the one write a claim makes. Serialisation goes through the graph loader (ent_order). */
#ifndef DB_ORDER_H
#define DB_ORDER_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/graph.h"

struct json_object;

struct order_filter {
    const char *customer_id; /* always set by me/orders */
    const char *id, *q, *display_id, *cart_id, *email, *region_id, *currency_code, *tax_rate;
    const char *const *status, *const *fulfillment_status, *const *payment_status;
    int nstatus, nfulfillment_status, npayment_status;
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

#endif
