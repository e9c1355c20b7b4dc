#pragma once

#include "core/Result.h"
#include "model/Alert.h"
#include "query/UsageQuery.h"

namespace osc::alerts {

// Groups a grouped rule keeps per evaluation, highest values first (§9.3).
inline constexpr int kMaxGroups = 1000;

struct EvaluationOutcome
{
    QList<AlertState> states; // every state of the rule after this evaluation, in §9.2 order
    QList<AlertEvent> events; // ids and times set
    QList<AlertState> eventStates; // parallel to events: the group's state the event reports
};

// The state machine of contract §9.3, free of storage: the previous states and the window's groups
// (or the error the query gave) in, the new states and the transition events out.
class AlertEvaluator
{
public:
    static EvaluationOutcome evaluate(const AlertRule &rule, const QList<AlertState> &previous,
        const Result<QList<query::WindowGroup>> &window, qint64 nowNs);
    // A disabled rule: one `ok` state, `alert rule is disabled`, no events.
    static EvaluationOutcome disabled(const AlertRule &rule, qint64 nowNs);
    // §9.2: alerting, error, no_data, ok; then most recently updated; then group value.
    static void sortStates(QList<AlertState> &states);
    // The first of sortStates' order; an `ok` placeholder when there is none yet.
    static AlertState primary(const QList<AlertState> &states);
    // "value 12.0000 gte threshold 10.0000", "value 3.0000 is within threshold 10.0000".
    static QString message(const AlertRule &rule, AlertStatus status, double value);
};

} // namespace osc::alerts
