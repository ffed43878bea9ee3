/* catalog_admin.h: SQL of the Admin API's collection, category and return-reason inserts (the
 * rules are in domain/catalog_admin.c). */
#ifndef DB_CATALOG_ADMIN_H
#define DB_CATALOG_ADMIN_H
#include "core/ctx.h"

/* 1 if a live collection / any category / a live return reason already has this handle (value),
 * 0 if not, -1. */
int db_collection_handle_taken(struct ctx *c, const char *handle);
int db_category_handle_taken(struct ctx *c, const char *handle);
int db_return_reason_value_taken(struct ctx *c, const char *value);

/* Inserts; the new id, or NULL. metadata is JSON text or NULL. */
const char *db_collection_insert(struct ctx *c, const char *title, const char *handle,
                                 const char *metadata);

struct category_row {
    const char *name, *description, *handle, *parent_id, *metadata;
    int is_active, is_internal;
};
/* Inserts a category ranked after its siblings, with TypeORM's materialized path. */
const char *db_category_insert(struct ctx *c, const struct category_row *row);
/* 0 if the category exists, 1 if not, -1. */
int db_category_exists(struct ctx *c, const char *id);

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
