/* cart.h: Medusa v1's cart rules (checkout.md): creation, updates, lines, discounts, gift cards,
 * shipping, payment sessions and completion. Every function runs inside the caller's
 * transaction and records Medusa's error on failure. */
#ifndef DOMAIN_CART_H
#define DOMAIN_CART_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/cart.h"
#include "domain/customer.h"
#include "domain/totals.h"

struct json_object;

/* A cart priced (checkout.md §5, §6): its typed rows, the tax lines of every item and method and
 * every total. t.items[i] belongs to m.lines[i], t.methods[i] to m.methods[i]; arrays are
 * arena-owned. */
struct cart_priced {
    struct cart_model m;
    struct tot_cart t;
    const char *value_discount_id; /* the discount whose adjustments count (§5.1), or NULL */
    unsigned char *item_taxed;     /* [i]: item i's tax lines were computed now, not persisted */
    int methods_taxed;             /* the methods' tax lines were computed now */
};
/* Loads cart id and prices it: tax lines computed from the configured rates where the region's
 * taxes are automatic or force_taxes asks, else the persisted ones (§6.2, §6.3). Records
 * not_found when there is no such cart. */
int cart_price(struct ctx *c, const char *id, int force_taxes, struct cart_priced *out);
/* The pure part of cart_price: prices p->m with the rates of its products (prates, by product
 * id) and options (orates, by option id) when include_tax, else with the persisted tax lines.
 * Arrays come from a. */
void cart_price_model(struct arena *a, struct cart_priced *p, int include_tax,
                      const struct rate_set *prates, int npr, const struct rate_set *orates,
                      int nor);
/* The discount allocated to a line (§5.1): its adjustments of no discount, and of
 * value_discount_id when the line allows discounts. */
double cart_line_alloc(const struct line_row *l, const char *value_discount_id);
/* Just the total (after a mutation, for payment sessions). */
int cart_total(struct ctx *c, const char *id, int force_taxes, int64_t *total);

struct cart_item_in {
    const char *variant_id;
    int64_t quantity;
};
struct cart_new {
    const char *region_id, *country_code, *sales_channel_id, *ip, *user_agent;
    const struct cart_item_in *items; /* the body's items (quantity 0: 1) */
    int nitems;
    struct json_object *context; /* any, or NULL */
    int has_key;                 /* an x-publishable-api-key header came */
    const char *const *key_channels;
    int nkey_channels;
};
int cart_create(struct ctx *c, const struct cart_new *in, const char **id);
/* POST /store/carts/:id's validated body: what is absent is NULL (or not given). */
struct cart_update_in {
    const char *email, *region_id, *country_code, *customer_id, *sales_channel_id;
    struct address_in billing, shipping;
    int has_discounts, has_gift_cards;                /* the arrays came (even empty) */
    const char *const *discounts, *const *gift_cards; /* their codes ("" for none) */
    int ndiscounts, ngift_cards;
    const char *context; /* the given context as JSON text (an object is merged), or NULL */
};
/* POST /store/carts/:id. *region_given tells the handler whether to re-sync payment sessions
 * afterwards (checkout.md §2.3 step 12). Every change to a cart (this and those below) is refused
 * with not_allowed once the cart is completed or its payment authorised (issue #12). A customer_id
 * can only be the logged-in customer's own; an address id only one of their saved addresses. */
int cart_update(struct ctx *c, const char *id, const struct cart_update_in *in, int *region_given);

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
/* An admin's choice of customer for a cart (a draft order's; no ownership rule applies): the
 * customer and their e-mail, the lines re-priced for them. 404 for an unknown customer. */
int cart_assign_customer(struct ctx *c, const char *id, const char *customer_id);
/* What every change of a cart's lines does afterwards (checkout.md §3.3 steps 5-7): shipping
 * reset, methods removed, adjustments rebuilt, cart.updated. For lines written outside
 * cart_add_line (a draft order's custom or re-priced lines). */
int cart_lines_changed(struct ctx *c, const char *cart_id);
int cart_delete_discount(struct ctx *c, const char *id, const char *code);
int cart_add_shipping_method(struct ctx *c, const char *id, const char *option_id,
                             const char *data);

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
/* The first discount of ds that is not free shipping (the one that makes adjustments), or NULL. */
const struct discount_row *cart_value_discount(const struct discount_row *ds, int nd);
/* The pure part of cart_adjustments_build: amounts[i] is what discount d gives line i (0: no
 * adjustment), given which lines its conditions accept (eligible) and, for tax-inclusive lines,
 * the tax rates of their products (prates by product id; none: region_rate). scratch has room
 * for nl items. */
void cart_adjustments_plan(const struct discount_row *d, const struct line_row *lines, int nl,
                           const unsigned char *eligible, const struct rate_set *prates, int npr,
                           double region_rate, double *amounts, struct alloc_item *scratch);
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
/* POST .../payment-sessions/:provider_id: selects the provider's session; the manual provider
 * merges patch (the body's data.data, a JSON object's text, or NULL) into its data (Medusa's
 * quirk), the others change nothing. */
int cart_session_update(struct ctx *c, const char *id, const char *provider_id, const char *patch);
int cart_session_delete(struct ctx *c, const char *id, const char *provider_id);
int cart_session_refresh(struct ctx *c, const char *id, const char *provider_id);

