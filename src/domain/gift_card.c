/* gift_card.c: gift card codes and admin-made cards (gift_card.h). */
#include "domain/gift_card.h"

#include <sodium.h>
#include <string.h>

#include "core/arena.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/event.h"
#include "domain/metadata.h"

const char *gift_card_code(struct ctx *c)
{
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char *code = arena_alloc(&c->arena, 20);
    int k = 0;
    for (int g = 0; g < 16; g++) {
        if (g && g % 4 == 0)
            code[k++] = '-';
        code[k++] = alnum[randombytes_uniform(36)];
    }
    code[k] = 0;
    return code;
}

int gift_card_create(struct ctx *c, struct gift_card_new *g, const char **id)
{
    struct region_row region;
    int rc = db_region_get(c, g->region_id, &region);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", g->region_id);
    g->code = gift_card_code(c);
    g->has_tax_rate = region.gift_cards_taxable && region.tax_rate != 0;
    g->tax_rate = region.tax_rate;
    if (!(*id = db_gift_card_insert(c, g)))
        return -1;
    return db_event_id(c, "gift_card.created", *id);
}

int gift_card_update(struct ctx *c, const char *id, const struct gift_card_update *u)
{
    struct gift_card_admin_row g;
    int rc = db_gift_card_load(c, id, &g);
    if (rc)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Gift card with id: %s was not found", id);
    if (u->region_id && *u->region_id && strcmp(u->region_id, g.region_id)) {
        struct region_row region;
        if ((rc = db_region_get(c, u->region_id, &region)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", u->region_id);
        g.region_id = u->region_id;
    }
    if (u->metadata)
        g.metadata = metadata_merge(c, g.metadata, u->metadata);
    if (u->has_balance) {
        if (u->balance < 0 || g.value < u->balance)
            /* Medusa's invalid_argument is a 500: bad input gets a 400 here. */
            return err_set(c, ERR_INVALID_DATA, "new balance is invalid");
        g.balance = u->balance;
    }
    return db_gift_card_update(c, id, &g, u->is_disabled, u->has_ends, u->ends_at);
}

int gift_card_delete(struct ctx *c, const char *id)
{
    return db_gift_card_soft_delete(c, id);
}
