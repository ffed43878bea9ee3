/* seed_store.c: the defaults Medusa makes at start-up (store, default sales channel, shipping
 * profiles) and the file's store and users (seed.ts: store, users). */
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

/* ---- defaults Medusa creates at start-up ---------------------------------------------------- */

static int ensure_profile(struct seed *s, const char *type, const char *name, char out[ID_MAX])
{
    static const char q[] = "SELECT id FROM shipping_profile WHERE type = ?1 AND deleted_at IS NULL"
                            " ORDER BY created_at LIMIT 1";
    static const char ins[] =
        "INSERT INTO shipping_profile (id, name, type, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?4)";
    int rc = seed_one_text(s, out, ID_MAX, q, "s", type);
    if (rc)
        return rc < 0 ? -1 : 0;
    return seed_run(s, ins, "ssss", seed_new_id(out, "sp"), name, type, seed_stamp(s));
}

int seed_ensure_defaults(struct seed *s)
{
    static const char q_store[] = "SELECT id, default_sales_channel_id FROM store"
                                  " ORDER BY created_at LIMIT 1";
    static const char ins_store[] =
        "INSERT INTO store (id, name, default_currency_code, created_at,"
        " updated_at) VALUES (?1, 'Medusa Store', 'usd', ?2, ?2)";
    static const char ins_cur[] = "INSERT OR IGNORE INTO store_currencies (store_id, currency_code)"
                                  " VALUES (?1, 'usd')";
    static const char ins_sc[] = "INSERT INTO sales_channel (id, name, description, is_disabled,"
                                 " created_at, updated_at) VALUES (?1, 'Default Sales Channel',"
                                 " 'Created by Medusa', 0, ?2, ?2)";
    static const char upd_store[] = "UPDATE store SET default_sales_channel_id = ?2 WHERE id = ?1";
    struct db_stmt *st = seed_prep(s, q_store);
    int rc;
    if (!st)
        return -1;
    rc = drv_step(s->db, st);
    if (rc == DB_ROW) {
        const char *sc = db_col_text(st, 1);
        snprintf(s->store_id, ID_MAX, "%s", db_col_text(st, 0));
        snprintf(s->default_sc, ID_MAX, "%s", sc ? (const char *)sc : "");
    }
    db_reset(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return seed_db_failed(s);
    if (rc == DB_DONE) {
        if (seed_run(s, ins_store, "ss", seed_new_id(s->store_id, "store"), seed_stamp(s)) < 0 ||
            seed_run(s, ins_cur, "s", s->store_id) < 0)
            return -1;
    }
    if (!s->default_sc[0]) {
        if (seed_run(s, ins_sc, "ss", seed_new_id(s->default_sc, "sc"), seed_stamp(s)) < 0 ||
            seed_run(s, upd_store, "ss", s->store_id, s->default_sc) < 0)
            return -1;
    }
    if (ensure_profile(s, "default", "Default Shipping Profile", s->profile_default) < 0 ||
        ensure_profile(s, "gift_card", "Gift Card Profile", s->profile_gc) < 0)
        return -1;
    return 0;
}

/* ---- store and users ------------------------------------------------------------------------ */

int seed_store(struct seed *s, json_object *root)
{
    static const char *const keys[] = {"name",
                                       "currencies",
                                       "default_currency_code",
                                       "swap_link_template",
                                       "payment_link_template",
                                       "invite_link_template",
                                       "metadata",
                                       NULL};
    static const char q_def[] = "SELECT default_currency_code FROM store WHERE id = ?1";
    static const char q_has[] = "SELECT 1 FROM store_currencies WHERE store_id = ?1"
                                " AND currency_code = ?2";
    static const char del_cur[] = "DELETE FROM store_currencies WHERE store_id = ?1";
    static const char ins_cur[] = "INSERT OR IGNORE INTO store_currencies (store_id, currency_code)"
                                  " VALUES (?1, ?2)";
    static const char upd[] = "UPDATE store SET name = coalesce(?2, name),"
                              " default_currency_code = coalesce(?3, default_currency_code),"
                              " swap_link_template = coalesce(?4, swap_link_template),"
                              " payment_link_template = coalesce(?5, payment_link_template),"
                              " invite_link_template = coalesce(?6, invite_link_template),"
                              " metadata = coalesce(?7, metadata), updated_at = ?8 WHERE id = ?1";
    json_object *st, *cur;
    const char *name, *defc, *swap, *pay, *inv, *meta;
    char def[16] = "", code[16];
    size_t old;
    int rc;

    if (seed_field(s, root, "store", W_OBJ, 0, &st) < 0)
        return -1;
    if (!st)
        return 0;
    old = seed_path_key(s, "store");
    if (seed_check_keys(s, st, keys) < 0 || seed_get_str(s, st, "name", 0, &name) < 0 ||
        seed_get_str(s, st, "default_currency_code", 0, &defc) < 0 ||
        seed_get_str(s, st, "swap_link_template", 0, &swap) < 0 ||
        seed_get_str(s, st, "payment_link_template", 0, &pay) < 0 ||
        seed_get_str(s, st, "invite_link_template", 0, &inv) < 0 ||
        seed_get_meta(s, st, "metadata", &meta) < 0 ||
        seed_field(s, st, "currencies", W_ARR, 0, &cur) < 0)
        return -1;
    if (defc) {
        seed_lower_copy(def, sizeof(def), defc);
        if ((rc = seed_currency_exists(s, def)) <= 0)
            return rc < 0 ? -1
                          : seed_fail_key(s, "default_currency_code",
                                          "Currency with code %s does"
                                          " not exist",
                                          defc);
    } else if (seed_one_text(s, def, sizeof(def), q_def, "s", s->store_id) < 0) {
        return -1;
    }
    if (cur) {
        size_t n = json_object_array_length(cur), at = seed_path_key(s, "currencies");
        int has_def = 0;
        if (seed_run(s, del_cur, "s", s->store_id) < 0)
            return -1;
        for (size_t i = 0; i < n; i++) {
            json_object *c = json_object_array_get_idx(cur, i);
            size_t ai = seed_path_idx(s, i);
            if (!c || !json_object_is_type(c, json_type_string))
                return seed_fail(s, "expected a string");
            seed_lower_copy(code, sizeof(code), json_object_get_string(c));
            if ((rc = seed_currency_exists(s, code)) <= 0)
                return rc < 0 ? -1
                              : seed_fail(s, "Currency with code %s does not exist",
                                          json_object_get_string(c));
            if (seed_run(s, ins_cur, "ss", s->store_id, code) < 0)
                return -1;
            has_def |= !strcmp(code, def);
            seed_path_pop(s, ai);
        }
        if (!has_def)
            return seed_fail(s,
                             "You are not allowed to remove default currency from store currencies"
                             " without replacing it as well");
        seed_path_pop(s, at);
    } else if (defc) {
        if ((rc = seed_one_text(s, NULL, 0, q_has, "ss", s->store_id, def)) <= 0)
            return rc < 0 ? -1
                          : seed_fail_key(s, "default_currency_code",
                                          "Store does not have"
                                          " currency: %s",
                                          def);
    }
    if (seed_run(s, upd, "ssssssss", s->store_id, name, defc ? def : NULL, swap, pay, inv, meta,
                 seed_stamp(s)) < 0)
        return -1;
    seed_path_pop(s, old);
    return 0;
}

int seed_user(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char *const roles[] = {"admin", "member", "developer", NULL};
    static const char ins[] =
        "INSERT INTO \"user\" (id, email, first_name, last_name, password_hash,"
        " api_token, role, metadata, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    const char *fid, *email, *first, *last, *pw, *token, *role, *meta;
    char id[ID_MAX], mail[320], hash[crypto_pwhash_STRBYTES];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "email", 1, &email) < 0 ||
        seed_get_str(s, e, "first_name", 0, &first) < 0 ||
        seed_get_str(s, e, "last_name", 0, &last) < 0 ||
        seed_get_str(s, e, "password", 0, &pw) < 0 ||
        seed_get_str(s, e, "api_token", 0, &token) < 0 ||
        seed_get_enum(s, e, "role", roles, "member", &role) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (pw && seed_hash_password(s, pw, hash) < 0)
        return -1;
    seed_lower_copy(mail, sizeof(mail), email);
    if (seed_run(s, ins, "sssssssss", seed_new_id(id, "usr"), mail, first, last, pw ? hash : NULL,
                 token, role, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_USERS]++;
    return seed_link_add(s, K_USER, fid, id);
}
