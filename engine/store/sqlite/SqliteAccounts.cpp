// Dashboard accounts on SQLite (AccountStore): users, owned workspaces, sessions, settings, saved
// queries; plus the user-owned API key reads of ApiKeyStore.
#include "store/sqlite/SqliteStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace osc {

namespace {

constexpr const char *kOwnerRole = "owner";

QByteArray kindName(AuthSession::Kind kind)
{
    return kind == AuthSession::Kind::Access ? QByteArrayLiteral("access") : QByteArrayLiteral("refresh");
}

AuthSession sessionFromRow(const SqliteStatement &row)
{
    AuthSession s;
    s.kind
        = row.text(0) == QLatin1StringView("access") ? AuthSession::Kind::Access : AuthSession::Kind::Refresh;
    s.pairId = row.text(1);
    s.userId = row.text(2);
    s.workspaceId = row.text(3);
    s.createdAtNs = row.int64(4);
    s.expiresAtNs = row.int64(5);
    return s;
}

QStringList stringListFrom(const QByteArray &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        out.append(v.toString());
    return out;
}

// Column order of kSavedQueryColumns.
SavedQuery savedQueryFromRow(const SqliteStatement &row)
{
    SavedQuery q;
    q.id = row.text(0);
    q.userId = row.text(1);
    q.name = row.text(2);
    q.query = QJsonDocument::fromJson(row.bytes(3)).object();
    q.groupBy = stringListFrom(row.bytes(4));
    q.bucketSize = row.text(5);
    q.limit = int(row.int64(6));
    q.pinned = row.int64(7) != 0;
    q.position = int(row.int64(8));
    q.createdAtNs = row.int64(9);
    q.updatedAtNs = row.int64(10);
    return q;
}

#define OSC_SAVED_QUERY_COLUMNS                                                                              \
    "id, user_id, name, query, group_by, bucket_size, row_limit, pinned, position, created_at, updated_at"

Status insertSessionRows(SqliteConnection &db, const QList<std::pair<AuthSession, QByteArray>> &sessions)
{
    for (const auto &[session, hash] : sessions) {
        auto insert
            = db.prepare("INSERT INTO auth_sessions (token_hash, kind, pair_id, user_id, workspace_id, "
                         "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        insert.bind(1, hash)
            .bind(2, kindName(session.kind))
            .bind(3, session.pairId)
            .bind(4, session.userId)
            .bind(5, session.workspaceId)
            .bind(6, session.createdAtNs)
            .bind(7, session.expiresAtNs);
        if (auto s = insert.run(); !s)
            return s;
    }
    return {};
}

// Removes the session with `hash` and every session issued with it; reports whether it existed.
Result<bool> deletePairOf(SqliteConnection &db, const QByteArray &hash)
{
    auto find = db.prepare("SELECT pair_id FROM auth_sessions WHERE token_hash = ?1");
    find.bind(1, hash);
    if (!find.next())
        return find.ok() ? Result<bool>(false) : Result<bool>(find.status().error());
    const QString pairId = find.text(0);
    find.reset();
    auto remove = db.prepare("DELETE FROM auth_sessions WHERE pair_id = ?1 OR token_hash = ?2");
    remove.bind(1, pairId).bind(2, hash);
    if (auto s = remove.run(); !s)
        return s.error();
    return true;
}

} // namespace

Status SqliteStore::insertUser(const User &user, const QByteArray &passwordHash, const Workspace &workspace)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto exists = db.prepare("SELECT 1 FROM users WHERE email = ?1");
        exists.bind(1, user.email);
        if (exists.next())
            return Error::conflictLine(QStringLiteral("user email already exists"));
        exists.reset();
        auto insertUser
            = db.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
        insertUser.bind(1, user.id).bind(2, user.email).bind(3, passwordHash).bind(4, user.createdAtNs);
        if (auto s = insertUser.run(); !s)
            return s;
        auto insertWorkspace
            = db.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, ?2, ?3)");
        insertWorkspace.bind(1, workspace.id).bind(2, workspace.name).bind(3, workspace.createdAtNs);
        if (auto s = insertWorkspace.run(); !s)
            return s;
        auto counters = db.prepare("INSERT INTO workspace_counters (workspace_id) VALUES (?1)");
        counters.bind(1, workspace.id);
        if (auto s = counters.run(); !s)
            return s;
        auto member = db.prepare("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4)");
        member.bind(1, workspace.id)
            .bind(2, user.id)
            .bind(3, QByteArray(kOwnerRole))
            .bind(4, user.createdAtNs);
        return member.run();
    });
}

