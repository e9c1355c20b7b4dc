#include "Engine.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "export/ExportWorkerPool.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/exports/ExportJobModel.h"
#include "ui/exports/ExportsPage.h"
#include "ui/exports/NewExportDialog.h"
#include "ui/exports/UsageReportDialog.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/usage/UsagePage.h"
#include "wire/ExportJson.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
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
    void usageReportDialog();
};

void TestExportsPage::usageReportDialog()
{
    // Usage by two keys last month; the dialog saves the API keys report as CSV (a completed job on
    // the page, with its record count) and the users report as JSON (a file only).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::MeterDraft meter;
    meter.name = QStringLiteral("api_requests");
    meter.unit = QStringLiteral("request");
    meter.aggregation = QStringLiteral("sum");
    QVERIFY(engine->meters().create(engine->owner(), meter).ok());
    const QDate firstOfMonth = QDate::currentDate().addDays(1 - QDate::currentDate().day());
    const QDateTime lastMonth(firstOfMonth.addMonths(-1).addDays(9), QTime(12, 0)); // local noon
    for (const char *name : {"billing-service", "search-api"}) {
        osc::ApiKeyDraft draft;
        draft.name = QString::fromLatin1(name);
        draft.scopes = {QStringLiteral("usage:write")};
        auto created = engine->apiKeys().create(engine->defaultWorkspaceId(), draft);
        QVERIFY(created.ok());
        const osc::Principal writer{
            osc::Principal::Kind::ApiKey, engine->defaultWorkspaceId(), created->key.id, {"*"}, {}, {}};
        QList<osc::UsageDraft> events;
        for (int i = 0; i < 3; ++i) {
            osc::UsageDraft event;
            event.subject = QStringLiteral("org_%1").arg(i);
            event.meter = meter.name;
            event.quantity = 2;
            event.timestamp = lastMonth.addSecs(i * 60).toUTC().toString(Qt::ISODate);
            events.append(event);
        }
        QVERIFY(engine->ingestor().createBulk(writer, events, QString()).ok());
    }

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    ExportsPage page(*engine, workspace);
    page.resize(1100, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(!page.model()->isLoading(), kTimeoutMs);
    page.findChild<QPushButton *>(QStringLiteral("usageReportButton"))->click();
    osc::ui::UsageReportDialog *dialog = page.usageReportDialog();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("reportTypeCombo"));
    auto *groupBy = dialog->findChild<QComboBox *>(QStringLiteral("reportGroupByCombo"));
    auto *format = dialog->findChild<QComboBox *>(QStringLiteral("reportFormatCombo"));
    QVERIFY(selectData(type, QStringLiteral("projects")));
    QCOMPARE(groupBy->count(), 1); // projects take no group_by
    QVERIFY(selectData(type, QStringLiteral("api-keys")));
    QCOMPARE(groupBy->itemData(1).toString(), QStringLiteral("model"));
    saveScreenshot(*dialog, QStringLiteral("usage-report-dialog.png"));

    QSignalSpy saved(dialog, &osc::ui::UsageReportDialog::saved);
    const QString csvPath = dir.filePath(QStringLiteral("keys.csv"));
    dialog->saveTo(csvPath);
    QTRY_VERIFY2_WITH_TIMEOUT(saved.count() == 1, qPrintable(dialog->statusText()), kTimeoutMs);
    const QString jobId = saved.first().at(0).toString();
    QCOMPARE(saved.first().at(1).toLongLong(), 2); // one row per key (one meter)
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    QVERIFY(bytes.startsWith("period_start,period_end,org_id,api_key_id,api_key_name,"));
    QVERIFY(bytes.contains(",billing-service,api_requests,request,sum,3,6\n"));
    QCOMPARE(dialog->statusText(), QStringLiteral("2 records saved to %1").arg(csvPath));
    // The CSV report is a completed job on the page, selected, with its record count.
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfJob(jobId) >= 0, kTimeoutMs);
    const int row = page.model()->rowOfJob(jobId);
    QCOMPARE(page.model()->index(row, ExportJobModel::RowsColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(page.model()->index(row, ExportJobModel::KindColumn).data().toString(),
        QStringLiteral("Usage report"));
    page.selectJob(jobId);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("exportDetail"))
                ->text()
                .startsWith(QStringLiteral("Usage report of “api-keys”, CSV: 2 rows")));

    QVERIFY(selectData(type, QStringLiteral("users")));
    QVERIFY(selectData(format, QStringLiteral("json")));
    const QString jsonPath = dir.filePath(QStringLiteral("users.json"));
    dialog->saveTo(jsonPath);
    QTRY_VERIFY2_WITH_TIMEOUT(saved.count() == 2, qPrintable(dialog->statusText()), kTimeoutMs);
    QVERIFY(saved.at(1).at(0).toString().isEmpty()); // JSON reports are files only
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject answer = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(answer.value("metadata").toObject().value("recordCount").toInt(), 3);
    saveScreenshot(page, QStringLiteral("exports-usage-report.png"));

    // A month without usage: the engine's 404, in words, and no file.
    dialog->findChild<QDateTimeEdit *>(QStringLiteral("reportFromEdit"))
        ->setDateTime(QDateTime(QDate(2001, 1, 1), QTime(0, 0)));
    dialog->findChild<QDateTimeEdit *>(QStringLiteral("reportToEdit"))
        ->setDateTime(QDateTime(QDate(2001, 1, 31), QTime(0, 0)));
    dialog->saveTo(dir.filePath(QStringLiteral("none.json")));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().startsWith(QStringLiteral("No report: ")), kTimeoutMs);
    QVERIFY(dialog->statusText().contains(QStringLiteral("No usage data found for the selected period")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.json"))));
}

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
