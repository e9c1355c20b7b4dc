#include "Engine.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "export/ExportWorkerPool.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/exports/ExportJobModel.h"
#include "ui/exports/ExportsPage.h"
#include "ui/exports/NewExportDialog.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/usage/UsagePage.h"
#include "wire/ExportJson.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ExportStatus;
using osc::ui::ExportJobModel;
using osc::ui::ExportsPage;
using osc::ui::NewExportDialog;
using osc::ui::UsagePage;

namespace {

constexpr int kTimeoutMs = 30'000;

ExportStatus statusOf(ExportJobModel *model, const QString &id)
{
    const osc::ExportJob *job = model->jobAt(model->rowOfJob(id));
    return job ? job->status : ExportStatus::Queued;
}

} // namespace

class TestExportsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyState();
    void exportFromUsageSaveCancelRetry();
};

void TestExportsPage::emptyState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    ExportsPage page(*engine, workspace);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(!page.model()->isLoading(), kTimeoutMs);
    auto *placeholder = page.findChild<QLabel *>(QStringLiteral("exportsEmptyState"));
    QVERIFY(placeholder && placeholder->isVisible());
    QVERIFY(placeholder->text().contains(QStringLiteral("New export…")));
    for (const char *name : {"cancelExportButton", "retryExportButton", "saveExportButton"})
        QVERIFY(!page.findChild<QPushButton *>(QLatin1StringView(name))->isEnabled());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("newExportButton"))->isEnabled());
}

