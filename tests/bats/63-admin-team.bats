#!/usr/bin/env bats
# 63-admin-team.bats: the team (issue #14): /admin/users (list, read, create, update with an API
# token, delete, password-token and reset-password through the event outbox), /admin/invites
# (create, list, resend, delete, accept with the token of invite.created) and /admin/apps. Roles
# are Medusa's admin, member and developer. Over the demo store and its seed user.

load helpers
load orders
load spec
load admin

setup_file() {
    start_stack
    admin_login_file
    ADMIN_ID=$(sql "SELECT id FROM \"user\" WHERE email = 'admin@medusa-test.com'")
    export ADMIN_ID
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

# claims TOKEN: the JWT's payload.
claims() {
    local p
    p=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
    while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
    printf '%s' "$p" | base64 -d
}

# new_user EMAIL PASSWORD [ROLE]: POST /admin/users; sets USER_ID.
new_user() {
    adm POST /admin/users "{\"email\":\"$1\",\"password\":\"$2\",\"first_name\":\"F\",\"last_name\":\"L\",\"role\":\"${3:-member}\"}"
    assert_status 200
    USER_ID=$(jqr .user.id)
}

USER_KEYS='["api_token","created_at","deleted_at","email","first_name","id","last_name","metadata","role","updated_at"]'

@test "users: the list pages the team without password hashes; q, email and role filter it" {
    new_user list-dev@example.com pw-dev developer
    new_user list-member@example.com pw-member
    adm GET /admin/users
    assert_status 200
    assert_spec GET /admin/users
    assert_json '[.count, .offset, .limit]' '[3,0,50]'
    assert_json '.users | map(keys == '"$USER_KEYS"') | all' true
    assert_json '.users[0].email' list-member@example.com
    adm GET '/admin/users?q=LIST-DEV'
    assert_json '[.users[].email]' '["list-dev@example.com"]'
    adm GET '/admin/users?role=developer'
    assert_json '[.users[].role]' '["developer"]'
    adm GET '/admin/users?role[]=member&role[]=developer&order=email&limit=1&offset=1'
    assert_json '[.count, .offset, .limit, .users[0].email]' '[3,1,1,"list-dev@example.com"]'
    adm GET '/admin/users?email=admin@medusa-test.com&fields=email'
    assert_json '.users' "[{\"email\":\"admin@medusa-test.com\",\"id\":\"$ADMIN_ID\",\"created_at\":$(jq -c '.users[0].created_at' <<<"$body")}]"
    assert_spec GET '/admin/users?fields=email'
    adm GET '/admin/users?role=owner'
    assert_medusa_error 400 invalid_data "each value in role must be one of the following values: member, admin, developer"
    adm GET '/admin/users?password_hash=x'
    assert_medusa_error 400 invalid_data "property password_hash should not exist"
    adm GET "/admin/users/$USER_ID"
    assert_status 200
    assert_spec GET "/admin/users/$USER_ID"
    assert_json '.user | keys' "$USER_KEYS"
    assert_json '[.user.email, .user.role, .user.first_name]' '["list-member@example.com","member","F"]'
    adm GET /admin/users/usr_nope
    assert_medusa_error 404 not_found "User with id: usr_nope was not found"
}

@test "users: create lower-cases the e-mail, hashes the password (the user logs in) and emits user.created" {
    adm POST /admin/users '{"email":"New.Person@Example.com","password":"pw-new","role":"admin"}'
    assert_status 200
    assert_spec POST /admin/users
    assert_json '.user | keys' "$USER_KEYS"
    assert_json '[.user.email, .user.role, .user.first_name, .user.api_token]' '["new.person@example.com","admin",null,null]'
    local id
    id=$(jqr .user.id)
    [[ "$id" == usr_* ]]
    [[ "$(sql "SELECT password_hash FROM \"user\" WHERE id = '$id'")" == '$argon2id$'* ]]
    [ "$(last_event user.created | jq -c .data)" = "{\"id\":\"$id\"}" ]
    api POST /admin/auth/token '{"email":"new.person@example.com","password":"pw-new"}'
    assert_status 200
    # The role defaults to member.
    adm POST /admin/users '{"email":"plain@example.com","password":"pw"}'
    assert_json .user.role member
    adm POST /admin/users '{"email":"NEW.person@example.com","password":"other"}'
    assert_medusa_error 400 invalid_data "A user with the same email already exists."
    adm POST /admin/users '{"email":"nope","role":"owner","api_token":"x"}'
    assert_medusa_error 400 invalid_data "property api_token should not exist, email must be an email, role must be one of the following values: admin, member, developer, password must be a string"
    adm POST /admin/users '{"email":"x@example.com","password":"pw","first_name":5}'
    assert_medusa_error 400 invalid_data "first_name must be a string"
    [ "$(sql "SELECT count(*) FROM \"user\" WHERE email = 'x@example.com'")" = 0 ]
}

@test "users: update names, role and metadata (merged); an api_token set here authenticates the user" {
    new_user upd@example.com pw-upd
    adm POST "/admin/users/$USER_ID" '{"first_name":"Ann","role":"developer","metadata":{"a":1,"b":2}}'
    assert_status 200
    assert_spec POST "/admin/users/$USER_ID"
    assert_json '[.user.first_name, .user.last_name, .user.role, .user.metadata]' '["Ann","L","developer",{"a":1,"b":2}]'
    [ "$(last_event user.updated | jq -c .data)" = "{\"id\":\"$USER_ID\"}" ]
    adm POST "/admin/users/$USER_ID" '{"last_name":null,"metadata":{"a":"","c":3},"api_token":"tok-upd-123"}'
    assert_json '[.user.first_name, .user.last_name, .user.metadata, .user.api_token]' '["Ann",null,{"b":2,"c":3},"tok-upd-123"]'
    api -H 'x-medusa-access-token: tok-upd-123' GET /admin/auth
    assert_status 200
    assert_json .user.id "$USER_ID"
    api -H 'x-medusa-access-token: tok-upd-123' GET /admin/regions
    assert_status 200
    adm POST "/admin/users/$USER_ID" '{"api_token":null}'
    assert_json .user.api_token null
    api -H 'x-medusa-access-token: tok-upd-123' GET /admin/auth
    assert_status 401
    adm POST "/admin/users/$USER_ID" '{"email":"other@example.com","role":"boss","metadata":"x"}'
    assert_medusa_error 400 invalid_data "property email should not exist, role must be one of the following values: admin, member, developer, metadata must be an object"
    adm POST /admin/users/usr_nope '{"first_name":"X"}'
    assert_medusa_error 404 not_found "User with id: usr_nope was not found"
}

@test "users: delete is soft and idempotent; the user's session, token and API token stop working" {
    new_user gone@example.com pw-gone
    adm POST "/admin/users/$USER_ID" '{"api_token":"tok-gone-1"}'
    api POST /admin/auth '{"email":"gone@example.com","password":"pw-gone"}'
    local cookie tok
    cookie=$(header set-cookie | sed 's/;.*//')
    api POST /admin/auth/token '{"email":"gone@example.com","password":"pw-gone"}'
    tok=$(jqr .access_token)
    adm DELETE "/admin/users/$USER_ID"
    assert_status 200
    assert_spec DELETE "/admin/users/$USER_ID"
    assert_equal "$body" "{\"id\":\"$USER_ID\",\"object\":\"user\",\"deleted\":true}"
    [ "$(last_event user.deleted | jq -c .data)" = "{\"id\":\"$USER_ID\"}" ]
    [ -n "$(sql "SELECT deleted_at FROM \"user\" WHERE id = '$USER_ID'")" ]
    api -H "Cookie: $cookie" GET /admin/auth
    assert_status 401
    api -H "Authorization: Bearer $tok" GET /admin/auth
    assert_status 401
    api -H 'x-medusa-access-token: tok-gone-1' GET /admin/auth
    assert_status 401
    adm GET "/admin/users/$USER_ID"
    assert_status 404
    adm DELETE "/admin/users/$USER_ID"
    assert_status 200
    adm DELETE /admin/users/usr_never
    assert_equal "$body" '{"id":"usr_never","object":"user","deleted":true}'
    # The e-mail is free again.
    new_user gone@example.com pw-again
}

@test "password token: always 204; a known user's token goes to user.password_reset only" {
    new_user forgot@example.com pw-forgot
    local before
    before=$(sql "SELECT count(*) FROM event_outbox WHERE name = 'user.password_reset'")
    api POST /admin/users/password-token '{"email":"nobody@example.com"}'
    assert_status 204
    assert_equal "$body" ""
    assert_spec POST /admin/users/password-token
    [ "$(sql "SELECT count(*) FROM event_outbox WHERE name = 'user.password_reset'")" = "$before" ]
    api POST /admin/users/password-token '{"email":"Forgot@Example.com"}'
    assert_status 204
    local ev tok
    ev=$(last_event user.password_reset)
    [ "$(jq -c '.data | keys' <<<"$ev")" = '["email","token"]' ]
    [ "$(jq -r .data.email <<<"$ev")" = forgot@example.com ]
    tok=$(jq -r .data.token <<<"$ev")
    body=$(claims "$tok")
    assert_json 'keys' '["email","exp","iat","user_id"]'
    assert_json '[.user_id, .email, .exp - .iat]' "[\"$USER_ID\",\"forgot@example.com\",900]"
    api POST /admin/users/password-token '{"email":"nope"}'
    assert_medusa_error 400 invalid_data "email must be an email"
    api POST /admin/users/password-token '{}'
    assert_medusa_error 400 invalid_data "email must be an email"
}

@test "reset password: the outbox token sets a new password once, the e-mail read from the token" {
    new_user reset@example.com pw-before
    api POST /admin/users/password-token '{"email":"reset@example.com"}'
    local tok
    tok=$(last_event user.password_reset | jq -r .data.token)
    # No e-mail in the body: the dashboard's reset page sends the token's.
    api POST /admin/users/reset-password "{\"token\":\"$tok\",\"password\":\"pw-after\"}"
    assert_status 200
    assert_spec POST /admin/users/reset-password
    assert_json '.user | keys' "$USER_KEYS"
    assert_json .user.id "$USER_ID"
    api POST /admin/auth/token '{"email":"reset@example.com","password":"pw-after"}'
    assert_status 200
    api POST /admin/auth/token '{"email":"reset@example.com","password":"pw-before"}'
    assert_status 401
    # Used once: the hash it was signed with is gone.
    api POST /admin/users/reset-password "{\"email\":\"reset@example.com\",\"token\":\"$tok\",\"password\":\"pw-third\"}"
    assert_status 401
    assert_equal "$body" "Invalid or expired password reset token"
    api POST /admin/auth/token '{"email":"reset@example.com","password":"pw-after"}'
    assert_status 200
}

@test "reset password: an unknown user is Medusa's 400; forged and expired tokens the plain 401" {
    new_user reset2@example.com pw-r2
    local hash now
    hash=$(sql "SELECT password_hash FROM \"user\" WHERE id = '$USER_ID'")
    now=$(date +%s)
    api POST /admin/users/reset-password '{"token":"garbage","password":"x"}'
    assert_medusa_error 400 invalid_data "invalid token"
    api POST /admin/users/reset-password '{"email":"nobody@example.com","token":"garbage","password":"x"}'
    assert_medusa_error 400 invalid_data "invalid token"
    api POST /admin/users/reset-password '{"email":"reset2@example.com","token":"garbage","password":"x"}'
    assert_status 401
    assert_equal "$body" "Invalid or expired password reset token"
    # Signed with the jwt secret instead of the user's hash.
    local forged
    forged=$(printf '{"alg":"HS256","typ":"JWT"}' | base64 -w0 | tr '+/' '-_' | tr -d '=').$(printf '{"user_id":"%s","email":"reset2@example.com","exp":%d}' "$USER_ID" $((now + 600)) | base64 -w0 | tr '+/' '-_' | tr -d '=')
    forged="$forged.$(printf '%s' "$forged" | openssl dgst -sha256 -hmac supersecret -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')"
    api POST /admin/users/reset-password "{\"token\":\"$forged\",\"password\":\"x\"}"
    assert_status 401
    # Signed with the hash but expired.
    local expired
    expired=$(printf '{"alg":"HS256","typ":"JWT"}' | base64 -w0 | tr '+/' '-_' | tr -d '=').$(printf '{"user_id":"%s","email":"reset2@example.com","exp":%d}' "$USER_ID" $((now - 1)) | base64 -w0 | tr '+/' '-_' | tr -d '=')
    expired="$expired.$(printf '%s' "$expired" | openssl dgst -sha256 -hmac "$hash" -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')"
    api POST /admin/users/reset-password "{\"token\":\"$expired\",\"password\":\"x\"}"
    assert_status 401
    api POST /admin/auth/token '{"email":"reset2@example.com","password":"pw-r2"}'
    assert_status 200
    api POST /admin/users/reset-password '{"email":"bad","password":5}'
    assert_medusa_error 400 invalid_data "email must be an email, token must be a string, password must be a string"
}

@test "invites: create emits invite.created with the token; the list shows it; a new role renews it" {
    adm POST /admin/invites '{"user":"Invitee@Example.com","role":"developer"}'
    assert_status 200
    assert_equal "$body" OK
    assert_spec POST /admin/invites
    local ev id tok
    ev=$(last_event invite.created)
    id=$(jq -r .data.id <<<"$ev")
    tok=$(jq -r .data.token <<<"$ev")
    [[ "$id" == invite_* ]]
    [ "$(jq -r .data.user_email <<<"$ev")" = invitee@example.com ]
    body=$(claims "$tok")
    assert_json 'keys' '["iat","invite_id","role","user_email"]'
    assert_json '[.invite_id, .role, .user_email]' "[\"$id\",\"developer\",\"invitee@example.com\"]"
    adm GET /admin/invites
    assert_status 200
    assert_spec GET /admin/invites
    assert_json '.invites | length' 1
    assert_json '.invites[0] | [.id, .user_email, .role, .accepted, .token]' "[\"$id\",\"invitee@example.com\",\"developer\",false,\"$tok\"]"
    # Valid seven days.
    local created expires
    created=$(jqr .invites[0].updated_at)
    expires=$(jqr .invites[0].expires_at)
    [ $(( $(date -d "$expires" +%s) - $(date -d "$created" +%s) )) -ge 604799 ]
    [ $(( $(date -d "$expires" +%s) - $(date -d "$created" +%s) )) -le 604801 ]
    # Inviting again: the same invite, the new role, a new token.
    sleep 1
    adm POST /admin/invites '{"user":"invitee@example.com","role":"admin"}'
    assert_status 200
    adm GET /admin/invites
    assert_json '.invites | length' 1
    assert_json '.invites[0] | [.id, .role]' "[\"$id\",\"admin\"]"
    [ "$(jqr .invites[0].token)" != "$tok" ]
    [ "$(last_event invite.created | jq -r .data.token)" = "$(jqr .invites[0].token)" ]
}

@test "invites: an existing account, a bad e-mail or role are refused, nothing written" {
    local before
    before=$(sql "SELECT count(*) FROM invite")
    adm POST /admin/invites '{"user":"ADMIN@medusa-test.com","role":"member"}'
    assert_medusa_error 400 invalid_data "Can't invite a user with an existing account"
    adm POST /admin/invites '{"user":"x"}'
    assert_medusa_error 400 invalid_data "user must be an email, role must be one of the following values: admin, member, developer"
    adm POST /admin/invites '{"user":"ok@example.com","role":"owner","x":1}'
    assert_medusa_error 400 invalid_data "property x should not exist, role must be one of the following values: admin, member, developer"
    [ "$(sql "SELECT count(*) FROM invite")" = "$before" ]
}

@test "invites: the invitee accepts with the token, gets the invite's role and logs in; once only" {
    adm POST /admin/invites '{"user":"joiner@example.com","role":"developer"}'
    local tok id
    tok=$(last_event invite.created | jq -r .data.token)
    id=$(last_event invite.created | jq -r .data.id)
    api POST /admin/invites/accept "{\"token\":\"$tok\",\"user\":{\"first_name\":\"Jo\",\"last_name\":\"Iner\",\"password\":\"pw-joiner\"}}"
    assert_status 200
    assert_equal "$body" OK
    assert_spec POST /admin/invites/accept
    [ "$(sql "SELECT count(*) FROM invite WHERE id = '$id'")" = 0 ]
    api POST /admin/auth/token '{"email":"joiner@example.com","password":"pw-joiner"}'
    assert_status 200
    ADMIN_TOKEN=$(jqr .access_token)
    adm GET /admin/auth
    assert_json '.user | [.email, .role, .first_name, .last_name]' '["joiner@example.com","developer","Jo","Iner"]'
    [ "$(last_event user.created | jq -r .data.id)" = "$(jqr .user.id)" ]
    api POST /admin/invites/accept "{\"token\":\"$tok\",\"user\":{\"password\":\"again\"}}"
    assert_medusa_error 400 invalid_data "Invalid invite"
}

@test "invites: forged, expired and taken invitations are refused; the body as Medusa's DTO" {
    adm POST /admin/invites '{"user":"late@example.com","role":"member"}'
    local tok id
    tok=$(last_event invite.created | jq -r .data.token)
    id=$(last_event invite.created | jq -r .data.id)
    api POST /admin/invites/accept "{\"token\":\"${tok}x\",\"user\":{\"password\":\"pw\"}}"
    assert_medusa_error 400 invalid_data "Token is not valid"
    api POST /admin/invites/accept '{"token":"garbage","user":{"password":"pw"}}'
    assert_medusa_error 400 invalid_data "Token is not valid"
    sql "UPDATE invite SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '$id'"
    api POST /admin/invites/accept "{\"token\":\"$tok\",\"user\":{\"password\":\"pw\"}}"
    assert_medusa_error 400 invalid_data "Invalid invite"
    # Resent, it works again; meanwhile someone made the account.
    adm POST "/admin/invites/$id/resend"
    assert_status 200
    assert_equal "$body" OK
    assert_spec POST "/admin/invites/$id/resend"
    tok=$(last_event invite.created | jq -r .data.token)
    [ "$(last_event invite.created | jq -r .data.id)" = "$id" ]
    new_user late@example.com pw-late
    api POST /admin/invites/accept "{\"token\":\"$tok\",\"user\":{\"password\":\"pw\"}}"
    assert_medusa_error 400 invalid_data "User already joined"
    api POST /admin/invites/accept '{}'
    assert_medusa_error 400 invalid_data "token should not be empty, token must be a string, user should not be empty"
    api POST /admin/invites/accept '{"token":"","user":"x","extra":1}'
    assert_medusa_error 400 invalid_data "property extra should not exist, token should not be empty, nested property user must be either object or array"
    api POST /admin/invites/accept '{"token":"t","user":{"first_name":1,"role":"admin"}}'
    assert_medusa_error 400 invalid_data "property role should not exist, first_name must be a string, password must be a string"
}

@test "invites: resend of an unknown invite is 400; delete is idempotent and withdraws it" {
    adm POST /admin/invites/invite_nope/resend
    assert_medusa_error 400 invalid_data "Invite doesn't exist"
    adm POST /admin/invites '{"user":"withdrawn@example.com","role":"member"}'
    local tok id
    tok=$(last_event invite.created | jq -r .data.token)
    id=$(last_event invite.created | jq -r .data.id)
    adm DELETE "/admin/invites/$id"
    assert_status 200
    assert_spec DELETE "/admin/invites/$id"
    assert_equal "$body" "{\"id\":\"$id\",\"object\":\"invite\",\"deleted\":true}"
    adm DELETE "/admin/invites/$id"
    assert_status 200
    api POST /admin/invites/accept "{\"token\":\"$tok\",\"user\":{\"password\":\"pw\"}}"
    assert_medusa_error 400 invalid_data "Invalid invite"
    adm GET /admin/invites
    assert_json "[.invites[].id | select(. == \"$id\")] | length" 0
}

@test "apps: no OAuth application is installed" {
    adm GET /admin/apps
    assert_status 200
    assert_spec GET /admin/apps
    assert_equal "$body" '{"apps":[]}'
    adm POST /admin/apps/authorizations '{"application_name":"slack","state":"s","code":"c"}'
    assert_medusa_error 404 not_found "Oauth application slack not found"
    adm POST /admin/apps/authorizations '{"application_name":"","code":5}'
    assert_medusa_error 400 invalid_data "application_name should not be empty, state should not be empty, state must be a string, code must be a string"
}

@test "team: every route refuses anonymous callers and customers; reset and accept need no login" {
    customer_credentials
    assert_admin_only GET /admin/users
    assert_admin_only GET "/admin/users/$ADMIN_ID"
    assert_admin_only POST /admin/users '{"email":"a@example.com","password":"x"}'
    assert_admin_only POST "/admin/users/$ADMIN_ID" '{"first_name":"X"}'
    assert_admin_only DELETE "/admin/users/$ADMIN_ID"
    assert_admin_only GET /admin/invites
    assert_admin_only POST /admin/invites '{"user":"a@example.com","role":"member"}'
    assert_admin_only POST /admin/invites/invite_x/resend
    assert_admin_only DELETE /admin/invites/invite_x
    assert_admin_only GET /admin/apps
    assert_admin_only POST /admin/apps/authorizations '{}'
    # Nothing above reached the database.
    adm GET "/admin/users/$ADMIN_ID"
    assert_status 200
    assert_json .user.first_name null
    api POST /admin/users/password-token '{"email":"admin@medusa-test.com"}'
    assert_status 204
    api POST /admin/users/reset-password '{"token":"x","password":"y"}'
    assert_status 400
    api POST /admin/invites/accept '{"token":"x","user":{"password":"y"}}'
    assert_status 400
}
