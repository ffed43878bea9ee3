/* claims.h: the SQL of claims (Medusa v1's ClaimOrder, ClaimItem, ClaimImage, ClaimTag) and of
 * the refunds they make. */
#ifndef DB_CLAIMS_H
#define DB_CLAIMS_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/order.h"

/* The order a claim is made on. 0, 1 none, -1 error. */
struct claim_order_info {
    const char *id, *status, *region_id, *shipping_address_id;
    int no_notification; /* 1, 0, -1: null */
};
int db_claim_order(struct ctx *c, const char *order_id, struct claim_order_info *out);

/* An order line (or a swap's or claim's additional item) as a claim sees it. */
struct claim_line_row {
    const char *id, *variant_id, *order_id; /* the order it belongs to, directly or not */
    int64_t quantity, fulfilled_quantity, shipped_quantity;
    int canceled; /* its order, swap or claim is canceled */
};
/* 0 found, 1 none, -1 error. */
int db_claim_line(struct ctx *c, const char *item_id, struct claim_line_row *out);
/* The units of item_id claimed by live (not canceled) claims. */
int db_claimed_quantity(struct ctx *c, const char *item_id, int64_t *out);

struct claim_row {
    const char *id, *order_id, *type, *payment_status, *fulfillment_status, *canceled_at;
    int64_t refund_amount;
    int has_refund_amount;
    int no_notification; /* 1, 0, -1: null */
};
int db_claim_get(struct ctx *c, const char *id, struct claim_row *out); /* 1: none */
const char *db_claim_insert(struct ctx *c, const char *order_id, const char *type, int has_refund,
                            int64_t refund_amount, const char *address_id, int no_notification,
                            const char *metadata, const char *idempotency_key);
/* Sets one text column (a constant name from the caller) of the claim. */
int db_claim_set(struct ctx *c, const char *id, const char *column, const char *value);
int db_claim_set_canceled(struct ctx *c, const char *id);
int db_claim_set_no_notification(struct ctx *c, const char *id, int no_notification);
/* n[0]: live fulfillments, n[1]: a return that is not canceled (0/1). */
int db_claim_cancel_blockers(struct ctx *c, const char *id, int64_t n[2]);

const char *db_claim_item_insert(struct ctx *c, const char *claim_id, const char *item_id,
                                 const char *variant_id, const char *reason, const char *note,
                                 int64_t quantity, const char *metadata);
/* A claim item of claim_id: 1 when it is not one. */
int db_claim_item_of(struct ctx *c, const char *claim_id, const char *claim_item_id);
int db_claim_item_update(struct ctx *c, const char *id, const char *reason, const char *note,
                         const char *metadata);
int db_claim_image_add(struct ctx *c, const char *claim_item_id, const char *url);
/* Keeps only the images of the claim item whose ids are in keep (n of them). */
int db_claim_images_keep(struct ctx *c, const char *claim_item_id, const char *const *keep, int n);
/* The tag (by its normalised value; made when new) linked to the claim item. */
int db_claim_tag_add(struct ctx *c, const char *claim_item_id, const char *value);
/* Links the existing tag id to the claim item; 1 when there is no such tag. */
int db_claim_tag_link(struct ctx *c, const char *claim_item_id, const char *tag_id);
int db_claim_tags_clear(struct ctx *c, const char *claim_item_id);

int db_claim_line_attach(struct ctx *c, const char *claim_id, const char *line_id);
int db_claim_method_add(struct ctx *c, const char *claim_id, const char *option_id, int64_t price,
                        const char *data);
/* The claim's additional items and its shipping methods, as db_order_items/_methods give an
 * order's. */
int db_claim_items(struct ctx *c, const char *claim_id, struct order_item_row **out, int *n);
int db_claim_methods(struct ctx *c, const char *claim_id, struct order_method_row **out, int *n);
/* The same for a swap (swap 1) or a claim (0): its additional items (not return lines), and its
 * shipping methods. */
int db_owned_items(struct ctx *c, int swap, const char *owner_id, struct order_item_row **out,
                   int *n);
int db_owned_methods(struct ctx *c, int swap, const char *owner_id, struct order_method_row **out,
                     int *n);

#endif
