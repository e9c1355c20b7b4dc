// SqliteStore::streamUsageEventRows: every event of a query, newest first in §1.8 order, for export
// jobs of any size.
//
// Each meter is one long index scan of usage_events_meter_time in event_time DESC order. SQLite
// would also sort ties by id when asked (ORDER BY event_time DESC, id DESC), but it pushes every row
// through its sorter to do so, which measured a third slower; here only the rows sharing a timestamp
// are sorted, in C++, once the scan has moved past their timestamp. Without a meter, the meters'
// scans are merged on (event_time, id).
//
// Memory stays flat: a scan buffers one batch plus the timestamp group in progress, and a group larger
// than maxTieGroupRows (a backfill that stamped many events with one instant) is read in id-keyset
// pages of that size instead. The read transaction is renewed every rowsPerSnapshot rows, so a long
// export does not hold the WAL back from checkpoints; the scans resume just past what they returned.
// The limits are SqliteStore::Options::EventStreamLimits.

#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteScan.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace osc {

namespace {

using Limits = SqliteStore::Options::EventStreamLimits;

// The stream's page cache (sqlite::PageCacheCap): each page is read once, so a small cache keeps
// memory flat whatever the export's size, as for bucket scans.
constexpr int kStreamPageCacheKiB = 2048;

// Rows are (event_time DESC, id DESC): true when `a` comes first.
bool before(const UsageEventRows &pa, const UsageEventRows::Row &a, const UsageEventRows &pb,
    const UsageEventRows::Row &b)
{
    if (a.eventTimeNs != b.eventTimeNs)
        return a.eventTimeNs > b.eventTimeNs;
    return pa.view(a.id).compare(pb.view(b.id)) > 0;
}

// Columns of every scan: 0 id, 1 idempotency_key, 2 subject, 3 quantity, 4 event_time, 5 received_at,
// 6 metadata. The meter is the scan's own.
constexpr const char *kColumns
    = "SELECT id, idempotency_key, subject, quantity, event_time, received_at, metadata "
      "FROM usage_events WHERE workspace_id = ? AND meter = ?";

void appendRow(UsageEventRows &page, sqlite3_stmt *stmt, const QByteArray &meter)
{
    const auto keep = [&](int column) {
        const char *bytes = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
        if (!bytes)
            return UsageEventRows::Span{};
        return page.append(bytes, sqlite3_column_bytes(stmt, column));
    };
    UsageEventRows::Row row;
    row.id = keep(0);
    row.idempotencyKey = keep(1);
    row.subject = keep(2);
    row.meter = page.append(meter.constData(), meter.size());
    row.quantity = sqlite3_column_double(stmt, 3);
    row.eventTimeNs = sqlite_time::column(stmt, 4).value_or(TimeNs());
    row.receivedAtNs = sqlite_time::column(stmt, 5).value_or(TimeNs());
    row.metadata = keep(6);
    page.rows.push_back(row);
}

void copyRow(UsageEventRows &to, const UsageEventRows &from, const UsageEventRows::Row &source)
{
    const auto keep = [&](UsageEventRows::Span span) {
        return span.length < 0 ? span : to.append(from.text.data() + span.offset, span.length);
    };
    UsageEventRows::Row row = source;
    row.id = keep(source.id);
    row.idempotencyKey = keep(source.idempotencyKey);
    row.subject = keep(source.subject);
    row.meter = keep(source.meter);
    row.metadata = keep(source.metadata);
    to.rows.push_back(row);
}

// One meter's events, newest first.
class MeterScan
{
public:
    MeterScan(sqlite3 *db, const Limits &limits, const QString &workspaceId, const QString &meter,
        const EventReadQuery &query)
        : m_db(db)
        , m_limits(limits)
        , m_workspaceId(workspaceId)
        , m_meter(meter)
        , m_meterUtf8(meter.toUtf8())
        , m_query(query)
    {
        if (query.toNs)
            m_upper = Bound{*query.toNs, false};
        if (query.filter) {
            m_filter = sqlite::toSqlite(*query.filter);
            m_filter.sql = " AND (" + m_filter.sql + ")";
        }
    }

    // The first buffered row not returned yet; valid while hasRow().
    const UsageEventRows &rows() const { return m_rows; }
    const UsageEventRows::Row &head() const { return row(m_next); }
    bool hasRow() const { return m_next < m_ready; }
    void pop() { ++m_next; }

