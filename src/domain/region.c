/* region.c: regions created and updated from the Admin API, with the checks of Medusa's
 * RegionService (validateFields, validateCountry, validateCurrency), in its order: tax rate,
 * countries, tax provider, payment then fulfillment providers, then the currency. */
#include "domain/region.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "db/region.h"
#include "domain/metadata.h"

static const char *lower(struct ctx *c, const char *s)
{
    char *o = arena_strdup(&c->arena, s);
    for (char *p = o; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return o;
}

/* validateCountry for every code; the lower-cased codes go to *out. */
static int check_countries(struct ctx *c, const struct region_input *in, const char *region_id,
                           const char ***out)
{
    const char **codes = arena_alloc(&c->arena, sizeof(*codes) * (size_t)(in->ncountries + 1));
    for (int i = 0; i < in->ncountries; i++) {
        const char *name, *owner;
        int rc;
        codes[i] = lower(c, in->countries[i]);
        if ((rc = db_country_owner(c, codes[i], &name, &owner)) < 0)
            return -1;
        /* Medusa checks its own ISO list first; our country table is that list. */
        if (rc == 1 || strlen(codes[i]) != 2)
            return err_set(c, ERR_INVALID_DATA, "Invalid country code");
        if (owner && (!region_id || strcmp(owner, region_id)))
            return err_set(c, ERR_DUPLICATE, "%s already exists in region %s", name, owner);
    }
    *out = codes;
    return 0;
}

static int check_providers(struct ctx *c, char kind, const char *const *ids, int n)
{
    for (int i = 0; i < n; i++) {
        int rc = db_provider_exists(c, kind, ids[i]);
        if (rc < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA, "%s provider not found",
                           kind == 'p' ? "Payment" : "Fulfillment");
    }
    return 0;
}

/* validateFields, then the currency; fills row and the lower-cased countries. */
static int check(struct ctx *c, const struct region_input *in, const char *region_id,
                 struct region_row *row, const char ***countries)
{
    int rc;
    /* `if (region.tax_rate)`: 0 is never checked. */
    if (in->has_tax_rate && in->tax_rate != 0 && (in->tax_rate > 100 || in->tax_rate < 0))
        return err_set(c, ERR_INVALID_DATA, "The tax_rate must be between 0 and 1");
    if (in->ncountries >= 0 && check_countries(c, in, region_id, countries) < 0)
        return -1;
    if (in->has_tax_provider && in->tax_provider_id) {
        if ((rc = db_provider_exists(c, 't', in->tax_provider_id)) < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA, "Tax provider not found");
    }
    if (check_providers(c, 'p', in->payment_providers, in->npayment) < 0 ||
        check_providers(c, 'f', in->fulfillment_providers, in->nfulfillment) < 0)
        return -1;
    if (in->currency_code && *in->currency_code) {
        const char *code = lower(c, in->currency_code);
        if ((rc = db_store_currency(c, code)) < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA, "Invalid currency code");
        row->currency_code = code;
    }
    if (in->name)
        row->name = in->name;
    if (in->has_tax_code)
        row->tax_code = in->tax_code;
    if (in->has_tax_provider)
        row->tax_provider_id = in->tax_provider_id;
    if (in->has_tax_rate)
        row->tax_rate = in->tax_rate;
    if (in->gift_cards_taxable >= 0)
        row->gift_cards_taxable = in->gift_cards_taxable;
    if (in->automatic_taxes >= 0)
        row->automatic_taxes = in->automatic_taxes;
    if (in->metadata)
        row->metadata = metadata_merge(c, row->metadata, in->metadata);
    return 0;
}

static int links(struct ctx *c, const char *id, const struct region_input *in,
                 const char **countries)
{
    if (in->ncountries >= 0 && db_region_set_countries(c, id, countries, in->ncountries) < 0)
        return -1;
    if (in->npayment >= 0 &&
        db_region_set_providers(c, 'p', id, in->payment_providers, in->npayment) < 0)
        return -1;
    if (in->nfulfillment >= 0 &&
        db_region_set_providers(c, 'f', id, in->fulfillment_providers, in->nfulfillment) < 0)
        return -1;
    return 0;
}

int region_create(struct ctx *c, const struct region_input *in, const char **id)
{
    struct region_row row = {0};
    const char **countries = NULL;
    row.gift_cards_taxable = 1; /* the model's defaults */
    row.automatic_taxes = 1;
    if (check(c, in, NULL, &row, &countries) < 0)
        return -1;
    if (!(*id = db_region_insert(c, &row)))
        return -1;
    return links(c, *id, in, countries);
}

int region_update(struct ctx *c, const char *id, const struct region_input *in)
{
    struct region_row row;
    const char **countries = NULL;
    int rc = db_region_load(c, id, &row);
    if (rc < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
    if (check(c, in, id, &row, &countries) < 0 || db_region_update(c, id, &row) < 0)
        return -1;
    return links(c, id, in, countries);
}
