#pragma once

#include "core/TimeNs.h"

#include <QString>

#include <optional>

namespace osc {
struct Error;
}

namespace osc::ui {

// How every table shows values, so the pages agree on time formats and empty cells.

// Shown in cells that have no value (a key never used, a meter with no events).
QString noValueText();
// Local time, "yyyy-MM-dd HH:mm:ss": unambiguous, sorts as text and fits a column.
QString formatLocalDateTime(TimeNs ns);
// Same, or `none` when there is no value.
QString formatLocalDateTime(const std::optional<TimeNs> &ns, const QString &none);
// The exact instant in UTC (RFC 3339), for tooltips next to local times.
QString formatUtcTooltip(const std::optional<TimeNs> &ns);
// An engine error as one readable line ("invalid input: name is required").
QString errorText(const Error &error);

} // namespace osc::ui
