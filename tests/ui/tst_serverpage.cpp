#include "Engine.h"
#include "GrpcServer.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "store/sqlite/SqliteStore.h"
#include "ui/common/Sparkline.h"
#include "ui/server/GrpcPanel.h"
#include "ui/server/RequestLogModel.h"
#include "ui/server/ServerControl.h"
#include "ui/server/ServerPage.h"
#include "ui/server/TrafficSampler.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <thread>

namespace {

constexpr int kTimeoutMs = 10'000;

// A ServerControl driven by hand: the page must follow its signals and calls alone, with no server.
class FakeServerControl : public osc::ui::ServerControl
{
public:
    bool listening = false;
    QString address;
    qint64 served = 0;
    QList<osc::ui::ListenSettings> starts;
    int stops = 0;
    QString startError; // start() fails with this when set
    bool grpc = false;
    QList<osc::ui::GrpcMethodCounters> counters;

    bool isListening() const override { return listening; }
    QString listenAddress() const override { return listening ? address : QString(); }
    quint16 port() const override { return listening ? address.section(QLatin1Char(':'), -1).toUShort() : 0; }
    qint64 requestsServed() const override { return served; }
    osc::ui::ListenSettings listenSettings() const override { return {QHostAddress::LocalHost, 4242}; }
    osc::Result<quint16> start(const osc::ui::ListenSettings &settings) override
    {
        starts.append(settings);
        if (!startError.isEmpty())
            return osc::Error::request(QStringLiteral("unavailable"), startError);
        listening = true;
        address = QStringLiteral("%1:%2").arg(settings.address.toString()).arg(settings.port);
        Q_EMIT listeningChanged(true, address);
        return settings.port;
    }
    void stop() override
    {
        ++stops;
        listening = false;
        Q_EMIT listeningChanged(false, QString());
    }
    bool hasGrpc() const override { return grpc; }
    bool isGrpcListening() const override { return grpc && listening; }
    QString grpcListenAddress() const override
    {
        return isGrpcListening() ? QStringLiteral("127.0.0.1:4343") : QString();
    }
    QList<osc::ui::GrpcMethodCounters> grpcCounters() const override { return counters; }
};

// Emits from another thread, as the servers do.
template <typename F> void onOtherThread(F emitSignal)
{
    std::thread(emitSignal).join();
}

} // namespace

// Requests/s and events/s sparklines: rates from the server's request counter and the store's event
// counter, sampled on demand here (the page samples every second) so the test does not depend on timing.
class TestServerPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void trafficSparklines();
    void rollupLag();
    void grpcPanelFollowsTheServer();
    void followsAFakeServerControl();
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

    osc::app::ServerControlAdapter control(server);
    osc::ui::ServerPage page(control, engine);
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

