/* validate.h: Medusa's request validation (class-validator with whitelist + forbidNonWhitelisted,
 * store.md §1.3) for query strings and JSON bodies, and the configured-endpoint parameters
 * `fields`, `expand`, `order`, `limit`, `offset` (store.md §1.5). All failures are collected and
 * joined with ", " into one 400 invalid_data, unknown properties first. */
#ifndef FRONT_VALIDATE_H
#define FRONT_VALIDATE_H
#include <stdint.h>

#include "core/sbuf.h"
#include "core/timefmt.h"

struct req;
struct json_object;

enum vtype {
    V_ANY,          /* accepted as is */
    V_STRING,       /* "$p must be a string" */
    V_NUMBER,       /* query: Number(x) must not be NaN; body: a JSON number */
    V_INT,          /* "$p must be an integer number" */
    V_BOOL,         /* body: true/false; "$p must be a boolean value" */
    V_BOOLSTR,      /* query: "true"/"false"; "$p must be a boolean string" */
    V_STRARRAY,     /* "$p must be an array", "each value in $p must be a string" */
    V_STR_OR_ARRAY, /* a string or an array of strings */
    V_DATEFILTER,   /* {lt,gt,lte,gte} each a date; "$p must be a Date instance" */
    V_OBJECT,       /* "$p must be an object" */
    V_ARRAY,        /* "$p must be an array" */
    V_EMAIL,        /* a string that is an e-mail: "$p must be an email" */
    V_STRFILTER,    /* a string, an array of strings or {lt,gt,lte,gte,contains,starts_with,
                       ends_with} of strings (Medusa's IsType: a failure is the only message) */
    V_NOT_EMPTY,    /* IsNotEmpty: anything but "", null or absent; "$p should not be empty" */
    V_JWT,          /* IsNotEmpty + IsJWT: "$p must be a jwt string", "$p should not be empty" */
    V_NESTED,       /* ValidateNested: "nested property $p must be either object or array"; the
                       handler checks the members with validate_msgs() */
    V_STRINGS,      /* body DTO `@IsArray() @IsString({each: true})`: "each value in $p must be a
                       string" (a non-array is checked as one value), then "$p must be an array" */
    V_EACH_STRING,  /* IsString + IsNotEmpty, each: "each value in $p must be a string", "each
                       value in $p should not be empty" (a non-array is checked as one value) */
    V_DATE,         /* body: IsDate after Type(() => Date): what new Date(v) accepts (a date string,
                       a number of ms, a boolean); "$p must be a Date instance" */
    V_NUMBER_INT,   /* body: Medusa's IsNumber, then (ours, issue #12) an integer: "$p must be a
                       number conforming to the specified constraints", "$p must be an integer
                       number" */
    V_POSITIVE_INT, /* body (ours, issue #12): IsInt + Min(1) + Max(CART_QUANTITY_MAX) for the
                       quantities and amounts a client sends: "$p must be an integer number",
                       "$p must not be less than 1", "$p must not be greater than 2147483647" */
    V_AMOUNT,       /* body (ours, issue #12): IsInt + Min(0) + Max(MONEY_AMOUNT_MAX) for the money
                       amounts the admin sets (prices, gift card values): "$p must be an integer
                       number", "$p must not be less than 0", "$p must not be greater than
                       2147483647" */
    V_NUMFILTER,    /* query: IsType([NumericalComparisonOperator, Number]): a number, or {lt, gt,
                       gte, lte} of numbers (a failure is the only message, as V_STRFILTER) */
};

/* vparam.required */
#define V_OPTIONAL 0 /* IsOptional: absent (or null in a body) is fine */
#define V_REQUIRED 1 /* absent: "$p should not be empty" */
#define V_CHECKED  2 /* no IsOptional: absent or null runs the type's check, with its message */

struct vparam {
    const char *name;
    enum vtype type;
    int required; /* V_OPTIONAL, V_REQUIRED or V_CHECKED */
};

/* Checks obj (the parsed query or body) against params (terminated by {NULL}). is_query selects
 * query semantics (strings that convert). Records one invalid_data error with every message. */
int validate(struct req *r, struct json_object *obj, const struct vparam *params, int is_query);
/* The same checks, appending the messages to msgs (", "-separated) without recording anything:
 * for nested objects, whose members' messages follow their parent's (class-validator). */
void validate_msgs(struct json_object *obj, const struct vparam *params, int is_query,
                   struct sbuf *msgs);
