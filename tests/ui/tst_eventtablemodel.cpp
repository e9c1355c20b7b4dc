#include "Engine.h"
#include "UiTestSupport.h"
#include "core/Rfc3339.h"
#include "ui/events/EventTableModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ui::EventTableModel;

namespace {

constexpr int kTimeoutMs = 20'000;
constexpr int kEvents = 250;
constexpr int kPageSize = 40;

// 250 events over only five timestamps, so every page boundary falls between equal timestamps and
// only the id tie-breaker keeps pages disjoint.
QSet<QString> seed(osc::Engine &engine)
{
    osc::MeterDraft meter;
    meter.name = QStringLiteral("requests");
    meter.unit = QStringLiteral("request");
    if (!engine.meters().create(engine.owner(), meter).ok())
        qFatal("cannot create meter");
    const osc::TimeNs base = osc::rfc3339::parse(QStringLiteral("2026-03-01T10:00:00Z")).value();
    QList<osc::UsageDraft> drafts;
    for (int i = 0; i < kEvents; ++i) {
        osc::UsageDraft draft;
        draft.subject = i % 2 ? QStringLiteral("org_odd") : QStringLiteral("org_even");
        draft.meter = QStringLiteral("requests");
        draft.quantity = i + 1; // quantities must be positive
        draft.timestamp = osc::rfc3339::formatSeconds(base + qint64(i % 5) * 60'000'000'000);
        draft.metadata = {{QStringLiteral("n"), i}};
        drafts.append(draft);
    }
    auto written = engine.ingestor().createBulk(engine.owner(), drafts, {});
    if (!written.ok())
        qFatal("cannot seed events: %s", qPrintable(written.error().message));
    if (written->accepted.size() != kEvents)
        qFatal("seeded %d events: %s", int(written->accepted.size()),
            written->failed.isEmpty() ? "" : qPrintable(written->failed.first().message));
    QSet<QString> ids;
    for (const osc::UsageEvent &event : written->accepted)
        ids.insert(event.id);
    return ids;
}

// Pulls every page the way a view does when scrolled to the bottom.
void fetchAll(EventTableModel &model)
{
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QVERIFY(model.rowCount() > before || model.isComplete());
    }
}

} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagesWithoutDuplicatesOrGaps();
    void onePageAtATime();
    void searchNarrows();
    void errorsAreReported();
    void newSearchDropsOldPages();
    void ownerChoosesTheWorkspace();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    QSet<QString> m_ids;
};

void TestEventTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_engine = openEngine(m_dir);
    m_ids = seed(*m_engine);
}

void TestEventTableModel::pagesWithoutDuplicatesOrGaps()
{
    EventTableModel model(*m_engine);
    // The tester asks for more rows whenever it can, like a view scrolled to the bottom.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &EventTableModel::pageLoaded);
    model.setPageSize(kPageSize);
    QVERIFY(!model.canFetchMore({})); // nothing before a search is set
    model.setSearch({});
    QTRY_VERIFY_WITH_TIMEOUT(model.isComplete() && !model.isLoading(), kTimeoutMs);
    QCOMPARE(pages.count(), (kEvents + kPageSize - 1) / kPageSize);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), kEvents);

    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        const osc::UsageEvent &event = model.eventAt(row);
        QVERIFY2(!seen.contains(event.id), qPrintable(event.id));
        seen.insert(event.id);
        QCOMPARE(model.index(row, EventTableModel::IdColumn).data().toString(), event.id);
        if (row > 0) // newest first, ties by id descending
            QVERIFY(std::pair(model.eventAt(row - 1).eventTimeNs, model.eventAt(row - 1).id)
                > std::pair(event.eventTimeNs, event.id));
    }
    QCOMPARE(seen, m_ids);
    QCOMPARE(model.errorText(), QString());
}

