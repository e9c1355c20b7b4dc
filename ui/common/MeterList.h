#pragma once

#include "auth/Principal.h"
#include "core/Result.h"
#include "model/Meter.h"

#include <QList>

namespace osc {
class Engine;
}

namespace osc::ui {

// Every meter of `owner`'s workspace, following next_cursor page by page. Call on a worker thread.
Result<QList<osc::Meter>> loadAllMeters(osc::Engine &engine, const osc::Principal &owner);

// The dimensions of `meters` by name, first definition wins: what a filter over several meters offers.
QList<osc::Dimension> dimensionUnion(const QList<osc::Meter> &meters);

} // namespace osc::ui
