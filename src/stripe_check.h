/* stripe_check.h: `medusa-fcgi stripe-check`, the shop owner's check of the Stripe settings:
 * whether the key and the webhook secret are set and work, optionally a test-mode round trip
 * through every call the provider makes, and the latency of a call. */
#ifndef STRIPE_CHECK_H
#define STRIPE_CHECK_H

struct conf;

/* round_trip: also run the provider's calls in test mode (refused with a live key); calls: the
 * option text of --calls (N timed GET /v1/balance calls) or NULL. Prints to stdout; returns the
 * exit status (0: everything checked is fine). */
int stripe_check_cmd(const struct conf *cf, int round_trip, const char *calls);

#endif
