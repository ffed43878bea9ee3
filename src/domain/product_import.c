/* product_import.c: the product-import strategy (product_import.h), as Medusa 1.20's
 * ProductImportStrategy reads its CSV (strategies/batch-jobs/product/import.ts and
 * types/columns-definition.ts): one row per variant, the first row of each Product Handle
 * giving the product; a row with a Product Id updates that product, one without creates it; a
 * row with a Variant Id updates that variant, one without adds a variant. Prices come from
 * "Price <region name> [CUR]" and "Price CUR" columns in major units, options from "Option N
 * Name"/"Option N Value", images from "Image N Url", sales channels and categories from their
 * numbered columns.
 *
 * Unlike Medusa, which finds most problems half-way through its one long transaction, the whole
 * file is checked first (pre-processing: what the dry run shows) and every problem is reported
 * with its line number (the file's line, the header being line 1); processing checks again
 * against the database as it then is and writes products in short transactions, so the shop
 * keeps selling while a large catalogue is imported. Empty cells leave an updated product's or
 * variant's value as it is; variant options are set when a variant is created. */
#include "domain/product_import.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/money.h"
#include "core/sbuf.h"
#include "db/catalog_io.h"
#include "db/db.h"
#include "db/product_admin.h"
#include "domain/batch_job.h"
#include "domain/product.h"
#include "domain/upload.h"

#define MAX_ROWS   200001 /* header included */
#define MAX_ERRORS 20     /* listed in result.errors; the count says how many there were */
#define CHUNK_MS   100    /* one transaction holds the write lock this long at most */
#define GAP_MS     25     /* then lets the shop's writes in */

enum kind {
    K_IGNORE,
    K_P_ID,
    K_P_HANDLE,
    K_P_TITLE,
    K_P_SUBTITLE,
    K_P_DESCRIPTION,
    K_P_STATUS,
    K_P_THUMBNAIL,
    K_P_WEIGHT,
    K_P_LENGTH,
    K_P_WIDTH,
    K_P_HEIGHT,
    K_P_HS_CODE,
    K_P_ORIGIN,
    K_P_MID_CODE,
    K_P_MATERIAL,
    K_P_COLLECTION,
    K_P_TYPE,
    K_P_TAGS,
    K_P_DISCOUNTABLE,
    K_P_EXTERNAL_ID,
    K_V_ID,
    K_V_TITLE,
    K_V_SKU,
    K_V_BARCODE,
    K_V_INVENTORY,
    K_V_BACKORDER,
    K_V_MANAGE,
    K_V_WEIGHT,
    K_V_LENGTH,
    K_V_WIDTH,
    K_V_HEIGHT,
    K_V_HS_CODE,
    K_V_ORIGIN,
    K_V_MID_CODE,
    K_V_MATERIAL,
    K_FIXED, /* the kinds above appear once; those below are numbered or priced */
    K_OPT_NAME,
    K_OPT_VALUE,
    K_PRICE_REGION,
    K_PRICE_CURRENCY,
    K_IMAGE,
    K_SC_NAME,
    K_SC_ID,
    K_CAT_HANDLE,
};

/* Medusa's import columns (productColumnsDefinition), in its order. */
static const struct {
    const char *name;
    enum kind kind;
} fixed_cols[] = {
    {"Product Id", K_P_ID},
    {"Product Handle", K_P_HANDLE},
    {"Product Title", K_P_TITLE},
    {"Product Subtitle", K_P_SUBTITLE},
    {"Product Description", K_P_DESCRIPTION},
    {"Product Status", K_P_STATUS},
    {"Product Thumbnail", K_P_THUMBNAIL},
    {"Product Weight", K_P_WEIGHT},
    {"Product Length", K_P_LENGTH},
    {"Product Width", K_P_WIDTH},
    {"Product Height", K_P_HEIGHT},
    {"Product HS Code", K_P_HS_CODE},
    {"Product Origin Country", K_P_ORIGIN},
    {"Product MID Code", K_P_MID_CODE},
    {"Product Material", K_P_MATERIAL},
    {"Product Collection Title", K_IGNORE}, /* the handle names the collection */
    {"Product Collection Handle", K_P_COLLECTION},
    {"Product Type", K_P_TYPE},
    {"Product Tags", K_P_TAGS},
    {"Product Discountable", K_P_DISCOUNTABLE},
    {"Product External Id", K_P_EXTERNAL_ID},
    {"Product Profile Name", K_IGNORE}, /* Medusa: __not_supported__ */
    {"Product Profile Type", K_IGNORE},
    {"Variant Id", K_V_ID},
    {"Variant Title", K_V_TITLE},
    {"Variant SKU", K_V_SKU},
    {"Variant Barcode", K_V_BARCODE},
    {"Variant Inventory Quantity", K_V_INVENTORY},
    {"Variant Allow Backorder", K_V_BACKORDER},
    {"Variant Manage Inventory", K_V_MANAGE},
    {"Variant Weight", K_V_WEIGHT},
    {"Variant Length", K_V_LENGTH},
    {"Variant Width", K_V_WIDTH},
    {"Variant Height", K_V_HEIGHT},
    {"Variant HS Code", K_V_HS_CODE},
    {"Variant Origin Country", K_V_ORIGIN},
    {"Variant MID Code", K_V_MID_CODE},
    {"Variant Material", K_V_MATERIAL},
};

