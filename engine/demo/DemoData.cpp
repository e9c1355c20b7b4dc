#include "DemoData.h"

#include "Engine.h"
#include "core/Rfc3339.h"

#include <QJsonObject>
#include <QRandomGenerator>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace osc {

namespace {

struct DimensionSpec
{
    const char *name;
    DimensionType type;
    bool required;
};

struct MeterSpec
{
    const char *name;
    const char *description;
    const char *unit;
    const char *aggregation;
    QList<DimensionSpec> dimensions;
    int weight; // share of generated events
};

const QList<MeterSpec> &meterSpecs()
{
    using T = DimensionType;
    static const QList<MeterSpec> specs = {
        {"api_requests", "API requests served", "request", "sum",
            // status_code and cache_hit stay plain metadata: filterable, not a rollup dimension.
            {{"region", T::String, true}, {"plan", T::String, true}, {"endpoint", T::String, false}}, 40},
        {"ai_tokens", "Model tokens consumed", "token", "sum",
            {{"model", T::String, true}, {"provider", T::String, true}, {"operation", T::String, false},
                {"cache_path", T::String, false}},
            20},
        {"storage_gb", "Storage capacity snapshots", "gigabyte", "last",
            {{"tier", T::String, true}, {"region", T::String, true}, {"resource_type", T::String, false}}, 5},
        {"active_users", "Active users per workspace", "user", "max", {{"plan", T::String, true}}, 5},
        {"background_jobs", "Background jobs processed", "job", "count",
            {{"queue", T::String, true}, {"status", T::String, true}, {"worker_region", T::String, false}},
            15},
        {"feature_usage", "Product feature usage", "use", "count",
            {{"feature", T::String, true}, {"plan", T::String, false}}, 10},
        {"backfilled_requests", "Requests imported from the legacy billing system", "request", "sum",
            {{"source", T::String, true}, {"import_batch", T::String, true}, {"region", T::String, false},
                {"plan", T::String, false}},
            5},
    };
    return specs;
}

template <typename T> const T &pick(QRandomGenerator &random, const QList<T> &values)
{
    return values[random.bounded(int(values.size()))];
}

QJsonObject metadataFor(const QString &meter, QRandomGenerator &random, double &quantity)
{
    static const QStringList regions = {"us-east", "us-west", "eu-west", "eu-central", "ap-south"};
    static const QStringList plans = {"free", "pro", "enterprise"};
    static const QStringList endpoints = {"/orders", "/users", "/checkout", "/search", "/admin"};
    static const QList<int> statuses = {200, 200, 200, 200, 200, 201, 204, 400, 404, 429, 500, 503};
    static const QStringList models = {"gpt-large", "gpt-small", "claude-fast", "embed-v3"};
    static const QStringList providers = {"openai", "anthropic", "local"};
    static const QStringList queues = {"emails", "exports", "billing", "webhooks"};
    static const QStringList jobStatuses = {"succeeded", "succeeded", "succeeded", "failed", "retried"};
    static const QStringList features
        = {"dashboards", "alerts", "exports", "sso", "api_keys", "saved_queries"};
    if (meter == QLatin1StringView("api_requests")) {
        quantity = 1 + random.bounded(20);
        return {{"region", pick(random, regions)}, {"plan", pick(random, plans)},
            {"endpoint", pick(random, endpoints)}, {"status_code", pick(random, statuses)},
            {"cache_hit", random.bounded(3) == 0}};
    }
    if (meter == QLatin1StringView("ai_tokens")) {
        quantity = 50 + random.bounded(4000);
        return {{"model", pick(random, models)}, {"provider", pick(random, providers)},
            {"operation", random.bounded(4) == 0 ? "embedding" : "completion"},
            {"cache_path", random.bounded(2) ? "hit" : "miss"}};
    }
    if (meter == QLatin1StringView("storage_gb")) {
        quantity = 1 + random.bounded(50000) / 100.0;
        return {{"tier", random.bounded(2) ? "standard" : "archive"}, {"region", pick(random, regions)},
            {"resource_type", random.bounded(2) ? "bucket" : "volume"}};
    }
    if (meter == QLatin1StringView("active_users")) {
        quantity = 1 + random.bounded(250);
        return {{"plan", pick(random, plans)}};
    }
    if (meter == QLatin1StringView("background_jobs")) {
        quantity = 1;
        return {{"queue", pick(random, queues)}, {"status", pick(random, jobStatuses)},
            {"worker_region", pick(random, regions)}};
    }
    if (meter == QLatin1StringView("feature_usage")) {
        quantity = 1;
        return {{"feature", pick(random, features)}, {"plan", pick(random, plans)}};
    }
    quantity = 1 + random.bounded(500);
    return {{"source", "legacy_billing"},
        {"import_batch", random.bounded(2) ? "2026_q1_backfill" : "2026_q2_backfill"},
        {"region", pick(random, regions)}, {"plan", pick(random, plans)}};
}

constexpr int kDemoBatchesInFlight = 8;

// Bounds the batches submitted but not yet committed, and collects their outcome.
class InFlightBatches
{
public:
    explicit InFlightBatches(int limit)
        : m_limit(limit)
    { }

