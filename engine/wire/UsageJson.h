#pragma once

#include "core/Result.h"
#include "model/UsageEvent.h"

#include <QJsonArray>
#include <QJsonObject>

namespace osc::wire {

// UsageEvent JSON of contract §5.1, in its field order (`idempotency_key` omitted when absent; `metadata`
// always an object, written verbatim from its stored Go-compatible form).
void appendUsageEventJson(QByteArray &out, const UsageEvent &event);
QByteArray usageEventJson(const UsageEvent &event);
QByteArray usageEventsJsonArray(const QList<UsageEvent> &events);
// A create request; a value of the wrong JSON type is `invalid_json` (§1.2).
Result<UsageDraft> usageDraftFromJson(const QJsonValue &value);
// §5.4: all six keys always present.
QByteArray bulkResultJson(const BulkResult &result);
QJsonObject ingestionRunToJson(const IngestionRun &run);

} // namespace osc::wire
