#pragma once

#include "rollup/RollupDelta.h"
#include "store/Store.h"
#include "store/sqlite/GroupCommitQueue.h"
#include "store/sqlite/SqliteConnection.h"
#include "store/sqlite/SqliteUsageScans.h"
#include "store/sqlite/SubjectTotals.h"
#include "store/sqlite/WalCheckpointer.h"

#include <QHash>
#include <QMutex>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace osc {

// The times of one assignment the ingest path needs for plan counters (SqliteEntitlements.cpp).
struct PlanAssignmentSpan
{
    qint64 assignedAtNs = 0;
    qint64 anchorNs = 0;
    std::optional<qint64> unassignedAtNs;
};

// Column order: period_start, period_end, event_count, sum_qty, min_qty, max_qty, first_qty, first_time,
// last_qty, last_time (SqliteEntitlements.cpp).
UsageCounter usageCounterFromRow(const SqliteStatement &row);

// Column order: id, name, description, unit, aggregation, dimensions, event_retention_days, created_at.
Meter meterFromRow(const SqliteStatement &row);

// The embedded default store: one SQLite file in WAL mode. Writes go through a single writer connection
// (SQLite allows one writer at a time anyway); reads use a small pool of read connections so queries,
// exports and the GUI never wait for the writer.
class SqliteStore final : public Store
{
public:
    struct Options
    {
        QString path;
        // FULL: a committed transaction survives power loss (fsync on every commit). NORMAL: survives a
        // process crash; the last commits may roll back after an OS crash or power loss.
        SqliteConnection::Durability durability = SqliteConnection::Durability::Full;
        int readConnections = 4;
        // Event streams for export jobs (SqliteEventStream.cpp); tests make them small.
        struct EventStreamLimits
        {
            int scanBatchRows = 1024; // rows read ahead per meter scan
            // A timestamp shared by more rows than this is read in id-keyset pages of this size.
            int maxTieGroupRows = 100'000;
            // The read transaction is renewed after this many rows (checkpoints can proceed).
            qint64 rowsPerSnapshot = 1'000'000;
        } eventStream;
        // Tests: called on the maintainer thread once a subject-totals derivation has pinned its
        // snapshot and before it scans, to land commits, prunes and reads at exactly that moment.
        std::function<void()> subjectTotalsSnapshotHook;
        // Tests: while this answers true the maintainer folds nothing, so queries read a known tail.
        std::function<bool()> holdFolds;
    };

    static Result<std::unique_ptr<SqliteStore>> open(
        const Options &options, const QString &defaultWorkspaceId);
    ~SqliteStore() override;

    Status ping() override;
    QString location() const override { return m_options.path; }

    Status insertMeter(const QString &workspaceId, const Meter &meter) override;
    Result<std::optional<Meter>> findMeterById(const QString &workspaceId, const QString &id) override;
    Result<std::optional<Meter>> findMeterByName(const QString &workspaceId, const QString &name) override;
    Result<QList<Meter>> listMeters(const QString &workspaceId, const MeterListQuery &query) override;
    Result<QList<MeterUsageStats>> listMeterStats(
        const QString &workspaceId, const MeterListQuery &query) override;
    Result<Meter> updateMeter(
        const QString &workspaceId, const QString &id, const MeterUpdate &update) override;
    Result<DeleteMeterOutcome> deleteMeterIfUnused(const QString &workspaceId, const QString &id) override;
    Result<qint64> countMeterEvents(const QString &workspaceId, const QString &meterName) override;

    void ingestAsync(const QString &workspaceId, IngestBatch batch, IngestCallback done) override;
    Result<QList<IngestionRun>> listIngestionRuns(const QString &workspaceId,
        std::optional<qint64> afterTimeNs, const QString &afterId, int limit) override;

