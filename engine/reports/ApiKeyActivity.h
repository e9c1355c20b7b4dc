#pragma once

#include "auth/Principal.h"
#include "core/Result.h"
#include "core/TimeNs.h"

#include <QHash>
#include <QList>
#include <QString>

namespace osc {

class MeterStore;

namespace query {
class UsageQueries;
}

namespace reports {

// The days the API keys page draws for each key.
inline constexpr int kApiKeyActivityDays = 30;

// Events each API key wrote per UTC day, over every meter of the workspace: `days` counts per key id,
// oldest first, the last one the day holding `nowNs`. Read with the same range totals as the usage
// reports (rollups by API key), one scan per meter and day.
using ApiKeyActivity = QHash<QString, QList<qint64>>;
Result<ApiKeyActivity> apiKeyActivity(MeterStore &meters, query::UsageQueries &queries,
    const Principal &principal, TimeNs nowNs, int days = kApiKeyActivityDays);

} // namespace reports
} // namespace osc
