#pragma once

#include "Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/ApiKey.h"

#include <QHash>
#include <QMutex>
#include <QThreadPool>

namespace osc {

class ApiKeyStore;

// Creates, authenticates and revokes `osp_sk_` API keys (contract §2.2). Secrets are shown once and
// stored only as SHA-256.
class ApiKeyService
{
public:
    static constexpr QLatin1StringView kSecretPrefix{"osp_sk_"};
    static constexpr int kPrefixLength = 18;
    static constexpr int kRandomBytes = 32;
    // last_used_at is written at most this often per key, so busy ingestion does not turn every request
    // into a write.
    static constexpr qint64 kLastUsedWriteIntervalNs = 1'000'000'000;
    // Authenticated keys are remembered this long, so a busy client costs no database read per request.
    // Revoking or deleting through this service takes effect at once; a revocation made by another
    // process (the `keys revoke` command) takes effect within this time.
    static constexpr qint64 kKeyCacheTtlMs = 2000;

    ApiKeyService(ApiKeyStore &store, const Clock &clock);
    ~ApiKeyService(); // writes the last_used_at touches still queued

    Result<CreatedApiKey> create(const QString &workspaceId, const ApiKeyDraft &draft);
    // Registers `secret` with every scope unless a key with that secret exists already.
    Result<ApiKey> registerBootstrapKey(const QString &workspaceId, const QString &secret);
    // Unknown, revoked or expired → 401 `unauthorized\ninvalid credentials`.
    Result<Principal> authenticate(const QString &secret);
    Result<QList<ApiKey>> list(const QString &workspaceId);
    // Sets revoked_at; the key stops working at once. False when no such key exists.
    Result<bool> revoke(const QString &workspaceId, const QString &id);
    Result<bool> remove(const QString &workspaceId, const QString &id);
    // Changes a key's rate limit; its next request in this process already uses it. False when no such
    // key exists; a limit out of range → invalid input.
    Result<bool> setRateLimit(const QString &workspaceId, const QString &id, const RateLimit &limit);
    static Status validateRateLimit(const RateLimit &limit);

    // Key management over a dashboard session (contract §2.5): only a session may call these (anything
    // else → 401), and a user sees and deletes only the keys they made in their workspace (another's
    // key → 404, as if it did not exist).
    Result<CreatedApiKey> createForUser(const Principal &session, const ApiKeyDraft &draft);
    Result<QList<ApiKey>> listForUser(const Principal &session);
    Status removeForUser(const Principal &session, const QString &id);

    static QString generateSecret();
    static QByteArray hashSecret(const QString &secret);
    static bool looksLikeSecret(const QString &secret);

private:
    Result<CreatedApiKey> createKey(
        const QString &workspaceId, const QString &userId, const ApiKeyDraft &draft);
    // Queues the key's last_used_at touch; a one-thread pool writes it. Written inline, the touch waited
    // for the ingest writer on the HTTP server thread and held every request behind it (entitlement
    // check p99 108 ms under bulk ingestion, bench/RESULTS.md).
    void noteUse(const ApiKey &key);
    // Writes the queued touches now; the listings call it, so what they show includes every use so far.
    void flushTouches();
    Result<std::optional<ApiKey>> findByHash(const QByteArray &hash);
    void forgetCachedKeys();

    ApiKeyStore &m_store;
    const Clock &m_clock;
    QMutex m_lastUsedMutex;
    QHash<QString, qint64> m_lastUsedWritten;
    QHash<QString, qint64> m_pendingTouches; // key id → time, under m_lastUsedMutex
    bool m_flushQueued = false; // under m_lastUsedMutex
    QMutex m_flushMutex; // one flush at a time, so touches of one key are written in order
    QThreadPool m_touchPool;
    struct CachedKey
    {
        ApiKey key;
        qint64 loadedAtMs = 0;
    };
    QMutex m_cacheMutex;
    QHash<QByteArray, CachedKey> m_keyCache; // by secret hash
};

} // namespace osc
