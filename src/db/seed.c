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
#include <sqlite3.h>

#include "core/slug.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/seed.h"

#define SEED_PATH_MAX  512
#define SEED_CACHE_MAX 128
#define SEED_MAX_OPTS  32
#define SEED_MAX_DEPTH 24
#define ID_MAX         ULID_ID_MAX

/* The kinds of entry a link can name. */
enum kind {
    K_REGION,
    K_SHIPPING_OPTION,
    K_CATEGORY,
    K_COLLECTION,
    K_PRODUCT,
    K_VARIANT,
    K_TYPE,
    K_TAG,
    K_SALES_CHANNEL,
    K_CUSTOMER_GROUP,
    K_CUSTOMER,
    K_PRICE_LIST,
    K_DISCOUNT,
    K_GIFT_CARD,
    K_TAX_RATE,
    K_RETURN_REASON,
    K_USER,
    K_PUBKEY,
    K_COUNT
};

static const struct kind_info {
    const char *what;    /* for messages */
    const char *table;   /* a constant identifier, never input */
    const char *natural; /* column that also identifies a live row, or NULL */
    int soft;            /* has deleted_at */
} kinds[K_COUNT] = {
    [K_REGION] = {"region", "region", "name", 1},
    [K_SHIPPING_OPTION] = {"shipping option", "shipping_option", "name", 1},
    [K_CATEGORY] = {"category", "product_category", "handle", 0},
    [K_COLLECTION] = {"collection", "product_collection", "handle", 1},
    [K_PRODUCT] = {"product", "product", "handle", 1},
    [K_VARIANT] = {"variant", "product_variant", "sku", 1},
    [K_TYPE] = {"product type", "product_type", "value", 1},
    [K_TAG] = {"product tag", "product_tag", "value", 1},
    [K_SALES_CHANNEL] = {"sales channel", "sales_channel", "name", 1},
    [K_CUSTOMER_GROUP] = {"customer group", "customer_group", "name", 1},
    [K_CUSTOMER] = {"customer", "customer", "email", 1},
    [K_PRICE_LIST] = {"price list", "price_list", "name", 1},
    [K_DISCOUNT] = {"discount", "discount", "code", 1},
    [K_GIFT_CARD] = {"gift card", "gift_card", "code", 1},
    [K_TAX_RATE] = {"tax rate", "tax_rate", "code", 0},
    [K_RETURN_REASON] = {"return reason", "return_reason", "value", 1},
    [K_USER] = {"user", "\"user\"", "email", 1},
    [K_PUBKEY] = {"publishable api key", "publishable_api_key", "title", 0},
};

/* Progress counters, printed in this order; those after N_ALWAYS only when non-zero. */
enum count {
    N_USERS,
    N_REGIONS,
    N_SHIPPING_OPTIONS,
    N_CATEGORIES,
    N_COLLECTIONS,
    N_PRODUCTS,
    N_VARIANTS,
    N_PRICES,
    N_IMAGES,
    N_PUBLISHABLE_API_KEYS,
    N_ALWAYS,
    N_SALES_CHANNELS = N_ALWAYS,
    N_PRODUCT_TYPES,
    N_PRODUCT_TAGS,
    N_CUSTOMER_GROUPS,
    N_CUSTOMERS,
    N_PRICE_LISTS,
    N_DISCOUNTS,
    N_GIFT_CARDS,
    N_TAX_RATES,
    N_RETURN_REASONS,
    N_COUNT
};

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

struct link {
    enum kind kind;
    char *file_id;
    char id[ID_MAX];
};

/* Fresh ids of one top-level array, by position, for a second pass over it. */
struct idvec {
    char (*v)[ID_MAX];
    size_t n;
};

struct seed {
    sqlite3 *db;
    char *err;
    size_t errlen;
    int failed;
    char path[SEED_PATH_MAX];
    size_t plen;
    int64_t last_ms;
    char ts[TIMEFMT_LEN];
    struct link *links;
    size_t nlinks, caplinks;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[SEED_CACHE_MAX];
    int ncache;
    char store_id[ID_MAX], default_sc[ID_MAX], profile_default[ID_MAX], profile_gc[ID_MAX];
    struct idvec sales_channels, price_lists;
    int counts[N_COUNT];
};

/* The state a product's variants are checked against (seed.ts links option values by position). */
struct product_ctx {
    char id[ID_MAX];
    int nopt;
    char opt_ids[SEED_MAX_OPTS][ID_MAX];
    const char *opt_titles[SEED_MAX_OPTS];
    char **combos; /* each variant's option values joined by \x1f */
    const char **titles;
    size_t ncombos;
    int64_t rank;
};

struct category_ctx {
    const char *parent_id;
    const char *parent_mpath;
    int depth;
};

/* ---- errors and the JSON path --------------------------------------------------------------- */

__attribute__((format(printf, 2, 3))) static int fail(struct seed *s, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    if (s->failed)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(s->err, s->errlen, "%s: %s", s->path, msg);
    s->failed = 1;
    return -1;
}

static size_t path_key(struct seed *s, const char *key)
{
    size_t old = s->plen;
    int n = snprintf(s->path + old, sizeof(s->path) - old, ".%s", key);
    if (n > 0)
        s->plen = old + (size_t)n < sizeof(s->path) ? old + (size_t)n : sizeof(s->path) - 1;
    return old;
}

static size_t path_idx(struct seed *s, size_t i)
{
    size_t old = s->plen;
    int n = snprintf(s->path + old, sizeof(s->path) - old, "[%zu]", i);
    if (n > 0)
        s->plen = old + (size_t)n < sizeof(s->path) ? old + (size_t)n : sizeof(s->path) - 1;
    return old;
}

static void path_pop(struct seed *s, size_t old)
{
    s->plen = old;
    s->path[old] = '\0';
}

__attribute__((format(printf, 3, 4))) static int fail_key(struct seed *s, const char *key,
                                                          const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    path_key(s, key);
    return fail(s, "%s", msg);
}

static int db_failed(struct seed *s)
{
    return fail(s, "database error: %s", sqlite3_errmsg(s->db));
}

/* ---- statements ----------------------------------------------------------------------------- */

/* Prepared once per load, keyed by the address of the constant SQL text. */
static sqlite3_stmt *prep(struct seed *s, const char *sql)
{
    sqlite3_stmt *st;
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_failed(s);
        return NULL;
    }
    if (s->ncache < SEED_CACHE_MAX) {
        s->cache[s->ncache].sql = sql;
        s->cache[s->ncache++].st = st;
    }
    return st;
}

/* Binds by letters: s text (NULL binds NULL), i int64_t, b int, f double, n int has + int64_t,
 * d int has + double (the "has" forms bind NULL when has is 0). */
static void bind_va(sqlite3_stmt *st, const char *types, va_list ap)
{
    for (int i = 1; *types; types++, i++) {
        int has;
        int64_t v;
        double d;
        const char *t;
        switch (*types) {
        case 's':
            t = va_arg(ap, const char *);
            if (t)
                sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, i);
            break;
        case 'i':
            sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
            break;
        case 'b':
            sqlite3_bind_int(st, i, va_arg(ap, int) ? 1 : 0);
            break;
        case 'f':
            sqlite3_bind_double(st, i, va_arg(ap, double));
            break;
        case 'n':
            has = va_arg(ap, int);
            v = va_arg(ap, int64_t);
            if (has)
                sqlite3_bind_int64(st, i, v);
            else
                sqlite3_bind_null(st, i);
            break;
        case 'd':
            has = va_arg(ap, int);
            d = va_arg(ap, double);
            if (has)
                sqlite3_bind_double(st, i, d);
            else
                sqlite3_bind_null(st, i);
            break;
        default:
            break;
        }
    }
}

/* Runs a write to completion: 0 or -1 (error recorded). */
static int run(struct seed *s, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_failed(s);
    return 0;
}

/* Reads column 0 of the first row as text into out ("" for NULL): 1 found, 0 none, -1 error. */
static int one_text(struct seed *s, char *out, size_t outlen, const char *sql, const char *types,
                    ...)
{
    va_list ap;
    int rc;
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (out)
            snprintf(out, outlen, "%s", t ? (const char *)t : "");
        sqlite3_reset(st);
        return 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_failed(s);
    return 0;
}

/* A new id and a strictly increasing timestamp, so rows sort by created_at in file order. */
static const char *stamp(struct seed *s)
{
    int64_t ms = timefmt_now_ms();
    if (ms <= s->last_ms)
        ms = s->last_ms + 1;
    s->last_ms = ms;
    return timefmt_iso(s->ts, sizeof(s->ts), ms);
}

static char *new_id(char out[ID_MAX], const char *prefix)
{
    return ulid_make(out, ID_MAX, prefix);
}

/* ---- JSON fields ---------------------------------------------------------------------------- */

enum want { W_STR, W_INT, W_NUM, W_BOOL, W_OBJ, W_ARR };

static const char *const want_names[] = {"a string",  "an integer", "a number",
                                         "a boolean", "an object",  "an array"};

static int type_ok(json_object *v, enum want w)
{
    switch (w) {
    case W_STR:
        return json_object_is_type(v, json_type_string);
    case W_INT:
        return json_object_is_type(v, json_type_int);
    case W_NUM:
        return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
    case W_BOOL:
        return json_object_is_type(v, json_type_boolean);
    case W_OBJ:
        return json_object_is_type(v, json_type_object);
    case W_ARR:
        return json_object_is_type(v, json_type_array);
    }
    return 0;
}

/* *out = o[key] of the wanted type; NULL when absent or null (an error if required). */
static int field(struct seed *s, json_object *o, const char *key, enum want w, int required,
                 json_object **out)
{
    json_object *v = NULL;
    *out = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !v) {
        if (required)
            return fail_key(s, key, "required field is missing");
        return 0;
    }
    if (!type_ok(v, w))
        return fail_key(s, key, "expected %s", want_names[w]);
    *out = v;
    return 0;
}

static int get_str(struct seed *s, json_object *o, const char *key, int required, const char **out)
{
    json_object *v;
    *out = NULL;
    if (field(s, o, key, W_STR, required, &v) < 0)
        return -1;
    if (v)
        *out = json_object_get_string(v);
    if (required && !**out)
        return fail_key(s, key, "must not be empty");
    return 0;
}

