/* gift_card.h: gift cards as Medusa v1's GiftCardService makes them: the code shape
 * (generateCode) and an admin-made card's tax rate (resolveTaxRate). */
#ifndef DOMAIN_GIFT_CARD_H
#define DOMAIN_GIFT_CARD_H
#include "core/ctx.h"
#include "db/gift_card.h"

/* A new random code: 16 characters of A-Z0-9 in four groups of four joined by "-" (arena). */
const char *gift_card_code(struct ctx *c);

/* GiftCardService.create for POST /admin/gift-cards: g->region_id must exist (404 "Region with
 * x was not found"); the code is generated, the balance is the value, and tax_rate is the
 * region's when it taxes gift cards (null otherwise, and for a zero rate). *id receives the new
 * card's id; gift_card.created goes to the outbox. */
int gift_card_create(struct ctx *c, struct gift_card_new *g, const char **id);

#endif
