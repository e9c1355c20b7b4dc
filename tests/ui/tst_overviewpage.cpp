// The Overview page, through its real widgets offscreen: its tiles show what the engine answers for
// seeded events (today, this month, the busiest meters and subjects), ingestion errors counted from
// the request log by status, the server's state from the ServerControl; a click on a tile or a row
// opens the page behind it in the window; no meters gives the empty state.

#include "Engine.h"
#include "UiTestSupport.h"
#include "core/Rfc3339.h"
#include "ui/MainWindow.h"
#include "ui/common/Language.h"
#include "ui/common/Theme.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/overview/OverviewPage.h"
#include "ui/overview/OverviewTile.h"
#include "ui/server/ServerControl.h"
#include "ui/usage/UsagePage.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using osc::ui::MainWindow;
using osc::ui::OverviewPage;
using osc::ui::OverviewTile;

namespace {

constexpr int kTimeoutMs = 10'000;
const osc::TimeNs kNow = *osc::rfc3339::parse(QStringLiteral("2026-03-18T15:00:00Z"));
constexpr qint64 kHour = 3'600'000'000'000LL;

class FakeServerControl : public osc::ui::ServerControl
{
public:
    bool listening = true;
    bool isListening() const override { return listening; }
    QString listenAddress() const override
    {
        return listening ? QStringLiteral("127.0.0.1:18081") : QString();
    }
    quint16 port() const override { return listening ? 18081 : 0; }
    qint64 requestsServed() const override { return 0; }
    osc::ui::ListenSettings listenSettings() const override { return {}; }
    osc::Result<quint16> start(const osc::ui::ListenSettings &) override
    {
        listening = true;
        Q_EMIT listeningChanged(true, listenAddress());
        return quint16(18081);
    }
    void stop() override
    {
        listening = false;
        Q_EMIT listeningChanged(false, QString());
    }
    bool hasGrpc() const override { return false; }
    bool isGrpcListening() const override { return false; }
    QString grpcListenAddress() const override { return {}; }
    QList<osc::ui::GrpcMethodCounters> grpcCounters() const override { return {}; }
    void serve(const char *method, const char *path, int status)
    {
        Q_EMIT requestServed(
            {QDateTime::currentMSecsSinceEpoch(), method, QString::fromLatin1(path), status, 100});
    }
};

std::unique_ptr<osc::Engine> openEngine(const QTemporaryDir &dir)
{
    auto engine = osc::Engine::open(
        {dir.filePath(QStringLiteral("o.db")), false}, std::make_unique<osc::ManualClock>(kNow.toInt64()));
    return engine ? std::move(engine.value()) : nullptr;
}

void createMeter(osc::Engine &engine, const QString &name)
{
    osc::MeterDraft draft;
    draft.name = name;
    draft.unit = QStringLiteral("calls");
    draft.aggregation = QStringLiteral("count");
    QVERIFY(engine.meters().create(engine.owner(), draft));
}

// `count` events of `meter` for `subject`, `hoursAgo` before now.
void ingest(osc::Engine &engine, const QString &meter, const QString &subject, int count, qint64 hoursAgo)
{
    static int serial = 0;
    QList<osc::UsageDraft> batch;
    for (int i = 0; i < count; ++i) {
        osc::UsageDraft draft;
        draft.meter = meter;
        draft.subject = subject;
        draft.quantity = 1;
        draft.idempotencyKey = QStringLiteral("ov%1").arg(serial++);
        draft.timestamp = osc::rfc3339::formatNanos(kNow - hoursAgo * kHour - i);
        batch.append(draft);
    }
    auto result = engine.ingestor().createBulk(engine.owner(), batch, QString());
    QVERIFY(result && result->accepted.size() == count);
}

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tilesShowTheEnginesAnswers()
    {
        QTemporaryDir dir;
        auto engine = openEngine(dir);
        QVERIFY(engine);
        createMeter(*engine, QStringLiteral("api_calls"));
        createMeter(*engine, QStringLiteral("tokens"));
        ingest(*engine, QStringLiteral("api_calls"), QStringLiteral("acme"), 30, 1); // today
        ingest(*engine, QStringLiteral("api_calls"), QStringLiteral("globex"), 12, 2); // today
        ingest(*engine, QStringLiteral("tokens"), QStringLiteral("acme"), 5, 24); // yesterday, same hour
        ingest(*engine, QStringLiteral("tokens"), QStringLiteral("initech"), 7, 24 * 5); // this month
        ingest(*engine, QStringLiteral("api_calls"), QStringLiteral("acme"), 9, 24 * 30); // last month

        FakeServerControl server;
        osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
        OverviewPage page(*engine, workspace, server);
        page.setTimeZone(QTimeZone::utc());
        page.resize(1280, 800);
        QSignalSpy refreshed(&page, &OverviewPage::refreshed);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && page.snapshot(), kTimeoutMs);

