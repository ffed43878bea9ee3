/* catalog_admin.h: SQL of the Admin API's collection, category and return-reason inserts (the
 * rules are in domain/catalog_admin.c). */
#ifndef DB_CATALOG_ADMIN_H
#define DB_CATALOG_ADMIN_H
#include <stdint.h>

#include "core/ctx.h"

/* 1 if a live collection / any category / a live return reason other than except_id (NULL:
 * none) already has this handle (value), 0 if not, -1. */
int db_collection_handle_taken(struct ctx *c, const char *handle, const char *except_id);
int db_category_handle_taken(struct ctx *c, const char *handle, const char *except_id);
int db_return_reason_value_taken(struct ctx *c, const char *value);

/* Inserts; the new id, or NULL. metadata is JSON text or NULL. */
const char *db_collection_insert(struct ctx *c, const char *title, const char *handle,
                                 const char *metadata);

/* A live collection's title, handle and metadata (arena): 0, 1 if none, -1. */
int db_collection_load(struct ctx *c, const char *id, const char **title, const char **handle,
                       const char **metadata);
int db_collection_update(struct ctx *c, const char *id, const char *title, const char *handle,
                         const char *metadata);
int db_collection_soft_delete(struct ctx *c, const char *id);
/* Puts the live products ids[0..n) in the collection, or takes them out of it (only those in
 * it). 0 or -1. */
int db_collection_add_products(struct ctx *c, const char *id, const char *const *ids, int n);
int db_collection_remove_products(struct ctx *c, const char *id, const char *const *ids, int n);

struct category_row {
    const char *name, *description, *handle, *parent_id, *metadata;
    int is_active, is_internal;
};
/* Inserts a category ranked after its siblings, with TypeORM's materialized path. */
const char *db_category_insert(struct ctx *c, const struct category_row *row);
/* 0 if the category exists, 1 if not, -1. */
int db_category_exists(struct ctx *c, const char *id);
/* A category's columns (arena; parent_id NULL for a root) and rank: 0, 1 if none, -1. */
int db_category_load(struct ctx *c, const char *id, struct category_row *row, int64_t *rank);
/* Writes name, description, handle, is_active, is_internal and metadata. 0 or -1. */
int db_category_update(struct ctx *c, const char *id, const struct category_row *row);
/* 1 if category id lies in anc's subtree (anc itself included), 0 if not, -1. */
int db_category_in_subtree(struct ctx *c, const char *id, const char *anc);
/* The ids of parent's children (NULL: the roots) other than except_id, by rank, as an arena
 * array; the count or -1. */
int db_category_siblings(struct ctx *c, const char *parent_id, const char *except_id,
                         const char ***ids);
/* Gives ids[i] rank i under parent_id (re-parenting them, their mpaths and their descendants'
 * following), without ever breaking the (parent, rank) unique index. 0 or -1. */
int db_category_rerank(struct ctx *c, const char *parent_id, const char *const *ids, int n);
/* Gives the category a rank no sibling has (before its siblings are renumbered). 0 or -1. */
int db_category_park(struct ctx *c, const char *id);
/* 1 if the category has children, 0 if not, -1. */
int db_category_has_children(struct ctx *c, const char *id);
int db_category_delete(struct ctx *c, const char *id);
/* Links / unlinks products (links to missing products are not made: the caller checked). */
int db_category_add_products(struct ctx *c, const char *id, const char *const *ids, int n);
int db_category_remove_products(struct ctx *c, const char *id, const char *const *ids, int n);
/* The depth of the deepest category (a root is 1); 0 without categories, -1. */
int db_category_max_depth(struct ctx *c);
/* The ids among ids[0..n) that are no live product, ", "-joined in order, or NULL (none, or an
 * error recorded). */
const char *db_missing_products(struct ctx *c, const char *const *ids, int n);

/* A live return reason's parent: 0 with *parent (NULL for a top-level one), 1 if no such reason,
 * -1. */
int db_return_reason_parent(struct ctx *c, const char *id, const char **parent);
const char *db_return_reason_insert(struct ctx *c, const char *value, const char *label,
                                    const char *description, const char *parent_id,
                                    const char *metadata);

/* 1 if a live return reason other than id has this value, 0 if not, -1. */
int db_return_reason_value_other(struct ctx *c, const char *value, const char *id);
/* Sets label, value and description as given in fields_json (a JSON null clears), and metadata
 * when metadata_given (NULL: SQL NULL). 0 or -1. */
int db_return_reason_update(struct ctx *c, const char *id, const char *fields_json,
                            int metadata_given, const char *metadata);
/* Soft-deletes a live return reason and its children. 0 or -1. */
int db_return_reason_delete(struct ctx *c, const char *id);

#endif
