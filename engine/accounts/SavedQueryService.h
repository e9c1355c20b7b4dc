#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/Account.h"

namespace osc {

class AccountStore;

// Saved usage queries (contract §8): the dashboard's named query-builder states, scoped to the user
// (not the workspace) and reachable only with a session — anything else is 401. Another user's query
// looks like it does not exist (404).
class SavedQueryService
{
public:
    static constexpr int kMaxNameRunes = 120;
    static constexpr int kDefaultLimit = 500;
    static constexpr int kMaxLimit = 1000;
    static constexpr int kMaxGroupBy = 5;

    SavedQueryService(AccountStore &store, const Clock &clock);

    // pinned first, then position, then most recently updated.
    Result<QList<SavedQuery>> list(const Principal &session);
    Result<SavedQuery> create(const Principal &session, const SavedQueryDraft &draft);
    // Replaces name, query, group_by, bucket_size and limit; pinned and position only when given.
    Result<SavedQuery> update(const Principal &session, const QString &id, const SavedQueryDraft &draft);
    Status remove(const Principal &session, const QString &id);

private:
    // Checks and normalizes the replaced fields into `query`.
    static Status apply(const SavedQueryDraft &draft, SavedQuery &query);

    AccountStore &m_store;
    const Clock &m_clock;
};

} // namespace osc
