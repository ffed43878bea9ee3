/* store.h: Medusa's StoreService and CurrencyService rules for the Admin API: the store's details,
 * its currencies and default currency. */
#ifndef DOMAIN_STORE_H
#define DOMAIN_STORE_H
#include "core/ctx.h"

struct json_object;

/* A validated POST /admin/store body; NULL / -1: not given. */
struct store_input {
    const char *name, *swap_link_template, *payment_link_template, *invite_link_template,
        *default_currency_code;
    const char *const *currencies;
    int ncurrencies; /* -1: not given */
    struct json_object *metadata;
};

/* StoreService.update: currencies replaced (each must exist, the default must stay among them),
 * the default currency must be a store currency, metadata merged. *id receives the store's id.
 * 0 or -1 with Medusa's error. */
int store_update(struct ctx *c, const struct store_input *in, const char **id);
/* StoreService.addCurrency / removeCurrency (code in any case). *id as above. 0 or -1. */
int store_add_currency(struct ctx *c, const char *code, const char **id);
int store_remove_currency(struct ctx *c, const char *code, const char **id);

#endif
