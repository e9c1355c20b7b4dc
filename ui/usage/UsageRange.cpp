#include "ui/usage/UsageRange.h"

#include <QCoreApplication>
#include <QDateTime>

namespace osc::ui {

namespace {

constexpr qint64 kNsPerMs = 1'000'000;
constexpr qint64 kNsPerDay = 86'400LL * 1'000'000'000LL;

qint64 localMidnightNs(QDate date)
{
    return QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch() * kNsPerMs;
}

} // namespace

UsageRange usageRange(UsageRangePreset preset, qint64 nowNs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowNs / kNsPerMs).date();
    const QDate monthStart(today.year(), today.month(), 1);
    switch (preset) {
    case UsageRangePreset::Last24Hours:
        return {nowNs - kNsPerDay, nowNs, true};
    case UsageRangePreset::Last7Days:
        return {nowNs - 7 * kNsPerDay, nowNs, true};
    case UsageRangePreset::Last30Days:
        return {nowNs - 30 * kNsPerDay, nowNs, true};
    case UsageRangePreset::ThisMonth:
        return {localMidnightNs(monthStart), nowNs, true};
    case UsageRangePreset::LastMonth:
        return {localMidnightNs(monthStart.addMonths(-1)), localMidnightNs(monthStart), false};
    }
    return {nowNs - kNsPerDay, nowNs, true};
}

QString defaultBucketSize(UsageRangePreset preset)
{
    return preset == UsageRangePreset::Last24Hours ? QStringLiteral("hour") : QStringLiteral("day");
}

QString usageRangePresetLabel(UsageRangePreset preset)
{
    const char *text = "";
    switch (preset) {
    case UsageRangePreset::Last24Hours:
        text = QT_TRANSLATE_NOOP("osc::ui::UsageRange", "Last 24 hours");
        break;
    case UsageRangePreset::Last7Days:
        text = QT_TRANSLATE_NOOP("osc::ui::UsageRange", "Last 7 days");
        break;
    case UsageRangePreset::Last30Days:
        text = QT_TRANSLATE_NOOP("osc::ui::UsageRange", "Last 30 days");
        break;
    case UsageRangePreset::ThisMonth:
        text = QT_TRANSLATE_NOOP("osc::ui::UsageRange", "This month");
        break;
    case UsageRangePreset::LastMonth:
        text = QT_TRANSLATE_NOOP("osc::ui::UsageRange", "Last month");
        break;
    }
    return QCoreApplication::translate("osc::ui::UsageRange", text);
}

QList<UsageRangePreset> allUsageRangePresets()
{
    return {UsageRangePreset::Last24Hours, UsageRangePreset::Last7Days, UsageRangePreset::Last30Days,
        UsageRangePreset::ThisMonth, UsageRangePreset::LastMonth};
}

} // namespace osc::ui
