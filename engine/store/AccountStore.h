#pragma once

#include "core/Result.h"
#include "model/Account.h"

#include <optional>

namespace osc {

// Dashboard accounts: users, the workspaces they own, their sessions, their saved queries, and the
// instance-wide account settings. Users and sessions are not scoped by workspace (a login happens
// before one is known); saved queries are scoped by user (contract §8). Safe to call from any thread.
class AccountStore
{
public:
    virtual ~AccountStore() = default;

    // Users and workspaces
    // Creates the user, its workspace (with counters) and the owner membership in one transaction.
    // A taken email → conflict.
    virtual Status insertUser(const User &user, const QByteArray &passwordHash, const Workspace &workspace)
        = 0;
    virtual Result<std::optional<UserCredentials>> findUserByEmail(const QString &email) = 0;
    virtual Result<std::optional<User>> findUserById(const QString &id) = 0;
    virtual Result<QList<User>> listUsers() = 0;
    virtual Result<std::optional<Workspace>> findWorkspace(const QString &id) = 0;
    // Every workspace of the instance, oldest first (ties by id).
    virtual Result<QList<Workspace>> listWorkspaces() = 0;
    // Every user's role in every workspace.
    virtual Result<QList<Membership>> listMemberships() = 0;
    // Stores a new password hash and deletes every session of the user, in one transaction, so no old
    // cookie outlives the reset. False (and nothing changed) when there is no such user.
    virtual Result<bool> replacePassword(const QString &userId, const QByteArray &passwordHash) = 0;

    // Sessions, by the SHA-256 of their token
    virtual Status insertSessions(const QList<std::pair<AuthSession, QByteArray>> &sessions) = 0;
    virtual Result<std::optional<AuthSession>> findSession(const QByteArray &tokenHash) = 0;
    // Deletes the refresh session `oldRefreshHash` with its pair and stores `issued`, atomically. False
    // (and nothing stored) when that refresh session no longer exists: a reused refresh token.
    virtual Result<bool> rotateSession(
        const QByteArray &oldRefreshHash, const QList<std::pair<AuthSession, QByteArray>> &issued)
        = 0;
    // Deletes the sessions with these hashes and their pairs.
    virtual Status deleteSessions(const QList<QByteArray> &tokenHashes) = 0;
    virtual Status deleteSessionsExpiredBefore(qint64 nowNs) = 0;

    // Instance settings (e.g. whether registration is open); absent keys → nullopt.
    virtual Result<std::optional<QString>> accountSetting(const QString &key) = 0;
    virtual Status setAccountSetting(const QString &key, const QString &value) = 0;

    // Saved queries of one user. Names are unique per user → conflict.
    virtual Status insertSavedQuery(const SavedQuery &query) = 0;
    virtual Result<std::optional<SavedQuery>> findSavedQuery(const QString &userId, const QString &id) = 0;
    // pinned DESC, position ASC, updated_at DESC, id DESC
    virtual Result<QList<SavedQuery>> listSavedQueries(const QString &userId) = 0;
    // False when the user has no such query.
    virtual Result<bool> updateSavedQuery(const SavedQuery &query) = 0;
    virtual Result<bool> deleteSavedQuery(const QString &userId, const QString &id) = 0;
};

} // namespace osc