/* Numbered columns: prefix, a number, suffix. */
static const struct {
    const char *prefix, *suffix;
    enum kind kind;
} numbered_cols[] = {
    {"Option ", " Name", K_OPT_NAME},
    {"Option ", " Value", K_OPT_VALUE},
    {"Image ", " Url", K_IMAGE},
    {"Sales Channel ", " Name", K_SC_NAME},
    {"Sales Channel ", " Description", K_IGNORE},
    {"Sales Channel ", " Id", K_SC_ID},
    {"Product Category ", " Handle", K_CAT_HANDLE},
    {"Product Category ", " Name", K_IGNORE},
    {"Product Category ", " Description", K_IGNORE},
};

struct column {
    enum kind kind;
    int n;           /* the number of a numbered column */
    const char *arg; /* price columns: the region name or the currency code (lower case) */
    int name_col;    /* K_OPT_VALUE: the column of the same option's name, or -1 */
};

struct price {
    const char *region_id, *currency;
    int64_t amount;
};

struct row {
    int line;
    const char **cell; /* per column; NULL when empty */
    const char *variant_id;
    struct price *prices;
    int nprices; /* -1: no price cell */
    const char **opt_titles, **opt_values;
    int nopt;
};

struct group {
    const char *handle, *product_id; /* product_id NULL: a new product */
    int *rows, nrows;
    const char *collection_id;
    const char **categories, **channels, **images, **tags, **opt_titles, **opt_ids;
    int ncategories, nchannels, nimages, ntags, nopt; /* -1: not given */
};

/* A string -> int map for handles and SKUs (open addressing). */
struct map {
    const char **keys;
    int *vals;
    size_t cap;
};

struct plan {
    struct arena *a;
    struct column *cols;
    int ncols, col_of[K_FIXED];
    struct row *rows;
    int nrows;
    struct group *groups;
    int ngroups;
    int64_t products_created, products_updated, variants_created, variants_updated;
    struct problem *problems; /* the file's problems, each with its line (0: none) */
    int nerrors;
    /* caches of the lookups every row repeats */
    struct map regions, currencies;
    const char **region_ids, **region_currencies;
    int nregions;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void map_init(struct arena *a, struct map *m, size_t n)
{
    m->cap = 16;
    while (m->cap < n * 2)
        m->cap *= 2;
    m->keys = arena_calloc(a, sizeof(*m->keys) * m->cap);
    m->vals = arena_calloc(a, sizeof(*m->vals) * m->cap);
}

/* The value of key, or -1; with add >= 0, sets it when absent (the map never fills: cap is
 * twice the most keys it is given). */
static int map_get(struct map *m, const char *key, int add)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (!strcmp(m->keys[i], key))
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    if (add >= 0) {
        m->keys[i] = key;
        m->vals[i] = add;
    }
    return -1;
}

struct problem {
    int line, seq;
    const char *msg;
};

#define MAX_KEPT 2000 /* problems kept for sorting; the count goes on */

__attribute__((format(printf, 3, 4))) static void add_error(struct plan *p, int line,
                                                            const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (p->nerrors++ >= MAX_KEPT)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    p->problems = arena_grow(p->a, p->problems, p->nerrors - 1, sizeof(*p->problems));
    p->problems[p->nerrors - 1].line = line;
    p->problems[p->nerrors - 1].seq = p->nerrors;
    p->problems[p->nerrors - 1].msg = arena_strdup(p->a, msg);
}

static int by_line(const void *a, const void *b)
{
    const struct problem *x = a, *y = b;
    int lx = x->line < 0 ? -x->line : x->line, ly = y->line < 0 ? -y->line : y->line;
    return lx != ly ? (lx > ly) - (lx < ly) : (x->seq > y->seq) - (x->seq < y->seq);
}

/* 1 when h is prefix, digits, suffix; *n the number. */
static int numbered(const char *h, const char *prefix, const char *suffix, int *n)
{
    size_t pl = strlen(prefix), sl = strlen(suffix), hl = strlen(h), i;
    if (hl <= pl + sl || strncmp(h, prefix, pl) || strcmp(h + hl - sl, suffix))
        return 0;
    for (i = pl; i < hl - sl; i++)
        if (h[i] < '0' || h[i] > '9')
            return 0;
    *n = atoi(h + pl) > 0 ? (int)strtol(h + pl, NULL, 10) : 0;
    return *n > 0 && *n < 1000;
}