static int get_int(struct seed *s, json_object *o, const char *key, int required, int *has,
                   int64_t *out)
{
    json_object *v;
    *has = 0;
    *out = 0;
    if (field(s, o, key, W_INT, required, &v) < 0)
        return -1;
    if (v) {
        *has = 1;
        *out = json_object_get_int64(v);
    }
    return 0;
}

static int get_num(struct seed *s, json_object *o, const char *key, int required, int *has,
                   double *out)
{
    json_object *v;
    *has = 0;
    *out = 0;
    if (field(s, o, key, W_NUM, required, &v) < 0)
        return -1;
    if (v) {
        *has = 1;
        *out = json_object_get_double(v);
    }
    return 0;
}

static int get_bool(struct seed *s, json_object *o, const char *key, int def, int *out)
{
    json_object *v;
    *out = def;
    if (field(s, o, key, W_BOOL, 0, &v) < 0)
        return -1;
    if (v)
        *out = json_object_get_boolean(v) ? 1 : 0;
    return 0;
}

/* Metadata: a JSON object stored as its text, or NULL. The text lives as long as o. */
static int get_meta(struct seed *s, json_object *o, const char *key, const char **out)
{
    json_object *v;
    *out = NULL;
    if (field(s, o, key, W_OBJ, 0, &v) < 0)
        return -1;
    if (v)
        *out = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    return 0;
}

/* One of values (a NULL-terminated list), or def when absent. */
static int get_enum(struct seed *s, json_object *o, const char *key, const char *const *values,
                    const char *def, const char **out)
{
    char list[160] = "";
    size_t n = 0;
    if (get_str(s, o, key, !def, out) < 0)
        return -1;
    if (!*out) {
        *out = def;
        return 0;
    }
    for (int i = 0; values[i]; i++) {
        if (!strcmp(values[i], *out))
            return 0;
        n += (size_t)snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0, "%s%s",
                              i ? ", " : "", values[i]);
        if (n >= sizeof(list))
            n = sizeof(list) - 1;
    }
    return fail_key(s, key, "expected one of %s", list);
}

/* A date as JavaScript's Date accepts it, normalised to ISO-8601 UTC with ms; "" when absent. */
static int get_date(struct seed *s, json_object *o, const char *key, char out[TIMEFMT_LEN])
{
    const char *t;
    int64_t ms;
    out[0] = '\0';
    if (get_str(s, o, key, 0, &t) < 0)
        return -1;
    if (!t)
        return 0;
    if (timefmt_parse(t, &ms) < 0)
        return fail_key(s, key, "expected a date, got '%s'", t);
    timefmt_iso(out, TIMEFMT_LEN, ms);
    return 0;
}

static const char *opt_date(const char d[TIMEFMT_LEN])
{
    return d[0] ? d : NULL;
}

static void lower_copy(char *out, size_t outlen, const char *in)
{
    size_t i;
    for (i = 0; in[i] && i + 1 < outlen; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] - 'A' + 'a') : in[i];
    out[i] = '\0';
}

static int in_list(const char *const *list, const char *key)
{
    for (; *list; list++)
        if (!strcmp(*list, key))
            return 1;
    return 0;
}

/* Typos must not vanish silently: every key of an entry must be one its kind allows. */
static int check_keys(struct seed *s, json_object *o, const char *const *allowed)
{
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        if (!in_list(allowed, key))
            return fail_key(s, key, "unknown key");
    }
    return 0;
}

typedef int (*entry_fn)(struct seed *s, json_object *e, size_t i, void *arg);

/* Calls fn on each object of the array o[key] (absent: none), with the path pointing at it. */
static int each(struct seed *s, json_object *o, const char *key, const char *const *allowed,
                entry_fn fn, void *arg)
{
    json_object *arr;
    size_t old, n;
    if (field(s, o, key, W_ARR, 0, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    old = path_key(s, key);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(arr, i);
        size_t at = path_idx(s, i);
        if (!e || !json_object_is_type(e, json_type_object))
            return fail(s, "expected an object");
        if (allowed && check_keys(s, e, allowed) < 0)
            return -1;
        if (fn(s, e, i, arg) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

/* ---- links ---------------------------------------------------------------------------------- */

static int link_add(struct seed *s, enum kind k, const char *file_id, const char *id)
{
    if (!file_id)
        return 0;
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].kind == k && !strcmp(s->links[i].file_id, file_id))
            return fail_key(s, "id", "duplicate %s id '%s'", kinds[k].what, file_id);
    if (s->nlinks == s->caplinks) {
        size_t cap = s->caplinks ? s->caplinks * 2 : 64;
        struct link *l = realloc(s->links, cap * sizeof(*l));
        if (!l)
            return fail(s, "out of memory");
        s->links = l;
        s->caplinks = cap;
    }
    s->links[s->nlinks].kind = k;
    s->links[s->nlinks].file_id = strdup(file_id);
    if (!s->links[s->nlinks].file_id)
        return fail(s, "out of memory");
    snprintf(s->links[s->nlinks].id, ID_MAX, "%s", id);
    s->nlinks++;
    return 0;
}

/* Looks a row up by id, then natural key (module comment), in the database. 1, 0 or -1. */
static int link_db(struct seed *s, enum kind k, const char *ref, char out[ID_MAX])
{
    const struct kind_info *ki = &kinds[k];
    const char *cols[2] = {"id", ki->natural};
    for (int c = 0; c < 2 && cols[c]; c++) {
        char sql[256];
        sqlite3_stmt *st;
        int rc;
        /* Only constant identifiers are formatted in; the value is bound. */
        snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE %s = ?1%s ORDER BY created_at LIMIT 1",
                 ki->table, cols[c], ki->soft ? " AND deleted_at IS NULL" : "");
        if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
            return db_failed(s);
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            snprintf(out, ID_MAX, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        if (rc == SQLITE_ROW)
            return 1;
        if (rc != SQLITE_DONE)
            return db_failed(s);
    }
    return 0;
}

/* Resolves a link at the current path; records "unknown <kind> '<ref>'" if nothing matches. */
static int link_find(struct seed *s, enum kind k, const char *ref, char out[ID_MAX])
{
    int rc;
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].kind == k && !strcmp(s->links[i].file_id, ref)) {
            snprintf(out, ID_MAX, "%s", s->links[i].id);
            return 0;
        }
    rc = link_db(s, k, ref, out);
    if (rc < 0)
        return -1;
    if (!rc)
        return fail(s, "unknown %s '%s' (no entry with this id in the file or the database)",
                    kinds[k].what, ref);
    return 0;
}

/* Resolves the optional link o[key]; out is "" when absent. */
static int link_key(struct seed *s, json_object *o, const char *key, enum kind k, int required,
                    char out[ID_MAX])
{
    const char *ref;
    size_t old;
    out[0] = '\0';
    if (get_str(s, o, key, required, &ref) < 0)
        return -1;
    if (!ref)
        return 0;
    old = path_key(s, key);
    if (link_find(s, k, ref, out) < 0)
        return -1;
    path_pop(s, old);
    return 0;
}

typedef int (*link_fn)(struct seed *s, const char *id, void *arg);

