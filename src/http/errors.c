/* errors.c: Medusa error type → HTTP status and forced code, exactly store.md §1.2. The only
 * place statuses for errors come from. */
#include <stddef.h>

#include "core/err.h"
#include "http/resp.h"

int errors_status(int type)
{
    switch (type) {
    case ERR_NOT_FOUND:
    case ERR_HTTP_NOT_FOUND:
        return 404;
    case ERR_INVALID_DATA:
    case ERR_NOT_ALLOWED:
    case ERR_MULTI:
        return 400;
    case ERR_UNAUTHORIZED:
    case ERR_HTTP_UNAUTHORIZED:
        return 401;
    case ERR_DUPLICATE:
    case ERR_PAYMENT_AUTHORIZATION:
        return 422;
    case ERR_CONFLICT:
        return 409;
    default: /* database_error, unexpected_state, invalid_argument, unknown */
        return 500;
    }
}

const char *errors_forced_code(int type)
{
    switch (type) {
    case ERR_DUPLICATE:
        return "invalid_request_error";
    case ERR_CONFLICT:
        return "invalid_state_error";
    case ERR_DATABASE:
        return "api_error";
    case ERR_UNKNOWN:
        return "unknown_error";
    default:
        return NULL;
    }
}

const char *errors_reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}