/* The header row: every column must be one of Medusa's, and Product Handle must be there. */
static int read_header(struct ctx *c, struct plan *p, const struct csv_row *h)
{
    p->ncols = h->n;
    p->cols = arena_calloc(p->a, sizeof(*p->cols) * (size_t)(h->n ? h->n : 1));
    for (int k = 0; k < K_FIXED; k++)
        p->col_of[k] = -1;
    for (int i = 0; i < h->n; i++) {
        struct column *col = &p->cols[i];
        char *name = h->f[i], *end;
        size_t len;
        int found = 0;
        while (*name == ' ')
            name++;
        for (end = name + strlen(name); end > name && end[-1] == ' ';)
            *--end = '\0';
        len = strlen(name);
        col->name_col = -1;
        for (size_t k = 0; k < sizeof(fixed_cols) / sizeof(fixed_cols[0]) && !found; k++)
            if (!strcmp(name, fixed_cols[k].name)) {
                col->kind = fixed_cols[k].kind;
                if (col->kind != K_IGNORE) {
                    if (p->col_of[col->kind] >= 0)
                        return err_set(c, ERR_INVALID_DATA, "The csv file has the column %s twice",
                                       name);
                    p->col_of[col->kind] = i;
                }
                found = 1;
            }
        for (size_t k = 0; k < sizeof(numbered_cols) / sizeof(numbered_cols[0]) && !found; k++)
            if (numbered(name, numbered_cols[k].prefix, numbered_cols[k].suffix, &col->n)) {
                col->kind = numbered_cols[k].kind;
                found = 1;
            }
        /* "Price <region name> [CUR]" (the region's currency is used), "Price CUR". */
        if (!found && len > 11 && !strncmp(name, "Price ", 6) && name[len - 1] == ']' &&
            name[len - 6] == ' ' && name[len - 5] == '[') {
            col->kind = K_PRICE_REGION;
            col->arg = arena_strndup(p->a, name + 6, len - 12);
            found = 1;
        } else if (!found && len == 9 && !strncmp(name, "Price ", 6) && name[6] >= 'A' &&
                   name[6] <= 'Z' && name[7] >= 'A' && name[7] <= 'Z' && name[8] >= 'A' &&
                   name[8] <= 'Z') {
            char cur[4] = {(char)(name[6] + 32), (char)(name[7] + 32), (char)(name[8] + 32), 0};
            col->kind = K_PRICE_CURRENCY;
            col->arg = arena_strdup(p->a, cur);
            found = 1;
        }
        if (!found)
            return err_set(c, ERR_INVALID_DATA,
                           "Unable to treat column %s from the csv file. No target column found "
                           "in the provided schema",
                           name);
    }
    if (p->col_of[K_P_HANDLE] < 0)
        return err_set(c, ERR_INVALID_DATA,
                       "Missing column(s) \"Product Handle\" from the given csv file");
    /* Each "Option N Value" takes its title from "Option N Name" of the same row. */
    for (int i = 0; i < p->ncols; i++)
        if (p->cols[i].kind == K_OPT_VALUE)
            for (int k = 0; k < p->ncols; k++)
                if (p->cols[k].kind == K_OPT_NAME && p->cols[k].n == p->cols[i].n)
                    p->cols[i].name_col = k;
    return 0;
}

static const char *cell(const struct plan *p, const struct row *r, enum kind k)
{
    return p->col_of[k] >= 0 ? r->cell[p->col_of[k]] : NULL;
}

/* The non-empty cells of a numbered kind in column order, as an arena array; -1 when the file
 * has no such column (not given), else the count. */
static int cells_of(const struct plan *p, const struct row *r, enum kind k, const char ***out)
{
    int n = -1;
    const char **v = NULL;
    for (int i = 0; i < p->ncols; i++) {
        if (p->cols[i].kind != k)
            continue;
        if (n < 0)
            n = 0;
        if (r->cell[i]) {
            v = arena_grow(p->a, v, n, sizeof(*v));
            v[n++] = r->cell[i];
        }
    }
    *out = v;
    return n;
}

static int parse_int(const char *s, int64_t *v)
{
    char *end;
    double d;
    errno = 0;
    d = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(d) || d != floor(d) || fabs(d) > 9e15)
        return -1;
    *v = (int64_t)d;
    return 0;
}

/* Papa Parse's booleans: true/false in any case. 1, 0, or -1 when it is neither. */
static int parse_bool(const char *s)
{
    if (!strcasecmp(s, "true"))
        return 1;
    if (!strcasecmp(s, "false"))
        return 0;
    return -1;
}

static void check_int(struct plan *p, const struct row *r, enum kind k, const char *label)
{
    const char *v = cell(p, r, k);
    int64_t n;
    if (v && parse_int(v, &n) < 0)
        add_error(p, r->line, "%s must be a whole number, not \"%s\"", label, v);
}

static void check_bool(struct plan *p, const struct row *r, enum kind k, const char *label)
{
    const char *v = cell(p, r, k);
    if (v && parse_bool(v) < 0)
        add_error(p, r->line, "%s must be true or false, not \"%s\"", label, v);
}

static const char *K(struct plan *p, const char *s)
{
    return s ? arena_strdup(p->a, s) : NULL;
}

