#pragma once

#include <QJsonValue>
#include <QString>

namespace osc {

// A raw-event query as it arrives from a door (REST query string or body, GUI, CLI). Times and the
// filter stay unparsed so every door gets the same codes and messages (contract §6.9, §7.2).
struct EventSearch
{
    QString subject; // empty = every subject
    QString meter; // empty = every meter
    QString from; // RFC 3339, empty = unbounded (inclusive)
    QString to; // RFC 3339, empty = unbounded (exclusive)
    qint64 limit = 0; // 0 = default
    QString cursor;
    QJsonValue filter; // §6.6 node; Undefined/null = none
};

} // namespace osc
