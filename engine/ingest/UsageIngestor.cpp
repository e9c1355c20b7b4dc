#include "UsageIngestor.h"

#include "IngestValidator.h"
#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "store/EventLog.h"
#include "store/MeterStore.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <future>

namespace osc {

namespace {

// Resolves meter names once per request.
class MeterCache
{
public:
    MeterCache(MeterStore &store, const QString &workspaceId)
        : m_store(store)
        , m_workspaceId(workspaceId)
    { }

    Result<Meter> operator()(const QString &name)
    {
        const auto it = m_cache.constFind(name);
        if (it != m_cache.constEnd())
            return it.value() ? Result<Meter>(*it.value()) : Result<Meter>(Error::notFound());
        auto found = m_store.findMeterByName(m_workspaceId, name);
        if (!found)
            return found.error();
        m_cache.insert(name, found.value());
        return found.value() ? Result<Meter>(*found.value()) : Result<Meter>(Error::notFound());
    }

private:
    MeterStore &m_store;
    QString m_workspaceId;
    QHash<QString, std::optional<Meter>> m_cache;
};

} // namespace

namespace {

// Contract §5.2 returns a replayed event as if new; we refuse that when the key was used for another
// meter (issue 21: a key limited to meter A must not read meter B's events by guessing keys), answering
// 409 as Stripe does for a key reused with other parameters.
Error replayOfAnotherMeter()
{
    return Error::conflictLine(QStringLiteral("idempotency key was used for another meter"));
}

bool isValidItem(const QList<IngestFailure> &failed, int index)
{
    for (const IngestFailure &f : failed)
        if (f.index == index)
            return false;
    return true;
}

} // namespace

UsageIngestor::UsageIngestor(MeterStore &meters, EventLog &events, const Clock &clock)
    : m_meters(meters)
    , m_store(events)
    , m_clock(clock)
{ }

void UsageIngestor::submitOne(const Principal &principal, const UsageDraft &draft, EventCallback done)
{
    if (auto s = authorize(principal, Operation::CreateUsage, {draft.meter}); !s)
        return done(s.error());
    const qint64 now = m_clock.nowNs();
    MeterCache meters(m_meters, principal.workspaceId);
    auto event = IngestValidator::validate(draft, std::ref(meters), now, m_limits);
    if (!event)
        return done(event.error());
    event->id = newId();
    event->receivedAtNs = now;
    event->apiKeyId = principal.apiKeyId;

    IngestBatch batch;
    batch.events = {std::move(event.value())};
    batch.run = {newId(), QStringLiteral("single"), 0, 0, 0, now};
    m_store.ingestAsync(principal.workspaceId, std::move(batch),
        [this, workspaceId = principal.workspaceId, done = std::move(done), meter = draft.meter](
            Result<IngestOutcome> outcome) {
            if (!outcome)
                return done(outcome.error());
            notifyAccepted(workspaceId, outcome->accepted);
            if (!outcome->accepted.isEmpty())
                return done(outcome->accepted.first());
            // A replay returns the stored event only to a caller who may read it: the key was used for
            // this meter (which the caller was just authorized for). Otherwise the stored event, its
            // subject and metadata, belong to a meter the caller may not see.
            if (outcome->duplicates.first().meter != meter)
                return done(replayOfAnotherMeter());
            done(outcome->duplicates.first());
        });
}

void UsageIngestor::submitBulk(const Principal &principal, const QList<UsageDraft> &drafts,
    const QString &batchKey, BulkCallback done, RunKind kind)
{
    if (drafts.size() > kMaxBulkItems)
        return done(Error::invalidInput(QStringLiteral("bulk usage event limit is %1").arg(kMaxBulkItems)));
    if (drafts.isEmpty())
        return done(Error::invalidInput(QStringLiteral("at least one usage event is required")));
    QStringList meterNames;
    QSet<QString> seen;
    for (const UsageDraft &draft : drafts)
        if (!seen.contains(draft.meter)) {
            seen.insert(draft.meter);
            meterNames.append(draft.meter);
        }
    if (auto s = authorize(principal, Operation::CreateUsageBulk, meterNames); !s)
        return done(s.error());
    if (auto s = m_limits.checkIdempotencyKey(batchKey.trimmed()); !s)
        return done(s.error());

    const qint64 now = m_clock.nowNs();
    MeterCache meters(m_meters, principal.workspaceId);
    BulkResult result;
    IngestBatch batch;
    batch.events.reserve(drafts.size());
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        auto event = IngestValidator::validate(drafts[i], std::ref(meters), now, m_limits);
        if (!event) {
            if (event.error().kind == ErrorKind::Internal)
                return done(event.error());
            result.failed.append({int(i), event.error().code, event.error().message});
            continue;
        }
        event->id = newId();
        event->receivedAtNs = now;
        event->apiKeyId = principal.apiKeyId;
        batch.events.append(std::move(event.value()));
    }
    batch.run = {newId(), kind == RunKind::Stream ? QStringLiteral("stream") : QStringLiteral("bulk"), 0, 0,
        result.failed.size(), now};
    // When every item failed, the batch carries no events and no key: only the run is recorded, and a
    // stored batch is never consulted (upstream behaviour, QUIRK Q3).
    const QString key = batchKey.trimmed();
    if (!key.isEmpty() && !batch.events.isEmpty())
        batch.batchKey = key;
    // Which item asked for which key, to check each replayed event against the meter it was asked for.
    QHash<QString, std::pair<int, QString>> keyedItems; // idempotency key → (request index, meter)
    // batch.events are the items that passed validation, in request order.
    for (qsizetype i = 0, event = 0; i < drafts.size() && event < batch.events.size(); ++i) {
        if (!isValidItem(result.failed, int(i)))
            continue;
        const UsageEvent &e = batch.events[event++];
        if (e.idempotencyKey && !keyedItems.contains(*e.idempotencyKey))
            keyedItems.insert(*e.idempotencyKey, {int(i), e.meter});
    }
    m_store.ingestAsync(principal.workspaceId, std::move(batch),
        [this, workspaceId = principal.workspaceId, result = std::move(result), done = std::move(done),
            keyedItems = std::move(keyedItems), principal](Result<IngestOutcome> outcome) mutable {
            if (!outcome)
                return done(outcome.error());
            if (outcome->batchReplayed) {
                // The stored response of an Idempotency-Key batch: only for a caller allowed every meter
                // it names (a key limited to meter A must not read a batch written to meter B).
                QStringList storedMeters;
                for (const auto *list : {&outcome->accepted, &outcome->duplicates})
                    for (const UsageEvent &e : *list)
                        if (!storedMeters.contains(e.meter))
                            storedMeters.append(e.meter);
                if (!authorize(principal, Operation::CreateUsageBulk, storedMeters))
                    return done(replayOfAnotherMeter());
            }
            notifyAccepted(workspaceId, outcome->accepted);
            result.accepted = std::move(outcome->accepted);
            for (UsageEvent &stored : outcome->duplicates) {
                const auto item = stored.idempotencyKey ? keyedItems.constFind(*stored.idempotencyKey)
                                                        : keyedItems.constEnd();
                if (!outcome->batchReplayed && item != keyedItems.constEnd()
                    && item->second != stored.meter) {
                    const Error refused = replayOfAnotherMeter();
                    result.failed.append({item->first, refused.code, refused.message});
                    continue;
                }
                result.duplicates.append(std::move(stored));
            }
            std::sort(result.failed.begin(), result.failed.end(),
                [](const IngestFailure &a, const IngestFailure &b) { return a.index < b.index; });
            done(std::move(result));
        });
}

