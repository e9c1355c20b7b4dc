#include "Engine.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "export/ExportWorker.h"
#include "ui/exports/ExportJobModel.h"
#include "wire/ExportJson.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace osc::testsupport;
using osc::ExportStatus;
using osc::ui::ExportJobModel;

namespace {

constexpr int kTimeoutMs = 20'000;

// A gate the worker thread waits at (inside ExportWorker's check hook) until the test opens it.
struct Gate
{
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    void wait()
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [this] { return open; });
    }
    void release()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        cv.notify_all();
    }
};

} // namespace

class TestExportJobModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lifecycleUpdatesRowsInPlace();
    void mergeInsertsAndRemoves();
    void ownerChoosesTheWorkspace();
};

void TestExportJobModel::lifecycleUpdatesRowsInPlace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::DemoDataOptions options;
    options.events = 3'000;
    options.days = 3;
    QVERIFY(osc::generateDemoData(*engine, options).ok());

    ExportJobModel model(*engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setPolling(true);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
    QCOMPARE(model.rowCount(), 0);

    // Queued.
    const QJsonObject body{{QStringLiteral("kind"), QStringLiteral("usage_events")},
        {QStringLiteral("format"), QStringLiteral("ndjson")},
        {QStringLiteral("query"), QJsonObject{{QStringLiteral("meter"), QStringLiteral("api_requests")}}}};
    auto draft = osc::wire::exportJobDraftFromJson(body);
    QVERIFY(draft);
    auto job = engine->exports().create(engine->owner(), draft.value());
    QVERIFY(job);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kTimeoutMs);
    const QPersistentModelIndex status = model.index(0, ExportJobModel::StatusColumn);
    QCOMPARE(status.data(ExportJobModel::JobIdRole).toString(), job->id);
    QCOMPARE(status.data().toString(), QStringLiteral("Queued"));
    QVERIFY(model.hasActiveJobs());

    // Running: the worker stops at its first check until the test lets it go on.
    Gate gate;
    osc::ExportWorker::Options workerOptions;
    workerOptions.rowsPerCheck = 1;
    workerOptions.checkIntervalMs = 0;
    std::atomic<bool> paused{false};
    workerOptions.onCheck = [&](const osc::ExportJob &, qint64) {
        if (!paused.exchange(true))
            gate.wait();
    };
    osc::ExportWorker worker(engine->exportServices(), workerOptions);
    std::thread thread([&worker] { (void)worker.runOnce(); });
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("Running"), kTimeoutMs);
    QVERIFY(changes.count() >= 1);
    QCOMPARE(model.rowCount(), 1);
    gate.release();
    thread.join();

    // Completed, with the row count and size of the file; still the same row.
    QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("Completed"), kTimeoutMs);
    QVERIFY(status.isValid());
    QCOMPARE(status.row(), 0);
    QCOMPARE(model.rowCount(), 1);
    const osc::ExportJob *done = model.jobAt(0);
    QVERIFY(done && done->recordCount && *done->recordCount > 0);
    QCOMPARE(model.index(0, ExportJobModel::ProgressColumn).data(ExportJobModel::ProgressRole).toInt(), 100);
    QVERIFY(model.index(0, ExportJobModel::SizeColumn).data().toString() != QStringLiteral("\u2014"));
    QVERIFY(!model.hasActiveJobs());
    QCOMPARE(resets.count(), 0);
}

void TestExportJobModel::mergeInsertsAndRemoves()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    ExportJobModel model(*engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto make = [](const QString &id, ExportStatus status) {
        osc::ExportJob job;
        job.id = id;
        job.status = status;
        return job;
    };
    model.setJobs(
        {make(QStringLiteral("b"), ExportStatus::Queued), make(QStringLiteral("a"), ExportStatus::Failed)});
    QCOMPARE(model.rowCount(), 2);
    const QPersistentModelIndex a = model.index(1, 0);
    model.setJobs({make(QStringLiteral("c"), ExportStatus::Queued),
        make(QStringLiteral("b"), ExportStatus::Running), make(QStringLiteral("a"), ExportStatus::Failed)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(a.row(), 2);
    QCOMPARE(model.index(1, ExportJobModel::StatusColumn).data().toString(), QStringLiteral("Running"));
    model.setJobs(
        {make(QStringLiteral("c"), ExportStatus::Queued), make(QStringLiteral("a"), ExportStatus::Queued)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(a.row(), 1);
    QCOMPARE(a.data(ExportJobModel::JobIdRole).toString(), QStringLiteral("a"));
    QCOMPARE(model.index(1, ExportJobModel::StatusColumn).data().toString(), QStringLiteral("Queued"));
}

void TestExportJobModel::ownerChoosesTheWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    engine->accounts().configure({osc::password::Cost::minimal(), {}});
    QVERIFY(engine->accounts()
                .registerUser(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"),
                    osc::AccountService::Door::Console)
                .ok());
    const osc::Principal ada
        = osc::Principal::owner(engine->findWorkspace(QStringLiteral("ada's workspace"))->id);
    osc::DemoDataOptions options;
    options.events = 50;
    options.days = 1;
    options.onlyMeter = QStringLiteral("api_requests");
    QVERIFY(osc::generateDemoData(*engine, options).ok());
    options.workspaceId = ada.workspaceId;
    QVERIFY(osc::generateDemoData(*engine, options).ok());
    const QJsonObject body{{QStringLiteral("kind"), QStringLiteral("usage_events")},
        {QStringLiteral("format"), QStringLiteral("csv")},
        {QStringLiteral("query"), QJsonObject{{QStringLiteral("meter"), QStringLiteral("api_requests")}}}};
    auto draft = osc::wire::exportJobDraftFromJson(body);
    QVERIFY(draft);
    auto defaultJob = engine->exports().create(engine->owner(), draft.value());
    auto adaJob = engine->exports().create(ada, draft.value());
    QVERIFY(defaultJob && adaJob);

    ExportJobModel model(*engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kTimeoutMs);
    QCOMPARE(model.jobAt(0)->id, defaultJob->id);

    model.setOwner(ada);
    // The previous workspace's jobs go at once (the new list may already be in).
    QVERIFY(model.rowOfJob(defaultJob->id) < 0);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kTimeoutMs);
    QCOMPARE(model.jobAt(0)->id, adaJob->id);
}

QTEST_MAIN(TestExportJobModel)
#include "tst_exportjobmodel.moc"
