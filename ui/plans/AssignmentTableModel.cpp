#include "ui/plans/AssignmentTableModel.h"

#include "plans/PlanAssignments.h"
#include "ui/common/DisplayFormat.h"

#include <QBrush>
#include <QPalette>

namespace osc::ui {

AssignmentTableModel::AssignmentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AssignmentTableModel::setAssignments(const QList<PlanAssignment> &assignments, qint64 nowNs)
{
    beginResetModel();
    m_rows = assignments;
    m_status.clear();
    for (const PlanAssignment &a : m_rows)
        m_status.append(PlanAssignments::statusAt(a, nowNs));
    endResetModel();
}

void AssignmentTableModel::clear()
{
    setAssignments({}, 0);
}

int AssignmentTableModel::rowOfSubject(const QString &subject) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].subject == subject)
            return row;
    return -1;
}

QString AssignmentTableModel::statusText(AssignmentStatus status)
{
    switch (status) {
    case AssignmentStatus::Scheduled:
        return tr("scheduled");
    case AssignmentStatus::Active:
        return tr("active");
    case AssignmentStatus::Ended:
        return tr("ended");
    }
    return {};
}

int AssignmentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AssignmentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AssignmentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlanAssignment &a = m_rows.at(index.row());
    const AssignmentStatus status = m_status.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return a.subject;
        case PlanColumn:
            return tr("%1 (v%2)").arg(a.planName).arg(a.planVersion);
        case StatusColumn:
            return statusText(status);
        case FromColumn:
            return formatLocalDateTime(a.assignedAtNs);
        case UntilColumn:
            return formatLocalDateTime(a.unassignedAtNs, noValueText());
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SubjectColumn:
            return a.subject;
        case PlanColumn:
            return a.planName.toLower();
        case StatusColumn:
            return int(status);
        case FromColumn:
            return a.assignedAtNs;
        case UntilColumn:
            return a.unassignedAtNs.value_or(std::numeric_limits<qint64>::max());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == FromColumn)
            return formatUtcTooltip(a.assignedAtNs);
        if (index.column() == UntilColumn)
            return formatUtcTooltip(a.unassignedAtNs);
        break;
    case Qt::ForegroundRole:
        // Ended rows are history: muted, so the live ones stand out.
        if (status == AssignmentStatus::Ended)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case SubjectRole:
        return a.subject;
    case PlanIdRole:
        return a.planId;
    case StatusRole:
        return int(status);
    }
    return {};
}

QVariant AssignmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case PlanColumn:
        return tr("Plan");
    case StatusColumn:
        return tr("Status");
    case FromColumn:
        return tr("From");
    case UntilColumn:
        return tr("Until");
    }
    return {};
}

} // namespace osc::ui
