#pragma once

#include "model/Alert.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace osc::ui {

// How the Alerts page words and colours the engine's alert vocabulary (one place, so tables, the
// editor and the tray notification agree).
class AlertText
{
    Q_DECLARE_TR_FUNCTIONS(AlertText)

public:
    static QString statusText(osc::AlertStatus status);
    static QColor statusColor(osc::AlertStatus status);
    static QString eventTypeText(osc::AlertEventType type);
    // "≥", "<", "≠"…
    static QString comparatorSymbol(osc::AlertComparator comparator);
    // "≥ 10 000 in 1 h": the condition of a rule as one short phrase.
    static QString conditionText(const osc::AlertRule &rule);
    // "1 h", "15 min", "2 d", "90 s".
    static QString durationText(qint64 seconds);
    // "subject customer-1", or "" for an ungrouped state.
    static QString groupText(const QString &groupKey, const QString &groupValue);
    // "delivered (204)", "failed: webhook returned status 500".
    static QString attemptText(const osc::WebhookAttempt &attempt);
};

} // namespace osc::ui
