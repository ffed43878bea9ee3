/* customer_group.h: SQL of customer groups and their members (the rules are in
 * domain/customer_group.c). Pricing reads the same rows (db/product.c db_catalog_price_rows). */
#ifndef DB_CUSTOMER_GROUP_H
#define DB_CUSTOMER_GROUP_H
#include "core/ctx.h"

/* Inserts a group; its new id, or NULL. metadata is JSON text or NULL. */
const char *db_customer_group_insert(struct ctx *c, const char *name, const char *metadata);
/* A live group's name and metadata (arena): 0, 1 if none, -1. */
int db_customer_group_load(struct ctx *c, const char *id, const char **name, const char **metadata);
/* 1 if a live group other than except_id (may be NULL) has the name, 0 if not, -1. */
int db_customer_group_name_taken(struct ctx *c, const char *name, const char *except_id);
int db_customer_group_update(struct ctx *c, const char *id, const char *name, const char *metadata);
/* Soft-deletes a group and drops its members; the price lists and discount conditions that name
 * it keep naming it. 0 or -1. */
int db_customer_group_delete(struct ctx *c, const char *id);
/* Adds (or removes) the customers ids[0..n) to (from) the group. 0 or -1. */
int db_customer_group_add_customers(struct ctx *c, const char *id, const char *const *ids, int n);
int db_customer_group_remove_customers(struct ctx *c, const char *id, const char *const *ids,
                                       int n);
/* The ids among ids[0..n) that are no live customer (or group, for _groups), ", "-joined in
 * order, or NULL (none, or an error recorded). */
const char *db_missing_customers(struct ctx *c, const char *const *ids, int n);
const char *db_missing_customer_groups(struct ctx *c, const char *const *ids, int n);
/* The customer's groups become exactly ids[0..n). 0 or -1. */
int db_customer_set_groups(struct ctx *c, const char *customer_id, const char *const *ids, int n);

#endif
