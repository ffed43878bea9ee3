/* test_qs.c: http/qs.c against Node's qs 6.13 (the expected trees below were produced by
 * qs.parse(str, {allowPrototypes: true}), as Express calls it, and Medusa's normaliseQuery),
 * plus limits, hostile input and qs_decode (store.md §1.4). */
#include "http/qs.h"
#include "tap.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

struct qs_case {
    const char *query;
    const char *want; /* qs.parse */
    const char *norm; /* after normaliseQuery */
};

static const struct qs_case cases[] = {
    {"expand=variants,options", "{\"expand\":\"variants,options\"}",
     "{\"expand\":\"variants,options\"}"},
    {"tags[]=t1", "{\"tags\":[\"t1\"]}", "{\"tags\":[\"t1\"]}"},
    {"tags[]=t1,t2", "{\"tags\":[\"t1,t2\"]}", "{\"tags\":[\"t1\",\"t2\"]}"},
    {"tags[]=t1&tags[]=t2", "{\"tags\":[\"t1\",\"t2\"]}", "{\"tags\":[\"t1\",\"t2\"]}"},
    {"tags=t1&tags=t2", "{\"tags\":[\"t1\",\"t2\"]}", "{\"tags\":[\"t1\",\"t2\"]}"},
    {"tags[0]=t1&tags[1]=t2", "{\"tags\":[\"t1\",\"t2\"]}", "{\"tags\":[\"t1\",\"t2\"]}"},
    {"created_at[gt]=2024-01-01", "{\"created_at\":{\"gt\":\"2024-01-01\"}}",
     "{\"created_at\":{\"gt\":\"2024-01-01\"}}"},
    {"shipping_address[postal_code]=123", "{\"shipping_address\":{\"postal_code\":\"123\"}}",
     "{\"shipping_address\":{\"postal_code\":\"123\"}}"},
    {"expand=", "{\"expand\":\"\"}", "{\"expand\":\"\"}"},
    {"a", "{\"a\":\"\"}", "{\"a\":\"\"}"},
    {"a&b&c=", "{\"a\":\"\",\"b\":\"\",\"c\":\"\"}", "{\"a\":\"\",\"b\":\"\",\"c\":\"\"}"},
    {"a[]=", "{\"a\":[\"\"]}", "{\"a\":[\"\"]}"},
    {"&&&", "{}", "{}"},
    {"=", "{}", "{}"},
    {"a==b", "{\"a\":\"=b\"}", "{\"a\":\"=b\"}"},
    {"a=b]=c", "{\"a=b]\":\"c\"}", "{\"a=b]\":\"c\"}"},
    {"a[b]=c=d", "{\"a\":{\"b\":\"c=d\"}}", "{\"a\":{\"b\":\"c=d\"}}"},
    {"%4", "{\"%4\":\"\"}", "{\"%4\":\"\"}"},
    {"%zz", "{\"%zz\":\"\"}", "{\"%zz\":\"\"}"},
    {"a=%", "{\"a\":\"%\"}", "{\"a\":\"%\"}"},
    {"a=%4", "{\"a\":\"%4\"}", "{\"a\":\"%4\"}"},
    {"a=%zz%20", "{\"a\":\"%zz%20\"}", "{\"a\":\"%zz%20\"}"},
    {"a=%E2%9C%93", "{\"a\":\"✓\"}", "{\"a\":\"✓\"}"},
    {"%E2%9C%93=%e2%9c%93", "{\"✓\":\"✓\"}", "{\"✓\":\"✓\"}"},
    {"a=%ff", "{\"a\":\"%ff\"}", "{\"a\":\"%ff\"}"},
    {"a=%C0%80", "{\"a\":\"%C0%80\"}", "{\"a\":\"%C0%80\"}"},
    {"a=%ED%A0%80", "{\"a\":\"%ED%A0%80\"}", "{\"a\":\"%ED%A0%80\"}"},
    {"a=%F4%90%80%80", "{\"a\":\"%F4%90%80%80\"}", "{\"a\":\"%F4%90%80%80\"}"},
    {"a=%EF%BF%BD", "{\"a\":\"�\"}", "{\"a\":\"�\"}"},
    {"a=%00", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\u0000\"}"},
    {"a[", "{\"a[\":\"\"}", "{\"a[\":\"\"}"},
    {"a]", "{\"a]\":\"\"}", "{\"a]\":\"\"}"},
    {"[]=x", "{\"0\":\"x\"}", "{\"0\":\"x\"}"},
    {"[0]=x", "{\"0\":\"x\"}", "{\"0\":\"x\"}"},
    {"[b]=c", "{\"b\":\"c\"}", "{\"b\":\"c\"}"},
    {"a[[b]]=c", "{\"a[\":{\"b\":\"c\"}}", "{\"a[\":{\"b\":\"c\"}}"},
    {"a[b]c=1", "{\"a\":{\"b\":\"1\"}}", "{\"a\":{\"b\":\"1\"}}"},
    {"a[b]x[c]=1", "{\"a\":{\"b\":{\"c\":\"1\"}}}", "{\"a\":{\"b\":{\"c\":\"1\"}}}"},
    {"a[b][c][d][e][f][g][h]=1",
     "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"[g][h]\":\"1\"}}}}}}}",
     "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"[g][h]\":\"1\"}}}}}}}"},
    {"a[b][c][d][e][f]=1", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":\"1\"}}}}}}",
     "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":\"1\"}}}}}}"},
    {"a[b][c][d][e][f][g]=1", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"[g]\":\"1\"}}}}}}}",
     "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"[g]\":\"1\"}}}}}}}"},
    {"a[1]=x&a[5]=y", "{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"x\",\"y\"]}"},
    {"a[20]=x", "{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}"},
    {"a[21]=x", "{\"a\":{\"21\":\"x\"}}", "{\"a\":{\"21\":\"x\"}}"},
    {"a[0]=x&a[21]=y", "{\"a\":{\"0\":\"x\",\"21\":\"y\"}}", "{\"a\":{\"0\":\"x\",\"21\":\"y\"}}"},
    {"a[01]=x", "{\"a\":{\"01\":\"x\"}}", "{\"a\":{\"01\":\"x\"}}"},
    {"a[-1]=x", "{\"a\":{\"-1\":\"x\"}}", "{\"a\":{\"-1\":\"x\"}}"},
    {"a[ 1]=x", "{\"a\":{\" 1\":\"x\"}}", "{\"a\":{\" 1\":\"x\"}}"},
    {"a[1]=x&a[0]=y", "{\"a\":[\"y\",\"x\"]}", "{\"a\":[\"y\",\"x\"]}"},
    {"a=x&a[b]=y", "{\"a\":[\"x\",{\"b\":\"y\"}]}", "{\"a\":[\"x\",{\"b\":\"y\"}]}"},
    {"a[b]=y&a=x", "{\"a\":{\"b\":\"y\",\"x\":true}}", "{\"a\":{\"b\":\"y\",\"x\":true}}"},
    {"a[]=b&a[c]=d", "{\"a\":{\"0\":\"b\",\"c\":\"d\"}}", "{\"a\":{\"0\":\"b\",\"c\":\"d\"}}"},
    {"a[0]=b&a[b]=c", "{\"a\":{\"0\":\"b\",\"b\":\"c\"}}", "{\"a\":{\"0\":\"b\",\"b\":\"c\"}}"},
    {"a[0]=x&a[b]=y&a[1]=z", "{\"a\":{\"0\":\"x\",\"1\":\"z\",\"b\":\"y\"}}",
     "{\"a\":{\"0\":\"x\",\"1\":\"z\",\"b\":\"y\"}}"},
    {"b=1&0=x", "{\"0\":\"x\",\"b\":\"1\"}", "{\"0\":\"x\",\"b\":\"1\"}"},
    {"0[]=a&0=b", "{\"0\":[\"b\",\"a\"]}", "{\"0\":[\"b\",\"a\"]}"},
    {"a[__proto__][b]=c", "{\"a\":{}}", "{\"a\":{}}"},
    {"__proto__=x", "{}", "{}"},
    {"__proto__[a]=x&b=1", "{\"b\":\"1\"}", "{\"b\":\"1\"}"},
    {"toString=x&constructor[a]=b", "{\"toString\":\"x\",\"constructor\":{\"a\":\"b\"}}",
     "{\"toString\":\"x\",\"constructor\":{\"a\":\"b\"}}"},
    {"a[][]=x", "{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}"},
    {"a[][b]=c&a[][d]=e", "{\"a\":[{\"b\":\"c\",\"d\":\"e\"}]}",
     "{\"a\":[{\"b\":\"c\",\"d\":\"e\"}]}"},
    {"a[1][b]=x&a[1][c]=y", "{\"a\":[{\"b\":\"x\",\"c\":\"y\"}]}",
     "{\"a\":[{\"b\":\"x\",\"c\":\"y\"}]}"},
    {"a[][3]=x", "{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}"},
    {"a=x&a[]=y", "{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"x\",\"y\"]}"},
    {"a[]=y&a=x", "{\"a\":[\"y\",\"x\"]}", "{\"a\":[\"y\",\"x\"]}"},
    {"a=x&a=y&a[]=z&a[0]=w", "{\"a\":[\"x\",\"y\",\"z\",\"w\"]}",
     "{\"a\":[\"x\",\"y\",\"z\",\"w\"]}"},
    {"a[b]=x&a[b][c]=y", "{\"a\":{\"b\":[\"x\",{\"c\":\"y\"}]}}",
     "{\"a\":{\"b\":[\"x\",{\"c\":\"y\"}]}}"},
    {"a[b][c]=y&a[b]=x", "{\"a\":{\"b\":{\"c\":\"y\",\"x\":true}}}",
     "{\"a\":{\"b\":{\"c\":\"y\",\"x\":true}}}"},
    {"a[b]=x&a[b]x=", "{\"a\":{\"b\":\"x\"}}", "{\"a\":{\"b\":\"x\"}}"},
    {"a=&a[b]=c", "{\"a\":[\"\",{\"b\":\"c\"}]}", "{\"a\":[\"\",{\"b\":\"c\"}]}"},
    {"a[b]=c&a=", "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"c\"}}"},
    {"a[0]=&a[1]=x", "{\"a\":[\"\",\"x\"]}", "{\"a\":[\"\",\"x\"]}"},
    {"a+b=c+d", "{\"a b\":\"c d\"}", "{\"a b\":\"c d\"}"},
    {"a%2Bb=c%2Bd", "{\"a+b\":\"c+d\"}", "{\"a+b\":\"c+d\"}"},
    {"a%5Bb%5D=c", "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"c\"}}"},
    {"a%5bb%5d=c", "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"c\"}}"},
    {"a%255B=c", "{\"a%5B\":\"c\"}", "{\"a%5B\":\"c\"}"},
    {"a[%5B]=c", "{\"a[\":[\"c\"]}", "{\"a[\":[\"c\"]}"},
    {"x=1&x[0]=2&x[1]=3", "{\"x\":[\"1\",\"2\",\"3\"]}", "{\"x\":[\"1\",\"2\",\"3\"]}"},
    {"x[0]=2&x=1&x[1]=3", "{\"x\":[\"2\",\"1\",\"3\"]}", "{\"x\":[\"2\",\"1\",\"3\"]}"},
    {"x[1]=2&x[b]=1&x[0]=3", "{\"x\":{\"0\":\"3\",\"1\":\"2\",\"b\":\"1\"}}",
     "{\"x\":{\"0\":\"3\",\"1\":\"2\",\"b\":\"1\"}}"},
    {"x[0][a]=1&x[0][b]=2&x[1]=3", "{\"x\":[{\"a\":\"1\",\"b\":\"2\"},\"3\"]}",
     "{\"x\":[{\"a\":\"1\",\"b\":\"2\"},\"3\"]}"},
    {"x[0]=1&x[0][b]=2", "{\"x\":[\"1\",{\"b\":\"2\"}]}", "{\"x\":[\"1\",{\"b\":\"2\"}]}"},
    {"x[0][b]=2&x[0]=1", "{\"x\":[{\"b\":\"2\"},\"1\"]}", "{\"x\":[{\"b\":\"2\"},\"1\"]}"},
    {"x[]=1&x[]=2&x[0]=3", "{\"x\":[\"1\",\"2\",\"3\"]}", "{\"x\":[\"1\",\"2\",\"3\"]}"},
    {"x[0]=1&x[]=2", "{\"x\":[\"1\",\"2\"]}", "{\"x\":[\"1\",\"2\"]}"},
    {"x[5]=a&x[]=b", "{\"x\":[\"b\",\"a\"]}", "{\"x\":[\"b\",\"a\"]}"},
    {"x[10]=a&x[2]=b&x[]=c", "{\"x\":[\"c\",\"b\",\"a\"]}", "{\"x\":[\"c\",\"b\",\"a\"]}"},
    {"fields=+x&fields=-y", "{\"fields\":[\" x\",\"-y\"]}", "{\"fields\":[\" x\",\"-y\"]}"},
    {"a[b][]=1&a[b][]=2&a[c]=3", "{\"a\":{\"b\":[\"1\",\"2\"],\"c\":\"3\"}}",
     "{\"a\":{\"b\":[\"1\",\"2\"],\"c\":\"3\"}}"},
    {"a[b]=1&a=2&a=3", "{\"a\":{\"0\":\"2\",\"1\":\"3\",\"b\":\"1\"}}",
     "{\"a\":{\"0\":\"2\",\"1\":\"3\",\"b\":\"1\"}}"},
    {"a=1&a=2&a[b]=3", "{\"a\":{\"0\":\"1\",\"1\":\"2\",\"b\":\"3\"}}",
     "{\"a\":{\"0\":\"1\",\"1\":\"2\",\"b\":\"3\"}}"},
    {"a[b]=1&a[]=2", "{\"a\":{\"0\":\"2\",\"b\":\"1\"}}", "{\"a\":{\"0\":\"2\",\"b\":\"1\"}}"},
    {"a[]=2&a[b]=1&a[]=3", "{\"a\":{\"0\":\"2\",\"1\":\"3\",\"b\":\"1\"}}",
     "{\"a\":{\"0\":\"2\",\"1\":\"3\",\"b\":\"1\"}}"},
    {"a[0]=0&a[21]=21&a[1]=1", "{\"a\":{\"0\":\"0\",\"1\":\"1\",\"21\":\"21\"}}",
     "{\"a\":{\"0\":\"0\",\"1\":\"1\",\"21\":\"21\"}}"},
    {"a[21]=x&a[0]=y", "{\"a\":{\"0\":\"y\",\"21\":\"x\"}}", "{\"a\":{\"0\":\"y\",\"21\":\"x\"}}"},
    {"a[21]=x&a[]=y", "{\"a\":{\"0\":\"y\",\"21\":\"x\"}}", "{\"a\":{\"0\":\"y\",\"21\":\"x\"}}"},
    {"a[b]=c&a[0]=d", "{\"a\":{\"0\":\"d\",\"b\":\"c\"}}", "{\"a\":{\"0\":\"d\",\"b\":\"c\"}}"},
    {"q=%F0%9F%98%80", "{\"q\":\"😀\"}", "{\"q\":\"😀\"}"},
    {"q=%f0%9f%98", "{\"q\":\"%f0%9f%98\"}", "{\"q\":\"%f0%9f%98\"}"},
    {"k%zz=1&k%zz=2", "{\"k%zz\":[\"1\",\"2\"]}", "{\"k%zz\":[\"1\",\"2\"]}"},
    {"a[b]=1&a[b]=2", "{\"a\":{\"b\":[\"1\",\"2\"]}}", "{\"a\":{\"b\":[\"1\",\"2\"]}}"},
    {"a[b][]=1&a[b]=2", "{\"a\":{\"b\":[\"1\",\"2\"]}}", "{\"a\":{\"b\":[\"1\",\"2\"]}}"},
    {"1=a&0=b&10=c&2=d&x=e&4294967294=f&4294967295=g",
     "{\"0\":\"b\",\"1\":\"a\",\"2\":\"d\",\"10\":\"c\",\"4294967294\":\"f\",\"x\":\"e\","
     "\"4294967295\":\"g\"}",
     "{\"0\":\"b\",\"1\":\"a\",\"2\":\"d\",\"10\":\"c\",\"4294967294\":\"f\",\"x\":\"e\","
     "\"4294967295\":\"g\"}"},
    {"a[4294967294]=x&a[10]=y&a[3]=z&a[b]=w",
     "{\"a\":{\"3\":\"z\",\"10\":\"y\",\"4294967294\":\"x\",\"b\":\"w\"}}",
     "{\"a\":{\"3\":\"z\",\"10\":\"y\",\"4294967294\":\"x\",\"b\":\"w\"}}"},
    {"a[0]=1&a=2&a[b][c]=3&a[b][d]=4",
     "{\"a\":{\"0\":\"1\",\"1\":\"2\",\"b\":{\"c\":\"3\",\"d\":\"4\"}}}",
     "{\"a\":{\"0\":\"1\",\"1\":\"2\",\"b\":{\"c\":\"3\",\"d\":\"4\"}}}"},
    {"a[b][c]=1&a[b]=2&a[b]=3", "{\"a\":{\"b\":{\"0\":\"2\",\"1\":\"3\",\"c\":\"1\"}}}",
     "{\"a\":{\"b\":{\"0\":\"2\",\"1\":\"3\",\"c\":\"1\"}}}"},
    {"z[b]=1&z=c&z=b", "{\"z\":{\"0\":\"c\",\"1\":\"b\",\"b\":\"1\"}}",
     "{\"z\":{\"0\":\"c\",\"1\":\"b\",\"b\":\"1\"}}"},
    {"z[b]=1&z=b", "{\"z\":{\"b\":true}}", "{\"z\":{\"b\":true}}"},
};

