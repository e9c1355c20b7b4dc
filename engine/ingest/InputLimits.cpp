#include "InputLimits.h"

#include <QJsonArray>

namespace osc {

namespace {

struct MetadataWalk
{
    const InputLimits &limits;
    qsizetype keys = 0;

    Status value(const QJsonValue &v)
    {
        if (v.isString()) {
            if (v.toString().toUtf8().size() > limits.maxMetadataValueBytes)
                return Error::invalidInput(QStringLiteral("metadata value cannot exceed %1 bytes")
                                               .arg(limits.maxMetadataValueBytes));
        } else if (v.isObject()) {
            return object(v.toObject());
        } else if (v.isArray()) {
            for (const QJsonValue &element : v.toArray())
                if (auto s = value(element); !s)
                    return s;
        }
        return {};
    }

    Status object(const QJsonObject &o)
    {
        keys += o.size();
        if (keys > limits.maxMetadataKeys)
            return Error::invalidInput(
                QStringLiteral("metadata cannot have more than %1 keys").arg(limits.maxMetadataKeys));
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (it.key().toUtf8().size() > limits.maxMetadataKeyBytes)
                return Error::invalidInput(
                    QStringLiteral("metadata key cannot exceed %1 bytes").arg(limits.maxMetadataKeyBytes));
            if (auto s = value(it.value()); !s)
                return s;
        }
        return {};
    }
};

} // namespace

bool containsControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            return true;
    }
    return false;
}

Status InputLimits::checkMeterName(const QString &name) const
{
    if (name.toUtf8().size() > maxMeterNameBytes)
        return Error::invalidInput(
            QStringLiteral("meter name cannot exceed %1 bytes").arg(maxMeterNameBytes));
    if (containsControlCharacter(name))
        return Error::invalidInput(QStringLiteral("meter name must not contain control characters"));
    return {};
}

Status InputLimits::checkIdempotencyKey(const QString &key) const
{
    if (key.toUtf8().size() > maxIdempotencyKeyBytes)
        return Error::invalidInput(
            QStringLiteral("idempotency key cannot exceed %1 bytes").arg(maxIdempotencyKeyBytes));
    return {};
}

Status InputLimits::checkMetadata(const QJsonObject &metadata) const
{
    MetadataWalk walk{*this};
    return walk.object(metadata);
}

Status InputLimits::checkMetadataBytes(qsizetype encodedBytes) const
{
    if (encodedBytes > maxMetadataBytes)
        return Error::invalidInput(QStringLiteral("metadata cannot exceed %1 bytes").arg(maxMetadataBytes));
    return {};
}

} // namespace osc