/* Resolves each element of the list o[key] (a string or {"id": string}) and calls fn. */
static int each_link(struct seed *s, json_object *o, const char *key, enum kind k, link_fn fn,
                     void *arg)
{
    json_object *arr;
    size_t old, n;
    if (field(s, o, key, W_ARR, 0, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    old = path_key(s, key);
    n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        static const char *const id_keys[] = {"id", NULL};
        json_object *e = json_object_array_get_idx(arr, i);
        const char *ref = NULL;
        char id[ID_MAX];
        size_t at = path_idx(s, i);
        if (e && json_object_is_type(e, json_type_object)) {
            if (check_keys(s, e, id_keys) < 0 || get_str(s, e, "id", 1, &ref) < 0)
                return -1;
            path_key(s, "id");
        } else if (e && json_object_is_type(e, json_type_string)) {
            ref = json_object_get_string(e);
        } else {
            return fail(s, "expected a string or an object with an id");
        }
        if (link_find(s, k, ref, id) < 0 || fn(s, id, arg) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

static int idvec_init(struct seed *s, struct idvec *v, json_object *root, const char *key)
{
    json_object *arr;
    if (field(s, root, key, W_ARR, 0, &arr) < 0)
        return -1;
    v->n = arr ? json_object_array_length(arr) : 0;
    v->v = v->n ? calloc(v->n, sizeof(*v->v)) : NULL;
    if (v->n && !v->v)
        return fail(s, "out of memory");
    return 0;
}

/* ---- helpers shared by several kinds -------------------------------------------------------- */

static int currency_exists(struct seed *s, const char *code)
{
    static const char q[] = "SELECT code FROM currency WHERE code = ?1";
    return one_text(s, NULL, 0, q, "s", code);
}

static int hash_password(struct seed *s, const char *pw, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return fail_key(s, "password", "cannot hash the password (out of memory)");
    return 0;
}

/* ---- defaults Medusa creates at start-up ---------------------------------------------------- */

static int ensure_profile(struct seed *s, const char *type, const char *name, char out[ID_MAX])
{
    static const char q[] = "SELECT id FROM shipping_profile WHERE type = ?1 AND deleted_at IS NULL"
                            " ORDER BY created_at LIMIT 1";
    static const char ins[] =
        "INSERT INTO shipping_profile (id, name, type, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?4)";
    int rc = one_text(s, out, ID_MAX, q, "s", type);
    if (rc)
        return rc < 0 ? -1 : 0;
    return run(s, ins, "ssss", new_id(out, "sp"), name, type, stamp(s));
}

static int ensure_defaults(struct seed *s)
{
    static const char q_store[] = "SELECT id, default_sales_channel_id FROM store"
                                  " ORDER BY created_at LIMIT 1";
    static const char ins_store[] =
        "INSERT INTO store (id, name, default_currency_code, created_at,"
        " updated_at) VALUES (?1, 'Medusa Store', 'usd', ?2, ?2)";
    static const char ins_cur[] = "INSERT OR IGNORE INTO store_currencies (store_id, currency_code)"
                                  " VALUES (?1, 'usd')";
    static const char ins_sc[] = "INSERT INTO sales_channel (id, name, description, is_disabled,"
                                 " created_at, updated_at) VALUES (?1, 'Default Sales Channel',"
                                 " 'Created by Medusa', 0, ?2, ?2)";
    static const char upd_store[] = "UPDATE store SET default_sales_channel_id = ?2 WHERE id = ?1";
    sqlite3_stmt *st = prep(s, q_store);
    int rc;
    if (!st)
        return -1;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *sc = sqlite3_column_text(st, 1);
        snprintf(s->store_id, ID_MAX, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(s->default_sc, ID_MAX, "%s", sc ? (const char *)sc : "");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_failed(s);
    if (rc == SQLITE_DONE) {
        if (run(s, ins_store, "ss", new_id(s->store_id, "store"), stamp(s)) < 0 ||
            run(s, ins_cur, "s", s->store_id) < 0)
            return -1;
    }
    if (!s->default_sc[0]) {
        if (run(s, ins_sc, "ss", new_id(s->default_sc, "sc"), stamp(s)) < 0 ||
            run(s, upd_store, "ss", s->store_id, s->default_sc) < 0)
            return -1;
    }
    if (ensure_profile(s, "default", "Default Shipping Profile", s->profile_default) < 0 ||
        ensure_profile(s, "gift_card", "Gift Card Profile", s->profile_gc) < 0)
        return -1;
    return 0;
}

/* ---- store and users ------------------------------------------------------------------------ */

static int seed_store(struct seed *s, json_object *root)
{
    static const char *const keys[] = {"name",
                                       "currencies",
                                       "default_currency_code",
                                       "swap_link_template",
                                       "payment_link_template",
                                       "invite_link_template",
                                       "metadata",
                                       NULL};
    static const char q_def[] = "SELECT default_currency_code FROM store WHERE id = ?1";
    static const char q_has[] = "SELECT 1 FROM store_currencies WHERE store_id = ?1"
                                " AND currency_code = ?2";
    static const char del_cur[] = "DELETE FROM store_currencies WHERE store_id = ?1";
    static const char ins_cur[] = "INSERT OR IGNORE INTO store_currencies (store_id, currency_code)"
                                  " VALUES (?1, ?2)";
    static const char upd[] = "UPDATE store SET name = coalesce(?2, name),"
                              " default_currency_code = coalesce(?3, default_currency_code),"
                              " swap_link_template = coalesce(?4, swap_link_template),"
                              " payment_link_template = coalesce(?5, payment_link_template),"
                              " invite_link_template = coalesce(?6, invite_link_template),"
                              " metadata = coalesce(?7, metadata), updated_at = ?8 WHERE id = ?1";
    json_object *st, *cur;
    const char *name, *defc, *swap, *pay, *inv, *meta;
    char def[16] = "", code[16];
    size_t old;
    int rc;

    if (field(s, root, "store", W_OBJ, 0, &st) < 0)
        return -1;
    if (!st)
        return 0;
    old = path_key(s, "store");
    if (check_keys(s, st, keys) < 0 || get_str(s, st, "name", 0, &name) < 0 ||
        get_str(s, st, "default_currency_code", 0, &defc) < 0 ||
        get_str(s, st, "swap_link_template", 0, &swap) < 0 ||
        get_str(s, st, "payment_link_template", 0, &pay) < 0 ||
        get_str(s, st, "invite_link_template", 0, &inv) < 0 ||
        get_meta(s, st, "metadata", &meta) < 0 || field(s, st, "currencies", W_ARR, 0, &cur) < 0)
        return -1;
    if (defc) {
        lower_copy(def, sizeof(def), defc);
        if ((rc = currency_exists(s, def)) <= 0)
            return rc < 0 ? -1
                          : fail_key(s, "default_currency_code",
                                     "Currency with code %s does"
                                     " not exist",
                                     defc);
    } else if (one_text(s, def, sizeof(def), q_def, "s", s->store_id) < 0) {
        return -1;
    }
    if (cur) {
        size_t n = json_object_array_length(cur), at = path_key(s, "currencies");
        int has_def = 0;
        if (run(s, del_cur, "s", s->store_id) < 0)
            return -1;
        for (size_t i = 0; i < n; i++) {
            json_object *c = json_object_array_get_idx(cur, i);
            size_t ai = path_idx(s, i);
            if (!c || !json_object_is_type(c, json_type_string))
                return fail(s, "expected a string");
            lower_copy(code, sizeof(code), json_object_get_string(c));
            if ((rc = currency_exists(s, code)) <= 0)
                return rc < 0 ? -1
                              : fail(s, "Currency with code %s does not exist",
                                     json_object_get_string(c));
            if (run(s, ins_cur, "ss", s->store_id, code) < 0)
                return -1;
            has_def |= !strcmp(code, def);
            path_pop(s, ai);
        }
        if (!has_def)
            return fail(s, "You are not allowed to remove default currency from store currencies"
                           " without replacing it as well");
        path_pop(s, at);
    } else if (defc) {
        if ((rc = one_text(s, NULL, 0, q_has, "ss", s->store_id, def)) <= 0)
            return rc < 0 ? -1
                          : fail_key(s, "default_currency_code",
                                     "Store does not have"
                                     " currency: %s",
                                     def);
    }
    if (run(s, upd, "ssssssss", s->store_id, name, defc ? def : NULL, swap, pay, inv, meta,
            stamp(s)) < 0)
        return -1;
    path_pop(s, old);
    return 0;
}

static int seed_user(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const roles[] = {"admin", "member", "developer", NULL};
    static const char ins[] =
        "INSERT INTO \"user\" (id, email, first_name, last_name, password_hash,"
        " api_token, role, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    const char *fid, *email, *first, *last, *pw, *token, *role, *meta;
    char id[ID_MAX], mail[320], hash[crypto_pwhash_STRBYTES];
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "email", 1, &email) < 0 ||
        get_str(s, e, "first_name", 0, &first) < 0 || get_str(s, e, "last_name", 0, &last) < 0 ||
        get_str(s, e, "password", 0, &pw) < 0 || get_str(s, e, "api_token", 0, &token) < 0 ||
        get_enum(s, e, "role", roles, "member", &role) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (pw && hash_password(s, pw, hash) < 0)
        return -1;
    lower_copy(mail, sizeof(mail), email);
    if (run(s, ins, "sssssssss", new_id(id, "usr"), mail, first, last, pw ? hash : NULL, token,
            role, meta, stamp(s)) < 0)
        return -1;
    s->counts[N_USERS]++;
    return link_add(s, K_USER, fid, id);
}

/* ---- regions and shipping options ----------------------------------------------------------- */

struct region_arg {
    const char *id;
};

static int region_payment(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT id FROM payment_provider WHERE id = ?1";
    static const char ins[] = "INSERT OR IGNORE INTO region_payment_providers (region_id,"
                              " provider_id) VALUES (?1, ?2)";
    json_object *arr;
    size_t n, old;
    if (field(s, e, "payment_providers", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = path_key(s, "payment_providers");
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(arr, i);
        size_t at = path_idx(s, i);
        int rc;
        if (!p || !json_object_is_type(p, json_type_string))
            return fail(s, "expected a string");
        if ((rc = one_text(s, NULL, 0, q, "s", json_object_get_string(p))) <= 0)
            return rc < 0 ? -1
                          : fail(s, "Payment provider not found: '%s'", json_object_get_string(p));
        if (run(s, ins, "ss", region_id, json_object_get_string(p)) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

static int region_fulfillment(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT id FROM fulfillment_provider WHERE id = ?1";
    static const char ins[] = "INSERT OR IGNORE INTO region_fulfillment_providers (region_id,"
                              " provider_id) VALUES (?1, ?2)";
    json_object *arr;
    size_t n, old;
    if (field(s, e, "fulfillment_providers", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = path_key(s, "fulfillment_providers");
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(arr, i);
        size_t at = path_idx(s, i);
        int rc;
        if (!p || !json_object_is_type(p, json_type_string))
            return fail(s, "expected a string");
        if ((rc = one_text(s, NULL, 0, q, "s", json_object_get_string(p))) <= 0)
            return rc < 0
                       ? -1
                       : fail(s, "Fulfillment provider not found: '%s'", json_object_get_string(p));
        if (run(s, ins, "ss", region_id, json_object_get_string(p)) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

static int region_countries(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT coalesce(region_id, ''), display_name FROM country"
                            " WHERE iso_2 = ?1";
    static const char upd[] = "UPDATE country SET region_id = ?2 WHERE iso_2 = ?1";
    json_object *arr;
    size_t n, old;
    if (field(s, e, "countries", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = path_key(s, "countries");
    for (size_t i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(arr, i);
        size_t at = path_idx(s, i);
        char iso[8], owner[ID_MAX + 128];
        sqlite3_stmt *st;
        int rc;
        if (!c || !json_object_is_type(c, json_type_string))
            return fail(s, "expected a string");
        lower_copy(iso, sizeof(iso), json_object_get_string(c));
        if (!(st = prep(s, q)))
            return -1;
        sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            snprintf(owner, sizeof(owner), "%s already exists in region %s",
                     (const char *)sqlite3_column_text(st, 1),
                     (const char *)sqlite3_column_text(st, 0));
        if (rc == SQLITE_ROW && !sqlite3_column_bytes(st, 0))
            owner[0] = '\0';
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            return fail(s, "Country with code %s not found", json_object_get_string(c));
        if (rc != SQLITE_ROW)
            return db_failed(s);
        if (owner[0])
            return fail(s, "%s", owner);
        if (run(s, upd, "ss", iso, region_id) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

static int seed_region(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_cur[] = "SELECT 1 FROM store_currencies WHERE store_id = ?1"
                                " AND currency_code = ?2";
    static const char q_tax[] = "SELECT id FROM tax_provider WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO region (id, name, currency_code, tax_rate, tax_code, gift_cards_taxable,"
        " automatic_taxes, tax_provider_id, includes_tax, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
    const char *fid, *name, *cur, *tax_code, *tax_prov, *meta;
    char id[ID_MAX], code[16];
    double rate;
    int has_rate, gct, auto_tax, incl, rc;
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_str(s, e, "currency_code", 1, &cur) < 0 ||
        get_num(s, e, "tax_rate", 1, &has_rate, &rate) < 0 ||
        get_str(s, e, "tax_code", 0, &tax_code) < 0 ||
        get_bool(s, e, "gift_cards_taxable", 1, &gct) < 0 ||
        get_bool(s, e, "automatic_taxes", 1, &auto_tax) < 0 ||
        get_bool(s, e, "includes_tax", 0, &incl) < 0 ||
        get_str(s, e, "tax_provider_id", 0, &tax_prov) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    lower_copy(code, sizeof(code), cur);
    if ((rc = one_text(s, NULL, 0, q_cur, "ss", s->store_id, code)) <= 0)
        return rc < 0 ? -1
                      : fail_key(s, "currency_code",
                                 "Invalid currency code: '%s' is not a store currency", cur);
    if (tax_prov && (rc = one_text(s, NULL, 0, q_tax, "s", tax_prov)) <= 0)
        return rc < 0 ? -1 : fail_key(s, "tax_provider_id", "Tax provider not found");
    if (run(s, ins, "sssfsbbsbss", new_id(id, "reg"), name, code, rate, tax_code, gct, auto_tax,
            tax_prov, incl, meta, stamp(s)) < 0)
        return -1;
    if (region_payment(s, e, id) < 0 || region_fulfillment(s, e, id) < 0 ||
        region_countries(s, e, id) < 0)
        return -1;
    s->counts[N_REGIONS]++;
    return link_add(s, K_REGION, fid, id);
}

static int so_requirement(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"min_subtotal", "max_subtotal", NULL};
    static const char ins[] = "INSERT INTO shipping_option_requirement (id, shipping_option_id,"
                              " type, amount) VALUES (?1, ?2, ?3, ?4)";
    const char *type;
    char id[ID_MAX];
    int64_t amount;
    int has;
    (void)i;
    if (get_enum(s, e, "type", types, NULL, &type) < 0 ||
        get_int(s, e, "amount", 1, &has, &amount) < 0)
        return -1;
    return run(s, ins, "sssi", new_id(id, "sor"), (const char *)arg, type, amount);
}

static int seed_shipping_option(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const req_keys[] = {"type", "amount", NULL};
    static const char *const price_types[] = {"flat_rate", "calculated", NULL};
    static const char q_prov[] = "SELECT 1 FROM region_fulfillment_providers WHERE region_id = ?1"
                                 " AND provider_id = ?2";
    static const char ins[] =
        "INSERT INTO shipping_option (id, name, region_id, profile_id, provider_id, price_type,"
        " amount, is_return, admin_only, data, includes_tax, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
    const char *fid, *name, *prov, *ptype, *meta, *data = "{}";
    json_object *d;
    char id[ID_MAX], region[ID_MAX];
    int64_t amount;
    int has_amount, is_return, admin_only, incl, gc, rc;
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        get_str(s, e, "provider_id", 1, &prov) < 0 ||
        get_enum(s, e, "price_type", price_types, NULL, &ptype) < 0 ||
        get_int(s, e, "amount", 0, &has_amount, &amount) < 0 ||
        get_bool(s, e, "is_return", 0, &is_return) < 0 ||
        get_bool(s, e, "admin_only", 0, &admin_only) < 0 ||
        get_bool(s, e, "includes_tax", 0, &incl) < 0 || get_bool(s, e, "is_giftcard", 0, &gc) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0 || field(s, e, "data", W_OBJ, 0, &d) < 0)
        return -1;
    if (d)
        data = json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN);
    if ((rc = one_text(s, NULL, 0, q_prov, "ss", region, prov)) <= 0)
        return rc < 0 ? -1
                      : fail_key(s, "provider_id",
                                 "The fulfillment provider %s is not available"
                                 " in the region",
                                 prov);
    if (!strcmp(ptype, "flat_rate") && (!has_amount || amount < 0))
        return fail_key(s, "amount", "Shipping options of type flat_rate must have an amount");
    if (!strcmp(ptype, "calculated"))
        has_amount = 0;
    if (run(s, ins, "ssssssnbbsbss", new_id(id, "so"), name, region,
            gc ? s->profile_gc : s->profile_default, prov, ptype, has_amount, amount, is_return,
            admin_only, data, incl, meta, stamp(s)) < 0)
        return -1;
    if (each(s, e, "requirements", req_keys, so_requirement, id) < 0)
        return -1;
    s->counts[N_SHIPPING_OPTIONS]++;
    return link_add(s, K_SHIPPING_OPTION, fid, id);
}

/* ---- categories, collections, types, tags, sales channels ----------------------------------- */

static const char *const category_keys[] = {
    "id",          "name", "handle",   "description",       "is_active",
    "is_internal", "rank", "metadata", "category_children", "parent_category_id",
    NULL};

static int seed_category(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_rank[] = "SELECT count(*) FROM product_category"
                                 " WHERE parent_category_id IS ?1";
    static const char ins[] =
        "INSERT INTO product_category (id, name, description, handle, mpath, is_active,"
        " is_internal, parent_category_id, rank, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?10)";
    const struct category_ctx *parent = arg;
    struct category_ctx child;
    const char *fid, *name, *handle, *desc, *meta;
    char id[ID_MAX], handle_buf[256], rank[24], mpath[SEED_MAX_DEPTH * (ID_MAX + 1) + 1];
    int active, internal;
    (void)i;
    if (parent->depth >= SEED_MAX_DEPTH)
        return fail(s, "categories are nested more than %d deep", SEED_MAX_DEPTH);
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_str(s, e, "handle", 0, &handle) < 0 || get_str(s, e, "description", 0, &desc) < 0 ||
        get_bool(s, e, "is_active", 1, &active) < 0 ||
        get_bool(s, e, "is_internal", 0, &internal) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!handle) {
        slug_kebab(handle_buf, sizeof(handle_buf), name);
        handle = handle_buf;
    }
    /* Medusa ranks a new category after its existing siblings, whatever the file says. */
    if (one_text(s, rank, sizeof(rank), q_rank, "s", parent->parent_id) < 0)
        return -1;
    new_id(id, "pcat");
    /* TypeORM's materialized path: the parent's path, then this id, each ending in '.' */
    snprintf(mpath, sizeof(mpath), "%s%s.", parent->parent_mpath, id);
    if (run(s, ins, "sssssbsiss", id, name, desc ? desc : "", handle, mpath, internal,
            parent->parent_id, (int64_t)strtoll(rank, NULL, 10), meta, stamp(s)) < 0)
        return -1;
    s->counts[N_CATEGORIES]++;
    if (link_add(s, K_CATEGORY, fid, id) < 0)
        return -1;
    child.parent_id = id;
    child.parent_mpath = mpath;
    child.depth = parent->depth + 1;
    return each(s, e, "category_children", category_keys, seed_category, &child);
}

static int seed_collection(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO product_collection (id, title, handle, metadata,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    const char *fid, *title, *handle, *meta;
    char id[ID_MAX], handle_buf[256];
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "title", 1, &title) < 0 ||
        get_str(s, e, "handle", 0, &handle) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!handle) {
        slug_kebab(handle_buf, sizeof(handle_buf), title);
        handle = handle_buf;
    }
    if (run(s, ins, "sssss", new_id(id, "pcol"), title, handle, meta, stamp(s)) < 0)
        return -1;
    s->counts[N_COLLECTIONS]++;
    return link_add(s, K_COLLECTION, fid, id);
}

/* Medusa's upsertType/upsertTags: a live row with the same value is reused. 0 or -1. */
static int upsert_value(struct seed *s, enum kind k, const char *value, const char *meta,
                        char out[ID_MAX])
{
    static const char q_type[] = "SELECT id FROM product_type WHERE value = ?1"
                                 " AND deleted_at IS NULL ORDER BY created_at LIMIT 1";
    static const char q_tag[] = "SELECT id FROM product_tag WHERE value = ?1"
                                " AND deleted_at IS NULL ORDER BY created_at LIMIT 1";
    static const char ins_type[] = "INSERT INTO product_type (id, value, metadata, created_at,"
                                   " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    static const char ins_tag[] = "INSERT INTO product_tag (id, value, metadata, created_at,"
                                  " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    int type = k == K_TYPE;
    int rc = one_text(s, out, ID_MAX, type ? q_type : q_tag, "s", value);
    if (rc)
        return rc < 0 ? -1 : 0;
    if (run(s, type ? ins_type : ins_tag, "ssss", new_id(out, type ? "ptyp" : "ptag"), value, meta,
            stamp(s)) < 0)
        return -1;
    s->counts[type ? N_PRODUCT_TYPES : N_PRODUCT_TAGS]++;
    return 0;
}

static int seed_type_or_tag(struct seed *s, json_object *e, size_t i, void *arg)
{
    enum kind k = *(const enum kind *)arg;
    const char *fid, *value, *meta;
    char id[ID_MAX];
    (void)i;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "value", 1, &value) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0 || upsert_value(s, k, value, meta, id) < 0)
        return -1;
    return link_add(s, k, fid, id);
}

static int seed_sales_channel(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] =
        "INSERT INTO sales_channel (id, name, description, is_disabled,"
        " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
    const char *fid, *name, *desc, *meta;
    int disabled;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_str(s, e, "description", 0, &desc) < 0 ||
        get_bool(s, e, "is_disabled", 0, &disabled) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (run(s, ins, "sssbss", new_id(s->sales_channels.v[i], "sc"), name, desc, disabled, meta,
            stamp(s)) < 0)
        return -1;
    s->counts[N_SALES_CHANNELS]++;
    return link_add(s, K_SALES_CHANNEL, fid, s->sales_channels.v[i]);
}

/* product_id, sales_channel_id */
static int add_product_channel(struct seed *s, const char *product, const char *channel)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO product_sales_channel (id, product_id,"
        " sales_channel_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    char id[ID_MAX];
    return run(s, ins, "ssss", new_id(id, "prodsc"), product, channel, stamp(s));
}

static int channel_product(struct seed *s, const char *product_id, void *arg)
{
    return add_product_channel(s, product_id, (const char *)arg);
}

static int seed_sales_channel_products(struct seed *s, json_object *e, size_t i, void *arg)
{
    (void)arg;
    return each_link(s, e, "products", K_PRODUCT, channel_product, s->sales_channels.v[i]);
}

/* ---- customers ------------------------------------------------------------------------------ */

static int seed_customer_group(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO customer_group (id, name, metadata, created_at,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    const char *fid, *name, *meta;
    char id[ID_MAX];
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (run(s, ins, "ssss", new_id(id, "cgrp"), name, meta, stamp(s)) < 0)
        return -1;
    s->counts[N_CUSTOMER_GROUPS]++;
    return link_add(s, K_CUSTOMER_GROUP, fid, id);
}

static const char *const address_keys[] = {"company",     "first_name", "last_name",    "address_1",
                                           "address_2",   "city",       "country_code", "province",
                                           "postal_code", "phone",      "metadata",     NULL};

/* Inserts the address object e (customer_id may be NULL) and writes its id into out. */
static int insert_address(struct seed *s, json_object *e, const char *customer_id, char out[ID_MAX])
{
    static const char q_country[] = "SELECT iso_2 FROM country WHERE iso_2 = ?1";
    static const char ins[] =
        "INSERT INTO address (id, customer_id, company, first_name, last_name, address_1,"
        " address_2, city, country_code, province, postal_code, phone, metadata, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)";
    const char *v[10], *meta;
    char cc[8];
    int rc;
    if (check_keys(s, e, address_keys) < 0)
        return -1;
    for (int k = 0; k < 10; k++)
        if (get_str(s, e, address_keys[k], 0, &v[k]) < 0)
            return -1;
    if (get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (v[6]) {
        lower_copy(cc, sizeof(cc), v[6]);
        if ((rc = one_text(s, NULL, 0, q_country, "s", cc)) <= 0)
            return rc < 0 ? -1
                          : fail_key(s, "country_code", "Country with code %s not found", v[6]);
    }
    return run(s, ins, "ssssssssssssss", new_id(out, "addr"), customer_id, v[0], v[1], v[2], v[3],
               v[4], v[5], v[6] ? cc : NULL, v[7], v[8], v[9], meta, stamp(s));
}

static int customer_address(struct seed *s, json_object *e, size_t i, void *arg)
{
    char id[ID_MAX];
    (void)i;
    return insert_address(s, e, (const char *)arg, id);
}

static int customer_group_member(struct seed *s, const char *group_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO customer_group_customers (customer_group_id,"
                              " customer_id) VALUES (?1, ?2)";
    return run(s, ins, "ss", group_id, (const char *)arg);
}

static int seed_customer(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO customer (id, email, first_name, last_name,"
                              " password_hash, phone, has_account, metadata, created_at,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    static const char upd[] = "UPDATE customer SET billing_address_id = ?2 WHERE id = ?1";
    const char *fid, *email, *first, *last, *phone, *pw, *meta;
    json_object *bill;
    char id[ID_MAX], mail[320], addr[ID_MAX], hash[crypto_pwhash_STRBYTES];
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "email", 1, &email) < 0 ||
        get_str(s, e, "first_name", 0, &first) < 0 || get_str(s, e, "last_name", 0, &last) < 0 ||
        get_str(s, e, "phone", 0, &phone) < 0 || get_str(s, e, "password", 0, &pw) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0 ||
        field(s, e, "billing_address", W_OBJ, 0, &bill) < 0)
        return -1;
    if (pw && hash_password(s, pw, hash) < 0)
        return -1;
    lower_copy(mail, sizeof(mail), email);
    if (run(s, ins, "ssssssbss", new_id(id, "cus"), mail, first, last, pw ? hash : NULL, phone,
            pw != NULL, meta, stamp(s)) < 0)
        return -1;
    if (each(s, e, "addresses", NULL, customer_address, id) < 0)
        return -1;
    if (bill) {
        size_t old = path_key(s, "billing_address");
        if (insert_address(s, bill, NULL, addr) < 0 || run(s, upd, "ss", id, addr) < 0)
            return -1;
        path_pop(s, old);
    }
    if (each_link(s, e, "groups", K_CUSTOMER_GROUP, customer_group_member, id) < 0)
        return -1;
    s->counts[N_CUSTOMERS]++;
    return link_add(s, K_CUSTOMER, fid, id);
}

/* ---- prices and price lists ----------------------------------------------------------------- */

/* Inserts the price e for variant_id; list_id is the price list (NULL: e's own price_list_id). */
static int insert_price(struct seed *s, json_object *e, const char *variant_id, const char *list_id)
{
    static const char q_region[] = "SELECT currency_code FROM region WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO money_amount (id, currency_code, amount, min_quantity, max_quantity,"
        " price_list_id, region_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?8)";
    static const char ins_link[] =
        "INSERT INTO product_variant_money_amount (id, money_amount_id,"
        " variant_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    const char *cur;
    char id[ID_MAX], link_id[ID_MAX], region[ID_MAX], list[ID_MAX], code[16];
    int64_t amount, minq, maxq;
    int has, has_min, has_max, rc;
    if (get_str(s, e, "currency_code", 0, &cur) < 0 ||
        link_key(s, e, "region_id", K_REGION, 0, region) < 0 ||
        get_int(s, e, "amount", 1, &has, &amount) < 0 ||
        get_int(s, e, "min_quantity", 0, &has_min, &minq) < 0 ||
        get_int(s, e, "max_quantity", 0, &has_max, &maxq) < 0)
        return -1;
    if (!list_id) {
        if (link_key(s, e, "price_list_id", K_PRICE_LIST, 0, list) < 0)
            return -1;
        list_id = list[0] ? list : NULL;
    }
    /* A region price takes the region's currency, as Medusa's setRegionPrice does. */
    if (region[0]) {
        if (one_text(s, code, sizeof(code), q_region, "s", region) < 0)
            return -1;
    } else if (cur) {
        lower_copy(code, sizeof(code), cur);
        if ((rc = currency_exists(s, code)) <= 0)
            return rc < 0
                       ? -1
                       : fail_key(s, "currency_code", "Currency with code %s does not exist", cur);
    } else {
        return fail(s, "a price needs currency_code or region_id");
    }
    if (amount < 0)
        return fail_key(s, "amount", "must not be negative");
    if ((has_min && minq < 0) || (has_max && maxq < 0) || (has_min && has_max && minq > maxq))
        return fail(s, "min_quantity and max_quantity must be >= 0, min <= max");
    if (run(s, ins, "ssinnsss", new_id(id, "ma"), code, amount, has_min, minq, has_max, maxq,
            list_id, region[0] ? region : NULL, stamp(s)) < 0 ||
        run(s, ins_link, "ssss", new_id(link_id, "pvma"), id, variant_id, s->ts) < 0)
        return -1;
    s->counts[N_PRICES]++;
    return 0;
}

static int price_list_group(struct seed *s, const char *group_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO price_list_customer_groups (price_list_id,"
                              " customer_group_id) VALUES (?1, ?2)";
    return run(s, ins, "ss", (const char *)arg, group_id);
}

static int seed_price_list(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"sale", "override", NULL};
    static const char *const statuses[] = {"active", "draft", NULL};
    static const char ins[] =
        "INSERT INTO price_list (id, name, description, type, status, starts_at, ends_at,"
        " includes_tax, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    const char *fid, *name, *desc, *type, *status;
    char starts[TIMEFMT_LEN], ends[TIMEFMT_LEN];
    int incl;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_str(s, e, "description", 0, &desc) < 0 ||
        get_enum(s, e, "type", types, "sale", &type) < 0 ||
        get_enum(s, e, "status", statuses, "draft", &status) < 0 ||
        get_date(s, e, "starts_at", starts) < 0 || get_date(s, e, "ends_at", ends) < 0 ||
        get_bool(s, e, "includes_tax", 0, &incl) < 0)
        return -1;
    if (starts[0] && ends[0] && strcmp(starts, ends) > 0)
        return fail_key(s, "ends_at", "must not be before starts_at");
    if (run(s, ins, "sssssssbs", new_id(s->price_lists.v[i], "pl"), name, desc ? desc : "", type,
            status, opt_date(starts), opt_date(ends), incl, stamp(s)) < 0)
        return -1;
    if (each_link(s, e, "customer_groups", K_CUSTOMER_GROUP, price_list_group,
                  s->price_lists.v[i]) < 0)
        return -1;
    s->counts[N_PRICE_LISTS]++;
    return link_add(s, K_PRICE_LIST, fid, s->price_lists.v[i]);
}

/* A price list price names its variant by variant_id (a link), sku, or product_handle and
 * variant_title. */
static int price_list_price(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_sku[] = "SELECT id FROM product_variant WHERE sku = ?1"
                                " AND deleted_at IS NULL";
    static const char q_title[] = "SELECT v.id FROM product_variant v JOIN product p"
                                  " ON p.id = v.product_id WHERE p.handle = ?1 AND v.title = ?2"
                                  " AND v.deleted_at IS NULL AND p.deleted_at IS NULL"
                                  " ORDER BY v.variant_rank LIMIT 1";
    const char *sku, *handle, *vtitle;
    char variant[ID_MAX];
    int rc;
    (void)i;
    if (link_key(s, e, "variant_id", K_VARIANT, 0, variant) < 0 ||
        get_str(s, e, "sku", 0, &sku) < 0 || get_str(s, e, "product_handle", 0, &handle) < 0 ||
        get_str(s, e, "variant_title", 0, &vtitle) < 0)
        return -1;
    if (!variant[0] && sku) {
        if ((rc = one_text(s, variant, sizeof(variant), q_sku, "s", sku)) <= 0)
            return rc < 0 ? -1 : fail_key(s, "sku", "no variant with sku '%s'", sku);
    } else if (!variant[0] && handle && vtitle) {
        if ((rc = one_text(s, variant, sizeof(variant), q_title, "ss", handle, vtitle)) <= 0)
            return rc < 0 ? -1 : fail(s, "no variant titled '%s' in product '%s'", vtitle, handle);
    } else if (!variant[0]) {
        return fail(s, "a price list price needs variant_id, sku, or product_handle and"
                       " variant_title");
    }
    return insert_price(s, e, variant, (const char *)arg);
}

static int seed_price_list_prices(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const keys[] = {
        "variant_id", "sku",    "product_handle", "variant_title", "currency_code",
        "region_id",  "amount", "min_quantity",   "max_quantity",  NULL};
    (void)arg;
    return each(s, e, "prices", keys, price_list_price, s->price_lists.v[i]);
}

/* ---- products ------------------------------------------------------------------------------- */

static int product_category(struct seed *s, const char *category_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_category_product"
                              " (product_category_id, product_id) VALUES (?1, ?2)";
    return run(s, ins, "ss", category_id, (const char *)arg);
}

static int product_channel(struct seed *s, const char *channel_id, void *arg)
{
    return add_product_channel(s, (const char *)arg, channel_id);
}

static int product_tag(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_tags (product_id, product_tag_id)"
                              " VALUES (?1, ?2)";
    const char *value, *meta;
    char tag[ID_MAX];
    (void)i;
    if (link_key(s, e, "id", K_TAG, 0, tag) < 0 || get_str(s, e, "value", 0, &value) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!tag[0] && !value)
        return fail(s, "a tag needs a value or an id");
    if (!tag[0] && upsert_value(s, K_TAG, value, meta, tag) < 0)
        return -1;
    return run(s, ins, "ss", (const char *)arg, tag);
}

static int product_images(struct seed *s, json_object *e, const char *product_id)
{
    static const char q[] = "SELECT id FROM image WHERE url = ?1 AND deleted_at IS NULL"
                            " ORDER BY created_at LIMIT 1";
    static const char ins[] = "INSERT INTO image (id, url, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?3)";
    static const char ins_link[] = "INSERT OR IGNORE INTO product_images (product_id, image_id)"
                                   " VALUES (?1, ?2)";
    json_object *arr;
    size_t n, old;
    if (field(s, e, "images", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = path_key(s, "images");
    for (size_t i = 0; i < n; i++) {
        json_object *u = json_object_array_get_idx(arr, i);
        size_t at = path_idx(s, i);
        char id[ID_MAX];
        int rc;
        if (!u || !json_object_is_type(u, json_type_string))
            return fail(s, "expected a string (an image url)");
        /* Medusa's upsertImages: one image row per url, shared by the products using it. */
        if ((rc = one_text(s, id, sizeof(id), q, "s", json_object_get_string(u))) < 0)
            return -1;
        if (!rc) {
            if (run(s, ins, "sss", new_id(id, "img"), json_object_get_string(u), stamp(s)) < 0)
                return -1;
            s->counts[N_IMAGES]++;
        }
        if (run(s, ins_link, "ss", product_id, id) < 0)
            return -1;
        path_pop(s, at);
    }
    path_pop(s, old);
    return 0;
}

static int product_option(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO product_option (id, title, product_id, metadata,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    struct product_ctx *p = arg;
    json_object *values;
    const char *title, *meta;
    if (i >= SEED_MAX_OPTS)
        return fail(s, "a product may have at most %d options", SEED_MAX_OPTS);
    if (get_str(s, e, "title", 1, &title) < 0 || get_meta(s, e, "metadata", &meta) < 0 ||
        field(s, e, "values", W_ARR, 0, &values) < 0)
        return -1;
    if (run(s, ins, "sssss", new_id(p->opt_ids[i], "opt"), title, p->id, meta, stamp(s)) < 0)
        return -1;
    /* seed.ts maps variant option values to options by title; a repeated title gets the first */
    for (int k = 0; k < p->nopt; k++)
        if (!strcmp(p->opt_titles[k], title))
            memcpy(p->opt_ids[i], p->opt_ids[k], ID_MAX);
    p->opt_titles[i] = title;
    p->nopt = (int)i + 1;
    return 0;
}

/* Option values are linked to the product's options by position (seed.ts); the combination must
 * be new within the product (Medusa's validateVariantsToCreate_). */
static int variant_options(struct seed *s, json_object *e, struct product_ctx *p,
                           const char *variant_id, const char *title)
{
    static const char *const keys[] = {"value", "option_id", "metadata", NULL};
    static const char ins[] = "INSERT INTO product_option_value (id, value, option_id, variant_id,"
                              " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                              " ?6)";
    json_object *arr;
    size_t n, old, len = 0;
    char *combo, **combos;
    const char **titles;
    if (field(s, e, "options", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    if ((int)n != p->nopt)
        return fail_key(s, "options",
                        "Product options length does not match variant options"
                        " length. Product has %d and variant has %zu.",
                        p->nopt, n);
    old = path_key(s, "options");
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_array_get_idx(arr, i);
        const char *value, *meta;
        char id[ID_MAX];
        size_t at = path_idx(s, i);
        if (!o || !json_object_is_type(o, json_type_object))
            return fail(s, "expected an object");
        if (check_keys(s, o, keys) < 0 || get_str(s, o, "value", 1, &value) < 0 ||
            get_meta(s, o, "metadata", &meta) < 0)
            return -1;
        if (run(s, ins, "ssssss", new_id(id, "optval"), value, p->opt_ids[i], variant_id, meta,
                stamp(s)) < 0)
            return -1;
        len += strlen(value) + 1;
        path_pop(s, at);
    }
    path_pop(s, old);
    if (!(combo = malloc(len + 1)))
        return fail(s, "out of memory");
    combo[0] = '\0';
    for (size_t i = 0, o = 0; i < n; i++) {
        const char *v = json_object_get_string(
            json_object_object_get(json_object_array_get_idx(arr, i), "value"));
        o += (size_t)snprintf(combo + o, len + 1 - o, "%s\x1f", v);
    }
    for (size_t k = 0; k < p->ncombos; k++)
        if (n && !strcmp(p->combos[k], combo)) {
            free(combo);
            return fail(s, "Variant with title %s with provided options already exists",
                        p->titles[k]);
        }
    combos = realloc(p->combos, (p->ncombos + 1) * sizeof(*combos));
    if (combos)
        p->combos = combos;
    titles = realloc(p->titles, (p->ncombos + 1) * sizeof(*titles));
    if (titles)
        p->titles = titles;
    if (!combos || !titles) {
        free(combo);
        return fail(s, "out of memory");
    }
    p->combos[p->ncombos] = combo;
    p->titles[p->ncombos++] = title;
    return 0;
}

static int variant_price(struct seed *s, json_object *e, size_t i, void *arg)
{
    (void)i;
    return insert_price(s, e, (const char *)arg, NULL);
}

static int product_variant(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const price_keys[] = {
        "id",           "currency_code", "region_id",     "amount",
        "min_quantity", "max_quantity",  "price_list_id", NULL};
    static const char ins[] =
        "INSERT INTO product_variant (id, title, product_id, sku, barcode, ean, upc, variant_rank,"
        " inventory_quantity, allow_backorder, manage_inventory, hs_code, origin_country,"
        " mid_code, material, weight, length, height, width, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?21)";
    struct product_ctx *p = arg;
    const char *fid, *title, *sku, *barcode, *ean, *upc, *hs, *origin, *mid, *material, *meta;
    char id[ID_MAX];
    int64_t rank, qty, w, l, h, wd;
    int has_rank, has_qty, backorder, manage, hw, hl, hh, hwd;
    (void)i;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "title", 1, &title) < 0 ||
        get_str(s, e, "sku", 0, &sku) < 0 || get_str(s, e, "barcode", 0, &barcode) < 0 ||
        get_str(s, e, "ean", 0, &ean) < 0 || get_str(s, e, "upc", 0, &upc) < 0 ||
        get_int(s, e, "variant_rank", 0, &has_rank, &rank) < 0 ||
        get_int(s, e, "inventory_quantity", 0, &has_qty, &qty) < 0 ||
        get_bool(s, e, "allow_backorder", 0, &backorder) < 0 ||
        get_bool(s, e, "manage_inventory", 1, &manage) < 0 ||
        get_str(s, e, "hs_code", 0, &hs) < 0 || get_str(s, e, "origin_country", 0, &origin) < 0 ||
        get_str(s, e, "mid_code", 0, &mid) < 0 || get_str(s, e, "material", 0, &material) < 0 ||
        get_int(s, e, "weight", 0, &hw, &w) < 0 || get_int(s, e, "length", 0, &hl, &l) < 0 ||
        get_int(s, e, "height", 0, &hh, &h) < 0 || get_int(s, e, "width", 0, &hwd, &wd) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    /* Medusa: a variant_rank of 0 or none means "after the existing variants" */
    if (!has_rank || !rank)
        rank = p->rank;
    p->rank++;
    if (run(s, ins, "sssssssiibbssssnnnnss", new_id(id, "variant"), title, p->id, sku, barcode, ean,
            upc, rank, has_qty ? qty : 0, backorder, manage, hs, origin, mid, material, hw, w, hl,
            l, hh, h, hwd, wd, meta, stamp(s)) < 0)
        return -1;
    if (variant_options(s, e, p, id, title) < 0)
        return -1;
    if (each(s, e, "prices", price_keys, variant_price, id) < 0)
        return -1;
    s->counts[N_VARIANTS]++;
    return link_add(s, K_VARIANT, fid, id);
}

static int product_type(struct seed *s, json_object *e, char out[ID_MAX])
{
    static const char *const keys[] = {"id", "value", "metadata", NULL};
    json_object *t;
    const char *value, *meta;
    size_t old;
    if (link_key(s, e, "type_id", K_TYPE, 0, out) < 0 || field(s, e, "type", W_OBJ, 0, &t) < 0)
        return -1;
    if (!t)
        return 0;
    old = path_key(s, "type");
    if (check_keys(s, t, keys) < 0 || link_key(s, t, "id", K_TYPE, 0, out) < 0 ||
        get_str(s, t, "value", 0, &value) < 0 || get_meta(s, t, "metadata", &meta) < 0)
        return -1;
    if (!out[0] && !value)
        return fail(s, "a type needs a value or an id");
    if (!out[0] && upsert_value(s, K_TYPE, value, meta, out) < 0)
        return -1;
    path_pop(s, old);
    return 0;
}

static void product_ctx_release(struct product_ctx *p)
{
    for (size_t k = 0; k < p->ncombos; k++)
        free(p->combos[k]);
    free(p->combos);
    free(p->titles);
}

static const char *const product_keys[] = {
    "id",           "title",         "subtitle",    "description", "handle",   "is_giftcard",
    "discountable", "status",        "thumbnail",   "images",      "options",  "variants",
    "categories",   "collection_id", "type",        "type_id",     "tags",     "sales_channels",
    "weight",       "length",        "height",      "width",       "hs_code",  "origin_country",
    "mid_code",     "material",      "external_id", "profile_id",  "metadata", NULL};

static int seed_product_rows(struct seed *s, json_object *e, struct product_ctx *p)
{
    static const char *const statuses[] = {"draft", "proposed", "published", "rejected", NULL};
    static const char *const option_keys[] = {"id", "title", "values", "metadata", NULL};
    static const char *const tag_keys[] = {"id", "value", "metadata", NULL};
    static const char *const variant_keys[] = {"id",
                                               "title",
                                               "sku",
                                               "barcode",
                                               "ean",
                                               "upc",
                                               "variant_rank",
                                               "inventory_quantity",
                                               "allow_backorder",
                                               "manage_inventory",
                                               "hs_code",
                                               "origin_country",
                                               "mid_code",
                                               "material",
                                               "weight",
                                               "length",
                                               "height",
                                               "width",
                                               "metadata",
                                               "options",
                                               "prices",
                                               NULL};
    static const char ins[] =
        "INSERT INTO product (id, title, subtitle, description, handle, is_giftcard, status,"
        " thumbnail, profile_id, weight, length, height, width, hs_code, origin_country, mid_code,"
        " material, collection_id, type_id, discountable, external_id, metadata, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23)";
    static const char ins_profile[] = "INSERT INTO product_shipping_profile (profile_id,"
                                      " product_id) VALUES (?1, ?2)";
    const char *fid, *title, *subtitle, *desc, *handle, *status, *thumb, *hs, *origin, *mid,
        *material, *ext, *meta, *profile;
    json_object *images;
    char handle_buf[256], collection[ID_MAX], type[ID_MAX];
    int64_t w, l, h, wd;
    int gc, disc, hw, hl, hh, hwd;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "title", 1, &title) < 0 ||
        get_str(s, e, "subtitle", 0, &subtitle) < 0 || get_str(s, e, "description", 0, &desc) < 0 ||
        get_str(s, e, "handle", 0, &handle) < 0 || get_bool(s, e, "is_giftcard", 0, &gc) < 0 ||
        get_bool(s, e, "discountable", 1, &disc) < 0 ||
        get_enum(s, e, "status", statuses, "published", &status) < 0 ||
        get_str(s, e, "thumbnail", 0, &thumb) < 0 || get_str(s, e, "hs_code", 0, &hs) < 0 ||
        get_str(s, e, "origin_country", 0, &origin) < 0 || get_str(s, e, "mid_code", 0, &mid) < 0 ||
        get_str(s, e, "material", 0, &material) < 0 || get_str(s, e, "external_id", 0, &ext) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0 || get_int(s, e, "weight", 0, &hw, &w) < 0 ||
        get_int(s, e, "length", 0, &hl, &l) < 0 || get_int(s, e, "height", 0, &hh, &h) < 0 ||
        get_int(s, e, "width", 0, &hwd, &wd) < 0 || get_str(s, e, "profile_id", 0, &profile) < 0 ||
        link_key(s, e, "collection_id", K_COLLECTION, 0, collection) < 0 ||
        product_type(s, e, type) < 0 || field(s, e, "images", W_ARR, 0, &images) < 0)
        return -1;
    if (!handle) {
        slug_kebab(handle_buf, sizeof(handle_buf), title);
        handle = handle_buf;
    }
    /* Medusa's ProductService.create: the first image becomes the thumbnail if none is given. */
    if (!thumb && images && json_object_array_length(images) > 0 &&
        json_object_is_type(json_object_array_get_idx(images, 0), json_type_string))
        thumb = json_object_get_string(json_object_array_get_idx(images, 0));
    /* seed.ts: gift cards ship with the gift card profile, everything else with the default */
    profile = gc ? s->profile_gc : s->profile_default;
    if (run(s, ins, "sssssbsssnnnnssssssbsss", new_id(p->id, "prod"), title, subtitle, desc, handle,
            gc, status, thumb, profile, hw, w, hl, l, hh, h, hwd, wd, hs, origin, mid, material,
            collection[0] ? collection : NULL, type[0] ? type : NULL, disc, ext, meta,
            stamp(s)) < 0 ||
        run(s, ins_profile, "ss", profile, p->id) < 0)
        return -1;
    if (product_images(s, e, p->id) < 0 || each(s, e, "tags", tag_keys, product_tag, p->id) < 0 ||
        each_link(s, e, "categories", K_CATEGORY, product_category, p->id) < 0)
        return -1;
    /* seed.ts puts every product in the default sales channel; listed channels are added */
    if (add_product_channel(s, p->id, s->default_sc) < 0 ||
        each_link(s, e, "sales_channels", K_SALES_CHANNEL, product_channel, p->id) < 0)
        return -1;
    if (each(s, e, "options", option_keys, product_option, p) < 0 ||
        each(s, e, "variants", variant_keys, product_variant, p) < 0)
        return -1;
    s->counts[N_PRODUCTS]++;
    return link_add(s, K_PRODUCT, fid, p->id);
}

static int seed_product(struct seed *s, json_object *e, size_t i, void *arg)
{
    struct product_ctx p;
    int rc;
    (void)i;
    (void)arg;
    memset(&p, 0, sizeof(p));
    rc = seed_product_rows(s, e, &p);
    product_ctx_release(&p);
    return rc;
}

/* ---- publishable keys, tax rates, return reasons, discounts, gift cards --------------------- */

static int pubkey_channel(struct seed *s, const char *channel_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO publishable_api_key_sales_channel (id,"
                              " publishable_key_id, sales_channel_id) VALUES (?1, ?2, ?3)";
    char id[ID_MAX];
    return run(s, ins, "sss", new_id(id, "pksc"), (const char *)arg, channel_id);
}

static int seed_pubkey(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO publishable_api_key (id, title, created_by, created_at,"
                              " updated_at) VALUES (?1, ?2, '', ?3, ?3)";
    json_object *channels;
    const char *fid, *title;
    char id[ID_MAX];
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "title", 1, &title) < 0 ||
        field(s, e, "sales_channels", W_ARR, 0, &channels) < 0)
        return -1;
    if (run(s, ins, "sss", new_id(id, "pk"), title, stamp(s)) < 0)
        return -1;
    /* seed.ts attaches every key to the default channel; the extension may name others instead */
    if (channels) {
        if (each_link(s, e, "sales_channels", K_SALES_CHANNEL, pubkey_channel, id) < 0)
            return -1;
    } else if (pubkey_channel(s, s->default_sc, id) < 0) {
        return -1;
    }
    s->counts[N_PUBLISHABLE_API_KEYS]++;
    return link_add(s, K_PUBKEY, fid, id);
}

static int tax_rate_product(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_tax_rate (product_id, rate_id,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return run(s, ins, "sss", id, (const char *)arg, stamp(s));
}

static int tax_rate_type(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_type_tax_rate (product_type_id,"
                              " rate_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return run(s, ins, "sss", id, (const char *)arg, stamp(s));
}

static int tax_rate_shipping(struct seed *s, const char *id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO shipping_tax_rate (shipping_option_id,"
                              " rate_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
    return run(s, ins, "sss", id, (const char *)arg, stamp(s));
}

static int seed_tax_rate(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO tax_rate (id, rate, code, name, region_id, metadata,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
    const char *fid, *code, *name, *meta;
    char id[ID_MAX], region[ID_MAX];
    double rate;
    int has_rate;
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "name", 1, &name) < 0 ||
        get_str(s, e, "code", 0, &code) < 0 || get_num(s, e, "rate", 0, &has_rate, &rate) < 0 ||
        link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (run(s, ins, "sdsssss", new_id(id, "txr"), has_rate, rate, code, name, region, meta,
            stamp(s)) < 0)
        return -1;
    if (each_link(s, e, "products", K_PRODUCT, tax_rate_product, id) < 0 ||
        each_link(s, e, "product_types", K_TYPE, tax_rate_type, id) < 0 ||
        each_link(s, e, "shipping_options", K_SHIPPING_OPTION, tax_rate_shipping, id) < 0)
        return -1;
    s->counts[N_TAX_RATES]++;
    return link_add(s, K_TAX_RATE, fid, id);
}

static int seed_return_reason(struct seed *s, json_object *e, size_t i, void *arg)
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
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "value", 1, &value) < 0 ||
        get_str(s, e, "label", 1, &label) < 0 || get_str(s, e, "description", 0, &desc) < 0 ||
        link_key(s, e, "parent_return_reason_id", K_RETURN_REASON, 0, parent) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (parent[0]) {
        if (one_text(s, grand, sizeof(grand), q_parent, "s", parent) < 0)
            return -1;
        if (grand[0])
            return fail_key(s, "parent_return_reason_id",
                            "Doubly nested return reasons is not supported");
    }
    if (run(s, ins, "sssssss", new_id(id, "rr"), value, label, desc, parent[0] ? parent : NULL,
            meta, stamp(s)) < 0)
        return -1;
    s->counts[N_RETURN_REASONS]++;
    return link_add(s, K_RETURN_REASON, fid, id);
}

struct condition_arg {
    const char *condition_id;
    const char *sql;
};

static int condition_target(struct seed *s, const char *id, void *arg)
{
    const struct condition_arg *c = arg;
    return run(s, c->sql, "sss", id, c->condition_id, stamp(s));
}

static int discount_condition(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"products",     "product_types",   "product_collections",
                                        "product_tags", "customer_groups", NULL};
    static const char *const ops[] = {"in", "not_in", NULL};
    static const enum kind type_kinds[] = {K_PRODUCT, K_TYPE, K_COLLECTION, K_TAG,
                                           K_CUSTOMER_GROUP};
    static const char *const sqls[] = {
        "INSERT OR IGNORE INTO discount_condition_product (product_id, condition_id, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_type (product_type_id, condition_id,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_collection (product_collection_id,"
        " condition_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_product_tag (product_tag_id, condition_id,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        "INSERT OR IGNORE INTO discount_condition_customer_group (customer_group_id,"
        " condition_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    };
    static const char ins[] =
        "INSERT INTO discount_condition (id, type, operator, discount_rule_id,"
        " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
        " ?6)";
    const char *type, *op, *meta;
    char id[ID_MAX];
    struct condition_arg c;
    int t;
    (void)i;
    if (get_enum(s, e, "type", types, NULL, &type) < 0 ||
        get_enum(s, e, "operator", ops, NULL, &op) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    for (t = 0; strcmp(types[t], type); t++)
        ;
    if (run(s, ins, "ssssss", new_id(id, "discon"), type, op, (const char *)arg, meta, stamp(s)) <
        0)
        return -1;
    c.condition_id = id;
    c.sql = sqls[t];
    return each_link(s, e, "ids", type_kinds[t], condition_target, &c);
}

static int discount_region(struct seed *s, const char *region_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO discount_regions (discount_id, region_id)"
                              " VALUES (?1, ?2)";
    return run(s, ins, "ss", (const char *)arg, region_id);
}

static int discount_rule(struct seed *s, json_object *e, char out[ID_MAX], const char **type,
                         json_object **rule)
{
    static const char *const keys[] = {"description", "type",     "value", "allocation",
                                       "conditions",  "metadata", NULL};
    static const char *const cond_keys[] = {"type", "operator", "ids", "metadata", NULL};
    static const char *const types[] = {"fixed", "percentage", "free_shipping", NULL};
    static const char *const allocs[] = {"total", "item", NULL};
    static const char ins[] = "INSERT INTO discount_rule (id, description, type, value, allocation,"
                              " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                              " ?7, ?7)";
    const char *desc, *alloc, *meta;
    int64_t value;
    int has;
    size_t old;
    if (field(s, e, "rule", W_OBJ, 1, rule) < 0)
        return -1;
    old = path_key(s, "rule");
    if (check_keys(s, *rule, keys) < 0 || get_str(s, *rule, "description", 0, &desc) < 0 ||
        get_enum(s, *rule, "type", types, NULL, type) < 0 ||
        get_int(s, *rule, "value", 1, &has, &value) < 0 ||
        get_enum(s, *rule, "allocation", allocs, "", &alloc) < 0 ||
        get_meta(s, *rule, "metadata", &meta) < 0)
        return -1;
    if (!strcmp(*type, "percentage") && value > 100)
        return fail_key(s, "value",
                        "Discount value above 100 is not allowed when type is"
                        " percentage");
    if (value < 0)
        return fail_key(s, "value", "must not be negative");
    if (run(s, ins, "sssisss", new_id(out, "dru"), desc, *type, value, alloc[0] ? alloc : NULL,
            meta, stamp(s)) < 0)
        return -1;
    if (each(s, *rule, "conditions", cond_keys, discount_condition, out) < 0)
        return -1;
    path_pop(s, old);
    return 0;
}

static int seed_discount(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] =
        "INSERT INTO discount (id, code, is_dynamic, rule_id, is_disabled, starts_at, ends_at,"
        " valid_duration, usage_limit, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ?11), ?7, ?8, ?9, ?10, ?11, ?11)";
    static const char q_regions[] = "SELECT count(*) FROM discount_regions WHERE discount_id = ?1";
    const char *fid, *code, *duration, *type, *meta;
    json_object *rule;
    char id[ID_MAX], rule_id[ID_MAX], starts[TIMEFMT_LEN], ends[TIMEFMT_LEN], up[128], n[24];
    int64_t limit;
    int dynamic, disabled, has_limit;
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "code", 1, &code) < 0 ||
        get_bool(s, e, "is_dynamic", 0, &dynamic) < 0 ||
        get_bool(s, e, "is_disabled", 0, &disabled) < 0 ||
        get_date(s, e, "starts_at", starts) < 0 || get_date(s, e, "ends_at", ends) < 0 ||
        get_str(s, e, "valid_duration", 0, &duration) < 0 ||
        get_int(s, e, "usage_limit", 0, &has_limit, &limit) < 0 ||
        get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    /* Medusa stores discount codes upper-case */
    snprintf(up, sizeof(up), "%s", code);
    for (char *c = up; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    if (discount_rule(s, e, rule_id, &type, &rule) < 0)
        return -1;
    if (run(s, ins, "ssbsbsssnss", new_id(id, "disc"), up, dynamic, rule_id, disabled,
            opt_date(starts), opt_date(ends), duration, has_limit, limit, meta, stamp(s)) < 0)
        return -1;
    if (each_link(s, e, "regions", K_REGION, discount_region, id) < 0 ||
        one_text(s, n, sizeof(n), q_regions, "s", id) < 0)
        return -1;
    if (!strcmp(type, "fixed") && strtol(n, NULL, 10) > 1)
        return fail_key(s, "regions", "Fixed discounts can have one region");
    s->counts[N_DISCOUNTS]++;
    return link_add(s, K_DISCOUNT, fid, id);
}

static int seed_gift_card(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_region[] = "SELECT CASE WHEN gift_cards_taxable THEN tax_rate END"
                                   " FROM region WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO gift_card (id, code, value, balance, region_id, is_disabled, ends_at,"
        " tax_rate, metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?10)";
    const char *fid, *code, *meta;
    char id[ID_MAX], region[ID_MAX], ends[TIMEFMT_LEN], rate_txt[64];
    int64_t value, balance;
    double rate;
    int has_value, has_balance, has_rate, disabled;
    (void)i;
    (void)arg;
    if (get_str(s, e, "id", 0, &fid) < 0 || get_str(s, e, "code", 1, &code) < 0 ||
        get_int(s, e, "value", 1, &has_value, &value) < 0 ||
        get_int(s, e, "balance", 0, &has_balance, &balance) < 0 ||
        link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        get_bool(s, e, "is_disabled", 0, &disabled) < 0 || get_date(s, e, "ends_at", ends) < 0 ||
        get_num(s, e, "tax_rate", 0, &has_rate, &rate) < 0 || get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (value < 0 || (has_balance && (balance < 0 || balance > value)))
        return fail(s, "value and balance must be >= 0 and balance <= value");
    /* Medusa's GiftCardService.create: the region's rate when its gift cards are taxable */
    if (!has_rate) {
        if (one_text(s, rate_txt, sizeof(rate_txt), q_region, "s", region) < 0)
            return -1;
        has_rate = rate_txt[0] != '\0';
        rate = has_rate ? strtod(rate_txt, NULL) : 0;
    }
    if (run(s, ins, "ssiisbsdss", new_id(id, "gift"), code, value, has_balance ? balance : value,
            region, disabled, opt_date(ends), has_rate, rate, meta, stamp(s)) < 0)
        return -1;
    s->counts[N_GIFT_CARDS]++;
    return link_add(s, K_GIFT_CARD, fid, id);
}

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

    if (ensure_defaults(s) < 0 || seed_store(s, root) < 0 ||
        each(s, root, "users", user_keys, seed_user, NULL) < 0 ||
        each(s, root, "regions", region_keys, seed_region, NULL) < 0 ||
        each(s, root, "shipping_options", so_keys, seed_shipping_option, NULL) < 0 ||
        each(s, root, "categories", category_keys, seed_category, &root_cat) < 0 ||
        each(s, root, "product_collections", collection_keys, seed_collection, NULL) < 0 ||
        each(s, root, "collections", collection_keys, seed_collection, NULL) < 0 ||
        each(s, root, "product_types", value_keys, seed_type_or_tag, &k_type) < 0 ||
        each(s, root, "product_tags", value_keys, seed_type_or_tag, &k_tag) < 0)
        return -1;
    if (idvec_init(s, &s->sales_channels, root, "sales_channels") < 0 ||
        idvec_init(s, &s->price_lists, root, "price_lists") < 0 ||
        each(s, root, "sales_channels", sc_keys, seed_sales_channel, NULL) < 0 ||
        each(s, root, "customer_groups", group_keys, seed_customer_group, NULL) < 0 ||
        each(s, root, "customers", customer_keys, seed_customer, NULL) < 0 ||
        each(s, root, "price_lists", pl_keys, seed_price_list, NULL) < 0 ||
        each(s, root, "products", product_keys, seed_product, NULL) < 0 ||
        each(s, root, "sales_channels", sc_keys, seed_sales_channel_products, NULL) < 0 ||
        each(s, root, "price_lists", pl_keys, seed_price_list_prices, NULL) < 0 ||
        each(s, root, "publishable_api_keys", pk_keys, seed_pubkey, NULL) < 0 ||
        each(s, root, "tax_rates", tax_keys, seed_tax_rate, NULL) < 0 ||
        each(s, root, "return_reasons", rr_keys, seed_return_reason, NULL) < 0 ||
        each(s, root, "discounts", discount_keys, seed_discount, NULL) < 0 ||
        each(s, root, "gift_cards", gc_keys, seed_gift_card, NULL) < 0)
        return -1;
    /* rule_types only matter with Medusa's v2 flag; accepted so v1.x seed files load */
    return field(s, root, "rule_types", W_ARR, 0, &ignored);
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

int seed_load(sqlite3 *db, const char *path, FILE *progress, char *err, size_t errlen)
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
        fail(s, "expected an object");
    } else if (check_keys(s, root, top_keys) == 0) {
        if (sqlite3_exec(db, "SAVEPOINT seed", NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "cannot start a transaction: %s", sqlite3_errmsg(db));
        } else {
            rc = seed_all(s, root);
            /* finalize first: a pending statement must not outlive its transaction */
            for (int i = 0; i < s->ncache; i++)
                sqlite3_finalize(s->cache[i].st);
            s->ncache = 0;
            if (rc == 0 && sqlite3_exec(db, "RELEASE seed", NULL, NULL, NULL) != SQLITE_OK) {
                snprintf(err, errlen, "cannot commit: %s", sqlite3_errmsg(db));
                rc = -1;
            }
            if (rc < 0) {
                sqlite3_exec(db, "ROLLBACK TO seed", NULL, NULL, NULL);
                sqlite3_exec(db, "RELEASE seed", NULL, NULL, NULL);
            }
        }
    }
    if (rc == 0)
        print_progress(s, progress);
    for (int i = 0; i < s->ncache; i++)
        sqlite3_finalize(s->cache[i].st);
    for (size_t i = 0; i < s->nlinks; i++)
        free(s->links[i].file_id);
    free(s->links);
    free(s->sales_channels.v);
    free(s->price_lists.v);
    free(s);
    json_object_put(root);
    return rc;
}
