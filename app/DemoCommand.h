#pragma once

#include <QStringList>

namespace osc {
class Engine;
}

namespace osc::app {

// `demo --events N [--days D] [--subjects S]`: sample meters and events through the engine.
int runDemoCommand(Engine &engine, const QStringList &args);

} // namespace osc::app