/* Appends one message (printf-style) to msgs, ", "-separated: for a DTO's own checks. */
void validate_msg(struct sbuf *msgs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* `@IsString() @IsNotEmpty()` on obj[name] (the last decorator's message first): "$p should not
 * be empty" for "", null or absent, then "$p must be a string". Declare the name V_ANY. */
void validate_not_empty_string(struct sbuf *msgs, struct json_object *obj, const char *name);
/* @ValidateNested({each: true}) of obj[name] (its IsArray is among the parent's params): each
 * object member validated with params, anything else "each value in nested property $p must be
 * either object or array"; absent: nothing. */
void validate_nested_each(struct sbuf *msgs, struct json_object *obj, const char *name,
                          const struct vparam *params);
/* An IsEnum property: its values (NULL-terminated) and the DTO's message, or NULL for
 * class-validator's "$p must be one of the following values: a, b". */
struct venum {
    const char *name;
    const char *const *values;
    const char *message;
};
/* validate_msgs() of a body whose enum properties (declared V_ANY, with their V_OPTIONAL or
 * V_CHECKED) are checked in their place, so that the messages keep the DTO's order. enums is
 * terminated by {NULL}. */
void validate_msgs_enums(struct json_object *obj, const struct vparam *params,
                         const struct venum *enums, struct sbuf *msgs);
/* Records msgs as one invalid_data error if there are any, and releases msgs. 0 or -1. */
int validate_done(struct req *r, struct sbuf *msgs);

/* IsEnum: appends message (or class-validator's "$p must be one of the following values: a, b")
 * to msgs when obj's name is not one of values (NULL-terminated); an absent or null name is
 * checked only when required is V_CHECKED. Declare the name V_ANY in the validate() table. */
void validate_enum(struct json_object *obj, const char *name, const char *const *values,
                   const char *message, int required, struct sbuf *msgs);

/* 1 if o is an address object as Medusa's AddressPayload takes it: only its fields, each a string
 * or null, metadata an object or null. */
int address_payload_ok(struct json_object *o);
/* Medusa's IsType([AddressPayload, String]) on obj[name]: absent, an address id, or an object of
 * AddressPayload's fields (each a string or null, metadata an object); null only when null_ok.
 * Records Medusa's 400 `<name> must be one of: AddressPayload,String` otherwise. */
int validate_address_or_id(struct req *r, struct json_object *obj, const char *name, int null_ok);

/* Typed readers of an already validated object. */
const char *v_str(struct json_object *obj, const char *name);
/* Number from a query string or body number; def when absent. */
int64_t v_int(struct json_object *obj, const char *name, int64_t def);
/* 1 true, 0 false, -1 absent or neither, -2 the string "null" (store.md §1.3). */
int v_boolstr(struct json_object *obj, const char *name);
/* Strings of a string-or-array parameter, as an arena array; *n = 0 when absent. */
const char **v_strs(struct req *r, struct json_object *obj, const char *name, int *n);

/* A V_DATE body value as new Date(v) would make it: 0 with *ms set, -1 if absent or invalid. */
int v_date(struct json_object *obj, const char *name, int64_t *ms);

struct strfilter;
/* A V_STRFILTER parameter as a string filter (db/catalog.h); all NULL when absent. */
void v_strfilter(struct req *r, struct json_object *obj, const char *name, struct strfilter *f);

/* A date-range filter from created_at[gt]=... (store.md §1.3): bounds in ms, has_* flags. */
int v_datefilter(struct json_object *obj, const char *name, struct datefilter *df);
/* 1 when ms passes every bound of df. */
int datefilter_match(const struct datefilter *df, int64_t ms);

/* Configured endpoints (store.md §1.5, §1.6). */
struct listq_spec {
    int64_t default_limit;             /* list endpoints; ignored for retrieve */
    int is_list;                       /* `fields` also adds created_at */
    const char *const *allowed_fields; /* NULL-terminated, or NULL = unrestricted */
    const char *const *allowed_relations;
    const char *const *default_fields; /* NULL = all columns */
    const char *const *default_relations;
};

struct listq {
    int64_t limit, offset;
    const char *order; /* column (may be dotted), or NULL for the endpoint's default */
    int desc;
    int fields_given;
    const char *const *fields; /* NULL-terminated selection (defaults when not given); NULL = all */
    int expand_given;
    const char *const *relations; /* NULL-terminated relations to load */
};

/* Reads limit, offset, order, fields and expand from r->qs per spec. Records invalid_data. */
int listq_parse(struct req *r, const struct listq_spec *spec, struct listq *lq);
/* 1 if name is among the selected fields (always 1 when every column is selected). */
int listq_has_field(const struct listq *lq, const char *name);
/* 1 if relation rel (e.g. "variants" or "variants.prices") is to be loaded. */
int listq_has_relation(const struct listq *lq, const char *rel);

struct listf;
/* Fills the shared list filters from a parsed listq and the query's created_at/updated_at. */
void listq_listf(struct req *r, const struct listq *lq, struct listf *f);

#endif
