/* order.c: the SQL of the customer's order routes (order.h). */
#include "db/order.h"

#include <json-c/json.h>
#include <stdio.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/internal.h"

static void where_in(struct ctx *c, struct gquery *q, const char *frag, const char *const *v, int n)
{
    if (n)
        gq_where_list(c, q, frag, v, n);
}

int db_orders_query(struct ctx *c, struct gquery *q, const struct gsel *sel, const struct listf *lf,
                    const struct order_filter *of)
{
    if (gq_list(c, q, &ent_order, sel, lf) < 0)
        return -1;
    gq_where_text(q, "%c.customer_id = ?", of->customer_id);
    if (of->id)
        gq_where_text(q, "%c.id = ?", of->id);
    if (of->display_id)
        gq_where_text(q, "CAST(%c.display_id AS TEXT) = ?", of->display_id);
    if (of->cart_id)
        gq_where_text(q, "%c.cart_id = ?", of->cart_id);
    if (of->email)
        gq_where_text(q, "%c.email = ?", of->email);
    if (of->region_id)
        gq_where_text(q, "%c.region_id = ?", of->region_id);
    if (of->currency_code)
        gq_where_text(q, "%c.currency_code = ?", of->currency_code);
    if (of->tax_rate)
        gq_where_text(q, "CAST(%c.tax_rate AS TEXT) = ?", of->tax_rate);
    where_in(c, q, "%c.status IN (SELECT value FROM json_each(?))", of->status, of->nstatus);
    where_in(c, q, "%c.fulfillment_status IN (SELECT value FROM json_each(?))",
             of->fulfillment_status, of->nfulfillment_status);
    where_in(c, q, "%c.payment_status IN (SELECT value FROM json_each(?))", of->payment_status,
             of->npayment_status);
    gq_where_dates(c, q, "canceled_at", &of->canceled_at);
    if (of->q) {
        /* Only orders with both a customer and a shipping address match a search (the inner
         * joins of OrderService.listAndCount). */
        const char *like = arena_printf(&c->arena, "%%%s%%", of->q);
        gq_where_text(
            q,
            "EXISTS (SELECT 1 FROM customer cu JOIN address sa ON sa.id = "
            "%c.shipping_address_id WHERE cu.id = %c.customer_id AND (sa.first_name LIKE ? "
            "OR %c.email LIKE ? OR CAST(%c.display_id AS TEXT) LIKE ? OR cu.first_name "
            "LIKE ? OR cu.last_name LIKE ? OR cu.phone LIKE ?))",
            like);
        for (int i = 0; i < 5; i++)
            gq_bind_text(q, like);
    }
    return 0;
}

int db_orders_lookup(struct ctx *c, struct gquery *q, const struct gsel *sel, double display_id,
                     const char *email)
{
    struct listf f = {0};
    char num[64];
    f.limit = 2; /* exactly one match answers; two are a miss, as in Medusa */
    if (gq_list(c, q, &ent_order, sel, &f) < 0)
        return -1;
    snprintf(num, sizeof(num), "%.17g", display_id);
    gq_where_text(q, "%c.display_id = CAST(? AS REAL)", arena_strdup(&c->arena, num));
    gq_where_text(q, "%c.email = ?", email);
    return 0;
}

struct json_object *db_orders_brief(struct ctx *c, const char *ids_json)
{
    sqlite3_stmt *st = db_sql(c, "SELECT json_object('id', id, 'email', email, 'customer_id', "
                                 "customer_id, 'status', status, 'no_notification', CASE WHEN "
                                 "no_notification IS NULL THEN NULL WHEN no_notification THEN "
                                 "json('true') ELSE json('false') END) FROM \"order\" WHERE id IN "
                                 "(SELECT value FROM json_each(?1)) ORDER BY created_at, id");
    struct json_object *arr;
    int rc;
    if (!st)
        return NULL;
    db_bind_text(st, 1, ids_json);
    arr = json_own(&c->arena, json_object_new_array());
    while ((rc = db_step(c, st)) == SQLITE_ROW)
        json_object_array_add(arr, json_tokener_parse(db_col_text(st, 0)));
    return rc == SQLITE_DONE ? arr : NULL;
}

int db_order_set_customer(struct ctx *c, const char *id, const char *customer_id, const char *email)
{
    sqlite3_stmt *st = db_sql(c, "UPDATE \"order\" SET customer_id = ?2, email = ?3, updated_at = "
                                 "?4 WHERE id = ?1");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, email);
    db_bind_text(st, 4, timefmt_iso(now, sizeof(now), c->now_ms));
    return db_run(c, st);
}
