// Contract §4.2–§4.5, §4.7, §1.8 and §13.5 through the engine facade on a real SQLite file: create, list
// (name order, paging, filter), stats, get, partial update, delete, the usage rules, and persistence.

#include "Engine.h"
#include "core/Clock.h"
#include "core/Cursor.h"
#include "meters/MeterCatalog.h"
#include "store/sqlite/SqliteConnection.h"
#include "store/sqlite/SqliteSchema.h"
#include "store/sqlite/SqliteStore.h"

#include <QDebug>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kT0 = 1'780'912'800 * kNs; // 2026-06-08T10:00:00Z

const QRegularExpression kUuidV4(
    QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

DimensionDraft dimDraft(const QString &name, const QString &type = QStringLiteral("string"),
    std::optional<bool> required = std::nullopt, std::optional<bool> deprecated = std::nullopt)
{
    DimensionDraft d;
    d.name = name;
    d.type = type;
    d.required = required;
    d.deprecated = deprecated;
    return d;
}

MeterDraft meterDraft(const QString &name, const QList<DimensionDraft> &dimensions = {}, qint64 retention = 0)
{
    MeterDraft d;
    d.name = name;
    d.unit = QStringLiteral("call");
    d.description = QStringLiteral("calls of %1").arg(name);
    d.dimensions = dimensions;
    d.eventRetentionDays = retention;
    return d;
}

QString message(const Error &error)
{
    return error.message;
}

template <typename T> QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TstMeterCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createGetListUpdateDelete();
    void createValidationErrorsPassThrough();
    void duplicateNameIsConflict_data();
    void duplicateNameIsConflict();
    void namesAreUnrestricted();
    void listIsOrderedByName();
    void listPagingWithCursor();
    void listNameFilter();
    void listLimitDefaultsAndClamp();
    void badCursorIsInvalidInput_data();
    void badCursorIsInvalidInput();
    void statsWithoutEvents();
    void statsPaging();
    void getIsByIdOnly();
    void unknownIdIsNotFound();
    void deleteWithUsageIsConflict();
    void dimensionEvolutionAfterUsage();
    void apiKeyAuthorization();
    void systemCountersFollowMeters();
    void schemaVersionAndReopen();
    void newerSchemaIsRefused();

private:
    bool open();
    Status insertUsageEvent(const QString &meter, TimeNs eventTimeNs);
    Status deleteUsageEvents(const QString &meter);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    ManualClock *m_clock = nullptr; // owned by m_engine
    Principal m_owner;
};

bool TstMeterCatalog::open()
{
    auto clock = std::make_unique<ManualClock>(kT0);
    ManualClock *raw = clock.get();
    auto engine = Engine::open({m_dir->filePath(QStringLiteral("meters.db")), true}, std::move(clock));
    if (!engine) {
        qWarning() << "openSqlite failed:" << engine.error().message;
        return false;
    }
    m_engine = std::move(engine.value());
    m_clock = raw;
    m_owner = m_engine->owner();
    return true;
}

void TstMeterCatalog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(open());
}

void TstMeterCatalog::cleanup()
{
    m_engine.reset();
    m_clock = nullptr;
    m_dir.reset();
}

Status TstMeterCatalog::insertUsageEvent(const QString &meter, TimeNs eventTimeNs)
{
    auto *sqlite = dynamic_cast<SqliteStore *>(&m_engine->store());
    if (!sqlite)
        return Error::internal(QStringLiteral("not a SqliteStore"));
    static int counter = 0;
    const QString id = QStringLiteral("00000000-0000-4000-8000-%1").arg(++counter, 12, 10, QLatin1Char('0'));
    return sqlite->writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert
            = db.prepare("INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, "
                         "received_at, metadata) VALUES ('default', ?1, ?2, 'customer_1', ?3, ?4, ?5, '{}')");
        insert.bind(1, id).bind(2, meter).bind(3, 1.0).bind(4, eventTimeNs).bind(5, TimeNs(m_clock->nowNs()));
        return insert.run();
    });
}

