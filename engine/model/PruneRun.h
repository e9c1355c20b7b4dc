#pragma once

#include <QList>
#include <QString>

namespace osc {

// One meter's part of a retention prune (contract §6.11).
struct PruneMeterResult
{
    QString meter;
    qint64 beforeNs = 0; // events with event_time < before were (or would be) deleted
    qint64 deleted = 0;
};

struct PruneRun
{
    QString id;
    qint64 deleted = 0;
    bool dryRun = false;
    QList<PruneMeterResult> meters;
    qint64 createdAtNs = 0;
};

} // namespace osc
