/* product_export.c: the product-export strategy (product_export.h), writing what Medusa 1.20's
 * ProductExportStrategy writes (strategies/batch-jobs/product/export.ts): ';'-separated, CRLF
 * line ends, Medusa's cell quoting, the fixed product and variant columns, then the dynamic ones
 * sized by the catalogue (pre-processing measures it): prices, options, images, sales channels,
 * categories. Amounts in major units as humanizeAmount gives them (a zero amount is an empty
 * cell, as Medusa's). Differences on purpose: "Sales Channel N Id" holds the channel's id
 * (Medusa repeats the name there), and a region's price gets only its "Price <region> [CUR]"
 * column (Medusa also copies it into a "Price CUR" column), so the file imports back as it was. */
#include "domain/product_export.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/money.h"
#include "core/sbuf.h"
#include "db/catalog_io.h"
#include "db/db.h"
#include "db/entities.h"
#include "domain/batch_job.h"

#define PAGE 50

/* Medusa's fixed export columns, in order; P_ product, V_ variant accessors below. */
static const char *const fixed_header[] = {
    "Product Id",
    "Product Handle",
    "Product Title",
    "Product Subtitle",
    "Product Description",
    "Product Status",
    "Product Thumbnail",
    "Product Weight",
    "Product Length",
    "Product Width",
    "Product Height",
    "Product HS Code",
    "Product Origin Country",
    "Product MID Code",
    "Product Material",
    "Product Collection Title",
    "Product Collection Handle",
    "Product Type",
    "Product Tags",
    "Product Discountable",
    "Product External Id",
    "Product Profile Name",
    "Product Profile Type",
    "Variant Id",
    "Variant Title",
    "Variant SKU",
    "Variant Barcode",
    "Variant Inventory Quantity",
    "Variant Allow Backorder",
    "Variant Manage Inventory",
    "Variant Weight",
    "Variant Length",
    "Variant Width",
    "Variant Height",
    "Variant HS Code",
    "Variant Origin Country",
    "Variant MID Code",
    "Variant Material",
};

int product_export_prepare(struct ctx *c, struct json_object *context, const char **out)
{
    struct json_object *ff = json_get(context, "filterable_fields"), *o;
    size_t len;
    if (ff && (!json_object_is_type(ff, json_type_object) || json_object_object_length(ff)))
        return err_set(c, ERR_INVALID_DATA,
                       "filterable_fields: the export takes the whole catalogue, without filters");
    /* Medusa's prepareBatchJobForProcessing keeps the other keys and adds list_config. */
    o = json_own(&c->arena, json_object_new_object());
    json_object_object_foreach(context, k, v)
    {
        if (strcmp(k, "limit") && strcmp(k, "offset") && strcmp(k, "order") &&
            strcmp(k, "fields") && strcmp(k, "expand") && strcmp(k, "filterable_fields"))
            json_object_object_add(o, k, json_share(v));
    }
    json_set(o, "list_config",
             json_tokener_parse("{\"skip\":0,\"take\":50,\"order\":{\"created_at\":\"DESC\"}}"));
    *out = arena_strdup(&c->arena, json_text(o, &len));
    return 0;
}

/* The dry run's shape into the context and its count into the result. */
struct shape_write {
    struct job_run *run;
    const char *context, *result;
};

static int shape_tx(void *arg)
{
    struct shape_write *w = arg;
    struct ctx *c = w->run->c;
    if (db_batch_job_merge_context(c, w->run->job->id, w->context) < 0)
        return -1;
    return db_batch_job_merge_result(c, w->run->job->id, w->result);
}

