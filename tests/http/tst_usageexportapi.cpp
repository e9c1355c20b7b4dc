// The usage export reports (issue 18; the peer's Usage Export API) through a real server: every
// dataType × format × group_by cell against a reference computed from the events the test wrote,
// local times across DST changes (Europe/Berlin, America/New_York), the trailing-Z rule, record counts
// equal to the rows (JSON rows, CSV file lines), the bad-input table with nothing queued, Bearer-only
// authentication, the export-only scope (refused on ingest, bucket and meter routes), the per-key rate
// limit with Retry-After, and the peer's two curl examples.

#include "ApiTestServer.h"

#include "core/Clock.h"
#include "core/Rfc3339.h"
#include "export/ExportWorker.h"
#include "reports/UsageReportRequest.h"

#include <QJsonArray>
#include <QUrl>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

// 2026-12-01: the reports below are about 2024, well in the past.
constexpr qint64 kNow = 1'796'083'200'000'000'000LL;

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Event
{
    QString meter;
    QString subject;
    double quantity;
    QString timestamp; // UTC
    QJsonObject metadata;
    int key; // index into the ingesting keys
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject range(const QString &from, const QString &fromZone, const QString &to, const QString &toZone)
{
    return {{"from", QJsonObject{{"date", from}, {"timezone", fromZone}}},
        {"to", QJsonObject{{"date", to}, {"timezone", toZone}}}};
}

const QJsonObject kJanuary = range("2024-01-01T00:00:00.000", "UTC", "2024-01-31T23:59:59.999", "UTC");

QString entityColumn(const QString &dataType)
{
    if (dataType == "users")
        return "user_id";
    if (dataType == "api-keys")
        return "api_key_id";
    if (dataType == "models")
        return "model";
    if (dataType == "projects")
        return "project";
    return "agent";
}

QString metadataText(const QJsonObject &metadata, const QString &key)
{
    return metadata.value(key).toString();
}

} // namespace

class tst_UsageExportApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyCell_data();
    void everyCell();
    void csvFileMatchesJsonRows();
    void retriedReportJobIsRebuiltByTheWorker();
    void daylightSavingChanges_data();
    void daylightSavingChanges();
    void trailingZIsStripped();
    void peerCurlExamples_data();
    void peerCurlExamples();
    void badInput_data();
    void badInput();
    void authentication_data();
    void authentication();
    void exportOnlyKeyIsRefusedElsewhere_data();
    void exportOnlyKeyIsRefusedElsewhere();
    void keyLimitedToMetersReportsThoseOnly();
    void rateLimit();
    void requestParser_data();
    void requestParser();

private:
    HttpResult report(const QString &path, const QByteArray &body, const QString &key = QString());
    qint64 exportJobCount();
    // "<entity>|<group>|<meter>" → (events, quantity) over [from, to) from the events written.
    QMap<QString, QPair<qint64, double>> expected(
        const QString &dataType, const QString &groupBy, const QString &fromUtc, const QString &toUtc) const;

    std::unique_ptr<ApiTestServer> m_server;
    osc::ManualClock *m_clock = nullptr;
    QList<Event> m_events;
    QStringList m_keyIds;
    QStringList m_keyNames;
    QStringList m_secrets;
    QString m_exportKey; // exports:read + exports:usage only
};

