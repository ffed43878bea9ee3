#!/bin/sh
# run.sh ARTIFACTS: `make check-admin-ui`. Walks Medusa's admin dashboard (admin-ui/www, built by
# `make admin-ui`) in Debian's chromium against a fresh stack (tests/stack.sh: the shipped nginx
# config with /app and /uploads, the pool and its job runner, the demo store). puppeteer-core
# comes from npm (tests/browser/package-lock.json), installed once per lockfile hash into
# $MEDUSA_BROWSER_CACHE (default ~/.cache/medusa-fcgi/browser); nothing downloads a browser.
# Screenshots, walk.json, unserved.txt and the stack's logs are left in ARTIFACTS.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
export MEDUSA_SRCDIR MEDUSA_BIN
artifacts=$(mkdir -p "${1:?usage: run.sh ARTIFACTS}" && cd "$1" && pwd)
here="$MEDUSA_SRCDIR/tests/browser"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "check-admin-ui: $chromium is missing (apt-get install chromium)" >&2; exit 2; }
command -v node >/dev/null || { echo "check-admin-ui: node/npm are missing (apt-get install npm)" >&2; exit 2; }
[ -f "$MEDUSA_ADMIN_UI/app/index.html" ] || { echo "check-admin-ui: no dashboard in $MEDUSA_ADMIN_UI (make admin-ui)" >&2; exit 2; }

key=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)
cache=${MEDUSA_BROWSER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/medusa-fcgi/browser}/$key
if [ ! -d "$cache/node_modules/puppeteer-core" ]; then
    mkdir -p "$cache"
    cp "$here/package.json" "$here/package-lock.json" "$cache/"
    # PUPPETEER_SKIP_DOWNLOAD: puppeteer-core never downloads, this says it twice.
    (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2
fi

rm -rf "$artifacts/stack" "$artifacts"/*.png "$artifacts/walk.json" "$artifacts/unserved.txt"
mkdir -p "$artifacts/stack"
export MEDUSA_DATABASE="$artifacts/stack/medusa.db"
"$MEDUSA_BIN" migrate >/dev/null 2>&1
"$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
unset MEDUSA_DATABASE
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$MEDUSA_SRCDIR/tests/stack.sh" start "$artifacts/stack" "$port" 2
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$artifacts/stack"' EXIT INT TERM
"$MEDUSA_BIN" routes > "$artifacts/stack/routes.txt"
# The endpoints the dashboard calls that this build does not serve (issue 14's areas, then the
# order back office): ARTIFACTS/unserved.txt, its count line here.
python3 "$here/endpoints.py" "$artifacts/stack/routes.txt" > "$artifacts/unserved.txt"
echo "# check-admin-ui: $(tail -1 "$artifacts/unserved.txt")"
start=$(date +%s)
rc=0
MEDUSA_DATABASE="$artifacts/stack/medusa.db" NODE_PATH="$cache/node_modules" CHROMIUM="$chromium" node "$here/walk.js" "http://127.0.0.1:$port" \
    "$artifacts" "$artifacts/stack/routes.txt" "$MEDUSA_SRCDIR/tests/fixtures" || rc=$?
echo "# check-admin-ui: walk took $(($(date +%s) - start)) s"
exit $rc
