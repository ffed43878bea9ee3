/* test_shipping_option.c: the price and requirement rules of a new shipping option
 * (domain/shipping_option.c, Medusa's ShippingOptionService.create). */
#include <string.h>

#include "domain/shipping_option.h"
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

static void test_price(void)
{
    int has = 1;
    int64_t amount = 500;
    is_int(shipping_option_check_price(&c, "flat_rate", &has, &amount, 0), 0, "price: flat rate");
    is_int(has && amount == 500, 1, "price: the flat amount stays");
    has = 0;
    is_int(shipping_option_check_price(&c, "flat_rate", &has, &amount, 0), -1, "price: no amount");
    is_str(msg(), "Shipping options of type `flat_rate` must have an `amount`",
           "price: its message");
    has = 1;
    amount = -1;
    is_int(shipping_option_check_price(&c, "flat_rate", &has, &amount, 0), -1, "price: negative");
    msg();
    amount = 0;
    is_int(shipping_option_check_price(&c, "flat_rate", &has, &amount, 0), 0,
           "price: free is fine");
    is_int(shipping_option_check_price(&c, "calculated", &has, &amount, 0), -1,
           "price: calculated needs a provider that calculates");
    is_str(msg(), "The fulfillment provider cannot calculate prices for this option", "price: msg");
    amount = 700;
    is_int(shipping_option_check_price(&c, "calculated", &has, &amount, 1), 0, "price: calculated");
    is_int(has, 0, "price: a calculated option has no amount");
    is_int(shipping_option_check_price(&c, "free", &has, &amount, 1), -1, "price: unknown type");
    is_str(msg(), "The price must be of type flat_rate or calculated", "price: unknown type msg");
}

static void test_requirements(void)
{
    const struct so_requirement ok[] = {{"min_subtotal", 100}, {"max_subtotal", 1000}};
    const struct so_requirement dup[] = {{"max_subtotal", 100}, {"max_subtotal", 1000}};
    const struct so_requirement inverted[] = {{"max_subtotal", 100}, {"min_subtotal", 1000}};
    const struct so_requirement inverted2[] = {{"min_subtotal", 1000}, {"max_subtotal", 100}};
    const struct so_requirement bad[] = {{"weight", 1}};
    is_int(shipping_option_check_requirements(&c, ok, 2), 0, "requirements: min below max");
    is_int(shipping_option_check_requirements(&c, NULL, 0), 0, "requirements: none");
    is_int(shipping_option_check_requirements(&c, dup, 2), -1, "requirements: one of each type");
    is_str(msg(), "Only one requirement of each type is allowed", "requirements: dup msg");
    is_int(shipping_option_check_requirements(&c, inverted, 2), -1, "requirements: min > max");
    is_str(msg(), "Max. subtotal must be greater than Min. subtotal", "requirements: order msg");
    is_int(shipping_option_check_requirements(&c, inverted2, 2), -1, "requirements: max < min");
    msg();
    is_int(shipping_option_check_requirements(&c, bad, 1), -1, "requirements: unknown type");
    is_str(msg(), "Requirement type must be one of min_subtotal, max_subtotal",
           "requirements: msg");
}

int main(void)
{
    arena_init(&c.arena);
    test_price();
    test_requirements();
    arena_release(&c.arena);
    return done_testing();
}
