/* claims.c: claims from the Admin API (claims.h; Medusa v1's ClaimService, ClaimItemService and
 * the admin claim routes), on the order code's fulfilment steps and the return code. */
#include "domain/claims.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/address.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/db.h"
#include "db/event.h"
#include "db/order.h"
#include "domain/cart.h"
#include "domain/customer.h"
#include "domain/order.h"
#include "domain/order_edit.h"
#include "domain/order_totals.h"
#include "domain/returns.h"

#define OVER_REFUND "Cannot refund more than the original order amount"

static int emit(struct ctx *c, const char *name, const char *id, const char *fulfillment_id,
                int no_notification)
{
    const char *kv[] = {"id", id, "fulfillment_id", fulfillment_id, NULL};
    return db_event_notify(c, name, kv, no_notification);
}

int claim_refund_amount(int has_asked, int64_t asked, int64_t computed, int64_t paid,
                        int64_t refunded, int64_t *out)
{
    int64_t left = paid - refunded > 0 ? paid - refunded : 0;
    if (has_asked) {
        if (asked < 0 || asked > left)
            return -1;
        *out = asked;
        return 0;
    }
    *out = computed < 0 ? 0 : computed > left ? left : computed;
    return 0;
}

/* ClaimService.validateCreateClaimInput and ClaimItemService.create's checks, item by item. */
static int items_check(struct ctx *c, const struct claim_new *in, struct claim_line_row *rows)
{
    static const char *const reasons[] = {"missing_item", "wrong_item", "production_failure",
                                          "other", NULL};
    if (strcmp(in->type, "refund") && strcmp(in->type, "replace"))
        return err_set(c, ERR_INVALID_DATA, "Claim type must be one of \"refund\" or \"replace\".");
    if (!strcmp(in->type, "replace") && !in->nextra)
        return err_set(c, ERR_INVALID_DATA,
                       "Claims with type \"replace\" must have at least one additional item.");
    if (!in->nitems)
        return err_set(c, ERR_INVALID_DATA, "Claims must have at least one claim item.");
    if (in->has_refund_amount && in->refund_amount && strcmp(in->type, "refund"))
        return err_set(c, ERR_INVALID_DATA,
                       "Claim has type \"%s\" but must be type \"refund\" to have a refund_amount.",
                       in->type);
    for (int i = 0; i < in->nitems; i++) {
        int rc = db_claim_line(c, in->items[i].item_id, &rows[i]);
        if (rc < 0)
            return -1;
        if (rc == 0 && rows[i].canceled)
            return err_set(c, ERR_INVALID_DATA, "Cannot create a claim on a canceled item.");
    }
    for (int i = 0; i < in->nitems; i++) {
        const struct claim_item_in *it = &in->items[i];
        const char *const *r = reasons;
        int64_t claimed;
        while (*r && (!it->reason || strcmp(*r, it->reason)))
            r++;
        if (!*r)
            return err_set(c, ERR_INVALID_DATA,
                           "Claim Item reason must be one of \"missing_item\", \"wrong_item\", "
                           "\"production_failure\" or \"other\".");
        if (!rows[i].id || !rows[i].order_id || strcmp(rows[i].order_id, in->order_id))
            return err_set(c, ERR_NOT_FOUND, "Line item with id: %s was not found", it->item_id);
        if (!rows[i].variant_id)
            return err_set(c, ERR_NOT_ALLOWED, "Cannot claim a custom line item");
        /* Medusa checks each claim alone; the units earlier live claims (and earlier lines of
         * this one) hold count too, so one unit is never claimed twice. */
        if (db_claimed_quantity(c, it->item_id, &claimed) < 0)
            return -1;
        for (int k = 0; k < i; k++)
            if (!strcmp(in->items[k].item_id, it->item_id))
                claimed += in->items[k].quantity;
        if (rows[i].fulfilled_quantity < claimed + it->quantity)
            return err_set(c, ERR_NOT_ALLOWED,
                           "Cannot claim more of an item than has been fulfilled.");
    }
    return 0;
}

/* getRefundTotalForClaimLinesOnOrder: what returning the claimed units of shipped lines refunds
 * (an order line, or a swap's or claim's additional item). */
