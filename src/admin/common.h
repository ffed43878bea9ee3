/* common.h: the reads the Admin API's resources share: one entity by id, and a page of them. */
#ifndef ADMIN_COMMON_H
#define ADMIN_COMMON_H
#include <stdint.h>

struct req;
struct gent;
struct gsel;

struct admin_list {
    const char *key; /* "regions": the answer's array */
    const struct gent *ent;
    const char *const *relations; /* the default relations (expand replaces them) */
    int64_t default_limit;        /* Medusa's for this list; < 0: no paging, every row */
    const char *q_column;         /* `q` matches this column, or any of "a,b,c" (LIKE %q%);
                                     NULL: the list has no q */
    int with_count;               /* count/offset/limit beside the array */
};

/* GET /admin/<resource>: limit, offset, order, expand, fields and q (when the resource has one);
 * any other parameter is Medusa's 400. Live rows only, created_at order by default. */
int admin_list_send(struct req *r, const struct admin_list *l);
/* {key: row} for the live row id of ent, selected by sel, or Medusa's 404 "<before><id> was not
 * found" (each resource words the start its own way). */
int admin_one_send(struct req *r, const char *key, const struct gent *ent, struct gsel *sel,
                   const char *id, const char *before);

/* {id, object, deleted: true}: Medusa's DeleteResponse. */
int admin_deleted_send(struct req *r, const char *id, const char *object);

struct sbuf;
struct json_object;
/* A body of one member, name: `@ArrayNotEmpty() @IsString({each: true})` (the batch routes'
 * product_ids, price_ids). Records Medusa's 400 ("each value in name must be a string", "name
 * should not be empty") or reads the strings into *ids. 0 or -1. */
int admin_ids_body(struct req *r, const char *name, const char *const **ids, int *n);
/* obj[name] as `@ValidateNested({each: true})` of {id: string} objects: appends each member's
 * messages to msgs and reads the ids into *ids (arena; *n = 0 when it is no array). */
void admin_id_objects(struct req *r, struct sbuf *msgs, struct json_object *obj, const char *name,
                      const char ***ids, int *n);

struct vparam;
/* A price object (ProductVariantPricesCreateReq, AdminPriceListPricesCreateReq and their update
 * forms): params' messages, then the XorConstraint pair of region_id and currency_code, unless
 * skip_with_id and p has an id (ValidateIf(o => !o.id)). */
void admin_price_check(struct sbuf *msgs, struct json_object *p, const struct vparam *params,
                       int skip_with_id);

#endif
