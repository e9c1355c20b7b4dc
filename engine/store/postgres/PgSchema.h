#pragma once

#include "core/Result.h"

#include <QList>

namespace osc::pg {

class Connection;

// The PostgreSQL schema's own versioned migrations (independent of SQLite's numbering): entry i
// brings the schema from version i to i + 1. Applied under an advisory lock, so processes starting
// together on one database migrate it once.
const QList<const char *> &migrations();

// Applies the missing migrations and creates `defaultWorkspaceId` (with its counters) when missing.
// Fails when the database is newer than this program.
Status migrate(Connection &db, const QString &defaultWorkspaceId, qint64 nowNs);

// The version the database is at (0 for an empty database).
Result<int> schemaVersion(Connection &db);

} // namespace osc::pg
