/* seed_catalog.c: categories (nested), collections, product types and tags, sales channels and
 * their products. */
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

/* ---- categories, collections, types, tags, sales channels ----------------------------------- */

const char *const seed_category_keys[] = {
    "id",          "name", "handle",   "description",       "is_active",
    "is_internal", "rank", "metadata", "category_children", "parent_category_id",
    NULL};

int seed_category(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_rank[] = "SELECT count(*) FROM product_category"
                                 " WHERE parent_category_id IS ?1";
    static const char ins[] =
        "INSERT INTO product_category (id, name, description, handle, mpath, is_active,"
        " is_internal, parent_category_id, rank, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?10)";
    const struct category_ctx *parent = arg;
    struct category_ctx child;
    const char *fid, *name, *handle, *desc, *meta;
    char id[ID_MAX], handle_buf[256], rank[24], mpath[SEED_MAX_DEPTH * (ID_MAX + 1) + 1];
    int active, internal;
    (void)i;
    if (parent->depth >= SEED_MAX_DEPTH)
        return seed_fail(s, "categories are nested more than %d deep", SEED_MAX_DEPTH);
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_str(s, e, "handle", 0, &handle) < 0 ||
        seed_get_str(s, e, "description", 0, &desc) < 0 ||
        seed_get_bool(s, e, "is_active", 1, &active) < 0 ||
        seed_get_bool(s, e, "is_internal", 0, &internal) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!handle) {
        slug_kebab(handle_buf, sizeof(handle_buf), name);
        handle = handle_buf;
    }
    /* Medusa ranks a new category after its existing siblings, whatever the file says. */
    if (seed_one_text(s, rank, sizeof(rank), q_rank, "s", parent->parent_id) < 0)
        return -1;
    seed_new_id(id, "pcat");
    /* TypeORM's materialized path: the parent's path, then this id, each ending in '.' */
    snprintf(mpath, sizeof(mpath), "%s%s.", parent->parent_mpath, id);
    if (seed_run(s, ins, "sssssbsiss", id, name, desc ? desc : "", handle, mpath, internal,
                 parent->parent_id, (int64_t)strtoll(rank, NULL, 10), meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_CATEGORIES]++;
    if (seed_link_add(s, K_CATEGORY, fid, id) < 0)
        return -1;
    child.parent_id = id;
    child.parent_mpath = mpath;
    child.depth = parent->depth + 1;
    return seed_each(s, e, "category_children", seed_category_keys, seed_category, &child);
}

int seed_collection(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO product_collection (id, title, handle, metadata,"
                              " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    const char *fid, *title, *handle, *meta;
    char id[ID_MAX], handle_buf[256];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "title", 1, &title) < 0 ||
        seed_get_str(s, e, "handle", 0, &handle) < 0 || seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (!handle) {
        slug_kebab(handle_buf, sizeof(handle_buf), title);
        handle = handle_buf;
    }
    if (seed_run(s, ins, "sssss", seed_new_id(id, "pcol"), title, handle, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_COLLECTIONS]++;
    return seed_link_add(s, K_COLLECTION, fid, id);
}

/* Medusa's upsertType/upsertTags: a live row with the same value is reused. 0 or -1. */
int seed_upsert_value(struct seed *s, enum kind k, const char *value, const char *meta,
                      char out[ID_MAX])
{
    static const char q_type[] = "SELECT id FROM product_type WHERE value = ?1"
                                 " AND deleted_at IS NULL ORDER BY created_at LIMIT 1";
    static const char q_tag[] = "SELECT id FROM product_tag WHERE value = ?1"
                                " AND deleted_at IS NULL ORDER BY created_at LIMIT 1";
    static const char ins_type[] = "INSERT INTO product_type (id, value, metadata, created_at,"
                                   " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    static const char ins_tag[] = "INSERT INTO product_tag (id, value, metadata, created_at,"
                                  " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    int type = k == K_TYPE;
    int rc = seed_one_text(s, out, ID_MAX, type ? q_type : q_tag, "s", value);
    if (rc)
        return rc < 0 ? -1 : 0;
    if (seed_run(s, type ? ins_type : ins_tag, "ssss", seed_new_id(out, type ? "ptyp" : "ptag"),
                 value, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[type ? N_PRODUCT_TYPES : N_PRODUCT_TAGS]++;
    return 0;
}

int seed_type_or_tag(struct seed *s, json_object *e, size_t i, void *arg)
{
    enum kind k = *(const enum kind *)arg;
    const char *fid, *value, *meta;
    char id[ID_MAX];
    (void)i;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "value", 1, &value) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0 || seed_upsert_value(s, k, value, meta, id) < 0)
        return -1;
    return seed_link_add(s, k, fid, id);
}

int seed_sales_channel(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] =
        "INSERT INTO sales_channel (id, name, description, is_disabled,"
        " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
    const char *fid, *name, *desc, *meta;
    int disabled;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_str(s, e, "description", 0, &desc) < 0 ||
        seed_get_bool(s, e, "is_disabled", 0, &disabled) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (seed_run(s, ins, "sssbss", seed_new_id(s->sales_channels.v[i], "sc"), name, desc, disabled,
                 meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_SALES_CHANNELS]++;
    return seed_link_add(s, K_SALES_CHANNEL, fid, s->sales_channels.v[i]);
}

/* product_id, sales_channel_id */
int seed_add_product_channel(struct seed *s, const char *product, const char *channel)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO product_sales_channel (id, product_id,"
        " sales_channel_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    char id[ID_MAX];
    return seed_run(s, ins, "ssss", seed_new_id(id, "prodsc"), product, channel, seed_stamp(s));
}

static int channel_product(struct seed *s, const char *product_id, void *arg)
{
    return seed_add_product_channel(s, product_id, (const char *)arg);
}

int seed_sales_channel_products(struct seed *s, json_object *e, size_t i, void *arg)
{
    (void)arg;
    return seed_each_link(s, e, "products", K_PRODUCT, channel_product, s->sales_channels.v[i]);
}
