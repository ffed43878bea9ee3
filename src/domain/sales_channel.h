/* sales_channel.h: Medusa's SalesChannelService and PublishableApiKeyService rules: channels
 * (the store's default one cannot be deleted), their products, and publishable API keys scoped to
 * channels (revoked once). The Store API reads the links when it scopes products by
 * x-publishable-api-key, so every change applies to the next request. Writes run in the caller's
 * transaction; ids lists are arrays of n strings. */
#ifndef DOMAIN_SALES_CHANNEL_H
#define DOMAIN_SALES_CHANNEL_H
#include "core/ctx.h"

struct json_object;

/* create: *id receives the new id; emits sales_channel.created. is_disabled: 0 or 1. */
int sales_channel_create(struct ctx *c, const char *name, const char *description, int is_disabled,
                         const char **id);
/* update from a validated body: 404 "Sales channel with id: <id> was not found"; name,
 * description, is_disabled as given; emits sales_channel.updated. */
int sales_channel_update(struct ctx *c, const char *id, struct json_object *body);
/* delete: idempotent; 400 not_allowed "You cannot delete the default sales channel"; a soft
 * delete, and sales_channel.deleted. */
int sales_channel_delete(struct ctx *c, const char *id);
/* addProducts: 400 {"errors":["Products <ids> do not exist"]} for ids that are no live product
 * (validateProductsExist), 404 for a channel that does not exist; then links them. */
int sales_channel_add_products(struct ctx *c, const char *id, const char *const *ids, int n);
/* removeProducts: unlinks them (unknown ids are no error). */
int sales_channel_remove_products(struct ctx *c, const char *id, const char *const *ids, int n);

/* create by user_id; *id receives the new key. Emits publishable_api_key.created. */
int pubkey_create(struct ctx *c, const char *title, const char *user_id, const char **id);
/* update: 404 "Publishable key with id: <id> was not found"; the title when given. */
int pubkey_update(struct ctx *c, const char *id, const char *title);
/* delete: 404 as above (Medusa's delete does not swallow it); the key and its links go. */
int pubkey_delete(struct ctx *c, const char *id);
/* revoke: 404; 400 not_allowed "PublishableApiKey has already been revoked."; emits
 * publishable_api_key.revoked. */
int pubkey_revoke(struct ctx *c, const char *id, const char *user_id);
/* addSalesChannels: the foreign keys' 404s ("Publishable_api_key with publishable_key_id <id>
 * does not exist.", "Sales_channel with sales_channel_id <id> does not exist."); links kept. */
int pubkey_add_channels(struct ctx *c, const char *id, const char *const *ids, int n);
/* removeSalesChannels: unlinks (unknown ids are no error). */
int pubkey_remove_channels(struct ctx *c, const char *id, const char *const *ids, int n);

#endif
