// Contract §1.6 and §2.4 at the engine: registration rules and the owned workspace, Argon2id hashing,
// login, access/refresh TTLs and rotation on a pinned clock, logout, and the registration switch.

#include "auth/AccountService.h"
#include "auth/ApiKeyService.h"
#include "auth/Permission.h"
#include "core/Clock.h"
#include "store/sqlite/SqliteStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kT0 = 1'780'912'800 * kNs; // 2026-06-08T10:00:00Z
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TstAccountService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void registerCreatesOwnedWorkspace();
    void registerValidation_data();
    void registerValidation();
    void duplicateEmailConflicts();
    void passwordIsStoredAsArgon2id();
    void defaultCostIsInteractive();
    void loginRejects_data();
    void loginRejects();
    void accessTokenExpiresAfter15Minutes();
    void refreshRotatesAndOldTokenIsRefused();
    void refreshTokenExpiresAfter30Days();
    void concurrentRefreshesHaveOneWinner();
    void logoutEndsBothTokens();
    void tokensAreStoredHashed();
    void sessionIsAllowedEverythingInItsWorkspace();
    void registrationSwitch();
    void userKeysAreSessionOnlyAndOwned();
    void resetPasswordValidation_data();
    void resetPasswordValidation();
    void resetPasswordSwapsPasswordAndEndsSessions();
    void resetPasswordOfUnknownUser();
    void workspacesAndMemberships();

private:
    User registerOk(const QString &email);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<AccountService> m_accounts;
};

void TstAccountService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    SqliteStore::Options options;
    options.path = m_dir->filePath(QStringLiteral("accounts.db"));
    auto store = SqliteStore::open(options, QStringLiteral("default"));
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    m_store = std::move(store.value());
    m_clock = std::make_unique<ManualClock>(kT0);
    m_accounts = std::make_unique<AccountService>(*m_store, *m_clock);
    m_accounts->configure({password::Cost::minimal(), {}});
}

void TstAccountService::cleanup()
{
    m_accounts.reset();
    m_store.reset();
    m_clock.reset();
    m_dir.reset();
}

User TstAccountService::registerOk(const QString &email)
{
    auto user = m_accounts->registerUser(email, kPassword);
    if (!user)
        qWarning() << user.error().message;
    return user ? user.value() : User{};
}

void TstAccountService::registerCreatesOwnedWorkspace()
{
    const User user = registerOk(QStringLiteral("  Ada.Lovelace@Example.COM "));
    QCOMPARE(user.email, QStringLiteral("ada.lovelace@example.com"));
    QCOMPARE(user.createdAtNs, kT0);
    QVERIFY(!user.id.isEmpty());
    auto found = m_store->findUserByEmail(user.email);
    QVERIFY(found.ok() && found.value());
    const QString workspaceId = found.value()->workspaceId;
    QVERIFY(!workspaceId.isEmpty());
    QVERIFY(workspaceId != QStringLiteral("default"));
    auto workspace = m_store->findWorkspace(workspaceId);
    QVERIFY(workspace.ok() && workspace.value());
    QCOMPARE(workspace.value()->name, QStringLiteral("ada.lovelace's workspace"));
    // Counters exist, so stats of the new workspace start at zero rather than failing.
    auto counters = m_store->systemCounters(workspaceId);
    QVERIFY(counters.ok());
    QCOMPARE(counters->meters, 0);
    // A second user gets a workspace of their own.
    registerOk(QStringLiteral("grace@example.com"));
    QCOMPARE(
        m_store->findUserByEmail(QStringLiteral("grace@example.com")).value()->workspaceId == workspaceId,
        false);
}

void TstAccountService::registerValidation_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message"); // empty = accepted

    const QString emailRequired = QStringLiteral("invalid input\nemail is required");
    const QString shortPassword = QStringLiteral("invalid input\npassword must be at least 8 characters");
    QTest::newRow("no @") << "admin.example.com" << kPassword << emailRequired;
    QTest::newRow("empty") << "" << kPassword << emailRequired;
    QTest::newRow("blank") << "   " << kPassword << emailRequired;
    QTest::newRow("nothing before @") << "@example.com" << kPassword << emailRequired;
    QTest::newRow("nothing after @") << "admin@" << kPassword << emailRequired;
    QTest::newRow("space inside") << "ad min@example.com" << kPassword << emailRequired;
    QTest::newRow("7 characters") << "a@b.c"
                                  << "1234567" << shortPassword;
    QTest::newRow("empty password") << "a@b.c"
                                    << "" << shortPassword;
    QTest::newRow("8 characters") << "a@b.c"
                                  << "12345678"
                                  << "";
    // Runes, not bytes: 7 two-byte characters are 14 bytes and still too short; 8 are enough.
    QTest::newRow("7 runes, 14 bytes") << "a@b.c" << QStringLiteral("äöüäöüä") << shortPassword;
    QTest::newRow("8 runes, 16 bytes") << "a@b.c" << QStringLiteral("äöüäöüäö") << "";
    QTest::newRow("4 emoji, 8 UTF-16 units") << "a@b.c" << QStringLiteral("😀😀😀😀") << shortPassword;
    QTest::newRow("too long") << "a@b.c" << QString(1025, QLatin1Char('x'))
                              << QStringLiteral("invalid input\npassword is too long");
}

