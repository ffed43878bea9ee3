#!/usr/bin/env bats
# 61-admin-pricing.bats: price lists, customer groups and customers from the Admin API (issue #14;
# Medusa v1's price-lists, customer-groups and customers routes, PriceListService,
# CustomerGroupService, CustomerService), and the Store API pricing them at once: a group's sale
# price for its logged-in customer, and nobody else's.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack
    checkout_vars
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    TEE_PRODUCT=$(q "SELECT product_id FROM product_variant WHERE id = '$TEE'")
    MUG=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'coffee-mug' LIMIT 1")
    export NA TEE_PRODUCT MUG
}

teardown_file() {
    stop_stack
}

setup() {
    admin_login
}

# shopper EMAIL: a registered customer; sets SHOPPER (id) and SHOPPER_TOKEN.
shopper() {
    api POST /store/customers "{\"email\":\"$1\",\"password\":\"pw-123456\",\"first_name\":\"S\",\"last_name\":\"P\"}"
    assert_status 200
    SHOPPER=$(jqr .customer.id)
    api POST /store/auth/token "{\"email\":\"$1\",\"password\":\"pw-123456\"}"
    SHOPPER_TOKEN=$(jqr .access_token)
}

# tee_price [TOKEN]: the S / Black tee's calculated EU price in the store, as TOKEN's customer.
tee_price() {
    if [ -n "${1-}" ]; then
        api -H "Authorization: Bearer $1" GET "/store/variants/$TEE?region_id=$EU"
    else
        api GET "/store/variants/$TEE?region_id=$EU"
    fi
    assert_status 200
    jqr '[.variant.calculated_price, .variant.calculated_price_type] | @tsv'
}

@test "admin pricing: every route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only GET /admin/price-lists
    assert_admin_only POST /admin/price-lists '{"name":"x"}'
    assert_admin_only GET /admin/price-lists/pl_x
    assert_admin_only POST /admin/price-lists/pl_x '{"name":"x"}'
    assert_admin_only DELETE /admin/price-lists/pl_x
    assert_admin_only POST /admin/price-lists/pl_x/prices/batch '{"prices":[]}'
    assert_admin_only DELETE /admin/price-lists/pl_x/prices/batch '{"price_ids":["x"]}'
    assert_admin_only GET /admin/price-lists/pl_x/products
    assert_admin_only DELETE /admin/price-lists/pl_x/products/prod_x/prices
    assert_admin_only DELETE /admin/price-lists/pl_x/variants/variant_x/prices
    assert_admin_only DELETE /admin/price-lists/pl_x/products/prices/batch '{"product_ids":["x"]}'
    assert_admin_only GET /admin/customer-groups
    assert_admin_only POST /admin/customer-groups '{"name":"x"}'
    assert_admin_only GET /admin/customer-groups/cgrp_x
    assert_admin_only POST /admin/customer-groups/cgrp_x '{"name":"x"}'
    assert_admin_only DELETE /admin/customer-groups/cgrp_x
    assert_admin_only GET /admin/customer-groups/cgrp_x/customers
    assert_admin_only POST /admin/customer-groups/cgrp_x/customers/batch '{"customer_ids":[]}'
    assert_admin_only DELETE /admin/customer-groups/cgrp_x/customers/batch '{"customer_ids":[]}'
    assert_admin_only POST /admin/customers '{"email":"x@example.com"}'
    assert_admin_only POST /admin/customers/cus_x '{"first_name":"x"}'
    [ "$(q "SELECT count(*) FROM customer_group WHERE name = 'x'")" = 0 ]
}

