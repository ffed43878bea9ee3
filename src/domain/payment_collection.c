/* payment_collection.c: payment collection sessions (payment_collection.h; Medusa's
 * PaymentCollectionService). */
#include "domain/payment_collection.h"

#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/event.h"
#include "db/payment_collection.h"

/* What a provider keeps in a new session: manual {"status":"pending"}, others {}. */
static const char *pending_data(const char *provider)
{
    return !strcmp(provider, "manual") ? "{\"status\":\"pending\"}" : "{}";
}

static int paycol_load(struct ctx *c, const char *id, struct paycol_row *pc)
{
    int rc = db_paycol_get(c, id, pc);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Payment collection with id %s was not found", id);
    return rc;
}

static int set_sessions(struct ctx *c, const struct paycol_row *pc, const struct paycol_entry *e,
                        int n)
{
    struct paycol_session *s;
    int ns, rc;
    int64_t sum = 0;
    const char **keep = arena_alloc(&c->arena, sizeof(*keep) * (size_t)(n ? n : 1));
    int *ok = arena_alloc(&c->arena, sizeof(*ok) * (size_t)(n ? n : 1));

    if (strcmp(pc->status, "not_paid"))
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot set payment sessions for a payment collection with status %s",
                       pc->status);
    for (int i = 0; i < n; i++) {
        if ((rc = db_region_has_provider(c, pc->region_id, e[i].provider_id)) < 0)
            return -1;
        ok[i] = rc > 0;
        if (ok[i])
            sum += e[i].amount;
    }
    if (sum != pc->amount)
        return err_set(c, ERR_UNEXPECTED_STATE,
                       "The sum of sessions is not equal to %lld on Payment Collection",
                       (long long)pc->amount);
    if (db_paycol_sessions(c, pc->id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const struct paycol_session *have = NULL;
        keep[i] = NULL;
        if (!ok[i])
            continue;
        for (int k = 0; e[i].session_id && k < ns; k++)
            if (!strcmp(s[k].id, e[i].session_id))
                have = &s[k];
        if (have) {
            if (db_paycol_session_update(c, have->id, e[i].provider_id, e[i].amount,
                                         pending_data(e[i].provider_id)) < 0)
                return -1;
            keep[i] = have->id;
        } else if (!(keep[i] = db_paycol_session_insert(c, pc->id, e[i].provider_id, e[i].amount,
                                                        pending_data(e[i].provider_id)))) {
            return -1;
        }
    }
    /* Sessions the request did not name are deleted at the provider and removed. */
    for (int k = 0; k < ns; k++) {
        int named = 0;
        for (int i = 0; i < n && !named; i++)
            named = keep[i] && !strcmp(keep[i], s[k].id);
        if (!named && db_paycol_session_delete(c, s[k].id) < 0)
            return -1;
    }
    return 0;
}

const char *paycol_create(struct ctx *c, int64_t amount, const char *region_id,
                          const char *currency_code, const char *description,
                          const char *created_by)
{
    const char *id = db_paycol_insert(c, amount, region_id, currency_code, description, created_by);
    const char *pc;
    if (!id || !(pc = db_paycol_text(c, id)) ||
        db_event_add(c, "payment-collection.created", pc) < 0)
        return NULL;
    return id;
}

int paycol_sessions_set(struct ctx *c, const char *id, const struct paycol_entry *e, int n)
{
    struct paycol_row pc;
    if (paycol_load(c, id, &pc) < 0)
        return -1;
    return set_sessions(c, &pc, e, n);
}

