#include "ui/alerts/DeliveryAttemptModel.h"

#include "ui/alerts/AlertText.h"
#include "ui/common/DisplayFormat.h"

#include <QBrush>

#include <algorithm>

namespace osc::ui {

DeliveryAttemptModel::DeliveryAttemptModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DeliveryAttemptModel::setAttempts(QList<WebhookAttempt> attempts)
{
    std::stable_sort(attempts.begin(), attempts.end(),
        [](const WebhookAttempt &a, const WebhookAttempt &b) { return a.attemptedAtNs < b.attemptedAtNs; });
    beginResetModel();
    m_attempts = std::move(attempts);
    endResetModel();
}

void DeliveryAttemptModel::clear()
{
    setAttempts({});
}

int DeliveryAttemptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int DeliveryAttemptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveryAttemptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookAttempt &a = m_attempts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case AttemptedColumn:
            return formatLocalDateTime(a.attemptedAtNs);
        case ResultColumn:
            return a.delivered ? tr("Delivered") : tr("Failed");
        case StatusCodeColumn:
            return a.statusCode ? QVariant(*a.statusCode) : QVariant(QString());
        case DurationColumn:
            return tr("%1 ms").arg(a.durationMs);
        case ErrorColumn:
            return a.error;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == AttemptedColumn)
            return formatUtcTooltip(a.attemptedAtNs);
        if (index.column() == ErrorColumn && !a.error.isEmpty())
            return a.error;
        break;
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn)
            return QBrush(AlertText::statusColor(a.delivered ? AlertStatus::Ok : AlertStatus::Alerting));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == StatusCodeColumn
            || index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DeliveredRole:
        return a.delivered;
    }
    return {};
}

QVariant DeliveryAttemptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case AttemptedColumn:
        return tr("Attempted");
    case ResultColumn:
        return tr("Result");
    case StatusCodeColumn:
        return tr("HTTP");
    case DurationColumn:
        return tr("Took");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

} // namespace osc::ui
