/* seed_customers.c: customer groups and customers with their addresses and groups (extension
 * keys). */
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

/* ---- customers ------------------------------------------------------------------------------ */

int seed_customer_group(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO customer_group (id, name, metadata, created_at,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
    const char *fid, *name, *meta;
    char id[ID_MAX];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "name", 1, &name) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (seed_run(s, ins, "ssss", seed_new_id(id, "cgrp"), name, meta, seed_stamp(s)) < 0)
        return -1;
    s->counts[N_CUSTOMER_GROUPS]++;
    return seed_link_add(s, K_CUSTOMER_GROUP, fid, id);
}

static const char *const address_keys[] = {"company",     "first_name", "last_name",    "address_1",
                                           "address_2",   "city",       "country_code", "province",
                                           "postal_code", "phone",      "metadata",     NULL};

/* Inserts the address object e (customer_id may be NULL) and writes its id into out. */
static int insert_address(struct seed *s, json_object *e, const char *customer_id, char out[ID_MAX])
{
    static const char q_country[] = "SELECT iso_2 FROM country WHERE iso_2 = ?1";
    static const char ins[] =
        "INSERT INTO address (id, customer_id, company, first_name, last_name, address_1,"
        " address_2, city, country_code, province, postal_code, phone, metadata, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)";
    const char *v[10], *meta;
    char cc[8];
    int rc;
    if (seed_check_keys(s, e, address_keys) < 0)
        return -1;
    for (int k = 0; k < 10; k++)
        if (seed_get_str(s, e, address_keys[k], 0, &v[k]) < 0)
            return -1;
    if (seed_get_meta(s, e, "metadata", &meta) < 0)
        return -1;
    if (v[6]) {
        seed_lower_copy(cc, sizeof(cc), v[6]);
        if ((rc = seed_one_text(s, NULL, 0, q_country, "s", cc)) <= 0)
            return rc < 0
                       ? -1
                       : seed_fail_key(s, "country_code", "Country with code %s not found", v[6]);
    }
    return seed_run(s, ins, "ssssssssssssss", seed_new_id(out, "addr"), customer_id, v[0], v[1],
                    v[2], v[3], v[4], v[5], v[6] ? cc : NULL, v[7], v[8], v[9], meta,
                    seed_stamp(s));
}

static int customer_address(struct seed *s, json_object *e, size_t i, void *arg)
{
    char id[ID_MAX];
    (void)i;
    return insert_address(s, e, (const char *)arg, id);
}

static int customer_group_member(struct seed *s, const char *group_id, void *arg)
{
    static const char ins[] = "INSERT OR IGNORE INTO customer_group_customers (customer_group_id,"
                              " customer_id) VALUES (?1, ?2)";
    return seed_run(s, ins, "ss", group_id, (const char *)arg);
}

int seed_customer(struct seed *s, json_object *e, size_t i, void *arg)
{
    static const char ins[] = "INSERT INTO customer (id, email, first_name, last_name,"
                              " password_hash, phone, has_account, metadata, created_at,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    static const char upd[] = "UPDATE customer SET billing_address_id = ?2 WHERE id = ?1";
    const char *fid, *email, *first, *last, *phone, *pw, *meta;
    json_object *bill;
    char id[ID_MAX], mail[320], addr[ID_MAX], hash[crypto_pwhash_STRBYTES];
    (void)i;
    (void)arg;
    if (seed_get_str(s, e, "id", 0, &fid) < 0 || seed_get_str(s, e, "email", 1, &email) < 0 ||
        seed_get_str(s, e, "first_name", 0, &first) < 0 ||
        seed_get_str(s, e, "last_name", 0, &last) < 0 ||
        seed_get_str(s, e, "phone", 0, &phone) < 0 || seed_get_str(s, e, "password", 0, &pw) < 0 ||
        seed_get_meta(s, e, "metadata", &meta) < 0 ||
        seed_field(s, e, "billing_address", W_OBJ, 0, &bill) < 0)
        return -1;
    if (pw && seed_hash_password(s, pw, hash) < 0)
        return -1;
    seed_lower_copy(mail, sizeof(mail), email);
    if (seed_run(s, ins, "ssssssbss", seed_new_id(id, "cus"), mail, first, last, pw ? hash : NULL,
                 phone, pw != NULL, meta, seed_stamp(s)) < 0)
        return -1;
    if (seed_each(s, e, "addresses", NULL, customer_address, id) < 0)
        return -1;
    if (bill) {
        size_t old = seed_path_key(s, "billing_address");
        if (insert_address(s, bill, NULL, addr) < 0 || seed_run(s, upd, "ss", id, addr) < 0)
            return -1;
        seed_path_pop(s, old);
    }
    if (seed_each_link(s, e, "groups", K_CUSTOMER_GROUP, customer_group_member, id) < 0)
        return -1;
    s->counts[N_CUSTOMERS]++;
    return seed_link_add(s, K_CUSTOMER, fid, id);
}
