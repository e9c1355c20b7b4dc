#pragma once

#include "store/sqlite/SqliteConnection.h"

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace osc {

// Moves WAL checkpoints off the writer. SQLite's default runs a checkpoint inside the commit that
// pushes the WAL past 1000 pages, i.e. on the group-commit thread while requests wait for it (about 6%
// of that thread in bulk-ingest profiles). Here a commit hook only signals this thread, which copies
// the WAL back into the database file on its own connection (PASSIVE: it never blocks the writer).
// Should it fall far behind, the writer checkpoints itself so the WAL cannot grow without bound.
class WalCheckpointer
{
public:
    static constexpr int kCheckpointPages = 1000; // SQLite's default auto-checkpoint threshold
    static constexpr int kWriterFallbackPages = 50'000; // ~200 MB of WAL: the writer steps in

    // Installs the hook on `writer` (the store's write connection) and opens its own connection.
    static Result<std::unique_ptr<WalCheckpointer>> start(
        sqlite3 *writer, const QString &path, SqliteConnection::Durability durability);
    ~WalCheckpointer();

private:
    WalCheckpointer() = default;
    static int onCommit(void *self, sqlite3 *db, const char *database, int walPages);
    void run();

    SqliteConnection m_connection;
    sqlite3 *m_writer = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace osc
