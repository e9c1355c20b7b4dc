#pragma once

#include <QStringList>

namespace osc {
class Engine;
}

namespace osc::app {

// `keys create|list|revoke`: API key administration without a window. `create` prints the secret alone
// on stdout (so scripts can capture it) and the details on stderr. Returns the process exit code.
int runKeysCommand(Engine &engine, const QStringList &args);

} // namespace osc::app
