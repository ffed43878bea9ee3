/* payment_collection.h: Medusa v1's payment collections as the store drives them (store.md
 * §10): setting the sessions (one, or a batch), authorizing them, refreshing one. The manual
 * and system providers answer in-process, as the cart's sessions do (domain/cart.c). Every
 * function runs inside the caller's transaction and records Medusa's error on failure. */
#ifndef DOMAIN_PAYMENT_COLLECTION_H
#define DOMAIN_PAYMENT_COLLECTION_H
#include <stdint.h>

#include "core/ctx.h"

struct paycol_entry {
    const char *provider_id, *session_id; /* session_id may be NULL */
    int64_t amount;
};

/* PaymentCollectionService.create for an order edit's request (admin): a not_paid collection
 * of amount in the region and currency, made by user created_by; emits
 * payment-collection.created with the collection. Its id, or NULL. */
const char *paycol_create(struct ctx *c, int64_t amount, const char *region_id,
                          const char *currency_code, const char *description,
                          const char *created_by);
/* POST .../sessions/batch: the session set becomes entries (unknown providers dropped). */
int paycol_sessions_set(struct ctx *c, const char *id, const struct paycol_entry *e, int n);
/* POST .../sessions: one session of provider_id for the whole amount. */
int paycol_session_set(struct ctx *c, const char *id, const char *provider_id);
/* POST .../sessions/batch/authorize: authorizes the sessions among ids. */
int paycol_authorize(struct ctx *c, const char *id, const char *const *ids, int n);
/* POST .../sessions/:sid/authorize: 422 unless the session ends up authorized. */
int paycol_session_authorize(struct ctx *c, const char *id, const char *sid);
/* POST .../sessions/:sid: a new session replaces sid; *new_sid receives its id. */
int paycol_session_refresh(struct ctx *c, const char *id, const char *sid, const char **new_sid);

#endif
