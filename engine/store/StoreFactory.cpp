#include "store/StoreFactory.h"

#include "store/sqlite/SqliteStore.h"

namespace osc {

Result<std::unique_ptr<Store>> openStore(const StoreOptions &options, const QString &defaultWorkspaceId)
{
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
