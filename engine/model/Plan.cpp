#include "Plan.h"

namespace osc {

QString planPeriodName(PlanPeriod period)
{
    switch (period) {
    case PlanPeriod::Day:
        return QStringLiteral("day");
    case PlanPeriod::Week:
        return QStringLiteral("week");
    case PlanPeriod::Month:
        return QStringLiteral("month");
    case PlanPeriod::Year:
        return QStringLiteral("year");
    }
    return QStringLiteral("month");
}

std::optional<PlanPeriod> planPeriodFromName(const QString &name)
{
    for (const PlanPeriod period : kAllPlanPeriods)
        if (name.compare(planPeriodName(period), Qt::CaseInsensitive) == 0)
            return period;
    return std::nullopt;
}

QString assignmentStatusName(AssignmentStatus status)
{
    switch (status) {
    case AssignmentStatus::Scheduled:
        return QStringLiteral("scheduled");
    case AssignmentStatus::Active:
        return QStringLiteral("active");
    case AssignmentStatus::Ended:
        return QStringLiteral("ended");
    }
    return QStringLiteral("ended");
}

QString quotaStateName(QuotaState state)
{
    switch (state) {
    case QuotaState::Ok:
        return QStringLiteral("ok");
    case QuotaState::Warning:
        return QStringLiteral("warning");
    case QuotaState::Exceeded:
        return QStringLiteral("exceeded");
    case QuotaState::NoPlan:
        return QStringLiteral("no_plan");
    case QuotaState::NotInPlan:
        return QStringLiteral("not_in_plan");
    }
    return QStringLiteral("ok");
}

std::optional<QuotaState> quotaStateFromName(const QString &name)
{
    for (const QuotaState state : {QuotaState::Ok, QuotaState::Warning, QuotaState::Exceeded,
             QuotaState::NoPlan, QuotaState::NotInPlan})
        if (name == quotaStateName(state))
            return state;
    return std::nullopt;
}

} // namespace osc