int product_export_preprocess(struct job_run *run)
{
    struct ctx *c = run->c;
    struct shape_write w;
    struct export_shape s;
    const char **cur, **rid, **rname;
    struct json_object *shape, *prices, *ctx_patch;
    int n;
    size_t len;
    const char *result;
    if (db_io_export_shape(c, &s) < 0 || db_io_export_price_columns(c, &cur, &rid, &rname, &n) < 0)
        return -1;
    shape = json_object_new_object();
    prices = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *pd = json_object_new_object(), *region;
        json_set_str(pd, "currency_code", rid[i] ? NULL : cur[i]);
        if (rid[i]) {
            region = json_object_new_object();
            json_set_str(region, "currency_code", cur[i]);
            json_set_str(region, "name", rname[i]);
            json_set_str(region, "id", rid[i]);
            json_set(pd, "region", region);
        } else {
            json_set_null(pd, "region");
        }
        json_object_array_add(prices, pd);
    }
    json_set(shape, "prices", prices);
    json_set_int(shape, "dynamicOptionColumnCount", s.options);
    json_set_int(shape, "dynamicImageColumnCount", s.images);
    json_set_int(shape, "dynamicSalesChannelsColumnCount", s.channels);
    json_set_int(shape, "dynamicProductCategoriesColumnCount", s.categories);
    ctx_patch = json_own(&c->arena, json_object_new_object());
    json_set(ctx_patch, "shape", shape);
    result = arena_printf(&c->arena,
                          "{\"stat_descriptors\":[{\"key\":\"product-export-count\",\"name\":"
                          "\"Product count to export\",\"message\":\"There will be %lld products "
                          "exported by this action\"}]}",
                          (long long)s.products);
    w.run = run;
    w.context = json_text(ctx_patch, &len);
    w.result = result;
    if (job_tx(c, shape_tx, &w) < 0)
        return -1;
    /* The shape must also be what this run's process() sees. */
    json_object_object_add(run->context, "shape", json_share(shape));
    return 0;
}

/* ---- writing -------------------------------------------------------------------------------- */

struct shape {
    int options, images, channels, categories, nprices;
    const char **price_currency, **price_region; /* region id, or NULL for a currency column */
};

static void read_shape(struct arena *a, struct json_object *context, struct shape *s)
{
    struct json_object *sh = json_get(context, "shape"), *prices = json_get(sh, "prices");
    struct json_object *v;
    memset(s, 0, sizeof(*s));
    s->options = (v = json_get(sh, "dynamicOptionColumnCount")) ? json_object_get_int(v) : 0;
    s->images = (v = json_get(sh, "dynamicImageColumnCount")) ? json_object_get_int(v) : 0;
    s->channels =
        (v = json_get(sh, "dynamicSalesChannelsColumnCount")) ? json_object_get_int(v) : 0;
    s->categories =
        (v = json_get(sh, "dynamicProductCategoriesColumnCount")) ? json_object_get_int(v) : 0;
    s->nprices =
        json_object_is_type(prices, json_type_array) ? (int)json_object_array_length(prices) : 0;
    /* The strings live in the context's tree, which lasts the whole run. */
    s->price_currency = arena_calloc(a, sizeof(char *) * ((size_t)s->nprices + 1));
    s->price_region = arena_calloc(a, sizeof(char *) * ((size_t)s->nprices + 1));
    for (int i = 0; i < s->nprices; i++) {
        struct json_object *pd = json_object_array_get_idx(prices, (size_t)i);
        struct json_object *region = json_get(pd, "region");
        s->price_region[i] = json_get_str_opt(region, "id");
        s->price_currency[i] = s->price_region[i] ? json_get_str_opt(region, "currency_code")
                                                  : json_get_str_opt(pd, "currency_code");
    }
}

static void header(struct sbuf *out, struct json_object *context, const struct shape *s)
{
    struct json_object *prices = json_get(json_get(context, "shape"), "prices");
    for (size_t i = 0; i < sizeof(fixed_header) / sizeof(fixed_header[0]); i++) {
        if (i)
            sbuf_addc(out, ';');
        sbuf_adds(out, fixed_header[i]);
    }
    for (int i = 0; i < s->nprices; i++) {
        struct json_object *pd = json_object_array_get_idx(prices, (size_t)i);
        struct json_object *region = json_get(pd, "region");
        char name[256], cur[8] = {0};
        const char *code = region ? json_get_str_opt(region, "currency_code")
                                  : json_get_str_opt(pd, "currency_code");
        for (int k = 0; code && code[k] && k < 7; k++)
            cur[k] = (char)(code[k] >= 'a' && code[k] <= 'z' ? code[k] - 32 : code[k]);
        if (region)
            snprintf(name, sizeof(name), "Price %s [%s]", json_get_str_opt(region, "name"), cur);
        else
            snprintf(name, sizeof(name), "Price %s", cur);
        sbuf_addc(out, ';');
        csv_write_field(out, name);
    }
    for (int i = 1; i <= s->options; i++)
        sbuf_addf(out, ";Option %d Name;Option %d Value", i, i);
    for (int i = 1; i <= s->images; i++)
        sbuf_addf(out, ";Image %d Url", i);
    for (int i = 1; i <= s->channels; i++)
        sbuf_addf(out, ";Sales Channel %d Id;Sales Channel %d Name;Sales Channel %d Description", i,
                  i, i);
    for (int i = 1; i <= s->categories; i++)
        sbuf_addf(out,
                  ";Product Category %d Handle;Product Category %d Name;Product Category %d "
                  "Description",
                  i, i, i);
    sbuf_add(out, "\r\n", 2);
}

