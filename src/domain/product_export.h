/* product_export.h: the product-export batch job (Medusa 1.20's ProductExportStrategy): every
 * live product, one line per variant, in Medusa's columns, into a protected CSV file whose key
 * the job's result names (result.file_key). See batch_job.h for the strategy contract. */
#ifndef DOMAIN_PRODUCT_EXPORT_H
#define DOMAIN_PRODUCT_EXPORT_H
#include "core/ctx.h"

struct json_object;
struct job_run;

int product_export_prepare(struct ctx *c, struct json_object *context, const char **out);
int product_export_preprocess(struct job_run *run);
int product_export_process(struct job_run *run);

#endif
