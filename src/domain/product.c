/* product.c: products created, updated and deleted from the Admin API, as Medusa v1's
 * create-product.ts / update-product.ts and ProductService do. Database errors Medusa would get
 * from a constraint (handle, sku, foreign keys) are checked first and get the text Medusa's
 * exception formatter makes of PostgreSQL's ("Product with handle x already exists."). */
#include "domain/product.h"

#include <string.h>

#include "core/sbuf.h"
#include "core/slug.h"
#include "db/product_admin.h"
#include "db/shipping_option.h"
#include "domain/metadata.h"

/* formatException of a foreign-key violation: "{Table} with {column} {value} does not exist." */
static int must_exist(struct ctx *c, const char *table, const char *label, const char *col,
                      const char *id)
{
    int rc = db_row_exists(c, table, id);
    if (rc < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_NOT_FOUND, "%s with %s %s does not exist.", label, col, id);
    return 0;
}

static int check_links(struct ctx *c, const struct product_input *in)
{
    if (in->collection_id && must_exist(c, "product_collection", "Product_collection",
                                        "collection_id", in->collection_id) < 0)
        return -1;
    for (int i = 0; i < in->nchannels; i++)
        if (must_exist(c, "sales_channel", "Sales_channel", "sales_channel_id",
                       in->channel_ids[i]) < 0)
            return -1;
    for (int i = 0; i < in->ncategories; i++)
        if (must_exist(c, "product_category", "Product_category", "product_category_id",
                       in->category_ids[i]) < 0)
            return -1;
    return 0;
}

static int check_handle(struct ctx *c, const char *handle, const char *id)
{
    int rc = db_product_handle_taken(c, handle, id);
    if (rc < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE, "Product with handle %s already exists.", handle);
    return 0;
}

/* The join tables save() writes: images, tags, categories, sales channels. */
static int links(struct ctx *c, const char *id, const struct product_input *in)
{
    if (in->nimages >= 0 && db_product_set_images(c, id, in->images, in->nimages) < 0)
        return -1;
    if (in->ntags >= 0 && db_product_set_tags(c, id, in->tag_ids, in->tag_values, in->ntags) < 0)
        return -1;
    if (in->ncategories >= 0 &&
        db_product_set_categories(c, id, in->category_ids, in->ncategories) < 0)
        return -1;
    if (in->nchannels >= 0 && db_product_set_channels(c, id, in->channel_ids, in->nchannels) < 0)
        return -1;
    return 0;
}

static void dims(struct product_row *row, const struct product_input *in)
{
    if (in->has_weight)
        row->has_weight = 1, row->weight = in->weight;
    if (in->has_length)
        row->has_length = 1, row->length = in->length;
    if (in->has_height)
        row->has_height = 1, row->height = in->height;
    if (in->has_width)
        row->has_width = 1, row->width = in->width;
}

static int price_insert(struct ctx *c, const char *variant_id, const struct price_input *p)
{
    const char *currency = p->currency_code;
    if (p->id && !p->region_id && !p->currency_code)
        return err_set(c, ERR_NOT_FOUND, "Money amount with id: %s was not found", p->id);
    if (p->region_id) {
        /* Medusa maps the region's prices from a list of the regions found: an unknown region
         * is a TypeError, its generic 500. Region prices keep only the amount. */
        if (!(currency = db_region_currency(c, p->region_id)))
            return err_set(c, ERR_UNKNOWN, "region %s not found for a price", p->region_id);
        return db_variant_price_insert(c, variant_id, currency, p->region_id, p->amount, NULL,
                                       NULL);
    }
    if (must_exist(c, "currency", "Currency", "currency_code", currency) < 0)
        return -1;
    return db_variant_price_insert(c, variant_id, currency, NULL, p->amount,
                                   p->has_min ? &p->min_quantity : NULL,
                                   p->has_max ? &p->max_quantity : NULL);
}