void TstAccountService::registerValidation()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, message);
    auto user = m_accounts->registerUser(email, password);
    if (message.isEmpty()) {
        QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
        return;
    }
    QVERIFY(!user.ok());
    QCOMPARE(user.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(user.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(user.error().message, message);
    QCOMPARE(m_accounts->listUsers()->size(), 0); // nothing changed
}

void TstAccountService::duplicateEmailConflicts()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto again = m_accounts->registerUser(QStringLiteral(" ADMIN@example.com"), kPassword);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QCOMPARE(again.error().httpStatus(), 409);
    QCOMPARE(m_accounts->listUsers()->size(), 1);
}

void TstAccountService::passwordIsStoredAsArgon2id()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto found = m_store->findUserByEmail(QStringLiteral("admin@example.com"));
    const QByteArray hash = found.value()->passwordHash;
    QVERIFY2(hash.startsWith("$argon2id$"), hash.constData());
    QVERIFY(!hash.contains(kPassword.toUtf8()));
    QVERIFY(password::verify(hash, kPassword));
    QVERIFY(!password::verify(hash, kPassword + QLatin1Char('!')));
    QVERIFY(!password::verify(QByteArray("$argon2id$garbage"), kPassword));
    // Salted: the same password hashes differently each time.
    QVERIFY(password::hash(kPassword, password::Cost::minimal()).value()
        != password::hash(kPassword, password::Cost::minimal()).value());
}

void TstAccountService::defaultCostIsInteractive()
{
    // What a real server uses (AccountService::Settings' default): libsodium's interactive level, which
    // the hash string records (m=65536 KiB, t=2).
    const password::Cost cost = AccountService::Settings{}.passwordCost;
    QCOMPARE(cost.opsLimit, password::Cost::interactive().opsLimit);
    QCOMPARE(cost.memLimitBytes, password::Cost::interactive().memLimitBytes);
    auto hash = password::hash(kPassword, cost);
    QVERIFY(hash.ok());
    QVERIFY2(hash.value().startsWith("$argon2id$v=19$m=65536,t=2,p=1$"), hash.value().constData());
    QVERIFY(password::verify(hash.value(), kPassword));
}

void TstAccountService::loginRejects_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << "admin@example.com"
                                    << "wrong password";
    QTest::newRow("unknown email") << "nobody@example.com" << kPassword;
    QTest::newRow("malformed email") << "admin" << kPassword;
    QTest::newRow("empty") << ""
                           << "";
}

void TstAccountService::loginRejects()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(email, password);
    QVERIFY(!issued.ok());
    QCOMPARE(issued.error().httpStatus(), 401);
    QCOMPARE(issued.error().message, QStringLiteral("unauthorized\ninvalid credentials"));
}

void TstAccountService::accessTokenExpiresAfter15Minutes()
{
    const User user = registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(QStringLiteral("Admin@Example.com "), kPassword);
    QVERIFY(issued.ok());
    QCOMPARE(issued->user.id, user.id);
    QVERIFY(issued->accessToken.startsWith(QStringLiteral("osp_at_")));
    QVERIFY(issued->refreshToken.startsWith(QStringLiteral("osp_rt_")));
    QCOMPARE(issued->accessToken.size(), 7 + 43); // base64url of 32 bytes, no padding
    QCOMPARE(issued->accessExpiresAtNs, kT0 + 15 * 60 * kNs);
    QCOMPARE(issued->refreshExpiresAtNs, kT0 + 30 * 86'400 * kNs);

    auto principal = m_accounts->authenticateSession(issued->accessToken);
    QVERIFY(principal.ok());
    QCOMPARE(principal->kind, Principal::Kind::Session);
    QCOMPARE(principal->userId, user.id);
    QCOMPARE(principal->workspaceId, m_store->findUserByEmail(user.email).value()->workspaceId);
    QCOMPARE(m_accounts->sessionUser(principal.value())->email, user.email);

    m_clock->set(issued->accessExpiresAtNs - 1);
    QVERIFY(m_accounts->authenticateSession(issued->accessToken).ok());
    m_clock->set(issued->accessExpiresAtNs);
    auto expired = m_accounts->authenticateSession(issued->accessToken);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().httpStatus(), 401);
    // The refresh token is not an access token.
    QVERIFY(!m_accounts->authenticateSession(issued->refreshToken).ok());
}

