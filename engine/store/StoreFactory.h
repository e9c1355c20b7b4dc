#pragma once

#include "core/Result.h"
#include "store/Store.h"

#include <memory>

namespace osc {

// How to open the store: the embedded SQLite file (default) or a PostgreSQL server. Nothing outside
// engine/store/ knows which one runs.
struct StoreOptions
{
    enum class Driver
    {
        Sqlite,
        Postgres,
    };
    // The SQLite file, created with its folder when missing. With PostgreSQL only its folder is used:
    // the instance's local files (export artifacts) live there.
    QString databasePath;
    bool fullSync = true; // every acknowledged write survives power loss (synchronous=FULL)
    Driver driver = Driver::Sqlite;
    QString postgresDsn
        = QString(); // libpq connection string when driver == Postgres; its password is never logged
};

// Opens the store, migrating its schema, with `defaultWorkspaceId` created when missing.
Result<std::unique_ptr<Store>> openStore(const StoreOptions &options, const QString &defaultWorkspaceId);

} // namespace osc