Status TstMeterCatalog::deleteUsageEvents(const QString &meter)
{
    auto *sqlite = dynamic_cast<SqliteStore *>(&m_engine->store());
    if (!sqlite)
        return Error::internal(QStringLiteral("not a SqliteStore"));
    return sqlite->writeTransaction([&](SqliteConnection &db) -> Status {
        auto remove = db.prepare("DELETE FROM usage_events WHERE workspace_id = 'default' AND meter = ?1");
        remove.bind(1, meter);
        return remove.run();
    });
}

void TstMeterCatalog::createGetListUpdateDelete()
{
    MeterCatalog &meters = m_engine->meters();

    // §13.5 item 24
    DimensionDraft region = dimDraft(QStringLiteral("region"), QStringLiteral("string"), true, true);
    region.displayName = QStringLiteral("Region");
    region.description = QStringLiteral("Deployment region");
    const auto created = meters.create(m_owner, meterDraft(QStringLiteral("api_calls"), {region}, 30));
    QVERIFY2(created.ok(), qPrintable(errorText(created)));
    QVERIFY2(kUuidV4.match(created->id).hasMatch(), qPrintable(created->id));
    QCOMPARE(created->name, QStringLiteral("api_calls"));
    QCOMPARE(created->eventRetentionDays, 30);
    QCOMPARE(created->createdAtNs, kT0);
    QCOMPARE(created->dimensions.size(), 1);
    QCOMPARE(created->dimensions.first().displayName, QStringLiteral("Region"));
    QCOMPARE(created->dimensions.first().description, QStringLiteral("Deployment region"));
    QCOMPARE(created->dimensions.first().deprecated, true);
    QCOMPARE(created->dimensions.first().required, true);

    // §13.5 item 25: list contains it; get returns it.
    const auto listed = meters.list(m_owner, QString(), 0, QString());
    QVERIFY(listed.ok());
    QCOMPARE(listed->items.size(), 1);
    QCOMPARE(listed->items.first(), created.value());
    QVERIFY(!listed->nextCursor.has_value());
    const auto fetched = meters.get(m_owner, created->id);
    QVERIFY(fetched.ok());
    QCOMPARE(fetched.value(), created.value());

    // §13.5 item 26: partial update; name and created_at unchanged.
    m_clock->advance(3600 * kNs);
    MeterPatch patch;
    patch.description = QStringLiteral("Requests");
    patch.unit = QStringLiteral("request");
    patch.aggregation = QStringLiteral("count");
    patch.eventRetentionDays = 365;
    patch.dimensions
        = QList<DimensionDraft>{dimDraft(QStringLiteral("plan"), QStringLiteral("string"), false, true)};
    const auto updated = meters.update(m_owner, created->id, patch);
    QVERIFY2(updated.ok(), qPrintable(errorText(updated)));
    QCOMPARE(updated->id, created->id);
    QCOMPARE(updated->name, QStringLiteral("api_calls"));
    QCOMPARE(updated->createdAtNs, kT0);
    QCOMPARE(updated->description, QStringLiteral("Requests"));
    QCOMPARE(updated->unit, QStringLiteral("request"));
    QCOMPARE(updated->aggregation, Aggregation::Count);
    QCOMPARE(updated->eventRetentionDays, 365);
    QCOMPARE(updated->dimensions.size(), 1);
    QCOMPARE(updated->dimensions.first().name, QStringLiteral("plan"));
    QCOMPARE(updated->dimensions.first().displayName, QStringLiteral("Plan"));
    QCOMPARE(updated->dimensions.first().required, false);
    QCOMPARE(updated->dimensions.first().deprecated, true);
    const auto refetched = meters.get(m_owner, created->id);
    QVERIFY(refetched.ok());
    QCOMPARE(refetched.value(), updated.value());

    // An update with only the retention set to 0 goes back to 90, the rest is kept.
    MeterPatch retentionOnly;
    retentionOnly.eventRetentionDays = 0;
    const auto defaulted = meters.update(m_owner, created->id, retentionOnly);
    QVERIFY(defaulted.ok());
    QCOMPARE(defaulted->eventRetentionDays, 90);
    QCOMPARE(defaulted->unit, QStringLiteral("request"));
    QCOMPARE(defaulted->dimensions, updated->dimensions);

    // §13.5 item 27: delete, then get → 404.
    QVERIFY(meters.remove(m_owner, created->id).ok());
    const auto gone = meters.get(m_owner, created->id);
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().httpStatus(), 404);
    QCOMPARE(gone.error().code, QStringLiteral("not_found"));
    QCOMPARE(meters.list(m_owner, QString(), 0, QString())->items.size(), 0);
    const Status again = meters.remove(m_owner, created->id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().httpStatus(), 404);

    // The name can be used again after deletion.
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());
}

