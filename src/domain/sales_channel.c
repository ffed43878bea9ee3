/* sales_channel.c: sales channels and publishable API keys (sales_channel.h), with Medusa's
 * messages. */
#include "domain/sales_channel.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "db/event.h"
#include "db/product_admin.h"
#include "db/sales_channel.h"

static const char *ids_json(struct ctx *c, const char *const *ids, int n)
{
    struct json_object *a = json_own(&c->arena, json_object_new_array());
    size_t len;
    for (int i = 0; i < n; i++)
        json_object_array_add(a, json_object_new_string(ids[i]));
    return arena_strdup(&c->arena, json_text(a, &len));
}

static int channel_found(struct ctx *c, const char *id)
{
    int rc = db_row_exists(c, "sales_channel", id);
    if (rc < 0)
        return -1;
    return rc ? 0 : err_set(c, ERR_NOT_FOUND, "Sales channel with id: %s was not found", id);
}

int sales_channel_create(struct ctx *c, const char *name, const char *description, int is_disabled,
                         const char **id)
{
    if (!(*id = db_sales_channel_insert(c, name, description, is_disabled)))
        return -1;
    return db_event_id(c, "sales_channel.created", *id);
}

int sales_channel_update(struct ctx *c, const char *id, struct json_object *body)
{
    size_t len;
    if (channel_found(c, id) < 0 || db_sales_channel_update(c, id, json_text(body, &len)) < 0)
        return -1;
    return db_event_id(c, "sales_channel.updated", id);
}

int sales_channel_delete(struct ctx *c, const char *id)
{
    const char *def;
    int rc = db_row_exists(c, "sales_channel", id);
    if (rc <= 0)
        return rc;
    def = db_store_default_channel(c);
    if (def && !strcmp(def, id))
        return err_set(c, ERR_NOT_ALLOWED, "You cannot delete the default sales channel");
    if (db_sales_channel_delete(c, id) < 0)
        return -1;
    return db_event_id(c, "sales_channel.deleted", id);
}

int sales_channel_add_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    const char *missing;
    int rc, err;
    if (!n)
        return channel_found(c, id);
    if ((missing = db_products_missing(c, ids_json(c, ids, n), &err)))
        return err_set(c, ERR_MULTI, "Products %s do not exist", missing);
    if (err)
        return -1;
    /* The link's foreign key, in Medusa's words; a deleted channel is not found after. */
    if ((rc = db_sales_channel_row(c, id)) <= 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND,
                                "Sales_channel with sales_channel_id %s does not exist.", id);
    if (channel_found(c, id) < 0)
        return -1;
    return db_sales_channel_products(c, id, ids, n, 1);
}

int sales_channel_remove_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    if (db_sales_channel_products(c, id, ids, n, 0) < 0)
        return -1;
    return channel_found(c, id);
}

static int key_found(struct ctx *c, const char *id, int *revoked)
{
    int rc = db_pubkey_state(c, id, revoked);
    if (rc < 0)
        return -1;
    return rc ? 0 : err_set(c, ERR_NOT_FOUND, "Publishable key with id: %s was not found", id);
}

int pubkey_create(struct ctx *c, const char *title, const char *user_id, const char **id)
{
    if (!(*id = db_pubkey_insert(c, title, user_id)))
        return -1;
    return db_event_id(c, "publishable_api_key.created", *id);
}

int pubkey_update(struct ctx *c, const char *id, const char *title)
{
    int revoked;
    return key_found(c, id, &revoked) < 0 ? -1 : db_pubkey_update(c, id, title);
}

int pubkey_delete(struct ctx *c, const char *id)
{
    int revoked;
    return key_found(c, id, &revoked) < 0 ? -1 : db_pubkey_delete(c, id);
}

int pubkey_revoke(struct ctx *c, const char *id, const char *user_id)
{
    int revoked;
    if (key_found(c, id, &revoked) < 0)
        return -1;
    if (revoked)
        return err_set(c, ERR_NOT_ALLOWED, "PublishableApiKey has already been revoked.");
    if (db_pubkey_revoke(c, id, user_id) < 0)
        return -1;
    return db_event_id(c, "publishable_api_key.revoked", id);
}

int pubkey_add_channels(struct ctx *c, const char *id, const char *const *ids, int n)
{
    const char *missing;
    int revoked, rc;
    if (!n)
        return key_found(c, id, &revoked);
    if ((rc = db_pubkey_state(c, id, &revoked)) <= 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND,
                             "Publishable_api_key with publishable_key_id %s does not exist.", id);
    if ((rc = db_channels_missing(c, ids_json(c, ids, n), &missing)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND,
                                "Sales_channel with sales_channel_id %s does not exist.", missing);
    return db_pubkey_channels(c, id, ids, n, 1);
}

int pubkey_remove_channels(struct ctx *c, const char *id, const char *const *ids, int n)
{
    int revoked;
    if (db_pubkey_channels(c, id, ids, n, 0) < 0)
        return -1;
    return key_found(c, id, &revoked);
}
