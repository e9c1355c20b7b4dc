// Raw-event and subject reads (contract §6.9, §6.10) for PgStore.
#include "store/postgres/PgStore.h"

#include "store/postgres/PgFilterSql.h"

namespace osc {

using pg::Param;

namespace {

UsageEvent eventFromRow(const pg::Rows &rows, int row)
{
    UsageEvent event;
    event.id = rows.text(row, 0);
    if (!rows.isNull(row, 1))
        event.idempotencyKey = rows.text(row, 1);
    event.subject = rows.text(row, 2);
    event.meter = rows.text(row, 3);
    event.quantity = rows.real(row, 4);
    event.eventTimeNs = rows.time(row, 5).value_or(TimeNs());
    event.receivedAtNs = rows.time(row, 6).value_or(TimeNs());
    event.metadata = rows.utf8(row, 7);
    return event;
}

} // namespace

QByteArray PgStore::eventConditions(
    const QString &workspaceId, const EventReadQuery &query, pg::Params &params)
{
    params.append(Param::text(workspaceId));
    QByteArray sql = "workspace_id = $1";
    const auto placeholder = [&params](Param value, const char *type) {
        params.append(std::move(value));
        return "$" + QByteArray::number(params.size()) + "::" + type;
    };
    if (!query.meter.isEmpty())
        sql += " AND meter = " + placeholder(Param::text(query.meter), "text");
    if (!query.subject.isEmpty())
        sql += " AND subject = " + placeholder(Param::text(query.subject), "text");
    if (query.fromNs)
        sql += " AND event_time >= " + placeholder(Param::time(*query.fromNs), "bytea");
    if (query.toNs)
        sql += " AND event_time < " + placeholder(Param::time(*query.toNs), "bytea");
    if (query.afterTimeNs) {
        // (t < ct) OR (t = ct AND id < cid), written so the index range starts at the cursor.
        const QByteArray cursor = placeholder(Param::time(*query.afterTimeNs), "bytea");
        sql += " AND event_time <= " + cursor + " AND (event_time < " + cursor + " OR id < "
            + placeholder(Param::text(query.afterId), "text") + ")";
    }
    if (query.filter)
        sql += " AND (" + pg::filterSql(*query.filter, params) + ")";
    return sql;
}

Result<QList<UsageEvent>> PgStore::listUsageEvents(const QString &workspaceId, const EventReadQuery &query)
{
    pg::Params params;
    const QByteArray conditions = eventConditions(workspaceId, query, params);
    params.append(Param::int64(qint64(query.limit) + 1));
    const QByteArray sql = "SELECT id, idempotency_key, subject, meter, quantity, event_time, received_at, "
                           "metadata_text FROM usage_events WHERE "
        + conditions + " ORDER BY event_time DESC, id DESC LIMIT $" + QByteArray::number(params.size());
    auto rows = this->query(sql, params);
    if (!rows)
        return rows.error();
    QList<UsageEvent> out;
    out.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i)
        out.append(eventFromRow(rows.value(), i));
    return out;
}

// Grouped from the raw events at every call: exact whatever another process wrote (SQLite keeps
// in-memory totals, which only work for one process).
Result<QList<SubjectSummary>> PgStore::listSubjects(
    const QString &workspaceId, std::optional<TimeNs> afterTimeNs, const QString &afterSubject, int limit)
{
    auto rows = query("SELECT subject, COUNT(*), COUNT(DISTINCT meter), osc_max(event_time) AS last_event_at "
                      "FROM usage_events WHERE workspace_id = $1 GROUP BY subject "
                      "HAVING $2::bytea IS NULL OR osc_max(event_time) < $2::bytea "
                      "OR (osc_max(event_time) = $2::bytea AND subject > $3::text) "
                      "ORDER BY last_event_at DESC, subject ASC LIMIT $4",
        {Param::text(workspaceId), afterTimeNs ? Param::time(*afterTimeNs) : Param::null_(),
            Param::text(afterSubject), Param::int64(qint64(limit) + 1)});
    if (!rows)
        return rows.error();
    QList<SubjectSummary> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(
            {rows->text(i, 0), rows->int64(i, 1), rows->int64(i, 2), rows->time(i, 3).value_or(TimeNs())});
    return out;
}

} // namespace osc

namespace osc {

// One server-side cursor in a REPEATABLE READ transaction: a consistent snapshot, read pageRows at
// a time, so memory stays flat whatever the size of the export.
Status PgStore::streamUsageEventRows(const QString &workspaceId, const EventReadQuery &query, qint64 maxRows,
    int pageRows, const EventPageSink &sink)
{
    pg::Params params;
    const QByteArray conditions = eventConditions(workspaceId, query, params);
    const QByteArray sql
        = "DECLARE osc_event_stream NO SCROLL CURSOR FOR SELECT id, idempotency_key, subject, "
          "meter, quantity, event_time, received_at, metadata_text FROM usage_events WHERE "
        + conditions + " ORDER BY event_time DESC, id DESC";
    auto lease = acquire();
    if (!lease)
        return lease.error();
    pg::Connection &db = *lease.value();
    if (auto s = db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s)
        return s;
    const auto finish = [&db](Status status) {
        if (db.isOpen())
            (void)db.run(status ? "COMMIT" : "ROLLBACK");
        return status;
    };
    if (auto declared = db.execOnce(sql, params); !declared)
        return finish(declared.error());
    const qsizetype pageSize = std::max(1, pageRows);
    const QByteArray fetch = "FETCH FORWARD " + QByteArray::number(pageSize) + " FROM osc_event_stream";
    UsageEventRows page;
    qint64 sent = 0;
    while (sent < maxRows) {
        auto rows = db.execOnce(fetch);
        if (!rows)
            return finish(rows.error());
        const int count = rows->size();
        for (int i = 0; i < count && sent < maxRows; ++i, ++sent) {
            UsageEventRows::Row row;
            const auto span = [&](int column) {
                if (rows->isNull(i, column))
                    return UsageEventRows::Span{qint32(page.text.size()), -1};
                const QByteArrayView bytes = rows->view(i, column);
                return page.append(bytes.data(), bytes.size());
            };
            row.id = span(0);
            row.idempotencyKey = span(1);
            row.subject = span(2);
            row.meter = span(3);
            row.quantity = rows->real(i, 4);
            row.eventTimeNs = rows->time(i, 5).value_or(TimeNs());
            row.receivedAtNs = rows->time(i, 6).value_or(TimeNs());
            row.metadata = span(7);
            page.rows.push_back(row);
        }
        if (!page.rows.empty() && qsizetype(page.rows.size()) >= pageSize) {
            if (!sink(page))
                return finish({});
            page.clear();
        }
        if (count < pageSize)
            break;
    }
    if (!page.rows.empty())
        sink(page);
    return finish({});
}

} // namespace osc
