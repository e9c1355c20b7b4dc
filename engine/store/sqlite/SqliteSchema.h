#pragma once

#include <QList>

namespace osc::sqlite_schema {

// Versioned migrations: migration N (1-based) brings PRAGMA user_version from N-1 to N. Never edit a
// released migration; append a new one.
const QList<const char *> &migrations();

} // namespace osc::sqlite_schema
