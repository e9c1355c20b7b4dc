#include "model/Meter.h"

namespace osc {

namespace {
struct AggregationName
{
    Aggregation value;
    const char *name;
};
constexpr AggregationName kAggregations[] = {
    {Aggregation::Sum, "sum"},
    {Aggregation::Count, "count"},
    {Aggregation::Avg, "avg"},
    {Aggregation::Min, "min"},
    {Aggregation::Max, "max"},
    {Aggregation::First, "first"},
    {Aggregation::Last, "last"},
    {Aggregation::Rate, "rate"},
};
} // namespace

QString aggregationName(Aggregation aggregation)
{
    for (const auto &entry : kAggregations)
        if (entry.value == aggregation)
            return QLatin1StringView(entry.name);
    return QStringLiteral("sum");
}

std::optional<Aggregation> aggregationFromName(const QString &name)
{
    for (const auto &entry : kAggregations)
        if (name == QLatin1StringView(entry.name))
            return entry.value;
    return std::nullopt;
}

QList<Aggregation> allAggregations()
{
    QList<Aggregation> out;
    for (const auto &entry : kAggregations)
        out.append(entry.value);
    return out;
}

QString dimensionTypeName(DimensionType type)
{
    switch (type) {
    case DimensionType::String:
        return QStringLiteral("string");
    case DimensionType::Number:
        return QStringLiteral("number");
    case DimensionType::Boolean:
        return QStringLiteral("boolean");
    }
    return QStringLiteral("string");
}

std::optional<DimensionType> dimensionTypeFromName(const QString &name)
{
    if (name == QLatin1StringView("string"))
        return DimensionType::String;
    if (name == QLatin1StringView("number"))
        return DimensionType::Number;
    if (name == QLatin1StringView("boolean"))
        return DimensionType::Boolean;
    return std::nullopt;
}

const Dimension *Meter::dimension(const QString &dimensionName) const
{
    for (const Dimension &d : dimensions)
        if (d.name == dimensionName)
            return &d;
    return nullptr;
}

} // namespace osc
