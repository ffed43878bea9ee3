/* order_claim.h: claiming guest orders (store.md §4.3). A registered customer asks for the
 * orders; for each e-mail they were placed with, a token goes to that address through the
 * order-update-token.created event; whoever holds it confirms the claim. Tokens are HS256 JWTs
 * signed with jwt_secret, valid 15 minutes, and bound to the orders' current owner and e-mail, so
 * a confirmed token can never be used again. */
#ifndef DOMAIN_ORDER_CLAIM_H
#define DOMAIN_ORDER_CLAIM_H
#include "core/ctx.h"

/* The request: 404 if the customer is gone, 401 "Customer does not have an account" for a guest;
 * unknown ids are ignored. Emits one order-update-token.created per e-mail. 0 or -1. */
int order_claim_request(struct ctx *c, const char *customer_id, const char *const *order_ids,
                        int n);
/* The confirmation: an invalid, expired or already used token is 401 unauthorized (Medusa lets
 * the JWT error escape as a 500); then each order goes to the claiming customer with its e-mail
 * (a canceled order refuses the whole claim) and order.updated is emitted. 0 or -1. */
int order_claim_confirm(struct ctx *c, const char *token);

#endif
