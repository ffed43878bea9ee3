#!/usr/bin/env bats
# 10-catalog-misc.bats: collections, product tags and types, product categories, return reasons,
# the general shipping-option listing and regions (store.md §5.6-5.9, §6.1, §6.2), on the demo
# store plus tests/fixtures/catalog-misc.json.

load helpers
load spec

# sql QUERY: runs it on the file's database (every query here reads one column: a row a line).
sql() {
    dbsql "$1"
}

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/catalog-misc.json"
    # The seed makes every category active (as Medusa's seed does); hide one subtree's root.
    sql "UPDATE product_category SET is_active = 0 WHERE handle = 'archive'"
}

teardown_file() {
    stop_stack
}

cat_id() {
    sql "SELECT id FROM product_category WHERE handle = '$1'"
}

# Compact tree of a category: {h: handle, p: parent handle (if the key is there), c: children}.
TREE='def t: {h: .handle}
    + (if has("parent_category") then {p: (.parent_category | if . then .handle else null end)} else {} end)
    + (if has("category_children") then {c: (.category_children | map(t))} else {} end);'

# ---- collections (store.md §5.6) ----------------------------------------------------------------

@test "collections: list is created_at DESC with limit 10, columns only" {
    api GET /store/collections
    assert_status 200
    assert_json '[.collections[].handle]' '["winter","autumn","summer","spring"]'
    assert_json '[.count, .offset, .limit]' '[4,0,10]'
    assert_json '.collections[0] | keys_unsorted' \
        '["id","title","handle","metadata","created_at","updated_at","deleted_at"]'
    assert_json '.collections[2] | [.title, .metadata, .deleted_at]' '["Summer",{"season":2},null]'
    assert_spec GET /store/collections
}

@test "collections: handle[] filters exactly, limit and offset page the matches" {
    api GET '/store/collections?handle[]=spring&handle[]=winter&handle[]=nope'
    assert_json '[.collections[].handle]' '["winter","spring"]'
    assert_json '.count' 2
    api GET '/store/collections?handle[]=spring&handle[]=winter&limit=1&offset=1'
    assert_status 200
    assert_json '[.collections[].handle]' '["spring"]'
    assert_json '[.count, .offset, .limit]' '[2,1,1]'
    assert_spec GET '/store/collections?handle[]=spring&handle[]=winter&limit=1&offset=1'
    # Repeated and indexed keys are arrays too; one element is split on commas (store.md §1.4).
    api GET '/store/collections?handle=autumn&handle=summer'
    assert_json '[.collections[].handle]' '["autumn","summer"]'
    api GET '/store/collections?handle[0]=autumn'
    assert_json '[.collections[].handle]' '["autumn"]'
    api GET '/store/collections?handle[]=autumn,spring'
    assert_json '[.collections[].handle]' '["autumn","spring"]'
}

@test "collections: created_at and updated_at bounds" {
    local t
    t=$(sql "SELECT created_at FROM product_collection WHERE handle = 'summer'")
    api GET "/store/collections?created_at[gt]=$t"
    assert_json '[.collections[].handle]' '["winter","autumn"]'
    api GET "/store/collections?created_at[gte]=$t&created_at[lt]=2999-01-01"
    assert_json '[.collections[].handle]' '["winter","autumn","summer"]'
    api GET "/store/collections?created_at[lte]=$t"
    assert_json '[.collections[].handle]' '["summer","spring"]'
    api GET '/store/collections?updated_at[lt]=2000-01-01'
    assert_status 200
    assert_json '[.count, (.collections | length)]' '[0,0]'
    assert_spec GET '/store/collections?updated_at[lt]=2000-01-01'
}

@test "collections: fields, expand, q and order are not accepted" {
    api GET '/store/collections?fields=title'
    assert_medusa_error 400 invalid_data "property fields should not exist"
    api GET '/store/collections?expand=products'
    assert_medusa_error 400 invalid_data "property expand should not exist"
    api GET '/store/collections?q=sum&order=title'
    assert_medusa_error 400 invalid_data "property q should not exist, property order should not exist"
}

@test "collections: bad handle, limit and dates are 400s" {
    api GET '/store/collections?handle=spring'
    assert_medusa_error 400 invalid_data "handle must be an array"
    api GET '/store/collections?limit=abc&offset=1.5'
    assert_medusa_error 400 invalid_data \
        "limit must be an integer number, offset must be an integer number"
    api GET '/store/collections?created_at[gt]=not-a-date'
    assert_medusa_error 400 invalid_data "gt must be a Date instance"
}

