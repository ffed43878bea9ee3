-- 0004_product_q.sql (PostgreSQL twin of sql/0004_product_q.sql): the `q` filter of
-- GET /store/products, Medusa's case-insensitive substring match over the product title and
-- description, its variants' titles and SKUs and its collection's title.
--
-- SQLite side: an FTS5 table product_q(product_id UNINDEXED, text) with the trigram tokenizer
-- (case-insensitive), one row per live product (view product_q_source: the fields joined by the
-- unit separator 0x1f), kept current by triggers; queried with LIKE '%q%'.
--
-- PostgreSQL side: a plain table product_q with the same columns, filled from the same view
-- (chr(31) for char(31), string_agg for group_concat) and kept current by the same triggers;
-- a pg_trgm GIN index on `text` answers  text ILIKE '%' || q || '%'  (ILIKE: the trigram
-- tokenizer folds case; LIKE on PostgreSQL is case-sensitive). Like FTS5's trigram index, queries
-- shorter than 3 characters scan.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE VIEW product_q_source AS
SELECT p.id AS product_id,
       chr(31) || p.title || chr(31) || coalesce(p.description, '') || chr(31) ||
       coalesce((SELECT string_agg(v.title || chr(31) || coalesce(v.sku, ''), chr(31))
                 FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '') ||
       chr(31) ||
       coalesce((SELECT c.title FROM product_collection c WHERE c.id = p.collection_id), '') ||
       chr(31) AS text
FROM product p
WHERE p.deleted_at IS NULL;

CREATE TABLE product_q (
    product_id      text PRIMARY KEY,
    text            text NOT NULL
);
CREATE INDEX idx_product_q_text ON product_q USING gin (text gin_trgm_ops);

INSERT INTO product_q (product_id, text) SELECT * FROM product_q_source;

CREATE FUNCTION product_q_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM product_q WHERE product_id = ANY (ids);
    INSERT INTO product_q (product_id, text)
        SELECT * FROM product_q_source WHERE product_id = ANY (ids);
$$;

CREATE FUNCTION product_q_product_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM product_q WHERE product_id = OLD.id;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM product_q_refresh(ARRAY[NEW.id]::text[]);
    ELSE
        PERFORM product_q_refresh(ARRAY[OLD.id, NEW.id]::text[]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_q_product_ins AFTER INSERT OR DELETE ON product
    FOR EACH ROW EXECUTE FUNCTION product_q_product_trg();
CREATE TRIGGER product_q_product_upd AFTER UPDATE OF title, description, collection_id, deleted_at
    ON product FOR EACH ROW EXECUTE FUNCTION product_q_product_trg();

CREATE FUNCTION product_q_variant_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM product_q_refresh(ARRAY[NEW.product_id]::text[]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM product_q_refresh(ARRAY[OLD.product_id]::text[]);
    ELSE
        PERFORM product_q_refresh(ARRAY[OLD.product_id, NEW.product_id]::text[]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_q_variant_ins AFTER INSERT OR DELETE ON product_variant
    FOR EACH ROW EXECUTE FUNCTION product_q_variant_trg();
CREATE TRIGGER product_q_variant_upd AFTER UPDATE OF title, sku, deleted_at, product_id
    ON product_variant FOR EACH ROW EXECUTE FUNCTION product_q_variant_trg();

CREATE FUNCTION product_q_collection_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM product_q_refresh(ARRAY(SELECT id FROM product WHERE collection_id = NEW.id)::text[]);
    RETURN NULL;
END $$;
CREATE TRIGGER product_q_collection_upd AFTER UPDATE OF title ON product_collection
    FOR EACH ROW EXECUTE FUNCTION product_q_collection_trg();
