#include "SavedQueryService.h"

#include "core/Ids.h"
#include "store/AccountStore.h"

#include <algorithm>
#include <limits>

namespace osc {

namespace {

// Like §6.4 group_by (trim, split commas, drop blanks and duplicates, at most five), but not checked
// against meters: a saved query may outlive the meter it was built for.
Result<QStringList> normalizeGroupBy(const QStringList &requested)
{
    QStringList out;
    for (const QString &entry : requested)
        for (const QString &part : entry.split(QLatin1Char(','))) {
            const QString field = part.trimmed();
            if (!field.isEmpty() && !out.contains(field))
                out.append(field);
        }
    if (out.size() > SavedQueryService::kMaxGroupBy)
        return Error::invalidInput(QStringLiteral("group_by supports up to 5 fields"));
    return out;
}

} // namespace

SavedQueryService::SavedQueryService(AccountStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

Status SavedQueryService::apply(const SavedQueryDraft &draft, SavedQuery &query)
{
    const QString name = draft.name.trimmed();
    if (name.isEmpty())
        return Error::invalidInputLine(QStringLiteral("name is required"));
    if (name.toUcs4().size() > kMaxNameRunes)
        return Error::invalidInputLine(QStringLiteral("name is too long"));
    if (!draft.query || draft.query->isEmpty())
        return Error::invalidInputLine(QStringLiteral("query must be a non-empty JSON object"));
    auto groupBy = normalizeGroupBy(draft.groupBy);
    if (!groupBy)
        return groupBy.error();
    const QString bucketSize = draft.bucketSize.isEmpty() ? QStringLiteral("day") : draft.bucketSize;
    if (bucketSize != QLatin1StringView("hour") && bucketSize != QLatin1StringView("day")
        && bucketSize != QLatin1StringView("month"))
        return Error::invalidInputLine(QStringLiteral("unsupported bucket size"));
    const qint64 limit = draft.limit.value_or(0);
    query.name = name;
    query.query = *draft.query;
    query.groupBy = groupBy.value();
    query.bucketSize = bucketSize;
    query.limit = limit <= 0 ? kDefaultLimit : int(std::min<qint64>(limit, kMaxLimit));
    return {};
}

Result<QList<SavedQuery>> SavedQueryService::list(const Principal &session)
{
    if (!session.isSession())
        return Error::unauthorized();
    return m_store.listSavedQueries(session.userId);
}

Result<SavedQuery> SavedQueryService::create(const Principal &session, const SavedQueryDraft &draft)
{
    if (!session.isSession())
        return Error::unauthorized();
    SavedQuery query;
    if (auto s = apply(draft, query); !s)
        return s.error();
    query.id = newId();
    query.userId = session.userId;
    query.pinned = draft.pinned.value_or(false);
    query.position = int(std::clamp<qint64>(draft.position.value_or(0), 0, std::numeric_limits<int>::max()));
    query.createdAtNs = query.updatedAtNs = m_clock.nowNs();
    if (auto s = m_store.insertSavedQuery(query); !s)
        return s.error();
    return query;
}

Result<SavedQuery> SavedQueryService::update(
    const Principal &session, const QString &id, const SavedQueryDraft &draft)
{
    if (!session.isSession())
        return Error::unauthorized();
    auto found = m_store.findSavedQuery(session.userId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    SavedQuery query = *found.value();
    if (auto s = apply(draft, query); !s)
        return s.error();
    if (draft.pinned)
        query.pinned = *draft.pinned;
    if (draft.position)
        query.position = int(std::clamp<qint64>(*draft.position, 0, std::numeric_limits<int>::max()));
    // Strictly later than before, so "most recently updated" orders edits made within one clock tick.
    query.updatedAtNs = std::max(m_clock.nowNs(), query.updatedAtNs + 1);
    auto updated = m_store.updateSavedQuery(query);
    if (!updated)
        return updated.error();
    if (!updated.value())
        return Error::notFound(); // deleted meanwhile
    return query;
}

Status SavedQueryService::remove(const Principal &session, const QString &id)
{
    if (!session.isSession())
        return Error::unauthorized();
    auto deleted = m_store.deleteSavedQuery(session.userId, id);
    if (!deleted)
        return deleted.error();
    if (!deleted.value())
        return Error::notFound();
    return {};
}

} // namespace osc