/* The product of a group, from its first row. -1 only on a database error. */
static int check_product(struct ctx *c, struct plan *p, struct group *g)
{
    const struct row *r = &p->rows[g->rows[0]];
    const char *id = cell(p, r, K_P_ID), *v, *found, **list;
    int rc, n;
    if (id) {
        if ((rc = db_io_product_handle(c, id, &found)) < 0)
            return -1;
        if (rc)
            add_error(p, r->line, "Product with id: %s was not found", id);
        else {
            g->product_id = K(p, id);
            if (strcmp(found, g->handle) &&
                (rc = db_io_product_by_handle(c, g->handle, &found)) <= 0) {
                if (rc < 0)
                    return -1;
                add_error(p, r->line, "Product with handle %s already exists.", g->handle);
            }
        }
        p->products_updated++;
    } else {
        if ((rc = db_io_product_by_handle(c, g->handle, &found)) < 0)
            return -1;
        if (!rc)
            add_error(p, r->line,
                      "Product with handle %s already exists. Give its Product Id to update it",
                      g->handle);
        if (!cell(p, r, K_P_TITLE))
            add_error(p, r->line, "A new product needs a Product Title");
        p->products_created++;
    }
    if ((v = cell(p, r, K_P_STATUS)) && strcmp(v, "draft") && strcmp(v, "proposed") &&
        strcmp(v, "published") && strcmp(v, "rejected"))
        add_error(p, r->line,
                  "Product Status must be one of draft, proposed, published, rejected, not "
                  "\"%s\"",
                  v);
    check_int(p, r, K_P_WEIGHT, "Product Weight");
    check_int(p, r, K_P_LENGTH, "Product Length");
    check_int(p, r, K_P_WIDTH, "Product Width");
    check_int(p, r, K_P_HEIGHT, "Product Height");
    check_bool(p, r, K_P_DISCOUNTABLE, "Product Discountable");
    g->collection_id = NULL;
    if ((v = cell(p, r, K_P_COLLECTION))) {
        if ((rc = db_io_collection_by_handle(c, v, &found)) < 0)
            return -1;
        if (rc)
            add_error(p, r->line, "Product collection with handle: %s was not found", v);
        else
            g->collection_id = K(p, found);
    }
    g->ncategories = cells_of(p, r, K_CAT_HANDLE, &list);
    g->categories = arena_alloc(p->a, sizeof(char *) * (size_t)(g->ncategories + 1));
    for (int i = 0; i < g->ncategories; i++) {
        if ((rc = db_io_category_by_handle(c, list[i], &found)) < 0)
            return -1;
        if (rc)
            add_error(p, r->line, "Product category with handle: %s was not found", list[i]);
        else
            g->categories[i] = K(p, found);
    }
    if (g->ncategories == 0)
        g->ncategories = -1; /* empty cells: as it is */
    /* Sales channels by id, else by name (Medusa's processSalesChannels); one link each. */
    {
        const char **ids, **names;
        int nid = cells_of(p, r, K_SC_ID, &ids), nname = cells_of(p, r, K_SC_NAME, &names);
        g->nchannels = 0;
        g->channels = arena_alloc(
            p->a, sizeof(char *) * (size_t)((nid > 0 ? nid : 0) + (nname > 0 ? nname : 0) + 1));
        for (int i = 0; i < nid; i++) {
            if ((rc = db_io_channel_by_id(c, ids[i])) < 0)
                return -1;
            if (rc)
                add_error(p, r->line, "Sales channel with id %s was not found", ids[i]);
            else
                g->channels[g->nchannels++] = ids[i];
        }
        for (int i = 0; i < nname; i++) {
            int dup = 0;
            if ((rc = db_io_channel_by_name(c, names[i], &found)) < 0)
                return -1;
            if (rc) {
                add_error(p, r->line, "Sales channel named %s was not found", names[i]);
                continue;
            }
            for (int k = 0; k < g->nchannels && !dup; k++)
                dup = !strcmp(g->channels[k], found);
            if (!dup)
                g->channels[g->nchannels++] = K(p, found);
        }
        if (!g->nchannels)
            g->nchannels = -1;
    }
    g->nimages = cells_of(p, r, K_IMAGE, &g->images);
    g->ntags = -1;
    if ((v = cell(p, r, K_P_TAGS))) {
        /* Medusa splits on "," and keeps every piece as a tag value. */
        char *copy = arena_strdup(p->a, v), *s = copy, *comma;
        g->tags = NULL;
        g->ntags = 0;
        for (;;) {
            comma = strchr(s, ',');
            if (comma)
                *comma = '\0';
            if (*s) {
                g->tags = arena_grow(p->a, g->tags, g->ntags, sizeof(*g->tags));
                g->tags[g->ntags++] = s;
            }
            if (!comma)
                break;
            s = comma + 1;
        }
    }
    /* Options: a new product's from its first row's "Option N Name" cells; an existing one's
     * from the database. */
    if (!g->product_id) {
        n = cells_of(p, r, K_OPT_NAME, &g->opt_titles);
        g->nopt = n < 0 ? 0 : n;
        for (int i = 0; i < g->nopt; i++)
            for (int k = 0; k < i; k++)
                if (!strcmp(g->opt_titles[i], g->opt_titles[k]))
                    add_error(p, r->line, "The option %s is named twice", g->opt_titles[i]);
    } else {
        const char **ids, **titles;
        if ((n = db_product_options(c, g->product_id, &ids, &titles)) < 0)
            return -1;
        g->nopt = n;
        g->opt_ids = arena_alloc(p->a, sizeof(char *) * (size_t)(n + 1));
        g->opt_titles = arena_alloc(p->a, sizeof(char *) * (size_t)(n + 1));
        for (int i = 0; i < n; i++) {
            g->opt_ids[i] = K(p, ids[i]);
            g->opt_titles[i] = K(p, titles[i]);
        }
    }
    return 0;
}

