#include "EventQuery.h"

#include "auth/Permission.h"
#include "core/Rfc3339.h"
#include "format/CsvWriter.h"
#include "ingest/IngestValidator.h"
#include "filter/Filter.h"
#include "core/Cursor.h"

#include <algorithm>
#include <vector>

namespace osc {

namespace {

constexpr int kMaxExportRows = 1000;

// The request-level part of a search, checked before authorization as upstream decodes it first
// (contract §2.3, §6.9): `from`, `to`, then the filter structure.
struct ParsedSearch
{
    EventReadQuery read;
    std::optional<query::FilterNode> filter;
};

Result<ParsedSearch> parseRequest(const EventSearch &search)
{
    ParsedSearch parsed;
    if (!search.from.isEmpty()) {
        parsed.read.fromNs = rfc3339::parse(search.from);
        if (!parsed.read.fromNs)
            return Error::request(QStringLiteral("invalid_from"), QStringLiteral("from must be RFC3339"));
    }
    if (!search.to.isEmpty()) {
        parsed.read.toNs = rfc3339::parse(search.to);
        if (!parsed.read.toNs)
            return Error::request(QStringLiteral("invalid_to"), QStringLiteral("to must be RFC3339"));
    }
    auto filter = query::parseFilter(search.filter);
    if (!filter)
        return filter.error();
    parsed.filter = std::move(filter.value());
    parsed.read.subject = search.subject.trimmed();
    parsed.read.meter = search.meter.trimmed();
    return parsed;
}

// Domain rules after authorization: subject format, then the range.
Status validateDomain(const EventReadQuery &read)
{
    if (!read.subject.isEmpty()) {
        if (auto s = IngestValidator::validateSubject(read.subject); !s)
            return s;
    }
    if (read.fromNs && read.toNs && !(*read.fromNs < *read.toNs))
        return Error::invalidInput(QStringLiteral("valid from and to range is required"));
    return {};
}

} // namespace

EventQueries::EventQueries(EventLog &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

QByteArray EventQueries::csvHeader()
{
    return QByteArrayLiteral("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n");
}

Result<Page<UsageEvent>> EventQueries::listEvents(
    const Principal &principal, const EventSearch &search, bool searchForm)
{
    auto parsed = parseRequest(search);
    if (!parsed)
        return parsed.error();
    EventReadQuery &read = parsed->read;
    const Operation operation = searchForm ? Operation::SearchUsageEvents : Operation::ListUsageEvents;
    if (auto s = authorize(principal, operation, {read.meter}); !s)
        return s.error();
    if (auto s = validateDomain(read); !s)
        return s.error();
    auto cursor = wire::decodeCursor(search.cursor);
    if (!cursor)
        return cursor.error();
    // Without a time the cursor names no position (upstream ignores it too); without an id the page
    // resumes strictly before the time.
    read.afterTimeNs = cursor->timeNs;
    read.afterId = cursor->id.value_or(QString());
    read.filter = parsed->filter ? &*parsed->filter : nullptr;
    read.limit = clampLimit(search.limit, kDefaultPageSize, kMaxPageSize);

    auto rows = m_store.listUsageEvents(principal.workspaceId, read);
    if (!rows)
        return rows.error();
    Page<UsageEvent> page;
    page.items = std::move(rows.value());
    if (page.items.size() > read.limit) {
        page.items.resize(read.limit);
        const UsageEvent &last = page.items.last();
        page.nextCursor = wire::encodeCursor({std::nullopt, last.eventTimeNs, last.id});
    }
    return page;
}

Result<QList<UsageEvent>> EventQueries::exportEventRows(const Principal &principal, const EventSearch &search)
{
    // Direct exports refuse what lists would clamp (contract §1.9, §7.1).
    if (search.limit < 0)
        return Error::request(
            QStringLiteral("invalid_limit"), QStringLiteral("limit must be a positive integer"));
    if (search.limit > kMaxExportRows)
        return Error::request(
            QStringLiteral("invalid_limit"), QStringLiteral("limit must be less than or equal to 1000"));
    auto parsed = parseRequest(search);
    if (!parsed)
        return parsed.error();
    EventReadQuery &read = parsed->read;
    if (auto s = authorize(principal, Operation::ExportUsageEvents, {read.meter}); !s)
        return s.error();
    if (auto s = validateDomain(read); !s)
        return s.error();
    read.filter = parsed->filter ? &*parsed->filter : nullptr;
    read.limit = search.limit > 0 ? int(search.limit) : kDefaultPageSize;

    auto rows = m_store.listUsageEvents(principal.workspaceId, read);
    if (!rows)
        return rows.error();
    if (rows->size() > read.limit)
        rows->resize(read.limit);
    return std::move(rows.value());
}

Result<QByteArray> EventQueries::exportEventsCsv(const Principal &principal, const EventSearch &search)
{
    auto rows = exportEventRows(principal, search);
    if (!rows)
        return rows.error();
    QByteArray out = csvHeader();
    csv::CsvWriter writer(&out);
    for (const UsageEvent &event : std::as_const(rows.value())) {
        writer.timestampField(event.eventTimeNs)
            .timestampField(event.receivedAtNs)
            .field(event.subject)
            .field(event.meter)
            .quantityField(event.quantity)
            .utf8Field(event.metadata)
            .field(event.id)
            .field(event.idempotencyKey.value_or(QString()));
        writer.endRow();
    }
    return out;
}

Status EventQueries::forEachEventPage(const Principal &principal, const EventSearch &search, qint64 maxRows,
    int pageRows, const EventLog::EventPageSink &sink)
{
    auto parsed = parseRequest(search);
    if (!parsed)
        return parsed.error();
    EventReadQuery &read = parsed->read;
    if (auto s = authorize(principal, Operation::ExportUsageEvents, {read.meter}); !s)
        return s.error();
    if (auto s = validateDomain(read); !s)
        return s.error();
    read.filter = parsed->filter ? &*parsed->filter : nullptr;
    return m_store.streamUsageEventRows(principal.workspaceId, read, maxRows, pageRows, sink);
}

Result<Page<SubjectSummary>> EventQueries::listSubjects(
    const Principal &principal, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::ListSubjects, {QString()}); !s)
        return s.error();
    auto decoded = wire::decodeCursor(cursor);
    if (!decoded)
        return decoded.error();
    const int pageSize = clampLimit(limit, kDefaultPageSize, kMaxPageSize);
    auto rows = m_store.listSubjects(
        principal.workspaceId, decoded->timeNs, decoded->id.value_or(QString()), pageSize);
    if (!rows)
        return rows.error();
    Page<SubjectSummary> page;
    page.items = std::move(rows.value());
    if (page.items.size() > pageSize) {
        page.items.resize(pageSize);
        const SubjectSummary &last = page.items.last();
        page.nextCursor = wire::encodeCursor({std::nullopt, last.lastEventAtNs, last.subject});
    }
    return page;
}

Result<QList<UsageEvent>> EventQueries::subjectEvents(
    const Principal &principal, const QString &subject, qint64 limit)
{
    if (auto s = authorize(principal, Operation::ListSubjectEvents, {QString()}); !s)
        return s.error();
    if (auto s = IngestValidator::validateSubject(subject.trimmed()); !s)
        return s.error();
    EventReadQuery read;
    read.subject = subject.trimmed();
    read.limit = clampLimit(limit, kDefaultPageSize, kMaxPageSize);
    auto rows = m_store.listUsageEvents(principal.workspaceId, read);
    if (!rows)
        return rows.error();
    if (rows->size() > read.limit)
        rows->resize(read.limit);
    return std::move(rows.value());
}

} // namespace osc
