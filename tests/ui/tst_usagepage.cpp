#include "Engine.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/usage/UsageBucketModel.h"
#include "ui/usage/UsagePage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ui::UsageBucketModel;
using osc::ui::UsagePage;

namespace {

constexpr int kTimeoutMs = 20'000;

// The data series on the chart (the dashed "in progress" line has no visible legend marker).
QList<QLineSeries *> dataSeries(QChart *chart)
{
    QList<QLineSeries *> result;
    for (QAbstractSeries *series : chart->series()) {
        const auto markers = chart->legend()->markers(series);
        if (!markers.isEmpty() && markers.first()->isVisible())
            result.append(static_cast<QLineSeries *>(series));
    }
    return result;
}

} // namespace

class TestUsagePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyState();
    void groupedUsage();
    void groupedByApiKey();
    void filterAndSubject();
};

void TestUsagePage::emptyState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    UsagePage page(*engine, workspace);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *placeholder = page.findChild<QLabel *>(QStringLiteral("usageEmptyState"));
    QVERIFY(placeholder);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(placeholder->isVisible(), kTimeoutMs);
    QCOMPARE(placeholder->text(), QStringLiteral("Create a meter or load demo data to see usage."));
    QVERIFY(page.errorText().isEmpty());
}

void TestUsagePage::groupedByApiKey()
{
    // Three keys write usage over the last week; the console writes some without a key.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::MeterDraft draft;
    draft.name = QStringLiteral("api_requests");
    draft.unit = QStringLiteral("request");
    draft.aggregation = QStringLiteral("sum");
    QVERIFY(engine->meters().create(engine->owner(), draft).ok());
    const QStringList names{
        QStringLiteral("billing-service"), QStringLiteral("search-api"), QStringLiteral("nightly-batch")};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int k = 0; k <= names.size(); ++k) {
        osc::Principal writer = engine->owner();
        if (k < names.size()) {
            osc::ApiKeyDraft key;
            key.name = names.at(k);
            key.scopes = {QStringLiteral("usage:write")};
            auto created = engine->apiKeys().create(engine->defaultWorkspaceId(), key);
            QVERIFY(created.ok());
            writer = osc::Principal{osc::Principal::Kind::ApiKey, engine->defaultWorkspaceId(),
                created->key.id, key.scopes, {}, {}};
        }
        QList<osc::UsageDraft> events;
        for (int i = 0; i < 7 * 24; ++i) {
            osc::UsageDraft event;
            event.subject = QStringLiteral("org_%1").arg(i % 5);
            event.meter = draft.name;
            event.quantity = 1 + (i * (k + 3)) % 11 + (k == 0 ? 8 : 0);
            event.timestamp
                = QDateTime::fromMSecsSinceEpoch(now - qint64(i) * 3'600'000 - 60'000, QTimeZone::utc())
                      .toString(Qt::ISODate);
            events.append(event);
        }
        auto stored = engine->ingestor().createBulk(writer, events, QString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->accepted.size(), events.size());
    }

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    UsagePage page(*engine, workspace);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *meterCombo = page.findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    auto *rangeCombo = page.findChild<QComboBox *>(QStringLiteral("usageRangeCombo"));
    auto *groupCombo = page.findChild<QComboBox *>(QStringLiteral("usageGroupCombo"));
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), 1, kTimeoutMs);
    QVERIFY(selectData(rangeCombo, int(osc::ui::UsageRangePreset::Last7Days)));
    QCOMPARE(
        groupCombo->itemText(groupCombo->findData(QStringLiteral("api_key"))), QStringLiteral("API key"));
    QVERIFY(selectData(groupCombo, QStringLiteral("api_key")));
    QChart *chart = page.chartView()->chart();
    // One line per key, named after it, and one for the usage written without a key.
    auto lineNames = [&] {
        QStringList out;
        for (QLineSeries *series : dataSeries(chart))
            out.append(series->name());
        out.sort();
        return out;
    };
    const QStringList expected{QStringLiteral("(no key)"), QStringLiteral("billing-service"),
        QStringLiteral("nightly-batch"), QStringLiteral("search-api")};
    QTRY_COMPARE_WITH_TIMEOUT(lineNames(), expected, kTimeoutMs);
    QVERIFY(page.errorText().isEmpty());
    saveScreenshot(page, QStringLiteral("usage-api-keys.png"));
}

