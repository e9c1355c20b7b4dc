#include "store/StoreFactory.h"

#include "store/postgres/PgStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QFileInfo>

namespace osc {

Result<std::unique_ptr<Store>> openStore(const StoreOptions &options, const QString &defaultWorkspaceId)
{
    if (options.driver == StoreOptions::Driver::Postgres) {
        PgStore::Options pgOptions;
        pgOptions.dsn = options.postgresDsn;
        pgOptions.filesDirectory = QFileInfo(options.databasePath).absolutePath();
        auto store = PgStore::open(pgOptions, defaultWorkspaceId);
        if (!store)
            return store.error();
        return std::unique_ptr<Store>(std::move(store.value()));
    }
    SqliteStore::Options sqliteOptions;
    sqliteOptions.path = options.databasePath;
    sqliteOptions.durability
        = options.fullSync ? SqliteConnection::Durability::Full : SqliteConnection::Durability::Normal;
    auto store = SqliteStore::open(sqliteOptions, defaultWorkspaceId);
    if (!store)
        return store.error();
    return std::unique_ptr<Store>(std::move(store.value()));
}

} // namespace osc
