# spec.bash: response checks against Medusa v1's OpenAPI spec (tests/spec/). Load it after
# helpers.bash:
#
#     load helpers
#     load spec
#
#     @test "regions validate" {
#         api GET /store/regions
#         assert_status 200
#         assert_spec GET /store/regions
#     }
#
# The spec's known errors are relaxed in tests/spec/check-response (override tables, each with
# its reason); see tests/spec/README.md. With a `fields` query parameter, `required` keys are not
# enforced (fields subsets the objects), the types still are.
# shellcheck shell=bash

: "${MEDUSA_SRCDIR:=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}"
MEDUSA_SPEC_CHECK="${MEDUSA_SPEC_CHECK:-$MEDUSA_SRCDIR/tests/spec/check-response}"

# assert_spec METHOD PATH [--spec FILE]: the last response ($status, $body from `api`) must
# validate against the spec's schema for METHOD PATH and that status. PATH is the concrete path
# that was requested (query string allowed; it is matched against the spec's templates).
# shellcheck disable=SC2154 # status and body are set by api (helpers.bash)
assert_spec() {
    local method="$1" path="$2" err rc
    shift 2
    if [ $# -gt 0 ] && [ "$1" = --spec ]; then
        set -- --spec "$2"
    else
        set --
    fi
    err=$(printf '%s' "$body" | "$MEDUSA_SPEC_CHECK" "$@" "$method" "$path" "$status" 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        printf '%s\n' "$err" >&2
        [ $rc -eq 1 ] && echo "body: ${body:0:2000}" >&2
        return 1
    fi
}
