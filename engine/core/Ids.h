#pragma once

#include <QString>

namespace osc {

// Lowercase UUIDv4 without braces, as upstream generates for every server-side id (contract §1.5).
QString newId();

} // namespace osc