static int variant_unique(struct ctx *c, const char *col, const char *value)
{
    int rc;
    if (!value)
        return 0;
    if ((rc = db_variant_value_taken(c, col, value)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE, "Product_variant with %s %s already exists.", col, value);
    return 0;
}

/* ProductVariantService.create for one variant of a product whose options are opt_ids. */
static int variant_create(struct ctx *c, const char *product_id, const struct variant_input *v,
                          int64_t rank, const char *const *opt_ids, const char *const *opt_titles,
                          int nopt)
{
    struct variant_row row = {0};
    const char *vid;
    if (v->noptions != nopt)
        return err_set(c, ERR_INVALID_DATA,
                       "Product options length does not match variant options length. Product "
                       "has %d and variant has %d.",
                       nopt, v->noptions);
    (void)opt_titles; /* by position, every option gets a value */
    if (variant_unique(c, "sku", v->sku) < 0 || variant_unique(c, "ean", v->ean) < 0 ||
        variant_unique(c, "upc", v->upc) < 0 || variant_unique(c, "barcode", v->barcode) < 0)
        return -1;
    row.title = v->title;
    row.sku = v->sku;
    row.barcode = v->barcode;
    row.ean = v->ean;
    row.upc = v->upc;
    row.hs_code = v->hs_code;
    row.origin_country = v->origin_country;
    row.mid_code = v->mid_code;
    row.material = v->material;
    row.metadata = v->metadata ? metadata_merge(c, NULL, v->metadata) : NULL;
    row.inventory_quantity = v->inventory_quantity;
    row.variant_rank = rank;
    row.allow_backorder = v->allow_backorder > 0;
    row.manage_inventory = v->manage_inventory != 0;
    row.has_weight = v->has_weight, row.weight = v->weight;
    row.has_length = v->has_length, row.length = v->length;
    row.has_height = v->has_height, row.height = v->height;
    row.has_width = v->has_width, row.width = v->width;
    if (!(vid = db_variant_insert(c, product_id, &row)))
        return -1;
    for (int i = 0; i < nopt; i++)
        if (db_option_value_insert(c, vid, opt_ids[i], v->option_values[i]) < 0)
            return -1;
    if (v->nprices < 0)
        return 0;
    for (int i = 0; i < v->nprices; i++)
        if (price_insert(c, vid, &v->prices[i]) < 0)
            return -1;
    return 0;
}

int product_create(struct ctx *c, const struct product_input *in, const char **id)
{
    struct product_row row = {0};
    char *handle;
    const char **opt_ids;
    const char *default_sc;
    struct product_input links_in = *in;
    int nopt = in->noptions > 0 ? in->noptions : 0;

    row.title = in->title;
    row.subtitle = in->subtitle;
    row.description = in->description;
    row.status = in->status ? in->status : "draft";
    row.is_giftcard = in->is_giftcard > 0;
    /* A gift card is never discountable. */
    row.discountable = row.is_giftcard ? 0 : in->discountable != 0;
    row.thumbnail = in->thumbnail;
    if (!row.thumbnail && in->nimages > 0)
        row.thumbnail = in->images[0];
    row.collection_id = in->collection_id;
    row.hs_code = in->hs_code;
    row.origin_country = in->origin_country;
    row.mid_code = in->mid_code;
    row.material = in->material;
    /* The repository's create() keeps metadata as given (no setMetadata on create). */
    row.metadata = in->metadata ? metadata_merge(c, NULL, in->metadata) : NULL;
    dims(&row, in);
    if (in->handle && *in->handle) {
        row.handle = in->handle;
    } else {
        size_t n = strlen(in->title) * 2 + 1;
        handle = arena_alloc(&c->arena, n);
        slug_kebab(handle, n, in->title);
        row.handle = handle;
    }
    if (!(row.profile_id =
              db_shipping_profile_of_type(c, row.is_giftcard ? "gift_card" : "default")))
        return -1;
    /* With the sales-channel flag on, no channels means the store's default one. */
    if (in->nchannels <= 0 && (default_sc = db_store_default_channel(c))) {
        const char **one = arena_alloc(&c->arena, sizeof(*one));
        one[0] = default_sc;
        links_in.channel_ids = one;
        links_in.nchannels = 1;
    }
    if (in->type_value && !(row.type_id = db_product_type_upsert(c, in->type_value)))
        return -1;
    if (check_handle(c, row.handle, NULL) < 0 || check_links(c, &links_in) < 0)
        return -1;
    if (!(*id = db_product_insert(c, &row)) || db_product_set_profile(c, *id, row.profile_id) < 0 ||
        links(c, *id, &links_in) < 0)
        return -1;
    opt_ids = arena_alloc(&c->arena, sizeof(*opt_ids) * (size_t)(nopt + 1));
    for (int i = 0; i < nopt; i++)
        if (!(opt_ids[i] = db_product_option_insert(c, *id, in->option_titles[i])))
            return -1;
    for (int i = 0; i < in->nvariants; i++)
        if (variant_create(c, *id, &in->variants[i], i, opt_ids, in->option_titles, nopt) < 0)
            return -1;
    return 0;
}

static int variants_sync(struct ctx *c, const char *id, const struct product_input *in);

int product_update(struct ctx *c, const char *id, const struct product_input *in)
{
    struct product_row row;
    int rc = db_product_load_row(c, id, &row);
    if (rc < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "Product with id: %s was not found", id);
    if (!row.thumbnail && !in->thumbnail && in->nimages > 0)
        row.thumbnail = in->images[0];
    if (in->metadata)
        row.metadata = metadata_merge(c, row.metadata, in->metadata);
    if (in->type_value && !(row.type_id = db_product_type_upsert(c, in->type_value)))
        return -1;
    /* Every defined scalar of the body is written. */
    if (in->title)
        row.title = in->title;
    if (in->subtitle)
        row.subtitle = in->subtitle;
    if (in->description)
        row.description = in->description;
    if (in->handle)
        row.handle = in->handle;
    if (in->thumbnail)
        row.thumbnail = in->thumbnail;
    if (in->status)
        row.status = in->status;
    if (in->collection_id)
        row.collection_id = in->collection_id;
    if (in->hs_code)
        row.hs_code = in->hs_code;
    if (in->origin_country)
        row.origin_country = in->origin_country;
    if (in->mid_code)
        row.mid_code = in->mid_code;
    if (in->material)
        row.material = in->material;
    if (in->discountable >= 0)
        row.discountable = in->discountable;
    dims(&row, in);
    if ((in->handle && check_handle(c, row.handle, id) < 0) || check_links(c, in) < 0)
        return -1;
    if (db_product_update_row(c, id, &row) < 0 || links(c, id, in) < 0)
        return -1;
    return in->nvariants >= 0 ? variants_sync(c, id, in) : 0;
}

/* A new variant in an update: its {value, option_id} pairs are matched to the product's options
 * (validateVariantsToCreate_), and the combination must be new. */
static int variant_add(struct ctx *c, const char *product_id, const struct variant_input *v,
                       int64_t rank)
{
    const char **opt_ids, **titles, **values, *taken;
    int nopt = db_product_options(c, product_id, &opt_ids, &titles), rc;
    if (nopt < 0)
        return -1;
    if (v->noptions != nopt)
        return err_set(c, ERR_INVALID_DATA,
                       "Product options length does not match variant options length. Product "
                       "has %d and variant has %d.",
                       nopt, v->noptions);
    values = arena_alloc(&c->arena, sizeof(*values) * (size_t)(nopt + 1));
    for (int i = 0; i < nopt; i++) {
        values[i] = NULL;
        for (int k = 0; k < v->noptions; k++)
            if (v->option_ids[k] && !strcmp(v->option_ids[k], opt_ids[i]))
                values[i] = v->option_values[k];
        if (!values[i])
            return err_set(c, ERR_INVALID_DATA, "Variant options do not contain value for %s",
                           titles[i]);
    }
    if ((rc = db_variant_combo_taken(c, product_id, opt_ids, values, nopt, &taken)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE,
                       "Variant with title %s with provided options already exists", taken);
    {
        struct variant_input byorder = *v;
        byorder.option_values = values;
        return variant_create(c, product_id, &byorder, rank, opt_ids, titles, nopt);
    }
}

/* A unique variant column given a new value (the unique index Medusa would hit). */
static int changed_unique(struct ctx *c, const char *col, const char *value, const char *old)
{
    if (!value || (old && !strcmp(value, old)))
        return 0;
    return variant_unique(c, col, value);
}

/* An existing variant: the fields given, its new rank (< 0: kept), its prices replaced when
 * given. */
static int variant_change(struct ctx *c, const struct variant_input *v, int64_t rank)
{
    struct variant_row row;
    struct price_input *prices;
    if (db_variant_load_row(c, v->id, &row) != 0)
        return -1;
    if (changed_unique(c, "sku", v->sku, row.sku) < 0 ||
        changed_unique(c, "ean", v->ean, row.ean) < 0 ||
        changed_unique(c, "upc", v->upc, row.upc) < 0 ||
        changed_unique(c, "barcode", v->barcode, row.barcode) < 0)
        return -1;
#define SET(f)                                                                                     \
    if (v->f)                                                                                      \
    row.f = v->f
    SET(title);
    SET(sku);
    SET(ean);
    SET(upc);
    SET(barcode);
    SET(hs_code);
    SET(origin_country);
    SET(mid_code);
    SET(material);
#undef SET
    if (v->metadata)
        row.metadata = metadata_merge(c, row.metadata, v->metadata);
    if (v->has_inventory)
        row.inventory_quantity = v->inventory_quantity;
    if (v->allow_backorder >= 0)
        row.allow_backorder = v->allow_backorder;
    if (v->manage_inventory >= 0)
        row.manage_inventory = v->manage_inventory;
    if (v->has_weight)
        row.has_weight = 1, row.weight = v->weight;
    if (v->has_length)
        row.has_length = 1, row.length = v->length;
    if (v->has_height)
        row.has_height = 1, row.height = v->height;
    if (v->has_width)
        row.has_width = 1, row.width = v->width;
    if (rank >= 0)
        row.variant_rank = rank;
    if (db_variant_update_row(c, v->id, &row) < 0)
        return -1;
    if (v->nprices < 0)
        return 0;
    /* updateVariantPrices: the listed prices replace the others; one given by id keeps its
     * region or currency. */
    prices = arena_alloc(&c->arena, sizeof(*prices) * (size_t)(v->nprices + 1));
    for (int i = 0; i < v->nprices; i++) {
        prices[i] = v->prices[i];
        if (prices[i].id && !prices[i].region_id && !prices[i].currency_code) {
            const char *region, *currency;
            int rc = db_variant_price_of(c, v->id, prices[i].id, &region, &currency);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                prices[i].region_id = region;
                prices[i].currency_code = region ? NULL : currency;
            }
        }
    }
    if (db_variant_prices_clear(c, v->id) < 0)
        return -1;
    for (int i = 0; i < v->nprices; i++)
        if (price_insert(c, v->id, &prices[i]) < 0)
            return -1;
    return 0;
}

/* update-product.ts: the variants listed become the product's, in their order. */
static int variants_sync(struct ctx *c, const char *id, const struct product_input *in)
{
    const char **have;
    int n = db_product_variant_ids(c, id, &have);
    struct sbuf foreign = SBUF_INIT;
    if (n < 0)
        return -1;
    for (int i = 0; i < in->nvariants; i++) {
        int found = 0;
        if (!in->variants[i].id)
            continue;
        for (int k = 0; k < n && !found; k++)
            found = !strcmp(have[k], in->variants[i].id);
        if (!found)
            sbuf_addf(&foreign, "%s%s", foreign.len ? ", " : "", in->variants[i].id);
    }
    if (foreign.len) {
        err_set(c, ERR_NOT_FOUND, "Variants with id: %s are not associated with this product",
                foreign.buf);
        sbuf_release(&foreign);
        return -1;
    }
    sbuf_release(&foreign);
    for (int k = 0; k < n; k++) {
        int listed = 0;
        for (int i = 0; i < in->nvariants && !listed; i++)
            listed = in->variants[i].id && !strcmp(have[k], in->variants[i].id);
        if (!listed && db_variant_soft_delete(c, have[k]) < 0)
            return -1;
    }
    for (int i = 0; i < in->nvariants; i++)
        if (in->variants[i].id && variant_change(c, &in->variants[i], i) < 0)
            return -1;
    for (int i = 0; i < in->nvariants; i++)
        if (!in->variants[i].id && variant_add(c, id, &in->variants[i], i) < 0)
            return -1;
    return 0;
}

int product_delete(struct ctx *c, const char *id)
{
    return db_product_soft_delete(c, id);
}

/* ProductService.retrieve's 404. */
static int product_must_exist(struct ctx *c, const char *id)
{
    int rc = db_row_exists(c, "product", id);
    if (rc < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_NOT_FOUND, "Product with id: %s was not found", id);
    return 0;
}

int product_variant_create(struct ctx *c, const char *product_id, const struct variant_input *v)
{
    const char **ids;
    int rc = db_row_exists(c, "product", product_id), n;
    if (rc < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_INVALID_DATA, "Product id missing");
    if ((n = db_product_variant_ids(c, product_id, &ids)) < 0)
        return -1;
    return variant_add(c, product_id, v, n);
}

int product_variant_update(struct ctx *c, const char *product_id, const struct variant_input *v)
{
    const char *owner = db_variant_product_id(c, v->id);
    if (!owner && c->err.type != ERR_NONE)
        return -1;
    /* Medusa would move a variant of another product to this one; it is not found here. */
    if (!owner || strcmp(owner, product_id))
        return err_set(c, ERR_NOT_FOUND, "Variant with id: %s was not found", v->id);
    for (int i = 0; i < v->noptions; i++) {
        int rc;
        if (!v->option_ids[i])
            continue;
        if ((rc = db_option_value_set(c, v->id, v->option_ids[i], v->option_values[i])) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_NOT_FOUND, "Product option value not found");
    }
    return variant_change(c, v, -1);
}

int product_variant_delete(struct ctx *c, const char *product_id, const char *variant_id)
{
    const char *owner = db_variant_product_id(c, variant_id);
    if (!owner)
        return c->err.type != ERR_NONE ? -1 : 0;
    /* Medusa deletes the variant whatever its product; here only the product's own. */
    if (strcmp(owner, product_id))
        return 0;
    return db_variant_soft_delete(c, variant_id);
}

int product_option_add(struct ctx *c, const char *product_id, const char *title)
{
    const char *id;
    int rc;
    if (product_must_exist(c, product_id) < 0)
        return -1;
    if ((rc = db_product_option_title_taken(c, product_id, title, NULL, 0)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_DUPLICATE, "An option with the title: %s already exists", title);
    if (!(id = db_product_option_insert(c, product_id, title)))
        return -1;
    return db_option_values_fill(c, product_id, id, "Default Value");
}

int product_option_update(struct ctx *c, const char *product_id, const char *option_id,
                          const char *title)
{
    int rc;
    if (product_must_exist(c, product_id) < 0)
        return -1;
    if ((rc = db_product_option_title_taken(c, product_id, title, option_id, 1)) < 0)
        return -1;
    /* Medusa's type for this one is not_found. */
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "An option with title %s already exists", title);
    if ((rc = db_product_option_exists(c, product_id, option_id)) < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_NOT_FOUND, "Option with id: %s does not exist", option_id);
    return db_product_option_set_title(c, option_id, title);
}

int product_option_delete(struct ctx *c, const char *product_id, const char *option_id)
{
    int rc;
    if (product_must_exist(c, product_id) < 0)
        return -1;
    if ((rc = db_product_option_exists(c, product_id, option_id)) <= 0)
        return rc;
    /* Deleting an option must not leave two variants with the same values. */
    if ((rc = db_option_distinct_values(c, product_id, option_id)) < 0)
        return -1;
    if (rc > 1)
        return err_set(c, ERR_INVALID_DATA,
                       "To delete an option, first delete all variants, such that when an option "
                       "is deleted, no duplicate variants will exist.");
    return db_product_option_soft_delete(c, option_id);
}
