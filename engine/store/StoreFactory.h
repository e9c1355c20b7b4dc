#pragma once

#include "core/Result.h"
#include "store/Store.h"

#include <memory>

namespace osc {

// How to open the store. Only the embedded SQLite file today; a server store (PostgreSQL) adds its
// driver and connection string here, and nothing outside engine/store/ changes.
struct StoreOptions
{
    QString databasePath; // the SQLite file; created with its folder when missing
    bool fullSync = true; // every acknowledged write survives power loss (synchronous=FULL)
};

// Opens the store, migrating its schema, with `defaultWorkspaceId` created when missing.
Result<std::unique_ptr<Store>> openStore(const StoreOptions &options, const QString &defaultWorkspaceId);

} // namespace osc