void TstMeterCatalog::createValidationErrorsPassThrough()
{
    MeterCatalog &meters = m_engine->meters();
    const auto noName = meters.create(m_owner, meterDraft(QString()));
    QVERIFY(!noName.ok());
    QCOMPARE(noName.error().httpStatus(), 400);
    QCOMPARE(noName.error().message, QStringLiteral("invalid input: meter name is required"));

    const auto reserved
        = meters.create(m_owner, meterDraft(QStringLiteral("m"), {dimDraft(QStringLiteral("subject"))}));
    QVERIFY(!reserved.ok());
    QCOMPARE(
        reserved.error().message, QStringLiteral("invalid input: dimension name \"subject\" is reserved"));

    const auto spaced
        = meters.create(m_owner, meterDraft(QStringLiteral("m"), {dimDraft(QStringLiteral("region name"))}));
    QVERIFY(!spaced.ok());
    QCOMPARE(spaced.error().httpStatus(), 400);

    // Nothing was stored.
    QCOMPARE(meters.list(m_owner, QString(), 0, QString())->items.size(), 0);

    // Update validation too.
    const auto created = meters.create(m_owner, meterDraft(QStringLiteral("m")));
    QVERIFY(created.ok());
    MeterPatch bad;
    bad.eventRetentionDays = 3651;
    const auto refused = meters.update(m_owner, created->id, bad);
    QVERIFY(!refused.ok());
    QCOMPARE(
        refused.error().message, QStringLiteral("invalid input: event retention days cannot exceed 3650"));
    QCOMPARE(meters.get(m_owner, created->id)->eventRetentionDays, 90);
}

void TstMeterCatalog::duplicateNameIsConflict_data()
{
    QTest::addColumn<QString>("second");
    QTest::newRow("same name") << "api_calls";
    QTest::newRow("same name after trimming") << "  api_calls ";
}

void TstMeterCatalog::duplicateNameIsConflict()
{
    QFETCH(QString, second);
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());
    const auto duplicate = meters.create(m_owner, meterDraft(second));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().httpStatus(), 409);
    QCOMPARE(duplicate.error().code, QStringLiteral("conflict"));
    QVERIFY2(duplicate.error().message.startsWith(QLatin1StringView("conflict")),
        qPrintable(message(duplicate.error())));
    QCOMPARE(meters.list(m_owner, QString(), 0, QString())->items.size(), 1);

    // Names are case-sensitive: another case is another meter.
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("API_CALLS"))).ok());
}

void TstMeterCatalog::namesAreUnrestricted()
{
    // §4.2: upstream restricts neither characters nor length; we refuse only control characters and names
    // beyond InputLimits::maxMeterNameBytes (issue 21, tst_hostileinputs). Anything else round-trips.
    MeterCatalog &meters = m_engine->meters();
    const QString odd = QStringLiteral("api calls/v2 \"quoted\" ☃ ") + QString(200, QLatin1Char('x'));
    const auto created = meters.create(m_owner, meterDraft(odd));
    QVERIFY2(created.ok(), qPrintable(errorText(created)));
    QCOMPARE(created->name, odd);
    QCOMPARE(meters.get(m_owner, created->id)->name, odd);
    const auto filtered = meters.list(m_owner, odd, 0, QString());
    QVERIFY(filtered.ok());
    QCOMPARE(filtered->items.size(), 1);

    // Paging over such names works with the cursor.
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("zzz"))).ok());
    const auto first = meters.list(m_owner, QString(), 1, QString());
    QVERIFY(first.ok() && first->nextCursor.has_value());
    QCOMPARE(first->items.first().name, odd);
    const auto second = meters.list(m_owner, QString(), 1, *first->nextCursor);
    QVERIFY(second.ok());
    QCOMPARE(second->items.size(), 1);
    QCOMPARE(second->items.first().name, QStringLiteral("zzz"));
}

