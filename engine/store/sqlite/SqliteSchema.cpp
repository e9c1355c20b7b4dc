#include "store/sqlite/SqliteSchema.h"

namespace osc::sqlite_schema {

const QList<const char *> &migrations()
{
    // Times are INTEGER nanoseconds since the Unix epoch (UTC) up to migration 7; from 8 on, event-domain
    // times are 9-byte keys (SqliteTime.h). Every table carries workspace_id.
    static const QList<const char *> list = {
        // 1: workspaces, meters, API keys, usage events and the counters behind stats.
        R"sql(
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE meters (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    unit TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    dimensions TEXT NOT NULL,
    event_retention_days INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash BLOB NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    allowed_meters TEXT NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX api_keys_workspace_created ON api_keys (workspace_id, created_at DESC, id DESC);
CREATE TABLE usage_events (
    seq INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    id TEXT NOT NULL,
    meter TEXT NOT NULL,
    subject TEXT NOT NULL,
    quantity REAL NOT NULL,
    event_time INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    idempotency_key TEXT,
    metadata TEXT NOT NULL,
    api_key_id TEXT
);
CREATE UNIQUE INDEX usage_events_idempotency ON usage_events (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX usage_events_meter_time ON usage_events (workspace_id, meter, event_time);
CREATE TABLE meter_usage (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    usage_events INTEGER NOT NULL DEFAULT 0,
    last_event_at INTEGER,
    PRIMARY KEY (workspace_id, meter)
) WITHOUT ROWID;
CREATE TABLE workspace_counters (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    meters INTEGER NOT NULL DEFAULT 0,
    usage_events INTEGER NOT NULL DEFAULT 0,
    prune_runs INTEGER NOT NULL DEFAULT 0
);
)sql",
        // 2: ingestion history and bulk batch keys.
        R"sql(
CREATE TABLE usage_ingestions (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    accepted INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX usage_ingestions_created ON usage_ingestions (workspace_id, created_at DESC, id DESC);
CREATE TABLE bulk_batches (
    workspace_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    accepted_items TEXT NOT NULL,
    duplicate_items TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
) WITHOUT ROWID;
)sql",
        // 3: ingestion runs keyed by an append-only rowid. A random UUID primary key put every run in a
        // random index page, so each group commit wrote one extra page per request to the WAL.
        R"sql(
CREATE TABLE usage_ingestions_v3 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    accepted INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO usage_ingestions_v3 (id, workspace_id, kind, accepted, duplicates, failed, created_at)
    SELECT id, workspace_id, kind, accepted, duplicates, failed, created_at FROM usage_ingestions
    ORDER BY created_at, id;
DROP TABLE usage_ingestions;
ALTER TABLE usage_ingestions_v3 RENAME TO usage_ingestions;
CREATE INDEX usage_ingestions_created ON usage_ingestions (workspace_id, created_at DESC, id DESC);
)sql",
        // 4: retention prune runs (contract §6.11); per-meter detail kept as the JSON the API returns.
        R"sql(
CREATE TABLE prune_runs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    dry_run INTEGER NOT NULL,
    meters TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX prune_runs_created ON prune_runs (workspace_id, created_at DESC, id DESC);
)sql",
        // 5: pre-aggregated usage. Dimension rollups hold every subject of one (meter, UTC hour or day,
        // dimension projection) — `metadata` is the event metadata restricted to the meter's dimension
        // paths, so the same SQL reads group values and filters from both. Subject rollups hold one
        // subject per (meter, UTC hour); GET /v1/subjects totals are derived from them. rollup_state
        // records which dimension signature the rollups were built for and which hours still need a
        // rebuild from raw events; NULL signature = not built yet (existing events are rolled up in the
        // background after this migration).
        R"sql(
CREATE TABLE usage_rollups (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    granularity INTEGER NOT NULL,
    bucket_start INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    events INTEGER NOT NULL,
    qty_sum REAL NOT NULL,
    qty_min REAL NOT NULL,
    qty_max REAL NOT NULL,
    first_time INTEGER NOT NULL,
    first_id TEXT NOT NULL,
    first_quantity REAL NOT NULL,
    last_time INTEGER NOT NULL,
    last_id TEXT NOT NULL,
    last_quantity REAL NOT NULL,
    PRIMARY KEY (workspace_id, meter, granularity, bucket_start, metadata)
) WITHOUT ROWID;
CREATE TABLE usage_subject_rollups (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    bucket_start INTEGER NOT NULL,
    subject TEXT NOT NULL,
    events INTEGER NOT NULL,
    qty_sum REAL NOT NULL,
    qty_min REAL NOT NULL,
    qty_max REAL NOT NULL,
    first_time INTEGER NOT NULL,
    first_id TEXT NOT NULL,
    first_quantity REAL NOT NULL,
    last_time INTEGER NOT NULL,
    last_id TEXT NOT NULL,
    last_quantity REAL NOT NULL,
    PRIMARY KEY (workspace_id, meter, bucket_start, subject)
) WITHOUT ROWID;
CREATE TABLE rollup_state (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    signature BLOB,
    pending_from INTEGER,
    pending_to INTEGER,
    PRIMARY KEY (workspace_id, meter)
) WITHOUT ROWID;
INSERT INTO rollup_state (workspace_id, meter) SELECT workspace_id, name FROM meters;
)sql",
        // 6: queued export jobs (contract §7.3). The query is kept verbatim; `meter` is its meter for
        // authorization. A running job is leased: `lock_token` names the claim, `locked_until` ends it.
        R"sql(
CREATE TABLE export_jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    status TEXT NOT NULL,
    query TEXT NOT NULL,
    meter TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    lock_token TEXT,
    rows_written INTEGER NOT NULL DEFAULT 0,
    progress REAL NOT NULL DEFAULT 0,
    record_count INTEGER,
    artifact_name TEXT NOT NULL DEFAULT '',
    artifact_size INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX export_jobs_created ON export_jobs (workspace_id, created_at DESC, id DESC);
CREATE INDEX export_jobs_claimable ON export_jobs (status, created_at, id);
)sql",
        // 7: dashboard accounts (contract §1.6, §2.4, §2.5, §8). Users own one workspace each; the
        // existing `default` workspace and all its data stay as they are (it has no member: the console
        // itself administers it). Session tokens and API keys are stored only as SHA-256; a key made over
        // a session records its user (NULL for keys made by the console or the CLI).
        R"sql(
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE workspace_members (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
CREATE INDEX workspace_members_user ON workspace_members (user_id, role);
CREATE TABLE auth_sessions (
    token_hash BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    pair_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    workspace_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX auth_sessions_pair ON auth_sessions (pair_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);
ALTER TABLE api_keys ADD COLUMN user_id TEXT;
CREATE TABLE account_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE saved_queries (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    group_by TEXT NOT NULL,
    bucket_size TEXT NOT NULL,
    row_limit INTEGER NOT NULL,
    pinned INTEGER NOT NULL,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, name)
);
)sql",
        // 8: event-domain times as 9-byte keys (store/sqlite/SqliteTime.h) instead of INTEGER nanoseconds,
        // which only reach 1678–2262; upstream accepts years 0001–9999. The tables holding them are
        // rebuilt (same rows, same seq, same indexes) so their columns are declared BLOB.
        R"sql(