    // SqlitePrune.cpp
    Result<qint64> countEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs) override;
    Result<qint64> deleteEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs, int maxRows) override;
    Status insertPruneRun(const QString &workspaceId, const PruneRun &run) override;
    Result<QList<PruneRun>> listPruneRuns(const QString &workspaceId, std::optional<qint64> afterTimeNs,
        const QString &afterId, int limit) override;
    Result<QStringList> listWorkspaceIds() override;

    Status insertApiKey(const ApiKey &key, const QByteArray &secretHash) override;
    Result<std::optional<ApiKey>> findApiKeyByHash(const QByteArray &secretHash) override;
    Result<QList<ApiKey>> listApiKeys(const QString &workspaceId) override;
    Result<bool> deleteApiKey(const QString &workspaceId, const QString &id) override;
    Result<bool> revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs) override;
    Result<bool> setApiKeyRateLimit(
        const QString &workspaceId, const QString &id, const RateLimit &limit) override;
    Status touchApiKey(const QString &id, qint64 usedAtNs) override;
    Result<QList<ApiKey>> listUserApiKeys(const QString &workspaceId, const QString &userId) override;
    Result<bool> deleteUserApiKey(
        const QString &workspaceId, const QString &userId, const QString &id) override;

    // SqliteAccounts.cpp
    Status insertUser(const User &user, const QByteArray &passwordHash, const Workspace &workspace) override;
    Result<std::optional<UserCredentials>> findUserByEmail(const QString &email) override;
    Result<std::optional<User>> findUserById(const QString &id) override;
    Result<QList<User>> listUsers() override;
    Result<std::optional<Workspace>> findWorkspace(const QString &id) override;
    Result<QList<Workspace>> listWorkspaces() override;
    Result<QList<Membership>> listMemberships() override;
    Result<bool> replacePassword(const QString &userId, const QByteArray &passwordHash) override;
    Status insertSessions(const QList<std::pair<AuthSession, QByteArray>> &sessions) override;
    Result<std::optional<AuthSession>> findSession(const QByteArray &tokenHash) override;
    Result<bool> rotateSession(
        const QByteArray &oldRefreshHash, const QList<std::pair<AuthSession, QByteArray>> &issued) override;
    Status deleteSessions(const QList<QByteArray> &tokenHashes) override;
    Status deleteSessionsExpiredBefore(qint64 nowNs) override;
    Result<std::optional<QString>> accountSetting(const QString &key) override;
    Status setAccountSetting(const QString &key, const QString &value) override;
    Status insertSavedQuery(const SavedQuery &query) override;
    Result<std::optional<SavedQuery>> findSavedQuery(const QString &userId, const QString &id) override;
    Result<QList<SavedQuery>> listSavedQueries(const QString &userId) override;
    Result<bool> updateSavedQuery(const SavedQuery &query) override;
    Result<bool> deleteSavedQuery(const QString &userId, const QString &id) override;

    Result<QList<UsageEvent>> listUsageEvents(
        const QString &workspaceId, const EventReadQuery &query) override;
    Status streamUsageEventRows(const QString &workspaceId, const EventReadQuery &query, qint64 maxRows,
        int pageRows, const EventPageSink &sink) override; // SqliteEventStream.cpp
    Result<QList<SubjectSummary>> listSubjects(const QString &workspaceId, std::optional<TimeNs> afterTimeNs,
        const QString &afterSubject, int limit) override;
    // SqliteUsageScans.cpp
    Result<BucketScanStats> scanBuckets(const UsageScanSpec &spec, BucketFold &fold) override
    {
        return m_usageScans.scanBuckets(spec, fold);
    }
    Status scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold) override
    {
        return m_usageScans.scanBreakdown(spec, fold);
    }
    Result<QList<ValueCount>> countDimensionValues(const DimensionValuesSpec &spec) override
    {
        return m_usageScans.countDimensionValues(spec);
    }

    Result<SystemCounters> systemCounters(const QString &workspaceId) override;
    Result<qint64> pendingRollupMeters() override;
    Result<RollupLag> rollupLag() override;
    // Whether GET /v1/subjects answers from the in-memory totals (false until they are derived).
    bool subjectTotalsHeld();

    // SqliteExports.cpp
    Status insertExportJob(const ExportJob &job) override;
    Result<std::optional<ExportJob>> findExportJob(const QString &workspaceId, const QString &id) override;
    Result<QList<ExportJob>> listExportJobs(const QString &workspaceId, std::optional<qint64> afterTimeNs,
        const QString &afterId, int limit) override;
    Result<ExportJob> updateExportJob(
        const QString &workspaceId, const QString &id, const ExportJobChange &change) override;
    Result<std::optional<ExportJob>> claimExportJob(const ExportClaim &claim) override;
    Result<bool> renewExportJob(const QString &id, const QString &lockToken, qint64 rowsWritten,
        double progress, qint64 lockedUntilNs, qint64 nowNs) override;
    Result<bool> finishExportJob(const ExportJob &job, const QString &lockToken) override;
    Result<QList<ExportJob>> listLeasedExportJobs(qint64 nowNs) override;
    Result<bool> expireExportLease(const QString &id, const QString &lockToken, qint64 nowNs) override;
    Result<QList<ExportJob>> listExportArtifactsBefore(qint64 completedBeforeNs, int limit) override;
    Status clearExportArtifact(const QString &id, qint64 nowNs) override;

    // SqlitePlans.cpp
    Status insertPlan(const QString &workspaceId, const Plan &plan) override;
    Result<std::optional<Plan>> findPlan(const QString &workspaceId, const QString &id) override;
    Result<QList<Plan>> listCurrentPlans(const QString &workspaceId, int limit) override;
    Result<Plan> revisePlan(
        const QString &workspaceId, const QString &id, qint64 nowNs, const PlanReviser &revise) override;
    Result<DeletePlanOutcome> deletePlanIfUnassigned(const QString &workspaceId, const QString &id) override;
    Result<bool> meterInPlans(const QString &workspaceId, const QString &meterName) override;
    Result<PlanAssignment> assignSubject(const QString &workspaceId, const QString &subject,
        const QString &planId, const AssignmentDecider &decide) override;
    Result<bool> endSubjectAssignments(
        const QString &workspaceId, const QString &subject, qint64 nowNs) override;
    Result<QList<PlanAssignment>> listAssignments(
        const QString &workspaceId, const AssignmentListQuery &query) override;
    Result<QList<PlanAssignment>> subjectAssignments(
        const QString &workspaceId, const QString &subject) override;
    // SqliteEntitlements.cpp
    Result<std::optional<UsageCounter>> findUsageCounter(const QString &workspaceId, const QString &subject,
        const QString &meter, PlanPeriod period, qint64 periodStartNs) override;
    Result<QList<EntitlementJob>> takeEntitlementJobs(qint64 nowNs, int max) override;
    // SqliteReservations.cpp
    Result<bool> reserveQuota(const QString &workspaceId, const QuotaReservation &reservation, qint64 nowNs,
        const ReservationDecider &decide) override;
    Result<double> reservedQuantity(const QString &workspaceId, const QString &subject, const QString &meter,
        PlanPeriod period, qint64 periodStartNs, qint64 nowNs) override;
    Status deleteExpiredReservations(qint64 nowNs) override;
    Result<std::optional<EntitlementState>> findEntitlementState(const QString &workspaceId,
        const QString &subject, const QString &meter, const QString &planId, PlanPeriod period) override;
    Status saveEntitlementEvaluation(const QString &workspaceId, const EntitlementState &state,
        const PeriodSnapshot &snapshot, const std::optional<EntitlementEvent> &event) override;
    Result<QList<EntitlementState>> listEntitlementStates(
        const QString &workspaceId, const EntitlementListQuery &query) override;
    Result<QList<EntitlementEvent>> listEntitlementEvents(
        const QString &workspaceId, const EntitlementListQuery &query) override;
    Result<QList<PeriodSnapshot>> listPeriodSnapshots(
        const QString &workspaceId, const EntitlementListQuery &query) override;
    // SqliteAlerts.cpp
    Status insertAlertDestination(const AlertDestination &destination) override;
    Result<std::optional<AlertDestination>> findAlertDestination(
        const QString &workspaceId, const QString &id) override;
    Result<QList<AlertDestination>> listAlertDestinations(
        const QString &workspaceId, const AlertDestinationListQuery &query) override;
    Result<bool> updateAlertDestination(const AlertDestination &destination) override;
    Result<DeleteDestinationOutcome> deleteAlertDestinationIfUnused(
        const QString &workspaceId, const QString &id) override;
    Status insertAlertRule(const AlertRule &rule) override;
    Result<std::optional<AlertRule>> findAlertRule(const QString &workspaceId, const QString &id) override;
    Result<QList<AlertRule>> listAlertRules(
        const QString &workspaceId, const AlertRuleListQuery &query) override;
    Result<bool> updateAlertRule(const AlertRule &rule) override;
    Result<bool> deleteAlertRule(const QString &workspaceId, const QString &id) override;
    Result<QList<AlertRule>> listDueAlertRules(qint64 nowNs, int limit) override;
    Result<bool> meterHasAlertRules(const QString &workspaceId, const QString &meter) override;
    Result<QList<AlertState>> listAlertStates(const QString &workspaceId, const QString &ruleId) override;
    Result<bool> saveAlertEvaluation(const AlertEvaluationRecord &record) override;
    Result<QList<AlertEvent>> listAlertEvents(const QString &workspaceId, const QString &ruleId,
        std::optional<qint64> afterTimeNs, const QString &afterId, int limit) override;
    Status queueWebhookDelivery(const WebhookDelivery &delivery) override;
    Result<QList<WebhookDelivery>> claimWebhookDeliveries(
        qint64 nowNs, qint64 leaseUntilNs, int limit) override;
    Status recordWebhookAttempt(const WebhookDelivery &delivery, const WebhookAttempt &attempt,
        const WebhookDeliveryNext &next) override;
    Result<QList<WebhookAttempt>> listWebhookAttempts(
        const QString &workspaceId, const QString &eventId) override;
    Result<qint64> countPendingWebhookDeliveries() override;

    // Schema version after migrations (PRAGMA user_version).
    int schemaVersion();

    // Runs `work` on the writer connection inside BEGIN IMMEDIATE … COMMIT; rolls back on error.
    Status writeTransaction(const std::function<Status(SqliteConnection &)> &work);
    // The first row of one read (a SQL literal) with `values` bound to ?1, ?2, …, mapped by `fromRow`
    // while the read connection is held; nullopt when there is none.
    template <typename FromRow, typename... Values>
    auto readOneRow(const char *sql, FromRow &&fromRow, const Values &...values)
        -> Result<std::optional<std::decay_t<std::invoke_result_t<FromRow &, const SqliteStatement &>>>>
    {
        using Row = std::decay_t<std::invoke_result_t<FromRow &, const SqliteStatement &>>;
        auto lease = read();
        if (!lease)
            return lease.error();
        auto statement = (*lease.value()).prepare(sql);
        int index = 0;
        (statement.bind(++index, values), ...);
        if (statement.next())
            return std::optional<Row>(fromRow(statement));
        if (auto s = statement.status(); !s)
            return s.error();
        return std::optional<Row>();
    }
    // Every row of one read, mapped by `fromRow`, the same way.
    template <typename FromRow, typename... Values>
    auto readRows(const char *sql, FromRow &&fromRow, const Values &...values)
        -> Result<QList<std::decay_t<std::invoke_result_t<FromRow &, const SqliteStatement &>>>>
    {
        using Row = std::decay_t<std::invoke_result_t<FromRow &, const SqliteStatement &>>;
        auto lease = read();
        if (!lease)
            return lease.error();
        auto statement = (*lease.value()).prepare(sql);
        int index = 0;
        (statement.bind(++index, values), ...);
        QList<Row> rows;
        while (statement.next())
            rows.append(fromRow(statement));
        if (auto s = statement.status(); !s)
            return s.error();
        return rows;
    }
    // One statement (a SQL literal: the statement cache is keyed by its address) with `values` bound to
    // ?1, ?2, … in its own write transaction; true when it changed a row, for deletes and updates whose
    // answer is whether the row was there.
    template <typename... Values> Result<bool> writeChangesRow(const char *sql, const Values &...values)
    {
        bool changed = false;
        Status status = writeTransaction([&](SqliteConnection &db) -> Status {
            auto statement = db.prepare(sql);
            int index = 0;
            (statement.bind(++index, values), ...);
            if (auto s = statement.run(); !s)
                return s;
            changed = db.changes() > 0;
            return {};
        });
        if (!status)
            return status.error();
        return changed;
    }

    // Borrowed read connection; returned to the pool when the lease ends.
    class ReadLease
    {
    public:
        ReadLease(SqliteStore *store, std::unique_ptr<SqliteConnection> connection);
        ~ReadLease();
        ReadLease(ReadLease &&) = default;
        SqliteConnection &operator*() const { return *m_connection; }
        SqliteConnection *operator->() const { return m_connection.get(); }

    private:
        SqliteStore *m_store;
        std::unique_ptr<SqliteConnection> m_connection;
    };
    Result<ReadLease> read();

