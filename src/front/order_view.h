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
struct json_object;

extern const char *const order_default_fields[], *const order_allowed_fields[],
                                                     *const order_default_relations[],
                                                         *const order_allowed_relations[];

/* The selection for a parsed query: the fields (plus tax_rate when fields are given, and the
 * constant `object`), the relations, and the totals relations. */
struct gsel *order_view_select(struct req *r, const struct listq *lq);
/* Runs q and decorates every order with its totals; an arena-owned array, or NULL on error. */
struct json_object *order_view_rows(struct req *r, const struct gquery *q);
/* Writes the totals of every loaded order of rows (domain/order_totals.c on the typed order) into
 * it: items, shipping methods, the additional items of swaps and claims, the order. Returns
 * rows, or NULL on error (also when rows is NULL). */
struct json_object *order_view_decorate(struct ctx *c, struct json_object *rows);
/* Writes m's totals t into the loaded order object (what it has of them). */
void order_view_write(struct json_object *order, const struct order_model *m,
                      const struct order_totals *t);
/* retrieveWithTotals' includes.returnable_items: order.returnable_items, the lines (the order's,
 * and its swaps' and claims' additional items, as loaded) with units shipped and not returned,
 * the same objects as in the answer. */
void order_view_returnable(struct json_object *order);
/* An order with every column, the given relations plus the totals relations, totals written (the
 * completion answer). NULL with not_found when there is none. */
struct json_object *order_view_full(struct ctx *c, const char *id, const char *const *relations);
/* The order id, selected per lq and decorated with its totals, or NULL with Medusa's 404. */
struct json_object *order_view_one(struct req *r, const char *id, const struct listq *lq);
/* cleanResponseData: keeps the top-level keys the query selected or the endpoint allows
 * (fields, relations, totals) and drops raw_discount_total. */
void order_view_subset(struct req *r, struct json_object *order, const struct listq *lq,
                       const struct listq_spec *spec);

/* A page of orders under Medusa's order filters (q, status, ..., created_at) and spec's paging,
 * as {orders, count, offset, limit}: customer_id's orders only, or (NULL) any customer's, with
 * customer_id then a filter of the query (the Admin API). */
int order_list_send(struct req *r, const struct listq_spec *spec, const char *customer_id);

#endif
