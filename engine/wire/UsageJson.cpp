#include "UsageJson.h"

#include "core/Rfc3339.h"
#include "json/StrictJson.h"

#include <QJsonDocument>

namespace osc::wire {

QJsonObject usageEventToJson(const UsageEvent &event)
{
    QJsonObject object{
        {QStringLiteral("id"), event.id},
        {QStringLiteral("subject"), event.subject},
        {QStringLiteral("meter"), event.meter},
        {QStringLiteral("quantity"), event.quantity},
        {QStringLiteral("timestamp"), rfc3339::formatSeconds(event.eventTimeNs)},
        {QStringLiteral("received_at"), rfc3339::formatSeconds(event.receivedAtNs)},
        {QStringLiteral("metadata"), QJsonDocument::fromJson(event.metadata).object()},
    };
    if (event.idempotencyKey)
        object.insert(QStringLiteral("idempotency_key"), *event.idempotencyKey);
    return object;
}

UsageEvent usageEventFromStoredJson(const QJsonObject &object)
{
    // Reads back a batch response stored for `Idempotency-Key` replays (wire form, second precision).
    UsageEvent event;
    event.id = object.value(QLatin1StringView("id")).toString();
    if (object.contains(QLatin1StringView("idempotency_key")))
        event.idempotencyKey = object.value(QLatin1StringView("idempotency_key")).toString();
    event.subject = object.value(QLatin1StringView("subject")).toString();
    event.meter = object.value(QLatin1StringView("meter")).toString();
    event.quantity = object.value(QLatin1StringView("quantity")).toDouble();
    event.eventTimeNs = rfc3339::parse(object.value(QLatin1StringView("timestamp")).toString()).value_or(0);
    event.receivedAtNs
        = rfc3339::parse(object.value(QLatin1StringView("received_at")).toString()).value_or(0);
    event.metadata = QJsonDocument(object.value(QLatin1StringView("metadata")).toObject())
                         .toJson(QJsonDocument::Compact);
    return event;
}

Result<UsageDraft> usageDraftFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return Error::invalidJson();
    json::ObjectReader reader(value.toObject());
    UsageDraft draft;
    draft.idempotencyKey = reader.string(QLatin1StringView("idempotency_key")).value_or(QString());
    draft.subject = reader.string(QLatin1StringView("subject")).value_or(QString());
    draft.meter = reader.string(QLatin1StringView("meter")).value_or(QString());
    draft.quantity = reader.number(QLatin1StringView("quantity"));
    draft.timestamp = reader.string(QLatin1StringView("timestamp")).value_or(QString());
    draft.metadata = reader.object(QLatin1StringView("metadata")).value_or(QJsonObject());
    if (auto s = reader.status(); !s)
        return s.error();
    return draft;
}

QJsonObject bulkResultToJson(const BulkResult &result)
{
    QJsonArray accepted;
    for (const UsageEvent &e : result.accepted)
        accepted.append(usageEventToJson(e));
    QJsonArray duplicates;
    for (const UsageEvent &e : result.duplicates)
        duplicates.append(usageEventToJson(e));
    QJsonArray failed;
    for (const IngestFailure &f : result.failed)
        failed.append(QJsonObject{{QStringLiteral("index"), f.index}, {QStringLiteral("code"), f.code},
            {QStringLiteral("message"), f.message}});
    return QJsonObject{
        {QStringLiteral("accepted"), accepted.size()},
        {QStringLiteral("duplicates"), duplicates.size()},
        {QStringLiteral("failed"), failed.size()},
        {QStringLiteral("accepted_items"), accepted},
        {QStringLiteral("duplicate_items"), duplicates},
        {QStringLiteral("failed_items"), failed},
    };
}

QJsonObject ingestionRunToJson(const IngestionRun &run)
{
    return QJsonObject{
        {QStringLiteral("id"), run.id},
        {QStringLiteral("kind"), run.kind},
        {QStringLiteral("accepted"), run.accepted},
        {QStringLiteral("duplicates"), run.duplicates},
        {QStringLiteral("failed"), run.failed},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(run.createdAtNs)},
    };
}

} // namespace osc::wire
