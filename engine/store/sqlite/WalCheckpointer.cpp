#include "store/sqlite/WalCheckpointer.h"

#include <sqlite3.h>

#include <pthread.h>

namespace osc {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(
    sqlite3 *writer, const QString &path, SqliteConnection::Durability durability)
{
    std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer);
    if (auto s = checkpointer->m_connection.open(path, SqliteConnection::Mode::ReadWrite, durability); !s)
        return s.error();
    checkpointer->m_writer = writer;
    checkpointer->m_thread = std::thread([raw = checkpointer.get()] { raw->run(); });
    pthread_setname_np(checkpointer->m_thread.native_handle(), "wal-checkpoint");
    // Replaces SQLite's own auto-checkpoint hook on the writer.
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, checkpointer.get());
    return checkpointer;
}

WalCheckpointer::~WalCheckpointer()
{
    // Runs while the writer is idle (the store stops ingestion first); the writer gets SQLite's
    // default hook back for whatever runs after us.
    sqlite3_wal_autocheckpoint(m_writer, kCheckpointPages);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

int WalCheckpointer::onCommit(void *self, sqlite3 *db, const char *database, int walPages)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    if (walPages >= kWriterFallbackPages) {
        sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (walPages >= kCheckpointPages) {
        {
            std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_requested = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_requested; });
            if (m_stopping)
                return;
            m_requested = false;
        }
        // A failure (e.g. SQLITE_BUSY from another process's checkpoint) only means the next commit
        // asks again.
        sqlite3_wal_checkpoint_v2(m_connection.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
}

} // namespace osc
