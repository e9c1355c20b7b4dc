#pragma once

#include "core/TimeNs.h"

#include <QList>
#include <QString>

#include <optional>

namespace osc {

enum class Aggregation
{
    Sum,
    Count,
    Avg,
    Min,
    Max,
    First,
    Last,
    Rate
};
enum class DimensionType
{
    String,
    Number,
    Boolean
};

QString aggregationName(Aggregation aggregation);
std::optional<Aggregation> aggregationFromName(const QString &name); // case-sensitive, as upstream
QList<Aggregation> allAggregations();
QString dimensionTypeName(DimensionType type);
std::optional<DimensionType> dimensionTypeFromName(const QString &name);

struct Dimension
{
    QString name;
    QString displayName;
    QString description;
    DimensionType type = DimensionType::String;
    bool required = true;
    bool deprecated = false;

    // A required dimension is enforced at ingest unless it is deprecated (contract §4.6).
    bool enforced() const { return required && !deprecated; }
    bool operator==(const Dimension &) const = default;
};

struct Meter
{
    QString id;
    QString name;
    QString description;
    QString unit;
    Aggregation aggregation = Aggregation::Sum;
    QList<Dimension> dimensions;
    int eventRetentionDays = 90;
    qint64 createdAtNs = 0;

    const Dimension *dimension(const QString &dimensionName) const;
    bool operator==(const Meter &) const = default;
};

// A dimension as the client sent it: every field optional, validated by MeterValidator.
struct DimensionDraft
{
    QString name;
    std::optional<QString> displayName;
    std::optional<QString> description;
    QString type;
    std::optional<bool> required;
    std::optional<bool> deprecated;
};

// Fields of a create request (all optional here; the validator applies the contract's defaults and rules).
struct MeterDraft
{
    QString name;
    QString description;
    QString unit;
    QString aggregation;
    QList<DimensionDraft> dimensions;
    qint64 eventRetentionDays = 0;
};

// Fields of a PUT: present fields replace, absent ones are kept (partial update, contract §4.4).
struct MeterPatch
{
    std::optional<QString> description;
    std::optional<QString> unit;
    std::optional<QString> aggregation;
    std::optional<QList<DimensionDraft>> dimensions;
    std::optional<qint64> eventRetentionDays;
};

// Per-meter usage figures kept by the store (events currently stored, latest event time).
struct MeterUsageStats
{
    QString meter;
    qint64 usageEvents = 0;
    std::optional<TimeNs> lastEventAtNs;
    int retentionDays = 90;
};

constexpr int kDefaultEventRetentionDays = 90;
constexpr int kMaxEventRetentionDays = 3650;

} // namespace osc
