#pragma once

#include "GroupCommitQueue.h"
#include "SqliteConnection.h"
#include "Store.h"
#include "WalCheckpointer.h"

#include <QHash>
#include <QMutex>

#include <memory>
#include <vector>

namespace osc {

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
        const QString &workspaceId, const QString &meter, qint64 beforeNs) override;
    Result<qint64> deleteEventsBefore(
        const QString &workspaceId, const QString &meter, qint64 beforeNs, int maxRows) override;
    Status insertPruneRun(const QString &workspaceId, const PruneRun &run) override;
    Result<QList<PruneRun>> listPruneRuns(const QString &workspaceId, std::optional<qint64> afterTimeNs,
        const QString &afterId, int limit) override;
    Result<QStringList> listWorkspaceIds() override;

    Status insertApiKey(const ApiKey &key, const QByteArray &secretHash) override;
    Result<std::optional<ApiKey>> findApiKeyByHash(const QByteArray &secretHash) override;
    Result<QList<ApiKey>> listApiKeys(const QString &workspaceId) override;
    Result<bool> deleteApiKey(const QString &workspaceId, const QString &id) override;
    Result<bool> revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs) override;
    Status touchApiKey(const QString &id, qint64 usedAtNs) override;

    Result<QList<UsageEvent>> listUsageEvents(
        const QString &workspaceId, const EventReadQuery &query) override;
    Status listUsageEventRows(
        const QString &workspaceId, const EventReadQuery &query, UsageEventRows &out) override;
    Result<QList<SubjectSummary>> listSubjects(const QString &workspaceId, std::optional<qint64> afterTimeNs,
        const QString &afterSubject, int limit) override;
    Result<SystemCounters> systemCounters(const QString &workspaceId) override;

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
    Result<QList<ExportJob>> listExportArtifactsBefore(qint64 completedBeforeNs, int limit) override;
    Status clearExportArtifact(const QString &id, qint64 nowNs) override;

    // Schema version after migrations (PRAGMA user_version).
    int schemaVersion();

    // Runs `work` on the writer connection inside BEGIN IMMEDIATE … COMMIT; rolls back on error.
    Status writeTransaction(const std::function<Status(SqliteConnection &)> &work);

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
    Result<IngestOutcome> ingestInTransaction(
        SqliteConnection &db, const QString &workspaceId, const IngestBatch &batch);
    void forgetCachedMeters();
    // One page of events for listUsageEvents / listUsageEventRows: builds the SQL and hands each row to
    // `row` (SqliteEventReads.cpp). `releaseCache` frees the connection's page cache afterwards.
    Status readEventPage(const QString &workspaceId, const EventReadQuery &query,
        const std::function<void(const SqliteStatement &)> &row, bool releaseCache = false);

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
    std::unique_ptr<GroupCommitQueue> m_commits; // declared last: stopped first
};

} // namespace osc