@test "collections: GET /:id returns the columns and ignores the query" {
    local id
    id=$(sql "SELECT id FROM product_collection WHERE handle = 'summer'")
    api GET "/store/collections/$id?fields=title&whatever=1"
    assert_status 200
    assert_json '.collection | [.id, .title, .handle, .metadata, .deleted_at]' \
        "[\"$id\",\"Summer\",\"summer\",{\"season\":2},null]"
    assert_json '.collection | keys_unsorted' \
        '["id","title","handle","metadata","created_at","updated_at","deleted_at"]'
    assert_spec GET "/store/collections/$id"
}

@test "collections: GET /:id of an unknown collection is 404" {
    api GET /store/collections/pcol_missing
    assert_medusa_error 404 not_found "Product collection with id: pcol_missing was not found"
}

# ---- product tags and types (store.md §5.7) -----------------------------------------------------

@test "product-tags: list is created_at DESC, limit 20, four columns" {
    api GET /store/product-tags
    assert_status 200
    assert_json '[.product_tags[].value]' '["delta","Gamma Ray","beta","Alpha"]'
    assert_json '[.count, .offset, .limit]' '[4,0,20]'
    assert_json '.product_tags[0] | keys_unsorted' '["id","value","created_at","updated_at"]'
    assert_spec GET /store/product-tags
}

@test "product-tags: limit and offset page the list" {
    api GET '/store/product-tags?limit=2&offset=1'
    assert_status 200
    assert_json '[.product_tags[].value]' '["Gamma Ray","beta"]'
    assert_json '[.count, .offset, .limit]' '[4,1,2]'
    assert_spec GET '/store/product-tags?limit=2&offset=1'
}

@test "product-tags: order by one of id, value, created_at, updated_at" {
    api GET '/store/product-tags?order=created_at'
    assert_json '[.product_tags[].value]' '["Alpha","beta","Gamma Ray","delta"]'
    api GET '/store/product-tags?order=-updated_at'
    assert_json '[.product_tags[].value]' '["delta","Gamma Ray","beta","Alpha"]'
    api GET '/store/product-tags?order=id'
    assert_status 200
    assert_json '[.product_tags[].id] == ([.product_tags[].id] | sort)' true
    api GET '/store/product-tags?order=-value'
    assert_json '.product_tags[-1].value' Alpha
    assert_spec GET '/store/product-tags?order=-value'
}

@test "product-tags: order by another column is 400" {
    api GET '/store/product-tags?order=metadata'
    assert_medusa_error 400 invalid_data "Order field metadata is not valid"
    api GET '/store/product-tags?order=-deleted_at'
    assert_medusa_error 400 invalid_data "Order field deleted_at is not valid"
}

@test "product-tags: q is a case-insensitive substring of value and replaces value" {
    api GET '/store/product-tags?q=ET'
    assert_json '[.product_tags[].value]' '["beta"]'
    api GET '/store/product-tags?q=ray&value=Alpha'
    assert_status 200
    assert_json '[.product_tags[].value]' '["Gamma Ray"]'
    assert_json '.count' 1
    assert_spec GET '/store/product-tags?q=ray&value=Alpha'
}

@test "product-tags: value as a string, an array or operators" {
    api GET '/store/product-tags?value=Alpha'
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET '/store/product-tags?value=Alpha,delta'
    assert_json '.count' 0
    api GET '/store/product-tags?value[]=Alpha,delta'
    assert_json '[.product_tags[].value]' '["delta","Alpha"]'
    api GET '/store/product-tags?value[contains]=ET'
    assert_json '[.product_tags[].value]' '["beta"]'
    api GET '/store/product-tags?value[starts_with]=g&value[ends_with]=AY'
    assert_json '[.product_tags[].value]' '["Gamma Ray"]'
    api GET '/store/product-tags?value[starts_with]=a'
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET '/store/product-tags?value[gte]=beta&value[lt]=delta'
    assert_json '[.product_tags[].value]' '["beta"]'
    api GET '/store/product-tags?value[gt]=beta&value[lte]=delta'
    assert_status 200
    assert_json '[.product_tags[].value]' '["delta"]'
    assert_spec GET '/store/product-tags?value[gt]=beta&value[lte]=delta'
}

