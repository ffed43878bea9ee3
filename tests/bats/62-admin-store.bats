#!/usr/bin/env bats
# 62-admin-store.bats: the dashboard's shell (issue #14): GET/POST /admin/store with Medusa 1.20's
# feature flags and modules, the store's currencies, the provider lists, GET /admin/currencies
# and POST /admin/currencies/{code} (refused as Medusa does with tax-inclusive pricing off).

load helpers
load spec
load orders
load admin

setup_file() {
    start_stack
    admin_login
}

teardown_file() {
    stop_stack
}

@test "admin store: the store with currencies, default currency and channel, flags, modules, providers" {
    adm GET /admin/store
    assert_status 200
    assert_spec GET /admin/store
    assert_json .store.name "Medusa Store"
    assert_json .store.default_currency_code usd
    assert_json '[.store.currencies[].code]' '["eur","usd"]'
    assert_json .store.default_currency.code usd
    assert_json .store.default_sales_channel.name "Default Sales Channel"
    assert_json '[.store.swap_link_template, .store.payment_link_template, .store.invite_link_template, .store.metadata]' '[null,null,null,null]'
    # Medusa 1.20's flags in its order; the dashboard shows pages by them.
    assert_json '[.store.feature_flags[] | "\(.key)=\(.value)"]' '["analytics=false","medusa_v2=false","order_editing=true","product_categories=true","publishable_api_keys=true","sales_channels=true","tax_inclusive_pricing=false","workflows=false"]'
    assert_json .store.modules '[]'
    assert_json .store.payment_providers '[{"id":"manual","is_installed":true}]'
    assert_json .store.fulfillment_providers '[{"id":"manual","is_installed":true}]'
    assert_admin_only GET /admin/store
}

@test "admin store: name and link templates updated, metadata merged, the store answers them" {
    adm POST /admin/store '{"name":"Ye Olde Shoppe","swap_link_template":"https://shop.example/swap?t={cart_id}","payment_link_template":"https://shop.example/pay/{cart_id}","invite_link_template":"https://shop.example/app/invite?token={invite_token}","metadata":{"a":"1","b":"2"}}'
    assert_status 200
    assert_spec POST /admin/store
    assert_json .store.name "Ye Olde Shoppe"
    assert_json .store.invite_link_template "https://shop.example/app/invite?token={invite_token}"
    assert_json .store.metadata '{"a":"1","b":"2"}'
    adm POST /admin/store '{"metadata":{"a":"","c":"3"}}'
    assert_status 200
    assert_json .store.metadata '{"b":"2","c":"3"}'
    assert_json .store.name "Ye Olde Shoppe"
    adm GET /admin/store
    assert_json .store.swap_link_template "https://shop.example/swap?t={cart_id}"
}

@test "admin store: currencies replaced (any case), the default kept among them" {
    adm POST /admin/store '{"currencies":["EUR","usd","dkk"]}'
    assert_status 200
    assert_json '[.store.currencies[].code]' '["dkk","eur","usd"]'
    adm POST /admin/store '{"currencies":["eur","dkk"],"default_currency_code":"EUR"}'
    assert_status 200
    assert_json .store.default_currency_code eur
    assert_json '[.store.currencies[].code]' '["dkk","eur"]'
    [ "$(sql "SELECT default_currency_code FROM store")" = eur ]
    # Back to the demo's setup for the other tests.
    adm POST /admin/store '{"currencies":["eur","usd"],"default_currency_code":"usd"}'
    assert_status 200
}

