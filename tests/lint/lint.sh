#!/bin/sh
# lint.sh (make lint): the rules the toolchain holds (STYLE.md §9, §12): clang-format on every
# tracked C file, cppcheck with json-c's macros, shellcheck on the shell scripts, and the layer
# check of tests/lint/layers.sh with its self-test on planted violations (test-layers.sh). Prints
# what fails; exits 1 if anything does.
set -u
cd "${SRCDIR:-$(dirname "$0")/../..}" || exit 1
if git rev-parse --git-dir >/dev/null 2>&1; then
    cfiles=$(git ls-files '*.c' '*.h')
    shfiles=$(git ls-files '*.sh' '*.bash' .ci/run 'debian/*.postinst' 'debian/*.postrm')
else
    cfiles=$(find src tests -name '*.[ch]')
    shfiles=$(find build-aux tests -name '*.sh' -o -name '*.bash')
fi
rc=0
step() { # name, then the command
    name=$1
    shift
    if out=$("$@" 2>&1); then
        echo "lint: $name ok"
    else
        echo "lint: $name FAILED"
        printf '%s\n' "$out" | head -60
        rc=1
    fi
}
# shellcheck disable=SC2086 # the file lists are split into arguments on purpose
step clang-format clang-format --dry-run --Werror $cfiles
step cppcheck cppcheck --enable=warning,performance,portability --std=c11 --inline-suppr \
    --error-exitcode=1 --quiet --library=tests/lint/json-c.cfg -I src src
# shellcheck disable=SC2086
step shellcheck shellcheck $shfiles
# Every bats file runs: one missing from Makefile.am's BATS_TESTS is never run by make check (seven
# were, unnoticed, until 2026-12-06).
# shellcheck disable=SC2317 # called through step
bats_listed() {
    missing=$(for f in tests/bats/*.bats; do
        grep -qxE "[[:space:]]*${f}( \\\\)?" Makefile.am || echo "${f} is not in Makefile.am's BATS_TESTS"
    done)
    [ -z "$missing" ] || { echo "$missing"; return 1; }
}
step bats-listed bats_listed
step layers sh tests/lint/layers.sh
step layers-selftest sh tests/lint/test-layers.sh
exit $rc
