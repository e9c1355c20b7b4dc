#include "UsageJson.h"

#include "core/Rfc3339.h"
#include "format/JsonWriter.h"
#include "json/StrictJson.h"

#include <QJsonDocument>

namespace osc::wire {

void appendUsageEventJson(QByteArray &out, const UsageEvent &event)
{
    char time[32];
    out.append(R"({"id":)");
    appendJsonString(out, event.id);
    if (event.idempotencyKey) {
        out.append(R"(,"idempotency_key":)");
        appendJsonString(out, *event.idempotencyKey);
    }
    out.append(R"(,"subject":)");
    appendJsonString(out, event.subject);
    out.append(R"(,"meter":)");
    appendJsonString(out, event.meter);
    out.append(R"(,"quantity":)");
    appendJsonNumber(out, event.quantity);
    out.append(R"(,"timestamp":")");
    out.append(time, rfc3339::formatSeconds(event.eventTimeNs, time));
    out.append(R"(","received_at":")");
    out.append(time, rfc3339::formatSeconds(event.receivedAtNs, time));
    out.append(R"(","metadata":)");
    out.append(event.metadata.isEmpty() ? QByteArrayView("{}") : QByteArrayView(event.metadata));
    out.append('}');
}

QByteArray usageEventJson(const UsageEvent &event)
{
    QByteArray out;
    out.reserve(256 + event.metadata.size());
    appendUsageEventJson(out, event);
    return out;
}

QByteArray usageEventsJsonArray(const QList<UsageEvent> &events)
{
    QByteArray out;
    out.reserve(events.size() * 320 + 2);
    out.append('[');
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendUsageEventJson(out, events[i]);
    }
    out.append(']');
    return out;
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

QByteArray bulkResultJson(const BulkResult &result)
{
    QByteArray out;
    out.reserve((result.accepted.size() + result.duplicates.size()) * 320 + result.failed.size() * 96 + 128);
    out.append(R"({"accepted":)");
    out.append(QByteArray::number(result.accepted.size()));
    out.append(R"(,"duplicates":)");
    out.append(QByteArray::number(result.duplicates.size()));
    out.append(R"(,"failed":)");
    out.append(QByteArray::number(result.failed.size()));
    out.append(R"(,"accepted_items":)");
    out.append(usageEventsJsonArray(result.accepted));
    out.append(R"(,"duplicate_items":)");
    out.append(usageEventsJsonArray(result.duplicates));
    out.append(R"(,"failed_items":[)");
    for (qsizetype i = 0; i < result.failed.size(); ++i) {
        const IngestFailure &failure = result.failed[i];
        if (i > 0)
            out.append(',');
        out.append(R"({"index":)");
        out.append(QByteArray::number(failure.index));
        out.append(R"(,"code":)");
        appendJsonString(out, failure.code);
        out.append(R"(,"message":)");
        appendJsonString(out, failure.message);
        out.append('}');
    }
    out.append("]}");
    return out;
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
