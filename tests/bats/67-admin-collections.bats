#!/usr/bin/env bats
# 67-admin-collections.bats: collections and product categories from the Admin API beyond create
# (issue #14; Medusa v1's update-collection.ts ... remove-products.ts, update-product-category.ts
# ... delete-products-batch.ts, ProductCategoryService's reordering), the categories page's tree
# query, and what the Store API shows of them.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack
    checkout_vars
    TEE_PRODUCT=$(q "SELECT product_id FROM product_variant WHERE id = '$TEE'")
    MUG_PRODUCT=$(q "SELECT p.id FROM product p WHERE p.handle = 'coffee-mug'")
    export TEE_PRODUCT MUG_PRODUCT
}

teardown_file() {
    stop_stack
}

setup() {
    admin_login
}

# ranks PARENT_ID|null: "name:rank ..." of the parent's children by rank.
ranks() {
    local where="parent_category_id = '$1'"
    [ "$1" = null ] && where="parent_category_id IS NULL"
    q "SELECT group_concat(name || ':' || rank, ' ') FROM (SELECT name, rank FROM product_category WHERE $where ORDER BY rank) AS r"
}

cat_id() {
    q "SELECT id FROM product_category WHERE handle = '$1'"
}

@test "admin collections and categories: every new route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only POST /admin/collections/pcol_x '{"title":"x"}'
    assert_admin_only DELETE /admin/collections/pcol_x
    assert_admin_only POST /admin/collections/pcol_x/products/batch '{"product_ids":["x"]}'
    assert_admin_only DELETE /admin/collections/pcol_x/products/batch '{"product_ids":["x"]}'
    assert_admin_only POST /admin/product-categories/pcat_x '{"name":"x"}'
    assert_admin_only DELETE /admin/product-categories/pcat_x
    assert_admin_only POST /admin/product-categories/pcat_x/products/batch '{"product_ids":[]}'
    assert_admin_only DELETE /admin/product-categories/pcat_x/products/batch '{"product_ids":[]}'
}

@test "collections: update, products batch in and out; the store follows" {
    adm POST /admin/collections '{"title":"Summer","metadata":{"a":1}}'
    local col
    col=$(jqr .collection.id)
    adm POST "/admin/collections/$col" '{"title":"Summer 2025","handle":"summer-25","metadata":{"a":"","b":2}}'
    assert_status 200
    assert_spec POST "/admin/collections/$col"
    assert_json '.collection | [.title, .handle, .metadata]' '["Summer 2025","summer-25",{"b":2}]'
    adm POST "/admin/collections/$col/products/batch" "{\"product_ids\":[\"$TEE_PRODUCT\",\"$MUG_PRODUCT\",\"prod_nope\"]}"
    assert_status 200
    assert_spec POST "/admin/collections/$col/products/batch"
    assert_json '[.collection.products[].id] | sort' "$(jq -cn --arg a "$TEE_PRODUCT" --arg b "$MUG_PRODUCT" '[$a,$b] | sort')"
    api GET "/store/products?collection_id[]=$col"
    assert_json '.count' 2
    adm DELETE "/admin/collections/$col/products/batch" "{\"product_ids\":[\"$MUG_PRODUCT\"]}"
    assert_status 200
    assert_spec DELETE "/admin/collections/$col/products/batch"
    assert_json '[.id, .object, .removed_products]' "[\"$col\",\"product-collection\",[\"$MUG_PRODUCT\"]]"
    api GET "/store/products?collection_id[]=$col"
    assert_json '[.products[].id]' "[\"$TEE_PRODUCT\"]"
    # the list's filters the dashboard sends
    adm GET '/admin/collections?q=summer&offset=0&limit=12'
    assert_status 200
    assert_spec GET /admin/collections
    assert_json '[.collections[].handle, .limit]' '["summer-25",12]'
    adm GET '/admin/collections?handle=summer-25'
    assert_json '.count' 1
}

