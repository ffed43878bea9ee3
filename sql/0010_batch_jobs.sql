-- 0010_batch_jobs.sql: Medusa v1.20's batch_job table (models/batch-job.ts), for the Admin API's
-- CSV imports and exports, plus two columns of ours for the job runner (`medusa-fcgi jobs`).
-- The status is not stored: it is derived from the timestamps, as Medusa's loadStatus() does.

CREATE TABLE batch_job (
    id                  TEXT PRIMARY KEY,           -- batch_
    type                TEXT NOT NULL,              -- product-import, product-export, ...
    created_by          TEXT REFERENCES "user" (id),
    context             TEXT,                       -- JSON object
    result              TEXT,                       -- JSON object, or NULL before pre-processing
    dry_run             INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    pre_processed_at    TEXT,
    processing_at       TEXT,
    confirmed_at        TEXT,
    completed_at        TEXT,
    canceled_at         TEXT,
    failed_at           TEXT,
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at          TEXT,
    -- (ours) the runner working on the job: its pid and when it last reported, so a job whose
    -- runner died is taken up again instead of staying "processing" for ever.
    runner_pid          INTEGER,
    heartbeat_at        TEXT
);
CREATE INDEX idx_batch_job_created_by ON batch_job (created_by, created_at);
-- The runner's question "what is there to do?" reads only unfinished jobs.
CREATE INDEX idx_batch_job_open ON batch_job (created_at)
    WHERE completed_at IS NULL AND canceled_at IS NULL AND failed_at IS NULL
      AND deleted_at IS NULL;