Result<std::optional<UserCredentials>> SqliteStore::findUserByEmail(const QString &email)
{
    return readOneRow(
        "SELECT u.id, u.email, u.created_at, u.password_hash, m.workspace_id FROM users u "
        "JOIN workspace_members m ON m.user_id = u.id AND m.role = 'owner' WHERE u.email = ?1",
        [](const SqliteStatement &row) {
            UserCredentials found;
            found.user = {row.text(0), row.text(1), row.int64(2)};
            found.passwordHash = row.bytes(3);
            found.workspaceId = row.text(4);
            return found;
        },
        email);
}

Result<std::optional<User>> SqliteStore::findUserById(const QString &id)
{
    return readOneRow(
        "SELECT id, email, created_at FROM users WHERE id = ?1",
        [](const SqliteStatement &row) {
            return User{row.text(0), row.text(1), row.int64(2)};
        },
        id);
}

Result<QList<User>> SqliteStore::listUsers()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value()).prepare("SELECT id, email, created_at FROM users ORDER BY email");
    QList<User> out;
    while (stmt.next())
        out.append(User{stmt.text(0), stmt.text(1), stmt.int64(2)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<std::optional<Workspace>> SqliteStore::findWorkspace(const QString &id)
{
    return readOneRow(
        "SELECT id, name, created_at FROM workspaces WHERE id = ?1",
        [](const SqliteStatement &row) {
            return Workspace{row.text(0), row.text(1), row.int64(2)};
        },
        id);
}

Result<QList<Workspace>> SqliteStore::listWorkspaces()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value()).prepare("SELECT id, name, created_at FROM workspaces ORDER BY created_at, id");
    QList<Workspace> out;
    while (stmt.next())
        out.append(Workspace{stmt.text(0), stmt.text(1), stmt.int64(2)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<QList<Membership>> SqliteStore::listMemberships()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT workspace_id, user_id, role FROM workspace_members "
                             "ORDER BY created_at, workspace_id, user_id");
    QList<Membership> out;
    while (stmt.next())
        out.append(Membership{stmt.text(0), stmt.text(1), stmt.text(2)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<bool> SqliteStore::replacePassword(const QString &userId, const QByteArray &passwordHash)
{
    bool replaced = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1");
        update.bind(1, userId).bind(2, passwordHash);
        if (auto s = update.run(); !s)
            return s;
        replaced = db.changes() > 0;
        if (!replaced)
            return {};
        auto sessions = db.prepare("DELETE FROM auth_sessions WHERE user_id = ?1");
        sessions.bind(1, userId);
        return sessions.run();
    });
    if (!status)
        return status.error();
    return replaced;
}

Status SqliteStore::insertSessions(const QList<std::pair<AuthSession, QByteArray>> &sessions)
{
    return writeTransaction([&](SqliteConnection &db) { return insertSessionRows(db, sessions); });
}

Result<std::optional<AuthSession>> SqliteStore::findSession(const QByteArray &tokenHash)
{
    return readOneRow("SELECT kind, pair_id, user_id, workspace_id, created_at, expires_at "
                      "FROM auth_sessions WHERE token_hash = ?1",
        sessionFromRow, tokenHash);
}

Result<bool> SqliteStore::rotateSession(
    const QByteArray &oldRefreshHash, const QList<std::pair<AuthSession, QByteArray>> &issued)
{
    bool rotated = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        // Checked inside the write transaction, so two refreshes racing with one token cannot both win.
        auto kind = db.prepare("SELECT 1 FROM auth_sessions WHERE token_hash = ?1 AND kind = 'refresh'");
        kind.bind(1, oldRefreshHash);
        if (!kind.next())
            return kind.status();
        kind.reset();
        auto removed = deletePairOf(db, oldRefreshHash);
        if (!removed)
            return removed.error();
        rotated = true;
        return insertSessionRows(db, issued);
    });
    if (!status)
        return status.error();
    return rotated;
}

Status SqliteStore::deleteSessions(const QList<QByteArray> &tokenHashes)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        for (const QByteArray &hash : tokenHashes)
            if (auto removed = deletePairOf(db, hash); !removed)
                return removed.error();
        return {};
    });
}

Status SqliteStore::deleteSessionsExpiredBefore(qint64 nowNs)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto remove = db.prepare("DELETE FROM auth_sessions WHERE expires_at <= ?1");
        remove.bind(1, nowNs);
        return remove.run();
    });
}

