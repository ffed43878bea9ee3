/* test_multipart.c: http/multipart.c on the bodies Chrome, Firefox and curl send (RFC 7578), and
 * on every way a body can be cut short or bent: each must parse to the right parts or fail with
 * a reason, never read outside the body. The hostile cases are also the fuzzer's seeds. */
#include "http/multipart.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static struct arena a;

/* Parses body (NUL-terminated here for convenience) with boundary b; the part count or -1. */
static int parse(const char *b, const char *body, struct mp_part **parts, char *err)
{
    /* A heap copy of exactly strlen(body) bytes, so ASan sees any read past the end. */
    size_t n = strlen(body);
    char *copy = malloc(n ? n : 1);
    int rc;
    memcpy(copy, body, n);
    rc = multipart_parse(&a, b, copy, n, parts, err, 128);
    /* The parts point into the copy: keep it until the arena resets (leaked on purpose is not
     * fine under ASan, so copy the data out first). */
    for (int i = 0; i < rc; i++)
        (*parts)[i].data = arena_strndup(&a, (*parts)[i].data, (*parts)[i].len);
    free(copy);
    return rc;
}

static void test_boundary(void)
{
    is_str(multipart_boundary(&a, "multipart/form-data; boundary=----WebKitFormBoundaryX7"),
           "----WebKitFormBoundaryX7", "boundary: Chrome's form");
    is_str(multipart_boundary(&a, "Multipart/Form-Data;boundary=\"a b'c\""), "a b'c",
           "boundary: quoted, type in any case");
    is_str(multipart_boundary(&a, "multipart/form-data; charset=utf-8; boundary=xyz"), "xyz",
           "boundary: after another parameter");
    is_str(multipart_boundary(&a, "application/json"), NULL, "boundary: not multipart");
    is_str(multipart_boundary(&a, "multipart/form-data"), NULL, "boundary: missing");
    is_str(multipart_boundary(&a, "multipart/form-data; boundary="), NULL, "boundary: empty");
    is_str(multipart_boundary(&a, "multipart/form-data; boundary=\"abc"), NULL,
           "boundary: unterminated quote");
    is_str(multipart_boundary(&a, "multipart/form-dataX; boundary=a"), NULL,
           "boundary: another type with the same prefix");
    is_str(multipart_boundary(&a,
                              "multipart/form-data; boundary="
                              "12345678901234567890123456789012345678901234567890123456789012345"
                              "678901"),
           NULL, "boundary: 71 characters is too long");
    is_str(multipart_boundary(&a, NULL), NULL, "boundary: no content type");
}

static void test_browser_bodies(void)
{
    struct mp_part *p;
    char err[128];
    const char *chrome = "------WebKitFormBoundaryAb\r\n"
                         "Content-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n"
                         "Content-Type: image/png\r\n"
                         "\r\n"
                         "\x89PNG\r\n\x1a\n--not-a-boundary\r\n"
                         "\r\n"
                         "------WebKitFormBoundaryAb\r\n"
                         "Content-Disposition: form-data; name=\"files\"; filename=\"b c.jpg\"\r\n"
                         "Content-Type: image/jpeg\r\n"
                         "\r\n"
                         "JPEG\r\n"
                         "------WebKitFormBoundaryAb\r\n"
                         "Content-Disposition: form-data; name=\"note\"\r\n"
                         "\r\n"
                         "hello\r\n"
                         "------WebKitFormBoundaryAb--\r\n";
    int n = parse("----WebKitFormBoundaryAb", chrome, &p, err);
    if (!is_int(n, 3, "chrome: three parts"))
        diag("%s", err);
    if (n != 3)
        return;
    is_str(p[0].name, "files", "chrome: field name");
    is_str(p[0].filename, "a.png", "chrome: file name");
    is_str(p[0].content_type, "image/png", "chrome: content type");
    is_int((int64_t)p[0].len, 26, "chrome: binary content with CRLFs and dashes kept whole");
    ok(!memcmp(p[0].data, "\x89PNG\r\n\x1a\n--not-a-boundary\r\n", 26), "chrome: bytes kept");
    is_str(p[1].filename, "b c.jpg", "chrome: second file");
    is_str(p[1].data, "JPEG", "chrome: second content");
    is_str(p[2].filename, NULL, "chrome: a plain field has no file name");
    is_str(p[2].data, "hello", "chrome: field value");

    /* curl: preamble-free, lower-case header names, bare token values, empty file. */
    n = parse("xyz",
              "--xyz\r\ncontent-disposition: form-data; name=files; filename=empty.csv\r\n"
              "content-type: text/csv\r\n\r\n\r\n--xyz--",
              &p, err);
    is_int(n, 1, "curl: one part");
    if (n == 1) {
        is_str(p[0].filename, "empty.csv", "curl: bare file name");
        is_int((int64_t)p[0].len, 0, "curl: empty content");
    }
    /* Preamble and epilogue are ignored; transport padding after the delimiter is allowed. */
    n = parse("b",
              "This is a preamble\r\n--b  \r\nContent-Disposition: form-data; name=x\r\n\r\n"
              "1\r\n--b--\r\nepilogue",
              &p, err);
    is_int(n, 1, "preamble, padding and epilogue");
    /* RFC 5987 filename* wins over filename. */
    n = parse("b",
              "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.png\"; "
              "filename*=UTF-8''caf%C3%A9.png\r\n\r\nz\r\n--b--",
              &p, err);
    is_int(n, 1, "filename*: parsed");
    if (n == 1)
        is_str(p[0].filename, "caf\xc3\xa9.png", "filename*: percent-decoded");
    /* Quoted values with escapes and a semicolon inside. */
    n = parse("b",
              "--b\r\nContent-Disposition: form-data; name=\"files\"; "
              "filename=\"a\\\"b;c.png\"\r\n\r\nz\r\n--b--",
              &p, err);
    is_int(n, 1, "quoted: parsed");
    if (n == 1)
        is_str(p[0].filename, "a\"b;c.png", "quoted: escape and semicolon kept");
    n = parse("b", "--b--", &p, err);
    is_int(n, 0, "no parts at all");
}

