#!/bin/sh
# test-layers.sh: the layer check checked (TAP). A small clean tree passes tests/lint/layers.sh;
# each planted violation makes exactly the rule that owns it fail; a listed exception passes and
# a stale one fails. Runs on temporary trees, never on the source.
set -u
here=$(cd "$(dirname "$0")" && pwd)
layers="$here/layers.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

# A tree with one clean module per layer, each including only what its layer may.
clean_tree() {
    rm -rf "$tmp/t"
    mkdir -p "$tmp/t/src/core" "$tmp/t/src/net" "$tmp/t/src/db" "$tmp/t/src/pay" \
        "$tmp/t/src/domain" "$tmp/t/src/http" "$tmp/t/src/front" "$tmp/t/src/store" \
        "$tmp/t/src/admin"
    mod() { # dir/name, then the headers its .c includes
        m=$1
        shift
        printf '/* %s.h */\nint %s_f(void);\n' "$m" "$(basename "$m")" >"$tmp/t/src/$m.h"
        {
            printf '/* %s.c: a module. Never says "SELECT x WHERE id = ?" outside a string. */\n' "$m"
            printf '#include "%s.h"\n' "$m"
            for h in "$@"; do printf '#include "%s.h"\n' "$h"; done
            printf 'static const char msg[] = "Cart with %%s was not found";\n'
            # A quote as a character constant opens no string.
            printf 'int %s_f(void) { return msg[0] == \047"\047 ? 0 : 1; }\n' "$(basename "$m")"
        } >"$tmp/t/src/$m.c"
    }
    mod core/arena
    mod net/https core/arena
    mod db/db core/arena
    mod pay/stripe core/arena net/https db/db
    mod domain/cart core/arena db/db pay/stripe
    mod http/req core/arena
    mod http/resp core/arena http/req
    mod front/validate http/req domain/cart db/db
    mod store/carts front/validate http/resp domain/cart
    mod admin/orders front/validate http/resp db/db
    printf '#include "http/req.h"\n#include "store/carts.h"\n#include "db/db.h"\n' \
        >"$tmp/t/src/request.c"
    printf '#include <sqlite3.h>\nint db_q(void) { return sqlite3_exec(0, "SELECT 1", 0, 0, 0); }\n' \
        >"$tmp/t/src/db/q.c"
}