Result<std::optional<QString>> SqliteStore::accountSetting(const QString &key)
{
    return readOneRow(
        "SELECT value FROM account_settings WHERE key = ?1",
        [](const SqliteStatement &row) { return row.text(0); }, key);
}

Status SqliteStore::setAccountSetting(const QString &key, const QString &value)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto upsert = db.prepare("INSERT INTO account_settings (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        upsert.bind(1, key).bind(2, value);
        return upsert.run();
    });
}

namespace {

Status conflictIfNameTaken(SqliteConnection &db, const SavedQuery &query)
{
    auto taken = db.prepare("SELECT 1 FROM saved_queries WHERE user_id = ?1 AND name = ?2 AND id <> ?3");
    taken.bind(1, query.userId).bind(2, query.name).bind(3, query.id);
    if (taken.next())
        return Error::conflictLine(QStringLiteral("saved query name already exists"));
    return taken.status();
}

QByteArray compactJson(const QJsonDocument &document)
{
    return document.toJson(QJsonDocument::Compact);
}

} // namespace

Status SqliteStore::insertSavedQuery(const SavedQuery &query)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        if (auto s = conflictIfNameTaken(db, query); !s)
            return s;
        auto insert = db.prepare("INSERT INTO saved_queries (" OSC_SAVED_QUERY_COLUMNS
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        insert.bind(1, query.id)
            .bind(2, query.userId)
            .bind(3, query.name)
            .bind(4, compactJson(QJsonDocument(query.query)))
            .bind(5, compactJson(QJsonDocument(QJsonArray::fromStringList(query.groupBy))))
            .bind(6, query.bucketSize)
            .bind(7, query.limit)
            .bind(8, query.pinned ? 1 : 0)
            .bind(9, query.position)
            .bind(10, query.createdAtNs)
            .bind(11, query.updatedAtNs);
        return insert.run();
    });
}

Result<std::optional<SavedQuery>> SqliteStore::findSavedQuery(const QString &userId, const QString &id)
{
    return readOneRow("SELECT " OSC_SAVED_QUERY_COLUMNS " FROM saved_queries WHERE user_id = ?1 AND id = ?2",
        savedQueryFromRow, userId, id);
}

Result<QList<SavedQuery>> SqliteStore::listSavedQueries(const QString &userId)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT " OSC_SAVED_QUERY_COLUMNS " FROM saved_queries WHERE user_id = ?1 "
                             "ORDER BY pinned DESC, position ASC, updated_at DESC, id DESC");
    stmt.bind(1, userId);
    QList<SavedQuery> out;
    while (stmt.next())
        out.append(savedQueryFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<bool> SqliteStore::updateSavedQuery(const SavedQuery &query)
{
    bool updated = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        if (auto s = conflictIfNameTaken(db, query); !s)
            return s;
        auto update
            = db.prepare("UPDATE saved_queries SET name = ?3, query = ?4, group_by = ?5, "
                         "bucket_size = ?6, row_limit = ?7, pinned = ?8, position = ?9, updated_at = ?10 "
                         "WHERE user_id = ?1 AND id = ?2");
        update.bind(1, query.userId)
            .bind(2, query.id)
            .bind(3, query.name)
            .bind(4, compactJson(QJsonDocument(query.query)))
            .bind(5, compactJson(QJsonDocument(QJsonArray::fromStringList(query.groupBy))))
            .bind(6, query.bucketSize)
            .bind(7, query.limit)
            .bind(8, query.pinned ? 1 : 0)
            .bind(9, query.position)
            .bind(10, query.updatedAtNs);
        if (auto s = update.run(); !s)
            return s;
        updated = db.changes() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return updated;
}

Result<bool> SqliteStore::deleteSavedQuery(const QString &userId, const QString &id)
{
    return writeChangesRow("DELETE FROM saved_queries WHERE user_id = ?1 AND id = ?2", userId, id);
}

Result<QList<ApiKey>> SqliteStore::listUserApiKeys(const QString &workspaceId, const QString &userId)
{
    // A workspace holds few keys; filtering the ordered workspace list keeps one query for both lists.
    auto all = listApiKeys(workspaceId);
    if (!all)
        return all.error();
    QList<ApiKey> out;
    for (const ApiKey &key : all.value())
        if (key.userId == userId)
            out.append(key);
    return out;
}

Result<bool> SqliteStore::deleteUserApiKey(
    const QString &workspaceId, const QString &userId, const QString &id)
{
    return writeChangesRow(
        "DELETE FROM api_keys WHERE workspace_id = ?1 AND user_id = ?2 AND id = ?3", workspaceId, userId, id);
}

} // namespace osc
