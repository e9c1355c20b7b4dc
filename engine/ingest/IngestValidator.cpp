#include "IngestValidator.h"

#include "rollup/RollupKeys.h"

#include "core/Rfc3339.h"
#include "format/JsonWriter.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace osc {

namespace {

// Value at `path` (dot-separated) through nested objects; Undefined when any step is missing or not
// an object.
QJsonValue nestedValue(const QJsonObject &root, const QStringList &path)
{
    QJsonValue current = root;
    for (const QString &part : path) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject object = current.toObject();
        const auto it = object.constFind(part);
        if (it == object.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        current = it.value();
    }
    return current;
}

bool hasType(const QJsonValue &value, DimensionType type)
{
    switch (type) {
    case DimensionType::String:
        return value.isString();
    case DimensionType::Number:
        return value.isDouble();
    case DimensionType::Boolean:
        return value.isBool();
    }
    return false;
}

// Writes `value` at `path`, creating or merging objects; false when a step exists but is not an object.
bool setNested(QJsonObject &object, const QStringList &path, qsizetype index, const QJsonValue &value)
{
    const QString &key = path[index];
    if (index == path.size() - 1) {
        object.insert(key, value);
        return true;
    }
    QJsonObject child;
    const auto it = object.constFind(key);
    if (it != object.constEnd()) {
        if (!it.value().isObject())
            return false;
        child = it.value().toObject();
    }
    if (!setNested(child, path, index + 1, value))
        return false;
    object.insert(key, child);
    return true;
}

} // namespace

Status IngestValidator::validateSubject(const QString &subject)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9][A-Za-z0-9_.:-]*")));
    if (subject.isEmpty())
        return Error::invalidInput(QStringLiteral("subject is required"));
    if (subject.toUtf8().size() > kMaxSubjectBytes)
        return Error::invalidInput(
            QStringLiteral("subject cannot exceed %1 characters").arg(kMaxSubjectBytes));
    if (!pattern.match(subject).hasMatch())
        return Error::invalidInput(
            QStringLiteral("subject \"%1\" must use letters, numbers, underscores, hyphens, dots, or colons")
                .arg(subject));
    return {};
}

Result<QJsonObject> IngestValidator::normalizeMetadata(const Meter &meter, QJsonObject metadata)
{
    for (const Dimension &dimension : meter.dimensions) {
        const bool dotted = dimension.name.contains(QLatin1Char('.'));
        const auto flat = metadata.constFind(dimension.name);
        const bool isFlat = flat != metadata.constEnd();
        const QStringList path = dimension.name.split(QLatin1Char('.'));
        const QJsonValue value = isFlat
            ? flat.value()
            : (dotted ? nestedValue(metadata, path) : QJsonValue(QJsonValue::Undefined));
        if (value.isUndefined()) {
            if (dimension.enforced())
                return Error::invalidInput(
                    QStringLiteral("dimension \"%1\" is required").arg(dimension.name));
            continue;
        }
        if (!hasType(value, dimension.type))
            return Error::invalidInput(QStringLiteral("dimension \"%1\" must be %2")
                                           .arg(dimension.name, dimensionTypeName(dimension.type)));
        if (isFlat && dotted) {
            metadata.remove(dimension.name);
            if (!setNested(metadata, path, 0, value))
                return Error::invalidInput(
                    QStringLiteral("dimension \"%1\" conflicts with existing metadata").arg(dimension.name));
        }
    }
    return metadata;
}

Result<UsageEvent> IngestValidator::validate(
    const UsageDraft &draft, const MeterLookup &lookupMeter, qint64 nowNs, const InputLimits &limits)
{
    UsageEvent event;
    const QString timestamp = draft.timestamp.trimmed();
    if (timestamp.isEmpty()) {
        event.eventTimeNs = nowNs;
    } else {
        const auto parsed = rfc3339::parse(timestamp);
        if (!parsed)
            return Error::request(
                QStringLiteral("invalid_timestamp"), QStringLiteral("timestamp must be RFC3339"));
        event.eventTimeNs = *parsed;
    }
    // Upstream silently picks the first meter for an empty name (QUIRK Q1); we refuse it.
    if (draft.meter.isEmpty())
        return Error::invalidInput(QStringLiteral("meter is required"));
    auto meter = lookupMeter(draft.meter);
    if (!meter)
        return meter.error();
    if (auto s = limits.checkMetadata(draft.metadata); !s)
        return s.error();
    auto metadata = normalizeMetadata(meter.value(), draft.metadata);
    if (!metadata)
        return metadata.error();
    event.metadata = wire::compactJson(metadata.value());
    if (auto s = limits.checkMetadataBytes(event.metadata.size()); !s)
        return s.error();
    const QString subject = draft.subject.trimmed();
    if (auto s = validateSubject(subject); !s)
        return s.error();
    if (!draft.quantity || !(*draft.quantity > 0))
        return Error::invalidInput(QStringLiteral("quantity must be greater than zero"));

    event.meter = meter->name;
    event.subject = subject;
    event.quantity = *draft.quantity;
    const QString key = draft.idempotencyKey.trimmed();
    if (auto s = limits.checkIdempotencyKey(key); !s)
        return s.error();
    if (!key.isEmpty())
        event.idempotencyKey = key;
    const rollup::DimensionProjector &projector = rollup::projectorFor(meter.value());
    event.dimensions = projector.project(metadata.value());
    event.dimensionSignature = projector.signature();
    return event;
}

} // namespace osc