void tst_UsageExportApi::initTestCase()
{
    auto clock = std::make_unique<osc::ManualClock>(kNow);
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    const auto dimensions = [](const QStringList &names) {
        QJsonArray out;
        for (const QString &name : names)
            out.append(QJsonObject{{"name", name}, {"type", "string"}, {"required", false}});
        return out;
    };
    for (const auto &[name, aggregation, dims] :
        {std::tuple{"tokens", "sum", QStringList{"model", "project", "agent", "source"}},
            std::tuple{"requests", "count", QStringList{"model", "agent"}},
            std::tuple{"storage", "max", QStringList{"project"}}})
        QCOMPARE(m_server
                     ->call("POST", "/v1/meters",
                         QJsonObject{{"name", name}, {"unit", "u"}, {"aggregation", aggregation},
                             {"dimensions", dimensions(dims)}})
                     .status,
            201);
    for (int k = 0; k < 2; ++k) {
        osc::ApiKeyDraft draft;
        draft.name = QStringLiteral("ingest-%1").arg(k);
        draft.scopes = {QStringLiteral("usage:write")};
        auto created = m_server->engine().apiKeys().create(m_server->engine().defaultWorkspaceId(), draft);
        QVERIFY(created);
        m_keyIds.append(created->key.id);
        m_keyNames.append(draft.name);
        m_secrets.append(created->secret);
    }
    m_exportKey = m_server->createKey({"exports:read", "exports:usage"});

    static const QStringList models{"gpt-large", "gpt-small"};
    static const QStringList projects{"alpha", "beta", "gamma"};
    static const QStringList agents{"writer", "coder"};
    // January 2024 (the curl examples), plus events around the spring DST changes.
    for (int i = 0; i < 90; ++i) {
        const int day = 1 + i % 31;
        const QString time = QStringLiteral("2024-01-%1T%2:%3:00Z")
                                 .arg(day, 2, 10, QLatin1Char('0'))
                                 .arg(i % 24, 2, 10, QLatin1Char('0'))
                                 .arg(i * 7 % 60, 2, 10, QLatin1Char('0'));
        QJsonObject tokens{
            {"model", models[i % 2]}, {"project", projects[i % 3]}, {"source", i % 4 ? "api" : "ui"}};
        if (i % 5) // some events name no agent: they are nobody's in the agents report
            tokens.insert("agent", agents[i % 2]);
        m_events.append(
            {"tokens", QStringLiteral("user_%1").arg(i % 4), double(10 + i), time, tokens, i % 2});
        m_events.append({"requests", QStringLiteral("user_%1").arg(i % 3), 1, time,
            {{"model", models[(i / 2) % 2]}, {"agent", agents[(i / 3) % 2]}}, (i / 2) % 2});
        if (i % 3 == 0)
            m_events.append({"storage", QStringLiteral("user_%1").arg(i % 2), double(i % 17 + 1), time,
                {{"project", projects[i % 3]}}, 0});
    }
    for (const char *time : {"2024-03-30T22:59:59Z", "2024-03-30T23:00:00Z", "2024-03-31T21:59:59Z",
             "2024-03-31T22:00:00Z", "2024-03-10T04:59:59Z", "2024-03-10T05:00:00Z", "2024-03-11T03:59:59Z",
             "2024-03-11T04:00:00Z", "2023-12-31T23:30:00Z"})
        m_events.append({"tokens", "dst_user", 1, time, {{"model", "gpt-large"}}, 1});

    for (int k = 0; k < 2; ++k) {
        QJsonArray batch;
        for (const Event &e : std::as_const(m_events))
            if (e.key == k)
                batch.append(QJsonObject{{"subject", e.subject}, {"meter", e.meter}, {"quantity", e.quantity},
                    {"timestamp", e.timestamp}, {"metadata", e.metadata}});
        const HttpResult r
            = m_server->call("POST", "/v1/usages/bulk", QJsonDocument(batch).toJson(), m_secrets[k]);
        QVERIFY2(r.status == 201, r.body.constData());
        QVERIFY2(r.object().value("failed_items").toArray().isEmpty(),
            QJsonDocument(r.object().value("failed_items").toArray()).toJson().constData());
    }
}

HttpResult tst_UsageExportApi::report(const QString &path, const QByteArray &body, const QString &key)
{
    return m_server->send("POST", path, body,
        {{"Authorization", "Bearer " + (key.isEmpty() ? m_exportKey : key).toUtf8()},
            {"Content-Type", "application/json"}});
}

qint64 tst_UsageExportApi::exportJobCount()
{
    auto page = m_server->engine().exports().list(m_server->engine().owner(), 1000, QString());
    return page ? page->items.size() : -1;
}