@test "collections: delete is soft; errors as Medusa's" {
    adm POST /admin/collections '{"title":"Taken"}'
    adm POST /admin/collections '{"title":"Doomed"}'
    local col
    col=$(jqr .collection.id)
    adm POST "/admin/collections/$col" '{"handle":"taken"}'
    assert_medusa_error 422 duplicate_error "Product_collection with handle taken already exists." invalid_request_error
    adm POST "/admin/collections/$col" '{"title":5,"x":1}'
    assert_medusa_error 400 invalid_data "property x should not exist, title must be a string"
    adm POST "/admin/collections/$col/products/batch" '{"product_ids":[]}'
    assert_medusa_error 400 invalid_data "product_ids should not be empty"
    adm DELETE "/admin/collections/$col/products/batch" '{"product_ids":"x"}'
    assert_medusa_error 400 invalid_data "product_ids should not be empty"
    adm POST "/admin/collections/$col/products/batch" '{"product_ids":[1]}'
    assert_medusa_error 400 invalid_data "each value in product_ids must be a string"
    adm POST /admin/collections/pcol_nope '{"title":"x"}'
    assert_medusa_error 404 not_found "Product collection with id: pcol_nope was not found"
    adm POST /admin/collections/pcol_nope/products/batch '{"product_ids":["x"]}'
    assert_medusa_error 404 not_found "Product collection with id: pcol_nope was not found"
    adm DELETE "/admin/collections/$col"
    assert_status 200
    assert_spec DELETE "/admin/collections/$col"
    assert_json '[.id, .object, .deleted]' "[\"$col\",\"product-collection\",true]"
    adm GET "/admin/collections/$col"
    assert_medusa_error 404 not_found "Product collection with id: $col was not found"
    adm DELETE "/admin/collections/$col"
    assert_medusa_error 404 not_found "Product collection with id: $col was not found"
    api GET "/store/collections/$col"
    assert_status 404
}

@test "collections: the list's q (title or handle, in place of the other filters), deleted_at, no expand" {
    adm POST /admin/collections '{"title":"Autumn Knits","handle":"fall-wool"}'
    local fall gone t0
    fall=$(jqr .collection.id)
    t0=$(jqr .collection.created_at)
    adm POST /admin/collections '{"title":"Gone Soon","handle":"gone-soon"}'
    gone=$(jqr .collection.id)
    # q matches the handle too (ILike on title OR handle).
    adm GET '/admin/collections?q=FALL-W'
    assert_status 200
    assert_spec GET /admin/collections
    assert_json '[.collections[].id]' "[\"$fall\"]"
    # With q, title, handle and the dates no longer filter (the service deletes them).
    adm GET "/admin/collections?q=knits&title=Nothing&handle=nothing&created_at[lt]=2000-01-01"
    assert_json '[.collections[].id]' "[\"$fall\"]"
    adm GET '/admin/collections?title=Nothing'
    assert_json .count 0
    # deleted_at lists deleted collections only (withDeleted), within its bounds (from this
    # test's start: earlier tests delete theirs).
    adm GET "/admin/collections?deleted_at[gte]=$t0"
    assert_status 200
    assert_json .count 0
    adm DELETE "/admin/collections/$gone"
    adm GET "/admin/collections?deleted_at[gte]=$t0"
    assert_status 200
    assert_spec GET /admin/collections
    assert_json '[.collections[] | [.id, (.deleted_at != null)]]' "[[\"$gone\",true]]"
    adm GET "/admin/collections?deleted_at[lt]=$t0"
    assert_json "[.collections[].id] | any(. == \"$gone\")" false
    adm GET '/admin/collections?q=gone'
    assert_json .count 0
    # AdminGetCollectionsParams has neither expand nor fields.
    adm GET '/admin/collections?expand=products&fields=title'
    assert_medusa_error 400 invalid_data "property expand should not exist, property fields should not exist"
}