void TstMeterCatalog::listIsOrderedByName()
{
    MeterCatalog &meters = m_engine->meters();
    for (const char *name : {"tokens", "api_calls", "storage", "bandwidth"}) {
        QVERIFY(meters.create(m_owner, meterDraft(QString::fromLatin1(name))).ok());
        m_clock->advance(kNs);
    }
    const auto page = meters.list(m_owner, QString(), 0, QString());
    QVERIFY(page.ok());
    QStringList names;
    for (const Meter &m : page->items)
        names.append(m.name);
    QCOMPARE(names,
        QStringList({QStringLiteral("api_calls"), QStringLiteral("bandwidth"), QStringLiteral("storage"),
            QStringLiteral("tokens")}));
}

void TstMeterCatalog::listPagingWithCursor()
{
    // §13.5 item 28: two meters, limit 1 → one item + next_cursor; next page → one item, no cursor.
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("tokens"))).ok());
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());

    const auto first = meters.list(m_owner, QString(), 1, QString());
    QVERIFY2(first.ok(), qPrintable(errorText(first)));
    QCOMPARE(first->items.size(), 1);
    QCOMPARE(first->items.first().name, QStringLiteral("api_calls"));
    QVERIFY(first->nextCursor.has_value());
    QVERIFY(!first->nextCursor->isEmpty());

    // §1.8: base64url without padding of {"name": <last name>}.
    const QString cursor = *first->nextCursor;
    QVERIFY2(!cursor.contains(QLatin1Char('=')) && !cursor.contains(QLatin1Char('+'))
            && !cursor.contains(QLatin1Char('/')),
        qPrintable(cursor));
    const auto decoded = wire::decodeCursor(cursor);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->name, std::optional<QString>(QStringLiteral("api_calls")));

    const auto second = meters.list(m_owner, QString(), 1, cursor);
    QVERIFY2(second.ok(), qPrintable(errorText(second)));
    QCOMPARE(second->items.size(), 1);
    QCOMPARE(second->items.first().name, QStringLiteral("tokens"));
    QVERIFY(!second->nextCursor.has_value());

    // A cursor built by hand in the documented format works too.
    const QString handMade = wire::encodeCursor({QStringLiteral("api_calls"), std::nullopt, std::nullopt});
    const auto viaHandMade = meters.list(m_owner, QString(), 10, handMade);
    QVERIFY(viaHandMade.ok());
    QCOMPARE(viaHandMade->items.size(), 1);
    QCOMPARE(viaHandMade->items.first().name, QStringLiteral("tokens"));

    // Exactly `limit` rows left → no next_cursor.
    const auto both = meters.list(m_owner, QString(), 2, QString());
    QVERIFY(both.ok());
    QCOMPARE(both->items.size(), 2);
    QVERIFY(!both->nextCursor.has_value());
}

void TstMeterCatalog::listNameFilter()
{
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("tokens"))).ok());
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls_v2"))).ok());

    const auto filtered = meters.list(m_owner, QStringLiteral("api_calls"), 0, QString());
    QVERIFY(filtered.ok());
    QCOMPARE(filtered->items.size(), 1); // exact match, not a prefix match
    QCOMPARE(filtered->items.first().name, QStringLiteral("api_calls"));
    QVERIFY(!filtered->nextCursor.has_value());

    const auto none = meters.list(m_owner, QStringLiteral("nope"), 0, QString());
    QVERIFY(none.ok());
    QVERIFY(none->items.isEmpty());
}

