-- 0002_product_search.sql (PostgreSQL twin of sql/0002_product_search.sql): full-text search over
-- products (POST /store/products/search).
--
-- SQLite side: an FTS5 table product_search(product_id UNINDEXED, title, subtitle, description,
-- handle, variants, tags, collection), tokenizer unicode61 remove_diacritics 2, prefix indexes
-- for 2 and 3 characters, ranked by bm25 with column weights title 10, subtitle 4,
-- description 1, handle 8, variants 5, tags 3, collection 2. One row per live, published product
-- (view product_search_source), kept current by triggers on product, product_variant,
-- product_tags, product_tag and product_collection.
--
-- PostgreSQL side: a plain table product_search with the same columns, filled from the same view
-- (string_agg instead of group_concat) and kept current by the same triggers (one plpgsql
-- function re-copies a product's row, as the SQLite triggers' DELETE + INSERT do). Its column
-- `document` is a generated tsvector of the weighted fields, indexed by GIN:
--     A: title, handle      B: variants, subtitle      C: tags, collection      D: description
-- The text search configuration product_search_cfg is `simple` (lower-casing, no stemming, as
-- unicode61) with `unaccent` in front (remove_diacritics). Prefix queries ('ab:*') are answered by
-- the same GIN index, so no prefix option is needed. Rank close to bm25's weights:
--     ts_rank_cd('{0.1, 0.25, 0.45, 1.0}', document, query)      -- {D, C, B, A}
-- e.g. SELECT product_id FROM product_search
--      WHERE document @@ websearch_to_tsquery('product_search_cfg', $1)
--      ORDER BY ts_rank_cd('{0.1, 0.25, 0.45, 1.0}', document,
--                          websearch_to_tsquery('product_search_cfg', $1)) DESC;
-- Unlike bm25 (smaller is better) ts_rank_cd is larger for better matches: order DESC.

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION product_search_cfg (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION product_search_cfg
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, simple;

CREATE VIEW product_search_source AS
SELECT p.id AS product_id,
       p.title AS title,
       coalesce(p.subtitle, '') AS subtitle,
       coalesce(p.description, '') AS description,
       coalesce(p.handle, '') AS handle,
       coalesce((SELECT string_agg(v.title || ' ' || coalesce(v.sku, ''), ' ')
                 FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '')
           AS variants,
       coalesce((SELECT string_agg(t.value, ' ') FROM product_tags pt
                 JOIN product_tag t ON t.id = pt.product_tag_id WHERE pt.product_id = p.id), '')
           AS tags,
       coalesce((SELECT c.title FROM product_collection c WHERE c.id = p.collection_id), '')
           AS collection
FROM product p
WHERE p.deleted_at IS NULL AND p.status = 'published';

CREATE TABLE product_search (
    product_id      text PRIMARY KEY,
    title           text NOT NULL,
    subtitle        text NOT NULL,
    description     text NOT NULL,
    handle          text NOT NULL,
    variants        text NOT NULL,
    tags            text NOT NULL,
    collection      text NOT NULL,
    document        tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('product_search_cfg', title), 'A') ||
        setweight(to_tsvector('product_search_cfg', handle), 'A') ||
        setweight(to_tsvector('product_search_cfg', variants), 'B') ||
        setweight(to_tsvector('product_search_cfg', subtitle), 'B') ||
        setweight(to_tsvector('product_search_cfg', tags), 'C') ||
        setweight(to_tsvector('product_search_cfg', collection), 'C') ||
        setweight(to_tsvector('product_search_cfg', description), 'D')) STORED
);
CREATE INDEX idx_product_search_document ON product_search USING gin (document);

INSERT INTO product_search (product_id, title, subtitle, description, handle, variants, tags,
    collection)
    SELECT * FROM product_search_source;

-- Re-copies the rows of the given products from the view (the SQLite triggers' DELETE + INSERT).
CREATE FUNCTION product_search_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM product_search WHERE product_id = ANY (ids);
    INSERT INTO product_search (product_id, title, subtitle, description, handle, variants, tags,
        collection)
        SELECT * FROM product_search_source WHERE product_id = ANY (ids);
$$;

CREATE FUNCTION product_search_product_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM product_search WHERE product_id = OLD.id;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM product_search_refresh(ARRAY[NEW.id]::text[]);
    ELSE
        PERFORM product_search_refresh(ARRAY[OLD.id, NEW.id]::text[]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_search_product AFTER INSERT OR UPDATE OR DELETE ON product
    FOR EACH ROW EXECUTE FUNCTION product_search_product_trg();

-- product_variant and product_tags: the product(s) of the old and the new row.
CREATE FUNCTION product_search_child_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM product_search_refresh(ARRAY[NEW.product_id]::text[]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM product_search_refresh(ARRAY[OLD.product_id]::text[]);
    ELSE
        PERFORM product_search_refresh(ARRAY[OLD.product_id, NEW.product_id]::text[]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_search_variant_ins AFTER INSERT OR DELETE ON product_variant
    FOR EACH ROW EXECUTE FUNCTION product_search_child_trg();
CREATE TRIGGER product_search_variant_upd AFTER UPDATE OF title, sku, deleted_at, product_id
    ON product_variant FOR EACH ROW EXECUTE FUNCTION product_search_child_trg();
CREATE TRIGGER product_search_tags AFTER INSERT OR DELETE ON product_tags
    FOR EACH ROW EXECUTE FUNCTION product_search_child_trg();

CREATE FUNCTION product_search_tag_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM product_search_refresh(ARRAY(
        SELECT product_id FROM product_tags WHERE product_tag_id = NEW.id)::text[]);
    RETURN NULL;
END $$;
CREATE TRIGGER product_search_tag_upd AFTER UPDATE OF value ON product_tag
    FOR EACH ROW EXECUTE FUNCTION product_search_tag_trg();

CREATE FUNCTION product_search_collection_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM product_search_refresh(ARRAY(
        SELECT id FROM product WHERE collection_id = NEW.id)::text[]);
    RETURN NULL;
END $$;
CREATE TRIGGER product_search_collection_upd AFTER UPDATE OF title ON product_collection
    FOR EACH ROW EXECUTE FUNCTION product_search_collection_trg();