/* A value as JavaScript's toString() writes it (numbers, booleans), "" for null. */
static void cell(struct sbuf *out, struct json_object *v)
{
    sbuf_addc(out, ';');
    if (!v)
        return;
    switch (json_object_get_type(v)) {
    case json_type_string:
        csv_write_field(out, json_object_get_string(v));
        break;
    case json_type_boolean:
        sbuf_adds(out, json_object_get_boolean(v) ? "true" : "false");
        break;
    case json_type_int:
        sbuf_addf(out, "%lld", (long long)json_object_get_int64(v));
        break;
    case json_type_double:
        sbuf_addf(out, "%.15g", json_object_get_double(v));
        break;
    default:
        break;
    }
}

static struct json_object *at(struct json_object *arr, int i)
{
    return json_object_is_type(arr, json_type_array) && i < (int)json_object_array_length(arr)
               ? json_object_array_get_idx(arr, (size_t)i)
               : NULL;
}

/* humanizeAmount(amount).toString(): minor units over 100 (1 for zero-decimal currencies),
 * written as JavaScript writes the quotient; 0 is "" (Medusa's `price?.amount ? ... : ""`). */
static void amount_cell(struct sbuf *out, int64_t amount, const char *currency)
{
    sbuf_addc(out, ';');
    if (!amount)
        return;
    if (!money_decimals(currency)) {
        sbuf_addf(out, "%lld", (long long)amount);
        return;
    }
    int64_t a = amount < 0 ? -amount : amount, whole = a / 100, cents = a % 100;
    sbuf_addf(out, "%s%lld", amount < 0 ? "-" : "", (long long)whole);
    if (cents % 10)
        sbuf_addf(out, ".%02lld", (long long)cents);
    else if (cents)
        sbuf_addf(out, ".%lld", (long long)(cents / 10));
}

/* A price of the column: the region's (region_id set) or the currency's without a region. */
static int price_matches(struct json_object *pr, const char *region_id, const char *currency)
{
    const char *region = json_get_str_opt(pr, "region_id");
    const char *cur = json_get_str_opt(pr, "currency_code");
    if (region_id)
        return region && !strcmp(region, region_id);
    return !region && cur && currency && !strcmp(cur, currency);
}

