// Contract §8 at the engine: saved-query validation and normalization, per-user scope, ordering,
// update semantics and 401 for anything but a session.

#include "accounts/SavedQueryService.h"
#include "core/Clock.h"
#include "store/sqlite/SqliteStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kT0 = 1'780'912'800 * kNs; // 2026-06-08T10:00:00Z

const QJsonObject kTree{{"combinator", "and"}, {"rules", QJsonArray{QJsonObject{{"field", "subject"}}}}};

SavedQueryDraft draft(const QString &name)
{
    SavedQueryDraft d;
    d.name = name;
    d.query = kTree;
    return d;
}

} // namespace

class TstSavedQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createDefaults();
    void validation_data();
    void validation();
    void normalization_data();
    void normalization();
    void namesAreUniquePerUser();
    void listOrder();
    void updateReplacesAndKeeps();
    void otherUsersQueriesDoNotExist();
    void onlySessions();

private:
    Principal m_alice = Principal::session(QStringLiteral("ws-a"), QStringLiteral("alice"));
    Principal m_bob = Principal::session(QStringLiteral("ws-b"), QStringLiteral("bob"));
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SavedQueryService> m_queries;
};

void TstSavedQueries::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    SqliteStore::Options options;
    options.path = m_dir->filePath(QStringLiteral("saved.db"));
    auto store = SqliteStore::open(options, QStringLiteral("default"));
    QVERIFY(store.ok());
    m_store = std::move(store.value());
    // Saved queries reference their user.
    for (const char *id : {"alice", "bob"})
        QVERIFY(m_store
                    ->insertUser(User{QLatin1StringView(id),
                                     QLatin1StringView(id) + QStringLiteral("@example.com"), kT0},
                        "hash",
                        Workspace{QStringLiteral("ws-") + QLatin1StringView(id), QStringLiteral("w"), kT0})
                    .ok());
    m_clock = std::make_unique<ManualClock>(kT0);
    m_queries = std::make_unique<SavedQueryService>(*m_store, *m_clock);
}

void TstSavedQueries::cleanup()
{
    m_queries.reset();
    m_store.reset();
    m_dir.reset();
}

void TstSavedQueries::createDefaults()
{
    auto created = m_queries->create(m_alice, draft(QStringLiteral("  Top customers ")));
    QVERIFY(created.ok());
    QCOMPARE(created->name, QStringLiteral("Top customers"));
    QCOMPARE(created->query, kTree);
    QCOMPARE(created->groupBy, QStringList());
    QCOMPARE(created->bucketSize, QStringLiteral("day"));
    QCOMPARE(created->limit, 500);
    QCOMPARE(created->pinned, false);
    QCOMPARE(created->position, 0);
    QCOMPARE(created->createdAtNs, kT0);
    QCOMPARE(created->updatedAtNs, kT0);
    auto listed = m_queries->list(m_alice);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().query, kTree); // stored and read back whole
}

void TstSavedQueries::validation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonObject>("query");
    QTest::addColumn<QString>("bucketSize");
    QTest::addColumn<QStringList>("groupBy");
    QTest::addColumn<QString>("message");
    QTest::newRow("blank name") << "  " << kTree << "" << QStringList() << "invalid input\nname is required";
    QTest::newRow("121 runes") << QString(121, QChar(0x00e4)) << kTree << "" << QStringList()
                               << "invalid input\nname is too long";
    QTest::newRow("empty query") << "q" << QJsonObject() << "" << QStringList()
                                 << "invalid input\nquery must be a non-empty JSON object";
    QTest::newRow("week buckets") << "q" << kTree << "week" << QStringList()
                                  << "invalid input\nunsupported bucket size";
    QTest::newRow("six group_by fields") << "q" << kTree << "" << QStringList{"a,b,c", "d", "e", "f"}
                                         << "invalid input: group_by supports up to 5 fields";
}

void TstSavedQueries::validation()
{
    QFETCH(QString, name);
    QFETCH(QJsonObject, query);
    QFETCH(QString, bucketSize);
    QFETCH(QStringList, groupBy);
    QFETCH(QString, message);
    SavedQueryDraft d = draft(name);
    d.query = query;
    d.bucketSize = bucketSize;
    d.groupBy = groupBy;
    auto created = m_queries->create(m_alice, d);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().httpStatus(), 400);
    QCOMPARE(created.error().message, message);
    QCOMPARE(m_queries->list(m_alice)->size(), 0);
    // 120 runes is the limit, inclusive.
    QVERIFY(m_queries->create(m_alice, draft(QString(120, QChar(0x00e4)))).ok());
}

void TstSavedQueries::normalization_data()
{
    QTest::addColumn<QStringList>("groupBy");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<QStringList>("expectedGroupBy");
    QTest::addColumn<int>("expectedLimit");
    QTest::addColumn<int>("expectedPosition");
    QTest::newRow("defaults") << QStringList() << qint64(0) << qint64(0) << QStringList() << 500 << 0;
    QTest::newRow("split, trim, de-dupe") << QStringList{" region , plan", "region", ""} << qint64(10)
                                          << qint64(3) << QStringList{"region", "plan"} << 10 << 3;
    QTest::newRow("negative limit and position")
        << QStringList() << qint64(-5) << qint64(-2) << QStringList() << 500 << 0;
    QTest::newRow("limit clamped") << QStringList() << qint64(5000) << qint64(0) << QStringList() << 1000
                                   << 0;
}