void TstMeterCatalog::listLimitDefaultsAndClamp()
{
    QCOMPARE(MeterCatalog::kDefaultPageSize, 50);
    QCOMPARE(MeterCatalog::kMaxPageSize, 500);
    MeterCatalog &meters = m_engine->meters();
    for (int i = 0; i < 52; ++i)
        QVERIFY(
            meters.create(m_owner, meterDraft(QStringLiteral("m%1").arg(i, 3, 10, QLatin1Char('0')))).ok());

    const auto byDefault = meters.list(m_owner, QString(), 0, QString());
    QVERIFY(byDefault.ok());
    QCOMPARE(byDefault->items.size(), 50);
    QVERIFY(byDefault->nextCursor.has_value());

    const auto rest = meters.list(m_owner, QString(), 0, *byDefault->nextCursor);
    QVERIFY(rest.ok());
    QCOMPARE(rest->items.size(), 2);
    QCOMPARE(rest->items.last().name, QStringLiteral("m051"));
    QVERIFY(!rest->nextCursor.has_value());

    const auto clamped = meters.list(m_owner, QString(), 100'000, QString());
    QVERIFY(clamped.ok());
    QCOMPARE(clamped->items.size(), 52);
    QVERIFY(!clamped->nextCursor.has_value());
}

void TstMeterCatalog::badCursorIsInvalidInput_data()
{
    QTest::addColumn<QString>("cursor");
    QTest::newRow("not base64") << "!!!not-base64!!!";
    QTest::newRow("base64 of non-JSON") << QString::fromLatin1(
        QByteArray("not json").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QTest::newRow("base64 of a JSON array") << QString::fromLatin1(
        QByteArray("[1]").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QTest::newRow("name is a number") << QString::fromLatin1(
        QByteArray("{\"name\":5}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void TstMeterCatalog::badCursorIsInvalidInput()
{
    QFETCH(QString, cursor);
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());

    const auto listed = meters.list(m_owner, QString(), 0, cursor);
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().httpStatus(), 400);
    QCOMPARE(listed.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(listed.error().message, QStringLiteral("invalid input"));

    const auto stats = meters.stats(m_owner, 0, cursor);
    QVERIFY(!stats.ok());
    QCOMPARE(stats.error().httpStatus(), 400);
    QCOMPARE(stats.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(stats.error().message, QStringLiteral("invalid input"));
}

void TstMeterCatalog::statsWithoutEvents()
{
    // §13.5 item 29 (no-event half): usage_events 0, last_event_at absent, retention as configured.
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("tokens"), {}, 30)).ok());
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());

    const auto stats = meters.stats(m_owner, 0, QString());
    QVERIFY2(stats.ok(), qPrintable(errorText(stats)));
    QCOMPARE(stats->items.size(), 2);
    QVERIFY(!stats->nextCursor.has_value());

    const MeterUsageStats &apiCalls = stats->items.at(0);
    QCOMPARE(apiCalls.meter, QStringLiteral("api_calls"));
    QCOMPARE(apiCalls.usageEvents, qint64(0));
    QVERIFY(!apiCalls.lastEventAtNs.has_value());
    QCOMPARE(apiCalls.retentionDays, 90);

    const MeterUsageStats &tokens = stats->items.at(1);
    QCOMPARE(tokens.meter, QStringLiteral("tokens"));
    QCOMPARE(tokens.usageEvents, qint64(0));
    QVERIFY(!tokens.lastEventAtNs.has_value());
    QCOMPARE(tokens.retentionDays, 30);
}

void TstMeterCatalog::statsPaging()
{
    MeterCatalog &meters = m_engine->meters();
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("tokens"))).ok());
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("api_calls"))).ok());

    const auto first = meters.stats(m_owner, 1, QString());
    QVERIFY(first.ok());
    QCOMPARE(first->items.size(), 1);
    QCOMPARE(first->items.first().meter, QStringLiteral("api_calls"));
    QVERIFY(first->nextCursor.has_value());

    const auto second = meters.stats(m_owner, 1, *first->nextCursor);
    QVERIFY(second.ok());
    QCOMPARE(second->items.size(), 1);
    QCOMPARE(second->items.first().meter, QStringLiteral("tokens"));
    QVERIFY(!second->nextCursor.has_value());
}