@test "product-tags: id as a string, an array or operators" {
    local alpha beta
    alpha=$(sql "SELECT id FROM product_tag WHERE value = 'Alpha'")
    beta=$(sql "SELECT id FROM product_tag WHERE value = 'beta'")
    api GET "/store/product-tags?id=$alpha"
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET "/store/product-tags?id[]=$alpha&id[]=$beta"
    assert_json '[.product_tags[].value]' '["beta","Alpha"]'
    api GET "/store/product-tags?id[lte]=$alpha&id[gte]=$alpha"
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET "/store/product-tags?id[starts_with]=PTAG_&id[ends_with]=${alpha: -4}"
    assert_json '[.product_tags[].value]' '["Alpha"]'
}

@test "product-tags: discount_condition_id lists the tags of that condition" {
    local cond
    cond=$(sql "SELECT id FROM discount_condition WHERE type = 'product_tags'")
    api GET "/store/product-tags?discount_condition_id=$cond"
    assert_status 200
    assert_json '[.product_tags[].value]' '["Gamma Ray","Alpha"]'
    assert_json '.count' 2
    assert_spec GET "/store/product-tags?discount_condition_id=$cond"
    api GET "/store/product-tags?discount_condition_id=$cond&q=alp"
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET '/store/product-tags?discount_condition_id=discon_missing'
    assert_json '.count' 0
}

@test "product-tags: created_at bounds" {
    local t
    t=$(sql "SELECT created_at FROM product_tag WHERE value = 'beta'")
    api GET "/store/product-tags?created_at[lt]=$t"
    assert_json '[.product_tags[].value]' '["Alpha"]'
    api GET "/store/product-tags?updated_at[gte]=$t"
    assert_json '[.product_tags[].value]' '["delta","Gamma Ray","beta"]'
}

@test "product-tags: fields and expand are not accepted" {
    api GET '/store/product-tags?fields=value&expand=products'
    assert_medusa_error 400 invalid_data \
        "property fields should not exist, property expand should not exist"
}

@test "product-tags: type errors are collected in the DTO's order" {
    api GET '/store/product-tags?limit=abc&offset=x&q[]=1&q[]=2'
    assert_medusa_error 400 invalid_data "q must be a string, offset must be a number conforming to the specified constraints, limit must be a number conforming to the specified constraints"
}

@test "product-tags: a bad id or value is IsType's JSON message, alone" {
    api GET '/store/product-tags?value[foo]=x'
    assert_medusa_error 400 invalid_data '{"message":"value must be one of: String,String,StringComparisonOperator","details":{"String":["String validation failed: [object Object] is not a string"],"undefined":["targetType is not a constructor"],"StringComparisonOperator":["property foo should not exist"]}}'
    api GET '/store/product-tags?id[lt][]=x&foo=1&limit=abc'
    assert_medusa_error 400 invalid_data '{"message":"id must be one of: String,String,StringComparisonOperator","details":{"String":["String validation failed: [object Object] is not a string"],"undefined":["targetType is not a constructor"],"StringComparisonOperator":["lt must be a string"]}}'
}

@test "product-types: list is created_at DESC, limit 20, four columns" {
    api GET /store/product-types
    assert_status 200
    assert_json '[.product_types[].value]' '["Poster Print","Mug","Shirt"]'
    assert_json '[.count, .offset, .limit]' '[3,0,20]'
    assert_json '.product_types[0] | keys_unsorted' '["id","value","created_at","updated_at"]'
    assert_spec GET /store/product-types
}

@test "product-types: order by any column of the type" {
    api GET '/store/product-types?order=-value'
    assert_json '[.product_types[].value]' '["Shirt","Poster Print","Mug"]'
    api GET '/store/product-types?order=metadata&limit=1&offset=2'
    assert_status 200
    assert_json '[.count, .offset, .limit, (.product_types | length)]' '[3,2,1,1]'
    assert_spec GET '/store/product-types?order=metadata&limit=1&offset=2'
    api GET '/store/product-types?order=nope'
    assert_medusa_error 400 invalid_data "Order field nope is not valid"
}