static char *dump(struct json_object *j)
{
    const char *s =
        json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    memcpy(copy, s, n + 1);
    return copy;
}

/* qs_parse + dump, or "ERR <reason>". */
static char *parse_dump(const char *q, size_t len, const struct qs_limits *lim, int normalize)
{
    char err[128], *out;
    struct json_object *j = qs_parse(q, len, lim, err, sizeof(err));
    if (!j) {
        out = malloc(strlen(err) + 5);
        memcpy(out, "ERR ", 4);
        memcpy(out + 4, err, strlen(err) + 1);
        return out;
    }
    if (normalize)
        qs_normalize(j);
    out = dump(j);
    json_object_put(j);
    return out;
}

static void check(const char *q, size_t len, const struct qs_limits *lim, const char *want,
                  const char *name)
{
    char *got = parse_dump(q, len, lim, 0);
    is_str(got, want, name);
    free(got);
}

static void test_table(void)
{
    size_t i;
    char name[256];
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = parse_dump(cases[i].query, strlen(cases[i].query), NULL, 0);
        snprintf(name, sizeof(name), "qs: %s", cases[i].query);
        is_str(got, cases[i].want, name);
        free(got);
        got = parse_dump(cases[i].query, strlen(cases[i].query), NULL, 1);
        snprintf(name, sizeof(name), "normalised: %s", cases[i].query);
        is_str(got, cases[i].norm, name);
        free(got);
    }
}

