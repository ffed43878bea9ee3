/* seed_settings.c: publishable API keys with their channels, tax rates with their targets, return
 * reasons. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>
#include "db/driver.h"

#include "core/slug.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/seed_internal.h"

/* ---- publishable keys, tax rates, return reasons ------------------------------------------ */

static int pubkey_channel(struct seed *s, const char *channel_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO publishable_api_key_sales_channel (id,"
                              " publishable_key_id, sales_channel_id) VALUES (?1, ?2, ?3)";
    char id[ID_MAX];
    return seed_run(s, ins, "sss", seed_new_id(id, "pksc"), (const char *)arg, channel_id);
}

int seed_pubkey(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO publishable_api_key (id, title, created_by, created_at,"
                              " updated_at) VALUES (?1, ?2, '', ?3, ?3)";
    json_object *channels;
    const char *fid, *title;
    char id[ID_MAX];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "title", 1, &title) < 0 ||
        seed_field(s, e, "sales_channels", W_ARR, 0, &channels) < 0)
        return -1;
    if (seed_run(s, ins, "sss", seed_new_id(id, "pk"), title, seed_stamp(s)) < 0)
        return -1;
    /* seed.ts attaches every key to the default channel; the extension may name others instead */
    if (channels) {
        if (seed_each_link(s, e, "sales_channels", K_SALES_CHANNEL, pubkey_channel, id) < 0)
            return -1;
    } else if (pubkey_channel(s, s->default_sc, id) < 0) {
        return -1;
    }
    s->counts[N_PUBLISHABLE_API_KEYS]++;
    return seed_link_add(s, K_PUBKEY, fid, id);
}

static int tax_rate_product(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_tax_rate (product_id, rate_id,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return seed_run(s, ins, "sss", id, (const char *)arg, seed_stamp(s));
}

static int tax_rate_type(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_type_tax_rate (product_type_id,"
                              " rate_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return seed_run(s, ins, "sss", id, (const char *)arg, seed_stamp(s));
}

static int tax_rate_shipping(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO shipping_tax_rate (shipping_option_id,"
                              " rate_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return seed_run(s, ins, "sss", id, (const char *)arg, seed_stamp(s));
}

int seed_tax_rate(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO tax_rate (id, rate, code, name, region_id, metadata,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
    const char *fid, *code, *name, *meta;
    char id[ID_MAX], region[ID_MAX];
    double rate;
    int has_rate;
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_str(s, e, "code", 0, &code) < 0 ||
        seed_get_num(s, e, "rate", 0, &has_rate, &rate) < 0 ||
        seed_link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (seed_run(s, ins, "sdsssss", seed_new_id(id, "txr"), has_rate, rate, code, name, region,
                 meta, seed_stamp(s)) < 0)
        return -1;
    if (seed_each_link(s, e, "products", K_PRODUCT, tax_rate_product, id) < 0 ||
        seed_each_link(s, e, "product_types", K_TYPE, tax_rate_type, id) < 0 ||
        seed_each_link(s, e, "shipping_options", K_SHIPPING_OPTION, tax_rate_shipping, id) < 0)
        return -1;
    s->counts[N_TAX_RATES]++;
    return seed_link_add(s, K_TAX_RATE, fid, id);
}

int seed_return_reason(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_parent[] = "SELECT coalesce(parent_return_reason_id, '') FROM return_reason"
                                   " WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO return_reason (id, value, label, description, parent_return_reason_id,"
        " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
    const char *fid, *value, *label, *desc, *meta;
    char id[ID_MAX], parent[ID_MAX], grand[ID_MAX];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "value", 1, &value) < 0 ||
        seed_get_str(s, e, "label", 1, &label) < 0 ||
        seed_get_str(s, e, "description", 0, &desc) < 0 ||
        seed_link_key(s, e, "parent_return_reason_id", K_RETURN_REASON, 0, parent) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (parent[0]) {
        if (seed_one_text(s, grand, sizeof(grand), q_parent, "s", parent) < 0)
            return -1;
        if (grand[0])
            return seed_fail_key(s, "parent_return_reason_id",
                                 "Doubly nested return reasons is not supported");
    }
    if (seed_run(s, ins, "sssssss", seed_new_id(id, "rr"), value, label, desc,
                 parent[0] ? parent : NULL, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_RETURN_REASONS]++;
    return seed_link_add(s, K_RETURN_REASON, fid, id);
}
