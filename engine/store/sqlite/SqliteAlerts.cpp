// SqliteStore: alert destinations, rules, states, events and the webhook delivery queue (contract §9).

#include "store/sqlite/SqliteStore.h"

#include "core/Ids.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace osc {

namespace {

#define OSC_DESTINATION_COLUMNS                                                                              \
    "id, workspace_id, name, type, enabled, webhook_url, secret, created_at, updated_at"

AlertDestination destinationFromRow(const SqliteStatement &row)
{
    AlertDestination d;
    d.id = row.text(0);
    d.workspaceId = row.text(1);
    d.name = row.text(2);
    d.type = row.text(3);
    d.enabled = row.int64(4) != 0;
    d.webhookUrl = row.text(5);
    d.secret = row.text(6);
    d.createdAtNs = row.int64(7);
    d.updatedAtNs = row.int64(8);
    return d;
}

#define OSC_RULE_COLUMNS                                                                                     \
    "id, workspace_id, name, meter, enabled, subject, metadata, window_seconds, comparator, threshold, "     \
    "evaluation_interval_seconds, group_by, destination_id, next_evaluate_at, created_at, updated_at"

QByteArray metadataText(const QList<QPair<QString, QString>> &metadata)
{
    QJsonObject object;
    for (const auto &[key, value] : metadata)
        object.insert(key, value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QList<QPair<QString, QString>> metadataFromText(const QByteArray &text)
{
    QList<QPair<QString, QString>> out;
    const QJsonObject object = QJsonDocument::fromJson(text).object();
    for (auto it = object.begin(); it != object.end(); ++it) // QJsonObject iterates in key order
        out.append({it.key(), it.value().toString()});
    return out;
}

AlertRule ruleFromRow(const SqliteStatement &row)
{
    AlertRule r;
    r.id = row.text(0);
    r.workspaceId = row.text(1);
    r.name = row.text(2);
    r.meter = row.text(3);
    r.enabled = row.int64(4) != 0;
    r.subject = row.text(5);
    r.metadata = metadataFromText(row.bytes(6));
    r.windowSeconds = row.int64(7);
    r.comparator = comparatorFromName(row.text(8)).value_or(AlertComparator::Gte);
    r.threshold = row.real(9);
    r.evaluationIntervalSeconds = row.int64(10);
    r.groupBy = row.text(11);
    r.destinationId = row.text(12);
    r.nextEvaluateAtNs = row.int64(13);
    r.createdAtNs = row.int64(14);
    r.updatedAtNs = row.int64(15);
    return r;
}

// ?1 id … ?16 updated_at, in OSC_RULE_COLUMNS order.
void bindRule(SqliteStatement &stmt, const AlertRule &rule)
{
    stmt.bind(1, rule.id)
        .bind(2, rule.workspaceId)
        .bind(3, rule.name)
        .bind(4, rule.meter)
        .bind(5, qint64(rule.enabled ? 1 : 0))
        .bind(6, rule.subject)
        .bind(7, metadataText(rule.metadata))
        .bind(8, rule.windowSeconds)
        .bind(9, comparatorName(rule.comparator))
        .bind(10, rule.threshold)
        .bind(11, rule.evaluationIntervalSeconds)
        .bind(12, rule.groupBy)
        .bind(13, rule.destinationId)
        .bind(14, rule.nextEvaluateAtNs)
        .bind(15, rule.createdAtNs)
        .bind(16, rule.updatedAtNs);
}

AlertState stateFromRow(const SqliteStatement &row)
{
    AlertState s;
    s.ruleId = row.text(0);
    s.groupKey = row.text(1);
    s.groupValue = row.text(2);
    s.status = alertStatusFromName(row.text(3)).value_or(AlertStatus::Error);
    s.value = row.real(4);
    s.message = row.text(5);
    s.evaluatedAtNs = row.optionalInt64(6);
    s.updatedAtNs = row.int64(7);
    return s;
}

// Columns from `first`: id, event_id, delivery_id, delivered, status_code, error, duration_ms,
// attempted_at, created_at (all NULL when an event has no attempt yet).
std::optional<WebhookAttempt> attemptFromRow(const SqliteStatement &row, int first)
{
    if (row.isNull(first))
        return std::nullopt;
    WebhookAttempt a;
    a.id = row.text(first);
    a.eventId = row.text(first + 1);
    a.deliveryId = row.text(first + 2);
    a.delivered = row.int64(first + 3) != 0;
    if (!row.isNull(first + 4))
        a.statusCode = int(row.int64(first + 4));
    a.error = row.text(first + 5);
    a.durationMs = row.int64(first + 6);
    a.attemptedAtNs = row.int64(first + 7);
    a.createdAtNs = row.int64(first + 8);
    return a;
}

QString deliveryStatusName(WebhookDeliveryNext::Status status)
{
    switch (status) {
    case WebhookDeliveryNext::Status::Pending:
        return QStringLiteral("pending");
    case WebhookDeliveryNext::Status::Delivered:
        return QStringLiteral("delivered");
    case WebhookDeliveryNext::Status::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

Status insertDelivery(SqliteConnection &db, const WebhookDelivery &delivery, const QString &ruleId)
{
    auto insert
        = db.prepare("INSERT INTO alert_deliveries (id, workspace_id, event_id, rule_id, destination_id, "
                     "body, status, attempts, next_attempt_at, lease_until, created_at, updated_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, NULL, ?8, ?8)");
    insert.bind(1, delivery.id)
        .bind(2, delivery.workspaceId)
        .bind(3, delivery.eventId)
        .bind(4, ruleId)
        .bind(5, delivery.destinationId)
        .bind(6, delivery.body)
        .bind(7, delivery.nextAttemptAtNs)
        .bind(8, delivery.createdAtNs);
    return insert.run();
}

} // namespace

Status SqliteStore::insertAlertDestination(const AlertDestination &d)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert = db.prepare("INSERT INTO alert_destinations (" OSC_DESTINATION_COLUMNS
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        insert.bind(1, d.id)
            .bind(2, d.workspaceId)
            .bind(3, d.name)
            .bind(4, d.type)
            .bind(5, qint64(d.enabled ? 1 : 0))
            .bind(6, d.webhookUrl)
            .bind(7, d.secret)
            .bind(8, d.createdAtNs)
            .bind(9, d.updatedAtNs);
        return insert.run();
    });
}

Result<std::optional<AlertDestination>> SqliteStore::findAlertDestination(
    const QString &workspaceId, const QString &id)
{
    return readOneRow("SELECT " OSC_DESTINATION_COLUMNS
                      " FROM alert_destinations WHERE workspace_id = ?1 AND id = ?2",
        destinationFromRow, workspaceId, id);
}

Result<QList<AlertDestination>> SqliteStore::listAlertDestinations(
    const QString &workspaceId, const AlertDestinationListQuery &query)
{
    std::optional<qint64> enabled;
    if (query.enabled)
        enabled = *query.enabled ? 1 : 0;
    return readRows("SELECT " OSC_DESTINATION_COLUMNS
                    " FROM alert_destinations WHERE workspace_id = ?1 AND (?2 = '' OR type = ?2) "
                    "AND (?3 IS NULL OR enabled = ?3) ORDER BY created_at DESC, id DESC LIMIT ?4",
        destinationFromRow, workspaceId, query.type, enabled, qint64(query.limit));
}

Result<bool> SqliteStore::updateAlertDestination(const AlertDestination &d)
{
    return writeChangesRow(
        "UPDATE alert_destinations SET name = ?3, type = ?4, enabled = ?5, webhook_url = ?6, "
        "secret = ?7, updated_at = ?8 WHERE workspace_id = ?1 AND id = ?2",
        d.workspaceId, d.id, d.name, d.type, qint64(d.enabled ? 1 : 0), d.webhookUrl, d.secret,
        d.updatedAtNs);
}

Result<DeleteDestinationOutcome> SqliteStore::deleteAlertDestinationIfUnused(
    const QString &workspaceId, const QString &id)
{
    DeleteDestinationOutcome outcome = DeleteDestinationOutcome::Deleted;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto used
            = db.prepare("SELECT 1 FROM alert_rules WHERE workspace_id = ?1 AND destination_id = ?2 LIMIT 1");
        used.bind(1, workspaceId).bind(2, id);
        if (used.next()) {
            outcome = DeleteDestinationOutcome::InUse;
            return {};
        }
        if (auto s = used.status(); !s)
            return s;
        auto remove = db.prepare("DELETE FROM alert_destinations WHERE workspace_id = ?1 AND id = ?2");
        remove.bind(1, workspaceId).bind(2, id);
        if (auto s = remove.run(); !s)
            return s;
        if (db.changes() == 0)
            outcome = DeleteDestinationOutcome::NotFound;
        return {};
    });
    if (!status)
        return status.error();
    return outcome;
}