void TestEventTableModel::onePageAtATime()
{
    // No tester here: only explicit fetchMore() calls load pages.
    EventTableModel model(*m_engine);
    model.setPageSize(kPageSize);
    model.setSearch({});
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
    QCOMPARE(model.rowCount(), kPageSize);
    QVERIFY(!model.isComplete());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(model.isLoading());
    QVERIFY(!model.canFetchMore({})); // the next page waits for this one
    model.fetchMore({}); // ignored
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
    QCOMPARE(model.rowCount(), 2 * kPageSize);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kEvents);
    QCOMPARE(QSet<QString>(m_ids), [&] {
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.eventAt(row).id);
        return ids;
    }());
}

void TestEventTableModel::searchNarrows()
{
    EventTableModel model(*m_engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(kPageSize);
    osc::EventSearch search;
    search.subject = QStringLiteral("org_odd");
    search.filter
        = QJsonDocument::fromJson(R"({"type":"condition","field":"quantity","op":"lte","value":100})")
              .object();
    model.setSearch(search);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 50); // odd i up to 99, quantity i + 1
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(
            model.index(row, EventTableModel::SubjectColumn).data().toString(), QStringLiteral("org_odd"));
        QVERIFY(model.eventAt(row).quantity <= 100);
    }

    search = {};
    search.meter = QStringLiteral("no_such_meter"); // an unknown meter is an empty list, not an error
    model.setSearch(search);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isComplete());
    QCOMPARE(model.errorText(), QString());
}

void TestEventTableModel::errorsAreReported()
{
    EventTableModel model(*m_engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    osc::EventSearch search;
    search.filter
        = QJsonDocument::fromJson(R"({"type":"condition","field":"colour","op":"eq","value":1})").object();
    model.setSearch(search);
    QTRY_VERIFY_WITH_TIMEOUT(!model.errorText().isEmpty(), kTimeoutMs);
    QVERIFY2(model.errorText().contains(QStringLiteral("colour")), qPrintable(model.errorText()));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

void TestEventTableModel::newSearchDropsOldPages()
{
    EventTableModel model(*m_engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(kPageSize);
    model.setSearch({}); // superseded at once
    osc::EventSearch search;
    search.subject = QStringLiteral("org_even");
    model.setSearch(search);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kEvents / 2);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.eventAt(row).subject, QStringLiteral("org_even"));
}

void TestEventTableModel::ownerChoosesTheWorkspace()
{
    // A second workspace with events of its own (a meter of the same name included).
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    QVERIFY(m_engine->accounts()
                .registerUser(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"),
                    osc::AccountService::Door::Console)
                .ok());
    const QString other = m_engine->findWorkspace(QStringLiteral("ada's workspace"))->id;
    osc::MeterDraft meter;
    meter.name = QStringLiteral("requests");
    meter.unit = QStringLiteral("request");
    QVERIFY(m_engine->meters().create(osc::Principal::owner(other), meter).ok());
    osc::UsageDraft draft;
    draft.subject = QStringLiteral("ada_only");
    draft.meter = QStringLiteral("requests");
    draft.quantity = 1;
    draft.timestamp = QStringLiteral("2026-03-01T10:00:00Z");
    QVERIFY(m_engine->ingestor().createBulk(osc::Principal::owner(other), {draft, draft}, {})->accepted.size()
        == 2);

    EventTableModel model(*m_engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(kPageSize);
    QCOMPARE(model.owner().workspaceId, m_engine->defaultWorkspaceId());
    osc::EventSearch search;
    search.meter = QStringLiteral("requests");
    model.setSearch(search);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kEvents);

    // Switching starts over in the other workspace, with every meter of it.
    model.setOwner(osc::Principal::owner(other));
    // The previous workspace's rows go at once (the first page of the new one may already be in).
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.eventAt(row).subject, QStringLiteral("ada_only"));
    QCOMPARE(model.search().meter, QString());
    fetchAll(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.eventAt(0).subject, QStringLiteral("ada_only"));
    QVERIFY(!m_ids.contains(model.eventAt(0).id));

    model.setOwner(m_engine->owner());
    fetchAll(model);
    QCOMPARE(model.rowCount(), kEvents);
}

QTEST_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
