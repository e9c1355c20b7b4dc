#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVariant>

#include <optional>

// Helpers shared by group_by (§6.4), the GET `metadata.<key>=<value>` filters (§6.5) and the filter
// DSL (§6.6): how a metadata key names a nested value, and how a value renders as text. The store expresses
// the same rules in its own query language (store/sqlite/SqliteFilterSql.h).
namespace osc::query {

// `^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`: the dimension-name / metadata-key grammar of §4.6 and §6.5.
bool isValidMetadataKey(QStringView key);

// The value at a nested path (`service.tier` = ["service", "tier"]). nullopt when a step is missing or
// an intermediate value is not an object (arrays are not indexed); a present JSON null is returned as
// QJsonValue::Null so `exists` can tell it from a missing key. An empty path names nothing.
std::optional<QJsonValue> valueAtPath(const QJsonObject &metadata, const QStringList &path);

// A float64 as Go's encoding/json prints it: shortest round-trip digits, plain decimal notation
// (`200`, `1.5`, `0.000023148148148148147`, `100000000000000000000`) unless |v| < 1e-6 or |v| >= 1e21,
// where it uses exponent form with the exponent's leading zero removed (`1e-7`, `1.5e+21`).
QString goNumberText(double value);

// The group value of contract §6.4 (also what `contains` and §6.5 compare): strings as-is, `true`/
// `false`, numbers per goNumberText, objects/arrays as compact JSON with sorted keys (Qt's writer,
// i.e. the exact text the store persisted, so SQLite's json_extract() renders the same), and null /
// undefined as the literal `<nil>`.
QString textualForm(const QJsonValue &value);
inline constexpr QLatin1StringView kNilGroupValue{"<nil>"};
// textualForm of the value at `path`, `<nil>` when it is missing or null.
QString groupValue(const QJsonObject &metadata, const QStringList &path);

// One `metadata.<key>=<value>` query parameter of the GET bucket endpoints (§6.5).
struct MetadataEquals
{
    QString key; // trimmed, without the `metadata.` prefix
    QStringList path; // key split on '.'
    QString value; // trimmed, non-empty
};

// Every item whose name starts with `metadata.`, in first-occurrence order; a repeated name keeps its
// first value only. Errors: empty value → `invalid input: metadata filter value is required`; a key
// outside the grammar → `invalid input: unsupported metadata key "<k>"`.
Result<QList<MetadataEquals>> parseMetadataQueryFilters(const QList<QPair<QString, QString>> &queryItems);

// Textual equality (§6.5): `status=200` matches the number 200, `retry=true` the boolean. A missing
// key never matches, and neither does a JSON null (`<nil>` is a group label, not a value; contract
// Q16 makes matching it optional).
bool matches(const MetadataEquals &filter, const QJsonObject &metadata);

// Go's %q of a string, used where upstream quotes user input in error messages (`"a\"b"`).
QString goQuote(QStringView text);

} // namespace osc::query