@test "customer groups: create, read, rename, list with q, name and expand" {
    adm POST /admin/customer-groups '{"name":"VIP","metadata":{"tier":"gold"}}'
    assert_status 200
    assert_spec POST /admin/customer-groups
    assert_json '.customer_group | [.name, .metadata.tier]' '["VIP","gold"]'
    local g
    g=$(jqr .customer_group.id)
    adm GET "/admin/customer-groups/$g"
    assert_spec GET "/admin/customer-groups/$g"
    assert_json .customer_group.name VIP
    adm POST "/admin/customer-groups/$g" '{"name":"VIPs","metadata":{"tier":"","since":2024}}'
    assert_status 200
    assert_spec POST "/admin/customer-groups/$g"
    assert_json '.customer_group | [.name, .metadata]' '["VIPs",{"since":2024}]'
    adm POST /admin/customer-groups '{"name":"Wholesale"}'
    adm GET '/admin/customer-groups?q=vip&expand=customers'
    assert_status 200
    assert_spec GET /admin/customer-groups
    assert_json '[.customer_groups[].name, .customer_groups[0].customers, .count, .limit, .offset]' '["VIPs",[],1,10,0]'
    adm GET '/admin/customer-groups?name[]=Wholesale&order=name'
    assert_json '[.customer_groups[].name]' '["Wholesale"]'
    # q takes name[]'s place (CustomerGroupService sets where.name to the ILike).
    adm GET '/admin/customer-groups?name[]=Wholesale&q=vip'
    assert_json '[.customer_groups[].name]' '["VIPs"]'
    adm GET "/admin/customer-groups?id=$g"
    assert_json '[.customer_groups[].id]' "[\"$g\"]"
}

@test "customer groups: errors as Medusa's" {
    adm POST /admin/customer-groups '{"name":"Dupes"}'
    adm POST /admin/customer-groups '{"name":"Dupes"}'
    assert_medusa_error 422 duplicate_error "Key (name)=(Dupes) already exists." invalid_request_error
    adm POST /admin/customer-groups '{"name":"Other"}'
    local other
    other=$(jqr .customer_group.id)
    adm POST "/admin/customer-groups/$other" '{"name":"Dupes"}'
    assert_medusa_error 422 duplicate_error "Customer_group with name Dupes already exists." invalid_request_error
    adm POST /admin/customer-groups '{"title":"x"}'
    assert_medusa_error 400 invalid_data "property title should not exist, name must be a string"
    adm POST /admin/customer-groups/cgrp_nope '{"name":"x"}'
    assert_medusa_error 404 not_found "CustomerGroup with id cgrp_nope was not found"
    adm GET /admin/customer-groups/cgrp_nope
    assert_medusa_error 404 not_found "CustomerGroup with id cgrp_nope was not found"
    adm POST /admin/customer-groups/cgrp_nope/customers/batch '{"customer_ids":[{"id":"cus_x"}]}'
    assert_medusa_error 404 not_found "CustomerGroup with id cgrp_nope was not found"
    adm POST "/admin/customer-groups/$other/customers/batch" '{"customer_ids":[{"id":"cus_a"},{"id":"cus_b"}]}'
    assert_medusa_error 404 not_found 'The following customer ids do not exist: "cus_a, cus_b"'
    adm POST "/admin/customer-groups/$other/customers/batch" '{"customer_ids":[{"x":1}]}'
    assert_medusa_error 400 invalid_data "property x should not exist, id must be a string"
    adm POST "/admin/customer-groups/$other/customers/batch" '{"customer_ids":["cus_a"]}'
    assert_medusa_error 400 invalid_data "each value in nested property customer_ids must be either object or array"
    adm POST "/admin/customer-groups/$other/customers/batch" '{"customer_ids":"cus_a"}'
    assert_medusa_error 400 invalid_data "each value in nested property customer_ids must be either object or array"
    # deleting is idempotent
    adm DELETE /admin/customer-groups/cgrp_nope
    assert_status 200
    assert_json '[.id, .object, .deleted]' '["cgrp_nope","customer_group",true]'
}