Status SqliteStore::insertAlertRule(const AlertRule &rule)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert
            = db.prepare("INSERT INTO alert_rules (" OSC_RULE_COLUMNS
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        bindRule(insert, rule);
        return insert.run();
    });
}

Result<std::optional<AlertRule>> SqliteStore::findAlertRule(const QString &workspaceId, const QString &id)
{
    return readOneRow("SELECT " OSC_RULE_COLUMNS " FROM alert_rules WHERE workspace_id = ?1 AND id = ?2",
        ruleFromRow, workspaceId, id);
}

Result<QList<AlertRule>> SqliteStore::listAlertRules(
    const QString &workspaceId, const AlertRuleListQuery &query)
{
    std::optional<qint64> enabled;
    if (query.enabled)
        enabled = *query.enabled ? 1 : 0;
    return readRows("SELECT " OSC_RULE_COLUMNS
                    " FROM alert_rules WHERE workspace_id = ?1 AND (?2 = '' OR meter = ?2) "
                    "AND (?3 IS NULL OR enabled = ?3) ORDER BY created_at DESC, id DESC LIMIT ?4",
        ruleFromRow, workspaceId, query.meter, enabled, qint64(query.limit > 0 ? query.limit : -1));
}

Result<bool> SqliteStore::updateAlertRule(const AlertRule &rule)
{
    bool changed = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare(
            "UPDATE alert_rules SET name = ?3, meter = ?4, enabled = ?5, subject = ?6, metadata = ?7, "
            "window_seconds = ?8, comparator = ?9, threshold = ?10, evaluation_interval_seconds = ?11, "
            "group_by = ?12, destination_id = ?13, next_evaluate_at = ?14, updated_at = ?16 "
            "WHERE id = ?1 AND workspace_id = ?2");
        bindRule(update, rule);
        if (auto s = update.run(); !s)
            return s;
        changed = db.changes() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return changed;
}