void TstAccountService::refreshRotatesAndOldTokenIsRefused()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto first = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    QVERIFY(first.ok());
    m_clock->advance(60 * kNs);
    auto second = m_accounts->refresh(first->refreshToken);
    QVERIFY(second.ok());
    QVERIFY(second->accessToken != first->accessToken);
    QVERIFY(second->refreshToken != first->refreshToken);
    QCOMPARE(second->accessExpiresAtNs, kT0 + 60 * kNs + 15 * 60 * kNs);
    QCOMPARE(second->user.email, QStringLiteral("admin@example.com"));

    auto reused = m_accounts->refresh(first->refreshToken);
    QVERIFY(!reused.ok());
    QCOMPARE(reused.error().httpStatus(), 401);
    // The rotated pair's access token goes with it; the new one works.
    QVERIFY(!m_accounts->authenticateSession(first->accessToken).ok());
    QVERIFY(m_accounts->authenticateSession(second->accessToken).ok());
    QVERIFY(m_accounts->refresh(second->refreshToken).ok());
    // An access token is not a refresh token; nothing at all is 401 too.
    QVERIFY(!m_accounts->refresh(second->accessToken).ok());
    QCOMPARE(m_accounts->refresh(QString()).error().message, QStringLiteral("unauthorized"));
}

void TstAccountService::refreshTokenExpiresAfter30Days()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    QVERIFY(issued.ok());
    m_clock->set(issued->refreshExpiresAtNs);
    QVERIFY(!m_accounts->refresh(issued->refreshToken).ok());
    m_clock->set(kT0);
    QVERIFY(!m_accounts->refresh(issued->refreshToken).ok()); // an expired refresh token is deleted
}

void TstAccountService::concurrentRefreshesHaveOneWinner()
{
    // Two tabs refreshing with the same cookie at once: the rotation is checked inside the write
    // transaction, so exactly one gets the new pair and every other one is refused.
    registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    QVERIFY(issued.ok());
    constexpr int kRacers = 8;
    std::atomic<int> winners{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i)
        racers.emplace_back([&] {
            auto refreshed = m_accounts->refresh(issued->refreshToken);
            (refreshed.ok() ? winners : refused).fetch_add(1);
            if (!refreshed.ok() && refreshed.error().httpStatus() != 401)
                refused.fetch_add(1000); // anything but 401 is a failure
        });
    for (std::thread &racer : racers)
        racer.join();
    QCOMPARE(winners.load(), 1);
    QCOMPARE(refused.load(), kRacers - 1);
}

void TstAccountService::logoutEndsBothTokens()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    auto other = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    QVERIFY(issued.ok() && other.ok());
    // Only the access cookie is enough to end the whole pair.
    QVERIFY(m_accounts->logout(issued->accessToken, QString()).ok());
    QVERIFY(!m_accounts->authenticateSession(issued->accessToken).ok());
    QVERIFY(!m_accounts->refresh(issued->refreshToken).ok());
    // Another login of the same user is untouched.
    QVERIFY(m_accounts->authenticateSession(other->accessToken).ok());
    QVERIFY(m_accounts->logout(QStringLiteral("osp_at_unknown"), QStringLiteral("tampered")).ok());
    QVERIFY(m_accounts->logout(QString(), QString()).ok());
}

