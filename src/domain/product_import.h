/* product_import.h: the product-import batch job (Medusa 1.20's ProductImportStrategy): a CSV
 * in Medusa's product columns, uploaded as a protected file (context.fileKey), checked whole
 * before anything is written, summarised for the dry run, then imported in short transactions.
 * See batch_job.h for the strategy contract. */
#ifndef DOMAIN_PRODUCT_IMPORT_H
#define DOMAIN_PRODUCT_IMPORT_H
#include "core/ctx.h"

struct json_object;
struct job_run;

int product_import_prepare(struct ctx *c, struct json_object *context, const char **out);
int product_import_preprocess(struct job_run *run);
int product_import_process(struct job_run *run);

#endif