void TestUsagePage::groupedUsage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::DemoDataOptions options;
    options.events = 20'000;
    options.days = 30;
    auto demo = osc::generateDemoData(*engine, options);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));

    // An unused meter the error case deletes behind the page's back (meters with events cannot be deleted).
    osc::MeterDraft draft;
    draft.name = QStringLiteral("scratch_meter");
    draft.unit = QStringLiteral("item");
    draft.aggregation = QStringLiteral("sum");
    auto created = engine->meters().create(engine->owner(), draft);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    const int meterCount = demo->metersCreated + 1;

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    UsagePage page(*engine, workspace);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto *meterCombo = page.findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    auto *rangeCombo = page.findChild<QComboBox *>(QStringLiteral("usageRangeCombo"));
    auto *bucketCombo = page.findChild<QComboBox *>(QStringLiteral("usageBucketCombo"));
    auto *groupCombo = page.findChild<QComboBox *>(QStringLiteral("usageGroupCombo"));
    QVERIFY(meterCombo && rangeCombo && bucketCombo && groupCombo);
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), meterCount, kTimeoutMs);

    QVERIFY(selectData(meterCombo, QStringLiteral("api_requests")));
    QVERIFY(selectData(rangeCombo, int(osc::ui::UsageRangePreset::Last24Hours)));
    QCOMPARE(bucketCombo->currentData().toString(), QStringLiteral("hour")); // the preset's default
    QVERIFY(selectData(rangeCombo, int(osc::ui::UsageRangePreset::Last30Days)));
    QCOMPARE(bucketCombo->currentData().toString(), QStringLiteral("day"));
    QVERIFY(groupCombo->findData(QStringLiteral("subject")) >= 0);
    QVERIFY(selectData(groupCombo, QStringLiteral("region")));

    // Wait for the grouped result: rows named after regions, not the ungrouped "All".
    UsageBucketModel *model = page.model();
    QChart *chart = page.chartView()->chart();
    auto groupedLoaded = [&] {
        if (page.isLoading() || model->rowCount() == 0)
            return false;
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, UsageBucketModel::GroupColumn).data().toString() == QLatin1String("All"))
                return false;
        const auto series = dataSeries(chart);
        return !series.isEmpty() && series.first()->count() > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(groupedLoaded(), kTimeoutMs);
    QCOMPARE(page.tableView()->model()->rowCount(), model->rowCount());
    const auto series = dataSeries(chart);
    QVERIFY(series.size() >= 2 && series.size() <= 9);
    QVERIFY(chart->legend()->isVisible());
    QVERIFY(page.errorText().isEmpty());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("usageTotals"))
                ->text()
                .startsWith(QStringLiteral("Total: ")));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("usageLastUpdated"))
                ->text()
                .startsWith(QStringLiteral("Last updated ")));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("usageInProgressNote"))->isVisible());

    // Clicking a legend marker hides its series and keeps the marker; clicking again shows it.
    QLegendMarker *marker = chart->legend()->markers(series.first()).first();
    Q_EMIT marker->clicked();
    QVERIFY(!series.first()->isVisible());
    QVERIFY(marker->isVisible());
    Q_EMIT marker->clicked();
    QVERIFY(series.first()->isVisible());

    saveScreenshot(page, QStringLiteral("usage.png"));

    // 50 demo subjects: the top 8 get their own line, the rest add up in "Other".
    QVERIFY(selectData(groupCombo, QStringLiteral("subject")));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && dataSeries(chart).size() == 9, kTimeoutMs);
    QCOMPARE(dataSeries(chart).last()->name(), QStringLiteral("Other"));
    saveScreenshot(page, QStringLiteral("usage-subjects.png"));

    // Ungrouped: filled buckets, one "All" series.
    QVERIFY(selectData(groupCombo, QString()));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && model->rowCount() > 0
            && model->index(0, UsageBucketModel::GroupColumn).data().toString() == QLatin1String("All"),
        kTimeoutMs);
    // The chart is redrawn after the model is filled; wait for it rather than racing it.
    QTRY_COMPARE_WITH_TIMEOUT(dataSeries(chart).size(), 1, kTimeoutMs);
    QVERIFY(model->rowCount() >= 30);

    // The meter disappears behind the page's back: the error says what failed, in words.
    QVERIFY(selectData(meterCombo, QStringLiteral("scratch_meter")));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && model->rowCount() > 0, kTimeoutMs); // filled zero buckets
    auto meter = engine->meters().findByName(engine->owner(), QStringLiteral("scratch_meter"));
    QVERIFY(meter.ok());
    QVERIFY(engine->meters().remove(engine->owner(), meter->id).ok());
    page.refreshUsage();
    QTRY_VERIFY_WITH_TIMEOUT(!page.errorText().isEmpty(), kTimeoutMs);
    QVERIFY2(page.errorText().contains(QStringLiteral("scratch_meter")), qPrintable(page.errorText()));
    QVERIFY(page.findChild<QWidget *>(QStringLiteral("usageError"))->isVisible());
    saveScreenshot(page, QStringLiteral("usage-error.png"));

    // A full refresh drops the deleted meter from the picker and recovers.
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), meterCount - 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(page.errorText().isEmpty(), kTimeoutMs);
}

