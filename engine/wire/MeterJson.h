#pragma once

#include "core/Result.h"
#include "model/Meter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace osc::wire {

// Meter JSON of contract §4.1 (every key always present).
QJsonObject meterToJson(const Meter &meter);
QJsonArray dimensionsToJson(const QList<Dimension> &dimensions);
// §4.5 item: `last_event_at` omitted when the meter has no events.
QJsonObject meterStatsToJson(const MeterUsageStats &stats);

// Request decoding: a value of the wrong JSON type is `invalid_json` (§1.2); the domain rules are
// MeterValidator's.
Result<MeterDraft> meterDraftFromJson(const QJsonObject &object);
Result<MeterPatch> meterPatchFromJson(const QJsonObject &object);

} // namespace osc::wire
