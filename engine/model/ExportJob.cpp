#include "model/ExportJob.h"

#include <QList>

namespace osc {

namespace {

template <typename Enum> struct NamedValue
{
    Enum value;
    QLatin1StringView name;
};

constexpr NamedValue<ExportKind> kKinds[] = {
    {ExportKind::UsageBuckets, QLatin1StringView("usage_buckets")},
    {ExportKind::UsageEvents, QLatin1StringView("usage_events")},
    {ExportKind::UsageReport, QLatin1StringView("usage_report")},
};
constexpr NamedValue<ExportFormat> kFormats[] = {
    {ExportFormat::Csv, QLatin1StringView("csv")},
    {ExportFormat::Json, QLatin1StringView("json")},
    {ExportFormat::Ndjson, QLatin1StringView("ndjson")},
};
constexpr NamedValue<ExportStatus> kStatuses[] = {
    {ExportStatus::Queued, QLatin1StringView("queued")},
    {ExportStatus::Running, QLatin1StringView("running")},
    {ExportStatus::Completed, QLatin1StringView("completed")},
    {ExportStatus::Failed, QLatin1StringView("failed")},
    {ExportStatus::Canceled, QLatin1StringView("canceled")},
};

template <typename Enum, size_t N> QString nameOf(const NamedValue<Enum> (&table)[N], Enum value)
{
    for (const auto &entry : table)
        if (entry.value == value)
            return entry.name;
    return {};
}

// Exact, case-sensitive names as upstream compares them.
template <typename Enum, size_t N>
std::optional<Enum> valueOf(const NamedValue<Enum> (&table)[N], QStringView name)
{
    for (const auto &entry : table)
        if (name == entry.name)
            return entry.value;
    return std::nullopt;
}

} // namespace

QString exportKindName(ExportKind kind)
{
    return nameOf(kKinds, kind);
}

std::optional<ExportKind> exportKindFromName(QStringView name)
{
    return valueOf(kKinds, name);
}

QString exportFormatName(ExportFormat format)
{
    return nameOf(kFormats, format);
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    return valueOf(kFormats, name);
}

QString exportStatusName(ExportStatus status)
{
    return nameOf(kStatuses, status);
}

std::optional<ExportStatus> exportStatusFromName(QStringView name)
{
    return valueOf(kStatuses, name);
}

QString exportFileExtension(ExportFormat format)
{
    return exportFormatName(format);
}

QByteArray exportContentType(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QByteArrayLiteral("text/csv; charset=utf-8");
    case ExportFormat::Json:
        return QByteArrayLiteral("application/json");
    case ExportFormat::Ndjson:
        return QByteArrayLiteral("application/x-ndjson");
    }
    return {};
}

} // namespace osc
