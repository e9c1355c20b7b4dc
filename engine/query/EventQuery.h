#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/UsageEvent.h"
#include "query/EventSearch.h"
#include "store/EventLog.h"
#include "store/EventReads.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace osc {

// Raw usage events and subjects (contract §6.9, §6.10, §7.2): validation order, authorization,
// limits and keyset cursors. The SQL lives in the store.
class EventQueries
{
public:
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 1000;

    EventQueries(EventLog &store, const Clock &clock);

    // Newest first (event_time DESC, id DESC); `search` = true for the POST form (authorized as
    // SearchUsageEvents).
    Result<Page<UsageEvent>> listEvents(
        const Principal &principal, const EventSearch &search, bool searchForm = false);
    // The rows of the direct export (§7.2): newest first, first page only (the cursor is ignored).
    Result<QList<UsageEvent>> exportEventRows(const Principal &principal, const EventSearch &search);
    // Every row of an event export up to `maxRows` (no §1.9 cap), newest first, for queued export jobs:
    // validated and authorized like the direct export, then streamed by the store in pages of up to
    // `pageRows` rows (EventLog::streamUsageEventRows: memory stays flat whatever the size). The sink may
    // swap a page's buffers out; returning false stops (not an error).
    Status forEachEventPage(const Principal &principal, const EventSearch &search, qint64 maxRows,
        int pageRows, const EventLog::EventPageSink &sink);
    Result<Page<SubjectSummary>> listSubjects(
        const Principal &principal, qint64 limit, const QString &cursor);
    // Newest first, no cursor (§6.10).
    Result<QList<UsageEvent>> subjectEvents(const Principal &principal, const QString &subject, qint64 limit);

private:
    EventLog &m_store;
    const Clock &m_clock;
};

} // namespace osc