void TstAccountService::tokensAreStoredHashed()
{
    registerOk(QStringLiteral("admin@example.com"));
    auto issued = m_accounts->login(QStringLiteral("admin@example.com"), kPassword);
    QVERIFY(issued.ok());
    m_store.reset(); // flush to the file
    QFile file(m_dir->filePath(QStringLiteral("accounts.db")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    QFile wal(m_dir->filePath(QStringLiteral("accounts.db-wal")));
    if (wal.open(QIODevice::ReadOnly))
        bytes += wal.readAll();
    QVERIFY(!bytes.contains(issued->accessToken.toUtf8()));
    QVERIFY(!bytes.contains(issued->refreshToken.toUtf8()));
    QVERIFY(!bytes.contains(kPassword.toUtf8()));
    QVERIFY(bytes.contains(AccountService::hashToken(issued->accessToken)));
    m_accounts.reset(); // it referred to the store
}

void TstAccountService::sessionIsAllowedEverythingInItsWorkspace()
{
    const Principal session = Principal::session(QStringLiteral("ws"), QStringLiteral("user"));
    for (const PermissionRule &rule : permissionMatrix())
        QVERIFY(authorize(session, rule.operation, {QString()}).ok());
}

void TstAccountService::registrationSwitch()
{
    QCOMPARE(m_accounts->registrationEnabled().value(), true); // default open
    QVERIFY(m_accounts->setRegistrationEnabled(false).ok());
    auto refused = m_accounts->registerUser(QStringLiteral("new@example.com"), kPassword);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().httpStatus(), 403);
    QCOMPARE(refused.error().message, QStringLiteral("forbidden\nregistration is disabled"));
    // The console's owner can still add users.
    QVERIFY(
        m_accounts->registerUser(QStringLiteral("new@example.com"), kPassword, AccountService::Door::Console)
            .ok());
    // Existing users still log in.
    QVERIFY(m_accounts->login(QStringLiteral("new@example.com"), kPassword).ok());
    // The environment/flag override wins over the stored setting while set.
    m_accounts->configure({password::Cost::minimal(), true});
    QVERIFY(m_accounts->registrationOverridden());
    QVERIFY(m_accounts->registerUser(QStringLiteral("third@example.com"), kPassword).ok());
    m_accounts->configure({password::Cost::minimal(), {}});
    QCOMPARE(m_accounts->registrationEnabled().value(), false); // the stored setting again
    QVERIFY(m_accounts->setRegistrationEnabled(true).ok());
    QVERIFY(m_accounts->registerUser(QStringLiteral("fourth@example.com"), kPassword).ok());
}

void TstAccountService::userKeysAreSessionOnlyAndOwned()
{
    ApiKeyService keys(*m_store, *m_clock);
    registerOk(QStringLiteral("a@example.com"));
    const QString workspace = m_store->findUserByEmail(QStringLiteral("a@example.com")).value()->workspaceId;
    const Principal session = Principal::session(workspace, m_accounts->listUsers()->first().id);
    ApiKeyDraft draft;
    draft.name = QStringLiteral("sdk");
    auto created = keys.createForUser(session, draft);
    QVERIFY(created.ok());
    QCOMPARE(created->key.workspaceId, workspace);
    QCOMPARE(created->key.userId, session.userId);
    auto principal = keys.authenticate(created->secret);
    QVERIFY(principal.ok());
    QCOMPARE(principal->workspaceId, workspace); // the key works in the user's workspace

    // Not a session → 401, whatever the principal may otherwise do.
    const Principal owner = Principal::owner(workspace);
    QCOMPARE(keys.createForUser(owner, draft).error().httpStatus(), 401);
    QCOMPARE(keys.listForUser(principal.value()).error().httpStatus(), 401);
    QCOMPARE(keys.removeForUser(principal.value(), created->key.id).error().httpStatus(), 401);

    // A console key of the same workspace is not the user's.
    auto console = keys.create(workspace, draft);
    QVERIFY(console.ok());
    QCOMPARE(keys.listForUser(session)->size(), 1);
    QCOMPARE(keys.removeForUser(session, console->key.id).error().httpStatus(), 404);
    // Another user of another workspace cannot see or delete it.
    const Principal stranger = Principal::session(QStringLiteral("default"), QStringLiteral("someone"));
    QCOMPARE(keys.listForUser(stranger)->size(), 0);
    QCOMPARE(keys.removeForUser(stranger, created->key.id).error().httpStatus(), 404);
    QVERIFY(keys.removeForUser(session, created->key.id).ok());
    QCOMPARE(keys.authenticate(created->secret).error().httpStatus(), 401);
}

void TstAccountService::resetPasswordValidation_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString()
                           << QStringLiteral("invalid input\npassword must be at least 8 characters");
    QTest::newRow("7 runes") << QStringLiteral("1234567")
                             << QStringLiteral("invalid input\npassword must be at least 8 characters");
    // 14 UTF-16 code units but 7 runes: runes are what counts.
    QTest::newRow("7 astral runes") << QString::fromUcs4(
        U"\U0001F511\U0001F511\U0001F511\U0001F511\U0001F511"
        U"\U0001F511\U0001F511") << QStringLiteral("invalid input\npassword must be at least 8 characters");
    QTest::newRow("too long") << QString(AccountService::kMaxPasswordBytes + 1, QLatin1Char('x'))
                              << QStringLiteral("invalid input\npassword is too long");
}

