#!/bin/sh
# layers.sh: the include rules of STYLE.md §1/§6/§12 and the banned functions of §9, as a TAP test.
# Layers only call down: core knows nothing above it; <sqlite3.h> and sqlite3_ only in src/db/;
# <fcgiapp.h> only in src/http/fcgi.c; domain/ never sees sqlite, fcgi or struct req.
set -u
cd "${SRCDIR:-$(dirname "$0")/../..}" || exit 1
n=0
fail=0
check() { # name, command producing offending lines
    n=$((n + 1))
    out=$(sh -c "$2" 2>/dev/null)
    if [ -n "$out" ]; then
        echo "not ok $n - $1"
        echo "$out" | sed 's/^/# /'
        fail=1
    else
        echo "ok $n - $1"
    fi
}
check "sqlite3 only in src/db" "grep -rlnE '#include <sqlite3.h>|sqlite3_[a-z]+\\(' src | grep -v '^src/db/'"
check "fcgiapp.h only in src/http/fcgi.c" "grep -rln '#include <fcgiapp.h>' src | grep -v '^src/http/fcgi.c$'"
check "curl.h only in src/net/https.c" "grep -rlI --include='*.[ch]' '#include <curl/curl.h>\\|curl_easy_' src | grep -v '^src/net/https.c$'"
check "net includes only core and net" "grep -rn '#include \"\\(http\\|db\\|store\\|domain\\|admin\\|pay\\)/' src/net"
check "pay includes only core, net and db/db.h" "grep -rn '#include \"\\(http\\|store\\|domain\\|admin\\|db\\)/' src/pay | grep -v '#include \"db/db.h\"'"
check "core includes nothing above it" "grep -rn '#include \"\\(http\\|db\\|store\\|domain\\|admin\\|pay\\|net\\)/' src/core"
check "db does not include http, store, domain, pay or net" "grep -rn '#include \"\\(http\\|store\\|domain\\|admin\\|pay\\|net\\)/' src/db"
check "domain does not include http, store or net" "grep -rn '#include \"\\(http\\|store\\|admin\\|net\\)/\\|sqlite3.h\\|fcgiapp.h' src/domain 2>/dev/null"
check "no banned functions" "grep -rnE '\\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gmtime|localtime)\\(' src tests/unit | grep -vE '^[^:]+:[0-9]+: *(/\\*|\\*)'"
check "json_object_get only in core/json.c" "grep -rn 'json_object_get(' src | grep -v '^src/core/json.c'"
echo "1..$n"
exit $fail
