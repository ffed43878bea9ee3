/* order_export.c: the order-export batch job (order_export.h). */
#include "domain/order_export.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/sbuf.h"
#include "core/timefmt.h"
#include "db/cart.h"
#include "db/db.h"
#include "db/order.h"
#include "domain/batch_job.h"
#include "domain/order_totals.h"

#define PAGE 100 /* Medusa's DEFAULT_LIMIT */

int order_export_prepare(struct ctx *c, struct json_object *context, const char **out)
{
    struct json_object *ff = json_get(context, "filterable_fields"), *o;
    size_t len;
    if (ff && (!json_object_is_type(ff, json_type_object) || json_object_object_length(ff)))
        return err_set(c, ERR_INVALID_DATA,
                       "filterable_fields: the export takes every order, without filters");
    /* Medusa's prepareBatchJobForProcessing keeps the other keys and adds list_config. */
    o = json_own(&c->arena, json_object_new_object());
    json_object_object_foreach(context, k, v)
    {
        if (strcmp(k, "limit") && strcmp(k, "offset") && strcmp(k, "order") &&
            strcmp(k, "fields") && strcmp(k, "expand") && strcmp(k, "filterable_fields"))
            json_object_object_add(o, k, json_share(v));
    }
    json_set(o, "list_config",
             json_tokener_parse("{\"skip\":0,\"take\":50,\"order\":{\"created_at\":\"DESC\"},"
                                "\"relations\":[\"customer\",\"shipping_address\","
                                "\"sales_channel\"]}"));
    *out = arena_strdup(&c->arena, json_text(o, &len));
    return 0;
}

int order_export_preprocess(struct job_run *run)
{
    int64_t n = db_orders_count(run->c);
    if (n < 0)
        return -1;
    return job_merge_result(
        run, arena_printf(&run->c->arena,
                          "{\"stat_descriptors\":[{\"key\":\"order-export-count\",\"name\":"
                          "\"Order count to export\",\"message\":\"There will be %lld orders "
                          "exported by this action\"}]}",
                          (long long)n));
}

char *order_export_utc_string(char *out, const char *iso)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char canon[TIMEFMT_LEN];
    int64_t ms, day;
    int y, mo, d, h, mi, s;
    if (!iso || timefmt_parse(iso, &ms) < 0) {
        snprintf(out, 32, "%s", "Invalid Date");
        return out;
    }
    timefmt_iso(canon, sizeof(canon), ms);
    if (sscanf(canon, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 || mo > 12) {
        snprintf(out, 32, "%s", "Invalid Date");
        return out;
    }
    day = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    /* 1970-01-01 was a Thursday. */
    snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[((day % 7) + 11) % 7], d,
             months[mo - 1], y, h, mi, s);
    return out;
}

static const char *const header_cols[] = {
    "Order_ID",
    "Display_ID",
    "Order status",
    "Date",
    "Customer First name",
    "Customer Last name",
    "Customer Email",
    "Customer ID",
    "Shipping Address 1",
    "Shipping Address 2",
    "Shipping Country Code",
    "Shipping City",
    "Shipping Postal Code",
    "Shipping Region ID",
    "Fulfillment Status",
    "Payment Status",
    "Subtotal",
    "Shipping Total",
    "Discount Total",
    "Gift Card Total",
    "Refunded Total",
    "Tax Total",
    "Total",
    "Currency Code",
    "Sales channel name",
    "Sales channel description",
    NULL,
};

void order_export_header(struct sbuf *out)
{
    for (int i = 0; header_cols[i]; i++) {
        if (i)
            sbuf_addc(out, ';');
        sbuf_adds(out, header_cols[i]);
    }
    sbuf_adds(out, "\r\n");
}

/* A value as JavaScript's Array.prototype.join writes it: null is empty. */
static void cell(struct sbuf *out, const char *v, int first)
{
    if (!first)
        sbuf_addc(out, ';');
    if (v)
        sbuf_adds(out, v);
}

void order_export_line(struct sbuf *out, const struct order_export_row *o,
                       const struct order_totals *t)
{
    char date[32];
    cell(out, o->id, 1);
    sbuf_addf(out, ";%lld", (long long)o->display_id);
    cell(out, o->status, 0);
    cell(out, order_export_utc_string(date, o->created_at), 0);
    cell(out, o->customer_first_name, 0);
    cell(out, o->customer_last_name, 0);
    cell(out, o->customer_email, 0);
    cell(out, o->customer_id, 0);
    cell(out, o->address_1, 0);
    cell(out, o->address_2, 0);
    cell(out, o->country_code, 0);
    cell(out, o->city, 0);
    cell(out, o->postal_code, 0);
    cell(out, o->region_id, 0);
    cell(out, o->fulfillment_status, 0);
    cell(out, o->payment_status, 0);
    sbuf_addf(out, ";%lld;%lld;%lld;%lld;%lld;%lld;%lld", (long long)t->subtotal,
              (long long)t->shipping_total, (long long)t->discount_total,
              (long long)t->gift_card_total, (long long)t->refunded_total, (long long)t->tax_total,
              (long long)t->total);
    cell(out, o->currency_code, 0);
    cell(out, o->channel_name ? o->channel_name : "", 0);
    cell(out, o->channel_description ? o->channel_description : "", 0);
    sbuf_adds(out, "\r\n");
}

/* What order_export_process's pages keep: the last order written. */
struct order_pages {
    struct job_run *run;
    const char *last_created, *last_id;
};

static void order_header(void *arg, struct sbuf *out)
{
    (void)arg;
    order_export_header(out);
}

static int order_page(void *arg, struct sbuf *out)
{
    struct order_pages *p = arg;
    struct ctx *c = p->run->c;
    struct order_export_row *rows;
    int n;
    if (db_orders_export_page(c, p->last_created, p->last_id, PAGE, &rows, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        struct order_model m;
        struct order_totals t;
        if (db_order_model(c, rows[i].id, &m) != 0)
            return -1;
        order_totals_compute(&c->arena, &m, &t);
        order_export_line(out, &rows[i], &t);
    }
    if (n) {
        p->last_created = arena_strdup(p->run->keep, rows[n - 1].created_at);
        p->last_id = arena_strdup(p->run->keep, rows[n - 1].id);
    }
    return n;
}

int order_export_process(struct job_run *run)
{
    struct order_pages p = {run, NULL, NULL};
    int64_t total = db_orders_count(run->c);
    if (total < 0)
        return -1;
    struct job_export x = {"order-export", total, PAGE, order_header, order_page, &p};
    return job_export_run(run, &x);
}
