#include "ApiKeyService.h"

#include "Scope.h"
#include "core/Ids.h"
#include "store/ApiKeyStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>

namespace osc {

ApiKeyService::ApiKeyService(ApiKeyStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{
    m_touchPool.setMaxThreadCount(1);
    m_touchPool.setObjectName(QStringLiteral("api-key-touch"));
}

ApiKeyService::~ApiKeyService()
{
    m_touchPool.waitForDone();
    flushTouches();
}

QString ApiKeyService::generateSecret()
{
    QByteArray random(kRandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(random.data()),
        reinterpret_cast<quint32 *>(random.data() + random.size()));
    return kSecretPrefix
        + QString::fromLatin1(
            random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray ApiKeyService::hashSecret(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

bool ApiKeyService::looksLikeSecret(const QString &secret)
{
    return secret.startsWith(kSecretPrefix) && secret.size() > kSecretPrefix.size() + 16;
}

Result<CreatedApiKey> ApiKeyService::create(const QString &workspaceId, const ApiKeyDraft &draft)
{
    return createKey(workspaceId, {}, draft);
}

Result<CreatedApiKey> ApiKeyService::createForUser(const Principal &session, const ApiKeyDraft &draft)
{
    if (!session.isSession())
        return Error::unauthorized();
    return createKey(session.workspaceId, session.userId, draft);
}

Result<QList<ApiKey>> ApiKeyService::listForUser(const Principal &session)
{
    if (!session.isSession())
        return Error::unauthorized();
    flushTouches();
    return m_store.listUserApiKeys(session.workspaceId, session.userId);
}

Status ApiKeyService::removeForUser(const Principal &session, const QString &id)
{
    if (!session.isSession())
        return Error::unauthorized();
    auto removed = m_store.deleteUserApiKey(session.workspaceId, session.userId, id);
    forgetCachedKeys();
    if (!removed)
        return removed.error();
    if (!removed.value())
        return Error::notFound();
    return {};
}

Result<CreatedApiKey> ApiKeyService::createKey(
    const QString &workspaceId, const QString &userId, const ApiKeyDraft &draft)
{
    const QString name = draft.name.trimmed();
    if (name.isEmpty())
        return Error::invalidInputLine(QStringLiteral("name is required"));
    auto scopes = scopes::normalize(draft.scopes);
    if (!scopes)
        return scopes.error();
    if (auto s = validateRateLimit(draft.rateLimit); !s)
        return s.error();
    const qint64 now = m_clock.nowNs();
    if (draft.expiresAtNs && *draft.expiresAtNs <= now)
        return Error::invalidInputLine(QStringLiteral("expires_at must be in the future"));

    QStringList allowedMeters;
    for (const QString &meter : draft.allowedMeters) {
        const QString trimmed = meter.trimmed();
        if (!trimmed.isEmpty() && !allowedMeters.contains(trimmed))
            allowedMeters.append(trimmed);
    }

    CreatedApiKey created;
    created.secret = generateSecret();
    created.key.id = newId();
    created.key.workspaceId = workspaceId;
    created.key.name = name;
    created.key.prefix = created.secret.left(kPrefixLength);
    created.key.scopes = scopes.value();
    created.key.allowedMeters = allowedMeters;
    created.key.expiresAtNs = draft.expiresAtNs;
    created.key.createdAtNs = now;
    created.key.userId = userId;
    created.key.rateLimit = draft.rateLimit;
    if (auto s = m_store.insertApiKey(created.key, hashSecret(created.secret)); !s)
        return s.error();
    return created;
}

Result<ApiKey> ApiKeyService::registerBootstrapKey(const QString &workspaceId, const QString &secret)
{
    if (!looksLikeSecret(secret))
        return Error::invalidInput(QStringLiteral("bootstrap API key must start with \"osp_sk_\""));
    const QByteArray hash = hashSecret(secret);
    auto existing = m_store.findApiKeyByHash(hash);
    if (!existing)
        return existing.error();
    if (existing.value())
        return *existing.value();
    ApiKey key;
    key.id = newId();
    key.workspaceId = workspaceId;
    key.name = QStringLiteral("bootstrap");
    key.prefix = secret.left(kPrefixLength);
    key.scopes = {QStringLiteral("*")};
    key.createdAtNs = m_clock.nowNs();
    if (auto s = m_store.insertApiKey(key, hash); !s)
        return s.error();
    return key;
}

Result<Principal> ApiKeyService::authenticate(const QString &secret)
{
    if (secret.isEmpty())
        return Error::unauthorized();
    auto found = findByHash(hashSecret(secret));
    if (!found)
        return found.error();
    if (!found.value() || !found.value()->usableAt(m_clock.nowNs()))
        return Error::invalidCredentials();
    const ApiKey &key = *found.value();
    noteUse(key);
    return Principal{
        Principal::Kind::ApiKey, key.workspaceId, key.id, key.scopes, key.allowedMeters, {}, key.rateLimit};
}

Result<std::optional<ApiKey>> ApiKeyService::findByHash(const QByteArray &hash)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_cacheMutex);
        const auto it = m_keyCache.constFind(hash);
        if (it != m_keyCache.constEnd() && nowMs - it->loadedAtMs < kKeyCacheTtlMs)
            return std::optional<ApiKey>(it->key);
    }
    auto found = m_store.findApiKeyByHash(hash);
    if (found && found.value()) {
        QMutexLocker lock(&m_cacheMutex);
        m_keyCache.insert(hash, {*found.value(), nowMs});
    }
    return found;
}

void ApiKeyService::forgetCachedKeys()
{
    QMutexLocker lock(&m_cacheMutex);
    m_keyCache.clear();
}

void ApiKeyService::noteUse(const ApiKey &key)
{
    const qint64 now = m_clock.nowNs();
    {
        QMutexLocker lock(&m_lastUsedMutex);
        const auto it = m_lastUsedWritten.constFind(key.id);
        if (it != m_lastUsedWritten.constEnd() && now - it.value() < kLastUsedWriteIntervalNs)
            return;
        m_lastUsedWritten.insert(key.id, now);
        m_pendingTouches.insert(key.id, now);
        if (m_flushQueued)
            return;
        m_flushQueued = true;
    }
    m_touchPool.start([this] { flushTouches(); });
}

void ApiKeyService::flushTouches()
{
    QMutexLocker flushing(&m_flushMutex);
    QHash<QString, qint64> touches;
    {
        QMutexLocker lock(&m_lastUsedMutex);
        touches.swap(m_pendingTouches);
        m_flushQueued = false;
    }
    for (auto it = touches.cbegin(); it != touches.cend(); ++it)
        (void)m_store.touchApiKey(it.key(), it.value()); // best effort: a failed touch fails no request
}

Result<QList<ApiKey>> ApiKeyService::list(const QString &workspaceId)
{
    flushTouches();
    return m_store.listApiKeys(workspaceId);
}

Result<bool> ApiKeyService::revoke(const QString &workspaceId, const QString &id)
{
    auto revoked = m_store.revokeApiKey(workspaceId, id, m_clock.nowNs());
    forgetCachedKeys();
    return revoked;
}

Status ApiKeyService::validateRateLimit(const RateLimit &limit)
{
    if (limit.perMinute < 0 || limit.perMinute > kMaxRateLimitPerMinute)
        return Error::invalidInputLine(QStringLiteral("rate limit must be from 0 to %1 requests per minute")
                                           .arg(kMaxRateLimitPerMinute));
    if (limit.burst < 0 || limit.burst > kMaxRateLimitBurst)
        return Error::invalidInputLine(
            QStringLiteral("rate limit burst must be from 0 to %1 requests").arg(kMaxRateLimitBurst));
    return {};
}

Result<bool> ApiKeyService::setRateLimit(
    const QString &workspaceId, const QString &id, const RateLimit &limit)
{
    if (auto s = validateRateLimit(limit); !s)
        return s.error();
    auto changed = m_store.setApiKeyRateLimit(workspaceId, id, limit);
    forgetCachedKeys();
    return changed;
}

Result<bool> ApiKeyService::remove(const QString &workspaceId, const QString &id)
{
    auto removed = m_store.deleteApiKey(workspaceId, id);
    forgetCachedKeys();
    return removed;
}

} // namespace osc
