#include "ui/alerts/AlertNotification.h"

#include "ui/alerts/AlertText.h"
#include "ui/plans/QuotaText.h"

namespace osc::ui {

QList<AlertNotice> AlertNotification::notices(const AlertRule &rule, const QList<AlertEvent> &events)
{
    QList<const AlertEvent *> transitions;
    for (const AlertEvent &event : events)
        if (event.type == AlertEventType::Triggered || event.type == AlertEventType::Resolved)
            transitions.append(&event);
    QList<AlertNotice> out;
    if (transitions.size() > kMaxNoticesPerEvaluation) {
        int triggered = 0;
        for (const AlertEvent *event : transitions)
            triggered += event->type == AlertEventType::Triggered ? 1 : 0;
        AlertNotice summary;
        summary.triggered = triggered > 0;
        summary.title = tr("Alert \u201c%1\u201d").arg(rule.name);
        summary.message = tr("%1 groups triggered, %2 resolved (%3)")
                              .arg(triggered)
                              .arg(transitions.size() - triggered)
                              .arg(rule.meter);
        out.append(summary);
        return out;
    }
    for (const AlertEvent *event : transitions) {
        AlertNotice notice;
        notice.triggered = event->type == AlertEventType::Triggered;
        notice.title = notice.triggered ? tr("Alert triggered: %1").arg(rule.name)
                                        : tr("Alert resolved: %1").arg(rule.name);
        QString message
            = tr("%1 is %2 (threshold %3 %4 in %5)")
                  .arg(rule.meter, formatQuantity(event->value), AlertText::comparatorSymbol(rule.comparator),
                      formatQuantity(rule.threshold), AlertText::durationText(rule.windowSeconds));
        if (!event->groupKey.isEmpty())
            message = tr("%1 for %2").arg(message, AlertText::groupText(event->groupKey, event->groupValue));
        notice.message = message;
        out.append(notice);
    }
    return out;
}

} // namespace osc::ui
