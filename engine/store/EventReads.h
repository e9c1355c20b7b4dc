#pragma once

#include "core/TimeNs.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace osc::query {
struct FilterNode;
}

namespace osc {

// A raw-event read for EventLog::listUsageEvents: every condition is ANDed. Rows come newest first
// (event_time DESC, id DESC) so the id breaks ties between events sharing a timestamp (contract §1.8).
struct EventReadQuery
{
    QString subject; // empty = any
    QString meter; // empty = any
    std::optional<TimeNs> fromNs; // inclusive
    std::optional<TimeNs> toNs; // exclusive
    // Keyset cursor: only rows after (afterTimeNs, afterId) in the order above.
    std::optional<TimeNs> afterTimeNs;
    QString afterId;
    const query::FilterNode *filter = nullptr; // validated tree, or none
    int limit = 100; // the store returns up to limit + 1 rows so callers can tell if more exist
};

// A page of stored events as EventLog::streamUsageEventRows reads it: the text columns stay UTF-8 in one
// buffer that is reused page after page, so streaming millions of rows into an export file costs no
// allocation per row or field.
struct UsageEventRows
{
    struct Span
    {
        qint32 offset = 0;
        qint32 length = -1; // -1: NULL
    };
    struct Row
    {
        TimeNs eventTimeNs;
        TimeNs receivedAtNs;
        double quantity = 0;
        Span id;
        Span idempotencyKey;
        Span subject;
        Span meter;
        Span metadata;
    };

    // Standard containers: appending to them is a bounds check and a copy, which is what a row costs.
    std::string text;
    std::vector<Row> rows;

    QByteArrayView view(Span span) const
    {
        return span.length < 0 ? QByteArrayView() : QByteArrayView(text.data() + span.offset, span.length);
    }
    Span append(const char *bytes, qsizetype size)
    {
        const Span span{qint32(text.size()), qint32(size)};
        text.append(bytes, std::size_t(size));
        return span;
    }
    // Keeps the capacity for the next page.
    void clear()
    {
        text.clear();
        rows.clear();
    }
};

// Contract §6.10 item: aggregated from the stored events of one subject.
struct SubjectSummary
{
    QString subject;
    qint64 usageEvents = 0;
    qint64 meters = 0; // distinct meters
    TimeNs lastEventAtNs;
};

} // namespace osc
