#pragma once

#include "core/Error.h"

#include <QByteArray>

namespace osc::wire {

// {"error":{"code":"…","message":"…"}} followed by a newline (contract §1.3, §1.7).
QByteArray errorEnvelope(const Error &error);

} // namespace osc::wire
