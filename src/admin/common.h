/* common.h: the reads the Admin API's resources share: one entity by id, and a page of them. */
#ifndef ADMIN_COMMON_H
#define ADMIN_COMMON_H
#include <stdint.h>

struct req;
struct gent;
struct gsel;
struct gquery;
struct vparam;
struct ctx;
struct json_object;

struct admin_list {
    const char *key; /* "regions": the answer's array */
    const struct gent *ent;
    const char *const *relations; /* the default relations (expand replaces them) */
    int64_t default_limit;        /* Medusa's for this list; < 0: no paging, every row */
    const char *q_column;         /* `q` matches this column, or any of "a,b,c" (LIKE %q%);
                                     NULL: the list has no q */
    int with_count;               /* count/offset/limit beside the array */
};

/* What a list adds to the shared parameters (admin_list_send_with). */
struct admin_list_more {
    const struct vparam *filters; /* the list's own query parameters; one named like a shared
                                     one (expand, fields) replaces it */
    /* Adds the filters' conditions to q (validated already); NULL: nothing to add. 0 or -1. */
    int (*filter)(struct req *r, struct gquery *q);
    /* Adds to the selection what the answer needs beyond `fields`/`expand`, or NULL. */
    void (*select)(struct ctx *c, struct gsel *sel);
    /* Adds computed keys to each row (Medusa's decorations), or NULL. */
    void (*decorate)(struct ctx *c, struct json_object *row);
};

/* GET /admin/<resource>: limit, offset, order, expand, fields and q (when the resource has one);
 * any other parameter is Medusa's 400. Live rows only, created_at order by default. */
int admin_list_send(struct req *r, const struct admin_list *l);
/* The same with the list's own filters and decoration (more may be NULL). */
int admin_list_send_with(struct req *r, const struct admin_list *l,
                         const struct admin_list_more *more);
/* {key: row} for the live row id of ent, selected by sel, or Medusa's 404 "<before><id> was not
 * found" (each resource words the start its own way). */
int admin_one_send(struct req *r, const char *key, const struct gent *ent, struct gsel *sel,
                   const char *id, const char *before);

/* {order} for order id as every admin order route answers it (defaultAdminOrdersRelations,
 * totals, the query's expand/fields), or Medusa's 404 (admin/orders.c). */
int admin_order_send(struct req *r, const char *id);

/* Medusa's answer to a delete: {"id": id, "object": object, "deleted": true}. */
int admin_deleted_send(struct req *r, const char *id, const char *object);

/* A batch body {key: [{"id": ...}, ...]} (IsArray + ValidateNested of Medusa's
 * ProductBatchSalesChannel) validated, and its ids as an arena array of *n strings; NULL with
 * Medusa's 400 recorded. */
const char **admin_batch_ids(struct req *r, const char *key, int *n);

/* Filters the lists share: a JSON-array-or-string parameter as `col IN (...)`, a string as
 * `col = ?`, and a deleted_at date range (soft-deleted rows included, as Medusa's withDeleted). */
void admin_filter_in(struct req *r, struct gquery *q, const char *param, const char *col);
void admin_filter_eq(struct req *r, struct gquery *q, const char *param, const char *col);
void admin_filter_dates(struct req *r, struct gquery *q);

struct sbuf;
/* A body of one member, name: `@ArrayNotEmpty() @IsString({each: true})` (the batch routes'
 * product_ids, price_ids). Records Medusa's 400 ("each value in name must be a string", "name
 * should not be empty") or reads the strings into *ids. 0 or -1. */
int admin_ids_body(struct req *r, const char *name, const char *const **ids, int *n);
/* obj[name] as `@ValidateNested({each: true})` of {id: string} objects, for DTOs that check it
 * beside other members (admin_batch_ids checks a body of that one array): appends the members'
 * messages to msgs and reads the ids into *ids (arena; *n = 0 when it is no array). */
void admin_id_objects(struct req *r, struct sbuf *msgs, struct json_object *obj, const char *name,
                      const char ***ids, int *n);

/* A price object (ProductVariantPricesCreateReq, AdminPriceListPricesCreateReq and their update
 * forms): params' messages, then the XorConstraint pair of region_id and currency_code, unless
 * skip_with_id and p has an id (ValidateIf(o => !o.id)). */
void admin_price_check(struct sbuf *msgs, struct json_object *p, const struct vparam *params,
                       int skip_with_id);

#endif