void TstSavedQueries::normalization()
{
    QFETCH(QStringList, groupBy);
    QFETCH(qint64, limit);
    QFETCH(qint64, position);
    QFETCH(QStringList, expectedGroupBy);
    QFETCH(int, expectedLimit);
    QFETCH(int, expectedPosition);
    SavedQueryDraft d = draft(QStringLiteral("q"));
    d.groupBy = groupBy;
    d.limit = limit;
    d.position = position;
    d.bucketSize = QStringLiteral("hour");
    auto created = m_queries->create(m_alice, d);
    QVERIFY(created.ok());
    QCOMPARE(created->groupBy, expectedGroupBy);
    QCOMPARE(created->limit, expectedLimit);
    QCOMPARE(created->position, expectedPosition);
    QCOMPARE(created->bucketSize, QStringLiteral("hour"));
}

void TstSavedQueries::namesAreUniquePerUser()
{
    QVERIFY(m_queries->create(m_alice, draft(QStringLiteral("mine"))).ok());
    auto duplicate = m_queries->create(m_alice, draft(QStringLiteral(" mine")));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().httpStatus(), 409);
    QVERIFY(m_queries->create(m_bob, draft(QStringLiteral("mine"))).ok()); // another user may
    auto other = m_queries->create(m_alice, draft(QStringLiteral("other")));
    QVERIFY(other.ok());
    auto renamed = m_queries->update(m_alice, other->id, draft(QStringLiteral("mine")));
    QVERIFY(!renamed.ok());
    QCOMPARE(renamed.error().httpStatus(), 409);
    QVERIFY(m_queries->update(m_alice, other->id, draft(QStringLiteral("other"))).ok()); // its own name
}

void TstSavedQueries::listOrder()
{
    // pinned DESC, position ASC, updated_at DESC, id DESC
    auto add = [&](const char *name, bool pinned, int position) {
        SavedQueryDraft d = draft(QLatin1StringView(name));
        d.pinned = pinned;
        d.position = position;
        m_clock->advance(kNs);
        auto created = m_queries->create(m_alice, d);
        if (!created)
            qWarning() << created.error().message;
        return created ? created->id : QString();
    };
    add("old, position 1", false, 1);
    add("old, position 0", false, 0);
    add("new, position 0", false, 0);
    add("pinned, position 5", true, 5);
    add("pinned, position 2", true, 2);
    QStringList names;
    const auto listed = m_queries->list(m_alice);
    QVERIFY(listed.ok());
    for (const SavedQuery &q : listed.value())
        names.append(q.name);
    QCOMPARE(names,
        (QStringList{"pinned, position 2", "pinned, position 5", "new, position 0", "old, position 0",
            "old, position 1"}));
}

void TstSavedQueries::updateReplacesAndKeeps()
{
    SavedQueryDraft d = draft(QStringLiteral("q"));
    d.groupBy = {QStringLiteral("region")};
    d.limit = 50;
    d.pinned = true;
    d.position = 4;
    d.bucketSize = QStringLiteral("hour");
    auto created = m_queries->create(m_alice, d);
    QVERIFY(created.ok());
    m_clock->advance(60 * kNs);
    SavedQueryDraft replacement = draft(QStringLiteral("renamed"));
    replacement.query = QJsonObject{{"combinator", "or"}};
    auto updated = m_queries->update(m_alice, created->id, replacement);
    QVERIFY(updated.ok());
    QCOMPARE(updated->name, QStringLiteral("renamed"));
    QCOMPARE(updated->query, (QJsonObject{{"combinator", "or"}}));
    QCOMPARE(updated->groupBy, QStringList()); // replaced
    QCOMPARE(updated->bucketSize, QStringLiteral("day"));
    QCOMPARE(updated->limit, 500); // omitted limit → 500
    QCOMPARE(updated->pinned, true); // omitted → unchanged
    QCOMPARE(updated->position, 4);
    QCOMPARE(updated->createdAtNs, kT0);
    QCOMPARE(updated->updatedAtNs, kT0 + 60 * kNs);
    QCOMPARE(m_queries->list(m_alice)->first().name, QStringLiteral("renamed"));
    QCOMPARE(m_queries->update(m_alice, created->id, draft(QString())).error().httpStatus(), 400);
}

void TstSavedQueries::otherUsersQueriesDoNotExist()
{
    auto created = m_queries->create(m_alice, draft(QStringLiteral("q")));
    QVERIFY(created.ok());
    QCOMPARE(m_queries->list(m_bob)->size(), 0);
    QCOMPARE(m_queries->update(m_bob, created->id, draft(QStringLiteral("x"))).error().httpStatus(), 404);
    QCOMPARE(m_queries->remove(m_bob, created->id).error().httpStatus(), 404);
    QCOMPARE(m_queries->list(m_alice)->first().name, QStringLiteral("q"));
    // Saved queries follow the user, not the workspace: the same user in another workspace sees them.
    QCOMPARE(
        m_queries->list(Principal::session(QStringLiteral("elsewhere"), QStringLiteral("alice")))->size(), 1);
    QVERIFY(m_queries->remove(m_alice, created->id).ok());
    QCOMPARE(m_queries->remove(m_alice, created->id).error().httpStatus(), 404);
}

void TstSavedQueries::onlySessions()
{
    Principal key;
    key.kind = Principal::Kind::ApiKey;
    key.workspaceId = QStringLiteral("ws-a");
    key.scopes = {QStringLiteral("*")};
    for (const Principal &p : {key, Principal::owner(QStringLiteral("default"))}) {
        QCOMPARE(m_queries->list(p).error().httpStatus(), 401);
        QCOMPARE(m_queries->create(p, draft(QStringLiteral("q"))).error().httpStatus(), 401);
        QCOMPARE(
            m_queries->update(p, QStringLiteral("id"), draft(QStringLiteral("q"))).error().httpStatus(), 401);
        QCOMPARE(m_queries->remove(p, QStringLiteral("id")).error().httpStatus(), 401);
    }
}

QTEST_GUILESS_MAIN(TstSavedQueries)
#include "tst_savedqueries.moc"
