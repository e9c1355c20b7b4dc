#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace osc {

// Alerts (contract §9). Clock-domain times (qint64 ns) throughout: rules, states, events and
// deliveries are stamped by the server's clock, never by event time.

// A webhook destination (§9.1). The signing secret is persisted (HMAC needs it) and shown only by
// create and rotate.
struct AlertDestination
{
    QString id;
    QString workspaceId;
    QString name;
    QString type = QStringLiteral("webhook");
    bool enabled = true;
    QString webhookUrl;
    QString secret;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;

    bool signingEnabled() const { return enabled && !webhookUrl.isEmpty() && !secret.isEmpty(); }
};

struct AlertDestinationDraft
{
    QString name;
    QString type;
    std::optional<bool> enabled;
    QString webhookUrl;
};

// PUT: empty name/type keep; enabled and webhook_url replace when present.
struct AlertDestinationPatch
{
    QString name;
    QString type;
    std::optional<bool> enabled;
    std::optional<QString> webhookUrl;
};

enum class AlertComparator
{
    Gt,
    Gte,
    Lt,
    Lte,
    Eq,
    Neq
};
QString comparatorName(AlertComparator comparator);
std::optional<AlertComparator> comparatorFromName(QStringView name);
bool compare(AlertComparator comparator, double value, double threshold);

// An alert rule (§9.2). `metadata` is ordered by key (equality filters, textual: contract Q13).
struct AlertRule
{
    QString id;
    QString workspaceId;
    QString name;
    QString meter;
    bool enabled = true;
    QString subject;
    QList<QPair<QString, QString>> metadata;
    qint64 windowSeconds = 3600;
    AlertComparator comparator = AlertComparator::Gte;
    double threshold = 0;
    qint64 evaluationIntervalSeconds = 60;
    QString groupBy; // "" = ungrouped; `subject` or a metadata path
    QString destinationId;
    qint64 nextEvaluateAtNs = 0;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;
};

struct AlertRuleDraft
{
    QString name;
    QString meter;
    std::optional<bool> enabled;
    QString subject;
    QList<QPair<QString, QString>> metadata; // as received (keys not yet trimmed)
    qint64 windowSeconds = 0;
    QString comparator;
    double threshold = 0;
    qint64 evaluationIntervalSeconds = 0;
    QString groupBy;
    QString destinationId;
};

// PUT: empty strings / zero ints keep name, meter, comparator, window and interval; the optionals
// replace when present.
struct AlertRulePatch
{
    QString name;
    QString meter;
    QString comparator;
    qint64 windowSeconds = 0;
    qint64 evaluationIntervalSeconds = 0;
    std::optional<bool> enabled;
    std::optional<QString> subject;
    std::optional<QList<QPair<QString, QString>>> metadata;
    std::optional<double> threshold;
    std::optional<QString> groupBy;
    std::optional<QString> destinationId;
};

enum class AlertStatus
{
    Ok,
    Alerting,
    NoData,
    Error
};
QString alertStatusName(AlertStatus status);
std::optional<AlertStatus> alertStatusFromName(QStringView name);
// §9.2 ordering of `states`: alerting, error, no_data, ok.
int alertStatusRank(AlertStatus status);

// One group's state; an ungrouped rule has one with empty key and value.
struct AlertState
{
    QString ruleId;
    QString groupKey;
    QString groupValue;
    AlertStatus status = AlertStatus::Ok;
    double value = 0;
    QString message;
    std::optional<qint64> evaluatedAtNs;
    qint64 updatedAtNs = 0;
};

enum class AlertEventType
{
    Triggered,
    Resolved,
    EvaluationFailed,
    Test // a console "send test event" delivery: never stored as an alert event
};
QString alertEventTypeName(AlertEventType type);
std::optional<AlertEventType> alertEventTypeFromName(QStringView name);

// One attempt to deliver an event's webhook (the delivery log).
struct WebhookAttempt
{
    QString id;
    QString eventId;
    QString deliveryId;
    bool delivered = false;
    std::optional<int> statusCode;
    QString error;
    qint64 durationMs = 0;
    qint64 attemptedAtNs = 0;
    qint64 createdAtNs = 0;
};

struct AlertEvent
{
    QString id;
    QString workspaceId;
    QString ruleId;
    QString groupKey;
    QString groupValue;
    AlertEventType type = AlertEventType::Triggered;
    double value = 0;
    QString message;
    qint64 createdAtNs = 0;
    std::optional<WebhookAttempt> delivery; // the latest attempt, when listed
};

// A queued webhook delivery: the body is frozen when it is queued (what the event said at that time);
// the signature is computed per attempt, with that attempt's timestamp.
struct WebhookDelivery
{
    QString id;
    QString workspaceId;
    QString eventId;
    QString destinationId;
    QByteArray body;
    int attempts = 0; // made so far
    qint64 nextAttemptAtNs = 0;
    qint64 createdAtNs = 0;
    // Filled by a claim from the destination as it is now (rotation and URL changes apply).
    QString webhookUrl;
    QString secret;
    bool destinationEnabled = true;
};

// What an evaluation wrote, stored in one transaction: the rule's new states (all of them, replacing
// the old), its events, the deliveries to queue and the next evaluation time.
struct AlertEvaluationRecord
{
    QString workspaceId;
    QString ruleId;
    QList<AlertState> states;
    QList<AlertEvent> events;
    QList<WebhookDelivery> deliveries;
    qint64 nextEvaluateAtNs = 0;
    qint64 nowNs = 0;
};

} // namespace osc