@test "product-types: q, value, id and discount_condition_id filter" {
    local cond mug
    api GET '/store/product-types?q=P'
    assert_json '[.product_types[].value]' '["Poster Print"]'
    api GET '/store/product-types?value[]=Mug&value[]=Shirt'
    assert_json '[.product_types[].value]' '["Mug","Shirt"]'
    mug=$(sql "SELECT id FROM product_type WHERE value = 'Mug'")
    api GET "/store/product-types?id=$mug"
    assert_json '[.product_types[].value]' '["Mug"]'
    cond=$(sql "SELECT id FROM discount_condition WHERE type = 'product_types'")
    api GET "/store/product-types?discount_condition_id=$cond"
    assert_status 200
    assert_json '[.product_types[].value]' '["Poster Print"]'
    assert_spec GET "/store/product-types?discount_condition_id=$cond"
}

@test "product-types: unknown properties and bad operators are 400" {
    api GET '/store/product-types?fields=value'
    assert_medusa_error 400 invalid_data "property fields should not exist"
    api GET '/store/product-types?value[has]=M'
    assert_medusa_error 400 invalid_data '{"message":"value must be one of: String,String,StringComparisonOperator","details":{"String":["String validation failed: [object Object] is not a string"],"undefined":["targetType is not a constructor"],"StringComparisonOperator":["property has should not exist"]}}'
}

# ---- product categories (store.md §5.8, §12.5) ---------------------------------------------------

@test "product-categories: the demo seed's five roots, ranked by creation (store.md §12.5)" {
    api GET '/store/product-categories?parent_category_id=null&limit=5'
    assert_status 200
    assert_json '[.product_categories[] | [.handle, .rank]]' \
        '[["pants",0],["shirts",1],["merch",2],["hidden-homepage-carousel",3],["hidden-homepage-featured-items",4]]'
    assert_json '[.product_categories[] | .parent_category, .category_children] | unique' '[null,[]]'
    assert_json '[.count, .offset, .limit]' '[6,0,5]'
    assert_spec GET '/store/product-categories?parent_category_id=null&limit=5'
}

@test "product-categories: visible ones only, by rank then handle over the flat list" {
    api GET /store/product-categories
    assert_status 200
    assert_json '[.product_categories[] | .handle]' '["graphic-tees","hidden-child","old-stock","pants","staff-child","t-shirts","tops","bottoms","polos","shirts","merch","hidden-homepage-carousel","hidden-homepage-featured-items","apparel"]'
    assert_json '[.count, .offset, .limit]' '[14,0,100]'
    assert_json '.product_categories[0] | keys_unsorted' \
        '["id","name","description","handle","parent_category_id","rank","metadata","created_at","updated_at","parent_category","category_children"]'
    assert_spec GET /store/product-categories
}

@test "product-categories: parent is null when hidden, children are direct and visible only" {
    api GET /store/product-categories
    assert_json "$TREE [.product_categories[] | t | select(.h == \"apparel\" or .h == \"tops\" or .h == \"hidden-child\" or .h == \"old-stock\" or .h == \"staff-child\")]" \
        '[{"h":"hidden-child","p":null,"c":[]},{"h":"old-stock","p":null,"c":[]},{"h":"staff-child","p":null,"c":[]},{"h":"tops","p":"apparel","c":[{"h":"t-shirts"},{"h":"polos"}]},{"h":"apparel","p":null,"c":[{"h":"tops"},{"h":"bottoms"}]}]'
    assert_json '.product_categories[] | select(.handle == "apparel") | [.description, .metadata, .rank]' \
        '["Everything to wear",{"banner":"apparel.png"},5]'
    assert_json '.product_categories[] | select(.handle == "tops") | .parent_category | keys_unsorted' \
        '["id","name","description","handle","parent_category_id","rank","metadata","created_at","updated_at"]'
}

@test "product-categories: include_descendants_tree nests every visible level, each sorted" {
    api GET '/store/product-categories?parent_category_id=null&include_descendants_tree=true'
    assert_status 200
    assert_json "$TREE [.product_categories[] | t]" '[{"h":"pants","p":null,"c":[]},{"h":"shirts","p":null,"c":[]},{"h":"merch","p":null,"c":[]},{"h":"hidden-homepage-carousel","p":null,"c":[]},{"h":"hidden-homepage-featured-items","p":null,"c":[]},{"h":"apparel","p":null,"c":[{"h":"tops","c":[{"h":"t-shirts","c":[{"h":"graphic-tees","c":[]}]},{"h":"polos","c":[]}]},{"h":"bottoms","c":[]}]}]'
    assert_json '.count' 6
    assert_spec GET '/store/product-categories?parent_category_id=null&include_descendants_tree=true'
}

