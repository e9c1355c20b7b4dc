#pragma once

#include "core/Result.h"
#include "model/Meter.h"
#include "model/Plan.h"
#include "quota/PeriodWindow.h"

#include <optional>

namespace osc {

class MeterStore;
class PlanStore;

// `current` of a limit (§10.4): the counter of the window under the meter's aggregation; 0 without one.
double counterValue(
    const std::optional<UsageCounter> &counter, Aggregation aggregation, const quota::Window &window);
// exceeded if value >= limit; warning if value/limit*100 >= warning percent; else ok.
QuotaState quotaStateFor(double value, double limit, double warningPercent);
// Worst first: exceeded > warning > ok (anything else ranks below ok).
int quotaSeverity(QuotaState state);

// One limit measured for one subject now (progress item, §10.5).
struct LimitProgress
{
    PlanLimit limit;
    QuotaState state = QuotaState::Ok;
    double current = 0;
    double remaining = 0;
    double overage = 0;
    double percent = 0;
    quota::Window window;
    QString unit;
    Aggregation aggregation = Aggregation::Sum;
    qint64 eventCount = 0;
};

// Reads what a limit's progress needs (the meter's unit and aggregation, the window's counter).
class QuotaReader
{
public:
    QuotaReader(MeterStore &meters, PlanStore &plans);

    Result<LimitProgress> progress(const QString &workspaceId, const QString &subject, qint64 anchorNs,
        const PlanLimit &limit, qint64 nowNs);

private:
    MeterStore &m_meters;
    PlanStore &m_plans;
};

} // namespace osc
