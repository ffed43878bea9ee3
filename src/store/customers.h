/* customers.h: the customer views the customer and auth handlers share (store.md §2, §3). */
#ifndef STORE_CUSTOMERS_H
#define STORE_CUSTOMERS_H

struct req;

enum customer_view {
    CUSTOMER_VIEW_ME,    /* columns + shipping_addresses + billing_address (register, /me) */
    CUSTOMER_VIEW_AUTH,  /* columns + orders (with items) + shipping_addresses (login, session) */
    CUSTOMER_VIEW_PLAIN, /* columns only (password reset) */
};

/* Writes 200 {"customer": view of id}, or records 404 "Customer with id: {id} was not found". */
int customers_send(struct req *r, const char *id, enum customer_view v);

#endif