@test "customer groups: members added and removed, listed, and the customers list's groups[] filter" {
    shopper member1@example.com
    local c1=$SHOPPER
    shopper member2@example.com
    local c2=$SHOPPER
    adm POST /admin/customer-groups '{"name":"Members"}'
    local g
    g=$(jqr .customer_group.id)
    adm POST "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$c1\"},{\"id\":\"$c2\"}]}"
    assert_status 200
    assert_spec POST "/admin/customer-groups/$g/customers/batch"
    assert_json .customer_group.name Members
    # adding again is fine
    adm POST "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$c1\"}]}"
    assert_status 200
    adm GET "/admin/customer-groups/$g/customers"
    assert_status 200
    assert_spec GET "/admin/customer-groups/$g/customers"
    assert_json '[.count, ([.customers[].email] | sort)]' '[2,["member1@example.com","member2@example.com"]]'
    adm GET "/admin/customer-groups/$g/customers?q=member2"
    assert_json '[.customers[].email]' '["member2@example.com"]'
    adm GET "/admin/customers?groups[]=$g&limit=1"
    assert_status 200
    assert_spec GET /admin/customers
    assert_json '[.count, .limit, (.customers[0].groups | map(.name))]' '[2,1,["Members"]]'
    adm GET "/admin/customers?groups="
    assert_status 200
    adm GET "/admin/customers?has_account=true&q=member1"
    assert_json '[.customers[].email]' '["member1@example.com"]'
    adm DELETE "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$c1\"}]}"
    assert_status 200
    assert_spec DELETE "/admin/customer-groups/$g/customers/batch"
    adm GET "/admin/customer-groups/$g/customers"
    assert_json '[.customers[].email]' '["member2@example.com"]'
    adm GET "/admin/customer-groups/$g?expand=customers"
    assert_json '[.customer_group.customers[].email]' '["member2@example.com"]'
}

@test "customers: create a registered customer (201), update profile and groups" {
    adm POST /admin/customers '{"email":"Made@Example.com","first_name":"Made","last_name":"Here","password":"pw-123456","phone":"+4912","metadata":{"src":"admin"}}'
    assert_status 201
    assert_spec POST /admin/customers
    assert_json '.customer | [.email, .first_name, .has_account, .phone, .metadata.src, has("password_hash")]' '["made@example.com","Made",true,"+4912","admin",false]'
    local id
    id=$(jqr .customer.id)
    # the customer can log in with the admin-set password
    api POST /store/auth/token '{"email":"made@example.com","password":"pw-123456"}'
    assert_status 200
    adm POST /admin/customer-groups '{"name":"Press"}'
    local g
    g=$(jqr .customer_group.id)
    adm POST "/admin/customers/$id?expand=groups" "{\"first_name\":\"Maud\",\"phone\":\"+4913\",\"groups\":[{\"id\":\"$g\"}],\"metadata\":{\"src\":\"\"}}"
    assert_status 200
    assert_spec POST "/admin/customers/$id"
    assert_json '.customer | [.first_name, .phone, .metadata, [.groups[].name]]' '["Maud","+4913",{},["Press"]]'
    adm POST "/admin/customers/$id" '{"groups":[]}'
    assert_json '.customer | [(.orders | length), (.shipping_addresses | length)]' '[0,0]'
    [ "$(q "SELECT count(*) FROM customer_group_customers WHERE customer_id = '$id'")" = 0 ]
    # a guest's e-mail may change; the admin changes passwords too
    adm POST /admin/customers/$id '{"password":"new-pw-789"}'
    api POST /store/auth/token '{"email":"made@example.com","password":"new-pw-789"}'
    assert_status 200
}