static void test_empty_and_slices(void)
{
    char err[64] = "x";
    struct json_object *j = qs_parse(NULL, 0, NULL, err, sizeof(err));
    ok(j && json_object_object_length(j) == 0, "NULL/0 gives an empty object");
    is_str(err, "", "err is cleared on success");
    json_object_put(j);
    check("", 0, NULL, "{}", "empty string gives {}");
    check("%", 1, NULL, "{\"%\":\"\"}", "lone % is a key");
    /* not NUL-terminated: only len bytes are read */
    check("a=1&b=2", 3, NULL, "{\"a\":\"1\"}", "len bounds the input");
    check("a=b\0c", 5, NULL, "{\"a\":\"b\\u0000c\"}", "a raw NUL stays inside a value");
    check("a=%00", 5, NULL, "{\"a\":\"\\u0000\"}", "%00 in a value is kept");
    check("k%00=1", 6, NULL, "ERR query key contains a NUL byte", "%00 in a key is refused");
    check("a[b]=1&a=%00", 12, NULL, "ERR query key contains a NUL byte",
          "a NUL value made into a key (a[b]=..&a=v) is refused");
    check("a=\xff", 3, NULL, "ERR query string is not valid UTF-8", "raw invalid UTF-8 refused");
    check("a=\xc3\xa9", 4, NULL, "{\"a\":\"\xc3\xa9\"}", "raw UTF-8 passes through");
    check("a=%ff", 5, NULL, "{\"a\":\"%ff\"}",
          "%ff is kept literally, as decodeURIComponent throws");
    check("a=%E9t%C3%A9", 12, NULL, "{\"a\":\"%E9t%C3%A9\"}",
          "one bad escape keeps the whole value undecoded");
}

