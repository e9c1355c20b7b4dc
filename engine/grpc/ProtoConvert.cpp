#include "ProtoConvert.h"

#include "StoredJson.h"

#include "core/Clock.h"
#include "core/Rfc3339.h"
#include "json/StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace osc::rpc {

namespace {

// google.protobuf.Timestamp's valid range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
constexpr qint64 kMinTimestampSeconds = -62'135'596'800;
constexpr qint64 kMaxTimestampSeconds = 253'402'300'799;
// What an int64 of nanoseconds (the engine's time) holds: 1677-09-21 to 2262-04-11.

Error invalidTimestamp(const google::protobuf::Timestamp &timestamp, const char *why)
{
    return Error::invalidInput(QStringLiteral("invalid timestamp: timestamp (seconds:%1 nanos:%2) %3")
                                   .arg(timestamp.seconds())
                                   .arg(timestamp.nanos())
                                   .arg(QLatin1StringView(why)));
}

Result<QJsonValue> valueFromProto(const google::protobuf::Value &value, const QString &key, int depth)
{
    using google::protobuf::Value;
    switch (value.kind_case()) {
    case Value::kNullValue:
    case Value::KIND_NOT_SET: // structpb.AsInterface gives nil for an unset kind
        return QJsonValue(QJsonValue::Null);
    case Value::kNumberValue:
        if (!std::isfinite(value.number_value()))
            return Error::invalidInput(
                QStringLiteral("metadata value \"%1\" must be a finite number").arg(key));
        return QJsonValue(value.number_value());
    case Value::kStringValue:
        return QJsonValue(QString::fromStdString(value.string_value()));
    case Value::kBoolValue:
        return QJsonValue(value.bool_value());
    case Value::kStructValue: {
        if (depth >= json::kMaxNestingDepth)
            break;
        QJsonObject object;
        for (const auto &[childKey, child] : value.struct_value().fields()) {
            auto converted = valueFromProto(child, key, depth + 1);
            if (!converted)
                return converted.error();
            object.insert(QString::fromStdString(childKey), converted.value());
        }
        return QJsonValue(object);
    }
    case Value::kListValue: {
        if (depth >= json::kMaxNestingDepth)
            break;
        QJsonArray array;
        for (const Value &child : value.list_value().values()) {
            auto converted = valueFromProto(child, key, depth + 1);
            if (!converted)
                return converted.error();
            array.append(converted.value());
        }
        return QJsonValue(array);
    }
    }
    return Error::invalidInput(QStringLiteral("metadata value \"%1\" is nested deeper than %2 levels")
                                   .arg(key)
                                   .arg(json::kMaxNestingDepth));
}

void valueToProto(const QJsonValue &value, google::protobuf::Value *out)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out->set_null_value(google::protobuf::NULL_VALUE);
        break;
    case QJsonValue::Bool:
        out->set_bool_value(value.toBool());
        break;
    case QJsonValue::Double:
        out->set_number_value(value.toDouble());
        break;
    case QJsonValue::String:
        out->set_string_value(value.toString().toStdString());
        break;
    case QJsonValue::Array: {
        auto *list = out->mutable_list_value();
        for (const QJsonValue &child : value.toArray())
            valueToProto(child, list->add_values());
        break;
    }
    case QJsonValue::Object: {
        auto *fields = out->mutable_struct_value()->mutable_fields();
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            valueToProto(it.value(), &(*fields)[it.key().toStdString()]);
        break;
    }
    }
}

} // namespace

Result<TimeNs> timestampFromProto(const google::protobuf::Timestamp &timestamp)
{
    if (timestamp.nanos() < 0 || timestamp.nanos() >= kNanosPerSecond)
        return invalidTimestamp(timestamp, "has out-of-range nanos");
    if (timestamp.seconds() < kMinTimestampSeconds)
        return invalidTimestamp(timestamp, "before 0001-01-01");
    if (timestamp.seconds() > kMaxTimestampSeconds)
        return invalidTimestamp(timestamp, "after 9999-12-31");
    return TimeNs::fromSeconds(timestamp.seconds(), timestamp.nanos());
}

Result<QJsonObject> metadataFromProto(
    const google::protobuf::Map<std::string, google::protobuf::Value> &metadata)
{
    QJsonObject object;
    for (const auto &[key, value] : metadata) {
        const QString name = QString::fromStdString(key);
        auto converted = valueFromProto(value, name, 1);
        if (!converted)
            return converted.error();
        object.insert(name, converted.value());
    }
    return object;
}

Result<UsageDraft> draftFromProto(const pb::UsageEventInput &input)
{
    UsageDraft draft;
    draft.idempotencyKey = QString::fromStdString(input.idempotency_key());
    draft.subject = QString::fromStdString(input.subject());
    draft.meter = QString::fromStdString(input.meter());
    // proto3 has no presence for doubles: 0 (unset) is refused by the engine like REST's missing one.
    draft.quantity = input.quantity();
    if (input.has_timestamp()) {
        const google::protobuf::Timestamp &timestamp = input.timestamp();
        auto ns = timestampFromProto(timestamp);
        if (!ns)
            return ns.error();
        // The engine takes RFC 3339 text; nine fraction digits keep the instant exact. Written by hand
        // into a buffer: rfc3339::formatNanos's QString::arg showed up in profiles of 1,000-event calls.
        char text[32];
        const int length = rfc3339::formatSeconds(ns.value(), text); // "YYYY-MM-DDTHH:MM:SSZ"
        qint64 fraction = timestamp.nanos();
        text[length - 1] = '.';
        for (int i = 9; i >= 1; --i, fraction /= 10)
            text[length - 1 + i] = char('0' + fraction % 10);
        text[length + 9] = 'Z';
        draft.timestamp = QString::fromLatin1(text, length + 10);
    }
    auto metadata = metadataFromProto(input.metadata());
    if (!metadata)
        return metadata.error();
    draft.metadata = std::move(metadata.value());
    return draft;
}

void timestampToProto(TimeNs ns, google::protobuf::Timestamp *out)
{
    // Floor, so nanos stays in [0, 1e9) before 1970.
    out->set_seconds(ns.floorSeconds());
    out->set_nanos(ns.nanosOfSecond());
}

void eventToProto(const UsageEvent &event, pb::UsageEvent *out)
{
    out->set_id(event.id.toStdString());
    if (event.idempotencyKey)
        out->set_idempotency_key(event.idempotencyKey->toStdString());
    out->set_subject(event.subject.toStdString());
    out->set_meter(event.meter.toStdString());
    out->set_quantity(event.quantity);
    timestampToProto(event.eventTimeNs, out->mutable_timestamp());
    timestampToProto(event.receivedAtNs, out->mutable_received_at());
    if (event.metadata.size() > 2 && !storedJsonToProto(event.metadata, out->mutable_metadata())) {
        // Not the writer's form (never expected): decode it the slow, lenient way.
        out->mutable_metadata()->clear();
        const QJsonObject metadata = QJsonDocument::fromJson(event.metadata).object();
        auto *fields = out->mutable_metadata();
        for (auto it = metadata.begin(); it != metadata.end(); ++it)
            valueToProto(it.value(), &(*fields)[it.key().toStdString()]);
    }
}

void failureToProto(const IngestFailure &failure, pb::BulkFailure *out)
{
    out->set_index(failure.index);
    out->set_code(failure.code.toStdString());
    out->set_message(failure.message.toStdString());
}

} // namespace osc::rpc
