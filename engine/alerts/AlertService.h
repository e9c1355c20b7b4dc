#pragma once

#include "alerts/WebhookDeliveries.h"
#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/Alert.h"
#include "model/UsageEvent.h"
#include "query/UsageQuery.h"

#include <QHash>
#include <QMutex>

#include <functional>

namespace osc {

class AlertStore;
class MeterStore;
namespace query {
class UsageQueries;
}

// A rule as the API shows it: with its destination (no secret) and its states in §9.2 order.
struct AlertRuleView
{
    AlertRule rule;
    std::optional<AlertDestination> destination;
    QList<AlertState> states;
};

// What POST /v1/alerts/{id}/evaluate answers.
struct AlertEvaluationResult
{
    AlertRuleView view;
    AlertState state;
    QList<AlertEvent> events;
};

// The alerts API of contract §9 and the evaluation the worker runs: destinations, rules, states,
// events; evaluation on demand, on schedule, and shortly after matching usage (coalesced per rule).
// Thread-safe: REST handlers, the ingest callback and the alert worker share one instance.
class AlertService
{
public:
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 1000;
    // §9.3: accepted usage queues matching rules this long after (one job per rule at a time).
    static constexpr qint64 kIngestDelayNs = 5 * kNanosPerSecond;
    // Due rules one worker tick evaluates at most (OPEN_SPANNER_ALERT_WORKER_BATCH_SIZE).
    static constexpr int kDefaultEvaluationBatch = 100;

    AlertService(AlertStore &store, MeterStore &meters, query::UsageQueries &queries, const Clock &clock);

    // Destinations (§9.1). create and rotate return the secret.
    Result<AlertDestination> createDestination(
        const Principal &principal, const AlertDestinationDraft &draft);
    Result<QList<AlertDestination>> listDestinations(
        const Principal &principal, const QString &type, std::optional<bool> enabled, qint64 limit);
    Result<AlertDestination> updateDestination(
        const Principal &principal, const QString &id, const AlertDestinationPatch &patch);
    Status removeDestination(const Principal &principal, const QString &id);
    Result<AlertDestination> rotateSecret(const Principal &principal, const QString &id);
    // Console-only (no REST route upstream): queues a signed `test` delivery to the destination and
    // returns the id its delivery log is filed under.
    Result<QString> sendTestEvent(const Principal &principal, const QString &destinationId);

    // Rules (§9.2).
    Result<AlertRuleView> createRule(const Principal &principal, const AlertRuleDraft &draft);
    Result<QList<AlertRuleView>> listRules(
        const Principal &principal, const QString &meter, std::optional<bool> enabled, qint64 limit);
    Result<AlertRuleView> getRule(const Principal &principal, const QString &id);
    Result<AlertRuleView> updateRule(
        const Principal &principal, const QString &id, const AlertRulePatch &patch);
    Status removeRule(const Principal &principal, const QString &id);
    // Synchronous: records states and events, sends nothing.
    Result<AlertEvaluationResult> evaluateNow(const Principal &principal, const QString &id);
    // What a rule being edited would say now, per group (§9.3 states, §9.2 order), stored nowhere: the
    // same validation (meter first) and window query as an evaluation. No destination needed yet.
    Result<QList<AlertState>> previewRule(const Principal &principal, const AlertRuleDraft &draft);
    Result<Page<AlertEvent>> listEvents(
        const Principal &principal, const QString &ruleId, qint64 limit, const QString &cursor);
    // Every attempt for one event (or test delivery), oldest first.
    Result<QList<WebhookAttempt>> deliveryLog(const Principal &principal, const QString &eventId);

    // Usage accepted by ingestion (any thread): matching enabled rules are queued kIngestDelayNs later.
    void noteAcceptedEvents(const QString &workspaceId, const QList<UsageEvent> &events);
    // The worker's tick: rules whose queued job or next_evaluate_at is due are evaluated and their
    // triggered/resolved events queued for webhook delivery. Returns how many were evaluated.
    Result<int> evaluateDue();
    WebhookDeliveries &deliveries() { return m_deliveries; }

    // Called after every stored evaluation that produced triggered or resolved events (worker or
    // evaluateNow), on the evaluating thread, outside the service's locks: the desktop notification.
    using TransitionListener = std::function<void(const AlertRule &rule, const QList<AlertEvent> &events)>;
    void setTransitionListener(TransitionListener listener);

private:
    Result<AlertRuleView> view(const AlertRule &rule);
    Result<AlertRule> findRule(const Principal &principal, const QString &id);
    Result<AlertDestination> findDestination(const QString &workspaceId, const QString &id);
    // Meter must exist; the rule's destination too.
    Status checkReferences(const QString &workspaceId, const AlertRule &rule);
    // The §9.3 window of `rule` ending at `nowNs` (its groups, or why the query failed).
    Result<QList<query::WindowGroup>> window(const AlertRule &rule, qint64 nowNs);
    // Evaluates and stores; `queueWebhooks` for the worker's evaluations only.
    Result<AlertEvaluationResult> evaluate(const AlertRule &rule, bool queueWebhooks);
    void forgetRules();
    void notifyTransitions(const AlertRule &rule, const QList<AlertEvent> &events);

    AlertStore &m_store;
    MeterStore &m_meters;
    query::UsageQueries &m_queries;
    const Clock &m_clock;
    WebhookDeliveries m_deliveries;

    // Ingest matching reads enabled rules per (workspace, meter) from here, not the store, so the
    // group-commit callback does no I/O; any rule change through this service clears it.
    QMutex m_mutex;
    QHash<QPair<QString, QString>, QList<AlertRule>> m_rulesByMeter;
    QHash<QPair<QString, QString>, qint64> m_queued; // (workspace, rule) → run after
    TransitionListener m_transitionListener; // under m_mutex
};

} // namespace osc