void TstAccountService::resetPasswordValidation()
{
    QFETCH(QString, password);
    QFETCH(QString, message);
    const User user = registerOk(QStringLiteral("admin@example.com"));
    const Status reset = m_accounts->resetPassword(user.id, password);
    QVERIFY(!reset.ok());
    QCOMPARE(reset.error().httpStatus(), 400);
    QCOMPARE(reset.error().message, message);
    // Nothing changed: the old password still works.
    QVERIFY(m_accounts->login(user.email, kPassword).ok());
}

void TstAccountService::resetPasswordSwapsPasswordAndEndsSessions()
{
    const User user = registerOk(QStringLiteral("admin@example.com"));
    const User other = registerOk(QStringLiteral("other@example.com"));
    auto before = m_accounts->login(user.email, kPassword);
    auto otherSession = m_accounts->login(other.email, kPassword);
    QVERIFY(before.ok() && otherSession.ok());
    const QByteArray oldHash = m_store->findUserByEmail(user.email).value()->passwordHash;

    const QString newPassword = QStringLiteral("a brand new passphrase");
    QVERIFY(m_accounts->resetPassword(user.id, newPassword).ok());

    // Old cookies stop working: neither the access token nor the refresh token is accepted.
    QCOMPARE(m_accounts->authenticateSession(before->accessToken).error().httpStatus(), 401);
    QCOMPARE(m_accounts->refresh(before->refreshToken).error().httpStatus(), 401);
    // The old password fails, the new one logs in.
    QCOMPARE(m_accounts->login(user.email, kPassword).error().message,
        QStringLiteral("unauthorized\ninvalid credentials"));
    auto after = m_accounts->login(QStringLiteral(" Admin@Example.com "), newPassword);
    QVERIFY(after.ok());
    QVERIFY(m_accounts->authenticateSession(after->accessToken).ok());
    // Re-hashed with the same KDF (a fresh salt, so a different string).
    const QByteArray newHash = m_store->findUserByEmail(user.email).value()->passwordHash;
    QVERIFY(newHash.startsWith("$argon2id$"));
    QVERIFY(newHash != oldHash);
    // Another user's session is untouched.
    QVERIFY(m_accounts->authenticateSession(otherSession->accessToken).ok());
}

void TstAccountService::resetPasswordOfUnknownUser()
{
    const Status reset = m_accounts->resetPassword(QStringLiteral("nobody"), kPassword);
    QVERIFY(!reset.ok());
    QCOMPARE(reset.error().httpStatus(), 404);
}

void TstAccountService::workspacesAndMemberships()
{
    const User ada = registerOk(QStringLiteral("ada@example.com"));
    m_clock->advance(kNs);
    const User grace = registerOk(QStringLiteral("grace@example.com"));
    auto workspaces = m_accounts->listWorkspaces();
    QVERIFY(workspaces.ok());
    // Oldest first. The default workspace was made at the (real) time the store was opened, which is
    // after this test's pinned clock; only the users' order is asserted.
    QCOMPARE(workspaces->size(), 3);
    QStringList names;
    for (const Workspace &workspace : workspaces.value())
        if (workspace.id != QLatin1StringView("default"))
            names.append(workspace.name);
    QCOMPARE(names, (QStringList{QStringLiteral("ada's workspace"), QStringLiteral("grace's workspace")}));
    auto members = m_accounts->listMemberships();
    QVERIFY(members.ok());
    QCOMPARE(members->size(), 2);
    QCOMPARE(members->at(0).userId, ada.id);
    QCOMPARE(members->at(0).workspaceId, m_store->findUserByEmail(ada.email).value()->workspaceId);
    QCOMPARE(members->at(0).role, QStringLiteral("owner"));
    QCOMPARE(members->at(1).userId, grace.id);
    QCOMPARE(members->at(1).workspaceId, m_store->findUserByEmail(grace.email).value()->workspaceId);
}

QTEST_GUILESS_MAIN(TstAccountService)
#include "tst_accountservice.moc"
