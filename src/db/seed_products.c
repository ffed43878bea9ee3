/* seed_products.c: products with their images, options, variants, prices, categories, type, tags
 * and channels (seed.ts: products). */
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

/* ---- products ------------------------------------------------------------------------------- */

static int product_category(struct seed *s, const char *category_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_category_product"
                              " (product_category_id, product_id) VALUES (?1, ?2)";
    return seed_run(s, ins, "ss", category_id, (const char *)arg);
}

static int product_channel(struct seed *s, const char *channel_id, void *arg)
{
    return seed_add_product_channel(s, (const char *)arg, channel_id);
}

static int product_tag(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO product_tags (product_id, product_tag_id)"
                              " VALUES (?1, ?2)";
    const char *value, *meta;
    char tag[ID_MAX];
    (void)i;
    if (seed_link_key(s, e, "id", K_TAG, 0, tag) < 0 ||
        seed_get_str(s, e, "value", 0, &value) < 0 || seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!tag[0] && !value)
        return seed_fail(s, "a tag needs a value or an id");
    if (!tag[0] && seed_upsert_value(s, K_TAG, value, meta, tag) < 0)
        return -1;
    return seed_run(s, ins, "ss", (const char *)arg, tag);
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
    if (seed_field(s, e, "images", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = seed_path_key(s, "images");
    for (size_t i = 0; i < n; i++) {
        json_object *u = json_object_array_get_idx(arr, i);
        size_t at = seed_path_idx(s, i);
        char id[ID_MAX];
        int rc;
        if (!u || !json_object_is_type(u, json_type_string))
            return seed_fail(s, "expected a string (an image url)");
        /* Medusa's upsertImages: one image row per url, shared by the products using it. */
        if ((rc = seed_one_text(s, id, sizeof(id), q, "s", json_object_get_string(u))) < 0)
            return -1;
        if (!rc) {
            if (seed_run(s, ins, "sss", seed_new_id(id, "img"), json_object_get_string(u),
                         seed_stamp(s)) < 0)
                return -1;
            s->counts[N_IMAGES]++;
        }
        if (seed_run(s, ins_link, "ss", product_id, id) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
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
        return seed_fail(s, "a product may have at most %d options", SEED_MAX_OPTS);
    if (seed_get_str(s, e, "title", 1, &title) < 0 || seed_get_meta(s, e, "metadata", &meta) < 0 ||
        seed_field(s, e, "values", W_ARR, 0, &values) < 0)
        return -1;
    if (seed_run(s, ins, "sssss", seed_new_id(p->opt_ids[i], "opt"), title, p->id, meta,
                 seed_stamp(s)) < 0)
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
    if (seed_field(s, e, "options", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    if ((int)n != p->nopt)
        return seed_fail_key(s, "options",
                             "Product options length does not match variant options"
                             " length. Product has %d and variant has %zu.",
                             p->nopt, n);
    old = seed_path_key(s, "options");
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_array_get_idx(arr, i);
        const char *value, *meta;
        char id[ID_MAX];
        size_t at = seed_path_idx(s, i);
        if (!o || !json_object_is_type(o, json_type_object))
            return seed_fail(s, "expected an object");
        if (seed_check_keys(s, o, keys) < 0 || seed_get_str(s, o, "value", 1, &value) < 0 ||
            seed_get_meta(s, o, "metadata", &meta) < 0)
            return -1;
        if (seed_run(s, ins, "ssssss", seed_new_id(id, "optval"), value, p->opt_ids[i], variant_id,
                     meta, seed_stamp(s)) < 0)
            return -1;
        len += strlen(value) + 1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    if (!(combo = malloc(len + 1)))
        return seed_fail(s, "out of memory");
    combo[0] = '\0';
    for (size_t i = 0, o = 0; i < n; i++) {
        const char *v = json_object_get_string(
            json_object_object_get(json_object_array_get_idx(arr, i), "value"));
        o += (size_t)snprintf(combo + o, len + 1 - o, "%s\x1f", v);
    }
    for (size_t k = 0; k < p->ncombos; k++)
        if (n && !strcmp(p->combos[k], combo)) {
            free(combo);
            return seed_fail(s, "Variant with title %s with provided options already exists",
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
        return seed_fail(s, "out of memory");
    }
    p->combos[p->ncombos] = combo;
    p->titles[p->ncombos++] = title;
    return 0;
}

static int variant_price(struct seed *s, json_object *e, size_t i, void *arg)
{
    (void)i;
    return seed_insert_price(s, e, (const char *)arg, NULL);
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
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "title", 1, &title) < 0 ||
        seed_get_str(s, e, "sku", 0, &sku) < 0 || seed_get_str(s, e, "barcode", 0, &barcode) < 0 ||
        seed_get_str(s, e, "ean", 0, &ean) < 0 || seed_get_str(s, e, "upc", 0, &upc) < 0 ||
        seed_get_int(s, e, "variant_rank", 0, &has_rank, &rank) < 0 ||
        seed_get_int(s, e, "inventory_quantity", 0, &has_qty, &qty) < 0 ||
        seed_get_bool(s, e, "allow_backorder", 0, &backorder) < 0 ||
        seed_get_bool(s, e, "manage_inventory", 1, &manage) < 0 ||
        seed_get_str(s, e, "hs_code", 0, &hs) < 0 ||
        seed_get_str(s, e, "origin_country", 0, &origin) < 0 ||
        seed_get_str(s, e, "mid_code", 0, &mid) < 0 ||
        seed_get_str(s, e, "material", 0, &material) < 0 ||
        seed_get_int(s, e, "weight", 0, &hw, &w) < 0 ||
        seed_get_int(s, e, "length", 0, &hl, &l) < 0 ||
        seed_get_int(s, e, "height", 0, &hh, &h) < 0 ||
        seed_get_int(s, e, "width", 0, &hwd, &wd) < 0 || seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    /* Medusa: a variant_rank of 0 or none means "after the existing variants" */
    if (!has_rank || !rank)
        rank = p->rank;
    p->rank++;
    if (seed_run(s, ins, "sssssssiibbssssnnnnss", seed_new_id(id, "variant"), title, p->id, sku,
                 barcode, ean, upc, rank, has_qty ? qty : 0, backorder, manage, hs, origin, mid,
                 material, hw, w, hl, l, hh, h, hwd, wd, meta, seed_stamp(s)) < 0)
        return -1;
    if (variant_options(s, e, p, id, title) < 0)
        return -1;
    if (seed_each(s, e, "prices", price_keys, variant_price, id) < 0)
        return -1;
    s->counts[N_VARIANTS]++;
    return seed_link_add(s, K_VARIANT, fid, id);
}

static int product_type(struct seed *s, json_object *e, char out[ID_MAX])
{
    static const char *const keys[] = {"id", "value", "metadata", NULL};
    json_object *t;
    const char *value, *meta;
    size_t old;
    if (seed_link_key(s, e, "type_id", K_TYPE, 0, out) < 0 ||
        seed_field(s, e, "type", W_OBJ, 0, &t) < 0)
        return -1;
    if (!t)
        return 0;
    old = seed_path_key(s, "type");
    if (seed_check_keys(s, t, keys) < 0 || seed_link_key(s, t, "id", K_TYPE, 0, out) < 0 ||
        seed_get_str(s, t, "value", 0, &value) < 0 || seed_get_meta(s, t, "metadata", &meta) < 0)
        return -1;
    if (!out[0] && !value)
        return seed_fail(s, "a type needs a value or an id");
    if (!out[0] && seed_upsert_value(s, K_TYPE, value, meta, out) < 0)
        return -1;
    seed_path_pop(s, old);
    return 0;
}

static void product_ctx_release(struct product_ctx *p)
{
    for (size_t k = 0; k < p->ncombos; k++)
        free(p->combos[k]);
    free(p->combos);
    free(p->titles);
}

const char *const seed_product_keys[] = {
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
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "title", 1, &title) < 0 ||
        seed_get_str(s, e, "subtitle", 0, &subtitle) < 0 ||
        seed_get_str(s, e, "description", 0, &desc) < 0 ||
        seed_get_str(s, e, "handle", 0, &handle) < 0 ||
        seed_get_bool(s, e, "is_giftcard", 0, &gc) < 0 ||
        seed_get_bool(s, e, "discountable", 1, &disc) < 0 ||
        seed_get_enum(s, e, "status", statuses, "published", &status) < 0 ||
        seed_get_str(s, e, "thumbnail", 0, &thumb) < 0 ||
        seed_get_str(s, e, "hs_code", 0, &hs) < 0 ||
        seed_get_str(s, e, "origin_country", 0, &origin) < 0 ||
        seed_get_str(s, e, "mid_code", 0, &mid) < 0 ||
        seed_get_str(s, e, "material", 0, &material) < 0 ||
        seed_get_str(s, e, "external_id", 0, &ext) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0 ||
        seed_get_int(s, e, "weight", 0, &hw, &w) < 0 ||
        seed_get_int(s, e, "length", 0, &hl, &l) < 0 ||
        seed_get_int(s, e, "height", 0, &hh, &h) < 0 ||
        seed_get_int(s, e, "width", 0, &hwd, &wd) < 0 ||
        seed_get_str(s, e, "profile_id", 0, &profile) < 0 ||
        seed_link_key(s, e, "collection_id", K_COLLECTION, 0, collection) < 0 ||
        product_type(s, e, type) < 0 || seed_field(s, e, "images", W_ARR, 0, &images) < 0)
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
    if (seed_run(s, ins, "sssssbsssnnnnssssssbsss", seed_new_id(p->id, "prod"), title, subtitle,
                 desc, handle, gc, status, thumb, profile, hw, w, hl, l, hh, h, hwd, wd, hs, origin,
                 mid, material, collection[0] ? collection : NULL, type[0] ? type : NULL, disc, ext,
                 meta, seed_stamp(s)) < 0 ||
        seed_run(s, ins_profile, "ss", profile, p->id) < 0)
        return -1;
    if (product_images(s, e, p->id) < 0 ||
        seed_each(s, e, "tags", tag_keys, product_tag, p->id) < 0 ||
        seed_each_link(s, e, "categories", K_CATEGORY, product_category, p->id) < 0)
        return -1;
    /* seed.ts puts every product in the default sales channel; listed channels are added */
    if (seed_add_product_channel(s, p->id, s->default_sc) < 0 ||
        seed_each_link(s, e, "sales_channels", K_SALES_CHANNEL, product_channel, p->id) < 0)
        return -1;
    if (seed_each(s, e, "options", option_keys, product_option, p) < 0 ||
        seed_each(s, e, "variants", variant_keys, product_variant, p) < 0)
        return -1;
    s->counts[N_PRODUCTS]++;
    return seed_link_add(s, K_PRODUCT, fid, p->id);
}

int seed_product(struct seed *s, json_object *e, size_t i, void *arg)
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