@test "customers: errors as Medusa's" {
    adm POST /admin/customers '{"email":"twice@example.com","first_name":"T","last_name":"W","password":"pw-123456"}'
    local id
    id=$(jqr .customer.id)
    adm POST /admin/customers '{"email":"TWICE@example.com","first_name":"T","last_name":"W","password":"pw-123456"}'
    assert_medusa_error 422 duplicate_error "A customer with the given email already has an account. Log in instead" invalid_request_error
    adm POST /admin/customers '{"email":"not-an-email","first_name":1}'
    assert_medusa_error 400 invalid_data "email must be an email, first_name must be a string, last_name must be a string, password must be a string"
    adm POST "/admin/customers/$id" '{"email":"other@example.com"}'
    assert_medusa_error 400 invalid_data "Email cannot be changed when the user has registered their account"
    adm POST /admin/customers/cus_nope '{"first_name":"x"}'
    assert_medusa_error 404 not_found "Customer with id: cus_nope was not found"
    adm POST "/admin/customers/$id" '{"groups":[{"id":"cgrp_nope"}]}'
    assert_medusa_error 404 not_found "Customer_group with customer_group_id cgrp_nope does not exist."
    adm POST "/admin/customers/$id" '{"groups":[{"name":"x"}],"x":1}'
    assert_medusa_error 400 invalid_data "property x should not exist, property name should not exist, id must be a string"
    adm POST "/admin/customers/$id" '{"groups":["cgrp_x"]}'
    assert_medusa_error 400 invalid_data "each value in nested property groups must be either object or array"
    [ "$(q "SELECT first_name FROM customer WHERE id = '$id'")" = T ]
}

@test "price lists: a group's sale shows in the store for its customer only, at once" {
    shopper vip1@example.com
    local vip=$SHOPPER vip_token=$SHOPPER_TOKEN
    shopper plain1@example.com
    local plain_token=$SHOPPER_TOKEN
    adm POST /admin/customer-groups '{"name":"Sale VIP"}'
    local g
    g=$(jqr .customer_group.id)
    adm POST "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$vip\"}]}"
    [ "$(tee_price "$vip_token")" = "$(printf '1950\tdefault')" ]
    adm POST /admin/price-lists "{\"name\":\"VIP sale\",\"description\":\"For VIPs\",\"type\":\"sale\",\"status\":\"active\",\"customer_groups\":[{\"id\":\"$g\"}],\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":1500},{\"variant_id\":\"$TEE\",\"region_id\":\"$NA\",\"amount\":1700}]}"
    assert_status 200
    assert_spec POST /admin/price-lists
    assert_json '.price_list | [.name, .description, .type, .status, .starts_at, .ends_at, [.customer_groups[].name]]' '["VIP sale","For VIPs","sale","active",null,null,["Sale VIP"]]'
    assert_json '[.price_list.prices[] | [.currency_code, .amount, .variant_id, (.variants | map(.id))]] | sort' "[[\"eur\",1500,\"$TEE\",[\"$TEE\"]],[\"usd\",1700,\"$TEE\",[\"$TEE\"]]]"
    assert_json '[.price_list.prices[] | .region_id] | map(. != null) | sort' '[false,true]'
    local pl
    pl=$(jqr .price_list.id)
    [ "$(tee_price "$vip_token")" = "$(printf '1500\tsale')" ]
    [ "$(tee_price "$plain_token")" = "$(printf '1950\tdefault')" ]
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    # the product list too, and a cart of the customer is priced from the list
    api -H "Authorization: Bearer $vip_token" GET "/store/products?handle=t-shirt&region_id=$EU"
    assert_json "[.products[0].variants[] | select(.id == \"$TEE\") | .calculated_price]" '[1500]'
    # leaving the group ends the price
    adm DELETE "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$vip\"}]}"
    [ "$(tee_price "$vip_token")" = "$(printf '1950\tdefault')" ]
    adm POST "/admin/customer-groups/$g/customers/batch" "{\"customer_ids\":[{\"id\":\"$vip\"}]}"
    # a draft list prices nobody; a list without groups prices everyone
    adm POST "/admin/price-lists/$pl" '{"status":"draft"}'
    assert_status 200
    assert_spec POST "/admin/price-lists/$pl"
    [ "$(tee_price "$vip_token")" = "$(printf '1950\tdefault')" ]
    adm POST "/admin/price-lists/$pl" '{"status":"active","customer_groups":[]}'
    assert_json '.price_list.customer_groups' '[]'
    [ "$(tee_price)" = "$(printf '1500\tsale')" ]
    adm POST "/admin/price-lists/$pl" "{\"customer_groups\":[{\"id\":\"$g\"}]}"
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    # deleting the group never opens the list to everyone
    adm DELETE "/admin/customer-groups/$g"
    assert_status 200
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    [ "$(tee_price "$vip_token")" = "$(printf '1950\tdefault')" ]
    adm DELETE "/admin/price-lists/$pl"
    assert_status 200
    assert_json '[.id, .object, .deleted]' "[\"$pl\",\"price-list\",true]"
    [ "$(q "SELECT count(*) FROM money_amount WHERE price_list_id = '$pl'")" = 0 ]
}