static int refund_computed(struct ctx *c, const struct claim_new *in,
                           const struct claim_line_row *rows, int64_t *out)
{
    struct order_model m;
    int rc;
    *out = 0;
    if ((rc = db_order_model(c, in->order_id, &m)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", in->order_id);
    for (int i = 0; i < in->nitems; i++) {
        const struct line_row *l = NULL;
        if (rows[i].shipped_quantity <= 0 || in->items[i].quantity > rows[i].shipped_quantity)
            continue;
        for (int k = 0; k < m.nitems && !l; k++)
            if (!strcmp(m.items[k].id, rows[i].id))
                l = &m.items[k];
        for (int k = 0; k < m.nextra && !l; k++)
            if (!strcmp(m.extra[k].id, rows[i].id))
                l = &m.extra[k];
        if (l)
            *out += order_totals_line_refund(&m, l, in->items[i].quantity);
    }
    return 0;
}

/* The additional items: generated for the order's region, taxed, attached, their stock reserved
 * (refused when it is not there: Medusa reserves into negative stock). */
static int extra_items(struct ctx *c, const struct claim_new *in, const char *claim_id,
                       const char *region_id)
{
    struct region_row region;
    int rc;
    if (!in->nextra)
        return 0;
    if ((rc = db_region_get(c, region_id, &region)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
    for (int i = 0; i < in->nextra; i++) {
        const struct claim_extra_in *x = &in->extra[i];
        struct line_new gen;
        if (cart_line_generate(c, x->variant_id, x->quantity, &region, NULL, NULL, &gen) < 0)
            return -1;
        if (gen.v.manage_inventory && !gen.v.allow_backorder &&
            gen.v.inventory_quantity < x->quantity)
            return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                                "Variant with id: %s does not have the required inventory",
                                x->variant_id);
        if (db_line_insert(c, NULL, gen.v.product_title, gen.v.title, gen.v.thumbnail, &gen.l) <
                0 ||
            db_claim_line_attach(c, claim_id, gen.l.id) < 0 ||
            order_line_tax_lines(c, gen.l.id, gen.v.product_id, region_id) < 0 ||
            (gen.v.manage_inventory && db_variant_reserve(c, x->variant_id, x->quantity) < 0))
            return -1;
    }
    return 0;
}

static int claim_items_insert(struct ctx *c, const struct claim_new *in, const char *claim_id,
                              const struct claim_line_row *rows)
{
    for (int i = 0; i < in->nitems; i++) {
        const struct claim_item_in *it = &in->items[i];
        const char *ci = db_claim_item_insert(c, claim_id, it->item_id, rows[i].variant_id,
                                              it->reason, it->note, it->quantity, NULL);
        if (!ci)
            return -1;
        for (int k = 0; k < it->ntags; k++) {
            char *v = arena_strdup(&c->arena, it->tags[k]), *e;
            while (*v == ' ' || *v == '\t' || *v == '\n')
                v++;
            for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n');)
                *--e = 0;
            for (char *p = v; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            if (db_claim_tag_add(c, ci, v) < 0)
                return -1;
        }
        for (int k = 0; k < it->nimages; k++)
            if (db_claim_image_add(c, ci, it->images[k]) < 0)
                return -1;
        if (db_event_id(c, "claim_item.created", ci) < 0)
            return -1;
    }
    return 0;
}

/* The claim's shipping methods: the option's price unless one is given. */
static int methods_add(struct ctx *c, const struct claim_method_in *ms, int n, const char *claim_id)
{
    for (int i = 0; i < n; i++) {
        struct option_row o;
        int rc;
        if ((rc = db_shipping_option(c, ms[i].option_id, &o)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found",
                                    ms[i].option_id);
        if (db_claim_method_add(c, claim_id, o.id, ms[i].has_price ? ms[i].price : o.amount,
                                ms[i].data ? ms[i].data : "{}") < 0)
            return -1;
    }
    return 0;
}

int claim_create(struct ctx *c, const struct claim_new *in, const char **id)
{
    struct claim_order_info o;
    struct claim_line_row *rows =
        arena_calloc(&c->arena, sizeof(*rows) * (size_t)(in->nitems ? in->nitems : 1));
    const char *address;
    int64_t computed = 0, paid, refunded, refund = 0;
    int rc, nn, is_refund = !strcmp(in->type, "refund");

    if ((rc = db_claim_order(c, in->order_id, &o)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", in->order_id);
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_INVALID_DATA, "Cannot create a claim on a canceled item.");
    if (items_check(c, in, rows) < 0)
        return -1;
    if (is_refund) {
        if ((!in->has_refund_amount && refund_computed(c, in, rows, &computed) < 0) ||
            db_order_paid(c, in->order_id, &paid, &refunded) < 0)
            return -1;
        if (claim_refund_amount(in->has_refund_amount, in->refund_amount, computed, paid, refunded,
                                &refund) < 0)
            return err_set(c, ERR_NOT_ALLOWED, OVER_REFUND);
    }
    /* The claim's address: the one given, else a copy of the order's (cart and order addresses
     * are their own rows, migration 0006). */
    if (in->shipping_address) {
        const char *meta;
        int meta_given;
        address = db_address_insert(
            c, NULL, address_json(c, in->shipping_address, &meta, &meta_given), meta);
    } else {
        address = o.shipping_address_id ? db_address_copy(c, o.shipping_address_id) : NULL;
    }
    if (c->err.type)
        return -1;
    nn = in->no_notification >= 0 ? in->no_notification : o.no_notification;
    if (!(*id = db_claim_insert(c, o.id, in->type, is_refund || in->has_refund_amount, refund,
                                address, nn, in->metadata, NULL)) ||
        extra_items(c, in, *id, o.region_id) < 0 ||
        methods_add(c, in->methods, in->nmethods, *id) < 0 ||
        claim_items_insert(c, in, *id, rows) < 0)
        return -1;
    if (in->return_option_id) {
        struct return_line *lines = arena_calloc(&c->arena, sizeof(*lines) * (size_t)in->nitems);
        struct return_request ret;
        const char *return_id;
        for (int i = 0; i < in->nitems; i++) {
            lines[i].item_id = in->items[i].item_id;
            lines[i].quantity = in->items[i].quantity;
        }
        memset(&ret, 0, sizeof(ret));
        ret.order_id = o.id;
        ret.items = lines;
        ret.nitems = in->nitems;
        ret.option_id = in->return_option_id;
        ret.claim_id = *id;
        if (return_create(c, &ret, NULL, &return_id) < 0)
            return -1;
    }
    return emit(c, "claim.created", *id, NULL, nn);
}

/* processRefund's local part, in the transaction that records the refund. */
struct claim_refund {
    struct ctx *c;
    struct claim_row cl;
};

static int claim_refunded(struct ctx *c, void *arg)
{
    const struct claim_row *cl = &((struct claim_refund *)arg)->cl;
    struct claim_row now;
    if (db_claim_get(c, cl->id, &now) != 0)
        return -1;
    if (!strcmp(now.payment_status, "refunded"))
        return 1;
    if (db_claim_set(c, cl->id, "payment_status", "refunded") < 0)
        return -1;
    return emit(c, "claim.refund_processed", cl->id, NULL, cl->no_notification);
}

static int claim_refunded_tx(void *arg)
{
    return claim_refunded(((struct claim_refund *)arg)->c, arg) < 0 ? -1 : 0;
}

int claim_process_refund(struct ctx *c, const char *claim_id)
{
    struct claim_refund *r = arena_calloc(&c->arena, sizeof(*r));
    struct order_refund_in in;
    int rc;
    r->c = c;
    if ((rc = db_claim_get(c, claim_id, &r->cl)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Claim with id %s was not found", claim_id);
    if (r->cl.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled claim cannot be processed");
    if (strcmp(r->cl.type, "refund"))
        return err_set(c, ERR_NOT_ALLOWED, "Claim must have type \"refund\" to create a refund.");
    if (!strcmp(r->cl.payment_status, "refunded"))
        return 0;
    if (r->cl.refund_amount <= 0)
        return db_tx(c, claim_refunded_tx, r);
    memset(&in, 0, sizeof(in));
    in.amount = r->cl.refund_amount;
    in.reason = "claim";
    in.no_notification = -1;
    in.idem = arena_printf(&c->arena, "claim:%s", r->cl.id);
    in.payments_only = 1;
    in.then = claim_refunded;
    in.then_arg = r;
    return order_refund(c, r->cl.order_id, &in);
}

int claim_find(struct ctx *c, const char *order_id, const char *claim_id, struct claim_row *out)
{
    int rc = db_claim_get(c, claim_id, out);
    if (rc < 0)
        return -1;
    if (rc > 0 || strcmp(out->order_id, order_id))
        return err_set(c, ERR_NOT_FOUND, "Claim with id %s was not found", claim_id);
    return 0;
}

/* ClaimItemService.update of one item. */
static int item_update(struct ctx *c, const char *claim_id, const struct claim_item_update_in *it)
{
    const char *ci = it->id;
    int rc = db_claim_item_of(c, claim_id, ci);
    if (rc)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Claim item with id %s was not found", ci);
    if (db_claim_item_update(c, ci, it->reason, it->note, it->metadata) < 0)
        return -1;
    if (it->ntags >= 0) {
        if (db_claim_tags_clear(c, ci) < 0)
            return -1;
        for (int k = 0; k < it->ntags; k++) {
            const struct claim_ref_in *t = &it->tags[k];
            if (t->id) {
                if ((rc = db_claim_tag_link(c, ci, t->id)) != 0)
                    return rc < 0 ? -1
                                  : err_set(c, ERR_NOT_FOUND, "Claim tag with id %s was not found",
                                            t->id);
            } else if (t->text && db_claim_tag_add(c, ci, t->text) < 0) {
                return -1;
            }
        }
    }
    if (it->nimages >= 0) {
        const char **keep = arena_calloc(&c->arena, sizeof(*keep) * (size_t)(it->nimages + 1));
        int nk = 0;
        for (int k = 0; k < it->nimages; k++)
            if (it->images[k].id)
                keep[nk++] = it->images[k].id;
        /* The images not named go; then the new ones (a url without id) come. */
        if (db_claim_images_keep(c, ci, keep, nk) < 0)
            return -1;
        for (int k = 0; k < it->nimages; k++)
            if (!it->images[k].id && it->images[k].text &&
                db_claim_image_add(c, ci, it->images[k].text) < 0)
                return -1;
    }
    return 0;
}

int claim_update(struct ctx *c, const char *order_id, const char *claim_id,
                 const struct claim_update_in *in)
{
    struct claim_row cl;
    if (claim_find(c, order_id, claim_id, &cl) < 0)
        return -1;
    if (cl.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled claims cannot be updated");
    for (int i = 0; i < in->nitems; i++)
        if (item_update(c, claim_id, &in->items[i]) < 0)
            return -1;
    if (in->nmethods && methods_add(c, in->methods, in->nmethods, claim_id) < 0)
        return -1;
    if (in->no_notification >= 0 &&
        db_claim_set_no_notification(c, claim_id, in->no_notification) < 0)
        return -1;
    if (in->metadata && db_claim_set(c, claim_id, "metadata", in->metadata) < 0)
        return -1;
    return emit(c, "claim.updated", claim_id, NULL,
                in->no_notification >= 0 ? in->no_notification : cl.no_notification);
}

int claim_fulfill(struct ctx *c, const char *order_id, const char *claim_id, int no_notification,
                  const char *metadata)
{
    struct claim_row cl;
    struct order_item_row *items;
    struct order_method_row *methods;
    const char *status;
    int64_t *take;
    int ni, nm, nn;
    if (claim_find(c, order_id, claim_id, &cl) < 0)
        return -1;
    if (cl.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled claim cannot be fulfilled");
    if (strcmp(cl.fulfillment_status, "not_fulfilled") && strcmp(cl.fulfillment_status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "The claim has already been fulfilled.");
    if (strcmp(cl.type, "replace"))
        return err_set(c, ERR_NOT_ALLOWED, "Claims with the type \"%s\" can not be fulfilled.",
                       cl.type);
    if (db_claim_items(c, claim_id, &items, &ni) < 0 ||
        db_claim_methods(c, claim_id, &methods, &nm) < 0)
        return -1;
    if (!nm)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot fulfill a claim without a shipping method.");
    take = arena_alloc(&c->arena, sizeof(*take) * (size_t)(ni ? ni : 1));
    for (int i = 0; i < ni; i++)
        take[i] = items[i].quantity - items[i].fulfilled_quantity;
    nn = no_notification >= 0 ? no_notification : cl.no_notification;
    if (fulfillments_make(c, "claim_order_id", claim_id, items, ni, methods, nm, take, nn, metadata,
                          "claim.fulfillment_created", nn, &status) < 0)
        return -1;
    /* Medusa: requires_action when an item is not wholly fulfilled. */
    return db_claim_set(c, claim_id, "fulfillment_status",
                        strcmp(status, "fulfilled") ? "requires_action" : "fulfilled");
}

/* The claim's fulfillment fulfillment_id, live, or Medusa's errors. */
static int claim_fulfillment(struct ctx *c, const char *claim_id, const char *fulfillment_id,
                             struct fulfillment_row *f)
{
    int rc = db_fulfillment_get(c, fulfillment_id, f);
    if (rc < 0)
        return -1;
    if (rc > 0 || !f->claim_order_id || strcmp(f->claim_order_id, claim_id))
        return err_set(c, ERR_NOT_FOUND, "Fulfillment with id: %s was not found", fulfillment_id);
    if (f->canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has been canceled");
    return 0;
}

int claim_ship(struct ctx *c, const char *order_id, const char *claim_id,
               const char *fulfillment_id, const char *const *numbers, int n)
{
    struct claim_row cl;
    struct fulfillment_row f;
    struct order_item_row *items;
    const char *status;
    int ni;
    if (claim_find(c, order_id, claim_id, &cl) < 0)
        return -1;
    if (cl.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled claim cannot be fulfilled as shipped");
    if (claim_fulfillment(c, claim_id, fulfillment_id, &f) < 0)
        return -1;
    /* Medusa ships a fulfillment again and counts its units twice. */
    if (f.shipped_at)
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has already been shipped");
    if (db_fulfillment_ship(c, fulfillment_id, numbers, n, -1) < 0 ||
        db_claim_items(c, claim_id, &items, &ni) < 0 ||
        shipped_status(c, &f, items, ni, &status) < 0 ||
        db_claim_set(c, claim_id, "fulfillment_status", status) < 0)
        return -1;
    return emit(c, "claim.shipment_created", claim_id, fulfillment_id, cl.no_notification);
}

int claim_cancel_fulfillment(struct ctx *c, const char *order_id, const char *claim_id,
                             const char *fulfillment_id)
{
    struct claim_row cl;
    struct fulfillment_row f;
    if (claim_find(c, order_id, claim_id, &cl) < 0 ||
        claim_fulfillment(c, claim_id, fulfillment_id, &f) < 0)
        return -1;
    if (fulfillment_cancel(c, &f) < 0 ||
        db_claim_set(c, claim_id, "fulfillment_status", "canceled") < 0)
        return -1;
    return emit(c, "order.fulfillment_canceled", order_id, fulfillment_id, cl.no_notification);
}

int claim_cancel(struct ctx *c, const char *order_id, const char *claim_id)
{
    struct claim_row cl;
    struct order_item_row *items;
    int64_t n[2];
    int ni;
    if (claim_find(c, order_id, claim_id, &cl) < 0)
        return -1;
    /* Canceling twice would give the stock back twice. */
    if (cl.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "A canceled claim cannot be canceled");
    if (cl.has_refund_amount && cl.refund_amount)
        return err_set(c, ERR_NOT_ALLOWED, "Claim with a refund cannot be canceled");
    if (db_claim_cancel_blockers(c, claim_id, n) < 0)
        return -1;
    if (n[0])
        return err_set(c, ERR_NOT_ALLOWED,
                       "All fulfillments must be canceled before the claim can be canceled");
    if (n[1])
        return err_set(c, ERR_NOT_ALLOWED,
                       "Return must be canceled before the claim can be canceled");
    /* The additional items' reserved stock goes back (Medusa keeps it reserved). */
    if (db_claim_items(c, claim_id, &items, &ni) < 0)
        return -1;
    for (int i = 0; i < ni; i++) {
        struct variant_info v;
        int rc;
        if (!items[i].variant_id)
            continue;
        if ((rc = db_variant_info(c, items[i].variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && v.manage_inventory &&
            db_variant_reserve(c, items[i].variant_id, -items[i].quantity) < 0)
            return -1;
    }
    if (db_claim_set_canceled(c, claim_id) < 0)
        return -1;
    return emit(c, "claim.canceled", claim_id, NULL, cl.no_notification);
}
