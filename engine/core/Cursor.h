#pragma once

#include "core/TimeNs.h"

#include "core/Page.h"
#include "core/Result.h"

#include <QString>

#include <optional>

namespace osc::wire {

// Contract §1.8: base64url without padding of a compact JSON object with optional `name`, `time`
// (RFC 3339 with nanoseconds) and `id`. An empty cursor is the first page.
struct Cursor
{
    std::optional<QString> name;
    std::optional<TimeNs> timeNs;
    std::optional<QString> id;

    bool isEmpty() const { return !name && !timeNs && !id; }
};

QString encodeCursor(const Cursor &cursor);
// Undecodable → 400 `invalid_input` / `invalid input`.
Result<Cursor> decodeCursor(const QString &text);

// One page of a history listed newest first by (created_at, id) — ingestion runs, prune runs: decodes
// the cursor, asks `fetch(afterTimeNs, afterId, pageSize)` for up to pageSize + 1 rows and sets the
// next cursor from the last row kept. T needs `createdAtNs` and `id`.
template <typename T, typename Fetch>
Result<Page<T>> newestFirstPage(
    qint64 limit, const QString &cursor, int defaultLimit, int maxLimit, Fetch fetch)
{
    auto decoded = decodeCursor(cursor);
    if (!decoded)
        return decoded.error();
    const int pageSize = clampLimit(limit, defaultLimit, maxLimit);
    // History times are clock readings; a cursor naming a time beyond qint64 sorts past all of them.
    std::optional<qint64> afterTimeNs;
    if (decoded->timeNs)
        afterTimeNs = decoded->timeNs->clampedInt64();
    Result<QList<T>> rows = fetch(afterTimeNs, decoded->id.value_or(QString()), pageSize);
    if (!rows)
        return rows.error();
    Page<T> page;
    page.items = std::move(rows.value());
    if (page.items.size() > pageSize) {
        page.items.resize(pageSize);
        page.nextCursor = encodeCursor({std::nullopt, page.items.last().createdAtNs, page.items.last().id});
    }
    return page;
}

} // namespace osc::wire