CREATE TABLE usage_events_v8 (
    seq INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    id TEXT NOT NULL,
    meter TEXT NOT NULL,
    subject TEXT NOT NULL,
    quantity REAL NOT NULL,
    event_time BLOB NOT NULL,
    received_at BLOB NOT NULL,
    idempotency_key TEXT,
    metadata TEXT NOT NULL,
    api_key_id TEXT
);
INSERT INTO usage_events_v8 (seq, workspace_id, id, meter, subject, quantity, event_time, received_at,
    idempotency_key, metadata, api_key_id)
    SELECT seq, workspace_id, id, meter, subject, quantity, osc_time_key(event_time),
        osc_time_key(received_at), idempotency_key, metadata, api_key_id FROM usage_events ORDER BY seq;
DROP TABLE usage_events;
ALTER TABLE usage_events_v8 RENAME TO usage_events;
CREATE UNIQUE INDEX usage_events_idempotency ON usage_events (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX usage_events_meter_time ON usage_events (workspace_id, meter, event_time);
CREATE TABLE meter_usage_v8 (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    usage_events INTEGER NOT NULL DEFAULT 0,
    last_event_at BLOB,
    PRIMARY KEY (workspace_id, meter)
) WITHOUT ROWID;
INSERT INTO meter_usage_v8 SELECT workspace_id, meter, usage_events, osc_time_key(last_event_at)
    FROM meter_usage;
DROP TABLE meter_usage;
ALTER TABLE meter_usage_v8 RENAME TO meter_usage;
CREATE TABLE usage_rollups_v8 (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    granularity INTEGER NOT NULL,
    bucket_start BLOB NOT NULL,
    metadata TEXT NOT NULL,
    events INTEGER NOT NULL,
    qty_sum REAL NOT NULL,
    qty_min REAL NOT NULL,
    qty_max REAL NOT NULL,
    first_time BLOB NOT NULL,
    first_id TEXT NOT NULL,
    first_quantity REAL NOT NULL,
    last_time BLOB NOT NULL,
    last_id TEXT NOT NULL,
    last_quantity REAL NOT NULL,
    PRIMARY KEY (workspace_id, meter, granularity, bucket_start, metadata)
) WITHOUT ROWID;
INSERT INTO usage_rollups_v8 SELECT workspace_id, meter, granularity, osc_time_key(bucket_start), metadata,
    events, qty_sum, qty_min, qty_max, osc_time_key(first_time), first_id, first_quantity,
    osc_time_key(last_time), last_id, last_quantity FROM usage_rollups;
DROP TABLE usage_rollups;
ALTER TABLE usage_rollups_v8 RENAME TO usage_rollups;
CREATE TABLE usage_subject_rollups_v8 (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    bucket_start BLOB NOT NULL,
    subject TEXT NOT NULL,
    events INTEGER NOT NULL,
    qty_sum REAL NOT NULL,
    qty_min REAL NOT NULL,
    qty_max REAL NOT NULL,
    first_time BLOB NOT NULL,
    first_id TEXT NOT NULL,
    first_quantity REAL NOT NULL,
    last_time BLOB NOT NULL,
    last_id TEXT NOT NULL,
    last_quantity REAL NOT NULL,
    PRIMARY KEY (workspace_id, meter, bucket_start, subject)
) WITHOUT ROWID;
INSERT INTO usage_subject_rollups_v8 SELECT workspace_id, meter, osc_time_key(bucket_start), subject, events,
    qty_sum, qty_min, qty_max, osc_time_key(first_time), first_id, first_quantity, osc_time_key(last_time),
    last_id, last_quantity FROM usage_subject_rollups;
DROP TABLE usage_subject_rollups;
ALTER TABLE usage_subject_rollups_v8 RENAME TO usage_subject_rollups;
CREATE TABLE rollup_state_v8 (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    signature BLOB,
    pending_from BLOB,
    pending_to BLOB,
    PRIMARY KEY (workspace_id, meter)
) WITHOUT ROWID;
INSERT INTO rollup_state_v8 SELECT workspace_id, meter, signature, osc_time_key(pending_from),
    osc_time_key(pending_to) FROM rollup_state;
DROP TABLE rollup_state;
ALTER TABLE rollup_state_v8 RENAME TO rollup_state;
)sql",
        // 9: plans and entitlements (contract §10). Plans are versioned (one current version per lineage);
        // usage counters are written by the ingest transaction together with the events they count;
        // the entitlement worker's coalesced jobs, states, events and period snapshots.
        R"sql(
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    version INTEGER NOT NULL,
    parent_plan_id TEXT,
    is_current INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX plans_current_name ON plans (workspace_id, is_current, name);
