#pragma once

#include "filter/Filter.h"
#include "filter/MetadataPath.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QVariant>

// The filter language (§6.5, §6.6) and group values (§6.4) in SQLite's SQL: the store pushes the very
// rules of filter/ into its queries, so a scan answers exactly what matches() would.
namespace osc::sqlite {

using query::FilterNode;
using query::MetadataEquals;

// A piece of SQL with positional `?` placeholders and the values to bind to them, in order. Every bind
// is a QString (bind as TEXT), a double (REAL) or a qint64 (INTEGER).
struct SqlFragment
{
    QByteArray sql;
    QList<QVariant> binds;
};

// A SQLite JSON path for `path`: `$.service.tier`; segments that are not plain identifiers are quoted:
// `$."region-name"`, `$."123"`. Segments must satisfy isValidMetadataKey (SQLite paths cannot escape
// a `"` inside a quoted segment).
QByteArray sqliteJsonPath(const QStringList &path);
// `text` as a single-quoted SQL string literal.
QByteArray sqlStringLiteral(QByteArrayView text);
// A SQL expression rendering the numeric SQL expression `numericExpr` the way goNumberText() does.
// Exact for every value whose shortest form has at most 15 significant digits (all integers below
// 1e15, every decimal people type); for values that need 16–17 digits SQLite's printf may pick a
// neighbouring last digit, and subnormals (< 2.2e-308) print with too many digits. `numericExpr` is
// evaluated once (it is wrapped in a scalar subquery).
QByteArray sqliteGoNumberText(const QByteArray &numericExpr);
// A SQL expression for groupValue(metadataColumn, path), e.g. for GROUP BY pushdown.
QByteArray sqliteGroupValue(const QByteArray &metadataColumn, const QStringList &path);

// The same test as a boolean SQL expression over the JSON text column `metadataColumn`. Numbers are
// compared numerically against the filter value when that value is the canonical text of a number,
// which is equivalent to comparing texts because the shortest round-trip form is unique.
SqlFragment toSqlite(const MetadataEquals &filter, const QByteArray &metadataColumn = "metadata");

// `node` as a boolean SQLite expression over the usage_events columns `subject TEXT, meter TEXT,
// quantity REAL, event_time INTEGER (ns), received_at INTEGER (ns), idempotency_key TEXT NULL,
// metadata TEXT (JSON)`, each prefixed with `columnPrefix` (e.g. "e."). Text columns must use the
// BINARY collation. It is true exactly for the rows matches() accepts; elsewhere it is 0 or NULL, so use
// it as a WHERE/AND term and do not negate it. Metadata paths are inlined as literals (they satisfy
// the key grammar); values are bound. `in` lists of strings, times and small integers travel as one
// JSON array bound to json_each(), so long lists do not hit SQLite's host-parameter limit.
// Residual differences from matches(), all outside what the store writes or people type:
//  * `contains` on a number that needs 16–17 significant digits may see a different last digit
//    (see sqliteGoNumberText);
//  * SQLite's text-to-double conversion of stored metadata numbers is trusted to agree with Qt's.
SqlFragment toSqlite(const FilterNode &node, const QByteArray &columnPrefix = {});

} // namespace osc::sqlite
