#!/bin/sh
# demo.sh (make demo): a fresh database with the demo store, served through the shipped nginx
# config on http://127.0.0.1:${DEMO_PORT:-8080} until Ctrl-C, with Medusa's admin dashboard at
# /app when npm is there to build it (admin-ui/build.sh: minutes the first time, then cached).
# Without npm (or with DEMO_ADMIN_UI=0) the API is served all the same and /app is a 404.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
: "${MEDUSA_ADMIN_UI:=$(cd "$(dirname "$MEDUSA_BIN")/.." && pwd)/admin-ui/www}"
export MEDUSA_SRCDIR MEDUSA_BIN MEDUSA_ADMIN_UI
export MEDUSA_ENV=development
port="${DEMO_PORT:-8080}"
dir="${DEMO_DIR:-$(mktemp -d /tmp/medusa-demo.XXXXXX)}"
mkdir -p "$dir"
rm -f "$dir"/medusa.db*
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" migrate
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json"
admin="the admin dashboard is not built"
if [ "${DEMO_ADMIN_UI:-1}" != 0 ]; then
    if sh "$MEDUSA_SRCDIR/admin-ui/build.sh" "$MEDUSA_ADMIN_UI"; then
        admin="admin dashboard: http://127.0.0.1:$port/app (admin@medusa-test.com / supersecret)"
    else
        admin="the admin dashboard could not be built (it needs npm); the API is served all the same"
    fi
fi
# The seed's image URLs say "localhost", which may resolve to ::1 first: listen there too.
if grep -q '^0\{31\}1 ' /proc/net/if_inet6 2>/dev/null; then
    export STACK_LISTEN_V6=1
fi
"$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port"
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; exit 0' INT TERM
echo "medusa-fcgi demo store: http://127.0.0.1:$port/store/products (data in $dir; Ctrl-C stops)"
echo "$admin"
while kill -0 "$(cat "$dir/medusa.pid")" 2>/dev/null; do
    sleep 1
done
echo "the worker pool stopped; see $dir/medusa.log" >&2
"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"
exit 1
