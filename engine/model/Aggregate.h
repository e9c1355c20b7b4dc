#pragma once

#include "core/TimeNs.h"

#include "model/Meter.h"

#include <QString>
#include <QStringView>

namespace osc::query {

// Running state of one aggregation window (a bucket, a breakdown value, an alert or entitlement
// window). It keeps what every mode of contract §6.3 needs, so one scan serves any aggregation and
// pre-aggregated rollups combine with raw-event scans through merge().
//
// first/last are decided by the key (event time, id, quantity): first = smallest key, last = largest.
// The id breaks time ties as the contract says; the quantity only breaks exact (time, id) ties so
// that merge() stays commutative even for duplicated rows. Ids compare in code-point order, which is
// the byte order of their UTF-8 form used upstream.
//
// A state built only from rollup totals (count/sum/min/max) carries no first/last information and
// must not be used for the first/last modes.
struct AggregateState
{
    qint64 count = 0;
    double sum = 0.0;
    double min = 0.0;
    double max = 0.0;
    TimeNs firstTimeNs;
    QString firstId;
    double firstQuantity = 0.0;
    TimeNs lastTimeNs;
    QString lastId;
    double lastQuantity = 0.0;

    bool isEmpty() const { return count == 0; }
    // Back to the empty state, keeping the id strings' capacity for the next window's events.
    void clear();

    // Per event in scans: no allocation once the id strings have reached their (fixed) length.
    void add(double quantity, TimeNs eventTimeNs, QStringView id);
    // Associative and commutative (sums exactly so when the quantities add without rounding).
    void merge(const AggregateState &other);
    // The §6.3 value. `windowSeconds` is only read by `rate` (count ÷ window). Callers never report
    // empty states; for one this returns 0 rather than dividing by zero.
    double value(Aggregation aggregation, double windowSeconds) const;
};

// first/last break ties by event id, so their scans read the ids (a string copy per row otherwise saved).
inline bool needsEventIds(Aggregation aggregation)
{
    return aggregation == Aggregation::First || aggregation == Aggregation::Last;
}

// Code-point order of two UTF-16 strings (= UTF-8 byte order); plain UTF-16 code-unit order differs
// once a surrogate pair meets a character in U+E000..U+FFFF.
int compareCodePoints(QStringView a, QStringView b);

} // namespace osc::query
