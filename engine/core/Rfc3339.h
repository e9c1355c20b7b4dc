#pragma once

#include "TimeNs.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace osc::rfc3339 {

// Parses like Go's time.Parse(time.RFC3339, v): YYYY-MM-DDTHH:MM:SS, optional fraction of any length
// (digits beyond nanoseconds are truncated), then `Z` or ±HH:MM. Returns nanoseconds since the Unix
// epoch (UTC), or nullopt for anything else, including instants outside years 0001–9999 once the
// offset is applied (kMinTime..kMaxTime).
std::optional<TimeNs> parse(QStringView text);
std::optional<TimeNs> parse(std::string_view text);

// UTC, second precision, `Z` suffix; fractional seconds truncated (contract §1.4).
QString formatSeconds(TimeNs ns);
// Writes the same into `out` (at least 20 bytes) and returns the length; for hot paths.
int formatSeconds(TimeNs ns, char *out);
// UTC with all nine fractional digits; used in cursors so keyset pagination keeps full precision.
QString formatNanos(TimeNs ns);

// Calendar helpers shared by bucketing and retention (proleptic Gregorian, UTC).
struct CivilDate
{
    int year;
    unsigned month; // 1..12
    unsigned day; // 1..31
};
qint64 daysFromCivil(int year, unsigned month, unsigned day);
CivilDate civilFromDays(qint64 days);

} // namespace osc::rfc3339