Result<bool> SqliteStore::deleteAlertRule(const QString &workspaceId, const QString &id)
{
    bool changed = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto remove = db.prepare("DELETE FROM alert_rules WHERE workspace_id = ?1 AND id = ?2");
        remove.bind(1, workspaceId).bind(2, id);
        if (auto s = remove.run(); !s)
            return s;
        changed = db.changes() > 0;
        if (!changed)
            return {};
        // The rule's history goes with it (§9.2: cascades states, events, deliveries).
        for (const char *sql :
            {"DELETE FROM alert_states WHERE rule_id = ?1", "DELETE FROM alert_events WHERE rule_id = ?1",
                "DELETE FROM alert_deliveries WHERE rule_id = ?1",
                "DELETE FROM alert_delivery_attempts WHERE rule_id = ?1"}) {
            auto cascade = db.prepare(sql);
            cascade.bind(1, id);
            if (auto s = cascade.run(); !s)
                return s;
        }
        return {};
    });
    if (!status)
        return status.error();
    return changed;
}

Result<QList<AlertRule>> SqliteStore::listDueAlertRules(qint64 nowNs, int limit)
{
    return readRows("SELECT " OSC_RULE_COLUMNS " FROM alert_rules WHERE enabled = 1 AND "
                    "next_evaluate_at <= ?1 ORDER BY next_evaluate_at, id LIMIT ?2",
        ruleFromRow, nowNs, qint64(limit));
}

Result<bool> SqliteStore::meterHasAlertRules(const QString &workspaceId, const QString &meter)
{
    auto found = readOneRow(
        "SELECT 1 FROM alert_rules WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1",
        [](const SqliteStatement &) { return true; }, workspaceId, meter);
    if (!found)
        return found.error();
    return found->has_value();
}

Result<QList<AlertState>> SqliteStore::listAlertStates(const QString &workspaceId, const QString &ruleId)
{
    return readRows("SELECT rule_id, group_key, group_value, status, value, message, evaluated_at, "
                    "updated_at FROM alert_states WHERE workspace_id = ?1 AND rule_id = ?2",
        stateFromRow, workspaceId, ruleId);
}

