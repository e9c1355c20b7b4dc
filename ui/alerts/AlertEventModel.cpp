#include "ui/alerts/AlertEventModel.h"

#include "ui/alerts/AlertText.h"
#include "ui/common/DisplayFormat.h"
#include "ui/plans/QuotaText.h"

#include <QBrush>

#include <algorithm>

namespace osc::ui {

AlertEventModel::AlertEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AlertEventModel::setEvents(QList<AlertEvent> events, QHash<QString, QString> ruleNames)
{
    // Stable: events of one evaluation keep the engine's order.
    std::stable_sort(events.begin(), events.end(),
        [](const AlertEvent &a, const AlertEvent &b) { return a.createdAtNs > b.createdAtNs; });
    beginResetModel();
    m_events = std::move(events);
    m_ruleNames = std::move(ruleNames);
    endResetModel();
}

void AlertEventModel::clear()
{
    setEvents({}, {});
}

int AlertEventModel::rowOfEvent(const QString &id) const
{
    for (int row = 0; row < m_events.size(); ++row)
        if (m_events.at(row).id == id)
            return row;
    return -1;
}

int AlertEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AlertEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertEvent &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatLocalDateTime(e.createdAtNs);
        case TypeColumn:
            return AlertText::eventTypeText(e.type);
        case RuleColumn:
            return m_ruleNames.value(e.ruleId, e.ruleId);
        case GroupColumn:
            return AlertText::groupText(e.groupKey, e.groupValue);
        case ValueColumn:
            return e.type == AlertEventType::EvaluationFailed ? QString() : formatQuantity(e.value);
        case DeliveryColumn:
            if (e.delivery)
                return AlertText::attemptText(*e.delivery);
            // Only triggered/resolved events of the worker's evaluations are sent (§9.3).
            return e.type == AlertEventType::EvaluationFailed ? tr("not sent") : tr("pending or not sent");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return formatUtcTooltip(e.createdAtNs);
        return e.message;
    case Qt::ForegroundRole:
        if (index.column() == TypeColumn)
            return QBrush(AlertText::statusColor(e.type == AlertEventType::Triggered ? AlertStatus::Alerting
                    : e.type == AlertEventType::Resolved                             ? AlertStatus::Ok
                                                                                     : AlertStatus::Error));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case EventIdRole:
        return e.id;
    case TypeRole:
        return int(e.type);
    }
    return {};
}

QVariant AlertEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Event");
    case RuleColumn:
        return tr("Rule");
    case GroupColumn:
        return tr("Group");
    case ValueColumn:
        return tr("Value");
    case DeliveryColumn:
        return tr("Webhook");
    }
    return {};
}

} // namespace osc::ui
