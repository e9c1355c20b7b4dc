// The Engine facade's workspace directory (what the console's switcher and `keys --workspace` use): the
// default workspace first whatever the creation times, lookup by id or exact name, an unknown workspace
// as not found and a name two workspaces share as invalid input asking for the id.

#include "Engine.h"

#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
// Long before the store is opened: the users' workspaces are older than the default one's real-time stamp.
constexpr qint64 kT0 = 1'600'000'000 * kNs;

} // namespace

class TstEngineWorkspaces : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void defaultFirst();
    void findByIdOrName();
    void unknownAndAmbiguous();

private:
    QString registerUser(const QString &email);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    ManualClock *m_clock = nullptr; // owned by the engine
};

void TstEngineWorkspaces::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto clock = std::make_unique<ManualClock>(kT0);
    m_clock = clock.get();
    auto opened = Engine::open({m_dir->filePath(QStringLiteral("w.db")), false}, std::move(clock));
    QVERIFY(opened.ok());
    m_engine = std::move(opened.value());
    m_engine->accounts().configure({password::Cost::minimal(), {}});
}

void TstEngineWorkspaces::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

QString TstEngineWorkspaces::registerUser(const QString &email)
{
    m_clock->advance(kNs);
    auto user = m_engine->accounts().registerUser(email, QStringLiteral("correct horse battery"));
    if (!user)
        return {};
    return m_engine->store().findUserByEmail(user->email).value()->workspaceId;
}

void TstEngineWorkspaces::defaultFirst()
{
    const QString ada = registerUser(QStringLiteral("ada@example.com"));
    const QString grace = registerUser(QStringLiteral("grace@example.com"));
    auto all = m_engine->workspaces();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).id, m_engine->defaultWorkspaceId());
    QCOMPARE(all->at(1).id, ada); // then in the order they were made
    QCOMPARE(all->at(2).id, grace);
}

void TstEngineWorkspaces::findByIdOrName()
{
    const QString ada = registerUser(QStringLiteral("ada@example.com"));
    QCOMPARE(m_engine->findWorkspace(ada)->name, QStringLiteral("ada's workspace"));
    QCOMPARE(m_engine->findWorkspace(QStringLiteral("ada's workspace"))->id, ada);
    QCOMPARE(m_engine->findWorkspace(QStringLiteral("default"))->id, m_engine->defaultWorkspaceId());
    QCOMPARE(
        m_engine->findWorkspace(QStringLiteral("Default workspace"))->id, m_engine->defaultWorkspaceId());
}

void TstEngineWorkspaces::unknownAndAmbiguous()
{
    auto unknown = m_engine->findWorkspace(QStringLiteral("nope"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().httpStatus(), 404);
    QCOMPARE(unknown.error().message, QStringLiteral("unknown workspace \"nope\""));
    // Exact names only: no case folding, no prefixes.
    registerUser(QStringLiteral("ada@example.com"));
    QVERIFY(!m_engine->findWorkspace(QStringLiteral("Ada's workspace")).ok());
    QVERIFY(!m_engine->findWorkspace(QStringLiteral("ada's")).ok());

    // Two users with the same local part get workspaces of the same name.
    const QString first = registerUser(QStringLiteral("bob@a.example"));
    const QString second = registerUser(QStringLiteral("bob@b.example"));
    auto ambiguous = m_engine->findWorkspace(QStringLiteral("bob's workspace"));
    QVERIFY(!ambiguous.ok());
    QCOMPARE(ambiguous.error().httpStatus(), 400);
    QVERIFY2(ambiguous.error().message.contains(QStringLiteral("use the id")),
        qPrintable(ambiguous.error().message));
    QCOMPARE(m_engine->findWorkspace(first)->id, first);
    QCOMPARE(m_engine->findWorkspace(second)->id, second);
}

QTEST_GUILESS_MAIN(TstEngineWorkspaces)
#include "tst_engineworkspaces.moc"
