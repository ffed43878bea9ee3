/* order_view.h: the store's view of orders (store.md §4.1, §4.2, §1.5): Medusa's default and
 * allowed fields and relations, the totals relations every read loads, totals decoration, and
 * the response subsetting of the lookup. Shared by GET /store/orders and /customers/me/orders. */
#ifndef FRONT_ORDER_VIEW_H
#define FRONT_ORDER_VIEW_H
#include <stdint.h>

#include "core/ctx.h"
#include "domain/order_totals.h"
#include "front/validate.h"

struct req;
struct gsel;
struct gquery;
struct sbuf;

extern const char *const order_default_fields[], *const order_allowed_fields[],
                                                     *const order_default_relations[],
                                                         *const order_allowed_relations[];

/* The selection for a parsed query: the fields (plus tax_rate when fields are given, and the
 * constant `object`), the relations, and the totals relations. */
struct gsel *order_view_select(struct req *r, const struct listq *lq);
/* What an order answer keeps beyond its selection. */
struct order_shape {
    /* cleanResponseData (the store's by-id and lookup answers): a top-level key stays when lq
     * selected it (or, not given, spec allows it) or it is a total; NULL: every key. */
    const struct listq *lq;
    const struct listq_spec *spec;
    int raw_discount_total; /* the order keeps raw_discount_total (lists, the completion) */
    int returnable;         /* retrieveWithTotals' includes.returnable_items (admin routes) */
};
/* Runs q and writes its orders, each with its totals (domain/order_totals.c on the typed order
 * model) written in, once, as JSON objects separated by commas onto out; *n receives their
 * number. The lines listed in returnable_items are the items (and the swaps' and claims'
 * additional items) with units shipped and not returned, as the answer writes them. 0 or -1. */
int order_view_text(struct ctx *c, const struct gquery *q, const struct order_shape *s,
                    struct sbuf *out, int *n);
/* The order id, selected per lq, written onto out; Medusa's 404 (nothing written) when there
 * is none. 0 or -1. */
int order_view_one(struct req *r, const char *id, const struct listq *lq,
                   const struct order_shape *s, struct sbuf *out);
/* The order with every column, the given relations plus the totals relations, totals written (the
 * completion answer), onto out. -1 with not_found when there is none. */
int order_view_full(struct ctx *c, const char *id, const char *const *relations, struct sbuf *out);

/* A page of orders under Medusa's order filters (q, status, ..., created_at) and spec's paging,
 * as {orders, count, offset, limit}: customer_id's orders only, or (NULL) any customer's, with
 * customer_id then a filter of the query (the Admin API). */
int order_list_send(struct req *r, const struct listq_spec *spec, const char *customer_id);

#endif