/* Completion (§11). What came of it: an order or a swap (new, or the one an earlier completion
 * made), or nothing for want of stock: then the payment is canceled and the cart open again, and
 * short_variants lists the variants without the inventory (the front answers 409). */
/* CART_PAYMENT_PENDING: the provider has not authorized the payment yet (Stripe's
 * requires_action or a card not confirmed): Medusa answers 200 {type:"cart"} with the cart. */
enum cart_completion_kind {
    CART_COMPLETED_ORDER,
    CART_COMPLETED_SWAP,
    CART_SHORT_OF_STOCK,
    CART_PAYMENT_PENDING
};
struct cart_completion {
    enum cart_completion_kind kind;
    const char *id; /* the order's or the swap's */
    const char **short_variants;
    int nshort;
    const char *payment_status; /* CART_PAYMENT_PENDING: "pending" or "requires_more" */
};
/* What the provider of the cart's selected session says of the payment, asked with no
 * transaction open (cart_payment_verdict) or told by a verified webhook (its PaymentIntent).
 * checked 0: nothing was asked (a local provider, or no selected session). */
struct payment_verdict {
    int checked;
    const char *session_id; /* the session asked about; NULL from a webhook */
    const char *ref;        /* the provider's object id (the PaymentIntent's) */
    const char *status;     /* authorized, requires_more, pending, canceled */
    const char *data;       /* the provider's object (JSON text) */
};
/* Asks the provider of cart id's selected session (Stripe: retrieves the PaymentIntent). Never
 * inside a transaction. A completed cart or a local provider: v->checked = 0. */
int cart_payment_verdict(struct ctx *c, const char *id, struct payment_verdict *v);
/* Completes cart id (checkout.md §11) inside the caller's transaction, exactly once: a completed
 * cart answers its order. A remote provider's session completes only with a verdict about that
 * session's object (v) saying authorized for the cart's total; another status keeps the cart
 * open (CART_PAYMENT_PENDING) with the session's status and data updated. */
int cart_complete(struct ctx *c, const char *id, const struct payment_verdict *v,
                  struct cart_completion *out);
/* After the local payment-session writes of a route were committed: brings the selected
 * session of a remote provider (Stripe) to the provider (initiatePayment or updatePayment) with
 * no transaction open, then stores its answer (the session's data, the customer's
 * metadata.stripe_id) in a short transaction of its own that checks the session is still the
 * one read (409 conflict otherwise). A provider failure un-initiates a session never initiated
 * there and records Medusa's error. idem: Idempotency-Key prefix or NULL. */
int cart_sessions_provide(struct ctx *c, const char *id, const char *idem);

/* Gift cards paying amount at completion (§8.2): earliest ends_at first (none: never), then the
 * smaller balance, each paying what it can until amount is covered. out[0..k) are the cards used
 * in that order with what each paid and its balance after; returns k. used_flags has n bytes of
 * scratch. Pure. */
struct gift_card_use {
    int index; /* into g */
    int64_t used, balance_after;
};
int cart_gift_cards_allocate(const struct gift_card_row *g, int n, int64_t amount,
                             unsigned char *used_flags, struct gift_card_use *out);
/* The gift cards an order's gift-card lines become (§8.3): count cards of value each (the line's
 * subtotal per unit), taxed at the sum of the line's tax rates, else region_rate. Lines with no
 * positive subtotal or quantity make none. out has room for every line; returns how many. Pure. */
struct gift_card_issue {
    int line; /* into p->m.lines */
    int64_t value;
    double rate;
    int64_t count;
};
int cart_gift_card_issues(const struct cart_priced *p, double region_rate,
                          struct gift_card_issue *out);

/* What decides whether a cart may use a shipping option: its region, the shipping profiles of
 * its products and its subtotal (checkout.md §9.1). */
struct option_scope {
    const char *region_id;
    const char **profiles;
    int nprofiles;
    int64_t subtotal;
    const char *cart_id; /* the listing's cart (cart_options_scope) */
    int admin;           /* a draft order's cart: the admin may pick admin-only options and
                            options of any profile (Medusa's validateCartOption) */
};
enum option_verdict { OPTION_USABLE, OPTION_HIDDEN, OPTION_REGION, OPTION_REQUIREMENTS };
/* The one rule for the options a cart may use: what GET /store/shipping-options/:cart_id lists
 * is what POST /store/carts/:id/shipping-methods accepts (issue #12; Medusa lists the same but
 * accepts return options of any region and admin-only options, which shipped orders for free).
 * Hidden: admin-only, a return option, or of no product's profile in the cart; then the region;
 * then the subtotal requirements (min <= subtotal < max). Pure. */
enum option_verdict cart_option_verdict(const struct option_row *o, const struct option_scope *s);

/* The scope of cart id's options (its region, profiles and subtotal), or Medusa's 404. */
int cart_options_scope(struct ctx *c, const char *id, struct option_scope *scope);
/* Whether GET /store/shipping-options/:cart_id lists option_id (store.md §6.3): 1 with its flat
 * amount, 2 with the cart's custom price for it (a cart with custom prices lists only those), 0
 * when it is not listed, -1 on error. */
int cart_option_offer(struct ctx *c, const struct option_scope *scope, const char *option_id,
                      int64_t *amount);
/* The tax of a shipping price at rates (percent): Medusa's tax_amount (§6.2). Pure. */
int64_t cart_option_tax(int64_t amount, const double *rates, int n);

#endif
