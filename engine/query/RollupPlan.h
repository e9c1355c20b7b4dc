#pragma once

#include "store/UsageScans.h"

#include <QList>
#include <QtGlobal>

namespace osc::query {

// Splits [fromNs, toNs) into stretches answerable from the rollup tables and raw-event edges, so that
// no rollup row straddles a bucket boundary or the range's ends. `boundaries` are the bucket starts of
// BucketCalendar::boundaries(). Inside each bucket the UTC days wholly inside it come from day
// rollups (when `useDays`), the remaining whole UTC hours from hour rollups, and the partial hours at
// the bucket's edges from raw events (a zone at +05:30 leaves half an hour per edge; minute buckets
// are raw throughout). Adjacent stretches of one source are merged. Result is sorted and covers
// [fromNs, toNs) exactly once.
QList<ScanSegment> planSegments(const QList<TimeNs> &boundaries, TimeNs fromNs, TimeNs toNs, bool useDays);

} // namespace osc::query