QMap<QString, QPair<qint64, double>> tst_UsageExportApi::expected(
    const QString &dataType, const QString &groupBy, const QString &fromUtc, const QString &toUtc) const
{
    const auto from = osc::rfc3339::parse(QStringView(fromUtc));
    const auto to = osc::rfc3339::parse(QStringView(toUtc));
    const QMap<QString, QStringList> meterDimensions{{"tokens", {"model", "project", "agent", "source"}},
        {"requests", {"model", "agent"}}, {"storage", {"project"}}};
    QMap<QString, QPair<qint64, double>> out;
    for (const Event &e : m_events) {
        const auto time = osc::rfc3339::parse(QStringView(e.timestamp));
        if (*time < *from || *time >= *to)
            continue;
        QString entity;
        if (dataType == "users")
            entity = e.subject;
        else if (dataType == "api-keys")
            entity = m_keyIds[e.key];
        else {
            const QString dimension = dataType == "models" ? "model"
                : dataType == "projects"                   ? "project"
                                                           : "agent";
            if (!meterDimensions[e.meter].contains(dimension))
                continue;
            entity = metadataText(e.metadata, dimension);
        }
        if (entity.isEmpty())
            continue;
        const QString group = groupBy.isEmpty() || !meterDimensions[e.meter].contains(groupBy)
            ? QString()
            : metadataText(e.metadata, groupBy);
        auto &cell = out[entity + '|' + group + '|' + e.meter];
        cell.first += 1;
        if (e.meter == "tokens")
            cell.second += e.quantity;
        else if (e.meter == "requests")
            cell.second += 1;
        else
            cell.second = cell.first == 1 ? e.quantity : std::max(cell.second, e.quantity);
    }
    return out;
}

void tst_UsageExportApi::everyCell_data()
{
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<QString>("format"); // "" = the bare route
    QTest::addColumn<QString>("groupBy"); // "" = none
    QTest::addColumn<bool>("supported");
    const QMap<QString, QStringList> supported{{"users", {"model"}}, {"assistants", {"model"}},
        {"agents", {"model"}}, {"api-keys", {"model"}}, {"models", {"source"}}, {"projects", {}}};
    for (auto it = supported.cbegin(); it != supported.cend(); ++it)
        for (const QString &format : {QString(), QStringLiteral("csv"), QStringLiteral("json")})
            for (const QString &groupBy :
                {QString(), QStringLiteral("model"), QStringLiteral("source"), QStringLiteral("deployment")})
                QTest::addRow("%s %s group_by=%s", qPrintable(it.key()),
                    format.isEmpty() ? "(bare)" : qPrintable(format),
                    groupBy.isEmpty() ? "-" : qPrintable(groupBy))
                    << it.key() << format << groupBy << (groupBy.isEmpty() || it.value().contains(groupBy));
}

