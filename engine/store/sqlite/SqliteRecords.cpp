#include "store/sqlite/SqliteRecords.h"

#include "core/Rfc3339.h"
#include "format/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace osc::sqlite {

namespace {

using wire::appendJsonNumber;
using wire::appendJsonString;
using wire::compactJson;

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

// Nanoseconds as JSON text (TimeNs::toDecimal): a double would round them past 2^53, and years before
// 1678 or after 2262 do not fit an integer either.
TimeNs nanoseconds(const QJsonObject &object, QLatin1StringView key, QLatin1StringView legacyKey)
{
    const QJsonValue value = object.value(key);
    if (value.isString())
        return TimeNs::fromDecimal(value.toString().toLatin1()).value_or(TimeNs());
    return rfc3339::parse(object.value(legacyKey).toString()).value_or(TimeNs());
}

} // namespace

QByteArray dimensionsRecord(const QList<Dimension> &dimensions)
{
    QJsonArray array;
    for (const Dimension &d : dimensions) {
        array.append(QJsonObject{
            {QStringLiteral("name"), d.name},
            {QStringLiteral("display_name"), d.displayName},
            {QStringLiteral("description"), d.description},
            {QStringLiteral("type"), dimensionTypeName(d.type)},
            {QStringLiteral("required"), d.required},
            {QStringLiteral("deprecated"), d.deprecated},
        });
    }
    return compact(array);
}

QList<Dimension> dimensionsFromRecord(const QByteArray &record)
{
    QList<Dimension> out;
    for (const QJsonValue &element : QJsonDocument::fromJson(record).array()) {
        const QJsonObject o = element.toObject();
        Dimension d;
        d.name = o.value(QLatin1StringView("name")).toString();
        d.displayName = o.value(QLatin1StringView("display_name")).toString();
        d.description = o.value(QLatin1StringView("description")).toString();
        d.type = dimensionTypeFromName(o.value(QLatin1StringView("type")).toString())
                     .value_or(DimensionType::String);
        d.required = o.value(QLatin1StringView("required")).toBool(true);
        d.deprecated = o.value(QLatin1StringView("deprecated")).toBool(false);
        out.append(d);
    }
    return out;
}

QByteArray eventsRecord(const QList<UsageEvent> &events)
{
    QByteArray out;
    out.reserve(events.size() * 320 + 2);
    out.append('[');
    for (qsizetype i = 0; i < events.size(); ++i) {
        const UsageEvent &event = events[i];
        out.append(i > 0 ? R"(,{"id":)" : R"({"id":)");
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
        out.append(R"(,"event_time_ns":")" + event.eventTimeNs.toDecimal());
        out.append(R"(","received_at_ns":")" + event.receivedAtNs.toDecimal());
        out.append(R"(","metadata":)");
        out.append(event.metadata.isEmpty() ? QByteArrayView("{}") : QByteArrayView(event.metadata));
        out.append('}');
    }
    out.append(']');
    return out;
}

QList<UsageEvent> eventsFromRecord(const QByteArray &record)
{
    QList<UsageEvent> out;
    for (const QJsonValue &element : QJsonDocument::fromJson(record).array()) {
        const QJsonObject o = element.toObject();
        UsageEvent event;
        event.id = o.value(QLatin1StringView("id")).toString();
        if (o.contains(QLatin1StringView("idempotency_key")))
            event.idempotencyKey = o.value(QLatin1StringView("idempotency_key")).toString();
        event.subject = o.value(QLatin1StringView("subject")).toString();
        event.meter = o.value(QLatin1StringView("meter")).toString();
        event.quantity = o.value(QLatin1StringView("quantity")).toDouble();
        event.eventTimeNs
            = nanoseconds(o, QLatin1StringView("event_time_ns"), QLatin1StringView("timestamp"));
        event.receivedAtNs
            = nanoseconds(o, QLatin1StringView("received_at_ns"), QLatin1StringView("received_at"));
        event.metadata = compactJson(o.value(QLatin1StringView("metadata")).toObject());
        out.append(event);
    }
    return out;
}

} // namespace osc::sqlite