static void test_limits(void)
{
    struct qs_limits lim = {3, 5, 10};
    char *big = malloc(20000), err[128];
    size_t i, n = 0;
    struct json_object *j;

    check("a=1&b=2&c=3", 11, &lim, "ERR query string longer than 10 bytes", "max_len");
    check("a&b&c", 5, &lim, "{\"a\":\"\",\"b\":\"\",\"c\":\"\"}", "max_params reached");
    check("a&b&c&", 6, &lim, "ERR query string has more than 3 parameters",
          "max_params exceeded (empty parts count, as in qs's split)");

    for (i = 0; i < 2000; i++)
        n += (size_t)snprintf(big + n, 20000 - n, "%sp%zu=1", i ? "&" : "", i % 1000);
    check(big, n, NULL, "ERR query string has more than 1000 parameters", "2000 params refused");
    for (i = 0, n = 0; i < 1000; i++)
        n += (size_t)snprintf(big + n, 20000 - n, "%sa[]=%zu", i ? "&" : "", i);
    j = qs_parse(big, n, NULL, err, sizeof(err));
    ok(j && json_object_array_length(json_object_object_get(j, "a")) == 1000,
       "1000 a[]= make one array of 1000");
    json_object_put(j);

    memset(big, 'a', 16385);
    check(big, 16385, NULL, "ERR query string longer than 16384 bytes", "default max_len");
    /* deep nesting: 2000 bracket pairs, kept as a literal remainder after depth 5 */
    n = 0;
    big[n++] = 'a';
    for (i = 0; i < 2000; i++) {
        big[n++] = '[';
        big[n++] = 'b';
        big[n++] = ']';
    }
    big[n++] = '=';
    big[n++] = '1';
    j = qs_parse(big, n, NULL, err, sizeof(err));
    ok(j != NULL, "2000 levels parse");
    if (j) {
        struct json_object *v = j;
        int depth = 0;
        while (json_object_is_type(v, json_type_object) && json_object_object_length(v) == 1) {
            struct json_object_iterator it = json_object_iter_begin(v);
            v = json_object_iter_peek_value(&it);
            depth++;
        }
        is_int(depth, 7, "depth 5: parent, five levels, one remainder key");
        json_object_put(j);
    }
    /* 1500 "[]": no parent, five "[]" levels (arrays), the rest one key; qs gives the same */
    for (i = 0, n = 0; i < 3000; i++)
        big[n++] = i % 2 ? ']' : '[';
    {
        char *want = malloc(3100), *got;
        snprintf(want, 3100, "{\"0\":{\"%.*s\":\"\"}}", 2990, big + 10);
        got = parse_dump(big, n, NULL, 0);
        is_str(got, want, "[][][]... x1500 as qs: {\"0\":{\"[][]...\":\"\"}}");
        free(got);
        free(want);
    }
    for (i = 0, n = 0; i < 5000; i++)
        big[n++] = i < 2500 ? '[' : ']';
    big[n++] = '=';
    j = qs_parse(big, n, NULL, err, sizeof(err));
    ok(j != NULL, "[[[[...]]]] parses");
    json_object_put(j);

    lim = (struct qs_limits){0, 0, 0};
    check("a[b][c]=1", 9, &lim, "{\"a[b][c]\":\"1\"}", "depth 0: brackets are literal");
    lim.max_depth = 1;
    check("a[b][c]=1", 9, &lim, "{\"a\":{\"b\":{\"[c]\":\"1\"}}}", "depth 1: remainder key");
    free(big);
}

