/* gift_card.h: gift card inserts: bought in an order (checkout.md §8.3) or made by an admin
 * (POST /admin/gift-cards). */
#ifndef DB_GIFT_CARD_H
#define DB_GIFT_CARD_H
#include <stdint.h>

#include "core/ctx.h"

struct gift_card_new {
    const char *code, *region_id, *order_id; /* order_id may be NULL */
    int has_value;                           /* 0: value (and balance) NULL: a NOT NULL error */
    int64_t value;                           /* the balance starts at the value */
    int is_disabled;
    const char *ends_at; /* ISO text or NULL */
    int has_tax_rate;    /* 0: tax_rate NULL */
    double tax_rate;
    const char *metadata; /* JSON text or NULL */
};

/* Inserts the card; its new id (arena), or NULL with the error recorded. */
const char *db_gift_card_insert(struct ctx *c, const struct gift_card_new *g);

/* A live card's value, balance, region and metadata: 0, 1 if none, -1. */
struct gift_card_admin_row {
    int64_t value, balance;
    const char *region_id, *metadata;
};
int db_gift_card_load(struct ctx *c, const char *id, struct gift_card_admin_row *g);
/* Writes balance, region, metadata; is_disabled and ends_at when given (has_*). 0 or -1. */
int db_gift_card_update(struct ctx *c, const char *id, const struct gift_card_admin_row *g,
                        int is_disabled, int has_ends, const char *ends_at);
int db_gift_card_soft_delete(struct ctx *c, const char *id);

struct gquery;
/* Gift cards whose code or whose order's display id contains text (the repository's
 * listGiftCardsAndCount q). */
void db_gift_card_where_q(struct ctx *c, struct gquery *q, const char *text);

#endif
