/* sales_channel.h: the SQL of sales channels, their products, and publishable API keys with their
 * channels (the rules are domain/sales_channel.c's; the Store API reads the links when it scopes
 * products by key). ids_json arguments are JSON arrays of ids. */
#ifndef DB_SALES_CHANNEL_H
#define DB_SALES_CHANNEL_H
#include "core/ctx.h"

/* Inserts a channel; its new id, or NULL. */
const char *db_sales_channel_insert(struct ctx *c, const char *name, const char *description,
                                    int is_disabled);
/* Sets name, description and is_disabled as given in fields_json (absent keys kept). 0 or -1. */
int db_sales_channel_update(struct ctx *c, const char *id, const char *fields_json);
/* Soft-deletes a live channel. 0 or -1. */
int db_sales_channel_delete(struct ctx *c, const char *id);
/* 1 if a channel row with id exists (live or not, as a foreign key sees it), 0, -1. */
int db_sales_channel_row(struct ctx *c, const char *id);
/* Adds (add) or removes the products to / from the channel. 0 or -1. */
int db_sales_channel_products(struct ctx *c, const char *id, const char *const *ids, int n,
                              int add);
/* The ids of ids_json that are no live product, joined with ", " (arena), or NULL when all are;
 * *err set on a database error. */
const char *db_products_missing(struct ctx *c, const char *ids_json, int *err);

struct gquery;
/* Restricts q, a query over sales channels (ent_sales_channel), to the channels of key key_id. */
void db_pubkey_channels_where(struct gquery *q, const char *key_id);

/* Inserts a key made by user created_by; its new id (the key clients send), or NULL. */
const char *db_pubkey_insert(struct ctx *c, const char *title, const char *created_by);
/* Sets the title (NULL: kept). 0 or -1. */
int db_pubkey_update(struct ctx *c, const char *id, const char *title);
/* Deletes the key for real (its channel links go with it). 0 or -1. */
int db_pubkey_delete(struct ctx *c, const char *id);
/* 1 with *revoked (1 when revoked already) if the key exists, 0 if not, -1. */
int db_pubkey_state(struct ctx *c, const char *id, int *revoked);
/* Marks the key revoked now by user_id. 0 or -1. */
int db_pubkey_revoke(struct ctx *c, const char *id, const char *user_id);
/* Links (add) or unlinks the key and the channels. 0 or -1. */
int db_pubkey_channels(struct ctx *c, const char *id, const char *const *ids, int n, int add);
/* The first of ids_json with no channel row, into *missing (arena): 1, 0 when all exist, -1. */
int db_channels_missing(struct ctx *c, const char *ids_json, const char **missing);

#endif
