// Usage by API key (issue 18) through a real server: `api_key` as a group_by field of bucket queries
// and exports, as a breakdown field and as a filter field. Every answer equals a GROUP BY over the raw
// events' api_key_id, read with and without rollups (the writing key is part of the rollup rows since
// migration 12), also after a key is deleted; a meter with a dimension named `api_key` keeps its
// upstream meaning.

#include "ApiTestServer.h"

#include "core/Rfc3339.h"
#include "store/sqlite/SqliteStore.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

const QString kFrom = QStringLiteral("2026-06-08T00:30:00Z"); // not on an hour: raw edges and rollups
const QString kTo = QStringLiteral("2026-06-10T05:45:00Z");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// "<UTC day of the bucket>|<key id>" → quantity, from the rows of a POST /v1/usages/search (the day,
// so the comparison does not depend on how the first bucket's start is written).
QMap<QString, double> byBucketAndKey(const QJsonArray &rows, QMap<QString, QString> *names = nullptr)
{
    QMap<QString, double> out;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const QJsonObject group = row.value("group").toObject();
        const QString key = group.value("api_key").toString();
        out.insert(
            row.value("bucket_start").toString().left(10) + '|' + key, row.value("quantity").toDouble());
        if (names)
            names->insert(key, group.value("api_key_name").toString());
    }
    return out;
}

} // namespace

class tst_ApiKeyUsage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void groupByApiKeyEqualsRawGroupBy_data();
    void groupByApiKeyEqualsRawGroupBy();
    void breakdownByApiKey();
    void filterByApiKey();
    void exportHasKeyNameColumn();
    void deletedKeyStillGroupsById();
    void dimensionNamedApiKeyKeepsUpstreamMeaning();

private:
    // SQL over the raw events (per UTC day and key; only `onlyKey` when set): the reference every
    // answer is compared with.
    QMap<QString, double> rawGroupBy(const QString &onlyKey = QString());
    QJsonArray search(const QJsonObject &body, bool rollups);
    void waitForRollups();

    std::unique_ptr<ApiTestServer> m_server;
    QStringList m_keyIds; // ingesting keys, named key-0 … key-2
    QStringList m_secrets;
};

void tst_ApiKeyUsage::initTestCase()
{
    m_server = std::make_unique<ApiTestServer>();
    QVERIFY(m_server->ok());
    QCOMPARE(m_server
                 ->call("POST", "/v1/meters",
                     QJsonObject{{"name", "api"}, {"unit", "call"},
                         {"dimensions", QJsonArray{QJsonObject{{"name", "model"}, {"type", "string"}}}}})
                 .status,
        201);
    for (int k = 0; k < 3; ++k) {
        osc::ApiKeyDraft draft;
        draft.name = QStringLiteral("key-%1").arg(k);
        draft.scopes = {QStringLiteral("usage:write"), QStringLiteral("usage:read")};
        auto created = m_server->engine().apiKeys().create(m_server->engine().defaultWorkspaceId(), draft);
        QVERIFY(created);
        m_keyIds.append(created->key.id);
        m_secrets.append(created->secret);
    }
    // 3 keys and the console (no key), across 3 days, on and off the hour.
    for (int k = 0; k <= 3; ++k) {
        QJsonArray events;
        for (int i = 0; i < 120; ++i) {
            const int minutes = i * 37 + k * 11;
            const QString time = QStringLiteral("2026-06-%1T%2:%3:00Z")
                                     .arg(8 + minutes / 1440, 2, 10, QLatin1Char('0'))
                                     .arg(minutes / 60 % 24, 2, 10, QLatin1Char('0'))
                                     .arg(minutes % 60, 2, 10, QLatin1Char('0'));
            events.append(QJsonObject{{"subject", QStringLiteral("org_%1").arg(i % 4)}, {"meter", "api"},
                {"quantity", (i % 5) + 1 + 0.25 * k}, {"timestamp", time},
                {"metadata", QJsonObject{{"model", i % 2 ? "small" : "large"}}}});
        }
        const QString key = k < 3 ? m_secrets.at(k) : QString(ApiTestServer::kAdminKey);
        if (k < 3) {
            const HttpResult r
                = m_server->call("POST", "/v1/usages/bulk", QJsonDocument(events).toJson(), key);
            QCOMPARE(r.status, 201);
            QVERIFY2(r.object().value("failed_items").toArray().isEmpty(), r.body.left(400).constData());
        } else {
            // The console writes without a key.
            QList<osc::UsageDraft> drafts;
            for (const QJsonValue &value : events) {
                const QJsonObject e = value.toObject();
                osc::UsageDraft draft;
                draft.subject = e.value("subject").toString();
                draft.meter = "api";
                draft.quantity = e.value("quantity").toDouble();
                draft.timestamp = e.value("timestamp").toString();
                draft.metadata = e.value("metadata").toObject();
                drafts.append(draft);
            }
            auto result
                = m_server->engine().ingestor().createBulk(m_server->engine().owner(), drafts, QString());
            QVERIFY(result);
            QCOMPARE(result->accepted.size(), drafts.size());
        }
    }
    waitForRollups();
}