Result<bool> SqliteStore::saveAlertEvaluation(const AlertEvaluationRecord &record)
{
    bool saved = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto touch
            = db.prepare("UPDATE alert_rules SET next_evaluate_at = ?3 WHERE workspace_id = ?1 AND id = ?2");
        touch.bind(1, record.workspaceId).bind(2, record.ruleId).bind(3, record.nextEvaluateAtNs);
        if (auto s = touch.run(); !s)
            return s;
        if (db.changes() == 0)
            return {}; // deleted meanwhile: its history is gone too
        auto clear = db.prepare("DELETE FROM alert_states WHERE rule_id = ?1");
        clear.bind(1, record.ruleId);
        if (auto s = clear.run(); !s)
            return s;
        for (const AlertState &state : record.states) {
            auto insert
                = db.prepare("INSERT INTO alert_states (workspace_id, rule_id, group_key, group_value, "
                             "status, value, message, evaluated_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            insert.bind(1, record.workspaceId)
                .bind(2, record.ruleId)
                .bind(3, state.groupKey)
                .bind(4, state.groupValue)
                .bind(5, alertStatusName(state.status))
                .bind(6, state.value)
                .bind(7, state.message)
                .bind(8, state.evaluatedAtNs)
                .bind(9, state.updatedAtNs);
            if (auto s = insert.run(); !s)
                return s;
        }
        for (const AlertEvent &event : record.events) {
            auto insert
                = db.prepare("INSERT INTO alert_events (id, workspace_id, rule_id, group_key, group_value, "
                             "type, value, message, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            insert.bind(1, event.id)
                .bind(2, record.workspaceId)
                .bind(3, record.ruleId)
                .bind(4, event.groupKey)
                .bind(5, event.groupValue)
                .bind(6, alertEventTypeName(event.type))
                .bind(7, event.value)
                .bind(8, event.message)
                .bind(9, event.createdAtNs);
            if (auto s = insert.run(); !s)
                return s;
        }
        for (const WebhookDelivery &delivery : record.deliveries)
            if (auto s = insertDelivery(db, delivery, record.ruleId); !s)
                return s;
        saved = true;
        return {};
    });
    if (!status)
        return status.error();
    return saved;
}

Result<QList<AlertEvent>> SqliteStore::listAlertEvents(const QString &workspaceId, const QString &ruleId,
    std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    // The latest attempt per event: the one attempted last (ids break ties).
    auto stmt
        = (*lease.value())
              .prepare(
                  "SELECT e.id, e.rule_id, e.group_key, e.group_value, e.type, e.value, e.message, "
                  "e.created_at, a.id, a.event_id, a.delivery_id, a.delivered, a.status_code, a.error, "
                  "a.duration_ms, a.attempted_at, a.created_at FROM alert_events e "
                  "LEFT JOIN alert_delivery_attempts a ON a.id = (SELECT id FROM alert_delivery_attempts "
                  "WHERE event_id = e.id ORDER BY attempted_at DESC, id DESC LIMIT 1) "
                  "WHERE e.workspace_id = ?1 AND (?2 = '' OR e.rule_id = ?2) AND (?3 IS NULL OR "
                  "e.created_at < ?3 OR (e.created_at = ?3 AND e.id < ?4)) "
                  "ORDER BY e.created_at DESC, e.id DESC LIMIT ?5");
    stmt.bind(1, workspaceId)
        .bind(2, ruleId)
        .bind(3, afterTimeNs)
        .bind(4, afterId)
        .bind(5, qint64(limit) + 1);
    QList<AlertEvent> out;
    while (stmt.next()) {
        AlertEvent e;
        e.id = stmt.text(0);
        e.workspaceId = workspaceId;
        e.ruleId = stmt.text(1);
        e.groupKey = stmt.text(2);
        e.groupValue = stmt.text(3);
        e.type = alertEventTypeFromName(stmt.text(4)).value_or(AlertEventType::EvaluationFailed);
        e.value = stmt.real(5);
        e.message = stmt.text(6);
        e.createdAtNs = stmt.int64(7);
        e.delivery = attemptFromRow(stmt, 8);
        out.append(std::move(e));
    }
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Status SqliteStore::queueWebhookDelivery(const WebhookDelivery &delivery)
{
    return writeTransaction([&](SqliteConnection &db) { return insertDelivery(db, delivery, QString()); });
}

Result<QList<WebhookDelivery>> SqliteStore::claimWebhookDeliveries(
    qint64 nowNs, qint64 leaseUntilNs, int limit)
{
    QList<WebhookDelivery> claimed;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        claimed.clear();
        auto due
            = db.prepare("SELECT d.id, d.workspace_id, d.event_id, d.destination_id, d.body, d.attempts, "
                         "d.next_attempt_at, d.created_at, t.webhook_url, t.secret, t.enabled "
                         "FROM alert_deliveries d LEFT JOIN alert_destinations t ON t.id = d.destination_id "
                         "AND t.workspace_id = d.workspace_id WHERE d.status = 'pending' AND "
                         "d.next_attempt_at <= ?1 AND (d.lease_until IS NULL OR d.lease_until <= ?1) "
                         "ORDER BY d.next_attempt_at, d.id LIMIT ?2");
        due.bind(1, nowNs).bind(2, qint64(limit));
        while (due.next()) {
            WebhookDelivery d;
            d.id = due.text(0);
            d.workspaceId = due.text(1);
            d.eventId = due.text(2);
            d.destinationId = due.text(3);
            d.body = due.bytes(4);
            d.attempts = int(due.int64(5));
            d.nextAttemptAtNs = due.int64(6);
            d.createdAtNs = due.int64(7);
            d.webhookUrl = due.text(8);
            d.secret = due.text(9);
            d.destinationEnabled = !due.isNull(10) && due.int64(10) != 0;
            claimed.append(std::move(d));
        }
        if (auto s = due.status(); !s)
            return s;
        for (const WebhookDelivery &d : claimed) {
            auto lease = db.prepare("UPDATE alert_deliveries SET lease_until = ?2 WHERE id = ?1");
            lease.bind(1, d.id).bind(2, leaseUntilNs);
            if (auto s = lease.run(); !s)
                return s;
        }
        return {};
    });
    if (!status)
        return status.error();
    return claimed;
}