@test "product-categories: every listed category gets its own tree" {
    api GET '/store/product-categories?include_descendants_tree=true&limit=7'
    assert_json "$TREE [.product_categories[] | t | select(.h == \"t-shirts\" or .h == \"tops\")]" \
        '[{"h":"t-shirts","p":"tops","c":[{"h":"graphic-tees","c":[]}]},{"h":"tops","p":"apparel","c":[{"h":"t-shirts","c":[{"h":"graphic-tees","c":[]}]},{"h":"polos","c":[]}]}]'
}

@test "product-categories: the tree ignores expand; fields apply at every level" {
    api GET '/store/product-categories?handle=apparel&include_descendants_tree=true&expand=parent_category&fields=name'
    assert_status 200
    assert_json '.product_categories[0] | keys_unsorted' '["name","id","created_at","parent_category","category_children"]'
    assert_json '.product_categories[0].category_children[0] | keys_unsorted' '["name","id","created_at","category_children"]'
    assert_json '[.product_categories[0] | .. | objects | .name]' '["Apparel","Tops","T-Shirts","Graphic Tees","Polos","Bottoms"]'
    assert_spec GET '/store/product-categories?handle=apparel&include_descendants_tree=true&expand=parent_category&fields=name'
    # Anything but "true" leaves the one-level children.
    api GET '/store/product-categories?handle=apparel&include_descendants_tree=yes'
    assert_json "$TREE [.product_categories[] | t]" '[{"h":"apparel","p":null,"c":[{"h":"tops"},{"h":"bottoms"}]}]'
}

@test "product-categories: expand picks the relations, fields the columns" {
    api GET '/store/product-categories?handle=tops&expand=parent_category'
    assert_json '.product_categories[0] | keys_unsorted' \
        '["id","name","description","handle","parent_category_id","rank","metadata","created_at","updated_at","parent_category"]'
    api GET '/store/product-categories?handle=tops&expand='
    assert_json '.product_categories[0] | has("parent_category") or has("category_children")' false
    api GET '/store/product-categories?handle=tops&fields=handle,rank'
    assert_status 200
    assert_json '.product_categories[0] | keys_unsorted' \
        '["handle","rank","id","created_at","parent_category","category_children"]'
    assert_json '.product_categories[0].category_children[0] | keys_unsorted' '["handle","rank","id","created_at"]'
    assert_spec GET '/store/product-categories?handle=tops&fields=handle,rank'
}

@test "product-categories: handle, parent_category_id and q filter" {
    api GET "/store/product-categories?parent_category_id=$(cat_id apparel)"
    assert_json '[.product_categories[].handle]' '["tops","bottoms"]'
    api GET '/store/product-categories?handle=secret-sale'
    assert_json '.count' 0
    api GET '/store/product-categories?q=SHIRT'
    assert_json '[.product_categories[].handle]' '["t-shirts","shirts"]'
    # A q drops the handle filter; it matches the name too.
    api GET '/store/product-categories?q=shirt&handle=pants'
    assert_json '[.product_categories[].handle]' '["t-shirts","shirts"]'
    api GET '/store/product-categories?q=Graphic'
    assert_status 200
    assert_json '[.product_categories[].handle]' '["graphic-tees"]'
    assert_spec GET '/store/product-categories?q=Graphic'
}

@test "product-categories: limit and offset page the flat list; order is accepted and ignored" {
    api GET '/store/product-categories?limit=2&offset=1&order=-name'
    assert_status 200
    assert_json '[.product_categories[].handle]' '["hidden-child","old-stock"]'
    assert_json '[.count, .offset, .limit]' '[14,1,2]'
    api GET '/store/product-categories?order=foo'
    assert_medusa_error 400 invalid_data "Order field foo is not valid"
}

@test "product-categories: hidden columns and unknown properties are 400s" {
    api GET '/store/product-categories?fields=mpath'
    assert_medusa_error 400 invalid_data "Requested fields [mpath] are not valid"
    api GET '/store/product-categories?fields=name,is_active,is_internal'
    assert_medusa_error 400 invalid_data "Requested fields [is_active, is_internal] are not valid"
    api GET '/store/product-categories?is_internal=true'
    assert_medusa_error 400 invalid_data "property is_internal should not exist"
    api GET '/store/product-categories?q[]=a&limit=x'
    assert_medusa_error 400 invalid_data \
        "q must be a string, limit must be a number conforming to the specified constraints"
}

