/* region.c: regions created and updated from the Admin API, with the checks of Medusa's
 * RegionService (validateFields, validateCountry, validateCurrency), in its order: tax rate,
 * countries, tax provider, payment then fulfillment providers, then the currency. */
#include "domain/region.h"
#include "pay/provider.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "db/event.h"
#include "db/product_admin.h"
#include "db/region.h"
#include "domain/metadata.h"

static const char *lower(struct ctx *c, const char *s)
{
    char *o = arena_strdup(&c->arena, s);
    for (char *p = o; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return o;
}

/* validateCountry: the lower-cased code into *out, or Medusa's error. */
static int check_country(struct ctx *c, const char *code, const char *region_id, const char **out)
{
    const char *name, *owner;
    int rc;
    *out = lower(c, code);
    if ((rc = db_country_owner(c, *out, &name, &owner)) < 0)
        return -1;
    /* Medusa checks its own ISO list first; our country table is that list. */
    if (rc == 1 || strlen(*out) != 2)
        return err_set(c, ERR_INVALID_DATA, "Invalid country code");
    if (owner && (!region_id || strcmp(owner, region_id)))
        return err_set(c, ERR_DUPLICATE, "%s already exists in region %s", name, owner);
    return 0;
}

/* validateCountry for every code; the lower-cased codes go to *out. */
static int check_countries(struct ctx *c, const struct region_input *in, const char *region_id,
                           const char ***out)
{
    const char **codes = arena_alloc(&c->arena, sizeof(*codes) * (size_t)(in->ncountries + 1));
    for (int i = 0; i < in->ncountries; i++)
        if (check_country(c, in->countries[i], region_id, &codes[i]) < 0)
            return -1;
    *out = codes;
    return 0;
}

static int check_providers(struct ctx *c, char kind, const char *const *ids, int n)
{
    for (int i = 0; i < n; i++) {
        int rc = db_provider_exists(c, kind, ids[i]);
        /* A payment provider not configured here (stripe without stripe_api_key) is unknown. */
        if (rc > 0 && kind == 'p' && !payment_provider_enabled(c, ids[i]))
            rc = 0;
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
    if (!(*id = db_region_insert(c, &row)) || links(c, *id, in, countries) < 0)
        return -1;
    return db_event_id(c, "region.created", *id);
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
    if (check(c, in, id, &row, &countries) < 0 || db_region_update(c, id, &row) < 0 ||
        links(c, id, in, countries) < 0)
        return -1;
    return db_event_add(c, "region.updated",
                        arena_printf(&c->arena, "{\"id\":\"%s\",\"fields\":%s}", id,
                                     in->fields_json ? in->fields_json : "[]"));
}

/* RegionService.Events.UPDATED with the one field that changed. */
static int updated(struct ctx *c, const char *id, const char *field)
{
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    struct json_object *fields = json_object_new_array();
    size_t len;
    json_set_str(ev, "id", id);
    json_object_array_add(fields, json_object_new_string(field));
    json_set(ev, "fields", fields);
    return db_event_add(c, "region.updated", json_text(ev, &len));
}

/* 0 if the live region exists, else its 404. */
static int region_found(struct ctx *c, const char *id)
{
    int rc = db_row_exists(c, "region", id);
    if (rc < 0)
        return -1;
    return rc ? 0 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
}

int region_delete(struct ctx *c, const char *id)
{
    if (region_found(c, id) < 0 || db_region_delete(c, id) < 0)
        return -1;
    return db_event_id(c, "region.deleted", id);
}

int region_add_country(struct ctx *c, const char *id, const char *code)
{
    const char *iso;
    int rc;
    if (check_country(c, code, id, &iso) < 0 || region_found(c, id) < 0)
        return -1;
    if ((rc = db_region_has_country_code(c, id, iso)) != 0)
        return rc < 0 ? -1 : 0;
    if (db_country_set_region(c, iso, id) < 0)
        return -1;
    return updated(c, id, "countries");
}

int region_remove_country(struct ctx *c, const char *id, const char *code)
{
    int rc;
    if (region_found(c, id) < 0)
        return -1;
    if ((rc = db_region_has_country_code(c, id, code)) <= 0)
        return rc;
    if (db_country_set_region(c, code, NULL) < 0)
        return -1;
    return updated(c, id, "countries");
}

static const char *provider_field(char kind)
{
    return kind == 'p' ? "payment_providers" : "fulfillment_providers";
}

int region_add_provider(struct ctx *c, char kind, const char *id, const char *provider_id)
{
    int rc;
    if (region_found(c, id) < 0)
        return -1;
    if ((rc = db_region_has_provider_of(c, kind, id, provider_id)) != 0)
        return rc < 0 ? -1 : 0;
    if ((rc = db_provider_exists(c, kind, provider_id)) > 0 && kind == 'p' &&
        !payment_provider_enabled(c, provider_id))
        rc = 0;
    if (rc <= 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "%s provider %s was not found",
                                kind == 'p' ? "Payment" : "Fulfillment", provider_id);
    if (db_region_link_provider(c, kind, id, provider_id, 1) < 0)
        return -1;
    return updated(c, id, provider_field(kind));
}

int region_remove_provider(struct ctx *c, char kind, const char *id, const char *provider_id)
{
    int rc;
    if (region_found(c, id) < 0)
        return -1;
    if ((rc = db_region_has_provider_of(c, kind, id, provider_id)) <= 0)
        return rc;
    if (db_region_link_provider(c, kind, id, provider_id, 0) < 0)
        return -1;
    return updated(c, id, provider_field(kind));
}