void tst_UsageExportApi::everyCell()
{
    QFETCH(QString, dataType);
    QFETCH(QString, format);
    QFETCH(QString, groupBy);
    QFETCH(bool, supported);
    QJsonObject body = kJanuary;
    if (!groupBy.isEmpty())
        body.insert("group_by", groupBy);
    const qint64 jobsBefore = exportJobCount();
    const QString path = "/export/" + dataType + (format.isEmpty() ? QString() : '/' + format);
    const HttpResult r = report(path, compact(body));
    if (!supported) {
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object(),
            (QJsonObject{
                {"message",
                    QStringLiteral("group_by=%1 is not supported for %2 exports").arg(groupBy, dataType)},
                {"code", "BAD_REQUEST"}}));
        QCOMPARE(exportJobCount(), jobsBefore);
        return;
    }
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonObject answer = r.object();
    QCOMPARE(answer.value("success").toBool(), true);
    const QJsonObject dateRange{{"from", "2024-01-01T00:00:00.000Z"}, {"to", "2024-01-31T23:59:59.999Z"}};
    const auto reference = expected(dataType, groupBy, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z");
    QVERIFY(!reference.isEmpty());

    QJsonArray rows;
    if (format == "json") {
        QCOMPARE(exportJobCount(), jobsBefore); // JSON answers queue nothing
        rows = answer.value("data").toArray();
        const QJsonObject metadata = answer.value("metadata").toObject();
        QCOMPARE(metadata.value("dataType").toString(), dataType);
        QCOMPARE(metadata.value("recordCount").toInteger(), qint64(rows.size()));
        QCOMPARE(metadata.value("dateRange").toObject(), dateRange);
    } else {
        // CSV: the file's answer, backed by a completed export job whose download serves the file.
        const QJsonObject data = answer.value("data").toObject();
        QCOMPARE(data.value("dataType").toString(), dataType);
        QCOMPARE(data.value("dateRange").toObject(), dateRange);
        QCOMPARE(exportJobCount(), jobsBefore + 1);
        const QUrl url(data.value("downloadUrl").toString());
        QCOMPARE(url.port(), int(m_server->port()));
        const QString jobId = url.path().section('/', 3, 3);
        QVERIFY(data.value("filePath")
                    .toString()
                    .startsWith(dataType + "-usage/default/" + dataType + "-usage-2024-01-01-2024-01-31-"
                        + jobId.left(8)));
        const HttpResult file
            = m_server->send("GET", url.path(), {}, {{"Authorization", "Bearer " + m_exportKey.toUtf8()}});
        QCOMPARE(file.status, 200);
        QVERIFY(file.header("Content-Type").startsWith("text/csv"));
        const QList<QByteArray> lines = file.body.trimmed().split('\n');
        QCOMPARE(qint64(lines.size() - 1), data.value("recordCount").toInteger());
        const QStringList header = QString::fromUtf8(lines.first()).split(',');
        for (qsizetype l = 1; l < lines.size(); ++l) {
            // Test values hold no commas or quotes, so a plain split reads the fields.
            const QStringList fields = QString::fromUtf8(lines.at(l)).split(',');
            QJsonObject row;
            for (qsizetype c = 0; c < header.size(); ++c)
                row.insert(header.at(c), fields.value(c));
            rows.append(row);
        }
        const HttpResult job = m_server->call("GET", "/v1/exports/" + jobId);
        QCOMPARE(job.object().value("kind").toString(), QStringLiteral("usage_report"));
        QCOMPARE(job.object().value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(job.object().value("record_count").toInteger(), qint64(rows.size()));
    }

    QCOMPARE(rows.size(), reference.size());
    const QString entity = entityColumn(dataType);
    QStringList seen;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        QCOMPARE(row.value("period_start").toString(), QStringLiteral("2024-01-01"));
        QCOMPARE(row.value("period_end").toString(), QStringLiteral("2024-01-31"));
        QCOMPARE(row.value("org_id").toString(), QStringLiteral("default"));
        const QString key = row.value(entity).toString() + '|'
            + (groupBy.isEmpty() ? QString() : row.value(groupBy).toString()) + '|'
            + row.value("meter").toString();
        QVERIFY2(reference.contains(key), qPrintable(key));
        seen.append(key);
        const auto cell = reference.value(key);
        const QJsonValue events = row.value("event_count");
        const QJsonValue quantity = row.value("quantity");
        QCOMPARE(events.isString() ? events.toString().toLongLong() : events.toInteger(), cell.first);
        QCOMPARE(quantity.isString() ? quantity.toString().toDouble() : quantity.toDouble(), cell.second);
        if (dataType == "api-keys")
            QCOMPARE(row.value("api_key_name").toString(),
                m_keyNames.at(m_keyIds.indexOf(row.value(entity).toString())));
    }
    // Ordered by entity, then group value, then meter.
    QStringList sorted = seen;
    std::sort(sorted.begin(), sorted.end(),
        [](const QString &a, const QString &b) { return a.split('|') < b.split('|'); });
    QCOMPARE(seen, sorted);
}

void tst_UsageExportApi::csvFileMatchesJsonRows()
{
    // The same request as CSV and JSON: the file has the JSON rows' columns in the same order.
    const HttpResult json = report("/export/api-keys/json", compact(kJanuary));
    const HttpResult csv = report("/export/api-keys/csv", compact(kJanuary));
    QCOMPARE(json.status, 200);
    QCOMPARE(csv.status, 200);
    const QUrl url(csv.object().value("data").toObject().value("downloadUrl").toString());
    const HttpResult file
        = m_server->send("GET", url.path(), {}, {{"Authorization", "Bearer " + m_exportKey.toUtf8()}});
    QCOMPARE(file.body.left(file.body.indexOf('\n')),
        QByteArray("period_start,period_end,org_id,api_key_id,api_key_name,meter,unit,aggregation,event_"
                   "count,quantity"));
    QCOMPARE(file.body.count('\n'), json.object().value("data").toArray().size() + 1);
}

void tst_UsageExportApi::retriedReportJobIsRebuiltByTheWorker()
{
    const HttpResult csv = report("/export/models/csv", compact(kJanuary));
    QCOMPARE(csv.status, 200);
    const QJsonObject data = csv.object().value("data").toObject();
    const QString path = QUrl(data.value("downloadUrl").toString()).path();
    const QString jobId = path.section('/', 3, 3);
    const QByteArray original = m_server->call("GET", path).body;
    // A completed job cannot be retried (the contract's 409); a failed one can, and the worker builds
    // the report again from the stored request.
    QCOMPARE(m_server->call("POST", "/v1/exports/" + jobId + "/retry").status, 409);
    auto failed = m_server->engine().store().updateExportJob(
        "default", jobId, [](const osc::ExportJob &current) -> osc::Result<osc::ExportJob> {
            osc::ExportJob next = current;
            next.status = osc::ExportStatus::Failed;
            next.error = "made to fail by the test";
            return next;
        });
    QVERIFY(failed);
    QCOMPARE(m_server->call("POST", "/v1/exports/" + jobId + "/retry").object().value("status").toString(),
        QStringLiteral("queued"));
    osc::ExportWorker worker(m_server->engine().exportServices());
    auto ran = worker.runOnce();
    QVERIFY(ran && ran.value());
    const QJsonObject job = m_server->call("GET", "/v1/exports/" + jobId).object();
    QCOMPARE(job.value("status").toString(), QStringLiteral("completed"));
    QCOMPARE(job.value("record_count").toInteger(), data.value("recordCount").toInteger());
    QCOMPARE(m_server->call("GET", path).body, original);
}