void TstMeterCatalog::getIsByIdOnly()
{
    MeterCatalog &meters = m_engine->meters();
    const auto created = meters.create(m_owner, meterDraft(QStringLiteral("api_calls")));
    QVERIFY(created.ok());
    const auto byName = meters.get(m_owner, QStringLiteral("api_calls"));
    QVERIFY(!byName.ok());
    QCOMPARE(byName.error().httpStatus(), 404);

    const auto found = meters.findByName(m_owner, QStringLiteral("api_calls"));
    QVERIFY(found.ok());
    QCOMPARE(found->id, created->id);
    QCOMPARE(meters.findByName(m_owner, QStringLiteral("nope")).error().httpStatus(), 404);
}

void TstMeterCatalog::unknownIdIsNotFound()
{
    MeterCatalog &meters = m_engine->meters();
    const QString unknown = QStringLiteral("5d7c1f3a-9b2e-4c1d-8e7f-0a1b2c3d4e5f");
    const auto got = meters.get(m_owner, unknown);
    QVERIFY(!got.ok());
    QCOMPARE(got.error().httpStatus(), 404);
    QCOMPARE(got.error().code, QStringLiteral("not_found"));

    MeterPatch patch;
    patch.description = QStringLiteral("x");
    const auto updated = meters.update(m_owner, unknown, patch);
    QVERIFY(!updated.ok());
    QCOMPARE(updated.error().httpStatus(), 404);

    const Status removed = meters.remove(m_owner, unknown);
    QVERIFY(!removed.ok());
    QCOMPARE(removed.error().httpStatus(), 404);
}

void TstMeterCatalog::deleteWithUsageIsConflict()
{
    // §4.4 / §13.5 item 30
    MeterCatalog &meters = m_engine->meters();
    const auto used = meters.create(m_owner, meterDraft(QStringLiteral("api_calls")));
    const auto unused = meters.create(m_owner, meterDraft(QStringLiteral("tokens")));
    QVERIFY(used.ok() && unused.ok());
    const Status inserted = insertUsageEvent(QStringLiteral("api_calls"), kT0);
    QVERIFY2(inserted.ok(), qPrintable(inserted.ok() ? QString() : inserted.error().message));

    const Status refused = meters.remove(m_owner, used->id);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().httpStatus(), 409);
    QCOMPARE(refused.error().code, QStringLiteral("conflict"));
    QCOMPARE(refused.error().message, QStringLiteral("conflict\nmeter has usage"));
    QVERIFY(meters.get(m_owner, used->id).ok());

    // Other meters are unaffected.
    QVERIFY(meters.remove(m_owner, unused->id).ok());

    // Once its events are gone (pruned), the meter can be deleted.
    QVERIFY(deleteUsageEvents(QStringLiteral("api_calls")).ok());
    const Status removed = meters.remove(m_owner, used->id);
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().message));
    QCOMPARE(meters.get(m_owner, used->id).error().httpStatus(), 404);
}

