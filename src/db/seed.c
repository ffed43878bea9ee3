/* seed.c: `medusa-fcgi seed FILE`, Medusa v1's `medusa seed` (packages/medusa/src/commands/seed.ts)
 * over sql/0001_init.sql, plus extension keys. Never keeps a partial load: one savepoint, rolled
 * back on the first error, which names the JSON path. Never splices a value into SQL. */

/*
 * The seed format (sql/SEED-FORMAT.md is the long form). The file is one JSON object; every key is
 * optional (Medusa's seed.ts needs users, regions, shipping_options, products). JSON null counts as
 * absent; an unknown key anywhere is an error.
 *
 * Keys `medusa seed` reads, with the fields each entry may have:
 *   store                 name, currencies[] (replaces the list), default_currency_code,
 *                         swap_link_template, payment_link_template, invite_link_template, metadata
 *   users[]               email*, password (argon2id), first_name, last_name, role, api_token,
 *                         metadata, id
 *   regions[]             id, name*, currency_code* (a store currency), tax_rate* (number),
 * tax_code, payment_providers[], fulfillment_providers[], countries[] (iso_2), includes_tax,
 * automatic_taxes, gift_cards_taxable, tax_provider_id, metadata shipping_options[]    id, name*,
 * region_id*, provider_id*, price_type* (flat_rate | calculated), amount (flat_rate: required),
 * data, is_return, admin_only, includes_tax, requirements[{type: min_subtotal | max_subtotal,
 * amount}], metadata, is_giftcard (gift card profile), profile_id (ignored) categories[] id, name*,
 * handle (default: kebab-case name), description (default ""), is_internal, metadata,
 * category_children[] (same fields); is_active is always true and rank the position among siblings,
 * as seed.ts makes them; rank and parent_category_id in the file are ignored product_collections[]
 * id, title*, handle (default: kebab-case title), metadata products[]            id, title*,
 * subtitle, description, handle (default: kebab-case title), is_giftcard, discountable, status
 * (default published), thumbnail (default: first image), images[] (urls), options[{title*, values,
 * metadata}], variants[], categories[{id}], collection_id, type {value} | {id}, type_id,
 * tags[{value} | {id}], sales_channels[], weight, length, height, width, hs_code, origin_country,
 * mid_code, material, external_id, metadata, profile_id (ignored); every product joins the default
 * channel products[].variants[] id, title*, sku, barcode, ean, upc, variant_rank,
 * inventory_quantity (default 0), allow_backorder, manage_inventory (default true), hs_code,
 *                         origin_country, mid_code, material, weight, length, height, width,
 *                         metadata, options[{value*}] (one per product option, by position),
 *                         prices[{currency_code | region_id, amount*, min_quantity, max_quantity,
 *                         price_list_id}]
 *   publishable_api_keys[] id, title*, sales_channels[] (extension; default: the default channel)
 *   rule_types[]          accepted and ignored (Medusa v2 only)
 *
 * Extension keys:
 *   collections[]         as product_collections
 *   product_types[]       id, value*, metadata (an existing live type with that value is reused)
 *   product_tags[]        id, value*, metadata (likewise)
 *   sales_channels[]      id, name*, description, is_disabled, metadata, products[]
 *   customer_groups[]     id, name*, metadata
 *   customers[]           id, email* (lower-cased), first_name, last_name, phone, password (sets
 *                         has_account), addresses[{company, first_name, last_name, address_1,
 *                         address_2, city, country_code, province, postal_code, phone, metadata}],
 *                         billing_address {same}, groups[], metadata
 *   price_lists[]         id, name*, description, type (sale | override, default sale), status
 *                         (active | draft, default draft), starts_at, ends_at, includes_tax,
 *                         customer_groups[], prices[{variant_id | sku | product_handle +
 *                         variant_title, currency_code | region_id, amount*, min_quantity,
 *                         max_quantity}]
 *   discounts[]           id, code* (upper-cased), is_dynamic, is_disabled, starts_at (default
 *                         now), ends_at, valid_duration, usage_limit, regions[], metadata,
 *                         rule* {type* (fixed | percentage | free_shipping), value*, allocation
 *                         (total | item), description, metadata, conditions[{type* (products |
 *                         product_types | product_collections | product_tags | customer_groups),
 *                         operator* (in | not_in), ids[], metadata}]}
 *   gift_cards[]          id, code*, value*, balance (default value), region_id*, is_disabled,
 *                         ends_at, tax_rate (default: the region's, if its gift cards are taxable),
 *                         metadata
 *   tax_rates[]           id, region_id*, name*, rate, code, products[], product_types[],
 *                         shipping_options[], metadata
 *   return_reasons[]      id, value*, label*, description, parent_return_reason_id, metadata
 * (* required)
 *
 * Links (region_id, collection_id, the lists above): a string, or {"id": string} in lists. It
 * names an entry of that kind by its "id" in this file; failing that, an existing row by its real
 * id; failing that, an existing live row by natural key: region, sales channel, customer group and
 * price list by name, product, collection and category by handle, type, tag and return reason by
 * value, variant by sku, customer by email, discount and gift card by code, shipping option by
 * name. So a file can extend an already seeded database. File ids are never stored: every row
 * gets a fresh prefix_ULID.
 */
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
#include "db/seed.h"
#include "db/seed_internal.h"

