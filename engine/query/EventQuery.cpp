#include "EventQuery.h"

#include "auth/Permission.h"
#include "core/Rfc3339.h"
#include "export/CsvWriter.h"
#include "ingest/IngestValidator.h"
#include "query/Filter.h"
#include "store/Store.h"
#include "wire/Cursor.h"

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

EventQueries::EventQueries(Store &store, const Clock &clock)
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

namespace {

// One meter's events in keyset pages, for the merge below.
struct EventStream
{
    EventReadQuery read;
    UsageEventRows page;
    qsizetype next = 0;
    bool exhausted = false;

    bool hasRow() const { return next < page.rows.size(); }
    const UsageEventRows::Row &head() const { return page.rows.at(next); }
};

// Newest first as §1.8 orders events: event_time DESC, then id DESC (byte order, as SQLite's BINARY).
bool newer(const EventStream &a, const EventStream &b)
{
    const UsageEventRows::Row &x = a.head();
    const UsageEventRows::Row &y = b.head();
    if (x.eventTimeNs != y.eventTimeNs)
        return x.eventTimeNs > y.eventTimeNs;
    return a.page.view(x.id).compare(b.page.view(y.id)) > 0;
}

} // namespace

Status EventQueries::forEachEventRow(const Principal &principal, const EventSearch &search, qint64 maxRows,
    int pageSize, const EventRowSink &sink)
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
    pageSize = std::max(1, pageSize);

    // One stream per meter. Without a meter every meter's stream is merged here, a page per meter at a
    // time: the store's multi-meter page would re-read a page of every meter for each page returned.
    std::vector<EventStream> streams;
    if (!read.meter.isEmpty()) {
        streams.push_back({read, {}, 0, false});
    } else {
        MeterListQuery meters;
        meters.limit = 500;
        for (;;) {
            auto names = m_store.listMeters(principal.workspaceId, meters);
            if (!names)
                return names.error();
            const bool more = names->size() > meters.limit;
            if (more)
                names->resize(meters.limit);
            for (const Meter &meter : std::as_const(names.value())) {
                streams.push_back({read, {}, 0, false});
                streams.back().read.meter = meter.name;
            }
            if (!more)
                break;
            meters.afterName = names->last().name;
        }
    }
    // Memory stays bounded: about pageSize rows in all, at least kMinStreamPage per meter.
    constexpr int kMinStreamPage = 256;
    const int streamPage = streams.size() <= 1
        ? pageSize
        : std::clamp(pageSize / int(streams.size()), std::min(kMinStreamPage, pageSize), pageSize);
    const auto refill = [&](EventStream &stream) -> Status {
        stream.next = 0;
        stream.read.limit = streamPage;
        if (auto s = m_store.listUsageEventRows(principal.workspaceId, stream.read, stream.page); !s)
            return s;
        stream.exhausted = stream.page.rows.size() <= streamPage;
        if (!stream.exhausted)
            stream.page.rows.resize(streamPage);
        if (!stream.page.rows.isEmpty()) {
            // Keyset: the next page starts strictly after the last row of this one (§1.8 order).
            const UsageEventRows::Row &last = stream.page.rows.last();
            stream.read.afterTimeNs = last.eventTimeNs;
            stream.read.afterId = QString::fromUtf8(stream.page.view(last.id));
        }
        return {};
    };
    for (EventStream &stream : streams)
        if (auto s = refill(stream); !s)
            return s;

    for (qint64 remaining = maxRows; remaining > 0; --remaining) {
        EventStream *best = nullptr;
        for (EventStream &stream : streams) {
            if (!stream.hasRow()) {
                if (stream.exhausted)
                    continue;
                if (auto s = refill(stream); !s)
                    return s;
                if (!stream.hasRow())
                    continue;
            }
            if (!best || newer(stream, *best))
                best = &stream;
        }
        if (!best)
            break;
        if (!sink(best->page, best->page.rows.at(best->next++)))
            break;
    }
    return {};
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