void tst_UsageExportApi::daylightSavingChanges_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("day");
    QTest::addColumn<QString>("resolvedFrom");
    QTest::addColumn<QString>("resolvedTo");
    QTest::addColumn<qint64>("events"); // of the four events around the day's edges
    // Berlin springs forward on 2024-03-31: a 23-hour day from 23:00Z to 22:00Z.
    QTest::newRow("Europe/Berlin") << "Europe/Berlin"
                                   << "2024-03-31"
                                   << "2024-03-31T00:00:00.000+01:00"
                                   << "2024-03-31T23:59:59.999+02:00" << qint64(2);
    // New York springs forward on 2024-03-10: 05:00Z to 04:00Z the next day.
    QTest::newRow("America/New_York") << "America/New_York"
                                      << "2024-03-10"
                                      << "2024-03-10T00:00:00.000-05:00"
                                      << "2024-03-10T23:59:59.999-04:00" << qint64(2);
}

void tst_UsageExportApi::daylightSavingChanges()
{
    QFETCH(QString, zone);
    QFETCH(QString, day);
    QFETCH(QString, resolvedFrom);
    QFETCH(QString, resolvedTo);
    QFETCH(qint64, events);
    const HttpResult r = report(
        "/export/users/json", compact(range(day + "T00:00:00.000", zone, day + "T23:59:59.999", zone)));
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonObject metadata = r.object().value("metadata").toObject();
    QCOMPARE(
        metadata.value("dateRange").toObject(), (QJsonObject{{"from", resolvedFrom}, {"to", resolvedTo}}));
    const QJsonArray rows = r.object().value("data").toArray();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    QCOMPARE(row.value("user_id").toString(), QStringLiteral("dst_user"));
    QCOMPARE(row.value("event_count").toInteger(), events);
    QCOMPARE(row.value("period_start").toString(), day);
    QCOMPARE(row.value("period_end").toString(), day);
}

void tst_UsageExportApi::trailingZIsStripped()
{
    // 2024-01-01T00:00 in Berlin is 2023-12-31T23:00Z: the event at 23:30Z is inside only because
    // the Z is removed (read as UTC, the range would start after it).
    for (const QString &suffix : {QString(), QStringLiteral("Z")}) {
        const HttpResult r = report("/export/users/json",
            compact(range("2024-01-01T00:00:00.000" + suffix, "Europe/Berlin",
                "2024-01-01T00:59:59.999" + suffix, "Europe/Berlin")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value("metadata").toObject().value("dateRange").toObject(),
            (QJsonObject{
                {"from", "2024-01-01T00:00:00.000+01:00"}, {"to", "2024-01-01T00:59:59.999+01:00"}}));
        const QJsonArray rows = r.object().value("data").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value("user_id").toString(), QStringLiteral("dst_user"));
    }
}

void tst_UsageExportApi::peerCurlExamples_data()
{
    QTest::addColumn<QString>("dataType");
    QTest::newRow("assistants") << "assistants";
    QTest::newRow("users") << "users";
}

void tst_UsageExportApi::peerCurlExamples()
{
    // The peer's examples verbatim, our address and key (README shows them with curl).
    QFETCH(QString, dataType);
    const QByteArray body = R"({
    "from": {
      "date": "2024-01-01T00:00:00.000",
      "timezone": "UTC"
    },
    "to": {
      "date": "2024-01-31T23:59:59.999",
      "timezone": "UTC"
    }
  })";
    const HttpResult r = report("/export/" + dataType, body);
    QCOMPARE(r.status, 200);
    const QJsonObject data = r.object().value("data").toObject();
    QCOMPARE(data.value("dataType").toString(), dataType);
    QVERIFY(data.value("recordCount").toInteger() > 0);
    QVERIFY(data.value("downloadUrl").toString().startsWith(m_server->baseUrl() + "/v1/exports/"));
}

