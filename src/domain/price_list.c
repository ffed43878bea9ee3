/* price_list.c: price lists from the Admin API (price_list.h), as PriceListService and
 * MoneyAmountRepository write them; PostgreSQL's constraint errors are checked up front and get
 * the text Medusa's exception formatter makes of them. */
#include "domain/price_list.h"

#include "db/customer_group.h"
#include "db/price_list.h"
#include "db/product_admin.h"

static int list_must_exist(struct ctx *c, const char *id, struct price_list_row *row)
{
    int rc = db_price_list_load(c, id, row);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Price list with id: %s was not found", id);
    return rc;
}

/* addCurrencyFromRegion, then the foreign keys of the insert. */
static int price_resolve(struct ctx *c, struct price_list_price *p)
{
    int rc;
    if (p->region_id && *p->region_id) {
        if (!(p->currency_code = db_region_currency(c, p->region_id)))
            return c->err.type != ERR_NONE
                       ? -1
                       : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", p->region_id);
    } else {
        p->region_id = NULL;
        if ((rc = db_row_exists(c, "currency", p->currency_code)) <= 0)
            return rc < 0
                       ? -1
                       : err_set(c, ERR_NOT_FOUND, "Currency with currency_code %s does not exist.",
                                 p->currency_code);
    }
    if ((rc = db_price_list_variant_exists(c, p->variant_id)) <= 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Product_variant with variant_id %s does not exist.",
                             p->variant_id);
    return 0;
}

static int price_write(struct ctx *c, const char *list_id, const struct price_list_price *in,
                       int keep_id)
{
    struct price_list_price p = *in;
    const int64_t *min = p.has_min ? &p.min_quantity : NULL,
                  *max = p.has_max ? &p.max_quantity : NULL;
    int rc, update = keep_id && p.id;
    /* An update by id names one of the list's prices, and may keep its region or currency. */
    if (update && (rc = db_price_list_has_price(c, list_id, p.id)) <= 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Money amount with id: %s was not found", p.id);
    if (update && !(p.region_id && *p.region_id) && !p.currency_code) {
        if ((rc = db_price_list_variant_exists(c, p.variant_id)) <= 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND,
                                    "Product_variant with variant_id %s does not exist.",
                                    p.variant_id);
    } else if (price_resolve(c, &p) < 0) {
        return -1;
    }
    if (!update)
        return db_price_list_price_insert(c, list_id, p.variant_id, p.currency_code, p.region_id,
                                          p.amount, min, max);
    if ((rc = db_price_list_price_update(c, list_id, p.id, p.variant_id, p.currency_code,
                                         p.region_id, p.amount, min, max)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Money amount with id: %s was not found", p.id);
    return rc;
}

/* upsertCustomerGroups_: each group retrieved, then the list's set replaced. */
static int set_groups(struct ctx *c, const char *id, const char *const *groups, int n)
{
    for (int i = 0; i < n; i++) {
        const char *name, *meta;
        int rc = db_customer_group_load(c, groups[i], &name, &meta);
        if (rc)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "CustomerGroup with id %s was not found",
                                    groups[i]);
    }
    return db_price_list_set_groups(c, id, groups, n);
}

int price_list_create(struct ctx *c, const struct price_list_input *in, const char **id)
{
    struct price_list_row row = {in->name,      in->description,
                                 in->type,      in->status ? in->status : "draft",
                                 in->starts_at, in->ends_at};
    if (!(*id = db_price_list_insert(c, &row)))
        return -1;
    for (int i = 0; i < in->nprices; i++)
        if (price_write(c, *id, &in->prices[i], 0) < 0)
            return -1;
    return in->ngroups >= 0 ? set_groups(c, *id, in->groups, in->ngroups) : 0;
}

int price_list_update(struct ctx *c, const char *id, const struct price_list_input *in)
{
    struct price_list_row row;
    if (list_must_exist(c, id, &row) < 0)
        return -1;
    for (int i = 0; i < in->nprices; i++)
        if (price_write(c, id, &in->prices[i], 1) < 0)
            return -1;
    if (in->ngroups >= 0 && set_groups(c, id, in->groups, in->ngroups) < 0)
        return -1;
    if (in->name)
        row.name = in->name;
    if (in->description)
        row.description = in->description;
    if (in->type)
        row.type = in->type;
    if (in->status)
        row.status = in->status;
    if (in->has_starts)
        row.starts_at = in->starts_at;
    if (in->has_ends)
        row.ends_at = in->ends_at;
    return db_price_list_update(c, id, &row);
}

int price_list_delete(struct ctx *c, const char *id)
{
    return db_price_list_delete(c, id);
}

int price_list_add_prices(struct ctx *c, const char *id, const struct price_list_price *prices,
                          int n, int replace)
{
    struct price_list_row row;
    if (list_must_exist(c, id, &row) < 0)
        return -1;
    /* Medusa inserts, then deletes the list's other prices: the same as clearing first. */
    if (replace && db_price_list_prices_clear(c, id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (price_write(c, id, &prices[i], 0) < 0)
            return -1;
    return 0;
}

int price_list_delete_prices(struct ctx *c, const char *id, const char *const *ids, int n)
{
    struct price_list_row row;
    if (list_must_exist(c, id, &row) < 0)
        return -1;
    return db_price_list_prices_delete(c, id, ids, n);
}

int price_list_delete_prices_of(struct ctx *c, const char *id, const char *const *ids, int n,
                                int of_products, const char ***deleted, int *ndeleted)
{
    if ((*ndeleted = db_price_list_price_ids(c, id, ids, n, of_products, deleted)) < 0)
        return -1;
    /* Nothing to delete answers an empty list, whatever the price list. */
    return *ndeleted ? price_list_delete_prices(c, id, *deleted, *ndeleted) : 0;
}