void UsageIngestor::setAcceptedListener(AcceptedListener listener)
{
    std::lock_guard lock(m_listenerMutex);
    m_acceptedListener = std::move(listener);
}

void UsageIngestor::notifyAccepted(const QString &workspaceId, const QList<UsageEvent> &accepted)
{
    AcceptedListener listener;
    {
        std::lock_guard lock(m_listenerMutex);
        listener = m_acceptedListener;
    }
    if (listener && !accepted.isEmpty())
        listener(workspaceId, accepted);
}

namespace {

// Runs an async engine call and waits for its callback.
template <typename T, typename Submit> Result<T> waitFor(Submit submit)
{
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    submit([&promise](Result<T> value) { promise.set_value(std::move(value)); });
    return future.get();
}

} // namespace

Result<UsageEvent> UsageIngestor::createOne(const Principal &principal, const UsageDraft &draft)
{
    return waitFor<UsageEvent>([&](EventCallback done) { submitOne(principal, draft, std::move(done)); });
}

Result<BulkResult> UsageIngestor::createBulk(
    const Principal &principal, const QList<UsageDraft> &drafts, const QString &batchKey, RunKind kind)
{
    return waitFor<BulkResult>(
        [&](BulkCallback done) { submitBulk(principal, drafts, batchKey, std::move(done), kind); });
}

Result<Page<IngestionRun>> UsageIngestor::listRuns(
    const Principal &principal, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::ListIngestions, {QString()}); !s)
        return s.error();
    return wire::newestFirstPage<IngestionRun>(limit, cursor, kDefaultRunsPageSize, kMaxRunsPageSize,
        [&](std::optional<qint64> afterTimeNs, const QString &afterId, int pageSize) {
            return m_store.listIngestionRuns(principal.workspaceId, afterTimeNs, afterId, pageSize);
        });
}

} // namespace osc