@test "price lists: dates, override type, prices batch, product prices and the list's products" {
    adm POST /admin/price-lists "{\"name\":\"Future\",\"description\":\"d\",\"type\":\"override\",\"status\":\"active\",\"starts_at\":\"2099-01-01T00:00:00.000Z\",\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":1200}]}"
    assert_status 200
    local pl
    pl=$(jqr .price_list.id)
    assert_json '.price_list | [.type, .starts_at]' '["override","2099-01-01T00:00:00.000Z"]'
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    # open now: the price is in force; ended: gone again
    adm POST "/admin/price-lists/$pl" '{"starts_at":"2020-01-01T00:00:00Z","ends_at":"2098-01-01T00:00:00Z"}'
    assert_json '.price_list | [.starts_at, .ends_at]' '["2020-01-01T00:00:00.000Z","2098-01-01T00:00:00.000Z"]'
    [ "$(tee_price)" = "$(printf '1200\toverride')" ]
    adm POST "/admin/price-lists/$pl" '{"ends_at":"2021-01-01T00:00:00Z"}'
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    adm POST "/admin/price-lists/$pl" '{"ends_at":null}'
    assert_json .price_list.ends_at null
    # a price updated by id, one added: the dashboard's edit form
    local ma
    ma=$(jqr '.price_list.prices[0].id')
    adm POST "/admin/price-lists/$pl" "{\"prices\":[{\"id\":\"$ma\",\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":1100},{\"variant_id\":\"$MUG\",\"currency_code\":\"eur\",\"amount\":500,\"min_quantity\":2}]}"
    assert_status 200
    assert_json '[.price_list.prices[] | [.amount, .min_quantity]] | sort' '[[500,2],[1100,null]]'
    [ "$(tee_price)" = "$(printf '1100\toverride')" ]
    # the batch adds; with override it replaces
    adm POST "/admin/price-lists/$pl/prices/batch" "{\"prices\":[{\"variant_id\":\"$TEE\",\"region_id\":\"$NA\",\"amount\":1300}]}"
    assert_status 200
    assert_spec POST "/admin/price-lists/$pl/prices/batch"
    assert_json '.price_list.prices | length' 3
    adm GET "/admin/price-lists/$pl/products?expand=variants,collection"
    assert_status 200
    assert_spec GET "/admin/price-lists/$pl/products"
    assert_json '[.count, .limit, ([.products[].handle] | sort)]' '[2,50,["coffee-mug","t-shirt"]]'
    # a variant shows the list's prices and its own, not other lists'
    assert_json "[.products[] | .variants[] | select(.id == \"$TEE\") | .prices[] | (.price_list_id == null)] | sort" '[false,false,true,true]'
    adm GET "/admin/price-lists/$pl/products?fields=id&limit=1"
    assert_json '[.count, (.products | length)]' '[2,1]'
    # the dashboard's price form reads them through the product list
    adm GET "/admin/products?id[]=$TEE_PRODUCT&price_list_id[]=$pl&expand=variants.prices"
    assert_json "[.products[0].variants[] | select(.id == \"$TEE\") | .prices[] | select(.price_list_id == \"$pl\") | .amount] | sort" '[1100,1300]'
    adm GET "/admin/products?price_list_id[]=$pl"
    assert_json '.count' 2
    # deleting by variant, then by product, then by id
    adm DELETE "/admin/price-lists/$pl/variants/$MUG/prices"
    assert_status 200
    assert_spec DELETE "/admin/price-lists/$pl/variants/$MUG/prices"
    assert_json '[.object, .deleted, (.ids | length)]' '["money-amount",true,1]'
    adm DELETE "/admin/price-lists/$pl/products/$TEE_PRODUCT/prices"
    assert_status 200
    assert_json '.ids | length' 2
    [ "$(tee_price)" = "$(printf '1950\tdefault')" ]
    adm POST "/admin/price-lists/$pl/prices/batch" "{\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":1000},{\"variant_id\":\"$MUG\",\"currency_code\":\"eur\",\"amount\":400}]}"
    local p1
    p1=$(jqr "[.price_list.prices[] | select(.variant_id == \"$MUG\") | .id][0]")
    adm DELETE "/admin/price-lists/$pl/prices/batch" "{\"price_ids\":[\"$p1\"]}"
    assert_status 200
    assert_spec DELETE "/admin/price-lists/$pl/prices/batch"
    assert_json '.ids' "[\"$p1\"]"
    adm POST "/admin/price-lists/$pl/prices/batch" "{\"override\":true,\"prices\":[{\"variant_id\":\"$MUG\",\"currency_code\":\"eur\",\"amount\":300}]}"
    assert_json '[.price_list.prices[] | .amount]' '[300]'
    adm DELETE "/admin/price-lists/$pl/products/prices/batch" "{\"product_ids\":[\"$TEE_PRODUCT\"]}"
    assert_status 200
    assert_json '.ids' '[]'
}

