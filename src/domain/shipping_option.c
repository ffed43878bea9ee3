/* shipping_option.c: shipping options and profiles (shipping_option.h), with Medusa's messages.
 * Writes run in the caller's transaction. */
#include "domain/shipping_option.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "domain/metadata.h"
#include "domain/tax.h"

int shipping_option_check_price(struct ctx *c, const char *price_type, int *has_amount,
                                int64_t *amount, int can_calculate)
{
    if (!price_type || (strcmp(price_type, "flat_rate") && strcmp(price_type, "calculated")))
        return err_set(c, ERR_INVALID_DATA, "The price must be of type flat_rate or calculated");
    if (!strcmp(price_type, "calculated")) {
        if (!can_calculate)
            return err_set(c, ERR_INVALID_DATA,
                           "The fulfillment provider cannot calculate prices for this option");
        *has_amount = 0;
        *amount = 0;
        return 0;
    }
    if (!*has_amount || *amount < 0)
        return err_set(c, ERR_INVALID_DATA,
                       "Shipping options of type `flat_rate` must have an `amount`");
    return 0;
}

int shipping_option_check_requirements(struct ctx *c, const struct so_requirement *r, int n)
{
    for (int i = 0; i < n; i++) {
        if (!r[i].type || !*r[i].type)
            return err_set(c, ERR_INVALID_DATA, "A Shipping Requirement must have a type field");
        if (strcmp(r[i].type, "min_subtotal") && strcmp(r[i].type, "max_subtotal"))
            return err_set(c, ERR_INVALID_DATA,
                           "Requirement type must be one of min_subtotal, max_subtotal");
        for (int j = 0; j < i; j++)
            if (!strcmp(r[j].type, r[i].type))
                return err_set(c, ERR_INVALID_DATA, "Only one requirement of each type is allowed");
        /* Medusa compares the new requirement with each earlier one of the other type. */
        for (int j = 0; j < i; j++)
            if ((!strcmp(r[j].type, "max_subtotal") && r[i].amount > r[j].amount) ||
                (!strcmp(r[j].type, "min_subtotal") && r[i].amount < r[j].amount))
                return err_set(c, ERR_INVALID_DATA,
                               "Max. subtotal must be greater than Min. subtotal");
    }
    return 0;
}

const char *shipping_provider_options(const char *provider_id)
{
    /* medusa-fulfillment-manual's getFulfillmentOptions(). */
    if (provider_id && !strcmp(provider_id, "manual"))
        return "[{\"id\":\"manual-fulfillment\"},{\"id\":\"manual-fulfillment-return\","
               "\"is_return\":true}]";
    return NULL;
}

/* The requirements of an update, in Medusa's order: each one's type and id, then the one-per-type
 * and min-below-max checks against the earlier ones; saved as they pass, the others dropped. */
static int update_requirements(struct ctx *c, const char *id, const struct so_update *u)
{
    struct so_requirement *plain =
        arena_alloc(&c->arena, sizeof(*plain) * (size_t)(u->nreqs ? u->nreqs : 1));
    struct json_object *keep = json_own(&c->arena, json_object_new_array());
    size_t len;
    for (int i = 0; i < u->nreqs; i++) {
        const struct so_requirement_update *q = &u->reqs[i];
        const char *saved;
        int rc;
        plain[i] = q->r;
        if (q->id && (rc = db_requirement_of(c, id, q->id)) <= 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_INVALID_DATA,
                                    "Shipping option requirement with id %s does not exist", q->id);
        if (shipping_option_check_requirements(c, plain, i + 1) < 0 ||
            !(saved = db_requirement_save(c, id, q->id, &q->r)))
            return -1;
        json_object_array_add(keep, json_object_new_string(saved));
    }
    return db_requirements_keep(c, id, json_text(keep, &len));
}

int shipping_option_update(struct ctx *c, const char *id, const struct so_update *u)
{
    struct so_row row;
    int rc = db_shipping_option_load(c, id, &row);
    if (rc <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", id);
    if (u->metadata)
        row.metadata = metadata_merge(c, row.metadata, u->metadata);
    else
        row.metadata = NULL;
    if (update_requirements(c, id, u) < 0)
        return -1;
    /* validateAndMutatePrice: a given amount (null too) replaces the old one; a given price type
     * is checked (the manual provider calculates nothing); a flat rate needs an amount. */
    if (u->has_amount) {
        row.has_amount = !u->amount_null;
        row.amount = u->amount;
    }
    if (u->price_type)
        row.price_type = u->price_type;
    if ((u->price_type || !strcmp(row.price_type, "flat_rate")) &&
        shipping_option_check_price(c, row.price_type, &row.has_amount, &row.amount, 0) < 0)
        return -1;
    return db_shipping_option_update(c, id, u->name, &row, u->admin_only);
}

int shipping_option_delete(struct ctx *c, const char *id)
{
    return db_shipping_option_delete(c, id);
}

int shipping_profile_create(struct ctx *c, const char *name, const char *type,
                            struct json_object *metadata, const char **id)
{
    /* setMetadata over no metadata: "" values are dropped. */
    const char *meta = metadata ? metadata_merge(c, NULL, metadata) : NULL;
    return (*id = db_shipping_profile_insert(c, name, type, meta)) ? 0 : -1;
}

int shipping_profile_update(struct ctx *c, const char *id, struct json_object *body)
{
    struct json_object *v;
    const char *old = NULL, *meta = NULL;
    size_t len;
    int rc = db_shipping_profile_metadata(c, id, &old);
    if (rc <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Profile with id: %s was not found", id);
    if ((v = json_get(body, "products")) &&
        db_shipping_profile_take_products(c, id, json_text(v, &len)) < 0)
        return -1;
    if ((v = json_get(body, "shipping_options")) &&
        db_shipping_profile_take_options(c, id, json_text(v, &len)) < 0)
        return -1;
    if ((v = json_get(body, "metadata")) && json_object_is_type(v, json_type_object))
        meta = metadata_merge(c, old, v);
    return db_shipping_profile_update(c, id, json_get_str_opt(body, "name"),
                                      json_get_str_opt(body, "type"), meta);
}

int shipping_profile_delete(struct ctx *c, const char *id)
{
    return db_shipping_profile_delete(c, id);
}