@test "categories: the page's tree query, update, ranks and moves between parents" {
    adm POST /admin/product-categories '{"name":"Home","handle":"home","is_active":true}'
    local home
    home=$(jqr .product_category.id)
    adm POST /admin/product-categories "{\"name\":\"Kitchen\",\"handle\":\"kitchen\",\"parent_category_id\":\"$home\",\"is_active\":true}"
    local kitchen
    kitchen=$(jqr .product_category.id)
    adm POST /admin/product-categories "{\"name\":\"Pots\",\"handle\":\"pots\",\"parent_category_id\":\"$kitchen\",\"is_active\":true}"
    adm POST /admin/product-categories "{\"name\":\"Pans\",\"handle\":\"pans\",\"parent_category_id\":\"$kitchen\"}"
    adm POST /admin/product-categories "{\"name\":\"Bath\",\"handle\":\"bath\",\"parent_category_id\":\"$home\"}"
    adm GET '/admin/product-categories?parent_category_id=null&include_descendants_tree=true'
    assert_status 200
    assert_spec GET /admin/product-categories
    assert_json '[.product_categories[] | select(.handle == "home") | .category_children[] | {h: .handle, c: [.category_children[] | {h: .handle, c: .category_children}]}]' '[{"h":"kitchen","c":[{"h":"pots","c":[]},{"h":"pans","c":[]}]},{"h":"bath","c":[]}]'
    # without the tree, one level
    adm GET "/admin/product-categories?parent_category_id=$home"
    assert_json '[.product_categories[].handle]' '["kitchen","bath"]'
    adm GET '/admin/product-categories?q=pan&is_active=false'
    assert_json '[.product_categories[].handle]' '["pans"]'
    adm GET "/admin/product-categories/$home"
    assert_spec GET "/admin/product-categories/$home"
    assert_json '[.product_category.category_children[0].category_children[].handle]' '["pots","pans"]'
    # update the columns
    local pans
    pans=$(cat_id pans)
    adm POST "/admin/product-categories/$pans" '{"name":"Frying pans","description":"d","handle":"frying-pans","is_active":true,"is_internal":true,"metadata":{"x":1}}'
    assert_status 200
    assert_spec POST "/admin/product-categories/$pans"
    assert_json '.product_category | [.name, .description, .handle, .is_active, .is_internal, .metadata.x, .parent_category.handle]' '["Frying pans","d","frying-pans",true,true,1,"kitchen"]'
    # rank within the parent
    adm POST "/admin/product-categories/$pans" '{"rank":0}'
    assert_json .product_category.rank 0
    [ "$(ranks "$kitchen")" = "Frying pans:0 Pots:1" ]
    # move to another parent at a rank; the old parent closes the gap
    local bath
    bath=$(cat_id bath)
    adm POST "/admin/product-categories/$pans" "{\"parent_category_id\":\"$home\",\"rank\":1}"
    assert_status 200
    assert_json '.product_category | [.parent_category_id, .rank]' "[\"$home\",1]"
    [ "$(ranks "$home")" = "Kitchen:0 Frying pans:1 Bath:2" ]
    [ "$(ranks "$kitchen")" = "Pots:0" ]
    # to the roots, last by default; a subtree moves with its root
    adm POST "/admin/product-categories/$kitchen" '{"parent_category_id":null}'
    assert_json '.product_category.parent_category_id' null
    [ "$(ranks "$home")" = "Frying pans:0 Bath:1" ]
    [ "$(q "SELECT mpath FROM product_category WHERE handle = 'pots'")" = "$kitchen.$(cat_id pots)." ]
    # a rank past the end is the end
    adm POST "/admin/product-categories/$bath" '{"rank":99}'
    [ "$(ranks "$home")" = "Frying pans:0 Bath:1" ]
}

