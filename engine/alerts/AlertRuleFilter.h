#pragma once

#include "core/Result.h"

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace osc::alerts {

// What a rule matches besides its meter (§9.2): an optional subject and metadata equality pairs.
struct AlertRuleMatch
{
    QString subject;
    QList<QPair<QString, QString>> metadata; // keys without `metadata.`
};

// A rule's match as a §6.6 filter and back, so the console edits rules with the same filter builder as
// queries. Only what a rule can hold converts back: `eq` conditions on `subject` or `metadata.<key>`,
// alone or in `and` groups, with scalar values (compared as text, contract Q13).
class AlertRuleFilter
{
public:
    // Null when the rule matches every event of its meter; one condition, or an `and` group.
    static QJsonValue toFilter(const AlertRuleMatch &match);
    // `invalid input\n<why>` for filters a rule cannot express. Null → match everything.
    static Result<AlertRuleMatch> fromFilter(const QJsonValue &filter);
};

} // namespace osc::alerts