@test "product-categories: GET /:id has the parent and the whole visible subtree" {
    local id
    id=$(cat_id tops)
    api GET "/store/product-categories/$id"
    assert_status 200
    assert_json "$TREE .product_category | t" '{"h":"tops","p":"apparel","c":[{"h":"t-shirts","c":[{"h":"graphic-tees","c":[]}]},{"h":"polos","c":[]}]}'
    assert_json '.product_category.parent_category | keys_unsorted' \
        '["id","name","description","handle","parent_category_id","rank","metadata","created_at","updated_at"]'
    assert_json ".product_category | [.id, .name, .rank, .description]" "[\"$id\",\"Tops\",0,\"\"]"
    assert_spec GET "/store/product-categories/$id"
    api GET "/store/product-categories/$(cat_id apparel)"
    assert_json "$TREE .product_category | t" '{"h":"apparel","p":null,"c":[{"h":"tops","c":[{"h":"t-shirts","c":[{"h":"graphic-tees","c":[]}]},{"h":"polos","c":[]}]},{"h":"bottoms","c":[]}]}'
}

@test "product-categories: GET /:id with fields and expand" {
    api GET "/store/product-categories/$(cat_id tops)?fields=name"
    assert_status 200
    assert_json '.product_category | keys_unsorted' '["name","id","parent_category","category_children"]'
    assert_json '[.product_category | .. | objects | keys_unsorted | join(",")] | unique' \
        '["name,id","name,id,category_children","name,id,parent_category,category_children"]'
    assert_spec GET "/store/product-categories/$(cat_id tops)?fields=name"
    api GET "/store/product-categories/$(cat_id tops)?expand=parent_category"
    assert_json "$TREE .product_category | t" '{"h":"tops","p":"apparel"}'
    api GET "/store/product-categories/$(cat_id staff-child)"
    assert_json "$TREE .product_category | t" '{"h":"staff-child","p":null,"c":[]}'
}

@test "product-categories: GET /:id of a hidden or unknown category is 404" {
    local id
    for h in secret-sale archive staff-picks; do
        id=$(cat_id "$h")
        api GET "/store/product-categories/$id"
        assert_medusa_error 404 not_found \
            "ProductCategory with id: $id, is_internal: false, is_active: true was not found"
    done
    api GET /store/product-categories/pcat_missing
    assert_medusa_error 404 not_found \
        "ProductCategory with id: pcat_missing, is_internal: false, is_active: true was not found"
}

@test "product-categories: GET /:id takes only fields and expand" {
    api GET "/store/product-categories/$(cat_id tops)?limit=1&fields=mpath"
    assert_medusa_error 400 invalid_data "property limit should not exist"
    api GET "/store/product-categories/$(cat_id tops)?fields=mpath"
    assert_medusa_error 400 invalid_data "Requested fields [mpath] are not valid"
}

# ---- return reasons (store.md §6.1) ---------------------------------------------------------------

@test "return-reasons: top-level reasons with children; the query is ignored" {
    api GET '/store/return-reasons?limit=abc&anything=1'
    assert_status 200
    assert_json '[.return_reasons[] | [.value, (.return_reason_children | map(.value))]]' \
        '[["wrong_size",["too_small","too_big"]],["damaged",[]]]'
    assert_json '.return_reasons[0] | keys_unsorted' \
        '["id","value","label","parent_return_reason_id","description","created_at","updated_at","deleted_at","parent_return_reason","return_reason_children"]'
    assert_json '.return_reasons[0].return_reason_children[0] | [.label, .description, .metadata, (has("deleted_at"))]' \
        '["Too small","Smaller than expected",{"fit":"small"},true]'
    assert_json '[.return_reasons[] | .parent_return_reason]' '[null,null]'
    assert_json 'keys' '["return_reasons"]'
    assert_spec GET /store/return-reasons
}

