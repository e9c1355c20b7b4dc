#include "ApiKeyJson.h"

#include "core/Rfc3339.h"

#include <QJsonArray>

namespace osc::wire {

QJsonObject apiKeyToJson(const ApiKey &key)
{
    QJsonObject object{
        {QStringLiteral("id"), key.id},
        {QStringLiteral("name"), key.name},
        {QStringLiteral("prefix"), key.prefix},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(key.scopes)},
        {QStringLiteral("allowed_meters"), QJsonArray::fromStringList(key.allowedMeters)},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(key.createdAtNs)},
    };
    if (key.expiresAtNs)
        object.insert(QStringLiteral("expires_at"), rfc3339::formatSeconds(*key.expiresAtNs));
    if (key.revokedAtNs)
        object.insert(QStringLiteral("revoked_at"), rfc3339::formatSeconds(*key.revokedAtNs));
    if (key.lastUsedAtNs)
        object.insert(QStringLiteral("last_used_at"), rfc3339::formatSeconds(*key.lastUsedAtNs));
    return object;
}

QJsonObject createdApiKeyToJson(const CreatedApiKey &created)
{
    QJsonObject object = apiKeyToJson(created.key);
    object.insert(QStringLiteral("key"), created.secret);
    return object;
}

} // namespace osc::wire