    void acquire()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_pending < m_limit; });
        ++m_pending;
    }
    void release(const Result<BulkResult> &result)
    {
        std::lock_guard lock(m_mutex);
        --m_pending;
        if (result)
            m_written += result->accepted.size();
        else if (!m_error)
            m_error = result.error();
        m_changed.notify_all();
    }
    void drain()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_pending == 0; });
    }
    bool ok()
    {
        std::lock_guard lock(m_mutex);
        return !m_error;
    }
    Error error()
    {
        std::lock_guard lock(m_mutex);
        return *m_error;
    }
    qint64 written()
    {
        std::lock_guard lock(m_mutex);
        return m_written;
    }

private:
    const int m_limit;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_pending = 0;
    qint64 m_written = 0;
    std::optional<Error> m_error;
};

} // namespace

Result<DemoDataSummary> generateDemoData(
    Engine &engine, const DemoDataOptions &options, const std::function<bool(qint64)> &progress)
{
    DemoDataSummary summary;
    const Principal owner
        = options.workspaceId.isEmpty() ? engine.owner() : Principal::owner(options.workspaceId);
    int totalWeight = 0;
    for (const MeterSpec &spec : meterSpecs()) {
        totalWeight += spec.weight;
        auto existing = engine.meters().findByName(owner, QLatin1StringView(spec.name));
        if (existing)
            continue;
        MeterDraft draft;
        draft.name = QLatin1StringView(spec.name);
        draft.description = QLatin1StringView(spec.description);
        draft.unit = QLatin1StringView(spec.unit);
        draft.aggregation = QLatin1StringView(spec.aggregation);
        draft.eventRetentionDays = 365;
        for (const DimensionSpec &d : spec.dimensions)
            draft.dimensions.append({QLatin1StringView(d.name), std::nullopt, std::nullopt,
                dimensionTypeName(d.type), d.required, false});
        auto created = engine.meters().create(owner, draft);
        if (!created)
            return created.error();
        ++summary.metersCreated;
    }

    const MeterSpec *onlySpec = nullptr;
    if (!options.onlyMeter.isEmpty()) {
        for (const MeterSpec &spec : meterSpecs())
            if (options.onlyMeter == QLatin1StringView(spec.name))
                onlySpec = &spec;
        if (!onlySpec)
            return Error::invalidInput(QStringLiteral("unknown demo meter \"%1\"").arg(options.onlyMeter));
    }
    // Several batches in flight let the store commit them together (one fsync per group).
    InFlightBatches inFlight(kDemoBatchesInFlight);
    QRandomGenerator random(options.seed);
    const qint64 now = engine.clock().nowNs();
    const qint64 span = qint64(std::max(1, options.days)) * 86'400 * 1'000'000'000LL;
    const QString runTag = QString::number(now, 36);
    QList<UsageDraft> batch;
    batch.reserve(options.batchSize);
    for (qint64 i = 0; i < options.events; ++i) {
        int ticket = random.bounded(totalWeight);
        const MeterSpec *spec = onlySpec ? onlySpec : &meterSpecs().first();
        for (const MeterSpec &candidate : meterSpecs()) {
            if (onlySpec)
                break;
            if (ticket < candidate.weight) {
                spec = &candidate;
                break;
            }
            ticket -= candidate.weight;
        }
        UsageDraft draft;
        draft.meter = QLatin1StringView(spec->name);
        draft.subject = QStringLiteral("org_%1").arg(
            random.bounded(std::max(1, options.subjects)) + 1, 4, 10, QLatin1Char('0'));
        double quantity = 1;
        draft.metadata = metadataFor(draft.meter, random, quantity);
        draft.quantity = quantity;
        // Slot i of N across the period, jittered inside its slot: times advance like live traffic, so
        // the time index is appended to rather than updated at random pages.
        const qint64 at = now - span
            + qint64((double(i) + random.generateDouble()) / double(options.events) * double(span));
        char stamp[24];
        draft.timestamp = QString::fromLatin1(stamp, rfc3339::formatSeconds(at, stamp));
        draft.idempotencyKey = QStringLiteral("demo:%1:%2").arg(runTag).arg(i);
        batch.append(std::move(draft));
        if (batch.size() == options.batchSize || i + 1 == options.events) {
            inFlight.acquire();
            if (!inFlight.ok())
                break;
            engine.ingestor().submitBulk(owner, batch, QString(),
                [&inFlight](Result<BulkResult> result) { inFlight.release(result); });
            batch.clear();
            if (progress && !progress(inFlight.written()))
                break;
        }
    }
    inFlight.drain();
    if (!inFlight.ok())
        return inFlight.error();
    summary.eventsWritten = inFlight.written();
    return summary;
}

} // namespace osc
