#pragma once

#include "model/Meter.h"
#include "model/UsageEvent.h"

#include <QByteArray>
#include <QList>

// The store's own encodings of values it keeps as JSON text: a meter's dimensions and the events a
// bulk request stored (its `Idempotency-Key` replay record). They are the store's model, not the API's:
// the wire format may change without a migration, and times keep their nanoseconds.
namespace osc::sqlite {

QByteArray dimensionsRecord(const QList<Dimension> &dimensions);
QList<Dimension> dimensionsFromRecord(const QByteArray &record);

QByteArray eventsRecord(const QList<UsageEvent> &events);
// Also reads the records of databases written before this encoding (the API's event JSON, whose
// times are RFC 3339 text).
QList<UsageEvent> eventsFromRecord(const QByteArray &record);

} // namespace osc::sqlite