void TestUsagePage::filterAndSubject()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::DemoDataOptions options;
    options.events = 5'000;
    options.days = 7;
    auto demo = osc::generateDemoData(*engine, options);
    QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().message));

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    UsagePage page(*engine, workspace);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *meterCombo = page.findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    auto *groupCombo = page.findChild<QComboBox *>(QStringLiteral("usageGroupCombo"));
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), demo->metersCreated, kTimeoutMs);
    QVERIFY(selectData(meterCombo, QStringLiteral("api_requests")));
    QVERIFY(selectData(groupCombo, QStringLiteral("region")));
    UsageBucketModel *model = page.model();
    auto groups = [model] {
        QSet<QString> names;
        for (int row = 0; row < model->rowCount(); ++row)
            names.insert(model->index(row, UsageBucketModel::GroupColumn).data().toString());
        return names;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && groups().size() >= 3, kTimeoutMs);

    // The Filter button shows the builder; its filter applies to the query.
    auto *filterButton = page.findChild<QPushButton *>(QStringLiteral("usageFilterButton"));
    QVERIFY(!page.filterBuilder()->isVisible());
    QTest::mouseClick(filterButton, Qt::LeftButton);
    QVERIFY(page.filterBuilder()->isVisible());
    QCOMPARE(page.filterBuilder()->setFilter(QJsonDocument::fromJson(
                 R"({"type":"condition","field":"metadata.region","op":"in",
                                                     "value":["eu-west","eu-central"]})")
                                                 .object()),
        QString());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading()
            && groups() == QSet<QString>({QStringLiteral("eu-west"), QStringLiteral("eu-central")}),
        kTimeoutMs);
    QCOMPARE(filterButton->text(), QStringLiteral("Filter (on)"));
    saveScreenshot(page, QStringLiteral("usage-filter.png"));

    // One subject: usage by subject shows only that subject.
    QVERIFY(selectData(groupCombo, QStringLiteral("subject")));
    page.setSubject(QStringLiteral("org_0001"));
    QCOMPARE(page.subject(), QStringLiteral("org_0001"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !page.isLoading() && groups() == QSet<QString>({QStringLiteral("org_0001")}), kTimeoutMs);
    QVERIFY(page.errorText().isEmpty());

    // Clearing both brings every subject back.
    page.filterBuilder()->clearFilter();
    page.setSubject(QString());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && groups().size() > 8, kTimeoutMs);
    QCOMPARE(filterButton->text(), QStringLiteral("Filter"));
}

QTEST_MAIN(TestUsagePage)
#include "tst_usagepage.moc"
