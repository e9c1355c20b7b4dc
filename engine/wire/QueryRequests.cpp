#include "QueryRequests.h"

#include "core/GoBool.h"
#include "filter/Filter.h"
#include "query/QueryPreflight.h"
#include "json/StrictJson.h"

namespace osc::wire {

namespace {

const QLatin1StringView kFrom("from");
const QLatin1StringView kTo("to");

QString urlValue(const QUrlQuery &url, const QString &key)
{
    return url.queryItemValue(key, QUrl::FullyDecoded);
}

// Absent → nullopt (a required bound then reports it missing); present, even empty → its text.
std::optional<QString> urlText(const QUrlQuery &url, const QString &key)
{
    if (!url.hasQueryItem(key))
        return std::nullopt;
    return urlValue(url, key);
}

// Go strconv.ParseBool spellings; absent or empty → fallback.
Result<bool> urlBool(
    const QUrlQuery &url, const QString &key, bool fallback, const QString &code, const QString &message)
{
    const QString text = urlValue(url, key);
    if (text.isEmpty())
        return fallback;
    if (const auto parsed = parseGoBool(text))
        return *parsed;
    return Error::request(code, message);
}

Status checkLimit(qint64 limit, LimitRule rule)
{
    return rule == LimitRule::RefuseAboveMax ? query::checkExportLimit(limit) : Status();
}

// A body's filter: a wrongly typed node is a decode error, reported with the other type errors; its
// validation errors come after from and to (§6.2), so the caller reports them then.
using ParsedFilter = Result<std::optional<query::FilterNode>>;

} // namespace

Result<qint64> limitFromUrl(const QUrlQuery &url)
{
    const QString text = urlValue(url, QStringLiteral("limit")).trimmed();
    if (text.isEmpty())
        return qint64(0);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return query::invalidLimitError();
    return value;
}

Result<query::BucketQuery> bucketQueryFromUrl(const QUrlQuery &url, LimitRule limitRule)
{
    auto limit = limitFromUrl(url);
    if (!limit)
        return limit.error();
    if (auto s = checkLimit(limit.value(), limitRule); !s)
        return s.error();
    query::BucketQuery q;
    q.limit = limit.value();
    q.timeZone = urlValue(url, QStringLiteral("timezone")).trimmed();
    auto from = query::parseRequiredTime(urlText(url, kFrom), q.timeZone, true);
    if (!from)
        return from.error();
    auto to = query::parseRequiredTime(urlText(url, kTo), q.timeZone, false);
    if (!to)
        return to.error();
    auto fillEmpty = urlBool(url, QStringLiteral("fill_empty"), false, QStringLiteral("invalid_fill_empty"),
        QStringLiteral("fill_empty must be true or false"));
    if (!fillEmpty)
        return fillEmpty.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.fillEmpty = fillEmpty.value();
    q.meter = urlValue(url, QStringLiteral("meter")).trimmed();
    q.subject = urlValue(url, QStringLiteral("subject")).trimmed();
    q.bucketSize = urlValue(url, QStringLiteral("bucket_size")).trimmed();
    q.groupBy
        = query::normalizeGroupBy(url.allQueryItemValues(QStringLiteral("group_by"), QUrl::FullyDecoded));
    const auto items = url.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        q.queryItems.append({key, value});
    return q;
}

Result<query::BucketQuery> bucketQueryFromJson(const QJsonObject &body, LimitRule limitRule)
{
    json::ObjectReader reader(body);
    query::BucketQuery q;
    q.meter = reader.string(QLatin1StringView("meter")).value_or(QString()).trimmed();
    q.subject = reader.string(QLatin1StringView("subject")).value_or(QString()).trimmed();
    const std::optional<QString> fromText = reader.string(kFrom);
    const std::optional<QString> toText = reader.string(kTo);
    q.bucketSize = reader.string(QLatin1StringView("bucket_size")).value_or(QString()).trimmed();
    q.groupBy
        = query::normalizeGroupBy(reader.stringList(QLatin1StringView("group_by")).value_or(QStringList()));
    q.limit = reader.integer(QLatin1StringView("limit")).value_or(0);
    q.timeZone = reader.string(QLatin1StringView("timezone")).value_or(QString()).trimmed();
    q.fillEmpty = reader.boolean(QLatin1StringView("fill_empty")).value_or(false);
    const QJsonValue filterJson = reader.raw(QLatin1StringView("filter"));
    if (auto s = reader.status(); !s)
        return s.error();
    ParsedFilter filter = query::parseFilter(filterJson);
    if (!filter && filter.error().code == QLatin1String("invalid_json"))
        return filter.error();
    if (auto s = checkLimit(q.limit, limitRule); !s)
        return s.error();
    auto from = query::parseRequiredTime(fromText, q.timeZone, true);
    if (!from)
        return from.error();
    auto to = query::parseRequiredTime(toText, q.timeZone, false);
    if (!to)
        return to.error();
    if (!filter)
        return filter.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.filter = std::move(filter.value());
    return q;
}

Result<query::BreakdownQuery> breakdownQueryFromJson(const QJsonObject &body)
{
    json::ObjectReader reader(body);
    query::BreakdownQuery q;
    q.meter = reader.string(QLatin1StringView("meter")).value_or(QString()).trimmed();
    q.subject = reader.string(QLatin1StringView("subject")).value_or(QString()).trimmed();
    q.field = reader.string(QLatin1StringView("field")).value_or(QString());
    const std::optional<QString> fromText = reader.string(kFrom);
    const std::optional<QString> toText = reader.string(kTo);
    q.limit = reader.integer(QLatin1StringView("limit")).value_or(0);
    const QJsonValue filterJson = reader.raw(QLatin1StringView("filter"));
    if (auto s = reader.status(); !s)
        return s.error();
    ParsedFilter filter = query::parseFilter(filterJson);
    if (!filter && filter.error().code == QLatin1String("invalid_json"))
        return filter.error();
    auto from = query::parseRequiredTime(fromText, {}, true);
    if (!from)
        return from.error();
    auto to = query::parseRequiredTime(toText, {}, false);
    if (!to)
        return to.error();
    if (!filter)
        return filter.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.filter = std::move(filter.value());
    return q;
}

Result<query::DimensionValuesQuery> dimensionValuesQueryFromUrl(const QUrlQuery &url)
{
    auto limit = limitFromUrl(url);
    if (!limit)
        return limit.error();
    query::DimensionValuesQuery q;
    q.limit = limit.value();
    auto from = query::parseOptionalTime(urlValue(url, kFrom), true);
    if (!from)
        return from.error();
    auto to = query::parseOptionalTime(urlValue(url, kTo), false);
    if (!to)
        return to.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.meter = urlValue(url, QStringLiteral("meter")).trimmed();
    q.field = urlValue(url, QStringLiteral("field"));
    q.subject = urlValue(url, QStringLiteral("subject")).trimmed();
    return q;
}

Result<EventSearch> eventSearchFromUrl(const QUrlQuery &url)
{
    auto limit = limitFromUrl(url);
    if (!limit)
        return limit.error();
    EventSearch search;
    search.subject = urlValue(url, QStringLiteral("subject"));
    search.meter = urlValue(url, QStringLiteral("meter"));
    search.from = urlValue(url, kFrom);
    search.to = urlValue(url, kTo);
    search.cursor = urlValue(url, QStringLiteral("cursor"));
    search.limit = limit.value();
    return search;
}

Result<EventSearch> eventSearchFromJson(const QJsonObject &body, bool withCursor)
{
    json::ObjectReader reader(body);
    EventSearch search;
    search.subject = reader.string(QLatin1StringView("subject")).value_or(QString());
    search.meter = reader.string(QLatin1StringView("meter")).value_or(QString());
    search.from = reader.string(kFrom).value_or(QString());
    search.to = reader.string(kTo).value_or(QString());
    if (withCursor)
        search.cursor = reader.string(QLatin1StringView("cursor")).value_or(QString());
    search.limit = reader.integer(QLatin1StringView("limit")).value_or(0);
    search.filter = reader.raw(QLatin1StringView("filter"));
    if (auto s = reader.status(); !s)
        return s.error();
    return search;
}

} // namespace osc::wire
