/* gift_card.c: gift card codes and admin-made cards (gift_card.h). */
#include "domain/gift_card.h"

#include <sodium.h>

#include "core/arena.h"
#include "db/cart.h"
#include "db/checkout.h"

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
    return db_event(c, "gift_card.created", arena_printf(&c->arena, "{\"id\":\"%s\"}", *id));
}
