#pragma once

#include "core/Result.h"
#include "model/Alert.h"

#include <optional>

namespace osc {

struct AlertDestinationListQuery
{
    QString type; // "" = any
    std::optional<bool> enabled;
    int limit = 100;
};

struct AlertRuleListQuery
{
    QString meter; // "" = any
    std::optional<bool> enabled;
    int limit = 100; // 0 = every matching rule (ingest matching)
};

enum class DeleteDestinationOutcome
{
    Deleted,
    NotFound,
    InUse
};

// The next state of a delivery after an attempt, decided by the engine (retry policy).
struct WebhookDeliveryNext
{
    enum class Status
    {
        Pending, // retried at nextAttemptAtNs
        Delivered,
        Failed
    };
    Status status = Status::Pending;
    qint64 nextAttemptAtNs = 0;
};

// Alert destinations, rules, per-group states, events and the webhook delivery queue (contract §9).
// Every method is scoped by a workspace id unless it says otherwise (the worker's claims span
// workspaces: one worker serves them all) and is safe to call from any thread.
class AlertStore
{
public:
    virtual ~AlertStore() = default;

    // Destinations
    virtual Status insertAlertDestination(const AlertDestination &destination) = 0;
    virtual Result<std::optional<AlertDestination>> findAlertDestination(
        const QString &workspaceId, const QString &id)
        = 0;
    // Newest first (created_at, id).
    virtual Result<QList<AlertDestination>> listAlertDestinations(
        const QString &workspaceId, const AlertDestinationListQuery &query)
        = 0;
    // Every column but id, workspace and created_at; false when the destination is gone.
    virtual Result<bool> updateAlertDestination(const AlertDestination &destination) = 0;
    // Atomic with the check that no rule names it.
    virtual Result<DeleteDestinationOutcome> deleteAlertDestinationIfUnused(
        const QString &workspaceId, const QString &id)
        = 0;

    // Rules
    virtual Status insertAlertRule(const AlertRule &rule) = 0;
    virtual Result<std::optional<AlertRule>> findAlertRule(const QString &workspaceId, const QString &id) = 0;
    // Newest first (created_at, id).
    virtual Result<QList<AlertRule>> listAlertRules(
        const QString &workspaceId, const AlertRuleListQuery &query)
        = 0;
    virtual Result<bool> updateAlertRule(const AlertRule &rule) = 0;
    // With its states, events, deliveries and delivery attempts.
    virtual Result<bool> deleteAlertRule(const QString &workspaceId, const QString &id) = 0;
    // Enabled rules of every workspace whose next_evaluate_at has passed, oldest due first.
    virtual Result<QList<AlertRule>> listDueAlertRules(qint64 nowNs, int limit) = 0;
    // Whether any rule of the workspace names the meter (meter deletion, contract Q9).
    virtual Result<bool> meterHasAlertRules(const QString &workspaceId, const QString &meter) = 0;

    // States and events
    virtual Result<QList<AlertState>> listAlertStates(const QString &workspaceId, const QString &ruleId) = 0;
    // In one transaction: the rule's states replaced, events inserted, deliveries queued, the rule's
    // next_evaluate_at set. False (nothing written) when the rule was deleted meanwhile.
    virtual Result<bool> saveAlertEvaluation(const AlertEvaluationRecord &record) = 0;
    // Newest first (created_at, id), each with its latest delivery attempt; "" rule = every rule.
    // Returns up to limit + 1 rows.
    virtual Result<QList<AlertEvent>> listAlertEvents(const QString &workspaceId, const QString &ruleId,
        std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
        = 0;

    // Webhook deliveries. A claim leases pending deliveries that are due (the lease expires so a
    // crashed worker's claim is taken over: at-least-once), filling in the destination as it is now.
    virtual Status queueWebhookDelivery(const WebhookDelivery &delivery) = 0;
    virtual Result<QList<WebhookDelivery>> claimWebhookDeliveries(
        qint64 nowNs, qint64 leaseUntilNs, int limit)
        = 0;
    // Records the attempt and moves the delivery on (lease cleared).
    virtual Status recordWebhookAttempt(
        const WebhookDelivery &delivery, const WebhookAttempt &attempt, const WebhookDeliveryNext &next)
        = 0;
    // Oldest first: the delivery log of one event.
    virtual Result<QList<WebhookAttempt>> listWebhookAttempts(
        const QString &workspaceId, const QString &eventId)
        = 0;
    // Deliveries not yet finished (pending), of every workspace: diagnostics and tests.
    virtual Result<qint64> countPendingWebhookDeliveries() = 0;
};

} // namespace osc