CREATE TABLE plan_limits (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    meter TEXT NOT NULL,
    period TEXT NOT NULL,
    limit_value REAL NOT NULL,
    warning_percent REAL NOT NULL,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX plan_limits_plan ON plan_limits (workspace_id, plan_id);
CREATE INDEX plan_limits_meter ON plan_limits (workspace_id, meter);
CREATE TABLE plan_assignments (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    assigned_at INTEGER NOT NULL,
    period_anchor_at INTEGER NOT NULL,
    unassigned_at INTEGER,
    updated_at INTEGER NOT NULL
);
CREATE INDEX plan_assignments_subject ON plan_assignments (workspace_id, subject, assigned_at DESC);
CREATE INDEX plan_assignments_plan ON plan_assignments (workspace_id, plan_id);
CREATE INDEX plan_assignments_updated ON plan_assignments (workspace_id, updated_at DESC, assigned_at DESC);
CREATE TABLE plan_usage_counters (
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    sum_qty REAL NOT NULL,
    min_qty REAL NOT NULL,
    max_qty REAL NOT NULL,
    first_qty REAL NOT NULL,
    first_time INTEGER NOT NULL,
    last_qty REAL NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, subject, meter, period, period_start)
) WITHOUT ROWID;
CREATE TABLE entitlement_jobs (
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    run_after INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, subject, meter)
) WITHOUT ROWID;
CREATE INDEX entitlement_jobs_due ON entitlement_jobs (run_after);
CREATE TABLE entitlement_states (
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL,
    plan_name TEXT NOT NULL,
    state TEXT NOT NULL,
    current REAL NOT NULL,
    limit_value REAL NOT NULL,
    remaining REAL NOT NULL,
    warning_percent REAL NOT NULL,
    message TEXT NOT NULL,
    evaluated_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, subject, meter, plan_id, period)
) WITHOUT ROWID;
CREATE INDEX entitlement_states_updated ON entitlement_states (workspace_id, updated_at DESC);
CREATE TABLE entitlement_events (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    plan_name TEXT NOT NULL,
    period TEXT NOT NULL,
    previous_state TEXT,
    state TEXT NOT NULL,
    type TEXT NOT NULL,
    current REAL NOT NULL,
    limit_value REAL NOT NULL,
    remaining REAL NOT NULL,
    warning_percent REAL NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX entitlement_events_created ON entitlement_events (workspace_id, created_at DESC, id DESC);
CREATE TABLE entitlement_periods (
    workspace_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    plan_name TEXT NOT NULL,
    plan_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    current REAL NOT NULL,
    limit_value REAL NOT NULL,
    included REAL NOT NULL,
    overage REAL NOT NULL,
    remaining REAL NOT NULL,
    warning_percent REAL NOT NULL,
    event_count INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, subject, meter, plan_id, period, period_start)
) WITHOUT ROWID;
CREATE INDEX entitlement_periods_start ON entitlement_periods (workspace_id, period_start DESC);
)sql",
        // 10: quota reservations (opt-in `"reserve": true` checks), consumed by the usage event with the
        // same idempotency key in its ingest transaction, or expired.
        R"sql(
