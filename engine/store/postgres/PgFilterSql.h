#pragma once

#include "filter/Filter.h"
#include "filter/MetadataPath.h"
#include "store/postgres/PgConnection.h"

#include <QByteArray>
#include <QStringList>

// The filter language (§6.5, §6.6) in PostgreSQL's SQL, mirroring store/sqlite/SqliteFilterSql: the
// store pushes the very rules of filter/ into its queries, so a read answers exactly what matches()
// would. Values and metadata paths are bound parameters ($n), never spliced into the SQL text.
namespace osc::pg {

// A SQL/JSON path in strict mode for `path` (`strict $."service"."tier"`): member accessors apply to
// objects only, as SQLite's `$.a.b` does (lax mode would look into arrays).
QByteArray jsonPath(const QStringList &path);

// `node` as a boolean expression over the usage_events columns (subject, meter, idempotency_key text
// COLLATE "C"; quantity float8; event_time, received_at bytea time keys; metadata jsonb; metadata_text
// its verbatim JSON), each prefixed with `columnPrefix`. Parameters are appended to `params` and
// referenced as $<index>. True exactly for the rows matches() accepts, false otherwise (never NULL).
// String equality also tests `metadata @> {path: value}` so the jsonb_path_ops GIN index can answer.
QByteArray filterSql(const query::FilterNode &node, Params &params, const QByteArray &columnPrefix = {});

// groupValue(metadata, path) (§6.4) as a text expression: strings as-is, true/false, numbers per
// goNumberText, objects and arrays as their stored text, `<nil>` when missing or null. The path is
// bound to `params`.
QByteArray groupValueSql(const QStringList &path, Params &params, const QByteArray &columnPrefix = {});
// Whether the value at `path` is present and not JSON null.
QByteArray presentValueSql(const QStringList &path, Params &params, const QByteArray &columnPrefix = {});
// query::matches(filter, metadata) (§6.5 textual equality) as a boolean expression, never NULL.
QByteArray metadataEqualsSql(
    const query::MetadataEquals &filter, Params &params, const QByteArray &columnPrefix = {});

} // namespace osc::pg