    // Makes a row available unless the scan is over. Reads a batch ahead; a timestamp group counts as
    // ready once a row with an earlier timestamp (or the end) shows it is complete.
    Status fill()
    {
        if (hasRow() || m_finished)
            return {};
        keepTrailingGroup();
        while (!hasRow() && !m_finished) {
            if (m_tieTime) {
                if (auto s = readTiePage(); !s)
                    return s;
                continue;
            }
            if (!m_scan) {
                if (auto s = openScan(); !s)
                    return s;
            }
            const qsizetype target = rowCount() + std::max(1, m_limits.scanBatchRows);
            while (rowCount() < target && m_scan->next()) {
                appendRow(m_rows, m_scan->statement(), m_meterUtf8);
                const qsizetype last = rowCount() - 1;
                if (last > 0 && row(last).eventTimeNs != row(last - 1).eventTimeNs)
                    m_groupStart = last;
                if (last + 1 - m_groupStart > tieLimit()) {
                    // Too many rows share this instant to hold them: drop them and read the instant
                    // in id order, a page at a time; the main scan then resumes below it.
                    m_tieTime = row(m_groupStart).eventTimeNs;
                    m_tieAfterId.clear();
                    truncateRows(m_groupStart);
                    closeScan();
                    break;
                }
            }
            if (m_scan && !m_tieTime) {
                if (auto s = m_scan->status(); !s)
                    return s;
                if (rowCount() < target) { // the scan is over: every buffered group is complete
                    closeScan();
                    m_finished = true;
                    m_groupStart = rowCount();
                }
            }
            sortReadyGroups(m_groupStart);
        }
        return {};
    }

    // Ends the scan's statement so the transaction can be renewed; it resumes just below the rows
    // read. The timestamp group in progress is dropped and read again in full.
    void suspend()
    {
        if (!m_scan)
            return;
        closeScan();
        if (m_groupStart < rowCount()) {
            m_upper = Bound{row(m_groupStart).eventTimeNs, true};
            truncateRows(m_groupStart);
        }
    }

private:
    struct Bound
    {
        TimeNs timeNs;
        bool inclusive = false;
    };

    void closeScan() { m_scan.reset(); }
    qsizetype rowCount() const { return qsizetype(m_rows.rows.size()); }
    const UsageEventRows::Row &row(qsizetype i) const { return m_rows.rows[std::size_t(i)]; }
    qsizetype tieLimit() const { return std::max(1, m_limits.maxTieGroupRows); }

    // The rows before `end` that were not returned yet are complete groups: sort each group by id.
    void sortReadyGroups(qsizetype end)
    {
        auto &rows = m_rows.rows;
        for (qsizetype i = m_ready; i < end;) {
            qsizetype j = i + 1;
            while (j < end && row(j).eventTimeNs == row(i).eventTimeNs)
                ++j;
            if (j - i > 1)
                std::sort(rows.begin() + i, rows.begin() + j,
                    [this](const UsageEventRows::Row &a, const UsageEventRows::Row &b) {
                        return m_rows.view(a.id).compare(m_rows.view(b.id)) > 0;
                    });
            i = j;
        }
        m_ready = std::max(m_ready, end);
    }

    // Drops the returned rows, keeping the group in progress (its bytes move to the buffer's front).
    void keepTrailingGroup()
    {
        UsageEventRows kept;
        std::swap(kept, m_spare);
        kept.clear();
        for (qsizetype i = m_groupStart; i < rowCount(); ++i)
            copyRow(kept, m_rows, row(i));
        std::swap(m_rows, kept);
        std::swap(m_spare, kept); // the old buffer's capacity is reused next time
        m_next = m_ready = m_groupStart = 0;
    }

    void truncateRows(qsizetype size)
    {
        const qsizetype textEnd = size < rowCount() ? row(size).id.offset : m_rows.text.size();
        m_rows.rows.resize(std::size_t(size));
        m_rows.text.resize(std::size_t(textEnd));
        m_groupStart = size;
    }

    QByteArray commonConditions(QList<QVariant> &binds) const
    {
        QByteArray sql;
        binds = {m_workspaceId, m_meter};
        if (!m_query.subject.isEmpty()) {
            sql += " AND subject = ?";
            binds.append(m_query.subject);
        }
        if (m_query.fromNs) {
            sql += " AND event_time >= ?";
            binds.append(sqlite_time::param(*m_query.fromNs));
        }
        if (m_query.afterTimeNs) {
            sql += " AND event_time <= ? AND (event_time < ? OR id < ?)";
            binds << sqlite_time::param(*m_query.afterTimeNs) << sqlite_time::param(*m_query.afterTimeNs)
                  << m_query.afterId;
        }
        return sql;
    }

    Status openScan()
    {
        QList<QVariant> binds;
        QByteArray sql = kColumns + commonConditions(binds);
        if (m_upper) {
            sql += m_upper->inclusive ? " AND event_time <= ?" : " AND event_time < ?";
            binds.append(sqlite_time::param(m_upper->timeNs));
        }
        sql += m_filter.sql;
        binds += m_filter.binds;
        // Index order only: ties are sorted above, so SQLite needs no sorter (see the file comment).
        sql += " ORDER BY event_time DESC";
        m_scan = std::make_unique<sqlite::SqliteScan>();
        return m_scan->prepare(m_db, sql, binds);
    }

