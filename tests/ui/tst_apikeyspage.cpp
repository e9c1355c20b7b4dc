// The API keys page's usage panel (issue 18): the selected key's events per day over the last 30
// days as a sparkline (oldest left, today right) with the total, read through the engine's usage by API
// key; usage written without a key or by another key does not count.

#include "Engine.h"
#include "UiTestSupport.h"
#include "ui/common/Sparkline.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/keys/ApiKeyTableModel.h"
#include "ui/keys/ApiKeysPage.h"

#include <QDateTime>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace osc::testsupport;

namespace {

constexpr int kTimeoutMs = 20'000;

} // namespace

class TestApiKeysPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectedKeyUsage();
};

void TestApiKeysPage::selectedKeyUsage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::MeterDraft meter;
    meter.name = QStringLiteral("api_requests");
    meter.unit = QStringLiteral("request");
    meter.aggregation = QStringLiteral("sum");
    QVERIFY(engine->meters().create(engine->owner(), meter).ok());
    QStringList ids;
    for (const char *name : {"billing-service", "search-api"}) {
        osc::ApiKeyDraft draft;
        draft.name = QString::fromLatin1(name);
        draft.scopes = {QStringLiteral("usage:write")};
        auto created = engine->apiKeys().create(engine->defaultWorkspaceId(), draft);
        QVERIFY(created.ok());
        ids.append(created->key.id);
    }
    // billing-service: 2 events today, 5 three days ago; search-api and the console: others.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime today(now.date(), QTime(0, 0), QTimeZone::utc());
    const auto write = [&](const QString &keyId, const QDateTime &at, int count) {
        osc::Principal writer = engine->owner();
        if (!keyId.isEmpty())
            writer = osc::Principal{
                osc::Principal::Kind::ApiKey, engine->defaultWorkspaceId(), keyId, {"*"}, {}, {}};
        QList<osc::UsageDraft> events;
        for (int i = 0; i < count; ++i) {
            osc::UsageDraft event;
            event.subject = QStringLiteral("org_1");
            event.meter = meter.name;
            event.quantity = 3;
            event.timestamp = at.addSecs(i).toString(Qt::ISODate);
            events.append(event);
        }
        auto stored = engine->ingestor().createBulk(writer, events, QString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->accepted.size(), count);
    };
    write(ids.at(0), today, 2);
    write(ids.at(0), today.addDays(-3).addSecs(3600), 5);
    write(ids.at(0), today.addDays(-40), 9); // older than the window
    write(ids.at(1), today, 4);
    write(QString(), today, 6);

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    osc::ui::ApiKeysPage page(*engine, workspace);
    page.resize(1100, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && page.model()->rowCount() == 2, kTimeoutMs);
    QCOMPARE(page.usageText(), QStringLiteral("Select a key to see its usage over the last 30 days."));
    QCOMPARE(page.usageSparkline()->samples().size(), 0);

    const int row = page.model()->rowOfKey(ids.at(0));
    QVERIFY(row >= 0);
    auto *proxy = page.tableView()->model();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data(osc::ui::ApiKeyTableModel::KeyIdRole).toString() == ids.at(0))
            page.tableView()->selectRow(r);
    QCOMPARE(page.selectedKeyId(), ids.at(0));
    const QList<double> samples = page.usageSparkline()->samples();
    QCOMPARE(samples.size(), 30);
    QCOMPARE(samples.last(), 2.0);
    QCOMPARE(samples.at(26), 5.0);
    double total = 0;
    for (const double events : samples)
        total += events;
    QCOMPARE(total, 7.0);
    QCOMPARE(page.usageText(), QStringLiteral("billing-service: 7 events in the last 30 days"));
    saveScreenshot(page, QStringLiteral("keys-usage.png"));
}

QTEST_MAIN(TestApiKeysPage)
#include "tst_apikeyspage.moc"
