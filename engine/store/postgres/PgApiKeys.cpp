// API keys on PostgreSQL (ApiKeyStore), stored by the SHA-256 of their secret.
#include "store/postgres/PgStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace osc {

using pg::Param;

namespace {

#define OSC_PG_API_KEY_COLUMNS                                                                               \
    "id, workspace_id, name, prefix, scopes, allowed_meters, expires_at, revoked_at, created_at, "           \
    "last_used_at, user_id, rate_limit_per_minute, rate_limit_burst"

QByteArray compact(const QStringList &list)
{
    return QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact);
}

QStringList stringListFrom(const QByteArray &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        out.append(v.toString());
    return out;
}

ApiKey apiKeyFromRow(const pg::Rows &rows, int row)
{
    ApiKey k;
    k.id = rows.text(row, 0);
    k.workspaceId = rows.text(row, 1);
    k.name = rows.text(row, 2);
    k.prefix = rows.text(row, 3);
    k.scopes = stringListFrom(rows.utf8(row, 4));
    k.allowedMeters = stringListFrom(rows.utf8(row, 5));
    k.expiresAtNs = rows.optionalInt64(row, 6);
    k.revokedAtNs = rows.optionalInt64(row, 7);
    k.createdAtNs = rows.int64(row, 8);
    k.lastUsedAtNs = rows.optionalInt64(row, 9);
    k.userId = rows.text(row, 10);
    k.rateLimit = {int(rows.int64(row, 11)), int(rows.int64(row, 12))};
    return k;
}

QList<ApiKey> apiKeysFrom(const pg::Rows &rows)
{
    QList<ApiKey> out;
    for (int i = 0; i < rows.size(); ++i)
        out.append(apiKeyFromRow(rows, i));
    return out;
}

} // namespace

Status PgStore::insertApiKey(const ApiKey &key, const QByteArray &secretHash)
{
    return transaction([&](pg::Connection &db) -> Status {
        auto insert
            = db.exec("INSERT INTO api_keys (" OSC_PG_API_KEY_COLUMNS
                      ", secret_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                      "$14)",
                {Param::text(key.id), Param::text(key.workspaceId), Param::text(key.name),
                    Param::text(key.prefix), Param::utf8(compact(key.scopes)),
                    Param::utf8(compact(key.allowedMeters)), Param::optionalInt64(key.expiresAtNs),
                    Param::optionalInt64(key.revokedAtNs), Param::int64(key.createdAtNs),
                    Param::optionalInt64(key.lastUsedAtNs),
                    key.userId.isEmpty() ? Param::null_() : Param::text(key.userId),
                    Param::int64(key.rateLimit.perMinute), Param::int64(key.rateLimit.burst),
                    Param::bytes(secretHash)});
        if (!insert)
            return insert.error();
        return {};
    });
}

Result<std::optional<ApiKey>> PgStore::findApiKeyByHash(const QByteArray &secretHash)
{
    auto rows = query(
        "SELECT " OSC_PG_API_KEY_COLUMNS " FROM api_keys WHERE secret_hash = $1", {Param::bytes(secretHash)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<ApiKey>();
    return std::optional<ApiKey>(apiKeyFromRow(rows.value(), 0));
}

Result<QList<ApiKey>> PgStore::listApiKeys(const QString &workspaceId)
{
    auto rows = query("SELECT " OSC_PG_API_KEY_COLUMNS " FROM api_keys WHERE workspace_id = $1 "
                      "ORDER BY created_at DESC, id DESC",
        {Param::text(workspaceId)});
    if (!rows)
        return rows.error();
    return apiKeysFrom(rows.value());
}

Result<bool> PgStore::deleteApiKey(const QString &workspaceId, const QString &id)
{
    return changesRow("DELETE FROM api_keys WHERE workspace_id = $1 AND id = $2",
        {Param::text(workspaceId), Param::text(id)});
}

Result<bool> PgStore::revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs)
{
    return changesRow(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE workspace_id = $1 AND id = $2",
        {Param::text(workspaceId), Param::text(id), Param::int64(revokedAtNs)});
}

Result<bool> PgStore::setApiKeyRateLimit(
    const QString &workspaceId, const QString &id, const RateLimit &limit)
{
    return changesRow("UPDATE api_keys SET rate_limit_per_minute = $3, rate_limit_burst = $4 WHERE "
                      "workspace_id = $1 AND id = $2",
        {Param::text(workspaceId), Param::text(id), Param::int64(limit.perMinute),
            Param::int64(limit.burst)});
}

Status PgStore::touchApiKey(const QString &id, qint64 usedAtNs)
{
    // One statement, its own transaction: a lost update between two touches only loses a timestamp.
    auto rows = query(
        "UPDATE api_keys SET last_used_at = $2 WHERE id = $1", {Param::text(id), Param::int64(usedAtNs)});
    if (!rows)
        return rows.error();
    return {};
}

Result<QList<ApiKey>> PgStore::listUserApiKeys(const QString &workspaceId, const QString &userId)
{
    auto rows = query("SELECT " OSC_PG_API_KEY_COLUMNS " FROM api_keys WHERE workspace_id = $1 "
                      "AND COALESCE(user_id, '') = $2 "
                      "ORDER BY created_at DESC, id DESC",
        {Param::text(workspaceId), Param::text(userId)});
    if (!rows)
        return rows.error();
    return apiKeysFrom(rows.value());
}

Result<bool> PgStore::deleteUserApiKey(const QString &workspaceId, const QString &userId, const QString &id)
{
    return changesRow("DELETE FROM api_keys WHERE workspace_id = $1 AND user_id = $2 AND id = $3",
        {Param::text(workspaceId), Param::text(userId), Param::text(id)});
}

} // namespace osc