@test "admin store: Medusa's errors for currencies, defaults and bodies, nothing written" {
    adm POST /admin/store '{"currencies":["eur"]}'
    assert_medusa_error 400 invalid_data "You are not allowed to remove default currency from store currencies without replacing it as well"
    adm POST /admin/store '{"currencies":["usd","xyz"]}'
    assert_medusa_error 400 invalid_data "Currency with code xyz does not exist"
    adm POST /admin/store '{"default_currency_code":"dkk"}'
    assert_medusa_error 400 invalid_data "Store does not have currency: dkk"
    adm POST /admin/store '{"name":7,"colour":"red"}'
    assert_medusa_error 400 invalid_data "property colour should not exist, name must be a string"
    adm POST /admin/store '{"currencies":"usd"}'
    assert_status 400
    adm GET /admin/store
    assert_json '[.store.currencies[].code]' '["eur","usd"]'
    assert_json .store.default_currency_code usd
    assert_admin_only POST /admin/store '{"name":"x"}'
}

@test "admin store currencies: added and removed by code, Medusa's errors" {
    adm POST /admin/store/currencies/DKK
    assert_status 200
    assert_spec POST /admin/store/currencies/dkk
    assert_json '[.store.currencies[].code]' '["dkk","eur","usd"]'
    adm POST /admin/store/currencies/dkk
    assert_medusa_error 422 duplicate_error "Currency already added" invalid_request_error
    adm POST /admin/store/currencies/xyz
    assert_medusa_error 400 invalid_data "Currency xyz not found"
    adm DELETE /admin/store/currencies/dkk
    assert_status 200
    assert_spec DELETE /admin/store/currencies/dkk
    assert_json '[.store.currencies[].code]' '["eur","usd"]'
    # Removing one the store lacks changes nothing, as Medusa.
    adm DELETE /admin/store/currencies/jpy
    assert_status 200
    assert_json '[.store.currencies[].code]' '["eur","usd"]'
    assert_admin_only POST /admin/store/currencies/dkk
    assert_admin_only DELETE /admin/store/currencies/eur
}

@test "admin store: payment and tax providers" {
    adm GET /admin/store/payment-providers
    assert_status 200
    assert_spec GET /admin/store/payment-providers
    assert_json . '{"payment_providers":[{"id":"manual","is_installed":true}]}'
    adm GET /admin/store/tax-providers
    assert_status 200
    assert_spec GET /admin/store/tax-providers
    assert_json . '{"tax_providers":[]}'
    assert_admin_only GET /admin/store/tax-providers
}

@test "admin currencies: 20 a page by code, q on code and name, code, order, count" {
    adm GET /admin/currencies
    assert_status 200
    assert_spec GET /admin/currencies
    assert_json '[.count, .offset, .limit, (.currencies | length)]' '[120,0,20,20]'
    assert_json '.currencies[0]' '{"code":"aed","symbol":"AED","symbol_native":"د.إ.‏","name":"United Arab Emirates Dirham"}'
    adm GET '/admin/currencies?q=KRONE&limit=5'
    assert_status 200
    assert_json '[.currencies[].code]' '["dkk","nok"]'
    assert_json .count 2
    adm GET '/admin/currencies?code=eur'
    assert_json '[.currencies[].name]' '["Euro"]'
    adm GET '/admin/currencies?order=-code&limit=2&offset=1'
    assert_json '[.currencies[].code]' '["zmk","zar"]'
    adm GET '/admin/currencies?order=name&limit=1'
    assert_json '.currencies[0].name' "Afghan Afghani"
}

@test "admin currencies: Medusa's refusals with tax-inclusive pricing off" {
    adm GET '/admin/currencies?includes_tax=true'
    assert_medusa_error 400 invalid_data "property includes_tax should not exist"
    adm GET '/admin/currencies?order=symbolz'
    assert_medusa_error 400 invalid_data "Order field symbolz is not valid"
    # The flag guard answers Express's bare 404; a body with includes_tax is refused before it.
    adm POST /admin/currencies/eur '{}'
    assert_status 404
    [ "$body" = "Not Found" ]
    adm POST /admin/currencies/eur '{"includes_tax":true}'
    assert_medusa_error 400 invalid_data "property includes_tax should not exist"
    [ "$(sql "SELECT includes_tax FROM currency WHERE code = 'eur'")" = 0 ]
    assert_admin_only GET /admin/currencies
}
