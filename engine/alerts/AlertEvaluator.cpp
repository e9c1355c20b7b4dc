#include "AlertEvaluator.h"

#include "core/Ids.h"
#include "filter/MetadataPath.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace osc::alerts {

namespace {

using GroupId = QPair<QString, QString>;

QString groupSuffix(const QString &key, const QString &value)
{
    return key.isEmpty() ? QString() : QStringLiteral(" for %1 %2").arg(key, value);
}

AlertEvent eventFor(const AlertState &state, AlertEventType type, qint64 nowNs)
{
    AlertEvent event;
    event.id = newId();
    event.ruleId = state.ruleId;
    event.groupKey = state.groupKey;
    event.groupValue = state.groupValue;
    event.type = type;
    event.value = state.value;
    event.message = state.message;
    event.createdAtNs = nowNs;
    return event;
}

// `next` replaces `before` (may be null): stamps times and emits the transition's event.
void transition(const AlertState *before, AlertState next, qint64 nowNs, EvaluationOutcome &out)
{
    const AlertStatus was = before ? before->status : AlertStatus::Ok;
    next.evaluatedAtNs = nowNs;
    next.updatedAtNs = before && before->status == next.status && before->value == next.value
        ? before->updatedAtNs
        : nowNs;
    if (next.status == AlertStatus::Alerting && was != AlertStatus::Alerting) {
        out.events.append(eventFor(next, AlertEventType::Triggered, nowNs));
        out.eventStates.append(next);
    } else if (was == AlertStatus::Alerting && next.status != AlertStatus::Alerting) {
        out.events.append(eventFor(next, AlertEventType::Resolved, nowNs));
        out.eventStates.append(next);
    }
    out.states.append(std::move(next));
}

} // namespace

QString AlertEvaluator::message(const AlertRule &rule, AlertStatus status, double value)
{
    switch (status) {
    case AlertStatus::Alerting:
        return QString::asprintf("value %.4f %s threshold %.4f", value,
            comparatorName(rule.comparator).toLatin1().constData(), rule.threshold);
    case AlertStatus::Ok:
        return QString::asprintf("value %.4f is within threshold %.4f", value, rule.threshold);
    case AlertStatus::NoData:
        return QStringLiteral("no usage data in alert window");
    case AlertStatus::Error:
        break;
    }
    return {};
}

EvaluationOutcome AlertEvaluator::evaluate(const AlertRule &rule, const QList<AlertState> &previous,
    const Result<QList<query::WindowGroup>> &window, qint64 nowNs)
{
    QHash<GroupId, const AlertState *> before;
    for (const AlertState &state : previous)
        before.insert({state.groupKey, state.groupValue}, &state);
    EvaluationOutcome out;

    if (!window) {
        // A failed query says nothing about the groups: they keep their states, and one `error` state
        // (the rule's, ungrouped) records why; evaluation_failed only when entering it.
        for (const AlertState &state : previous)
            if (!(state.groupKey.isEmpty() && state.groupValue.isEmpty()))
                out.states.append(state);
        AlertState error;
        error.ruleId = rule.id;
        error.status = AlertStatus::Error;
        error.message = window.error().message;
        const AlertState *was = before.value({QString(), QString()});
        error.evaluatedAtNs = nowNs;
        error.updatedAtNs = was && was->status == AlertStatus::Error ? was->updatedAtNs : nowNs;
        if (!was || was->status != AlertStatus::Error) {
            out.events.append(eventFor(error, AlertEventType::EvaluationFailed, nowNs));
            out.eventStates.append(error);
        }
        out.states.append(error);
        sortStates(out.states);
        return out;
    }

    QList<query::WindowGroup> groups = window.value();
    const QString key = rule.groupBy;
    if (key.isEmpty()) {
        AlertState state;
        state.ruleId = rule.id;
        if (groups.isEmpty()) {
            state.status = AlertStatus::NoData;
        } else {
            state.value = groups.first().quantity;
            state.status = compare(rule.comparator, state.value, rule.threshold) ? AlertStatus::Alerting
                                                                                 : AlertStatus::Ok;
        }
        state.message = message(rule, state.status, state.value);
        transition(before.value({QString(), QString()}), state, nowNs, out);
        sortStates(out.states);
        return out;
    }

    std::sort(groups.begin(), groups.end(), [](const query::WindowGroup &a, const query::WindowGroup &b) {
        if (a.quantity != b.quantity)
            return a.quantity > b.quantity;
        return a.value < b.value;
    });
    if (groups.size() > kMaxGroups)
        groups.resize(kMaxGroups);

    QSet<GroupId> seen;
    for (const query::WindowGroup &group : groups) {
        AlertState state;
        state.ruleId = rule.id;
        state.groupKey = key;
        state.groupValue = group.value;
        state.value = group.quantity;
        state.status
            = compare(rule.comparator, state.value, rule.threshold) ? AlertStatus::Alerting : AlertStatus::Ok;
        state.message = message(rule, state.status, state.value) + groupSuffix(key, group.value);
        seen.insert({key, group.value});
        transition(before.value({key, group.value}), state, nowNs, out);
    }
    // Groups known before and absent now have no data (resolved if they were alerting). A state of
    // another group_by (the rule was edited) or the ungrouped placeholder is dropped.
    for (const AlertState &old : previous) {
        if (old.groupKey != key || seen.contains({old.groupKey, old.groupValue}))
            continue;
        if (groups.isEmpty() && old.status != AlertStatus::Alerting)
            continue; // nothing at all: one no_data state below, unless a resolution must be told
        AlertState state = old;
        state.status = AlertStatus::NoData;
        state.value = 0;
        state.message = message(rule, AlertStatus::NoData, 0) + groupSuffix(key, old.groupValue);
        transition(&old, state, nowNs, out);
    }
    if (groups.isEmpty()) {
        // Nothing at all: the resolved groups' events are kept, the states collapse into one.
        out.states.clear();
        AlertState state;
        state.ruleId = rule.id;
        state.status = AlertStatus::NoData;
        state.message = message(rule, AlertStatus::NoData, 0);
        const AlertState *was = before.value({QString(), QString()});
        state.evaluatedAtNs = nowNs;
        state.updatedAtNs = was && was->status == AlertStatus::NoData ? was->updatedAtNs : nowNs;
        out.states.append(state);
    }
    sortStates(out.states);
    return out;
}

EvaluationOutcome AlertEvaluator::disabled(const AlertRule &rule, qint64 nowNs)
{
    AlertState state;
    state.ruleId = rule.id;
    state.status = AlertStatus::Ok;
    state.message = QStringLiteral("alert rule is disabled");
    state.evaluatedAtNs = nowNs;
    state.updatedAtNs = nowNs;
    return {{state}, {}};
}

void AlertEvaluator::sortStates(QList<AlertState> &states)
{
    std::stable_sort(states.begin(), states.end(), [](const AlertState &a, const AlertState &b) {
        if (alertStatusRank(a.status) != alertStatusRank(b.status))
            return alertStatusRank(a.status) < alertStatusRank(b.status);
        if (a.updatedAtNs != b.updatedAtNs)
            return a.updatedAtNs > b.updatedAtNs;
        return a.groupValue < b.groupValue;
    });
}

AlertState AlertEvaluator::primary(const QList<AlertState> &states)
{
    if (states.isEmpty())
        return {};
    QList<AlertState> sorted = states;
    sortStates(sorted);
    return sorted.first();
}

} // namespace osc::alerts
