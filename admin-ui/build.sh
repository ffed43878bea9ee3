#!/bin/sh
# build.sh OUTDIR: Medusa v1's own admin dashboard (@medusajs/admin 7.1.18, the dashboard of
# Medusa 1.20), built with npm as static files into OUTDIR/app/, for nginx or Apache to serve at
# /app on the API's origin (conf/nginx/medusa-fcgi-static.conf). `make admin-ui` runs it.
#
# The build (npm ci from package-lock.json, then webpack: minutes, ~500 MB of node_modules) is
# done once per version of package.json, package-lock.json and medusa-config.js: its output
# (~10 MB) is kept in $MEDUSA_ADMIN_UI_CACHE (default ~/.cache/medusa-fcgi/admin-ui/<hash>) and
# copied from there afterwards, so repeated builds and CI runs take a second. node_modules is
# removed after each build. Needs npm (Node 18 or newer) and the npm registry the first time.
# Pins (package.json): webpack 5.105.4 (5.106+ rejects the progress plugin's options the admin's
# build passes), iso8601-duration (imported by @medusajs/admin-ui but not declared).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
key=$(cat "$here/package.json" "$here/package-lock.json" "$here/medusa-config.js" |
    sha256sum | cut -c1-16)
cache=${MEDUSA_ADMIN_UI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/medusa-fcgi/admin-ui}
mkdir -p "$cache"
if [ -f "$out/.key" ] && [ "$(cat "$out/.key")" = "$key" ] && [ -f "$out/app/index.html" ]; then
    echo "admin-ui: $out/app is up to date ($key)"
    exit 0
fi
if [ ! -f "$cache/$key/app/index.html" ]; then
    # Only a build needs npm: an up-to-date OUTDIR or a cached build is used without it.
    if ! command -v npm >/dev/null 2>&1; then
        echo "admin-ui: npm is not installed (apt-get install npm); the dashboard was not built" >&2
        exit 2
    fi
    echo "admin-ui: building the dashboard with npm (once for $key; a few minutes)" >&2
    work=$(mktemp -d "$cache/build.XXXXXX")
    trap 'rm -rf "$work"' EXIT INT TERM
    cp "$here/package.json" "$here/package-lock.json" "$here/medusa-config.js" "$work/"
    if ! (cd "$work" &&
        npm ci --no-audit --no-fund --legacy-peer-deps --loglevel=error &&
        NODE_ENV=production npx --no-install medusa-admin build) >"$work/build.log" 2>&1; then
        tail -40 "$work/build.log" >&2
        echo "admin-ui: the build failed (log above)" >&2
        exit 1
    fi
    [ -f "$work/build/index.html" ] || { echo "admin-ui: the build made no index.html" >&2; exit 1; }
    mkdir -p "$work/done"
    mv "$work/build" "$work/done/app"
    # A build of the same key finishing first wins; ours is then dropped.
    mv -T "$work/done" "$cache/$key" 2>/dev/null || true
    rm -rf "$work"
    trap - EXIT INT TERM
    # Keep the three newest builds.
    # shellcheck disable=SC2012 # names are hex keys
    ls -1td "$cache"/????????????????/ 2>/dev/null | tail -n +4 | while read -r old; do rm -rf "$old"; done
fi
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cp -R "$cache/$key/app" "$out.tmp/app"
echo "$key" >"$out.tmp/.key"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "admin-ui: $out/app ($key, from $cache/$key)"
