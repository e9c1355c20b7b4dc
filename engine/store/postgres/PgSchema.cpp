#include "store/postgres/PgSchema.h"

#include "store/postgres/PgConnection.h"

namespace osc::pg {

namespace {

// Any constant: every process migrating this database takes the same transaction-level lock.
constexpr qint64 kMigrationLockId = 0x4f53435f50475342; // "OSC_PGSB"

} // namespace

const QList<const char *> &migrations()
{
    // Conventions: text columns compared or ordered by the store use COLLATE "C" (bytewise UTF-8, the
    // order SQLite's BINARY collation gives, whatever the database's locale); clock-only times are
    // bigint nanoseconds; event-domain times are bytea 9-byte keys (store/TimeKey.h); metadata is JSONB.
    static const QList<const char *> list = {
        // 1: workspaces, meters, API keys, usage events and their counters; dashboard accounts.
        R"sql(
CREATE TABLE workspaces (
    id text COLLATE "C" PRIMARY KEY,
    name text NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE workspace_counters (
    workspace_id text COLLATE "C" PRIMARY KEY REFERENCES workspaces(id),
    meters bigint NOT NULL DEFAULT 0,
    usage_events bigint NOT NULL DEFAULT 0,
    prune_runs bigint NOT NULL DEFAULT 0
);
CREATE TABLE meters (
    id text COLLATE "C" PRIMARY KEY,
    workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces(id),
    name text COLLATE "C" NOT NULL,
    description text NOT NULL,
    unit text NOT NULL,
    aggregation text NOT NULL,
    dimensions text NOT NULL,
    event_retention_days integer NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE users (
    id text COLLATE "C" PRIMARY KEY,
    email text COLLATE "C" NOT NULL UNIQUE,
    password_hash bytea NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE workspace_members (
    workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces(id),
    user_id text COLLATE "C" NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_members_user ON workspace_members (user_id, role);
CREATE TABLE api_keys (
    id text COLLATE "C" PRIMARY KEY,
    workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces(id),
    name text NOT NULL,
    prefix text NOT NULL,
    secret_hash bytea NOT NULL UNIQUE,
    scopes text NOT NULL,
    allowed_meters text NOT NULL,
    expires_at bigint,
    revoked_at bigint,
    created_at bigint NOT NULL,
    last_used_at bigint,
    user_id text COLLATE "C"
);
CREATE INDEX api_keys_workspace_created ON api_keys (workspace_id, created_at DESC, id DESC);
CREATE TABLE usage_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    meter text COLLATE "C" NOT NULL,
    subject text COLLATE "C" NOT NULL,
    quantity double precision NOT NULL,
    event_time bytea NOT NULL,
    received_at bytea NOT NULL,
    idempotency_key text COLLATE "C",
    -- The metadata as ingested (keys sorted, Go number forms: what responses and exports emit
    -- verbatim) and as JSONB for the filters; JSONB alone would reorder keys and respell numbers.
    metadata_text text NOT NULL,
    metadata jsonb NOT NULL,
    api_key_id text COLLATE "C"
);
-- Idempotency is a unique constraint checked inside the ingest transaction.
CREATE UNIQUE INDEX usage_events_idempotency ON usage_events (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX usage_events_meter_time ON usage_events (workspace_id, meter, event_time);
CREATE INDEX usage_events_subject_time ON usage_events (workspace_id, subject, event_time);
-- Metadata filters (eq, in, exists on a path) are containment and key tests: jsonb_path_ops answers @>.
CREATE INDEX usage_events_metadata ON usage_events USING gin (metadata jsonb_path_ops);
CREATE TABLE meter_usage (
    workspace_id text COLLATE "C" NOT NULL,
    meter text COLLATE "C" NOT NULL,
    usage_events bigint NOT NULL DEFAULT 0,
    last_event_at bytea,
    PRIMARY KEY (workspace_id, meter)
);
CREATE TABLE usage_ingestions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL,
    workspace_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    accepted bigint NOT NULL,
    duplicates bigint NOT NULL,
    failed bigint NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX usage_ingestions_created ON usage_ingestions (workspace_id, created_at DESC, id DESC);
-- Bulk `Idempotency-Key` replay records (SqliteRecords.h's encoding, shared with SQLite).
CREATE TABLE bulk_batches (
    workspace_id text COLLATE "C" NOT NULL,
    idempotency_key text COLLATE "C" NOT NULL,
    accepted_items text NOT NULL,
    duplicate_items text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);
CREATE TABLE prune_runs (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL,
    workspace_id text COLLATE "C" NOT NULL,
    deleted bigint NOT NULL,
    dry_run integer NOT NULL,
    meters text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX prune_runs_created ON prune_runs (workspace_id, created_at DESC, id DESC);
-- Export jobs (contract §7.3): `query` verbatim, `meter` for authorization; a running job is leased
-- (`lock_token` names the claim, `locked_until` ends it).
CREATE TABLE export_jobs (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    workspace_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    format text NOT NULL,
    status text NOT NULL,
    query text NOT NULL,
    meter text NOT NULL,
    error text NOT NULL DEFAULT '',
    attempts integer NOT NULL DEFAULT 0,
    locked_until bigint,
    lock_token text COLLATE "C",
    rows_written bigint NOT NULL DEFAULT 0,
    progress double precision NOT NULL DEFAULT 0,
    record_count bigint,
    artifact_name text NOT NULL DEFAULT '',
    artifact_size bigint NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    completed_at bigint
);
CREATE INDEX export_jobs_created ON export_jobs (workspace_id, created_at DESC, id DESC);
CREATE INDEX export_jobs_claimable ON export_jobs (status, created_at, id);
CREATE TABLE auth_sessions (
    token_hash bytea PRIMARY KEY,
    kind text NOT NULL,
    pair_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL REFERENCES users(id),
    workspace_id text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX auth_sessions_pair ON auth_sessions (pair_id);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);
CREATE TABLE account_settings (
    key text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);
-- MAX() over time keys: PostgreSQL has no max(bytea). STRICT skips NULLs, SORTOP lets the planner
-- answer it from an index like the built-in MAX.
CREATE FUNCTION osc_bytea_larger(a bytea, b bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT CASE WHEN a >= b THEN a ELSE b END $fn$;
CREATE AGGREGATE osc_max(bytea) (SFUNC = osc_bytea_larger, STYPE = bytea, SORTOP = >, PARALLEL = SAFE);
-- goNumberText() (filter/MetadataPath.cpp) in SQL, for `contains` on numbers: float8's text is
-- already the shortest round-trip digits (extra_float_digits = 1), laid out here as Go's encoding/json
-- does: exponent form below 1e-6 and from 1e21 ("1e+21", "1e-7"), plain decimals otherwise.
CREATE FUNCTION osc_go_number_text(v double precision) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET extra_float_digits = 1 AS $fn$
DECLARE
    a double precision := abs(v);
    s text;
    d text;
    e integer;
    whole text;
    frac text;
    out text := CASE WHEN v < 0 THEN '-' ELSE '' END;
BEGIN
    IF v = 0 THEN
        RETURN '0';
    END IF;
    s := a::text;
    IF position('e' IN s) > 0 THEN
        d := replace(split_part(s, 'e', 1), '.', '');
        e := split_part(s, 'e', 2)::integer;
    ELSE
        whole := split_part(s, '.', 1);
        frac := split_part(s, '.', 2);
        IF whole <> '0' THEN
            e := length(whole) - 1;
            d := whole || frac;
        ELSE
            e := -(length(frac) - length(ltrim(frac, '0'))) - 1;
            d := ltrim(frac, '0');
        END IF;
    END IF;
    d := rtrim(d, '0');
    IF d = '' THEN
        d := '0';
    END IF;
    IF a < 1e-6 OR a >= 1e21 THEN
        out := out || substr(d, 1, 1) || CASE WHEN length(d) > 1 THEN '.' || substr(d, 2) ELSE '' END
            || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END || abs(e)::text;
    ELSIF e >= length(d) - 1 THEN
        out := out || d || repeat('0', e - length(d) + 1);
    ELSIF e >= 0 THEN
        out := out || substr(d, 1, e + 1) || '.' || substr(d, e + 2);
    ELSE
        out := out || '0.' || repeat('0', -e - 1) || d;
    END IF;
    RETURN out;
END
$fn$;
CREATE TABLE saved_queries (
    id text COLLATE "C" PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL REFERENCES users(id),
    name text COLLATE "C" NOT NULL,
    query text NOT NULL,
    group_by text NOT NULL,
    bucket_size text NOT NULL,
    row_limit integer NOT NULL,
    pinned integer NOT NULL,
    position integer NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    UNIQUE (user_id, name)
);
)sql",
        // 2: per-key rate limits (token bucket; 0 = unlimited), the holder of an export job's lease (a
        // restarted server reclaims its own dead leases at once) and a job's CSV formula guard — the
        // columns of SQLite's migration 14.
        R"sql(
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute integer NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN rate_limit_burst integer NOT NULL DEFAULT 0;
ALTER TABLE export_jobs ADD COLUMN lock_holder text;
ALTER TABLE export_jobs ADD COLUMN csv_safe integer NOT NULL DEFAULT 0;
)sql",
    };
    return list;
}

Result<int> schemaVersion(Connection &db)
{
    auto exists = db.exec("SELECT to_regclass('osc_schema_version') IS NOT NULL");
    if (!exists)
        return exists.error();
    if (!exists->boolean(0, 0))
        return 0;
    auto version = db.exec("SELECT version FROM osc_schema_version");
    if (!version)
        return version.error();
    return version->size() > 0 ? int(version->int64(0, 0)) : 0;
}

Status migrate(Connection &db, const QString &defaultWorkspaceId, qint64 nowNs)
{
    if (auto s = db.run("BEGIN"); !s)
        return s;
    auto fail = [&db](Error error) -> Status {
        (void)db.run("ROLLBACK");
        return error;
    };
    if (auto locked = db.exec("SELECT pg_advisory_xact_lock($1)", {Param::int64(kMigrationLockId)}); !locked)
        return fail(locked.error());
    if (auto s = db.run("CREATE TABLE IF NOT EXISTS osc_schema_version (version integer NOT NULL)"); !s)
        return fail(s.error());
    auto current = schemaVersion(db);
    if (!current)
        return fail(current.error());
    const int version = current.value();
    const auto &list = migrations();
    if (version > list.size())
        return fail(
            Error::internal(QStringLiteral("database schema version %1 is newer than this program (%2)")
                                .arg(version)
                                .arg(list.size())));
    for (int next = version; next < list.size(); ++next)
        if (auto s = db.run(list[next]); !s)
            return fail(s.error());
    if (auto s = db.exec("DELETE FROM osc_schema_version"); !s)
        return fail(s.error());
    if (auto s = db.exec("INSERT INTO osc_schema_version (version) VALUES ($1)", {Param::int64(list.size())});
        !s)
        return fail(s.error());
    if (auto s = db.exec("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) "
                         "ON CONFLICT (id) DO NOTHING",
            {Param::text(defaultWorkspaceId), Param::text(QStringLiteral("Default workspace")),
                Param::int64(nowNs)});
        !s)
        return fail(s.error());
    if (auto s = db.exec("INSERT INTO workspace_counters (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING",
            {Param::text(defaultWorkspaceId)});
        !s)
        return fail(s.error());
    return db.run("COMMIT");
}

} // namespace osc::pg