void tst_UsageExportApi::badInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // a prefix
    const auto with = [](const QJsonObject &base, const QString &key, const QJsonValue &value) {
        QJsonObject out = base;
        out.insert(key, value);
        return compact(out);
    };
    const auto fromDate = [&](const QString &date) {
        return with(kJanuary, "from", QJsonObject{{"date", date}, {"timezone", "UTC"}});
    };
    QTest::newRow("unknown dataType") << "/export/widgets" << compact(kJanuary) << 404 << "NOT_FOUND"
                                      << "Unknown export type \"widgets\"";
    QTest::newRow("unknown format") << "/export/users/xml" << compact(kJanuary) << 404 << "NOT_FOUND"
                                    << "Unknown export format \"xml\"";
    QTest::newRow("unsupported group_by")
        << "/export/projects/json" << with(kJanuary, "group_by", "model") << 400 << "BAD_REQUEST"
        << "group_by=model is not supported for projects exports";
    QTest::newRow("group_by not a string")
        << "/export/users/json" << with(kJanuary, "group_by", 3) << 400 << "BAD_REQUEST"
        << "group_by must be a string";
    QTest::newRow("unknown zone") << "/export/users/json"
                                  << with(kJanuary, "to",
                                         QJsonObject{{"date", "2024-01-31T23:59:59.999"},
                                             {"timezone", "Mars/Olympus"}})
                                  << 400 << "BAD_REQUEST"
                                  << "to.timezone \"Mars/Olympus\" is not a known IANA time zone";
    QTest::newRow("from after to") << "/export/users/json"
                                   << compact(
                                          range("2024-02-01T00:00:00", "UTC", "2024-01-01T00:00:00", "UTC"))
                                   << 400 << "BAD_REQUEST"
                                   << "from must not be after to";
    QTest::newRow("range over the limit")
        << "/export/users/json" << compact(range("2023-01-01T00:00:00", "UTC", "2024-01-02T00:00:00", "UTC"))
        << 400 << "BAD_REQUEST"
        << "The selected period must not exceed 366 days";
    for (const char *date :
        {"2024-13-01T00:00:00", "2024-02-30T00:00:00", "2024-01-01", "yesterday", "2024-01-01T00:00:00+01:00",
            "2024-01-01T24:00:00", "2024-01-01T00:00:00.1234", "2024-01-01T00:00:00ZZ"})
        QTest::addRow("malformed date %s", date)
            << "/export/users/json" << fromDate(date) << 400 << "BAD_REQUEST"
            << "from.date must be a local date and time";
    QTest::newRow("date not a string")
        << "/export/users/json"
        << with(kJanuary, "from", QJsonObject{{"date", 20240101}, {"timezone", "UTC"}}) << 400
        << "BAD_REQUEST"
        << "from.date is required";
    QTest::newRow("missing from") << "/export/users/json"
                                  << compact(QJsonObject{{"to", kJanuary.value("to")}}) << 400
                                  << "BAD_REQUEST"
                                  << "from is required";
    QTest::newRow("from not an object")
        << "/export/users/json" << with(kJanuary, "from", "2024-01-01T00:00:00") << 400 << "BAD_REQUEST"
        << "from must be an object";
    QTest::newRow("missing zone") << "/export/users/json"
                                  << with(kJanuary, "from", QJsonObject{{"date", "2024-01-01T00:00:00"}})
                                  << 400 << "BAD_REQUEST"
                                  << "from.timezone is required";
    QTest::newRow("Qt offset name") << "/export/users/json"
                                    << with(kJanuary, "to",
                                           QJsonObject{{"date", "2024-01-31T23:59:59.999"},
                                               {"timezone", "UTC+01:00"}})
                                    << 400 << "BAD_REQUEST"
                                    << "to.timezone \"UTC+01:00\" is not a known IANA time zone";
    for (const char *body : {"[]", "\"text\"", "42", "null", "", "{", "{\"from\":1} {}"})
        QTest::addRow("body %s", body) << "/export/users" << QByteArray(body) << 400 << "BAD_REQUEST"
                                       << "The request body must be a JSON object";
    QTest::newRow("no data in the period")
        << "/export/users" << compact(range("2020-01-01T00:00:00", "UTC", "2020-01-31T23:59:59", "UTC"))
        << 404 << "NOT_FOUND"
        << "No usage data found for the selected period";
    QTest::newRow("no data, json") << "/export/models/json"
                                   << compact(
                                          range("2020-01-01T00:00:00", "UTC", "2020-01-31T23:59:59", "UTC"))
                                   << 404 << "NOT_FOUND"
                                   << "No usage data found for the selected period";
}

