/* batch_job_types.c: the batch-job strategies (Medusa's batchType_<type> registrations), apart
 * from batch_job.c because each strategy's module includes batch_job.h (the runner's helpers).
 * A new type is one more row. */
#include <string.h>

#include "domain/batch_job.h"
#include "domain/order_export.h"
#include "domain/product_export.h"
#include "domain/product_import.h"

static const struct batch_job_type types[] = {
    {"product-import", product_import_prepare, product_import_preprocess, product_import_process},
    {"product-export", product_export_prepare, product_export_preprocess, product_export_process},
    {"order-export", order_export_prepare, order_export_preprocess, order_export_process},
};

const struct batch_job_type *batch_job_type_find(const char *type)
{
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (!strcmp(types[i].type, type))
            return &types[i];
    return NULL;
}
