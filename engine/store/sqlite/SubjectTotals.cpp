#include "store/sqlite/SubjectTotals.h"

#include <algorithm>
#include <utility>

namespace osc::sqlite {

bool SubjectTotals::held() const
{
    QMutexLocker lock(&m_mutex);
    return m_valid;
}

std::optional<quint64> SubjectTotals::beginDerivation()
{
    QMutexLocker lock(&m_mutex);
    if (m_valid)
        return std::nullopt;
    m_collecting = true;
    m_backlog.clear();
    return ++m_generation;
}

bool SubjectTotals::install(quint64 generation, AllTotals derived)
{
    QMutexLocker lock(&m_mutex);
    if (!m_collecting || generation != m_generation)
        return false;
    m_totals = std::move(derived);
    m_valid = true;
    m_collecting = false;
    const auto backlog = std::exchange(m_backlog, {});
    for (const auto &subjectMeters : backlog)
        addLocked(subjectMeters);
    return true;
}

void SubjectTotals::add(const rollup::SubjectMeterTallies &subjectMeters)
{
    QMutexLocker lock(&m_mutex);
    if (m_valid)
        addLocked(subjectMeters);
    else if (m_collecting)
        m_backlog.push_back(subjectMeters); // after the snapshot being derived
    // Otherwise they are derived from the subject rollups once those are complete.
}

void SubjectTotals::subtract(
    const QString &workspaceId, const QString &meter, const QHash<QString, qint64> &removedBySubject)
{
    QMutexLocker lock(&m_mutex);
    if (!m_valid) {
        abortDerivationLocked(); // its snapshot still holds these events
        return;
    }
    WorkspaceTotals &totals = m_totals[workspaceId];
    for (auto it = removedBySubject.cbegin(); it != removedBySubject.cend(); ++it) {
        auto found = totals.find(qMakePair(it.key(), meter));
        if (found == totals.end())
            continue;
        found->events -= it.value();
        if (found->events <= 0)
            totals.erase(found);
    }
}

void SubjectTotals::invalidate()
{
    QMutexLocker lock(&m_mutex);
    m_valid = false;
    m_totals.clear();
    abortDerivationLocked();
}

std::optional<SubjectTotals::WorkspaceTotals> SubjectTotals::workspace(const QString &workspaceId) const
{
    QMutexLocker lock(&m_mutex);
    if (!m_valid)
        return std::nullopt;
    return m_totals.value(workspaceId);
}

void SubjectTotals::addLocked(const rollup::SubjectMeterTallies &subjectMeters)
{
    for (auto it = subjectMeters.cbegin(); it != subjectMeters.cend(); ++it) {
        rollup::SubjectMeterTally &tally
            = m_totals[it.key().workspaceId][qMakePair(it.key().subject, it.key().meter)];
        tally.lastEventNs = tally.events == 0 ? it.value().lastEventNs
                                              : std::max(tally.lastEventNs, it.value().lastEventNs);
        tally.events += it.value().events;
    }
}

void SubjectTotals::abortDerivationLocked()
{
    if (!m_collecting)
        return;
    m_collecting = false;
    m_backlog.clear();
    ++m_generation;
}

} // namespace osc::sqlite
