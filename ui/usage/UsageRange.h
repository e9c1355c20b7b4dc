#pragma once

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
    qint64 fromNs = 0;
    qint64 toNs = 0;
    // True when `to` is "now": the last bucket is still filling up and must not read as a drop.
    bool endsNow = false;
};

UsageRange usageRange(UsageRangePreset preset, qint64 nowNs);
// Hour buckets for a day (24 points), day buckets otherwise.
QString defaultBucketSize(UsageRangePreset preset);
QString usageRangePresetLabel(UsageRangePreset preset);
QList<UsageRangePreset> allUsageRangePresets();

} // namespace osc::ui