void tst_UsageExportApi::badInput()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const qint64 jobsBefore = exportJobCount();
    const HttpResult r = report(path, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.object().value("code").toString(), code);
    QVERIFY2(r.object().value("message").toString().startsWith(message), r.body.constData());
    QCOMPARE(r.object().keys(), (QStringList{"code", "message"}));
    QCOMPARE(exportJobCount(), jobsBefore); // nothing queued
}

void tst_UsageExportApi::authentication_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("no credentials") << Headers{} << 401;
    QTest::newRow("unknown key") << Headers{{"Authorization", "Bearer osp_sk_nope"}} << 401;
    QTest::newRow("empty bearer") << Headers{{"Authorization", "Bearer "}} << 401;
    QTest::newRow("basic scheme") << Headers{{"Authorization", "Basic dXNlcjpwYXNz"}} << 401;
    // Bearer only: the other key headers of the upstream API do not open these routes.
    QTest::newRow("X-API-Key") << Headers{{"X-API-Key", "EXPORT_KEY"}} << 401;
    QTest::newRow("X-Open-Spanner-API-Key") << Headers{{"X-Open-Spanner-API-Key", "EXPORT_KEY"}} << 401;
    QTest::newRow("lower-case bearer") << Headers{{"authorization", "bearer EXPORT_KEY"}} << 200;
}

void tst_UsageExportApi::authentication()
{
    QFETCH(Headers, headers);
    QFETCH(int, status);
    for (auto &[name, value] : headers)
        value.replace("EXPORT_KEY", m_exportKey.toUtf8());
    const HttpResult r = m_server->send("POST", "/export/users/json", compact(kJanuary), headers);
    QCOMPARE(r.status, status);
    if (status == 401)
        QCOMPARE(r.object(), (QJsonObject{{"message", "The provided API key is invalid."}}));
}

void tst_UsageExportApi::exportOnlyKeyIsRefusedElsewhere_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QByteArray event
        = R"({"subject":"s","meter":"tokens","quantity":1,"timestamp":"2024-01-02T00:00:00Z"})";
    QTest::newRow("ingest one") << QByteArray("POST") << "/v1/usages" << event
                                << "not allowed to usage:write usage";
    QTest::newRow("ingest bulk") << QByteArray("POST") << "/v1/usages/bulk"
                                 << "[" + event + "]"
                                 << "not allowed to usage:write usage";
    QTest::newRow("buckets") << QByteArray("GET")
                             << "/v1/usages?meter=tokens&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z"
                             << QByteArray() << "not allowed to usage:read usage";
    QTest::newRow("bucket search")
        << QByteArray("POST") << "/v1/usages/search"
        << QByteArray(R"({"meter":"tokens","from":"2024-01-01T00:00:00Z","to":"2024-02-01T00:00:00Z"})")
        << "not allowed to usage:read usage";
    QTest::newRow("bucket export") << QByteArray(
        "GET") << "/v1/usages/export?meter=tokens&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z"
                                   << QByteArray() << "not allowed to usage:read usage";
    QTest::newRow("list meters") << QByteArray("GET") << "/v1/meters" << QByteArray()
                                 << "not allowed to meters:read meter";
    QTest::newRow("create meter") << QByteArray("POST") << "/v1/meters"
                                  << QByteArray(R"({"name":"x","unit":"u"})")
                                  << "not allowed to meters:write meter";
}

void tst_UsageExportApi::exportOnlyKeyIsRefusedElsewhere()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const HttpResult r = m_server->call(method, path, body, m_exportKey);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(r.errorMessage(), "forbidden\n" + message);
    // …while reports need both export scopes.
    for (const QStringList &scopes :
        {QStringList{"exports:read"}, QStringList{"exports:usage"}, QStringList{"usage:read"}}) {
        const HttpResult refused
            = report("/export/users/json", compact(kJanuary), m_server->createKey(scopes));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.object().value("code").toString(), QStringLiteral("FORBIDDEN"));
    }
    QCOMPARE(report("/export/users/json", compact(kJanuary), m_server->createKey({"exports:*"})).status, 200);
    // The scopes are checked before the body.
    QCOMPARE(report("/export/users/json", "[]", m_server->createKey({"usage:read"})).status, 403);
}

