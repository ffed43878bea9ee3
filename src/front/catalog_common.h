/* catalog_common.h: what the product and variant handlers share: the pricing context from the
 * query, the publishable-key scope, and writing decorated rows. */
#ifndef FRONT_CATALOG_COMMON_H
#define FRONT_CATALOG_COMMON_H
#include "db/product.h"
#include "domain/pricing.h"

struct req;

/* Reads cart_id / region_id / currency_code from the query into pc (404s for unknown ids). */
int catalog_price_context(struct req *r, struct price_context *pc);
/* The key's scope when an x-publishable-api-key header is present; *has_key tells. */
int catalog_pk_scope(struct req *r, int *has_key, struct strlist *scope);
/* The store.md §1.10 parameter check: sales_channel_id ids outside a non-empty key scope. */
int catalog_check_sc_param(struct req *r, const struct strlist *scope, const struct strlist *ids);
/* Every "variants" array of the product objects in rows, flattened (shared references). */
struct product_filter;
/* The product-list filters of the query both GET /store/products and GET /admin/products take
 * (q, id, collection_id, type_id, tags, category_id, include_category_children, title,
 * description, handle, is_giftcard) into pf; scoping and status stay the caller's. */
void catalog_product_filter(struct req *r, struct product_filter *pf);
struct json_object *catalog_collect_variants(struct req *r, struct json_object *rows);
/* Writes {"key":[rows...], count/offset/limit} (list) or {"key":row} from a json-c array. */
int catalog_send(struct req *r, const char *key, struct json_object *rows, int list, int64_t count,
                 int64_t offset, int64_t limit);
struct gnode;
struct gsel;
struct gquery;
/* Answers q's rows read as nodes (gq_run_nodes) and written once: when vsel (the variants'
 * selection under the roots, or q's own selection when the roots are variants) is given, the
 * variants are priced in pc as catalog_price_json prices them, and their column hide (loaded
 * for pricing only; or NULL) is left out. A list answers count, q's offset and limit (count < 0:
 * none). 1 when a single row (!list) is not there, for the caller's 404. */
int catalog_answer_nodes(struct req *r, const char *key, struct gquery *q, const struct gsel *vsel,
                         const struct price_context *pc, int list, int64_t count, const char *hide);

/* Prices variants (a json-c array of variant objects, each with "id" and, for tax rates,
 * "product_id") in place with pricing_compute's decisions, written as the row writer writes them:
 * "prices" replaced with the fetched ones and calculated_price, original_price, their _tax and
 * _incl_tax forms, calculated_price_type and tax_rates added. A variant without a fetched price is
 * left alone; with drop_unpriced its "prices" key is removed. */
int catalog_price_json(struct ctx *c, struct json_object *variants, const struct price_context *pc,
                       int drop_unpriced);

struct variant_filter;
/* inventory_quantity=N or inventory_quantity[lt|gt|lte|gte]=N of the query into vf. */
int catalog_inventory_filter(struct req *r, struct variant_filter *vf);

struct listq_spec;
struct gent;
/* GET /store/product-tags and /product-types: validate, filter, page and answer under key. */
int catalog_value_list(struct req *r, const struct listq_spec *spec, const struct gent *ent,
                       const char *key);

#endif
