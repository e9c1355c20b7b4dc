#pragma once

#include <QString>

#include <optional>

namespace osc::query {
struct FilterNode;
}

namespace osc {

// A raw-event read for Store::listUsageEvents: every condition is ANDed. Rows come newest first
// (event_time DESC, id DESC) so the id breaks ties between events sharing a timestamp (contract §1.8).
struct EventReadQuery
{
    QString subject; // empty = any
    QString meter; // empty = any
    std::optional<qint64> fromNs; // inclusive
    std::optional<qint64> toNs; // exclusive
    // Keyset cursor: only rows after (afterTimeNs, afterId) in the order above.
    std::optional<qint64> afterTimeNs;
    QString afterId;
    const query::FilterNode *filter = nullptr; // validated tree, or none
    int limit = 100; // the store returns up to limit + 1 rows so callers can tell if more exist
};

// Contract §6.10 item: aggregated from the stored events of one subject.
struct SubjectSummary
{
    QString subject;
    qint64 usageEvents = 0;
    qint64 meters = 0; // distinct meters
    qint64 lastEventAtNs = 0;
};

} // namespace osc
