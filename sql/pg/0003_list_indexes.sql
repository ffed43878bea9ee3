-- PostgreSQL twin of sql/0003_list_indexes.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0003_list_indexes.sql: lists are ordered newest first with the id as tie-breaker
-- ("created_at DESC, id DESC"); these indexes let a page stop after its rows instead of
-- sorting every match.
CREATE INDEX idx_product_created_at_id ON product (created_at, id);
CREATE INDEX idx_product_variant_created_at_id ON product_variant (created_at, id);
CREATE INDEX idx_region_created_at_id ON region (created_at, id);
CREATE INDEX idx_product_collection_created_at_id ON product_collection (created_at, id);
CREATE INDEX idx_product_tag_created_at_id ON product_tag (created_at, id);
CREATE INDEX idx_product_type_created_at_id ON product_type (created_at, id);
