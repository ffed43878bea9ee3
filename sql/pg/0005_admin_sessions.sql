-- PostgreSQL twin of sql/0005_admin_sessions.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0005_admin_sessions.sql: one connect.sid session can hold a customer and an admin user at once,
-- as Medusa's express session holds customer_id and user_id side by side (store.md §2.3: logging
-- out of one keeps the other).
ALTER TABLE store_session ADD COLUMN user_id text REFERENCES "user" (id) ON DELETE CASCADE;

-- x-medusa-access-token looks a user up by its API token on every admin request.
CREATE INDEX idx_user_api_token ON "user" (api_token) WHERE api_token IS NOT NULL;
