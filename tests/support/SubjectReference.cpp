#include "SubjectReference.h"

#include "store/sqlite/SqliteTime.h"

#include <sqlite3.h>

namespace {

QString line(const QString &subject, qint64 events, qint64 meters, osc::TimeNs lastEventNs)
{
    return QStringLiteral("%1 %2 %3 %4")
        .arg(subject)
        .arg(events)
        .arg(meters)
        .arg(QString::fromLatin1(lastEventNs.toDecimal()));
}

} // namespace

QStringList subjectLinesFromEvents(const QString &databasePath)
{
    QStringList out;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(qPrintable(databasePath), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return out; // empty: the comparison fails and shows it
    }
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT subject, COUNT(*), COUNT(DISTINCT meter), MAX(event_time) AS t FROM usage_events "
        "GROUP BY subject ORDER BY t DESC, subject",
        -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        out.append(line(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))),
            sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2),
            osc::sqlite_time::column(stmt, 3).value_or(osc::TimeNs())));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

QStringList subjectLines(const QList<osc::SubjectSummary> &summaries)
{
    QStringList out;
    for (const osc::SubjectSummary &s : summaries)
        out.append(line(s.subject, s.usageEvents, s.meters, s.lastEventAtNs));
    return out;
}
