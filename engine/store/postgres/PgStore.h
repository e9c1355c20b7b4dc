#pragma once

#include "store/Store.h"
#include "store/postgres/PgConnection.h"
#include "store/sqlite/GroupCommitQueue.h"

#include <QHash>
#include <QMutex>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <vector>

namespace osc {

// The server store: one PostgreSQL database shared by any number of console and headless processes
// (issue 16). Same behaviour as SqliteStore: every check a rule depends on runs in the write
// transaction it guards (SERIALIZABLE, retried on serialization failures and deadlocks), uniqueness
// is a constraint. Connections come from a small pool; each is used by one thread at a time.
class PgStore final : public Store
{
public:
    struct Options
    {
        QString dsn; // libpq connection string (key=value or postgresql:// URI)
        int maxConnections = 8; // callers beyond this wait for a connection
        QString filesDirectory; // Store::filesDirectory()
    };

    // Connects, migrates (pg::migrate) and creates `defaultWorkspaceId`. Unavailable when the server
    // cannot be reached; the message names the DSN with its password masked.
    static Result<std::unique_ptr<PgStore>> open(const Options &options, const QString &defaultWorkspaceId);
    ~PgStore() override;

    Status ping() override;
    QString location() const override { return m_location; }
    QString filesDirectory() const override { return m_options.filesDirectory; }

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

    // PgIngest.cpp
    void ingestAsync(const QString &workspaceId, IngestBatch batch, IngestCallback done) override;
    Result<QList<IngestionRun>> listIngestionRuns(const QString &workspaceId,
        std::optional<qint64> afterTimeNs, const QString &afterId, int limit) override;

    // PgPrune.cpp
    Result<qint64> countEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs) override;
    Result<qint64> deleteEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs, int maxRows) override;
    Status insertPruneRun(const QString &workspaceId, const PruneRun &run) override;
    Result<QList<PruneRun>> listPruneRuns(const QString &workspaceId, std::optional<qint64> afterTimeNs,
        const QString &afterId, int limit) override;

    Result<SystemCounters> systemCounters(const QString &workspaceId) override;
    Result<qint64> pendingRollupMeters() override;
    Result<RollupLag> rollupLag() override;
    Result<QStringList> listWorkspaceIds() override;

    // PgApiKeys.cpp
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
    // PgAccounts.cpp
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

    // PgEventReads.cpp
    Result<QList<UsageEvent>> listUsageEvents(
        const QString &workspaceId, const EventReadQuery &query) override;
    Status streamUsageEventRows(const QString &workspaceId, const EventReadQuery &query, qint64 maxRows,
        int pageRows, const EventPageSink &sink) override;
    Result<QList<SubjectSummary>> listSubjects(const QString &workspaceId, std::optional<TimeNs> afterTimeNs,
        const QString &afterSubject, int limit) override;

    // PgUsageScans.cpp
    Result<BucketScanStats> scanBuckets(const UsageScanSpec &spec, BucketFold &fold) override;
    Status scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold) override;
    Result<QList<ValueCount>> countDimensionValues(const DimensionValuesSpec &spec) override;

    // PgExports.cpp
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

    // Not yet on PostgreSQL (PgPending.cpp): plans and entitlements, alerts.
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
    Result<std::optional<UsageCounter>> findUsageCounter(const QString &workspaceId, const QString &subject,
        const QString &meter, PlanPeriod period, qint64 periodStartNs) override;
    Result<QList<EntitlementJob>> takeEntitlementJobs(qint64 nowNs, int max) override;
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

    // Schema version after migrations (osc_schema_version).
    int schemaVersion();

    // A connection borrowed from the pool; returned to it when the lease ends.
    class Lease
    {
    public:
        Lease(PgStore *store, std::unique_ptr<pg::Connection> connection);
        Lease(Lease &&other) noexcept;
        ~Lease();
        pg::Connection &operator*() const { return *m_connection; }
        pg::Connection *operator->() const { return m_connection.get(); }

    private:
        PgStore *m_store;
        std::unique_ptr<pg::Connection> m_connection;
    };
    Result<Lease> acquire();

    // Runs `work` inside BEGIN ISOLATION LEVEL SERIALIZABLE … COMMIT on a pooled connection; rolls
    // back on error. Serialization failures and deadlocks run `work` again (up to
    // kMaxTransactionAttempts), and so does a connection lost before COMMIT was sent; `work` must
    // therefore only assign its outputs, never accumulate into them.
    // ReadCommitted suits writes that lock the rows they decide on (FOR UPDATE / FOR SHARE): each
    // statement then sees what committed before it, as after SQLite's writer lock.
    enum class Isolation
    {
        Serializable,
        ReadCommitted,
    };
    Status transaction(
        const std::function<Status(pg::Connection &)> &work, Isolation isolation = Isolation::Serializable);
    // One statement outside an explicit transaction (reads, single-row writes); reconnects and tries
    // once more when a pooled connection turns out to be lost.
    Result<pg::Rows> query(const QByteArray &sql, const pg::Params &params = {});
    // One statement in its own transaction; true when it changed a row.
    Result<bool> changesRow(const QByteArray &sql, const pg::Params &params);

    static constexpr int kMaxTransactionAttempts = 8;

private:
    explicit PgStore(const Options &options);
    void release(std::unique_ptr<pg::Connection> connection);
    void forgetCachedMeters();
    // Every row of `select` through a server-side cursor in one REPEATABLE READ snapshot, fetched in
    // batches; `row` returns false to stop.
    Status readCursor(const QByteArray &select, const pg::Params &params,
        const std::function<bool(const pg::Rows &, int)> &row);
    // The WHERE conditions of an event read (its limit aside), parameters appended from $1.
    static QByteArray eventConditions(
        const QString &workspaceId, const EventReadQuery &query, pg::Params &params);
    // Group commit (PgIngest.cpp): every queued batch in its own savepoint of one transaction.
    void writeIngestGroup(std::vector<GroupCommitQueue::Job> &group);
    Result<IngestOutcome> ingestInTransaction(
        pg::Connection &db, const QString &workspaceId, const IngestBatch &batch);

    Options m_options;
    QString m_location; // the DSN, password masked
    QMutex m_poolMutex;
    QWaitCondition m_poolReleased;
    std::vector<std::unique_ptr<pg::Connection>> m_idle;
    int m_open = 0; // connections handed out or idle

    // Meter definitions by (workspace, name), as SqliteStore keeps them: ingestion looks one up per
    // request. Writes through this store clear it; kMeterCacheTtlMs bounds how long a change made by
    // another process goes unseen.
    static constexpr qint64 kMeterCacheTtlMs = 2000;
    struct CachedMeter
    {
        Meter meter;
        qint64 loadedAtMs = 0;
    };
    QMutex m_meterCacheMutex;
    QHash<QPair<QString, QString>, CachedMeter> m_meterCache;
    // The store-neutral group commit of SQLite's ingest path (store/sqlite/GroupCommitQueue.h).
    std::unique_ptr<GroupCommitQueue> m_commits; // declared last: stopped first
};

// Column order: id, name, description, unit, aggregation, dimensions, event_retention_days, created_at.
Meter pgMeterFromRow(const pg::Rows &rows, int row);

} // namespace osc
