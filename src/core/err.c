/* err.c: the names of Medusa's error types (store.md §1.2). Status mapping lives in http/errors.c.
 */
#include "core/err.h"

const char *err_type_name(enum err_type t)
{
    static const char *const names[ERR_TYPE_COUNT] = {
        [ERR_NONE] = "",
        [ERR_NOT_FOUND] = "not_found",
        [ERR_INVALID_DATA] = "invalid_data",
        [ERR_NOT_ALLOWED] = "not_allowed",
        [ERR_UNAUTHORIZED] = "unauthorized",
        [ERR_DUPLICATE] = "duplicate_error",
        [ERR_CONFLICT] = "conflict",
        [ERR_PAYMENT_AUTHORIZATION] = "payment_authorization_error",
        [ERR_DATABASE] = "database_error",
        [ERR_UNEXPECTED_STATE] = "unexpected_state",
        [ERR_INVALID_ARGUMENT] = "invalid_argument",
        [ERR_UNKNOWN] = "unknown_error",
        [ERR_HTTP_UNAUTHORIZED] = "unauthorized",
        [ERR_HTTP_NOT_FOUND] = "not_found",
        [ERR_MULTI] = "invalid_data",
    };
    return (unsigned)t < ERR_TYPE_COUNT ? names[t] : "unknown_error";
}
