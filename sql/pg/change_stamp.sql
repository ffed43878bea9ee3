-- change_stamp.sql: applied after the migrations on every `medusa-fcgi migrate` (PostgreSQL only).
-- The answer cache of every worker on every host is valid while medusa_change.n is unchanged
-- (SQLite's PRAGMA data_version plays this part on one machine): a statement-level trigger on
-- every table bumps it, inside the writing transaction, so it moves exactly when a commit
-- changes data and a worker that reads it after a commit sees the new number.
CREATE TABLE IF NOT EXISTS medusa_change (id integer PRIMARY KEY, n bigint NOT NULL);
INSERT INTO medusa_change (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION medusa_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE medusa_change SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END $$;

DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
             WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'p')
               AND c.relname NOT IN ('medusa_change', 'schema_migrations')
               AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid
                               AND g.tgname = 'medusa_change_bump')
    LOOP
        EXECUTE format('CREATE TRIGGER medusa_change_bump AFTER INSERT OR UPDATE OR DELETE OR '
                       'TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION medusa_change_bump()',
                       t.relname);
    END LOOP;
END $$;