        auto expected = engine->overview().snapshot(engine->owner(), kNow, QTimeZone::utc());
        QVERIFY(expected);
        const QLocale locale;
        QCOMPARE(expected->eventsToday, 42);
        QCOMPARE(expected->eventsYesterdaySoFar, 5);
        QCOMPARE(expected->eventsThisMonth, 54);
        QCOMPARE(page.todayTile()->value(), locale.toString(qint64(42)));
        QVERIFY2(page.todayTile()->detail().contains(QStringLiteral("740")),
            qPrintable(page.todayTile()->detail()));
        QCOMPARE(page.monthTile()->value(), locale.toString(qint64(54)));
        QCOMPARE(page.metersTile()->rowLabels(),
            (QStringList{QStringLiteral("api_calls"), QStringLiteral("tokens")}));
        QCOMPARE(page.subjectsTile()->rowLabels(),
            (QStringList{QStringLiteral("acme"), QStringLiteral("globex"), QStringLiteral("initech")}));
        QCOMPARE(page.serverTile()->value(), QStringLiteral("Serving"));
        QCOMPARE(page.serverTile()->detail(), QStringLiteral("127.0.0.1:18081"));
        QCOMPARE(page.errorsTile()->value(), QStringLiteral("0"));
        QVERIFY(!page.findChild<QWidget *>(QStringLiteral("overviewEmptyState"))->isVisible());
        osc::testsupport::saveScreenshot(page, QStringLiteral("overview-1280x800.png"));

        // Ingestion errors of the last hour, by status code; other routes and successes are not counted.
        server.serve("POST", "/v1/usages", 400);
        server.serve("POST", "/v1/usages/bulk", 400);
        server.serve("POST", "/v1/usages", 401);
        server.serve("POST", "/v1/usages", 201);
        server.serve("GET", "/v1/usages", 400);
        QCOMPARE(page.errorsTile()->value(), QStringLiteral("3"));
        QCOMPARE(page.errorsTile()->rowLabels(), (QStringList{QStringLiteral("400"), QStringLiteral("401")}));