/* A price column's region or currency, from the plan's caches. 0, 1 unknown, -1. */
static int price_target(struct ctx *c, struct plan *p, const struct column *col, struct price *out)
{
    int k, rc;
    if (col->kind == K_PRICE_REGION) {
        if ((k = map_get(&p->regions, col->arg, -1)) < 0) {
            const char *id, *cur;
            if ((rc = db_io_region_by_name(c, col->arg, &id, &cur)) < 0)
                return -1;
            /* unknown names are kept too, as "" */
            k = p->nregions++;
            p->region_ids[k] = rc ? "" : K(p, id);
            p->region_currencies[k] = rc ? "" : K(p, cur);
            map_get(&p->regions, col->arg, k);
        }
        if (!*p->region_ids[k])
            return 1;
        out->region_id = p->region_ids[k];
        out->currency = p->region_currencies[k];
        return 0;
    }
    if ((k = map_get(&p->currencies, col->arg, -1)) < 0) {
        if ((rc = db_row_exists(c, "currency", col->arg)) < 0)
            return -1;
        k = rc;
        map_get(&p->currencies, col->arg, k);
    }
    if (!k)
        return 1;
    out->region_id = NULL;
    out->currency = col->arg;
    return 0;
}

/* One row's variant. -1 only on a database error. */
static int check_variant(struct ctx *c, struct plan *p, const struct group *g, struct row *r,
                         struct map *skus)
{
    const char *id = cell(p, r, K_V_ID), *sku = cell(p, r, K_V_SKU), *found;
    int rc;
    r->variant_id = NULL;
    if (id) {
        if ((rc = db_io_variant_product(c, id, &found)) < 0)
            return -1;
        if (rc)
            add_error(p, r->line, "Variant with id: %s was not found", id);
        else if (!g->product_id || strcmp(found, g->product_id))
            add_error(p, r->line, "Variant %s is not a variant of the product %s", id, g->handle);
        r->variant_id = K(p, id);
        p->variants_updated++;
    } else {
        if (!cell(p, r, K_V_TITLE))
            add_error(p, r->line, "A new variant needs a Variant Title");
        p->variants_created++;
    }
    check_int(p, r, K_V_INVENTORY, "Variant Inventory Quantity");
    check_bool(p, r, K_V_BACKORDER, "Variant Allow Backorder");
    check_bool(p, r, K_V_MANAGE, "Variant Manage Inventory");
    check_int(p, r, K_V_WEIGHT, "Variant Weight");
    check_int(p, r, K_V_LENGTH, "Variant Length");
    check_int(p, r, K_V_WIDTH, "Variant Width");
    check_int(p, r, K_V_HEIGHT, "Variant Height");
    if (sku) {
        int other = map_get(skus, sku, r->line);
        if (other >= 0)
            add_error(p, r->line, "The SKU %s is also on line %d", sku, other);
        if ((rc = db_io_sku_owner(c, sku, &found)) < 0)
            return -1;
        if (!rc && (!id || strcmp(found, id)))
            add_error(p, r->line, "Product_variant with sku %s already exists.", sku);
    }
    /* Option values, matched to the product's options by title. */
    r->nopt = 0;
    r->opt_titles = arena_alloc(p->a, sizeof(char *) * (size_t)(p->ncols + 1));
    r->opt_values = arena_alloc(p->a, sizeof(char *) * (size_t)(p->ncols + 1));
    for (int i = 0; i < p->ncols; i++) {
        const struct column *col = &p->cols[i];
        if (col->kind != K_OPT_VALUE || !r->cell[i])
            continue;
        r->opt_titles[r->nopt] = col->name_col >= 0 ? r->cell[col->name_col] : NULL;
        r->opt_values[r->nopt++] = r->cell[i];
        if (col->name_col < 0 || !r->cell[col->name_col])
            add_error(p, r->line, "Option %d Value has no Option %d Name", col->n, col->n);
    }
    if (!id) {
        if (r->nopt != g->nopt)
            add_error(p, r->line,
                      "Product options length does not match variant options length. Product "
                      "has %d and variant has %d.",
                      g->nopt, r->nopt);
        else
            for (int i = 0; i < g->nopt; i++) {
                int has = 0;
                for (int k = 0; k < r->nopt && !has; k++)
                    has = r->opt_titles[k] && !strcmp(r->opt_titles[k], g->opt_titles[i]);
                if (!has)
                    add_error(p, r->line, "Variant options do not contain value for %s",
                              g->opt_titles[i]);
            }
    }
    /* Prices in major units (Medusa's computerizeAmount). */
    r->nprices = -1;
    r->prices = arena_alloc(p->a, sizeof(*r->prices) * (size_t)(p->ncols + 1));
    for (int i = 0; i < p->ncols; i++) {
        const struct column *col = &p->cols[i];
        struct price pr;
        char *end;
        double amount;
        if ((col->kind != K_PRICE_REGION && col->kind != K_PRICE_CURRENCY) || !r->cell[i])
            continue;
        if (r->nprices < 0)
            r->nprices = 0;
        errno = 0;
        amount = strtod(r->cell[i], &end);
        if (errno || end == r->cell[i] || *end || !isfinite(amount) || amount < 0 ||
            amount > 1e13) {
            add_error(p, r->line, "The price \"%s\" is not an amount", r->cell[i]);
            continue;
        }
        if ((rc = price_target(c, p, col, &pr)) < 0)
            return -1;
        if (rc) {
            if (col->kind == K_PRICE_REGION)
                add_error(p, r->line, "Trying to set a price for a region %s that doesn't exist",
                          col->arg);
            else
                add_error(p, r->line, "Currency with currency_code %s does not exist.", col->arg);
            continue;
        }
        pr.amount = money_round(amount * (money_decimals(pr.currency) ? 100.0 : 1.0));
        r->prices[r->nprices++] = pr;
    }
    return 0;
}

