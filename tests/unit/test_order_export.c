/* test_order_export.c: domain/order_export.c's pure parts: JavaScript's toUTCString of the
 * order's date, and an order's CSV line (Medusa's column order, JS join of nulls as empty). */
#include "core/sbuf.h"
#include "db/order.h"
#include "domain/order_export.h"
#include "domain/order_totals.h"
#include "tap.h"

#include <string.h>

static void utc_is(const char *iso, const char *want)
{
    char out[32];
    order_export_utc_string(out, iso);
    ok(!strcmp(out, want), "%s -> '%s' (got '%s')", iso ? iso : "NULL", want, out);
}

int main(void)
{
    utc_is("2026-12-05T05:31:59.143Z", "Sat, 05 Dec 2026 05:31:59 GMT");
    utc_is("1970-01-01T00:00:00.000Z", "Thu, 01 Jan 1970 00:00:00 GMT");
    utc_is("1969-12-31T23:59:59.999Z", "Wed, 31 Dec 1969 23:59:59 GMT");
    utc_is("2024-02-29T12:00:00Z", "Thu, 29 Feb 2024 12:00:00 GMT");
    utc_is("2000-03-01T00:00:00+01:00", "Tue, 29 Feb 2000 23:00:00 GMT");
    utc_is("nonsense", "Invalid Date");
    utc_is(NULL, "Invalid Date");

    struct order_export_row o = {"order_1",
                                 "pending",
                                 "2024-05-01T10:00:00.000Z",
                                 "shipped",
                                 "captured",
                                 "eur",
                                 "reg_1",
                                 7,
                                 "Ana",
                                 NULL,
                                 "ana@example.com",
                                 "cus_1",
                                 "Main 1",
                                 NULL,
                                 "de",
                                 "Berlin",
                                 "10115",
                                 NULL,
                                 NULL};
    struct order_totals t;
    struct sbuf sb = SBUF_INIT;
    memset(&t, 0, sizeof(t));
    t.subtotal = 2000;
    t.shipping_total = 800;
    t.discount_total = 300;
    t.gift_card_total = 0;
    t.refunded_total = 100;
    t.tax_total = 486;
    t.total = 3486;
    order_export_line(&sb, &o, &t);
    ok(!strcmp(sb.buf, "order_1;7;pending;Wed, 01 May 2024 10:00:00 GMT;Ana;;ana@example.com;cus_1;"
                       "Main 1;;de;Berlin;10115;reg_1;shipped;captured;2000;800;300;0;100;486;"
                       "3486;eur;;\r\n"),
       "an order's line: %s", sb.buf);
    sbuf_reset(&sb);
    order_export_header(&sb);
    ok(!strncmp(sb.buf, "Order_ID;Display_ID;Order status;Date;", 38) &&
           strstr(sb.buf, ";Sales channel name;Sales channel description\r\n"),
       "the header");
    sbuf_release(&sb);
    return done_testing();
}