Status SqliteStore::recordWebhookAttempt(
    const WebhookDelivery &delivery, const WebhookAttempt &attempt, const WebhookDeliveryNext &next)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare("UPDATE alert_deliveries SET status = ?2, attempts = attempts + 1, "
                                 "next_attempt_at = ?3, lease_until = NULL, updated_at = ?4 WHERE id = ?1");
        update.bind(1, delivery.id)
            .bind(2, deliveryStatusName(next.status))
            .bind(3, next.nextAttemptAtNs)
            .bind(4, attempt.createdAtNs);
        if (auto s = update.run(); !s)
            return s;
        if (db.changes() == 0)
            return {}; // the rule (and its deliveries) were deleted while the request was out
        auto insert = db.prepare("INSERT INTO alert_delivery_attempts (id, workspace_id, delivery_id, "
                                 "event_id, rule_id, delivered, "
                                 "status_code, error, duration_ms, attempted_at, created_at) SELECT ?1, "
                                 "workspace_id, id, event_id, "
                                 "rule_id, ?2, ?3, ?4, ?5, ?6, ?7 FROM alert_deliveries WHERE id = ?8");
        std::optional<qint64> code;
        if (attempt.statusCode)
            code = *attempt.statusCode;
        insert.bind(1, attempt.id)
            .bind(2, qint64(attempt.delivered ? 1 : 0))
            .bind(3, code)
            .bind(4, attempt.error)
            .bind(5, attempt.durationMs)
            .bind(6, attempt.attemptedAtNs)
            .bind(7, attempt.createdAtNs)
            .bind(8, delivery.id);
        return insert.run();
    });
}

Result<QList<WebhookAttempt>> SqliteStore::listWebhookAttempts(
    const QString &workspaceId, const QString &eventId)
{
    return readRows(
        "SELECT id, event_id, delivery_id, delivered, status_code, error, duration_ms, "
        "attempted_at, created_at FROM alert_delivery_attempts WHERE workspace_id = ?1 AND "
        "event_id = ?2 ORDER BY attempted_at, id",
        [](const SqliteStatement &row) { return *attemptFromRow(row, 0); }, workspaceId, eventId);
}

Result<qint64> SqliteStore::countPendingWebhookDeliveries()
{
    auto found = readOneRow("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'pending'",
        [](const SqliteStatement &row) { return row.int64(0); });
    if (!found)
        return found.error();
    return found->value_or(0);
}

} // namespace osc
