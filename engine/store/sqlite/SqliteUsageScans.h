#pragma once

#include "store/UsageScans.h"

namespace osc {
class SqliteStore;
}

namespace osc::sqlite {

// UsageScans over the SQLite store's read connections.
class SqliteUsageScans final : public UsageScans
{
public:
    explicit SqliteUsageScans(SqliteStore &store);

    Result<BucketScanStats> scanBuckets(const UsageScanSpec &spec, BucketFold &fold) override;
    Status scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold) override;
    Result<QList<ValueCount>> countDimensionValues(const DimensionValuesSpec &spec) override;

private:
    SqliteStore &m_store;
};

} // namespace osc::sqlite
