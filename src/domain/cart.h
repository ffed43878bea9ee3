/* cart.h: Medusa v1's cart rules (checkout.md): creation, updates, lines, discounts, gift cards,
 * shipping, payment sessions and completion. Every function runs inside the caller's
 * transaction and records Medusa's error on failure. */
#ifndef DOMAIN_CART_H
#define DOMAIN_CART_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/cart.h"

struct json_object;

/* The cart as the API shows it: the default relations (or `relations`, NULL-terminated, when the
 * client expanded), always with the totals relations, and every total and tax line computed
 * (checkout.md §1.5, §1.6, §5). force_taxes computes taxes even in manual-tax regions. The
 * object is arena-owned. NULL with not_found when there is no such cart. */
struct json_object *cart_view(struct ctx *c, const char *id, const char *const *relations,
                              const char *const *fields, int force_taxes);
/* Just the total (after a mutation, for payment sessions). */
int cart_total(struct ctx *c, const char *id, int force_taxes, int64_t *total);

struct cart_new {
    const char *region_id, *country_code, *sales_channel_id, *ip, *user_agent;
    struct json_object *items;   /* [{variant_id, quantity}] or NULL */
    struct json_object *context; /* any, or NULL */
    int has_key;                 /* an x-publishable-api-key header came */
    const char *const *key_channels;
    int nkey_channels;
};
int cart_create(struct ctx *c, const struct cart_new *in, const char **id);
/* POST /store/carts/:id with the validated body. *region_given tells the handler whether to
 * re-sync payment sessions afterwards (checkout.md §2.3 step 12). Every change to a cart
 * (this and those below) is refused with not_allowed once the cart is completed or its payment
 * authorised (issue #12). A customer_id in the body can only be the logged-in customer's own. */
int cart_update(struct ctx *c, const char *id, struct json_object *body, int *region_given);
/* GET /store/carts/:id by a logged-in customer: the cart becomes theirs when it is open and
 * anonymous (no customer, or only a guest's e-mail), or is re-priced when it is theirs already
 * (checkout.md §2.2); another account's cart, or a completed one, is left alone (issue #12).
 * *claimed tells whether anything was written. */
int cart_claim(struct ctx *c, const char *id, int *claimed);
/* Records not_found for an unknown cart, not_allowed for one that can no longer change. */
int cart_writable(struct ctx *c, const char *id);
int cart_add_line(struct ctx *c, const char *id, const char *variant_id, int64_t quantity,
                  struct json_object *metadata);
int cart_update_line(struct ctx *c, const char *id, const char *line_id, int64_t quantity,
                     struct json_object *metadata);
int cart_delete_line(struct ctx *c, const char *id, const char *line_id);
int cart_delete_discount(struct ctx *c, const char *id, const char *code);
int cart_add_shipping_method(struct ctx *c, const char *id, const char *option_id,
                             struct json_object *data);

/* A line generated for a variant (LineItemService.generate, §3.2): a fresh id, the variant's
 * product title, title and thumbnail, its calculated price in the region for quantity and
 * customer_id (NULL: none), metadata (NULL: {}). Nothing is written. Records invalid_data when
 * the variant is unknown or has no price there. */
struct line_new {
    struct variant_info v;
    struct line_row l;
};
int cart_line_generate(struct ctx *c, const char *variant_id, int64_t quantity,
                       const struct region_row *region, const char *customer_id,
                       struct json_object *metadata, struct line_new *out);
/* Rebuilds the discount adjustments of every line of the cart (§7.4). */
int cart_adjustments_rebuild(struct ctx *c, const char *cart_id);
/* LineItemAdjustmentService.createAdjustments (§7.4): the adjustments of the first value
 * discount among ds over lines, inserted (the old ones must be gone first). region_id is needed
 * only when a line's price includes tax. Carts (above) and order edits share it. */
int cart_adjustments_build(struct ctx *c, const char *region_id, const struct discount_row *ds,
                           int nd, const struct line_row *lines, int nl);
/* The largest quantity: Medusa keeps line_item.quantity in a Postgres integer column, so nothing
 * larger reaches a line there; here it would overflow unit_price × quantity and merged sums. */
#define CART_QUANTITY_MAX 2147483647
/* A client's quantity must be an integer in [min, CART_QUANTITY_MAX]: min 1 for a new or merged
 * line, 0 where 0 removes. Records invalid_data in class-validator's words (`quantity must not
 * be less than 1`) otherwise. Every line a cart, swap or order edit gets passes here. */
int cart_quantity_check(struct ctx *c, int64_t quantity, int64_t min);

/* Payment sessions (§10). */
int cart_sessions_sync(struct ctx *c, const char *id, int force_taxes);
/* Re-sync only when the cart has sessions (after mutations, §1.8). */
int cart_sessions_resync(struct ctx *c, const char *id, int force_taxes);
int cart_session_select(struct ctx *c, const char *id, const char *provider_id);
int cart_session_update(struct ctx *c, const char *id, const char *provider_id,
                        struct json_object *data);
int cart_session_delete(struct ctx *c, const char *id, const char *provider_id);
int cart_session_refresh(struct ctx *c, const char *id, const char *provider_id);

/* Completion (§11): the answer's status and JSON body, arena-owned. */
int cart_complete(struct ctx *c, const char *id, int *status, const char **body);

/* An order with every column, the given relations plus the totals relations, totals computed
 * (the completion answer; the returns domain). NULL with not_found when there is none. */
struct json_object *order_view_full(struct ctx *c, const char *id, const char *const *relations);

/* What decides whether a cart may use a shipping option: its region, the shipping profiles of
 * its products and its subtotal (checkout.md §9.1). */
struct option_scope {
    const char *region_id;
    const char **profiles;
    int nprofiles;
    int64_t subtotal;
};
enum option_verdict { OPTION_USABLE, OPTION_HIDDEN, OPTION_REGION, OPTION_REQUIREMENTS };
/* The one rule for the options a cart may use: what GET /store/shipping-options/:cart_id lists
 * is what POST /store/carts/:id/shipping-methods accepts (issue #12; Medusa lists the same but
 * accepts return options of any region and admin-only options, which shipped orders for free).
 * Hidden: admin-only, a return option, or of no product's profile in the cart; then the region;
 * then the subtotal requirements (min <= subtotal < max). Pure. */
enum option_verdict cart_option_verdict(const struct option_row *o, const struct option_scope *s);

/* The options a cart may use (store.md §6.3), decorated like the general listing. */
struct json_object *cart_shipping_options(struct ctx *c, const char *id);

#endif
