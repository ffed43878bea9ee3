-- 0004_product_q.sql: the `q` filter of GET /store/products is Medusa's case-insensitive substring
-- match over the product title and description, its variants' titles and SKUs and its
-- collection's title. A trigram FTS5 index answers those LIKE '%q%' tests without reading every
-- product. One row per live product; the parts are joined with a unit separator (0x1f) that no
-- query contains, so a match never spans two fields. Kept in step by triggers.

CREATE VIEW product_q_source AS
SELECT p.id AS product_id,
       char(31) || p.title || char(31) || coalesce(p.description, '') || char(31) ||
       coalesce((SELECT group_concat(v.title || char(31) || coalesce(v.sku, ''), char(31))
                 FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '') ||
       char(31) ||
       coalesce((SELECT c.title FROM product_collection c WHERE c.id = p.collection_id), '') ||
       char(31) AS text
FROM product p
WHERE p.deleted_at IS NULL;

CREATE VIRTUAL TABLE product_q USING fts5(product_id UNINDEXED, text, tokenize = 'trigram');

INSERT INTO product_q SELECT * FROM product_q_source;

CREATE TRIGGER product_q_product_ins AFTER INSERT ON product BEGIN
    INSERT INTO product_q SELECT * FROM product_q_source WHERE product_id = NEW.id;
END;
CREATE TRIGGER product_q_product_upd AFTER UPDATE OF title, description, collection_id, deleted_at
ON product BEGIN
    DELETE FROM product_q WHERE product_id = OLD.id;
    INSERT INTO product_q SELECT * FROM product_q_source WHERE product_id = NEW.id;
END;
CREATE TRIGGER product_q_product_del AFTER DELETE ON product BEGIN
    DELETE FROM product_q WHERE product_id = OLD.id;
END;
CREATE TRIGGER product_q_variant_ins AFTER INSERT ON product_variant BEGIN
    DELETE FROM product_q WHERE product_id = NEW.product_id;
    INSERT INTO product_q SELECT * FROM product_q_source WHERE product_id = NEW.product_id;
END;
CREATE TRIGGER product_q_variant_upd AFTER UPDATE OF title, sku, deleted_at, product_id
ON product_variant BEGIN
    DELETE FROM product_q WHERE product_id IN (OLD.product_id, NEW.product_id);
    INSERT INTO product_q SELECT * FROM product_q_source
        WHERE product_id IN (OLD.product_id, NEW.product_id);
END;
CREATE TRIGGER product_q_variant_del AFTER DELETE ON product_variant BEGIN
    DELETE FROM product_q WHERE product_id = OLD.product_id;
    INSERT INTO product_q SELECT * FROM product_q_source WHERE product_id = OLD.product_id;
END;
CREATE TRIGGER product_q_collection_upd AFTER UPDATE OF title ON product_collection BEGIN
    DELETE FROM product_q WHERE product_id IN (SELECT id FROM product WHERE collection_id = NEW.id);
    INSERT INTO product_q SELECT * FROM product_q_source
        WHERE product_id IN (SELECT id FROM product WHERE collection_id = NEW.id);
END;
