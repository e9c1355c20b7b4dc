#pragma once

#include "core/Result.h"
#include "model/ApiKey.h"

#include <functional>
#include <optional>

namespace osc {

// API keys, stored by the hash of their secret.
// Every method is scoped by a workspace id (unless it says otherwise) and is safe to call from any
// thread.
class ApiKeyStore
{
public:
    virtual ~ApiKeyStore() = default;

    // API keys
    virtual Status insertApiKey(const ApiKey &key, const QByteArray &secretHash) = 0;
    virtual Result<std::optional<ApiKey>> findApiKeyByHash(const QByteArray &secretHash) = 0;
    virtual Result<QList<ApiKey>> listApiKeys(const QString &workspaceId) = 0;
    virtual Result<bool> deleteApiKey(const QString &workspaceId, const QString &id) = 0;
    virtual Result<bool> revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs) = 0;
    // False when no such key exists.
    virtual Result<bool> setApiKeyRateLimit(
        const QString &workspaceId, const QString &id, const RateLimit &limit)
        = 0;
    virtual Status touchApiKey(const QString &id, qint64 usedAtNs) = 0;
    // The keys a dashboard user made in the workspace (contract §2.5), newest first; deletion only of
    // such a key (false otherwise, so another user's key looks like it does not exist).
    virtual Result<QList<ApiKey>> listUserApiKeys(const QString &workspaceId, const QString &userId) = 0;
    virtual Result<bool> deleteUserApiKey(
        const QString &workspaceId, const QString &userId, const QString &id)
        = 0;
};

} // namespace osc
