-- 0012_notes_notifications.sql: Medusa v1.20's notes (models/note.ts: what the team writes on an
-- order's timeline) and notifications (models/notification.ts: what a notification provider sent
-- for an event, here the event hook when it says so; resends point at their parent).

CREATE TABLE note (
    id              TEXT PRIMARY KEY,               -- note_
    value           TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    author_id       TEXT REFERENCES "user" (id),
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_note_resource_id ON note (resource_id);
CREATE INDEX idx_note_resource_type ON note (resource_type);

CREATE TABLE notification_provider (
    id              TEXT PRIMARY KEY,
    is_installed    INTEGER NOT NULL DEFAULT 1
);
INSERT INTO notification_provider (id) VALUES ('event-hook');

CREATE TABLE notification (
    id              TEXT PRIMARY KEY,               -- noti_
    event_name      TEXT,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    customer_id     TEXT REFERENCES customer (id),
    "to"            TEXT NOT NULL,
    data            TEXT NOT NULL DEFAULT '{}',
    parent_id       TEXT REFERENCES notification (id),
    provider_id     TEXT REFERENCES notification_provider (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_notification_resource_id ON notification (resource_id);
CREATE INDEX idx_notification_resource_type ON notification (resource_type);
CREATE INDEX idx_notification_customer_id ON notification (customer_id);
CREATE INDEX idx_notification_parent_id ON notification (parent_id);
