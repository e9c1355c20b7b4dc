// Dashboard accounts on PostgreSQL (AccountStore): users, owned workspaces, sessions, settings,
// saved queries.
#include "store/postgres/PgStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace osc {

using pg::Param;

namespace {

constexpr const char *kOwnerRole = "owner";

QString kindName(AuthSession::Kind kind)
{
    return kind == AuthSession::Kind::Access ? QStringLiteral("access") : QStringLiteral("refresh");
}

AuthSession sessionFromRow(const pg::Rows &rows, int row)
{
    AuthSession s;
    s.kind = rows.text(row, 0) == QLatin1StringView("access") ? AuthSession::Kind::Access
                                                              : AuthSession::Kind::Refresh;
    s.pairId = rows.text(row, 1);
    s.userId = rows.text(row, 2);
    s.workspaceId = rows.text(row, 3);
    s.createdAtNs = rows.int64(row, 4);
    s.expiresAtNs = rows.int64(row, 5);
    return s;
}

QStringList stringListFrom(const QByteArray &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        out.append(v.toString());
    return out;
}

#define OSC_PG_SAVED_QUERY_COLUMNS                                                                           \
    "id, user_id, name, query, group_by, bucket_size, row_limit, pinned, position, created_at, updated_at"

SavedQuery savedQueryFromRow(const pg::Rows &rows, int row)
{
    SavedQuery q;
    q.id = rows.text(row, 0);
    q.userId = rows.text(row, 1);
    q.name = rows.text(row, 2);
    q.query = QJsonDocument::fromJson(rows.utf8(row, 3)).object();
    q.groupBy = stringListFrom(rows.utf8(row, 4));
    q.bucketSize = rows.text(row, 5);
    q.limit = int(rows.int64(row, 6));
    q.pinned = rows.int64(row, 7) != 0;
    q.position = int(rows.int64(row, 8));
    q.createdAtNs = rows.int64(row, 9);
    q.updatedAtNs = rows.int64(row, 10);
    return q;
}

QByteArray compactJson(const QJsonDocument &document)
{
    return document.toJson(QJsonDocument::Compact);
}

Status insertSessionRows(pg::Connection &db, const QList<std::pair<AuthSession, QByteArray>> &sessions)
{
    for (const auto &[session, hash] : sessions) {
        auto insert = db.exec("INSERT INTO auth_sessions (token_hash, kind, pair_id, user_id, workspace_id, "
                              "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {Param::bytes(hash), Param::text(kindName(session.kind)), Param::text(session.pairId),
                Param::text(session.userId), Param::text(session.workspaceId),
                Param::int64(session.createdAtNs), Param::int64(session.expiresAtNs)});
        if (!insert)
            return insert.error();
    }
    return {};
}

// Removes the session with `hash` and every session issued with it; reports whether it existed.
Result<bool> deletePairOf(pg::Connection &db, const QByteArray &hash)
{
    auto find = db.exec("SELECT pair_id FROM auth_sessions WHERE token_hash = $1", {Param::bytes(hash)});
    if (!find)
        return find.error();
    if (find->size() == 0)
        return false;
    auto remove = db.exec("DELETE FROM auth_sessions WHERE pair_id = $1 OR token_hash = $2",
        {Param::text(find->text(0, 0)), Param::bytes(hash)});
    if (!remove)
        return remove.error();
    return true;
}

Status conflictIfNameTaken(pg::Connection &db, const SavedQuery &query)
{
    auto taken = db.exec("SELECT 1 FROM saved_queries WHERE user_id = $1 AND name = $2 AND id <> $3",
        {Param::text(query.userId), Param::text(query.name), Param::text(query.id)});
    if (!taken)
        return taken.error();
    if (taken->size() > 0)
        return Error::conflictLine(QStringLiteral("saved query name already exists"));
    return {};
}

} // namespace

Status PgStore::insertUser(const User &user, const QByteArray &passwordHash, const Workspace &workspace)
{
    return transaction([&](pg::Connection &db) -> Status {
        // The email's unique constraint decides; ON CONFLICT keeps the transaction usable.
        auto insertUser = db.exec("INSERT INTO users (id, email, password_hash, created_at) "
                                  "VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING",
            {Param::text(user.id), Param::text(user.email), Param::bytes(passwordHash),
                Param::int64(user.createdAtNs)});
        if (!insertUser)
            return insertUser.error();
        if (insertUser->affected() == 0)
            return Error::conflictLine(QStringLiteral("user email already exists"));
        auto insertWorkspace = db.exec("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)",
            {Param::text(workspace.id), Param::text(workspace.name), Param::int64(workspace.createdAtNs)});
        if (!insertWorkspace)
            return insertWorkspace.error();
        auto counters = db.exec(
            "INSERT INTO workspace_counters (workspace_id) VALUES ($1)", {Param::text(workspace.id)});
        if (!counters)
            return counters.error();
        auto member = db.exec("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) "
                              "VALUES ($1, $2, $3, $4)",
            {Param::text(workspace.id), Param::text(user.id), Param::utf8(kOwnerRole),
                Param::int64(user.createdAtNs)});
        if (!member)
            return member.error();
        return {};
    });
}

