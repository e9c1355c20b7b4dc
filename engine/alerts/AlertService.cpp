#include "AlertService.h"

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertValidator.h"
#include "alerts/WebhookSignature.h"
#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "filter/MetadataPath.h"
#include "query/UsageQuery.h"
#include "store/AlertStore.h"
#include "store/MeterStore.h"
#include "wire/AlertJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace osc {

namespace {

// Contract Q13: textual equality, as the store's metadata filters compare.
bool matchesRule(const AlertRule &rule, const UsageEvent &event, const QJsonObject &metadata)
{
    if (!rule.subject.isEmpty() && rule.subject != event.subject)
        return false;
    for (const auto &[key, value] : rule.metadata)
        if (!query::matches({key, key.split(QLatin1Char('.')), value}, metadata))
            return false;
    return true;
}

} // namespace

AlertService::AlertService(
    AlertStore &store, MeterStore &meters, query::UsageQueries &queries, const Clock &clock)
    : m_store(store)
    , m_meters(meters)
    , m_queries(queries)
    , m_clock(clock)
    , m_deliveries(store, clock)
{ }

void AlertService::forgetRules()
{
    QMutexLocker lock(&m_mutex);
    m_rulesByMeter.clear();
}

Result<AlertDestination> AlertService::findDestination(const QString &workspaceId, const QString &id)
{
    auto found = m_store.findAlertDestination(workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    return *found.value();
}

// Destinations ---------------------------------------------------------------------------------------

Result<AlertDestination> AlertService::createDestination(
    const Principal &principal, const AlertDestinationDraft &draft)
{
    if (auto s = authorize(principal, Operation::WriteAlertDestinations, {QString()}); !s)
        return s.error();
    auto destination = alerts::AlertValidator::validateDestination(draft);
    if (!destination)
        return destination;
    destination->id = newId();
    destination->workspaceId = principal.workspaceId;
    destination->secret = alerts::newWebhookSecret();
    destination->createdAtNs = destination->updatedAtNs = m_clock.nowNs();
    if (auto s = m_store.insertAlertDestination(destination.value()); !s)
        return s.error();
    return destination;
}

Result<QList<AlertDestination>> AlertService::listDestinations(
    const Principal &principal, const QString &type, std::optional<bool> enabled, qint64 limit)
{
    if (auto s = authorize(principal, Operation::ReadAlertDestinations, {QString()}); !s)
        return s.error();
    return m_store.listAlertDestinations(
        principal.workspaceId, {type.trimmed(), enabled, clampLimit(limit, kDefaultPageSize, kMaxPageSize)});
}

Result<AlertDestination> AlertService::updateDestination(
    const Principal &principal, const QString &id, const AlertDestinationPatch &patch)
{
    if (auto s = authorize(principal, Operation::WriteAlertDestinations, {QString()}); !s)
        return s.error();
    auto current = findDestination(principal.workspaceId, id);
    if (!current)
        return current;
    auto next = alerts::AlertValidator::applyDestinationPatch(current.value(), patch);
    if (!next)
        return next;
    next->updatedAtNs = m_clock.nowNs();
    auto updated = m_store.updateAlertDestination(next.value());
    if (!updated)
        return updated.error();
    if (!updated.value())
        return Error::notFound();
    return next;
}

Status AlertService::removeDestination(const Principal &principal, const QString &id)
{
    if (auto s = authorize(principal, Operation::WriteAlertDestinations, {QString()}); !s)
        return s.error();
    auto outcome = m_store.deleteAlertDestinationIfUnused(principal.workspaceId, id);
    if (!outcome)
        return outcome.error();
    switch (outcome.value()) {
    case DeleteDestinationOutcome::Deleted:
        return {};
    case DeleteDestinationOutcome::NotFound:
        return Error::notFound();
    case DeleteDestinationOutcome::InUse:
        return Error::conflictLine(QStringLiteral("alert destination is used by alert rules"));
    }
    return {};
}

Result<AlertDestination> AlertService::rotateSecret(const Principal &principal, const QString &id)
{
    if (auto s = authorize(principal, Operation::WriteAlertDestinations, {QString()}); !s)
        return s.error();
    auto current = findDestination(principal.workspaceId, id);
    if (!current)
        return current;
    AlertDestination next = current.value();
    next.secret = alerts::newWebhookSecret();
    next.updatedAtNs = m_clock.nowNs();
    auto updated = m_store.updateAlertDestination(next);
    if (!updated)
        return updated.error();
    if (!updated.value())
        return Error::notFound();
    return next;
}

Result<QString> AlertService::sendTestEvent(const Principal &principal, const QString &destinationId)
{
    if (auto s = authorize(principal, Operation::WriteAlertDestinations, {QString()}); !s)
        return s.error();
    auto destination = findDestination(principal.workspaceId, destinationId);
    if (!destination)
        return destination.error();
    const qint64 now = m_clock.nowNs();
    AlertEvent event;
    event.id = newId();
    event.type = AlertEventType::Test;
    event.message = QStringLiteral("test event from Open Spanner Console");
    event.createdAtNs = now;
    AlertRule rule;
    rule.name = QStringLiteral("test");
    rule.destinationId = destination->id;
    AlertState state;
    state.message = event.message;
    state.evaluatedAtNs = now;
    state.updatedAtNs = now;
    WebhookDelivery delivery;
    delivery.id = newId();
    delivery.workspaceId = principal.workspaceId;
    delivery.eventId = event.id;
    delivery.destinationId = destination->id;
    delivery.body = wire::webhookPayload(event, rule, destination->name, state);
    delivery.nextAttemptAtNs = now;
    delivery.createdAtNs = now;
    if (auto s = m_store.queueWebhookDelivery(delivery); !s)
        return s.error();
    return event.id;
}

// Rules ----------------------------------------------------------------------------------------------

Result<AlertRuleView> AlertService::view(const AlertRule &rule)
{
    AlertRuleView v;
    v.rule = rule;
    auto destination = m_store.findAlertDestination(rule.workspaceId, rule.destinationId);
    if (!destination)
        return destination.error();
    v.destination = destination.value();
    auto states = m_store.listAlertStates(rule.workspaceId, rule.id);
    if (!states)
        return states.error();
    v.states = std::move(states.value());
    alerts::AlertEvaluator::sortStates(v.states);
    return v;
}

Result<AlertRule> AlertService::findRule(const Principal &principal, const QString &id)
{
    auto found = m_store.findAlertRule(principal.workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    return *found.value();
}

Status AlertService::checkReferences(const QString &workspaceId, const AlertRule &rule)
{
    auto destination = findDestination(workspaceId, rule.destinationId);
    if (!destination)
        return destination.error();
    return {};
}

Result<AlertRuleView> AlertService::createRule(const Principal &principal, const AlertRuleDraft &draft)
{
    const QString meterName = draft.meter.trimmed();
    if (auto s = authorize(principal, Operation::CreateAlertRule, {meterName}); !s)
        return s.error();
    if (meterName.isEmpty())
        return Error::invalidInputLine(QStringLiteral("meter is required"));
    // §9.2: an unknown meter is 404 before any other validation.
    auto meter = m_meters.findMeterByName(principal.workspaceId, meterName);
    if (!meter)
        return meter.error();
    if (!meter.value())
        return Error::notFound();
    auto rule = alerts::AlertValidator::validateRule(draft);
    if (!rule)
        return rule.error();
    if (auto s = checkReferences(principal.workspaceId, rule.value()); !s)
        return s.error();
    const qint64 now = m_clock.nowNs();
    rule->id = newId();
    rule->workspaceId = principal.workspaceId;
    rule->createdAtNs = rule->updatedAtNs = now;
    rule->nextEvaluateAtNs = now; // the worker's next tick evaluates it
    if (auto s = m_store.insertAlertRule(rule.value()); !s)
        return s.error();
    forgetRules();
    return view(rule.value());
}

Result<QList<AlertRuleView>> AlertService::listRules(
    const Principal &principal, const QString &meter, std::optional<bool> enabled, qint64 limit)
{
    if (auto s = authorize(principal, Operation::ListAlertRules, {meter}); !s)
        return s.error();
    auto rules = m_store.listAlertRules(
        principal.workspaceId, {meter, enabled, clampLimit(limit, kDefaultPageSize, kMaxPageSize)});
    if (!rules)
        return rules.error();
    QList<AlertRuleView> out;
    for (const AlertRule &rule : rules.value()) {
        auto v = view(rule);
        if (!v)
            return v.error();
        out.append(std::move(v.value()));
    }
    return out;
}

Result<AlertRuleView> AlertService::getRule(const Principal &principal, const QString &id)
{
    auto rule = findRule(principal, id);
    if (!rule)
        return rule.error();
    if (auto s = authorize(principal, Operation::GetAlertRule, {rule->meter}); !s)
        return s.error();
    return view(rule.value());
}

Result<AlertRuleView> AlertService::updateRule(
    const Principal &principal, const QString &id, const AlertRulePatch &patch)
{
    auto current = findRule(principal, id);
    if (!current)
        return current.error();
    QStringList meters{current->meter};
    const QString newMeter = patch.meter.trimmed();
    if (!newMeter.isEmpty() && newMeter != current->meter)
        meters.append(newMeter);
    if (auto s = authorize(principal, Operation::UpdateAlertRule, meters); !s)
        return s.error();
    if (!newMeter.isEmpty() && newMeter != current->meter) {
        auto meter = m_meters.findMeterByName(principal.workspaceId, newMeter);
        if (!meter)
            return meter.error();
        if (!meter.value())
            return Error::notFound();
    }
    auto next = alerts::AlertValidator::applyRulePatch(current.value(), patch);
    if (!next)
        return next.error();
    if (auto s = checkReferences(principal.workspaceId, next.value()); !s)
        return s.error();
    const qint64 now = m_clock.nowNs();
    next->updatedAtNs = now;
    next->nextEvaluateAtNs = now; // §9.2: re-queued
    auto updated = m_store.updateAlertRule(next.value());
    if (!updated)
        return updated.error();
    if (!updated.value())
        return Error::notFound();
    forgetRules();
    return view(next.value());
}

Status AlertService::removeRule(const Principal &principal, const QString &id)
{
    auto rule = findRule(principal, id);
    if (!rule)
        return rule.error();
    if (auto s = authorize(principal, Operation::DeleteAlertRule, {rule->meter}); !s)
        return s.error();
    auto removed = m_store.deleteAlertRule(principal.workspaceId, id);
    if (!removed)
        return removed.error();
    if (!removed.value())
        return Error::notFound();
    forgetRules();
    return {};
}

Result<AlertEvaluationResult> AlertService::evaluateNow(const Principal &principal, const QString &id)
{
    auto rule = findRule(principal, id);
    if (!rule)
        return rule.error();
    if (auto s = authorize(principal, Operation::EvaluateAlertRule, {rule->meter}); !s)
        return s.error();
    return evaluate(rule.value(), /*queueWebhooks=*/false);
}

Result<QList<query::WindowGroup>> AlertService::window(const AlertRule &rule, qint64 nowNs)
{
    auto meter = m_meters.findMeterByName(rule.workspaceId, rule.meter);
    if (!meter)
        return meter.error();
    if (!meter.value())
        return Error::notFound(
            QStringLiteral("not found: meter %1 was not found").arg(query::goQuote(rule.meter)));
    query::WindowQuery q;
    q.workspaceId = rule.workspaceId;
    q.meter = *meter.value();
    q.subject = rule.subject;
    for (const auto &[key, value] : rule.metadata)
        q.metadataFilters.append({key, key.split(QLatin1Char('.')), value});
    q.toNs = TimeNs(nowNs);
    q.fromNs = TimeNs(nowNs) - TimeNs::fromSeconds(rule.windowSeconds);
    q.groupField = rule.groupBy;
    return m_queries.window(q);
}

Result<QList<AlertState>> AlertService::previewRule(const Principal &principal, const AlertRuleDraft &draft)
{
    const QString meterName = draft.meter.trimmed();
    if (auto s = authorize(principal, Operation::GetAlertRule, {meterName}); !s)
        return s.error();
    if (meterName.isEmpty())
        return Error::invalidInputLine(QStringLiteral("meter is required"));
    auto meter = m_meters.findMeterByName(principal.workspaceId, meterName);
    if (!meter)
        return meter.error();
    if (!meter.value())
        return Error::notFound();
    AlertRuleDraft checked = draft;
    // The destination decides where events go, not what the value is: an editor may not have one yet.
    if (checked.destinationId.trimmed().isEmpty())
        checked.destinationId = QStringLiteral("preview");
    auto rule = alerts::AlertValidator::validateRule(checked);
    if (!rule)
        return rule.error();
    rule->workspaceId = principal.workspaceId;
    const qint64 now = m_clock.nowNs();
    // As if evaluated for the first time: states only, the transitions it would cause are not asked.
    return alerts::AlertEvaluator::evaluate(rule.value(), {}, window(rule.value(), now), now).states;
}

void AlertService::setTransitionListener(TransitionListener listener)
{
    QMutexLocker lock(&m_mutex);
    m_transitionListener = std::move(listener);
}

void AlertService::notifyTransitions(const AlertRule &rule, const QList<AlertEvent> &events)
{
    QList<AlertEvent> transitions;
    for (const AlertEvent &event : events)
        if (event.type == AlertEventType::Triggered || event.type == AlertEventType::Resolved)
            transitions.append(event);
    if (transitions.isEmpty())
        return;
    TransitionListener listener;
    {
        QMutexLocker lock(&m_mutex);
        listener = m_transitionListener;
    }
    if (listener)
        listener(rule, transitions);
}

Result<AlertEvaluationResult> AlertService::evaluate(const AlertRule &rule, bool queueWebhooks)
{
    const qint64 now = m_clock.nowNs();
    auto previous = m_store.listAlertStates(rule.workspaceId, rule.id);
    if (!previous)
        return previous.error();
    alerts::EvaluationOutcome outcome = rule.enabled
        ? alerts::AlertEvaluator::evaluate(rule, previous.value(), window(rule, now), now)
        : alerts::AlertEvaluator::disabled(rule, now);

    AlertEvaluationRecord record;
    record.workspaceId = rule.workspaceId;
    record.ruleId = rule.id;
    record.states = outcome.states;
    record.nowNs = now;
    record.nextEvaluateAtNs = now + rule.evaluationIntervalSeconds * kNanosPerSecond;
    for (AlertEvent &event : outcome.events)
        event.workspaceId = rule.workspaceId;
    record.events = outcome.events;

    // §9.3: only triggered/resolved events of successful evaluations are sent, and only by the worker.
    if (queueWebhooks) {
        auto destination = m_store.findAlertDestination(rule.workspaceId, rule.destinationId);
        if (!destination)
            return destination.error();
        if (destination.value() && destination.value()->enabled) {
            for (qsizetype i = 0; i < outcome.events.size(); ++i) {
                const AlertEvent &event = outcome.events.at(i);
                if (event.type != AlertEventType::Triggered && event.type != AlertEventType::Resolved)
                    continue;
                const AlertState &state = outcome.eventStates.at(i);
                WebhookDelivery delivery;
                delivery.id = newId();
                delivery.workspaceId = rule.workspaceId;
                delivery.eventId = event.id;
                delivery.destinationId = rule.destinationId;
                delivery.body = wire::webhookPayload(event, rule, destination.value()->name, state);
                delivery.nextAttemptAtNs = now;
                delivery.createdAtNs = now;
                record.deliveries.append(std::move(delivery));
            }
        }
    }
    auto saved = m_store.saveAlertEvaluation(record);
    if (!saved)
        return saved.error();
    if (!saved.value())
        return Error::notFound();
    notifyTransitions(rule, outcome.events);

    AlertRule evaluated = rule;
    evaluated.nextEvaluateAtNs = record.nextEvaluateAtNs;
    auto v = view(evaluated);
    if (!v)
        return v.error();
    AlertEvaluationResult result;
    result.view = std::move(v.value());
    result.state = alerts::AlertEvaluator::primary(outcome.states);
    result.events = outcome.events;
    return result;
}

Result<Page<AlertEvent>> AlertService::listEvents(
    const Principal &principal, const QString &ruleId, qint64 limit, const QString &cursor)
{
    QString meter;
    if (!ruleId.isEmpty()) {
        auto rule = findRule(principal, ruleId);
        if (!rule)
            return rule.error();
        meter = rule->meter;
    }
    if (auto s = authorize(principal, Operation::ListAlertEvents, {meter}); !s)
        return s.error();
    return wire::newestFirstPage<AlertEvent>(limit, cursor, kDefaultPageSize, kMaxPageSize,
        [&](std::optional<qint64> afterTimeNs, const QString &afterId, int pageSize) {
            return m_store.listAlertEvents(principal.workspaceId, ruleId, afterTimeNs, afterId, pageSize);
        });
}

Result<QList<WebhookAttempt>> AlertService::deliveryLog(const Principal &principal, const QString &eventId)
{
    if (auto s = authorize(principal, Operation::ListAlertEvents, {QString()}); !s)
        return s.error();
    return m_store.listWebhookAttempts(principal.workspaceId, eventId);
}

// Triggering -----------------------------------------------------------------------------------------

void AlertService::noteAcceptedEvents(const QString &workspaceId, const QList<UsageEvent> &events)
{
    if (events.isEmpty())
        return;
    const qint64 runAfter = m_clock.nowNs() + kIngestDelayNs;
    QHash<QString, QList<AlertRule>> rulesByMeter;
    for (const UsageEvent &event : events) {
        if (rulesByMeter.contains(event.meter))
            continue;
        const QPair<QString, QString> key{workspaceId, event.meter};
        {
            QMutexLocker lock(&m_mutex);
            if (const auto it = m_rulesByMeter.constFind(key); it != m_rulesByMeter.cend()) {
                rulesByMeter.insert(event.meter, *it);
                continue;
            }
        }
        auto rules = m_store.listAlertRules(workspaceId, {event.meter, true, 0});
        if (!rules)
            return; // the schedule evaluates them anyway
        QMutexLocker lock(&m_mutex);
        m_rulesByMeter.insert(key, rules.value());
        rulesByMeter.insert(event.meter, rules.value());
    }
    QSet<QString> matched;
    for (const UsageEvent &event : events) {
        const QList<AlertRule> &rules = rulesByMeter[event.meter];
        if (rules.isEmpty())
            continue;
        const QJsonObject metadata = QJsonDocument::fromJson(event.metadata).object();
        for (const AlertRule &rule : rules)
            if (!matched.contains(rule.id) && matchesRule(rule, event, metadata))
                matched.insert(rule.id);
    }
    QMutexLocker lock(&m_mutex);
    for (const QString &ruleId : matched)
        if (!m_queued.contains({workspaceId, ruleId})) // coalesced: the earliest job stands
            m_queued.insert({workspaceId, ruleId}, runAfter);
}

Result<int> AlertService::evaluateDue()
{
    const qint64 now = m_clock.nowNs();
    QList<QPair<QString, QString>> queued;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_queued.begin(); it != m_queued.end();) {
            if (it.value() <= now) {
                queued.append(it.key());
                it = m_queued.erase(it);
            } else {
                ++it;
            }
        }
    }
    QList<AlertRule> rules;
    QSet<QString> seen;
    for (const auto &[workspaceId, ruleId] : queued) {
        auto found = m_store.findAlertRule(workspaceId, ruleId);
        if (!found)
            return found.error();
        if (found.value() && found.value()->enabled && !seen.contains(ruleId)) {
            seen.insert(ruleId);
            rules.append(*found.value());
        }
    }
    auto due = m_store.listDueAlertRules(now, kDefaultEvaluationBatch);
    if (!due)
        return due.error();
    for (const AlertRule &rule : due.value())
        if (!seen.contains(rule.id)) {
            seen.insert(rule.id);
            rules.append(rule);
        }
    int evaluated = 0;
    for (const AlertRule &rule : rules) {
        auto result = evaluate(rule, /*queueWebhooks=*/true);
        if (!result && result.error().kind != ErrorKind::NotFound)
            return result.error();
        ++evaluated;
    }
    return evaluated;
}

} // namespace osc
