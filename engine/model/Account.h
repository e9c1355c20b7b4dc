#pragma once

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace osc {

// A dashboard user (contract §2.4). The password itself is never kept; the store holds its Argon2id
// string (salt and cost inside) next to the user, and only the account service reads it.
struct User
{
    QString id;
    QString email; // trimmed and lower-cased
    qint64 createdAtNs = 0;
};

// A user as the store keeps it, for login: `passwordHash` is the libsodium crypto_pwhash_str string.
struct UserCredentials
{
    User user;
    QByteArray passwordHash;
    QString workspaceId; // the workspace the user owns
};

// A tenant (contract §1.6): every resource belongs to exactly one. Users get one at registration.
struct Workspace
{
    QString id;
    QString name;
    qint64 createdAtNs = 0;
};

// A user's role in a workspace (contract §1.6): the user who registered it is its `owner`. The console's
// `default` workspace has no member; the console itself administers it.
struct Membership
{
    QString workspaceId;
    QString userId;
    QString role;
};

// One issued token of a session: access (short) or refresh (long). Both tokens issued together share
// `pairId`, so rotating or ending a session removes its partner as well. The token is stored only as
// the SHA-256 of its text.
struct AuthSession
{
    enum class Kind
    {
        Access,
        Refresh
    };
    Kind kind = Kind::Access;
    QString pairId;
    QString userId;
    QString workspaceId;
    qint64 createdAtNs = 0;
    qint64 expiresAtNs = 0;
};

// A saved usage query (contract §8), scoped to its user. `query` is opaque to the server.
struct SavedQuery
{
    QString id;
    QString userId;
    QString name;
    QJsonObject query;
    QStringList groupBy;
    QString bucketSize;
    int limit = 500;
    bool pinned = false;
    int position = 0;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;
};

// What a create or update carries; optional fields keep their stored value on update when absent.
struct SavedQueryDraft
{
    QString name;
    std::optional<QJsonObject> query;
    QStringList groupBy;
    QString bucketSize;
    std::optional<qint64> limit;
    std::optional<bool> pinned;
    std::optional<qint64> position;
};

} // namespace osc
