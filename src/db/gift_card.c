/* gift_card.c: SQL of gift card inserts (gift_card.h). */
#include "db/gift_card.h"

#include "db/internal.h"

const char *db_gift_card_insert(struct ctx *c, const struct gift_card_new *g)
{
    const char *id = db_new_id(c, "gift");
    if (db_execf(
            c,
            "INSERT INTO gift_card (id, code, value, balance, region_id, order_id, "
            "is_disabled, ends_at, tax_rate, metadata, created_at, updated_at) VALUES (?1, ?2, "
            "CASE WHEN ?3 THEN ?4 END, CASE WHEN ?3 THEN ?4 END, ?5, ?6, ?7, ?8, CASE WHEN ?9 "
            "THEN ?10 END, ?11, " DB_NOW ", " DB_NOW ")",
            "ssbissbsbds", id, g->code, g->has_value, g->value, g->region_id, g->order_id,
            g->is_disabled, g->ends_at, g->has_tax_rate, g->tax_rate, g->metadata) < 0)
        return NULL;
    return id;
}
