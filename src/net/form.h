/* form.h: application/x-www-form-urlencoded bodies as Stripe's API takes them: nested objects as
 * key[sub]=v, arrays as key[0]=v, exactly as stripe-node's stringifyRequestData (qs.stringify,
 * with the brackets left unescaped). */
#ifndef NET_FORM_H
#define NET_FORM_H

#include "core/sbuf.h"

struct json_object;

/* Appends params (a JSON object; anything else appends nothing) to out: strings as they are,
 * integers in decimal, booleans as true/false, null as an empty value (Stripe's "unset"); empty
 * objects and arrays are left out, as qs does. Bytes other than A-Z a-z 0-9 - _ . ~ [ ] are
 * percent-encoded (%XX, upper-case). Never fails. */
void form_encode(struct sbuf *out, struct json_object *params);

#endif