static void test_bad_bodies(void)
{
    static const struct {
        const char *body, *why;
    } bad[] = {
        {"", "empty body"},
        {"no boundary here", "no delimiter"},
        {"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nvalue", "no closing delimiter"},
        {"--b\r\nContent-Disposition: form-data; name=x\r\nvalue\r\n--b--", "no blank line"},
        {"--b\r\n\r\nvalue\r\n--b--", "no headers"},
        {"--b\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b--", "no Content-Disposition"},
        {"--b\r\nContent-Disposition: attachment; name=x\r\n\r\nv\r\n--b--", "not form-data"},
        {"--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\nv\r\n--b--", "unterminated"},
        {"--b\r\nContent-Disposition: form-data; name\r\n\r\nv\r\n--b--", "parameter without ="},
        {"--b\r\nContent-Disposition: form-data; name=\r\n\r\nv\r\n--b--", "empty bare value"},
        {"--b\r\nContent-Disposition: form-data; filename*=nope\r\n\r\nv\r\n--b--",
         "bad filename*"},
        {"--b\r\nContent-Disposition: form-data; filename*=UTF-8''a%00b\r\n\r\nv\r\n--b--",
         "filename* with a NUL"},
        {"--b\r\nno colon line\r\n\r\nv\r\n--b--", "header without a colon"},
        {"--bX\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--", "longer boundary"},
        {"--b", "delimiter cut short"},
        {"--b\r", "CR cut short"},
        {"--b\r\nContent-Disposition: form-data; name=x\r\n\r", "headers cut short"},
    };
    struct mp_part *p;
    char err[128];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        int n = parse("b", bad[i].body, &p, err);
        ok(n == -1 && err[0], "refused: %s (%s)", bad[i].why, err);
    }
}

static void test_limits(void)
{
    struct mp_part *p;
    char err[128];
    size_t cap = (MP_MAX_PARTS + 2) * 64 + MP_MAX_HEADER * 2;
    char *body = malloc(cap), *q = body;
    int n;
    for (int i = 0; i < MP_MAX_PARTS; i++)
        q += snprintf(q, cap - (size_t)(q - body),
                      "--b\r\nContent-Disposition: form-data; name=f%d\r\n\r\nv\r\n", i);
    snprintf(q, cap - (size_t)(q - body), "--b--");
    n = parse("b", body, &p, err);
    is_int(n, MP_MAX_PARTS, "limits: MP_MAX_PARTS parts are fine");
    q += snprintf(q, cap - (size_t)(q - body),
                  "--b\r\nContent-Disposition: form-data; name=one-more\r\n\r\nv\r\n");
    snprintf(q, cap - (size_t)(q - body), "--b--");
    n = parse("b", body, &p, err);
    ok(n == -1 && strstr(err, "too many parts"), "limits: one more part is refused");
    q = body + snprintf(body, cap, "--b\r\nContent-Disposition: form-data; name=x\r\nX-Pad: ");
    memset(q, 'a', MP_MAX_HEADER);
    snprintf(q + MP_MAX_HEADER, cap - (size_t)(q - body) - MP_MAX_HEADER, "\r\n\r\nv\r\n--b--");
    n = parse("b", body, &p, err);
    ok(n == -1 && strstr(err, "too long"), "limits: an over-long header block is refused");
    free(body);
}

int main(void)
{
    arena_init(&a);
    test_boundary();
    test_browser_bodies();
    test_bad_bodies();
    test_limits();
    arena_release(&a);
    return done_testing();
}