// The rollups' lag: events stored but not folded into the rollups yet, then "up to date" once the
// maintainer has caught up (held here, so the waiting state is certain).
void TestServerPage::rollupLag()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::atomic<bool> hold{true};
    osc::SqliteStore::Options storeOptions;
    storeOptions.path = dir.filePath(QStringLiteral("t.db"));
    storeOptions.durability = osc::SqliteConnection::Durability::Normal;
    storeOptions.holdFolds = [&hold] { return hold.load(); };
    auto store = osc::SqliteStore::open(storeOptions, QString(osc::Engine::kDefaultWorkspaceId));
    QVERIFY(store.ok());
    osc::Engine engine(std::move(store.value()), std::make_unique<osc::SystemClock>());
    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    options.port = 0;
    QVERIFY(server.start(options).ok());
    osc::app::ServerControlAdapter control(server);
    osc::ui::ServerPage page(control, engine);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    osc::ui::TrafficSampler *sampler = page.trafficSampler();
    sampler->stop(); // manual samples from here on
    auto *label = page.findChild<QLabel *>(QStringLiteral("rollupLagLabel"));
    QVERIFY(label);

    osc::DemoDataOptions demo;
    demo.events = 120;
    demo.days = 2;
    demo.subjects = 3;
    QVERIFY(osc::generateDemoData(engine, demo).ok());
    QSignalSpy lagged(sampler, &osc::ui::TrafficSampler::rollupLagSampled);
    sampler->sample();
    QTRY_COMPARE_WITH_TIMEOUT(lagged.count(), 1, kTimeoutMs);
    const qint64 waiting = lagged.first().at(0).toLongLong();
    QVERIFY2(waiting >= 120, qPrintable(QString::number(waiting)));
    QVERIFY2(label->text().startsWith(QLocale().toString(waiting) + QStringLiteral(" events waiting")),
        qPrintable(label->text()));

    hold = false;
    QVERIFY(osc::generateDemoData(engine, demo).ok()); // a commit wakes the maintainer
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            sampler->sample();
            QTest::qWait(20);
            return label->text() == QStringLiteral("up to date");
        }(),
        kTimeoutMs);
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

    osc::app::ServerControlAdapter control(server);
    osc::ui::ServerPage page(control, engine);
    QVERIFY(!page.grpcPanel());
    control.setGrpcServer(&grpc, grpcOptions);
    osc::ui::GrpcPanel *panel = page.grpcPanel();
    QVERIFY(panel);
    QCOMPARE(panel->stateText(), QStringLiteral("\u25cf Listening on %1").arg(grpc.listenAddress()));

    // Counters as the handlers write them; rates need a second reading, so only totals are exact.
    grpc.stats().callStarted(Method::StreamUsage);
    grpc.stats().eventsReceived(Method::StreamUsage, 1000);
    grpc.stats().callStarted(Method::CreateUsage);
    panel->refresh();
    const auto cell = [panel](Method method, osc::ui::GrpcPanel::Column column) {
        return panel->cellText(osc::rpc::GrpcStats::methodName(method), column);
    };
    QCOMPARE(cell(Method::StreamUsage, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(1));
    QCOMPARE(cell(Method::StreamUsage, osc::ui::GrpcPanel::EventsColumn), QLocale().toString(1000));
    QCOMPARE(cell(Method::CreateUsage, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(1));
    QCOMPARE(cell(Method::IngestStream, osc::ui::GrpcPanel::CallsColumn), QLocale().toString(0));
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
    control.setGrpcServer(&grpc, std::nullopt);
    page.stopServer();
    page.startServer();
    QVERIFY(server.isListening());
    QVERIFY(!grpc.isListening());
    QCOMPARE(page.grpcPanel()->stateText(), QStringLiteral("\u25cb Stopped"));
    server.stop();
}

// The page knows the server only through ServerControl: its signals (from any thread) move the state
// line and the request log, and Start/Stop/gRPC go through its calls.
void TestServerPage::followsAFakeServerControl()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = osc::testsupport::openEngine(dir);
    FakeServerControl control;
    osc::ui::ServerPage page(control, *engine);
    QAbstractItemModelTester tester(
        page.requestLog(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *state = page.findChild<QLabel *>(QStringLiteral("serverStateLabel"));
    auto *start = page.findChild<QPushButton *>(QStringLiteral("startServerButton"));
    auto *stop = page.findChild<QPushButton *>(QStringLiteral("stopServerButton"));
    auto *served = page.findChild<QLabel *>(QStringLiteral("requestsServedLabel"));
    QVERIFY(state && start && stop && served);
    QCOMPARE(state->text(), QStringLiteral("\u25cb Stopped"));
    QCOMPARE(page.findChild<QSpinBox *>(QStringLiteral("serverPort"))->value(), 4242); // listenSettings()
    QVERIFY(!page.grpcPanel());

    // Started elsewhere: listening → "Listening on …", buttons and curl line follow.
    control.listening = true;
    control.address = QStringLiteral("127.0.0.1:4242");
    onOtherThread([&control] { Q_EMIT control.listeningChanged(true, QStringLiteral("127.0.0.1:4242")); });
    QTRY_COMPARE_WITH_TIMEOUT(
        state->text(), QStringLiteral("\u25cf Listening on 127.0.0.1:4242"), kTimeoutMs);
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());
    QVERIFY(page.curlCommand().contains(QStringLiteral("http://127.0.0.1:4242/health")));

    // A request served → a row in the log (newest first) and the counter.
    control.served = 2;
    onOtherThread([&control] {
        Q_EMIT control.requestServed(
            {1'700'000'000'000, QByteArrayLiteral("GET"), QStringLiteral("/health"), 204, 80});
        Q_EMIT control.requestServed(
            {1'700'000'000'001, QByteArrayLiteral("POST"), QStringLiteral("/api/v1/events"), 201, 1500});
    });
    QTRY_COMPARE_WITH_TIMEOUT(page.requestLog()->rowCount(), 2, kTimeoutMs);
    QCOMPARE(page.requestLog()->entryAt(0).path, QStringLiteral("/api/v1/events"));
    QCOMPARE(page.requestLog()->entryAt(0).status, 201);
    QCOMPARE(page.requestLog()->entryAt(1).method, QByteArrayLiteral("GET"));
    QCOMPARE(served->text(), QLocale().toString(2));

    // Stop and Start call the control, with the address as edited on the page.
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(control.stops, 1);
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("\u25cb Stopped"), kTimeoutMs);
    page.findChild<QLineEdit *>(QStringLiteral("serverHost"))->setText(QStringLiteral("::1"));
    page.findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(5555);
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(control.starts.size(), 1);
    QCOMPARE(control.starts.last().address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(control.starts.last().port, 5555);
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("\u25cf Listening on ::1:5555"), kTimeoutMs);
    QVERIFY(page.errorText().isEmpty());

    // A failed start shows the control's error and leaves the page stopped.
    QTest::mouseClick(stop, Qt::LeftButton);
    control.startError = QStringLiteral("address in use");
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(page.errorText(), QStringLiteral("Could not start the server: address in use"));
    QCOMPARE(state->text(), QStringLiteral("\u25cb Stopped"));
    QVERIFY(start->isEnabled());

    // gRPC attached later: the panel appears with the control's methods and counters.
    control.grpc = true;
    control.counters = {{QStringLiteral("CreateUsage"), 3, 7}, {QStringLiteral("StreamUsage"), 1, 1000}};
    Q_EMIT control.grpcChanged();
    osc::ui::GrpcPanel *panel = page.grpcPanel();
    QVERIFY(panel);
    QCOMPARE(panel->stateText(), QStringLiteral("\u25cb Stopped"));
    QCOMPARE(panel->cellText(QStringLiteral("CreateUsage"), osc::ui::GrpcPanel::CallsColumn),
        QLocale().toString(3));
    QCOMPARE(panel->cellText(QStringLiteral("StreamUsage"), osc::ui::GrpcPanel::EventsColumn),
        QLocale().toString(1000));
    QCOMPARE(panel->cellText(QStringLiteral("IngestStream"), osc::ui::GrpcPanel::CallsColumn), QString());
}

QTEST_MAIN(TestServerPage)
#include "tst_serverpage.moc"
