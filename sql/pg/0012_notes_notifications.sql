-- PostgreSQL twin of sql/0012_notes_notifications.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0012_notes_notifications.sql: Medusa v1.20's notes (models/note.ts: what the team writes on an
-- order's timeline) and notifications (models/notification.ts: what a notification provider sent
-- for an event, here the event hook when it says so; resends point at their parent).

CREATE TABLE note (
    id              character varying PRIMARY KEY,               -- note_
    value           character varying NOT NULL,
    resource_type   character varying NOT NULL,
    resource_id     character varying NOT NULL,
    author_id       character varying REFERENCES "user" (id),
    metadata        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_note_resource_id ON note (resource_id);
CREATE INDEX idx_note_resource_type ON note (resource_type);

CREATE TABLE notification_provider (
    id              character varying PRIMARY KEY,
    is_installed    boolean NOT NULL DEFAULT true
);
INSERT INTO notification_provider (id) VALUES ('event-hook');

CREATE TABLE notification (
    id              character varying PRIMARY KEY,               -- noti_
    event_name      character varying,
    resource_type   character varying NOT NULL,
    resource_id     character varying NOT NULL,
    customer_id     character varying REFERENCES customer (id),
    "to"            character varying NOT NULL,
    data            jsonb NOT NULL DEFAULT '{}',
    parent_id       character varying REFERENCES notification (id),
    provider_id     character varying REFERENCES notification_provider (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_notification_resource_id ON notification (resource_id);
CREATE INDEX idx_notification_resource_type ON notification (resource_type);
CREATE INDEX idx_notification_customer_id ON notification (customer_id);
CREATE INDEX idx_notification_parent_id ON notification (parent_id);
