#pragma once

#include "model/Alert.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace osc::ui {

// A desktop notification about alert transitions: what the tray shows.
struct AlertNotice
{
    bool triggered = true; // false: resolved
    QString title;
    QString message;
};

// Words one rule's triggered/resolved events as notifications. A burst (a grouped rule whose many
// groups cross at once) becomes one summary instead of a notification per group.
class AlertNotification
{
    Q_DECLARE_TR_FUNCTIONS(AlertNotification)

public:
    static constexpr int kMaxNoticesPerEvaluation = 3;

    static QList<AlertNotice> notices(const osc::AlertRule &rule, const QList<osc::AlertEvent> &events);
    // The tray icon's own texts (the tray lives in app/, its words in the catalogue here).
    static QString trayToolTip() { return tr("Open Spanner Console"); }
    static QString showWindowText() { return tr("Show window"); }
    static QString quitText() { return tr("Quit"); }
};

} // namespace osc::ui
