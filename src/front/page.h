/* page.h: list pages and single rows answered from a graph query (db/graph.h): the rows read
 * plainly and written once as JSON (gq_run_nodes, gnode_write), nothing parsed again. */
#ifndef FRONT_PAGE_H
#define FRONT_PAGE_H

struct req;
struct gquery;

/* Runs a graph query and writes {"key":[rows],"count":N,"offset":O,"limit":L}; with
 * with_count 0, just {"key":[rows]}. 0 or -1. */
int page_list(struct req *r, const char *key, const struct gquery *q, int with_count);
/* Runs q for one row and writes {"key":row}: 0 when sent, 1 when there is no row (the caller
 * records its not-found error), -1 on error. */
int page_row(struct req *r, const char *key, const struct gquery *q);

#endif