static const char *const count_names[N_COUNT] = {
    "users",
    "regions",
    "shipping_options",
    "categories",
    "collections",
    "products",
    "variants",
    "prices",
    "images",
    "publishable_api_keys",
    "sales_channels",
    "product_types",
    "product_tags",
    "customer_groups",
    "customers",
    "price_lists",
    "discounts",
    "gift_cards",
    "tax_rates",
    "return_reasons",
};

/* ---- the whole file ------------------------------------------------------------------------- */

static int seed_all(struct seed *s, json_object *root)
{
    static const char *const user_keys[] = {"id",         "email",     "password",
                                            "first_name", "last_name", "role",
                                            "api_token",  "metadata",  NULL};
    static const char *const region_keys[] = {"id",
                                              "name",
                                              "currency_code",
                                              "tax_rate",
                                              "tax_code",
                                              "payment_providers",
                                              "fulfillment_providers",
                                              "countries",
                                              "includes_tax",
                                              "automatic_taxes",
                                              "gift_cards_taxable",
                                              "tax_provider_id",
                                              "metadata",
                                              NULL};
    static const char *const so_keys[] = {
        "id",           "name",        "region_id",  "provider_id", "price_type",
        "amount",       "data",        "is_return",  "admin_only",  "requirements",
        "includes_tax", "is_giftcard", "profile_id", "metadata",    NULL};
    static const char *const collection_keys[] = {"id", "title", "handle", "metadata", NULL};
    static const char *const value_keys[] = {"id", "value", "metadata", NULL};
    static const char *const sc_keys[] = {"id",       "name",     "description", "is_disabled",
                                          "products", "metadata", NULL};
    static const char *const group_keys[] = {"id", "name", "metadata", NULL};
    static const char *const customer_keys[] = {
        "id",        "email",           "first_name", "last_name", "phone", "password",
        "addresses", "billing_address", "groups",     "metadata",  NULL};
    static const char *const pl_keys[] = {
        "id",      "name",         "description",     "type",   "status", "starts_at",
        "ends_at", "includes_tax", "customer_groups", "prices", NULL};
    static const char *const pk_keys[] = {"id", "title", "sales_channels", NULL};
    static const char *const tax_keys[] = {
        "id",       "region_id", "rate",          "code",
        "name",     "products",  "product_types", "shipping_options",
        "metadata", NULL};
    static const char *const rr_keys[] = {
        "id", "value", "label", "description", "parent_return_reason_id", "metadata", NULL};
    static const char *const discount_keys[] = {
        "id",        "code",    "is_dynamic",     "is_disabled",
        "starts_at", "ends_at", "valid_duration", "usage_limit",
        "regions",   "rule",    "metadata",       NULL};
    static const char *const gc_keys[] = {"id",        "code",        "value",   "balance",
                                          "region_id", "is_disabled", "ends_at", "tax_rate",
                                          "metadata",  NULL};
    enum kind k_type = K_TYPE, k_tag = K_TAG;
    struct category_ctx root_cat = {NULL, "", 0};
    json_object *ignored;

    if (seed_ensure_defaults(s) < 0 || seed_store(s, root) < 0 ||
        seed_each(s, root, "users", user_keys, seed_user, NULL) < 0 ||
        seed_each(s, root, "regions", region_keys, seed_region, NULL) < 0 ||
        seed_each(s, root, "shipping_options", so_keys, seed_shipping_option, NULL) < 0 ||
        seed_each(s, root, "categories", seed_category_keys, seed_category, &root_cat) < 0 ||
        seed_each(s, root, "product_collections", collection_keys, seed_collection, NULL) < 0 ||
        seed_each(s, root, "collections", collection_keys, seed_collection, NULL) < 0 ||
        seed_each(s, root, "product_types", value_keys, seed_type_or_tag, &k_type) < 0 ||
        seed_each(s, root, "product_tags", value_keys, seed_type_or_tag, &k_tag) < 0)
        return -1;
    if (seed_idvec_init(s, &s->sales_channels, root, "sales_channels") < 0 ||
        seed_idvec_init(s, &s->price_lists, root, "price_lists") < 0 ||
        seed_each(s, root, "sales_channels", sc_keys, seed_sales_channel, NULL) < 0 ||
        seed_each(s, root, "customer_groups", group_keys, seed_customer_group, NULL) < 0 ||
        seed_each(s, root, "customers", customer_keys, seed_customer, NULL) < 0 ||
        seed_each(s, root, "price_lists", pl_keys, seed_price_list, NULL) < 0 ||
        seed_each(s, root, "products", seed_product_keys, seed_product, NULL) < 0 ||
        seed_each(s, root, "sales_channels", sc_keys, seed_sales_channel_products, NULL) < 0 ||
        seed_each(s, root, "price_lists", pl_keys, seed_price_list_prices, NULL) < 0 ||
        seed_each(s, root, "publishable_api_keys", pk_keys, seed_pubkey, NULL) < 0 ||
        seed_each(s, root, "tax_rates", tax_keys, seed_tax_rate, NULL) < 0 ||
        seed_each(s, root, "return_reasons", rr_keys, seed_return_reason, NULL) < 0 ||
        seed_each(s, root, "discounts", discount_keys, seed_discount, NULL) < 0 ||
        seed_each(s, root, "gift_cards", gc_keys, seed_gift_card, NULL) < 0)
        return -1;
    /* rule_types only matter with Medusa's v2 flag; accepted so v1.x seed files load */
    return seed_field(s, root, "rule_types", W_ARR, 0, &ignored);
}

