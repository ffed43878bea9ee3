/* seed_regions.c: regions (currencies, providers, countries) and shipping options with their
 * requirements (seed.ts: regions, shipping_options). */
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

/* ---- regions and shipping options ----------------------------------------------------------- */

struct region_arg {
    const char *id;
};

static int region_payment(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT id FROM payment_provider WHERE id = ?1";
    static const char ins[] = "INSERT OR IGNORE INTO region_payment_providers (region_id,"
                              " provider_id) VALUES (?1, ?2)";
    json_object *arr;
    size_t n, old;
    if (seed_field(s, e, "payment_providers", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = seed_path_key(s, "payment_providers");
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(arr, i);
        size_t at = seed_path_idx(s, i);
        int rc;
        if (!p || !json_object_is_type(p, json_type_string))
            return seed_fail(s, "expected a string");
        if ((rc = seed_one_text(s, NULL, 0, q, "s", json_object_get_string(p))) <= 0)
            return rc < 0 ? -1
                          : seed_fail(s, "Payment provider not found: '%s'",
                                      json_object_get_string(p));
        if (seed_run(s, ins, "ss", region_id, json_object_get_string(p)) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    return 0;
}

static int region_fulfillment(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT id FROM fulfillment_provider WHERE id = ?1";
    static const char ins[] = "INSERT OR IGNORE INTO region_fulfillment_providers (region_id,"
                              " provider_id) VALUES (?1, ?2)";
    json_object *arr;
    size_t n, old;
    if (seed_field(s, e, "fulfillment_providers", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = seed_path_key(s, "fulfillment_providers");
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(arr, i);
        size_t at = seed_path_idx(s, i);
        int rc;
        if (!p || !json_object_is_type(p, json_type_string))
            return seed_fail(s, "expected a string");
        if ((rc = seed_one_text(s, NULL, 0, q, "s", json_object_get_string(p))) <= 0)
            return rc < 0 ? -1
                          : seed_fail(s, "Fulfillment provider not found: '%s'",
                                      json_object_get_string(p));
        if (seed_run(s, ins, "ss", region_id, json_object_get_string(p)) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    return 0;
}

static int region_countries(struct seed *s, json_object *e, const char *region_id)
{
    static const char q[] = "SELECT coalesce(region_id, ''), display_name FROM country"
                            " WHERE iso_2 = ?1";
    static const char upd[] = "UPDATE country SET region_id = ?2 WHERE iso_2 = ?1";
    json_object *arr;
    size_t n, old;
    if (seed_field(s, e, "countries", W_ARR, 0, &arr) < 0)
        return -1;
    n = arr ? json_object_array_length(arr) : 0;
    old = seed_path_key(s, "countries");
    for (size_t i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(arr, i);
        size_t at = seed_path_idx(s, i);
        char iso[8], owner[ID_MAX + 128];
        struct db_stmt *st;
        int rc;
        if (!c || !json_object_is_type(c, json_type_string))
            return seed_fail(s, "expected a string");
        seed_lower_copy(iso, sizeof(iso), json_object_get_string(c));
        if (!(st = seed_prep(s, q)))
            return -1;
        db_bind_text(st, 1, iso);
        rc = drv_step(s->db, st);
        if (rc == DB_ROW)
            snprintf(owner, sizeof(owner), "%s already exists in region %s", db_col_text(st, 1),
                     db_col_text(st, 0));
        if (rc == DB_ROW && !db_col_bytes(st, 0))
            owner[0] = '\0';
        db_reset(st);
        if (rc == DB_DONE)
            return seed_fail(s, "Country with code %s not found", json_object_get_string(c));
        if (rc != DB_ROW)
            return seed_db_failed(s);
        if (owner[0])
            return seed_fail(s, "%s", owner);
        if (seed_run(s, upd, "ss", iso, region_id) < 0)
            return -1;
        seed_path_pop(s, at);
    }
    seed_path_pop(s, old);
    return 0;
}

int seed_region(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char q_cur[] = "SELECT 1 FROM store_currencies WHERE store_id = ?1"
                                " AND currency_code = ?2";
    static const char q_tax[] = "SELECT id FROM tax_provider WHERE id = ?1";
    static const char ins[] =
        "INSERT INTO region (id, name, currency_code, tax_rate, tax_code, gift_cards_taxable,"
        " automatic_taxes, tax_provider_id, includes_tax, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
    const char *fid, *name, *cur, *tax_code, *tax_prov, *meta;
    char id[ID_MAX], code[16];
    double rate;
    int has_rate, gct, auto_tax, incl, rc;
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_str(s, e, "currency_code", 1, &cur) < 0 ||
        seed_get_num(s, e, "tax_rate", 1, &has_rate, &rate) < 0 ||
        seed_get_str(s, e, "tax_code", 0, &tax_code) < 0 ||
        seed_get_bool(s, e, "gift_cards_taxable", 1, &gct) < 0 ||
        seed_get_bool(s, e, "automatic_taxes", 1, &auto_tax) < 0 ||
        seed_get_bool(s, e, "includes_tax", 0, &incl) < 0 ||
        seed_get_str(s, e, "tax_provider_id", 0, &tax_prov) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    seed_lower_copy(code, sizeof(code), cur);
    if ((rc = seed_one_text(s, NULL, 0, q_cur, "ss", s->store_id, code)) <= 0)
        return rc < 0 ? -1
                      : seed_fail_key(s, "currency_code",
                                      "Invalid currency code: '%s' is not a store currency", cur);
    if (tax_prov && (rc = seed_one_text(s, NULL, 0, q_tax, "s", tax_prov)) <= 0)
        return rc < 0 ? -1 : seed_fail_key(s, "tax_provider_id", "Tax provider not found");
    if (seed_run(s, ins, "sssfsbbsbss", seed_new_id(id, "reg"), name, code, rate, tax_code, gct,
                 auto_tax, tax_prov, incl, meta, seed_stamp(s)) < 0)
        return -1;
    if (region_payment(s, e, id) < 0 || region_fulfillment(s, e, id) < 0 ||
        region_countries(s, e, id) < 0)
        return -1;
    s->counts[N_REGIONS]++;
    return seed_link_add(s, K_REGION, fid, id);
}

static int so_requirement(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const types[] = {"min_subtotal", "max_subtotal", NULL};
    static const char ins[] = "INSERT INTO shipping_option_requirement (id, shipping_option_id,"
                              " type, amount) VALUES (?1, ?2, ?3, ?4)";
    const char *type;
    char id[ID_MAX];
    int64_t amount;
    int has;
    (void)i;
    if (seed_get_enum(s, e, "type", types, NULL, &type) < 0 ||
        seed_get_int(s, e, "amount", 1, &has, &amount) < 0)
        return -1;
    return seed_run(s, ins, "sssi", seed_new_id(id, "sor"), (const char *)arg, type, amount);
}

int seed_shipping_option(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const req_keys[] = {"type", "amount", NULL};
    static const char *const price_types[] = {"flat_rate", "calculated", NULL};
    static const char q_prov[] = "SELECT 1 FROM region_fulfillment_providers WHERE region_id = ?1"
                                 " AND provider_id = ?2";
    static const char ins[] =
        "INSERT INTO shipping_option (id, name, region_id, profile_id, provider_id, price_type,"
        " amount, is_return, admin_only, data, includes_tax, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
    const char *fid, *name, *prov, *ptype, *meta, *data = "{}";
    json_object *d;
    char id[ID_MAX], region[ID_MAX];
    int64_t amount;
    int has_amount, is_return, admin_only, incl, gc, rc;
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_link_key(s, e, "region_id", K_REGION, 1, region) < 0 ||
        seed_get_str(s, e, "provider_id", 1, &prov) < 0 ||
        seed_get_enum(s, e, "price_type", price_types, NULL, &ptype) < 0 ||
        seed_get_int(s, e, "amount", 0, &has_amount, &amount) < 0 ||
        seed_get_bool(s, e, "is_return", 0, &is_return) < 0 ||
        seed_get_bool(s, e, "admin_only", 0, &admin_only) < 0 ||
        seed_get_bool(s, e, "includes_tax", 0, &incl) < 0 ||
        seed_get_bool(s, e, "is_giftcard", 0, &gc) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0 || seed_field(s, e, "data", W_OBJ, 0, &d) < 0)
        return -1;
    if (d)
        data = json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN);
    if ((rc = seed_one_text(s, NULL, 0, q_prov, "ss", region, prov)) <= 0)
        return rc < 0 ? -1
                      : seed_fail_key(s, "provider_id",
                                      "The fulfillment provider %s is not available"
                                      " in the region",
                                      prov);
    if (!strcmp(ptype, "flat_rate") && (!has_amount || amount < 0))
        return seed_fail_key(s, "amount", "Shipping options of type flat_rate must have an amount");
    if (!strcmp(ptype, "calculated"))
        has_amount = 0;
    if (seed_run(s, ins, "ssssssnbbsbss", seed_new_id(id, "so"), name, region,
                 gc ? s->profile_gc : s->profile_default, prov, ptype, has_amount, amount,
                 is_return, admin_only, data, incl, meta, seed_stamp(s)) < 0)
        return -1;
    if (seed_each(s, e, "requirements", req_keys, so_requirement, id) < 0)
        return -1;
    s->counts[N_SHIPPING_OPTIONS]++;
    return seed_link_add(s, K_SHIPPING_OPTION, fid, id);
}
