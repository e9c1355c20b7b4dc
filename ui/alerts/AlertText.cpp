#include "ui/alerts/AlertText.h"

#include "ui/plans/QuotaText.h"

namespace osc::ui {

QString AlertText::statusText(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Ok:
        return tr("OK");
    case AlertStatus::Alerting:
        return tr("Alerting");
    case AlertStatus::NoData:
        return tr("No data");
    case AlertStatus::Error:
        return tr("Error");
    }
    return {};
}

QColor AlertText::statusColor(AlertStatus status)
{
    // The quota bar's palette: readable on light and dark backgrounds alike.
    switch (status) {
    case AlertStatus::Ok:
        return QColor(0x3f, 0x9a, 0x52);
    case AlertStatus::Alerting:
        return QColor(0xd6, 0x45, 0x41);
    case AlertStatus::Error:
        return QColor(0xd9, 0x8e, 0x04);
    case AlertStatus::NoData:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QString AlertText::eventTypeText(AlertEventType type)
{
    switch (type) {
    case AlertEventType::Triggered:
        return tr("Triggered");
    case AlertEventType::Resolved:
        return tr("Resolved");
    case AlertEventType::EvaluationFailed:
        return tr("Evaluation failed");
    case AlertEventType::Test:
        return tr("Test");
    }
    return {};
}

QString AlertText::comparatorSymbol(AlertComparator comparator)
{
    switch (comparator) {
    case AlertComparator::Gt:
        return QStringLiteral(">");
    case AlertComparator::Gte:
        return QStringLiteral("\u2265");
    case AlertComparator::Lt:
        return QStringLiteral("<");
    case AlertComparator::Lte:
        return QStringLiteral("\u2264");
    case AlertComparator::Eq:
        return QStringLiteral("=");
    case AlertComparator::Neq:
        return QStringLiteral("\u2260");
    }
    return {};
}

QString AlertText::conditionText(const AlertRule &rule)
{
    return tr("%1 %2 in %3")
        .arg(comparatorSymbol(rule.comparator), formatQuantity(rule.threshold),
            durationText(rule.windowSeconds));
}

QString AlertText::durationText(qint64 seconds)
{
    if (seconds >= 86'400 && seconds % 86'400 == 0)
        return tr("%1 d").arg(seconds / 86'400);
    if (seconds >= 3600 && seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds >= 60 && seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 s").arg(seconds);
}

QString AlertText::groupText(const QString &groupKey, const QString &groupValue)
{
    if (groupKey.isEmpty())
        return {};
    return tr("%1 %2").arg(groupKey, groupValue);
}

QString AlertText::attemptText(const WebhookAttempt &attempt)
{
    if (attempt.delivered)
        return attempt.statusCode ? tr("delivered (%1)").arg(*attempt.statusCode) : tr("delivered");
    return tr("failed: %1").arg(attempt.error);
}

} // namespace osc::ui
