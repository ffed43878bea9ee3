/* slug.c: lodash kebabCase for Medusa's default handles (slug.h). Pure: no allocation, no I/O. */
#include "core/slug.h"

void slug_kebab(char *out, size_t outlen, const char *in)
{
    size_t o = 0;
    int prev = 0; /* class of the previous kept byte: 0 none, 1 lower, 2 upper, 3 digit */
    for (size_t i = 0; in[i] && o + 2 < outlen; i++) {
        unsigned char c = (unsigned char)in[i];
        int cls, split;
        if (c == '\'' ||
            (c == 0xE2 && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x99)) {
            i += c == '\'' ? 0 : 2;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || c >= 0x80)
            cls = 1;
        else if (c >= 'A' && c <= 'Z')
            cls = 2;
        else if (c >= '0' && c <= '9')
            cls = 3;
        else {
            prev = 0;
            continue;
        }
        split = prev == 0 || (prev == 1 && cls == 2) || ((prev == 3) != (cls == 3));
        /* "XMLHttp": the last capital of a run starts the next word */
        if (prev == 2 && cls == 2) {
            unsigned char n = (unsigned char)in[i + 1];
            split = (n >= 'a' && n <= 'z');
        }
        if (split && o > 0)
            out[o++] = '-';
        out[o++] = cls == 2 ? (char)(c - 'A' + 'a') : (char)c;
        prev = cls;
    }
    out[o] = '\0';
}
