/* test_csv.c: core/csv.c on what spreadsheets and Medusa's export write (';' and ',' files,
 * quoted cells with delimiters, quotes and line breaks, CRLF, a BOM), Papa Parse's delimiter
 * guess, the line numbers errors cite, and the export's cell quoting. */
#include "core/csv.h"
#include "tap.h"

#include <string.h>

static struct arena a;

static int parse(const char *s, char delim, struct csv *out, char *err)
{
    return csv_parse(&a, s, strlen(s), delim, 1000, out, err, 128);
}

static void test_read(void)
{
    struct csv c;
    char err[128];
    int rc = parse("\xEF\xBB\xBFProduct Id;Product Handle;Product Title\r\n"
                   ";mug;\"Mug; large\"\r\n"
                   "\r\n"
                   "prod_1;shirt;\"Say \"\"hi\"\"\nand bye\"\r\n"
                   ";last;\r\n",
                   0, &c, err);
    is_int(rc, 0, "read: Medusa's export shape parses");
    is_int(c.delim, ';', "read: ';' guessed");
    is_int(c.nrows, 4, "read: header, three rows (the empty line skipped)");
    if (c.nrows != 4)
        return;
    is_str(c.rows[0].f[0], "Product Id", "read: the BOM is dropped");
    is_int(c.rows[1].n, 3, "read: three fields");
    is_str(c.rows[1].f[0], "", "read: an empty first cell");
    is_str(c.rows[1].f[2], "Mug; large", "read: a quoted delimiter");
    is_str(c.rows[2].f[2], "Say \"hi\"\nand bye", "read: doubled quotes and a line break");
    is_int(c.rows[2].line, 4, "read: line numbers count the file's lines");
    is_int(c.rows[3].line, 6, "read: a quoted line break counts as a line");
    is_int(c.rows[3].n, 3, "read: a trailing empty cell");
    is_str(c.rows[3].f[2], "", "read: it is empty");

    rc = parse("a,b,c\n1,2,3\n4,5,6", 0, &c, err);
    ok(rc == 0 && c.delim == ',' && c.nrows == 3 && !strcmp(c.rows[2].f[2], "6"),
       "read: ',' guessed, no final line break");
    rc = parse("a\tb\n1\t2\n", 0, &c, err);
    ok(rc == 0 && c.delim == '\t', "read: tab guessed");
    /* Papa keeps the ',' when every candidate gives a single column. */
    rc = parse("single\nvalue\n", 0, &c, err);
    ok(rc == 0 && c.delim == ',' && c.nrows == 2, "read: one column");
    /* Commas inside ';' rows: the consistent, wider split wins. */
    rc = parse("a;b;c\nx,y;1;2\nz;3,5;4\n", 0, &c, err);
    ok(rc == 0 && c.delim == ';', "read: ';' beats stray commas");
    rc = parse("a;b\r1;2\r", ';', &c, err);
    ok(rc == 0 && c.nrows == 2 && !strcmp(c.rows[1].f[1], "2") && c.rows[1].line == 2,
       "read: CR line breaks");
    rc = parse("a;\"b\"x;c\n", ';', &c, err);
    ok(rc == 0 && !strcmp(c.rows[0].f[1], "bx"), "read: text after a closing quote is kept");
    rc = parse("", 0, &c, err);
    ok(rc == 0 && c.nrows == 0, "read: an empty file has no rows");
}

static void test_errors(void)
{
    struct csv c;
    char err[128];
    int rc = parse("a;b\n1;\"open\n2;3\n", 0, &c, err);
    ok(rc == -1 && strstr(err, "line 2"), "errors: unterminated quote names its line (%s)", err);
    rc = csv_parse(&a, "a\0b", 3, ';', 1000, &c, err, sizeof(err));
    ok(rc == -1 && strstr(err, "NUL"), "errors: a NUL byte");
    rc = csv_parse(&a, "h\n1\n2\n3\n", 8, ';', 3, &c, err, sizeof(err));
    ok(rc == -1 && strstr(err, "more than 3 rows"), "errors: the row limit");
}

static void test_write(void)
{
    struct sbuf b = SBUF_INIT;
    csv_write_field(&b, "plain");
    sbuf_addc(&b, '|');
    csv_write_field(&b, "a;b");
    sbuf_addc(&b, '|');
    csv_write_field(&b, "say \"x\", y");
    sbuf_addc(&b, '|');
    csv_write_field(&b, "two\nlines");
    sbuf_addc(&b, '|');
    csv_write_field(&b, "");
    is_str(b.buf, "plain|\"a;b\"|\"say \"\"x\"\", y\"|\"two\nlines\"|", "write: Medusa's quoting");
    sbuf_release(&b);
}

int main(void)
{
    arena_init(&a);
    test_read();
    test_errors();
    test_write();
    arena_release(&a);
    return done_testing();
}
