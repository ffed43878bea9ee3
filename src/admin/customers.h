/* customers.h: the admin's customer list, shared with GET /admin/customer-groups/:id/customers. */
#ifndef ADMIN_CUSTOMERS_H
#define ADMIN_CUSTOMERS_H

struct req;

/* Writes a page of customers (AdminGetCustomersParams: q, has_account, groups, order, dates,
 * limit/offset/expand/fields); group_id, when given, replaces the groups filter. 0 or -1. */
int admin_customers_page(struct req *r, const char *group_id);

#endif