private:
    explicit SqliteStore(const Options &options);
    Status migrate(const QString &defaultWorkspaceId);
    // Group commit (SqliteIngest.cpp): every queued batch in its own savepoint of one transaction.
    void writeIngestGroup(std::vector<GroupCommitQueue::Job> &group);
    // Stores the batch's new events with seqs from `nextSeq` on (advanced past the last one used).
    Result<IngestOutcome> ingestInTransaction(
        SqliteConnection &db, const QString &workspaceId, const IngestBatch &batch, qint64 &nextSeq);
    // Plan usage counters and entitlement jobs for the batch's newly stored events, on the ingest
    // transaction (SqliteEntitlements.cpp): counters never commit without their events or vice versa.
    Status countPlanUsage(
        SqliteConnection &db, const QString &workspaceId, const QList<UsageEvent> &accepted);
    void forgetCachedMeters();
    // One page of events for listUsageEvents: builds the SQL and hands each row to `row`
    // (SqliteEventReads.cpp).
    Status readEventPage(const QString &workspaceId, const EventReadQuery &query,
        const std::function<void(const SqliteStatement &)> &row);

    // Rollups (SqliteRollups.cpp). Everything here runs on the writer connection under m_writerMutex.
    Status applyRollupDelta(SqliteConnection &db, const rollup::RollupDelta &delta);
    // Rebuilds the meter's hour rollups for [fromNs, toNs) (whole UTC hours) from its raw events, then
    // the day rows of every day those hours touch.
    Status recomputeRollups(
        SqliteConnection &db, const QString &workspaceId, const Meter &meter, TimeNs fromNs, TimeNs toNs);
    Result<std::optional<Meter>> loadMeter(
        SqliteConnection &db, const QString &workspaceId, const QString &name);
    // Sets the meter's rollup signature and schedules every hour holding its events for a rebuild.
    Status markRollupsStale(
        SqliteConnection &db, const QString &workspaceId, const QString &meter, const QByteArray &signature);
    // GET /v1/subjects reads the in-memory SubjectTotals; until they are derived, subjects are grouped
    // from raw events. Derives them on a read snapshot (the writer is held only to pin it). True when
    // the totals are held (or cannot be derived yet because a rebuild is pending), false when a prune
    // intervened and it must run again.
    Result<bool> deriveSubjectTotals();
    void invalidateSubjectTotals();
    // One rebuild step in its own write transaction; false when nothing is pending.
    Result<bool> rollupRebuildStep();
    // Folds up to kFoldBatchEvents events after the watermark into the rollups and moves the watermark
    // past them, in one write transaction (SqliteRollupFold.cpp); the number of events folded.
    Result<qint64> rollupFoldStep();
    // After a commit: `events` more wait to be folded.
    void noteStoredEvents(qint64 events);
    // The seq the next stored event gets: past every stored event and past the watermark.
    static Result<qint64> firstFreeEventSeq(SqliteConnection &db);
    void wakeRollupMaintainer();
    void runRollupMaintainer();

    Options m_options;
    QMutex m_writerMutex;
    SqliteConnection m_writer;
    QMutex m_poolMutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_readPool;
    // Meter definitions by (workspace, name): ingestion looks one up per request. Writes through this
    // store clear it; kMeterCacheTtlMs bounds how long a change made by another process goes unseen
    // (the ingest transaction re-checks that the meter still exists either way).
    static constexpr qint64 kMeterCacheTtlMs = 2000;
    // Event pages without a meter merge per-meter index scans up to this many meters (SQLite allows
    // 500 compound terms); beyond it they scan and sort.
    static constexpr int kMaxMergedMeters = 200;
    struct CachedMeter
    {
        Meter meter;
        qint64 loadedAtMs = 0;
    };
    QMutex m_meterCacheMutex;
    QHash<QPair<QString, QString>, CachedMeter> m_meterCache;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    sqlite::SubjectTotals m_subjectTotals;
    // Builds rollups for existing events (after migration 5) and after dimension changes, one short
    // write transaction at a time.
    std::mutex m_rollupMutex;
    std::condition_variable m_rollupCondition;
    bool m_rollupWake = false;
    bool m_rollupStop = false;
    std::thread m_rollupThread;
    // Events per fold transaction: large enough to merge many commits per rollup key, small enough
    // that ingestion waits at most one short fold for the writer.
    static constexpr qint64 kFoldBatchEvents = 8192;
    // How long the maintainer lets commits gather after a wake-up before it folds them (unless a
    // whole batch is waiting already): merging many commits per rollup row is most of the saving.
    static constexpr int kFoldGatherMs = 200;
    qint64 m_rollupUnfolded = 0; // events stored since the maintainer last started folding (m_rollupMutex)
    // The seq of the next stored event; writer mutex only, read from the database when unknown.
    std::optional<qint64> m_nextSeq;
    sqlite::SqliteUsageScans m_usageScans{*this};
    // Assignment spans by (workspace, subject) as the ingest transaction reads them for plan counters
    // (SqliteEntitlements.cpp). Writer mutex only; every assignment write clears it inside its
    // transaction, so the ingest path never sees a stale span. Cleared when it grows past the cap.
    static constexpr qsizetype kMaxCachedAssignmentSubjects = 100'000;
    QHash<QPair<QString, QString>, QList<PlanAssignmentSpan>> m_assignmentSpans;
    std::unique_ptr<GroupCommitQueue> m_commits; // declared last: stopped first
};

} // namespace osc
