#pragma once

#include "rollup/RollupDelta.h"

#include <QHash>
#include <QMutex>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

namespace osc::sqlite {

// GET /v1/subjects reads per (workspace, subject, meter) totals held in memory: derived once from the
// durable subject rollups, then kept current by every commit and prune, which saves one upsert per
// distinct subject per commit on the ingest path. Thread-safe; the derivation protocol lets the scan
// run on a read snapshot while commits go on:
//   beginDerivation() (with the writer held, at the snapshot) → scan → install(generation, totals).
// Commits that land after the snapshot wait in a backlog and are applied on install; a prune or an
// invalidation in between makes install() refuse, so the caller derives again.
class SubjectTotals
{
public:
    using Key = QPair<QString, QString>; // (subject, meter)
    using WorkspaceTotals = QHash<Key, rollup::SubjectMeterTally>;
    using AllTotals = QHash<QString, WorkspaceTotals>; // by workspace id

    bool held() const;
    // The generation of a derivation starting now, or nullopt when the totals are already held.
    std::optional<quint64> beginDerivation();
    // False when the derivation was aborted meanwhile (its snapshot is stale).
    bool install(quint64 generation, AllTotals derived);
    // A commit's tallies.
    void add(const rollup::SubjectMeterTallies &subjectMeters);
    // A prune removed `removedBySubject` events of `meter` (the oldest ones: last event times stay).
    void subtract(
        const QString &workspaceId, const QString &meter, const QHash<QString, qint64> &removedBySubject);
    // Forgets everything (a failed prune commit, a rebuild); the totals are derived again later.
    void invalidate();
    // The workspace's totals, or nullopt while they are not held.
    std::optional<WorkspaceTotals> workspace(const QString &workspaceId) const;

private:
    void addLocked(const rollup::SubjectMeterTallies &subjectMeters);
    void abortDerivationLocked();

    mutable QMutex m_mutex;
    bool m_valid = false;
    bool m_collecting = false; // a derivation is running: commits go to the backlog
    quint64 m_generation = 0; // bumped by every start or abort of a derivation
    std::vector<rollup::SubjectMeterTallies> m_backlog;
    AllTotals m_totals;
};

} // namespace osc::sqlite
