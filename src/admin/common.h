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
 * `col = ?`, and created_at/updated_at/deleted_at date ranges. */
void admin_filter_in(struct req *r, struct gquery *q, const char *param, const char *col);
void admin_filter_eq(struct req *r, struct gquery *q, const char *param, const char *col);
void admin_filter_dates(struct req *r, struct gquery *q);

#endif