@test "categories: products batch, delete, and what the store shows" {
    adm POST /admin/product-categories '{"name":"Gifts","handle":"gifts","is_active":true}'
    local gifts
    gifts=$(jqr .product_category.id)
    adm POST "/admin/product-categories/$gifts/products/batch?expand=category_children" "{\"product_ids\":[{\"id\":\"$TEE_PRODUCT\"},{\"id\":\"$MUG_PRODUCT\"}]}"
    assert_status 200
    assert_spec POST "/admin/product-categories/$gifts/products/batch"
    assert_json '.product_category | [.handle, has("parent_category")]' '["gifts",false]'
    api GET "/store/products?category_id[]=$gifts"
    assert_json .count 2
    adm DELETE "/admin/product-categories/$gifts/products/batch" "{\"product_ids\":[{\"id\":\"$MUG_PRODUCT\"}]}"
    assert_status 200
    assert_spec DELETE "/admin/product-categories/$gifts/products/batch"
    api GET "/store/products?category_id[]=$gifts"
    assert_json '[.products[].id]' "[\"$TEE_PRODUCT\"]"
    # hidden from the store when inactive
    adm POST "/admin/product-categories/$gifts" '{"is_active":false}'
    api GET "/store/product-categories/$gifts"
    assert_status 404
    adm POST /admin/product-categories '{"name":"Z1","handle":"z1"}'
    adm POST /admin/product-categories '{"name":"Z2","handle":"z2"}'
    local z1 before
    z1=$(cat_id z1)
    before=$(q "SELECT rank FROM product_category WHERE handle = 'z2'")
    adm DELETE "/admin/product-categories/$z1"
    assert_status 200
    assert_spec DELETE "/admin/product-categories/$z1"
    assert_json '[.id, .object, .deleted]' "[\"$z1\",\"product-category\",true]"
    [ "$(q "SELECT rank FROM product_category WHERE handle = 'z2'")" = $((before - 1)) ]
    adm DELETE "/admin/product-categories/$z1"
    assert_status 200
}

@test "categories: errors as Medusa's, nothing written" {
    adm POST /admin/product-categories '{"name":"Parent","handle":"parent-e"}'
    local parent
    parent=$(jqr .product_category.id)
    adm POST /admin/product-categories "{\"name\":\"Child\",\"handle\":\"child-e\",\"parent_category_id\":\"$parent\"}"
    local child
    child=$(jqr .product_category.id)
    adm DELETE "/admin/product-categories/$parent"
    assert_medusa_error 400 not_allowed "Deleting ProductCategory ($parent) with category children is not allowed"
    adm POST "/admin/product-categories/$child" '{"handle":"parent-e"}'
    assert_medusa_error 422 duplicate_error "Product_category with handle parent-e already exists." invalid_request_error
    adm POST "/admin/product-categories/$child" '{"parent_category_id":"pcat_nope"}'
    assert_medusa_error 404 not_found "ProductCategory with id: pcat_nope was not found"
    adm POST /admin/product-categories/pcat_nope '{"name":"x"}'
    assert_medusa_error 404 not_found "ProductCategory with id: pcat_nope was not found"
    adm POST "/admin/product-categories/$parent" "{\"parent_category_id\":\"$child\"}"
    assert_medusa_error 400 invalid_data "A category cannot be moved under itself or one of its descendants"
    adm POST "/admin/product-categories/$child" '{"rank":-1,"handle":"","name":2}'
    assert_medusa_error 400 invalid_data "name must be a string, handle should not be empty, rank must not be less than 0"
    adm POST "/admin/product-categories/$child" '{"rank":"x"}'
    assert_medusa_error 400 invalid_data "rank must not be less than 0, rank must be an integer number"
    adm POST "/admin/product-categories/$child/products/batch" '{"product_ids":[{"id":"prod_a"},{"id":"prod_b"}]}'
    assert_status 400
    assert_json . '{"errors":["Products prod_a, prod_b do not exist"],"message":"Provided request body contains errors. Please check the data and retry the request"}'
    adm POST "/admin/product-categories/$child/products/batch" '{"product_ids":["x"]}'
    assert_medusa_error 400 invalid_data "each value in nested property product_ids must be either object or array"
    adm POST /admin/product-categories/pcat_nope/products/batch "{\"product_ids\":[{\"id\":\"$TEE_PRODUCT\"}]}"
    assert_medusa_error 404 not_found "ProductCategory with id: pcat_nope was not found"
    adm GET '/admin/product-categories?expand=products'
    assert_medusa_error 400 invalid_data "Requested fields [products] are not valid"
    [ "$(q "SELECT parent_category_id FROM product_category WHERE id = '$child'")" = "$parent" ]
}