Result<std::optional<UserCredentials>> PgStore::findUserByEmail(const QString &email)
{
    auto rows = query("SELECT u.id, u.email, u.created_at, u.password_hash, m.workspace_id FROM users u "
                      "JOIN workspace_members m ON m.user_id = u.id AND m.role = 'owner' WHERE u.email = $1",
        {Param::text(email)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<UserCredentials>();
    UserCredentials found;
    found.user = {rows->text(0, 0), rows->text(0, 1), rows->int64(0, 2)};
    found.passwordHash = rows->bytes(0, 3);
    found.workspaceId = rows->text(0, 4);
    return std::optional<UserCredentials>(std::move(found));
}

Result<std::optional<User>> PgStore::findUserById(const QString &id)
{
    auto rows = query("SELECT id, email, created_at FROM users WHERE id = $1", {Param::text(id)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<User>();
    return std::optional<User>(User{rows->text(0, 0), rows->text(0, 1), rows->int64(0, 2)});
}

Result<QList<User>> PgStore::listUsers()
{
    auto rows = query("SELECT id, email, created_at FROM users ORDER BY email");
    if (!rows)
        return rows.error();
    QList<User> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(User{rows->text(i, 0), rows->text(i, 1), rows->int64(i, 2)});
    return out;
}

Result<std::optional<Workspace>> PgStore::findWorkspace(const QString &id)
{
    auto rows = query("SELECT id, name, created_at FROM workspaces WHERE id = $1", {Param::text(id)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<Workspace>();
    return std::optional<Workspace>(Workspace{rows->text(0, 0), rows->text(0, 1), rows->int64(0, 2)});
}

Result<QList<Workspace>> PgStore::listWorkspaces()
{
    auto rows = query("SELECT id, name, created_at FROM workspaces ORDER BY created_at, id");
    if (!rows)
        return rows.error();
    QList<Workspace> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(Workspace{rows->text(i, 0), rows->text(i, 1), rows->int64(i, 2)});
    return out;
}

Result<QList<Membership>> PgStore::listMemberships()
{
    auto rows = query("SELECT workspace_id, user_id, role FROM workspace_members "
                      "ORDER BY created_at, workspace_id, user_id");
    if (!rows)
        return rows.error();
    QList<Membership> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(Membership{rows->text(i, 0), rows->text(i, 1), rows->text(i, 2)});
    return out;
}

Result<bool> PgStore::replacePassword(const QString &userId, const QByteArray &passwordHash)
{
    bool replaced = false;
    Status status = transaction([&](pg::Connection &db) -> Status {
        auto update = db.exec("UPDATE users SET password_hash = $2 WHERE id = $1",
            {Param::text(userId), Param::bytes(passwordHash)});
        if (!update)
            return update.error();
        replaced = update->affected() > 0;
        if (!replaced)
            return {};
        auto sessions = db.exec("DELETE FROM auth_sessions WHERE user_id = $1", {Param::text(userId)});
        if (!sessions)
            return sessions.error();
        return {};
    });
    if (!status)
        return status.error();
    return replaced;
}

Status PgStore::insertSessions(const QList<std::pair<AuthSession, QByteArray>> &sessions)
{
    return transaction([&](pg::Connection &db) { return insertSessionRows(db, sessions); });
}

Result<std::optional<AuthSession>> PgStore::findSession(const QByteArray &tokenHash)
{
    auto rows = query("SELECT kind, pair_id, user_id, workspace_id, created_at, expires_at "
                      "FROM auth_sessions WHERE token_hash = $1",
        {Param::bytes(tokenHash)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<AuthSession>();
    return std::optional<AuthSession>(sessionFromRow(rows.value(), 0));
}

Result<bool> PgStore::rotateSession(
    const QByteArray &oldRefreshHash, const QList<std::pair<AuthSession, QByteArray>> &issued)
{
    bool rotated = false;
    Status status = transaction([&](pg::Connection &db) -> Status {
        rotated = false;
        // Locked inside the write transaction, so two refreshes racing with one token cannot both win.
        auto kind
            = db.exec("SELECT 1 FROM auth_sessions WHERE token_hash = $1 AND kind = 'refresh' FOR UPDATE",
                {Param::bytes(oldRefreshHash)});
        if (!kind)
            return kind.error();
        if (kind->size() == 0)
            return {};
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

Status PgStore::deleteSessions(const QList<QByteArray> &tokenHashes)
{
    return transaction([&](pg::Connection &db) -> Status {
        for (const QByteArray &hash : tokenHashes)
            if (auto removed = deletePairOf(db, hash); !removed)
                return removed.error();
        return {};
    });
}

Status PgStore::deleteSessionsExpiredBefore(qint64 nowNs)
{
    return transaction([&](pg::Connection &db) -> Status {
        auto remove = db.exec("DELETE FROM auth_sessions WHERE expires_at <= $1", {Param::int64(nowNs)});
        if (!remove)
            return remove.error();
        return {};
    });
}

Result<std::optional<QString>> PgStore::accountSetting(const QString &key)
{
    auto rows = query("SELECT value FROM account_settings WHERE key = $1", {Param::text(key)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<QString>();
    return std::optional<QString>(rows->text(0, 0));
}

Status PgStore::setAccountSetting(const QString &key, const QString &value)
{
    return transaction([&](pg::Connection &db) -> Status {
        auto upsert = db.exec("INSERT INTO account_settings (key, value) VALUES ($1, $2) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {Param::text(key), Param::text(value)});
        if (!upsert)
            return upsert.error();
        return {};
    });
}

Status PgStore::insertSavedQuery(const SavedQuery &query)
{
    return transaction([&](pg::Connection &db) -> Status {
        if (auto s = conflictIfNameTaken(db, query); !s)
            return s;
        auto insert = db.exec("INSERT INTO saved_queries (" OSC_PG_SAVED_QUERY_COLUMNS
                              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            {Param::text(query.id), Param::text(query.userId), Param::text(query.name),
                Param::utf8(compactJson(QJsonDocument(query.query))),
                Param::utf8(compactJson(QJsonDocument(QJsonArray::fromStringList(query.groupBy)))),
                Param::text(query.bucketSize), Param::int64(query.limit), Param::int64(query.pinned ? 1 : 0),
                Param::int64(query.position), Param::int64(query.createdAtNs),
                Param::int64(query.updatedAtNs)});
        if (!insert)
            return insert.error();
        return {};
    });
}

Result<std::optional<SavedQuery>> PgStore::findSavedQuery(const QString &userId, const QString &id)
{
    auto rows
        = query("SELECT " OSC_PG_SAVED_QUERY_COLUMNS " FROM saved_queries WHERE user_id = $1 AND id = $2",
            {Param::text(userId), Param::text(id)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<SavedQuery>();
    return std::optional<SavedQuery>(savedQueryFromRow(rows.value(), 0));
}

Result<QList<SavedQuery>> PgStore::listSavedQueries(const QString &userId)
{
    auto rows = query("SELECT " OSC_PG_SAVED_QUERY_COLUMNS " FROM saved_queries WHERE user_id = $1 "
                      "ORDER BY pinned DESC, position ASC, updated_at DESC, id DESC",
        {Param::text(userId)});
    if (!rows)
        return rows.error();
    QList<SavedQuery> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(savedQueryFromRow(rows.value(), i));
    return out;
}

Result<bool> PgStore::updateSavedQuery(const SavedQuery &query)
{
    bool updated = false;
    Status status = transaction([&](pg::Connection &db) -> Status {
        if (auto s = conflictIfNameTaken(db, query); !s)
            return s;
        auto update = db.exec(
            "UPDATE saved_queries SET name = $3, query = $4, group_by = $5, "
            "bucket_size = $6, row_limit = $7, pinned = $8, position = $9, updated_at = $10 "
            "WHERE user_id = $1 AND id = $2",
            {Param::text(query.userId), Param::text(query.id), Param::text(query.name),
                Param::utf8(compactJson(QJsonDocument(query.query))),
                Param::utf8(compactJson(QJsonDocument(QJsonArray::fromStringList(query.groupBy)))),
                Param::text(query.bucketSize), Param::int64(query.limit), Param::int64(query.pinned ? 1 : 0),
                Param::int64(query.position), Param::int64(query.updatedAtNs)});
        if (!update)
            return update.error();
        updated = update->affected() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return updated;
}

Result<bool> PgStore::deleteSavedQuery(const QString &userId, const QString &id)
{
    return changesRow(
        "DELETE FROM saved_queries WHERE user_id = $1 AND id = $2", {Param::text(userId), Param::text(id)});
}

} // namespace osc