void TestExportsPage::exportFromUsageSaveCancelRetry()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::ExportJobs::Settings settings;
    settings.storageDir = dir.filePath(QStringLiteral("exports"));
    engine->exports().configure(settings);
    osc::DemoDataOptions options;
    options.events = 5'000;
    options.days = 7;
    auto demo = osc::generateDemoData(*engine, options);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));
    auto pool = std::make_unique<osc::ExportWorkerPool>(engine->exportServices(), 1, 200);
    pool->start();

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    UsagePage usage(*engine, workspace);
    ExportsPage page(*engine, workspace);
    // As MainWindow wires them.
    connect(&usage, &UsagePage::exportRequested, &page,
        [&page](const osc::ui::ExportPreset &preset) { page.openNewExportDialog(preset); });
    usage.resize(1280, 800);
    usage.show();
    QVERIFY(QTest::qWaitForWindowExposed(&usage));
    auto *meterCombo = usage.findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    auto *groupCombo = usage.findChild<QComboBox *>(QStringLiteral("usageGroupCombo"));
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), demo->metersCreated, kTimeoutMs);
    QVERIFY(selectData(meterCombo, QStringLiteral("api_requests")));
    QVERIFY(selectData(groupCombo, QStringLiteral("region")));
    const QJsonObject serverErrors = QJsonDocument::fromJson(
        R"({"type":"condition","field":"metadata.status_code","op":"gte","value":500})")
                                         .object();
    QCOMPARE(usage.filterBuilder()->setFilter(serverErrors), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!usage.isLoading(), kTimeoutMs);

    // Export… opens the dialog with the view of the page.
    auto *exportButton = usage.findChild<QPushButton *>(QStringLiteral("usageExportButton"));
    QVERIFY(exportButton && exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QPointer<NewExportDialog> dialog = page.newExportDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->metersLoaded(), kTimeoutMs);
    QCOMPARE(dialog->meterCombo()->currentData().toString(), QStringLiteral("api_requests"));
    QCOMPARE(dialog->groupCombo()->currentData().toString(), QStringLiteral("region"));
    QCOMPARE(dialog->bucketCombo()->currentData().toString(), QStringLiteral("day"));
    QCOMPARE(dialog->limitSpin()->value(), NewExportDialog::kDefaultLimit);
    QCOMPARE(dialog->filterBuilder()->filter().toObject().value(QStringLiteral("op")).toString(),
        QStringLiteral("gte"));
    QVERIFY(dialog->fromEdit()->dateTime() < dialog->toEdit()->dateTime());
    // Raw events rather than buckets, as CSV.
    QVERIFY(selectData(dialog->kindCombo(), QStringLiteral("usage_events")));
    QVERIFY(!dialog->groupCombo()->isEnabled());
    QVERIFY(selectData(dialog->formatCombo(), QStringLiteral("csv")));
    dialog->resize(760, 660);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    saveScreenshot(*dialog, QStringLiteral("new-export.png"));
    const QJsonObject query = dialog->queryJson();
    QCOMPARE(query.value(QStringLiteral("limit")).toInt(), NewExportDialog::kDefaultLimit);
    QCOMPARE(query.value(QStringLiteral("filter")).toObject(), serverErrors);

    QSignalSpy queued(&page, &ExportsPage::exportQueued);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, kTimeoutMs); // closed and deleted
    QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, kTimeoutMs);
    const QString eventsJob = queued.at(0).at(0).toString();

    page.resize(1180, 440);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ExportJobModel *model = page.model();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, eventsJob), ExportStatus::Completed, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(page.selectedJobId(), eventsJob, kTimeoutMs);
    auto *cancelButton = page.findChild<QPushButton *>(QStringLiteral("cancelExportButton"));
    auto *retryButton = page.findChild<QPushButton *>(QStringLiteral("retryExportButton"));
    auto *saveButton = page.findChild<QPushButton *>(QStringLiteral("saveExportButton"));
    QVERIFY(saveButton->isEnabled());
    QVERIFY(!cancelButton->isEnabled());
    QVERIFY(!retryButton->isEnabled());

    // Only server errors were exported: every data line has a 5xx status.
    auto download = engine->exports().download(engine->owner(), eventsJob);
    QVERIFY(download);
    QFile artifact(download->path);
    QVERIFY(artifact.open(QIODevice::ReadOnly));
    const QByteArray artifactBytes = artifact.readAll();
    const QList<QByteArray> lines = artifactBytes.trimmed().split('\n');
    QVERIFY(lines.size() > 1);
    QCOMPARE(qint64(lines.size() - 1), *model->jobAt(model->rowOfJob(eventsJob))->recordCount);
    for (qsizetype i = 1; i < lines.size(); ++i)
        QVERIFY2(lines.at(i).contains("500") || lines.at(i).contains("503"), lines.at(i).constData());

    // Save as… copies the file where the (injected) chooser says.
    const QString target = dir.filePath(QStringLiteral("saved/server-errors.csv"));
    QDir().mkpath(QFileInfo(target).absolutePath());
    QString suggested;
    page.setSaveFileChooser([&](QWidget *, const QString &name) {
        suggested = name;
        return target;
    });
    QSignalSpy saved(&page, &ExportsPage::saveFinished);
    QTest::mouseClick(saveButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kTimeoutMs);
    QCOMPARE(saved.at(0).at(0).toBool(), true);
    QCOMPARE(suggested, download->fileName);
    QFile copy(target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), artifactBytes);
    QVERIFY(page.errorText().isEmpty());

    // A job the worker fails (its meter does not exist) explains why in words.
    auto failingDraft = osc::wire::exportJobDraftFromJson(QJsonDocument::fromJson(R"({"format":"json",
        "query":{"meter":"no_such_meter","from":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z","bucket_size":"day"}})")
                                                              .object());
    QVERIFY(failingDraft);
    auto failing = engine->exports().create(engine->owner(), failingDraft.value());
    QVERIFY(failing);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, failing->id), ExportStatus::Failed, kTimeoutMs);
    page.selectJob(failing->id);
    QVERIFY(retryButton->isEnabled());
    QVERIFY(!cancelButton->isEnabled());
    QVERIFY(!saveButton->isEnabled());
    auto *detail = page.findChild<QLabel *>(QStringLiteral("exportDetail"));
    QVERIFY2(detail->text().contains(QStringLiteral("failed")), qPrintable(detail->text()));

    // Without workers a new job stays queued: Cancel, then Retry.
    pool.reset();
    page.openNewExportDialog();
    dialog = page.newExportDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->metersLoaded(), kTimeoutMs);
    QVERIFY(selectData(dialog->formatCombo(), QStringLiteral("ndjson")));
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 2, kTimeoutMs);
    const QString queuedJob = queued.at(1).at(0).toString();
    QTRY_COMPARE_WITH_TIMEOUT(page.selectedJobId(), queuedJob, kTimeoutMs);
    QCOMPARE(statusOf(model, queuedJob), ExportStatus::Queued);
    QTRY_VERIFY_WITH_TIMEOUT(cancelButton->isEnabled(), kTimeoutMs);
    QVERIFY(!retryButton->isEnabled());
    QVERIFY(!saveButton->isEnabled());
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, queuedJob), ExportStatus::Canceled, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(retryButton->isEnabled(), kTimeoutMs);
    QVERIFY(!cancelButton->isEnabled());
    QTest::mouseClick(retryButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, queuedJob), ExportStatus::Queued, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(cancelButton->isEnabled(), kTimeoutMs);
    QVERIFY(page.errorText().isEmpty());

    // The picture: the completed export selected among a failed and a queued one.
    page.selectJob(eventsJob);
    saveScreenshot(page, QStringLiteral("exports.png"));
}

QTEST_MAIN(TestExportsPage)
#include "tst_exportspage.moc"