void tst_UsageExportApi::keyLimitedToMetersReportsThoseOnly()
{
    const QString key = m_server->createKey({"exports:read", "exports:usage"}, {"storage"});
    const HttpResult r = report("/export/users/json", compact(kJanuary), key);
    QCOMPARE(r.status, 200);
    const QJsonArray rows = r.object().value("data").toArray();
    QVERIFY(!rows.isEmpty());
    for (const QJsonValue &row : rows)
        QCOMPARE(row.toObject().value("meter").toString(), QStringLiteral("storage"));
}

void tst_UsageExportApi::rateLimit()
{
    auto &limiter = m_server->engine().usageReports().rateLimiter();
    QCOMPARE(limiter.requestsPerMinute(), 500); // the peer's limit is the default
    limiter.setRequestsPerMinute(3);
    const QString other = m_server->createKey({"exports:read", "exports:usage"});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(report("/export/users/json", compact(kJanuary)).status, 200);
    const HttpResult limited = report("/export/users/json", compact(kJanuary));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.object().value("code").toString(), QStringLiteral("TOO_MANY_REQUESTS"));
    QCOMPARE(limited.header("Retry-After"), QByteArray("20")); // one of 3 tokens a minute
    // Per key: another key still has its tokens.
    QCOMPARE(report("/export/users/json", compact(kJanuary), other).status, 200);
    m_clock->set(kNow + 19'000'000'000LL);
    QCOMPARE(report("/export/users/json", compact(kJanuary)).header("Retry-After"), QByteArray("1"));
    m_clock->set(kNow + 20'000'000'000LL);
    QCOMPARE(report("/export/users/json", compact(kJanuary)).status, 200);
    limiter.setRequestsPerMinute(osc::reports::kDefaultReportRequestsPerMinute);
    m_clock->set(kNow);
}

void tst_UsageExportApi::requestParser_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("utc");
    QTest::newRow("UTC") << "2024-01-01T00:00:00.000"
                         << "UTC"
                         << "2024-01-01T00:00:00Z";
    QTest::newRow("no milliseconds") << "2024-06-01T12:30:00"
                                     << "Europe/Berlin"
                                     << "2024-06-01T10:30:00Z";
    QTest::newRow("one fraction digit") << "2024-06-01T12:30:00.5"
                                        << "UTC"
                                        << "2024-06-01T12:30:00.5Z";
    QTest::newRow("half-hour zone") << "2024-01-01T00:00:00"
                                    << "Asia/Kolkata"
                                    << "2023-12-31T18:30:00Z";
    QTest::newRow("Z stripped") << "2024-01-01T00:00:00Z"
                                << "America/New_York"
                                << "2024-01-01T05:00:00Z";
    QTest::newRow("Etc/UTC (not in zone1970.tab)") << "2024-01-01T00:00:00"
                                                   << "Etc/UTC"
                                                   << "2024-01-01T00:00:00Z";
    // Berlin falls back on 2024-10-27: 02:30 happens twice; Qt takes the second (standard time).
    QTest::newRow("repeated hour") << "2024-10-27T02:30:00"
                                   << "Europe/Berlin"
                                   << "2024-10-27T01:30:00Z";
    // …and springs forward on 2024-03-31: 02:30 does not exist; Qt moves it past the gap.
    QTest::newRow("skipped hour") << "2024-03-31T02:30:00"
                                  << "Europe/Berlin"
                                  << "2024-03-31T01:30:00Z";
}

void tst_UsageExportApi::requestParser()
{
    QFETCH(QString, date);
    QFETCH(QString, zone);
    QFETCH(QString, utc);
    const QJsonObject end{{"date", date}, {"timezone", zone}};
    auto parsed
        = osc::reports::parseUsageReportRequest("users", compact(QJsonObject{{"from", end}, {"to", end}}));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->fromNs, *osc::rfc3339::parse(QStringView(utc)));
    QCOMPARE(parsed->toNs - parsed->fromNs, osc::TimeNs(1'000'000)); // `to` includes its millisecond
}

QTEST_GUILESS_MAIN(tst_UsageExportApi)
#include "tst_usageexportapi.moc"
