/* test_cart_rules.c: the cart rules of issue #12 that need no database: the bounds of a client's
 * quantity (cart_quantity_check) and the one rule for the shipping options a cart may use
 * (cart_option_verdict, shared by the listing and the shipping method). */
#include <string.h>

#include "domain/cart.h"
#include "tap.h"

static struct ctx c;

/* The message of the error recorded by the last check ("" when none), and forgets it. */
static const char *msg(void)
{
    static char buf[sizeof(c.err.msg)];
    snprintf(buf, sizeof(buf), "%s", c.err.type ? c.err.msg : "");
    err_clear(&c);
    return buf;
}

static void test_quantity(void)
{
    is_int(cart_quantity_check(&c, 1, 1), 0, "quantity: 1 is a line");
    is_int(cart_quantity_check(&c, CART_QUANTITY_MAX, 1), 0, "quantity: the largest");
    is_int(cart_quantity_check(&c, 0, 1), -1, "quantity: 0 is no new line");
    is_str(msg(), "quantity must not be less than 1", "quantity: class-validator's Min");
    is_int(cart_quantity_check(&c, -9, 1), -1, "quantity: negative");
    is_int(c.err.type, ERR_INVALID_DATA, "quantity: invalid_data");
    msg();
    is_int(cart_quantity_check(&c, 0, 0), 0, "quantity: 0 where 0 removes");
    is_int(cart_quantity_check(&c, -1, 0), -1, "quantity: below 0 where 0 removes");
    is_str(msg(), "quantity must not be less than 0", "quantity: its Min");
    is_int(cart_quantity_check(&c, (int64_t)CART_QUANTITY_MAX + 1, 1), -1, "quantity: too large");
    is_str(msg(), "quantity must not be greater than 2147483647",
           "quantity: class-validator's Max");
}

static void test_options(void)
{
    static const char *profiles[] = {"sp_default"};
    struct option_scope s = {"reg_eu", profiles, 1, 5000, NULL, 0};
    struct option_row o;
    memset(&o, 0, sizeof(o));
    o.region_id = "reg_eu";
    o.profile_id = "sp_default";
    o.price_type = "flat_rate";
    is_int(cart_option_verdict(&o, &s), OPTION_USABLE, "options: same region and profile");
    o.is_return = 1;
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN, "options: a return option");
    o.is_return = 0;
    o.admin_only = 1;
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN, "options: admin only");
    s.admin = 1;
    is_int(cart_option_verdict(&o, &s), OPTION_USABLE,
           "options: admin only, on a draft order's cart");
    o.is_return = 1;
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN,
           "options: a return option, even for a draft");
    o.is_return = 0;
    s.admin = 0;
    o.admin_only = 0;
    o.profile_id = "sp_gift_card";
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN, "options: no item of its profile");
    s.nprofiles = 0;
    o.profile_id = "sp_default";
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN, "options: an empty cart uses none");
    s.nprofiles = 1;
    o.region_id = "reg_na";
    is_int(cart_option_verdict(&o, &s), OPTION_REGION, "options: another region");
    o.is_return = 1;
    is_int(cart_option_verdict(&o, &s), OPTION_HIDDEN, "options: another region's return option");
    o.is_return = 0;
    o.region_id = "reg_eu";
    o.has_min = 1;
    o.min_subtotal = 5000;
    is_int(cart_option_verdict(&o, &s), OPTION_USABLE, "options: min_subtotal met exactly");
    o.min_subtotal = 5001;
    is_int(cart_option_verdict(&o, &s), OPTION_REQUIREMENTS, "options: min_subtotal not met");
    o.has_min = 0;
    o.has_max = 1;
    o.max_subtotal = 5000;
    is_int(cart_option_verdict(&o, &s), OPTION_REQUIREMENTS, "options: max_subtotal is strict");
    o.max_subtotal = 5001;
    is_int(cart_option_verdict(&o, &s), OPTION_USABLE, "options: under max_subtotal");
}

int main(void)
{
    arena_init(&c.arena);
    test_quantity();
    test_options();
    arena_release(&c.arena);
    return done_testing();
}
