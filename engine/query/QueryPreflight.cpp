#include "QueryPreflight.h"

#include "core/Rfc3339.h"
#include "ingest/IngestValidator.h"
#include "store/UsageScans.h"

namespace osc::query {

namespace {

Status checkSubject(const QString &subject)
{
    if (subject.isEmpty())
        return {};
    return IngestValidator::validateSubject(subject);
}

} // namespace

Error invalidFromError()
{
    return Error::request(QStringLiteral("invalid_from"), QStringLiteral("from must be RFC3339"));
}

Error invalidToError()
{
    return Error::request(QStringLiteral("invalid_to"), QStringLiteral("to must be RFC3339"));
}

Error invalidLimitError()
{
    return Error::request(
        QStringLiteral("invalid_limit"), QStringLiteral("limit must be a positive integer"));
}

Error limitTooLargeError()
{
    return Error::request(QStringLiteral("invalid_limit"),
        QStringLiteral("limit must be less than or equal to %1").arg(kMaxQueryLimit));
}

Status checkExportLimit(qint64 limit)
{
    if (limit < 0)
        return invalidLimitError();
    if (limit > kMaxQueryLimit)
        return limitTooLargeError();
    return {};
}

Result<TimeNs> parseRequiredTime(const std::optional<QString> &text, const QString &timeZone, bool isFrom)
{
    const Error missing = isFrom ? invalidFromError() : invalidToError();
    if (!text || text->isEmpty())
        return missing;
    return parseQueryTime(*text, timeZone, missing.code, missing.message);
}

Result<std::optional<TimeNs>> parseOptionalTime(const QString &text, bool isFrom)
{
    if (text.isEmpty())
        return std::optional<TimeNs>();
    const auto ns = rfc3339::parse(QStringView(text));
    if (!ns)
        return isFrom ? invalidFromError() : invalidToError();
    return std::optional<TimeNs>(*ns);
}

QString normalizeQueryField(const QString &raw)
{
    static const QString prefix = QStringLiteral("metadata.");
    QString field = raw.trimmed();
    if (field.startsWith(prefix))
        field = field.mid(prefix.size());
    return field;
}

QueryPreflight::QueryPreflight(MeterLookup findMeter)
    : m_findMeter(std::move(findMeter))
{ }

Result<Meter> QueryPreflight::findMeter(const Principal &principal, const QString &name) const
{
    auto meter = m_findMeter(principal.workspaceId, name);
    if (!meter)
        return meter.error();
    if (!meter->has_value())
        return Error::notFound();
    return std::move(**meter);
}

Result<CheckedBucketQuery> QueryPreflight::bucketQuery(
    const Principal &principal, const BucketQuery &query, Operation operation) const
{
    if (auto s = authorize(principal, operation, {query.meter}); !s)
        return s.error();
    auto meter = findMeter(principal, query.meter);
    if (!meter)
        return meter.error();
    if (query.groupBy.size() > kMaxGroupByFields)
        return Error::invalidInput(
            QStringLiteral("group_by supports up to %1 fields").arg(kMaxGroupByFields));
    for (const QString &field : query.groupBy)
        if (field != kSubjectGroupField && field != kApiKeyGroupField && !meter->dimension(field))
            return Error::invalidInputBare();
    if (auto s = checkSubject(query.subject); !s)
        return s.error();
    if (auto s = checkTimeOrder(query.fromNs, query.toNs); !s)
        return s.error();
    auto size = parseBucketSize(query.bucketSize);
    if (!size)
        return size.error();
    auto calendar = BucketCalendar::create(size.value(), query.timeZone.trimmed());
    if (!calendar)
        return calendar.error();
    if (auto s = calendar->checkRange(query.fromNs, query.toNs); !s)
        return s.error();
    auto metadataFilters = parseMetadataQueryFilters(query.queryItems);
    if (!metadataFilters)
        return metadataFilters.error();
    if (query.fillEmpty && !query.groupBy.isEmpty())
        return Error::invalidInput(QStringLiteral("fill_empty cannot be combined with group_by"));
    return CheckedBucketQuery{std::move(meter.value()), size.value(), std::move(calendar.value()),
        std::move(metadataFilters.value())};
}

Result<CheckedFieldQuery> QueryPreflight::breakdownQuery(
    const Principal &principal, const BreakdownQuery &query) const
{
    if (auto s = authorize(principal, Operation::SearchBreakdowns, {query.meter}); !s)
        return s.error();
    auto meter = findMeter(principal, query.meter);
    if (!meter)
        return meter.error();
    QString field = normalizeQueryField(query.field);
    // An empty field is neither `subject` nor a dimension: the same bare message (§6.7).
    if (field != kSubjectGroupField && field != kApiKeyGroupField && !meter->dimension(field))
        return Error::invalidInputBare();
    if (auto s = checkSubject(query.subject); !s)
        return s.error();
    if (auto s = checkTimeOrder(query.fromNs, query.toNs); !s)
        return s.error();
    return CheckedFieldQuery{std::move(meter.value()), std::move(field)};
}

Result<CheckedFieldQuery> QueryPreflight::dimensionValuesQuery(
    const Principal &principal, const DimensionValuesQuery &query) const
{
    if (auto s = authorize(principal, Operation::ListDimensionValues, {query.meter}); !s)
        return s.error();
    auto meter = findMeter(principal, query.meter);
    if (!meter)
        return meter.error();
    QString field = normalizeQueryField(query.field);
    if (field.isEmpty() || !meter->dimension(field))
        return Error::invalidInputBare();
    if (auto s = checkSubject(query.subject); !s)
        return s.error();
    if (query.fromNs && query.toNs)
        if (auto s = checkTimeOrder(*query.fromNs, *query.toNs); !s)
            return s.error();
    return CheckedFieldQuery{std::move(meter.value()), std::move(field)};
}

Result<CheckedEventSearch> QueryPreflight::eventSearchRequest(const EventSearch &search)
{
    CheckedEventSearch checked;
    auto from = parseOptionalTime(search.from, true);
    if (!from)
        return from.error();
    auto to = parseOptionalTime(search.to, false);
    if (!to)
        return to.error();
    auto filter = parseFilter(search.filter);
    if (!filter)
        return filter.error();
    checked.fromNs = from.value();
    checked.toNs = to.value();
    checked.filter = std::move(filter.value());
    checked.subject = search.subject.trimmed();
    checked.meter = search.meter.trimmed();
    return checked;
}

Result<CheckedEventSearch> QueryPreflight::eventSearch(
    const Principal &principal, const EventSearch &search, Operation operation)
{
    auto checked = eventSearchRequest(search);
    if (!checked)
        return checked.error();
    if (auto s = authorize(principal, operation, {checked->meter}); !s)
        return s.error();
    if (auto s = checkSubject(checked->subject); !s)
        return s.error();
    if (checked->fromNs && checked->toNs)
        if (auto s = checkTimeOrder(*checked->fromNs, *checked->toNs); !s)
            return s.error();
    return checked;
}

} // namespace osc::query