CREATE TABLE plan_reservations (
    workspace_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    subject TEXT NOT NULL,
    meter TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    quantity REAL NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
) WITHOUT ROWID;
CREATE INDEX plan_reservations_window ON plan_reservations (workspace_id, subject, meter, period, period_start);
CREATE INDEX plan_reservations_expiry ON plan_reservations (expires_at);
)sql",
        // 11: alerts (contract §9): destinations, rules, per-group states, events, and the webhook
        // delivery queue with its attempt log. Clock-domain times only, so INTEGER nanoseconds. Self-
        // contained (no other table altered) so it can be renumbered when branches merge.
        R"sql(
CREATE TABLE alert_destinations (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    webhook_url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX alert_destinations_workspace_created ON alert_destinations (workspace_id, created_at DESC, id DESC);
CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    meter TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    subject TEXT NOT NULL,
    metadata TEXT NOT NULL,
    window_seconds INTEGER NOT NULL,
    comparator TEXT NOT NULL,
    threshold REAL NOT NULL,
    evaluation_interval_seconds INTEGER NOT NULL,
    group_by TEXT NOT NULL,
    destination_id TEXT NOT NULL,
    next_evaluate_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX alert_rules_workspace_created ON alert_rules (workspace_id, created_at DESC, id DESC);
CREATE INDEX alert_rules_due ON alert_rules (enabled, next_evaluate_at);
CREATE INDEX alert_rules_destination ON alert_rules (workspace_id, destination_id);
CREATE TABLE alert_states (
    workspace_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    group_value TEXT NOT NULL,
    status TEXT NOT NULL,
    value REAL NOT NULL,
    message TEXT NOT NULL,
    evaluated_at INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (rule_id, group_key, group_value)
) WITHOUT ROWID;
CREATE TABLE alert_events (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    group_value TEXT NOT NULL,
    type TEXT NOT NULL,
    value REAL NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX alert_events_workspace_created ON alert_events (workspace_id, created_at DESC, id DESC);
CREATE INDEX alert_events_rule_created ON alert_events (workspace_id, rule_id, created_at DESC, id DESC);
CREATE TABLE alert_deliveries (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    destination_id TEXT NOT NULL,
    body BLOB NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX alert_deliveries_rule ON alert_deliveries (rule_id);
CREATE TABLE alert_delivery_attempts (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    delivered INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX alert_delivery_attempts_event ON alert_delivery_attempts (event_id, attempted_at, id);
CREATE INDEX alert_delivery_attempts_rule ON alert_delivery_attempts (rule_id);
)sql",
        // 12: the API key that wrote the events is part of a dimension rollup row's key, so usage by
        // API key (group_by/filter `api_key`) is answered from rollups like a dimension. Rows are keyed
        // by `api_key_id` ('' = written without a key, e.g. by the console). The old rows do not know
        // their keys: they are dropped and every meter's rollups are rebuilt from raw events in the
        // background (queries read raw events meanwhile), as after migration 5.
        R"sql(
CREATE TABLE usage_rollups_v12 (
    workspace_id TEXT NOT NULL,
    meter TEXT NOT NULL,
    granularity INTEGER NOT NULL,
    bucket_start BLOB NOT NULL,
    metadata TEXT NOT NULL,
    api_key_id TEXT NOT NULL,
    events INTEGER NOT NULL,
    qty_sum REAL NOT NULL,
    qty_min REAL NOT NULL,
    qty_max REAL NOT NULL,
    first_time BLOB NOT NULL,
    first_id TEXT NOT NULL,
    first_quantity REAL NOT NULL,
    last_time BLOB NOT NULL,
    last_id TEXT NOT NULL,
    last_quantity REAL NOT NULL,
    PRIMARY KEY (workspace_id, meter, granularity, bucket_start, metadata, api_key_id)
) WITHOUT ROWID;
DROP TABLE usage_rollups;
ALTER TABLE usage_rollups_v12 RENAME TO usage_rollups;
UPDATE rollup_state SET signature = NULL, pending_from = NULL, pending_to = NULL;
)sql",
        // 13: rollups folded off the commit path. Events with seq <= folded_seq are in the rollup tables;
        // queries add the raw events after it. Until now rollups were written with their events, so
        // every stored event is folded.
        R"sql(
CREATE TABLE rollup_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    folded_seq INTEGER NOT NULL
);
INSERT INTO rollup_progress (id, folded_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM usage_events;
)sql",
        // 14: per-key rate limits (token bucket: requests per minute, burst; 0 = unlimited), the holder
        // of an export job's lease (host, boot id, pid, process start: a restarted server reclaims its
        // own dead leases at once) and a job's CSV formula guard (csv_safe). Only columns with defaults
        // are added, so it can be renumbered when branches merge.
        R"sql(
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN rate_limit_burst INTEGER NOT NULL DEFAULT 0;
ALTER TABLE export_jobs ADD COLUMN lock_holder TEXT;
ALTER TABLE export_jobs ADD COLUMN csv_safe INTEGER NOT NULL DEFAULT 0;
)sql",
    };
    return list;
}

} // namespace osc::sqlite_schema