        // Live: new usage shows at the next refresh without reopening the page.
        ingest(*engine, QStringLiteral("tokens"), QStringLiteral("hooli"), 3, 0);
        const int before = refreshed.count();
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > before, kTimeoutMs);
        QCOMPARE(page.todayTile()->value(), locale.toString(qint64(45)));

        server.stop();
        QCOMPARE(page.serverTile()->value(), QStringLiteral("Stopped"));

        // Tiles and rows ask for the page behind them.
        QSignalSpy usage(&page, &OverviewPage::usageRequested);
        QSignalSpy serverPage(&page, &OverviewPage::serverRequested);
        auto rows = page.metersTile()->findChildren<QPushButton *>(QStringLiteral("tileRow"));
        QVERIFY(!rows.isEmpty());
        QTest::mouseClick(rows.first(), Qt::LeftButton);
        QCOMPARE(usage.count(), 1);
        QCOMPARE(usage.first().at(0).toString(), QStringLiteral("api_calls"));
        QTest::mouseClick(page.errorsTile(), Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(serverPage.count(), 1);
    }

    void emptyWithoutMeters()
    {
        QTemporaryDir dir;
        auto engine = openEngine(dir);
        QVERIFY(engine);
        FakeServerControl server;
        osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
        OverviewPage page(*engine, workspace, server);
        QSignalSpy meters(&page, &OverviewPage::metersRequested);
        QSignalSpy refreshed(&page, &OverviewPage::refreshed);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kTimeoutMs);
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("overviewEmptyState"))->isVisible());
        QCOMPARE(page.todayTile()->value(), QStringLiteral("0"));
        page.findChild<QPushButton *>(QStringLiteral("openMetersButton"))->click();
        QCOMPARE(meters.count(), 1);
    }

    // Every text fits at both window sizes, in English and German, light and dark (screenshots with
    // OSC_SCREENSHOT_DIR): no tile wider than its column, no title cut off.
    void fitsAndReads_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QSize>("size");
        QTest::newRow("en light 1280") << "en" << false << QSize(1280, 800);
        QTest::newRow("de light 1280") << "de" << false << QSize(1280, 800);
        QTest::newRow("en dark 1024") << "en" << true << QSize(1024, 700);
        QTest::newRow("de dark 1024") << "de" << true << QSize(1024, 700);
    }

    void fitsAndReads()
    {
        QFETCH(QString, language);
        QFETCH(bool, dark);
        QFETCH(QSize, size);
        QVERIFY(osc::ui::installLanguage(language));
        auto english = qScopeGuard([] {
            osc::ui::installLanguage(QStringLiteral("en"));
            osc::ui::applyTheme(osc::ui::Theme::Light);
        });
        osc::ui::applyTheme(dark ? osc::ui::Theme::Dark : osc::ui::Theme::Light);
        QTemporaryDir dir;
        auto engine = openEngine(dir);
        QVERIFY(engine);
        createMeter(*engine, QStringLiteral("api_calls"));
        createMeter(*engine, QStringLiteral("ai_tokens_with_a_rather_long_meter_name"));
        ingest(*engine, QStringLiteral("api_calls"), QStringLiteral("acme"), 20, 1);
        ingest(*engine, QStringLiteral("ai_tokens_with_a_rather_long_meter_name"),
            QStringLiteral("org_with_a_long_customer_identifier_0042"), 8, 30);
        FakeServerControl server;
        MainWindow window(*engine, server);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        OverviewPage *page = window.overviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(!page->metersTile()->rowLabels().isEmpty(), kTimeoutMs);
        QTest::qWait(50);
        QVERIFY2(window.width() <= size.width(), qPrintable(QString::number(window.width())));
        for (OverviewTile *tile : page->findChildren<OverviewTile *>()) {
            const QLabel *title = tile->findChild<QLabel *>(QStringLiteral("tileTitle"));
            QVERIFY(title);
            // Titles wrap: the label must be tall enough for its text at its width.
            QVERIFY2(title->height() >= title->heightForWidth(title->width()),
                qPrintable(title->text() + QStringLiteral(" in ") + QString::number(title->width())));
            for (const QLabel *label : tile->findChildren<QLabel *>())
                if (label->isVisible() && !label->wordWrap()
                    && label->objectName() != QLatin1String("tileValue"))
                    QVERIFY2(label->fontMetrics().horizontalAdvance(label->text()) <= label->width()
                            || label->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored,
                        qPrintable(label->text()));
        }
        osc::testsupport::saveScreenshot(window,
            QStringLiteral("overview-%1x%2-%3-%4.png")
                .arg(size.width())
                .arg(size.height())
                .arg(language, dark ? QStringLiteral("dark") : QStringLiteral("light")));
    }

    // In the window: the start page, and a subject row opens Usage on that subject.
    void startPageOpensUsage()
    {
        QTemporaryDir dir;
        auto engine = openEngine(dir);
        QVERIFY(engine);
        createMeter(*engine, QStringLiteral("api_calls"));
        ingest(*engine, QStringLiteral("api_calls"), QStringLiteral("acme"), 4, 1);
        FakeServerControl server;
        MainWindow window(*engine, server);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.currentPage(), MainWindow::Page::Overview);
        OverviewPage *page = window.overviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(!page->subjectsTile()->rowLabels().isEmpty(), kTimeoutMs);
        auto rows = page->subjectsTile()->findChildren<QPushButton *>(QStringLiteral("tileRow"));
        QVERIFY(!rows.isEmpty());
        QTest::mouseClick(rows.first(), Qt::LeftButton);
        QCOMPARE(window.currentPage(), MainWindow::Page::Usage);
        QCOMPARE(window.usagePage()->subject(), QStringLiteral("acme"));
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
