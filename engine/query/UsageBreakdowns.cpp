// Breakdowns (contract §6.7) and dimension values (§6.8).
#include "UsageQuery.h"

#include "query/ApiKeyUsage.h"

#include "core/Page.h"
#include "filter/MetadataPath.h"
#include "model/Aggregate.h"
#include "query/BucketCalendar.h"
#include "query/QueryPreflight.h"
#include "query/RollupEligibility.h"
#include "query/RollupPlan.h"
#include "rollup/RollupDelta.h"
#include "store/UsageScans.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace osc::query {

namespace {

// A running aggregate per breakdown value.
class BreakdownStates final : public BreakdownFold
{
public:
    AggregateState &stateFor(QByteArrayView utf8Value) override
    {
        return m_states[QString::fromUtf8(utf8Value)];
    }
    const QHash<QString, AggregateState> &states() const { return m_states; }

private:
    QHash<QString, AggregateState> m_states;
};

} // namespace

Result<BreakdownResult> UsageQueries::breakdowns(const Principal &principal, const BreakdownQuery &query)
{
    auto checked = preflight().breakdownQuery(principal, query);
    if (!checked)
        return checked.error();
    const std::optional<Meter> meter = std::move(checked->meter);
    const QString field = checked->field;

    const Aggregation aggregation = meter->aggregation;
    const bool withIds = needsEventIds(aggregation);
    // Like bucket queries, a breakdown reads rollups where they answer exactly: a dimension field with
    // dimension-only filters over all subjects (dimension rollups), or the subject field unfiltered
    // (subject rollups); the range's partial hours come from raw events.
    UsageScanSpec spec;
    spec.workspaceId = principal.workspaceId;
    spec.meter = &meter.value();
    spec.subject = query.subject;
    spec.fromNs = query.fromNs;
    spec.toNs = query.toNs;
    spec.filter = query.filter ? &*query.filter : nullptr;
    const bool byApiKey = isApiKeyField(meter.value(), field);
    spec.groupBy = {byApiKey ? kApiKeyScanColumn : field};
    spec.withIds = withIds;
    if (m_rollupsEnabled.load() && query.subject.isEmpty()) {
        if (field == kSubjectGroupField && !query.filter)
            spec.rollups = RollupTable::Subjects;
        else if (field != kSubjectGroupField && (byApiKey || meter->dimension(field))
            && (!query.filter || onlyDimensionConditions(*query.filter, meter.value())))
            spec.rollups = RollupTable::Dimensions;
    }
    spec.rollupSegments = [&] {
        return planSegments(
            {query.fromNs, query.toNs}, query.fromNs, query.toNs, spec.rollups == RollupTable::Dimensions);
    };
    BreakdownStates folded;
    if (auto s = m_scans.scanBreakdown(spec, folded); !s)
        return s.error();
    const QHash<QString, AggregateState> &states = folded.states();

    BreakdownResult result;
    result.field = field;
    result.byApiKey = byApiKey;
    result.unit = meter->unit;
    result.aggregation = aggregation;
    // §6.3: a breakdown's rate window is the whole requested range.
    const double windowSeconds = double(query.toNs - query.fromNs) / 1e9;
    result.items.reserve(states.size());
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        result.items.append({it.key(), it->value(aggregation, windowSeconds), it->count});
    std::sort(result.items.begin(), result.items.end(), [](const BreakdownItem &a, const BreakdownItem &b) {
        if (a.quantity != b.quantity)
            return a.quantity > b.quantity;
        return compareCodePoints(a.value, b.value) < 0;
    });
    const int limit = clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit);
    if (result.items.size() > limit)
        result.items.resize(limit);
    if (byApiKey) {
        auto names = apiKeyNamesOf(principal.workspaceId);
        if (!names)
            return names.error();
        for (BreakdownItem &item : result.items)
            item.name = names->value(item.value);
    }
    return result;
}

Result<DimensionValuesResult> UsageQueries::dimensionValues(
    const Principal &principal, const DimensionValuesQuery &query)
{
    auto checked = preflight().dimensionValuesQuery(principal, query);
    if (!checked)
        return checked.error();
    const std::optional<Meter> meter = std::move(checked->meter);
    const QString field = checked->field;

    DimensionValuesSpec spec;
    spec.workspaceId = principal.workspaceId;
    spec.meter = meter->name;
    spec.path = field.split(QLatin1Char('.'));
    spec.subject = query.subject;
    spec.fromNs = query.fromNs;
    spec.toNs = query.toNs;
    spec.limit = clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit);
    auto counted = m_scans.countDimensionValues(spec);
    if (!counted)
        return counted.error();
    DimensionValuesResult result;
    result.field = field;
    for (const ValueCount &count : counted.value())
        result.items.append({count.value, count.events});
    return result;
}

} // namespace osc::query
