/* err.h: Medusa's error types, recorded once per request and rendered once (STYLE.md §5). */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err_type {
    ERR_NONE = 0,
    ERR_NOT_FOUND,
    ERR_INVALID_DATA,
    ERR_NOT_ALLOWED,
    ERR_UNAUTHORIZED,
    ERR_DUPLICATE,
    ERR_CONFLICT,
    ERR_PAYMENT_AUTHORIZATION,
    ERR_DATABASE,
    ERR_UNEXPECTED_STATE,
    ERR_INVALID_ARGUMENT,
    ERR_UNKNOWN,
    /* Not Medusa types: bare-status answers (store.md §1.1, observed.md): text bodies. */
    ERR_HTTP_UNAUTHORIZED, /* 401 "Unauthorized" */
    ERR_HTTP_NOT_FOUND,    /* 404 "Not Found" */
    /* The publishable-key checks' 400 {"errors":[msg],"message":...} (store.md §1.2). */
    ERR_MULTI,
    ERR_TYPE_COUNT
};

struct err {
    enum err_type type;
    const char *code; /* static string or NULL */
    char msg[1024];
};

/* Medusa's wire name for a type ("not_found", ...). */
const char *err_type_name(enum err_type t);

#endif
