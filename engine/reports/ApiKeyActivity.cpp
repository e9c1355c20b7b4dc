#include "ApiKeyActivity.h"

#include "auth/Permission.h"
#include "query/UsageQuery.h"
#include "rollup/RollupKeys.h"
#include "store/MeterStore.h"
#include "store/UsageScans.h"

namespace osc::reports {

Result<ApiKeyActivity> apiKeyActivity(
    MeterStore &meters, query::UsageQueries &queries, const Principal &principal, TimeNs nowNs, int days)
{
    // Usage of every key: what the usage export reports may read.
    if (auto s = authorize(principal, Operation::ExportUsageReport, {}); !s)
        return s.error();
    MeterListQuery list;
    list.limit = 1000;
    auto all = meters.listMeters(principal.workspaceId, list);
    if (!all)
        return all.error();
    const TimeNs firstDay
        = rollup::floorTo(nowNs, rollup::kDayNs) - TimeNs(qint64(days - 1)) * rollup::kDayNs;
    ApiKeyActivity out;
    for (const Meter &meter : all.value()) {
        for (int day = 0; day < days; ++day) {
            const TimeNs from = firstDay + TimeNs(qint64(day)) * rollup::kDayNs;
            auto totals = queries.totals(
                {principal.workspaceId, meter, from, from + rollup::kDayNs, {kApiKeyGroupField}});
            if (!totals)
                return totals.error();
            for (const query::TotalsGroup &group : totals.value()) {
                const QString key = group.values.value(0);
                if (key.isEmpty())
                    continue; // written without a key
                QList<qint64> &series = out[key];
                if (series.isEmpty())
                    series.fill(0, days);
                series[day] += group.events;
            }
        }
    }
    return out;
}

} // namespace osc::reports
