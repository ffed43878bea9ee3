/* payment_collection.h: SQL of payment collections and their sessions and payments (store.md
 * §10). Collection sessions are payment_session rows without a cart, linked through
 * payment_collection_sessions; payments through payment_collection_payments. */
#ifndef DB_PAYMENT_COLLECTION_H
#define DB_PAYMENT_COLLECTION_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;
struct gsel;

struct paycol_row {
    const char *id, *status, *region_id, *currency_code;
    int64_t amount, authorized_amount; /* authorized_amount: 0 when null */
    int has_authorized;                /* authorized_amount is not null */
};
int db_paycol_get(struct ctx *c, const char *id, struct paycol_row *out); /* 1: none */
/* A new collection (status not_paid) of type order_edit; its id, or NULL. */
const char *db_paycol_insert(struct ctx *c, int64_t amount, const char *region_id,
                             const char *currency_code, const char *description,
                             const char *created_by);
int db_paycol_set_status(struct ctx *c, const char *id, const char *status,
                         int64_t authorized_amount);

struct paycol_session {
    const char *id, *provider_id, *status, *authorized_at;
    int64_t amount;
};
/* The collection's sessions, oldest first. */
int db_paycol_sessions(struct ctx *c, const char *id, struct paycol_session **out, int *n);
/* A new session (initiated, status pending) linked to the collection; its id, or NULL. */
const char *db_paycol_session_insert(struct ctx *c, const char *paycol_id, const char *provider_id,
                                     int64_t amount, const char *data);
/* Session sid gets provider_id, amount and data. */
int db_paycol_session_update(struct ctx *c, const char *sid, const char *provider_id,
                             int64_t amount, const char *data);
/* Deletes the session (its link goes with it). */
int db_paycol_session_delete(struct ctx *c, const char *sid);
/* The collection holding session sid, or NULL (nothing recorded when there is none). */
const char *db_paycol_of_session(struct ctx *c, const char *sid);
/* A payment (no cart) attached to the collection. */
int db_paycol_payment_add(struct ctx *c, const char *paycol_id, int64_t amount,
                          const char *currency, const char *provider_id, const char *data);

/* The collection as sel selects it; NULL with the 404 recorded when there is none. */
struct json_object *db_paycol_json(struct ctx *c, const char *id, struct gsel *sel);
/* Every column of the collection id as JSON text (an event's payload), or NULL with its 404. */
const char *db_paycol_text(struct ctx *c, const char *id);
/* One payment session as JSON, or NULL. */
struct json_object *db_paycol_session_json(struct ctx *c, const char *sid);

#endif
