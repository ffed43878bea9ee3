/* metadata.h: Medusa's setMetadata, the merge every admin update of `metadata` goes through. */
#ifndef DOMAIN_METADATA_H
#define DOMAIN_METADATA_H
#include "core/ctx.h"

struct json_object;

/* The JSON text of old_text (stored metadata, or NULL) merged with patch (an object): keys of
 * patch overwrite, a key whose new value is "" is deleted and never added. In the arena. */
const char *metadata_merge(struct ctx *c, const char *old_text, struct json_object *patch);

#endif
