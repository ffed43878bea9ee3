/* slug.h: Medusa's default handles (lodash kebabCase), shared by the seed loader and the Admin API
 * (products, collections, categories get kebabCase(title or name) when no handle is given). */
#ifndef CORE_SLUG_H
#define CORE_SLUG_H
#include <stddef.h>

/* Writes lodash's kebabCase(in) into out (at most outlen - 1 bytes, always terminated): words
 * split at non-alphanumerics and at lower/upper and letter/digit changes, apostrophes dropped,
 * lower-cased, joined by '-'. Bytes >= 0x80 count as lower-case letters (lodash would also
 * deburr Latin-1 accents). */
void slug_kebab(char *out, size_t outlen, const char *in);

#endif
