/* claims.h: Medusa v1's ClaimService from the Admin API (POST /admin/orders/:id/claims...): a
 * claim says what was wrong with fulfilled order lines; a refund claim gives money back, a
 * replace claim sends additional items (their stock reserved once, at creation) through its own
 * fulfillments. (Claiming guest orders by a customer is domain/order_claim.c, another thing.)
 * Every function runs inside the caller's transaction and records Medusa's error on failure. */
#ifndef DOMAIN_CLAIMS_H
#define DOMAIN_CLAIMS_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/claims.h"

struct json_object;

struct claim_item_in {
    const char *item_id, *reason, *note;
    int64_t quantity;
    const char *const *tags;
    int ntags;
    const char *const *images;
    int nimages;
};
struct claim_extra_in {
    const char *variant_id;
    int64_t quantity;
};
struct claim_method_in {
    const char *option_id;
    int64_t price;
    int has_price;
    const char *data; /* JSON text */
};
struct claim_new {
    const char *order_id, *type; /* "refund" or "replace" */
    const struct claim_item_in *items;
    int nitems;
    const struct claim_extra_in *extra;
    int nextra;
    const struct claim_method_in *methods;
    int nmethods;
    const char *return_option_id; /* return_shipping.option_id, or NULL */
    int64_t refund_amount;
    int has_refund_amount;
    struct json_object *shipping_address; /* object, or NULL */
    int no_notification;                  /* 1, 0, -1: not given */
    const char *metadata;                 /* JSON text, or NULL */
};

/* What a refund claim refunds (pure): the amount asked for, else the claim lines' refund
 * (computed), never more than paid - refunded (safety.md: Medusa refunds whatever it is asked).
 * An amount asked above what is left is refused (-1); a computed one is capped. 0 with *out. */
int claim_refund_amount(int has_asked, int64_t asked, int64_t computed, int64_t paid,
                        int64_t refunded, int64_t *out);

/* ClaimService.create: the claim, its items with tags and images, additional items (priced for
 * the order's region, taxed, their stock reserved), shipping methods, the return
 * (return_shipping), claim.created; a refund claim's amount is fixed here and refunded by
 * claim_process_refund after the commit. *id: the claim's. */
int claim_create(struct ctx *c, const struct claim_new *in, const char **id);
/* ClaimService.processRefund, called with no transaction open: the order's payments refund the
 * claim's refund_amount through their provider (Stripe included), then the refund rows, the
 * claim's payment_status refunded and claim.refund_processed commit together. Done once: a
 * refunded claim is left alone. A provider's refusal answers its error and leaves the claim
 * not_refunded (the merchant can refund from the order page). */
int claim_process_refund(struct ctx *c, const char *claim_id);

/* The claim claim_id of order_id, or Medusa's 404. */
int claim_find(struct ctx *c, const char *order_id, const char *claim_id, struct claim_row *out);
/* A tag or an image of a claim item update: an existing one by id, or a new one by its text (a
 * tag's value, an image's url). */
struct claim_ref_in {
    const char *id, *text;
};
struct claim_item_update_in {
    const char *id, *reason, *note;  /* reason, note: NULL leaves them */
    const char *metadata;            /* JSON text, or NULL */
    const struct claim_ref_in *tags; /* the item's tags from now on; ntags < 0: left alone */
    int ntags;
    const struct claim_ref_in *images; /* the images kept (by id) and added (by url); nimages < 0:
                                        * left alone */
    int nimages;
};
struct claim_update_in {
    const struct claim_item_update_in *items;
    int nitems;
    const struct claim_method_in *methods; /* shipping methods to add */
    int nmethods;
    int no_notification;  /* 1, 0, -1: not given */
    const char *metadata; /* JSON text, or NULL */
};
/* ClaimService.update: claim items (reason, note, tags, images), shipping methods,
 * no_notification, metadata; refused on a canceled claim. */
int claim_update(struct ctx *c, const char *order_id, const char *claim_id,
                 const struct claim_update_in *in);
/* ClaimService.createFulfillment: every additional item not fulfilled yet, one fulfillment per
 * shipping method; claim.fulfillment_created. */
int claim_fulfill(struct ctx *c, const char *order_id, const char *claim_id, int no_notification,
                  const char *metadata);
/* ClaimService.createShipment of one of the claim's fulfillments; claim.shipment_created. */
int claim_ship(struct ctx *c, const char *order_id, const char *claim_id,
               const char *fulfillment_id, const char *const *numbers, int n);
/* ClaimService.cancelFulfillment: the fulfillment canceled, its quantities back off the items,
 * the claim not_fulfilled again. */
int claim_cancel_fulfillment(struct ctx *c, const char *order_id, const char *claim_id,
                             const char *fulfillment_id);
/* ClaimService.cancel: refused with a refund, live fulfillments or a live return; the reserved
 * stock of the additional items goes back once. */
int claim_cancel(struct ctx *c, const char *order_id, const char *claim_id);

#endif
