#pragma once

#include "core/TimeNs.h"

#include "model/Aggregate.h"
#include "model/UsageEvent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace osc::rollup {

// Which rollup table (and granularity) a row belongs to.
enum class Granularity
{
    Hour = 0,
    Day = 1,
};

// A dimension rollup row's key: all subjects of one (meter, bucket, dimension projection, writing API
// key). The key is part of it so usage by API key reads rollups like a dimension (migration 12).
struct DimensionKey
{
    QString workspaceId;
    QString meter;
    TimeNs bucketStartNs;
    QByteArray dimensions; // projectDimensions() bytes
    QString apiKeyId; // UsageEvent::apiKeyId; empty = written without a key
    bool operator==(const DimensionKey &) const = default;
};

// A subject rollup row's key: one subject of one meter in one UTC hour, dimensions summed over.
struct SubjectKey
{
    QString workspaceId;
    QString meter;
    TimeNs bucketStartNs;
    QString subject;
    bool operator==(const SubjectKey &) const = default;
};

// One subject's totals in one meter, behind GET /v1/subjects.
struct SubjectMeterKey
{
    QString workspaceId;
    QString subject;
    QString meter;
    bool operator==(const SubjectMeterKey &) const = default;
};

struct SubjectMeterTally
{
    qint64 events = 0;
    TimeNs lastEventNs;
};

size_t qHash(const DimensionKey &key, size_t seed = 0);
size_t qHash(const SubjectKey &key, size_t seed = 0);
size_t qHash(const SubjectMeterKey &key, size_t seed = 0);

using SubjectMeterTallies = QHash<SubjectMeterKey, SubjectMeterTally>;

// Adds one stored event to a subject's totals in one meter.
void tally(SubjectMeterTallies &tallies, const QString &workspaceId, const UsageEvent &event);

// What a set of stored events adds to the rollup tables. The rollup maintainer folds many commits'
// events into one delta and applies it with one upsert per distinct key, so the cost grows with the
// number of distinct (hour, dimensions) and (hour, subject) pairs, not with the number of events.
struct RollupDelta
{
    QHash<DimensionKey, query::AggregateState> hours;
    QHash<DimensionKey, query::AggregateState> days;
    QHash<SubjectKey, query::AggregateState> subjectHours;

    // `dimensions` is the event's projection for the meter's current dimension signature.
    void add(const QString &workspaceId, const UsageEvent &event, const QByteArray &dimensions);
    bool isEmpty() const { return hours.isEmpty(); }
    void clear();
};

} // namespace osc::rollup