int paycol_session_set(struct ctx *c, const char *id, const char *provider_id)
{
    struct paycol_row pc;
    struct paycol_session *s;
    struct paycol_entry e;
    int ns, rc;
    if (paycol_load(c, id, &pc) < 0)
        return -1;
    if ((rc = db_region_has_provider(c, pc.region_id, provider_id)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Payment provider not found");
    if (db_paycol_sessions(c, id, &s, &ns) < 0)
        return -1;
    e.provider_id = provider_id;
    e.amount = pc.amount;
    e.session_id = NULL;
    for (int k = 0; k < ns; k++)
        if (!strcmp(s[k].provider_id, provider_id))
            e.session_id = s[k].id;
    return set_sessions(c, &pc, &e, 1);
}

int paycol_authorize(struct ctx *c, const char *id, const char *const *ids, int n)
{
    struct paycol_row pc;
    struct paycol_session *s;
    char now[TIMEFMT_LEN], ev[160];
    int64_t sum = 0;
    int ns;
    const char *status;
    if (paycol_load(c, id, &pc) < 0)
        return -1;
    if (pc.has_authorized && pc.authorized_amount == pc.amount)
        return 0; /* Medusa compares with ===: a null authorized_amount never matches */
    if (pc.amount <= 0)
        return db_paycol_set_status(c, id, "authorized", 0);
    if (db_paycol_sessions(c, id, &s, &ns) < 0)
        return -1;
    if (!ns)
        return err_set(c, ERR_NOT_ALLOWED,
                       "You cannot complete a Payment Collection without a payment session.");
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    for (int k = 0; k < ns; k++) {
        int wanted = 0;
        if (s[k].authorized_at) {
            sum += s[k].amount;
            continue;
        }
        for (int i = 0; i < n && !wanted; i++)
            wanted = !strcmp(ids[i], s[k].id);
        if (!wanted)
            continue;
        /* manual and system authorize at once (as at cart completion). */
        if (db_payment_session_authorize(c, s[k].id, now) < 0 ||
            db_paycol_payment_add(
                c, id, s[k].amount, pc.currency_code, s[k].provider_id,
                !strcmp(s[k].provider_id, "manual") ? "{\"status\":\"authorized\"}" : "{}") < 0)
            return -1;
        sum += s[k].amount;
    }
    status = sum == 0 ? "awaiting" : sum < pc.amount ? "partially_authorized" : "authorized";
    if (db_paycol_set_status(c, id, status, sum) < 0)
        return -1;
    snprintf(ev, sizeof(ev), "{\"id\":\"%s\"}", id);
    return db_event_add(c, "payment-collection.payment_authorized", ev);
}

int paycol_session_authorize(struct ctx *c, const char *id, const char *sid)
{
    struct paycol_session *s;
    int ns;
    if (paycol_authorize(c, id, &sid, 1) < 0 || db_paycol_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int k = 0; k < ns; k++)
        if (!strcmp(s[k].id, sid) && !strcmp(s[k].status, "authorized"))
            return 0;
    return err_set(c, ERR_PAYMENT_AUTHORIZATION, "Failed to authorize Payment Session id \"%s\"",
                   id);
}

int paycol_session_refresh(struct ctx *c, const char *id, const char *sid, const char **new_sid)
{
    struct paycol_row pc;
    struct paycol_session *s, *old = NULL;
    const char *owner;
    int ns;
    if (!(owner = db_paycol_of_session(c, sid)))
        return c->err.type ? -1
                           : err_set(c, ERR_NOT_FOUND,
                                     "Payment collection related to Payment Session id %s was not "
                                     "found",
                                     sid);
    if (strcmp(owner, id))
        return err_set(c, ERR_NOT_ALLOWED,
                       "Payment Session %s does not belong to Payment Collection %s", sid, id);
    if (paycol_load(c, id, &pc) < 0 || db_paycol_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int k = 0; k < ns; k++)
        if (!strcmp(s[k].id, sid))
            old = &s[k];
    if (!old)
        return err_set(c, ERR_UNKNOWN, "payment session '%s' vanished", sid);
    /* Unlike Medusa, the collection's other sessions stay linked (observed.md). */
    if (db_paycol_session_delete(c, sid) < 0 ||
        !(*new_sid = db_paycol_session_insert(c, id, old->provider_id, old->amount,
                                              pending_data(old->provider_id))))
        return -1;
    if (old->authorized_at &&
        db_paycol_set_status(c, id, pc.status, pc.authorized_amount - old->amount) < 0)
        return -1;
    return 0;
}
