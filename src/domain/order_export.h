/* order_export.h: the order-export batch job (Medusa 1.20's OrderExportStrategy with its default
 * fields and relations, sales channels on): every order, newest first, one line each in
 * Medusa's columns (";"-separated, CRLF), into a protected CSV file whose key the job's result
 * names (result.file_key). See batch_job.h for the strategy contract. */
#ifndef DOMAIN_ORDER_EXPORT_H
#define DOMAIN_ORDER_EXPORT_H
#include "core/ctx.h"

struct json_object;
struct job_run;
struct sbuf;
struct order_export_row;
struct order_totals;

int order_export_prepare(struct ctx *c, struct json_object *context, const char **out);
int order_export_preprocess(struct job_run *run);
int order_export_process(struct job_run *run);

/* The export's header line, and one order's line (for tests). */
void order_export_header(struct sbuf *out);
void order_export_line(struct sbuf *out, const struct order_export_row *o,
                       const struct order_totals *t);
/* JavaScript's Date.prototype.toUTCString of an ISO time ("Tue, 05 Dec 2023 10:20:30 GMT"), into
 * out (>= 32 bytes); "Invalid Date" when iso is not one. */
char *order_export_utc_string(char *out, const char *iso);

#endif
