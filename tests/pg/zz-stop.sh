#!/bin/sh
# zz-stop.sh: the last test of `make check` (its log depends on every other test's, Makefile.am):
# stops the run's PostgreSQL cluster (tests/pg/server.sh in MEDUSA_TEST_PGDIR, which the bats files
# started, helpers.bash) and removes it, showing the server log's errors first. Skipped (77) when
# the run is not on PostgreSQL (MEDUSA_TEST_DB=pg) or no file started a cluster.
set -eu
[ "${MEDUSA_TEST_DB:-sqlite}" = pg ] || exit 77
dir="${MEDUSA_TEST_PGDIR:?}"
[ -d "$dir/data" ] || exit 77
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
echo "PostgreSQL cluster $dir: FATAL/PANIC lines in postgres.log:"
grep -E 'FATAL|PANIC' "$dir/postgres.log" | tail -20 || true
"$MEDUSA_SRCDIR/tests/pg/server.sh" stop "$dir"
rm -rf "$dir" "$dir.lock"
