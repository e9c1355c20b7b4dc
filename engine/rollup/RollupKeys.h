#pragma once

#include "core/TimeNs.h"
#include "model/Meter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace osc::rollup {

// Pre-aggregated usage (the rollup tables) is keyed by UTC hour and UTC day. Times are ns since the
// epoch, as everywhere in the store.
inline constexpr qint64 kHourNs = 3'600'000'000'000LL;
inline constexpr qint64 kDayNs = 24 * kHourNs;

// Start of the hour/day holding `ns` (floor, also before 1970).
TimeNs floorTo(TimeNs ns, qint64 unitNs);
TimeNs ceilTo(TimeNs ns, qint64 unitNs);

// What a rollup row's `metadata` column holds for one event: the event's metadata restricted to the
// meter's dimension paths (nested the way §4.8 stores dotted names), written by the same compact JSON
// writer as the event itself. JSON paths that name a dimension therefore read the same value from the
// projection as from the full metadata: group values, filters and `metadata.*` query parameters on
// dimensions give identical answers on rollups and raw events.
QByteArray projectDimensions(const Meter &meter, const QJsonObject &metadata);
// From stored metadata bytes (rebuilds).
QByteArray projectDimensions(const Meter &meter, const QByteArray &metadataJson);

// Identifies which dimension paths a projection was made for. Rollups built under another signature
// (the meter's dimensions changed since) are rebuilt before queries use them again.
QByteArray dimensionSignature(const Meter &meter);

// projectDimensions() prepared for one meter definition: paths split and keys sorted once, the
// signature computed once. Ingestion projects every event, so this is on the hot path.
class DimensionProjector
{
public:
    explicit DimensionProjector(const Meter &meter);

    QByteArray project(const QJsonObject &metadata) const;
    const QByteArray &signature() const { return m_signature; }
    const QList<Dimension> &dimensions() const { return m_dimensions; }

private:
    QList<Dimension> m_dimensions;
    QByteArray m_signature;
    // Every dimension is a top-level key: the projection is written directly, keys in UTF-8 byte order
    // as compactJson() sorts them.
    bool m_flat = true;
    QList<QString> m_sortedKeys;
};

// The calling thread's projector for `meter` (rebuilt when the meter's dimensions change).
const DimensionProjector &projectorFor(const Meter &meter);

// A metadata path (split on '.') that rollups can answer: exactly one of the meter's dimensions.
bool isDimensionPath(const Meter &meter, const QStringList &path);

} // namespace osc::rollup