void TstMeterCatalog::dimensionEvolutionAfterUsage()
{
    // §13.5 item 31: region (required) + status (optional number) with usage; PUT with only region → 409.
    MeterCatalog &meters = m_engine->meters();
    const auto created = meters.create(m_owner,
        meterDraft(QStringLiteral("api_calls"),
            {dimDraft(QStringLiteral("region")),
                dimDraft(QStringLiteral("status"), QStringLiteral("number"), false)}));
    QVERIFY(created.ok());

    // Without usage anything goes (and is then undone).
    MeterPatch onlyRegion;
    onlyRegion.dimensions = QList<DimensionDraft>{dimDraft(QStringLiteral("region"))};
    QVERIFY(meters.update(m_owner, created->id, onlyRegion).ok());
    MeterPatch restore;
    restore.dimensions = QList<DimensionDraft>{dimDraft(QStringLiteral("region")),
        dimDraft(QStringLiteral("status"), QStringLiteral("number"), false)};
    QVERIFY(meters.update(m_owner, created->id, restore).ok());

    QVERIFY(insertUsageEvent(QStringLiteral("api_calls"), kT0).ok());

    const auto removal = meters.update(m_owner, created->id, onlyRegion);
    QVERIFY(!removal.ok());
    QCOMPARE(removal.error().httpStatus(), 409);
    QCOMPARE(removal.error().code, QStringLiteral("conflict"));
    QCOMPARE(removal.error().message,
        QStringLiteral("conflict: dimension \"status\" cannot be removed after usage has been recorded"));

    MeterPatch addRequired;
    addRequired.dimensions = QList<DimensionDraft>{dimDraft(QStringLiteral("region")),
        dimDraft(QStringLiteral("status"), QStringLiteral("number"), false),
        dimDraft(QStringLiteral("plan"))};
    const auto added = meters.update(m_owner, created->id, addRequired);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().message,
        QStringLiteral(
            "conflict: required dimension \"plan\" cannot be added after usage has been recorded"));

    // The stored meter is unchanged by the refused updates.
    const auto stored = meters.get(m_owner, created->id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->dimensions.size(), 2);

    // Safe evolution (add optional, deprecate) is allowed; so are updates without dimensions.
    MeterPatch safe;
    safe.dimensions
        = QList<DimensionDraft>{dimDraft(QStringLiteral("region"), QStringLiteral("string"), true, true),
            dimDraft(QStringLiteral("status"), QStringLiteral("number"), false),
            dimDraft(QStringLiteral("plan"), QStringLiteral("string"), false)};
    const auto evolved = meters.update(m_owner, created->id, safe);
    QVERIFY2(evolved.ok(), qPrintable(errorText(evolved)));
    QCOMPARE(evolved->dimensions.size(), 3);

    MeterPatch aggregationOnly;
    aggregationOnly.aggregation = QStringLiteral("max");
    const auto reaggregated = meters.update(m_owner, created->id, aggregationOnly);
    QVERIFY(reaggregated.ok());
    QCOMPARE(reaggregated->aggregation, Aggregation::Max);
    QCOMPARE(reaggregated->dimensions.size(), 3);

    // Usage of *another* meter does not restrict this one.
    const auto other
        = meters.create(m_owner, meterDraft(QStringLiteral("tokens"), {dimDraft(QStringLiteral("region"))}));
    QVERIFY(other.ok());
    MeterPatch clear;
    clear.dimensions = QList<DimensionDraft>{};
    QVERIFY(meters.update(m_owner, other->id, clear).ok());
}

void TstMeterCatalog::apiKeyAuthorization()
{
    MeterCatalog &meters = m_engine->meters();
    const auto a = meters.create(m_owner, meterDraft(QStringLiteral("A")));
    const auto b = meters.create(m_owner, meterDraft(QStringLiteral("B")));
    QVERIFY(a.ok() && b.ok());

    Principal reader;
    reader.kind = Principal::Kind::ApiKey;
    reader.workspaceId = m_owner.workspaceId;
    reader.apiKeyId = QStringLiteral("k");
    reader.scopes = {QStringLiteral("meters:read")};
    reader.allowedMeters = {QStringLiteral("A")};

    // Missing meters:write.
    const auto create = meters.create(reader, meterDraft(QStringLiteral("A2")));
    QVERIFY(!create.ok());
    QCOMPARE(create.error().httpStatus(), 403);
    QCOMPARE(create.error().message, QStringLiteral("forbidden\nnot allowed to meters:write meter"));

    // Allow-list: A readable, B forbidden, an unknown id is 404 (lookup before 403).
    QVERIFY(meters.get(reader, a->id).ok());
    const auto forbidden = meters.get(reader, b->id);
    QVERIFY(!forbidden.ok());
    QCOMPARE(forbidden.error().httpStatus(), 403);
    QCOMPARE(forbidden.error().message, QStringLiteral("forbidden\napi key cannot access meter \"B\""));
    QCOMPARE(
        meters.get(reader, QStringLiteral("5d7c1f3a-9b2e-4c1d-8e7f-0a1b2c3d4e5f")).error().httpStatus(), 404);

    // List without a name → empty resource meter → forbidden for a meter-restricted key; with name A → ok.
    QCOMPARE(meters.list(reader, QString(), 0, QString()).error().httpStatus(), 403);
    const auto named = meters.list(reader, QStringLiteral("A"), 0, QString());
    QVERIFY(named.ok());
    QCOMPARE(named->items.size(), 1);
    QCOMPARE(meters.stats(reader, 0, QString()).error().httpStatus(), 403);

    // Update/delete need meters:write.
    MeterPatch patch;
    patch.description = QStringLiteral("x");
    QCOMPARE(meters.update(reader, a->id, patch).error().httpStatus(), 403);
    QCOMPARE(meters.remove(reader, a->id).error().httpStatus(), 403);
    QVERIFY(meters.get(m_owner, a->id).ok());
}

