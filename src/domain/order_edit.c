/* order_edit.c: order edits (order_edit.h; Medusa's OrderEditService): the store's view,
 * decline and complete, and the admin's create, line changes, request and cancel. */
#include "domain/order_edit.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/timefmt.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/entities.h"
#include "db/event.h"
#include "db/graph.h"
#include "db/order_edit.h"
#include "db/payment_collection.h"
#include "db/product.h"
#include "domain/cart.h"
#include "domain/order_totals.h"
#include "domain/payment_collection.h"

/* The order's totals before the edit and with the edit's items instead of its own (m holds
 * those). */
int order_edit_money(struct ctx *c, const char *edit_id, const char *order_id,
                     struct order_model *m, struct order_totals *before, struct order_totals *after)
{
    int rc;
    if ((rc = db_order_model(c, order_id, m)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", order_id);
    order_totals_compute(&c->arena, m, before);
    if (db_edit_lines_model(c, edit_id, &m->items, &m->nitems) < 0)
        return -1;
    order_totals_compute(&c->arena, m, after);
    return 0;
}

static void now_iso(struct ctx *c, char *buf, size_t n)
{
    timefmt_iso(buf, n, c->now_ms ? c->now_ms : timefmt_now_ms());
}

static int edit_load(struct ctx *c, const char *id, struct order_edit_row *e)
{
    int rc = db_order_edit_get(c, id, e);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Order edit with id %s was not found", id);
    return rc;
}

static int edit_event(struct ctx *c, const char *name, const struct order_edit_row *e)
{
    char ev[160];
    snprintf(ev, sizeof(ev), "{\"id\":\"%s\"}", e->id);
    return db_event_add(c, name, ev);
}

int order_edit_decline(struct ctx *c, const char *id, const char *reason)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (!strcmp(e.status, "declined"))
        return 0;
    if (strcmp(e.status, "requested"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot decline an order edit with status %s.",
                       e.status);
    now_iso(c, now, sizeof(now));
    if (db_order_edit_decline(c, id, reason, c->customer_id, now) < 0)
        return -1;
    return edit_event(c, "order-edit.declined", &e);
}

/* The edit's added units must be in stock, as a cart's (safety: Medusa confirms an edit without
 * taking its stock, and a later cancel then gives back units never taken). */
static int stock_check(struct ctx *c, const struct order_edit_row *e)
{
    const char *v = db_order_edit_stock_short(c, e);
    if (c->err.type)
        return -1;
    if (v)
        return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                            "Variant with id: %s does not have the required inventory", v);
    return 0;
}

int order_edit_complete(struct ctx *c, const char *id)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (e.payment_collection_id &&
        (!strcmp(e.status, "requested") || !strcmp(e.status, "confirmed"))) {
        struct paycol_row pc;
        int rc = db_paycol_get(c, e.payment_collection_id, &pc);
        if (rc < 0)
            return -1;
        if (rc > 0 || strcmp(pc.status, "authorized"))
            return err_set(c, ERR_NOT_ALLOWED,
                           "Unable to complete an order edit if the payment is not authorized");
        if (db_order_edit_payments_relink(c, e.payment_collection_id, e.order_id) < 0)
            return -1;
    }
    if (!strcmp(e.status, "confirmed"))
        return 0;
    if (strcmp(e.status, "requested"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot complete an order edit with status %s",
                       e.status);
    now_iso(c, now, sizeof(now));
    if (stock_check(c, &e) < 0 || db_order_edit_confirm(c, &e, c->customer_id, now) < 0)
        return -1;
    return edit_event(c, "order-edit.confirmed", &e);
}

/* ---- the admin's side ---------------------------------------------------------------------- */

/* OrderEditService.isOrderEditActive */
static int edit_active(const struct order_edit_row *e)
{
    return strcmp(e->status, "confirmed") && strcmp(e->status, "canceled") &&
           strcmp(e->status, "declined");
}

static int change_add(struct ctx *c, const char *edit_id, const char *type, const char *original,
                      const char *line)
{
    const char *id = db_order_edit_change_insert(c, edit_id, type, original, line);
    char ev[160];
    if (!id)
        return -1;
    snprintf(ev, sizeof(ev), "{\"id\":\"%s\"}", id);
    return db_event_add(c, "order-edit-item-change.CREATED", ev);
}

int order_edit_create(struct ctx *c, const char *order_id, const char *note, const char *by,
                      const char **id)
{
    struct order_edit_order o;
    struct order_edit_row e;
    int rc;
    if (db_order_edit_active(c, order_id))
        return err_set(c, ERR_INVALID_DATA, "An active order edit already exists for the order %s",
                       order_id);
    if (c->err.type)
        return -1;
    /* Medusa inserts and lets the foreign key answer (its exception formatter's text). */
    if ((rc = db_order_edit_order(c, order_id, &o)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Order with order_id %s does not exist.", order_id);
    if (!(*id = db_order_edit_insert(c, order_id, note, by)) ||
        db_order_edit_clone_items(c, *id, order_id) < 0)
        return -1;
    e.id = *id;
    return edit_event(c, "order-edit.created", &e);
}

/* The tax lines of a new line as the system provider makes them: the rates configured for its
 * product in the region, else the region's default rate. */
int order_line_tax_lines(struct ctx *c, const char *item_id, const char *product_id,
                         const char *region_id)
{
    struct tax_line_row def = {0, "default", "default"};
    struct rate_set *rs;
    const char *currency;
    int automatic, nrs;
    int rc = db_region_pricing(c, region_id, &currency, &automatic, &def.rate);
    if (rc)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
    if (db_product_rate_sets(c, region_id, &product_id, 1, &rs, &nrs) < 0)
        return -1;
    if (product_id && nrs)
        return db_item_tax_lines_set(c, item_id, rs[0].rates, rs[0].n);
    return db_item_tax_lines_set(c, item_id, &def, 1);
}

/* OrderEditService.refreshAdjustments: the discount adjustments of the edit's lines, rebuilt
 * from the order's discounts as a cart's are. */
static int refresh_adjustments(struct ctx *c, const struct order_edit_row *e)
{
    struct order_edit_order o;
    struct discount_row *ds;
    struct line_row *lines;
    int nd, nl, rc;
    if ((rc = db_order_edit_order(c, e->order_id, &o)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Order with %s was not found", e->order_id);
    if (db_edit_adjustments_clear(c, e->id) < 0 ||
        db_order_discounts(c, e->order_id, &ds, &nd) < 0 ||
        db_edit_lines(c, e->id, &lines, &nl) < 0)
        return -1;
    return cart_adjustments_build(c, o.region_id, ds, nd, lines, nl);
}

int order_edit_add_line(struct ctx *c, const char *id, const char *variant_id, int64_t quantity,
                        struct json_object *metadata)
{
    struct order_edit_row e;
    struct order_edit_order o;
    struct region_row region;
    struct line_new gen;
    int rc;
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (!edit_active(&e))
        return err_set(c, ERR_NOT_ALLOWED, "Can not add an item to the edit with status %s",
                       e.status);
    if ((rc = db_order_edit_order(c, e.order_id, &o)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Order with %s was not found", e.order_id);
    /* LineItemService.generate */
    if (!quantity)
        return err_set(c, ERR_INVALID_DATA,
                       "Unable to generate the line item because one or more required "
                       "argument(s) are missing. Ensure quantity, regionId, and variantId are "
                       "passed");
    if ((rc = db_region_get(c, o.region_id, &region)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", o.region_id);
    if (cart_line_generate(c, variant_id, quantity, &region, o.customer_id, metadata, &gen) < 0)
        return -1;
    if (db_line_insert(c, NULL, gen.v.product_title, gen.v.title, gen.v.thumbnail, &gen.l) < 0 ||
        db_order_edit_line_adopt(c, gen.l.id, id) < 0 || refresh_adjustments(c, &e) < 0 ||
        change_add(c, id, "item_add", NULL, gen.l.id) < 0)
        return -1;
    return order_line_tax_lines(c, gen.l.id, gen.v.product_id, o.region_id);
}

/* The edit, active, and its line item_id (1: no such line); Medusa's checks and messages of
 * updateLineItem / removeLineItem. */
static int edit_line(struct ctx *c, const char *id, const char *item_id, struct order_edit_row *e,
                     struct order_edit_line *line)
{
    if (edit_load(c, id, e) < 0)
        return -1;
    if (!edit_active(e))
        return err_set(c, ERR_NOT_ALLOWED,
                       "Can not update an item on the order edit %s with the status %s", id,
                       e->status);
    return db_order_edit_line(c, item_id, line);
}

static int not_of_edit(struct ctx *c, const char *item_id, const struct order_edit_row *e)
{
    return err_set(c, ERR_INVALID_DATA,
                   "Invalid line item id %s it does not belong to the same order edit %s.", item_id,
                   e->order_id);
}

int order_edit_update_line(struct ctx *c, const char *id, const char *item_id, int64_t quantity)
{
    struct order_edit_row e;
    struct order_edit_line line;
    int rc = edit_line(c, id, item_id, &e, &line);
    if (rc)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Line item with %s was not found", item_id);
    if (!line.order_edit_id || strcmp(line.order_edit_id, id))
        return not_of_edit(c, item_id, &e);
    /* A line of quantity 0 would stay in the order once confirmed; removing an item is its own
     * route (issue #12's invariants found the empty line). */
    if (cart_quantity_check(c, quantity, 1) < 0)
        return -1;
    /* Units already returned stay bought (Medusa lets an edit go below them: the line would then
     * show more returned than bought). */
    if (quantity < line.returned_quantity)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot lower the quantity below the %lld units already returned",
                       (long long)line.returned_quantity);
    /* A line with a change (item_add, item_update) keeps it; a clone gets an item_update. */
    if (!db_order_edit_change_of_line(c, item_id)) {
        if (c->err.type || change_add(c, id, "item_update", line.original_item_id, item_id) < 0)
            return -1;
    }
    if (db_order_edit_line_quantity(c, item_id, quantity) < 0)
        return -1;
    return refresh_adjustments(c, &e);
}

int order_edit_remove_line(struct ctx *c, const char *id, const char *item_id)
{
    struct order_edit_row e;
    struct order_edit_line line;
    const char *upd;
    int rc = edit_line(c, id, item_id, &e, &line);
    if (rc)
        return rc < 0 ? -1 : 0;
    if (!line.order_edit_id || strcmp(line.order_edit_id, id) || !line.original_item_id)
        return not_of_edit(c, item_id, &e);
    if (line.returned_quantity > 0)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot remove an item of which %lld units were returned",
                       (long long)line.returned_quantity);
    /* Medusa's foreign key refuses to delete a line an item_update points at (an error with no
     * useful text); here the removal replaces that change. */
    if ((upd = db_order_edit_change_of_line(c, item_id)) && db_order_edit_change_delete(c, upd) < 0)
        return -1;
    if (c->err.type || db_line_delete(c, item_id) < 0 || refresh_adjustments(c, &e) < 0)
        return -1;
    return change_add(c, id, "item_remove", line.original_item_id, NULL);
}

int order_edit_request(struct ctx *c, const char *id, const char *by,
                       const char *paycol_description)
{
    struct order_edit_row e;
    struct order_edit_order o;
    struct order_model m;
    struct order_totals before, after;
    char now[TIMEFMT_LEN];
    const char *pc;
    int64_t due;
    int n, rc;
    if (edit_load(c, id, &e) < 0 || (n = db_order_edit_change_count(c, id)) < 0)
        return -1;
    if (!n)
        return err_set(c, ERR_INVALID_DATA,
                       "Cannot request a confirmation on an edit with no changes");
    /* An edit already requested is left as it is, but (as in Medusa's route) a positive
     * difference still gets a new payment collection. */
    if (!e.requested_at) {
        now_iso(c, now, sizeof(now));
        if (db_order_edit_request(c, id, by, now) < 0 ||
            edit_event(c, "order-edit.requested", &e) < 0)
            return -1;
    }
    if (order_edit_money(c, id, e.order_id, &m, &before, &after) < 0)
        return -1;
    due = after.total - before.total;
    if (due <= 0)
        return 0;
    if ((rc = db_order_edit_order(c, e.order_id, &o)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Order with %s was not found", e.order_id);
    if (!(pc = paycol_create(c, due, o.region_id, o.currency_code, paycol_description, by)) ||
        db_order_edit_set_paycol(c, id, pc) < 0)
        return -1;
    return edit_event(c, "order-edit.updated", &e);
}

int order_edit_cancel(struct ctx *c, const char *id, const char *by)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (!strcmp(e.status, "canceled"))
        return 0;
    if (!strcmp(e.status, "confirmed") || !strcmp(e.status, "declined"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot cancel order edit with status %s", e.status);
    now_iso(c, now, sizeof(now));
    if (db_order_edit_cancel(c, id, by, now) < 0)
        return -1;
    return edit_event(c, "order-edit.canceled", &e);
}

int order_edit_update(struct ctx *c, const char *id, const char *internal_note)
{
    struct order_edit_row e;
    if (edit_load(c, id, &e) < 0 ||
        (internal_note && db_order_edit_set_note(c, id, internal_note) < 0))
        return -1;
    return edit_event(c, "order-edit.updated", &e);
}

/* OrderEditItemChangeService.DELETED: {"ids": [...]} */
static int changes_deleted_event(struct ctx *c, const char *const *ids, int n)
{
    struct sbuf b = SBUF_INIT;
    int rc;
    sbuf_adds(&b, "{\"ids\":");
    sbuf_add_json_strs(&b, ids, n);
    sbuf_addc(&b, '}');
    rc = db_event_add(c, "order-edit-item-change.DELETED", b.buf);
    sbuf_release(&b);
    return rc;
}

int order_edit_delete(struct ctx *c, const char *id)
{
    struct order_edit_row e;
    const char **changes;
    int rc = db_order_edit_get(c, id, &e), n;
    if (rc)
        return rc < 0 ? -1 : 0;
    if (strcmp(e.status, "created"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot delete order edit with status %s", e.status);
    if (db_order_edit_delete(c, id, &changes, &n) < 0)
        return -1;
    return changes_deleted_event(c, changes, n);
}

int order_edit_confirm(struct ctx *c, const char *id, const char *by)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (!strcmp(e.status, "canceled") || !strcmp(e.status, "declined"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot confirm an order edit with status %s", e.status);
    if (!strcmp(e.status, "confirmed"))
        return 0;
    now_iso(c, now, sizeof(now));
    if (stock_check(c, &e) < 0 || db_order_edit_confirm(c, &e, by, now) < 0)
        return -1;
    return edit_event(c, "order-edit.confirmed", &e);
}

int order_edit_change_delete(struct ctx *c, const char *id, const char *change_id)
{
    struct order_edit_change ch;
    struct order_edit_row e;
    int rc = db_order_edit_change_get(c, change_id, &ch);
    if (rc)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order edit item change %s was not found",
                                change_id);
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (strcmp(ch.order_edit_id, id))
        return err_set(c, ERR_INVALID_DATA,
                       "The item change you are trying to delete doesn't belong to the OrderEdit "
                       "with id: %s.",
                       id);
    if (!strcmp(e.status, "confirmed") || !strcmp(e.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot delete and item change from a %s order edit",
                       e.status);
    /* The change's line goes with it (an item_update's clone too, as in Medusa). */
    if (db_order_edit_change_delete(c, change_id) < 0 ||
        (ch.line_item_id && db_line_delete(c, ch.line_item_id) < 0))
        return -1;
    return changes_deleted_event(c, &change_id, 1);
}