# expect NAME WANT [RULE...]: runs the check on $tmp/t; WANT "pass" or "fail"; with fail, each RULE
# is a piece of the name of a check that must fail, and no other check may.
expect() {
    n=$((n + 1))
    out=$(SRCDIR="$tmp/t" LAYERS_KNOWN="$tmp/t/known.txt" LAYERS_OWNERS="$tmp/t/owners.txt" \
        sh "$layers" 2>&1)
    rc=$?
    failed=$(printf '%s\n' "$out" | grep '^not ok')
    ok=1
    name=$1
    if [ "$2" = pass ]; then
        [ $rc -eq 0 ] && [ -z "$failed" ] || ok=0
    else
        shift 2
        [ $rc -ne 0 ] && [ "$(printf '%s\n' "$failed" | wc -l)" -eq $# ] || ok=0
        for rule in "$@"; do
            printf '%s\n' "$failed" | grep -q -- "$rule" || ok=0
        done
    fi
    if [ $ok = 1 ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        printf '%s\n' "$out" | sed 's/^/# /'
        fail=1
    fi
}

clean_tree
expect "a clean tree passes" pass

clean_tree
echo '#include "domain/cart.h"' >>"$tmp/t/src/db/db.c"
expect "db including domain fails (and closes a cycle)" fail "includes go down only" \
    "no include cycle"

clean_tree
echo '#include "store/carts.h"' >>"$tmp/t/src/admin/orders.c"
expect "admin including store fails" fail "includes go down only"

clean_tree
echo '#include "db/db.h"' >>"$tmp/t/src/http/resp.c"
expect "http including db fails" fail "includes go down only"

clean_tree
echo '#include "front/validate.h"' >>"$tmp/t/src/http/req.c"
expect "http including front fails (and closes a cycle)" fail "includes go down only" \
    "no include cycle"

clean_tree
echo '#include "request.h"' >>"$tmp/t/src/store/carts.c"
expect "a layer including a src/ header fails" fail "includes go down only"

clean_tree
mkdir "$tmp/t/src/util" && cp "$tmp/t/src/core/arena.c" "$tmp/t/src/util/x.c"
expect "a directory in no layer fails" fail "includes go down only"

clean_tree
echo '#include "http/resp.h"' >>"$tmp/t/src/http/req.h"
expect "an include cycle between two modules fails" fail "no include cycle"

clean_tree
echo '#include "front/validate.h"' >>"$tmp/t/src/store/carts.h"
echo '#include "store/carts.h"' >>"$tmp/t/src/store/x.c"
echo '#include "store/x.h"' >>"$tmp/t/src/front/validate.c"
expect "a cycle across layers fails (and its upward include)" fail "includes go down only" \
    "no include cycle"

clean_tree
printf 'struct req;\nint cart_answer(struct req *r);\n' >>"$tmp/t/src/domain/cart.h"
expect "struct req in the domain fails" fail "no request or response below"

clean_tree
printf 'int f(void *r) { return resp_json(r, 200, 0); }\n' >>"$tmp/t/src/db/db.c"
expect "a response written in db fails" fail "no request or response below"

clean_tree
printf 'static const char *q = "SELECT id FROM cart";\n' >>"$tmp/t/src/store/carts.c"
expect "a SELECT in a store string fails" fail "no SQL text"

clean_tree
printf 'static const char *w =\n    "%%c.id = ?";\n' >>"$tmp/t/src/admin/orders.c"
expect "a graph filter fragment in admin fails" fail "no SQL text"

clean_tree
printf 'static const char *o = "x" "UPDATE cart SET email = ?1";\n' >>"$tmp/t/src/domain/cart.c"
expect "an UPDATE in a domain string fails" fail "no SQL text"

clean_tree
printf '/* "DELETE FROM cart WHERE id = ?" in a comment,\n * "SELECT" across lines */\n' \
    >>"$tmp/t/src/domain/cart.c"
expect "SQL in comments passes" pass

clean_tree
printf 'int x(void) { return sqlite3_changes(0); }\n' >>"$tmp/t/src/domain/cart.c"
expect "sqlite3_ outside db fails" fail "sqlite3 only in src/db"

clean_tree
printf 'void y(char *d) { strcpy(d, "x"); }\n' >>"$tmp/t/src/core/arena.c"
expect "a banned function fails" fail "no banned functions"

clean_tree
printf 'static const char *q = "SELECT id FROM cart";\n' >>"$tmp/t/src/store/carts.c"
printf '# why\nsql src/store/carts.c\n' >"$tmp/t/known.txt"
expect "a listed exception passes" pass

clean_tree
printf 'sql src/store/carts.c\n' >"$tmp/t/known.txt"
expect "a stale exception fails" fail "no SQL text"

clean_tree
printf 'int g(void)\n{\n    return db_commit(0);\n}\n' >>"$tmp/t/src/admin/orders.c"
expect "a commit outside src/db fails" fail "transactions open and close only"

clean_tree
printf 'int store_carts_add(void *r)\n{\n    return db_tx(0, h, r);\n}\n' \
    >>"$tmp/t/src/store/carts.c"
expect "db_tx in an unlisted handler fails" fail "db_tx only in"

clean_tree
printf 'int store_carts_add(void *r)\n{\n    return db_tx(0, h, r);\n}\n' \
    >>"$tmp/t/src/store/carts.c"
printf 'int run(void *r)\n{\n    return db_tx(0, h, r);\n}\n' >>"$tmp/t/src/request.c"
printf 'tx-owner src/store/carts.c:store_carts_add\n' >"$tmp/t/owners.txt"
expect "db_tx in a listed handler and in the request flow passes" pass

clean_tree
printf 'int store_carts_add(void *r)\n{\n    return db_tx(0, h, r);\n}\n' \
    >>"$tmp/t/src/store/carts.c"
printf 'tx-owner src/store/carts.c:store_carts_add\n' >"$tmp/t/owners.txt"
printf 'ROUTE("POST", "/store/carts", store_carts_add, F_BODY | F_WRITE)\n' \
    >"$tmp/t/src/http/routes.def"
expect "a listed owner on an F_WRITE route fails" fail "no listed owner is an F_WRITE"

echo "1..$n"
exit $fail
