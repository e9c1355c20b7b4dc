#include "AlertJson.h"

#include "core/Rfc3339.h"
#include "json/StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace osc::wire {

namespace {

using json::ObjectReader;

QString time(qint64 ns)
{
    return rfc3339::formatSeconds(TimeNs(ns));
}

// `metadata`: an object of strings (Go map[string]string: any other value fails to decode).
std::optional<QList<QPair<QString, QString>>> metadataFrom(ObjectReader &reader, bool &failed)
{
    const auto object = reader.object(QLatin1StringView("metadata"));
    if (!object)
        return std::nullopt;
    QList<QPair<QString, QString>> out;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isString()) {
            failed = true;
            return std::nullopt;
        }
        out.append({it.key(), it.value().toString()});
    }
    return out;
}

void insertGroup(QJsonObject &object, const QString &key, const QString &value)
{
    if (!key.isEmpty())
        object.insert(QStringLiteral("group_key"), key);
    if (!key.isEmpty() || !value.isEmpty())
        object.insert(QStringLiteral("group_value"), value);
}

QJsonObject metadataJson(const QList<QPair<QString, QString>> &metadata)
{
    QJsonObject object;
    for (const auto &[key, value] : metadata)
        object.insert(key, value);
    return object;
}

// The rule fields every rendering shares (§9.2 and the webhook's `rule`).
QJsonObject ruleCore(const AlertRule &rule)
{
    QJsonObject o{{QStringLiteral("id"), rule.id}, {QStringLiteral("name"), rule.name},
        {QStringLiteral("meter"), rule.meter}, {QStringLiteral("enabled"), rule.enabled},
        {QStringLiteral("window_seconds"), rule.windowSeconds},
        {QStringLiteral("comparator"), comparatorName(rule.comparator)},
        {QStringLiteral("threshold"), rule.threshold},
        {QStringLiteral("evaluation_interval_seconds"), rule.evaluationIntervalSeconds}};
    if (!rule.subject.isEmpty())
        o.insert(QStringLiteral("subject"), rule.subject);
    if (!rule.metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), metadataJson(rule.metadata));
    if (!rule.groupBy.isEmpty())
        o.insert(QStringLiteral("group_by"), rule.groupBy);
    if (!rule.destinationId.isEmpty())
        o.insert(QStringLiteral("destination_id"), rule.destinationId);
    return o;
}

QJsonObject eventCore(const AlertEvent &event)
{
    QJsonObject o{{QStringLiteral("id"), event.id}, {QStringLiteral("rule_id"), event.ruleId},
        {QStringLiteral("type"), alertEventTypeName(event.type)}, {QStringLiteral("value"), event.value},
        {QStringLiteral("message"), event.message}, {QStringLiteral("created_at"), time(event.createdAtNs)}};
    insertGroup(o, event.groupKey, event.groupValue);
    return o;
}

} // namespace

Result<AlertDestinationDraft> destinationDraftFromJson(const QJsonObject &body)
{
    ObjectReader r(body);
    AlertDestinationDraft d;
    d.name = r.string(QLatin1StringView("name")).value_or(QString());
    d.type = r.string(QLatin1StringView("type")).value_or(QString());
    d.enabled = r.boolean(QLatin1StringView("enabled"));
    d.webhookUrl = r.string(QLatin1StringView("webhook_url")).value_or(QString());
    if (auto s = r.status(); !s)
        return s.error();
    return d;
}

Result<AlertDestinationPatch> destinationPatchFromJson(const QJsonObject &body)
{
    ObjectReader r(body);
    AlertDestinationPatch p;
    p.name = r.string(QLatin1StringView("name")).value_or(QString());
    p.type = r.string(QLatin1StringView("type")).value_or(QString());
    p.enabled = r.boolean(QLatin1StringView("enabled"));
    p.webhookUrl = r.string(QLatin1StringView("webhook_url"));
    if (auto s = r.status(); !s)
        return s.error();
    return p;
}

Result<AlertRuleDraft> ruleDraftFromJson(const QJsonObject &body)
{
    ObjectReader r(body);
    AlertRuleDraft d;
    bool failed = false;
    d.name = r.string(QLatin1StringView("name")).value_or(QString());
    d.meter = r.string(QLatin1StringView("meter")).value_or(QString());
    d.enabled = r.boolean(QLatin1StringView("enabled"));
    d.subject = r.string(QLatin1StringView("subject")).value_or(QString());
    d.metadata = metadataFrom(r, failed).value_or(QList<QPair<QString, QString>>());
    d.windowSeconds = r.integer(QLatin1StringView("window_seconds")).value_or(0);
    d.comparator = r.string(QLatin1StringView("comparator")).value_or(QString());
    d.threshold = r.number(QLatin1StringView("threshold")).value_or(0.0);
    d.evaluationIntervalSeconds = r.integer(QLatin1StringView("evaluation_interval_seconds")).value_or(0);
    d.groupBy = r.string(QLatin1StringView("group_by")).value_or(QString());
    d.destinationId = r.string(QLatin1StringView("destination_id")).value_or(QString());
    if (auto s = r.status(); !s)
        return s.error();
    if (failed)
        return Error::invalidJson();
    return d;
}

