#pragma once

#include "core/Result.h"
#include "model/Meter.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace osc {

class ApiKeyStore;

namespace query {

// The column that follows `api_key` in grouped results: the key's name (never its secret), empty once
// the key was deleted — its usage still groups by its id.
inline const QString kApiKeyNameColumn = QStringLiteral("api_key_name");

// Whether `field` (a group_by or breakdown field) names the writing API key for this meter: `api_key`,
// unless the meter has a dimension of that name, which keeps its upstream meaning.
bool isApiKeyField(const Meter &meter, const QString &field);
// `groupBy` as the scan names its columns: the API key field becomes kApiKeyScanColumn.
QStringList scanColumns(const Meter &meter, const QStringList &groupBy);
// The group_by of a result: kApiKeyNameColumn inserted after the API key column (index in
// `scanColumns`; -1 = none).
QStringList reportedColumns(const QStringList &groupBy, qsizetype apiKeyColumn);

// id → name of every key of the workspace (deleted keys are absent).
using ApiKeyNames = QHash<QString, QString>;
Result<ApiKeyNames> apiKeyNames(ApiKeyStore &keys, const QString &workspaceId);

} // namespace query
} // namespace osc
