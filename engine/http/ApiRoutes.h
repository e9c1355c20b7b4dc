#pragma once

#include "Router.h"

namespace osc {
class Engine;
}

namespace osc::http {

// The REST surface: builds the route table over the engine. Handlers only translate between HTTP and
// the engine; every rule lives in the engine.
void addSystemRoutes(Router &router, Engine &engine);
void addMeterRoutes(Router &router, Engine &engine);
void addUsageRoutes(Router &router, Engine &engine);

Router buildApiRouter(Engine &engine);

} // namespace osc::http