static void test_decode(void)
{
    char buf[64];
    size_t n;
    struct {
        const char *in, *want;
        int plus;
    } d[] = {
        {"a%20b", "a b", 0},   {"a+b", "a+b", 0},
        {"a+b", "a b", 1},     {"%", "%", 1},
        {"%4", "%4", 1},       {"%zz", "%zz", 1},
        {"%4g%41", "%4gA", 1}, {"%e2%9c%93", "\xe2\x9c\x93", 0},
        {"%ff", "\xff", 0},    {"100%", "100%", 0},
        {"%%41", "%A", 0},     {"", "", 1},
    };
    size_t i;
    for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        n = qs_decode(buf, d[i].in, strlen(d[i].in), d[i].plus);
        buf[n] = '\0';
        ok(n == strlen(d[i].want) && memcmp(buf, d[i].want, n) == 0, "qs_decode %s (plus %d)",
           d[i].in, d[i].plus);
    }
    memcpy(buf, "x%41%42+", 9);
    n = qs_decode(buf, buf, 8, 1);
    ok(n == 4 && memcmp(buf, "xAB ", 4) == 0, "qs_decode in place");
    n = qs_decode(buf, "%00", 3, 0);
    ok(n == 1 && buf[0] == '\0', "qs_decode %%00 gives one NUL byte");
}

static void test_normalize(void)
{
    struct json_object *j = json_tokener_parse(
        "{\"a\":[\"x,y\"],\"b\":[\"\"],\"c\":\"p,q\",\"d\":[\"1\",\"2\"],\"e\":[{\"k\":\"v\"}],"
        "\"f\":[\",\"],\"g\":{\"h\":[\"i,j\"]},\"k\":[true]}");
    char *got;
    qs_normalize(j);
    got = dump(j);
    is_str(got,
           "{\"a\":[\"x\",\"y\"],\"b\":[\"\"],\"c\":\"p,q\",\"d\":[\"1\",\"2\"],"
           "\"e\":[{\"k\":\"v\"}],\"f\":[\"\",\"\"],\"g\":{\"h\":[\"i,j\"]},\"k\":[true]}",
           "normalise: one-string arrays split, top level only, key order kept");
    free(got);
    json_object_put(j);
    qs_normalize(NULL);
    ok(1, "normalise NULL is a no-op");
}

int main(void)
{
    test_table();
    test_empty_and_slices();
    test_limits();
    test_decode();
    test_normalize();
    return done_testing();
}
