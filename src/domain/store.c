/* store.c: the store's details and currencies (store.h), as Medusa 1.20's StoreService: currency
 * codes are matched in lower case; a currency that does not exist is invalid_data, one already
 * added a duplicate_error; removing one the store lacks changes nothing. */
#include "domain/store.h"

#include <ctype.h>
#include <string.h>

#include "db/product_admin.h"
#include "db/store.h"
#include "domain/metadata.h"

static char *lower(struct ctx *c, const char *s)
{
    char *d = arena_strdup(&c->arena, s);
    for (char *p = d; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

static int has_code(const char *const *codes, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(codes[i], code))
            return 1;
    return 0;
}

int store_update(struct ctx *c, const struct store_input *in, const char **id)
{
    struct store_row row = {
        in->name, in->swap_link_template, in->payment_link_template, in->invite_link_template, NULL,
        NULL};
    const char **codes = NULL;
    int n;
    if (!(*id = db_store_find(c)))
        return -1;
    if (in->metadata)
        row.metadata = metadata_merge(c, db_store_metadata(c, *id), in->metadata);
    if (in->ncurrencies >= 0) {
        const char *def = in->default_currency_code ? in->default_currency_code
                                                    : db_store_default_currency(c, *id);
        const char **v = arena_alloc(&c->arena, sizeof(*v) * (size_t)(in->ncurrencies + 1));
        if (!def)
            return -1;
        def = lower(c, def);
        n = 0;
        for (int i = 0; i < in->ncurrencies; i++)
            v[n++] = lower(c, in->currencies[i]);
        if (!has_code(v, n, def))
            return err_set(c, ERR_INVALID_DATA,
                           "You are not allowed to remove default currency from store currencies "
                           "without replacing it as well");
        for (int i = 0; i < n; i++) {
            int rc = db_row_exists(c, "currency", v[i]);
            if (rc < 0)
                return -1;
            if (!rc)
                return err_set(c, ERR_INVALID_DATA, "Currency with code %s does not exist",
                               in->currencies[i]);
        }
        codes = v;
    } else if ((n = db_store_currencies(c, *id, &codes)) < 0) {
        return -1;
    }
    if (in->default_currency_code) {
        const char *def = lower(c, in->default_currency_code);
        if (!has_code(codes, n, def))
            return err_set(c, ERR_INVALID_DATA, "Store does not have currency: %s",
                           in->default_currency_code);
        row.default_currency_code = def;
    }
    if (in->ncurrencies >= 0 && db_store_set_currencies(c, *id, codes, n) < 0)
        return -1;
    return db_store_update(c, *id, &row);
}

int store_add_currency(struct ctx *c, const char *code, const char **id)
{
    const char *lc = lower(c, code), **codes;
    int rc, n;
    if ((rc = db_row_exists(c, "currency", lc)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Currency %s not found", code);
    if (!(*id = db_store_find(c)) || (n = db_store_currencies(c, *id, &codes)) < 0)
        return -1;
    if (has_code(codes, n, lc))
        return err_set(c, ERR_DUPLICATE, "Currency already added");
    return db_store_add_currency(c, *id, lc);
}

int store_remove_currency(struct ctx *c, const char *code, const char **id)
{
    if (!(*id = db_store_find(c)))
        return -1;
    return db_store_remove_currency(c, *id, lower(c, code));
}
