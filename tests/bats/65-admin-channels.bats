#!/usr/bin/env bats
# 65-admin-channels.bats: sales channels and publishable API keys (issue #14): every admin route,
# and the Store API scoping /store/products by a new key's channels at once (store.md §1.10).

load helpers
load orders
load spec
load admin

setup_file() {
    start_stack
    admin_login_file
    ADMIN_ID=$(sql "SELECT id FROM \"user\" WHERE email = 'admin@medusa-test.com'")
    DEFAULT_SC=$(sql "SELECT default_sales_channel_id FROM store")
    SHIRT=$(sql "SELECT id FROM product WHERE handle = 't-shirt'")
    HOODIE=$(sql "SELECT id FROM product WHERE handle = 'hoodie'")
    export ADMIN_ID DEFAULT_SC SHIRT HOODIE
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

SC_KEYS='["created_at","deleted_at","description","id","is_disabled","metadata","name","updated_at"]'
PK_KEYS='["created_at","created_by","id","revoked_at","revoked_by","title","updated_at"]'

# new_channel NAME: sets CHANNEL.
new_channel() {
    adm POST /admin/sales-channels "{\"name\":\"$1\",\"description\":\"$1 sales\"}"
    assert_status 200
    CHANNEL=$(jqr .sales_channel.id)
}

# new_key TITLE: sets KEY.
new_key() {
    adm POST /admin/publishable-api-keys "{\"title\":\"$1\"}"
    assert_status 200
    KEY=$(jqr .publishable_api_key.id)
}

@test "sales channels: create, read, list with q and paging, update" {
    adm POST /admin/sales-channels '{"name":"Web shop","description":"The website","is_disabled":true}'
    assert_status 200
    assert_spec POST /admin/sales-channels
    assert_json '.sales_channel | keys' "$SC_KEYS"
    assert_json '.sales_channel | [.name, .description, .is_disabled]' '["Web shop","The website",true]'
    local id
    id=$(jqr .sales_channel.id)
    [[ "$id" == sc_* ]]
    [ "$(last_event sales_channel.created | jq -c .data)" = "{\"id\":\"$id\"}" ]
    adm POST /admin/sales-channels '{"name":"Market stall"}'
    assert_json '.sales_channel | [.description, .is_disabled]' '[null,false]'
    adm GET "/admin/sales-channels/$id"
    assert_status 200
    assert_spec GET "/admin/sales-channels/$id"
    assert_json '.sales_channel.name' "Web shop"
    adm GET /admin/sales-channels
    assert_status 200
    assert_spec GET /admin/sales-channels
    assert_json '[.count, .offset, .limit]' '[3,0,20]'
    assert_json '.sales_channels[0].name' "Market stall"
    adm GET '/admin/sales-channels?q=WEBSITE'
    assert_json '[.sales_channels[].id]' "[\"$id\"]"
    adm GET '/admin/sales-channels?limit=1&offset=1&order=name'
    assert_json '[.count, .sales_channels[0].name]' '[3,"Market stall"]'
    adm GET '/admin/sales-channels?name=Web%20shop'
    assert_json '[.sales_channels[].id]' "[\"$id\"]"
    adm GET '/admin/sales-channels?is_disabled=true'
    assert_medusa_error 400 invalid_data "property is_disabled should not exist"
    adm POST "/admin/sales-channels/$id" '{"name":"Website","is_disabled":false}'
    assert_status 200
    assert_spec POST "/admin/sales-channels/$id"
    assert_json '.sales_channel | [.name, .description, .is_disabled]' '["Website","The website",false]'
    [ "$(last_event sales_channel.updated | jq -c .data)" = "{\"id\":\"$id\"}" ]
    adm POST "/admin/sales-channels/$id" '{"name":5,"is_disabled":"no","metadata":{}}'
    assert_medusa_error 400 invalid_data "property metadata should not exist, name must be a string, is_disabled must be a boolean value"
    adm POST /admin/sales-channels '{"description":"x"}'
    assert_medusa_error 400 invalid_data "name must be a string"
    adm GET /admin/sales-channels/sc_nope
    assert_medusa_error 404 not_found "Sales channel with id: sc_nope was not found"
    adm POST /admin/sales-channels/sc_nope '{"name":"x"}'
    assert_medusa_error 404 not_found "Sales channel with id: sc_nope was not found"
}

@test "sales channels: delete is soft and idempotent, never the default channel" {
    new_channel Popup
    adm DELETE "/admin/sales-channels/$CHANNEL"
    assert_status 200
    assert_spec DELETE "/admin/sales-channels/$CHANNEL"
    assert_equal "$body" "{\"id\":\"$CHANNEL\",\"object\":\"sales-channel\",\"deleted\":true}"
    [ "$(last_event sales_channel.deleted | jq -c .data)" = "{\"id\":\"$CHANNEL\"}" ]
    adm GET "/admin/sales-channels/$CHANNEL"
    assert_status 404
    # deleted_at lists deleted channels (buildQuery's withDeleted), never the live ones.
    adm GET '/admin/sales-channels?deleted_at[gt]=2000-01-01'
    assert_status 200
    assert_spec GET /admin/sales-channels
    assert_json '[.sales_channels[] | [.id, (.deleted_at != null)]]' "[[\"$CHANNEL\",true]]"
    adm DELETE "/admin/sales-channels/$CHANNEL"
    assert_status 200
    adm DELETE /admin/sales-channels/sc_never
    assert_equal "$body" '{"id":"sc_never","object":"sales-channel","deleted":true}'
    adm DELETE "/admin/sales-channels/$DEFAULT_SC"
    assert_medusa_error 400 not_allowed "You cannot delete the default sales channel"
    [ -z "$(sql "SELECT deleted_at FROM sales_channel WHERE id = '$DEFAULT_SC'")" ]
}

@test "sales channels: products are added and removed in batches; unknown products are refused" {
    new_channel Outlet
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"},{\"id\":\"$HOODIE\"}]}"
    assert_status 200
    assert_spec POST "/admin/sales-channels/$CHANNEL/products/batch"
    assert_json '.sales_channel.id' "$CHANNEL"
    adm GET "/admin/products?sales_channel_id[]=$CHANNEL"
    assert_json '[.products[].handle] | sort' '["hoodie","t-shirt"]'
    # Again: nothing doubles.
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    [ "$(sql "SELECT count(*) FROM product_sales_channel WHERE sales_channel_id = '$CHANNEL'")" = 2 ]
    [[ "$(sql "SELECT id FROM product_sales_channel WHERE sales_channel_id = '$CHANNEL' LIMIT 1")" == prodsc_* ]]
    adm DELETE "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$HOODIE\"},{\"id\":\"prod_nope\"}]}"
    assert_status 200
    assert_spec DELETE "/admin/sales-channels/$CHANNEL/products/batch"
    adm GET "/admin/products?sales_channel_id[]=$CHANNEL"
    assert_json '[.products[].handle]' '["t-shirt"]'
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" '{"product_ids":[{"id":"prod_a"},{"id":"prod_b"}]}'
    assert_status 400
    assert_equal "$body" '{"errors":["Products prod_a, prod_b do not exist"],"message":"Provided request body contains errors. Please check the data and retry the request"}'
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" '{"product_ids":"x"}'
    assert_medusa_error 400 invalid_data "product_ids must be an array, each value in nested property product_ids must be either object or array"
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" '{"product_ids":[{"id":5,"x":1}]}'
    assert_medusa_error 400 invalid_data "property x should not exist, id must be a string"
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" '{}'
    assert_medusa_error 400 invalid_data "product_ids must be an array"
    adm POST /admin/sales-channels/sc_nope/products/batch "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    assert_medusa_error 404 not_found "Sales_channel with sales_channel_id sc_nope does not exist."
    adm DELETE /admin/sales-channels/sc_nope/products/batch "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    assert_medusa_error 404 not_found "Sales channel with id: sc_nope was not found"
}

@test "publishable keys: create, read, list, update, revoke once, delete" {
    adm POST /admin/publishable-api-keys '{"title":"Storefront"}'
    assert_status 200
    assert_spec POST /admin/publishable-api-keys
    assert_json '.publishable_api_key | keys' "$PK_KEYS"
    assert_json '.publishable_api_key | [.title, .created_by, .revoked_by, .revoked_at]' "[\"Storefront\",\"$ADMIN_ID\",null,null]"
    local key
    key=$(jqr .publishable_api_key.id)
    [[ "$key" == pk_* ]]
    [ "$(last_event publishable_api_key.created | jq -c .data)" = "{\"id\":\"$key\"}" ]
    adm POST /admin/publishable-api-keys '{"title":"Mobile app"}'
    adm GET /admin/publishable-api-keys
    assert_status 200
    assert_spec GET /admin/publishable-api-keys
    assert_json '[.count, .offset, .limit, .publishable_api_keys[0].title]' '[2,0,20,"Mobile app"]'
    adm GET '/admin/publishable-api-keys?q=store&offset=0&limit=10'
    assert_json '[.publishable_api_keys[].id]' "[\"$key\"]"
    adm GET "/admin/publishable-api-keys/$key"
    assert_status 200
    assert_spec GET "/admin/publishable-api-keys/$key"
    adm POST "/admin/publishable-api-keys/$key" '{"title":"Web storefront"}'
    assert_status 200
    assert_spec POST "/admin/publishable-api-keys/$key"
    assert_json .publishable_api_key.title "Web storefront"
    adm POST "/admin/publishable-api-keys/$key/revoke"
    assert_status 200
    assert_spec POST "/admin/publishable-api-keys/$key/revoke"
    assert_json .publishable_api_key.revoked_by "$ADMIN_ID"
    [ "$(jqr .publishable_api_key.revoked_at)" != null ]
    [ "$(last_event publishable_api_key.revoked | jq -c .data)" = "{\"id\":\"$key\"}" ]
    adm GET '/admin/publishable-api-keys?revoked_at[gt]=2000-01-01'
    assert_json '[.publishable_api_keys[].id]' "[\"$key\"]"
    adm POST "/admin/publishable-api-keys/$key/revoke"
    assert_medusa_error 400 not_allowed "PublishableApiKey has already been revoked."
    adm DELETE "/admin/publishable-api-keys/$key"
    assert_status 200
    assert_spec DELETE "/admin/publishable-api-keys/$key"
    assert_equal "$body" "{\"id\":\"$key\",\"object\":\"publishable_api_key\",\"deleted\":true}"
    adm GET "/admin/publishable-api-keys/$key"
    assert_medusa_error 404 not_found "Publishable key with id: $key was not found"
    # Medusa's delete does not swallow the not-found.
    adm DELETE "/admin/publishable-api-keys/$key"
    assert_medusa_error 404 not_found "Publishable key with id: $key was not found"
    adm POST /admin/publishable-api-keys/pk_nope '{"title":"x"}'
    assert_medusa_error 404 not_found "Publishable key with id: pk_nope was not found"
    adm POST /admin/publishable-api-keys/pk_nope/revoke
    assert_medusa_error 404 not_found "Publishable key with id: pk_nope was not found"
    adm POST /admin/publishable-api-keys '{"title":7,"x":1}'
    assert_medusa_error 400 invalid_data "property x should not exist, title must be a string"
    adm GET '/admin/publishable-api-keys?title=x'
    assert_medusa_error 400 invalid_data "property title should not exist"
}

@test "publishable keys: a new key scoped to a new channel scopes the store's products at once" {
    new_channel "Kiosk"
    new_key "Kiosk key"
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" "{\"sales_channel_ids\":[{\"id\":\"$CHANNEL\"}]}"
    assert_status 200
    assert_spec POST "/admin/publishable-api-keys/$KEY/sales-channels/batch"
    assert_json .publishable_api_key.id "$KEY"
    [[ "$(sql "SELECT id FROM publishable_api_key_sales_channel WHERE publishable_key_id = '$KEY'")" == pksc_* ]]
    adm GET "/admin/publishable-api-keys/$KEY/sales-channels"
    assert_status 200
    assert_spec GET "/admin/publishable-api-keys/$KEY/sales-channels"
    assert_json '[.sales_channels[].id]' "[\"$CHANNEL\"]"
    adm GET "/admin/publishable-api-keys/$KEY/sales-channels?q=kio"
    assert_json '.sales_channels | length' 1
    adm GET "/admin/publishable-api-keys/$KEY/sales-channels?q=nothing"
    assert_json '.sales_channels' '[]'
    # The channel has no product yet: the key shows none.
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_status 200
    assert_json .count 0
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_json '[.products[].handle]' '["t-shirt"]'
    api -H "x-publishable-api-key: $KEY" GET "/store/products/$HOODIE"
    assert_status 400
    assert_equal "$(jqr '.errors[0]')" "Product with id: $HOODIE is not associated with sales channels defined by the Publishable API Key passed in the header of the request."
    api -H "x-publishable-api-key: $KEY" GET "/store/products/$SHIRT"
    assert_status 200
    # Without the key, the store shows the default channel.
    api GET /store/products
    assert_json '.count > 1' true
    adm DELETE "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_json .count 0
    # A second channel in scope: its products show too.
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" "{\"sales_channel_ids\":[{\"id\":\"$DEFAULT_SC\"}]}"
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_json '.count > 1' true
    adm DELETE "/admin/publishable-api-keys/$KEY/sales-channels/batch" "{\"sales_channel_ids\":[{\"id\":\"$DEFAULT_SC\"},{\"id\":\"sc_nope\"}]}"
    assert_status 200
    assert_spec DELETE "/admin/publishable-api-keys/$KEY/sales-channels/batch"
    adm GET "/admin/publishable-api-keys/$KEY/sales-channels"
    assert_json '[.sales_channels[].id]' "[\"$CHANNEL\"]"
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_json .count 0
}

@test "publishable keys: a revoked key keeps its channels' scope; it never opens the whole catalogue" {
    # Medusa v1's getResourceScopes reads the key's channel links alone (revoked_at is not looked
    # at), so a revoked key scopes the store as before; before the fix it scoped nothing.
    new_channel "Wholesale"
    new_key "Wholesale key"
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" "{\"sales_channel_ids\":[{\"id\":\"$CHANNEL\"}]}"
    adm POST "/admin/sales-channels/$CHANNEL/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    adm POST "/admin/publishable-api-keys/$KEY/revoke"
    assert_status 200
    [ "$(jqr .publishable_api_key.revoked_at)" != null ]
    api -H "x-publishable-api-key: $KEY" GET /store/products
    assert_status 200
    assert_json '[.products[].handle]' '["t-shirt"]'
    assert_json .count 1
    api -H "x-publishable-api-key: $KEY" GET "/store/products/$HOODIE"
    assert_status 400
    assert_equal "$(jqr '.errors[0]')" "Product with id: $HOODIE is not associated with sales channels defined by the Publishable API Key passed in the header of the request."
    api -H "x-publishable-api-key: $KEY" GET "/store/products?sales_channel_id[]=$DEFAULT_SC"
    assert_status 400
    assert_equal "$(jqr '.errors[0]')" "Provided sales channel id param: $DEFAULT_SC is not associated with the Publishable API Key passed in the header of the request."
    local hv
    hv=$(sql "SELECT id FROM product_variant WHERE product_id = '$HOODIE' LIMIT 1")
    api -H "x-publishable-api-key: $KEY" GET "/store/variants/$hv"
    assert_status 400
    assert_equal "$(jqr '.errors[0]')" "Variant with id: $hv is not associated with sales channels defined by the Publishable API Key passed in the header of the request."
}

@test "publishable keys: the channel batches refuse what Medusa refuses" {
    new_key "Strict key"
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" '{"sales_channel_ids":[{"id":"sc_nope"}]}'
    assert_medusa_error 404 not_found "Sales_channel with sales_channel_id sc_nope does not exist."
    adm POST /admin/publishable-api-keys/pk_nope/sales-channels/batch "{\"sales_channel_ids\":[{\"id\":\"$DEFAULT_SC\"}]}"
    assert_medusa_error 404 not_found "Publishable_api_key with publishable_key_id pk_nope does not exist."
    adm DELETE /admin/publishable-api-keys/pk_nope/sales-channels/batch "{\"sales_channel_ids\":[{\"id\":\"$DEFAULT_SC\"}]}"
    assert_medusa_error 404 not_found "Publishable key with id: pk_nope was not found"
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" '{"sales_channel_ids":[null]}'
    assert_medusa_error 400 invalid_data "each value in nested property sales_channel_ids must be either object or array"
    adm POST "/admin/publishable-api-keys/$KEY/sales-channels/batch" '{}'
    assert_medusa_error 400 invalid_data "sales_channel_ids must be an array"
    adm GET "/admin/publishable-api-keys/$KEY/sales-channels?limit=1"
    assert_medusa_error 400 invalid_data "property limit should not exist"
    [ "$(sql "SELECT count(*) FROM publishable_api_key_sales_channel WHERE publishable_key_id = '$KEY'")" = 0 ]
    # An unknown key has no channels.
    adm GET /admin/publishable-api-keys/pk_nope/sales-channels
    assert_equal "$body" '{"sales_channels":[]}'
}

@test "channels and keys: every route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only GET /admin/sales-channels
    assert_admin_only POST /admin/sales-channels '{"name":"x"}'
    assert_admin_only GET "/admin/sales-channels/$DEFAULT_SC"
    assert_admin_only POST "/admin/sales-channels/$DEFAULT_SC" '{"name":"x"}'
    assert_admin_only DELETE /admin/sales-channels/sc_x
    assert_admin_only POST "/admin/sales-channels/$DEFAULT_SC/products/batch" '{"product_ids":[]}'
    assert_admin_only DELETE "/admin/sales-channels/$DEFAULT_SC/products/batch" "{\"product_ids\":[{\"id\":\"$SHIRT\"}]}"
    assert_admin_only GET /admin/publishable-api-keys
    assert_admin_only POST /admin/publishable-api-keys '{"title":"x"}'
    assert_admin_only GET /admin/publishable-api-keys/pk_x
    assert_admin_only POST /admin/publishable-api-keys/pk_x '{}'
    assert_admin_only DELETE /admin/publishable-api-keys/pk_x
    assert_admin_only POST /admin/publishable-api-keys/pk_x/revoke
    assert_admin_only GET /admin/publishable-api-keys/pk_x/sales-channels
    assert_admin_only POST /admin/publishable-api-keys/pk_x/sales-channels/batch '{"sales_channel_ids":[]}'
    assert_admin_only DELETE /admin/publishable-api-keys/pk_x/sales-channels/batch '{"sales_channel_ids":[]}'
    [ "$(sql "SELECT name FROM sales_channel WHERE id = '$DEFAULT_SC'")" != x ]
    [ "$(sql "SELECT count(*) FROM product_sales_channel WHERE product_id = '$SHIRT' AND sales_channel_id = '$DEFAULT_SC'")" = 1 ]
}
