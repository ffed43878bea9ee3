/* customer.c: Medusa's CustomerService rules (customer.h; store.md §3). Never hashes inside a
 * transaction (the caller does it first) and never writes without one (the caller opens it). */
#include "domain/customer.h"

#include <ctype.h>
#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "core/sbuf.h"
#include "db/address.h"
#include "db/customer.h"
#include "db/entities.h"
#include "db/event.h"
#include "domain/auth.h"
#include "domain/metadata.h"

static char *lower(struct ctx *c, const char *s)
{
    char *out = arena_strdup(&c->arena, s);
    for (char *p = out; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return out;
}

char *customer_email(struct ctx *c, const char *email)
{
    /* JavaScript lower-cases non-ASCII letters too; e-mail addresses in practice are ASCII. */
    return lower(c, email);
}

int customer_event(struct ctx *c, const char *name, const char *id)
{
    struct gquery q;
    struct sbuf sb = SBUF_INIT;
    int n = 0, rc;
    gq_init(c, &q, &ent_customer, gsel_cols(c, &ent_customer));
    gq_where_eq(c, &q, "id", id);
    rc = gq_run(c, &q, &sb, &n);
    if (rc == 0 && n == 1)
        rc = db_event_add(c, name, sb.buf);
    sbuf_release(&sb);
    return rc;
}

int customer_create(struct ctx *c, const char *email, const char *first_name, const char *last_name,
                    const char *phone, const char *password_hash, char id[ULID_ID_MAX])
{
    int registered, guests;
    if (db_customer_email_kinds(c, email, &registered, &guests) < 0)
        return -1;
    if (registered && password_hash)
        return err_set(c, ERR_DUPLICATE,
                       "A customer with the given email already has an account. Log in instead");
    if (guests && !password_hash)
        return err_set(c, ERR_DUPLICATE, "Guest customer with email already exists");
    /* A registered e-mail with an empty password still makes a guest, as Medusa does. */
    ulid_make(id, ULID_ID_MAX, "cus");
    if (db_customer_insert(c, id, email, first_name, last_name, phone, password_hash,
                           password_hash != NULL) < 0)
        return -1;
    return customer_event(c, "customer.created", id);
}

static const char *const address_fields[] = {
    "company",      "first_name", "last_name",   "address_1", "address_2", "city",
    "country_code", "province",   "postal_code", "phone",     NULL};

const char *address_json(struct ctx *c, struct json_object *a, const char **metadata,
                         int *metadata_given)
{
    struct json_object *o = json_own(&c->arena, json_object_new_object()), *v;
    size_t len;
    for (const char *const *f = address_fields; *f; f++) {
        if (!json_object_object_get_ex(a, *f, &v))
            continue;
        if (v && !strcmp(*f, "country_code"))
            json_set_str(o, *f, lower(c, json_object_get_string(v)));
        else
            json_object_object_add(o, *f, json_share(v));
    }
    *metadata_given = json_object_object_get_ex(a, "metadata", &v);
    *metadata = *metadata_given && v ? arena_strdup(&c->arena, json_text(v, &len)) : NULL;
    return arena_strdup(&c->arena, json_text(o, &len));
}

void address_in_of(struct ctx *c, struct json_object *body, const char *key, struct address_in *out)
{
    struct json_object *v;
    memset(out, 0, sizeof(*out));
    if (!(out->given = json_object_object_get_ex(body, key, &v)) || !v)
        return;
    if (json_object_is_type(v, json_type_string)) {
        out->id = arena_strdup(&c->arena, json_object_get_string(v));
        return;
    }
    if (!json_object_is_type(v, json_type_object))
        return;
    out->a.fields = address_json(c, v, &out->a.metadata, &out->a.metadata_given);
    if ((v = json_get(v, "country_code")) && json_object_is_type(v, json_type_string))
        out->a.country_code = lower(c, json_object_get_string(v));
}

static int billing_address(struct ctx *c, const struct customer_row *cu, struct json_object *v,
                           struct customer_update *u)
{
    const char *fields, *meta;
    int given, rc;
    u->set_billing = 1;
    if (!v) {
        u->billing_address_id = NULL;
        return 0;
    }
    if (json_object_is_type(v, json_type_string)) {
        /* Only one of the customer's own saved addresses (Medusa takes any id, which let one
         * customer read another's address, or reach an order's; issue #12). */
        const char *aid = json_object_get_string(v);
        if ((rc = db_address_owned(c, aid, cu->id)) <= 0)
            return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Address with id %s was not found", aid);
        u->billing_address_id = aid;
        return 0;
    }
    fields = address_json(c, v, &meta, &given);
    if (cu->billing_address_id) {
        u->set_billing = 0;
        return db_address_update(c, cu->billing_address_id, fields, given, meta);
    }
    return (u->billing_address_id = db_address_insert(c, NULL, fields, meta)) ? 0 : -1;
}

int customer_update(struct ctx *c, const char *id, struct json_object *body,
                    const char *password_hash)
{
    static const char *const scalars[] = {"first_name", "last_name", "phone", "email", NULL};
    struct customer_update u = {NULL, NULL, 0, NULL, password_hash};
    struct customer_row cu;
    struct json_object *fields = json_own(&c->arena, json_object_new_object()), *v;
    size_t len;
    int rc;
    if ((rc = db_customer_load(c, id, &cu)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    if ((v = json_get(body, "metadata")) && json_object_is_type(v, json_type_object))
        u.metadata = metadata_merge(c, cu.metadata, v);
    if (json_object_object_get_ex(body, "billing_address", &v) &&
        billing_address(c, &cu, v, &u) < 0)
        return -1;
    /* The e-mail is stored lower-cased, as registration stores it (Medusa writes it as given,
     * so B@EXAMPLE.COM could be taken beside b@example.com; issue #12). */
    for (const char *const *f = scalars; *f; f++) {
        if (!json_object_object_get_ex(body, *f, &v))
            continue;
        if (!strcmp(*f, "email") && json_object_is_type(v, json_type_string))
            json_set_str(fields, *f, customer_email(c, json_object_get_string(v)));
        else
            json_object_object_add(fields, *f, json_share(v));
    }
    u.fields_json = json_text(fields, &len);
    if (db_customer_update(c, id, &u) < 0)
        return -1;
    return customer_event(c, "customer.updated", id);
}

int customer_add_address(struct ctx *c, const char *id, struct json_object *address)
{
    struct customer_row cu;
    const char *fields, *meta;
    int given, rc;
    if ((rc = db_customer_load(c, id, &cu)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    fields = address_json(c, address, &meta, &given);
    if ((rc = db_address_duplicate(c, id, fields)) != 0)
        return rc < 0 ? -1 : 0;
    return db_address_insert(c, id, fields, meta) ? 0 : -1;
}

int customer_update_address(struct ctx *c, const char *id, const char *address_id,
                            struct json_object *address)
{
    const char *fields, *meta;
    int given, rc;
    if ((rc = db_address_owned(c, address_id, id)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Could not find address for customer");
    fields = address_json(c, address, &meta, &given);
    /* Metadata is replaced wholesale here (no merge), as the entity is saved as sent. */
    return db_address_update(c, address_id, fields, given, meta);
}

int customer_password_token(struct ctx *c, const struct customer_row *cu)
{
    struct json_object *claims = json_own(&c->arena, json_object_new_object());
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    int64_t now = c->now_ms / 1000;
    size_t len;
    const char *token;
    /* Medusa signs {customer_id, exp} with the hash as key; jsonwebtoken adds iat. */
    json_set_str(claims, "customer_id", cu->id);
    json_set_int(claims, "exp", now + AUTH_RESET_TOKEN_TTL);
    json_set_int(claims, "iat", now);
    token = auth_jwt_sign(&c->arena, json_text(claims, &len), cu->password_hash,
                          strlen(cu->password_hash));
    json_set_str(ev, "id", cu->id);
    json_set_str(ev, "email", cu->email);
    json_set_str(ev, "first_name", cu->first_name);
    json_set_str(ev, "last_name", cu->last_name);
    json_set_str(ev, "token", token);
    return db_event_add(c, "customer.password_reset", json_text(ev, &len));
}

int customer_reset_token_valid(struct ctx *c, const struct customer_row *cu, const char *token)
{
    struct json_object *claims;
    const char *sub;
    if (!cu->password_hash || !*cu->password_hash)
        return 0;
    if (auth_jwt_verify(&c->arena, token, cu->password_hash, strlen(cu->password_hash),
                        c->now_ms / 1000, 0, &claims) != AUTH_JWT_OK)
        return 0;
    return (sub = json_get_str_opt(claims, "customer_id")) && !strcmp(sub, cu->id);
}
