#pragma once

#include "core/TimeNs.h"

#include <QString>
#include <QStringList>

namespace osc::ui {

// The quick ranges of the usage page. Ranges are half-open [from, to) in local time, like the queries.
enum class UsageRangePreset
{
    Last24Hours,
    Last7Days,
    Last30Days,
    ThisMonth,
    LastMonth
};

struct UsageRange
{
    TimeNs fromNs;
    TimeNs toNs;
    // True when `to` is "now": the last bucket is still filling up and must not read as a drop.
    bool endsNow = false;
};

UsageRange usageRange(UsageRangePreset preset, qint64 nowNs);
// Hour buckets for a day (24 points), day buckets otherwise.
QString defaultBucketSize(UsageRangePreset preset);
QString usageRangePresetLabel(UsageRangePreset preset);
QList<UsageRangePreset> allUsageRangePresets();

} // namespace osc::ui
