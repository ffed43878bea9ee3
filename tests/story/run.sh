#!/bin/sh
# run.sh NAME.story: the checkout story again through another transport. Runs the bats suites
# that NAME.story lists (one name a line, from tests/bats/; # starts a comment) with
# MEDUSA_TEST_TRANSPORT=NAME, as one TAP stream. `make check` runs each tests/story/*.story.
set -eu
story="$1"
transport=$(basename "$story" .story)
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
if [ "${MEDUSA_SKIP_STORIES:-}" = 1 ]; then
    echo "1..0 # SKIP MEDUSA_SKIP_STORIES=1"
    exit 0
fi
case "$transport" in
apache-*)
    if ! [ -x /usr/sbin/apache2 ]; then
        echo "1..0 # SKIP apache2 is not installed"
        exit 0
    fi
    ;;
esac
suites=""
# shellcheck disable=SC2013 # names separated by blanks or lines
for s in $(sed 's/#.*//' "$story"); do
    suites="$suites $MEDUSA_SRCDIR/tests/bats/$s.bats"
done
export MEDUSA_TEST_TRANSPORT="$transport"
# shellcheck disable=SC2086
exec "${BATS:-bats}" --tap $suites
