#include "EventQuery.h"

#include "auth/Permission.h"
#include "core/Cursor.h"
#include "ingest/IngestValidator.h"
#include "query/QueryPreflight.h"

#include <algorithm>
#include <vector>

namespace osc {

namespace {

// The store's read of a checked search; it points into `checked`, which must outlive it.
EventReadQuery readOf(const query::CheckedEventSearch &checked)
{
    EventReadQuery read;
    read.subject = checked.subject;
    read.meter = checked.meter;
    read.fromNs = checked.fromNs;
    read.toNs = checked.toNs;
    read.filter = checked.filter ? &*checked.filter : nullptr;
    return read;
}

} // namespace

EventQueries::EventQueries(EventLog &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

Result<Page<UsageEvent>> EventQueries::listEvents(
    const Principal &principal, const EventSearch &search, bool searchForm)
{
    const Operation operation = searchForm ? Operation::SearchUsageEvents : Operation::ListUsageEvents;
    auto checked = query::QueryPreflight::eventSearch(principal, search, operation);
    if (!checked)
        return checked.error();
    EventReadQuery read = readOf(checked.value());
    auto cursor = wire::decodeCursor(search.cursor);
    if (!cursor)
        return cursor.error();
    // Without a time the cursor names no position (upstream ignores it too); without an id the page
    // resumes strictly before the time.
    read.afterTimeNs = cursor->timeNs;
    read.afterId = cursor->id.value_or(QString());
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
    if (auto s = query::checkExportLimit(search.limit); !s)
        return s.error();
    auto checked = query::QueryPreflight::eventSearch(principal, search, Operation::ExportUsageEvents);
    if (!checked)
        return checked.error();
    EventReadQuery read = readOf(checked.value());
    read.limit = search.limit > 0 ? int(search.limit) : kDefaultPageSize;

    auto rows = m_store.listUsageEvents(principal.workspaceId, read);
    if (!rows)
        return rows.error();
    if (rows->size() > read.limit)
        rows->resize(read.limit);
    return std::move(rows.value());
}

Status EventQueries::forEachEventPage(const Principal &principal, const EventSearch &search, qint64 maxRows,
    int pageRows, const EventLog::EventPageSink &sink)
{
    auto checked = query::QueryPreflight::eventSearch(principal, search, Operation::ExportUsageEvents);
    if (!checked)
        return checked.error();
    const EventReadQuery read = readOf(checked.value());
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
