#!/bin/sh
# check-double.sh: the Stripe test double (double.py) against the official `stripe` npm library
# (check-double.js), as a TAP test of make check. stripe-node 11.18.0 (package-lock.json) is
# installed once with npm ci into a cache directory keyed by the lock file's hash
# (${XDG_CACHE_HOME:-~/.cache}/medusa-fcgi/stripe-node-HASH); without node and npm, or when npm
# cannot fetch it (offline), the test is skipped (exit 77, Automake's SKIP) and says why.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are not installed (apt-get install nodejs npm)"
    exit 77
fi
hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/medusa-fcgi/stripe-node-$hash"
if [ ! -f "$cache/node_modules/stripe/package.json" ]; then
    mkdir -p "$cache"
    cp "$here/package.json" "$here/package-lock.json" "$cache/"
    if ! (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund >npm.log 2>&1); then
        echo "SKIP: npm ci of stripe@11.18.0 failed (offline?): see $cache/npm.log"
        exit 77
    fi
fi

dir=$(mktemp -d /tmp/stripe-double-check.XXXXXX)
key=sk_test_check_double_0000000000KEY
python3 "$here/double.py" --api-key "$key" --port-file "$dir/port" >"$dir/double.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0
while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
NODE_PATH="$cache/node_modules" node "$here/check-double.js" "http://127.0.0.1:$(cat "$dir/port")" "$key"