/* Reads and parses the file; JSON errors name the byte offset. NULL with err written. */
static json_object *parse_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, end;
    json_tokener *tok;
    json_object *root;
    enum json_tokener_error jerr;
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t n;
        if (len == cap) {
            char *nb = realloc(buf, cap ? cap * 2 : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                snprintf(err, errlen, "out of memory reading %s", path);
                return NULL;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    if (!(tok = json_tokener_new())) {
        free(buf);
        snprintf(err, errlen, "out of memory parsing %s", path);
        return NULL;
    }
    root = json_tokener_parse_ex(tok, buf, (int)len);
    jerr = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    if (!root && jerr == json_tokener_continue)
        snprintf(err, errlen, "invalid JSON: unexpected end of input at byte %zu", len);
    else if (!root)
        snprintf(err, errlen, "invalid JSON: %s at byte %zu", json_tokener_error_desc(jerr), end);
    else {
        while (end < len &&
               (buf[end] == ' ' || buf[end] == '\n' || buf[end] == '\r' || buf[end] == '\t'))
            end++;
        if (end < len) {
            snprintf(err, errlen, "invalid JSON: unexpected data after the value at byte %zu", end);
            json_object_put(root);
            root = NULL;
        }
    }
    json_tokener_free(tok);
    free(buf);
    return root;
}

static void print_progress(const struct seed *s, FILE *progress)
{
    const char *sep = "";
    if (!progress)
        return;
    fputs("seed: ", progress);
    for (int i = 0; i < N_COUNT; i++) {
        if (i >= N_ALWAYS && !s->counts[i])
            continue;
        fprintf(progress, "%s%s %d", sep, count_names[i], s->counts[i]);
        sep = ", ";
    }
    fputc('\n', progress);
}

int seed_load(struct db *db, const char *path, FILE *progress, char *err, size_t errlen)
{
    static const char *const top_keys[] = {"store",
                                           "users",
                                           "regions",
                                           "shipping_options",
                                           "products",
                                           "categories",
                                           "product_collections",
                                           "publishable_api_keys",
                                           "rule_types",
                                           "collections",
                                           "product_types",
                                           "product_tags",
                                           "sales_channels",
                                           "customer_groups",
                                           "customers",
                                           "price_lists",
                                           "discounts",
                                           "gift_cards",
                                           "tax_rates",
                                           "return_reasons",
                                           NULL};
    struct seed *s;
    json_object *root;
    int rc = -1;

    if (errlen)
        err[0] = '\0';
    if (sodium_init() < 0) {
        snprintf(err, errlen, "cannot initialise libsodium");
        return -1;
    }
    if (!(root = parse_file(path, err, errlen)))
        return -1;
    if (!(s = calloc(1, sizeof(*s)))) {
        json_object_put(root);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->db = db;
    s->err = err;
    s->errlen = errlen;
    s->path[0] = '$';
    s->plen = 1;
    if (!json_object_is_type(root, json_type_object)) {
        seed_fail(s, "expected an object");
    } else if (seed_check_keys(s, root, top_keys) == 0) {
        /* One transaction (or a savepoint inside the caller's): all of the file or nothing. */
        int outer = drv_in_tx(db);
        if (drv_exec(db, outer ? "SAVEPOINT seed" : drv_begin_write_sql()) < 0) {
            snprintf(err, errlen, "cannot start a transaction: %s", drv_errmsg(db));
        } else {
            rc = seed_all(s, root);
            /* finalize first: a pending statement must not outlive its transaction */
            for (int i = 0; i < s->ncache; i++)
                drv_finalize(s->cache[i].st);
            s->ncache = 0;
            if (rc == 0 && drv_exec(db, outer ? "RELEASE seed" : "COMMIT") < 0) {
                snprintf(err, errlen, "cannot commit: %s", drv_errmsg(db));
                rc = -1;
            }
            if (rc < 0)
                drv_exec(db, outer ? "ROLLBACK TO seed; RELEASE seed" : "ROLLBACK");
        }
    }
    if (rc == 0)
        print_progress(s, progress);
    for (int i = 0; i < s->ncache; i++)
        drv_finalize(s->cache[i].st);
    for (size_t i = 0; i < s->nlinks; i++)
        free(s->links[i].file_id);
    free(s->links);
    free(s->sales_channels.v);
    free(s->price_lists.v);
    free(s);
    json_object_put(root);
    return rc;
}