static int read_file(struct ctx *c, struct plan *p, const char *key, char **text, size_t *len)
{
    const char *path = upload_path(c, key, 1);
    struct stat st;
    FILE *f;
    if (!path)
        return -1;
    if (!(f = fopen(path, "rb")) || fstat(fileno(f), &st) < 0) {
        if (f)
            fclose(f);
        return err_set(c, ERR_NOT_FOUND, "File with key %s not found", key);
    }
    if (st.st_size > 256L * 1024 * 1024) {
        fclose(f);
        return err_set(c, ERR_INVALID_DATA, "The csv file is too large");
    }
    *text = arena_alloc(p->a, (size_t)st.st_size + 1);
    *len = fread(*text, 1, (size_t)st.st_size, f);
    fclose(f);
    return 0;
}

/* Reads and checks the whole file against the database. 0 with p filled (p->nerrors may be
 * non-zero: the file's problems), -1 when the file cannot be used at all or on a database error
 * (recorded). */
static int plan_build(struct job_run *run, struct plan *p)
{
    struct ctx *c = run->c;
    const char *key = json_get_str_opt(run->context, "fileKey");
    struct csv csv;
    struct map handles, skus;
    char *text = NULL, why[160];
    size_t len = 0;
    memset(p, 0, sizeof(*p));
    p->a = run->keep;
    if (!key)
        return err_set(c, ERR_INVALID_DATA, "The batch job's context has no fileKey");
    if (read_file(c, p, key, &text, &len) < 0)
        return -1;
    if (csv_parse(p->a, text, len, 0, MAX_ROWS, &csv, why, sizeof(why)) < 0)
        return err_set(c, ERR_INVALID_DATA, "The csv file parsing failed due to: %s", why);
    if (!csv.nrows)
        return err_set(c, ERR_INVALID_DATA, "The csv file parsing failed due to: it is empty");
    if (read_header(c, p, &csv.rows[0]) < 0)
        return -1;
    p->nrows = csv.nrows - 1;
    p->rows = arena_calloc(p->a, sizeof(*p->rows) * (size_t)(p->nrows ? p->nrows : 1));
    p->groups = arena_calloc(p->a, sizeof(*p->groups) * (size_t)(p->nrows ? p->nrows : 1));
    map_init(p->a, &handles, (size_t)p->nrows);
    map_init(p->a, &skus, (size_t)p->nrows);
    map_init(p->a, &p->regions, (size_t)p->ncols);
    map_init(p->a, &p->currencies, (size_t)p->ncols);
    p->region_ids = arena_calloc(p->a, sizeof(char *) * (size_t)(p->ncols + 2));
    p->region_currencies = arena_calloc(p->a, sizeof(char *) * (size_t)(p->ncols + 2));
    for (int i = 0; i < p->nrows; i++) {
        const struct csv_row *src = &csv.rows[i + 1];
        struct row *r = &p->rows[i];
        const char *handle;
        int g;
        r->line = src->line;
        r->cell = arena_calloc(p->a, sizeof(char *) * (size_t)(p->ncols ? p->ncols : 1));
        if (src->n > p->ncols)
            add_error(p, r->line, "The line has %d cells, the header %d", src->n, p->ncols);
        for (int k = 0; k < src->n && k < p->ncols; k++)
            r->cell[k] = src->f[k][0] ? src->f[k] : NULL;
        if (!(handle = cell(p, r, K_P_HANDLE))) {
            /* Medusa's words, with the file's line */
            add_error(p, -r->line,
                      "No value found for target column \"Product Handle\" in line %d of the "
                      "given csv file",
                      r->line);
            continue;
        }
        if ((g = map_get(&handles, handle, p->ngroups)) < 0) {
            g = p->ngroups++;
            p->groups[g].handle = handle;
        }
        p->groups[g].rows = arena_grow(p->a, p->groups[g].rows, p->groups[g].nrows, sizeof(int));
        p->groups[g].rows[p->groups[g].nrows++] = i;
    }
    for (int g = 0; g < p->ngroups; g++) {
        if (check_product(c, p, &p->groups[g]) < 0)
            return -1;
        for (int k = 0; k < p->groups[g].nrows; k++)
            if (check_variant(c, p, &p->groups[g], &p->rows[p->groups[g].rows[k]], &skus) < 0)
                return -1;
    }
    return 0;
}

/* The file's problems go into result.errors in line order (the first MAX_ERRORS), then the job
 * fails with their count. A negative line: the message names its line itself. */
static int report_errors(struct job_run *run, struct plan *p)
{
    struct json_object *list = json_own(&run->c->arena, json_object_new_array());
    int kept = p->nerrors < MAX_KEPT ? p->nerrors : MAX_KEPT;
    size_t len;
    qsort(p->problems, (size_t)kept, sizeof(*p->problems), by_line);
    for (int i = 0; i < kept && i < MAX_ERRORS; i++) {
        const struct problem *e = &p->problems[i];
        json_object_array_add(
            list, json_object_new_string(
                      e->line > 0 ? arena_printf(&run->c->arena, "Line %d: %s", e->line, e->msg)
                                  : e->msg));
    }
    if (job_merge_result(
            run, arena_printf(&run->c->arena, "{\"errors\":%s}", json_text(list, &len))) < 0)
        return -1;
    return err_set(run->c, ERR_INVALID_DATA, "%d problem%s in the csv file%s; nothing was imported",
                   p->nerrors, p->nerrors == 1 ? "" : "s",
                   p->nerrors > MAX_ERRORS ? " (the first ones are listed)" : "");
}