void TstMeterCatalog::systemCountersFollowMeters()
{
    // §3: meters counter +1 per create, −1 per delete.
    MeterCatalog &meters = m_engine->meters();
    const auto a = meters.create(m_owner, meterDraft(QStringLiteral("a")));
    QVERIFY(meters.create(m_owner, meterDraft(QStringLiteral("b"))).ok());
    QVERIFY(!meters.create(m_owner, meterDraft(QStringLiteral("b"))).ok()); // duplicate does not count
    auto counters = m_engine->systemCounters(m_owner);
    QVERIFY(counters.ok());
    QCOMPARE(counters->meters, qint64(2));
    QVERIFY(meters.remove(m_owner, a->id).ok());
    counters = m_engine->systemCounters(m_owner);
    QCOMPARE(counters->meters, qint64(1));
}

void TstMeterCatalog::schemaVersionAndReopen()
{
    auto *sqlite = dynamic_cast<SqliteStore *>(&m_engine->store());
    QVERIFY(sqlite);
    // Every migration applied: migration N sets PRAGMA user_version to N (version 1 is the first).
    const int latest = int(sqlite_schema::migrations().size());
    QVERIFY(latest >= 1);
    QCOMPARE(sqlite->schemaVersion(), latest);
    QVERIFY(m_engine->ready().ok());

    const auto created = m_engine->meters().create(
        m_owner, meterDraft(QStringLiteral("api_calls"), {dimDraft(QStringLiteral("service.tier"))}, 45));
    QVERIFY(created.ok());
    const auto key = m_engine->apiKeys().create(
        m_engine->defaultWorkspaceId(), {QStringLiteral("ci"), {}, {}, std::nullopt});
    QVERIFY(key.ok());

    // Close and open the same file again: data kept, no re-migration.
    m_engine.reset();
    QVERIFY(open());
    sqlite = dynamic_cast<SqliteStore *>(&m_engine->store());
    QVERIFY(sqlite);
    QCOMPARE(sqlite->schemaVersion(), latest);

    const auto reloaded = m_engine->meters().get(m_owner, created->id);
    QVERIFY2(reloaded.ok(), qPrintable(errorText(reloaded)));
    QCOMPARE(reloaded.value(), created.value());
    QCOMPARE(reloaded->dimensions.first().displayName, QStringLiteral("Service Tier"));
    QVERIFY(m_engine->apiKeys().authenticate(key->secret).ok());
    QCOMPARE(m_engine->systemCounters(m_owner)->meters, qint64(1));
}

void TstMeterCatalog::newerSchemaIsRefused()
{
    // A database written by a newer program must not be opened (and silently mis-read) by this one.
    auto *sqlite = dynamic_cast<SqliteStore *>(&m_engine->store());
    QVERIFY(sqlite);
    const QByteArray pragma = "PRAGMA user_version=" + QByteArray::number(sqlite->schemaVersion() + 1);
    QVERIFY(sqlite->writeTransaction([&](SqliteConnection &db) { return db.exec(pragma.constData()); }).ok());
    m_engine.reset();

    auto engine = Engine::open(
        {m_dir->filePath(QStringLiteral("meters.db")), true}, std::make_unique<ManualClock>(kT0));
    QVERIFY(!engine.ok());
}

QTEST_GUILESS_MAIN(TstMeterCatalog)
#include "tst_metercatalog.moc"
