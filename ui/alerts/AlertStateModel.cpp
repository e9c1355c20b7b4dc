#include "ui/alerts/AlertStateModel.h"

#include "ui/alerts/AlertText.h"
#include "ui/common/DisplayFormat.h"
#include "ui/plans/QuotaText.h"

#include <QBrush>

namespace osc::ui {

AlertStateModel::AlertStateModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AlertStateModel::setStates(QList<AlertState> states)
{
    beginResetModel();
    m_states = std::move(states);
    endResetModel();
}

void AlertStateModel::clear()
{
    setStates({});
}

int AlertStateModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_states.size());
}

int AlertStateModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertStateModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertState &s = m_states.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case GroupColumn:
            return s.groupKey.isEmpty() ? tr("All usage") : AlertText::groupText(s.groupKey, s.groupValue);
        case StateColumn:
            return AlertText::statusText(s.status);
        case ValueColumn:
            return s.status == AlertStatus::NoData || s.status == AlertStatus::Error
                ? QString()
                : formatQuantity(s.value);
        case MessageColumn:
            return s.message;
        case UpdatedColumn:
            return formatLocalDateTime(s.updatedAtNs);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UpdatedColumn)
            return formatUtcTooltip(s.updatedAtNs);
        if (index.column() == MessageColumn)
            return s.message;
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return QBrush(AlertText::statusColor(s.status));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case StatusRole:
        return int(s.status);
    case GroupValueRole:
        return s.groupValue;
    }
    return {};
}

QVariant AlertStateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GroupColumn:
        return tr("Group");
    case StateColumn:
        return tr("State");
    case ValueColumn:
        return tr("Value");
    case MessageColumn:
        return tr("Message");
    case UpdatedColumn:
        return tr("Since");
    }
    return {};
}

} // namespace osc::ui