Result<AlertRulePatch> rulePatchFromJson(const QJsonObject &body)
{
    ObjectReader r(body);
    AlertRulePatch p;
    bool failed = false;
    p.name = r.string(QLatin1StringView("name")).value_or(QString());
    p.meter = r.string(QLatin1StringView("meter")).value_or(QString());
    p.comparator = r.string(QLatin1StringView("comparator")).value_or(QString());
    p.windowSeconds = r.integer(QLatin1StringView("window_seconds")).value_or(0);
    p.evaluationIntervalSeconds = r.integer(QLatin1StringView("evaluation_interval_seconds")).value_or(0);
    p.enabled = r.boolean(QLatin1StringView("enabled"));
    p.subject = r.string(QLatin1StringView("subject"));
    if (r.has(QLatin1StringView("metadata")))
        p.metadata = metadataFrom(r, failed).value_or(QList<QPair<QString, QString>>());
    p.threshold = r.number(QLatin1StringView("threshold"));
    p.groupBy = r.string(QLatin1StringView("group_by"));
    p.destinationId = r.string(QLatin1StringView("destination_id"));
    if (auto s = r.status(); !s)
        return s.error();
    if (failed)
        return Error::invalidJson();
    return p;
}

QJsonObject destinationJson(const AlertDestination &d, bool withSecret)
{
    QJsonObject signing{{QStringLiteral("enabled"), d.signingEnabled()},
        {QStringLiteral("algorithm"), QStringLiteral("hmac-sha256")},
        {QStringLiteral("signature_header"), QStringLiteral("X-Open-Spanner-Signature")},
        {QStringLiteral("timestamp_header"), QStringLiteral("X-Open-Spanner-Timestamp")}};
    if (withSecret)
        signing.insert(QStringLiteral("secret"), d.secret);
    return {{QStringLiteral("id"), d.id}, {QStringLiteral("name"), d.name}, {QStringLiteral("type"), d.type},
        {QStringLiteral("enabled"), d.enabled}, {QStringLiteral("webhook_url"), d.webhookUrl},
        {QStringLiteral("webhook_signing"), signing}, {QStringLiteral("created_at"), time(d.createdAtNs)},
        {QStringLiteral("updated_at"), time(d.updatedAtNs)}};
}

QJsonObject stateJson(const AlertState &state)
{
    QJsonObject o{{QStringLiteral("status"), alertStatusName(state.status)},
        {QStringLiteral("value"), state.value}, {QStringLiteral("message"), state.message},
        {QStringLiteral("updated_at"), time(state.updatedAtNs)}};
    insertGroup(o, state.groupKey, state.groupValue);
    if (state.evaluatedAtNs)
        o.insert(QStringLiteral("evaluated_at"), time(*state.evaluatedAtNs));
    return o;
}

QJsonObject ruleJson(const AlertRule &rule, const std::optional<AlertDestination> &destination,
    const QList<AlertState> &states)
{
    QJsonObject o = ruleCore(rule);
    if (destination)
        o.insert(QStringLiteral("destination"), destinationJson(*destination));
    o.insert(QStringLiteral("next_evaluate_at"), time(rule.nextEvaluateAtNs));
    o.insert(QStringLiteral("created_at"), time(rule.createdAtNs));
    o.insert(QStringLiteral("updated_at"), time(rule.updatedAtNs));
    if (!states.isEmpty()) {
        o.insert(QStringLiteral("state"), stateJson(states.first()));
        QJsonArray all;
        for (const AlertState &state : states)
            all.append(stateJson(state));
        o.insert(QStringLiteral("states"), all);
    }
    return o;
}

QJsonObject attemptJson(const WebhookAttempt &a)
{
    QJsonObject o{{QStringLiteral("id"), a.id}, {QStringLiteral("event_id"), a.eventId},
        {QStringLiteral("trigger_type"), QStringLiteral("webhook")},
        {QStringLiteral("status"), a.delivered ? QStringLiteral("delivered") : QStringLiteral("failed")},
        {QStringLiteral("duration_ms"), a.durationMs},
        {QStringLiteral("attempted_at"), time(a.attemptedAtNs)},
        {QStringLiteral("created_at"), time(a.createdAtNs)}};
    if (a.statusCode)
        o.insert(QStringLiteral("status_code"), *a.statusCode);
    if (!a.error.isEmpty())
        o.insert(QStringLiteral("error"), a.error);
    return o;
}

QJsonObject eventJson(const AlertEvent &event)
{
    QJsonObject o = eventCore(event);
    if (event.delivery)
        o.insert(QStringLiteral("delivery"), attemptJson(*event.delivery));
    return o;
}

QByteArray webhookPayload(
    const AlertEvent &event, const AlertRule &rule, const QString &destinationName, const AlertState &state)
{
    QJsonObject ruleObject = ruleCore(rule);
    if (!destinationName.isEmpty())
        ruleObject.insert(QStringLiteral("destination_name"), destinationName);
    QJsonObject stateObject = stateJson(state);
    if (!state.evaluatedAtNs)
        stateObject.insert(QStringLiteral("evaluated_at"), time(state.updatedAtNs));
    const QJsonObject body{{QStringLiteral("event"), eventCore(event)}, {QStringLiteral("rule"), ruleObject},
        {QStringLiteral("state"), stateObject}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace osc::wire