static void product_lines(struct sbuf *out, struct json_object *p, const struct shape *s)
{
    struct json_object *variants = json_get(p, "variants"), *tags = json_get(p, "tags");
    struct json_object *profile = at(json_get(p, "profiles"), 0), *options = json_get(p, "options");
    struct sbuf tagtext = SBUF_INIT;
    for (int i = 0;
         json_object_is_type(tags, json_type_array) && i < (int)json_object_array_length(tags); i++)
        sbuf_addf(&tagtext, "%s%s", i ? "," : "", json_get_str_opt(at(tags, i), "value"));
    for (int vi = 0; vi < (json_object_is_type(variants, json_type_array)
                               ? (int)json_object_array_length(variants)
                               : 0);
         vi++) {
        struct json_object *v = at(variants, vi), *vprices = json_get(v, "prices");
        struct json_object *vopts = json_get(v, "options");
        size_t mark = out->len;
        static const char *const pcols[] = {
            "id",       "handle", "title", "subtitle", "description", "status",         "thumbnail",
            "weight",   "length", "width", "height",   "hs_code",     "origin_country", "mid_code",
            "material", NULL};
        static const char *const vcols[] = {"id",
                                            "title",
                                            "sku",
                                            "barcode",
                                            "inventory_quantity",
                                            "allow_backorder",
                                            "manage_inventory",
                                            "weight",
                                            "length",
                                            "width",
                                            "height",
                                            "hs_code",
                                            "origin_country",
                                            "mid_code",
                                            "material",
                                            NULL};
        for (int i = 0; pcols[i]; i++)
            cell(out, json_get(p, pcols[i]));
        cell(out, json_get(json_get(p, "collection"), "title"));
        cell(out, json_get(json_get(p, "collection"), "handle"));
        cell(out, json_get(json_get(p, "type"), "value"));
        sbuf_addc(out, ';');
        csv_write_field(out, tagtext.buf ? tagtext.buf : "");
        cell(out, json_get(p, "discountable"));
        cell(out, json_get(p, "external_id"));
        cell(out, json_get(profile, "name"));
        cell(out, json_get(profile, "type"));
        for (int i = 0; vcols[i]; i++)
            cell(out, json_get(v, vcols[i]));
        for (int k = 0; k < s->nprices; k++) {
            int64_t amount = 0;
            const char *cur = NULL;
            for (int i = 0; at(vprices, i); i++) {
                struct json_object *pr = at(vprices, i);
                if (json_get(pr, "price_list_id") &&
                    !json_object_is_type(json_get(pr, "price_list_id"), json_type_null))
                    continue;
                if (price_matches(pr, s->price_region[k], s->price_currency[k])) {
                    amount = json_object_get_int64(json_get(pr, "amount"));
                    cur = json_get_str_opt(pr, "currency_code");
                    break;
                }
            }
            amount_cell(out, amount, cur);
        }
        for (int i = 0; i < s->options; i++) {
            struct json_object *opt = at(options, i), *val = NULL;
            const char *oid = json_get_str_opt(opt, "id");
            for (int k = 0; oid && at(vopts, k); k++)
                if (json_get_str_opt(at(vopts, k), "option_id") &&
                    !strcmp(json_get_str_opt(at(vopts, k), "option_id"), oid))
                    val = json_get(at(vopts, k), "value");
            cell(out, json_get(opt, "title"));
            cell(out, val);
        }
        for (int i = 0; i < s->images; i++)
            cell(out, json_get(at(json_get(p, "images"), i), "url"));
        for (int i = 0; i < s->channels; i++) {
            struct json_object *sc = at(json_get(p, "sales_channels"), i);
            cell(out, json_get(sc, "id"));
            cell(out, json_get(sc, "name"));
            cell(out, json_get(sc, "description"));
        }
        for (int i = 0; i < s->categories; i++) {
            struct json_object *cat = at(json_get(p, "categories"), i);
            cell(out, json_get(cat, "handle"));
            cell(out, json_get(cat, "name"));
            cell(out, json_get(cat, "description"));
        }
        /* Every cell above starts with ';': the line's first one must not. */
        memmove(out->buf + mark, out->buf + mark + 1, out->len - mark - 1);
        out->len--;
        sbuf_add(out, "\r\n", 2);
    }
    sbuf_release(&tagtext);
}

static const char *const relations[] = {
    "variants", "variants.prices", "variants.options", "options",    "images", "tags", "collection",
    "type",     "profiles",        "sales_channels",   "categories", NULL};

/* What product_export_process's pages keep: the shape and the last product written. */
struct product_pages {
    struct job_run *run;
    struct shape s;
    const char *last_created, *last_id;
};

static void product_header(void *arg, struct sbuf *out)
{
    struct product_pages *p = arg;
    header(out, p->run->context, &p->s);
}

static int product_page(void *arg, struct sbuf *out)
{
    struct product_pages *p = arg;
    struct ctx *c = p->run->c;
    struct listf lf = {.limit = PAGE};
    struct gquery q;
    struct json_object *page;
    int n;
    if (gq_list(c, &q, &ent_admin_product, gsel_build(c, &ent_admin_product, NULL, relations),
                &lf) < 0)
        return -1;
    /* Keyset pages (newest first, as Medusa's created_at DESC): products made meanwhile neither
     * repeat nor shift a page. */
    if (p->last_id)
        gq_where_before(c, &q, "created_at", p->last_created, p->last_id);
    if (!(page = gq_run_json(c, &q)))
        return -1;
    n = (int)json_object_array_length(page);
    for (int i = 0; i < n; i++)
        product_lines(out, json_object_array_get_idx(page, (size_t)i), &p->s);
    if (n) {
        struct json_object *lastp = json_object_array_get_idx(page, (size_t)n - 1);
        p->last_created = arena_strdup(p->run->keep, json_get_str_opt(lastp, "created_at"));
        p->last_id = arena_strdup(p->run->keep, json_get_str_opt(lastp, "id"));
    }
    return n;
}

int product_export_process(struct job_run *run)
{
    struct product_pages p = {run, {0}, NULL, NULL};
    struct export_shape total;
    read_shape(run->keep, run->context, &p.s);
    if (db_io_export_shape(run->c, &total) < 0)
        return -1;
    struct job_export x = {"product-export", total.products, PAGE,
                           product_header,   product_page,   &p};
    return job_export_run(run, &x);
}