@test "price lists: the list page's filters and expand" {
    adm POST /admin/customer-groups '{"name":"Listed"}'
    local g
    g=$(jqr .customer_group.id)
    adm POST /admin/price-lists "{\"name\":\"Spring outlet\",\"description\":\"spring\",\"type\":\"sale\",\"prices\":[],\"customer_groups\":[{\"id\":\"$g\"}]}"
    local spring
    spring=$(jqr .price_list.id)
    adm POST /admin/price-lists '{"name":"Autumn","description":"autumn","type":"override","status":"active","prices":[]}'
    adm GET '/admin/price-lists?expand=customer_groups&limit=20&status[]=draft'
    assert_status 200
    assert_spec GET /admin/price-lists
    assert_json '[.price_lists[] | [.name, .status, [.customer_groups[].name]]]' '[["Spring outlet","draft",["Listed"]]]'
    adm GET '/admin/price-lists?q=listed'
    assert_json '[.price_lists[].id]' "[\"$spring\"]"
    adm GET '/admin/price-lists?q=autumn&type[]=override'
    assert_json '[.price_lists[].name]' '["Autumn"]'
    adm GET "/admin/price-lists?customer_groups[]=$g"
    assert_json '[.price_lists[].id]' "[\"$spring\"]"
    adm GET "/admin/price-lists/$spring"
    assert_spec GET "/admin/price-lists/$spring"
    assert_json '.price_list | [.name, .prices, [.customer_groups[].id]]' "[\"Spring outlet\",[],[\"$g\"]]"
    adm GET '/admin/price-lists?status[]=paused'
    assert_medusa_error 400 invalid_data "each value in status must be one of the following values: active, draft"
    adm GET '/admin/price-lists?fields=id'
    assert_medusa_error 400 invalid_data "property fields should not exist"
    # deleted_at matches deleted lists only (buildQuery's withDeleted), and a deleted price list
    # is removed outright (PriceListService.delete): none, before and after.
    adm GET '/admin/price-lists?deleted_at[gt]=2000-01-01'
    assert_status 200
    assert_spec GET /admin/price-lists
    assert_json .count 0
    adm DELETE "/admin/price-lists/$spring"
    adm GET '/admin/price-lists?deleted_at[gt]=2000-01-01'
    assert_json .count 0
}