    // One page of the oversized group at m_tieTime, ids descending; the main scan resumes below it.
    Status readTiePage()
    {
        QList<QVariant> binds;
        QByteArray sql = kColumns + commonConditions(binds) + " AND event_time = ?";
        binds.append(sqlite_time::param(*m_tieTime));
        if (!m_tieAfterId.isEmpty()) {
            sql += " AND id < ?";
            binds.append(m_tieAfterId);
        }
        sql += m_filter.sql + " ORDER BY id DESC LIMIT ?";
        binds += m_filter.binds;
        binds.append(qint64(tieLimit()));
        sqlite::SqliteScan page;
        if (auto s = page.prepare(m_db, sql, binds); !s)
            return s;
        const qsizetype first = rowCount();
        while (page.next())
            appendRow(m_rows, page.statement(), m_meterUtf8);
        if (auto s = page.status(); !s)
            return s;
        const qsizetype read = rowCount() - first;
        if (read > 0)
            m_tieAfterId = QString::fromUtf8(m_rows.view(m_rows.rows.back().id));
        if (read < tieLimit()) {
            m_upper = Bound{*m_tieTime, false};
            m_tieTime.reset();
        }
        m_groupStart = rowCount();
        m_ready = m_groupStart; // already in order
        return {};
    }

    sqlite3 *m_db;
    const Limits &m_limits;
    QString m_workspaceId;
    QString m_meter;
    QByteArray m_meterUtf8;
    const EventReadQuery &m_query;
    sqlite::SqlFragment m_filter;
    std::optional<Bound> m_upper;
    std::unique_ptr<sqlite::SqliteScan> m_scan;
    std::optional<TimeNs> m_tieTime; // an oversized timestamp group being read by id pages
    QString m_tieAfterId;
    bool m_finished = false;

    UsageEventRows m_rows;
    UsageEventRows m_spare;
    qsizetype m_next = 0; // first row not returned
    qsizetype m_ready = 0; // rows before this are sorted and may be returned
    qsizetype m_groupStart = 0; // first row of the timestamp group still being read
};

} // namespace

Status SqliteStore::streamUsageEventRows(const QString &workspaceId, const EventReadQuery &query,
    qint64 maxRows, int pageRows, const EventPageSink &sink)
{
    QStringList meters;
    if (!query.meter.isEmpty()) {
        meters = {query.meter};
    } else {
        MeterListQuery list;
        list.limit = 500;
        for (;;) {
            auto names = listMeters(workspaceId, list);
            if (!names)
                return names.error();
            const bool more = names->size() > list.limit;
            if (more)
                names->resize(list.limit);
            for (const Meter &meter : std::as_const(names.value()))
                meters.append(meter.name);
            if (!more)
                break;
            list.afterName = names->last().name;
        }
    }

    auto lease = read();
    if (!lease)
        return lease.error();
    sqlite3 *db = lease.value()->handle();
    const sqlite::PageCacheCap cacheCap(db, kStreamPageCacheKiB);
    // Declared before the scans: their statements are finalized before the transaction ends.
    auto snapshot = std::make_unique<sqlite::ReadSnapshot>(db);
    std::vector<std::unique_ptr<MeterScan>> scans;
    for (const QString &meter : std::as_const(meters))
        scans.push_back(std::make_unique<MeterScan>(db, m_options.eventStream, workspaceId, meter, query));
    // Heap of the scans with a row, newest head on top.
    const auto later = [](const MeterScan *a, const MeterScan *b) {
        return before(b->rows(), b->head(), a->rows(), a->head());
    };
    std::vector<MeterScan *> heap;
    for (auto &scan : scans) {
        if (auto s = scan->fill(); !s)
            return s;
        if (scan->hasRow())
            heap.push_back(scan.get());
    }
    std::make_heap(heap.begin(), heap.end(), later);

    UsageEventRows page;
    const qsizetype pageSize = std::max(1, pageRows);
    qint64 sent = 0;
    qint64 sinceSnapshot = 0;
    while (!heap.empty() && sent < maxRows) {
        std::pop_heap(heap.begin(), heap.end(), later);
        MeterScan *scan = heap.back();
        copyRow(page, scan->rows(), scan->head());
        scan->pop();
        ++sent;
        if (auto s = scan->fill(); !s)
            return s;
        if (scan->hasRow())
            std::push_heap(heap.begin(), heap.end(), later);
        else
            heap.pop_back();

        if (qsizetype(page.rows.size()) < pageSize)
            continue;
        if (!sink(page))
            return {};
        page.clear();
        sinceSnapshot += pageSize;
        if (sinceSnapshot >= m_options.eventStream.rowsPerSnapshot) {
            sinceSnapshot = 0;
            for (auto &each : scans)
                each->suspend();
            snapshot.reset(); // ends the old transaction before the next one begins
            snapshot = std::make_unique<sqlite::ReadSnapshot>(db);
        }
    }
    if (!page.rows.empty())
        sink(page);
    return {};
}

} // namespace osc