int product_import_prepare(struct ctx *c, struct json_object *context, const char **out)
{
    size_t len;
    /* Medusa's strategy takes the context as given; the file is read when the job runs. */
    *out = arena_strdup(&c->arena, json_text(context, &len));
    return 0;
}

int product_import_preprocess(struct job_run *run)
{
    struct plan p;
    const char *patch;
    int64_t count;
    if (plan_build(run, &p) < 0)
        return -1;
    if (p.nerrors) {
        report_errors(run, &p);
        return -1;
    }
    count = p.products_created + p.products_updated + p.variants_created + p.variants_updated;
    /* Medusa's result, its stat descriptor's text included: the dashboard reads the first two
     * numbers of the message as "to create" and "to update". */
    patch = arena_printf(
        &run->c->arena,
        "{\"advancement_count\":0,\"count\":%lld,\"operations\":{\"PRODUCT_CREATE\":%lld,"
        "\"PRODUCT_UPDATE\":%lld,\"VARIANT_CREATE\":%lld,\"VARIANT_UPDATE\":%lld},"
        "\"stat_descriptors\":[{\"key\":\"product-import-count\",\"name\":\"Products/variants to "
        "import\",\"message\":\"There will be %lld products created (%lld  updated).\\n         "
        "    %lld variants will be created and %lld updated\"}]}",
        (long long)count, (long long)p.products_created, (long long)p.products_updated,
        (long long)p.variants_created, (long long)p.variants_updated, (long long)p.products_created,
        (long long)p.products_updated, (long long)p.variants_created,
        (long long)p.variants_updated);
    return job_merge_result(run, patch);
}

/* ---- processing ----------------------------------------------------------------------------- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void dims(const struct plan *p, const struct row *r, enum kind w, int *has, int64_t *v)
{
    const char *s = cell(p, r, w);
    *has = s && parse_int(s, v) == 0;
}

static void variant_from_row(struct ctx *c, const struct plan *p, const struct group *g,
                             const struct row *r, struct variant_input *v)
{
    const char *s;
    memset(v, 0, sizeof(*v));
    v->id = r->variant_id;
    v->title = cell(p, r, K_V_TITLE);
    v->sku = cell(p, r, K_V_SKU);
    v->barcode = cell(p, r, K_V_BARCODE);
    v->hs_code = cell(p, r, K_V_HS_CODE);
    v->origin_country = cell(p, r, K_V_ORIGIN);
    v->mid_code = cell(p, r, K_V_MID_CODE);
    v->material = cell(p, r, K_V_MATERIAL);
    if ((s = cell(p, r, K_V_INVENTORY)))
        v->has_inventory = parse_int(s, &v->inventory_quantity) == 0;
    v->allow_backorder = (s = cell(p, r, K_V_BACKORDER)) ? parse_bool(s) : -1;
    v->manage_inventory = (s = cell(p, r, K_V_MANAGE)) ? parse_bool(s) : -1;
    dims(p, r, K_V_WEIGHT, &v->has_weight, &v->weight);
    dims(p, r, K_V_LENGTH, &v->has_length, &v->length);
    dims(p, r, K_V_HEIGHT, &v->has_height, &v->height);
    dims(p, r, K_V_WIDTH, &v->has_width, &v->width);
    v->nprices = r->nprices;
    if (r->nprices > 0) {
        struct price_input *pi = arena_calloc(&c->arena, sizeof(*pi) * (size_t)r->nprices);
        for (int i = 0; i < r->nprices; i++) {
            pi[i].region_id = r->prices[i].region_id;
            pi[i].currency_code = r->prices[i].region_id ? NULL : r->prices[i].currency;
            pi[i].amount = r->prices[i].amount;
        }
        v->prices = pi;
    }
    if (!r->variant_id) {
        /* By the product's option order (create) and with the options' ids (update). */
        const char **values = arena_calloc(&c->arena, sizeof(char *) * (size_t)(g->nopt + 1));
        for (int i = 0; i < g->nopt; i++)
            for (int k = 0; k < r->nopt; k++)
                if (r->opt_titles[k] && !strcmp(r->opt_titles[k], g->opt_titles[i]))
                    values[i] = r->opt_values[k];
        v->option_values = values;
        v->option_ids = g->opt_ids;
        v->noptions = g->nopt;
    }
}