@test "return-reasons: GET /:id of a child has its parent; of a parent, its children" {
    local small size
    small=$(sql "SELECT id FROM return_reason WHERE value = 'too_small'")
    size=$(sql "SELECT id FROM return_reason WHERE value = 'wrong_size'")
    api GET "/store/return-reasons/$small"
    assert_status 200
    assert_json '.return_reason | [.value, .parent_return_reason_id, .parent_return_reason.value, .parent_return_reason.metadata, .return_reason_children]' \
        "[\"too_small\",\"$size\",\"wrong_size\",{\"k\":1},[]]"
    assert_json '.return_reason | has("metadata")' false
    assert_spec GET "/store/return-reasons/$small"
    api GET "/store/return-reasons/$size?expand=nothing"
    assert_status 200
    assert_json '.return_reason | [.label, .parent_return_reason, (.return_reason_children | map(.value))]' \
        '["Wrong size",null,["too_small","too_big"]]'
}

@test "return-reasons: GET /:id of an unknown reason is 404 with a full stop" {
    api GET /store/return-reasons/rr_missing
    assert_medusa_error 404 not_found "Return Reason with id: rr_missing was not found."
}

# ---- shipping options (store.md §6.2) -------------------------------------------------------------

@test "shipping-options: every option but admin-only ones, with requirements and prices" {
    api GET /store/shipping-options
    assert_status 200
    assert_json '.shipping_options | length' 15
    assert_json '[.shipping_options[].name] | index("Tax Admin Only")' null
    assert_json '.shipping_options[0] | keys_unsorted | sort' \
        '["admin_only","amount","created_at","data","deleted_at","id","is_return","metadata","name","price_incl_tax","price_type","profile_id","provider_id","region_id","requirements","tax_amount","tax_rates","updated_at"]'
    assert_json '.shipping_options[] | select(.name == "Tax Standard") | [.amount, .metadata, .data, (.requirements | sort_by(.type) | map([.type, .amount]))]' \
        '[1010,{"carrier":"PostFake"},{},[["max_subtotal",20000],["min_subtotal",5000]]]'
    assert_spec GET /store/shipping-options
}

@test "shipping-options: tax from the option's rates, else the region's, none without automatic taxes" {
    api GET /store/shipping-options
    # 1010 × 25 % = 252.5 → 253 (Math.round); 999 × (12.5 % + 7.5 %) = 199.8 → 200.
    assert_json '[.shipping_options[] | select(.region_id != null) | select(.name | startswith("Tax") or startswith("Manual")) | [.name, .tax_rates, .tax_amount, .price_incl_tax]]' \
        '[["Tax Standard",[{"rate":25,"name":"default","code":"default"}],253,1263],["Tax Rated",[{"rate":12.5,"name":"Reduced shipping","code":"SHIP-RED"},{"rate":7.5,"name":"Eco levy","code":"ECO"}],200,1199],["Tax Foreign Rate",[{"rate":25,"name":"default","code":"default"}],500,2500],["Tax Calculated",[{"rate":25,"name":"default","code":"default"}],0,0],["Tax Return",[{"rate":25,"name":"default","code":"default"}],125,625],["Tax Gift Card Delivery",[{"rate":25,"name":"default","code":"default"}],75,375],["Manual Standard",[],0,1000]]'
    assert_json '.shipping_options[] | select(.name == "Tax Calculated") | [.price_type, .amount]' '["calculated",null]'
    assert_json '.shipping_options[] | select(.name == "PostFake Standard") | [.tax_rates, .tax_amount, .price_incl_tax]' \
        '[[{"rate":0,"name":"default","code":"default"}],0,1000]'
}

@test "shipping-options: region_id and is_return filter; without is_return both kinds" {
    local eu tax
    eu=$(sql "SELECT id FROM region WHERE name = 'EU'")
    tax=$(sql "SELECT id FROM region WHERE name = 'Taxland'")
    api GET "/store/shipping-options?region_id=$eu"
    assert_json '[.shipping_options[].name]' '["PostFake Standard","PostFake Express","PostFake Return","I want to return it myself"]'
    api GET "/store/shipping-options?region_id=$tax&is_return=false"
    assert_status 200
    assert_json '[.shipping_options[].name]' '["Tax Standard","Tax Rated","Tax Foreign Rate","Tax Calculated","Tax Gift Card Delivery"]'
    assert_spec GET "/store/shipping-options?region_id=$tax&is_return=false"
    api GET "/store/shipping-options?region_id=$tax&is_return=true"
    assert_json '[.shipping_options[] | [.name, .is_return]]' '[["Tax Return",true]]'
    api GET '/store/shipping-options?region_id=reg_missing'
    assert_json '.shipping_options' '[]'
}

