#include "model/Aggregate.h"

#include <algorithm>

namespace osc::query {

namespace {

// Keeps the capacity of `target`: event ids are fixed-length UUIDs, so after the first event
// replacing first/last is a copy, not an allocation.
void assignId(QString &target, QStringView id)
{
    // Aggregations other than first/last scan without ids: nothing to copy on every event then.
    if (id.isEmpty() && target.isEmpty() && !target.isNull())
        return;
    target.resize(id.size());
    std::copy(id.begin(), id.end(), target.data());
}

int compareQuantities(double a, double b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Order of the (time, id, quantity) keys that pick first and last.
int compareKeys(
    TimeNs timeA, QStringView idA, double quantityA, TimeNs timeB, QStringView idB, double quantityB)
{
    if (timeA != timeB)
        return timeA < timeB ? -1 : 1;
    if (const int byId = compareCodePoints(idA, idB); byId != 0)
        return byId;
    return compareQuantities(quantityA, quantityB);
}

} // namespace

int compareCodePoints(QStringView a, QStringView b)
{
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (ia == a.end())
        return ib == b.end() ? 0 : -1;
    if (ib == b.end())
        return 1;
    // Move surrogates (D800–DFFF, i.e. code points >= U+10000) above U+E000..U+FFFF.
    const auto rank = [](char16_t unit) -> int {
        if (unit >= 0xE000)
            return unit - 0x800;
        if (unit >= 0xD800)
            return unit + 0x2000;
        return unit;
    };
    return rank(ia->unicode()) < rank(ib->unicode()) ? -1 : 1;
}

void AggregateState::clear()
{
    count = 0;
    sum = min = max = 0.0;
    firstTimeNs = lastTimeNs = TimeNs();
    firstQuantity = lastQuantity = 0.0;
    if (!firstId.isEmpty())
        firstId.resize(0);
    if (!lastId.isEmpty())
        lastId.resize(0);
}

void AggregateState::add(double quantity, TimeNs eventTimeNs, QStringView id)
{
    if (count == 0) {
        count = 1;
        sum = quantity;
        min = max = quantity;
        firstTimeNs = lastTimeNs = eventTimeNs;
        firstQuantity = lastQuantity = quantity;
        assignId(firstId, id);
        assignId(lastId, id);
        return;
    }
    ++count;
    sum += quantity;
    min = std::min(min, quantity);
    max = std::max(max, quantity);
    if (compareKeys(eventTimeNs, id, quantity, firstTimeNs, firstId, firstQuantity) < 0) {
        firstTimeNs = eventTimeNs;
        firstQuantity = quantity;
        assignId(firstId, id);
    }
    if (compareKeys(eventTimeNs, id, quantity, lastTimeNs, lastId, lastQuantity) > 0) {
        lastTimeNs = eventTimeNs;
        lastQuantity = quantity;
        assignId(lastId, id);
    }
}

void AggregateState::merge(const AggregateState &other)
{
    if (other.count == 0)
        return;
    if (count == 0) {
        *this = other;
        return;
    }
    count += other.count;
    sum += other.sum;
    min = std::min(min, other.min);
    max = std::max(max, other.max);
    if (compareKeys(
            other.firstTimeNs, other.firstId, other.firstQuantity, firstTimeNs, firstId, firstQuantity)
        < 0) {
        firstTimeNs = other.firstTimeNs;
        firstQuantity = other.firstQuantity;
        firstId = other.firstId;
    }
    if (compareKeys(other.lastTimeNs, other.lastId, other.lastQuantity, lastTimeNs, lastId, lastQuantity)
        > 0) {
        lastTimeNs = other.lastTimeNs;
        lastQuantity = other.lastQuantity;
        lastId = other.lastId;
    }
}

double AggregateState::value(Aggregation aggregation, double windowSeconds) const
{
    if (count == 0)
        return 0.0;
    switch (aggregation) {
    case Aggregation::Sum:
        return sum;
    case Aggregation::Count:
        return double(count);
    case Aggregation::Avg:
        return sum / double(count);
    case Aggregation::Min:
        return min;
    case Aggregation::Max:
        return max;
    case Aggregation::First:
        return firstQuantity;
    case Aggregation::Last:
        return lastQuantity;
    case Aggregation::Rate:
        // A zero or negative window cannot occur for real buckets; answer 0 rather than inf/NaN.
        return windowSeconds > 0.0 ? double(count) / windowSeconds : 0.0;
    }
    return 0.0;
}

} // namespace osc::query
