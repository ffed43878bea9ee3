/* gift_card.h: gift cards as Medusa v1's GiftCardService makes them: the code shape
 * (generateCode) and an admin-made card's tax rate (resolveTaxRate). */
#ifndef DOMAIN_GIFT_CARD_H
#define DOMAIN_GIFT_CARD_H
#include "core/ctx.h"
#include "db/gift_card.h"

struct json_object;

/* A new random code: 16 characters of A-Z0-9 in four groups of four joined by "-" (arena). */
const char *gift_card_code(struct ctx *c);

/* GiftCardService.create for POST /admin/gift-cards: g->region_id must exist (404 "Region with
 * x was not found"); the code is generated, the balance is the value, and tax_rate is the
 * region's when it taxes gift cards (null otherwise, and for a zero rate). *id receives the new
 * card's id; gift_card.created goes to the outbox. */
int gift_card_create(struct ctx *c, struct gift_card_new *g, const char **id);

/* GiftCardService.update from the Admin API: 404 "Gift card with id: x was not found"; a new
 * region must exist (404 "Region with x was not found"); a balance must lie within 0 and the
 * card's value (400 invalid_data "new balance is invalid": Medusa's invalid_argument is a 500);
 * metadata merged. is_disabled -1, has_ends 0 and has_balance 0 keep those. 0 or -1. */
struct gift_card_update {
    int has_balance;
    int64_t balance;
    int is_disabled;
    int has_ends;
    const char *ends_at; /* NULL with has_ends: cleared */
    const char *region_id;
    struct json_object *metadata;
};
int gift_card_update(struct ctx *c, const char *id, const struct gift_card_update *u);
/* Soft-deletes a card (an unknown one is fine). */
int gift_card_delete(struct ctx *c, const char *id);

#endif
