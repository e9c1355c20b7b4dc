#include "Alert.h"

#include <array>

namespace osc {

namespace {

template <typename Enum, size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, const char *>, N> &names, QStringView name)
{
    for (const auto &[value, text] : names)
        if (name == QLatin1StringView(text))
            return value;
    return std::nullopt;
}

template <typename Enum, size_t N>
QString toName(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, text] : names)
        if (candidate == value)
            return QString::fromLatin1(text);
    return {};
}

constexpr std::array<std::pair<AlertComparator, const char *>, 6> kComparators{{
    {AlertComparator::Gt, "gt"},
    {AlertComparator::Gte, "gte"},
    {AlertComparator::Lt, "lt"},
    {AlertComparator::Lte, "lte"},
    {AlertComparator::Eq, "eq"},
    {AlertComparator::Neq, "neq"},
}};

constexpr std::array<std::pair<AlertStatus, const char *>, 4> kStatuses{{
    {AlertStatus::Ok, "ok"},
    {AlertStatus::Alerting, "alerting"},
    {AlertStatus::NoData, "no_data"},
    {AlertStatus::Error, "error"},
}};

constexpr std::array<std::pair<AlertEventType, const char *>, 4> kEventTypes{{
    {AlertEventType::Triggered, "triggered"},
    {AlertEventType::Resolved, "resolved"},
    {AlertEventType::EvaluationFailed, "evaluation_failed"},
    {AlertEventType::Test, "test"},
}};

} // namespace

QString comparatorName(AlertComparator comparator)
{
    return toName(kComparators, comparator);
}

std::optional<AlertComparator> comparatorFromName(QStringView name)
{
    return fromName(kComparators, name);
}

bool compare(AlertComparator comparator, double value, double threshold)
{
    switch (comparator) {
    case AlertComparator::Gt:
        return value > threshold;
    case AlertComparator::Gte:
        return value >= threshold;
    case AlertComparator::Lt:
        return value < threshold;
    case AlertComparator::Lte:
        return value <= threshold;
    case AlertComparator::Eq:
        return value == threshold;
    case AlertComparator::Neq:
        return value != threshold;
    }
    return false;
}

QString alertStatusName(AlertStatus status)
{
    return toName(kStatuses, status);
}

std::optional<AlertStatus> alertStatusFromName(QStringView name)
{
    return fromName(kStatuses, name);
}

int alertStatusRank(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Alerting:
        return 0;
    case AlertStatus::Error:
        return 1;
    case AlertStatus::NoData:
        return 2;
    case AlertStatus::Ok:
        return 3;
    }
    return 4;
}

QString alertEventTypeName(AlertEventType type)
{
    return toName(kEventTypes, type);
}

std::optional<AlertEventType> alertEventTypeFromName(QStringView name)
{
    return fromName(kEventTypes, name);
}

} // namespace osc
