/* metadata.c: Medusa's setMetadata (utils/set-metadata.ts): a shallow merge where "" deletes. */
#include "domain/metadata.h"

#include <string.h>

#include "core/json.h"

const char *metadata_merge(struct ctx *c, const char *old_text, struct json_object *patch)
{
    struct json_object *old = old_text ? json_tokener_parse(old_text) : NULL;
    struct json_object *out = json_own(&c->arena, json_object_new_object());
    size_t len;
    if (old && json_object_is_type(old, json_type_object)) {
        json_object_object_foreach(old, k, v)
        {
            json_object_object_add(out, k, json_share(v));
        }
    }
    json_object_put(old);
    json_object_object_foreach(patch, key, val)
    {
        if (json_object_is_type(val, json_type_string) && !*json_object_get_string(val))
            json_object_object_del(out, key);
        else
            json_object_object_add(out, key, json_share(val));
    }
    return arena_strdup(&c->arena, json_text(out, &len));
}
