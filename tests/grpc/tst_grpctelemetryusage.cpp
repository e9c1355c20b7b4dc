// End to end from the example client to the window: examples/grpc-telemetry streams device readings
// over the acknowledged IngestStream into a real server, and the Usage page then charts them, with the
// total the engine's own bucket query gives for the same range.

#include "ApiTestServer.h"
#include "Engine.h"
#include "GrpcServer.h"
#include "UiTestSupport.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/usage/UsageBucketModel.h"
#include "ui/usage/UsagePage.h"

#include <QComboBox>
#include <QDateTime>
#include <QProcess>
#include <QtTest>

using namespace osc::test;
using namespace osc::testsupport;

namespace {
constexpr int kTimeoutMs = 30'000;
constexpr int kEvents = 3000;
} // namespace

class TestGrpcTelemetryUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exampleClientReadingsShowOnTheUsagePage();
};

void TestGrpcTelemetryUsage::exampleClientReadingsShowOnTheUsagePage()
{
    ApiTestServer api;
    QVERIFY(api.ok());
    osc::Engine &engine = api.engine();
    osc::rpc::GrpcServer grpc(engine);
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    auto port = grpc.start(options);
    QVERIFY2(port, port ? "" : qPrintable(port.error().message));

    osc::MeterDraft draft;
    draft.name = QStringLiteral("device_readings");
    draft.unit = QStringLiteral("kilobyte");
    draft.aggregation = QStringLiteral("sum");
    QVERIFY(engine.meters().create(engine.owner(), draft).ok());

    QProcess client;
    client.start(QStringLiteral(OSC_GRPC_TELEMETRY_BINARY),
        {QStringLiteral("--addr"), QStringLiteral("127.0.0.1:%1").arg(port.value()), QStringLiteral("--key"),
            QString::fromLatin1(ApiTestServer::kAdminKey), QStringLiteral("--events"),
            QString::number(kEvents), QStringLiteral("--devices"), QStringLiteral("6"),
            QStringLiteral("--batch"), QStringLiteral("250")});
    QVERIFY(client.waitForFinished(kTimeoutMs));
    const QByteArray output = client.readAllStandardOutput() + client.readAllStandardError();
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0, output.constData());
    QVERIFY2(output.contains(QByteArray::number(kEvents) + " accepted"), output.constData());
    auto stored = engine.store().countMeterEvents(engine.defaultWorkspaceId(), draft.name);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value(), qint64(kEvents));

    osc::ui::WorkspaceContext workspace(engine.defaultWorkspaceId());
    osc::ui::UsagePage page(engine, workspace);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *meterCombo = page.findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    auto *rangeCombo = page.findChild<QComboBox *>(QStringLiteral("usageRangeCombo"));
    QVERIFY(meterCombo && rangeCombo);
    QTRY_VERIFY_WITH_TIMEOUT(meterCombo->findData(draft.name) >= 0, kTimeoutMs);
    QVERIFY(selectData(meterCombo, draft.name));
    QVERIFY(selectData(rangeCombo, int(osc::ui::UsageRangePreset::Last24Hours)));

    osc::ui::UsageBucketModel *model = page.model();
    auto pageTotal = [&] {
        double total = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            total += model->index(row, osc::ui::UsageBucketModel::QuantityColumn)
                         .data(osc::ui::UsageBucketModel::RawValueRole)
                         .toDouble();
        return total;
    };
    // The same readings through the engine's bucket query over the last day.
    osc::query::BucketQuery query;
    query.meter = draft.name;
    query.toNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000 + 3'600'000'000'000;
    query.fromNs = query.toNs - 26 * 3'600'000'000'000;
    query.bucketSize = QStringLiteral("day");
    auto buckets = engine.queries().buckets(engine.owner(), query);
    QVERIFY(buckets.ok());
    double expected = 0;
    for (const auto &row : buckets->rows)
        expected += row.quantity;
    QVERIFY(expected > kEvents); // every reading is at least 1 kilobyte
    QTRY_VERIFY_WITH_TIMEOUT(
        !page.isLoading() && model->rowCount() > 0 && qFuzzyCompare(pageTotal(), expected), kTimeoutMs);
    QVERIFY(page.errorText().isEmpty());
    saveScreenshot(page, QStringLiteral("usage-grpc-telemetry.png"));
}

QTEST_MAIN(TestGrpcTelemetryUsage)
#include "tst_grpctelemetryusage.moc"