/* Creates or updates one product with its rows' variants. 0 or -1. */
static int apply_group(struct ctx *c, const struct plan *p, const struct group *g)
{
    const struct row *r = &p->rows[g->rows[0]];
    struct product_input in;
    struct variant_input *vars;
    const char *id, *s;
    int nv = 0;
    memset(&in, 0, sizeof(in));
    in.title = cell(p, r, K_P_TITLE);
    in.subtitle = cell(p, r, K_P_SUBTITLE);
    in.description = cell(p, r, K_P_DESCRIPTION);
    in.handle = g->handle;
    in.thumbnail = cell(p, r, K_P_THUMBNAIL);
    in.status = cell(p, r, K_P_STATUS);
    in.collection_id = g->collection_id;
    in.hs_code = cell(p, r, K_P_HS_CODE);
    in.origin_country = cell(p, r, K_P_ORIGIN);
    in.mid_code = cell(p, r, K_P_MID_CODE);
    in.material = cell(p, r, K_P_MATERIAL);
    in.is_giftcard = 0;
    in.discountable = (s = cell(p, r, K_P_DISCOUNTABLE)) ? parse_bool(s) : -1;
    dims(p, r, K_P_WEIGHT, &in.has_weight, &in.weight);
    dims(p, r, K_P_LENGTH, &in.has_length, &in.length);
    dims(p, r, K_P_HEIGHT, &in.has_height, &in.height);
    dims(p, r, K_P_WIDTH, &in.has_width, &in.width);
    in.type_value = cell(p, r, K_P_TYPE);
    in.images = g->images;
    in.nimages = g->nimages;
    in.tag_values = g->tags;
    in.ntags = g->ntags;
    /* Tags by value only: no ids (db_product_set_tags reads one per tag). */
    if (g->ntags > 0)
        in.tag_ids = arena_calloc(&c->arena, sizeof(char *) * (size_t)g->ntags);
    in.category_ids = g->categories;
    in.ncategories = g->ncategories;
    in.channel_ids = g->channels;
    in.nchannels = g->nchannels;
    if (!g->product_id) {
        in.option_titles = g->opt_titles;
        in.noptions = g->nopt;
        vars = arena_calloc(&c->arena, sizeof(*vars) * (size_t)(g->nrows + 1));
        for (int k = 0; k < g->nrows; k++)
            variant_from_row(c, p, g, &p->rows[g->rows[k]], &vars[nv++]);
        in.variants = vars;
        in.nvariants = nv;
        if (product_create(c, &in, &id) < 0)
            return -1;
    } else {
        /* Every current variant stays (listed by id, in its order); the rows' variants update
         * theirs or come after. */
        const char **have;
        int nhave = db_product_variant_ids(c, g->product_id, &have);
        if (nhave < 0)
            return -1;
        vars = arena_calloc(&c->arena, sizeof(*vars) * (size_t)(nhave + g->nrows + 1));
        for (int i = 0; i < nhave; i++) {
            vars[nv].id = have[i];
            vars[nv].allow_backorder = vars[nv].manage_inventory = -1;
            vars[nv].nprices = -1;
            for (int k = 0; k < g->nrows; k++) {
                const struct row *vr = &p->rows[g->rows[k]];
                if (vr->variant_id && !strcmp(vr->variant_id, have[i]))
                    variant_from_row(c, p, g, vr, &vars[nv]);
            }
            nv++;
        }
        for (int k = 0; k < g->nrows; k++)
            if (!p->rows[g->rows[k]].variant_id)
                variant_from_row(c, p, g, &p->rows[g->rows[k]], &vars[nv++]);
        in.variants = vars;
        in.nvariants = nv;
        id = g->product_id;
        if (product_update(c, id, &in) < 0)
            return -1;
    }
    if ((s = cell(p, r, K_P_EXTERNAL_ID)) && db_io_set_external_id(c, id, s) < 0)
        return -1;
    return 0;
}

/* One chunk of the import: whole product groups, for at most CHUNK_MS, in one transaction. */
struct chunk {
    struct ctx *c;
    struct plan *p;
    int g;        /* the next group */
    int64_t done; /* products and variants written so far */
};

static int chunk_tx(void *arg)
{
    struct chunk *ch = arg;
    struct ctx *c = ch->c;
    struct plan *p = ch->p;
    int64_t t0 = now_ms();
    do {
        const struct group *gr = &p->groups[ch->g++];
        if (apply_group(c, p, gr) < 0) {
            /* The line, as Medusa's throwDescriptiveError names the row. */
            char msg[sizeof(c->err.msg)];
            snprintf(msg, sizeof(msg), "%s", c->err.msg);
            err_clear(c);
            return err_set(c, ERR_INVALID_DATA,
                           "Line %d (product handle %s): %s; the products before it were imported",
                           p->rows[gr->rows[0]].line, gr->handle, msg);
        }
        ch->done += 1 + gr->nrows;
    } while (ch->g < p->ngroups && now_ms() - t0 < CHUNK_MS);
    return 0;
}

int product_import_process(struct job_run *run)
{
    struct ctx *c = run->c;
    struct plan p;
    struct chunk ch = {.c = c, .p = &p};
    int64_t count;
    /* The database may have changed since the dry run: everything is checked again. */
    if (plan_build(run, &p) < 0)
        return -1;
    if (p.nerrors) {
        report_errors(run, &p);
        return -1;
    }
    count = p.products_created + p.products_updated + p.variants_created + p.variants_updated;
    while (ch.g < p.ngroups) {
        if (job_tx(c, chunk_tx, &ch) < 0)
            return -1;
        db_request_end(c->db);
        arena_reset(&c->arena);
        if (job_progress(run, ch.done, count) < 0)
            return -1;
        if (ch.g < p.ngroups) {
            if (job_should_stop(run))
                return 1;
            usleep(GAP_MS * 1000);
        }
    }
    return 0;
}