void tst_ApiKeyUsage::waitForRollups()
{
    auto pending = [this] {
        auto count = m_server->engine().store().pendingRollupMeters();
        return count ? count.value() : qint64(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(pending(), qint64(0), 30000);
}

QMap<QString, double> tst_ApiKeyUsage::rawGroupBy(const QString &onlyKey)
{
    QMap<QString, double> out;
    auto *store = dynamic_cast<osc::SqliteStore *>(&m_server->engine().store());
    if (!store)
        return out;
    const auto from = osc::rfc3339::parse(QStringView(kFrom));
    const auto to = osc::rfc3339::parse(QStringView(kTo));
    const osc::Status status = store->writeTransaction([&](osc::SqliteConnection &db) -> osc::Status {
        auto rows = db.prepare("SELECT COALESCE(api_key_id, ''), event_time, quantity FROM usage_events "
                               "WHERE meter = 'api'");
        while (rows.next()) {
            const osc::TimeNs time = rows.time(1);
            if (time < *from || time >= *to || (!onlyKey.isEmpty() && rows.text(0) != onlyKey))
                continue;
            out[osc::rfc3339::formatNanos(time).left(10) + '|' + rows.text(0)] += rows.real(2);
        }
        return rows.status();
    });
    if (!status)
        qWarning() << status.error().message;
    return out;
}

QJsonArray tst_ApiKeyUsage::search(const QJsonObject &body, bool rollups)
{
    m_server->engine().queries().setRollupsEnabled(rollups);
    const HttpResult r = m_server->call("POST", "/v1/usages/search", compact(body));
    m_server->engine().queries().setRollupsEnabled(true);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.array();
}

void tst_ApiKeyUsage::groupByApiKeyEqualsRawGroupBy_data()
{
    QTest::addColumn<bool>("rollups");
    QTest::newRow("rollups") << true;
    QTest::newRow("raw events") << false;
}

void tst_ApiKeyUsage::groupByApiKeyEqualsRawGroupBy()
{
    QFETCH(bool, rollups);
    const QJsonArray rows
        = search(QJsonObject{{"meter", "api"}, {"from", kFrom}, {"to", kTo}, {"bucket_size", "day"},
                     {"group_by", QJsonArray{"api_key"}}, {"limit", 1000}},
            rollups);
    QMap<QString, QString> names;
    const QMap<QString, double> answered = byBucketAndKey(rows, &names);
    const QMap<QString, double> expected = rawGroupBy();
    QVERIFY2(expected.size() >= 12,
        qPrintable(QStringLiteral("%1 raw, %2 answered")
                       .arg(expected.size())
                       .arg(answered.size()))); // 3 days × (3 keys + no key)
    QCOMPARE(answered.keys(), expected.keys());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QVERIFY2(qFuzzyCompare(answered.value(it.key()), it.value()), qPrintable(it.key()));
    for (int k = 0; k < 3; ++k)
        QCOMPARE(names.value(m_keyIds.at(k)), QStringLiteral("key-%1").arg(k));
    // The same query in the engine says where it read from: rollups hold the writing key.
    osc::query::BucketQuery query;
    query.meter = "api";
    query.fromNs = *osc::rfc3339::parse(QStringView(kFrom));
    query.toNs = *osc::rfc3339::parse(QStringView(kTo));
    query.groupBy = {"api_key"};
    m_server->engine().queries().setRollupsEnabled(rollups);
    auto direct = m_server->engine().queries().buckets(m_server->engine().owner(), query);
    m_server->engine().queries().setRollupsEnabled(true);
    QVERIFY(direct);
    QCOMPARE(direct->usedRollups, rollups);
    QCOMPARE(direct->groupBy, (QStringList{"api_key", "api_key_name"}));
    QCOMPARE(names.value(QString()), QString()); // written without a key
    // The name follows the id in the group, and no secret appears anywhere.
    for (const QString &secret : std::as_const(m_secrets))
        QVERIFY(!QJsonDocument(rows).toJson().contains(secret.toUtf8()));
}

void tst_ApiKeyUsage::breakdownByApiKey()
{
    for (const bool rollups : {true, false}) {
        m_server->engine().queries().setRollupsEnabled(rollups);
        const HttpResult r = m_server->call("POST", "/v1/usages/breakdowns/search",
            compact(QJsonObject{{"meter", "api"}, {"field", "api_key"}, {"from", kFrom}, {"to", kTo}}));
        m_server->engine().queries().setRollupsEnabled(true);
        QCOMPARE(r.status, 200);
        QMap<QString, double> perKey;
        const QMap<QString, double> raw = rawGroupBy();
        for (auto it = raw.cbegin(); it != raw.cend(); ++it)
            perKey[it.key().section('|', 1)] += it.value();
        perKey.remove(QString()); // breakdowns leave empty values out
        const QJsonArray items = r.object().value("items").toArray();
        QCOMPARE(items.size(), perKey.size());
        for (const QJsonValue &value : items) {
            const QJsonObject item = value.toObject();
            QCOMPARE(item.value("field").toString(), QStringLiteral("api_key"));
            const QString id = item.value("value").toString();
            QVERIFY(perKey.contains(id));
            QVERIFY(qFuzzyCompare(item.value("quantity").toDouble(), perKey.value(id)));
            QCOMPARE(item.value("name").toString(), QStringLiteral("key-%1").arg(m_keyIds.indexOf(id)));
        }
    }
}

void tst_ApiKeyUsage::filterByApiKey()
{
    const QJsonObject filter{
        {"type", "condition"}, {"field", "api_key"}, {"op", "eq"}, {"value", m_keyIds.at(1)}};
    for (const bool rollups : {true, false}) {
        const QJsonArray rows
            = search(QJsonObject{{"meter", "api"}, {"from", kFrom}, {"to", kTo}, {"bucket_size", "day"},
                         {"group_by", QJsonArray{"api_key"}}, {"filter", filter}},
                rollups);
        const QMap<QString, double> answered = byBucketAndKey(rows);
        const QMap<QString, double> expected = rawGroupBy(m_keyIds.at(1));
        QCOMPARE(answered.keys(), expected.keys());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY(qFuzzyCompare(answered.value(it.key()), it.value()));
    }
    // An unknown filter field stays an error; `api_key` is a field of its own, not metadata.
    const HttpResult bad = m_server->call("POST", "/v1/usages/search",
        compact(QJsonObject{{"meter", "api"}, {"from", kFrom}, {"to", kTo},
            {"filter",
                QJsonObject{{"type", "condition"}, {"field", "api_keys"}, {"op", "eq"}, {"value", "x"}}}}));
    QCOMPARE(bad.status, 400);
}

void tst_ApiKeyUsage::exportHasKeyNameColumn()
{
    const HttpResult csv = m_server->call("GET",
        QStringLiteral("/v1/usages/export?meter=api&from=%1&to=%2&bucket_size=day&group_by=api_key")
            .arg(kFrom, kTo));
    QCOMPARE(csv.status, 200);
    const QList<QByteArray> lines = csv.body.trimmed().split('\n');
    QCOMPARE(lines.first(),
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,api_key,api_key_name"));
    QCOMPARE(lines.size() - 1, rawGroupBy().size());
    QVERIFY(csv.body.contains(',' + m_keyIds.at(2).toUtf8() + ",key-2\n"));
}

void tst_ApiKeyUsage::deletedKeyStillGroupsById()
{
    const QMap<QString, double> before
        = byBucketAndKey(search(QJsonObject{{"meter", "api"}, {"from", kFrom}, {"to", kTo},
                                    {"bucket_size", "day"}, {"group_by", QJsonArray{"api_key"}}},
            true));
    QVERIFY(
        m_server->engine().apiKeys().remove(m_server->engine().defaultWorkspaceId(), m_keyIds.at(0)).value());
    for (const bool rollups : {true, false}) {
        QMap<QString, QString> names;
        const QMap<QString, double> after
            = byBucketAndKey(search(QJsonObject{{"meter", "api"}, {"from", kFrom}, {"to", kTo},
                                        {"bucket_size", "day"}, {"group_by", QJsonArray{"api_key"}}},
                                 rollups),
                &names);
        QCOMPARE(after, before);
        QVERIFY(names.contains(m_keyIds.at(0)));
        QCOMPARE(names.value(m_keyIds.at(0)), QString()); // the name went with the key
        QCOMPARE(names.value(m_keyIds.at(1)), QStringLiteral("key-1"));
    }
}

void tst_ApiKeyUsage::dimensionNamedApiKeyKeepsUpstreamMeaning()
{
    QCOMPARE(m_server
                 ->call("POST", "/v1/meters",
                     QJsonObject{{"name", "legacy"}, {"unit", "call"},
                         {"dimensions", QJsonArray{QJsonObject{{"name", "api_key"}, {"type", "string"}}}}})
                 .status,
        201);
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"subject", "s"}, {"meter", "legacy"}, {"quantity", 2},
                         {"timestamp", "2026-06-08T10:00:00Z"},
                         {"metadata", QJsonObject{{"api_key", "from-metadata"}}}})
                 .status,
        201);
    const QJsonArray rows = search(QJsonObject{{"meter", "legacy"}, {"from", kFrom}, {"to", kTo},
                                       {"bucket_size", "day"}, {"group_by", QJsonArray{"api_key"}}},
        true);
    QCOMPARE(rows.size(), 1);
    const QJsonObject group = rows.first().toObject().value("group").toObject();
    QCOMPARE(group, (QJsonObject{{"api_key", "from-metadata"}})); // no name column: a plain dimension
}

QTEST_GUILESS_MAIN(tst_ApiKeyUsage)
#include "tst_apikeyusage.moc"