@test "price lists: errors as Medusa's, nothing written" {
    adm POST /admin/price-lists '{"name":"x"}'
    assert_medusa_error 400 invalid_data "description must be a string, type must be one of the following values: sale, override, prices must be an array"
    adm POST /admin/price-lists '{"name":"x","description":"d","type":"flash","status":"live","starts_at":"soon","prices":[{"amount":"1"}],"includes_tax":true}'
    assert_medusa_error 400 invalid_data 'property includes_tax should not exist, starts_at must be a Date instance, status must be one of the following values: active, draft, type must be one of the following values: sale, override, amount must be an integer number, variant_id must be a string, Failed XOR relation between "region_id" and "currency_code"., Failed XOR relation between "currency_code" and "region_id".'
    adm POST /admin/price-lists '{"name":"x","description":"d","type":"sale","prices":[],"customer_groups":[{"id":"cgrp_nope"}]}'
    assert_medusa_error 404 not_found "CustomerGroup with id cgrp_nope was not found"
    adm POST /admin/price-lists '{"name":"x","description":"d","type":"sale","prices":[{"variant_id":"variant_nope","currency_code":"eur","amount":1}]}'
    assert_medusa_error 404 not_found "Product_variant with variant_id variant_nope does not exist."
    adm POST /admin/price-lists "{\"name\":\"x\",\"description\":\"d\",\"type\":\"sale\",\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"xyz\",\"amount\":1}]}"
    assert_medusa_error 404 not_found "Currency with currency_code xyz does not exist."
    adm POST /admin/price-lists "{\"name\":\"x\",\"description\":\"d\",\"type\":\"sale\",\"prices\":[{\"variant_id\":\"$TEE\",\"region_id\":\"reg_nope\",\"amount\":1}]}"
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    # Ours (issue #12): no price below 0 nor past Medusa's integer column.
    adm POST /admin/price-lists "{\"name\":\"x\",\"description\":\"d\",\"type\":\"sale\",\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":-500}]}"
    assert_medusa_error 400 invalid_data "amount must not be less than 0"
    adm POST /admin/price-lists "{\"name\":\"x\",\"description\":\"d\",\"type\":\"sale\",\"prices\":[{\"variant_id\":\"$TEE\",\"currency_code\":\"eur\",\"amount\":2147483648}]}"
    assert_medusa_error 400 invalid_data "amount must not be greater than 2147483647"
    [ "$(q "SELECT count(*) FROM price_list WHERE name = 'x'")" = 0 ]
    adm GET /admin/price-lists/pl_nope
    assert_medusa_error 404 not_found "Price list with id: pl_nope was not found"
    adm POST /admin/price-lists/pl_nope '{"name":"y"}'
    assert_medusa_error 404 not_found "Price list with id: pl_nope was not found"
    adm POST /admin/price-lists/pl_nope/prices/batch '{"prices":[]}'
    assert_medusa_error 404 not_found "Price list with id: pl_nope was not found"
    adm DELETE /admin/price-lists/pl_nope/prices/batch '{"price_ids":["ma_x"]}'
    assert_medusa_error 404 not_found "Price list with id: pl_nope was not found"
    adm DELETE /admin/price-lists/pl_nope/prices/batch '{"price_ids":[]}'
    assert_medusa_error 400 invalid_data "price_ids should not be empty"
    adm DELETE /admin/price-lists/pl_nope/products/prices/batch '{"product_ids":[1]}'
    assert_medusa_error 400 invalid_data "each value in product_ids must be a string"
    adm POST /admin/price-lists '{"name":"Mine","description":"d","type":"sale","prices":[]}'
    local pl
    pl=$(jqr .price_list.id)
    adm POST "/admin/price-lists/$pl" '{"prices":[{"id":"ma_nope","variant_id":"x","amount":1}]}'
    assert_medusa_error 404 not_found "Money amount with id: ma_nope was not found"
    # deleting an unknown list is fine
    adm DELETE /admin/price-lists/pl_nope
    assert_status 200
}
