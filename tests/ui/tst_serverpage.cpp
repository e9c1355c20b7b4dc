#include "Engine.h"
#include "GrpcServer.h"
#include "HttpServer.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "ui/common/Sparkline.h"
#include "ui/server/GrpcPanel.h"
#include "ui/server/ServerPage.h"
#include "ui/server/TrafficSampler.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

constexpr int kTimeoutMs = 10'000;

} // namespace

// Requests/s and events/s sparklines: rates from the server's request counter and the store's event
// counter, sampled on demand here (the page samples every second) so the test does not depend on timing.
class TestServerPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void trafficSparklines();
    void grpcPanelFollowsTheServer();
};

void TestServerPage::trafficSparklines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), false});
    QVERIFY(opened.ok());
    osc::Engine &engine = *opened.value();
    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    options.port = 0;
    auto port = server.start(options);
    QVERIFY(port.ok());

    osc::ui::ServerPage page(server, engine);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    osc::ui::TrafficSampler *sampler = page.trafficSampler();
    QVERIFY(sampler->isActive());
    sampler->stop(); // manual samples from here on
    QSignalSpy sampled(sampler, &osc::ui::TrafficSampler::sampled);
    const qsizetype before = page.requestsSparkline()->samples().size();

    sampler->sample(); // baseline
    QTRY_VERIFY_WITH_TIMEOUT(sampler->hasBaseline(), kTimeoutMs);
    QElapsedTimer sinceBaseline;
    sinceBaseline.start();
    QNetworkAccessManager network;
    for (int i = 0; i < 3; ++i) {
        std::unique_ptr<QNetworkReply> reply(network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port.value())))));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kTimeoutMs);
    }
    osc::DemoDataOptions demo;
    demo.events = 200;
    demo.days = 1;
    demo.subjects = 3;
    QVERIFY(osc::generateDemoData(engine, demo).ok());
    QTRY_COMPARE_WITH_TIMEOUT(server.requestsServed(), 3, kTimeoutMs);
    QTRY_VERIFY(sinceBaseline.elapsed() >= 2); // a rate needs two distinct timestamps
    sampler->sample();
    QTRY_COMPARE_WITH_TIMEOUT(sampled.count(), 1, kTimeoutMs);
    const double requests = sampled.first().at(0).toDouble();
    const double events = sampled.first().at(1).toDouble();
    QVERIFY2(requests > 0.0, qPrintable(QString::number(requests)));
    QVERIFY2(events > 0.0, qPrintable(QString::number(events)));
    QCOMPARE(page.requestsSparkline()->samples().size(), before + 1);
    QCOMPARE(page.requestsSparkline()->samples().last(), requests);
    QCOMPARE(page.eventsSparkline()->samples().last(), events);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("requestsRateLabel"))->text() != QStringLiteral("0.0"));

    // No traffic: rates drop to zero, never below.
    QElapsedTimer sinceLast;
    sinceLast.start();
    QTRY_VERIFY(sinceLast.elapsed() >= 2);
    sampler->sample();
    QTRY_COMPARE_WITH_TIMEOUT(sampled.count(), 2, kTimeoutMs);
    QCOMPARE(sampled.last().at(1).toDouble(), 0.0);

    // The sparkline keeps the last 60 samples only.
    for (int i = 0; i < 70; ++i)
        page.requestsSparkline()->addSample(i);
    QCOMPARE(page.requestsSparkline()->samples().size(), 60);
    QCOMPARE(page.requestsSparkline()->samples().first(), 10.0);
    server.stop();
}

// The gRPC panel: address and state, per-method counters, and Stop/Start of the page taking gRPC along.
void TestServerPage::grpcPanelFollowsTheServer()
{
    using Method = osc::rpc::GrpcStats::Method;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), false});
    QVERIFY(opened.ok());
    osc::Engine &engine = *opened.value();
    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    options.port = 0;
    QVERIFY(server.start(options).ok());
    osc::rpc::GrpcServer grpc(engine);
    osc::rpc::GrpcServer::Options grpcOptions;
    grpcOptions.port = 0;
    QVERIFY(grpc.start(grpcOptions).ok());

    osc::ui::ServerPage page(server, engine);
    QVERIFY(!page.grpcPanel());
    page.setGrpcServer(&grpc, grpcOptions);
    osc::ui::GrpcPanel *panel = page.grpcPanel();
    QVERIFY(panel);
    QCOMPARE(panel->stateText(), QStringLiteral("\u25cf Listening on %1").arg(grpc.listenAddress()));

    // Counters as the handlers write them; rates need a second reading, so only totals are exact.
    grpc.stats().callStarted(Method::StreamUsage);
    grpc.stats().eventsReceived(Method::StreamUsage, 1000);
    grpc.stats().callStarted(Method::CreateUsage);
    panel->refresh();
    QCOMPARE(panel->cellText(Method::StreamUsage, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(1));
    QCOMPARE(
        panel->cellText(Method::StreamUsage, osc::ui::GrpcPanel::EventsColumn), QLocale().toString(1000));
    QCOMPARE(panel->cellText(Method::CreateUsage, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(1));
    QCOMPARE(panel->cellText(Method::IngestStream, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(0));
    page.resize(1100, 760);
    osc::testsupport::saveScreenshot(page, QStringLiteral("server-grpc.png"));

    page.stopServer();
    QVERIFY(!server.isListening());
    QVERIFY(!grpc.isListening());
    QCOMPARE(panel->stateText(), QStringLiteral("\u25cb Stopped"));
    page.startServer();
    QVERIFY(server.isListening());
    QVERIFY(grpc.isListening());
    QVERIFY(panel->stateText().startsWith(QStringLiteral("\u25cf Listening on 127.0.0.1:")));
    // gRPC `off`: the panel shows it stopped, and Start leaves it so.
    page.setGrpcServer(&grpc, std::nullopt);
    page.stopServer();
    page.startServer();
    QVERIFY(server.isListening());
    QVERIFY(!grpc.isListening());
    QCOMPARE(page.grpcPanel()->stateText(), QStringLiteral("\u25cb Stopped"));
    server.stop();
}

QTEST_MAIN(TestServerPage)
#include "tst_serverpage.moc"
