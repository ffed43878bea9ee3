/* seed_internal.h: what the seed loader's files share: db/seed.c reads the file and runs the
 * kinds in order, each db/seed_<kind>.c loads its entries, db/seed_common.c holds the state, the
 * JSON-path errors, statements, field readers and links. Never included outside src/db/seed*.c. */
#ifndef DB_SEED_INTERNAL_H
#define DB_SEED_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>
#include <sodium.h>
#include "db/driver.h"

#include "core/timefmt.h"
#include "core/ulid.h"

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

struct kind_info {
    const char *what;    /* for messages */
    const char *table;   /* a constant identifier, never input */
    const char *natural; /* column that also identifies a live row, or NULL */
    int soft;            /* has deleted_at */
};
/* Per kind: its messages' word, table, natural key and soft deletion. */
extern const struct kind_info seed_kinds[K_COUNT];

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
    struct db *db;
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
        struct db_stmt *st;
    } cache[SEED_CACHE_MAX];
    int ncache;
    char store_id[ID_MAX], default_sc[ID_MAX], profile_default[ID_MAX], profile_gc[ID_MAX];
    struct idvec sales_channels, price_lists;
    int counts[N_COUNT];
};

struct category_ctx {
    const char *parent_id;
    const char *parent_mpath;
    int depth;
};

/* The JSON type a field reader wants. */
enum want { W_STR, W_INT, W_NUM, W_BOOL, W_OBJ, W_ARR };

/* Loads entry e, the i-th of its array (seed_each); every seed_<kind>() of the seed_<kind>.c files
 * below is one. 0, or -1 after seed_fail(). */
typedef int (*entry_fn)(struct seed *s, json_object *e, size_t i, void *arg);

/* Called with the row id a link resolved to (seed_each_link). */
typedef int (*link_fn)(struct seed *s, const char *id, void *arg);

/* seed_common.c */

__attribute__((format(printf, 2, 3))) int seed_fail(struct seed *s, const char *fmt, ...);

size_t seed_path_key(struct seed *s, const char *key);

size_t seed_path_idx(struct seed *s, size_t i);

void seed_path_pop(struct seed *s, size_t old);

__attribute__((format(printf, 3, 4))) int seed_fail_key(struct seed *s, const char *key,
                                                        const char *fmt, ...);

int seed_db_failed(struct seed *s);

/* Prepared once per load, keyed by the address of the constant SQL text. */
struct db_stmt *seed_prep(struct seed *s, const char *sql);

/* Runs a write to completion: 0 or -1 (error recorded). */
int seed_run(struct seed *s, const char *sql, const char *types, ...);

/* Reads column 0 of the first row as text into out ("" for NULL): 1 found, 0 none, -1 error. */
int seed_one_text(struct seed *s, char *out, size_t outlen, const char *sql, const char *types,
                  ...);

/* A new id and a strictly increasing timestamp, so rows sort by created_at in file order. */
const char *seed_stamp(struct seed *s);

char *seed_new_id(char out[ID_MAX], const char *prefix);

/* *out = o[key] of the wanted type; NULL when absent or null (an error if required). */
int seed_field(struct seed *s, json_object *o, const char *key, enum want w, int required,
               json_object **out);

int seed_get_str(struct seed *s, json_object *o, const char *key, int required, const char **out);

int seed_get_int(struct seed *s, json_object *o, const char *key, int required, int *has,
                 int64_t *out);

int seed_get_num(struct seed *s, json_object *o, const char *key, int required, int *has,
                 double *out);

int seed_get_bool(struct seed *s, json_object *o, const char *key, int def, int *out);

/* Metadata: a JSON object stored as its text, or NULL. The text lives as long as o. */
int seed_get_meta(struct seed *s, json_object *o, const char *key, const char **out);

/* One of values (a NULL-terminated list), or def when absent. */
int seed_get_enum(struct seed *s, json_object *o, const char *key, const char *const *values,
                  const char *def, const char **out);

/* A date as JavaScript's Date accepts it, normalised to ISO-8601 UTC with ms; "" when absent. */
int seed_get_date(struct seed *s, json_object *o, const char *key, char out[TIMEFMT_LEN]);

const char *seed_opt_date(const char d[TIMEFMT_LEN]);

void seed_lower_copy(char *out, size_t outlen, const char *in);

/* Typos must not vanish silently: every key of an entry must be one its kind allows. */
int seed_check_keys(struct seed *s, json_object *o, const char *const *allowed);

/* Calls fn on each object of the array o[key] (absent: none), with the path pointing at it. */
int seed_each(struct seed *s, json_object *o, const char *key, const char *const *allowed,
              entry_fn fn, void *arg);

int seed_link_add(struct seed *s, enum kind k, const char *file_id, const char *id);

/* Resolves the optional link o[key]; out is "" when absent. */
int seed_link_key(struct seed *s, json_object *o, const char *key, enum kind k, int required,
                  char out[ID_MAX]);

/* Resolves each element of the list o[key] (a string or {"id": string}) and calls fn. */
int seed_each_link(struct seed *s, json_object *o, const char *key, enum kind k, link_fn fn,
                   void *arg);

int seed_idvec_init(struct seed *s, struct idvec *v, json_object *root, const char *key);

int seed_currency_exists(struct seed *s, const char *code);

int seed_hash_password(struct seed *s, const char *pw, char out[crypto_pwhash_STRBYTES]);

/* seed_store.c */

int seed_ensure_defaults(struct seed *s);

int seed_store(struct seed *s, json_object *root);

int seed_user(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_regions.c */

int seed_region(struct seed *s, json_object *e, size_t i, void *arg);

int seed_shipping_option(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_catalog.c */

extern const char *const seed_category_keys[];

int seed_category(struct seed *s, json_object *e, size_t i, void *arg);

int seed_collection(struct seed *s, json_object *e, size_t i, void *arg);

/* Medusa's upsertType/upsertTags: a live row with the same value is reused. 0 or -1. */
int seed_upsert_value(struct seed *s, enum kind k, const char *value, const char *meta,
                      char out[ID_MAX]);

int seed_type_or_tag(struct seed *s, json_object *e, size_t i, void *arg);

int seed_sales_channel(struct seed *s, json_object *e, size_t i, void *arg);

/* product_id, sales_channel_id */
int seed_add_product_channel(struct seed *s, const char *product, const char *channel);

int seed_sales_channel_products(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_customers.c */

int seed_customer_group(struct seed *s, json_object *e, size_t i, void *arg);

int seed_customer(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_prices.c */

/* Inserts the price e for variant_id; list_id is the price list (NULL: e's own price_list_id). */
int seed_insert_price(struct seed *s, json_object *e, const char *variant_id, const char *list_id);

int seed_price_list(struct seed *s, json_object *e, size_t i, void *arg);

int seed_price_list_prices(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_products.c */

extern const char *const seed_product_keys[];

int seed_product(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_settings.c */

int seed_pubkey(struct seed *s, json_object *e, size_t i, void *arg);

int seed_tax_rate(struct seed *s, json_object *e, size_t i, void *arg);

int seed_return_reason(struct seed *s, json_object *e, size_t i, void *arg);

/* seed_discounts.c */

int seed_discount(struct seed *s, json_object *e, size_t i, void *arg);

int seed_gift_card(struct seed *s, json_object *e, size_t i, void *arg);

#endif
