/* fuzz_qs.c: libFuzzer target for http/qs.c (store.md §1.4): any bytes, any length up to the
 * limit and a little beyond, must parse or fail cleanly, and normalise without leaks. */
#include "http/qs.h"

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[128];
    struct qs_limits lim = {QS_MAX_PARAMS, QS_MAX_DEPTH, QS_MAX_LEN};
    struct json_object *j = qs_parse((const char *)data, size, &lim, err, sizeof(err));
    if (j) {
        qs_normalize(j);
        /* serialising walks the whole tree, so a bad node would show here */
        json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN);
        json_object_put(j);
    }
    return 0;
}
