/* discount.c: DiscountService.create (discount.h). Checks run in Medusa's order, so the first
 * failing one is the one reported. */
#include "domain/discount.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/discount.h"

/* Medusa's BeforeInsert: code.toUpperCase().trim(). */
static const char *code_normalise(struct ctx *c, const char *code)
{
    size_t n;
    char *s;
    while (isspace((unsigned char)*code))
        code++;
    n = strlen(code);
    while (n && isspace((unsigned char)code[n - 1]))
        n--;
    s = arena_alloc(&c->arena, n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)toupper((unsigned char)code[i]);
    s[n] = 0;
    return s;
}

int discount_create(struct ctx *c, struct discount_in *in, const char **id)
{
    struct discount_new *d = &in->d;
    const char *rule_id;
    struct region_row region;
    int taken;

    if (!strcmp(d->rule_type, "percentage") && d->value > 100)
        return err_set(c, ERR_INVALID_DATA,
                       "Discount value above 100 is not allowed when type is percentage");
    if (d->nregions > 1 && !strcmp(d->rule_type, "fixed"))
        return err_set(c, ERR_INVALID_DATA, "Fixed discounts can have one region");
    for (int i = 0; i < d->nregions; i++) {
        int rc = db_region_get(c, d->regions[i], &region);
        if (rc < 0)
            return -1;
        if (rc == 1)
            return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", d->regions[i]);
    }
    if (d->nregions == 0)
        return err_set(c, ERR_INVALID_DATA, "Discount must have at least 1 region");
    d->code = code_normalise(c, d->code);
    if ((taken = db_discount_code_taken(c, d->code)) < 0)
        return -1;
    if (taken)
        return err_set(c, ERR_DUPLICATE, "Discount with code %s already exists.", d->code);
    if (!(*id = db_discount_insert(c, d, &rule_id)))
        return -1;
    for (int i = 0; i < in->nconditions; i++) {
        const struct discount_condition_in *k = &in->conditions[i];
        if (!k->type)
            return err_set(c, ERR_INVALID_DATA,
                           "Missing one of products, collections, tags, "
                           "types or customer groups in data");
        /* One condition per (type, operator) on a rule: the unique key Medusa reports. */
        for (int j = 0; j < i; j++)
            if (in->conditions[j].type && !strcmp(in->conditions[j].type, k->type) &&
                !strcmp(in->conditions[j].operator_, k->operator_))
                return err_set(c, ERR_DUPLICATE,
                               "Discount Condition with operator '%s' and type '%s' already exist "
                               "on a Discount Rule",
                               k->operator_, k->type);
        if (db_discount_condition_insert(c, rule_id, k->type, k->operator_, k->ids, k->nids) < 0)
            return -1;
    }
    return db_event(c, "discount.created", arena_printf(&c->arena, "{\"id\":\"%s\"}", *id));
}