@test "shipping-options: product_ids keeps the options of the products' shipping profiles" {
    local card tee
    card=$(sql "SELECT id FROM product WHERE handle = 'gift-card'")
    tee=$(sql "SELECT id FROM product WHERE handle = 't-shirt'")
    api GET "/store/shipping-options?product_ids=$card"
    assert_status 200
    assert_json '[.shipping_options[].name]' '["Tax Gift Card Delivery"]'
    assert_spec GET "/store/shipping-options?product_ids=$card"
    api GET "/store/shipping-options?product_ids=$tee"
    assert_json '.shipping_options | length' 14
    api GET "/store/shipping-options?product_ids=$tee,$card&is_return=true"
    assert_json '[.shipping_options[].name]' '["PostFake Return","I want to return it myself","FakeEx Return","I want to return it myself","Tax Return"]'
    api GET '/store/shipping-options?product_ids=prod_missing'
    assert_json '.shipping_options' '[]'
}

@test "shipping-options: unknown properties, a non-boolean is_return and arrays are 400s" {
    api GET '/store/shipping-options?is_return=yes&cart_id=x'
    assert_medusa_error 400 invalid_data \
        "property cart_id should not exist, is_return must be a boolean string"
    api GET '/store/shipping-options?product_ids[]=a&region_id[]=b'
    assert_medusa_error 400 invalid_data "product_ids must be a string, region_id must be a string"
}

# ---- regions (store.md §5.9) ----------------------------------------------------------------------

@test "regions: list is created_at DESC with the four default relations" {
    api GET /store/regions
    assert_status 200
    assert_json '[.regions[].name]' '["Manual Taxes","Taxland","NA","EU"]'
    assert_json '[.count, .offset, .limit]' '[4,0,100]'
    assert_json '.regions[1] | [.tax_rate, .automatic_taxes, .gift_cards_taxable, .tax_code, (.countries | map(.iso_2)), .payment_providers, .fulfillment_providers, .currency.code]' \
        '[25,true,true,null,["no"],[{"id":"manual","is_installed":true}],[{"id":"manual","is_installed":true}],"eur"]'
    assert_json '.regions[1].countries[0] | [.iso_3, .num_code, .name, .display_name, (.id | type)]' \
        '["nor",578,"NORWAY","Norway","number"]'
    assert_json '.regions[0] | [.currency_code, .automatic_taxes, .tax_rate]' '["usd",false,20]'
    assert_json '.regions[0] | has("includes_tax") or has("tax_rates")' false
    assert_spec GET /store/regions
}

@test "regions: fields and expand choose columns and relations" {
    api GET '/store/regions?fields=name&expand=currency&limit=2&offset=1'
    assert_status 200
    assert_json '.regions | map(keys_unsorted)' '[["name","id","created_at","currency"],["name","id","created_at","currency"]]'
    assert_json '[.regions[] | [.name, .currency.code]]' '[["Taxland","eur"],["NA","usd"]]'
    assert_json '[.count, .offset, .limit]' '[4,1,2]'
    assert_spec GET '/store/regions?fields=name&expand=currency&limit=2&offset=1'
    api GET '/store/regions?order=name&expand='
    assert_json '[.regions[].name]' '["EU","Manual Taxes","NA","Taxland"]'
    assert_json '.regions[0] | has("countries")' false
}

@test "regions: expand=tax_rates is not allowed" {
    api GET '/store/regions?expand=tax_rates'
    assert_medusa_error 400 invalid_data "Requested fields [tax_rates] are not valid"
    api GET '/store/regions?order=nope'
    assert_medusa_error 400 invalid_data "Order field nope is not valid"
}

@test "regions: GET /:id, with fields; unknown is 404 without 'id:'" {
    local id
    id=$(sql "SELECT id FROM region WHERE name = 'Taxland'")
    api GET "/store/regions/$id"
    assert_status 200
    assert_json '.region | [.id, .name, (.countries | map(.iso_2)), .currency.symbol]' \
        "[\"$id\",\"Taxland\",[\"no\"],\"€\"]"
    assert_spec GET "/store/regions/$id"
    api GET "/store/regions/$id?fields=currency_code&expand="
    assert_json '.region' "{\"currency_code\":\"eur\",\"id\":\"$id\"}"
    api GET /store/regions/reg_missing
    assert_medusa_error 404 not_found "Region with reg_missing was not found"
}
